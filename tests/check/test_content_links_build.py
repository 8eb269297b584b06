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


@pytest.fixture(scope="module")
def blind_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int, str]]:
    """The erroneous links built with check made blind to them: MkDocs alone judges."""
    root = build(read_case(STOPPING), tmp_path_factory.mktemp("blind") / "project")
    said = run_cli("check", "-p", str(root), "--now", NOW).output
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(content, "_story_links", lambda *args: [])
        code, output = _build(root, root / "site")
    yield said, code, output


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
