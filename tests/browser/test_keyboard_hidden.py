"""Keyboard users at 320 px (400% zoom) and at 1280 px: no Tab stop on anything hidden or off-screen
(Material's closed drawer, search overlay and results box), the header's menu and search opened and
closed with the keyboard, and a story table wider than the column reached by Tab (WCAG 2.1.1,
2.4.3, 2.4.7). More in test_keyboard_menu_search.py: the table of contents in the menu, the search
overlay's focus, its status and the current page."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import MOBILE, STATS, describe, open_context, run_axe, serve
from tests.conftest import NOW
from tests.site.conftest import build, copy_example

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}

#: what has focus: whether it is on screen (a box inside the viewport, visible, not see-through)
#: and shows the focus ring; None when focus is on nothing (past the page's last stop)
STOP_JS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return null;
  const box = e.getBoundingClientRect();
  const style = getComputedStyle(e);
  const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
    && style.boxShadow !== 'none';
  const inside = box.width > 0 && box.height > 0 && box.left >= -1 && box.top >= -1
    && box.right <= innerWidth + 1 && box.bottom <= innerHeight + 1;
  const visible = e.checkVisibility({visibilityProperty: true, opacityProperty: true});
  const label = (e.getAttribute('aria-label') || e.textContent || '').trim().replace(/\\s+/g, ' ');
  return {html: e.outerHTML.slice(0, 100), label: label.slice(0, 40),
          box: [box.left, box.top, box.width, box.height].map(Math.round),
          inside, visible, ring, sidebar: !!e.closest('.md-sidebar--primary'),
          toggle: e.getAttribute('data-showcase-toggle'), expanded: e.getAttribute('aria-expanded')};
}"""

SETTLED_JS = f"() => {{ const s = ({STOP_JS})(); return !s || s.inside && s.visible && s.ring; }}"

#: the drawer's slide is over: its left edge at the viewport's
DRAWER_OPEN_JS = """() => {
  const side = document.querySelector('.md-sidebar--primary');
  return Math.abs(side.getBoundingClientRect().left) < 1;
}"""


def stop(page: Any) -> dict[str, Any] | None:
    """What has focus now; if it is not (yet) on screen with its ring, what it is once it has had
    half a second to get there (the skip link fades in, the drawer slides)."""
    found: dict[str, Any] | None = page.evaluate(STOP_JS)
    if found is not None and not (found["inside"] and found["visible"] and found["ring"]):
        from playwright.sync_api import TimeoutError as Timeout

        with contextlib.suppress(Timeout):  # reported below as what it is after the wait
            page.wait_for_function(SETTLED_JS, timeout=500)
        found = page.evaluate(STOP_JS)
    return found


def walk(page: Any, limit: int = 120) -> list[dict[str, Any]]:
    """Every Tab stop from the top of the page until focus leaves the page (or `limit` presses)."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        found = stop(page)
        if found is None:
            break
        stops.append(found)
    return stops


def unseen(stops: list[dict[str, Any]]) -> list[str]:
    """The stops not on screen or without the focus ring, as readable lines."""
    return [f"{s['html']} at {s['box']} (inside {s['inside']}, visible {s['visible']}, ring {s['ring']})"
            for s in stops if not (s["inside"] and s["visible"] and s["ring"])]


def _fresh_page(browser: Any, base_url: str, viewport: Any) -> Iterator[Any]:
    context, _ = open_context(browser, base_url, viewport=viewport)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def narrow(browser: Any, base_url: str) -> Iterator[Any]:
    """A fresh page 320 px wide: a desktop browser at 400% zoom (keyboard, no touch)."""
    yield from _fresh_page(browser, base_url, MOBILE)


@pytest.fixture
def wide(browser: Any, base_url: str) -> Iterator[Any]:
    """A fresh page 1280 px wide."""
    yield from _fresh_page(browser, base_url, DESKTOP)


def load(page: Any, url: str) -> None:
    page.goto(url, wait_until="load")  # Material's bundle and showcase.js have run


@pytest.mark.parametrize("path", ["/about/", "/stories/ai-webchat-reduces-call-volumes/"])
def test_every_tab_stop_320_px_wide_is_on_screen_with_the_focus_ring(narrow: Any, base_url: str,
                                                                     path: str) -> None:
    load(narrow, base_url + path)
    stops = walk(narrow)
    STATS.check(len(stops))
    assert len(stops) > 3
    assert unseen(stops) == []
    # the closed drawer's links are no stops; the header's menu and search buttons are
    assert not any(s["sidebar"] for s in stops)
    assert [s["toggle"] for s in stops if s["toggle"]] == ["__drawer", "__search"]
    assert [s["label"] for s in stops[:3]] == ["Skip to content", "Navigation", "Search"]


@pytest.mark.parametrize("path", ["/about/", "/stories/ai-webchat-reduces-call-volumes/"])
def test_every_tab_stop_1280_px_wide_is_on_screen_with_the_focus_ring(wide: Any, base_url: str,
                                                                      path: str) -> None:
    load(wide, base_url + path)
    stops = walk(wide)
    STATS.check(len(stops))
    assert unseen(stops) == []
    labels = [s["label"] for s in stops]
    # skip link, logo, the search box, then straight on to the tabs: no stop on the results box
    assert labels[:4] == ["Skip to content", "Example Borough Council digital showcase", "Search",
                          "Home"]
    assert not any(s["toggle"] for s in stops)  # the header's buttons are Material's narrow-screen ones
    if path == "/about/":  # a page in the nav: the sidebar's navigation is there and reached
        assert "About" in [s["label"] for s in stops if s["sidebar"]]


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_the_menu_opens_and_closes_with_the_keyboard_320_px_wide(narrow: Any, base_url: str,
                                                                 key: str) -> None:
    load(narrow, base_url + "/about/")
    narrow.keyboard.press("Tab")
    narrow.keyboard.press("Tab")
    button = stop(narrow)
    assert button is not None and (button["toggle"], button["expanded"]) == ("__drawer", "false")
    narrow.keyboard.press(key)
    narrow.wait_for_function(DRAWER_OPEN_JS, timeout=2_000)
    first = stop(narrow)
    expanded = narrow.get_attribute("[data-showcase-toggle='__drawer']", "aria-expanded")
    inside = [first, *walk(narrow, limit=9)]
    assert all(s is not None for s in inside)
    links = [s for s in inside if s is not None]
    STATS.check(len(links) + 4)
    assert expanded == "true"
    assert all(s["sidebar"] for s in links)  # focus went into the menu and stayed there
    assert [s["label"] for s in links[1:4]] == ["Home", "Stories", "Outcomes"]
    assert unseen(links) == []
    narrow.keyboard.press("Escape")
    back = stop(narrow)
    assert back is not None and (back["toggle"], back["expanded"]) == ("__drawer", "false")
    assert narrow.evaluate("document.querySelector('.md-sidebar--primary .md-nav__link')"
                           ".checkVisibility({visibilityProperty: true})") is False


def test_leaving_the_open_menu_by_tab_closes_it_320_px_wide(narrow: Any, base_url: str) -> None:
    load(narrow, base_url + "/stories/")
    narrow.keyboard.press("Tab")
    narrow.keyboard.press("Tab")
    narrow.keyboard.press("Enter")
    narrow.wait_for_function(DRAWER_OPEN_JS, timeout=2_000)
    stops = walk(narrow, limit=20)
    left = next(s for s in stops if not s["sidebar"])
    STATS.check(3)
    assert narrow.evaluate("document.getElementById('__drawer').checked") is False
    assert unseen([left]) == []
    assert narrow.get_attribute("[data-showcase-toggle='__drawer']", "aria-expanded") == "false"


def test_the_search_opens_and_closes_with_the_keyboard_320_px_wide(narrow: Any, base_url: str) -> None:
    load(narrow, base_url + "/")
    narrow.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent"
                             ".trim() === 'Type to start searching'", timeout=10_000)
    for _ in range(3):
        narrow.keyboard.press("Tab")
    button = stop(narrow)
    assert button is not None and (button["toggle"], button["expanded"]) == ("__search", "false")
    narrow.keyboard.press("Enter")
    box = stop(narrow)
    narrow.keyboard.type("webchat", delay=20)
    narrow.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    narrow.keyboard.press("ArrowDown")
    result = stop(narrow)
    narrow.keyboard.press("Escape")
    narrow.wait_for_function("() => document.activeElement.matches('[data-showcase-toggle=\"__search\"]')",
                             timeout=2_000)
    closed = narrow.evaluate("document.querySelector('.md-search__input')"
                             ".checkVisibility({visibilityProperty: true})")
    STATS.check(5)
    assert box is not None and "md-search__input" in box["html"]
    assert unseen([box]) == []
    assert result is not None and unseen([result]) == []
    assert "webchat" in result["label"].lower()
    assert closed is False
    assert narrow.get_attribute("[data-showcase-toggle='__search']", "aria-expanded") == "false"


WIDE_TABLE = """---
title: Webchat by month
summary: A table of figures, wider than a phone's screen.
date: 2026-05-05
status: published
service: Customer Services
outcomes: [service-planning]
---
## Impact

| Month | Calls before webchat | Calls after webchat | Webchats resolved | Change in waiting time |
| --- | ---: | ---: | ---: | ---: |
| January 2026 | 12,400 | 10,100 | 5,900 | −6 minutes |
| February 2026 | 11,800 | 9,700 | 6,200 | −7 minutes |

| Quarter | Emails before webchat | Emails after webchat | Complaints about waiting | Change in complaints |
| --- | ---: | ---: | ---: | ---: |
| Q1 2026 | 3,100 | 2,400 | 41 | −12 |
"""


@pytest.fixture(scope="module")
def table_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example project with a story whose body table is wider than 320 px, built and served."""
    root = copy_example(tmp_path_factory.mktemp("wide-table"))
    (root / "stories" / "2026-05-05-webchat-by-month.md").write_text(WIDE_TABLE, encoding="utf-8")
    built = build(root, root / "site", now=NOW)
    assert built.result.exit_code == 0, built.result.output
    yield from serve(built.site)


TABLE_JS = """() => [...document.querySelectorAll('.md-content .md-typeset__scrollwrap')].map(
  w => [w.getAttribute('tabindex'), w.getAttribute('role'), w.getAttribute('aria-label')])"""


def test_a_wide_story_table_is_reached_by_tab_and_named_320_px_wide(browser: Any,
                                                                    table_site: str) -> None:
    context, seen = open_context(browser, table_site, viewport=MOBILE)
    try:
        page = context.new_page()
        load(page, table_site + "/stories/webchat-by-month/")
        violations = run_axe(page)
        marks = page.evaluate(TABLE_JS)
        stops = walk(page)
    finally:
        context.close()
    tables = [s for s in stops if s["label"].startswith("Table ")]
    STATS.check(4)
    assert violations == [], describe(violations)
    # two tables under one heading: each region has a name of its own (axe landmark-unique)
    assert marks == [["0", "region", "Table 1: Impact"], ["0", "region", "Table 2: Impact"]]
    assert [s["label"] for s in tables] == ["Table 1: Impact", "Table 2: Impact"]
    assert unseen(tables) == []
    assert seen.outside == []


def test_a_story_table_that_fits_is_no_tab_stop_1280_px_wide(browser: Any, table_site: str) -> None:
    context, _ = open_context(browser, table_site, viewport=DESKTOP)
    try:
        page = context.new_page()
        load(page, table_site + "/stories/webchat-by-month/")
        marks = page.evaluate(TABLE_JS)
    finally:
        context.close()
    STATS.check()
    assert marks == [[None, None, None], [None, None, None]]
