"""The `showcase` plugin's options in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class ShowcaseConfig(base.Config):  # type: ignore[no-untyped-call]
    """plugins: - showcase: {stories_dir, awards_dir, data_dir, evidence_dir, per_page, now,
    search_full_text_limit, feed_items, cms}."""

    stories_dir = c.Type(str, default="stories")
    awards_dir = c.Type(str, default="awards")
    data_dir = c.Type(str, default="data")
    evidence_dir = c.Type(str, default="evidence")
    per_page = c.Type(int, default=20)
    now = c.Optional(c.Type(str))
    search_full_text_limit = c.Type(int, default=500)
    """The newest this many public stories are indexed for search in full; older ones by
    title, summary, service and tags. Listing pages are never indexed."""
    feed_items = c.Type(int, default=50)
    """Each feed (RSS, Atom, JSON Feed; site-wide and per outcome) carries the newest this
    many public stories; the open data (data/stories.json) always holds every one."""
    cms = c.Type(bool, default=True)
    """Publish the story editor (Sveltia CMS) at admin/, when `npm install` has installed it."""
