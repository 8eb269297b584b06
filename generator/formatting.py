"""Formatting figures for people: £1.2m, 68%, 4 minutes (one place for site, pack and feeds)."""

from __future__ import annotations

from dataclasses import dataclass

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
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.{decimals}f}".rstrip("0").rstrip(".")


def short(value: float, unit: Unit) -> str:
    """Compact form for cards and headlines: £1.2m, £45k, 68%, 4 minutes, 1,200."""
    if unit is Unit.GBP:
        return "-" * (value < 0) + "£" + _short_money(abs(value))
    return _with_unit(_number(value), value, unit)


def full(value: float, unit: Unit) -> str:
    """Exact form for tables and packs: £1,234,567, 68.5%, 4 minutes."""
    if unit is Unit.GBP:
        return "-" * (value < 0) + "£" + _number(abs(value), 2)
    return _with_unit(_number(value, 2), value, unit)


def _short_money(value: float) -> str:
    if value >= 1_000_000:
        return f"{value / 1_000_000:.1f}".rstrip("0").rstrip(".") + "m"
    if value >= 10_000:
        return f"{value / 1_000:.0f}k"
    return _number(value)


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
        return Change(f"{word} {_number(abs(delta) / abs(metric.baseline) * 100, 0)}%", better)
    return Change(f"{word} {full(abs(delta), metric.unit)}", better)
