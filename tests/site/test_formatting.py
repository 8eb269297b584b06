"""Figures as people read them: £45k, £1.2m, £2.5bn, halves rounded up."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.formatting import change, full, short
from generator.model.story import Metric, Unit


@pytest.mark.parametrize(("value", "compact", "exact"), [
    (0, "£0", "£0"),
    (0.5, "£0.50", "£0.50"),
    (12.5, "£12.50", "£12.50"),
    (9_999, "£9,999", "£9,999"),
    (10_000, "£10k", "£10,000"),
    (45_000, "£45k", "£45,000"),
    (999_499, "£999k", "£999,499"),
    (999_500, "£1m", "£999,500"),  # 999.5k rounds to 1,000k: a million
    (999_999, "£1m", "£999,999"),
    (1_250_000, "£1.3m", "£1,250,000"),
    (1_400_000, "£1.4m", "£1,400,000"),
    (999_949_999, "£999.9m", "£999,949,999"),
    (999_999_999, "£1bn", "£999,999,999"),
    (2_500_000_000, "£2.5bn", "£2,500,000,000"),
    (123_456_789_012, "£123.5bn", "£123,456,789,012"),
    (-1_400_000, "-£1.4m", "-£1,400,000"),
])
def test_money(value: float, compact: str, exact: str) -> None:
    assert short(value, Unit.GBP) == compact
    assert full(value, Unit.GBP) == exact


@pytest.mark.parametrize(("value", "unit", "compact"), [
    (1.25, Unit.HOURS, "1.3 hours"),  # 0.25 hours stays 0.25: a small figure keeps its first digit
    (7.25, Unit.SCORE, "7.3"),
    (68.5, Unit.PERCENT, "68.5%"),
    (1, Unit.DAYS, "1 day"),
    (1_200, Unit.COUNT, "1,200"),
])
def test_halves_round_up(value: float, unit: Unit, compact: str) -> None:
    assert short(value, unit) == compact


@given(st.floats(min_value=10_000, max_value=1e14, allow_nan=False))
def test_compact_money_never_shows_a_thousand_of_a_scale(value: float) -> None:
    """Never "£1000k" or "£1000m": a figure that rounds to 1,000 goes up a scale."""
    text = short(value, Unit.GBP)
    number = re.fullmatch(r"£([\d,.]+)(k|m|bn)", text)
    assert number is not None, text
    assert float(number.group(1).replace(",", "")) < 1000 or number.group(2) == "bn"


@pytest.mark.parametrize(("baseline", "value", "text"), [
    (10, 40, "up 300%"),
    (100, 101, "up 1%"),
    (1_200_000, 1_203_000, "up 0.25%"),  # was "up 0%", then "up 0.3%" (a first digit changed)
    (100, 100.04, "up less than 0.1%"),
    (100, 55, "down 45%"),
    (100, 100, "no change"),
])
def test_a_change_is_never_shown_as_nothing(baseline: float, value: float, text: str) -> None:
    metric = Metric.model_validate({"label": "Saving", "value": value, "baseline": baseline,
                                    "unit": "GBP"})
    found = change(metric)
    assert found is not None and found.text == text


@pytest.mark.parametrize(("value", "unit", "compact", "exact"), [
    (0.0001, Unit.HOURS, "0.0001 hours", "0.0001 hours"),
    (0.00012345, Unit.PERCENT, "0.00012%", "0.00012%"),
    (-0.001, Unit.GBP, "-£0.001", "-£0.001"),
    (0.004, Unit.GBP, "£0.004", "£0.004"),
    (1e-12, Unit.COUNT, "almost 0", "almost 0"),
    (0.04, Unit.DAYS, "0.04 days", "0.04 days"),
])
def test_a_figure_there_was_is_never_shown_as_none(value: float, unit: Unit, compact: str,
                                                  exact: str) -> None:
    assert (short(value, unit), full(value, unit)) == (compact, exact)


@pytest.mark.parametrize("value", [10**15, -1e26, 1e300])
def test_a_figure_beyond_any_real_one_is_refused(value: float) -> None:
    """Such a figure is a typing slip, and one beyond 10^28 cannot be rounded at all: check
    says so, where the build once stopped with an internal error."""
    with pytest.raises(ValueError, match="too large to be a real figure"):
        Metric(label="x", value=value, unit=Unit.GBP)


@pytest.mark.parametrize("value", [0.5e-307, -1e-7])
def test_a_figure_nearer_zero_than_any_real_one_is_refused(value: float) -> None:
    """0.5e-307 passed check, then the pack's chart scale became NaN (an internal error)."""
    with pytest.raises(ValueError, match="too small to be a real figure"):
        Metric(label="x", value=value, unit=Unit.GBP)
    assert Metric(label="x", value=0.000001, unit=Unit.HOURS).value == 0.000001
