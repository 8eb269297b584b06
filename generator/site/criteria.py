"""The strategy's success criteria, evaluated from the public stories and the data series.

Rules (documented for the comms team in README.md, "The public site"):

- `awards`: the number of award results recorded on public stories that are at or better
  than `result` (entered < shortlisted < highly-commended < won). With `national: true`
  only national results count: the story's result says `national: true`, or its `award`
  names an award file (by id or `name`) that says `national: true`. Met when the count
  reaches `target` (default 1).
- `series` with `goal: increase`: met when the last value is greater than the first.
- `series` with `goal: above-compare`: met when the last value is greater than the last
  value of the `compare` column.
- `series` with `goal: at-least`: met when the last value is at least `target`.
- a series' figures are in the criterion's `unit`; without one, in the unit the column's
  name ends with (`income_gbp` in pounds, `satisfaction_percent` in per cent), else a count.

A series row whose cell is not a number is left out; with no values a criterion is not met.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from generator import formatting
from generator.awardbook import RESULT_RANK as RESULT_RANK
from generator.awardbook import AwardBook
from generator.catalogue import Catalogue
from generator.model.story import AwardResult, Unit
from generator.model.strategy import COLUMN_SUFFIXES as COLUMN_SUFFIXES
from generator.model.strategy import SuccessCriterion, column_unit, series_unit
from generator.reading.series import Table, number
from generator.story import Story


@dataclass(frozen=True)
class Point:
    """One period of a criterion's trend."""

    label: str
    value: float
    compare: float | None = None


@dataclass(frozen=True)
class Evaluation:
    """A success criterion's current value, its trend and whether it is met."""

    criterion: SuccessCriterion
    current: float | None
    """The latest value (for awards: the count)."""
    met: bool
    unit: Unit
    points: list[Point]
    """The trend, oldest first (for awards: qualifying results by year)."""
    rule: str
    """The rule in words, e.g. 'the last value is above the national average'."""
    value_name: str
    compare_name: str | None = None


def evaluate_all(catalogue: Catalogue, now: datetime) -> list[Evaluation]:
    """Every success criterion of the strategy, in the strategy's order."""
    if catalogue.strategy is None:
        return []
    stories = catalogue.public_stories(now)
    book = AwardBook(catalogue.awards)
    found = []
    for criterion in catalogue.strategy.success_criteria:
        if criterion.measure == "awards":
            found.append(evaluate_awards(criterion, stories, book))
        else:
            table = catalogue.table_for(criterion.file or "")
            found.append(evaluate_series(criterion, table))
    return found


def counts(result: AwardResult, wanted: str, national_only: bool, book: AwardBook) -> bool:
    """Whether one award result qualifies for an awards criterion."""
    if RESULT_RANK[result.result] < RESULT_RANK[wanted]:
        return False
    return not national_only or book.national(result)


def evaluate_awards(criterion: SuccessCriterion, stories: Sequence[Story],
                    book: AwardBook) -> Evaluation:
    """Count public stories' award results at or better than `result`."""
    by_year: dict[int, int] = {}
    for story in stories:
        for result in story.meta.awards:
            if counts(result, criterion.result, criterion.national, book):
                year = book.year(result, story.date)
                by_year[year] = by_year.get(year, 0) + 1
    total = sum(by_year.values())
    target = criterion.target if criterion.target is not None else 1
    points = [Point(str(year), float(by_year[year])) for year in sorted(by_year)]
    scope = "national " if criterion.national else ""
    rule = f"at least {_plain(target)} {scope}award result{'s' * (target != 1)} " \
           f"of {criterion.result} or better"
    return Evaluation(criterion, float(total), total >= target, Unit.COUNT, points, rule,
                      "Qualifying results")


def evaluate_series(criterion: SuccessCriterion, table: Table | None) -> Evaluation:
    """Read the criterion's CSV column (and comparison) and apply its goal."""
    points = _points(criterion, table)
    unit = series_unit(criterion)
    compare_name = criterion.compare
    if not points:
        return Evaluation(criterion, None, False, unit, [], _rule(criterion, unit), criterion.column or "",
                          compare_name)
    first, last = points[0], points[-1]
    if criterion.goal == "increase":
        met = len(points) > 1 and last.value > first.value
    elif criterion.goal == "above-compare":
        met = last.compare is not None and last.value > last.compare
    else:
        met = criterion.target is not None and last.value >= criterion.target
    return Evaluation(criterion, last.value, met, unit, points, _rule(criterion, unit),
                      criterion.column or "", compare_name)


def _points(criterion: SuccessCriterion, table: Table | None) -> list[Point]:
    if table is None or criterion.column not in table.header:
        return []
    values = table.column(criterion.column)
    compares = table.column(criterion.compare) if criterion.compare in table.header else None
    points = []
    for index, (label, (_, cell)) in enumerate(zip(table.labels, values, strict=True)):
        value = number(cell)
        if value is None:
            continue
        compare = number(compares[index][1]) if compares is not None else None
        points.append(Point(label, value, compare))
    return points


def _rule(criterion: SuccessCriterion, unit: Unit) -> str:
    """The goal in words, a target written in the criterion's unit (£600,000, 65%)."""
    if criterion.goal == "increase":
        return "the latest value is higher than the first"
    if criterion.goal == "above-compare":
        return f"the latest value is above the {_words(criterion.compare or '')}"
    return f"the latest value is at least {formatting.full(criterion.target or 0, unit)}"


def _words(column: str) -> str:
    return column_unit(column)[0].replace("_", " ").strip()


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
