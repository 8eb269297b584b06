"""Scale guards: linear builds, brief search entries past the limit, dirty preview rebuilds.

Real MkDocs + Material builds of generated projects (250 and 1,000 stories). Growth is
checked by what is deterministic (Markdown conversions per story, navigation size per page)
and, loosely, by time: a quadratic build would take ~16x for 4x the stories.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import feedparser
import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from generator import clock, project
from generator.catalogue import collect
from generator.cli.build import run_mkdocs
from generator.markdown_text import to_html
from generator.mkdocs import worker
from generator.reading.stories import MEMO
from generator.site import SiteOptions, build_site
from generator.site.render import CARD_TEMPLATE, environment
from tests.conftest import NOW
from tests.scale.conftest import SERVICES, TAGS, make_scale_project

pytestmark = pytest.mark.slow
SERVE_URL = "http://127.0.0.1:8000/"
NAV_LINK = 'class="md-nav__link'


@dataclass(frozen=True)
class Built:
    project: Path
    site: Path
    seconds: float
    conversions: int


def _build(root: Path, size: int, limit: int) -> Built:
    """One build in this process alone: the conversions counted are all the build's (with
    its workers, which fork only while no other thread runs, they would happen there)."""
    project = make_scale_project(root / "project", size, limit)
    to_html.cache_clear()
    start = time.perf_counter()
    enabled, worker.ENABLED = worker.ENABLED, False
    try:
        run_mkdocs(project / "mkdocs.yml", root / "site", None)
    finally:
        worker.ENABLED = enabled
    seconds = time.perf_counter() - start
    return Built(project, root / "site", seconds, to_html.cache_info().misses)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build(tmp_path_factory.mktemp("s250"), 250, limit=100)


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory, small: Built) -> Built:
    return _build(tmp_path_factory.mktemp("s1000"), 1000, limit=500)


def test_each_story_body_is_converted_once_per_build(small: Built, large: Built) -> None:
    # the page, three feeds in three formats and the open data all share one conversion
    assert (small.conversions, large.conversions) == (250, 1000)


def test_story_pages_are_not_in_the_navigation(small: Built, large: Built) -> None:
    page = "stories/s00007/index.html"
    links = [(b.site / page).read_text(encoding="utf-8").count(NAV_LINK) for b in (small, large)]
    assert links[0] == links[1] and links[0] < 40


def test_build_time_grows_linearly(small: Built, large: Built) -> None:
    # 4x the stories: linear is ~4x (less, with fixed costs); quadratic would be ~16x
    assert large.seconds / small.seconds < 6, (small.seconds, large.seconds)


def _index(site: Path) -> list[dict[str, str]]:
    docs: list[dict[str, str]] = json.loads(
        (site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    return docs


def _story_locations(docs: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    found: dict[str, list[dict[str, str]]] = {}
    for doc in docs:
        match = re.fullmatch(r"stories/(s\d{5})/(#.*)?", doc["location"])
        if match:
            found.setdefault(match.group(1), []).append(doc)
    return found


def test_stories_past_the_limit_are_searched_by_title_summary_service_and_tags(
        small: Built) -> None:
    stories = _story_locations(_index(small.site))
    assert len(stories) == 250
    brief = {slug: docs for slug, docs in stories.items() if len(docs) == 1
             and "We worked with residents" not in docs[0]["text"]}
    full = {slug: docs for slug, docs in stories.items() if slug not in brief}
    assert (len(full), len(brief)) == (100, 150)
    assert all(any("We worked with residents" in d["text"] for d in docs) for docs in full.values())
    slug = sorted(brief)[0]
    n = int(slug[1:])
    tags = ", ".join(sorted({TAGS[n % 40], TAGS[(n * 7) % 40]}))
    assert brief[slug] == [{
        "location": f"stories/{slug}/", "title": f"Story number {n}",
        "text": f"What story {n} changed for residents. Service: {SERVICES[n % 10]}. "
                f"Tags: {tags}."}]


def test_search_leads_to_stories_and_pages_never_to_listings(small: Built) -> None:
    pages = {doc["location"].split("#", 1)[0] for doc in _index(small.site)}
    listed = {page for page in pages if page.startswith(
        ("stories/page/", "outcomes/", "services/", "tags/", "years/"))}
    assert listed == set() and "stories/" not in pages
    assert {"", "awards/", "dashboard/"} <= pages
    assert len([page for page in pages if re.fullmatch(r"stories/s\d{5}/", page)]) == 250
    # the listings themselves are still built, with their later pages
    assert (small.site / "tags/topic-1/index.html").is_file()
    assert (small.site / "stories/page/2/index.html").is_file()


def test_feeds_carry_the_newest_50_stories_and_the_open_data_all(small: Built) -> None:
    stories = json.loads((small.site / "data/stories.json").read_text(encoding="utf-8"))["stories"]
    assert len(stories) == 250
    newest = [s["url"] for s in stories][:50]
    outcome = [s["url"] for s in stories if "earn-revenue" in s["outcomes"]][:50]
    for folder, expected in (("feeds/", newest), ("feeds/outcomes/earn-revenue/", outcome)):
        feed = small.site / folder
        items = json.loads((feed / "feed.json").read_text(encoding="utf-8"))["items"]
        assert [item["id"] for item in items] == expected
        for name in ("rss.xml", "atom.xml"):
            parsed = feedparser.parse((feed / name).read_bytes())
            assert [entry.link for entry in parsed.entries] == expected, name


def test_each_card_is_rendered_once_per_story_heading_level_and_link(
        small: Built, monkeypatch: pytest.MonkeyPatch) -> None:
    template = environment().get_template(CARD_TEMPLATE)
    keys: list[tuple[str, int, str]] = []
    original = template.render

    def counting(*args: Any, **kwargs: Any) -> str:
        keys.append((kwargs["v"].src, kwargs["level"], kwargs["link"]))
        return original(*args, **kwargs)

    monkeypatch.setattr(template, "render", counting)
    now = clock.now(NOW)
    site = build_site(collect(project.discover(small.project), now), now, SiteOptions())
    shown = sum(page.count('class="showcase-card"')
                for fragments in site.fragments.values() for page in fragments.values())
    assert len(keys) == len(set(keys))  # no card rendered twice
    # each story is on 6 listing pages (all, outcome, service, 2 tags, year) and more
    assert shown >= 6 * 250 and len(keys) < shown / 2, (len(keys), shown)
    assert {level for _, level, _ in keys} == {2, 3}  # h2 on listings, h3 under a section


def _config(project: Path, site: Path) -> MkDocsConfig:
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    config.site_url = SERVE_URL
    return config


def _pages(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*.html"))
            if p.name != "404.html"}


def test_preview_rebuilds_only_changed_pages_and_matches_a_full_build(
        small: Built, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(small.project, project)
    preview, full = tmp_path / "preview", tmp_path / "full"
    first = _config(project, preview)
    first.plugins.on_startup(command="serve", dirty=True)
    try:
        _edit_and_rebuild(project, preview, full, first)
    finally:
        first.plugins.on_shutdown()


def _edit_and_rebuild(project: Path, preview: Path, full: Path, first: MkDocsConfig) -> None:
    mkdocs_build(first, serve_url=SERVE_URL, dirty=True)
    before = {p: (preview / p).stat().st_mtime_ns for p in _pages(preview)}

    story = project / "stories/s00123.md"
    story.write_text(story.read_text(encoding="utf-8").replace(
        "title: Story number 123", "title: A new title for 123"), encoding="utf-8")
    misses = MEMO.misses
    mkdocs_build(_config(project, preview), serve_url=SERVE_URL, dirty=True)
    assert MEMO.misses - misses == 1  # only the edited story was parsed again

    rewritten = sorted(p for p, stamp in before.items()
                       if (preview / p).stat().st_mtime_ns != stamp)
    assert "stories/s00123/index.html" in rewritten
    assert "A new title for 123" in (preview / "stories/s00123/index.html").read_text()
    assert 1 < len(rewritten) < 30 < len(before), rewritten
    mkdocs_build(_config(project, full), serve_url=SERVE_URL)  # what a full rebuild makes
    assert _pages(preview) == _pages(full)
    # the preview's search index holds the same entries as the full build's (order aside)
    entries = [sorted(json.dumps(d, sort_keys=True) for d in _index(site))
               for site in (preview, full)]
    assert entries[0] == entries[1]

    # a story turned draft leaves the preview's search index too (Material's own merge kept it)
    gone = project / "stories/s00124.md"
    assert any(d["location"].startswith("stories/s00124/") for d in _index(preview))
    gone.write_text(gone.read_text(encoding="utf-8").replace(
        "status: published", "status: draft"), encoding="utf-8")
    mkdocs_build(_config(project, preview), serve_url=SERVE_URL, dirty=True)
    assert not any(d["location"].startswith("stories/s00124/") for d in _index(preview))
    assert "s00124" not in (preview / "stories/index.html").read_text(encoding="utf-8")
