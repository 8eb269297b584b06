"""`showcase check` on a large project reads part of its stories in a forked process (a
second core): the same problems, in the same order, as when it reads them all itself."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import NOW, ProjectFactory, story

_CHECK = """\
import os, sys
from generator import forked
forked.ENABLED = sys.argv[2] == "forked"
forked.MIN_STORIES = 1  # as a large project's (several hundred stories)
fork = forked.Child.fork
def noted(*args):
    child = fork(*args)
    print("forked" if child is not None else "not forked", file=sys.stderr)
    return child
forked.Child.fork = noted
from generator.cli import main
sys.argv = ["showcase", "check", "-p", sys.argv[1], "--now", sys.argv[3]]
main()
"""


def _check(root: Path, mode: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", _CHECK, str(root), mode, NOW],
                          capture_output=True, text=True, check=False,
                          env={**os.environ, "SHOWCASE_CACHE_DIR": "off"})


def test_a_large_project_is_read_in_two_processes_with_the_same_result(
        make_project: ProjectFactory) -> None:
    files: dict[str, str | bytes] = {
        f"stories/2026-03-{1 + n % 28:02d}-s{n:03d}.md": story(
            title=f"Story {n}", slug=f"s{n:03d}",
            # some problems in either part: an unknown outcome, a body link to no story
            outcomes="[earn-revenue]" if n % 37 else "[no-such-outcome]",
            body="## Impact\n\nSee [it](2026-01-01-gone.md).\n" if n % 41 == 0 else
                 "## Impact\n\nAn impact.\n")
        for n in range(90)}
    root = make_project(files)
    one, two = _check(root, "here"), _check(root, "forked")
    assert one.returncode == two.returncode == 1
    assert "forked" not in one.stderr.split() and two.stderr.split("\n").count("forked") == 1
    assert two.stdout == one.stdout
    lines = one.stdout.splitlines()
    assert sum("no-such-outcome" in line for line in lines) == 3
    assert sum("gone.md" in line for line in lines) == 3
