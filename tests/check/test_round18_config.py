"""mkdocs.yml that INHERITs a base file (round 18): a setting is told of in the file and at the
line where it is written, and a theme MkDocs refuses once merged is an error check reports
(MkDocs' own config loading gives the verdict too)."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config

from generator.siteconfig import read_config
from tests.conftest import NOW, ProjectFactory, run_cli, write_files

PLUGINS = "plugins:\n  - search\n  - showcase\n"
NO_NAME = ('names no theme, so the site cannot be built (MkDocs says "No theme name set"): '
           "base.yml names the theme as text (theme: mkdocs) on line 2, and MkDocs replaces it "
           "with this mapping rather than adding to it: write name: mkdocs under theme: here, "
           "or write theme: {name: mkdocs} in base.yml")


def _told(root: Path, files: dict[str, str]) -> list[str]:
    """check's words on mkdocs.yml and the files it inherits: `file:line: field: message`."""
    write_files(root, files)
    (root / "content").mkdir(exist_ok=True)
    read = read_config(files["mkdocs.yml"], root)
    return [f"{p.location()}: {p.field}: {p.message}" for p in read.problems]


def _mkdocs_refuses(root: Path, caplog: pytest.LogCaptureFixture) -> list[str]:
    """What MkDocs' own config loading (strict, as `showcase build` loads it) says is wrong."""
    caplog.clear()
    try:
        load_config(config_file=str(root / "mkdocs.yml"), strict=True)
    except Exception:
        return [record.getMessage() for record in caplog.records if record.levelname == "ERROR"]
    return []


FONT = ("the material theme loads its fonts from fonts.googleapis.com on every page, which "
        "would tell that host who reads the site: the build turns it off; write font: false "
        "under theme:")
HIGHLIGHT = ("the mkdocs theme loads highlight.js from cdnjs.cloudflare.com on every page, "
             "which would tell that host who reads the site: the build turns it off; ")


@pytest.mark.parametrize(("base", "child", "told"), [
    # the theme is all in the base: its `theme:` line there
    ("site_name: T\ntheme:\n  name: material\n" + PLUGINS, "INHERIT: base.yml\n",
     f"base.yml:2: theme.font: {FONT}"),
    ("site_name: T\ntheme: mkdocs\n" + PLUGINS, "INHERIT: base.yml\n",
     f"base.yml:2: theme.highlightjs: {HIGHLIGHT}write theme: {{name: mkdocs, highlightjs: "
     "false}"),
    ("site_name: T\n" + PLUGINS + "theme:\n  name: mkdocs\n  highlightjs: true\n",
     "INHERIT: base.yml\n",
     f"base.yml:7: theme.highlightjs: {HIGHLIGHT}write highlightjs: false under theme:"),
    # both write theme: the file that names it, or the one that sets the option itself
    ("site_name: T\ntheme:\n  name: material\n" + PLUGINS,
     "INHERIT: base.yml\ntheme:\n  features: [navigation.top]\n",
     f"base.yml:2: theme.font: {FONT}"),
    ("site_name: T\ntheme:\n  name: material\n" + PLUGINS,
     "INHERIT: base.yml\ntheme:\n  language: en\n  font:\n    text: Roboto\n",
     f"mkdocs.yml:4: theme.font: {FONT}"),
    ("site_name: T\ntheme:\n  font: false\n" + PLUGINS,
     "INHERIT: base.yml\ntheme:\n  name: material\n  font: true\n",
     f"mkdocs.yml:4: theme.font: {FONT}"),
    # a theme written as text replaces the base's mapping (its font: false with it)
    ("site_name: T\ntheme:\n  name: material\n  font: false\n" + PLUGINS,
     "INHERIT: base.yml\ntheme: material\n",
     f"mkdocs.yml:2: theme.font: {FONT.removesuffix('write font: false under theme:')}"
     "write theme: {name: material, font: false}"),
], ids=["material in base", "mkdocs as text in base", "highlightjs true in base",
        "named in base, features in child", "font set in child", "named in child",
        "text in child replaces base"])
def test_a_theme_setting_is_told_of_where_it_is_written(tmp_path: Path, base: str, child: str,
                                                         told: str) -> None:
    assert _told(tmp_path, {"base.yml": base, "mkdocs.yml": child}) == [told]


def test_a_setting_of_the_base_is_told_of_once_at_its_line(tmp_path: Path) -> None:
    base = ("site_name: T\nrepo_url: https://github.com/example/site\ntheme: {name: material, "
            "font: false}\nextra:\n  analytics:\n    provider: google\n" + PLUGINS)
    child = "INHERIT: base.yml\nextra:\n  generator: false\n"
    assert [line.split(": ", 2)[:2] for line in _told(tmp_path, {"base.yml": base,
                                                                  "mkdocs.yml": child})] == [
        ["base.yml:2", "repo_url"], ["base.yml:5", "extra.analytics"]]


def test_a_base_file_in_a_folder_is_named_by_its_path(tmp_path: Path) -> None:
    files = {"shared/base.yml": "site_name: T\ntheme:\n  name: material\n" + PLUGINS,
             "mkdocs.yml": "INHERIT: shared/base.yml\n"}
    assert _told(tmp_path, files) == [f"shared/base.yml:2: theme.font: {FONT}"]


def test_a_theme_named_as_text_in_the_base_and_a_mapping_in_the_child_is_an_error(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "overrides").mkdir()
    files = {"base.yml": "site_name: T\ntheme: mkdocs\n" + PLUGINS,
             "mkdocs.yml": "INHERIT: base.yml\ndocs_dir: content\ntheme:\n  custom_dir: overrides\n"}
    assert _told(tmp_path, files) == [f"mkdocs.yml:3: theme.name: {NO_NAME}"]
    assert _mkdocs_refuses(tmp_path, caplog) == ["Config value 'theme': No theme name set."]


@pytest.mark.parametrize("base", ["theme: {name: mkdocs, highlightjs: false}\n",
                                  "theme:\n  name: mkdocs\n  highlightjs: false\n"])
def test_a_theme_mapping_in_the_base_is_merged_with_the_childs(
        tmp_path: Path, base: str, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "overrides").mkdir()
    files = {"base.yml": "site_name: T\n" + base + PLUGINS,
             "mkdocs.yml": "INHERIT: base.yml\ndocs_dir: content\ntheme:\n  custom_dir: overrides\n"}
    assert _told(tmp_path, files) == []
    assert _mkdocs_refuses(tmp_path, caplog) == []


def test_a_theme_mapping_without_a_name_is_an_error_without_inherit_too(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "overrides").mkdir()
    files = {"mkdocs.yml": "site_name: T\ndocs_dir: content\ntheme:\n  custom_dir: overrides\n"
                           + PLUGINS}
    assert _told(tmp_path, files) == [
        'mkdocs.yml:3: theme.name: names no theme, so the site cannot be built (MkDocs says '
        '"No theme name set"): write name: material under theme: (with font: false), or the '
        "name of the theme the site is made with"]
    assert _mkdocs_refuses(tmp_path, caplog) == ["Config value 'theme': No theme name set."]


def test_a_custom_dir_in_the_base_is_found_beside_mkdocs_yml_as_mkdocs_finds_it(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "overrides").mkdir()
    files = {"shared/base.yml": "site_name: T\ntheme:\n  name: material\n  font: false\n"
                                "  custom_dir: overrides\n" + PLUGINS,
             "mkdocs.yml": "INHERIT: shared/base.yml\ndocs_dir: content\n"}
    assert _told(tmp_path, files) == []
    assert _mkdocs_refuses(tmp_path, caplog) == []
    files["shared/base.yml"] = files["shared/base.yml"].replace("overrides", "ov")
    assert _told(tmp_path, files) == [
        'shared/base.yml:5: theme.custom_dir: "ov" is no folder, so the site cannot be built: '
        "create it with the theme's template overrides (main.html and the like), or remove "
        "the line"]
    assert [message.split(" (")[0] for message in _mkdocs_refuses(tmp_path, caplog)] == [
        "Config value 'theme': The path set in custom_dir"]


def test_check_reports_what_showcase_build_refuses(make_project: ProjectFactory) -> None:
    root = make_project({"base.yml": "site_name: T\ntheme: mkdocs\n" + PLUGINS,
                         "mkdocs.yml": "INHERIT: base.yml\ndocs_dir: content\ntheme:\n"
                                       "  custom_dir: overrides\n",
                         "content/index.md": "# Home\n", "overrides/main.html": ""})
    built = run_cli("build", "-p", str(root), "--now", NOW)
    assert built.exit_code != 0
    assert "No theme name set" in built.output
    checked = run_cli("check", "-p", str(root), "--now", NOW)
    assert checked.exit_code == 1
    assert checked.output.splitlines()[0] == f"mkdocs.yml:3: theme.name: {NO_NAME}"
