"""Round 31 (judge31): a story dated before the award's qualifying period is warned of, and
the advice for a period the checklist cannot read gives an example inside the award's
period; the checklist says which marks are counted as words."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import clock, project
from generator.catalogue import collect
from generator.pack import make_plan
from generator.pack.documents import render_checklist
from tests.conftest import NOW, story
from tests.pack.conftest import write_project

AWARD = """\
name: Window Awards 2026
deadline: 2027-06-30
period: {from: 2024-07-16, to: 2026-01-16}
stories: [early, inside]
questions:
  - {id: impact, prompt: Impact, words: 500, compose: summary}
"""


def _plan_for(root: Path, award: str = "window") -> tuple[list[str], str]:
    now = clock.now(NOW)
    plan = make_plan(collect(project.discover(root), now), award, now)
    return plan.checklist.warnings, render_checklist(plan)


@pytest.fixture(scope="module")
def window(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], str]:
    metric = ('\n  - {id: calls, unit: count, label: Calls, value: 1, period: "Summer 2025", '
              'source: "https://example.gov.uk", verified: true}')
    root = write_project(tmp_path_factory.mktemp("window"), {
        "awards/window.yml": AWARD,
        "stories/2024-02-01-early.md": story(slug="early", date="2024-02-01"),
        "stories/2025-09-01-inside.md": story(slug="inside", date="2025-09-01", metrics=metric),
    })
    return _plan_for(root)


def test_a_story_dated_before_the_qualifying_period_is_warned_of(
        window: tuple[list[str], str]) -> None:
    warnings, text = window
    line = ("stories/2024-02-01-early.md is dated 1 February 2024, before the qualifying period "
            "2024-07-16 to 2026-01-16: check that the work it describes was done within the "
            "period, or leave the story out")
    assert line in warnings
    assert not any("2025-09-01-inside.md is dated" in w for w in warnings)
    assert text.startswith("# READY")  # the story's date is not its work's: a warning


def test_an_unread_period_gets_an_example_inside_the_award_s_period(
        window: tuple[list[str], str]) -> None:
    line = next(w for w in window[0] if "Summer 2025" in w)
    assert line.endswith("(inside the qualifying period, e.g. 2025)")  # not 2025-26 or 2026


def test_a_period_shorter_than_a_year_is_given_its_latest_whole_month(
        tmp_path: Path) -> None:
    metric = ('\n  - {id: calls, unit: count, label: Calls, value: 1, period: "Summer", '
              'source: "https://example.gov.uk", verified: true}')
    root = write_project(tmp_path, {
        "awards/short.yml": AWARD.replace("2024-07-16", "2025-07-01")
                                 .replace("2026-01-16", "2025-12-15")
                                 .replace("[early, inside]", "[inside]"),
        "stories/2025-09-01-inside.md": story(slug="inside", date="2025-09-01", metrics=metric),
    })
    warnings = _plan_for(root, "short")[0]
    line = next(w for w in warnings if '"Summer"' in w)
    assert line.endswith("(inside the qualifying period, e.g. 2025-11)")


def test_the_checklist_says_bullets_and_table_bars_count_as_words(
        window: tuple[list[str], str]) -> None:
    text = " ".join(window[1].split())
    assert ("a bullet's \"-\", a step's number and a table's bars stay in that text, as they "
            "are pasted, and each counts as a word") in text
    assert "(bullets, bold, table lines) is removed" not in text
