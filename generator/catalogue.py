"""The catalogue: a whole showcase project read, validated and sorted, every problem gathered."""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from generator import checks, nesting, slips
from generator.attachment_names import case_key
from generator.bodylinks import Hidden, PublicStories, groups_of
from generator.content import content_problems
from generator.elsewhere import Elsewhere, here
from generator.model.award import AwardFile
from generator.model.common import SLUG, fold_name, parse_date
from generator.model.story import Status
from generator.model.strategy import Strategy
from generator.problems import Problem, Severity
from generator.project import Layout
from generator.reading import frontmatter
from generator.reading.characters import UNSAFE_CHARACTERS, described, unsafe_characters
from generator.reading.diskcache import FrontMatterCache
from generator.reading.errors import field_name
from generator.reading.files import read_model
from generator.reading.safe_yaml import Located, YamlProblem
from generator.reading.series import Table, read_table
from generator.reading.stories import MEMO, StoryRead, read_story
from generator.reading.text import read_text
from generator.story import Story, UnusableStory, make_slug

STRATEGY_FILE = "strategy.yml"
ACCESSIBILITY_PAGE = "accessibility.md"


@dataclass(frozen=True)
class Award:
    """An award entry file, with its hand-written answers."""

    id: str
    path: str
    entry: AwardFile
    located: Located
    overrides: dict[str, Path]
    """Question id to the file holding a hand-written answer."""


@dataclass
class Catalogue:
    """Everything in a project, validated; `problems` holds all that is wrong."""

    layout: Layout
    stories: list[Story] = field(default_factory=list)
    """Valid stories, newest first."""
    unusable: list[UnusableStory] = field(default_factory=list)
    partial: list[Story] = field(default_factory=list)
    """The unusable stories as far as their valid fields go (`StoryRead.partial`): judged by
    check, so that its author sees every problem in one run; never published."""
    awards: list[Award] = field(default_factory=list)
    unusable_awards: list[str] = field(default_factory=list)
    """Award files that could not be read into the model (their problems say why)."""
    strategy: Strategy | None = None
    tables: dict[str, Table] = field(default_factory=dict)
    """CSV files under data/, by path relative to the project."""
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    def story(self, slug: str) -> Story | None:
        return next((s for s in self.stories if s.slug == slug), None)

    def award(self, award_id: str) -> Award | None:
        return next((a for a in self.awards if a.id == award_id), None)

    def hidden(self, public: Iterable[Story]) -> Hidden:
        """What every story not among `public` (drafts, review, embargo, unreadable) would
        give away in an address: no link may publish it."""
        shown = list(public)
        slugs = {story.slug for story in shown}
        hidden = [s for s in self.stories if s.slug not in slugs]
        pairs = [(s.slug, s.path) for s in hidden] + [(u.slug, u.path) for u in self.unusable]
        return Hidden.of(pairs, groups_of(hidden) - groups_of(shown))

    def linkable(self, public: Iterable[Story], site_url: str = "") -> PublicStories:
        """What a link may lead to when `public` are the stories anyone may see (the site's
        at build time, or a pack's entered ones): everything else keeps its words only."""
        shown = list(public)
        return PublicStories.for_site(shown, self.layout, site_url, self.hidden(shown))

    def public_stories(self, now: datetime) -> list[Story]:
        """Stories anyone may see at `now` (contract section 7), newest first."""
        return [s for s in self.stories if s.is_public(now)]

    def table_for(self, file: str) -> Table | None:
        return self.tables.get(self.layout.relative(self.layout.data / file))


def collect(layout: Layout, now: datetime, elsewhere: Elsewhere = here) -> Catalogue:
    """Read and check the whole project at `layout`; `elsewhere` may read half the stories
    in another process."""
    catalogue = Catalogue(layout)
    with _no_collection_pauses():
        _collect_data(catalogue)
        _collect_stories(catalogue, elsewhere)
        _collect_awards(catalogue)
    catalogue.problems += checks.check_site_links(catalogue.stories, catalogue.unusable,
                                                  layout, now, catalogue.partial)
    catalogue.problems += checks.check_story_times(catalogue.stories, now)
    _check_accessibility(catalogue, now)
    catalogue.problems += [*layout.problems, *content_problems(
        layout, catalogue.stories, catalogue.unusable, now)]
    catalogue.problems = sorted(set(catalogue.problems),
                                key=lambda p: (p.path, p.line or 0, p.field or "", p.message))
    return catalogue


@contextmanager
def _no_collection_pauses() -> Iterator[None]:
    """Pause Python's cycle collector while reading: the catalogue grows by millions of
    small acyclic objects (parsed values, line maps), and repeated full collections over
    them took a third of `check` on 10,000 stories (bench/README.md). Nothing read here
    forms cycles that must be freed early; the collector's state is restored after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _files(folder: Path, *patterns: str) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted({f for pattern in patterns for f in folder.rglob(pattern)
                   if not f.is_dir() and not _hidden(f, folder)})


def _hidden(file: Path, folder: Path) -> bool:
    """A hidden file or folder (`.draft.md`, macOS's `._story.md` copies, `.git/`): not read,
    as editors and file managers hide them from their authors too."""
    inside = str(file)[len(str(folder)):]  # a file of `folder`: "/x.md", "/media/.y.png"
    return f"{os.sep}." in inside


_LIKE_A_STORY = re.compile(r"\.(md|markdown|mdown|mkd)(\.txt)?$", re.IGNORECASE)


@dataclass(frozen=True)
class _Linked:
    """What a folder's listing would read in a linked sub-folder, and where it belongs."""

    what: str
    """The files, in words: "stories"."""
    named: re.Pattern[str]
    """Names of files the listing reads (or warns of)."""
    advice: str
    """What to do instead of the link."""
    read_inside: bool = False
    """True when a link to a folder inside the listed folder loses nothing: its files are
    read there, under their own path."""


_LINKED_STORIES = _Linked("stories", _LIKE_A_STORY,
                          "move the folder into stories/ in place of the link", read_inside=True)
_LINKED_AWARDS = _Linked("award files", re.compile(r"\.ya?ml$", re.IGNORECASE),
                         "award files go directly in awards/: move them there")
_LINKED_DATA = _Linked("CSV files", re.compile(r"\.csv$", re.IGNORECASE),
                       "move the folder into data/ in place of the link")
_FOLDER_LOOP = ("is a link that leads round in a loop (to itself, to a folder it is in, or "
                "through other links back to it): nothing in it is read (remove the link)")


def _links(folder: Path) -> list[Path]:
    """The links in `folder`, at any depth, hidden ones left out; links are not followed."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_symlink() and not _hidden(p, folder))


def _linked_folders(layout: Layout, folder: Path, links: Iterable[Path],
                    kind: _Linked) -> list[Problem]:
    """A warning for each of `links` (in `folder`) that leads to a folder whose files are
    not read: listing a folder follows no link to a folder (one may lead round in a loop, or
    out of the project), and a silent skip would leave its stories off the site unsaid."""
    found = []
    for link in links:
        why = _unfollowed(layout, folder, link, kind)
        if why is not None:
            found.append(Problem(layout.relative(link), None, None, why, Severity.WARNING))
    return found


def _unfollowed(layout: Layout, folder: Path, link: Path, kind: _Linked) -> str | None:
    """Why the files of the folder `link` leads to are not read; None when it leads to no
    folder, to one holding none of them, or (`kind.read_inside`) to one read anyway."""
    name = layout.relative(folder)
    try:
        target = link.resolve(strict=True)
    except FileNotFoundError:
        return None  # a link to nothing: there is nothing to read
    except (OSError, RuntimeError):  # a link to itself, or links round in a loop
        return _FOLDER_LOOP
    if not target.is_dir():
        return None
    if not target.is_relative_to(layout.root):  # not looked into: it may be the whole disk
        return (f"is a link to a folder outside the project: nothing in it is read (copy its "
                f"{kind.what} into {name}/ instead of linking to them)")
    if link.parent.resolve().is_relative_to(target):
        return _FOLDER_LOOP
    if kind.read_inside and target.is_relative_to(folder.resolve()):
        return None
    if not _holds(target, kind.named):
        return None
    return (f"is a link to a folder ({layout.relative(target)}/): the {kind.what} in it are "
            f"not read, as links to folders in {name}/ are not followed ({kind.advice})")


def _holds(folder: Path, named: re.Pattern[str]) -> bool:
    """True when `folder` (links not followed, hidden files left out) holds a file so named."""
    for _top, folders, files in os.walk(folder):
        folders[:] = [f for f in folders if not f.startswith(".")]
        if any(named.search(f) and not f.startswith(".") for f in files):
            return True
    return False


def _unread_story_files(layout: Layout, found: list[Path]) -> list[Problem]:
    """A warning for each file that looks like a story but is not read: only names ending in
    `.md` are (`.MD`, `.markdown`, `x.md.txt` or a space after `.md` are not)."""
    return [Problem(layout.relative(file), None, None,
                    "looks like a story but is not read: a story's file name ends in .md "
                    f"(rename it {_LIKE_A_STORY.sub('', file.name.strip())}.md)", Severity.WARNING)
            for file in found
            if file.suffix != ".md" and _LIKE_A_STORY.search(file.name.strip()) and file.is_file()]


_LIKE_AN_AWARD = re.compile(r"\.ya?ml(\.txt)?$", re.IGNORECASE)


def _unread_award_files(layout: Layout) -> list[Problem]:
    """A warning for each file in the awards folder that looks like an award file but is not
    read: only names ending in `.yml` or `.yaml` are (`.YML` or `x.yml.txt` are not)."""
    found = sorted(layout.awards.iterdir()) if layout.awards.is_dir() else []
    return [Problem(layout.relative(file), None, None,
                    "looks like an award file but is not read: an award file's name ends in "
                    f".yml (rename it {_LIKE_AN_AWARD.sub('', file.name.strip())}.yml)",
                    Severity.WARNING)
            for file in found
            if file.suffix not in (".yml", ".yaml") and not file.name.startswith(".")
            and _LIKE_AN_AWARD.search(file.name.strip()) and file.is_file()]


def _inside_project(catalogue: Catalogue, file: Path,
                    folders: dict[Path, Path] | None = None) -> bool:
    """True when `file` resolves inside the project; `folders` caches resolved parents."""
    root = catalogue.layout.root
    if folders is not None and not file.is_symlink():
        # not a link itself: it is where its folder resolves to, and folders repeat
        parent = folders.get(file.parent)
        if parent is None:
            parent = folders[file.parent] = file.parent.resolve()
        resolved = parent / file.name
    else:
        try:
            resolved = file.resolve()
        except (RuntimeError, OSError):  # a link to itself, or links round in a loop
            catalogue.problems.append(Problem(
                catalogue.layout.relative(file), None, None,
                "is a link that leads round in a loop (to itself, or through other links back "
                "to it): it was not read (replace the link with the story's file)"))
            return False
    if resolved.is_relative_to(root):
        return True
    catalogue.problems.append(Problem(catalogue.layout.relative(file), None, None,
                                      "is a link to a file outside the project: it was not read "
                                      "(copy the file into the project instead of linking to it)"))
    return False


def strategy_as_read(layout: Layout) -> Strategy | None:
    """data/strategy.yml as `collect` reads it (None when it is missing, links outside the
    project or does not read), without its checks: for what needs only its outcomes while
    another process reads the whole project (the story editor's choices)."""
    strategy_file = layout.data / STRATEGY_FILE
    if not strategy_file.is_file() or not strategy_file.resolve().is_relative_to(layout.root):
        return None
    return read_model(strategy_file, layout.relative(strategy_file), Strategy, "the strategy")[0]


def _collect_data(catalogue: Catalogue) -> None:
    layout = catalogue.layout
    catalogue.problems += _linked_folders(
        layout, layout.data, [f for f in _links(layout.data) if f.suffix != ".csv" or f.is_dir()],
        _LINKED_DATA)
    for file in _files(layout.data, "*.csv"):
        if _inside_project(catalogue, file):
            table, problems = read_table(file, layout.relative(file))
            catalogue.problems += problems
            if table is not None:
                catalogue.tables[table.path] = table
    strategy_file = layout.data / STRATEGY_FILE
    relative = layout.relative(strategy_file)
    if not strategy_file.is_file():
        catalogue.problems.append(Problem(relative, None, None,
                                          "is missing: it lists the strategy's outcomes that "
                                          "stories evidence (see the example project)"))
        return
    if not _inside_project(catalogue, strategy_file):
        return
    strategy, located, problems = read_model(strategy_file, relative, Strategy, "the strategy")
    catalogue.problems += problems
    if strategy is not None and located is not None:
        catalogue.strategy = strategy
        catalogue.problems += checks.check_strategy(strategy, relative, located.lines,
                                                    catalogue.tables, layout)


def _collect_stories(catalogue: Catalogue, elsewhere: Elsewhere) -> None:
    layout = catalogue.layout
    strategy = catalogue.strategy
    outcome_ids = {o.id for o in strategy.outcomes} if strategy else None
    folders: dict[Path, Path] = {}
    # a rebuild under `serve` has every unchanged story in memory: no file to read or write
    cache = FrontMatterCache(None) if MEMO.warm else FrontMatterCache.for_project(layout.root)
    memo = checks.PathMemo(cache)
    everything = [file for file in (sorted(layout.stories.rglob("*"))
                                    if layout.stories.is_dir() else [])
                  if not _hidden(file, layout.stories)]
    files = [file for file in everything if file.suffix == ".md" and not file.is_dir()
             and _inside_project(catalogue, file, folders)]
    catalogue.problems += _unread_story_files(layout, everything)
    catalogue.problems += _linked_folders(  # a link named like a story is judged as one
        layout, layout.stories, [f for f in everything if f.is_symlink()
                                 and (f.suffix != ".md" or f.is_dir())], _LINKED_STORIES)

    def read(chunk: list[Path]) -> list[tuple[StoryRead, list[Problem]]]:
        found = []
        for file in chunk:
            story = read_story(file, layout.relative(file), cache.parse)
            # a story with field errors is checked as far as its valid fields go, so that
            # its author sees every problem in one run
            judged = story.story or story.partial
            problems = [] if judged is None else checks.check_story(
                judged, layout, outcome_ids, memo)
            found.append((story, problems))
        return found

    def read_there(chunk: list[Path]) -> tuple[list[tuple[StoryRead, list[Problem]]],
                                               int, dict[str, Any], int, int]:
        return read(chunk), os.getpid(), cache.taken(), cache.hits, cache.misses

    # the other process reads a little less: its stories must still cross a pipe to here
    half = len(files) - len(files) * 9 // 20
    there = elsewhere(lambda: read_there(files[half:]), len(files) - half)
    found = read(files[:half])
    later, pid, entries, hits, misses = there()
    if pid != os.getpid():  # read in another process: its cache entries come back too
        cache.adopt(entries, hits, misses)
    for read_one, problems in [*found, *later]:
        catalogue.problems += read_one.problems + problems
        if read_one.unusable is not None:
            catalogue.unusable.append(read_one.unusable)
        if read_one.partial is not None:
            catalogue.partial.append(read_one.partial)
        if read_one.story is not None:
            catalogue.stories.append(read_one.story)
    MEMO.end_pass()
    cache.save()
    catalogue.stories.sort(key=lambda s: s.slug)
    catalogue.stories.sort(key=lambda s: s.date, reverse=True)
    catalogue.problems += checks.check_slugs(catalogue.stories, catalogue.unusable)
    catalogue.problems += checks.check_metric_agreement(catalogue.stories)
    catalogue.problems += checks.check_shared_addresses(catalogue.stories)
    catalogue.problems += checks.check_same_titles(catalogue.stories)


def _collect_awards(catalogue: Catalogue) -> None:
    layout = catalogue.layout
    files = _files(layout.awards, "*.yml", "*.yaml")
    award_ids = {f.stem for f in files if f.parent == layout.awards}
    catalogue.problems += _unread_award_files(layout)
    catalogue.problems += _linked_folders(  # an answers folder may be a link: it is read
        layout, layout.awards, [f for f in _links(layout.awards)
                                if f.relative_to(layout.awards).parts[0] not in award_ids
                                and (f.suffix not in (".yml", ".yaml") or f.is_dir())],
        _LINKED_AWARDS)
    for file in files:
        relative = layout.relative(file)
        if file.parent != layout.awards:
            catalogue.problems.append(Problem(relative, None, None,
                                              "award files go directly in "
                                              f"{layout.relative(layout.awards)}/, not in a sub-folder"))
            continue
        if not _inside_project(catalogue, file):
            continue
        entry, located, problems = read_model(file, relative, AwardFile, "an award file")
        twins = _same_id_problems(layout, file, files)
        named = _award_id_problems(file, relative) + checks.check_award_pack_name(relative, file.stem)
        catalogue.problems += problems + named + twins
        overrides = _overrides(catalogue, file.stem, entry)
        if entry is not None and located is not None and not twins \
                and not any(p.is_error for p in named):
            award = Award(file.stem, relative, entry, located, overrides)
            catalogue.awards.append(award)
            catalogue.problems += _check_award(catalogue, award)
        else:
            catalogue.unusable_awards.append(relative)
            catalogue.problems += _raw_slug_problems(catalogue, relative, located)
    catalogue.problems += checks.check_pack_name_clashes(
        {layout.relative(f): f.stem for f in files if f.parent == layout.awards})
    catalogue.problems += checks.check_award_names(catalogue.stories, catalogue.awards)
    catalogue.problems += slips.uncounted_awards(catalogue.stories, catalogue.awards,
                                                 catalogue.strategy, catalogue.unusable_awards)
    for folder in sorted(p for p in layout.awards.glob("*") if p.is_dir()) if layout.awards.is_dir() else []:
        # a folder of award files (not answers) is already named file by file above
        if folder.name not in award_ids and any(folder.glob("*.md")):
            catalogue.problems.append(Problem(layout.relative(folder), None, None,
                                              f"holds answers but there is no award file "
                                              f"{layout.relative(folder)}.yml"))


def _same_id_problems(layout: Layout, file: Path, files: list[Path]) -> list[Problem]:
    """An error when another award file gives the same id (`pt.yml` and `pt.yaml`): neither is
    used, as no command could tell which one `showcase pack pt` means."""
    same = case_key(file.stem)  # as Windows and macOS match case: straße is not strasse
    others = [f for f in files if f != file and f.parent == file.parent
              and case_key(f.stem) == same]
    if not others:
        return []
    names = " and ".join(layout.relative(f) for f in sorted([file, *others]))
    spelt = "" if all(f.stem == file.stem for f in others) else \
        " (spelt two ways: one file on Windows and macOS, and one pack)"
    return [Problem(layout.relative(file), None, None,
                    f"{names} both give the award id {file.stem.lower()}{spelt}: keep one of them "
                    "(rename or remove the other); until then neither is used")]


def _award_id_problems(file: Path, relative: str) -> list[Problem]:
    """The file name is the award id, used in pack names and web addresses: keep it a slug
    (an error when it holds a control character, which a terminal or a Word file would act on
    or refuse: the award is then not used)."""
    if SLUG.fullmatch(file.stem):
        return []
    suggestion = make_slug(UNSAFE_CHARACTERS.sub("", file.stem)) or "my-award-2027"
    target = f"{suggestion}{file.suffix}"
    rename = (f"rename the file {target}" if not (file.parent / target).exists()
              else f"{target} is taken, so rename this file another "
                   f"plain name, like {_free_name(file.parent, suggestion)}{file.suffix}")
    unsafe = UNSAFE_CHARACTERS.search(file.stem)
    if unsafe is not None:
        return [Problem(relative, None, None, f"the file name holds the control character "
                        f"{described(unsafe.group())}: {rename}")]
    return [Problem(relative, None, None,
                    f'the award id "{file.stem}" (the file name) is used in pack names and web '
                    f"addresses: {rename}", Severity.WARNING)]


def _free_name(folder: Path, taken: str) -> str:
    """A plain award id like `taken` that no file in `folder` gives (as Windows and macOS
    match case): strasse-2027 -> strasse-b-2027 (a letter before a closing year), else
    strasse-b."""
    used = {case_key(f.stem) for f in folder.glob("*")}
    year = re.fullmatch(r"(.+)-(\d{4})", taken)
    for letter in "bcdefghijklmnopqrstuvwxyz":
        name = f"{year.group(1)}-{letter}-{year.group(2)}" if year else f"{taken}-{letter}"
        if case_key(name) not in used:
            return name
    return f"{taken}-new"


def _overrides(catalogue: Catalogue, award_id: str, entry: AwardFile | None) -> dict[str, Path]:
    layout = catalogue.layout
    folder = layout.awards / award_id
    found: dict[str, Path] = {}
    questions = [q.id for q in entry.questions] if entry else []
    for file in sorted(folder.glob("*")) if folder.is_dir() else []:
        relative = layout.relative(file)
        if file.name.startswith("."):
            continue  # hidden, as in stories/
        if file.is_dir():
            catalogue.problems.append(Problem(relative, None, None,
                                              "is a folder: an answer is a file, "
                                              f"{layout.relative(folder)}/<question-id>.md"))
        elif file.suffix != ".md" or not file.is_file():
            catalogue.problems.append(Problem(relative, None, None,
                                              "only <question-id>.md answer files belong here"))
        elif not _inside_project(catalogue, file):
            continue
        elif entry is not None and file.stem not in questions:
            catalogue.problems.append(Problem(
                relative, None, None,
                f'no question "{file.stem}" in {layout.relative(folder)}.yml'
                f"{checks.did_you_mean(file.stem, questions)}; its questions are {', '.join(questions)}"))
        else:
            try:
                text = read_text(file)
            except YamlProblem as exc:
                catalogue.problems.append(Problem(relative, exc.line, None, exc.message))
                continue
            catalogue.problems += answer_character_problems(text, relative)
            catalogue.problems += nesting.answer_problems(text, relative)
            found[file.stem] = file
    return found


def answer_character_problems(text: str, relative: str) -> list[Problem]:
    """A warning at each control character in a hand-written answer, which the pack removes
    (as a story body's are): a NUL, an escape, a text-direction control."""
    return [Problem(relative, line, None, f"the control character {code} is removed from the "
                    "answer (often pasted from a word processor)", Severity.WARNING)
            for line, code in unsafe_characters(text)]


def _slug_problems(catalogue: Catalogue, path: str, located: Located,
                   listed: list[str]) -> list[Problem]:
    """The award's `stories:` slugs no story has, and those listed twice."""
    found: list[Problem] = []
    slugs = {s.slug for s in catalogue.stories} | {u.slug for u in catalogue.unusable}
    first: dict[str, int] = {}
    for index, slug in enumerate(listed):
        if slug not in slugs:
            found.append(Problem(path, located.line_of(("stories", index)), f"stories[{index}]",
                                 f'no story has the slug "{slug}"{_renamed_hint(slug, slugs)}'))
        elif first.setdefault(slug, index) != index:
            found.append(Problem(path, located.line_of(("stories", index)),
                                 f"stories[{index}]", f'"{slug}" is also stories[{first[slug]}]: '
                                 "the story is entered once", Severity.WARNING))
    return found


def _renamed_hint(slug: str, slugs: set[str]) -> str:
    """The close slug an award's unknown one may mean, and how a renamed story file keeps the
    slug the award file names (its default slug came from the old file name)."""
    close = checks.close_match(slug, slugs)
    return (f" (did you mean {close}? or, if that story's file was renamed, add \"slug: {slug}\" "
            "to it to keep its address)") if close else ""


def _raw_slug_problems(catalogue: Catalogue, path: str, located: Located | None) -> list[Problem]:
    """For an award file with other errors, its unknown story slugs too, so that they are
    not told only in a second round, once the fields are mended."""
    if located is None or not isinstance(located.data, dict):
        return []
    listed = located.data.get("stories")
    if not isinstance(listed, list) or not all(isinstance(slug, str) for slug in listed):
        return []
    return _slug_problems(catalogue, path, located, listed)


def _limits_with_a_point(award: Award) -> list[Problem]:
    """Warnings where a limit is written with a point (words: 2.000): read as 2, where a
    European thousands point meant 2,000."""
    data = award.located.data if isinstance(award.located.data, dict) else {}
    places: list[tuple[tuple[str | int, ...], object]] = [(("total_words",),
                                                            data.get("total_words"))]
    questions = data.get("questions")
    for index, question in enumerate(questions if isinstance(questions, list) else []):
        if isinstance(question, dict):
            places += [(("questions", index, name), question.get(name))
                       for name in ("words", "characters")]
    found = []
    for where, value in places:
        if isinstance(value, float) and value.is_integer():
            whole = int(value)
            found.append(Problem(
                award.path, award.located.line_of(where), field_name(where),
                f"is written with a point, so it is read as {whole:,}: if a thousands point "
                f"was meant, write {whole * 1000} (a limit is a whole number, without points "
                "or commas)", Severity.WARNING))
    return found


def _curly_quoted_fields(award: Award) -> list[Problem]:
    """Warnings where an award file's words are wholly inside Word's curly quotes: the pack
    prints them as part of the text (# READY: “Best Digital Award”)."""
    entry = award.entry
    texts: list[tuple[tuple[str | int, ...], object]] = [
        (("name",), entry.name), (("organiser",), entry.organiser),
        (("category",), entry.category),
        *((("questions", i, "prompt"), q.prompt) for i, q in enumerate(entry.questions))]
    found = []
    for where, text in texts:
        message = checks.curly_quoted(text)
        if message:
            found.append(Problem(award.path, award.located.line_of(where), field_name(where),
                                 message, Severity.WARNING))
    return found


def _check_award(catalogue: Catalogue, award: Award) -> list[Problem]:
    found = _slug_problems(catalogue, award.path, award.located, award.entry.stories or [])
    if award.entry.stories is not None and award.entry.select is not None:
        found.append(Problem(award.path, award.located.line_of(("select",)), "select",
                             "is not used: the stories listed under stories: are entered; "
                             "keep one of the two", Severity.WARNING))
    if award.entry.stories == [] and award.entry.select is None:
        found.append(Problem(award.path, award.located.line_of(("stories",)), "stories",
                             "lists no story: name the stories to enter, by their slugs",
                             Severity.WARNING))
    if award.entry.select is not None:
        found += _selection_problems(catalogue, award)
    found += checks_question_ids(award)
    found += _curly_quoted_fields(award)
    found += _limits_with_a_point(award)
    found += _empty_sections(catalogue, award)
    found += _send_problems(catalogue, award)
    return found


def _entered(catalogue: Catalogue, award: Award) -> list[Story]:
    """The stories the award's pack takes (not drafts), as `pack.selection.choose` does."""
    if award.entry.stories is not None:
        by_slug = {s.slug: s for s in catalogue.stories}
        listed = [by_slug[slug] for slug in award.entry.stories if slug in by_slug]
        return [s for s in listed if s.status is not Status.DRAFT]
    select = award.entry.select
    return [s for s in catalogue.stories if s.status is not Status.DRAFT and select is not None
            and select.matches(set(s.meta.outcomes), set(s.meta.tags), {s.meta.service})]


def _empty_sections(catalogue: Catalogue, award: Award) -> list[Problem]:
    """A warning for each question drafted from a section no entered story has text under:
    its answer would be empty, a blocker of the pack."""
    questions = [(index, q) for index, q in enumerate(award.entry.questions)
                 if q.compose is not None and q.compose.kind == "section" and q.compose.heading
                 and q.id not in award.overrides]
    if not questions:
        return []
    from generator.markdown_text import sections_named

    stories = _entered(catalogue, award)
    found = []
    for index, question in questions:
        heading = str(question.compose.heading) if question.compose else ""
        if stories and not any(text.strip() for s in stories for text in sections_named(s.body, heading)):
            answers = award.path.rsplit(".", 1)[0]
            found.append(Problem(
                award.path, award.located.line_of(("questions", index, "compose")),
                f"questions[{index}].compose",
                f'no story entered has a section headed "{heading}", so the drafted answer '
                f"would be empty: add the section to a story, or write the answer in "
                f"{answers}/{question.id}.md", Severity.WARNING))
    return found


def _send_problems(catalogue: Catalogue, award: Award) -> list[Problem]:
    """A warning for each `attachments: send:` name that no file of the entered stories has,
    or that names a file in a format the award refuses: the pack would be blocked."""
    limits = award.entry.attachments
    stories = _entered(catalogue, award)
    if limits is None or not limits.send or not stories:
        return []
    from generator.attachment_names import cited_names, file_format, listed_format, matching

    called = cited_names(stories)
    formats = {listed_format(f) for f in limits.formats}
    found = []
    for index, name in enumerate(limits.send):
        members = matching(name, called)
        refused = [m for m in members if formats and file_format(m) not in formats]
        if not members:
            message = (f'"{name}" is no file the entered stories cite or show: give an evidence '
                       "id, a file name the stories cite, or a lead image's file name (the pack "
                       "is blocked until then)")
        elif refused:
            message = (f'"{name}" is {", ".join(refused)}, a format the award does not accept '
                       f"(accepted: {', '.join(limits.formats)}): save it as one of those, cite "
                       "that copy and name it here (the pack is blocked until then)")
        else:
            continue
        found.append(Problem(award.path, award.located.line_of(("attachments", "send", index)),
                             f"attachments.send[{index}]", message, Severity.WARNING))
    return found


def _selection_problems(catalogue: Catalogue, award: Award) -> list[Problem]:
    select = award.entry.select
    assert select is not None
    found = []
    if not (select.outcomes or select.tags or select.services):
        found.append(Problem(award.path, award.located.line_of(("select",)), "select",
                             "chooses no stories: list outcomes, tags or services under it"))
    if catalogue.strategy is not None:
        outcome_ids = {o.id for o in catalogue.strategy.outcomes}
        for index, outcome in enumerate(select.outcomes):
            if outcome not in outcome_ids:
                found.append(Problem(award.path, award.located.line_of(("select", "outcomes", index)),
                                     f"select.outcomes[{index}]",
                                     f'unknown outcome "{outcome}"{checks.did_you_mean(outcome, outcome_ids)}'))
    known = {"tags": {t for s in catalogue.stories for t in s.meta.tags},
             "services": {s.meta.service for s in catalogue.stories}}
    for kind, values in (("tags", select.tags), ("services", select.services)):
        folded = {fold_name(name) for name in known[kind]}
        for index, value in enumerate(values):
            if fold_name(value) not in folded:
                what = "tag" if kind == "tags" else "service"
                found.append(Problem(
                    award.path, award.located.line_of(("select", kind, index)),
                    f"select.{kind}[{index}]",
                    f'no story has the {what} "{value}"{checks.did_you_mean(value, known[kind])}',
                    Severity.WARNING))
    matched = [s for s in catalogue.stories
               if select.matches(set(s.meta.outcomes), set(s.meta.tags), {s.meta.service})]
    if not found and not any(s.status is not Status.DRAFT for s in matched):
        why = ("matches only drafts, which are not entered: set a story to review to enter it"
               if matched else "matches no story: a story must have one of each list's values "
               "(outcomes, tags and services together)")
        found.append(Problem(award.path, award.located.line_of(("select",)), "select", why,
                             Severity.WARNING))
    return found


def checks_question_ids(award: Award) -> list[Problem]:
    seen: set[str] = set()
    found = []
    for index, question in enumerate(award.entry.questions):
        if question.id in seen:
            found.append(Problem(award.path, award.located.line_of(("questions", index, "id")),
                                 f"questions[{index}].id",
                                 f'"{question.id}" is used twice: give each question its own id'))
        seen.add(question.id)
    return found


def _check_accessibility(catalogue: Catalogue, now: datetime) -> None:
    page = catalogue.layout.content / ACCESSIBILITY_PAGE
    if not page.is_file():
        return
    relative = catalogue.layout.relative(page)
    try:
        document = frontmatter.parse(read_text(page))
    except YamlProblem:
        catalogue.problems += checks.check_review_date(relative, 1, None, now)
        return
    value = document.fields.data.get("last_reviewed")
    line = document.fields.line_of(("last_reviewed",))
    try:
        reviewed = parse_date(value) if value is not None else None
    except Exception:
        catalogue.problems.append(Problem(relative, line, "last_reviewed",
                                          f'expected a date written YYYY-MM-DD, got "{value}"'))
        return
    catalogue.problems += checks.check_review_date(relative, line, reviewed, now)
