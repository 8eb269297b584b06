"""`showcase serve` (round 27): a mkdocs.yml saved unreadable is named in one line, as check
names it (preview27 P1); the preview is rebuilt by itself when an embargo passes (P3); a bad
-a is a usage error before anything starts (cli27 C3); Ctrl+C says "Aborted!" and exits 130
as every command does, SIGHUP stops it cleanly, and a build stopped by SIGHUP leaves no
folder of its own beside the site (C4)."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from generator.catalogue import collect
from generator.cli import main
from generator.mkdocs.livewatch import next_embargo
from generator.project import discover
from generator.story import Story
from tests.cli.test_round23_serve_fixed import STILL, _said
from tests.conftest import NOW, ProjectFactory, story
from tests.site.conftest import site_project
from tests.site.test_serve import (
    FIXED,
    _get,
    _port,
    _rebuilt,
    _status,
    await_preview,
    serve_environment,
)

SHOWCASE = Path(sys.executable).parent / "showcase"
UNREADABLE = ("mkdocs.yml:5: not valid YAML: while parsing a flow sequence, expected ',' or "
              "']', but got ':'")
USAGE = "Usage: showcase serve [OPTIONS]\nTry 'showcase serve --help' for help.\n\n"


@contextmanager
def _serving(root: Path, log: Path, temp: Path, *now: str) -> Iterator[
        tuple[subprocess.Popen[str], str]]:
    """`showcase serve` of `root` (the clock `now`, none: the real one), its stderr in `log`
    and its temporary files in `temp`: the process and the site's address, once its first
    page is served and MkDocs' watcher has taken its first look; stopped at the end."""
    port = _port()
    environment = serve_environment(TMPDIR=str(temp))
    environment.pop("SHOWCASE_NOW", None)
    with log.open("w", encoding="utf-8") as errors:
        server = subprocess.Popen(
            [str(SHOWCASE), "serve", "-p", str(root), "-a", f"127.0.0.1:{port}", *now],
            stdout=subprocess.DEVNULL, stderr=errors, text=True, env=environment)
        try:
            site = f"http://127.0.0.1:{port}/"
            await_preview(server, site)
            yield server, site
        finally:
            if server.poll() is None:
                server.kill()
            server.wait(30)


def _temp(tmp_path: Path) -> Path:
    temp = tmp_path / "tmp"
    temp.mkdir()
    return temp


def test_a_mkdocs_yml_saved_unreadable_is_one_line_and_ctrl_c_says_aborted(
        make_project: ProjectFactory, tmp_path: Path) -> None:
    root = make_project({**site_project(), "stories/a.md": story(title="A title")})
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert config.splitlines()[4] == "  name: material"
    log, temp = tmp_path / "serve.log", _temp(tmp_path)
    with _serving(root, log, temp, "--now", NOW) as (server, site):
        before = log.read_text(encoding="utf-8").splitlines()
        (root / "mkdocs.yml").write_text(config.replace("name: material", "name: [material"),
                                         encoding="utf-8")
        lines = _said(log, STILL)[len(before):]
        assert lines == [UNREADABLE, STILL]  # not MkDocs' two chained tracebacks
        assert "A title" in _get(site + "stories/a/")  # the last good build, still served

        (root / "mkdocs.yml").write_text(config, encoding="utf-8")
        assert _said(log, FIXED)[len(before):] == [UNREADABLE, STILL, FIXED]

        server.send_signal(signal.SIGINT)  # Ctrl+C
        assert server.wait(30) == 130
    lines = log.read_text(encoding="utf-8").splitlines()
    assert lines[-3:] == [FIXED, "", "Aborted!"]
    assert list(temp.iterdir()) == []  # MkDocs' temporary site removed


def test_sighup_stops_the_preview_cleanly(make_project: ProjectFactory, tmp_path: Path) -> None:
    """A closed terminal: the preview stops as on SIGTERM (exit 0, nothing said) and its
    temporary site is removed; Python's default left the mkdocs_* folder behind."""
    root = make_project({**site_project(), "stories/a.md": story()})
    log, temp = tmp_path / "serve.log", _temp(tmp_path)
    with _serving(root, log, temp, "--now", NOW) as (server, _):
        assert [path.name[:7] for path in temp.iterdir()] == ["mkdocs_"]
        before = log.read_text(encoding="utf-8")
        server.send_signal(signal.SIGHUP)
        assert server.wait(30) == 0
    assert log.read_text(encoding="utf-8") == before
    assert list(temp.iterdir()) == []


def test_the_preview_shows_a_story_when_its_embargo_passes(make_project: ProjectFactory,
                                                           tmp_path: Path) -> None:
    root = make_project({**site_project(), "stories/a.md": story(title="First story")})
    log, temp = tmp_path / "serve.log", _temp(tmp_path)
    with _serving(root, log, temp) as (_, site):
        page, home = site + "stories/later/", _get(site)
        embargo = (datetime.now(UTC) + timedelta(seconds=6)).replace(microsecond=0)
        (root / "stories/later.md").write_text(
            story(title="Later story", slug="later", embargo=embargo.isoformat()),
            encoding="utf-8")
        _rebuilt(site, home)  # the save's rebuild, done before the embargo passes
        assert datetime.now(UTC) < embargo
        assert _status(page) == 404
        deadline = time.monotonic() + 30
        while _status(page) != 200:
            assert time.monotonic() < deadline, "the story never reached the preview"
            time.sleep(0.2)
        assert datetime.now(UTC) >= embargo
        assert "Later story" in _get(page)
    assert "showcase: embargo of stories/later.md passed: rebuilding" in log.read_text(
        encoding="utf-8").splitlines()


def _stories(make_project: ProjectFactory, files: dict[str, str | bytes]) -> list[Story]:
    catalogue = collect(discover(make_project({**site_project(), **files})), datetime.now(UTC))
    assert sorted(story.path for story in catalogue.stories) == sorted(files)
    return catalogue.stories


def test_the_next_embargo_is_the_first_of_a_published_story_after_the_clock(
        make_project: ProjectFactory) -> None:
    now = datetime(2026, 11, 26, 12, tzinfo=UTC)
    found = _stories(make_project, {
        "stories/past.md": story(slug="past", embargo="2026-11-26T11:00:00+00:00"),
        "stories/draft.md": story(slug="draft", status="draft",
                                  embargo="2026-11-26T12:30:00+00:00"),
        "stories/b.md": story(slug="b", embargo="2026-11-26T13:00:00+00:00"),
        "stories/a.md": story(slug="a", embargo="2026-11-26T14:00:00+01:00"),
        "stories/c.md": story(slug="c", embargo="2026-11-27T09:00:00+00:00"),
        "stories/d.md": story(slug="d"),
    })
    assert next_embargo(found, now) == (datetime(2026, 11, 26, 13, tzinfo=UTC),
                                        "stories/a.md, stories/b.md")
    assert next_embargo(found, datetime(2026, 11, 27, 9, tzinfo=UTC)) is None


@pytest.mark.parametrize(("address", "said"), [
    ("8001", 'expected IP:PORT, got "8001": for port 8001 on this computer, write '
             "-a 127.0.0.1:8001"),
    ("notanaddr", 'expected IP:PORT like -a 127.0.0.1:8000, got "notanaddr"'),
    ("999.1.1.1:8000", '"999.1.1.1" is not an IP address: write IP:PORT like -a 127.0.0.1:8000'),
    ("127.0.0.1:99999", '"99999" is not a port (1 to 65535): write IP:PORT like '
                        "-a 127.0.0.1:8000"),
    ("127.0.0.1:", '"" is not a port (1 to 65535): write IP:PORT like -a 127.0.0.1:8000'),
])
def test_a_bad_address_is_a_usage_error_before_anything_starts(
        tmp_path: Path, address: str, said: str, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "no-project"  # -a is refused before the project is even looked at
    with pytest.raises(SystemExit) as stopped:
        main(["serve", "-p", str(missing), "-a", address])
    assert stopped.value.code == 2
    assert capsys.readouterr().err == (f"{USAGE}Error: Invalid value for '-a' / '--dev-addr': "
                                       f"{said}\n")
