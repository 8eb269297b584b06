"""Cross-checks across files: what no single file can know about itself."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from generator import body_slips, headings, images, linkcheck, nesting, site_markdown, slips, wordless
from generator.attachment_names import accents_shown, case_key, same_name
from generator.awardbook import AwardBook
from generator.images import is_photo, is_stripped
from generator.languages import direction, written_right_to_left
from generator.markdown_text import Section, level2_sections, may_have_an_empty_section
from generator.model.common import UK, digits_meant
from generator.model.story import Metric, StoryMeta, Unit, line_breaks
from generator.model.strategy import Strategy, SuccessCriterion, column_unit, series_unit
from generator.paths import (
    PathRefused,
    address_kind,
    is_address,
    pack_file_name,
    pack_name_key,
    pack_name_problem,
    resolve_inside,
)
from generator.problems import Problem, Severity
from generator.project import Layout
from generator.public import keeps_camera_data, runs_in_browser
from generator.reading.errors import field_name
from generator.reading.series import QUOTED_CHARS, Table, number, period_problems, quoted
from generator.reading.stories import severity_for
from generator.sanitize import early_note_ends, pictures_without_alt, removals, unclosed_comment
from generator.story import Story, UnusableStory

if TYPE_CHECKING:
    from generator.catalogue import Award

REVIEW_AGE = timedelta(days=365)


def did_you_mean(value: str, options: Iterable[str]) -> str:
    close = close_match(value, options)
    return f" (did you mean {close}?)" if close else ""


def close_match(value: str, options: Iterable[str]) -> str | None:
    """The one of `options` closest to `value`, if any is close (what did-you-mean offers)."""
    close = difflib.get_close_matches(value, list(options), n=1, cutoff=0.6)
    return close[0] if close else None


def _listing(options: Iterable[str]) -> str:
    names = sorted(options)
    return ", ".join(names) if names else "none yet"


class PathMemo:
    """Path checks remembered for one pass over a project: shared evidence is resolved once."""

    def __init__(self, verdicts: images.Verdicts | None = None) -> None:
        self._refusals: dict[tuple[Path, str], str | None] = {}
        self._kinds: dict[Path, str | None] = {}
        self._empty: dict[Path, bool] = {}
        self._photos: dict[Path, str | None] = {}
        self._folder: str | None = None
        self.verdicts = verdicts
        """Photo verdicts kept between runs (`images.refusal`), if any."""

    def refusal(self, folder: Path, written: str, root: Path, folder_name: str) -> str | None:
        """Why `written` (relative to `folder`) cannot be used, or None when it can."""
        key = (folder, written)
        if key not in self._refusals:
            try:
                resolve_inside(folder, written, root, folder_name)
                self._refusals[key] = None
            except PathRefused as exc:
                self._refusals[key] = str(exc)
        return self._refusals[key]

    def folder_name(self, layout: Layout) -> str:
        """The evidence folder as the project names it (once per pass)."""
        if self._folder is None:
            self._folder = layout.relative(layout.evidence)
        return self._folder

    def photo_refusal(self, path: Path) -> str | None:
        """`images.refusal` of the picture at `path`, judged once per pass (it reads the
        whole file: evidence cited by many stories was read once per story)."""
        if path not in self._photos:
            self._photos[path] = images.refusal(path, self.verdicts)
        return self._photos[path]

    def empty(self, path: Path) -> bool:
        """Whether the file at `path` has no bytes, looked at once per pass."""
        if path not in self._empty:
            self._empty[path] = _empty(path)
        return self._empty[path]

    def picture_kind(self, path: Path) -> str | None:
        """`images.picture_kind` of `path`, looked at once per pass (evidence is shared)."""
        if path not in self._kinds:
            self._kinds[path] = images.picture_kind(path)
        return self._kinds[path]


def check_story(story: Story, layout: Layout, outcome_ids: set[str] | None,
                memo: PathMemo | None = None) -> list[Problem]:
    """Everything about one valid story that needs other files to judge.

    Pass the same `memo` for every story of one pass to resolve each evidence path once.
    """
    severity = severity_for(story)
    memo = memo or PathMemo()
    found = [
        *_outcomes(story, outcome_ids),
        *_evidence(story, layout, memo),
        *_sources(story),
        *_metric_ids(story),
        *slips.percent_fractions(story),
        *slips.file_name_characters(story),
        *slips.file_name_date(story),
        *_image(story, layout, memo.verdicts),
        *linkcheck.problems(story, layout, memo.verdicts),
        *headings.problems(story),
        *wordless.problems(story),
        *body_slips.problems(story),
        *nesting.problems(story),
        *site_markdown.problems(story),
        *(Problem(story.path, line, "body", '<img> has no alt text: add alt="what it shows" '
                  '(alt="" only for a picture that adds nothing to the words)')
          for line in pictures_without_alt(story.body, story.body_line)),
    ]
    found = [Problem(p.path, p.line, p.field, p.message, severity) if p.is_error else p
             for p in found]
    notes = [] if story.notes_closed else list(_unclosed_notes(story, (), story.located.data))
    return found + list(_markup(story)) + notes + _unclosed_body_note(story) + \
        list(_line_breaks(story)) + _empty_sections(story) + list(_curly_quoted(story)) + \
        list(_right_to_left(story))


def _right_to_left(story: Story) -> Iterator[Problem]:
    """A warning where a story's title or summary is in a right-to-left script and the story
    gives no language, or a left-to-right one (language: uk is Ukrainian): its page would
    show it left to right, in another language's voice."""
    language = getattr(story.meta, "language", None)
    if language is not None and direction(language) == "rtl":
        return
    for field in ("title", "summary"):
        if not written_right_to_left(str(getattr(story.meta, field, None) or "")):
            continue
        if language is None:
            yield _problem(story, (field,), field,
                           "is written right to left: add the story's language as a tag "
                           "(language: ar for Arabic, he for Hebrew, fa for Persian, ur for "
                           "Urdu) so that its page reads right to left and screen readers speak "
                           "it in that language", Severity.WARNING)
        else:
            yield _problem(story, ("language",), "language",
                           f"{language} is a language written left to right, but the story's "
                           f"{field} is written right to left: give the story's own language "
                           "(ar for Arabic, he for Hebrew, fa for Persian, ur for Urdu)",
                           Severity.WARNING)
        return


_CURLY_PAIRS = (("“", "”"), ("‘", "’"), ("«", "»"), ("„", "“"))
_CURLY_OPENERS = frozenset(pair[0] for pair in _CURLY_PAIRS)


def _curly_quoted(story: Story) -> Iterator[Problem]:
    """A warning where a field's text is wholly inside curly quotes, as Word types them: YAML
    reads them as part of the text, so the page shows them (and “Libraries” is another
    service than Libraries)."""
    meta = story.meta
    texts: list[tuple[tuple[str | int, ...], object]] = [
        *(((name,), getattr(meta, name, None)) for name in ("title", "summary", "service")),
        *((("tags", i), tag) for i, tag in story.numbered("tags", meta.tags)),
        *((("partners", i), partner) for i, partner in story.numbered("partners", meta.partners)),
        *((("metrics", i, part), getattr(metric, part))
          for i, metric in story.numbered("metrics", meta.metrics) for part in ("label", "period")),
        *((("quotes", i, part), getattr(quote, part))
          for i, quote in story.numbered("quotes", meta.quotes) for part in ("text", "by", "role")),
        (("image", "alt"), meta.image.alt if meta.image else None),
    ]
    for where, text in texts:
        message = curly_quoted(text)
        if message:
            yield _problem(story, where, field_name(where), message, Severity.WARNING)


def curly_quoted(text: object) -> str | None:
    """What check says of a value wholly inside Word's curly quotes (“Libraries”), or None."""
    value = str(text or "")
    if value[:1] not in _CURLY_OPENERS:  # most text: no pair to look for
        return None
    if value.endswith('"') and len(value) > 2:  # “opened curly, closed straight"
        return (f"starts with a curly quote ({value[0]}) and ends with a straight one "
                f"({value[-1]}): the site and packs show both as part of the text: take them "
                "out, or type straight double quotes \" at both ends if you meant YAML's quotes")
    # wholly inside one pair: “Digital first”, “cloud first” is two quoted phrases
    pair = next((p for p in _CURLY_PAIRS if value.startswith(p[0]) and value.endswith(p[1])
                 and len(value) > 2 and p[1] not in value[1:-1]), None)
    if pair is None:
        return None
    return (f"is inside curly quotes ({pair[0]}…{pair[1]}), which the site and packs show as "
            "part of the text: take them out, or type straight double quotes \" if you meant "
            "YAML's quotes")


def _empty_sections(story: Story) -> list[Problem]:
    """A warning at each `##` heading with nothing under it but an internal note, blank
    lines (as the template leaves them) or text the page shows nothing of, from review on:
    the page would publish an empty heading. A draft is work in progress. "Empty" is as the pack judges it
    (`markdown_text.level2_sections`)."""
    if story.meta.status == "draft" or not may_have_an_empty_section(story.body):
        return []  # the guess spares converting every body (it doubled check's work)
    return [Problem(story.path, story.body_line + part.row, "body",
                    f'has nothing under its heading "{part.heading}"'
                    f"{_what_is_under(part)}: write the section, or remove the heading",
                    Severity.WARNING)
            for part in level2_sections(story.body) if not part.text]


def _what_is_under(part: Section) -> str:
    if part.unseen:
        return " (only what the page does not show: a removed script, a footnote or link " \
               "definition, a space)"
    return " (only an internal note)" if part.noted else ""




def _unclosed_body_note(story: Story) -> list[Problem]:
    """A warning where the body opens an internal note it never closes: the rest of the story
    is left out of its page, feeds and packs."""
    start = unclosed_comment(story.body)
    if start is None:
        return []
    line = story.body_line + story.body.count("\n", 0, start)
    return [Problem(story.path, line, "body", 'an internal note "<!--" is never closed with '
                    '"-->": everything after it, to the end of the story, is left out',
                    Severity.WARNING)]


def _unclosed_notes(story: Story, path: tuple[str | int, ...], value: object) -> Iterator[Problem]:
    """A warning for each front-matter text whose `<!--` is never closed: the note runs to
    the end of the text, and all of that is left out."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _unclosed_notes(story, (*path, str(key)), item)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _unclosed_notes(story, (*path, index), item)
    elif isinstance(value, str) and "<!--" in value and not _NOTE_END.search(value.split("<!--")[-1]):
        yield _problem(story, path, _field_name(path),
                       'an internal note "<!--" is never closed with "-->": everything after it '
                       "is left out", Severity.WARNING)
    elif isinstance(value, str) and early_note_ends(value):
        yield _problem(story, path, _field_name(path), body_slips.EARLY_END, Severity.WARNING)


def _line_breaks(story: Story) -> Iterator[Problem]:
    """A warning for each one-line field (title, service, a tag, partner, metric label or
    quote's name) written with a line break, which is read as a space."""
    for path in line_breaks(StoryMeta, story.located.data):
        noun = _LINE_NOUNS.get(str(next(p for p in reversed(path) if isinstance(p, str))), "text")
        yield _problem(story, path, _field_name(path), f"has a line break, read as a space: write "
                       f"the {noun} on one line", Severity.WARNING)


_LINE_NOUNS = {"title": "title", "service": "service", "tags": "tag", "partners": "partner",
               "label": "label", "by": "name"}


_NOTE_END = re.compile(r"-->")
"""Where a note ends (`sanitize.COMMENT`): at `-->`; a `--!>` does not end it."""


def _field_name(path: tuple[str | int, ...]) -> str:
    """("metrics", 0, "label") as metrics[0].label."""
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path).lstrip(".")


def _problem(story: Story, loc: tuple[str | int, ...], field: str, message: str,
             severity: Severity = Severity.ERROR) -> Problem:
    return Problem(story.path, story.located.line_of(loc), field, message, severity)


def _outcomes(story: Story, outcome_ids: set[str] | None) -> Iterator[Problem]:
    if outcome_ids is None:
        return
    for index, outcome in story.numbered("outcomes", story.meta.outcomes):
        if outcome not in outcome_ids:
            yield _problem(story, ("outcomes", index), f"outcomes[{index}]",
                           f'unknown outcome "{outcome}"{did_you_mean(outcome, outcome_ids)}; '
                           f"the outcomes in data/strategy.yml are {_listing(outcome_ids)}")


def _evidence(story: Story, layout: Layout, memo: PathMemo) -> Iterator[Problem]:
    seen: set[str] = set()
    folder = memo.folder_name(layout)
    for index, item in story.numbered("evidence", story.meta.evidence):
        if item.id in seen:
            yield _problem(story, ("evidence", index, "id"), f"evidence[{index}].id",
                           f'"{item.id}" is used twice in this story: give each evidence file its own id')
        seen.add(item.id)
        where = ("evidence", index, "path")
        field = f"evidence[{index}].path"
        if is_address(item.path):
            yield _problem(story, where, field, _address_refusal(item.path, folder))
            continue
        refusal = memo.refusal(layout.evidence, item.path, layout.root, folder)
        if refusal is not None and address_kind(item.path, loose=True):  # mailto:, www.
            refusal = _address_refusal(item.path, folder)
        if refusal is not None:
            yield _problem(story, where, field, refusal)
            continue
        source = layout.evidence / item.path.strip()
        kind = memo.picture_kind(source)  # by its bytes: a TIFF named .dat is a TIFF
        if item.public and runs_in_browser(item.path):
            refusal = (f'"{item.path}" is a {_suffix(item.path)} file, which a browser would run as '
                       "part of the site: keep it private (public: false) or publish it as PDF")
        elif item.public and keeps_camera_data(item.path):
            refusal = (f'"{item.path}" is a {_suffix(item.path)} photo, whose camera data (when '
                       "and where it was taken) cannot be removed: save it as JPEG or PNG to "
                       "publish it, or keep it private (public: false)")
        elif kind in images.CAMERA_KINDS:  # as a .tif is; a pack sends a private one as it is
            if item.public:
                refusal = (f'"{item.path}": {images.camera_refusal(kind or "")}, or keep it '
                           "private (public: false)")
        elif is_stripped(item.path) or kind is not None:  # published and packed stripped
            refused = memo.photo_refusal(source)
            if refused and item.public:
                refusal = f'"{item.path}": {refused}'
            elif refused:  # only a pack would send it: it leaves it out
                yield _problem(story, where, field, f'"{item.path}": {refused} (an award pack '
                               "leaves it out until then)", Severity.WARNING)
        if refusal is not None:
            yield _problem(story, where, field, refusal)
        elif memo.empty(source):
            yield _problem(story, where, field, f'"{item.path}" is empty (0 bytes): readers and '
                           "judges would get nothing; save the real file in its place",
                           Severity.WARNING)


def _address_refusal(written: str, folder: str) -> str:
    """What to write instead of an address (`address_kind`) as an evidence path: a web
    address belongs in a metric's source, as https://."""
    text = written.strip()
    kind = address_kind(text, loose=True) or "a web address"
    try:
        name = PurePosixPath(urlsplit(text).path).name
    except ValueError:  # https://[x: not an address urllib can take apart
        name = ""
    named = kind in ("a web address", "a file address") and "." in name.strip(".")
    example = f", e.g. {name}" if named else ""
    get = {"a file address": f"copy the file into {folder}/",
           "an email address": f"save the file, e.g. the email's attachment, into {folder}/",
           "a data address": f"save what it holds as a file in {folder}/",
           }.get(kind, f"download the file into {folder}/")
    said = (f'"{written}" is {kind}: an evidence path names a file in {folder}/ ({get} and '
            f"write its name here{example})")
    if kind != "a web address":
        return said
    scheme, _, rest = text.partition("://")
    if not rest:  # www.example.org/x.csv
        scheme, rest = "https", text
    if scheme.casefold() not in ("http", "https"):  # ftp://
        return f"{said}; a web address belongs in a metric's source, as an https:// address"
    return f"{said}; a web address belongs in a metric's source (source: https://{rest})"


def _empty(path: Path) -> bool:
    try:
        return path.is_file() and path.stat().st_size == 0
    except OSError:
        return False


def _suffix(path: str) -> str:
    return PurePosixPath(path.strip()).suffix.lower() or "suffixless"


def _sources(story: Story) -> Iterator[Problem]:
    ids = {item.id for item in story.meta.evidence} | _written_ids(story)
    for index, metric in story.numbered("metrics", story.meta.metrics):
        loc = ("metrics", index, "source")
        if metric.source is None:
            yield _problem(story, ("metrics", index), f"metrics[{index}].source",
                           "has no source: add source: <an evidence id of this story> or an "
                           "https:// address", Severity.WARNING)
        elif metric.source.startswith("https://"):
            continue
        elif metric.source.startswith("http://"):
            yield _problem(story, loc, f"metrics[{index}].source",
                           f'"{metric.source}" is not a secure address: write '
                           f'https://{metric.source.removeprefix("http://")}')
        elif metric.source not in ids:
            hint = did_you_mean(metric.source, ids)
            listed = (f"the evidence ids are {_listing(ids)}" if ids else
                      f"this story lists no evidence yet: add it under evidence: with id: "
                      f"{metric.source}, or give an https:// address")
            yield _problem(story, loc, f"metrics[{index}].source",
                           f'"{metric.source}" is neither an evidence id of this story nor an '
                           f"https:// address{hint}; {listed}")


def _written_ids(story: Story) -> set[str]:
    """The ids of evidence entries as written, valid or not (a story with field errors has
    only its valid entries in `meta`: a source naming another is not wrong for that)."""
    written = story.located.data.get("evidence") if isinstance(story.located.data, dict) else None
    entries = written if isinstance(written, list) else []
    return {entry["id"] for entry in entries
            if isinstance(entry, dict) and isinstance(entry.get("id"), str)}


def _metric_ids(story: Story) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for index, metric in story.numbered("metrics", story.meta.metrics):
        key = metric.key
        if key in seen:
            yield _problem(story, ("metrics", index), f"metrics[{index}].id",
                           f'"{key}" is also the id of metrics[{seen[key]}]: give each metric '
                           "its own id (or a different label)")
        seen.setdefault(key, index)


def _image(story: Story, layout: Layout, verdicts: images.Verdicts | None) -> Iterator[Problem]:
    image = story.meta.image
    if image is None:
        return
    story_dir = (layout.root / story.path).parent
    try:
        resolve_inside(story_dir, image.src, layout.root, layout.relative(story_dir))
    except PathRefused as exc:
        yield _problem(story, ("image", "src"), "image.src", str(exc))
        return
    if not (story_dir / image.src).resolve().is_relative_to(layout.stories.resolve()):
        yield _problem(story, ("image", "src"), "image.src",
                       f"must be inside {layout.relative(layout.stories)}/")
    elif not is_photo(image.src.strip()):  # SVG can run script; others keep location data
        yield _problem(story, ("image", "src"), "image.src",
                       f'"{image.src}" is a {_suffix(image.src)} file: a lead image must be a '
                       "JPEG, PNG or WebP photo (save it as one of those)")
    elif (story_dir / image.src).is_file():  # the build publishes it without its metadata
        refused = images.refusal(story_dir / image.src, verdicts)
        if refused:
            yield _problem(story, ("image", "src"), "image.src", f'"{image.src}": {refused}')


def _markup(story: Story) -> Iterator[Problem]:
    for removal in removals(story.body, story.body_line):
        advice = ("a page loads nothing from another site: keep the picture in the project, "
                  "beside the story (e.g. media/photo.jpg)" if removal.what.startswith("picture from")
                  else "link to an https:// address instead" if " link" in removal.what
                  else "the element is kept without it" if " attribute" in removal.what
                  else "so is all it holds" if removal.what in ("<script> element", "<style> element")
                  else "the words inside it are kept; Markdown formats text (**bold**, lists, "
                       "tables)")
        yield Problem(story.path, removal.line, "body",
                      f"{removal.what} is removed from the published page (only safe HTML "
                      f"is kept): {advice}", Severity.WARNING)


def check_slugs(stories: list[Story], unusable: list[UnusableStory]) -> list[Problem]:
    """Every story slug is unique, ignoring case."""
    first: dict[str, str] = {}
    found = []
    named = [(s.path, s.slug, s.line_of("slug") if s.meta.slug else 1) for s in stories]
    for path, slug, line in sorted(named + [(u.path, u.slug, 1) for u in unusable]):
        key = slug.casefold()
        if key in first:
            found.append(Problem(path, line, "slug",
                                 f'"{slug}" is also the slug of {first[key]} (slugs must differ, '
                                 'ignoring case): rename one file or add a line "slug: ..." '
                                 "with a different slug"))
        else:
            first[key] = path
    return found


def check_metric_agreement(stories: list[Story]) -> list[Problem]:
    """Warn where two stories quote the same metric label with different values."""
    seen: dict[tuple[str, str], tuple[Story, Metric]] = {}
    found = []
    for story in sorted(stories, key=lambda s: s.path):
        for index, metric in enumerate(story.meta.metrics):
            key = (metric.label.casefold(), metric.period or "")
            earlier = seen.setdefault(key, (story, metric))
            if earlier[0] is story or earlier[1].value == metric.value:
                continue
            found.append(Problem(
                story.path, story.located.line_of(("metrics", index, "value")),
                f"metrics[{index}].value",
                f'"{metric.label}" is {metric.value} here but {earlier[1].value} in '
                f"{earlier[0].path}: make them agree, or label them differently",
                Severity.WARNING))
    return found


def check_site_links(stories: list[Story], unusable: list[UnusableStory],
                     layout: Layout, now: datetime,
                     partial: Sequence[Story] = ()) -> list[Problem]:
    """Links into the site (to story pages by their addresses, to evidence files) and metric
    sources there, judged against every story of the project as it is at `now`: of the
    valid `stories`, and of the `partial` ones (stories with field errors, as far as their
    valid fields go), whose authors would otherwise hear of a link a run late."""
    known = linkcheck.KnownStories.of(stories, [(u.path, u.slug, u.status) for u in unusable],
                                      layout, now)
    return [problem for story in sorted([*stories, *partial], key=lambda s: s.path)
            for problem in linkcheck.site_link_problems(story, known, layout)]


def check_same_titles(stories: list[Story]) -> list[Problem]:
    """Warn where two stories that are not drafts have one title: listings, search results and
    feeds would show two stories a reader cannot tell apart."""
    first: dict[str, Story] = {}
    found = []
    for story in sorted(stories, key=lambda s: s.path):
        if story.status.value == "draft":
            continue
        earlier = first.setdefault(" ".join(story.title.casefold().split()), story)
        if earlier is not story:
            found.append(Problem(
                story.path, story.line_of("title"), "title",
                f'"{story.title}" is also the title of {earlier.path}: give each story its own '
                "title, so that readers can tell them apart in listings, search and feeds",
                Severity.WARNING))
    return found


def check_shared_addresses(stories: list[Story]) -> list[Problem]:
    """Warn where two different tags (or services) get one web address, and so one listing
    page: "C++" and "C#" are both tags/c/. Names that differ only in case, spaces or hyphens
    ("Cloud", "cloud") are meant to share it and are not warned about."""
    from generator.site import urls  # here: the site package imports the catalogue, this module

    found = []
    for field in ("tags", "service"):
        first: dict[str, tuple[str, str]] = {}
        spelt: dict[str, tuple[str, str]] = {}  # by the address with "&" read as "and"
        for story in sorted(stories, key=lambda s: s.path):
            names = story.meta.tags if field == "tags" else [story.meta.service]
            own: dict[str, int] = {}
            kind = f"{field.rstrip('s')}s"
            for index, name in enumerate(names):
                address = urls.key(name)
                where = ("tags", index) if field == "tags" else ("service",)
                line = story.located.line_of(where)
                if address in own:  # Café and café in one story: one tag, shown twice
                    found.append(Problem(story.path, line, f"tags[{index}]",
                                         f'"{name}" is the same tag as "{names[own[address]]}" '
                                         f"(tags[{own[address]}]): list it once", Severity.WARNING))
                    continue
                own[address] = index
                earlier = first.setdefault(address, (name, story.path))
                other = spelt.setdefault(_and_address(name), (name, story.path))
                if _plain_name(earlier[0]) != _plain_name(name):
                    found.append(Problem(
                        story.path, line, field,
                        f'"{name}" shares the address {kind}/{address}/ with '
                        f'"{earlier[0]}" ({earlier[1]}): both are listed on one page, under one '
                        "of the names; rename one of them", Severity.WARNING))
                elif urls.key(other[0]) != address:  # ICT & Digital, ICT and Digital
                    found.append(Problem(
                        story.path, line, field,
                        f'"{name}" is written "{other[0]}" in {other[1]}: they get two pages '
                        f"({kind}/{urls.key(other[0])}/ and {kind}/{address}/); write it the "
                        "same way in both", Severity.WARNING))
    return found


@cache
def _and_address(name: str) -> str:
    """The address of `name` with "&" and "+" read as "and": the same name written two ways."""
    from generator.site import urls

    return urls.key(name.replace("&", " and ").replace("+", " and "))


def _plain_name(name: str) -> str:
    return " ".join(name.casefold().replace("-", " ").replace("_", " ").split())


def check_strategy(strategy: Strategy, path: str, lines: dict[tuple[str | int, ...], int],
                   tables: dict[str, Table], layout: Layout) -> list[Problem]:
    """Unique ids, and series criteria that point at real numeric columns."""
    found = _duplicates(path, lines, "outcomes", [o.id for o in strategy.outcomes])
    found += _duplicates(path, lines, "success_criteria", [c.id for c in strategy.success_criteria])
    data_folder = layout.relative(layout.data)
    series: dict[str, Table] = {}
    fractions: set[tuple[str, str]] = set()
    for index, criterion in enumerate(strategy.success_criteria):
        if criterion.measure == "awards":
            found += _award_target(path, lines, index, criterion)
        if criterion.measure != "series" or criterion.file is None:
            continue
        found += _unit_against_column(path, lines, index, criterion)
        here = lines.get(("success_criteria", index, "file"), 1)
        try:
            file = resolve_inside(layout.data, criterion.file, layout.root, data_folder)
        except PathRefused as exc:
            found.append(Problem(path, here, f"success_criteria[{index}].file", str(exc)))
            continue
        table = tables.get(layout.relative(file))
        if table is None:
            continue
        series[table.path] = table
        unit = series_unit(criterion)
        for name in ("column", "compare"):
            column = getattr(criterion, name)
            if column is not None:
                found += _numeric_column(path, lines.get(("success_criteria", index, name), here),
                                         f"success_criteria[{index}].{name}", table, column,
                                         (unit, criterion.unit is not None))
                if unit is Unit.PERCENT and column in table.header \
                        and (table.path, column) not in fractions:  # once a column
                    fractions.add((table.path, column))
                    found += _percent_fractions(table, column, criterion.unit is not None)
    for table in series.values():
        found += period_problems(table)
    return list(dict.fromkeys(found))  # two criteria reading one column: each problem once


def _award_target(path: str, lines: dict[tuple[str | int, ...], int], index: int,
                  criterion: SuccessCriterion) -> list[Problem]:
    """An awards criterion's target is a count of award results: a whole number, 1 or more."""
    target = criterion.target
    if target is None or (target >= 1 and float(target).is_integer()):
        return []
    line = lines.get(("success_criteria", index, "target"),
                     lines.get(("success_criteria", index), 1))
    return [Problem(path, line, f"success_criteria[{index}].target",
                    f"{target:g} is not a count of award results: write a whole number, 1 or "
                    "more (or leave target out for 1)")]


def _unit_against_column(path: str, lines: dict[tuple[str | int, ...], int], index: int,
                         criterion: SuccessCriterion) -> list[Problem]:
    """A warning at `unit:` when the column's name gives another unit (contribution_gbp with
    unit: percent): the dashboard writes the figures in `unit:`."""
    named, by_name = column_unit(criterion.column or "")
    if criterion.unit is None or by_name is None or by_name is criterion.unit:
        return []
    suffix = (criterion.column or "")[len(named):]
    line = lines.get(("success_criteria", index, "unit"),
                     lines.get(("success_criteria", index), 1))
    return [Problem(path, line, f"success_criteria[{index}].unit",
                    f"unit: {criterion.unit}, but the column {criterion.column} is named as "
                    f"{_UNIT_NAMES[by_name]} ({suffix}): the dashboard writes its figures as "
                    f"{_UNIT_NAMES.get(criterion.unit, str(criterion.unit))}; write unit: "
                    f"{by_name} (or leave unit: out), or rename the column",
                    Severity.WARNING)]


_UNIT_NAMES = {Unit.GBP: "pounds", Unit.PERCENT: "percentages"}


def _percent_fractions(table: Table, column: str, given: bool) -> list[Problem]:
    """A warning at the first figure of a percentage column written as fractions of one
    (0.585 for 58.5%), as `slips.percent_fractions` warns of a metric's."""
    cells = [(line, cell, value) for line, cell in table.column(column)
             if (value := number(cell)) is not None]
    if not slips.fractions_of_one([value for _, _, value in cells]):
        return []
    line, cell, _ = next(row for row in cells if 0 < row[2] < 1)
    written = Decimal(cell)
    meant = format((written * 100).normalize(), "f")
    unit = "with unit: percent" if given else f"in {column} (a percentage, by its name)"
    return [Problem(table.path, line, column,
                    f"{cell} {unit} shows as {cell}%: if you meant {meant}%, write {meant} "
                    "(every figure of the column is between 0 and 1: write each 100 times "
                    "larger)", Severity.WARNING)]


def _duplicates(path: str, lines: dict[tuple[str | int, ...], int], key: str,
                ids: list[str]) -> list[Problem]:
    seen: set[str] = set()
    found = []
    for index, value in enumerate(ids):
        if value in seen:
            found.append(Problem(path, lines.get((key, index, "id"), 1), f"{key}[{index}].id",
                                 f'"{value}" is used twice: give each its own id'))
        seen.add(value)
    return found


def _numeric_column(path: str, line: int, field: str, table: Table, column: str,
                    unit: tuple[Unit, bool]) -> list[Problem]:
    """Errors at the cells of `column` that are not numbers; `unit`: the criterion's unit,
    and whether its `unit:` gives it (else the column's name does)."""
    if column not in table.header:
        return [Problem(path, line, field, f'{table.path} has no column "{column}"'
                        f"{did_you_mean(column, table.header)}; its columns are "
                        f"{', '.join(table.header)}")]
    if not table.rows:
        return [Problem(table.path, 1, None, "has no rows of figures yet")]
    return [Problem(table.path, row, column,
                    "is empty: write the figure, or leave the row out" if not cell.strip()
                    else f"expected a number, got {quoted(cell)}: {_cell_hint(cell, unit)}")
            for row, cell in table.column(column) if number(cell) is None]


def _cell_hint(cell: str, unit: tuple[Unit, bool]) -> str:
    """What to write for a CSV cell that is not a number: the figure it means in digits
    (`digits_meant`), and where its £ or % goes."""
    digits = digits_meant(cell)
    if digits is None or len(digits) > QUOTED_CHARS:  # no figure has so many digits
        return "write the figure in digits (such as 180000 or -2.5), or leave the row out"
    for sign, meant in (("%", Unit.PERCENT), ("£", Unit.GBP)):
        if sign in cell and unit == (meant, True):
            return f"write {digits} (the criterion's unit: {meant} adds the {sign})"
        if sign in cell and unit[0] is meant:
            return f"write {digits} (the column's name gives its unit, {meant}: the {sign} is added)"
        if sign in cell:
            return f"write {digits}, and give the criterion unit: {meant} (it adds the {sign})"
    return f"write {digits}"


def check_award_pack_name(relative: str, award_id: str) -> list[Problem]:
    """A warning at an award file whose id is a device's name on Windows (con, AUX, com1):
    its pack is written as <id>-pack.zip, as Windows could not save <id>.zip."""
    why = pack_name_problem(award_id)
    if why is None:
        return []
    return [Problem(relative, None, None,
                    f'the award id "{award_id}" (the file name) would name its pack '
                    f"{award_id}.zip, which Windows cannot save ({why}): showcase pack writes "
                    f"{pack_file_name(award_id)} instead; rename the file to keep the usual "
                    "name", Severity.WARNING)]


def check_pack_name_clashes(award_files: Mapping[str, str]) -> list[Problem]:
    """An error at each award file (relative path -> award id) whose pack would be written to
    the same file as another's (`con` and `con-pack` both to con-pack.zip; Con-pack.zip and
    con-pack.zip are one file on Windows and macOS): one pack would replace the other, so
    neither is built until one file is renamed. Files giving the same id (`pt.yml` and
    `pt.yaml`) are told so by the catalogue already."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for relative, award_id in sorted(award_files.items()):
        groups.setdefault(pack_name_key(award_id), []).append((relative, award_id))
    problems: list[Problem] = []
    for group in groups.values():
        for relative, award_id in group:
            others = [(path, other) for path, other in group
                      if case_key(other) != case_key(award_id)]  # one id: `catalogue` says so
            if others:
                problems.append(Problem(relative, None, None, _pack_clash(award_id, others)))
    return problems


def _pack_clash(award_id: str, others: list[tuple[str, str]]) -> str:
    """What `check_pack_name_clashes` says at the award file of `award_id`. A name that
    writes an accent as a combining character (or a look-alike character) says so
    (`accents_shown`), as the two look the same."""
    name = pack_file_name(award_id)
    which = "the two" if len(others) == 1 else "these"
    advice = (f"one pack would replace the other; rename one of {which} award files (until "
              "then neither pack is built)")
    if all(pack_file_name(other) == name for _, other in others):
        packs = " and ".join(f"the pack of {path}{accents_shown(path)}" for path, _ in others)
        return f"showcase pack would write this award's pack and {packs} both to {name}: {advice}"
    packs = " and ".join(f"the pack of {path}{accents_shown(path)} to {pack_file_name(other)}"
                         for path, other in others)
    composed = unicodedata.normalize("NFC", name)
    accents_only = all(unicodedata.normalize("NFC", pack_file_name(other)) == composed
                       for _, other in others)
    where = ("the same file on macOS, which does not tell apart how an accent is written"
             if accents_only else "the same file on Windows and macOS, which do not tell "
             "letter case or how an accent is written apart")
    return (f"showcase pack would write this award's pack to {name}{accents_shown(name)} and "
            f"{packs}: {where}; {advice}")


def check_story_times(stories: Iterable[Story], now: datetime) -> list[Problem]:
    """Warnings where a story's times say something its writer probably did not mean: a
    public story dated after today (published now, dated ahead: a typo of the year?), and an
    embargo still to come whose offset is not UK time on its day (+00:00 in summer goes
    public an hour after 09:00 UK time; +01:00 in winter an hour before)."""
    found = []
    for story in stories:
        if story.is_public(now) and story.date > now.astimezone(UK).date():
            days = (story.date - now.astimezone(UK).date()).days
            found.append(Problem(
                story.path, story.line_of("date"), "date",
                f"{story.date.isoformat()} is {days} day{'s' if days != 1 else ''} from now, "
                "but the story is published now, dated ahead: correct the date, or to publish "
                "it on that day add an embargo (embargo: "
                f"{datetime.combine(story.date, time(9), tzinfo=UK).isoformat()})",
                Severity.WARNING))
        embargo = story.meta.embargo
        offset = embargo.utcoffset() if embargo is not None else None
        if embargo is None or offset is None or embargo <= now:
            continue  # none, or past: the story is public, the hour no longer matters
        uk = embargo.astimezone(UK)
        uk_offset = uk.utcoffset()
        if offset != uk_offset and offset in (timedelta(0), timedelta(hours=1)):
            meant = embargo.replace(tzinfo=UK)
            data = story.located.data
            written = data.get("embargo") if isinstance(data, dict) else None
            shown = written.strip() if isinstance(written, str) else embargo.isoformat()
            found.append(Problem(
                story.path, story.line_of("embargo"), "embargo",
                f"{shown} is {uk.strftime('%H:%M')} UK time, as UK clocks are "
                f"{_offset(uk_offset)} on {uk.day} {uk:%B %Y}: for "
                f"{embargo.strftime('%H:%M')} UK time write {meant.isoformat()}",
                Severity.WARNING))
    return found


def _offset(offset: timedelta | None) -> str:
    return "+01:00 (British Summer Time)" if offset == timedelta(hours=1) else "+00:00 (GMT)"


def check_review_date(relative: str, line: int, reviewed: date | None, now: datetime) -> list[Problem]:
    """Warn when the accessibility statement was last reviewed over 12 months ago."""
    if reviewed is None:
        return [Problem(relative, line, "last_reviewed", "is missing: add last_reviewed: YYYY-MM-DD "
                        "(the date the statement was last reviewed)", Severity.WARNING)]
    if now.date() - reviewed > REVIEW_AGE:
        return [Problem(relative, line, "last_reviewed",
                        f"{reviewed.isoformat()} is more than 12 months ago: review the "
                        "statement and update the date", Severity.WARNING)]
    return []


def check_award_names(stories: Iterable[Story], awards: Sequence[Award]) -> list[Problem]:
    """Warnings where award files share one `name:`: at each file after the first with it,
    and at each story result that gives the name (it would find the first file by name
    order, silently): the story should give the file's id."""
    book = AwardBook(awards)
    paths = {award.id: award.path for award in awards}
    found = []
    first: dict[str, Award] = {}
    for award in awards:
        earlier = first.setdefault(same_name(award.entry.name.strip()), award)
        if earlier is not award:
            found.append(Problem(award.path, award.located.line_of(("name",)), "name",
                                 f'another award file, {earlier.path}, has the same name '
                                 f'"{award.entry.name}": a story\'s award: cannot tell them apart '
                                 "by it; give each award its own name", Severity.WARNING))
    for story in stories:
        for index, result in enumerate(story.meta.awards):
            ids = book.sharing_name(result)
            if ids:
                files = " and ".join(paths[i] for i in ids)
                found.append(_problem(
                    story, ("awards", index, "award"), f"awards[{index}].award",
                    f'"{result.award}" is the name of more than one award file ({files}): '
                    f"write the file's id instead (award: {ids[0]}, or {', '.join(ids[1:])})",
                    Severity.WARNING))
    return found
