"""The site with JavaScript off (the theme's <html class="no-js"> stays): no page scrolls sideways at
320 px (WCAG 1.4.10; Material's hidden page title in the header stuck out past its end), and at
375 px a keyboard user opens and closes the navigation drawer (2.1.1): Material's drawer checkbox
is a Tab stop named "Navigation" there, its focus ring on the header's menu label (2.4.7)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import PAGES, STATS, open_context

pytestmark = pytest.mark.browser

NARROW = {"width": 375, "height": 700}
REFLOW = {"width": 320, "height": 700}

#: the focused element: its id, text, and whether it is a link in the primary navigation
FOCUS_JS = """() => {
  const e = document.activeElement;
  const text = (e.getAttribute('aria-label') || e.textContent || '').trim();
  return {id: e.id, text: text.replace(/\\s+/g, ' ').slice(0, 60),
          nav: !!e.closest('.md-sidebar--primary .md-nav--primary') && e.tagName === 'A',
          onscreen: (() => { const b = e.getBoundingClientRect();
            return e.tagName !== 'A' || (b.width > 0 && b.left >= -1 && b.right <= innerWidth + 1); })()};
}"""

#: an element's focus ring (outline, box-shadow) and whether it is shown on screen
RING_JS = """selector => {
  const e = document.querySelector(selector);
  const s = getComputedStyle(e);
  const b = e.getBoundingClientRect();
  return {outline: [s.outlineStyle, s.outlineWidth, s.outlineColor].join(' '), shadow: s.boxShadow,
          shown: e.checkVisibility({visibilityProperty: true, opacityProperty: true})
            && b.width > 0 && b.left >= 0 && b.right <= innerWidth};
}"""

RING = "solid 4px rgb(255, 221, 0)"
"""showcase.css: `outline: .2rem solid #ffdd00` (Material's root font size is 20 px)."""

SIDEBAR_LEFT_JS = "document.querySelector('.md-sidebar--primary').getBoundingClientRect().left"
SIDEBAR_SHOWN_JS = ("getComputedStyle(document.querySelector('.md-sidebar--primary')).visibility"
                    " === 'visible'")


@pytest.fixture
def nojs(browser: Any, base_url: str) -> Iterator[Any]:
    """A context with JavaScript off, 375 x 700, keyboard (no touch)."""
    context, _ = open_context(browser, base_url, viewport=NARROW, java_script_enabled=False)
    try:
        yield context
    finally:
        context.close()


def settle(page: Any, expression: str, want: Any, seconds: float = 2.0) -> Any:
    """Poll `expression` (scripts are off: Playwright's own waiting runs in the page) until it is
    `want`, or the time is up; its last value."""
    deadline = time.monotonic() + seconds
    value = page.evaluate(expression)
    while value != want and time.monotonic() < deadline:
        time.sleep(0.05)
        value = page.evaluate(expression)
    return value


def test_no_page_type_scrolls_sideways_at_320px_without_javascript(nojs: Any, base_url: str) -> None:
    page = nojs.new_page()
    page.set_viewport_size(REFLOW)
    wide = {}
    for name, path in PAGES.items():
        page.goto(base_url + path, wait_until="load")
        STATS.pages.add(path)
        assert page.evaluate("document.documentElement.className") == "no-js", name
        width, client = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert client == REFLOW["width"], name
        if width > client:
            wide[name] = width
        STATS.check()
    assert wide == {}
    # the site's name in the header still ends in an ellipsis, not cut off mid-letter
    page.goto(base_url + PAGES["story"], wait_until="load")
    name = page.evaluate("""() => { const e = document.querySelector('.md-header__topic .md-ellipsis');
      const s = getComputedStyle(e); return [s.textOverflow, e.scrollWidth > e.clientWidth]; }""")
    assert name == ["ellipsis", True]


def test_a_keyboard_user_opens_and_closes_the_navigation_without_javascript(
        nojs: Any, base_url: str) -> None:
    page = nojs.new_page()
    page.goto(base_url + "/dashboard/", wait_until="load")
    STATS.pages.add("/dashboard/")
    assert page.evaluate("document.documentElement.className") == "no-js"
    assert page.evaluate(SIDEBAR_SHOWN_JS) is False  # closed: nothing in it is a Tab stop

    page.keyboard.press("Tab")
    assert page.evaluate(FOCUS_JS)["id"] == "__drawer"
    snapshot = page.locator("#__drawer").aria_snapshot()
    assert snapshot.startswith('- checkbox "Navigation ')
    assert page.get_by_role("checkbox", name="Navigation").evaluate("e => e.id") == "__drawer"
    label = 'label.md-header__button[for="__drawer"]'
    ring = page.evaluate(RING_JS, label)
    assert ring == {"outline": RING, "shadow": "rgb(11, 12, 12) 0px 0px 0px 8px", "shown": True}

    page.keyboard.press("Space")
    assert page.evaluate("document.getElementById('__drawer').checked") is True
    assert page.evaluate(SIDEBAR_SHOWN_JS) is True
    assert abs(settle(page, f"Math.round({SIDEBAR_LEFT_JS})", 0)) < 1  # slid in
    # the drawer covers the header's menu label: the ring shows on its title, a label for it too
    title = '.md-nav--primary > label.md-nav__title[for="__drawer"]'
    shown = {"outline": RING, "shadow": "rgb(11, 12, 12) 0px 0px 0px 8px inset", "shown": True}
    # the title fades in with the drawer (a busy machine may still be mid-fade here)
    assert settle(page, f"({RING_JS})({json.dumps(title)})", shown) == shown

    reached = []
    for _ in range(12):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_JS)
        if focus["nav"]:
            assert focus["onscreen"], focus
            reached.append(focus["text"])
        STATS.check()
    assert {"Stories", "Awards"} <= set(reached), reached
    # the drawer's title (the site's logo, named by its aria-label), then the navigation in order
    assert reached[:3] == ["Example Borough Council digital showcase", "Home", "Stories"], reached

    while page.evaluate(FOCUS_JS)["id"] != "__drawer":  # back up to the toggle, then close
        page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    assert page.evaluate("document.getElementById('__drawer').checked") is False
    assert page.evaluate(SIDEBAR_SHOWN_JS) is False
    ring = page.evaluate(RING_JS, label)
    assert ring["outline"] == RING and ring["shown"]


def test_the_drawer_toggle_is_no_tab_stop_where_the_navigation_is_always_shown(
        nojs: Any, base_url: str) -> None:
    page = nojs.new_page()
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(base_url + "/dashboard/", wait_until="load")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUS_JS)["text"] == "Skip to content"
    assert page.evaluate("getComputedStyle(document.getElementById('__drawer')).display") == "none"
