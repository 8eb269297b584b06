"""`showcase import`: a partner's stories.json as draft stories of this project.

The file is validated against the open-data records first. Each public story becomes
`stories/<date>-<slug>.md` with `status: draft`; an existing file or slug is never
overwritten. Outcomes this project's strategy lacks are dropped (with a warning),
quotes arrive without consent (ask the speaker again), figures arrive unverified,
and the attribution and original address go into the body. Control characters check
would refuse (text-direction controls among them) are taken out of all of it, and said;
HTML nested deeper than MAX_NESTING is flattened to its text, and said.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
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
from pydantic import BaseModel, PrivateAttr, ValidationError
from pydantic_core import ErrorDetails

from generator.catalogue import Catalogue
from generator.model.story import StoryMeta
from generator.problems import Problem, ShowcaseError
from generator.reading.characters import DIRECTION_CONTROLS, UNSAFE_CHARACTERS, counted_removal
from generator.reading.errors import field_name, plain_message
from generator.reading.safe_yaml import YamlProblem
from generator.reading.text import MAX_BYTES, decode
from generator.sharing.records import (
    FORMAT_VERSION,
    URL_PATTERN,
    OpenData,
    OpenMetric,
    OpenStory,
)

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
    """A partner's file as read: its publisher on one line, without control characters."""

    _publisher_removed: Removed = PrivateAttr(default_factory=lambda: Removed())

    @classmethod
    def of(cls, data: OpenData) -> PartnerData:
        """`data` with its publisher made one line, its control characters taken out."""
        removed = Removed()
        publisher = one_line(cleaned(data.publisher, "publisher", removed))
        read = cls.model_construct(**{**dict(data), "publisher": publisher})
        read._publisher_removed = removed
        return read

    @property
    def publisher_removed(self) -> Removed:
        """The control characters taken out of the publisher's name (written in each story)."""
        return self._publisher_removed


_templates = Environment(loader=PackageLoader("generator.sharing", "templates"),
                         autoescape=False, keep_trailing_newline=True)
_templates.filters["markdown_text"] = markdown_text
_templates.filters["markdown_url"] = markdown_url


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
    """A stories.json file, validated; every problem names the field to fix."""
    try:
        payload = json.loads(decode(file.read_bytes()))
    except OSError as exc:
        raise ShowcaseError(f"{shown} cannot be read ({exc.strerror})") from None
    except YamlProblem as exc:  # check's words for a file that is not UTF-8
        raise ShowcaseError(f"{shown} is not a stories.json file",
                            [Problem(shown, exc.line, None, exc.message)]) from None
    except json.JSONDecodeError as exc:
        raise ShowcaseError(f"{shown} is not a stories.json file",
                            [Problem(shown, exc.lineno, None,
                                     f"is not valid JSON: {exc.msg} (column {exc.colno})")]) from None
    except RecursionError:
        raise ShowcaseError(f"{shown} is not a stories.json file: its lists or objects are "
                            "nested too deeply to read") from None
    if not isinstance(payload, dict):
        raise ShowcaseError(f"{shown} is not a stories.json file: it holds {_kind(payload)}, "
                            "where a stories.json (as showcase export writes it) holds one "
                            'object, {"version": 1, "publisher": ..., "site_url": ..., '
                            '"generated": ..., "stories": [...]} (see stories.schema.json); '
                            "nothing was imported")
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
                item.text = story_text(story, data, outcomes, notes, f"stories[{index}]")
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
               where: str = "story") -> str:
    """The draft story file for one imported story (`where` names it in notes: `stories[0]`)."""
    kept = [o for o in story.outcomes if o in outcomes]
    for dropped in (o for o in story.outcomes if o not in outcomes):
        notes.append(f'outcomes: dropped "{dropped}": this project\'s strategy has no such outcome')
    if not kept:
        notes.append("outcomes: none left: choose one of this project's outcomes before review")
    front = _front_matter(story, data, kept)
    _check_front_matter(front, kept)
    return "---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=100) + \
        "---\n\n" + _body(story, data, notes, where)


def _front_matter(story: OpenStory, data: OpenData, outcomes: list[str]) -> dict[str, Any]:
    partners = list(story.partners)
    if data.publisher.casefold() not in {p.casefold() for p in partners}:
        partners.append(data.publisher)
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
        front["quotes"] = [{"text": q.text, "by": one_line(q.by),
                            **({"role": q.role} if q.role else {}), "consent": False}
                           for q in story.quotes]
    return front


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


def _body(story: OpenStory, data: OpenData, notes: list[str], where: str) -> str:
    soup = BeautifulSoup(story.content_html, "html.parser")
    depth = flatten(soup, MAX_NESTING)
    if depth > MAX_NESTING:
        notes.append(f"{where}.content_html: its HTML is nested {depth} levels deep; what lay "
                     f"deeper than {MAX_NESTING} levels keeps its text but not its layout: "
                     "check the story's layout")
    content = _PartnerHtml(heading_style="ATX", bullets="-").convert_soup(soup).strip()
    content = re.sub(r"\n{3,}", "\n\n", content)
    return _templates.get_template("imported-story.md").render(
        story=story, publisher=data.publisher, content=content)


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


class _PartnerHtml(MarkdownConverter):
    """markdownify, with a partner's text shown as written: no character of it is read as
    Markdown or HTML (`&lt;!--` stays text, a `|` in a table cell splits no cell)."""

    def __init__(self, **options: Any) -> None:
        super().__init__(escape_asterisks=False, escape_underscores=False, **options)

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
        """A table; one inside a table's cell as its cells' text (Markdown has no such)."""
        if parent_tags & _CELLS:
            return f" {text.strip()} "
        return self._inherited("table", el, text, parent_tags)

    def convert_tr(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """A table row; the table's first row is its header row, `<th>` or not (Markdown's
        tables have one: blank, it would be a row of empty headers); one inside a table's
        cell as its cells' text."""
        if parent_tags & _CELLS:
            return f" {text} "
        row = f"|{text}\n"
        if not _first_row(el):
            return row
        columns = sum(_span(cell) for cell in el.find_all(_CELLS, recursive=False))
        return row + "| " + " | ".join(["---"] * max(columns, 1)) + " |\n"

    def convert_td(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """A table cell; one inside a table's cell as its text."""
        return f" {text} " if parent_tags & _CELLS else self._inherited("td", el, text, parent_tags)

    convert_th = convert_td

    def _inherited(self, tag: str, el: Tag, text: str, parent_tags: set[str]) -> str:
        convert: Callable[..., Any] = getattr(MarkdownConverter, f"convert_{tag}")
        return str(convert(self, el, text, parent_tags))


_CELLS = {"td", "th"}
_SECTIONS = ["thead", "tbody", "tfoot"]
_BACKTICKS = re.compile("`+")


def _first_row(row: Tag) -> bool:
    """Whether `row` is the first row of its table (maybe in a thead, tbody or tfoot)."""
    if row.find_previous_sibling("tr") is not None:
        return False
    section = row.parent
    if section is None or section.name not in _SECTIONS:
        return True
    return not any(earlier.find("tr", recursive=False) is not None
                   for earlier in section.find_previous_siblings(_SECTIONS))


def _span(cell: Tag) -> int:
    """How many columns a cell spans (as markdownify reads colspan: 1 to 1000)."""
    span = str(cell.get("colspan", ""))
    return max(1, min(1000, int(span))) if span.isdigit() else 1




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
