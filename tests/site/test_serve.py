"""`showcase serve`: a saved story reaches the browser, with file events or with polling."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from generator.mkdocs import livewatch
from tests.conftest import NOW, ProjectFactory, story
from tests.site.conftest import site_project

LIVERELOAD = re.compile(r"livereload\((\d+), (\d+)\)")
SHOWCASE = Path(sys.executable).parent / "showcase"


def _get(url: str, timeout: float = 60) -> str:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


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
