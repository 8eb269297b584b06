"""Static SVG charts drawn at build time with matplotlib, the same bytes on every build.

Meaning is never carried by colour alone: each series has its own line style and marker
shape and a legend; every chart ships with a data table of the same values.

A chart is always the same size (`SIZE`), however long or many its periods: its x axis
labels at most `MAX_TICKS` periods (always the first and the last, fewer when the labels
are long, so that none overlaps another), each shortened to `LABEL_CHARS` characters; the
table beside it has every period, written in full.
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator import formatting
from generator.model.story import Unit
from generator.model.strategy import column_unit
from generator.site.criteria import Evaluation

if TYPE_CHECKING:  # matplotlib is imported only when a chart is drawn
    from matplotlib.axes import Axes

_SVG = re.compile(r"<svg\b([^>]*)>(.*)</svg>\s*\Z", re.DOTALL)
_ATTR = re.compile(r'\b(width|height|viewBox)="([^"]*)"')
_METADATA = re.compile(r"<metadata>.*?</metadata>", re.DOTALL)
_REFERENCE = re.compile(r"(?:url\(#|href=\"#)([^)\"]+)")
_ID = re.compile(r' id="([^"]+)"')
SIZE = (6.4, 3.2)
"""Every chart's size in inches (its viewBox: 72 points an inch)."""
MAX_TICKS = 12
"""At most this many periods are labelled on the x axis."""
LABEL_CHARS = 20
"""A period's label on the x axis is cut to this many characters (its last an ellipsis)."""
MARKERS_UP_TO = 60
"""A line has a marker at each point when it has at most this many (past it, the markers
would merge into a thick line; its line style still tells it from the other)."""
_CHARACTERS_ACROSS = 64
"""About how many characters of a tick label fit across a chart's plot (at font.size)."""
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
        # a fixed size, its parts laid out inside it: never a bbox_inches="tight", which
        # widens the chart to hold whatever sticks out (a long period's label)
        figure = Figure(figsize=SIZE, layout="constrained")
        axes = figure.subplots()
        _draw(axes, evaluation)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return _parse(buffer.getvalue())


def _draw(axes: Axes, evaluation: Evaluation) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    labels = [p.label for p in evaluation.points]
    values = [p.value for p in evaluation.points]
    # each period at its place (0, 1, 2...), labelled at a few of them: matplotlib's
    # categories would label every one, on top of each other
    places = list(range(len(labels)))
    if evaluation.criterion.measure == "awards":
        axes.bar(places, values, width=0.5, color="#1d4f91", edgecolor="#0b0c0c", hatch="//")
        axes.set_ylabel(evaluation.value_name)
    else:
        given = evaluation.criterion.unit
        marked = len(labels) <= MARKERS_UP_TO
        axes.plot(places, values, color="#1d4f91", marker="o" if marked else "",
                  linestyle="-", linewidth=2.5, label=human(evaluation.value_name, given))
        compares = [p.compare for p in evaluation.points if p.compare is not None]
        if evaluation.compare_name and len(compares) == len(labels):
            axes.plot(places, compares, color="#505a5f", marker="s" if marked else "",
                      linestyle="--", linewidth=2, label=human(evaluation.compare_name, given))
    unit = evaluation.unit
    axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _: _tick(float(v), unit)))
    if evaluation.criterion.measure == "awards":
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.grid(axis="y", color="#b1b4b6", linewidth=0.6)
    if axes.get_legend_handles_labels()[0]:  # above the plot, never over the data
        axes.legend(loc="lower left", bbox_to_anchor=(0, 1.02), ncols=2, frameon=False)
    _label_periods(axes, labels)


def _label_periods(axes: Axes, labels: Sequence[str]) -> None:
    """Label as many of the periods on the x axis as fit side by side (`max_ticks`, then
    one fewer while two drawn labels overlap), shortened (`shortened`)."""
    most = max_ticks(labels)
    while True:
        places = tick_places(len(labels), most)
        axes.set_xticks(places, [shortened(labels[place]) for place in places])
        if most <= 2 or len(places) <= 2 or not _overlapping(axes):
            return
        most = min(most, len(places)) - 1


def _overlapping(axes: Axes) -> bool:
    """Whether two of the x axis's labels, laid out as drawn, are nearer than half a
    character (or overlap)."""
    figure = axes.get_figure(root=True)
    assert figure is not None
    figure.draw_without_rendering()
    shown = [label for label in axes.get_xticklabels() if label.get_text()]
    boxes = [label.get_window_extent() for label in shown]
    space = figure.dpi / 72 * float(shown[0].get_fontsize()) / 2 if shown else 0
    return any(right.x0 - left.x1 < space for left, right in itertools.pairwise(boxes))


def shortened(label: str) -> str:
    """`label` as the x axis shows it: at most `LABEL_CHARS` characters, the last an
    ellipsis when it is cut."""
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1].rstrip() + "…"


def max_ticks(labels: Sequence[str]) -> int:
    """How many of `labels` the x axis can show side by side (shortened), never overlapping:
    at most `MAX_TICKS`, at least 2 (the first and the last)."""
    longest = max((len(shortened(label)) for label in labels), default=0)
    return max(2, min(MAX_TICKS, 1 + _CHARACTERS_ACROSS // (longest + 2)))


def tick_places(count: int, most: int) -> list[int]:
    """The places (of `count` points) labelled on the x axis: every one when there are at
    most `most`, else `most` evenly spread, the first and the last among them."""
    if count <= most:
        return list(range(count))
    return sorted({round(step * (count - 1) / (most - 1)) for step in range(most)})


def _tick(value: float, unit: Unit) -> str:
    return f"{value:g}%" if unit is Unit.PERCENT else formatting.short(value, unit)


_SIGNS = {Unit.GBP: " (£)", Unit.PERCENT: " (%)"}


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
    (%)); without one, the sign of the unit its ending gives."""
    name, by_name = column_unit(name)
    shown = unit or by_name
    sign = _SIGNS.get(shown, "") if shown else ""
    return (name + sign).replace("_", " ").strip().capitalize()
