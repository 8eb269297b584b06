"""Links in the site's hand-written folder (content/, MkDocs' docs_dir) that MkDocs must not
follow: to a file or folder outside the project (it would publish the server's own files),
round a loop (it would follow them without end) or into a private folder. check says so, and
the build refuses straight away, before MkDocs walks docs_dir (hostile31 F1-F3); a link to a
file elsewhere in the project is published as before."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import NOW, run_cli
from tests.site.conftest import build, site_project, write

BIN = Path(sys.executable).parent
OUTSIDE_FILE = ("is a link to a file outside the project, which would publish that file as it "
                "is: copy the file into content/ if it is meant to be public, and remove the link")
OUTSIDE_FOLDER = ("is a link to a folder outside the project, which would publish its files as "
                  "they are: copy the files into content/ if they are meant to be public, and "
                  "remove the link")
LOOP = ("is a link to a folder that holds it (a loop), which MkDocs would follow without end: "
        "remove the link")
INTO_STORIES = ("is a link into stories/, which would publish its files as they are: remove the "
                "link (a story's public evidence and images are published by the story)")


def linked_project(tmp_path: Path, links: dict[str, str | Path]) -> Path:
    """A small site project under tmp_path/project with `links` ({path: target}, a relative
    target from the link's folder, as `ln -s` takes it), and a secret file and folder beside
    it, outside the project."""
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "passwd").write_text("root:zqxsecret\n", encoding="utf-8")
    root = write(tmp_path / "project", site_project())
    for name, target in links.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).symlink_to(target)
    return root


def refused(root: Path, tmp_path: Path, told: list[str]) -> None:
    """check and `showcase build` both name each link with `told` ("path: message" lines), and
    the build writes no site."""
    checked = run_cli("check", "-p", str(root), "--now", NOW)
    assert checked.exit_code == 1, checked.output
    *errors, summary = [line for line in checked.output.splitlines() if ": warning: " not in line]
    assert errors == told
    assert summary.startswith(f"errors found: {len(told)} error{'s' * (len(told) != 1)}, ")
    built = build(root, tmp_path / "site")
    assert built.result.exit_code == 1, built.result.output
    assert built.result.output.splitlines() == [
        f"ERROR: the site was not built: {len(told)} error{'s' * (len(told) != 1)} in the "
        "site's own folders (run showcase check for details)", *told,
        "showcase: the site was not built: the error above must be fixed first"]
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(("name", "target", "message"), [
    ("content/pw.txt", "secret/passwd", OUTSIDE_FILE),
    ("content/shared", "secret", OUTSIDE_FOLDER),
    ("content/deep/er/pw.txt", "secret/passwd", OUTSIDE_FILE),
], ids=["file", "folder", "file-deeper"])
def test_a_link_outside_the_project_is_refused(tmp_path: Path, name: str, target: str,
                                               message: str) -> None:
    root = linked_project(tmp_path, {name: tmp_path / target})
    refused(root, tmp_path, [f"{name}: {message}"])


@pytest.mark.parametrize(("links", "named"), [
    ({"content/self": "."}, "content/self"),
    ({"content/guide/up": ".."}, "content/guide/up"),
    ({"content/guide/top": "../.."}, "content/guide/top"),  # the project: holds stories/
], ids=["itself", "its-parent", "the-project"])
def test_a_folder_link_round_a_loop_is_refused_without_an_internal_error(
        tmp_path: Path, links: dict[str, str | Path], named: str) -> None:
    root = linked_project(tmp_path, links)
    (root / "content/guide").mkdir(exist_ok=True)
    message = (LOOP if named != "content/guide/top" else
               INTO_STORIES.replace("into stories/", "to a folder holding stories/"))
    refused(root, tmp_path, [f"{named}: {message}"])


def test_mkdocs_build_refuses_a_link_outside_the_project(tmp_path: Path) -> None:
    root = linked_project(tmp_path, {"content/pw.txt": tmp_path / "secret/passwd"})
    done = subprocess.run([str(BIN / "mkdocs"), "build", "-q", "-d", str(tmp_path / "out")],
                          cwd=root, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "SHOWCASE_NOW": NOW})
    assert done.returncode == 1, done.stderr
    assert f"content/pw.txt: {OUTSIDE_FILE}" in done.stderr.splitlines()
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


def test_a_link_into_stories_that_loops_is_refused_before_mkdocs_walks_it(tmp_path: Path) -> None:
    """stories/loop -> .. and content/storiesdir -> ../stories: MkDocs' own walk of docs_dir
    would go round content/storiesdir/loop/content/storiesdir/... for many minutes; the
    timeout guards against that hang, it does not measure the build."""
    root = linked_project(tmp_path, {"stories/loop": "..", "content/storiesdir": "../stories"})
    done = subprocess.run([str(BIN / "showcase"), "build", "-p", str(root), "--site-dir",
                           str(tmp_path / "site"), "--now", NOW],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"content/storiesdir: {INTO_STORIES}" in done.stderr.splitlines()
    assert "internal error" not in done.stdout + done.stderr
    assert not (tmp_path / "site").exists()


def test_a_link_to_a_file_elsewhere_in_the_project_is_published_as_before(
        tmp_path: Path) -> None:
    root = linked_project(tmp_path, {"content/x.md": "../docs-elsewhere/x.md",
                               "content/more": "../docs-elsewhere/more"})
    write(root, {"docs-elsewhere/x.md": "# Linked page\n\nText zqxlinked from elsewhere.\n",
                 "docs-elsewhere/more/y.md": "# Deeper\n\nText zqxdeeper.\n"})
    checked = run_cli("check", "-p", str(root), "--now", NOW)
    assert checked.exit_code == 0, checked.output
    built = build(root, tmp_path / "site")
    assert built.result.exit_code == 0, built.result.output
    assert "Text zqxlinked from elsewhere." in built.html("x")
    assert "Text zqxdeeper." in built.html("more/y")
