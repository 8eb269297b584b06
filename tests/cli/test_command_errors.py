"""Ordinary mistakes with the commands get plain words and exit 2, never an internal error."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import NOW, ProjectFactory, run_cli, story

CONFIG = "site_name: Test\nplugins:\n  - showcase\n"
UNWRITABLE = Path("/proc/showcase-test")
"""A folder nobody can create, whoever runs the tests (root too)."""


def _project(make_project: ProjectFactory) -> Path:
    return make_project({"mkdocs.yml": CONFIG, "stories/a.md": story(slug="a-test-story")})


@pytest.mark.parametrize("args", [
    ["schema", "--out", str(UNWRITABLE)],
    ["export", "--out", str(UNWRITABLE / "x")],
    ["cms", "--out", str(UNWRITABLE)],
], ids=lambda a: a[0])
def test_a_folder_that_cannot_be_written_is_a_usage_error(make_project: ProjectFactory,
                                                         args: list[str]) -> None:
    root = _project(make_project)
    result = run_cli(*args, "-p", str(root), "--now", NOW)
    assert result.exit_code == 2, result.output
    last = result.output.splitlines()[-1]
    assert last.startswith(f"showcase: cannot write {UNWRITABLE}"), last
    assert "No such file or directory (choose a folder you can write to with --out)" in last
    assert "internal error" not in result.output


def test_new_in_a_stories_folder_that_cannot_be_written(make_project: ProjectFactory) -> None:
    root = make_project({"mkdocs.yml": CONFIG, "stories": b""})  # a file where the folder goes
    result = run_cli("new", "A title", "-p", str(root), "--now", NOW)
    assert result.exit_code == 2, result.output
    assert result.output.splitlines()[-1] == (
        f"showcase: cannot write {root.resolve() / 'stories'}: it is a file, where a folder "
        "must be (rename or remove the file)")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes anything")
def test_schema_over_an_unwritable_file(tmp_path: Path) -> None:
    locked = tmp_path / "story.schema.json"
    locked.write_text("{}", encoding="utf-8")
    locked.chmod(0o444)
    result = run_cli("schema", "--out", str(tmp_path))
    assert result.exit_code == 2, result.output
    assert result.output.splitlines()[-1] == (
        f"showcase: cannot write {locked}: Permission denied "
        "(choose a folder you can write to with --out)")


def test_schema_takes_the_project_option_and_writes_into_the_project(tmp_path: Path) -> None:
    result = run_cli("schema", "-p", str(tmp_path), "--now", NOW)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "schemas" / "story.schema.json").is_file()
    assert run_cli("schema", "-p", str(tmp_path / "nowhere")).exit_code == 2


@pytest.mark.parametrize("title", ["", "   "])
def test_new_with_an_empty_title_is_a_usage_error(make_project: ProjectFactory, title: str) -> None:
    root = _project(make_project)
    result = run_cli("new", title, "-p", str(root), "--now", NOW)
    assert result.exit_code == 2, result.output
    assert 'the title is empty: write showcase new "A title for the story"' in result.output


@pytest.mark.parametrize("args", [["new", "A title"], ["cms"], ["import", "{export}"]],
                         ids=lambda a: a[0])
def test_commands_that_write_refuse_a_folder_without_mkdocs_yml(tmp_path: Path,
                                                               args: list[str]) -> None:
    export = tmp_path / "stories.json"
    export.write_text(json.dumps({"version": 1, "publisher": "X", "site_url": None,
                                  "generated": "2026-01-01T00:00:00Z", "stories": []}),
                      encoding="utf-8")
    folder = tmp_path / "not-a-project"
    folder.mkdir()
    result = run_cli(*[a.format(export=export) for a in args], "-p", str(folder), "--now", NOW)
    assert result.exit_code == 2, result.output
    assert result.output.splitlines()[-1] == (
        f"showcase: {folder.resolve() / 'mkdocs.yml'} not found: a showcase project needs a "
        "mkdocs.yml listing the showcase plugin (see the example project); give the project "
        "folder with -p")
    assert sorted(p.name for p in folder.iterdir()) == []


def test_schema_over_a_folder_in_the_way(tmp_path: Path) -> None:
    (tmp_path / "story.schema.json").mkdir()
    result = run_cli("schema", "--out", str(tmp_path))
    assert result.exit_code == 2, result.output
    assert result.output.splitlines()[-1] == (
        f"showcase: cannot write {tmp_path / 'story.schema.json'}: Is a directory "
        "(choose a folder you can write to with --out)")


def test_build_into_a_folder_that_cannot_be_made(make_project: ProjectFactory) -> None:
    root = _project(make_project)
    result = run_cli("build", "-p", str(root), "--now", NOW, "--site-dir", str(UNWRITABLE))
    assert result.exit_code == 2, result.output
    assert result.output.splitlines()[-1] == (
        f"showcase: cannot write {UNWRITABLE}: No such file or directory "
        "(choose a site folder you can write to with --site-dir)")
