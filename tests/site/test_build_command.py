"""`showcase build`: refusing on errors, keeping the last good site, pagination, bad folders."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import NOW, ProjectFactory, run_cli, story
from tests.site.conftest import build, site_project


def test_errors_fail_the_build_and_keep_the_previous_site(make_project: ProjectFactory,
                                                          tmp_path: Path) -> None:
    root = make_project({**site_project(), "stories/good.md": story(title="Good story")})
    site = tmp_path / "out"
    assert build(root, site).result.exit_code == 0
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    (root / "stories/bad.md").write_text(story(title="Bad", status="review",
                                               outcomes="[no-such-outcome]"), encoding="utf-8")
    failed = build(root, site)
    assert failed.result.exit_code == 1
    assert ('stories/bad.md:7: outcomes[0]: unknown outcome "no-such-outcome"'
            in failed.result.output)
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "project"]  # no staging left


def test_refuses_a_site_folder_over_the_project(make_project: ProjectFactory) -> None:
    root = make_project({**site_project(), "stories/good.md": story()})
    for folder in (root, root.parent, root / "stories", root / "content" / "x"):
        result = run_cli("build", "-p", str(root), "--site-dir", str(folder))
        assert result.exit_code == 1
        assert f"showcase: refusing to build into {folder.resolve()}" in result.output
    assert (root / "stories/good.md").is_file()


def test_listings_paginate(make_project: ProjectFactory, tmp_path: Path) -> None:
    stories = {f"stories/s{n:02d}.md": story(title=f"Story {n:02d}", date=f"2026-01-{n:02d}",
                                             tags="[alpha]") for n in range(1, 6)}
    root = make_project({**site_project(per_page=2), **stories})
    built = build(root, tmp_path / "out")
    assert built.result.exit_code == 0, built.result.output
    titles = [re.findall(r'card__title"><a href="[^"]+">(Story \d+)</a>', built.html(page))
              for page in ("stories/", "stories/page/2/", "stories/page/3/")]
    assert titles == [["Story 05", "Story 04"], ["Story 03", "Story 02"], ["Story 01"]]
    page_two = built.html("stories/page/2/")
    assert '<a rel="prev" href="../../">Previous page</a>' in page_two
    assert '<a rel="next" href="../3/">Next page</a>' in page_two
    assert "All stories (page 2 of 3)" in page_two
    assert (built.site / "tags/alpha/page/3/index.html").is_file()
    assert not (built.site / "stories/page/4").exists()


def test_a_build_after_a_preview_in_one_process_starts_afresh(tmp_path: Path) -> None:
    """MkDocs keeps plugin instances for a whole process (for `serve`): a `showcase build`
    after a preview of another project must not carry over its search entries or state."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from tests.conftest import write_files

    previewed = write_files(tmp_path / "previewed", {
        **site_project(), "stories/other.md": story(title="Zqx previewed elsewhere")})
    config = load_config(config_file=str(previewed / "mkdocs.yml"),
                         site_dir=str(tmp_path / "preview"))
    config.plugins.on_startup(command="serve", dirty=True)
    mkdocs_build(config, dirty=True)  # what `showcase serve` leaves in the process

    root = write_files(tmp_path / "built", {**site_project(), "stories/mine.md": story()})
    built = build(root, tmp_path / "site")
    assert built.result.exit_code == 0, built.result.output
    assert "Zqx" not in (tmp_path / "site/search/search_index.json").read_text()


def test_a_broken_link_in_a_page_is_said_once_in_plain_words(make_project: ProjectFactory,
                                                              tmp_path: Path) -> None:
    """The pages process reads the navigation's pages again for their titles: its warnings
    of them were passed on too, so one broken link was said twice and counted as two. The
    reason the build stopped is in Showcase's words, not MkDocs' ("Aborted with ...")."""
    files = {**site_project(), "stories/good.md": story()}
    files["content/about.md"] += "\nSee [the missing page](nowhere.pdf).\n"
    failed = build(make_project(files), tmp_path / "out")
    assert failed.result.exit_code == 1
    said = [line for line in failed.result.output.splitlines() if "nowhere.pdf" in line]
    assert len(said) == 1, failed.result.output
    assert failed.result.output.rstrip().endswith(
        "showcase: the site was not built: 1 warning above (a broken link or anchor, say) must "
        "be fixed first: the site is built only when there are none")
    assert "Aborted" not in failed.result.output


def test_the_build_prints_checks_warnings(tmp_path: Path) -> None:
    """A note never closed hides the rest of a story: the build says so, as check does."""
    from tests.conftest import story
    from tests.site.conftest import build, site_project, write

    root = write(tmp_path / "project", {**site_project(), "stories/a.md": story(
        slug="a-story", body="## Challenge\n\nShown. <!-- zqnote never closed\n\nHidden.\n")})
    built = build(root, tmp_path / "site")
    assert built.result.exit_code == 0, built.result.output
    assert ('stories/a.md:12: warning: body: an internal note "<!--" is never closed with "-->": '
            "everything after it, to the end of the story, is left out") in built.result.output


def test_the_build_prints_at_most_twenty_warnings_then_how_many_more(tmp_path: Path) -> None:
    from tests.conftest import story
    from tests.site.conftest import build, site_project, write

    stories = {f"stories/s{n:02d}.md": story(slug=f"s{n:02d}", title=f"Story {n}",
                                             body="Text <!-- never closed\n")
               for n in range(25)}
    built = build(write(tmp_path / "project", {**site_project(), **stories}), tmp_path / "site")
    assert built.result.exit_code == 0, built.result.output
    lines = built.result.output.splitlines()
    assert len([line for line in lines if "is never closed" in line]) == 20
    assert "... and 5 more warnings: showcase check lists them all" in lines


def test_a_docs_dir_that_names_no_folder_is_said_in_plain_words(make_project: ProjectFactory,
                                                                tmp_path: Path) -> None:
    files = {**site_project(), "stories/good.md": story()}
    files["mkdocs.yml"] = files["mkdocs.yml"].replace("docs_dir: content", "docs_dir: nowhere")
    assert "docs_dir: nowhere" in files["mkdocs.yml"]
    failed = build(make_project(files), tmp_path / "out")
    assert failed.result.exit_code == 1
    assert "'docs_dir': The path" in failed.result.output and "isn't an existing directory" in \
        failed.result.output
    assert failed.result.output.rstrip().endswith(
        "showcase: the site was not built: mkdocs.yml has the error above (showcase check says "
        "how to mend it)")
    assert "Aborted" not in failed.result.output


def test_the_build_prints_checks_warnings_about_mkdocs_yml(make_project: ProjectFactory, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """cms: true without the editor's script: check warned, build said nothing (round 14)."""
    from generator.cms import bundle

    monkeypatch.setattr(bundle, "CMS_PACKAGE", "@sveltia/not-installed")
    files = {**site_project(), "stories/good.md": story()}
    files["mkdocs.yml"] = files["mkdocs.yml"].replace("  - showcase:\n", "  - showcase:\n      cms: true\n", 1)
    assert "cms: true" in files["mkdocs.yml"]
    built = build(make_project(files), tmp_path / "out")
    assert built.result.exit_code == 0, built.result.output
    assert ("mkdocs.yml:" in built.result.output and "plugins.showcase.cms: the story editor (admin/) "
            "will not be published" in built.result.output), built.result.output


def test_a_relative_site_dir_is_in_the_project_wherever_the_build_runs(
        make_project: ProjectFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As every --out is (round 14: it was relative to the folder the command ran in)."""
    root = make_project({**site_project(), "stories/good.md": story()})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = run_cli("build", "-p", str(root), "--site-dir", "public")
    assert result.exit_code == 0, result.output
    assert (root / "public" / "index.html").is_file()
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("epoch", ["4294967296", "17800000000", "-1"])
def test_a_build_time_a_site_cannot_record_is_refused(make_project: ProjectFactory,
                                                      epoch: str) -> None:
    """The sitemap.xml.gz header holds 1970 to 2106: MkDocs crashed (round 14)."""
    root = make_project({**site_project(), "stories/good.md": story()})
    result = run_cli("build", "-p", str(root), env={"SOURCE_DATE_EPOCH": epoch})
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines()[-1] == (
        f'showcase: SOURCE_DATE_EPOCH must be a moment from 1970 to 2106 for a site (its '
        f'sitemap.xml.gz records it), got "{epoch}"')
    assert not (root / "site").exists()


def test_an_empty_build_time_is_unset(make_project: ProjectFactory) -> None:
    """SOURCE_DATE_EPOCH= (empty, as CI files often leave it) was an internal error."""
    root = make_project({**site_project(), "stories/good.md": story()})
    result = run_cli("build", "-p", str(root), env={"SOURCE_DATE_EPOCH": ""})
    assert result.exit_code == 0, result.output
    assert (root / "site" / "sitemap.xml.gz").is_file()


def test_mkdocs_build_refuses_a_build_time_a_site_cannot_record(make_project: ProjectFactory,
                                                                tmp_path: Path) -> None:
    root = make_project({**site_project(), "stories/good.md": story()})
    done = subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "-q", "-d",
                           str(tmp_path / "out")], cwd=root, capture_output=True, text=True,
                          env={**os.environ, "SOURCE_DATE_EPOCH": "-1", "SHOWCASE_NOW": NOW})
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert 'SOURCE_DATE_EPOCH must be a moment from 1970 to 2106 for a site' in done.stderr


def test_the_build_never_replaces_a_folder_that_is_not_a_site(make_project: ProjectFactory) -> None:
    """--site-dir replaced the theme's folder, .git, docs/ or any folder whole (round 16)."""
    files = {**site_project(), "stories/good.md": story(),
             "overrides/main.html": '{% extends "base.html" %}\n', ".git/HEAD": "ref\n",
             "docs/guide.md": "# Guide\n"}
    files["mkdocs.yml"] = files["mkdocs.yml"].replace("theme:\n", "theme:\n  custom_dir: overrides\n", 1)
    root = make_project(files)
    for folder, why in (("overrides", "it would replace overrides"), (".git", "it would replace .git"),
                        ("docs", "it holds files that are not a built site")):
        result = run_cli("build", "-p", str(root), "--site-dir", folder)
        assert result.exit_code == 1, result.output
        assert why in result.output
    assert (root / "overrides/main.html").is_file() and (root / ".git/HEAD").is_file()
    assert (root / "docs/guide.md").is_file()
    assert run_cli("build", "-p", str(root), "--site-dir", "public").exit_code == 0
    assert run_cli("build", "-p", str(root), "--site-dir", "public").exit_code == 0  # its own


def test_the_build_never_replaces_a_file_or_a_git_checkout(make_project: ProjectFactory,
                                                           tmp_path: Path) -> None:
    """site_dir: mkdocs.yml turned the settings into a folder; a GitHub Pages checkout holding
    index.html and sitemap.xml lost its .git (round 17)."""
    files = {**site_project(), "stories/good.md": story()}
    files["mkdocs.yml"] += "site_dir: mkdocs.yml\n"
    root = make_project(files)
    result = run_cli("build", "-p", str(root))
    assert result.exit_code == 1 and "it is a file, which the build would replace" in result.output
    assert (root / "mkdocs.yml").is_file()
    pages = tmp_path / "pages"
    for name in ("index.html", "sitemap.xml", ".git/HEAD"):
        (pages / name).parent.mkdir(parents=True, exist_ok=True)
        (pages / name).write_text("x\n", encoding="utf-8")
    files["mkdocs.yml"] = files["mkdocs.yml"].replace("site_dir: mkdocs.yml\n", "")
    root = make_project(files)
    result = run_cli("build", "-p", str(root), "--site-dir", str(pages))
    assert result.exit_code == 1 and "it holds a git repository (.git)" in result.output
    assert (pages / ".git/HEAD").is_file()
