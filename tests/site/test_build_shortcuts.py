"""The build's shortcuts change no byte of the site.

Two speed-ups sit between the plugin and MkDocs: Material's navigation and config script are
rendered once per place in the site (generator/mkdocs/navcache.py), and the charts, feeds and
open data are made by a forked worker process (generator/mkdocs/worker.py). Each is checked
here against a build without it, every output file compared byte for byte.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from generator.mkdocs import navcache, worker
from generator.site import charts
from generator.site.criteria import Evaluation
from tests.conftest import NOW, story
from tests.site.conftest import EPOCH, Built, build, site_project, write

TAGS = ["alpha", "beta", "gamma"]


def _project(root: Path) -> Path:
    """Enough stories for listing pages two and three deep (per_page 1), and a hand-written
    page in a folder of its own (a page in the nav at another depth)."""
    files: dict[str, str | bytes] = dict(site_project(per_page=1))
    files["mkdocs.yml"] = str(files["mkdocs.yml"]) + "  - Guides:\n    - guides/writing.md\n"
    files["content/guides/writing.md"] = "# Writing a story\n\nHow to write one.\n"
    for n in range(5):
        files[f"stories/story-{n}.md"] = story(
            title=f"Story {n}", date=f"202{n}-03-14", tags=f"[{TAGS[n % 3]}, {TAGS[(n + 1) % 3]}]",
            metrics=f"[{{label: Saving, value: {n + 1}000, unit: GBP, baseline: 0}}]")
    return write(root, files)


@pytest.fixture(scope="module")
def shortcut_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = _project(tmp_path_factory.mktemp("shortcuts"))
    built = build(root, root / "site")
    assert built.result.exit_code == 0, built.result.output
    return built


def test_navigation_cache_changes_no_byte(shortcut_site: Built, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(navcache, "ENABLED", False)
    plain = build(shortcut_site.project, tmp_path / "plain")
    assert plain.result.exit_code == 0, plain.result.output
    assert _differences(shortcut_site, plain) == []
    # and the cache did serve pages: the other build rendered fewer navigations than pages
    hits: list[str] = []
    found = navcache.NavCache.get

    def spy(self: navcache.NavCache, part: str, key: tuple[str, ...] | None) -> str | None:
        html = found(self, part, key)
        if html is not None:
            hits.append(part)
        return html

    monkeypatch.setattr(navcache, "ENABLED", True)
    monkeypatch.setattr(navcache.NavCache, "get", spy)
    assert build(shortcut_site.project, tmp_path / "spied").result.exit_code == 0
    assert hits.count("nav") > 10 and hits.count("config") > 10
    # the fixture has what the cache must tell apart: pages outside the nav at several depths
    pages = {path for path in shortcut_site.every_byte() if path.endswith(".html")}
    assert {"stories/story-1/index.html", "tags/alpha/page/2/index.html",
            "guides/writing/index.html"} <= pages


def test_worker_changes_no_byte(shortcut_site: Built, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker, "ENABLED", False)
    inline = build(shortcut_site.project, tmp_path / "inline")
    assert inline.result.exit_code == 0, inline.result.output
    assert _differences(shortcut_site, inline) == []
    assert {"feeds/rss.xml", "data/stories.json", "awards.ics"} <= set(inline.every_byte())


PARENT = os.getpid()
DRAWN_HERE: list[int] = []
DRAW_ALL = charts.draw_all


def dies_in_the_worker(evaluations: Sequence[Evaluation]) -> list[charts.Svg | None]:
    """charts.draw_all, except that a worker process running it dies at once."""
    if os.getpid() != PARENT:
        os._exit(9)
    DRAWN_HERE.append(len(evaluations))
    return DRAW_ALL(evaluations)


_WHERE = """
import os, sys
from generator.site import charts
from generator.cli import main
draw_all, where = charts.draw_all, sys.argv[1]
def drawn_where(evaluations):
    with open(where, "a", encoding="utf-8") as pids:
        pids.write(f"{os.getpid()} {os.getppid()}\\n")
    return draw_all(evaluations)
charts.draw_all = drawn_where
print(os.getpid())
sys.argv = ["showcase", "build", "-p", sys.argv[2], "--site-dir", sys.argv[3], "--now", sys.argv[4]]
main()
"""


def test_charts_are_drawn_by_another_process(shortcut_site: Built, tmp_path: Path) -> None:
    """`showcase build` (its own process, one thread) draws the charts in a forked worker:
    the other tests here compare the two paths, so both must be taken."""
    pids = tmp_path / "pids"
    done = subprocess.run(
        [sys.executable, "-c", _WHERE, str(pids), str(shortcut_site.project),
         str(tmp_path / "site"), NOW], capture_output=True, text=True, check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
    assert done.returncode == 0, done.stderr
    main = int(done.stdout.split()[0])
    drawn = [tuple(map(int, line.split())) for line in pids.read_text().splitlines()]
    assert len(drawn) == 1 and drawn[0][0] != main and drawn[0][1] == main
    assert _differences(shortcut_site, Built(shortcut_site.result, shortcut_site.project,
                                             tmp_path / "site")) == []


def test_a_worker_that_dies_is_redone_here(shortcut_site: Built, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker killed mid-build (out of memory, say) costs time, not the site."""
    monkeypatch.setattr(charts, "draw_all", dies_in_the_worker)
    DRAWN_HERE.clear()
    again = build(shortcut_site.project, tmp_path / "again")
    assert again.result.exit_code == 0, again.result.output
    assert DRAWN_HERE, "the charts were not redrawn in this process"
    assert _differences(shortcut_site, again) == []


def _differences(first: Built, second: Built) -> list[str]:
    one, two = first.every_byte(), second.every_byte()
    return sorted(name for name in one.keys() | two.keys() if one.get(name) != two.get(name))
