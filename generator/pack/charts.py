"""Bar charts of a story's metrics, baseline against value, as PNG with alt text."""

from __future__ import annotations

import io
from dataclasses import dataclass

from generator import formatting
from generator.model.story import Metric
from generator.story import Story

_MAX_BARS = 4


@dataclass(frozen=True)
class Chart:
    """A PNG chart and the text alternative that says what it shows."""

    png: bytes
    alt: str


def story_chart(story: Story) -> Chart | None:
    """Baseline vs value for the story's metrics that have a baseline; None if none do."""
    metrics = [m for m in story.meta.metrics if m.baseline is not None][:_MAX_BARS]
    if not metrics:
        return None
    return Chart(_draw(story.title, metrics), _alt(story.title, metrics))


def _alt(title: str, metrics: list[Metric]) -> str:
    parts = [f"{m.label}: {formatting.full(m.baseline or 0, m.unit)} before, "
             f"{formatting.full(m.value, m.unit)} after" for m in metrics]
    return f"Bar chart for {title}, baseline against current value. " + "; ".join(parts) + "."


def _draw(title: str, metrics: list[Metric]) -> bytes:
    # The object API, not pyplot: no global state, and no tight_layout pass (it draws twice).
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(2.2 * len(metrics) + 0.4, 2.4), dpi=96)
    FigureCanvasAgg(figure)
    axes = figure.subplots(1, len(metrics), squeeze=False)
    for axis, metric in zip(axes[0], metrics, strict=True):
        _bars(axis, metric)
    figure.suptitle(title if len(title) < 70 else title[:67] + "...", fontsize=9)
    figure.subplots_adjust(left=0.04, right=0.96, top=0.78, bottom=0.12, wspace=0.25)
    out = io.BytesIO()
    # No software or date metadata: the same figures give the same bytes.
    figure.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()


def _bars(axis: object, metric: Metric) -> None:
    values = [metric.baseline or 0, metric.value]
    bars = axis.bar(["Before", "After"], values, color=["#b1b4b6", "#1d70b8"])  # type: ignore[attr-defined]
    axis.bar_label(bars, labels=[formatting.short(v, metric.unit) for v in values],  # type: ignore[attr-defined]
                   fontsize=7)
    label = metric.label if len(metric.label) <= 28 else metric.label[:26] + "..."
    axis.set_title(label, fontsize=7.5)  # type: ignore[attr-defined]
    axis.tick_params(labelsize=7)  # type: ignore[attr-defined]
    axis.set_yticks([])  # type: ignore[attr-defined]
    axis.margins(y=0.2)  # type: ignore[attr-defined]
    for side in ("top", "right", "left"):
        axis.spines[side].set_visible(False)  # type: ignore[attr-defined]
