"""Where public things live on the site, as feeds and open data link to them.

These follow the site's own layout (generator/site/views.py `image_target` and
`evidence_target`; tests/sharing checks the two agree): a story's page is
`<site_url>stories/<slug>/` (`.../index.html` with mkdocs.yml's `use_directory_urls: false`,
as the page's canonical address is), its lead image sits beside the page under the image's file
name, and a public evidence file is `stories/<slug>/evidence/<evidence-id><extension>`.
"""

from __future__ import annotations

import posixpath
from urllib.parse import quote


def site_root(site_url: str) -> str:
    """`site_url` ending with exactly one slash."""
    return site_url.rstrip("/") + "/"


def page_path(folder: str, directory_urls: bool = True) -> str:
    """The address of the page whose folder is `folder` (ending with a slash), as MkDocs
    writes it: the folder itself, or its index.html without directory URLs."""
    return folder if directory_urls else folder + "index.html"


def story_folder(slug: str) -> str:
    """The story page's folder under the site root, where its files are published too."""
    return f"stories/{slug}/"


def story_path(slug: str, directory_urls: bool = True) -> str:
    """The story page's path under the site root."""
    return page_path(story_folder(slug), directory_urls)


def image_path(slug: str, src: str) -> str:
    """Where the site publishes a story's lead image."""
    return story_folder(slug) + posixpath.basename(src)


def evidence_path(slug: str, evidence_id: str, file: str) -> str:
    """Where the site publishes a public evidence file."""
    return f"{story_folder(slug)}evidence/{evidence_id}{posixpath.splitext(file)[1].lower()}"


def outcome_path(outcome_id: str, directory_urls: bool = True) -> str:
    """The listing page of an outcome's stories."""
    return page_path(f"outcomes/{outcome_id}/", directory_urls)


def absolute(site_url: str, path: str) -> str:
    """The full address of a path under the site root."""
    return site_root(site_url) + quote(path)


STORIES_FILE = "stories.json"
"""The open data's files, in the site's data/ folder (generator/sharing/opendata.py writes them)."""
METRICS_FILE = "metrics.csv"
STORIES_SCHEMA_FILE = "stories.schema.json"
METRICS_SCHEMA_FILE = "metrics.schema.json"
