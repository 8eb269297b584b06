"""The story editor (admin/) as the built site publishes it, in the session's Chromium.

It starts from its own local script, config and fonts, and nothing leaves 127.0.0.1 before anyone
signs in: Sveltia CMS 0.221.1 would fetch its fonts (cdn.jsdelivr.net), an update check
(unpkg.com) and GitHub's status (www.githubstatus.com); its fonts are published beside it and the
page's Content-Security-Policy stops the rest before they are sent.
(Moved from tests/publishing/test_cms_browser.py, so the session has one browser.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest

from tests.browser.conftest import STATS, Requests, describe, open_context, run_axe

pytestmark = pytest.mark.browser


@dataclass
class Editor:
    """What the editor's start-up did: requests (paths for local ones), cookies, text and policy."""

    local: list[str]
    requests: Requests
    cookies: list[dict[str, Any]]
    text: str
    csp: str


@pytest.fixture(scope="module")
def editor(browser: Any, base_url: str) -> Editor:
    context, seen = open_context(browser, base_url)
    try:
        page = context.new_page()
        page.goto(f"{base_url}/admin/", wait_until="load")
        page.locator("button", has_text="Sign In").first.wait_for(timeout=20_000)
        page.wait_for_timeout(1_500)  # start-up fetches (update check, GitHub status) happen here
        STATS.pages.add("/admin/")
        # Sveltia wraps names in Unicode isolation marks (U+2068, U+2069)
        text = page.inner_text("body").replace("\u2068", "").replace("\u2069", "")
        csp = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content") or ""
        local = [url[len(base_url):] for url in seen.local if url.startswith(base_url)]
        return Editor(local, seen, context.cookies(), text, csp)
    finally:
        context.close()


def test_the_editor_starts_from_its_local_script_and_generated_config(editor: Editor) -> None:
    STATS.check(6)
    assert editor.local[:2] == ["/admin/", "/admin/sveltia-cms.js"]
    assert any(path.startswith("/admin/config.yml") for path in editor.local)
    assert "Sign In with GitHub" in editor.text
    assert "Work with Local Repository" in editor.text
    assert "REPOSITORY" in editor.text  # the repository named in the generated config
    assert "configuration" not in editor.text.lower()  # no config error screen


def test_the_editor_fonts_are_its_own(editor: Editor) -> None:
    STATS.check()
    assert "/admin/fonts/material-symbols-outlined-latin-wght-normal.woff2" in editor.local


def test_no_request_leaves_127_0_0_1_before_sign_in(editor: Editor) -> None:
    STATS.check(2)
    assert editor.requests.outside == []
    assert editor.cookies == []


def test_the_editor_may_reach_only_this_site_and_github(editor: Editor) -> None:
    hosts = sorted(set(re.findall(r"https://[^\s;]+", editor.csp)))
    STATS.check(2)
    assert "default-src 'self'" in editor.csp
    assert hosts == ["https://api.github.com", "https://avatars.githubusercontent.com",
                     "https://raw.githubusercontent.com"]


def test_no_axe_violation_on_the_sign_in_screen(browser: Any, base_url: str) -> None:
    # axe is injected as an inline script, which the page's policy refuses: this visit bypasses it
    context, _ = open_context(browser, base_url, bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(f"{base_url}/admin/", wait_until="load")
        page.locator("button", has_text="Sign In").first.wait_for(timeout=20_000)
        violations = run_axe(page)
        viewport = page.evaluate(
            "[...document.querySelectorAll('meta[name=viewport]')].map(m => m.content)")
    finally:
        context.close()
    STATS.check(2)
    assert violations == [], describe(violations)
    assert not any("maximum-scale" in content for content in viewport), viewport
