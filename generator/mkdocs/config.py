"""The `showcase` plugin's options in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError


class Count(c.Type[int]):
    """A whole number of at least `minimum` (MkDocs' Type alone lets 0, -1 and true through)."""

    def __init__(self, minimum: int, default: int) -> None:
        super().__init__(int, default=default)
        self.minimum = minimum

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < self.minimum:
            raise ValidationError(f"Expected a whole number of at least {self.minimum}, "
                                  f"but received: {value!r}")
        return value

    def __repr__(self) -> str:  # pragma: no cover - MkDocs' debug output
        return f"Count(minimum={self.minimum}, default={self.default!r})"


class ShowcaseConfig(base.Config):  # type: ignore[no-untyped-call]
    """plugins: - showcase: {stories_dir, awards_dir, data_dir, evidence_dir, per_page, now,
    search_full_text_limit, feed_items, cms}."""

    stories_dir = c.Type(str, default="stories")
    awards_dir = c.Type(str, default="awards")
    data_dir = c.Type(str, default="data")
    evidence_dir = c.Type(str, default="evidence")
    per_page = Count(1, default=20)
    now = c.Optional(c.Type(str))
    search_full_text_limit = Count(0, default=500)
    """The newest this many public stories are indexed for search in full; older ones by
    title, summary, service and tags. Listing pages are never indexed."""
    feed_items = Count(1, default=50)
    """Each feed (RSS, Atom, JSON Feed; site-wide and per outcome) carries the newest this
    many public stories; the open data (data/stories.json) always holds every one."""
    cms = c.Type(bool, default=True)
    """Publish the story editor (Sveltia CMS) at admin/, when `npm install` has installed it."""
