"""Hostile text in every story field a page shows never becomes markup on the site."""

from __future__ import annotations

import html
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest

from generator.sanitize import clean
from tests.site.conftest import Built, build, built_fine, site_project, write
from tests.site.test_privacy import PNG

HOSTILE = """\
---
title: "</title><script>alert('title')</script> <img src=x onerror=alert('img')>"
summary: "x\\"><script>alert('summary')</script> & \\" end"
date: 2026-01-01
status: published
service: "<b onmouseover=alert('service')>Evil</b> service"
outcomes: [earn-revenue]
tags: ["<svg onload=alert('tag')>", "a/b"]
partners: ["</dd><script>alert('partner')</script>"]
metrics:
  - label: "<script>alert('label')</script>"
    value: 5
    unit: count
    source: "https://example.com/\\"><script>alert('source')</script>"
quotes:
  - text: "</script><script>alert('quote')</script>"
    by: "<i onclick=alert('by')>Mallory</i>"
    consent: true
---
## Challenge

<a href="javascript:alert('href')">x</a> <img src="x.png" alt="" onerror="alert('onerror')">

[click](javascript:alert('mdlink'))
"""


class _Markup(HTMLParser):
    """Collects what would run: script text, event-handler attributes, javascript: URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False
        self._json = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_script = tag == "script"
        self._json = ("type", "application/ld+json") in attrs
        for name, value in attrs:
            if name.startswith("on") and value and "alert" in value:
                self.found.append(f"{tag} {name}={value}")
            if name in {"href", "src"} and value and value.strip().lower().startswith("javascript:"):
                self.found.append(f"{tag} {name}={value}")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and self._json and "<" in data:
            self.found.append(f"JSON-LD holds a raw '<': {data.strip()[:80]}")
        elif self._in_script and not self._json and "alert(" in data:
            self.found.append(f"script: {data.strip()[:80]}")


ODD_SUMMARY = "Fish & <chips> \U0001f389 in\u2028two <b>not bold</b>"
ODD = """\
---
title: Odd summary
summary: "Fish & <chips> \U0001f389 in\\u2028two <b>not bold</b>"
date: 2026-01-02
status: published
service: Digital services
outcomes: [earn-revenue]
metrics:
  - {label: Time saved, value: 0.0001, unit: hours, source: https://example.org/x}
---
Words.
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return built_fine(write(tmp_path_factory.mktemp("hostile"),
                            {**site_project(), "stories/evil.md": HOSTILE, "stories/x.png": PNG,
                             "stories/odd.md": ODD}))


def test_a_summary_beyond_plain_ascii_keeps_its_page_whole(hostile_site: Built) -> None:
    """An emoji in a summary once broke the page's front-matter (JSON escapes of it that YAML
    refuses): the page showed its front-matter as text and lost its title."""
    html = hostile_site.html("stories/odd")
    assert "<title>Odd summary - Testshire showcase</title>" in html
    assert ('<meta name="description" content="Fish &amp; &lt;chips&gt; \U0001f389 in\u2028two '
            '&lt;b&gt;not bold&lt;/b&gt;">') in html
    assert "description:" not in html
    assert "0.0001 hours" in html  # a figure there was is never shown as 0


def test_rss_carries_a_summary_as_the_text_written(hostile_site: Built) -> None:
    """RSS readers take an item's description as HTML: the summary is escaped for that, so
    `<chips>` shows as written and `<b>` is not bold (Atom says it is text)."""
    for name in ("rss.xml", "atom.xml"):
        feed = feedparser.parse((hostile_site.site / "feeds" / name).read_bytes())
        [entry] = [e for e in feed.entries if e.title == "Odd summary"]
        shown = (html.unescape(entry.summary) if entry.summary_detail.type == "text/html"
                 else entry.summary)
        assert shown == ODD_SUMMARY, name
        assert "<b>" not in entry.summary or entry.summary_detail.type == "text/plain", name


def test_no_page_carries_runnable_markup(hostile_site: Built) -> None:
    pages = [p for p in hostile_site.files() if p.suffix == ".html"]
    assert len(pages) > 10
    found = {}
    for page in pages:
        parser = _Markup()
        parser.feed(page.read_text(encoding="utf-8"))
        if parser.found:
            found[page.relative_to(hostile_site.site).as_posix()] = parser.found
    assert found == {}


def test_title_and_description_are_text(hostile_site: Built) -> None:
    html = hostile_site.html("stories/evil")
    assert ("<title>&lt;/title&gt;&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; "
            "&lt;img src=x onerror=alert(&#39;img&#39;)&gt; - Testshire showcase</title>") in html
    assert ('<meta name="description" content="x&#34;&gt;&lt;script&gt;alert(&#39;summary&#39;)'
            '&lt;/script&gt; &amp; &#34; end">') in html


def test_feeds_and_sitemap_hold_no_raw_script(hostile_site: Built) -> None:
    for name, data in hostile_site.every_byte().items():
        if Path(name).suffix in {".xml", ".gz"}:
            assert b"<script>" not in data, name


def test_a_picture_from_another_site_reaches_no_page_or_feed(tmp_path: Path) -> None:
    """A picture in a story's body from another host (a tracking pixel, a hot-linked chart)
    would make every reader's browser call that host: the site and its feeds carry its alt
    text instead."""
    files = dict(site_project())
    files["stories/pixel.md"] = (
        "---\ntitle: Pictures from elsewhere\nsummary: A story with remote pictures.\n"
        "date: 2026-01-02\nstatus: published\nservice: Digital\noutcomes: [earn-revenue]\n---\n"
        "## Challenge\n\n![Calls by month](https://charts.zqx.example/calls.png)\n\n"
        '<img src="//pixel.zqx.example/p.gif" alt="">\n\n'
        '<p><img src="HTTPS://shout.zqx.example/a.png" alt="Shouted"></p>\n')
    built = build(write(tmp_path / "project", files), tmp_path / "site")
    assert built.result.exit_code == 0, built.result.output
    page = built.html("stories/pixel/")
    assert "Calls by month" in page and "Shouted" in page
    for name, data in built.every_byte().items():
        assert b"zqx.example" not in data, name


def test_a_link_that_loses_its_address_becomes_its_words() -> None:
    """A `javascript:` link, or an anchor without href, is no link to a reader, and an <a>
    without href may not carry rel (HTML): its words stay, not an empty <a>."""
    html = clean('<p><a href="javascript:steal()">Click <em>here</em></a>, '
                 '<a name="old">old</a> and <a href="https://example.org/">kept</a>.</p>')
    assert html == ('<p>Click <em>here</em>, old and '
                    '<a href="https://example.org/" rel="noopener noreferrer">kept</a>.</p>')


def test_quotes_carry_no_cite_address() -> None:
    """A quote's or an edit's `cite` address is shown to no reader and was published as
    written, so it could name a draft's file: it is left out."""
    html = clean('<blockquote cite="2026-05-01-secret-draft.md">Said</blockquote>'
                 '<q cite="./review.md">so</q> <del cite="x.md" datetime="2026-01-01">old</del>')
    assert html == ('<blockquote>Said</blockquote><q>so</q> '
                    '<del datetime="2026-01-01">old</del>')
