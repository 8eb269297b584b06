"""Round 27 (judge27 J4): a chart's title is shown whole, on more lines when the chart is
narrow, never cut to "Gwasanaeth mapio ar y..."."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from generator.model.story import Metric
from generator.pack import charts

WELSH = "Gwasanaeth mapio ar y cyd i dri chyngor"  # 39 characters
ONE = [Metric.model_validate({"id": "maps", "label": "Mapiau", "value": 3, "unit": "count",
                              "baseline": 1})]
TWO = [*ONE, Metric.model_validate({"id": "cost", "label": "Cost", "value": 80, "unit": "GBP",
                                    "baseline": 120})]
ONE_WIDE, TWO_WIDE = 502, 924  # pixels: a panel of 422 per figure and 40 each side


def _drawn(title: str, metrics: list[Metric], monkeypatch: pytest.MonkeyPatch,
           ) -> list[tuple[str, int]]:
    """Every string the chart draws, with the height (y) of its centre, in drawing order."""
    texts: list[tuple[str, int]] = []
    real = charts._text

    def recording(draw: object, centre: tuple[int, int], text: str, points: int) -> None:
        texts.append((text, centre[1]))
        real(draw, centre, text, points)  # type: ignore[arg-type]

    monkeypatch.setattr(charts, "_text", recording)
    charts._draw(title, metrics)
    return texts


def _darkest(row: Image.Image) -> int:
    low, _ = row.getextrema()
    assert isinstance(low, int)
    return low


def _size(png: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG"
        return image.size


def test_a_one_figure_chart_shows_the_welsh_title_whole_on_two_lines(
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert charts.title_lines(WELSH, ONE_WIDE) == ["Gwasanaeth mapio ar y", "cyd i dri chyngor"]
    drawn = _drawn(WELSH, ONE, monkeypatch)
    assert drawn[:3] == [("Gwasanaeth mapio ar y", 28), ("cyd i dri chyngor", 64),
                         ("Mapiau", 108)]  # the panel's label moved down by one line (36)
    assert not any("..." in text for text, _ in drawn)
    png = charts._draw(WELSH, ONE)
    assert png == charts._draw(WELSH, ONE)  # the same bytes each run
    assert _size(png) == (ONE_WIDE, 460 + 36)
    chart = charts.Chart(png, charts._alt(WELSH, ONE))
    assert chart.css_size == (251, 248)  # what entry.html, entry.pdf and entry.docx size it by
    assert chart.alt == ("Bar chart for Gwasanaeth mapio ar y cyd i dri chyngor, baseline "
                         "against current value. Mapiau: 1 before, 3 after.")


def test_each_title_line_fits_and_the_second_has_ink_between_the_first_and_the_panel() -> None:
    png = charts._draw(WELSH, ONE)
    with Image.open(io.BytesIO(png)) as image:
        grey = image.convert("L")
        inked_rows = [y for y in range(grey.height)
                      if _darkest(grey.crop((0, y, grey.width, y + 1))) < 128]
    # the first line about y=28, the second about y=64, the label about y=108: each inked,
    # with blank rows between
    for centre in (28, 64, 108):
        assert any(abs(y - centre) <= 6 for y in inked_rows), centre
    assert not any(y in inked_rows for y in (46, 86))
    for line in charts.title_lines(WELSH, ONE_WIDE):
        assert charts._length(line, 12) <= ONE_WIDE - 80


def test_a_two_figure_chart_keeps_a_43_character_title_on_one_line(
        monkeypatch: pytest.MonkeyPatch) -> None:
    title = "Digital transformation of council services!"
    assert len(title) == 43
    assert charts.title_lines(title, TWO_WIDE) == [title]
    assert _drawn(title, TWO, monkeypatch)[:2] == [(title, 28), ("Mapiau", 72)]
    assert _size(charts._draw(title, TWO)) == (TWO_WIDE, 460)


def test_a_word_wider_than_the_chart_is_broken_not_shortened() -> None:
    word = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch"
    lines = charts.title_lines(f"Ym {word}", ONE_WIDE)
    assert lines[0] == "Ym" and "".join(lines[1:]) == word and len(lines) >= 3
    assert all(charts._length(line, 12) <= ONE_WIDE - 80 for line in lines)
    assert charts.title_lines("Short", ONE_WIDE) == ["Short"]
