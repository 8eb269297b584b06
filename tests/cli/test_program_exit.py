"""`showcase` run as a program ends as soon as its exit handlers have run, without Python
freeing its memory object by object (generator/cli/__init__.py `_leave`): the exit code, the
output and the exit handlers are as a normal exit's."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

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
    assert not [path.name for path in (tmp_path / "site").iterdir() if path.name.startswith(".")]
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


def _project_with_a_warning(root: Path, hooks: str = "") -> Path:
    files = dict(site_project())
    files["stories/a.md"] = story(title="A story", metrics="[{label: Saving, value: 1000, unit: GBP}]")
    if hooks:
        files["hooks.py"] = hooks
        files["mkdocs.yml"] = str(files["mkdocs.yml"]) + "hooks:\n  - hooks.py\n"
    return write(root, files)


@pytest.mark.parametrize(("stop", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_sigterm_ends_the_build_as_ctrl_c_does(tmp_path: Path, stop: signal.Signals,
                                              code: int) -> None:
    """A CI job's time limit sends SIGTERM, a dropped SSH session SIGHUP: the site being
    built is removed, the last site kept, exit 143 or 129 (a killed build left
    .site.building-<pid> in the project; rounds 18 and 27)."""
    started = tmp_path / "started"
    root = _project_with_a_warning(tmp_path / "project", hooks=(
        "import pathlib, time\n"
        "def on_files(files, config):\n"
        f"    pathlib.Path({str(started)!r}).write_text('yes')\n"
        "    time.sleep(60)\n"
        "    return files\n"))
    (root / "site").mkdir()
    (root / "site/index.html").write_text("the last site", encoding="utf-8")
    (root / "site/sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    running = subprocess.Popen([PROGRAM, "build", "-p", str(root)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not started.exists() and time.monotonic() < deadline and running.poll() is None:
        time.sleep(0.05)
    assert started.exists(), running.communicate()
    running.send_signal(stop)
    running.communicate(timeout=30)
    assert running.returncode == code
    assert sorted(path.name for path in root.iterdir() if path.name.startswith(".site")) == []
    assert (root / "site/index.html").read_text(encoding="utf-8") == "the last site"


_CHECK_STOPPED = """\
import os, pathlib, sys, time
from generator import catalogue, forked
forked.MIN_STORIES = 1  # its stories are read in two processes, as a large project's
MAIN, STARTED = os.getpid(), pathlib.Path(sys.argv[2])
read_story = catalogue.read_story
def read(*args):
    if os.getpid() == MAIN:  # the main process, as the other reads its share
        STARTED.write_text("yes")
        time.sleep(60)
    return read_story(*args)
catalogue.read_story = read
from generator.cli import main
sys.argv = ["showcase", "check", "-p", sys.argv[1]]
main()
"""


def test_ctrl_c_stops_check_with_its_own_exit_code_and_no_trace_of_the_other_process(
        make_project: ProjectFactory, tmp_path: Path) -> None:
    """Ctrl+C (SIGINT to the whole process group, as a terminal sends it) stops `check`:
    "Aborted!", exit 130 (1 is "errors found"), no traceback from the process reading the
    other share, and none left running (round 24, hostile24 #6)."""
    root = make_project({f"stories/s{n}.md": story(title=f"Story {n}") for n in range(6)})
    started = tmp_path / "started"
    running = subprocess.Popen(
        [sys.executable, "-c", _CHECK_STOPPED, str(root), str(started)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 60
    while not started.exists() and time.monotonic() < deadline and running.poll() is None:
        time.sleep(0.05)
    assert started.exists(), running.communicate()
    os.killpg(running.pid, signal.SIGINT)
    out, err = running.communicate(timeout=30)
    assert running.returncode == 130, (out, err)
    assert err.strip() == "Aborted!"
    time.sleep(0.5)
    left = subprocess.run(["pgrep", "-s", str(running.pid)], capture_output=True, text=True,
                          check=False)
    assert left.stdout.strip() == ""


def _dead_pid() -> int:
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(gone.stdout)


def _a_site(folder: Path, text: str, mark: str = "") -> None:
    """A built site in `folder`; `mark`: the file a build leaves in a folder it made."""
    folder.mkdir()
    (folder / "index.html").write_text(text, encoding="utf-8")
    (folder / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    if mark:
        (folder / mark).touch()


SET_ASIDE, BUILDING = ".showcase-set-aside", ".showcase-building"


def test_folders_of_builds_killed_outright_are_removed(tmp_path: Path) -> None:
    root = _project_with_a_warning(tmp_path / "project")
    dead = _dead_pid()
    for name in (f".site.building-{dead}", f".site.building-{os.getpid()}", ".site.old-2"):
        (root / name).mkdir()  # a site half built (its home page, no sitemap yet)
        (root / name / "index.html").write_text("left over", encoding="utf-8")
        (root / name / BUILDING).touch()
    _a_site(root / f".site.old-{dead}", "an old site", SET_ASIDE)
    backup = f".site.old-{_dead_pid()}"
    _a_site(root / backup, "a backup of my own")  # no build's mark
    _a_site(root / "site", "the last site")
    done = _run(PROGRAM, "build", "-p", str(root))
    assert done.returncode == 0, done.stderr
    left = sorted(path.name for path in root.iterdir() if path.name.startswith(".site"))
    # a running process's folder is never touched, nor one a build did not make
    assert left == sorted([f".site.building-{os.getpid()}", ".site.old-2", backup])
    assert f"showcase: removed .site.old-{dead}, left by a build that was stopped" in done.stderr


def test_a_site_set_aside_by_a_build_killed_mid_swap_is_put_back(tmp_path: Path) -> None:
    """Killed between the swap's two renames, a build left no site/ but .site.old-<pid>: the
    next build puts it back first, so a failing build still leaves the last site."""
    root = _project_with_a_warning(tmp_path / "project")
    dead = _dead_pid()
    _a_site(root / f".site.old-{dead}", "the last site", SET_ASIDE)
    (root / "stories/broken.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    done = _run(PROGRAM, "build", "-p", str(root))
    assert done.returncode == 1
    assert (root / "site/index.html").read_text(encoding="utf-8") == "the last site"
    assert f"put back the last site {root / 'site'}" in done.stderr
    assert not (root / "site" / SET_ASIDE).exists()
    assert not [path for path in root.iterdir() if path.name.startswith(".site")]


def test_only_a_built_site_set_aside_is_put_back(tmp_path: Path) -> None:
    """A folder of the user's that happens to be named .site.old-<number> is never put back as
    the site, nor removed (round 20: it was put back, and the real last site deleted)."""
    root = _project_with_a_warning(tmp_path / "project")
    mine = root / f".site.old-{_dead_pid()}"
    mine.mkdir()
    (mine / "notes.txt").write_text("my backup", encoding="utf-8")
    _a_site(root / f".site.old-{_dead_pid()}", "the last site", SET_ASIDE)
    (root / "stories/broken.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    done = _run(PROGRAM, "build", "-p", str(root))
    assert done.returncode == 1
    assert (root / "site/index.html").read_text(encoding="utf-8") == "the last site"
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "my backup"
    assert sorted(path.name for path in root.iterdir() if path.name.startswith(".site")) == [
        mine.name]


def test_folders_no_build_made_are_left_alone(tmp_path: Path) -> None:
    """Names a build never makes (digits that are not ASCII) and a user's own folder named
    as a build's, holding notes: never removed, and no internal error (round 21)."""
    root = _project_with_a_warning(tmp_path / "project")
    for name in (".site.building-\u00b2", ".site.old-\u2460", f".site.building-{_dead_pid()}"):
        (root / name).mkdir()
        (root / name / "notes.txt").write_text("mine", encoding="utf-8")
    done = _run(PROGRAM, "build", "-p", str(root))
    assert done.returncode == 0, done.stderr
    assert len([path for path in root.iterdir() if path.name.startswith(".site")]) == 3
    assert "removed" not in done.stderr


def test_an_empty_site_folder_is_no_site_and_the_last_one_is_put_back(tmp_path: Path) -> None:
    root = _project_with_a_warning(tmp_path / "project")
    _a_site(root / f".site.old-{_dead_pid()}", "the last site", SET_ASIDE)
    (root / "site").mkdir()
    (root / "stories/broken.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    done = _run(PROGRAM, "build", "-p", str(root))
    assert done.returncode == 1
    assert (root / "site/index.html").read_text(encoding="utf-8") == "the last site"


_STOPPED_AFTER_SWAP = """
import os, signal, sys
from generator.cli import build
swap = build._swap
def swapped(staging, target):
    swap(staging, target)
    os.kill(os.getpid(), signal.SIGTERM)  # the site is built: too late to stop it
build._swap = swapped
sys.argv = ["showcase", "build", "-p", sys.argv[1]]
from generator.cli import main
main()
"""


def test_a_stop_just_after_the_swap_is_dropped(tmp_path: Path) -> None:
    root = _project_with_a_warning(tmp_path / "project")
    done = _run(sys.executable, "-c", _STOPPED_AFTER_SWAP, str(root))
    assert done.returncode == 0, done.stderr
    assert "showcase: site built in" in done.stdout + done.stderr


def test_the_last_sites_hidden_files_are_kept_and_no_mark_is_published(tmp_path: Path) -> None:
    """MkDocs keeps a site folder's hidden files (.htaccess) as it clears it; the build does
    too (it replaced the folder whole). A docs file named as a build's mark is not published
    (a copy of that site would be taken for a build's leftover; round 22)."""
    root = _project_with_a_warning(tmp_path / "project")
    _a_site(root / "site", "the last site")
    (root / "site/.htaccess").write_text("deny from all", encoding="utf-8")
    (root / "content" / SET_ASIDE).touch()
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8")
                      + "exclude_docs: |\n  !.showcase-set-aside\n", encoding="utf-8")
    done = _run(PROGRAM, "build", "-p", str(root))
    assert done.returncode == 0, done.stderr
    assert (root / "site/.htaccess").read_text(encoding="utf-8") == "deny from all"
    assert not (root / "site" / SET_ASIDE).exists()
    assert "the last site" not in (root / "site/index.html").read_text(encoding="utf-8")


_STOPPED_MID_SWAP = """
import os, signal, sys
from pathlib import Path
rename = Path.rename
def renamed(self, target):
    moved = rename(self, target)
    if ".site.old-" in str(target):  # between the swap's two renames
        os.kill(os.getpid(), signal.SIGTERM)
    return moved
Path.rename = renamed
sys.argv = ["showcase", "build", "-p", sys.argv[1]]
from generator.cli import main
main()
"""


def test_a_stop_during_the_swap_waits_for_it_and_the_site_is_built(tmp_path: Path) -> None:
    """SIGTERM between the swap's two renames left no site; after them it said the build
    stopped over a built site (round 19). It waits, and is dropped once the site is built."""
    root = _project_with_a_warning(tmp_path / "project")
    _a_site(root / "site", "the last site")
    done = _run(sys.executable, "-c", _STOPPED_MID_SWAP, str(root))
    assert done.returncode == 0, done.stderr
    assert "showcase: site built in" in done.stdout + done.stderr
    assert "the last site" not in (root / "site/index.html").read_text(encoding="utf-8")
    assert not [path for path in root.iterdir() if path.name.startswith(".site")]


def test_a_reader_that_goes_away_does_not_stop_the_build(tmp_path: Path) -> None:
    """`showcase build 2>&1 | head -1`: once the reader has gone, the rest of the output goes
    nowhere and the site is built (the build stopped, silently, without a site)."""
    root = _project_with_a_warning(tmp_path / "project")
    running = subprocess.Popen([PROGRAM, "build", "-p", str(root)], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
    assert running.stdout is not None
    running.stdout.close()  # as `head` does once it has its line
    assert running.wait(timeout=120) == 0
    assert (root / "site/index.html").is_file()
