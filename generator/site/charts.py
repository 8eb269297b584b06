"""Static SVG charts drawn at build time with matplotlib, the same bytes on every build.

Meaning is never carried by colour alone: each series has its own line style and marker
shape and a legend; every chart ships with a data table of the same values.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from generator import formatting
from generator.model.story import Unit
from generator.model.strategy import column_unit
from generator.site.criteria import Evaluation

_SVG = re.compile(r"<svg\b([^>]*)>(.*)</svg>\s*\Z", re.DOTALL)
_ATTR = re.compile(r'\b(width|height|viewBox)="([^"]*)"')
_METADATA = re.compile(r"<metadata>.*?</metadata>", re.DOTALL)
_REFERENCE = re.compile(r"(?:url\(#|href=\"#)([^)\"]+)")
_ID = re.compile(r' id="([^"]+)"')
_STYLE: dict[str, Any] = {
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


@dataclass(frozen=True)
class Svg:
    """A chart's SVG: its size attributes and its inner markup (trusted: made here)."""

    width: str
    height: str
    view_box: str
    inner: str


Charts = Callable[[], Sequence[Svg | None]]
"""The charts of some evaluations, drawn (or waited for) when called."""


def draw_later(evaluations: Sequence[Evaluation]) -> Charts:
    """Draw each evaluation's chart in this process, when the result is asked for."""
    return lambda: draw_all(evaluations)


def draw_all(evaluations: Sequence[Evaluation]) -> list[Svg | None]:
    """Each evaluation's chart (None for one without points), in order: kept ones from the
    cache, the others drawn and kept (`chartcache`)."""
    from generator.site import chartcache

    drawn: list[Svg | None] = []
    for evaluation in evaluations:
        chart = chartcache.load(evaluation) if evaluation.points else None
        if chart is None:
            chart = criterion_chart(evaluation)
            if chart is not None:
                chartcache.store(evaluation, chart)
        drawn.append(chart)
    return drawn


def warm() -> None:
    """Import matplotlib now (most of a second), so that a later chart is quick."""
    import matplotlib.figure  # noqa: F401


def criterion_chart(evaluation: Evaluation) -> Svg | None:
    """A line chart of the criterion's trend (a bar chart for award counts), or None."""
    if not evaluation.points:
        return None
    # imported here: a build whose charts are drawn elsewhere (a worker) never loads it
    import matplotlib
    from matplotlib.figure import Figure

    matplotlib.use("Agg")
    style = {**_STYLE, "svg.hashsalt": f"showcase-{evaluation.criterion.id}"}
    with matplotlib.rc_context():
        # matplotlib's own defaults, not a matplotlibrc's (in the folder, MPLCONFIGDIR or
        # ~/.config): a chart is drawn from its data alone, as `chartcache` keys it
        matplotlib.rcdefaults()
        matplotlib.rcParams.update(style)  # type: ignore[arg-type]
        # the object API: no pyplot (its import is most of a second), nothing to close
        figure = Figure(figsize=(6.4, 3.2))
        axes = figure.subplots()
        _draw(axes, evaluation)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None},
                       bbox_inches="tight")
    return _parse(buffer.getvalue())


def _draw(axes: object, evaluation: Evaluation) -> None:
    from matplotlib.axes import Axes
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    assert isinstance(axes, Axes)
    labels = [p.label for p in evaluation.points]
    values = [p.value for p in evaluation.points]
    if evaluation.criterion.measure == "awards":
        axes.bar(labels, values, width=0.5, color="#1d4f91", edgecolor="#0b0c0c", hatch="//")
        axes.set_ylabel(evaluation.value_name)
    else:
        given = evaluation.criterion.unit
        axes.plot(labels, values, color="#1d4f91", marker="o", linestyle="-", linewidth=2.5,
                  label=_human(evaluation.value_name, given))
        compares = [p.compare for p in evaluation.points if p.compare is not None]
        if evaluation.compare_name and len(compares) == len(labels):
            axes.plot(labels, compares, color="#505a5f", marker="s", linestyle="--",
                      linewidth=2, label=_human(evaluation.compare_name, given))
    unit = evaluation.unit
    axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _: _tick(float(v), unit)))
    if evaluation.criterion.measure == "awards":
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.grid(axis="y", color="#b1b4b6", linewidth=0.6)
    if axes.get_legend_handles_labels()[0]:  # above the plot, never over the data
        axes.legend(loc="lower left", bbox_to_anchor=(0, 1.02), ncols=2, frameon=False)


def _tick(value: float, unit: Unit) -> str:
    return f"{value:g}%" if unit is Unit.PERCENT else formatting.short(value, unit)


_SIGNS = {Unit.GBP: " (£)", Unit.PERCENT: " (%)"}


def _human(name: str, unit: Unit | None = None) -> str:
    """`name` as words, with the sign of `unit` (a criterion's `unit:`), or else of the unit
    its ending gives."""
    name, by_name = column_unit(name)
    shown = unit or by_name
    sign = _SIGNS.get(shown, "") if shown else ""
    return (name + sign).replace("_", " ").strip().capitalize()


def _parse(text: str) -> Svg:
    match = _SVG.search(text[text.index("<svg"):])
    if match is None:
        raise ValueError("matplotlib did not write an SVG document")
    attrs = dict(_ATTR.findall(match.group(1)))
    inner = _METADATA.sub("", match.group(2))
    referenced = set(_REFERENCE.findall(inner))
    # matplotlib names every group (figure_1, axes_1...): unreferenced ids would repeat
    # across the charts of one page, so only the salted, referenced ones are kept.
    inner = _ID.sub(lambda m: m.group(0) if m.group(1) in referenced else "", inner)
    inner = "\n".join(line for line in inner.splitlines() if line.strip())
    return Svg(attrs.get("width", ""), attrs.get("height", ""), attrs.get("viewBox", ""), inner)


def human(name: str, unit: Unit | None = None) -> str:
    """A CSV column name as words: national_average_percent -> National average (%); with
    a criterion's `unit:`, its sign (contribution_gbp with unit: percent -> Contribution
    (%))."""
    return _human(name, unit)
