"""`showcase serve`: a saved story reaches the browser, with file events or with polling; a
failed rebuild is reported once and the last good site stays served; pages a rebuild no
longer makes leave the preview."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator.mkdocs import livewatch
from tests.conftest import NOW, ProjectFactory, story
from tests.site.conftest import site_project

LIVERELOAD = re.compile(r"livereload\((\d+), (\d+)\)")
SHOWCASE = Path(sys.executable).parent / "showcase"
FIXED = "showcase: fixed: the preview shows your changes again"
"""What `showcase serve` says once a save fixes what a failed build stopped on."""


def _get(url: str, timeout: float = 60) -> str:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve_environment(**extra: str) -> dict[str, str]:
    """The environment of a `showcase serve` under test: file events (no polling), no
    front-matter cache, no MkDocs 2 notice; and `extra`."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SHOWCASE_CACHE_DIR": "off",
            livewatch.POLL_ENVIRONMENT: "", **extra}


def await_preview(server: subprocess.Popen[str], url: str) -> None:
    """Wait until `server` serves `url`, then for MkDocs' watcher to take its first look."""
    deadline = time.monotonic() + 120
    while not _get(url, 5):
        assert time.monotonic() < deadline and server.poll() is None, "no preview served"
        time.sleep(0.2)
    time.sleep(1.5)


@contextmanager
def _serving(root: Path, log: Path) -> Iterator[str]:
    """`showcase serve` of `root` with file events, its stderr in `log`: the site's address,
    once its first page is served and MkDocs' watcher has taken its first look."""
    port = _port()
    with log.open("w", encoding="utf-8") as errors:
        server = subprocess.Popen(
            [str(SHOWCASE), "serve", "-p", str(root), "-a", f"127.0.0.1:{port}", "--now", NOW],
            stdout=subprocess.DEVNULL, stderr=errors, text=True, env=serve_environment())
        try:
            site = f"http://127.0.0.1:{port}/"
            await_preview(server, site)
            yield site
        finally:
            server.terminate()
            server.wait(30)


def _epoch(html: str) -> str:
    """The site version a served page shows (its live-reload script's)."""
    found = LIVERELOAD.search(html)
    assert found is not None
    return found.group(1)


def _rebuilt(site: str, html: str) -> None:
    """Wait, as the browser's live-reload script does, for a newer site than `html`'s."""
    found = LIVERELOAD.search(html)
    assert found is not None
    _get(f"{site}livereload/{found.group(1)}/{found.group(2)}")


@pytest.mark.parametrize("poll", [False, True], ids=["file events", "polling"])
def test_a_saved_story_reaches_the_browser(make_project: ProjectFactory, poll: bool) -> None:
    root = make_project({**site_project(), "stories/edited.md": story(title="First title")})
    port = _port()
    server = subprocess.Popen(
        [str(SHOWCASE), "serve", "-p", str(root), "-a", f"127.0.0.1:{port}", "--now", NOW,
         *(["--poll"] if poll else [])],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        page = f"http://127.0.0.1:{port}/stories/edited/"
        deadline = time.monotonic() + 120
        while "First title" not in (html := _get(page, 5)):
            assert time.monotonic() < deadline and server.poll() is None, "no preview served"
            time.sleep(0.2)
        time.sleep(1.5)  # MkDocs' own watcher takes its first look at the folders
        (root / "stories/edited.md").write_text(story(title="Second title"), encoding="utf-8")
        epoch = LIVERELOAD.search(html)
        assert epoch is not None
        # what the browser's live-reload script does: wait for a new site, then reload
        _get(f"http://127.0.0.1:{port}/livereload/{epoch.group(1)}/{epoch.group(2)}")
        assert "Second title" in _get(page)
    finally:
        server.terminate()
        server.wait(30)


def test_the_story_folders_are_watched_with_file_events(make_project: ProjectFactory,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """On Linux the folders an author edits leave MkDocs' half-second polling for inotify."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer

    monkeypatch.delenv(livewatch.POLL_ENVIRONMENT, raising=False)
    monkeypatch.setenv("SHOWCASE_NOW", NOW)
    root = make_project({**site_project(), "stories/a.md": story()})
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    config.plugins.on_startup(command="serve", dirty=True)
    try:
        build(config, dirty=True)
        server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=_port(),
                                  root=str(root / "site"))
        server.watch(config.docs_dir)
        config.plugins.on_serve(server, config=config, builder=lambda: None)
        events = config.plugins["showcase"].events  # type: ignore[attr-defined]
        assert events is not None and events.is_alive()
        assert type(events).__name__ == "InotifyObserver"
    finally:
        config.plugins.on_shutdown()


def test_a_broken_story_is_reported_once_and_the_last_good_site_stays_served(
        make_project: ProjectFactory, tmp_path: Path) -> None:
    """Every build reads every story: a read reported as a file event rebuilt without end
    (four times a second while a story was broken), and after a failed rebuild MkDocs
    left every request waiting for a good one."""
    root = make_project({**site_project(), "stories/good.md": story(title="Good title")})
    log = tmp_path / "serve.log"
    with _serving(root, log) as site:
        page = f"{site}stories/good/"
        (root / "stories/good.md").write_text(story(title="Good title, saved"),
                                              encoding="utf-8")
        _rebuilt(site, _get(page))
        html = _get(page)
        time.sleep(1.5)
        assert _epoch(_get(page)) == _epoch(html), "rebuilt with no file changed"
        (root / "stories/broken.md").write_text("---\ntitle: [unclosed\n---\n",
                                                encoding="utf-8")
        time.sleep(3)
        reported = log.read_text(encoding="utf-8")
        assert reported.count("ERROR: the site was not built: 1 error") == 1
        assert reported.count("stories/broken.md:2: not valid YAML") == 1
        started = time.monotonic()
        served = _get(page, 10)
        assert "Good title" in served and time.monotonic() - started < 5
        assert _epoch(served) == _epoch(html)  # no new site: browsers are not reloaded
        assert reported.count("the preview still shows the last good build") == 1
        (root / "stories/broken.md").write_text(story(title="Fixed title", date="2026-03-15"),
                                                encoding="utf-8")
        _rebuilt(site, served)
        assert "Fixed title" in _get(f"{site}stories/broken/")
        time.sleep(1)
        assert log.read_text(encoding="utf-8").count("ERROR") == 2  # the report only


def test_pages_no_build_makes_any_more_leave_the_preview(make_project: ProjectFactory,
                                                         tmp_path: Path) -> None:
    """A story set back to draft: its page, the listings it alone filled and the later
    pages it made are gone, as from a full build (contract §7: a draft is never shown)."""
    drafted = story(title="Drafted story", date="2026-03-15", service="Mapping",
                    tags="[gis, parks]")
    root = make_project({**site_project(per_page=1), "stories/drafted.md": drafted,
                         "stories/kept.md": story(title="Kept story", tags="[gis]")})
    gone = ["stories/drafted/", "tags/parks/", "tags/gis/page/2/", "services/mapping/"]
    kept = ["stories/kept/", "tags/gis/", "services/digital-services/", "stories/"]
    with _serving(root, tmp_path / "serve.log") as site:
        assert {path: _status(site + path) for path in gone + kept} == dict.fromkeys(
            gone + kept, 200)
        html = _get(f"{site}tags/gis/")
        assert "Drafted story" in html
        (root / "stories/drafted.md").write_text(drafted.replace("status: published",
                                                                 "status: draft"),
                                                 encoding="utf-8")
        _rebuilt(site, html)
        assert {path: _status(site + path) for path in gone + kept} == {
            **dict.fromkeys(gone, 404), **dict.fromkeys(kept, 200)}
        listing = _get(f"{site}tags/gis/")
        assert "Kept story" in listing and "Drafted story" not in listing


def test_a_project_broken_at_the_start_is_served_once_fixed(make_project: ProjectFactory,
                                                            tmp_path: Path) -> None:
    """`showcase serve` of a project whose first build fails says so, waits, and serves the
    site once a save fixes it (it used to stop)."""
    root = make_project({**site_project(), "stories/broken.md": "---\ntitle: [unclosed\n---\n"})
    port, log = _port(), tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as errors:
        server = subprocess.Popen(
            [str(SHOWCASE), "serve", "-p", str(root), "-a", f"127.0.0.1:{port}", "--now", NOW],
            stdout=subprocess.DEVNULL, stderr=errors, text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SHOWCASE_CACHE_DIR": "off"})
        try:
            deadline = time.monotonic() + 60
            while "waiting for a file to be saved" not in log.read_text(encoding="utf-8"):
                assert time.monotonic() < deadline and server.poll() is None, log.read_text()
                time.sleep(0.2)
            assert "stories/broken.md:2" in log.read_text(encoding="utf-8")
            (root / "stories/broken.md").write_text(story(title="Mended"), encoding="utf-8")
            page = f"http://127.0.0.1:{port}/stories/broken/"
            assert FIXED not in log.read_text(encoding="utf-8")
            while "Mended" not in _get(page, 5):
                assert time.monotonic() < deadline and server.poll() is None, log.read_text()
                time.sleep(0.2)
            # once served, the terminal says so: the error stayed its last line (round 23)
            while FIXED not in log.read_text(encoding="utf-8").splitlines():
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.2)
            lines = log.read_text(encoding="utf-8").splitlines()
            assert lines[-1] == FIXED and lines.count(FIXED) == 1
        finally:
            server.terminate()
            server.wait(30)


def test_an_address_in_use_is_a_usage_error(make_project: ProjectFactory) -> None:
    root = make_project(site_project())
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        address = f"127.0.0.1:{taken.getsockname()[1]}"
        done = subprocess.run([str(SHOWCASE), "serve", "-p", str(root), "-a", address,
                               "--now", NOW], capture_output=True, text=True, timeout=120,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=False)
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        f"showcase: {address} is in use (another preview?): stop it, or give another address, "
        "e.g. -a 127.0.0.1:8001")
