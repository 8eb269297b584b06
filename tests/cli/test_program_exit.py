"""`showcase` run as a program ends as soon as its exit handlers have run, without Python
freeing its memory object by object (generator/cli/__init__.py `_leave`): the exit code, the
output and the exit handlers are as a normal exit's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ProjectFactory, story
from tests.site.conftest import site_project, write

PROGRAM = str(Path(sys.executable).parent / "showcase")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), capture_output=True, text=True, check=False, timeout=120)


def test_a_check_with_errors_exits_1_with_every_line_printed(make_project: ProjectFactory) -> None:
    stories = {f"stories/s{n}.md": story(title=f"Story {n}", date="2026-13-01") for n in range(40)}
    root = make_project(stories)
    done = _run(PROGRAM, "check", "-p", str(root))
    assert done.returncode == 1
    lines = [line for line in done.stdout.splitlines() + done.stderr.splitlines()
             if line.startswith("stories/s") and "date" in line]
    assert len(lines) == 40  # piped output is flushed in full before the process ends


def test_a_build_exits_0_and_says_so(tmp_path: Path) -> None:
    root = write(tmp_path / "project", site_project())
    done = _run(PROGRAM, "build", "-p", str(root), "--site-dir", str(tmp_path / "site"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site/index.html").is_file()
    assert "built" in (done.stdout + done.stderr).lower()


def test_exit_handlers_run_and_a_message_exits_1(tmp_path: Path) -> None:
    marker = tmp_path / "handled"
    script = ("import atexit, pathlib, sys\n"
              f"atexit.register(lambda: pathlib.Path({str(marker)!r}).write_text('yes'))\n"
              "sys.argv = ['showcase', '--version']\n"
              "from generator.cli import main\n"
              "main()\n")
    done = _run(sys.executable, "-c", script)
    assert done.returncode == 0 and "showcase, version" in done.stdout
    assert marker.read_text() == "yes"
    said = _run(sys.executable, "-c", "from generator.cli import _leave\n_leave('no stories')\n")
    assert said.returncode == 1 and said.stderr.strip() == "no stories"
    usage = _run(PROGRAM, "no-such-command")
    assert usage.returncode == 2 and "No such command" in usage.stderr
