"""Metric periods against an award's qualifying period (round 12, pack finding 7): finance
forms (`Oct-Mar 2025-26`, `year to March 2026`, `2025-26 to date`) are read, and a period
that runs past either end of the qualifying period is said to be partly outside it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator import clock, project
from generator.catalogue import collect
from generator.pack import make_plan
from generator.pack.documents import render_checklist
from generator.reading.periods import parse_period
from tests.conftest import NOW, story
from tests.pack.conftest import write_project

TODAY = date(2026, 11, 27)

AWARD = """\
name: Period Awards 2027
deadline: 2027-06-30
period: {from: 2025-04-01, to: 2026-03-31}
stories: [periods]
questions:
  - {id: impact, prompt: Impact, words: 500, compose: summary}
"""

#: (metric id, period): the ones marked * are partly outside, ! wholly outside
PERIODS = [
    ("calendar", "2026"),  # *
    ("half", "H1 2026"),  # *
    ("months", "Oct 2025\u2013Apr 2026"),  # *
    ("early", "2025"),  # * starts before
    ("both", "2025-01-01 to 2026-06-30"),  # * both ends
    ("winter", "Oct-Mar 2025-26"),
    ("rolling", "year to March 2026"),
    ("twelve", "12 months to March 2026"),
    ("sofar", "2025-26 to date"),
    ("next", "Q1 2026-27"),  # !
]


@pytest.mark.parametrize(("text", "span"), [
    ("Oct-Mar 2025-26", (date(2025, 10, 1), date(2026, 3, 31))),
    ("Apr-Sep 2025/26", (date(2025, 4, 1), date(2025, 9, 30))),
    ("Jan\u2013Mar FY25/26", (date(2026, 1, 1), date(2026, 3, 31))),
    ("Mar-Oct 2025-26", None),
    ("year to March 2026", (date(2025, 4, 1), date(2026, 3, 31))),
    ("12 months to March 2026", (date(2025, 4, 1), date(2026, 3, 31))),
    ("Twelve months ending Mar 2026", (date(2025, 4, 1), date(2026, 3, 31))),
    ("year ended 31 March 2026", (date(2025, 4, 1), date(2026, 3, 31))),
    ("6 months to March 2026", (date(2025, 10, 1), date(2026, 3, 31))),
    ("12 months to 2026-02", (date(2025, 3, 1), date(2026, 2, 28))),
    ("year to 2026", None),
])
def test_finance_report_periods_are_read(text: str, span: tuple[date, date] | None) -> None:
    assert parse_period(text) == span


@pytest.mark.parametrize(("text", "span"), [
    ("2025-26 to date", (date(2025, 4, 1), date(2026, 3, 31))),
    ("2026-27 to date", (date(2026, 4, 1), TODAY)),
    ("2026 so far", (date(2026, 1, 1), TODAY)),
    ("April 2026 to date", (date(2026, 4, 1), TODAY)),
    ("2027-28 to date", None),
])
def test_a_year_to_date_runs_from_its_start_to_today_and_no_further_than_its_end(
        text: str, span: tuple[date, date] | None) -> None:
    assert parse_period(text, TODAY) == span
    assert parse_period(text) is None  # without the day it is, its end is unknown


@pytest.fixture(scope="module")
def warnings_and_checklist(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], str]:
    metrics = "".join(f"\n  - {{id: {key}, unit: count, label: {key}, value: 1, period: "
                      f'"{period}", source: "https://example.gov.uk", verified: true}}'
                      for key, period in PERIODS)
    root = write_project(tmp_path_factory.mktemp("periods"), {
        "awards/periods.yml": AWARD,
        "stories/2026-05-01-periods.md": story(slug="periods", metrics=metrics),
    })
    now = clock.now(NOW)
    plan = make_plan(collect(project.discover(root), now), "periods", now)
    return plan.checklist.warnings, render_checklist(plan)


def _period_lines(warnings: list[str]) -> list[str]:
    return [line.removeprefix("stories/2026-05-01-periods.md: metric ")
            for line in warnings if "period" in line]


def test_a_period_partly_outside_says_which_end_it_runs_past(
        warnings_and_checklist: tuple[list[str], str]) -> None:
    inside = ("judges may count only the part inside; give the figure for the qualifying "
              "period if you have it")
    within = "the qualifying period 2025-04-01 to 2026-03-31"
    assert _period_lines(warnings_and_checklist[0]) == [
        f'calendar: period "2026" is partly outside {within} (it runs past 31 March 2026): '
        f"{inside}",
        f'half: period "H1 2026" is partly outside {within} (it runs past 31 March 2026): '
        f"{inside}",
        f'months: period "Oct 2025\u2013Apr 2026" is partly outside {within} (it runs past '
        f"31 March 2026): {inside}",
        f'early: period "2025" is partly outside {within} (it starts before 1 April 2025): '
        f"{inside}",
        f'both: period "2025-01-01 to 2026-06-30" is partly outside {within} (it starts '
        f"before 1 April 2025 and runs past 31 March 2026): {inside}",
        f'next: period "Q1 2026-27" is outside {within}',
    ]


def test_the_checklist_file_lists_them(warnings_and_checklist: tuple[list[str], str]) -> None:
    text = warnings_and_checklist[1]
    assert 'metric calendar: period "2026" is partly outside the qualifying period ' \
        "2025-04-01 to 2026-03-31 (it runs past 31 March 2026)" in text
    assert "could not be checked" not in text
    assert text.startswith("# READY")  # a warning, as a period wholly outside is


def test_the_guide_says_what_partly_outside_means() -> None:
    guide = (Path(__file__).parents[2] / "docs/entering-an-award.md").read_text(encoding="utf-8")
    assert "partly outside" in guide
    assert "`2025-26 to date`" in guide
