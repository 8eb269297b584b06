"""`showcase import`: a partner's stories.json as draft stories of this project.

The file is validated against the open-data records first. Each public story becomes
`stories/<date>-<slug>.md` with `status: draft`; an existing file or slug is never
overwritten. Outcomes this project's strategy lacks are dropped (with a warning),
quotes arrive without consent (ask the speaker again), figures arrive unverified,
and the attribution (the partner council, `partner_name`) and original address go into the
body, marked English (`lang="en"`, as HTML) in a story in another language. Control
characters check would refuse (text-direction controls among them) are taken out of all of it, and said;
HTML nested deeper than MAX_NESTING is flattened to its text, and said. End tags HTML lets
a page leave out (`</td>`, `</tr>`, `</li>`, `</p>` ...) are closed where browsers close them
(`PartnerSoup`). A table is laid out as HTML's table model lays it out
(`_PartnerHtml.convert_table`): header row, merged cells under their own headers, spans out
of range read as browsers read them, and said.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml
from bs4 import BeautifulSoup
from bs4.element import NavigableString, Tag
from jinja2 import Environment, PackageLoader
from markdownify import MarkdownConverter
from markupsafe import escape
from pydantic import BaseModel, PrivateAttr, ValidationError
from pydantic_core import ErrorDetails

from generator.catalogue import Catalogue
from generator.languages import direction
from generator.model.story import StoryMeta
from generator.problems import Problem, ShowcaseError
from generator.reading.characters import DIRECTION_CONTROLS, UNSAFE_CHARACTERS, counted_removal
from generator.reading.errors import field_name, plain_message
from generator.reading.safe_yaml import YamlProblem
from generator.reading.text import MAX_BYTES, decode
from generator.sharing.opendata import METRICS_COLUMNS
from generator.sharing.records import (
    FORMAT_VERSION,
    URL_PATTERN,
    OpenData,
    OpenMetric,
    OpenQuote,
    OpenStory,
)
from generator.sharing.urls import METRICS_SCHEMA_FILE, STORIES_SCHEMA_FILE

NAME_MAX = 255
"""The longest file name, in bytes, that common file systems (ext4, APFS, NTFS) take."""


def one_line(text: str) -> str:
    """A partner's name, title or label on one line: line breaks and other control
    characters as spaces, single spaces (a hostile `"Council\\n---"` cannot start a line)."""
    return " ".join(_CONTROL.sub(" ", text).split())


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def markdown_text(text: str) -> str:
    """Partner text on one line, as Markdown that shows it as written: `*`, `_`, `[`, a
    backtick, `<` or an entity are not formatting, links or HTML; `#`, `>`, `-`, `+`, `1.`,
    `~~~`, `=` or `:` at its start are no heading, quote, list, code or definition."""
    text = _ENTITY.sub("&amp;", _INLINE.sub(r"\\\g<0>", one_line(text))).replace("<", "&lt;")
    return _BLOCK_START.sub(_not_block, text, count=1)


_INLINE = re.compile(r"[\\`*_\[\]{}]")
"""What Python-Markdown reads as formatting inside a line (each is escaped with `\\`)."""
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_BLOCK_START = re.compile(r"^([ \t]*\d*)(-+|[#>+]|(?<=\d)[.)]|~{3,}|=+|:)")
"""What makes a line Markdown's where a text starts: a heading (`#`, or a line of `=` or `-`
under a line), a quote (`>`), a list (`-`, `+`, `1.`), a code fence (`~~~`), a definition (`:`)."""
_AS_ENTITY = {"~": "&#126;", "=": "&#61;", ":": "&#58;"}
"""Marks Python-Markdown has no backslash escape for, written as their entities."""


def _not_block(found: re.Match[str]) -> str:
    """The text start `found` (`_BLOCK_START`) as text: each dash of `---` escaped (`\\---`
    would read as a dash and an en dash, "-\u2013"), the first `~`, `=` or `:` an entity."""
    lead, mark = found.group(1), found.group(2)
    if mark[0] in _AS_ENTITY:
        return lead + _AS_ENTITY[mark[0]] + mark[1:]
    return lead + "".join(f"\\{character}" for character in mark)


def markdown_url(url: str) -> str:
    """An address as it goes between `<>` or `()` in Markdown: whatever would end or break
    it (a space, `<`, `>`, a bracket, a quote, a control character) percent-encoded."""
    return _URL_BREAKING.sub(lambda found: quote(found.group()), one_line(url))


_URL_BREAKING = re.compile(r'[ <>()"`\\]')


def html_text(text: str) -> str:
    """Partner text on one line, escaped for HTML (`<`, `&`, quotes): shown as written."""
    return str(escape(one_line(text)))


def html_url(url: str) -> str:
    """An address as it goes in an HTML attribute or link text: what `markdown_url`
    percent-encodes, encoded, then escaped for HTML (`&` as `&amp;`)."""
    return str(escape(markdown_url(url)))


REMOVED = UNSAFE_CHARACTERS
"""What import takes out of a partner's text: what check refuses in a story (control
characters, C1 ones included, and text-direction controls)."""


def printable(text: str) -> str:
    """`text` to print: each character of REMOVED as its code, `<U+202E>`, so a terminal
    never turns the text around it."""
    return REMOVED.sub(lambda found: f"<U+{ord(found.group()):04X}>", text)


@dataclass
class Removed:
    """Characters taken out of one story's text: how many, how many turn text around, and
    the fields that held them."""

    count: int = 0
    direction: int = 0
    fields: list[str] = field(default_factory=list)

    def note(self) -> str | None:
        """What the import says of them; None when nothing was removed."""
        if not self.count:
            return None
        kinds = (f"{self.direction} text-direction control{'s' if self.direction != 1 else ''}"
                 if self.direction == self.count else
                 f"{self.direction} of them text-direction controls" if self.direction else
                 "none of them text-direction controls")
        return (f"removed {self.count} control character{'s' if self.count != 1 else ''} "
                f"({kinds}) from the partner's {', '.join(self.fields)}: check would refuse "
                "them in a story, and a text-direction control shows the text after it reversed")


def cleaned(record: Any, where: str, removed: Removed) -> Any:
    """`record` (a record, list or text) without control characters; each field that held
    some is added to `removed` by its name (`title`, `metrics[0].label`)."""
    if isinstance(record, str) and not isinstance(record, Enum):  # a unit is a checked word
        text, count = counted_removal(record)
        if count:
            removed.count += count
            removed.direction += len(DIRECTION_CONTROLS.findall(record))
            removed.fields.append(where)
        return text
    if isinstance(record, BaseModel):
        update = {name: cleaned(getattr(record, name), f"{where}.{name}".lstrip("."), removed)
                  for name in type(record).model_fields}
        return record.model_copy(update=update)
    if isinstance(record, list | tuple):
        return type(record)(cleaned(item, f"{where}[{index}]", removed)
                            for index, item in enumerate(record))
    return record


class PartnerData(OpenData):
    """A partner's file as read: its publisher and council on one line, without control
    characters."""

    _publisher_removed: Removed = PrivateAttr(default_factory=lambda: Removed())

    @classmethod
    def of(cls, data: OpenData) -> PartnerData:
        """`data` with its publisher and council made one line, their control characters
        taken out."""
        removed = Removed()
        publisher = one_line(cleaned(data.publisher, "publisher", removed))
        council = one_line(cleaned(data.council, "council", removed)) if data.council else None
        read = cls.model_construct(**{**dict(data), "publisher": publisher,
                                      "council": council or None})
        read._publisher_removed = removed
        return read

    @property
    def publisher_removed(self) -> Removed:
        """The control characters taken out of the publisher's and council's names (written
        in each story)."""
        return self._publisher_removed


def partner_name(data: OpenData) -> str:
    """Who published the stories, as the partner an imported story names and credits: the
    council (`council`), else the site's name (`publisher`: a file written before `council`)."""
    return data.council or data.publisher


def english(language: str | None) -> bool:
    """Whether a language tag is English (`en`, `en-GB`); None (no language given: MkDocs'
    default, en) is."""
    return language is None or re.split(r"[-_]", language.strip().casefold())[0] == "en"


def site_language(catalogue: Catalogue) -> str | None:
    """The importing site's language: mkdocs.yml's `theme: language:`; None when not set."""
    theme = catalogue.layout.site.get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None
    return language.strip() if isinstance(language, str) and language.strip() else None


_templates = Environment(loader=PackageLoader("generator.sharing", "templates"),
                         autoescape=False, keep_trailing_newline=True)
_templates.filters["markdown_text"] = markdown_text
_templates.filters["markdown_url"] = markdown_url
_templates.filters["html_text"] = html_text
_templates.filters["html_url"] = html_url


@dataclass
class ImportedStory:
    """One story of the file: where it goes, its text, and what a person should know."""

    slug: str
    path: Path
    relative: str
    text: str | None
    """The file's text; None when it is skipped."""
    notes: list[str] = field(default_factory=list)
    """Warnings about the file written (dropped outcomes)."""
    skipped: str | None = None
    """Why it is not written; None when it is."""


def read_export(file: Path, shown: str) -> OpenData:
    """A stories.json file, validated; every problem names the field to fix, and another of
    the export's files (metrics.csv, a schema) is named as such."""
    payload = _payload(file, shown)
    if not isinstance(payload, dict):
        raise ShowcaseError(f"{shown} is not a stories.json file: it holds {_kind(payload)}, "
                            "where a stories.json (as showcase export writes it) holds one "
                            'object, {"version": 1, "publisher": ..., "site_url": ..., '
                            '"generated": ..., "stories": [...]} (see stories.schema.json); '
                            "nothing was imported")
    schema_of = _schema_of(payload)
    if schema_of is not None:
        raise ShowcaseError(f"{shown} is {schema_of}, which describes the fields of a file "
                            f"but holds no stories: {_IMPORT_INSTEAD}")
    version = payload.get("version")
    if version is not None and version != FORMAT_VERSION:
        raise ShowcaseError(f"{shown} is stories.json format version {_shown(version)}; this "
                            f"Showcase reads version {FORMAT_VERSION}: import it with a Showcase "
                            "as new as the one that wrote it (nothing was imported)")
    try:
        data = OpenData.model_validate(payload)
    except ValidationError as exc:
        problems = [Problem(shown, None, field_name(tuple(e["loc"])) or None,
                            printable(_message(e))) for e in exc.errors(include_url=False)]
        raise ShowcaseError(f"{shown} does not match the stories.json schema "
                            f"(see stories.schema.json): nothing was imported", problems) from None
    return PartnerData.of(data)


def refuse_empty(data: OpenData, shown: str) -> None:
    """A ShowcaseError when `data` holds no stories, saying whom to ask for another file (a
    file exported for a partner none of the stories names, or before any was public)."""
    if not data.stories:
        raise ShowcaseError(_no_stories(shown, data))


_IMPORT_INSTEAD = ("import the stories.json file from the same folder (nothing was "
                   "imported)")


MAX_EXPORT_BYTES = 200 * 1024 * 1024
"""The largest stories.json import reads: room for 10,000 stories of 20 KB each (the example
project's export is 3.3 to 3.7 KB a story, its longest story's text 2.6 KB), so a real export
fits and a device such as /dev/zero, or a file of gigabytes, never fills the memory."""


def _payload(file: Path, shown: str) -> Any:
    """The JSON value the file holds; a ShowcaseError in plain words when it holds none."""
    try:
        text = decode(_limited_bytes(file, shown))
    except OSError as exc:
        raise ShowcaseError(f"{shown} cannot be read ({exc.strerror})") from None
    except YamlProblem as exc:  # check's words for a file that is not UTF-8
        raise ShowcaseError(f"{shown} is not a stories.json file",
                            [Problem(shown, exc.line, None, exc.message)]) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        if _is_metrics_csv(text):
            raise ShowcaseError(f"{shown} is the export's metrics.csv (the stories' figures, "
                                f"as a table), not its stories: {_IMPORT_INSTEAD}") from None
        raise ShowcaseError(f"{shown} is not a stories.json file",
                            [Problem(shown, exc.lineno, None,
                                     f"is not a stories.json file (it is not JSON: "
                                     f"{_json_words(exc)})")]) from None
    except RecursionError:
        raise ShowcaseError(f"{shown} is not a stories.json file: its lists or objects are "
                            "nested too deeply to read") from None


def _limited_bytes(file: Path, shown: str) -> bytes:
    """The file's bytes, at most MAX_EXPORT_BYTES of them: a ShowcaseError naming its size
    when it holds more, or, for a device or pipe (whose size is not known), that it gave
    more without ending. Never more than MAX_EXPORT_BYTES + 1 bytes are read: a size from
    the file system is trusted only to refuse (/dev/zero and /proc's files say 0)."""
    with file.open("rb") as stream:
        status = os.fstat(stream.fileno())
        regular = stat.S_ISREG(status.st_mode)
        if regular and status.st_size > MAX_EXPORT_BYTES:
            raise ShowcaseError(_too_large(shown, regular, status.st_size))
        raw = stream.read(MAX_EXPORT_BYTES + 1)
        if len(raw) > MAX_EXPORT_BYTES:
            size = os.fstat(stream.fileno()).st_size
            raise ShowcaseError(_too_large(shown, regular, size if size > MAX_EXPORT_BYTES
                                           else None))
    return raw


def _too_large(shown: str, regular: bool, size: int | None) -> str:
    """The refusal of a file over MAX_EXPORT_BYTES: its size (None when not known: a device
    or pipe, or a file whose size the file system does not give), the limit, what to do."""
    limit = f"{MAX_EXPORT_BYTES // 1024 // 1024} MB"
    what = (f"it is {size / 1024 / 1024:,.1f} MB" if size is not None else
            f"it holds more than {limit}" if regular else
            f"it is a device or pipe, not a file, and has no end (it gave more than {limit})")
    return (f"{shown} is not a stories.json file: {what}, and a stories.json file may be at "
            f"most {limit} (room for 10,000 long stories; an export takes about 4 KB a "
            "story). If it is a partner's export, ask them to export only the stories that "
            "name you (showcase export --partner): nothing was imported")


def _is_metrics_csv(text: str) -> bool:
    """Whether `text` starts as the export's metrics.csv does: its row of column names."""
    first = text.split("\n", 1)[0].strip()
    return first.replace('"', "").split(",") == list(METRICS_COLUMNS)


def _schema_of(payload: dict[str, Any]) -> str | None:
    """Which schema `payload` is, in words: the export's stories.schema.json (a JSON Schema,
    `$schema`, describing `stories`) or metrics.schema.json (a Table Schema: `fields`), or
    another JSON Schema; None when it is no schema (a file with `stories` never is)."""
    if "stories" in payload:
        return None
    if "$schema" in payload:
        properties = payload.get("properties")
        return (f"the export's {STORIES_SCHEMA_FILE}" if isinstance(properties, dict)
                and "stories" in properties else "a schema (it gives $schema)")
    fields = payload.get("fields")
    return f"the export's {METRICS_SCHEMA_FILE}" if isinstance(fields, list) else None


def _json_words(error: json.JSONDecodeError) -> str:
    """What the JSON reader stopped at, in plain words, with its column."""
    words = next((said for start, said in _JSON_ERRORS if error.msg.startswith(start)),
                 "it cannot be read as JSON")
    return f"{words}, at column {error.colno}"


_JSON_ERRORS = (
    ("Expecting value", "a value was expected here, such as a \"text in double quotes\", "
                        "a number, [...] or {...}, and something else was found"),
    ("Expecting property name", "a field name in double quotes was expected here"),
    ("Expecting ',' delimiter", "a comma was expected here, between two items"),
    ("Expecting ':' delimiter", "a colon was expected here, after a field name"),
    ("Extra data", "more text follows the end of the file's one object {...}"),
    ("Unterminated string", "a text opened with \" here is never closed"),
    ("Invalid control character", "a text in double quotes holds a line break or control "
                                   "character here"),
    ("Invalid \\", "a backslash here starts no escape JSON knows"),
)
"""The JSON reader's complaints (by how they start), in plain words."""


def _no_stories(shown: str, data: OpenData) -> str:
    """The refusal of a file holding no stories: whom to ask for another, and why it is empty."""
    who = partner_name(data)
    if data.partner:
        return (f"{shown} holds no stories: {who} exported it for the partner "
                f'"{printable(one_line(data.partner))}", '
                "and none of their public stories names that partner. Ask them to export again "
                "with the partner's name as their stories write it (nothing was imported)")
    return (f"{shown} holds no stories: {who} had no public stories when it was exported. Ask "
            "them to export again once they have published some (nothing was imported)")


def _kind(value: Any) -> str:
    """What a JSON value is, in plain words."""
    if isinstance(value, list):
        return "a list" if value else "an empty list, []"
    if isinstance(value, str):
        return "a piece of text"
    if value is None:
        return "null"
    return "true or false" if isinstance(value, bool) else "a number"


#: what a pattern of the records asks for, in plain words
PATTERN_WORDS = {URL_PATTERN: "expected a web address starting https:// (or http://)"}


def _message(error: ErrorDetails) -> str:
    if error["type"] == "missing":
        return "is required but missing"
    if error["type"] == "slug":  # parse_slug's words already show the value found
        return error["msg"]
    if error["type"] == "string_pattern_mismatch":
        pattern = str((error.get("ctx") or {}).get("pattern", ""))
        words = PATTERN_WORDS.get(pattern, f"is not in the form this field takes ({pattern})")
        return f"{words}, got {_shown(error.get('input'))}"
    if error["type"] == "extra_forbidden":
        return "is not a field of stories.json (see stories.schema.json): remove it"
    if error["type"].startswith(("date_", "datetime_")):
        return f"expected a date written YYYY-MM-DD, got {_shown(error.get('input'))}"
    if error["type"] in CHECK_WORDED:
        return plain_message(error, OpenData, "stories.json")
    return f"{_JSON_WORDS.get(error['type'], error['msg'])}, got {_shown(error.get('input'))}"


CHECK_WORDED = {"enum", "literal_error", "string_type", "string_too_short", "string_too_long",
                "too_short", "int_type", "int_parsing", "int_from_float", "greater_than",
                "greater_than_equal", "less_than", "less_than_equal"}
"""Errors said as check says them of a story file (`reading.errors`)."""

_JSON_WORDS = {"number": "expected a number", "bool_type": "expected true or false",
               "bool_parsing": "expected true or false", "list_type": "expected a list, [...]",
               "model_type": "expected an object, {...}", "dict_type": "expected an object, {...}",
               "model_attributes_type": "expected an object, {...}"}
"""The other errors in JSON's words (check's speak of YAML)."""


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, dict) else "an object"
    return printable(text if len(text) <= 60 else text[:57] + "...")


def plan_import(data: OpenData, catalogue: Catalogue) -> list[ImportedStory]:
    """What importing `data` into the project of `catalogue` would write."""
    layout = catalogue.layout
    outcomes = {o.id for o in catalogue.strategy.outcomes} if catalogue.strategy else set()
    taken = {s.slug for s in catalogue.stories} | {u.slug for u in catalogue.unusable}
    planned = []
    language = site_language(catalogue)
    publisher = data.publisher_removed if isinstance(data, PartnerData) else Removed()
    for index, partner_story in enumerate(data.stories):
        removed = replace(publisher, fields=list(publisher.fields))
        story: OpenStory = cleaned(partner_story, "", removed)
        name = f"{story.date.isoformat()}-{story.id}.md"
        path = layout.stories / name
        item = ImportedStory(story.id, path, layout.relative(path), None)
        if len(name.encode()) > NAME_MAX:
            item.skipped = (f"stories[{index}].id is {len(story.id)} characters long: too long "
                            f"for a file name (at most {NAME_MAX - len(name) + len(story.id)}); "
                            "copy the story in by hand under a shorter slug")
        elif path.exists():
            item.skipped = "the file already exists (it was not overwritten)"
        elif story.id in taken:
            item.skipped = f'a story with the slug "{story.id}" already exists'
        else:
            notes: list[str] = []
            try:
                item.text = story_text(story, data, outcomes, notes, f"stories[{index}]",
                                       language)
                note = removed.note()
                item.notes = [note, *notes] if note else notes
                taken.add(story.id)
            except ShowcaseError as exc:
                item.skipped = str(exc)
            if item.text is not None and len(item.text.encode()) > MAX_BYTES:
                item.skipped = (f"the story would be {len(item.text.encode()) / 1024 / 1024:.1f} MB, "
                                f"more than a story file may be ({MAX_BYTES // 1024 // 1024} MB): "
                                "copy it in by hand, shortened")
                item.text = None
                taken.discard(story.id)
        planned.append(item)
    return planned


def story_text(story: OpenStory, data: OpenData, outcomes: set[str], notes: list[str],
               where: str = "story", site_language: str | None = None) -> str:
    """The draft story file for one imported story (`where` names it in notes: `stories[0]`).
    A story not in English (its `language`, else `site_language`, the importing site's) has
    the import's English words marked English (`lang="en"`), its partner's words in it marked
    with its language: a screen reader speaks each in its own voice."""
    kept = [o for o in story.outcomes if o in outcomes]
    for dropped in (o for o in story.outcomes if o not in outcomes):
        notes.append(f'outcomes: dropped "{dropped}": this project\'s strategy has no such outcome')
    if not kept:
        notes.append("outcomes: none left: choose one of this project's outcomes before review")
    front = _front_matter(story, data, kept)
    _check_front_matter(front, kept)
    return "---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=100) + \
        "---\n\n" + _body(story, data, notes, where, story.language or site_language)


def _front_matter(story: OpenStory, data: OpenData, outcomes: list[str]) -> dict[str, Any]:
    partners = list(story.partners)
    name = partner_name(data)
    if _fold(name) not in {_fold(p) for p in partners}:
        partners.append(name)
    front: dict[str, Any] = {
        "title": one_line(story.title), "summary": story.summary, "date": story.date.isoformat(),
        "status": "draft", "service": one_line(story.service), "outcomes": outcomes,
    }
    if story.tags:
        front["tags"] = [one_line(tag) for tag in story.tags]
    front["partners"] = [one_line(partner) for partner in partners]
    if story.metrics:
        front["metrics"] = [_metric(story, m) for m in story.metrics]
    if story.quotes:
        front["quotes"] = [_quote(q) for q in story.quotes]
    if story.language:
        front["language"] = story.language
    return front


def _fold(name: str) -> str:
    """A partner's name as matched: case and extra spaces ignored."""
    return " ".join(one_line(name).split()).casefold()


def _quote(quote: OpenQuote) -> dict[str, Any]:
    """A partner's quote as a draft's: without consent (ask the speaker again), in its own
    language when the partner gave one."""
    found: dict[str, Any] = {"text": quote.text, "by": one_line(quote.by)}
    if quote.role:
        found["role"] = quote.role
    found["consent"] = False
    if quote.language:
        found["language"] = quote.language
    return found


def _metric(story: OpenStory, metric: OpenMetric) -> dict[str, Any]:
    found = metric.model_dump(mode="json", exclude_none=True)
    found["label"] = one_line(metric.label)
    found["verified"] = False
    source = _source_url(story, metric.source)
    if source:
        found["source"] = source
    else:
        found.pop("source", None)
    return found


def _source_url(story: OpenStory, source: str | None) -> str | None:
    """An https source as it is; a public evidence id as that file's address."""
    if source is None or source.startswith("https://"):
        return source
    url = next((e.url for e in story.evidence if e.id == source), None)
    return url if url and url.startswith("https://") else None


def _check_front_matter(front: dict[str, Any], outcomes: list[str]) -> None:
    try:
        StoryMeta.model_validate(front if outcomes else {**front, "outcomes": ["placeholder"]})
    except ValidationError as exc:
        wrong = "; ".join(f"{field_name(tuple(e['loc']))}: {plain_message(e, StoryMeta, 'a story')}"
                          for e in exc.errors(include_url=False))
        raise ShowcaseError(f"it would not be a valid story here ({wrong})") from None


def _body(story: OpenStory, data: OpenData, notes: list[str], where: str,
          language: str | None = None) -> str:
    """The draft's body: attribution, the partner's text as Markdown, its `## Source`; the
    import's words marked English when `language` (the story's) is not."""
    soup = PartnerSoup(story.content_html, "html.parser")
    depth = flatten(soup, MAX_NESTING)
    if depth > MAX_NESTING:
        notes.append(f"{where}.content_html: its HTML is nested {depth} levels deep; what lay "
                     f"deeper than {MAX_NESTING} levels keeps its text but not its layout: "
                     "check the story's layout")
    converter = _PartnerHtml(heading_style="ATX", bullets="-")
    try:
        content = converter.convert_soup(soup).strip()
    except TableTooLarge as exc:
        raise ShowcaseError(f"{where}.content_html: {exc}, too large for a story: copy it in "
                            "by hand, shortened") from None
    if converter.odd_spans:
        notes.append(f"{where}.content_html: {_spans_note(converter.odd_spans)}")
    content = re.sub(r"\n{3,}", "\n\n", content)
    other = None if english(language) else language
    return _templates.get_template("imported-story.md").render(
        story=story, publisher=partner_name(data), content=content, language=other,
        rtl=other is not None and direction(other) == "rtl")


def _spans_note(odd: list[str]) -> str:
    """What import says of the table spans `odd` it did not take as written."""
    many = len(odd) != 1
    return (f"{len(odd)} table cell span{'s' if many else ''} taken as browsers take "
            f"{'them' if many else 'it'} ({odd[0]}{' and others' if many else ''}): a colspan "
            f"over {MAX_SPAN:,} as the table's width, a rowspan over {MAX_ROWSPAN:,} as "
            f"{MAX_ROWSPAN:,}, one that is not a number (or a colspan of 0) as 1: check the "
            "table's layout")


MAX_NESTING = 40
"""How deep a partner's HTML elements may nest: an element deeper is replaced by its text
(converting HTML to Markdown goes a few Python calls deeper a level; a page needs far less)."""


def flatten(soup: BeautifulSoup, most: int) -> int:
    """Replace each element of `soup` nested deeper than `most` by its text (its words, one
    space between texts of its elements); how deep they were nested. Never recursive."""
    depths: dict[int, int] = {id(soup): 0}
    deepest = 0
    too_deep = []
    for element in soup.descendants:
        if not isinstance(element, Tag) or element.parent is None:
            continue
        depth = depths[id(element)] = depths[id(element.parent)] + 1
        deepest = max(deepest, depth)
        if depth == most + 1:
            too_deep.append(element)
    for element in too_deep:
        element.replace_with(NavigableString(" ".join(element.get_text(" ").split())))
    return deepest


class PartnerSoup(BeautifulSoup):
    """A partner's HTML read with the end tags HTML lets a page leave out closed where a
    browser closes them (html.parser closes none): a `<td>` or `<th>` closes the open cell,
    a `<tr>` the open cell and row, a `<thead>`, `<tbody>` or `<tfoot>` the open row and
    section; a `<p>` (or a block such as `<ul>` or `<table>`)
    closes an open paragraph, an `<li>` the open list item, a `<dt>` or `<dd>` the open
    term or definition. An end tag closes only an element of its own table, cell or list
    (`</td>` in an inner table never closes the outer table's cell); a stray one is ignored.
    The open elements looked through are the innermost WALK (HTML deeper is flattened)."""

    WALK = 2 * MAX_NESTING
    """How many open elements, innermost first, a tag's implied closes look through: more
    than MAX_NESTING (deeper is flattened to text), few enough that hostile HTML of many
    thousands of open elements is read in linear time."""

    def handle_starttag(self, name: str, namespace: str | None, nsprefix: str | None,
                        attrs: Any, sourceline: int | None = None,
                        sourcepos: int | None = None,
                        namespaces: dict[str, str] | None = None) -> Tag | None:
        """Close what `name`'s start closes (as the HTML standard's tree construction does),
        then open `name`. A cell directly in a table or its thead, tbody or tfoot opens the
        row a browser opens for it (`<table><td>1<td>2</table>` is one row of two cells); a
        cell in no table stays text, as `_laid_out` says."""
        self.endData()
        if name in _CELLS:
            self._close_above(_ROW_CONTEXT)
            if self.currentTag is not None and self.currentTag.name in _SECTION_CONTEXT:
                super().handle_starttag("tr", None, None, {})
        elif name == "tr":
            self._close_above(_SECTION_CONTEXT)
        elif name in _SECTIONS | {"caption", "colgroup"}:
            self._close_above(frozenset({"table"}))
        elif name == "table":  # a table in a table, not in its cell, ends the first
            self._close_open(frozenset({"table"}), _CELL_OR_CAPTION)
        if name in _CLOSES_P:
            self._close_open(frozenset({"p"}), _BUTTON_SCOPE)
        if name == "li":
            self._close_open(frozenset({"li"}), _ITEM_STOPS)
        elif name in _TERMS:
            self._close_open(_TERMS, _ITEM_STOPS)
        return super().handle_starttag(name, namespace, nsprefix, attrs, sourceline=sourceline,
                                       sourcepos=sourcepos, namespaces=namespaces)

    def handle_endtag(self, name: str, nsprefix: str | None = None) -> None:
        """Close `name` when it is open within its scope (a table part's, its table; a
        list item's, its list; anything else's, the nearest table, cell or caption);
        otherwise ignore it, as browsers do."""
        self.endData()
        scope = (_TABLE_SCOPE if name in _TABLE_PARTS else
                 _LIST_ITEM_SCOPE if name == "li" else
                 _BUTTON_SCOPE if name == "p" else _DEFAULT_SCOPE)
        if self._in_scope(name, scope):
            super().handle_endtag(name, nsprefix)

    def _open(self) -> Iterator[tuple[int, Tag]]:
        """The open elements (not the document), innermost first, at most WALK of them."""
        stack = self.tagStack
        for index in range(len(stack) - 1, max(0, len(stack) - 1 - self.WALK), -1):
            yield index, stack[index]

    def _close_above(self, context: frozenset[str]) -> None:
        """Close every element inside the nearest open one named in `context` (the table,
        section or row a new table part goes in); none in no table."""
        index = next((index for index, tag in self._open() if tag.name in context), None)
        if index is not None:
            self._close_through(index + 1)

    def _close_open(self, targets: frozenset[str], stops: frozenset[str]) -> None:
        """Close the nearest open element named in `targets` (and what is inside it), unless
        an element named in `stops` comes first."""
        for index, tag in self._open():
            if tag.name in targets:
                self._close_through(index)
                return
            if tag.name in stops:
                return

    def _close_through(self, index: int) -> None:
        """Close the open element at `index` of the stack and every one inside it."""
        while index < len(self.tagStack):
            self.popTag()

    def _in_scope(self, name: str, scope: frozenset[str]) -> bool:
        if not self.open_tag_counter.get(name):
            return False
        for _, tag in self._open():
            if tag.name == name:
                return True
            if tag.name in scope:
                return False
        return False


_TABLE_PARTS = frozenset({"table", "caption", "colgroup", "thead", "tbody", "tfoot", "tr",
                          "td", "th"})
_ROW_CONTEXT = frozenset({"tr", "thead", "tbody", "tfoot", "table"})
_SECTION_CONTEXT = frozenset({"thead", "tbody", "tfoot", "table"})
_CELL_OR_CAPTION = frozenset({"td", "th", "caption"})
_TERMS = frozenset({"dd", "dt"})
_TABLE_SCOPE = frozenset({"html", "table", "template"})
_DEFAULT_SCOPE = frozenset({"applet", "caption", "html", "table", "td", "th", "marquee",
                            "object", "template"})
_BUTTON_SCOPE = _DEFAULT_SCOPE | {"button"}
_LIST_ITEM_SCOPE = _DEFAULT_SCOPE | {"ol", "ul"}
_CLOSES_P = frozenset({
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div",
    "dl", "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "main", "menu",
    "nav", "ol", "p", "search", "section", "summary", "ul", "h1", "h2", "h3", "h4", "h5", "h6",
    "pre", "listing", "form", "plaintext", "table", "hr", "xmp", "li", "dd", "dt"})
"""Start tags that close an open `<p>` (HTML's tree construction, "in body")."""
_SPECIAL = frozenset({
    "address", "applet", "area", "article", "aside", "base", "basefont", "bgsound",
    "blockquote", "body", "br", "button", "caption", "center", "col", "colgroup", "dd",
    "details", "dir", "div", "dl", "dt", "embed", "fieldset", "figcaption", "figure", "footer",
    "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header",
    "hgroup", "hr", "html", "iframe", "img", "input", "keygen", "li", "link", "listing",
    "main", "marquee", "menu", "meta", "nav", "noembed", "noframes", "noscript", "object",
    "ol", "p", "param", "plaintext", "pre", "script", "search", "section", "select",
    "source", "style", "summary", "table", "tbody", "td", "template", "textarea", "tfoot",
    "th", "thead", "title", "tr", "track", "ul", "wbr", "xmp"})
"""HTML's "special" elements."""
_ITEM_STOPS = _SPECIAL - {"address", "div", "p"}
"""What an `<li>`, `<dt>` or `<dd>` start closes no open item past (`<li>` in a nested list)."""


class _PartnerHtml(MarkdownConverter):
    """markdownify, with a partner's text shown as written: no character of it is read as
    Markdown or HTML (`&lt;!--` stays text, a `|` in a table cell splits no cell)."""

    def __init__(self, **options: Any) -> None:
        super().__init__(escape_asterisks=False, escape_underscores=False, **options)
        self.cell_texts: dict[int, str] = {}
        """Each laid-out cell's Markdown (by the cell's id), for its table's convert_table."""
        self.odd_spans: list[str] = []
        """Each colspan or rowspan not taken as written (`colspan="99999"`)."""

    def escape(self, text: str, parent_tags: set[str]) -> str:
        """Text outside code, escaped as markdown_text does, one text node at a time (its
        line breaks are spaces, as in HTML: none starts a heading, list or underline)."""
        if not text:
            return ""
        text = text.replace("\n", " ")
        text = _ENTITY.sub("&amp;", _INLINE.sub(r"\\\g<0>", text)).replace("<", "&lt;")
        text = _BLOCK_START.sub(_not_block, text.replace(">", "\\>"), count=1)
        return text.replace("|", "\\|") if parent_tags & _CELLS else text

    def convert_pre(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """A block of code, fenced by more backticks than the longest run of them in the code
        (a partner's ``` inside would otherwise end the block early)."""
        fenced = self._inherited("pre", el, text, parent_tags)
        longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
        if longest < 3 or not fenced:
            return fenced
        fence = "`" * (longest + 1)
        return f"\n\n{fence}{fenced.strip().removeprefix('```').removesuffix('```')}{fence}\n\n"

    def convert_table(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """A table as a Markdown table (`_table_rows`), after its caption and any text of it
        outside its cells; one inside a table's cell as its cells' text (Markdown has no such)."""
        if parent_tags & _CELLS:
            return f" {text.strip()} "
        table = _markdown_table(self._table_rows(el), _head_rows(el))
        return "\n\n" + "\n\n".join(part for part in (text.strip(), table) if part) + "\n\n"

    def convert_tr(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """A table row: what of it lies outside its cells (convert_table lays out the cells);
        one inside a table's cell, or in no table, as its cells' text."""
        if parent_tags & _CELLS or _table_of(el) is None:
            return f" {text} "
        return text

    def convert_td(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """A table cell: kept for convert_table, which lays out its table's cells; one inside
        a table's cell, or in no row of a table, as its text."""
        if parent_tags & _CELLS or not _laid_out(el):
            return f" {text} "
        self.cell_texts[id(el)] = _pipes_escaped(text.strip().replace("\n", " "))
        return ""

    convert_th = convert_td

    def convert_caption(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """A table's caption as a paragraph above the table (one inside a table's cell, its text)."""
        return f" {text} " if parent_tags & _CELLS else f"\n\n{text.strip()}\n\n"

    def _table_rows(self, table: Tag) -> list[dict[int, str]]:
        """The texts of each row of `table` by column (`_placed`), in the order `_row_groups`
        gives; a span out of range or unreadable is taken as browsers take it, and said
        (`odd_spans`)."""
        groups = _row_groups(table)
        columns = max((_columns(row) for group in groups for row in group), default=1)
        rows = [[self._cell(cell, len(group) - index, columns) for cell in _cells_of(row)]
                for group in groups for index, row in enumerate(group)]
        return _placed(rows, [len(group) for group in groups])

    def _cell(self, cell: Tag, rows_left: int, columns: int) -> _Cell:
        colspan = self._span(cell, "colspan", 1, MAX_SPAN)
        if colspan == MAX_SPAN and colspan > columns:  # 99999 spans the table, not 1,000 columns
            colspan = columns
        rowspan = self._span(cell, "rowspan", 0, MAX_ROWSPAN)
        # rowspan="0" spans the rest of its row group (HTML); none spans past that group
        return _Cell(self.cell_texts.get(id(cell), ""), colspan,
                     rows_left if rowspan == 0 else min(rowspan, rows_left))

    def _span(self, cell: Tag, name: str, least: int, most: int) -> int:
        """A cell's colspan or rowspan as browsers read it: its leading digits (`" 2px"` is
        2); none, or fewer than `least`, is 1; more than `most` is `most`."""
        written = cell.get(name)
        if written is None:
            return 1
        value = _span_value(str(written))
        if value is not None and least <= value <= most:
            return value
        self.odd_spans.append(f'{name}="{_shown_span(str(written))}"')
        return 1 if value is None or value < least else most

    def _inherited(self, tag: str, el: Tag, text: str, parent_tags: set[str]) -> str:
        convert: Callable[..., Any] = getattr(MarkdownConverter, f"convert_{tag}")
        return str(convert(self, el, text, parent_tags))


_CELLS = {"td", "th"}
_SECTIONS = {"thead", "tbody", "tfoot"}
_BACKTICKS = re.compile("`+")

MAX_SPAN = 1000
"""The most columns a cell spans (browsers take a larger colspan as 1,000): a larger one spans
the table's real columns, its widest row's with no such colspan counted past 1."""
MAX_ROWSPAN = 65534
"""The most rows a cell spans (as browsers take it); never past the end of its row group."""
MAX_TABLE_CELLS = 2_000_000
"""The most places (rows times columns, spans counted) a partner's table may lay out or its
Markdown table hold: at 3 bytes or more a place, more than a story file may hold (MAX_BYTES)."""


class TableTooLarge(ShowcaseError):
    """A partner's table lays out more than MAX_TABLE_CELLS places."""


@dataclass(frozen=True)
class _Cell:
    """A table cell: its Markdown text (on one line), and how many columns and rows it spans
    (rows already cut to its row group)."""

    text: str
    colspan: int
    rowspan: int


def _table_of(row: Tag) -> Tag | None:
    """The table `row` is a row of (directly or in a thead, tbody or tfoot); None if none."""
    parent = row.parent
    if parent is not None and parent.name in _SECTIONS:
        parent = parent.parent
    return parent if parent is not None and parent.name == "table" else None


def _laid_out(cell: Tag) -> bool:
    """Whether `cell` is a cell of a row of a table (one elsewhere is only text)."""
    return cell.parent is not None and cell.parent.name == "tr" and _table_of(cell.parent) is not None


def _cells_of(row: Tag) -> list[Tag]:
    return [cell for cell in row.children if isinstance(cell, Tag) and cell.name in _CELLS]


def _columns(row: Tag) -> int:
    """How many columns `row`'s cells span, a colspan over MAX_SPAN counted as 1."""
    spans = (_span_value(str(cell.get("colspan", "1"))) for cell in _cells_of(row))
    return sum(span if span is not None and 1 <= span <= MAX_SPAN else 1 for span in spans)


def _groups_as_written(table: Tag) -> list[tuple[str, list[Tag]]]:
    """The table's row groups as written: each thead, tbody or tfoot, and each run of rows
    outside any, with its rows."""
    groups: list[tuple[str, list[Tag]]] = []
    for child in table.children:
        if not isinstance(child, Tag):
            continue
        if child.name == "tr" and groups and groups[-1][0] == "tr":
            groups[-1][1].append(child)
        elif child.name == "tr":
            groups.append(("tr", [child]))
        elif child.name in _SECTIONS:
            groups.append((child.name, [row for row in child.children
                                        if isinstance(row, Tag) and row.name == "tr"]))
    return [group for group in groups if group[1]]


def _row_groups(table: Tag) -> list[list[Tag]]:
    """The table's row groups in the order a browser shows them: its first thead first, its
    first tfoot last, the others as written."""
    groups = _groups_as_written(table)
    head = next((group for group in groups if group[0] == "thead"), None)
    foot = next((group for group in groups if group[0] == "tfoot"), None)
    middle = [group for group in groups if group is not head and group is not foot]
    return [rows for _, rows in ([head] if head else []) + middle + ([foot] if foot else [])]


def _head_rows(table: Tag) -> int:
    """How many rows the table's first thead holds (the first rows `_row_groups` gives)."""
    return next((len(rows) for name, rows in _groups_as_written(table) if name == "thead"), 0)


def _placed(rows: list[list[_Cell]], group_sizes: list[int]) -> list[dict[int, str]]:
    """Each row's texts by column, placed as HTML's table model places cells: a cell takes
    the first column of its row that no cell above spans down into. A spanned place is left
    blank, not repeated: a figure written once is never shown twice (a colspan's or rowspan's
    text stands in the first column and row it spans)."""
    placed: list[dict[int, str]] = []
    spent = 0
    for size in group_sizes:
        busy: list[int] = []  # busy[column]: the first row of the group free in that column
        for index in range(size):
            texts: dict[int, str] = {}
            column = 0
            for cell in rows[len(placed)]:
                while column < len(busy) and busy[column] > index:
                    column += 1
                if cell.text:
                    texts[column] = cell.text
                end = column + cell.colspan
                busy.extend([0] * (end - len(busy)))
                busy[column:end] = [index + cell.rowspan] * cell.colspan
                column = end
            spent += column + 1
            if spent > MAX_TABLE_CELLS:
                raise TableTooLarge(f"a table of {len(rows)} rows lays out more than "
                                    f"{MAX_TABLE_CELLS:,} cells")
            placed.append(texts)
    return placed


def _markdown_table(rows: list[dict[int, str]], head: int) -> str:
    """A Markdown table of the placed `rows` whose first `head` are its thead's. Its header row
    is the thead's rows, each column's texts joined (Markdown has one header row), or without
    a thead (or an empty one) the first row with text, `<th>` or not: an empty header row shows
    as a blank bar. Rows and columns without text are left out; "" when no cell has text."""
    heads = [row for row in rows[:head] if row]
    body = [row for row in rows[head:] if row]
    if not heads and not body:
        return ""
    header = ({column: " ".join(row[column] for row in heads if column in row)
               for column in sorted(set().union(*heads))} if heads else body.pop(0))
    columns = sorted(set(header).union(*body))
    if len(columns) * (len(body) + 1) > MAX_TABLE_CELLS:
        raise TableTooLarge(f"a table of {len(body) + 1} rows and {len(columns)} columns is "
                            f"more than {MAX_TABLE_CELLS:,} cells")
    return "\n".join([_markdown_row(header, columns),
                      "| " + " | ".join(["---"] * len(columns)) + " |",
                      *(_markdown_row(row, columns) for row in body)])


def _markdown_row(row: dict[int, str], columns: list[int]) -> str:
    return "| " + " | ".join(row.get(column, "") for column in columns) + " |"


_SPAN_DIGITS = re.compile(r"[ \t\n\f\r]*\+?(\d+)")


def _span_value(written: str) -> int | None:
    """A span's number as HTML reads it (leading digits); None when it has none."""
    found = _SPAN_DIGITS.match(written)
    if found is None:
        return None
    digits = found.group(1).lstrip("0") or "0"
    return int(digits) if len(digits) <= 9 else 10**9  # int() refuses 4,300 digits


_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)")
_BARE_PIPE = re.compile(r"(?<!\\)((?:\\\\)*)\|")


def _pipes_escaped(cell: str) -> str:
    """A cell's Markdown with each `|` outside code escaped: one in a link's address or an
    image's alt text would otherwise split the cell and shift the cells after it."""
    parts, start = [], 0
    for code in _CODE_SPAN.finditer(cell):  # a `|` in code splits no cell (and shows a `\`)
        parts += [_BARE_PIPE.sub(r"\1\\|", cell[start:code.start()]), code.group()]
        start = code.end()
    return "".join([*parts, _BARE_PIPE.sub(r"\1\\|", cell[start:])])


def _shown_span(written: str) -> str:
    shown = printable(one_line(written))
    return shown if len(shown) <= 20 else shown[:17] + "..."


def write_import(planned: list[ImportedStory]) -> list[ImportedStory]:
    """Write the planned files (never over an existing one); the ones written."""
    written = []
    for item in planned:
        if item.text is None:
            continue
        item.path.parent.mkdir(parents=True, exist_ok=True)
        with item.path.open("x", encoding="utf-8", newline="\n") as out:
            out.write(item.text)
        written.append(item)
    return written
