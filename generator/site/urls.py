"""Where each generated page lives, and links between pages relative to each other."""

from __future__ import annotations

import posixpath
from functools import lru_cache

from slugify import slugify

INDEX = "index.md"


def story(slug: str) -> str:
    """Source path of a story page."""
    return f"stories/{slug}/{INDEX}"


def listing(base: str, page: int = 1) -> str:
    """Source path of page `page` of a paginated listing under `base` (e.g. stories)."""
    return f"{base}/{INDEX}" if page == 1 else f"{base}/page/{page}/{INDEX}"


def group(kind: str, name: str) -> str:
    """The folder of one group of a kind: outcomes/<id>, services/<slug>, tags/<slug>, years/<y>."""
    return f"{kind}/{key(name)}"


@lru_cache(maxsize=16384)
def key(name: str) -> str:
    """A name as a URL part (remembered: a tag's name recurs in every story that has it)."""
    return slugify(name) or "other"


def page_url(src: str, directory_urls: bool = True) -> str:
    """The site URL (relative to the site root) of a page source path, as MkDocs makes it."""
    if not src.endswith(".md"):
        return src
    stem = src[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        folder = stem[: -len("index")]
        return folder if directory_urls else folder + "index.html"
    return stem + "/" if directory_urls else stem + ".html"


@lru_cache(maxsize=65536)
def relative(from_src: str, to_src: str, directory_urls: bool = True) -> str:
    """A link from the page at `from_src` to the page or file at `to_src` (memoised: listings
    link the same pages many times)."""
    here = page_url(from_src, directory_urls)
    there = page_url(to_src, directory_urls)
    base = here if here.endswith("/") or not here else posixpath.dirname(here)
    target = _relpath(there, base)
    if there.endswith("/") or not there:
        return "./" if target == "." else target + "/"
    return target


def _relpath(path: str, start: str) -> str:
    """posixpath.relpath for site-relative paths, without its calls to abspath (a third of
    the time of making a large site's listings)."""
    to = [part for part in path.split("/") if part and part != "."]
    here = [part for part in start.split("/") if part and part != "."]
    if ".." in to or ".." in here:
        return posixpath.relpath(path or ".", start or ".")
    common = 0
    for a, b in zip(to, here, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."


def absolute(site_url: str, src: str, directory_urls: bool = True) -> str:
    """The full address of a page or file, or '' without a site_url."""
    if not site_url:
        return ""
    return site_url.rstrip("/") + "/" + page_url(src, directory_urls)
