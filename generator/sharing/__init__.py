"""Sharing: feeds, open data and calendars that the site publishes beside its pages.

`site_outputs` is the one call the MkDocs plugin makes: every extra public file of the
site, by path under the site folder. `head_links` are the <link rel="alternate"> entries
every page's <head> carries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from generator.catalogue import Catalogue


@dataclass(frozen=True)
class HeadLink:
    """A <link rel="alternate"> for every page's head (feeds, open data)."""

    href: str
    """Path relative to the site root, e.g. feeds/rss.xml."""
    type: str
    title: str


def site_outputs(catalogue: Catalogue, now: datetime, site_url: str) -> dict[str, bytes]:
    """Every extra public file of the site, path under the site folder to bytes."""
    return {}


def head_links(catalogue: Catalogue, now: datetime) -> list[HeadLink]:
    """The alternate links each page's head carries."""
    return []
