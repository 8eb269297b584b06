"""The example site built once, served on 127.0.0.1, driven in one headless Chromium per session.

Every page type is visited once at desktop width and once 320 px wide; each visit records the
axe-core results, the requests the page made, its headings, title and language. The tests assert
on those records, so the suite stays fast (one browser, one visit per page and width).
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import NOW, REPO
from tests.site.conftest import Built, build, copy_example

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
MOBILE = {"width": 320, "height": 640}
PER_PAGE = 4
"""Smaller than the example's 20, so the story listing has a second page to check."""

#: one page of each type, by name: its path on the site
PAGES = {
    "home": "/",
    "story": "/stories/ai-webchat-reduces-call-volumes/",
    "stories": "/stories/",
    "stories page 2": "/stories/page/2/",
    "outcome": "/outcomes/earn-revenue/",
    "service": "/services/ict-and-digital/",
    "tag": "/tags/ai/",
    "year": "/years/2026/",
    "outcomes": "/outcomes/",
    "services": "/services/",
    "tags": "/tags/",
    "years": "/years/",
    "dashboard": "/dashboard/",
    "awards": "/awards/",
    "open data": "/open-data/",
    "about": "/about/",
    "accessibility": "/accessibility/",
    "404": "/no-such-page/",
}


@dataclass
class Stats:
    """What the suite did, printed at the end of the session."""

    pages: set[str] = field(default_factory=set)
    axe_runs: int = 0
    checks: int = 0

    def check(self, count: int = 1) -> None:
        self.checks += count


STATS = Stats()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if STATS.pages or STATS.axe_runs:
        terminalreporter.write_line(
            f"browser suite: {len(STATS.pages)} pages, {STATS.axe_runs} axe runs, {STATS.checks} checks")


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files; a missing path gets the site's own 404.html with status 404."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 (a random port) until the generator is closed."""
    handler = functools.partial(_Handler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The example project (story listings PER_PAGE to a page), built once with `showcase build`."""
    root = copy_example(tmp_path_factory.mktemp("browser-example"))
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "per_page: 20" in text
    config.write_text(text.replace("per_page: 20", f"per_page: {PER_PAGE}"), encoding="utf-8")
    site = build(root, root / "site", now=NOW)
    assert site.result.exit_code == 0, site.result.output
    return site


@pytest.fixture(scope="session")
def base_url(built: Built) -> Iterator[str]:
    """The built site served on 127.0.0.1."""
    yield from serve(built.site)


@dataclass
class Requests:
    """Every request a browser context made; those leaving 127.0.0.1 are aborted but recorded."""

    local: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)


def open_context(browser: Any, base: str, **options: Any) -> tuple[Any, Requests]:
    """A fresh context whose every request is recorded; nothing is let out of 127.0.0.1."""
    seen = Requests()
    context = browser.new_context(service_workers="block", **options)

    def route(route: Any) -> None:
        url = route.request.url
        if url.startswith(f"{base}/") or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            route.abort()

    def record(request: Any) -> None:
        url = request.url
        (seen.local if url.startswith(f"{base}/") or url.startswith(("data:", "blob:"))
         else seen.outside).append(url)

    context.on("request", record)
    context.route("**/*", route)
    return context, seen


def run_axe(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now (WCAG 2.0-2.2 A and AA rules)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    result = page.evaluate("options => axe.run(document, options)", options)
    STATS.axe_runs += 1
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def describe(violations: list[dict[str, Any]]) -> str:
    """Violations as readable lines: rule, impact, the first nodes and axe's summary."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:3]:
            lines.append(f"  {node['target']}: {node['failureSummary']!s:.300}")
    return "\n".join(lines)


HEADINGS_JS = """() => [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')]
  .filter(h => !h.closest('[hidden]'))
  .map(h => [Number(h.tagName[1]), h.textContent.trim()])"""


@dataclass
class Visit:
    """What one page showed: status, title, language, headings and axe-core's violations."""

    name: str
    path: str
    status: int
    title: str
    lang: str
    headings: list[tuple[int, str]]
    violations: list[dict[str, Any]]
    scroll_width: int = 0


def visit(page: Any, base: str, name: str, path: str) -> Visit:
    """Load `path`, wait for Material's scripts, and record what the tests check."""
    response = page.goto(base + path, wait_until="load")
    STATS.pages.add(path)
    return Visit(name=name, path=path, status=response.status if response else 0,
                 title=page.title(), lang=page.evaluate("document.documentElement.lang"),
                 headings=[(level, text) for level, text in page.evaluate(HEADINGS_JS)],
                 violations=run_axe(page),
                 scroll_width=page.evaluate("document.documentElement.scrollWidth"))


@dataclass
class Tour:
    """Every page type visited in one browser context, with the requests and cookies it left."""

    visits: dict[str, Visit]
    requests: Requests
    cookies: list[dict[str, Any]]


def tour(browser: Any, base: str, **options: Any) -> Tour:
    context, seen = open_context(browser, base, **options)
    try:
        page = context.new_page()
        visits = {name: visit(page, base, name, path) for name, path in PAGES.items()}
        return Tour(visits, seen, context.cookies())
    finally:
        context.close()


@pytest.fixture(scope="session")
def desktop(browser: Any, base_url: str) -> Tour:
    """Every page type at 1280 x 800."""
    return tour(browser, base_url, viewport={"width": 1280, "height": 800})


@pytest.fixture(scope="session")
def mobile(browser: Any, base_url: str) -> Tour:
    """Every page type 320 px wide (WCAG 1.4.10 reflow: 1280 px at 400% zoom)."""
    return tour(browser, base_url, viewport=MOBILE, is_mobile=True, has_touch=True)


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    """A fresh page in its own context, for tests that interact (keyboard, search)."""
    context, _ = open_context(browser, base_url, viewport={"width": 1280, "height": 800})
    try:
        yield context.new_page()
    finally:
        context.close()



PLANTED = {
    "fonts.html": """<!doctype html><html lang="en-GB"><head><title>Planted font</title>
<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto:300,400">
</head><body><main><h1>A page with a third-party font</h1></main></body></html>""",
    "contrast.html": """<!doctype html><html lang="en-GB"><head><title>Planted contrast</title></head>
<body><main><h1>Low contrast</h1><p style="color:#bbbbbb;background:#ffffff">Light grey text on white.</p>
</main></body></html>""",
    "assets/cdn.css": "@import url('https://cdn.jsdelivr.net/npm/x/x.css');\n",
    "assets/cdn.js": "const t = `<p><script async src=\"https://cdn.example.net/x.js\"></script>`;\n"
                     "el.style.background = 'url(//cdn.example.net/y.png)';\n"
                     "const ok = `<a href=\"https://www.gov.uk/\">GOV.UK</a>`;\n",
}


@pytest.fixture(scope="session")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A folder of bad pages served locally, to show the checks can fail."""
    folder = tmp_path_factory.mktemp("planted")
    for name, text in PLANTED.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    for url in serve(folder):
        yield folder, url
