"""`showcase import`: a partner's stories.json as draft stories of this project.

The file is validated against the open-data records first. Each public story becomes
`stories/<date>-<slug>.md` with `status: draft`; an existing file or slug is never
overwritten. Outcomes this project's strategy lacks are dropped (with a warning),
quotes arrive without consent (ask the speaker again), figures arrive unverified,
and the attribution and original address go into the body.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml
from jinja2 import Environment, PackageLoader
from markdownify import markdownify
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from generator.catalogue import Catalogue
from generator.model.story import StoryMeta
from generator.problems import Problem, ShowcaseError
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
    backtick, `<` or an entity are not formatting, links or HTML; `#`, `>`, `-`, `+` or `1.`
    at its start are no heading, quote or list."""
    text = _ENTITY.sub("&amp;", _INLINE.sub(r"\\\g<0>", one_line(text))).replace("<", "&lt;")
    return _BLOCK_START.sub(r"\g<1>\\\g<2>", text, count=1)


_INLINE = re.compile(r"[\\`*_\[\]{}]")
"""What Python-Markdown reads as formatting inside a line (each is escaped with `\\`)."""
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_BLOCK_START = re.compile(r"^(\d*)([#>+-]|(?<=\d)[.)])")


def markdown_url(url: str) -> str:
    """An address as it goes between `<>` or `()` in Markdown: whatever would end or break
    it (a space, `<`, `>`, a bracket, a quote, a control character) percent-encoded."""
    return _URL_BREAKING.sub(lambda found: quote(found.group()), one_line(url))


_URL_BREAKING = re.compile(r'[ <>()"`\\]')


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
        problems = [Problem(shown, None, field_name(tuple(e["loc"])) or None, _message(e))
                    for e in exc.errors(include_url=False)]
        raise ShowcaseError(f"{shown} does not match the stories.json schema "
                            f"(see stories.schema.json): nothing was imported", problems) from None
    return data.model_copy(update={"publisher": one_line(data.publisher)})


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
    return text if len(text) <= 60 else text[:57] + "..."


def plan_import(data: OpenData, catalogue: Catalogue) -> list[ImportedStory]:
    """What importing `data` into the project of `catalogue` would write."""
    layout = catalogue.layout
    outcomes = {o.id for o in catalogue.strategy.outcomes} if catalogue.strategy else set()
    taken = {s.slug for s in catalogue.stories} | {u.slug for u in catalogue.unusable}
    planned = []
    for index, story in enumerate(data.stories):
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
                item.text = story_text(story, data, outcomes, notes)
                item.notes = notes
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


def story_text(story: OpenStory, data: OpenData, outcomes: set[str], notes: list[str]) -> str:
    """The draft story file for one imported story."""
    kept = [o for o in story.outcomes if o in outcomes]
    for dropped in (o for o in story.outcomes if o not in outcomes):
        notes.append(f'outcomes: dropped "{dropped}": this project\'s strategy has no such outcome')
    if not kept:
        notes.append("outcomes: none left: choose one of this project's outcomes before review")
    front = _front_matter(story, data, kept)
    _check_front_matter(front, kept)
    return "---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=100) + \
        "---\n\n" + _body(story, data)


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


def _body(story: OpenStory, data: OpenData) -> str:
    content = markdownify(story.content_html, heading_style="ATX", bullets="-").strip()
    content = re.sub(r"\n{3,}", "\n\n", content)
    return _templates.get_template("imported-story.md").render(
        story=story, publisher=data.publisher, content=content)


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
