"""Formatting figures for people: £1.2m, 68%, 4 minutes (one place for site, pack and feeds)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from generator.model.story import Metric, Unit

_UNIT_WORDS = {
    Unit.COUNT: ("", ""),
    Unit.HOURS: ("hour", "hours"),
    Unit.DAYS: ("day", "days"),
    Unit.MINUTES: ("minute", "minutes"),
    Unit.SCORE: ("", ""),
    Unit.PEOPLE: ("person", "people"),
    Unit.TONNES_CO2E: ("tonne CO2e", "tonnes CO2e"),
}


def _number(value: float, decimals: int = 1) -> str:
    """`value` with thousands separators and at most `decimals` decimals, halves rounded up
    (0.25 hours is 0.3 hours, as people round, not 0.2 as binary floats and Python do)."""
    rounded = _round(value, decimals)
    if rounded == 0 and value != 0:
        return _tiny(value)
    if rounded == rounded.to_integral_value():
        return f"{int(rounded):,}"
    return f"{rounded:,.{decimals}f}".rstrip("0").rstrip(".")


def _round(value: float, decimals: int) -> Decimal:
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)


_TINY_PLACES = 9


def _tiny(value: float) -> str:
    """A figure too small for the usual decimals, to two significant figures (0.0001 hours,
    never "0 hours": a figure there was is not shown as none)."""
    places = min(_TINY_PLACES, 1 - math.floor(math.log10(abs(value))))
    rounded = _round(value, places)
    return f"{rounded.normalize():f}" if rounded != 0 else "almost 0"


def short(value: float, unit: Unit) -> str:
    """Compact form for cards and headlines: £1.2m, £45k, £2.5bn, 68%, 4 minutes, 1,200."""
    if unit is Unit.GBP:
        return "-" * (value < 0) + "£" + _short_money(abs(value))
    return _with_unit(_figure(value, 1, unit), value, unit)


def full(value: float, unit: Unit) -> str:
    """Exact form for tables and packs: £1,234,567, £0.50, 68.5%, 4 minutes."""
    if unit is Unit.GBP:
        return "-" * (value < 0) + "£" + _pounds(abs(value))
    return _with_unit(_figure(value, 2, unit), value, unit)


def _figure(value: float, decimals: int, unit: Unit) -> str:
    """`value` as `_number` gives it; a percentage that would round to 100% without being
    100 with more decimals (99.95%, never "100%" for what is not all)."""
    text = _number(value, decimals)
    while (unit is Unit.PERCENT and decimals < _TINY_PLACES and abs(value) != 100
           and abs(_round(value, decimals)) == 100):
        decimals += 1
        text = _number(value, decimals)
    return text


def _pounds(value: float) -> str:
    """£1,234 for whole pounds; £1,234.50 with pence (always two figures)."""
    rounded = _round(value, 2)
    if rounded == 0 and value != 0:
        return _tiny(value)
    if rounded == rounded.to_integral_value():
        return f"{int(rounded):,}"
    return f"{rounded:,.2f}"


_SCALES = ((1_000_000_000, "bn", 1), (1_000_000, "m", 1), (1_000, "k", 0))
"""Money from £10,000 up in thousands, millions and billions (GOV.UK style: £45k, £1.2m,
£2.5bn), each a step up once it rounds to 1,000 of its own: £999,999 is £1m, not £1000k."""


def _short_money(value: float) -> str:
    if value < 10_000:
        return _pounds(value)
    index = next(n for n, (size, _, _) in enumerate(_SCALES) if value >= size)
    size, suffix, decimals = _SCALES[index]
    if index > 0 and _round(value / size, decimals) >= 1000:  # rounds up into the next scale
        size, suffix, decimals = _SCALES[index - 1]
    return _number(value / size, decimals) + suffix


def _percent(value: float) -> str:
    """A change as a percentage: whole from 1% up, with a decimal below, never "0%" for a
    change there was."""
    if _round(value, 0) >= 1:
        return f"{_number(value, 0)}%"
    if _round(value, 1) > 0:
        return f"{_number(value, 1)}%"
    return "less than 0.1%"


def _with_unit(text: str, value: float, unit: Unit) -> str:
    if unit is Unit.PERCENT:
        return f"{text}%"
    one, many = _UNIT_WORDS[unit]
    if not many:
        return text
    return f"{text} {one if value == 1 else many}"


@dataclass(frozen=True)
class Change:
    """A metric's movement from its baseline, and whether that is better."""

    text: str
    """e.g. 'down 45%' or 'up 12 percentage points'."""
    better: bool | None
    """True when it moved the way `direction` says is better; None when unchanged."""


def change(metric: Metric) -> Change | None:
    """How the metric moved from its baseline, or None without a baseline."""
    if metric.baseline is None:
        return None
    delta = metric.value - metric.baseline
    if delta == 0:
        return Change("no change", None)
    word = "up" if delta > 0 else "down"
    better = (delta > 0) == (metric.direction == "up")
    if metric.unit is Unit.PERCENT:
        return Change(f"{word} {_number(abs(delta))} percentage points", better)
    if metric.baseline != 0:
        return Change(f"{word} {_percent(abs(delta) / abs(metric.baseline) * 100)}", better)
    return Change(f"{word} {full(abs(delta), metric.unit)}", better)
