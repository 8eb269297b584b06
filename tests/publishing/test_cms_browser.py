"""The browser editor in real Chromium: it loads its own local script and config, and nothing else.

Serves a folder holding the admin/ files on 127.0.0.1 and records every request the page makes;
requests for anywhere else are blocked (route interception) and recorded.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pytest

from generator import cms
from generator.catalogue import collect
from generator.clock import now
from generator.project import discover
from tests.conftest import REPO

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
#: what Sveltia CMS 0.221.1 fetches at start, before anyone signs in (see the xfail below)
KNOWN_OUTSIDE = {"unpkg.com", "cdn.jsdelivr.net", "www.githubstatus.com"}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class Visit:
    local: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    text: str = ""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("served")
    catalogue = collect(discover(REPO), now("2026-11-26T12:00:00+00:00"))
    files = cms.site_files(catalogue.layout, catalogue.strategy)
    assert files, "node_modules lacks @sveltia/cms: run npm install"
    for relative, data in files.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_bytes(data)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def visit(served: str) -> Visit:
    from playwright.sync_api import Route, sync_playwright

    seen = Visit()

    def route(route: Route) -> None:
        url = route.request.url
        if url.startswith(f"{served}/"):
            seen.local.append(url[len(served):])
            route.continue_()
        else:
            seen.outside.append(url)
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context(service_workers="block")
            context.route("**/*", route)
            page = context.new_page()
            page.goto(f"{served}/admin/")
            page.locator("button", has_text="Sign In").first.wait_for(timeout=20_000)
            page.wait_for_timeout(1_500)  # let start-up requests (status, update check) happen
            # Sveltia wraps names in Unicode isolation marks (U+2068, U+2069)
            seen.text = page.inner_text("body").replace("\u2068", "").replace("\u2069", "")
        finally:
            browser.close()
    return seen


def test_the_editor_starts_from_its_local_script_and_generated_config(visit: Visit) -> None:
    assert visit.local[:2] == ["/admin/", "/admin/sveltia-cms.js"]
    assert any(path.startswith("/admin/config.yml") for path in visit.local)
    assert "Sign In with GitHub" in visit.text
    assert "Work with Local Repository" in visit.text
    assert "REPOSITORY" in visit.text  # the repository named in the generated config
    assert "configuration" not in visit.text.lower()  # no config error screen


def test_nothing_reaches_github_or_any_unknown_host_before_sign_in(visit: Visit) -> None:
    hosts = {urlsplit(url).hostname for url in visit.outside}
    assert hosts <= KNOWN_OUTSIDE, visit.outside
    assert not any(host and host.endswith("github.com") for host in hosts)


def test_no_request_leaves_127_0_0_1(visit: Visit) -> None:
    # Sveltia CMS 0.221.1 would fetch its fonts (cdn.jsdelivr.net), an update check (unpkg.com) and
    # GitHub's status (www.githubstatus.com) at start: fonts are local, the page's CSP stops the rest
    assert visit.outside == []
    assert "/admin/fonts/material-symbols-outlined-latin-wght-normal.woff2" in visit.local
