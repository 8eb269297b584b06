"""Material's search, open with results shown: no axe violation, results reached by keyboard, all local."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import MOBILE, STATS, describe, open_context, run_axe

pytestmark = pytest.mark.browser

#: Material's search worker has loaded the index (the box said "Initializing search" before)
READY_JS = "() => document.querySelector('.md-search-result__meta').textContent.trim() === 'Type to start searching'"


def wait_for_search(page: Any) -> None:
    page.wait_for_function(READY_JS, timeout=10_000)


def open_search(context: Any, base: str) -> Any:
    """The home page in `context`, its search index loaded and the search box opened with its
    keyboard shortcut (/), ready to be typed into."""
    page = context.new_page()
    page.goto(base + "/", wait_until="load")
    wait_for_search(page)
    page.keyboard.press("/")
    return page


@pytest.fixture(scope="module")
def searched(browser: Any, base_url: str) -> dict[str, Any]:
    """The home page with "webchat" typed into the search (opened with its keyboard shortcut)."""
    context, seen = open_context(browser, base_url, viewport={"width": 1280, "height": 800})
    try:
        page = open_search(context, base_url)
        STATS.pages.add("/ (search open)")
        page.keyboard.type("webchat", delay=20)
        page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
        found = {
            "focused": page.evaluate("document.activeElement.className"),
            "results": page.locator(".md-search-result__item h1, .md-search-result__item h2").all_inner_texts(),
            "meta": page.inner_text(".md-search-result__meta"),
            "violations": run_axe(page),
        }
        page.keyboard.press("ArrowDown")
        found["arrowed"] = page.evaluate("document.activeElement.closest('.md-search-result__item') !== null")
        found["outside"] = list(seen.outside)
        found["cookies"] = context.cookies()
        return found
    finally:
        context.close()


def test_search_results_are_shown_for_a_query(searched: dict[str, Any]) -> None:
    STATS.check(3)
    assert "md-search__input" in searched["focused"]
    assert "AI-assisted webchat answers routine questions and cuts call waiting times" in searched["results"]
    assert searched["meta"].endswith("matching documents") or searched["meta"] == "1 matching document"


def test_no_axe_violation_with_search_results_shown(searched: dict[str, Any]) -> None:
    STATS.check()
    assert searched["violations"] == [], describe(searched["violations"])


def test_search_results_are_reached_with_the_arrow_keys(searched: dict[str, Any]) -> None:
    STATS.check()
    assert searched["arrowed"]


def test_search_stays_on_the_site(searched: dict[str, Any]) -> None:
    STATS.check(2)
    assert searched["outside"] == []
    assert searched["cookies"] == []


def test_no_axe_violation_with_search_results_shown_320_px_wide(browser: Any, base_url: str) -> None:
    # narrow screens open the search as a full-screen dialog from the header's search button
    context, seen = open_context(browser, base_url, viewport=MOBILE, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(base_url + "/", wait_until="load")
        wait_for_search(page)
        page.locator("button.md-header__button[data-showcase-toggle='__search']").click()
        page.locator(".md-search__input").press_sequentially("webchat", delay=20)
        page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
        violations = run_axe(page)
        width = page.evaluate("document.documentElement.scrollWidth")
    finally:
        context.close()
    STATS.check(3)
    assert violations == [], describe(violations)
    assert width <= MOBILE["width"]
    assert seen.outside == []
