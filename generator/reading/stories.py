"""Reading one story file into a `Story`, gathering every problem on the way."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import TypeAdapter, ValidationError

from generator.cache import Memo
from generator.model.story import StoryMeta
from generator.problems import Problem, Severity
from generator.reading import frontmatter
from generator.reading.characters import unsafe_characters, without_unsafe_characters
from generator.reading.errors import problems_from, yaml_problem
from generator.reading.safe_yaml import YamlProblem
from generator.reading.text import read_text
from generator.story import Story, UnusableStory, default_slug


@dataclass
class StoryRead:
    """The outcome of reading one story file."""

    story: Story | None = None
    unusable: UnusableStory | None = None
    problems: list[Problem] = field(default_factory=list)
    partial: Story | None = None
    """For an unusable story: its fields that are valid on their own (the others at their
    defaults), so that `check` judges the rest of it in the same run."""


MEMO: Memo[StoryRead] = Memo()
"""Stories read in this process, by path and text (`showcase serve` re-reads only edits)."""


def read_story(file: Path, relative: str,
               parse: Callable[[str], frontmatter.Document] = frontmatter.parse) -> StoryRead:
    """Read `file` (shown as `relative`); a draft's model problems are warnings. `parse`
    splits and reads the front-matter (a `FrontMatterCache`'s, to reuse earlier runs')."""
    try:
        text = read_text(file)
    except YamlProblem as exc:
        return _unreadable(relative, exc)
    return MEMO.get(relative, text, lambda: parse_story(text, relative, parse))


def _unreadable(relative: str, exc: YamlProblem) -> StoryRead:
    return StoryRead(None, UnusableStory(relative, default_slug(relative), None, None),
                     [yaml_problem(exc, relative, StoryMeta, "a story")])


def parse_story(text: str, relative: str,
                parse: Callable[[str], frontmatter.Document] = frontmatter.parse) -> StoryRead:
    """The story in `text`, the file at `relative`; the same text always reads the same."""
    try:
        document = parse(text)
    except YamlProblem as exc:
        return _unreadable(relative, exc)
    data = document.fields.data
    status = data.get("status") if isinstance(data.get("status"), str) else None
    try:
        meta = StoryMeta.model_validate(data)
    except ValidationError as exc:
        problems = problems_from(exc, document.fields, relative, StoryMeta, "a story")
        if status == "draft":
            problems = [p.as_warning() for p in problems]
        title = data.get("title") if isinstance(data.get("title"), str) else None
        slug = data.get("slug") if isinstance(data.get("slug"), str) else default_slug(relative)
        body = _safe_body(document.body, document.body_line, relative)[0]
        fields, kept = _valid_fields(data)
        partial = Story(relative, slug, fields, body, document.body_line, document.fields,
                        _notes_closed(text, document), kept)
        return StoryRead(None, UnusableStory(relative, slug, title, status), problems, partial)
    slug = meta.slug or default_slug(relative)
    body, problems = _safe_body(document.body, document.body_line, relative)
    story = Story(relative, slug, meta, body, document.body_line, document.fields,
                  _notes_closed(text, document))
    return StoryRead(story, None, problems)


def _notes_closed(text: str, document: frontmatter.Document) -> bool:
    """False when the front-matter holds "<!--" at all (then each field is looked at)."""
    return "<!--" not in text[:max(0, len(text) - len(document.body))]


def _valid_fields(data: dict[str, Any]) -> tuple[StoryMeta, dict[str, tuple[int, ...]]]:
    """A StoryMeta of the fields of `data` that are valid on their own (of a list, its items
    that are), the others at their defaults (`model_construct`: not validated as a whole, only
    for the cross-file checks); and for each list that lost items, the places in the file of
    the items it kept."""
    # what the checks read of a required field that is wrong: nothing to judge, and the
    # severity a draft's problems have (warnings) or any other story's (errors)
    valid: dict[str, Any] = {"outcomes": [],
                             "status": "draft" if data.get("status") == "draft" else "review"}
    kept_items: dict[str, tuple[int, ...]] = {}
    for name in StoryMeta.model_fields:
        if name not in data:
            continue
        adapter = _field_adapter(name)
        try:
            valid[name] = adapter.validate_python(data[name])
        except ValidationError:
            if isinstance(data[name], list):
                kept = tuple(index for index, item in enumerate(data[name])
                             if _valid(adapter, [item]))
                with contextlib.suppress(ValidationError):
                    valid[name] = adapter.validate_python([data[name][i] for i in kept])
                    kept_items[name] = kept
    return StoryMeta.model_construct(**valid), kept_items


def _valid(adapter: TypeAdapter[Any], value: Any) -> bool:
    try:
        adapter.validate_python(value)
    except ValidationError:
        return False
    return True


@cache
def _field_adapter(name: str) -> TypeAdapter[Any]:
    info = StoryMeta.model_fields[name]
    kind: Any = info.annotation
    return TypeAdapter(Annotated[kind, *info.metadata] if info.metadata else kind)


def _safe_body(body: str, first_line: int, relative: str) -> tuple[str, list[Problem]]:
    """The body without characters no output can carry, and a warning for each."""
    found = unsafe_characters(body, first_line)
    if not found:
        return body, []
    problems = [Problem(relative, line, "body", f"the control character {code} is removed "
                        "(often pasted from a word processor)", Severity.WARNING)
                for line, code in found]
    return without_unsafe_characters(body), problems


def severity_for(story: Story) -> Severity:
    """Story-level problems of a draft are warnings; from review on, errors."""
    return Severity.WARNING if story.meta.status == "draft" else Severity.ERROR
