"""Nothing a resident does on the site reaches a third party: no outside request, no cookie, no CDN.

The browser records every request; any for somewhere other than 127.0.0.1 is aborted (so nothing
leaves the machine) and fails the test. The built files are also scanned, so a stylesheet, script,
image or font from elsewhere is caught even on a page the browser did not open.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import STATS, Requests, Tour, open_context
from tests.site.conftest import Built

pytestmark = pytest.mark.browser

#: url(...) and @import in CSS (and in <style> or style="...")
CSS_URL = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])\s*((?:https?:)?//[^"')\s]+)""", re.IGNORECASE)
#: an HTML start tag that loads something, as a script's template may hold one
JS_TAG = re.compile(r"<(?:script|img|iframe|source|audio|video|embed|link|object)\b[^<>`]*>", re.IGNORECASE)


def outside_requests(seen: Requests) -> list[str]:
    """The requests that were for somewhere other than the local site (all aborted)."""
    return sorted(set(seen.outside))


def test_no_page_requests_anything_from_another_host(desktop: Tour, mobile: Tour) -> None:
    STATS.check(2)
    assert desktop.requests.local and mobile.requests.local
    assert outside_requests(desktop.requests) == []
    assert outside_requests(mobile.requests) == []


def test_no_cookie_is_set_on_any_page(desktop: Tour, mobile: Tour) -> None:
    STATS.check(2)
    assert desktop.cookies == []
    assert mobile.cookies == []


class _Embeds(HTMLParser):
    """The addresses a page loads by itself: scripts, stylesheets, images, media, frames, styles."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        rel = values.get("rel", "").lower().split()
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed", "track"):
            self.found += [values[n] for n in ("src", "poster") if values.get(n)]
            self.found += [part.split()[0] for part in values.get("srcset", "").split(",") if part.strip()]
        elif tag == "link" and {"stylesheet", "preload", "modulepreload", "icon", "preconnect",
                                "dns-prefetch", "prefetch"} & set(rel):
            self.found.append(values.get("href", ""))
        elif tag == "object" and values.get("data"):
            self.found.append(values["data"])
        self.found += CSS_URL.findall(values.get("style", ""))
        self._in_style = tag == "style"

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.found += CSS_URL.findall(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False


def _is_outside(url: str) -> bool:
    return re.match(r"(?:https?:)?//", url.strip(), re.IGNORECASE) is not None


def outside_embeds(site: Path) -> dict[str, list[str]]:
    """For each built HTML, CSS or JS file, the outside addresses it would load (links to read are fine)."""
    found: dict[str, list[str]] = {}
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".html", ".css", ".js"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        urls = CSS_URL.findall(text) if path.suffix != ".html" else []
        parser = _Embeds()
        if path.suffix == ".html":
            parser.feed(text)
        elif path.suffix == ".js":  # tags written in a script's templates, one at a time
            for tag in JS_TAG.findall(text):
                parser.feed(tag)
                parser.handle_endtag("")
        urls += [url for url in parser.found if _is_outside(url)]
        if urls:
            found[path.relative_to(site).as_posix()] = urls
    return found


def test_no_built_file_loads_anything_from_a_cdn(built: Built) -> None:
    files = [p for p in built.site.rglob("*") if p.suffix in (".html", ".css", ".js")]
    STATS.check(len(files))
    assert len(files) > 50
    assert outside_embeds(built.site) == {}


def test_a_planted_third_party_font_is_recorded_and_fails_the_check(browser: Any,
                                                                     planted: tuple[Path, str]) -> None:
    _, base = planted
    context, seen = open_context(browser, base)
    try:
        context.new_page().goto(f"{base}/fonts.html", wait_until="load")
    finally:
        context.close()
    STATS.check(2)
    assert seen.local == [f"{base}/fonts.html"]
    assert outside_requests(seen) == ["https://fonts.googleapis.com/css?family=Roboto:300,400"]


def test_the_file_scan_finds_planted_outside_stylesheets(planted: tuple[Path, str]) -> None:
    folder, _ = planted
    STATS.check()
    assert outside_embeds(folder) == {
        "assets/cdn.css": ["https://cdn.jsdelivr.net/npm/x/x.css"],
        "assets/cdn.js": ["//cdn.example.net/y.png", "https://cdn.example.net/x.js"],
        "fonts.html": ["https://fonts.googleapis.com/css?family=Roboto:300,400"],
    }

