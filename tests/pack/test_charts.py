"""The DOCX bar charts: drawn with Pillow (no matplotlib), readable, alt text, same bytes."""

from __future__ import annotations

import io
import subprocess
import sys

from PIL import Image

from generator.model.story import Metric
from generator.pack.charts import _alt, _draw

METRICS = [Metric.model_validate(m) for m in (
    {"id": "calls", "label": "Calls answered", "value": 1250, "unit": "count", "baseline": 800},
    {"id": "cost", "label": "Net cost", "value": -1200, "unit": "GBP", "baseline": 3400},
)]
BEFORE, AFTER = (177, 180, 182), (29, 112, 184)


def test_a_chart_has_a_bar_per_figure_and_the_same_bytes_each_time() -> None:
    png = _draw("Contact centre", METRICS)
    assert png == _draw("Contact centre", METRICS)
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG" and image.size == (2 * 422 + 80, 460)
        colours = {colour for _, colour in image.getcolors(maxcolors=100_000) or []}
    assert BEFORE in colours and AFTER in colours


def test_the_alt_text_says_every_figure() -> None:
    assert _alt("Contact centre", METRICS) == (
        "Bar chart for Contact centre, baseline against current value. "
        "Calls answered: 800 before, 1,250 after; Net cost: £3,400 before, -£1,200 after.")


def test_drawing_charts_does_not_import_matplotlib() -> None:
    code = ("import sys; from generator.model.story import Metric; "
            "from generator.pack.charts import _draw; "
            "_draw('T', [Metric(id='a', label='A', value=2, unit='count', baseline=1)]); "
            "print('matplotlib' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout == "False\n"


def test_tiny_and_huge_figures_still_draw() -> None:
    """A figure check allows, however small or large, never stops the pack (0.5e-307 gave
    'cannot convert float NaN to integer')."""
    for value, baseline in ((0.5e-307, 0.0), (0.5e-307, 1e-308), (9.9e14, -9.9e14),
                            (-5e-324, 0.0), (9e14, 1e-6)):
        # built without validation: check refuses some of these, the chart must not crash
        metric = Metric.model_construct(id="a", label="A", value=value, unit=Metric.model_validate(
            {"id": "a", "label": "A", "value": 1, "unit": "count"}).unit, baseline=baseline)
        with Image.open(io.BytesIO(_draw("T", [metric]))) as image:
            colours = {colour for _, colour in image.getcolors(maxcolors=100_000) or []}
        assert AFTER in colours, (value, baseline)
