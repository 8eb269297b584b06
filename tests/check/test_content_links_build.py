"""A hand-written page's links into the stories, built for real: each that check calls an
error is one MkDocs itself stops the strict build on (`showcase build`, mkdocs.yml's levels
warn), each it passes builds, and each it calls a warning (levels info) builds too."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import content
from tests.check.casefile import CASES, build, read_case
from tests.conftest import NOW, run_cli

STOPPING = CASES / "content-page-links-into-stories.yml"
WARNED = CASES / "content-page-links-into-stories-levels.yml"
FINE = ("[page](stories/webchat/index.md), [impact](stories/webchat/index.md#impact), "
        "[title](stories/webchat/index.md#webchat), "
        "[copy](stories/webchat/photo.png), [listing](stories/index.md).")
_MKDOCS_LINK = re.compile(r"^WARNING: +Doc file '([^']+)' contains (?:a|an unrecognized relative) "
                          r"link '([^']+)'", re.MULTILINE)


def _addresses(output: str) -> set[tuple[str, str]]:
    """The (page, address) of each check problem said of a content page."""
    return {(f"content/{page}" if not page.startswith("content/") else page, address)
            for page, address in re.findall(r'^(content/[^:]+):\d+: (?:warning: )?link "([^"]+)"',
                                            output, re.MULTILINE)}


def _build(root: Path, site: Path) -> tuple[int, str]:
    result = run_cli("build", "-p", str(root), "--site-dir", str(site), "--now", NOW)
    return result.exit_code, result.output


def _built_blind(case: Path, factory: pytest.TempPathFactory) -> tuple[str, int, str]:
    """What check says of `case`'s project, then the project built with check made blind to
    its links, so that MkDocs alone judges them: (check's words, the build's code, its output)."""
    root = build(read_case(case), factory.mktemp("blind") / "project")
    said = run_cli("check", "-p", str(root), "--now", NOW).output
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(content, "_story_links", lambda *args: [])
        code, output = _build(root, root / "site")
    return said, code, output


@pytest.fixture(scope="module")
def blind_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int, str]]:
    """The erroneous links built with check made blind to them: MkDocs alone judges."""
    yield _built_blind(STOPPING, tmp_path_factory)


def test_each_link_check_calls_an_error_stops_mkdocs_build(
        blind_build: tuple[str, int, str]) -> None:
    said, code, output = blind_build
    errors = _addresses(said)
    assert len(errors) == 14 and ": warning:" not in said
    stopped = {(f"content/{page}", address) for page, address in _MKDOCS_LINK.findall(output)}
    assert code == 1 and "the site was not built: 14 warnings above" in output
    assert stopped == errors  # every one, and only those: the fine links are not among them


def test_the_links_check_passes_build(tmp_path: Path) -> None:
    case = read_case(STOPPING)
    about = case.files["content/about.md"].decode()
    fine_only = {**case.files, "content/about.md": f"# About\n\n{FINE}\n".encode(),
                 "content/team/index.md": b"# Team\n\n[its page](../stories/webchat/index.md)\n"}
    assert FINE in about
    root = build(type(case)(case.name, case.about, fine_only), tmp_path / "project")
    checked = run_cli("check", "-p", str(root), "--now", NOW)
    assert checked.exit_code == 0 and "content/" not in checked.output
    code, output = _build(root, tmp_path / "site")
    assert code == 0, output
    assert 'href="../stories/webchat/#impact"' in (tmp_path / "site/about/index.html").read_text()


def test_links_check_warns_of_build_under_info_levels(tmp_path: Path) -> None:
    """Levels info: MkDocs builds, leaving the links broken; check warns. A draft's file,
    page or picture stays an error (the link would publish its name): left out here."""
    case = read_case(WARNED)
    lines = case.files["content/about.md"].decode().split("\n")
    kept = "\n".join(line for line in lines if "draft" not in line) + "\n"
    files = {**case.files, "content/about.md": kept.encode(),
             "content/team/index.md": b"# Team\n\n[file](../stories/2026-03-14-webchat.md)\n"}
    root = build(type(case)(case.name, case.about, files), tmp_path / "project")
    checked = run_cli("check", "-p", str(root), "--now", NOW)
    assert checked.exit_code == 0
    assert len(_addresses(checked.output)) == 9 and checked.output.count(": warning: ") == 9
    code, output = _build(root, tmp_path / "site")
    assert code == 0, output
    site = (tmp_path / "site/about/index.html").read_text()
    assert "plans" not in site and "secret" not in site


NOT_FOUND = CASES / "content-page-links-not-found.yml"
NOT_FOUND_INFO = CASES / "content-page-links-not-found-levels.yml"
FINE_PAGES = ("Fine: [tag](tags/cloud/index.md), [tags](tags/index.md), "
              "[outcome](outcomes/earn-revenue/index.md), "
              "[service](services/digital-services/index.md), [year](years/2026/index.md), "
              "[second page](stories/page/2/index.md), [tag page 2](tags/cloud/page/2/index.md), "
              "[copy](stories/webchat/evidence/volumes.csv), [page](about.md), "
              "[team](team/index.md), [home](index.md), [awards](awards/index.md), "
              "[dashboard](dashboard/index.md), [open data](open-data/index.md).")
PRIVATE = ("private.pdf", "plans.csv", "income.csv")
"""The links check calls errors whatever the levels (a private file)."""


@pytest.fixture(scope="module")
def blind_not_found(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int, str]]:
    """The links to no page or file of the site (levels warn), built with check blind to them."""
    yield _built_blind(NOT_FOUND, tmp_path_factory)


def test_each_not_found_link_check_calls_an_error_stops_mkdocs_build(
        blind_not_found: tuple[str, int, str]) -> None:
    """The wrong case, evidence/, data/, the project, a listing or page not there, a page's
    folder: MkDocs stops on each check says, and on nothing else."""
    said, code, output = blind_not_found
    errors = _addresses(said)
    assert len(errors) == 21 and ": warning:" not in said
    stopped = {(f"content/{page}", address) for page, address in _MKDOCS_LINK.findall(output)}
    assert code == 1 and "the site was not built: 21 warnings above" in output
    assert stopped == errors


def test_the_generated_pages_check_passes_build(tmp_path: Path) -> None:
    """Every generated page (listings, their later pages, a public evidence copy) is found."""
    case = read_case(NOT_FOUND)
    assert FINE_PAGES in case.files["content/about.md"].decode()
    fine_only = {**case.files, "content/about.md": f"# About\n\n{FINE_PAGES}\n".encode(),
                 "content/team/index.md": b"# Team\n\n[tag](../tags/data/index.md) and "
                                          b"[copy](../stories/webchat/evidence/volumes.csv)\n"}
    root = build(type(case)(case.name, case.about, fine_only), tmp_path / "project")
    checked = run_cli("check", "-p", str(root), "--now", NOW)
    assert checked.exit_code == 0 and "content/" not in checked.output
    code, output = _build(root, tmp_path / "site")
    assert code == 0, output
    about = (tmp_path / "site/about/index.html").read_text()
    assert 'href="../tags/cloud/page/2/"' in about
    assert 'href="../stories/webchat/evidence/volumes.csv"' in about


def test_not_found_links_check_warns_of_build_under_info_levels(tmp_path: Path) -> None:
    """Levels info: MkDocs builds, leaving the links broken; check warns. A private file's
    link stays an error (left out here); nothing private reaches the site."""
    case = read_case(NOT_FOUND_INFO)
    lines = case.files["content/about.md"].decode().split("\n")
    kept = "\n".join(line for line in lines if not any(name in line for name in PRIVATE))
    root = build(type(case)(case.name, case.about,
                            {**case.files, "content/about.md": f"{kept}\n".encode()}),
                 tmp_path / "project")
    checked = run_cli("check", "-p", str(root), "--now", NOW)
    assert checked.exit_code == 0
    assert len(_addresses(checked.output)) == 18 and checked.output.count(": warning: ") == 18
    code, output = _build(root, tmp_path / "site")
    assert code == 0, output
    site = "".join(path.read_text() for path in (tmp_path / "site").rglob("*.html"))
    assert not any(name in site for name in PRIVATE)
    assert not (tmp_path / "site/evidence").exists()
