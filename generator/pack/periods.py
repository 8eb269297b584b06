"""Metric periods as date ranges: 2026, 2025-26, 2026-03, 2026-03-14."""

from __future__ import annotations

import calendar
import re
from datetime import date

Span = tuple[date, date]

_YEAR = re.compile(r"(\d{4})")
_FINANCIAL = re.compile(r"(\d{4})[-/](\d{2}|\d{4})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_period(text: str) -> Span | None:
    """The first and last day `text` covers, or None when it cannot be read.

    `2025-26` is a UK financial year (1 April 2025 to 31 March 2026); `2026-03` a month.
    """
    value = text.strip()
    try:
        if match := _DAY.fullmatch(value):
            day = date(*(int(g) for g in match.groups()))
            return day, day
        if (match := _MONTH.fullmatch(value)) and 1 <= int(match.group(2)) <= 12:
            year, month = int(match.group(1)), int(match.group(2))
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        if match := _FINANCIAL.fullmatch(value):
            return _financial(int(match.group(1)), match.group(2))
        if match := _YEAR.fullmatch(value):
            year = int(match.group(1))
            return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None
    return None


def _financial(start: int, end_text: str) -> Span | None:
    end = int(end_text) if len(end_text) == 4 else start // 100 * 100 + int(end_text)
    if end != start + 1:
        return None
    return date(start, 4, 1), date(end, 3, 31)


def overlaps(one: Span, other: Span) -> bool:
    """True when the two spans share at least one day."""
    return one[0] <= other[1] and other[0] <= one[1]
