"""A story as read from its file: the validated front-matter, the body and where each came from."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePosixPath
from typing import TypeVar

from slugify import slugify

from generator.model.story import Status, StoryMeta
from generator.reading.safe_yaml import Located

T = TypeVar("T")
_LEADING_DATE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?[-_ ]")
"""A file name's leading date, 2026-05-16 or 2026-05, and the hyphen, underscore or space
after it ("2026-05-16 bin route.md" is stories/bin-route/, as 2026-05-16-bin-route.md is)."""


@dataclass(frozen=True)
class Story:
    """A story whose front-matter is valid."""

    path: str
    """File path relative to the project root."""
    slug: str
    meta: StoryMeta
    body: str
    """Markdown body, HTML comments included (strip them before any output)."""
    body_line: int
    located: Located
    notes_closed: bool = True
    """False when the front-matter may hold an internal note `<!--` never closed (its text
    was not looked at more closely)."""
    kept: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    """Only for a story with field errors, checked as far as its valid fields go: for each
    list field that lost invalid items, the places in the file of the items it kept."""

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def date(self) -> date:
        return self.meta.date

    @property
    def status(self) -> Status:
        return self.meta.status

    def is_public(self, now: datetime) -> bool:
        """Published and past its embargo (contract section 7)."""
        if self.meta.status is not Status.PUBLISHED:
            return False
        return self.meta.embargo is None or self.meta.embargo <= now

    def line_of(self, *field: str | int) -> int:
        return self.located.line_of(field)

    def numbered(self, name: str, items: Sequence[T]) -> Iterator[tuple[int, T]]:
        """The `items` of the list field `name`, each with its place in the file (`enumerate`,
        unless invalid items were left out of it)."""
        return zip(self.kept.get(name, range(len(items))), items, strict=True)


@dataclass(frozen=True)
class UnusableStory:
    """A story file that could not be read into the model; kept so it can be named."""

    path: str
    slug: str
    title: str | None
    status: str | None


def make_slug(text: str, max_length: int = 0) -> str:
    """`text` as a URL slug: lowercase ASCII words joined by hyphens; apostrophes vanish."""
    return str(slugify(text, max_length=max_length, word_boundary=bool(max_length),
                       replacements=[["'", ""], ["\u2019", ""], ["&", " and "]]))


def default_slug(path: str) -> str:
    """The file name without its folder, extension or leading date, as a slug."""
    stem = PurePosixPath(path).stem
    return make_slug(_LEADING_DATE.sub("", stem)) or make_slug(stem) or "story"
