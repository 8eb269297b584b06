"""File links in the site's hand-written folder that MkDocs could not read: round a loop of
links (to itself, or through another back to it) or to a file that is not there. check named
neither (or stopped with an internal error), and the build stopped with an internal error
(hostile34 F3, F4); now both name each link, and the build refuses before MkDocs reads them.
A hidden one (an editor's lock file) is left alone, as MkDocs leaves it unread."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import NOW, run_cli
from tests.site.conftest import build
from tests.site.test_round31_content_links import linked_project, refused

LOOP = ("is a link that leads round in a loop (to itself, or through other links back to it), "
        "which MkDocs cannot read: remove the link")
GONE = ("is a link to a file that is not there, which MkDocs cannot read: remove the link, or "
        "restore the file it leads to")


@pytest.mark.parametrize(("links", "told"), [
    ({"content/a.md": "b.md", "content/b.md": "a.md"},
     [f"content/a.md: {LOOP}", f"content/b.md: {LOOP}"]),
    ({"content/self.md": "self.md"}, [f"content/self.md: {LOOP}"]),
    ({"content/gone.md": "missing.md"}, [f"content/gone.md: {GONE}"]),
], ids=["two-links", "itself", "to-nothing"])
def test_check_and_build_name_the_link_without_an_internal_error(
        tmp_path: Path, links: dict[str, str], told: list[str]) -> None:
    refused(linked_project(tmp_path, links), tmp_path, told)


def test_a_hidden_link_to_nothing_is_left_alone_and_the_site_builds(tmp_path: Path) -> None:
    root = linked_project(tmp_path, {"content/.#index.md": "comms@host.1234",
                               "content/.cache/page.md": "nothing.md"})
    assert run_cli("check", "-p", str(root), "--now", NOW).exit_code == 0
    built = build(root, tmp_path / "site")
    assert built.result.exit_code == 0, built.result.output
    assert (tmp_path / "site" / "index.html").is_file()
