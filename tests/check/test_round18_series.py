"""Data series periods (round 18): rows whose periods share only some days (a calendar year
beside a financial year) are refused like rows within another, and `2023-2026` is read as the
calendar years 2023 through 2026 (two years in a row, `2025-2026`, stay a financial year)."""

from __future__ import annotations

from datetime import date

import pytest

from generator.reading.periods import parse_period, rolling_months
from generator.reading.series import Table, period_problems
from tests.conftest import NOW, STRATEGY, ProjectFactory, run_cli

CROSSING = ('"{period}" overlaps "{other}" on line {line}: both hold {shared}, which the chart '
            "would show twice; give each stretch of time one row, none overlapping another "
            "(every row a financial year, such as 2025-26, or every row a calendar year, such "
            "as 2025)")


def _told(*periods: str, column: str = "period") -> list[str]:
    """What check says of a series whose rows are `periods` (from line 2 on)."""
    table = Table("data/x.csv", [column, "value"],
                  [(line, [period, "1"]) for line, period in enumerate(periods, start=2)])
    return [f"{p.path}:{p.line}: {p.field}: {p.message}" for p in period_problems(table)]


@pytest.mark.parametrize(("periods", "told"), [
    (("2024", "2025", "2025-26"),
     ["data/x.csv:4: period: " + CROSSING.format(period="2025-26", other="2025", line=3,
                                                  shared="1 April 2025 to 31 December 2025")]),
    (("2024-25", "2025"),
     ["data/x.csv:3: period: " + CROSSING.format(period="2025", other="2024-25", line=2,
                                                  shared="1 January 2025 to 31 March 2025")]),
    (("FY2024/25", "Jan-Jun 2025"),
     ["data/x.csv:3: period: " + CROSSING.format(period="Jan-Jun 2025", other="FY2024/25", line=2,
                                                  shared="1 January 2025 to 31 March 2025")]),
    (("2025-26 to date", "2026"),  # a year so far, with no clock: all of it
     ["data/x.csv:3: period: " + CROSSING.format(period="2026", other="2025-26 to date", line=2,
                                                  shared="1 January 2026 to 31 March 2026")]),
    (("year to March 2026", "2025"),
     ["data/x.csv:3: period: " + CROSSING.format(period="2025", other="year to March 2026",
                                                  line=2, shared="1 April 2025 to 31 December 2025")]),
    (("2025 (provisional)", "FY 2025-26"),
     ["data/x.csv:3: period: " + CROSSING.format(period="FY 2025-26", other="2025 (provisional)",
                                                  line=2, shared="1 April 2025 to 31 December 2025")]),
], ids=["financial after calendar", "calendar after financial", "months beside a year",
        "year so far", "rolling year beside a calendar year", "as written, with a note"])
def test_rows_that_partly_overlap_are_refused_naming_both(periods: tuple[str, ...],
                                                         told: list[str]) -> None:
    assert _told(*periods) == told


def test_the_column_is_the_files_own_name() -> None:
    assert [line.split(": ")[1] for line in _told("2025", "2025-26", column="Year")] == ["Year"]


@pytest.mark.parametrize("periods", [
    ("2023", "2024", "2025-26", "2026-27"),  # a change of years: no day in two rows
    ("year to March 2026", "year to June 2026", "year to September 2026"),  # rolling years
    ("12 months to March 2026", "twelve months ending 30 June 2026"),
    ("2024-25", "2025-26", "2026-27 to date"),
])
def test_rows_that_share_no_day_or_are_rolling_years_pass(periods: tuple[str, ...]) -> None:
    assert _told(*periods) == []


def test_a_row_within_another_is_still_told_so() -> None:
    assert _told("2025-26", "Q1 2025-26") == [
        'data/x.csv:3: period: "Q1 2025-26" is part of "2025-26" on line 2: give each stretch '
        "of time one row, none within another (the last row is the current value the "
        "dashboard shows)"]


def test_rolling_months() -> None:
    assert rolling_months("year to March 2026") == 12
    assert rolling_months("6 months to June 2026 (provisional)") == 6
    assert rolling_months("2025-26") is None
    assert rolling_months("year to 2026") is None  # not read: no month


@pytest.mark.parametrize(("text", "span"), [
    ("2023-2026", (date(2023, 1, 1), date(2026, 12, 31))),
    ("2023\u20132026", (date(2023, 1, 1), date(2026, 12, 31))),
    ("2023 - 2026", (date(2023, 1, 1), date(2026, 12, 31))),  # as before
    ("2023 to 2026", (date(2023, 1, 1), date(2026, 12, 31))),  # as before
    ("2023-2025 (provisional)", (date(2023, 1, 1), date(2025, 12, 31))),
    ("2025-2026", (date(2025, 4, 1), date(2026, 3, 31))),  # two years in a row: financial
    ("2025-26", (date(2025, 4, 1), date(2026, 3, 31))),
    ("2023-26", None),  # a two-digit end years apart: not guessed
    ("2026-2023", None),
    ("FY2023/2026", None),
    ("Oct-Mar 2023-2026", None),
    ("Q1 2023-2026", None),
])
def test_a_span_of_years_is_read_as_calendar_years(text: str,
                                                   span: tuple[date, date] | None) -> None:
    assert parse_period(text) == span


def test_a_span_of_years_beside_a_year_within_it_is_refused() -> None:
    assert _told("2023-2026", "2025") == [
        'data/x.csv:3: period: "2025" is part of "2023-2026" on line 2: give each stretch of '
        "time one row, none within another (the last row is the current value the dashboard "
        "shows)"]


def test_check_names_the_file_line_column_and_both_periods(make_project: ProjectFactory) -> None:
    root = make_project({"data/strategy.yml": STRATEGY,
                         "data/income.csv": "Year,income\n2024,90\n2025,100000\n2025-26,150000\n"})
    result = run_cli("check", "-p", str(root), "--now", NOW)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == "data/income.csv:4: Year: " + CROSSING.format(
        period="2025-26", other="2025", line=3, shared="1 April 2025 to 31 December 2025")
