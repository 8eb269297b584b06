"""The browser editor (Sveltia CMS) for the comms team: config generated from the story schema."""

from __future__ import annotations

from generator.cms.bundle import CMS_PACKAGE, INSTALL_HINT, cms_dist, index_html, site_files, write_admin
from generator.cms.config import PLACEHOLDER_REPO, STORY_SLUG, cms_config, config_text, repository, story_fields

__all__ = [
    "CMS_PACKAGE",
    "INSTALL_HINT",
    "PLACEHOLDER_REPO",
    "STORY_SLUG",
    "cms_config",
    "cms_dist",
    "config_text",
    "index_html",
    "repository",
    "site_files",
    "story_fields",
    "write_admin",
]
