"""A hand-written page of content/ at an address Showcase publishes its own page or file at
(hostile27 H1): content/stories.md and the list of all stories were both published at
stories/, and which one a resident saw changed from one build to the next, while search held
the hand-written words under that address. Showcase's own page wins in every build, and the
build names each file it leaves out."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import NOW, ProjectFactory, run_cli, story
from tests.site.conftest import build, site_project


def _left_out(name: str, address: str) -> str:
    return (f"content/{name}: warning: left out of the site: Showcase publishes its own "
            f"{address} there; give the file another name, or move it into another folder")


def test_showcase_s_own_pages_win_and_the_build_names_what_it_left_out(
        make_project: ProjectFactory, tmp_path: Path) -> None:
    hand = {f"content/{name}": f"# Hand {name}\n\nHANDMARK\n"
            for name in ("stories.md", "tags/index.md", "dashboard.md")}
    root = make_project({**site_project(), **hand,
                         "content/feeds/atom.xml": "<feed>HANDMARK</feed>\n",
                         "content/our-stories.md": "# Our stories\n\nHANDKEPT\n",
                         "stories/2026-03-14-library-app.md": story(tags="[libraries]")})
    expected = sorted([_left_out("stories.md", "page /stories/"),
                       _left_out("tags/index.md", "page /tags/"),
                       _left_out("dashboard.md", "page /dashboard/"),
                       _left_out("feeds/atom.xml", "file /feeds/atom.xml")])
    for run in range(2):  # the same site each time
        site = tmp_path / f"site{run}"
        built = build(root, site)
        assert built.result.exit_code == 0, built.result.output
        told = [line for line in built.result.output.splitlines() if "left out of" in line]
        # the second build, in the same process as the first, tells only what is new
        assert sorted(told) == ([] if run else expected)
        assert '<h1 id="all-stories">All stories' in (site / "stories/index.html").read_text()
        assert "HANDMARK" not in (site / "tags/index.html").read_text()
        assert "HANDMARK" not in (site / "feeds/atom.xml").read_text()
        search = (site / "search/search_index.json").read_text()
        assert "HANDMARK" not in search
        assert "HANDKEPT" in search  # a page at an address of its own is published
        assert json.loads(search)["docs"]
        assert "content/index.md" not in built.result.output  # the home page's text: read
    # check says it too, before any build (retest28 R5)
    checked = run_cli("check", "-p", str(root), "--now", NOW)
    assert sorted(line for line in checked.output.splitlines() if "left out of" in line) == \
        expected


def test_check_warns_of_a_page_at_the_address_of_a_story_not_yet_public(
        make_project: ProjectFactory) -> None:
    """hostile29 W2: a page of content/ at a draft's address was published with no word,
    and left out, with a warning, only once the story was published."""
    root = make_project({**site_project(),
                         "content/stories/draft-one/index.md": "# Our plans\n\nText.\n",
                         "stories/2026-05-01-draft-one.md": story(status="draft")})
    checked = run_cli("check", "-p", str(root), "--now", NOW)
    assert [line for line in checked.output.splitlines() if "draft-one" in line] == [
        "content/stories/draft-one/index.md: warning: is published at /stories/draft-one/, the "
        "address of the story stories/2026-05-01-draft-one.md, which is still a draft: once "
        "that story is public, its page takes the address and this page is left out; give "
        "this page another name, or move it into another folder"]
