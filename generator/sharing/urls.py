"""Where public things live on the site: the one place the URL scheme is written down.

A story's page is `<site_url>stories/<slug>/`; the site copies the story's public
evidence files and its lead image into that folder, under their own file names.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import quote


def site_root(site_url: str) -> str:
    """`site_url` ending with exactly one slash."""
    return site_url.rstrip("/") + "/"


def story_path(slug: str) -> str:
    """The story page's path under the site root."""
    return f"stories/{slug}/"


def story_url(site_url: str, slug: str) -> str:
    """The story page's absolute address."""
    return site_root(site_url) + story_path(slug)


def story_file_path(slug: str, file: str) -> str:
    """Where a public file of a story (evidence, lead image) is copied, under the site root."""
    return story_path(slug) + PurePosixPath(file).name


def story_file_url(site_url: str, slug: str, file: str) -> str:
    """The absolute address of a public file of a story."""
    return site_root(site_url) + quote(story_file_path(slug, file))
