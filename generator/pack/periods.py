"""Metric periods as date ranges: 2026, 2025-26, FY2025/26, FY25/26, 2026-03, Jan 2026,
Q4 2025-26, 2026 Q1, H1 2025-26, 2026-03-14, 1 April 2025, and a range of any two
(`2025-04-01/2026-03-31`, `1 April 2025 to 31 March 2026`, `Oct 2025–Mar 2026`,
`Apr-Sep 2024`, `Apr 23 - Mar 24`); a note in brackets after it (`(provisional)`) is left
aside."""

from __future__ import annotations

import calendar
import re
from datetime import date

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
_MONTH = re.compile(r"(\d{4})-(\d{2})")
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
#: between the two ends of a range: " to ", " until ", a spaced dash, or "/" between ISO dates
#: or an unspaced dash between a year and a month's name (`Oct 2025–Mar 2026`)
_RANGE = re.compile(r"\s+(?:to|until|-|\u2013|\u2014)\s+|(?<=\d{4}-\d{2}-\d{2})/(?=\d{4}-)"
                    r"|(?<=[A-Za-z.]\s\d{4})[-\u2013\u2014](?=[A-Za-z])", re.IGNORECASE)


def parse_period(text: str) -> Span | None:
    """The first and last day `text` covers, or None when it cannot be read.

    `2025-26` is a UK financial year (1 April 2025 to 31 March 2026); `2026-03` a month;
    a quarter of a financial year (`Q4 2025-26`) counts from April, of a calendar year
    (`2026 Q1`) from January.
    """
    value = _NOTE.sub("", " ".join(text.split()))
    try:
        return _single(value) or _range(value)
    except ValueError:
        return None


def is_reversed(text: str) -> bool:
    """True when `text` is a range whose two ends are readable but swapped (`March 2026 to
    January 2026`)."""
    value = _NOTE.sub("", " ".join(text.split()))
    try:
        ends = _ends(value)
    except ValueError:
        return False
    return ends is not None and ends[1][1] < ends[0][0]


def _single(value: str) -> Span | None:
    if match := _DAY.fullmatch(value):
        return _day(date(*(int(g) for g in match.groups())))
    if (match := _MONTH.fullmatch(value)) and 1 <= int(match.group(2)) <= 12:
        return _month(int(match.group(1)), int(match.group(2)))
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


def _range(value: str) -> Span | None:
    """`A to B` (or `A/B`, `A - B`) with both ends readable, or `Apr-Sep 2024`; a first end
    without its year (`April to September 2024`) takes the second's."""
    if match := _MONTH_RANGE.fullmatch(value):
        first, last = _month_number(match.group(1)), _month_number(match.group(2))
        year = int(match.group(3))
        return (date(year, first, 1), _month(year, last)[1]) if first and last and first <= last \
            else None
    ends = _ends(value)
    if ends is None or ends[1][1] < ends[0][0]:
        return None
    return ends[0][0], ends[1][1]


def _ends(value: str) -> tuple[Span, Span] | None:
    """The two ends of `A to B` as written (perhaps swapped), when both can be read."""
    parts = _RANGE.split(value)
    if len(parts) != 2:
        return None
    short = [_SHORT_MONTH.fullmatch(part) for part in parts]
    if short[0] and short[1]:
        months = [_month_number(m.group(1)) for m in short if m]
        if months[0] and months[1]:
            return (_month(2000 + int(short[0].group(2)), months[0]),
                    _month(2000 + int(short[1].group(2)), months[1]))
    end = _single(parts[1])
    start = _single(parts[0])
    if start is None and end is not None:
        start = _single(f"{parts[0]} {end[1].year}")
    if start is None or end is None:
        return None
    return start, end


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
    if end != start + 1:
        return None
    return date(start, 4, 1), date(end, 3, 31)


def overlaps(one: Span, other: Span) -> bool:
    """True when the two spans share at least one day."""
    return one[0] <= other[1] and other[0] <= one[1]
