"""Periods as date ranges: 2026, 2025-26, FY2025/26, FY25/26, 2023-2026, 2026-03, Jan 2026,
Q4 2025-26, 2026 Q1, H1 2025-26, 2026-03-14, 1 April 2025, a range of any two
(`2025-04-01/2026-03-31`, `1 April 2025 to 31 March 2026`, `Oct 2025–Mar 2026`,
`Apr-Sep 2024`, `Oct-Mar 2025-26`, `Apr 23 - Mar 24`), the months up to one
(`year to March 2026`, `12 months to March 2026`) and a year so far (`2025-26 to date`,
given the day it is); a note in brackets after it (`(provisional)`) is left aside.
`2010-11` is the financial year 2010-11, as `2025-26` is, unless its context writes months
as `2010-05` (`reads_months`: a series' other labels, a range's other end).

Read for an award's metric periods (`pack.checklist`) and a data series' rows
(`reading.series`): both mean the same span by the same words."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date, timedelta

Span = tuple[date, date]

UNDERSTOOD = ("2025-26 (a financial year), FY2025/26, 2026, 2026-03, Jan 2026, Q4 2025-26, "
              "2026 Q1, 2026-03-14, or a range such as 2025-04-01 to 2026-03-31")
"""The forms `parse_period` reads, as the checklist suggests them."""

_MONTHS = {name.casefold(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.casefold(): number for number, name in enumerate(calendar.month_abbr) if name}
_MONTHS |= {"sept": 9}
_MONTH_NAME = r"([A-Za-z]{3,9})\.?"

_YEAR = re.compile(r"(\d{4})")
_FINANCIAL = re.compile(r"(?:FY\s*)?(\d{4})\s*[-/\u2013]\s*(\d{2}|\d{4})", re.IGNORECASE)
#: 2023-2026: calendar years 2023 through 2026, as `2023 to 2026` (two years in a row,
#: 2025-2026, are a financial year; a two-digit end, 2023-26, is not read)
_YEARS = re.compile(r"(\d{4})\s*[-\u2013]\s*(\d{4})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
#: 2010-11: a month or a financial year by its shape; read as the financial year unless the
#: labels around it write months so (`reads_months`)
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_NAMED_MONTH = re.compile(_MONTH_NAME + r",?\s+(\d{4})")
_NAMED_DAY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH_NAME + r",?\s+(\d{4})")
_FINANCIAL_QUARTER = re.compile(r"Q([1-4])\s+(.+)|(.+?)\s+Q([1-4])", re.IGNORECASE)
_HALF = re.compile(r"H([12])\s+(.+)|(.+?)\s+H([12])", re.IGNORECASE)
#: FY25/26, FY 25-26: a financial year by two-digit years (only with FY)
_SHORT_FINANCIAL = re.compile(r"FY\s*(\d{2})\s*[-/\u2013]\s*(\d{2})", re.IGNORECASE)
#: Apr 23: a month and a two-digit year, read only as an end of a range (`Apr 23 - Mar 24`)
_SHORT_MONTH = re.compile(_MONTH_NAME + r",?\s+'?(\d{2})")
#: a note after the period, e.g. `2025-26 (provisional)`
_NOTE = re.compile(r"\s*\([^()]*\)$")
_MONTH_RANGE = re.compile(_MONTH_NAME + r"\s*[-\u2013\u2014]\s*" + _MONTH_NAME + r",?\s+(\d{4})")
#: Oct-Mar 2025-26: months of a financial year, each in the calendar year it falls in
_FINANCIAL_MONTH_RANGE = re.compile(_MONTH_NAME + r"\s*[-\u2013\u2014]\s*" + _MONTH_NAME
                                    + r",?\s+(.+)")
#: year to March 2026, 12 months ending 31 March 2026: the months up to the end written
_ROLLING = re.compile(r"(?:(?:the\s+)?(?:financial\s+)?year|(\d{1,2}|twelve)\s+months?)\s+"
                      r"(?:to|ending|ended|until)\s+(.+)", re.IGNORECASE)
#: 2025-26 to date, 2026 so far: a year (or quarter, half) up to the day it is
_SO_FAR = re.compile(r"(.+?)\s+(?:to\s+date|so\s+far)", re.IGNORECASE)
#: between the two ends of a range: " to ", " until ", a spaced dash, or "/" between ISO dates
#: or an unspaced dash between a year and a month's name (`Oct 2025–Mar 2026`)
_RANGE = re.compile(r"\s+(?:to|until|-|\u2013|\u2014)\s+|(?<=\d{4}-\d{2}-\d{2})/(?=\d{4}-)"
                    r"|(?<=[A-Za-z.]\s\d{4})[-\u2013\u2014](?=[A-Za-z])", re.IGNORECASE)


def parse_period(text: str, today: date | None = None, *, months: bool = False) -> Span | None:
    """The first and last day `text` covers, or None when it cannot be read.

    `2025-26` (or `2025-2026`) is a UK financial year (1 April 2025 to 31 March 2026);
    years further apart are calendar years (`2023-2026`: 1 January 2023 to 31 December 2026,
    as `2023 to 2026`); `2026-03` a month. `2010-11` has both shapes: it is the financial
    year 2010-11, as `2025-26` is, unless `months` (the labels around it write months so,
    `reads_months`), when it is November 2010; a range's other end decides it too
    (`2010-11 to 2011-03` is November 2010 to March 2011);
    a quarter of a financial year (`Q4 2025-26`) counts from April, of a calendar year
    (`2026 Q1`) from January. `year to March 2026` is the twelve months ending with March
    2026 (April 2025 to March 2026). `2025-26 to date` is the year from its start up to
    `today` (at most to its end); without `today` it is not read, as its end is unknown.
    """
    value = _NOTE.sub("", " ".join(text.split()))
    try:
        if match := _SO_FAR.fullmatch(value):
            return _so_far(match.group(1), today, months)
        return _single(value, months) or _rolling(value, months) or _range(value, months)
    except ValueError:
        return None


def starts_after(text: str, today: date) -> date | None:
    """The first day of a year so far (`2027-28 to date`) that has not begun by `today`,
    else None: such a period is readable, but holds no day yet."""
    match = _SO_FAR.fullmatch(_NOTE.sub("", " ".join(text.split())))
    try:
        whole = _single(match.group(1)) if match else None
    except ValueError:
        return None
    return whole[0] if whole is not None and today < whole[0] else None


def is_reversed(text: str) -> bool:
    """True when `text` is a range whose two ends are readable but swapped (`March 2026 to
    January 2026`)."""
    value = _NOTE.sub("", " ".join(text.split()))
    try:
        ends = _ends(value)
    except ValueError:
        return False
    return ends is not None and ends[1][1] < ends[0][0]


def rolling_months(text: str) -> int | None:
    """How many months a rolling period (`year to March 2026`, `12 months ending 31 March
    2026`) counts back, or None for any other text."""
    match = _ROLLING.fullmatch(_NOTE.sub("", " ".join(text.split())))
    if match is None or parse_period(text) is None:
        return None
    return _months_back(match)


def _months_back(match: re.Match[str]) -> int:
    count = (match.group(1) or "12").casefold()
    return 12 if count == "twelve" else int(count)


def _single(value: str, months: bool = False) -> Span | None:
    if match := _DAY.fullmatch(value):
        return _day(date(*(int(g) for g in match.groups())))
    if (match := _MONTH.fullmatch(value)) and 1 <= int(match.group(2)) <= 12 \
            and (months or not financial_shaped(value)):
        return _month(int(match.group(1)), int(match.group(2)))
    if (match := _YEARS.fullmatch(value)) and int(match.group(2)) > int(match.group(1)) + 1:
        return date(int(match.group(1)), 1, 1), date(int(match.group(2)), 12, 31)
    if match := _FINANCIAL.fullmatch(value):
        return _financial(int(match.group(1)), match.group(2))
    if match := _SHORT_FINANCIAL.fullmatch(value):
        return _financial(2000 + int(match.group(1)), match.group(2))
    if match := _YEAR.fullmatch(value):
        year = int(match.group(1))
        return date(year, 1, 1), date(year, 12, 31)
    if (match := _NAMED_MONTH.fullmatch(value)) and (month := _month_number(match.group(1))):
        return _month(int(match.group(2)), month)
    if (match := _NAMED_DAY.fullmatch(value)) and (month := _month_number(match.group(2))):
        return _day(date(int(match.group(3)), month, int(match.group(1))))
    if match := _FINANCIAL_QUARTER.fullmatch(value):
        return _quarter(int(match.group(1) or match.group(4)), match.group(2) or match.group(3))
    if match := _HALF.fullmatch(value):
        return _half(int(match.group(1) or match.group(4)), match.group(2) or match.group(3))
    return None


def financial_shaped(text: str) -> bool:
    """True when `text` is `YYYY-YY` with the second year the one after the first (2010-11,
    1999-00): a financial year, though 2000-01 to 2011-12 are also shaped as months."""
    match = _MONTH.fullmatch(text.strip())
    return match is not None and int(match.group(2)) == (int(match.group(1)) + 1) % 100


def reads_months(labels: Iterable[str]) -> bool:
    """True when one of `labels` is a month written `YYYY-MM` that cannot be a financial
    year (2010-05): labels written so are months, and their `2010-11` is November 2010."""
    return any((match := _MONTH.fullmatch(label.strip())) is not None
               and 1 <= int(match.group(2)) <= 12 and not financial_shaped(label)
               for label in labels)


def _so_far(since: str, today: date | None, months: bool = False) -> Span | None:
    """A year, quarter or half so far: from its start up to `today`, at most to its end;
    from a month or a day (`April 2025 to date`), up to `today`."""
    whole = _single(since, months)
    if whole is None or today is None or today < whole[0]:
        return None
    within = whole[1] > _month(whole[0].year, whole[0].month)[1]
    return whole[0], min(whole[1], today) if within else today


def _rolling(value: str, months_shape: bool = False) -> Span | None:
    """`year to March 2026` (or `12 months ending 31 March 2026`): the months up to the end
    written, which is a month or a day."""
    match = _ROLLING.fullmatch(value)
    if match is None:
        return None
    months = _months_back(match)
    end = _single(match.group(2), months_shape)
    if end is None or not 1 <= months <= 36:
        return None
    if end[0] == end[1]:  # a day: from the day after the same day `months` earlier
        earlier = _add_months(date(end[1].year, end[1].month, 1), -months)
        day = min(end[1].day, calendar.monthrange(earlier.year, earlier.month)[1])
        return date(earlier.year, earlier.month, day) + timedelta(days=1), end[1]
    if (end[0].day, end[1]) != (1, _month(end[0].year, end[0].month)[1]):
        return None  # a year or a quarter: "year to 2026" says no month
    return _add_months(end[0], 1 - months), end[1]


def _range(value: str, months: bool = False) -> Span | None:
    """`A to B` (or `A/B`, `A - B`) with both ends readable, `Apr-Sep 2024`, or
    `Oct-Mar 2025-26` (months of a financial year); a first end without its year
    (`April to September 2024`) takes the second's."""
    if match := _MONTH_RANGE.fullmatch(value):
        first, last = _month_number(match.group(1)), _month_number(match.group(2))
        year = int(match.group(3))
        return (date(year, first, 1), _month(year, last)[1]) if first and last and first <= last \
            else None
    if match := _FINANCIAL_MONTH_RANGE.fullmatch(value):
        return _financial_months(match.group(1), match.group(2), match.group(3))
    ends = _ends(value, months)
    if ends is None or ends[1][1] < ends[0][0]:
        return None
    return ends[0][0], ends[1][1]


def _ends(value: str, months: bool = False) -> tuple[Span, Span] | None:
    """The two ends of `A to B` as written (perhaps swapped), when both can be read; an end
    shaped both as a month and as a financial year (2010-11) is a month when the other end is
    a month so written (2011-03)."""
    parts = _RANGE.split(value)
    if len(parts) != 2:
        return None
    months = months or reads_months(parts)
    short = [_SHORT_MONTH.fullmatch(part) for part in parts]
    if short[0] and short[1]:
        numbers = [_month_number(m.group(1)) for m in short if m]
        if numbers[0] and numbers[1]:
            return (_month(2000 + int(short[0].group(2)), numbers[0]),
                    _month(2000 + int(short[1].group(2)), numbers[1]))
    end = _single(parts[1], months)
    start = _single(parts[0], months)
    if start is None and end is not None:
        start = _single(f"{parts[0]} {end[1].year}", months)
    if start is None or end is None:
        return None
    return start, end


def _financial_months(first_name: str, last_name: str, year_text: str) -> Span | None:
    """`Oct-Mar 2025-26`: October 2025 to March 2026 (April to March is the year's order)."""
    first, last = _month_number(first_name), _month_number(last_name)
    year = _single(year_text) if _FINANCIAL.fullmatch(year_text) or \
        _SHORT_FINANCIAL.fullmatch(year_text) else None
    if not first or not last or year is None or year[1].year != year[0].year + 1:
        return None  # (2023-2026 is calendar years, not one financial year)
    start = _month(year[0].year if first >= 4 else year[1].year, first)
    end = _month(year[0].year if last >= 4 else year[1].year, last)
    return (start[0], end[1]) if start[0] <= end[0] else None


def _day(day: date) -> Span:
    return day, day


def _month(year: int, month: int) -> Span:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _month_number(name: str) -> int | None:
    return _MONTHS.get(name.casefold())


def _quarter(number: int, year_text: str) -> Span | None:
    """Quarter `number` of a financial year (from April) or of a calendar year."""
    if (match := _FINANCIAL.fullmatch(year_text)) and (year := _financial(
            int(match.group(1)), match.group(2))):
        first = _add_months(year[0], 3 * (number - 1))
    elif match := _YEAR.fullmatch(year_text):
        first = date(int(match.group(1)), 3 * (number - 1) + 1, 1)
    else:
        return None
    last = _add_months(first, 2)
    return first, _month(last.year, last.month)[1]


def _half(number: int, year_text: str) -> Span | None:
    """Half `number` of a financial year (H1: April to September) or of a calendar year."""
    first = _quarter(2 * number - 1, year_text)
    last = _quarter(2 * number, year_text)
    return (first[0], last[1]) if first and last else None


def _add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    return date(day.year + index // 12, index % 12 + 1, 1)


def _financial(start: int, end_text: str) -> Span | None:
    end = int(end_text) if len(end_text) == 4 else start // 100 * 100 + int(end_text)
    if len(end_text) == 2 and end == start - 99:  # 1999-00: the year 2000
        end += 100
    if end != start + 1:
        return None
    return date(start, 4, 1), date(end, 3, 31)


def overlaps(one: Span, other: Span) -> bool:
    """True when the two spans share at least one day."""
    return one[0] <= other[1] and other[0] <= one[1]
