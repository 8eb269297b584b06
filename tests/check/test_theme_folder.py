"""mkdocs.yml's `theme: custom_dir:` naming no folder stops the build: check says so (round 14)."""

from __future__ import annotations

from pathlib import Path

from generator.siteconfig import read_config

THEME = "site_name: T\ntheme:\n  name: material\n  font: false\n  custom_dir: {folder}\nplugins:\n  - showcase\n"


def _messages(root: Path, text: str, name: str = "mkdocs.yml") -> list[str]:
    return [f"{p.line}: {p.message}" for p in read_config(text, root, name).problems]


def test_a_custom_dir_that_exists_is_fine_and_one_that_does_not_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "overrides").mkdir()
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    assert _messages(tmp_path, THEME.format(folder="overrides")) == []
    missing = ("5: \"{}\" is no folder, so the site cannot be built: create it with the theme's "
               "template overrides (main.html and the like), or remove the line")
    assert _messages(tmp_path, THEME.format(folder="ov")) == [missing.format("ov")]
    assert _messages(tmp_path, THEME.format(folder="a-file")) == [missing.format("a-file")]
    assert _messages(tmp_path, THEME.format(folder="!ENV [THEME_DIR, ov]")) == []  # decided later


def test_a_custom_dir_in_a_file_that_inherits_is_judged_too(tmp_path: Path) -> None:
    (tmp_path / "base.yml").write_text("site_name: T\nplugins:\n  - showcase\n", encoding="utf-8")
    text = "INHERIT: base.yml\ntheme:\n  name: material\n  font: false\n  custom_dir: ov\n"
    assert [p.field for p in read_config(text, tmp_path).problems] == ["theme.custom_dir"]
