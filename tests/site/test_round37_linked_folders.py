"""A sub-folder of stories/ that is a link to a folder elsewhere in the project was left out
with no word (buildpath37 F3): check counted one story fewer and the site had no page for it.
Links to folders are still not followed (one may lead round in a loop, or out of the
project), but check and the build now both say which link's stories are not read; a link
round in a loop is named and the build ends."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import NOW, run_cli, story
from tests.site.conftest import build, site_project, write

LINKED = ("stories/extra: warning: is a link to a folder (extra/): the stories in it are not "
          "read, as links to folders in stories/ are not followed (move the folder into "
          "stories/ in place of the link)")
LOOP = ("stories/me: warning: is a link that leads round in a loop (to itself, to a folder it is "
        "in, or through other links back to it): nothing in it is read (remove the link)")
UP = LOOP.replace("stories/me:", "stories/sub/up:")


def test_check_and_build_say_a_linked_folders_stories_are_not_read(tmp_path: Path) -> None:
    root = write(tmp_path / "project", {
        **site_project(),
        "stories/2026-03-14-here.md": story(title="A story read"),
        "extra/2026-03-02-linked.md": story(title="A story in a linked folder",
                                            date="2026-03-02"),
    })
    (root / "stories" / "extra").symlink_to("../extra")
    (root / "stories" / "me").symlink_to("me")
    (root / "stories" / "sub").mkdir()
    (root / "stories" / "sub" / "up").symlink_to("..")
    checked = run_cli("check", "-p", str(root), "--now", NOW)
    assert checked.exit_code == 0, checked.output
    assert [line for line in checked.output.splitlines() if line.startswith("stories/")] == [
        LINKED, LOOP, UP]
    assert checked.output.endswith("in 1 story and 0 award files\n")
    built = build(root, tmp_path / "site")
    assert built.result.exit_code == 0, built.result.output
    lines = built.result.output.splitlines()
    assert [line for line in lines if line.startswith("stories/")] == [LINKED, LOOP, UP]
    assert (tmp_path / "site" / "stories" / "here" / "index.html").is_file()
    assert not (tmp_path / "site" / "stories" / "linked").exists()
    assert not any("A story in a linked folder" in p.read_text(encoding="utf-8", errors="replace")
                   for p in (tmp_path / "site").rglob("*.html"))
