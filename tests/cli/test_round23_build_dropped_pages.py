"""`showcase build` warns when a story page the last site held is not in the new one (round
23, finding 5): renaming a published story's file moved its address with no word, and the
old address, already sent out in press releases, was a 404."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import ProjectFactory, story
from tests.site.conftest import build, site_project


def _warnings(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("showcase: warning:")]


def _gone(slug: str) -> str:
    return (f"showcase: warning: stories/{slug}/ was on the last site and is not on this one, "
            f"so its address no longer works; if its story's file was renamed, \"slug: {slug}\" "
            "in the story's front matter keeps the address")


def test_a_renamed_story_file_is_said_to_move_its_address(make_project: ProjectFactory,
                                                           tmp_path: Path) -> None:
    stories = {f"stories/2026-01-0{n}-story-{n}.md": story(title=f"Story {n}",
                                                          date=f"2026-01-0{n}")
               for n in range(1, 8)}
    root = make_project({**site_project(per_page=2), **stories})
    site = tmp_path / "site"
    first = build(root, site)
    assert first.result.exit_code == 0, first.result.output
    assert _warnings(first.result.output) == []  # no last site
    assert (site / "stories/page/4/index.html").is_file()

    again = build(root, site)
    assert again.result.exit_code == 0, again.result.output
    assert _warnings(again.result.output) == []  # nothing dropped

    (root / "stories/2026-01-01-story-1.md").rename(root / "stories/2026-01-01-renamed.md")
    renamed = build(root, site)
    assert renamed.result.exit_code == 0, renamed.result.output
    assert _warnings(renamed.result.output) == [_gone("story-1")]
    assert renamed.result.output.splitlines()[-1] == f"showcase: site built in {site.resolve()}"
    assert (site / "stories/renamed/index.html").is_file()
    assert not (site / "stories/story-1").exists()

    for n in range(2, 8):  # six pages gone, and the listing's pages 2 to 4 (not story pages)
        (root / f"stories/2026-01-0{n}-story-{n}.md").unlink()
    fewer = build(root, site)
    assert fewer.result.exit_code == 0, fewer.result.output
    assert not (site / "stories/page").exists()
    assert _warnings(fewer.result.output) == [
        *(_gone(f"story-{n}") for n in range(2, 7)),
        "showcase: warning: and 1 more story page of the last site is not on this one"]


def test_a_slug_kept_in_the_front_matter_keeps_the_address_and_says_nothing(
        make_project: ProjectFactory, tmp_path: Path) -> None:
    root = make_project({**site_project(), "stories/2026-03-14-library-app.md": story()})
    site = tmp_path / "site"
    assert build(root, site).result.exit_code == 0
    (root / "stories/2026-03-14-library-app.md").unlink()
    (root / "stories/2026-03-14-library-app-boosts-reading.md").write_text(
        story(slug="library-app"), encoding="utf-8")
    kept = build(root, site)
    assert kept.result.exit_code == 0, kept.result.output
    assert _warnings(kept.result.output) == []
    assert (site / "stories/library-app/index.html").is_file()

