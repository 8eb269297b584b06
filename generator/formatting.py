"""Formatting figures for people: £1.2m, 68%, 4 minutes (one place for site, pack and feeds).

Figures are rounded as people round (halves up), with one honesty rule for every unit and
for changes: a figure is never shown as a different figure that says more than it does.

- Never none: a figure that is not 0 is never shown as "0" (0.0001 hours, £0.004).
- Never all: a figure that is not exactly at a scale's end is never rounded onto it. For a
  percentage (and a change in percentage points, or a change as a percentage) that end is
  100: 99.95%, "down 99.999%", never "100%" for what is not all. A score's scale is not
  known (1-5, 1-7, 0-10, 0-100), and any whole number may be its top, so a score is never
  rounded onto a whole number it is not: 99.999, 4.96, never "100" or "5".
- Never a different first digit: below 1, a figure keeps its first significant digit as
  written: 0.05% (never 0.1%, double it), 0.25 hours (never 0.3), 0.96 (never 1).

Such a figure is given with as few more decimals as that takes: two significant digits for
a small one (0.05, 0.049, 0.0046), as many as needed to step off the end for the others
(99.95%, 99.999), up to 9 decimals (`_LIMIT`, the most a figure keeps anywhere). Only a
figure nearer than that says it in words: "almost 0", "almost 100%".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
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

_LIMIT = 9
"""The most decimals a figure is given to stay honest; beyond them it is said in words."""


def _exact(value: float | Decimal) -> Decimal:
    """The figure as written (0.1 is 0.1, not the binary float nearest to it)."""
    return value if isinstance(value, Decimal) else Decimal(repr(float(value)))


def _round(value: Decimal, decimals: int) -> Decimal:
    """Halves rounded up (0.25 is 0.3 to one decimal, as people round, not 0.2 as binary
    floats and Python do)."""
    return value.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)


def _at_an_end(rounded: Decimal, unit: Unit | None) -> bool:
    """Whether `rounded` is an end of the unit's scale (all or none), other than 0."""
    if unit is Unit.PERCENT:
        return abs(rounded) == 100
    if unit is Unit.SCORE:
        return rounded == rounded.to_integral_value()
    return False


def _first_digit(value: Decimal) -> tuple[int, int]:
    """The place and the digit of the first significant digit (0.05: place -2, digit 5)."""
    place = value.adjusted()
    return place, int(abs(value).scaleb(-place))


def _honest(exact: Decimal, rounded: Decimal, unit: Unit | None) -> bool:
    """Whether `rounded` may stand for `exact` (see the module's rule)."""
    if rounded == exact:
        return True
    if rounded == 0 or _at_an_end(rounded, unit):
        return False
    return abs(exact) >= 1 or _first_digit(rounded) == _first_digit(exact)


def _places(exact: Decimal, decimals: int, unit: Unit | None) -> int | None:
    """`decimals`, or as few more as keep the figure honest; None when even `_LIMIT` does not
    (two significant digits first for a small figure: 0.05, never 0.1)."""
    if _honest(exact, _round(exact, decimals), unit):
        return decimals
    for places in range(max(decimals + 1, 1 - exact.adjusted()), _LIMIT + 1):
        if _honest(exact, _round(exact, places), unit):
            return places
    return None


def _digits(rounded: Decimal, places: int, pence: bool) -> str:
    """1,234 when whole; 1,234.5 (or 1,234.50 for pence) otherwise."""
    if rounded == rounded.to_integral_value():
        return f"{int(rounded):,}"
    if pence and places == 2:
        return f"{rounded:,.2f}"
    return f"{rounded:,.{places}f}".rstrip("0").rstrip(".")


def _number(value: float | Decimal, decimals: int, unit: Unit | None = None,
            pence: bool = False) -> tuple[str, str]:
    """(words, digits) for `value` to `decimals` decimals, or more as the module's rule asks:
    ("", "99.95"), or ("almost ", "100") for a figure nearer 100 than `_LIMIT` decimals."""
    exact = _exact(value)
    places = _places(exact, decimals, unit)
    if places is not None:
        return "", _digits(_round(exact, places), places, pence)
    rounded = _round(exact, _LIMIT)
    if rounded == 0 or abs(exact) < abs(rounded):
        words = "almost "
    else:
        words = "just over " if exact > rounded else "just under "
    return words, _digits(rounded, _LIMIT, pence)


def long_date(value: date) -> str:
    """14 March 2026 (GOV.UK style), as the site and the evidence pack write a date."""
    return f"{value.day} {value:%B %Y}"


def short(value: float, unit: Unit) -> str:
    """Compact form for cards and headlines: £1.2m, £45k, £2.5bn, 68%, 4 minutes, 1,200;
    0.05% and 99.95%, never 0.1% or 100% (the module's rule)."""
    if unit is Unit.GBP:
        return _money(_exact(value), short=True)
    return _with_unit(_number(value, 1, unit), _exact(value), unit)


def full(value: float, unit: Unit) -> str:
    """Exact form for tables and packs: £1,234,567, £0.50, 68.5%, 4 minutes; 99.999, never
    100 for a score that is not (the module's rule)."""
    return _full(_exact(value), unit)


def _full(exact: Decimal, unit: Unit, decimals: int = 2) -> str:
    if unit is Unit.GBP:
        return _money(exact, short=False, decimals=decimals)
    return _with_unit(_number(exact, decimals, unit), exact, unit)


def _money(exact: Decimal, short: bool, decimals: int = 2) -> str:
    """-£1,234.50; in short, from £10,000 up: £45k, £1.2m, £2.5bn."""
    words, digits = (_short_money(abs(exact)) if short and abs(exact) >= 10_000
                     else _number(abs(exact), decimals, pence=True))
    return words + "-" * (exact < 0) + "£" + digits


def apart(values: Sequence[float | None], unit: Unit, compact: bool) -> list[str | None]:
    """Figures of one metric shown side by side (its value, baseline and target) as `short`
    (`compact`) or `full` writes them, but never two different figures written the same:
    a baseline of 49.9999999% beside a value of 50% is "49.9999999%", not "50%" twice. The
    short form gives way to the full one (£1.2m and £1.21m read £1,200,000 and £1,210,000),
    then each step adds a decimal, up to `_LIMIT`. None stays None (a figure not given)."""
    exact = [None if v is None else _exact(v) for v in values]
    shown = [None if v is None else (short(v, unit) if compact else full(v, unit))
             for v in values]
    for decimals in range(2, _LIMIT + 1):
        if not _read_alike(exact, shown):
            break
        shown = [None if v is None else _full(v, unit, decimals) for v in exact]
    return shown


def as_written(value: float, unit: Unit) -> str:
    """`full`, with every decimal the figure is written with (up to `_LIMIT`), for a table of
    data read from a file: 0.585% is 0.585% wherever it is shown, whatever figures are
    beside it (as `apart` would make it only beside 0.59%)."""
    exact = _exact(value)
    exponent = exact.normalize().as_tuple().exponent
    written = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return _full(exact, unit, max(2, min(written, _LIMIT)))


@dataclass(frozen=True)
class Figures:
    """A metric's figures as shown side by side (`apart`): never two different ones alike."""

    value: str
    baseline: str | None
    target: str | None


def figures(metric: Metric, compact: bool = False) -> Figures:
    """The metric's value, baseline and target, `short` (`compact`) or `full`, by `apart`."""
    value, baseline, target = apart([metric.value, metric.baseline, metric.target],
                                    metric.unit, compact)
    assert value is not None
    return Figures(value, baseline, target)


def _read_alike(exact: Sequence[Decimal | None], shown: Sequence[str | None]) -> bool:
    """Whether two different figures are written the same."""
    written: dict[str, Decimal] = {}
    for figure, text in zip(exact, shown, strict=True):
        if figure is None or text is None:
            continue
        if written.setdefault(text, figure) != figure:
            return True
    return False


_SCALES = ((1_000_000_000, "bn", 1), (1_000_000, "m", 1), (1_000, "k", 0))
"""Money from £10,000 up in thousands, millions and billions (GOV.UK style: £45k, £1.2m,
£2.5bn), each a step up once it rounds to 1,000 of its own: £999,999 is £1m, not £1000k."""


def _short_money(value: Decimal) -> tuple[str, str]:
    """("", "1.2m"): plain rounding, as a sum of £10,000 or more is neither small nor all nor
    none in its scale (£999,999 is £1m, where 0.999999 of a million is not a small figure)."""
    index = next(n for n, (size, _, _) in enumerate(_SCALES) if value >= size)
    size, suffix, decimals = _SCALES[index]
    if index > 0 and _round(value / size, decimals) >= 1000:  # rounds up into the next scale
        size, suffix, decimals = _SCALES[index - 1]
    return "", _digits(_round(value / size, decimals), decimals, pence=False) + suffix


def _with_unit(number: tuple[str, str], value: Decimal, unit: Unit) -> str:
    words, digits = number
    if unit is Unit.PERCENT:
        return f"{words}{digits}%"
    one, many = _UNIT_WORDS[unit]
    if not many:
        return words + digits
    return f"{words}{digits} {one if value == 1 else many}"


def _percent(ratio: Decimal) -> str:
    """A change as a percentage, by the module's rule: whole from 1% up (never "100%" for
    what is not all: 99.999%), one decimal below (0.25%, never 0.3%), and "less than 0.1%"
    below that, never "0%" for a change there was."""
    if ratio < Decimal("0.1"):
        return "less than 0.1%"
    words, digits = _number(ratio, 0 if ratio >= 1 else 1, Unit.PERCENT)
    return f"{words}{digits}%"


@dataclass(frozen=True)
class Change:
    """A metric's movement from its baseline, and whether that is better."""

    text: str
    """e.g. 'down 45%' or 'up 12 percentage points'."""
    better: bool | None
    """True when it moved the way `direction` says is better; None when unchanged."""


def change(metric: Metric) -> Change | None:
    """How the metric moved from its baseline, or None without a baseline. The change is
    worked out from the figures as written (99.999 - 0.004 is 99.995) and follows the
    module's rule: "up 99.995 percentage points" and "down 99.999%", never "100" for a
    change that does not reach all or none; "down 100%" only when the figure is 0."""
    if metric.baseline is None:
        return None
    baseline = _exact(metric.baseline)
    delta = _exact(metric.value) - baseline
    if delta == 0:
        return Change("no change", None)
    word = "up" if delta > 0 else "down"
    better = (delta > 0) == (metric.direction == "up")
    if metric.unit is Unit.PERCENT:
        words, digits = _number(abs(delta), 1, Unit.PERCENT)
        return Change(f"{word} {words}{digits} percentage points", better)
    if baseline != 0:
        return Change(f"{word} {_percent(abs(delta) / abs(baseline) * 100)}", better)
    return Change(f"{word} {_full(abs(delta), metric.unit)}", better)
