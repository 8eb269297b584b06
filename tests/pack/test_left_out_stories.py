"""Stories an award names but cannot take: a blocker each, the pack written and not ready."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator import clock, project
from generator.catalogue import collect
from generator.pack import make_plan
from tests.conftest import NOW, story
from tests.pack.conftest import Pack, build, copy_example, write_project

GIS = "stories/2026-08-12-shared-gis-service.md"

LISTED_AWARD = """\
name: Listed Awards 2027
deadline: 2027-03-01
stories: [good-one, plain-draft, bare-draft, bad-outcome, bad-unit]
questions:
  - id: summary
    prompt: Summarise the entry.
    words: 100
    compose: summary
  - id: q3
    prompt: Anything else?
    words: 100
    compose: "section: Nonexistent heading"
"""

SELECT_AWARD = LISTED_AWARD.replace(
    "[good-one, plain-draft, bare-draft, bad-outcome, bad-unit]",
    "{select: {outcomes: [earn-revenue]}}").replace("Listed", "Selected")

BAD_UNIT = "\n  - label: Money saved\n    value: 5000\n    unit: pounds\n"


@pytest.fixture(scope="module")
def mixed_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A story of each kind: fine, draft, draft lacking a field, an error, unreadable."""
    return write_project(tmp_path_factory.mktemp("mixed"), {
        "awards/listed.yml": LISTED_AWARD,
        "awards/selected.yml": SELECT_AWARD,
        "stories/good-one.md": story(slug="good-one", date="2026-06-01", summary="Good."),
        "stories/plain-draft.md": story(slug="plain-draft", date="2026-05-01", status="draft"),
        "stories/bare-draft.md": story(slug="bare-draft", date="2026-04-01", status="draft",
                                       summary=None),
        "stories/bad-outcome.md": story(slug="bad-outcome", date="2026-03-01",
                                        outcomes="[earn-revenue, nowhere]"),
        "stories/bad-unit.md": story(slug="bad-unit", date="2026-02-01", status="review",
                                     metrics=BAD_UNIT),
    })


@pytest.fixture(scope="module")
def listed_pack(mixed_root: Path) -> Pack:
    return build(mixed_root, "listed", mixed_root / "dist")


def _blockers(pack: Pack) -> list[str]:
    return [line[6:] for line in pack.text("CHECKLIST.md").splitlines() if line.startswith("- [ ] ")]


def test_a_listed_story_with_an_error_makes_the_example_pack_not_ready(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    gis = root / GIS
    gis.write_text(gis.read_text().replace("unit: GBP", "unit: pounds", 1))
    pack = build(root, "lgc-awards-2027", root / "dist")
    assert pack.result.exit_code == 1, pack.result.output
    checklist = pack.text("CHECKLIST.md").splitlines()
    assert checklist[0] == "# NOT READY: LGC Awards 2027"
    assert _blockers(pack) == [f"story left out: {GIS} has 1 error: run showcase check"]
    assert not [line for line in checklist if "cannot be read" in line]
    assert f"blocker: story left out: {GIS} has 1 error: run showcase check" in \
        pack.result.output.splitlines()
    assert "shared-gis-service" not in json.loads(pack.read("manifest.json"))["stories"]


def test_each_listed_story_that_cannot_go_in_is_a_blocker_with_its_reason(
        listed_pack: Pack) -> None:
    assert listed_pack.result.exit_code == 1, listed_pack.result.output
    draft = "is a draft: set its status to review to enter it, or take it out of the award's stories"
    assert _blockers(listed_pack) == [
        f"story left out: stories/plain-draft.md {draft}",
        f"story left out: stories/bare-draft.md {draft}",
        "story left out: stories/bad-outcome.md has 1 error: run showcase check",
        "story left out: stories/bad-unit.md has 1 error: run showcase check",
        'q3: the answer is empty: no story in the pack has text under the heading '
        '"Nonexistent heading"',
    ]
    assert json.loads(listed_pack.read("manifest.json"))["stories"] == ["good-one"]


def test_an_empty_answer_is_empty_in_both_tables(listed_pack: Pack) -> None:
    assert "| q3 | 0 words of 100 | empty |" in listed_pack.text("CHECKLIST.md").splitlines()
    assert "| summary | 1 word of 100 | ok |" in listed_pack.text("CHECKLIST.md").splitlines()
    rows = [[c.strip() for c in line.split("│")[1:-1]] for line in
            listed_pack.result.output.splitlines() if line.startswith("│")]
    assert rows == [["summary", "1 word", "100", "ok"], ["q3", "0 words", "100", "empty"]]


def test_selected_drafts_are_warnings_and_selected_errors_blockers(mixed_root: Path) -> None:
    now = clock.now(NOW)
    plan = make_plan(collect(project.discover(mixed_root), now), "selected", now)
    assert [s.slug for s in plan.stories] == ["good-one"]
    assert plan.checklist.blockers[:2] == [
        "story left out: stories/bad-outcome.md has 1 error: run showcase check",
        "story left out: stories/bad-unit.md has 1 error: run showcase check",
    ]
    assert [w for w in plan.checklist.warnings if w.startswith("story left out")] == [
        "story left out: stories/plain-draft.md (draft)",
        "story left out: stories/bare-draft.md (draft)",
    ]
