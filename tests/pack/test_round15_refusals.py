"""Round 15 (pack15) findings 1, 2 and 10.

- `pack --out` refuses (exit 2, plain words) a folder that is, or lies inside, docs_dir or
  the site's site_dir (the site would publish the pack's private evidence and unpublished
  stories), or stories/, evidence/, awards/ or data/; nothing is written there.
- check refuses a hand-written answer nested more than 50 levels deep, at its line, and
  pack then stops with exit 2 naming it; a RecursionError while the entry documents are
  made is a plain refusal naming the deepest answer, never an internal error.
- `build --site-dir ""` is a usage error naming the option (exit 2).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.pack import build as pack_build
from tests.conftest import NOW, run_cli, story
from tests.pack.conftest import write_project

AWARD = """\
name: Refusals fifteen
deadline: 2027-06-30
stories: [s]
questions:
  - {id: sum, prompt: Summary, words: 100, compose: summary}
  - {id: hand, prompt: Statement, words: 1000}
"""
CONFIG = """\
site_name: Test
docs_dir: pages
site_dir: public
plugins:
  - showcase
"""
DEEP_QUOTE = "First.\n\n" + "> " * 140 + "deep quote\n"
DEEP_LIST = "".join("  " * i + f"- l{i}\n" for i in range(400))
SHALLOW = "".join("> " * 45 + "just under the limit\n")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_project(tmp_path_factory.mktemp("refusals15"), {
        "awards/pt.yml": AWARD, "awards/pt/hand.md": "Written by hand.\n",
        "stories/s.md": story(slug="s"), "content/index.md": "# Home\n"})


@pytest.mark.parametrize(("out", "named"), [
    ("content", "it is content, the site's pages (docs_dir), which showcase build publishes"),
    ("content/packs", "it is inside content, the site's pages (docs_dir)"),
    ("site", "it is site, the built site (site_dir), which is published"),
    ("site/x", "it is inside site, the built site (site_dir)"),
    ("stories", "it is stories, the project's own files"),
    ("evidence/old", "it is inside evidence, the project's own files"),
    ("awards/pt", "it is inside awards, the project's own files"),
    ("data", "it is data, the project's own files"),
])
def test_pack_refuses_an_out_folder_the_site_publishes_or_the_project_keeps(
        project: Path, out: str, named: str) -> None:
    result = run_cli("pack", "pt", "-p", str(project), "--now", NOW, "--out", out)
    assert result.exit_code == 2, result.output
    assert (f"showcase: refusing to write the pack into {(project / out).resolve()}: {named}"
            in result.output)
    assert "choose a folder of its own, e.g. --out dist" in result.output
    assert not (project / out / "pt.zip").exists()


def test_pack_refuses_an_absolute_out_and_a_link_into_docs_dir(project: Path,
                                                                tmp_path: Path) -> None:
    link = tmp_path / "looks-elsewhere"
    link.symlink_to(project / "content")
    for out in (str(project / "content"), str(link)):
        result = run_cli("pack", "pt", "-p", str(project), "--now", NOW, "--out", out)
        assert result.exit_code == 2, result.output
        assert "the site's pages (docs_dir), which showcase build publishes" in result.output
    assert not list((project / "content").glob("*.zip"))


def test_pack_reads_docs_dir_and_site_dir_from_mkdocs_yml(tmp_path: Path) -> None:
    root = write_project(tmp_path / "configured", {
        "mkdocs.yml": CONFIG, "awards/pt.yml": AWARD, "awards/pt/hand.md": "By hand.\n",
        "stories/s.md": story(slug="s"), "pages/index.md": "# Home\n"})
    for out, named in (("pages/files", "it is inside pages, the site's pages (docs_dir)"),
                       ("public", "it is public, the built site (site_dir)")):
        result = run_cli("pack", "pt", "-p", str(root), "--now", NOW, "--out", out)
        assert result.exit_code == 2, result.output
        assert named in result.output


def test_check_refuses_a_deeply_nested_answer_at_its_line(project: Path, tmp_path: Path) -> None:
    root = write_project(tmp_path / "deep", {
        "awards/pt.yml": AWARD, "awards/pt/hand.md": DEEP_QUOTE, "stories/s.md": story(slug="s")})
    result = run_cli("check", "-p", str(root), "--now", NOW)
    assert result.exit_code == 1, result.output
    assert ("awards/pt/hand.md:3: this line is nested 140 levels deep; at most 50 levels of "
            "lists, quotes or HTML elements inside one another can be shown" in result.output)


# a list indented 2 spaces a level: check counts a level per 4 columns, as the story body's
@pytest.mark.parametrize(("answer", "line", "depth"),
                         [(DEEP_QUOTE, 3, 140), (DEEP_LIST, 399, 200)])
def test_pack_stops_on_a_deeply_nested_answer_with_plain_words(
        tmp_path: Path, answer: str, line: int, depth: int) -> None:
    root = write_project(tmp_path / "deep", {
        "awards/pt.yml": AWARD, "awards/pt/hand.md": answer, "stories/s.md": story(slug="s")})
    result = run_cli("pack", "pt", "-p", str(root), "--now", NOW, "--out", str(tmp_path / "out"))
    assert result.exit_code == 2, result.output
    assert f"awards/pt/hand.md:{line}: this line is nested {depth} levels deep" in result.output
    assert "internal error" not in result.output
    assert not (tmp_path / "out" / "pt.zip").exists()


def test_an_answer_at_the_limit_passes_check(tmp_path: Path) -> None:
    root = write_project(tmp_path / "shallow", {
        "awards/pt.yml": AWARD, "awards/pt/hand.md": SHALLOW, "stories/s.md": story(slug="s")})
    result = run_cli("check", "-p", str(root), "--now", NOW)
    assert "nested" not in result.output


def test_a_recursion_error_making_the_entry_is_a_plain_refusal(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A printer that recurses without end (as WeasyPrint did on 140 quotes) stands in for
    one an answer under the limit still defeats: the answer most deeply nested is named."""
    root = write_project(tmp_path / "printer", {
        "awards/pt.yml": AWARD, "awards/pt/hand.md": SHALLOW, "stories/s.md": story(slug="s")})

    def endless(html: str, members: object) -> bytes:
        return endless(html, members)

    monkeypatch.setattr(pack_build, "render_pdf", endless)
    result = run_cli("pack", "pt", "-p", str(root), "--now", NOW, "--out", str(tmp_path / "out"))
    assert result.exit_code == 2, result.output
    assert ("showcase: the entry documents cannot be made: the answer awards/pt/hand.md nests "
            "lists, quotes or HTML elements too deeply inside one another" in result.output)
    assert "internal error" not in result.output and "RecursionError" not in result.output


def test_build_refuses_an_empty_site_dir_as_a_usage_error(project: Path) -> None:
    before = sorted(os.listdir(project))
    result = run_cli("build", "-p", str(project), "--site-dir", "")
    assert result.exit_code == 2, result.output
    assert "Invalid value for '--site-dir': is empty: give a folder" in result.output
    assert "refusing to build" not in result.output
    assert sorted(os.listdir(project)) == before


def test_pack_refuses_the_themes_own_folder(tmp_path: Path) -> None:
    """MkDocs copies a custom_dir's other files into the site: a pack there was published
    (round 16)."""
    root = write_project(tmp_path / "themed", {
        "mkdocs.yml": "site_name: T\ntheme:\n  name: material\n  font: false\n"
                      "  custom_dir: overrides\nplugins: [showcase]\n",
        "overrides/main.html": '{% extends "base.html" %}\n',
        "awards/pt.yml": AWARD, "awards/pt/hand.md": "By hand.\n", "stories/s.md": story(slug="s")})
    for out in ("overrides", "overrides/assets"):
        result = run_cli("pack", "pt", "-p", str(root), "--now", NOW, "--out", out)
        assert result.exit_code == 2, result.output
        assert "the theme's own folder (custom_dir)" in result.output
    assert not list((root / "overrides").rglob("*.zip"))


def test_pack_refuses_a_folder_a_link_in_the_site_leads_to(tmp_path: Path) -> None:
    """content/downloads -> ../packs, then pack --out packs: the build published the pack
    (round 17)."""
    root = write_project(tmp_path / "linked", {
        "mkdocs.yml": "site_name: T\ndocs_dir: pages\ntheme: {name: material, font: false}\n"
                      "plugins: [showcase]\n",
        "pages/index.md": "# Home\n", "awards/pt.yml": AWARD, "awards/pt/hand.md": "By hand.\n",
        "stories/s.md": story(slug="s")})
    (root / "pages/downloads").symlink_to("../packs")
    result = run_cli("pack", "pt", "-p", str(root), "--now", NOW, "--out", "packs")
    assert result.exit_code == 2, result.output
    assert "a folder pages/downloads leads to, which showcase build publishes" in result.output
    assert not (root / "packs").exists()


def test_the_build_stops_on_a_link_in_the_themes_folder_into_evidence(tmp_path: Path) -> None:
    root = write_project(tmp_path / "themed", {
        "mkdocs.yml": "site_name: T\ndocs_dir: pages\ntheme:\n  name: material\n  font: false\n"
                      "  custom_dir: overrides\nplugins: [showcase]\n",
        "pages/index.md": "# Home\n", "overrides/main.html": '{% extends "base.html" %}\n',
        "evidence/private.pdf": "secret\n", "stories/s.md": story(slug="s")})
    (root / "overrides/priv.pdf").symlink_to("../evidence/private.pdf")
    result = run_cli("build", "-p", str(root), "--now", NOW)
    assert result.exit_code == 1, result.output
    assert "overrides/priv.pdf: is a link into evidence/" in result.output
    assert not (root / "site").exists()
