"""Round 24 (pack24 #4, #7): no figure or change is rounded onto "all", "none" or another
first digit, in any unit (the honesty rule in `generator.formatting`'s docstring)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.formatting import change, full, short
from generator.model.story import Metric, Unit


def _moved(baseline: float, value: float, unit: str) -> str:
    found = change(Metric.model_validate({"label": "x", "value": value, "baseline": baseline,
                                          "unit": unit}))
    assert found is not None
    return found.text


@pytest.mark.parametrize(("value", "unit", "compact", "exact"), [
    (99.999, Unit.SCORE, "99.999", "99.999"),  # pack24 #4: was "100" in the pack and the card
    (-99.999, Unit.SCORE, "-99.999", "-99.999"),  # a net promoter score runs -100 to 100
    (4.96, Unit.SCORE, "4.96", "4.96"),  # full marks on a 1-5 scale would be "5"
    (0.0001, Unit.SCORE, "0.0001", "0.0001"),
    (100, Unit.SCORE, "100", "100"),
    (7.25, Unit.SCORE, "7.3", "7.25"),  # not onto a whole number: rounded as usual
    (99.95, Unit.PERCENT, "99.95%", "99.95%"),
    (99.999, Unit.PERCENT, "99.999%", "99.999%"),
    (100.004, Unit.PERCENT, "100.004%", "100.004%"),
    (-99.96, Unit.PERCENT, "-99.96%", "-99.96%"),
    (99.99999999999, Unit.PERCENT, "almost 100%", "almost 100%"),  # beyond 9 decimals
    (100.00000000001, Unit.PERCENT, "just over 100%", "just over 100%"),
    (99.96, Unit.HOURS, "100 hours", "99.96 hours"),  # hours have no "all": rounded as usual
    (999_999.96, Unit.PEOPLE, "1,000,000 people", "999,999.96 people"),
])
def test_a_figure_is_never_rounded_onto_all(value: float, unit: Unit, compact: str,
                                           exact: str) -> None:
    assert (short(value, unit), full(value, unit)) == (compact, exact)


@pytest.mark.parametrize(("value", "unit", "compact", "exact"), [
    (0.05, Unit.PERCENT, "0.05%", "0.05%"),  # pack24 #7: the card said 0.1%, double it
    (-0.05, Unit.PERCENT, "-0.05%", "-0.05%"),  # pack24 #7: the card said -0.1%
    (0.004, Unit.PERCENT, "0.004%", "0.004%"),
    (0.049, Unit.PERCENT, "0.049%", "0.049%"),  # two significant digits, as written
    (0.0456, Unit.PERCENT, "0.046%", "0.046%"),
    (0.0996, Unit.PERCENT, "0.0996%", "0.0996%"),  # never 0.1%: a 9 is not a 1
    (0.12, Unit.PERCENT, "0.1%", "0.12%"),  # the first digit stays: rounded as usual
    (0.25, Unit.HOURS, "0.25 hours", "0.25 hours"),  # never 0.3 hours
    (0.96, Unit.DAYS, "0.96 days", "0.96 days"),  # never 1 day
    (-0.96, Unit.TONNES_CO2E, "-0.96 tonnes CO2e", "-0.96 tonnes CO2e"),
    (0.005, Unit.GBP, "£0.005", "£0.005"),  # never £0.01
    (0.5, Unit.GBP, "£0.50", "£0.50"),
    (-0.015, Unit.GBP, "-£0.015", "-£0.015"),
    (0.095, Unit.MINUTES, "0.095 minutes", "0.095 minutes"),
    (0.00012, Unit.TONNES_CO2E, "0.00012 tonnes CO2e", "0.00012 tonnes CO2e"),
    (0.000001, Unit.COUNT, "0.000001", "0.000001"),
    (0, Unit.PERCENT, "0%", "0%"),
])
def test_a_small_figure_keeps_its_first_digit(value: float, unit: Unit, compact: str,
                                              exact: str) -> None:
    assert (short(value, unit), full(value, unit)) == (compact, exact)


@pytest.mark.parametrize(("value", "compact", "exact"), [
    (999_999, "£1m", "£999,999"),  # a large sum in its scale: rounded as usual
    (1_234_567_890_123, "£1,234.6bn", "£1,234,567,890,123"),
    (1_250_000_000, "£1.3bn", "£1,250,000,000"),
    (-1_200_000_000, "-£1.2bn", "-£1,200,000,000"),
])
def test_short_money_is_unchanged(value: float, compact: str, exact: str) -> None:
    assert (short(value, Unit.GBP), full(value, Unit.GBP)) == (compact, exact)


@pytest.mark.parametrize(("baseline", "value", "unit", "text"), [
    (0.004, 99.999, "percent", "up 99.995 percentage points"),  # pack24 #4: was "up 100"
    (0.05, 99.95, "percent", "up 99.9 percentage points"),
    (99.999, 0.004, "percent", "down 99.995 percentage points"),
    (0, 100, "percent", "up 100 percentage points"),  # all of it: exactly 100
    (10, 10.05, "percent", "up 0.05 percentage points"),  # never 0.1
    (123_456_789.5, 0.00012, "tonnes-co2e", "down almost 100%"),  # pack24 #4: "down 100%"
    (99_999.99, 0.001, "days", "down 99.999999%"),  # pack24 #4: was "down 100%"
    (100, 0.4, "GBP", "down 99.6%"),
    (10, 0, "hours", "down 100%"),  # to none: exactly 100
    (-10, -0.001, "count", "up 99.99%"),  # nearly to zero from below: not "up 100%"
    (10, 20, "score", "up 100%"),  # doubled: exactly 100
    (0.0001, 99.999, "score", "up 99,998,900%"),
    (1_200_000, 1_203_000, "GBP", "up 0.25%"),
    (1_000, 1_009.6, "GBP", "up 0.96%"),  # never "up 1%"
    (100, 100.05, "GBP", "up less than 0.1%"),  # never "up 0.1%", double it
    (0, 0.05, "hours", "up 0.05 hours"),
])
def test_a_change_is_never_rounded_onto_all_or_none(baseline: float, value: float, unit: str,
                                                    text: str) -> None:
    assert _moved(baseline, value, unit) == text


@given(st.decimals(min_value="0.000001", max_value="99.999999999", places=9))
def test_no_percentage_under_100_shows_as_100(value: object) -> None:
    assert short(float(str(value)), Unit.PERCENT) != "100%"
    assert full(float(str(value)), Unit.PERCENT) != "100%"


@given(st.floats(min_value=1e-6, max_value=0.999, allow_nan=False))
def test_a_small_figure_is_shown_with_its_own_first_digit(value: float) -> None:
    """Rounded or not, the first significant digit is the figure's own, at its own place
    (only a figure nearer a change of digit than 9 decimals says "almost")."""
    text = short(value, Unit.HOURS).removesuffix(" hours").removesuffix(" hour")
    if text.startswith("almost "):
        assert abs(Decimal(text.removeprefix("almost ")) - Decimal(repr(value))) < Decimal("1e-9")
        return
    shown, written = Decimal(text), Decimal(repr(value))
    assert (shown.adjusted(), f"{shown:e}"[0]) == (written.adjusted(), f"{written:e}"[0]), text
