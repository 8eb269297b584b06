"""Round 33 (resident33): at 400% zoom (320 x 256 CSS px) a link reached with Shift+Tab is never
left under the sticky header or Material's back-to-top button (WCAG 2.4.11), and a printed story
page leaves out its on-screen contents list."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import STATS, open_context

pytestmark = pytest.mark.browser

ZOOMED = {"width": 320, "height": 256}
STORY = "/stories/ai-webchat-reduces-call-volumes/"

#: whether the focused element's centre is covered by the header or the back-to-top button
COVERED_JS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const b = e.getBoundingClientRect();
  if (b.width === 0 || b.height === 0 || b.bottom < 0 || b.top > innerHeight) return null;
  const x = Math.min(Math.max(b.left + b.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(b.top + b.height / 2, 0), innerHeight - 1);
  const at = document.elementFromPoint(x, y);
  const cover = at && at.closest('.md-header, .md-top');
  return cover && !cover.contains(e) ? (e.textContent || '').trim().slice(0, 40) : '';
}"""


def test_shift_tab_never_leaves_a_focused_link_under_the_header(browser: Any,
                                                                base_url: str) -> None:
    context, _ = open_context(browser, base_url, viewport=ZOOMED)
    try:
        page = context.new_page()
        for path in (STORY, "/awards/"):
            page.goto(base_url + path, wait_until="load")
            page.locator("footer a").first.focus()
            covered = []
            for _ in range(40):
                page.keyboard.press("Shift+Tab")
                page.wait_for_timeout(60)  # the scroll into view, and the button's showing
                found = page.evaluate(COVERED_JS)
                if found:
                    covered.append(found)
            STATS.check()
            assert covered == [], (path, covered)
    finally:
        context.close()


def test_a_printed_story_leaves_out_its_contents_list(browser: Any, base_url: str) -> None:
    # narrow: on a wide screen the contents list gives way to the sidebar's anyway
    context, _ = open_context(browser, base_url, viewport={"width": 375, "height": 700})
    try:
        page = context.new_page()
        page.goto(base_url + STORY, wait_until="load")
        assert page.locator(".showcase-contents").count() == 1
        page.emulate_media(media="print")
        STATS.check(2)
        assert page.evaluate("getComputedStyle(document.querySelector('.showcase-contents'))"
                             ".display") == "none"
        page.emulate_media(media="screen")
        assert page.evaluate("getComputedStyle(document.querySelector('.showcase-contents'))"
                             ".display") != "none"
    finally:
        context.close()
