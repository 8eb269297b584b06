"""Periods (round 14): a financial year over a century (`1999-00`) is read, and a year so far
that has not begun at the pack's clock is said so, not "could not be checked"."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator import clock, project
from generator.catalogue import collect
from generator.pack import make_plan
from generator.reading.periods import parse_period, starts_after
from tests.conftest import NOW, story, write_files

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(("text", "span"), [
    ("1999-00", (date(1999, 4, 1), date(2000, 3, 31))),
    ("FY1999/00", (date(1999, 4, 1), date(2000, 3, 31))),
    ("1999-2000", (date(1999, 4, 1), date(2000, 3, 31))),
    ("2099-00", (date(2099, 4, 1), date(2100, 3, 31))),
    ("1999-01", (date(1999, 1, 1), date(1999, 1, 31))),  # a month, as before
    ("2000-99", None),
])
def test_a_financial_year_over_a_century_is_read(text: str, span: tuple[date, date] | None) -> None:
    assert parse_period(text) == span


def test_a_year_so_far_not_begun_names_its_first_day() -> None:
    assert starts_after("2027-28 to date", TODAY) == date(2027, 4, 1)
    assert starts_after("2027 so far (provisional)", TODAY) == date(2027, 1, 1)
    assert starts_after("2026-27 to date", TODAY) is None  # begun
    assert starts_after("2027-28", TODAY) is None  # not a year so far
    assert starts_after("nonsense to date", TODAY) is None


AWARD = """\
name: Period Awards 2027
deadline: 2027-06-30
period: {from: 1999-04-01, to: 2028-03-31}
stories: [periods]
questions:
  - {id: impact, prompt: Impact, words: 500, compose: summary}
"""


def test_the_checklist_reads_1999_00_and_says_a_year_has_not_started(tmp_path: Path) -> None:
    metrics = "".join(f"\n  - {{id: {key}, unit: count, label: {key}, value: 1, period: "
                      f'"{period}", source: "https://example.gov.uk", verified: true}}'
                      for key, period in (("old", "1999-00"), ("next", "2027-28 to date")))
    root = write_files(tmp_path, {"awards/periods.yml": AWARD,
                                  "stories/2026-05-01-periods.md": story(slug="periods", metrics=metrics)})
    now = clock.now(NOW)
    warnings = make_plan(collect(project.discover(root), now), "periods", now).checklist.warnings
    lines = [w for w in warnings if "period" in w]
    assert lines == ['stories/2026-05-01-periods.md: metric next: period "2027-28 to date" has '
                     "not started yet at the pack's clock (26 November 2026): it begins on "
                     "1 April 2027"]
