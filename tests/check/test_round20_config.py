"""check says what the build cannot judge (round 20): the projects plugin builds other MkDocs
projects with their own settings, and hooks run Python that may change settings after the
build turned off what loads from elsewhere."""

from __future__ import annotations

from pathlib import Path

from generator.siteconfig import read_config
from tests.conftest import write_files


def _told(root: Path, text: str) -> list[str]:
    write_files(root, {"mkdocs.yml": text})
    (root / "content").mkdir(exist_ok=True)
    return [f"{p.location()}: {p.field}: {p.message}" for p in read_config(text, root).problems]


def test_the_projects_plugin_and_hooks_are_told_of_at_their_lines(tmp_path: Path) -> None:
    told = _told(tmp_path, "site_name: T\ntheme: {name: material, font: false}\n"
                           "plugins:\n  - search\n  - material/projects\n  - showcase\n"
                           "hooks:\n  - hooks.py\n")
    assert [line.split(": ")[0:2] for line in told] == [["mkdocs.yml:3", "plugins"],
                                                        ["mkdocs.yml:7", "hooks"]]
    assert "the projects plugin builds each MkDocs project in projects/" in told[0]
    assert "hooks are Python the build runs" in told[1]


def test_a_site_without_them_is_told_nothing(tmp_path: Path) -> None:
    assert _told(tmp_path, "site_name: T\ntheme: {name: material, font: false}\n"
                           "plugins:\n  - search\n  - showcase\n") == []


def test_the_projects_plugin_inside_group_is_told_of_and_a_disabled_one_is_not(
        tmp_path: Path) -> None:
    """Material's group plugin turns on the plugins under it (round 21); `enabled: false`
    turns one off; the folder named is the one it builds."""
    grouped = _told(tmp_path, "site_name: T\ntheme: {name: material, font: false}\n"
                              "plugins:\n  - search\n  - showcase\n  - group:\n"
                              "      plugins:\n        - projects:\n"
                              "            projects_dir: sites\n")
    assert len(grouped) == 1 and "builds each MkDocs project in sites/" in grouped[0]
    assert _told(tmp_path, "site_name: T\ntheme: {name: material, font: false}\n"
                           "plugins:\n  - search\n  - showcase\n"
                           "  - projects: {enabled: false}\n"
                           "  - material/projects: {projects: false}\n"
                           "  - group: {enabled: false, plugins: [projects]}\n") == []
