"""The public site's generated part: a catalogue in, pages, charts and files out (no MkDocs)."""

from __future__ import annotations

from generator.site.builder import BriefEntry, PageHead, Site, SiteOptions, build_site, generate

__all__ = ["BriefEntry", "PageHead", "Site", "SiteOptions", "build_site", "generate"]
