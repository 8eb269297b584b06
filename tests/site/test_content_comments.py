"""HTML comments in hand-written pages are internal notes, as in stories: never published."""

from __future__ import annotations

from pathlib import Path

from tests.site.conftest import build, site_project, write


def test_comments_in_content_pages_are_not_published(tmp_path: Path) -> None:
    files = site_project()
    files["content/about.md"] = ("# About\n\nPublic text.\n\n<!-- internal: zqxaboutnote -->\n\n"
                                 "<!--\nmulti-line zqxmultinote\n-->\nMore public text.\n")
    built = build(write(tmp_path, files), tmp_path / "site")
    assert built.result.exit_code == 0, built.result.output
    assert "More public text." in built.html("about")
    for name, data in built.every_byte().items():
        assert b"zqxaboutnote" not in data, name
        assert b"zqxmultinote" not in data, name
