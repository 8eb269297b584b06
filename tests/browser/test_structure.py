"""Every page type: British English, one h1, no skipped heading levels, its own title, no sideways scroll."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.browser.conftest import MOBILE, PAGES, STATS, Tour
from tests.site.conftest import Built

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("name", PAGES)
def test_page_language_is_british_english(desktop: Tour, name: str) -> None:
    STATS.check()
    assert desktop.visits[name].lang == "en-GB"


@pytest.mark.parametrize("name", PAGES)
def test_exactly_one_h1_and_no_skipped_heading_level(desktop: Tour, name: str) -> None:
    headings = desktop.visits[name].headings
    STATS.check(2)
    assert [level for level, _ in headings].count(1) == 1, headings
    assert headings[0][0] == 1, headings
    skips = [(a, b) for a, b in pairwise(headings) if b[0] > a[0] + 1]
    assert skips == [], headings


def test_every_page_has_its_own_title(desktop: Tour) -> None:
    titles = [visit.title for visit in desktop.visits.values()]
    STATS.check(len(titles))
    assert all(titles)
    assert len(set(titles)) == len(titles), titles


def test_the_titles_name_the_page_then_the_site(desktop: Tour) -> None:
    site = "Example Borough Council digital showcase"
    STATS.check(3)
    assert desktop.visits["home"].title == site
    assert desktop.visits["stories page 2"].title == f"All stories (page 2 of 3) - {site}"
    assert desktop.visits["dashboard"].title == f"Dashboard - {site}"


def test_pages_are_served_and_a_missing_one_gets_the_404_page(desktop: Tour) -> None:
    statuses = {name: visit.status for name, visit in desktop.visits.items()}
    STATS.check(len(statuses))
    assert statuses == {name: 404 if name == "404" else 200 for name in PAGES}


def _missing(site: Path, url: str) -> bool:
    path = unquote(urlsplit(url).path).lstrip("/")
    target = site / path
    return not (target / "index.html" if path.endswith("/") or not path else target).is_file()


def test_no_page_asks_for_a_file_the_site_does_not_have(desktop: Tour, built: Built,
                                                         base_url: str) -> None:
    """Material's language selector took each feed's <link rel="alternate"> for a language
    version and fetched feeds/sitemap.xml three times a page (generator/mkdocs/alternates.py)."""
    asked = [url for url in desktop.requests.local if url.startswith(f"{base_url}/")]
    STATS.check(len(asked))
    assert sorted({url for url in asked if _missing(built.site, url)}) == [
        f"{base_url}/no-such-page/"]
    assert not any(url.endswith("sitemap.xml") for url in asked)


@pytest.mark.parametrize("name", PAGES)
def test_no_horizontal_scroll_320_px_wide(mobile: Tour, name: str) -> None:
    STATS.check()
    assert mobile.visits[name].scroll_width <= MOBILE["width"]
