"""The build's shortcuts change no byte of the site.

Two speed-ups sit between the plugin and MkDocs: Material's navigation and config script are
rendered once per place in the site (generator/mkdocs/navcache.py), and forked processes draw
the charts, write the feeds and open data and render a share of the pages
(generator/mkdocs/worker.py). Each is checked here against a build without it, every output
file compared byte for byte, and so are the worker's failures.
"""

from __future__ import annotations

import gc
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import material as mkdocs_material
import pytest
from mkdocs.structure.files import File, Files

from generator import project
from generator.mkdocs import navcache, worker
from generator.mkdocs.incremental import PageEntries
from generator.reading.diskcache import FrontMatterCache
from generator.site import SiteOptions, charts, generate
from generator.site.criteria import Evaluation
from generator.site.render import fill
from tests.conftest import NOW, story
from tests.site.conftest import EPOCH, Built, build, built_fine, site_project, write

TAGS = ["alpha", "beta", "gamma"]


def _project(root: Path) -> Path:
    """Enough stories for listing pages two and three deep (per_page 1), and a hand-written
    page in a folder of its own (a page in the nav at another depth)."""
    files: dict[str, str | bytes] = dict(site_project(per_page=1))
    files["mkdocs.yml"] = str(files["mkdocs.yml"]).replace(
        "  font: false\n", "  font: false\n  features: [navigation.tabs, navigation.footer]\n",
    ) + "  - Guides:\n    - guides/writing.md\n"
    files["content/guides/writing.md"] = "# Writing a story\n\nHow to write one.\n"
    for n in range(5):
        files[f"stories/story-{n}.md"] = story(
            title=f"Story {n}", date=f"202{n}-03-14", tags=f"[{TAGS[n % 3]}, {TAGS[(n + 1) % 3]}]",
            metrics=f"[{{label: Saving, value: {n + 1}000, unit: GBP, baseline: 0}}]")
    return write(root, files)


@pytest.fixture(scope="module")
def shortcut_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return built_fine(_project(tmp_path_factory.mktemp("shortcuts")))


@pytest.mark.parametrize("shortcut", [navcache, worker], ids=["kept parts", "worker"])
def test_a_shortcut_changes_no_byte(shortcut_site: Built, tmp_path: Path, shortcut: ModuleType,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shortcut, "ENABLED", False)
    without = build(shortcut_site.project, tmp_path / "without")
    assert without.result.exit_code == 0, without.result.output
    assert _differences(shortcut_site, without) == []
    assert {"feeds/rss.xml", "data/stories.json", "awards.ics"} <= set(without.every_byte())


def test_kept_parts_serve_pages_outside_the_nav(shortcut_site: Built, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The kept parts (compared byte for byte above) are used, for every part, by the pages
    outside the nav."""
    hits: list[str] = []

    def counting(method: Callable[..., str | None], part: str | None) -> Callable[..., str | None]:
        def spy(self: navcache.NavCache, *args: Any) -> str | None:
            html = method(self, *args)
            if html is not None:
                hits.append(part or args[0])
            return html
        return spy

    monkeypatch.setattr(navcache, "ENABLED", True)
    monkeypatch.setattr(navcache.NavCache, "get", counting(navcache.NavCache.get, None))
    monkeypatch.setattr(navcache.NavCache, "header",
                        counting(navcache.NavCache.header, "header"))
    assert build(shortcut_site.project, tmp_path / "spied").result.exit_code == 0
    assert all(hits.count(part) > 10 for part in ("nav", "config", "tabs", "footer", "header"))
    # the fixture has what the cache must tell apart: pages outside the nav at several depths
    pages = {path for path in shortcut_site.every_byte() if path.endswith(".html")}
    assert {"stories/story-1/index.html", "tags/alpha/page/2/index.html",
            "guides/writing/index.html"} <= pages


def test_a_site_template_of_its_own_is_never_kept(shortcut_site: Built,
                                                  tmp_path: Path) -> None:
    """A site whose own templates override a partial may print anything of the page in it:
    each page renders its header, tabs and footer itself."""
    project = _copy(shortcut_site, tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  font: false\n", "  font: false\n  custom_dir: overrides\n"), encoding="utf-8")
    material = Path(mkdocs_material.__file__).parent / "templates/partials/header.html"
    header = material.read_text(encoding="utf-8").replace(
        '<header class="{{ class }}"', '<header data-zqx="{{ page.url }}" class="{{ class }}"')
    write(project, {"overrides/partials/header.html": header})
    built = build(project, tmp_path / "site")
    assert built.result.exit_code == 0, built.result.output
    for url in ("stories/story-1/", "stories/story-2/", "tags/alpha/page/2/"):
        assert f'<header data-zqx="{url}"' in built.html(url)


# Each worker test runs `showcase build` in a process of its own (one thread, so the worker
# forks; pytest's may not be), with a prelude that watches or breaks the worker's parts. Every
# part writes "what pid parent-pid" lines to the file named by argv[1].
_BUILD = """
import os, sys
from pathlib import Path
from generator.mkdocs import early, worker
from generator.site import chartcache, charts
from generator.cli import main
where, mode = sys.argv[1], sys.argv[5]
chartcache.FOLDER = Path(where + ".charts")  # the charts are drawn unless this build kept them
sys.dont_write_bytecode = False  # as Python runs by default: charts are kept
def note(what):
    with open(where, "a", encoding="utf-8") as notes:
        notes.write(f"{what} {os.getpid()} {os.getppid()}\\n")
draw_all, render_here = charts.draw_all, worker._render_here
def drawn(evaluations):
    note("charts")
    if mode.endswith("die") and os.getpid() != main_pid:
        os._exit(9)
    return draw_all(evaluations)
def rendered(pages, *args):
    note(f"pages:{len(pages)}")
    for page in pages:
        note(f"page:{page.file.src_uri}")
    if mode.endswith("die") and os.getpid() != main_pid:
        os._exit(9)
    if mode == "warn" and pages:
        import logging
        logging.getLogger("mkdocs.commands.build").warning("zqx: a warning while rendering")
    return render_here(pages, *args)
from generator.site import builder
story_pages = builder._Builder.story_pages
def made(self, views):
    note("stories")
    if mode.endswith("die") and os.getpid() != main_pid:
        os._exit(9)
    return story_pages(self, views)
builder._Builder.story_pages = made
from generator.mkdocs.plugin import ShowcasePlugin
made_early = ShowcasePlugin._early
def settings_read(*args):
    note("settings")  # the plugin has MkDocs' settings (on_config)
    return made_early(*args)
ShowcasePlugin._early = settings_read
from generator import catalogue
read_story = catalogue.read_story
def read(*args):
    note("read")
    if mode.endswith("die") and os.getpid() != main_pid:
        os._exit(9)
    return read_story(*args)
catalogue.read_story = read
charts.draw_all, worker._render_here, worker.SETUP, worker.SETUP_PER_PAGE = drawn, rendered, 0, 0
worker.MIN_HANDED = 1
if not mode.startswith("early"):  # five stories: read and made in parts, as a large site's
    early.MIN_PAGES = 1
main_pid = os.getpid()
print(main_pid)
sys.argv = ["showcase", "build", "-p", sys.argv[2], "--site-dir", sys.argv[3], "--now", sys.argv[4]]
main()
"""


def _run_alone(built: Built, site: Path, notes: Path, mode: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _BUILD, str(notes), str(built.project), str(site), NOW, mode],
        capture_output=True, text=True, check=False, env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})


def _build_alone(built: Built, site: Path, notes: Path, mode: str) -> tuple[int, list[list[str]]]:
    done = _run_alone(built, site, notes, mode)
    assert done.returncode == 0, done.stderr
    assert _differences(built, Built(built.result, built.project, site)) == []
    return int(done.stdout.split()[0]), [line.split() for line in notes.read_text().splitlines()]


def test_the_worker_draws_charts_and_renders_pages(shortcut_site: Built, tmp_path: Path) -> None:
    """`showcase build` reads half the stories, draws the charts, makes the story pages'
    Markdown and renders a share of the pages in forked processes, and the site is the same
    bytes as one made in a single process; the front-matter cache keeps every story read."""
    main, notes = _build_alone(shortcut_site, tmp_path / "site", tmp_path / "notes", "watch")
    read_here = [n for n in notes if n[0] == "read" and int(n[1]) == main]
    read_there = [n for n in notes if n[0] == "read" and int(n[1]) != main]
    # five stories, split in two: the other process's share 9/20, rounded down
    assert len(read_here) == 3 and len(read_there) == 2
    assert len({pid for _, pid, _ in read_there}) == 1 and int(read_there[0][2]) == main
    charts_drawn = [n for n in notes if n[0] == "charts"]
    stories_made = [n for n in notes if n[0] == "stories"]
    pages_rendered = [n for n in notes if n[0].startswith("pages:")]
    assert len(charts_drawn) == len(stories_made) == len(pages_rendered) == 1
    for _, pid, parent in charts_drawn + stories_made + pages_rendered:
        assert int(pid) != main and int(parent) == main
    elsewhere = {what.split(":", 1)[1] for what, pid, _ in notes
                 if what.startswith("page:") and int(pid) != main}
    # listing pages went over, and so did story pages indexed for search: their entries are
    # in the search index in their places (the bytes are the same as the one-process build)
    assert len(elsewhere) > 5 and "tags/alpha/page/2/index.md" in elsewhere
    assert any(src.startswith("stories/") for src in elsewhere)
    index = (tmp_path / "site/search/search_index.json").read_text(encoding="utf-8")
    assert '"location":"stories/story-1/"' in index
    kept = FrontMatterCache.for_project(shortcut_site.project).path
    assert kept is not None
    assert len(json.loads(kept.read_text(encoding="utf-8"))["entries"]) == 5


def test_charts_kept_by_the_last_build_are_not_drawn_again(shortcut_site: Built,
                                                           tmp_path: Path) -> None:
    """A build of a project whose dashboard data has not changed draws no chart and forks no
    process for them (generator/site/chartcache.py): the site is the same bytes; data
    changed, the charts are drawn again."""
    notes = tmp_path / "notes"
    _build_alone(shortcut_site, tmp_path / "site", notes, "watch")
    assert [n[0] for n in _notes(notes)].count("charts") == 1
    kept = sorted(path.name for path in Path(f"{notes}.charts").iterdir())
    assert [name.startswith("project-") for name in kept] == [False] * (len(kept) - 1) + [True]
    assert kept[0].endswith(".json")  # the charts drawn, and the project's list of them
    notes.write_text("", encoding="utf-8")
    _build_alone(shortcut_site, tmp_path / "again", notes, "watch")  # the same bytes
    assert "charts" not in [n[0] for n in _notes(notes)]
    changed = _copy(shortcut_site, tmp_path / "changed")
    for csv in (changed / "data").glob("*.csv"):
        csv.write_text(csv.read_text(encoding="utf-8").replace("150000", "175000"), encoding="utf-8")
    notes.write_text("", encoding="utf-8")
    done = _run_alone(Built(shortcut_site.result, changed, tmp_path / "unused"),
                      tmp_path / "changed-site", notes, "watch")
    assert done.returncode == 0, done.stderr
    assert [n[0] for n in _notes(notes)].count("charts") == 1


def test_a_small_site_is_read_and_made_by_a_process_forked_early(shortcut_site: Built,
                                                                 tmp_path: Path) -> None:
    """Fewer stories than MIN_PAGES: one process, forked as the configuration is read, reads
    every story and makes every page's Markdown while MkDocs reads its own files; the charts
    are drawn by a process of their own, as before; the site is the same bytes."""
    main, notes = _build_alone(shortcut_site, tmp_path / "site", tmp_path / "notes", "early")
    reads = [n for n in notes if n[0] == "read"]
    assert len(reads) == 5 and len({pid for _, pid, _ in reads}) == 1
    early, parent = int(reads[0][1]), int(reads[0][2])
    assert early != main and parent == main
    assert [(what, int(pid)) for what, pid, _ in notes if what == "stories"] == [("stories", early)]
    charts_drawn = [int(pid) for what, pid, _ in notes if what == "charts"]
    assert len(charts_drawn) == 1 and charts_drawn[0] not in (main, early)


def test_showcase_build_reads_a_small_site_before_mkdocs_has_read_its_settings(
        shortcut_site: Built, tmp_path: Path) -> None:
    """`showcase build` forks the process that reads a small site as it starts, before
    MkDocs has imported itself and read mkdocs.yml (generator/mkdocs/early.py): its first
    story is read before the plugin has MkDocs' settings, and the site is the same bytes."""
    main, notes = _build_alone(shortcut_site, tmp_path / "site", tmp_path / "notes", "early")
    order = [what for what, pid, _ in notes if what in ("read", "settings")]
    assert order.index("read") < order.index("settings")
    assert {int(pid) for what, pid, _ in notes if what == "settings"} == {main}


def test_an_early_process_that_dies_is_redone_here(shortcut_site: Built, tmp_path: Path) -> None:
    main, notes = _build_alone(shortcut_site, tmp_path / "site", tmp_path / "notes",
                               "early-die")
    here = {what.split(":")[0] for what, pid, _ in notes if int(pid) == main}
    assert {"read", "stories", "charts", "pages"} <= here
    assert [what for what, pid, _ in notes if what == "read" and int(pid) == main] == ["read"] * 5


def test_settings_another_plugin_changes_after_the_early_fork_are_built_here(
        shortcut_site: Built, tmp_path: Path) -> None:
    """A hook (or plugin) whose on_config runs after this plugin's may change the site's
    address: the site made early with the old one is discarded and made again here."""
    built = _built_with_hooks(shortcut_site, tmp_path, "def on_config(config):\n"
                              "    config.site_url = 'https://changed.example/'\n"
                              "    return config\n")
    page = built.html("stories/story-1/")  # its social metadata and structured data
    assert page.count("https://changed.example/stories/story-1/") >= 3
    assert "showcase.test.example/stories" not in page


def test_a_hook_renaming_the_site_or_loading_fonts_is_followed_and_judged(
        shortcut_site: Built, tmp_path: Path) -> None:
    """The build reads the settings after every plugin's and hook's on_config: the feeds
    have the site's new name (round 18), and fonts a hook turns on are turned off again."""
    built = _built_with_hooks(shortcut_site, tmp_path, (
        "from mkdocs.plugins import event_priority\n"
        "def on_config(config):\n"
        "    config.site_name = 'Renamed Site'\n"
        "    config.theme['font'] = {'text': 'Roboto'}\n"
        "    return config\n"
        "@event_priority(-200)\n"  # after this plugin's last on_config
        "def on_pre_build(config):\n"
        "    config.extra_javascript.append('https://cdn.example/x.js')\n"
        "    config.repo_url = 'https://github.com/example/repo'\n"))
    outputs = built.every_byte()
    assert "<title>Renamed Site" in outputs["feeds/rss.xml"].decode("utf-8")
    assert not [name for name, data in outputs.items()
                if b"fonts.googleapis" in data or b"cdn.example" in data
                or b"github.com/example" in data]


def _built_with_hooks(built: Built, tmp_path: Path, hooks: str) -> Built:
    """A copy of `built`'s project with `hooks` as its mkdocs.yml's hooks.py, built."""
    project = _copy(built, tmp_path / "project")
    write(project, {"hooks.py": hooks})
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "hooks:\n  - hooks.py\n",
                      encoding="utf-8")
    again = build(project, tmp_path / "site")
    assert again.result.exit_code == 0, again.result.output
    return again


def _notes(path: Path) -> list[list[str]]:
    return [line.split() for line in path.read_text(encoding="utf-8").splitlines()]


def test_a_worker_that_dies_is_redone_here(shortcut_site: Built, tmp_path: Path) -> None:
    """A worker killed mid-build (out of memory, say) costs time, not the site: the charts
    are drawn, the story pages made and the pages rendered again by the main process."""
    main, notes = _build_alone(shortcut_site, tmp_path / "site", tmp_path / "notes", "die")
    parts = [(what.split(":")[0], int(pid)) for what, pid, _ in notes
             if not what.startswith("page:")]
    here = {what for what, pid in parts if pid == main}
    elsewhere = {what for what, pid in parts if pid != main}
    assert here == elsewhere == {"read", "charts", "stories", "pages"}


def _copy(built: Built, folder: Path) -> Path:
    """A copy of the project of `built`, without its site, to change."""
    shutil.copytree(built.project, folder, ignore=shutil.ignore_patterns("site"))
    return folder


def _differences(first: Built, second: Built) -> list[str]:
    one, two = first.every_byte(), second.every_byte()
    return sorted(name for name in one.keys() | two.keys() if one.get(name) != two.get(name))


def test_a_warning_in_the_worker_fails_the_strict_build(shortcut_site: Built,
                                                        tmp_path: Path) -> None:
    """MkDocs' warnings count wherever a page is rendered: `showcase build` is strict."""
    done = _run_alone(shortcut_site, tmp_path / "site", tmp_path / "notes", "warn")
    assert done.returncode == 1
    assert "WARNING: zqx: a warning while rendering" in done.stderr
    assert "the site was not built: 1 warning above" in done.stderr
    assert not (tmp_path / "site").exists()  # a failed build leaves no site


def test_with_another_plugin_every_page_is_rendered_here(shortcut_site: Built,
                                                         tmp_path: Path) -> None:
    """A plugin other than search and showcase must see every page's events: with one
    installed, no page is handed to the worker (its sharing files still are)."""
    project = _copy(shortcut_site, tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "plugins:\n  - search\n", "plugins:\n  - search\n  - tags\n"), encoding="utf-8")
    other = Built(shortcut_site.result, project, tmp_path / "with-tags")
    done = _run_alone(other, other.site, tmp_path / "notes", "watch")
    assert done.returncode == 0, done.stderr
    main = int(done.stdout.split()[0])
    rendered = [(what, int(pid)) for what, pid, _ in
                (line.split() for line in (tmp_path / "notes").read_text().splitlines())
                if what.startswith("pages:")]
    assert rendered == [("pages:0", rendered[0][1])] and rendered[0][1] != main
    assert (other.site / "tags/alpha/page/2/index.html").is_file()
    assert (other.site / "feeds/rss.xml").is_file()


class _Index:
    def __init__(self) -> None:
        self.entries: list[dict[str, str]] = []


class _Search:
    def __init__(self) -> None:
        self.search_index = _Index()


def _entry(page: str, section: str = "") -> dict[str, str]:
    return {"location": page + section, "title": page, "text": ""}


def test_search_entries_go_back_in_page_order() -> None:
    """The pages process's entries take their pages' places; a page built again at the end
    (its process failed) goes back where the page loop had it."""
    search, recorded = _Search(), PageEntries()
    recorded.begin(search)
    entries = search.search_index.entries
    for page in ("a/", "b/", "c/", "d/", "e/"):
        if page in ("a/", "c/", "e/"):  # b/ and d/ were handed over: here they add nothing
            entries += [_entry(page), _entry(page, "#more")]
        recorded.page_done(page)
    entries.append(_entry("d/"))  # d/ built here after all, after the loop
    recorded.page_done("d/")
    recorded.put_back({"b/": [_entry("b/")]})
    assert [e["location"] for e in entries] == ["a/", "a/#more", "b/", "c/", "c/#more", "d/",
                                                "e/", "e/#more"]


def test_search_entries_from_outside_a_page_are_not_reordered() -> None:
    search, recorded = _Search(), PageEntries()
    recorded.begin(search)
    entries = search.search_index.entries
    entries.append(_entry("a/"))
    recorded.page_done("a/")
    entries.append(_entry("extra/"))  # added by something outside the page loop
    recorded.put_back({"b/": [_entry("b/")]})
    assert [e["location"] for e in entries] == ["a/", "extra/", "b/"]


def test_pages_are_handed_over_unsearched_first_until_both_sides_are_even(
        tmp_path: Path) -> None:
    files = Files([File(f"p{n:03d}.md", str(tmp_path), str(tmp_path / "site"), True)
                   for n in range(400)])
    unsearched = {f"p{n:03d}.md" for n in range(0, 400, 2)}
    movable = {f"p{n:03d}.md" for n in range(300)}  # the last 100 are hand-written
    taken = [file.src_uri for file in worker.files_to_hand_over(files, movable, unsearched)]
    assert set(taken) <= movable and len(taken) == len(set(taken))
    cost = {src: worker.PAGE if src in unsearched else worker.SEARCHED
            for src in (file.src_uri for file in files)}
    here = sum(cost.values()) - sum(cost[src] - worker.SKELETON for src in taken)
    setup = min(worker.SETUP_MOST, worker.SETUP + worker.SETUP_PER_PAGE * 400)
    there = setup + sum(cost[src] for src in taken)
    assert abs(here - there) <= 2 * worker.SEARCHED  # even, to within a page or so
    first_searched = next(n for n, src in enumerate(taken) if src not in unsearched)
    assert all(src in unsearched for src in taken[:first_searched])
    assert all(src not in unsearched for src in taken[first_searched:])


def test_the_dashboard_waits_for_its_charts_only_when_filled(shortcut_site: Built) -> None:
    """The charts (drawn by a process of their own) are asked for when the dashboard's
    fragments are first used, not while the pages are made; once, and the Markdown is the
    same as without them."""
    asked: list[int] = []

    def draw(evaluations: Sequence[Evaluation]) -> charts.Charts:
        def drawn() -> list[charts.Svg | None]:
            asked.append(len(evaluations))
            return charts.draw_all(evaluations)
        return drawn

    now = datetime.fromisoformat(NOW)
    _, site = generate(project.discover(shortcut_site.project), now, SiteOptions(), draw)
    assert asked == [] and site.later == {"dashboard/index.md"}
    fragments = site.fragments["dashboard/index.md"]
    html = fill("".join(f"<p>{token}</p>" for token in fragments), fragments)
    assert asked == [2] and html.count("<svg") >= 1 and "SHOWCASEFRAGMENT" not in html
    assert dict(fragments) == dict(site.fragments["dashboard/index.md"]) and asked == [2]
    built = shortcut_site.html("dashboard")
    assert all(svg in built for svg in re.findall(r"<svg.*?</svg>", html, re.S))


def test_the_dashboard_is_rendered_last_and_searched_with_its_charts(shortcut_site: Built) -> None:
    """The dashboard waits for its charts as the last page rendered, not as MkDocs reads the
    pages; the search index still reads it whole (its charts' data tables), and no page
    anywhere keeps a fragment's token."""
    assert not [name for name, data in shortcut_site.every_byte().items()
                if b"SHOWCASEFRAGMENT" in data]
    index = json.loads((shortcut_site.site / "search/search_index.json").read_text("utf-8"))
    locations = [entry["location"] for entry in index["docs"]]
    dashboard = [n for n, location in enumerate(locations) if location.startswith("dashboard/")]
    assert dashboard and dashboard[-1] == len(locations) - 1
    assert dashboard == list(range(dashboard[0], len(locations)))
    assert any("figures by period" in index["docs"][n]["text"] for n in dashboard)


def test_a_build_leaves_nothing_frozen(shortcut_site: Built, tmp_path: Path) -> None:
    """A build keeps its long-lived objects from the cycle collector while it runs and gives
    them back at the end, failed or not (tests and `serve` run many builds in one process)."""
    assert gc.get_freeze_count() == 0
    assert build(shortcut_site.project, tmp_path / "again").result.exit_code == 0
    assert gc.get_freeze_count() == 0
    broken = _copy(shortcut_site, tmp_path / "broken")
    write(broken, {"content/about.md": "# About\n\n[Gone](nowhere.md)\n"})
    assert build(broken, tmp_path / "broken-site").result.exit_code != 0
    assert gc.get_freeze_count() == 0
