"""A story page's table of contents (its own sections and the body's) is reached by keyboard
and pointer at every width: in the sidebar where Material shows it (60em and wider), in the
page under the title where it does not (Material's menu offers contents to pages in the nav
only, and story pages are not in it). One of the two is shown at a time, never both."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import PAGES, STATS, describe, open_context, run_axe

pytestmark = pytest.mark.browser

STORY = PAGES["story"]
#: the story page's table of contents, in order (the example's webchat story)
SECTIONS = ["#results-in-figures", "#challenge", "#what-we-did", "#impact", "#whats-next",
            "#what-people-said", "#evidence"]

#: the visible links to a section, where they are: the page's own contents or the sidebar's
VISIBLE_JS = """href => [...document.querySelectorAll(`a[href="${href}"]`)]
  .filter(a => a.checkVisibility({visibilityProperty: true}) && a.getClientRects().length > 0)
  .map(a => a.closest('.showcase-contents') ? 'page' : a.closest('.md-sidebar--secondary')
    ? 'sidebar' : 'elsewhere')"""

#: where the focused element is: its href and the contents it is in
FOCUS_JS = """() => {
  const e = document.activeElement;
  return [e.getAttribute('href'), e.closest('.showcase-contents') ? 'page'
    : e.closest('.md-sidebar--secondary') ? 'sidebar' : ''];
}"""

#: whether the heading with the id is in view, below the sticky header
IN_VIEW_JS = """id => {
  const box = document.getElementById(id).getBoundingClientRect();
  const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
  return box.top >= header - 1 && box.bottom <= innerHeight;
}"""


def _open(browser: Any, base_url: str, width: int, **options: Any) -> tuple[Any, Any]:
    context, _ = open_context(browser, base_url, viewport={"width": width, "height": 700},
                              **options)
    page = context.new_page()
    page.goto(base_url + STORY, wait_until="load")
    page.wait_for_load_state("networkidle")
    STATS.pages.add(STORY)
    return context, page


def _tab_to(page: Any, href: str, where: str, limit: int = 40) -> int:
    """Press Tab until the link to `href` in `where` has focus; the number of presses."""
    for count in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUS_JS) == [href, where]:
            return count
    raise AssertionError(f"{limit} presses of Tab never reached {href} in the {where} contents")


@pytest.mark.parametrize(("width", "where"), [(320, "page"), (1000, "sidebar"), (1280, "sidebar")])
def test_each_section_has_one_visible_contents_link(browser: Any, base_url: str, width: int,
                                                      where: str) -> None:
    context, page = _open(browser, base_url, width)
    try:
        found = {href: page.evaluate(VISIBLE_JS, href) for href in SECTIONS}
    finally:
        context.close()
    STATS.check(len(SECTIONS))
    assert found == {href: [where] for href in SECTIONS}


@pytest.mark.parametrize(("width", "where"), [(320, "page"), (1280, "sidebar")])
def test_a_section_is_reached_by_keyboard(browser: Any, base_url: str, width: int,
                                          where: str) -> None:
    context, page = _open(browser, base_url, width, is_mobile=width < 600, has_touch=width < 600)
    try:
        presses = _tab_to(page, "#impact", where)
        page.keyboard.press("Enter")
        page.wait_for_function("location.hash === '#impact'")
        shown = page.wait_for_function(IN_VIEW_JS, arg="impact").json_value()
    finally:
        context.close()
    STATS.check(2)
    assert presses <= 30 and shown


def test_a_section_is_reached_by_pointer_at_320_px(browser: Any, base_url: str) -> None:
    context, page = _open(browser, base_url, 320, is_mobile=True, has_touch=True)
    try:
        link = page.locator('.showcase-contents a[href="#what-we-did"]')
        title = page.locator(".showcase-contents__title")
        # under the page's title, labelling the list for screen readers
        labelled = page.evaluate("""() => {
          const nav = document.querySelector('.showcase-contents');
          return [nav.tagName, nav.getAttribute('aria-labelledby'),
                  document.getElementById(nav.getAttribute('aria-labelledby')).textContent,
                  nav.previousElementSibling.tagName];
        }""")
        text = title.inner_text()
        link.tap()
        page.wait_for_function("location.hash === '#what-we-did'")
        shown = page.wait_for_function(IN_VIEW_JS, arg="what-we-did").json_value()
    finally:
        context.close()
    STATS.check(3)
    assert labelled == ["NAV", "showcase:contents", "Table of contents", "H1"]
    assert text == "Table of contents" and shown


@pytest.mark.parametrize("width", [320, 1280])
def test_the_story_page_passes_axe(browser: Any, base_url: str, width: int) -> None:
    context, page = _open(browser, base_url, width)
    try:
        violations = run_axe(page)
    finally:
        context.close()
    assert violations == [], describe(violations)
