"""A story as read from its file: the validated front-matter, the body and where each came from."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePosixPath

from slugify import slugify

from generator.model.story import Status, StoryMeta
from generator.reading.safe_yaml import Located

_LEADING_DATE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?-")


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
