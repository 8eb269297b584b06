"""The menu's table of contents, the search and the current page, by keyboard and for screen readers:
the current page's entry in the menu opens its table of contents with Enter or Space (WCAG 2.1.1),
Tab stays inside the open search overlay (2.4.11), Escape at desktop width keeps focus in the
search box (2.4.3), the result count is a polite status (4.1.3), and the links to the current page
say so (aria-current, 1.3.1)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from tests.browser.conftest import MOBILE, STATS, open_context
from tests.browser.test_keyboard_hidden import DESKTOP, DRAWER_OPEN_JS, load, stop, unseen, walk

pytestmark = pytest.mark.browser

TABLET = {"width": 768, "height": 800}

#: the search worker has its index: Material's count shows its placeholder
SEARCH_READY_JS = ("() => document.querySelector('.md-search-result__meta').textContent.trim()"
                   " === 'Type to start searching'")

#: the table of contents' panel in the menu is open and its slide is over
TOC_OPEN_JS = """() => {
  const toc = document.querySelector('.md-nav--primary .md-nav--secondary');
  return document.getElementById('__toc').checked
    && Math.abs(toc.getBoundingClientRect().left) < 1;
}"""


@contextmanager
def opened(browser: Any, base: str, viewport: dict[str, int], path: str) -> Iterator[Any]:
    """A fresh page of `viewport` size (keyboard, no touch) at `path`, scripts run."""
    context, _ = open_context(browser, base, viewport=viewport)
    try:
        page = context.new_page()
        load(page, base + path)
        yield page
    finally:
        context.close()


def toc_state(page: Any) -> tuple[bool, str | None]:
    """Whether the table of contents is open, and what its button says (aria-expanded)."""
    return (page.evaluate("document.getElementById('__toc').checked"),
            page.get_attribute("[data-showcase-toggle='__toc']", "aria-expanded"))


@pytest.mark.parametrize(("viewport", "key"), [(TABLET, "Enter"), (MOBILE, "Space")],
                         ids=["768px-Enter", "320px-Space"])
def test_the_current_pages_entry_in_the_menu_opens_its_table_of_contents_by_keyboard(
        browser: Any, base_url: str, viewport: dict[str, int], key: str) -> None:
    with opened(browser, base_url, viewport, "/about/") as page:
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")  # the menu button
        page.wait_for_function(DRAWER_OPEN_JS, timeout=2_000)
        menu = [stop(page)]
        while len(menu) < 12 and menu[-1] is not None and menu[-1]["toggle"] != "__toc":
            page.keyboard.press("Tab")
            menu.append(stop(page))
        entry = menu[-1]
        closed = toc_state(page)
        current = page.get_attribute("[data-showcase-toggle='__toc']", "aria-current")
        page.keyboard.press(key)
        page.wait_for_function(TOC_OPEN_JS, timeout=2_000)
        first = stop(page)
        after = toc_state(page)
        page.keyboard.press("Escape")  # closes the table of contents, back to its entry
        back = stop(page)
        escaped = toc_state(page)
        drawer = page.evaluate("document.getElementById('__drawer').checked")
    STATS.check(8)
    assert [s["label"] if s else None for s in menu][-2:] == ["Dashboard", "About: Table of contents"]
    assert entry is not None and unseen([entry]) == []
    assert entry["html"].startswith("<button")
    assert closed == (False, "false")
    assert current == "page"
    assert first is not None and first["label"] == "Our strategy: Digitally capable"
    assert unseen([first]) == []
    assert after == (True, "true")
    assert back is not None and back["toggle"] == "__toc" and unseen([back]) == []
    assert escaped == (False, "false")
    assert drawer is True  # the menu itself stays open


def test_leaving_the_table_of_contents_by_tab_closes_it_320_px_wide(browser: Any, base_url: str) -> None:
    with opened(browser, base_url, MOBILE, "/about/") as page:
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        page.wait_for_function(DRAWER_OPEN_JS, timeout=2_000)
        page.focus("[data-showcase-toggle='__toc']")
        page.keyboard.press("Enter")
        page.wait_for_function(TOC_OPEN_JS, timeout=2_000)
        stops = walk(page, limit=12)
        state = toc_state(page)
    STATS.check(3)
    labels = [s["label"] for s in stops]
    assert "Accessibility" in labels  # the menu's next entry, which the open panel covered
    assert state == (False, "false")
    assert unseen(stops[labels.index("Accessibility"):][:1]) == [], stops


def test_tab_stays_inside_the_open_search_overlay_320_px_wide(browser: Any, base_url: str) -> None:
    with opened(browser, base_url, MOBILE, "/about/") as page:
        page.wait_for_function(SEARCH_READY_JS, timeout=10_000)
        for _ in range(3):
            page.keyboard.press("Tab")
        page.keyboard.press("Enter")  # the search button
        page.keyboard.type("webchat", delay=20)
        page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
        forward = []
        for _ in range(4):
            page.keyboard.press("Tab")
            forward.append(stop(page))
        page.keyboard.press("Shift+Tab")
        backward = stop(page)
        inside = page.evaluate("document.activeElement.closest('.md-search') !== null")
        still_open = page.evaluate("document.getElementById('__search').checked")
    STATS.check(6)
    stops = [s for s in forward if s is not None]
    assert len(stops) == 4
    assert unseen(stops) == []
    assert "webchat" in stops[0]["label"].lower()  # the first result
    assert "md-search__input" in stops[-2]["html"]  # round again to the search box, then on
    assert stops[-1]["label"] == stops[0]["label"]
    assert backward is not None and "md-search__input" in backward["html"]
    assert inside is True
    assert still_open is True


def test_escape_in_the_search_box_keeps_focus_there_1280_px_wide(browser: Any, base_url: str) -> None:
    with opened(browser, base_url, DESKTOP, "/about/") as page:
        page.wait_for_function(SEARCH_READY_JS, timeout=10_000)
        for _ in range(3):
            page.keyboard.press("Tab")
        page.keyboard.type("web", delay=20)
        page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
        page.keyboard.press("Escape")
        after = stop(page)
        closed = page.evaluate("document.getElementById('__search').checked")
        results = page.evaluate("document.querySelector('.md-search__output')"
                                ".checkVisibility({visibilityProperty: true})")
        page.keyboard.type("chat", delay=20)
        reopened = page.evaluate("document.getElementById('__search').checked")
        value = page.input_value(".md-search__input")
    STATS.check(5)
    assert after is not None and "md-search__input" in after["html"], after
    assert unseen([after]) == []
    assert (closed, results) == (False, False)
    assert reopened is True
    assert value == "webchat"


#: every change to the search's status element, recorded
WATCH_STATUS_JS = """() => {
  window.showcaseStatus = [];
  const status = document.querySelector('.md-search [role=status]');
  new MutationObserver(() => showcaseStatus.push(status.textContent)).observe(
    status, {childList: true, characterData: true, subtree: true});
}"""

STATUS_JS = """() => {
  const status = document.querySelector('.md-search [role=status]');
  return [status.textContent, document.querySelector('.md-search-result__meta').textContent.trim(),
          status.getAttribute('aria-live'), showcaseStatus];
}"""


def test_the_search_result_count_is_a_polite_status_told_once_typing_pauses(browser: Any,
                                                                             base_url: str) -> None:
    with opened(browser, base_url, DESKTOP, "/") as page:
        page.wait_for_function(SEARCH_READY_JS, timeout=10_000)
        statuses = page.evaluate("document.querySelectorAll('[role=status], [aria-live]').length")
        for _ in range(3):
            page.keyboard.press("Tab")
        page.evaluate(WATCH_STATUS_JS)
        page.keyboard.type("webchat", delay=30)
        page.wait_for_function("() => showcaseStatus.length > 0", timeout=5_000)
        page.wait_for_timeout(800)  # nothing more follows
        found = page.evaluate(STATUS_JS)
        page.keyboard.press("Control+A")
        page.keyboard.type("zzzznothing", delay=30)
        page.wait_for_function("() => showcaseStatus.length > 1", timeout=5_000)
        page.wait_for_timeout(800)
        none = page.evaluate(STATUS_JS)
    STATS.check(5)
    assert statuses == 1
    text, meta, live, changes = found
    assert text == meta and text.endswith(("matching document", "matching documents"))
    assert live is None  # role=status is polite already
    assert changes == [text]  # once, not on every key
    assert none[0] == none[1] == "No matching documents"
    assert none[3] == [text, "No matching documents"]


CURRENT_JS = """() => [...document.querySelectorAll('[aria-current]')].map(e => [
  e.closest('.md-tabs') ? 'tabs' : e.closest('.md-sidebar--primary') ? 'menu' : 'elsewhere',
  e.tagName.toLowerCase(), e.getAttribute('aria-current'), e.textContent.trim()])"""


@pytest.mark.parametrize(("path", "title"), [("/", "Home"), ("/about/", "About")])
def test_the_links_to_the_current_page_say_so(browser: Any, base_url: str, path: str,
                                              title: str) -> None:
    with opened(browser, base_url, DESKTOP, path) as page:
        marked = page.evaluate(CURRENT_JS)
        toc = page.evaluate("document.querySelectorAll('.md-nav--secondary [aria-current]').length")
    STATS.check(2)
    # the tab, the menu's entry (a button that opens its table of contents, and Material's link)
    assert marked == [["tabs", "a", "page", title], ["menu", "button", "page", title],
                      ["menu", "a", "page", title]]
    assert toc == 0
