"""`showcase serve`: stopped with SIGTERM it cleans up as with Ctrl+C (no mkdocs_* folder
left behind); a saved evidence file reaches the preview as a saved story does."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import NOW, ProjectFactory, story
from tests.site.conftest import site_project
from tests.site.test_serve import _get, _port, await_preview, serve_environment

SHOWCASE = Path(sys.executable).parent / "showcase"
EVIDENCE = "{id: calls, path: calls.csv, title: Call volumes, public: true}"


@contextmanager
def _serving(root: Path, temp: Path, page: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """`showcase serve` of `root`, its temporary files in `temp`: the process and the site's
    address, once `page` is served and MkDocs' watcher has taken its first look."""
    port = _port()
    server = subprocess.Popen(
        [str(SHOWCASE), "serve", "-p", str(root), "-a", f"127.0.0.1:{port}", "--now", NOW],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        env=serve_environment(TMPDIR=str(temp)))
    try:
        site = f"http://127.0.0.1:{port}/"
        await_preview(server, site + page)
        yield server, site
    finally:
        if server.poll() is None:
            server.kill()
        server.communicate(timeout=30)


def _project(make_project: ProjectFactory) -> Path:
    return make_project({**site_project(), "evidence/calls.csv": "month,calls\n2026-01,10\n",
                         "stories/a.md": story(slug="a-story", evidence=f"[{EVIDENCE}]")})


def test_sigterm_stops_the_preview_and_removes_its_temporary_site(
        make_project: ProjectFactory, tmp_path: Path) -> None:
    root, temp = _project(make_project), tmp_path / "tmp"
    temp.mkdir()
    with _serving(root, temp, "stories/a-story/") as (server, _):
        assert [p.name[:7] for p in temp.iterdir()] == ["mkdocs_"]
        server.send_signal(signal.SIGTERM)
        assert server.wait(30) == 0
    assert list(temp.iterdir()) == []


def test_a_saved_evidence_file_reaches_the_preview(make_project: ProjectFactory,
                                                   tmp_path: Path) -> None:
    root = _project(make_project)
    with _serving(root, tmp_path, "stories/a-story/") as (_, site):
        page = _get(site + "stories/a-story/")
        found = [line for line in page.split('"') if line.endswith("calls.csv")]
        assert found, page
        address = urllib.request.urljoin(site + "stories/a-story/", found[0])
        assert _get(address) == "month,calls\n2026-01,10\n"
        (root / "evidence/calls.csv").write_text("month,calls\n2026-01,99\n", encoding="utf-8")
        deadline = time.monotonic() + 30
        while _get(address) != "month,calls\n2026-01,99\n":
            assert time.monotonic() < deadline, "the saved evidence never reached the preview"
            time.sleep(0.2)


def test_the_preview_says_where_it_is_and_each_new_warning_once(make_project: ProjectFactory,
                                                                tmp_path: Path) -> None:
    """A comms officer sees the preview's address, and check's warnings (a note never closed
    hides the rest of a story): each once, not again on every rebuild."""
    root = make_project({**site_project(), "stories/a.md": story(
        slug="a-story", body="## Challenge\n\nShown. <!-- zqnote never closed\n\n## Impact\n\nHidden.\n")})
    with _serving(root, tmp_path, "stories/a-story/") as (server, site):
        (root / "stories/b.md").write_text(story(slug="b-story", title="Another", body="Text <!-- zqsecond\n"),
                                           encoding="utf-8")
        deadline = time.monotonic() + 60
        while not _get(site + "stories/b-story/", 5):
            assert time.monotonic() < deadline, "the new story never reached the preview"
            time.sleep(0.2)
        server.send_signal(signal.SIGTERM)
        assert server.wait(30) == 0
        said = server.communicate(timeout=30)[1]
    port = site.split(":")[2].rstrip("/")
    assert said.startswith(f"showcase: building the preview of {root}, then showing it at "
                           f"http://127.0.0.1:{port}/")
    notes = [line for line in said.splitlines() if "is never closed" in line]
    assert [line.split(":")[0] for line in notes] == ["stories/a.md", "stories/b.md"], said
