"""What of a story may be public (contract section 7)."""

from __future__ import annotations

from pathlib import PurePosixPath

from generator.model.story import Evidence, Quote
from generator.story import Story


def public_quotes(story: Story) -> list[Quote]:
    """Quotes with consent; the rest never leave the project."""
    return [q for q in story.meta.quotes if q.consent]


#: file types a browser runs as part of the page's site (script in HTML, SVG or XML): published,
#: one would run on the site's own address, so such evidence is never public (packs still hold it)
ACTIVE_SUFFIXES = frozenset({
    ".html", ".htm", ".shtml", ".xhtml", ".xht", ".svg", ".svgz", ".xml", ".xsl", ".xslt",
    ".js", ".mjs", ".mht", ".mhtml", ".swf",
})


#: photo formats whose camera data (time, GPS position) the build cannot take out (it strips
#: JPEG, PNG and WebP): such evidence is never public either
UNSTRIPPED_PHOTO_SUFFIXES = frozenset({
    ".tif", ".tiff", ".heic", ".heif", ".avif", ".jxl", ".dng", ".cr2", ".cr3", ".nef", ".arw",
    ".orf", ".rw2", ".raw",
})


def runs_in_browser(path: str) -> bool:
    """True for a file a browser would run as part of the site rather than show or download."""
    return PurePosixPath(path.strip()).suffix.lower() in ACTIVE_SUFFIXES


def keeps_camera_data(path: str) -> bool:
    """True for a photo format whose metadata the build cannot remove (`images` strips JPEG,
    PNG and WebP only)."""
    return PurePosixPath(path.strip()).suffix.lower() in UNSTRIPPED_PHOTO_SUFFIXES


def public_evidence(story: Story) -> list[Evidence]:
    """Evidence files marked public: true, except those a browser would run and photos whose
    camera data cannot be removed (`check` refuses both)."""
    return [e for e in story.meta.evidence
            if e.public and not runs_in_browser(e.path) and not keeps_camera_data(e.path)]
