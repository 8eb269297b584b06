"""Reading a data series: a CSV under data/ with a period column and numeric columns."""

from __future__ import annotations

import calendar
import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.problems import Problem, Severity
from generator.reading.characters import UNSAFE_CHARACTERS, unsafe_characters
from generator.reading.periods import (
    UNDERSTOOD,
    Span,
    overlaps,
    parse_period,
    reads_months,
    rolling_months,
)
from generator.reading.safe_yaml import YamlProblem
from generator.reading.text import read_text

QUOTED_CHARS = 40
"""A message quotes at most this many characters of a cell, then "…"."""
LONG_PERIOD = 40
"""A period's label longer than this that check cannot read is warned of
(`long_label_problem`): it is a note or a sentence, not a period."""
CHART_ROWS = 120
"""A series with more rows than this is warned of (`many_rows_problem`): its chart shows
their trend but labels only a few of its periods."""


def quoted(cell: str) -> str:
    """`cell` in double quotes, as a message quotes it: its first `QUOTED_CHARS` characters
    and "…" when it is longer (a whole 5,000-character cell makes a message unreadable)."""
    return f'"{cell}"' if len(cell) <= QUOTED_CHARS else f'"{cell[:QUOTED_CHARS]}…"'


@dataclass(frozen=True)
class Table:
    """A CSV file: its header and rows, each row with its file line."""

    path: str
    header: list[str]
    rows: list[tuple[int, list[str]]]

    def column(self, name: str) -> list[tuple[int, str]]:
        index = self.header.index(name)
        return [(line, cells[index]) for line, cells in self.rows]

    @property
    def labels(self) -> list[str]:
        """The first column: the period of each row."""
        return [cells[0] for _, cells in self.rows]


def read_table(file: Path, relative: str) -> tuple[Table | None, list[Problem]]:
    """Read a CSV; every row must have as many cells as the header."""
    try:
        text = read_text(file)
    except YamlProblem as exc:
        return None, [Problem(relative, exc.line, None, exc.message)]
    # the dashboard shows the cells and the header: a text-direction control turns its words
    # round, as in any other file (each is named at its line)
    unsafe = [Problem(relative, line, None, f"holds the control character {code}: remove it")
              for line, code in unsafe_characters(text)]
    try:
        records = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        return None, [*unsafe, Problem(relative, None, None, f"is not a readable CSV file: {exc}")]
    if not records or not any(cell.strip() for cell in records[0]):
        return None, [*unsafe, Problem(relative, 1, None, "needs a header row naming its columns")]
    header = [cell.strip() for cell in records[0]]
    for mark, name in ((";", "semicolons"), ("\t", "tabs")):
        if len(header) == 1 and mark in header[0]:  # a European list separator; a TSV export
            return None, [*unsafe, Problem(relative, 1, None, f"separates its columns with {name}: "
                                           'save it as CSV with commas (in Excel, "CSV UTF-8 '
                                           '(Comma delimited)")')]
    rows: list[tuple[int, list[str]]] = []
    problems = unsafe
    seen: dict[str, int] = {}
    for place, name in enumerate(header, start=1):
        if name and name.casefold() in seen:
            problems.append(Problem(relative, 1, name,
                                    f"the header names this column twice (columns "
                                    f"{seen[name.casefold()]} and {place}): the dashboard would read "
                                    "only the first; give each column its own name"))
        seen.setdefault(name.casefold(), place)
    for number, cells in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            problems.append(Problem(relative, number, None,
                                    f"has {len(cells)} cells but the header has {len(header)} "
                                    "(a cell holding a comma needs double quotes)"))
            continue
        rows.append((number, [cell.strip() for cell in cells]))
    return Table(relative, header, rows), problems


def period_problems(table: Table) -> list[Problem]:
    """A series (a table a success criterion reads) has each stretch of time in one row, and
    its rows oldest first (the periods check can read): the last row is the dashboard's
    current value and the charts draw the rows in order. A period within another's
    (`2025-26 to date` and `2025-26`, `Q1 2025-26` and `2025-26`) is refused like one given
    twice, and so is one that shares only some days with another (`2025` beside `2025-26`):
    those days would count twice. Rolling years (`year to March 2026` beside `year to June
    2026`) overlap by their nature, and are each a row. A column that writes months as
    `2010-05` holds `2010-11` as November 2010, else `2010-11` is a financial year. A period
    that cannot be read is warned about once a file (`unread_problem`): it is shown as
    written, but its order and overlaps go unchecked."""
    refused = _refused_periods(table)
    if refused:
        return refused
    problems = _period_errors(table)
    warnings = (long_label_problem(table), unread_problem(table), many_rows_problem(table))
    return problems + [warning for warning in warnings if warning is not None]


_TOTALS = re.compile(r"(?:(?:grand\s+|sub-?\s*)?totals?|sums?|all\s+years)\b.*",
                     re.IGNORECASE | re.DOTALL)
"""The periods of a totals row, as finance exports add it: Total, Grand total, Sum, and
with the years it adds up after it (Total 2021-23, Totals: all years)."""


def _refused_periods(table: Table) -> list[Problem]:
    """An error at each row whose period is empty or names a totals row (`Total`, `Grand
    total`, `Sum`): the dashboard reads every row as a period, the last as the current value,
    so a total would be shown as this year's figure."""
    problems = []
    for line, cells in table.rows:
        if not cells[0]:
            problems.append(Problem(table.path, line, table.header[0],
                                    "is empty: write the period the row's figures are for "
                                    "(such as 2025-26), or leave the row out"))
        elif _TOTALS.fullmatch(cells[0].rstrip(":").strip()):
            problems.append(Problem(table.path, line, table.header[0],
                                    f"{quoted(cells[0])} looks like a totals row: delete it (the "
                                    "dashboard reads every row as a period)"))
    return problems


def unread_problem(table: Table) -> Problem | None:
    """A warning at the first period of `table` that cannot be read (`2023-26`, `foo`),
    naming the others, with the forms that are read; None when every period is read. A
    label longer than `LONG_PERIOD` is left to `long_label_problem`."""
    unread = [(line, label) for line, label in _unread(table) if len(label) <= LONG_PERIOD]
    if not unread:
        return None
    (line, label), others = unread[0], unread[1:]
    listed = ", ".join(f"{quoted(text)} on line {number}" for number, text in others[:3])
    more = f" and {len(others) - 3} more" if len(others) > 3 else ""
    also = f" (nor are {listed}{more})" if others else ""
    it, its = ("them", "their") if others else ("it", "its")
    return Problem(table.path, line, table.header[0], (
        f"{quoted(label)} is not a period check can read{also}: the dashboard shows {it} as "
        f"written, but {its} order and overlaps with the other rows cannot be checked; write "
        f"{it} as {UNDERSTOOD}{_advice(label)}"), Severity.WARNING)


def _unread(table: Table) -> list[tuple[int, str]]:
    """Each row's (line, period) whose period cannot be read; a label holding a control
    character is left out (`read_table` refuses it at its line already)."""
    months = reads_months(table.labels)
    return [(line, cells[0]) for line, cells in table.rows
            if parse_period(cells[0], date.max, months=months) is None
            and not UNSAFE_CHARACTERS.search(cells[0])]


def long_label_problem(table: Table) -> Problem | None:
    """A warning at the first period longer than `LONG_PERIOD` characters that cannot be read
    (a note or a sentence in the period's cell), naming how many others there are; None when
    there is none. Its chart shows a few characters of it, so its axis stays readable."""
    long = [(line, label) for line, label in _unread(table) if len(label) > LONG_PERIOD]
    if not long:
        return None
    (line, label), others = long[0], long[1:]
    also = f" (as are {len(others):,} other periods)" if others else ""
    return Problem(table.path, line, table.header[0], (
        f"{quoted(label)} ({len(label):,} characters) is too long for a period{also}: the "
        "chart shows only its start and the table all of it, and check cannot read it to check "
        "the rows' order; write the period alone, as "
        f"{UNDERSTOOD}"), Severity.WARNING)


def many_rows_problem(table: Table) -> Problem | None:
    """A warning at a series of more than `CHART_ROWS` rows: its chart shows their trend but
    cannot label each period (the table beside it has every one)."""
    if len(table.rows) <= CHART_ROWS:
        return None
    return Problem(table.path, None, None, (
        f"has {len(table.rows):,} periods: its chart shows their trend but labels only a few "
        f"of them (the table beside it has every one); for a chart that can label each period, "
        f"give a row a year or a quarter (at most {CHART_ROWS} rows)"), Severity.WARNING)


def _advice(label: str) -> str:
    """For `2023-26` (years further apart, the second written short): what it may mean."""
    match = _SHORT_YEARS.fullmatch(label.strip())
    if match is None:
        return ""
    first, last = int(match.group(1)), int(match.group(1)) // 100 * 100 + int(match.group(2))
    if last <= first + 1:
        return ""
    return (f" ({label.strip()}: write {first}-{last} for calendar years, or "
            f"{first}-{(first + 1) % 100:02d} to {last - 1}-{last % 100:02d} for financial years)")


_SHORT_YEARS = re.compile(r"(\d{4})\s*[-/\u2013]\s*(\d{2})")


def _period_errors(table: Table) -> list[Problem]:
    """`period_problems`' errors: periods given twice, within or overlapping another, or
    out of order."""
    relative, name, rows = table.path, table.header[0], table.rows
    months = reads_months(table.labels)
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    spans: dict[Span, tuple[int, str]] = {}
    covered: list[tuple[Span, int, str]] = []
    reach: Span | None = None  # from the first day of the periods read to their last
    for line, cells in rows:
        key = " ".join(cells[0].split()).casefold()
        span = parse_period(cells[0], months=months)
        # a year so far, for a series with no clock: all of it (no row is of days to come)
        wide = span or parse_period(cells[0], date.max, months=months)
        # a period outside every earlier one's days (each row of an ordered series) is
        # neither within, holding nor overlapping one: no need to look at each
        apart = wide is None or reach is None or not overlaps(wide, reach)
        if key in seen:
            problems.append(Problem(relative, line, name, f"{quoted(cells[0])} is on line "
                                    f"{seen[key]} too: give each period one row"))
        elif span is not None and span in spans:
            first_line, first = spans[span]
            problems.append(Problem(relative, line, name, (
                f"{quoted(cells[0])} is the same period as {quoted(first)} on line "
                f"{first_line} ({_span_words(span)}): give each period one row")))
        elif not apart and wide is not None and (other := _overlapping(wide, covered)):
            problems.append(_overlap_problem(table, (line, cells[0], wide), other,
                                             so_far=span is None))
        elif not apart and wide is not None and (other := _crossing((cells[0], wide), covered)):
            problems.append(_crossing_problem(table, (line, cells[0], wide), other))
        seen.setdefault(key, line)
        if span is not None:
            spans.setdefault(span, (line, cells[0]))
        if wide is not None:
            covered.append((wide, line, cells[0]))
            reach = wide if reach is None else (min(reach[0], wide[0]), max(reach[1], wide[1]))
    return problems or _order_problems(table, months)


def _order_problems(table: Table, months: bool) -> list[Problem]:
    """The first row whose period comes before the row above it, by the start (then the
    end) of the periods `parse_period` reads (`Q2 2025-26`, July to September 2025, comes
    after `Jun 2025`). A period it cannot read (`Wave 2`, `Summer 2025`) is skipped, as its
    warning says (`unread_problem`): each period read is compared with the last one read
    above it, so `2024-25`, `Wave 2`, `2023-24` is still out of order."""
    before: tuple[str, Span] | None = None
    for line, cells in table.rows:
        # a year so far (`2025-26 to date`) is placed by its whole year
        span = parse_period(cells[0], date.max, months=months)
        if span is None:
            continue
        if before is not None and span < before[1]:
            return [Problem(table.path, line, table.header[0], (
                f"{quoted(cells[0])} comes after {quoted(before[0])}: put the rows in order, "
                "oldest first (the last row is the current value the dashboard shows)"))]
        before = (cells[0], span)
    return []


def _overlapping(span: Span, covered: list[tuple[Span, int, str]]) -> tuple[Span, int, str] | None:
    """The first earlier row whose period holds `span` or lies within it."""
    return next((row for row in covered if _within(span, row[0]) or _within(row[0], span)), None)


def _crossing(row: tuple[str, Span], covered: list[tuple[Span, int, str]]
              ) -> tuple[Span, int, str] | None:
    """The first earlier row whose period shares some days with `row`'s (period, span) but
    not all (a calendar year beside a financial year), other than two rolling years."""
    period, span = row
    months = rolling_months(period)
    return next((other for other in covered if overlaps(span, other[0])
                 and (months is None or rolling_months(other[2]) != months)), None)


def _crossing_problem(table: Table, row: tuple[int, str, Span],
                      other: tuple[Span, int, str]) -> Problem:
    """`row` (line, period, span) sharing some days with `other`'s period."""
    line, period, span = row
    other_span, other_line, other_period = other
    shared = (max(span[0], other_span[0]), min(span[1], other_span[1]))
    return Problem(table.path, line, table.header[0],
                   f"{quoted(period)} overlaps {quoted(other_period)} on line {other_line}: both "
                   f"hold {_span_words(shared)}, which the chart would show twice; give each "
                   "stretch of time one row, none overlapping another (every row a financial "
                   "year, such as 2025-26, or every row a calendar year, such as 2025)")


def _within(inner: Span, outer: Span) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _overlap_problem(table: Table, row: tuple[int, str, Span], other: tuple[Span, int, str], *,
                     so_far: bool) -> Problem:
    """`row` (line, period, span) within `other`'s period or holding it; a year so far
    (`so_far`) is the part of its whole year."""
    line, period, span = row
    other_span, other_line, other_period = other
    how = "is part of" if _within(span, other_span) and (so_far or span != other_span) \
        else "takes in"
    return Problem(table.path, line, table.header[0],
                   f"{quoted(period)} {how} {quoted(other_period)} on line {other_line}: give "
                   "each stretch of time one row, none within another (the last row is the "
                   "current value the dashboard shows)")


def _span_words(span: Span) -> str:
    """e.g. '1 April 2024 to 31 March 2025', 'April 2025' for a month, '14 March 2026'
    for a day."""
    start, end = span
    if start.day == 1 and (start.year, start.month) == (end.year, end.month) \
            and end.day == calendar.monthrange(end.year, end.month)[1]:
        return f"{calendar.month_name[start.month]} {start.year}"
    first, last = (f"{day.day} {calendar.month_name[day.month]} {day.year}" for day in span)
    return first if start == end else f"{first} to {last}"


def number(cell: str) -> float | None:
    """A cell as a number, or None when it is not one."""
    try:
        value = float(cell)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None
