"""Files a browser would run are never published from a story, even if `check` is skipped."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest

from generator import project
from generator.catalogue import collect
from generator.site.builder import SiteOptions, build_site
from tests.conftest import NOW, ProjectFactory, story

EVIDENCE = ("\n  - {id: page, path: page.HTML, title: A page, public: true}"
            "\n  - {id: sheet, path: sheet.csv, title: A sheet, public: true}\n")


def test_public_web_page_evidence_is_not_copied_to_the_site(make_project: ProjectFactory) -> None:
    root = make_project({
        "evidence/page.HTML": "<script>alert(document.cookie)</script>\n",
        "evidence/sheet.csv": "a,b\n1,2\n",
        "stories/one.md": story(slug="one", evidence=EVIDENCE),
    })
    catalogue = collect(project.discover(root), datetime.fromisoformat(NOW))
    assert [p.message.split(",")[0] for p in catalogue.errors] == ['"page.HTML" is a .html file']
    site = build_site(catalogue, datetime.fromisoformat(NOW), SiteOptions())
    assert sorted(site.copies) == ["stories/one/evidence/sheet.csv"]


def test_evidence_that_is_a_pipe_is_named_as_such(tmp_path: Path) -> None:
    """A named pipe is there but is no file (and reading one would wait for ever)."""
    from generator.paths import PathRefused, resolve_inside

    (tmp_path / "evidence").mkdir()
    os.mkfifo(tmp_path / "evidence" / "calls.csv")
    with pytest.raises(PathRefused, match=r"evidence/calls.csv is not an ordinary file"):
        resolve_inside(tmp_path / "evidence", "calls.csv", tmp_path, "evidence")


def test_a_file_name_in_the_other_unicode_form_is_found(tmp_path: Path) -> None:
    """A Mac saves "Café.csv" with the accent apart (NFD); a story types it as one letter (NFC),
    and the reverse: both find the file as the disk spells it."""
    import unicodedata

    from generator.paths import resolve_inside

    (tmp_path / "evidence").mkdir()
    decomposed = unicodedata.normalize("NFD", "Café.csv")
    (tmp_path / "evidence" / decomposed).write_text("a,b\n")
    (tmp_path / "evidence" / "Éte.csv").write_text("a,b\n")  # written composed
    found = resolve_inside(tmp_path / "evidence", "Café.csv", tmp_path, "evidence")
    assert found.name == decomposed and found.is_file()
    other = resolve_inside(tmp_path / "evidence", unicodedata.normalize("NFD", "Éte.csv"),
                           tmp_path, "evidence")
    assert other.name == "Éte.csv"


def test_a_folder_option_outside_the_project_is_never_read(tmp_path: Path,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    """`stories_dir: ../shared` is an error of check, and nothing there is read (with
    `stories_dir: /` check would walk the whole disk); a plain mkdocs build refuses it too."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    from tests.conftest import run_cli, story, write_files

    root = write_files(tmp_path / "project", {
        "mkdocs.yml": "site_name: Test\ndocs_dir: content\nplugins:\n  - showcase:\n"
                      "      stories_dir: ../shared\n",
        "content/index.md": "# Home\n",
        "data/strategy.yml": "name: S\noutcomes:\n  - {id: earn-revenue, title: T, enabler: E}\n",
    })
    write_files(tmp_path / "shared", {"outside.md": story(title="zqxoutside")})
    checked = run_cli("check", "-p", str(root))
    assert checked.exit_code == 1
    assert "is outside the project folder" in checked.output
    assert "in 0 stories" in checked.output and "zqxoutside" not in checked.output
    with pytest.raises(Abort):  # MkDocs logs the plugin's error, then aborts
        mkdocs_build(load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    assert not (tmp_path / "site").exists()
    assert 'plugins.showcase.stories_dir: "../shared" is outside the project folder' in caplog.text


def test_a_content_page_naming_a_file_of_the_stories_folder_keeps_its_words_only(
        tmp_path: Path) -> None:
    """The site never publishes stories/'s own files (a story's pictures are copied under its
    page): a hand-written page's address into that folder is dead and may name a hidden
    story's picture; a public story's page keeps its address."""
    from tests.conftest import NOW, run_cli, story, write_files

    root = write_files(tmp_path / "project", {
        "mkdocs.yml": "site_name: T\ndocs_dir: content\nplugins:\n  - showcase\n",
        "content/index.md": "# Home\n",
        "content/about.md": ('# About\n\n<img src="../stories/media/zqreview-lead.png" alt="A lead">\n\n'
                             '<a href="../stories/media/zqnotes.pdf">the notes</a> and '
                             '<a href="../stories/a-test-story/">a story</a>\n'),
        "data/strategy.yml": "name: S\noutcomes:\n  - {id: earn-revenue, title: T, enabler: E}\n",
        "stories/a.md": story(slug="a-test-story"),
        "stories/media/zqreview-lead.png": b"\x89PNG\r\n\x1a\n",
    })
    built = run_cli("build", "-p", str(root), "--site-dir", str(tmp_path / "site"), "--now", NOW)
    assert built.exit_code == 0, built.output
    about = (tmp_path / "site" / "about" / "index.html").read_text(encoding="utf-8")
    assert "the notes" in about and 'href="../stories/a-test-story/"' in about
    assert not [p for p in (tmp_path / "site").rglob("*") if p.is_file()
                and (b"zqreview" in p.read_bytes() or b"zqnotes" in p.read_bytes())]


def test_mkdocs_build_dirty_is_refused(tmp_path: Path) -> None:
    """--dirty keeps the pages of an earlier build: a story set to draft since would stay."""
    from click.testing import CliRunner
    from mkdocs.__main__ import cli

    from tests.conftest import story, write_files

    root = write_files(tmp_path / "project", {
        "mkdocs.yml": "site_name: T\ndocs_dir: content\nplugins:\n  - showcase\n",
        "content/index.md": "# Home\n",
        "data/strategy.yml": "name: S\noutcomes:\n  - {id: earn-revenue, title: T, enabler: E}\n",
        "stories/a.md": story(slug="a-test-story"),
    })
    result = CliRunner().invoke(cli, ["build", "--dirty", "-f", str(root / "mkdocs.yml"),
                                      "-d", str(tmp_path / "site")])
    assert result.exit_code != 0
    assert "mkdocs build --dirty would leave the pages of a story" in result.output
    assert not (tmp_path / "site").exists()
