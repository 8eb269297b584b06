"""Round 25 (N11): a metric's figures shown side by side are never two different figures
written the same ("50% → 50%: up 0.0000001 percentage points"), on the site's card, in the
pack's table and answer lines, and over the pack chart's bars."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.formatting import apart, figures
from generator.model.story import Metric, Unit
from generator.model.strategy import SuccessCriterion
from generator.pack.answers import metric_sentence
from generator.pack.charts import bar_labels
from generator.reading.series import Table
from generator.site.builder import _rows
from generator.site.criteria import evaluate_series
from generator.site.views import metric_view


def _metric(value: float, baseline: float | None = None, target: float | None = None,
            unit: str = "percent") -> Metric:
    return Metric.model_validate({"label": "Uptake", "value": value, "baseline": baseline,
                                  "target": target, "unit": unit})


@pytest.mark.parametrize(("values", "unit", "compact", "shown"), [
    ([50, 49.9999999], Unit.PERCENT, True, ["50%", "49.9999999%"]),
    ([50, 49.9999999], Unit.PERCENT, False, ["50%", "49.9999999%"]),
    ([1_200_000, 1_210_000], Unit.GBP, True, ["£1,200,000", "£1,210,000"]),
    ([1_200_000, 1_240_000], Unit.GBP, True, ["£1,200,000", "£1,240,000"]),
    ([1_200_000, 1_300_000], Unit.GBP, True, ["£1.2m", "£1.3m"]),  # apart already: short
    ([4.96, 4.961], Unit.SCORE, False, ["4.96", "4.961"]),
    ([3, 3.0001], Unit.HOURS, True, ["3 hours", "3.0001 hours"]),
    ([3, 3], Unit.HOURS, True, ["3 hours", "3 hours"]),  # the same figure: the same words
    ([3, None], Unit.HOURS, True, ["3 hours", None]),
])
def test_different_figures_are_written_apart(values: list[float | None], unit: Unit,
                                            compact: bool, shown: list[str | None]) -> None:
    assert apart(values, unit, compact) == shown


def test_the_card_the_pack_and_the_chart_write_the_baseline_apart() -> None:
    metric = _metric(50, baseline=49.9999999, target=50.00000001)
    card = metric_view(metric)
    assert (card.value, card.baseline, card.target) == ("50%", "49.9999999%", "50.00000001%")
    assert metric_sentence(metric) == (
        "Uptake: 50% (baseline 49.9999999%, up 0.0000001 percentage points, target "
        "50.00000001%).")
    assert bar_labels(metric) == ("49.9999999%", "50%")
    assert figures(_metric(68, baseline=45, target=70), compact=True).baseline == "45%"


_FIGURE = st.decimals(min_value=-10**6, max_value=10**6, places=6, allow_nan=False,
                      allow_infinity=False)


@given(_FIGURE, _FIGURE, st.sampled_from(list(Unit)), st.booleans())
def test_two_different_figures_never_read_the_same(first: Decimal, second: Decimal, unit: Unit,
                                                  compact: bool) -> None:
    shown = apart([float(first), float(second)], unit, compact)
    assert (shown[0] == shown[1]) == (float(first) == float(second))


@pytest.mark.parametrize(("goal", "rows", "extra", "current", "table"), [
    ("at-least", [["2026", "49.9999999", ""]], {"target": 50}, "49.9999999%",
     [("2026", "49.9999999%", None)]),
    ("above-compare", [["2026", "65.999", "66"]], {"compare": "average"}, "65.999%",
     [("2026", "65.999%", "66%")]),
    ("increase", [["2025", "70", ""], ["2026", "70.01", ""]], {}, "70.01%",
     [("2025", "70%", None), ("2026", "70.01%", None)]),
    ("at-least", [["2026", "68.04", ""]], {"target": 50}, "68%", [("2026", "68.04%", None)]),
])
def test_the_dashboard_writes_a_current_value_apart_from_its_goal(
        goal: str, rows: list[list[str]], extra: dict[str, object], current: str,
        table: list[tuple[str, str, str | None]]) -> None:
    criterion = SuccessCriterion.model_validate(
        {"id": "c", "title": "C", "measure": "series", "file": "x.csv", "column": "value",
         "goal": goal, "unit": "percent", **extra})
    found = evaluate_series(criterion, Table("data/x.csv", ["period", "value", "average"],
                                             [(n + 2, row) for n, row in enumerate(rows)]))
    [row] = _rows([found], [None])
    assert (row["current"], row["points"]) == (current, table)
