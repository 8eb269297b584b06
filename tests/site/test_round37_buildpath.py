"""Round 37 (buildpath): a stop that came while the build forked was lost, a picture removed
while the site was built was an internal error, and a plugin turned off was "not listed"."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_cli

NOW = "2026-06-01T12:00:00+00:00"

STOP_AT_A_FORK = """
import os, signal, sys
wanted, forks = int(sys.argv.pop(1)), []
def stop():
    forks.append(1)
    if len(forks) == wanted:  # while Python runs its after-fork hooks (logging's among them)
        os.kill(os.getpid(), signal.SIGTERM)
os.register_at_fork(after_in_parent=stop)
from generator.cli import main
main()
"""

REMOVED_WHILE_BUILT = """
import sys
from pathlib import Path
from generator.mkdocs.plugin import ShowcasePlugin
made = ShowcasePlugin._made
def and_removed(self, *args):
    found = made(self, *args)  # the stories are read: their lead image goes now
    (Path(sys.argv[1]) / "stories/media/ai-webchat.png").unlink()
    return found
ShowcasePlugin._made = and_removed
from generator.cli import main
main(["build", "-p", sys.argv[1], "--site-dir", sys.argv[2], "--now", sys.argv[3]])
"""


def _run(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True,
                          check=False, timeout=120,
                          env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600"})


@pytest.mark.parametrize("fork", [2, 3])
def test_a_stop_that_comes_while_the_build_forks_stops_it(example_project: Path, tmp_path: Path,
                                                          fork: int) -> None:
    """The second and third forks are the charts' and the early site's processes, forked
    after the build's stop handler is set: the stop is held back until the fork is done."""
    site = tmp_path / "site"
    site.mkdir()
    last = {"index.html": "the last site", "sitemap.xml": "<urlset/>"}
    for name, text in last.items():
        (site / name).write_text(text, encoding="utf-8")
    done = _run(STOP_AT_A_FORK, str(fork), "build", "-p", str(example_project), "--site-dir",
                str(site), "--now", NOW)
    assert done.returncode == 143, done.stderr
    assert "site built" not in done.stdout + done.stderr
    assert "Exception ignored" not in done.stderr
    assert {path.name: path.read_text(encoding="utf-8") for path in site.iterdir()} == last
    assert not list(tmp_path.glob(".site.*"))


def test_a_picture_removed_while_the_site_is_built_is_named(example_project: Path,
                                                           tmp_path: Path) -> None:
    done = _run(REMOVED_WHILE_BUILT, str(example_project), str(tmp_path / "site"), NOW)
    assert done.returncode == 1, done.stderr
    assert ("stories/media/ai-webchat.png: cannot be read (No such file or directory): if it "
            "was moved or removed while the site was built, build again") in done.stderr
    assert "internal error" not in done.stderr
    assert not (tmp_path / "site").exists()


def test_a_plugin_turned_off_is_said_so(example_project: Path, tmp_path: Path) -> None:
    config = example_project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count("  - showcase:\n") == 1
    config.write_text(text.replace("  - showcase:\n", "  - showcase:\n      enabled: false\n"),
                      encoding="utf-8")
    result = run_cli("build", "-p", str(example_project), "--site-dir", str(tmp_path / "site"),
                     "--now", NOW)
    assert result.exit_code == 1
    assert ("plugins.showcase.enabled: turns the showcase plugin off, so the site would have "
            "no stories: remove it") in result.output
    assert "does not list" not in result.output
