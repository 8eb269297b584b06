"""Bar charts of a story's metrics, baseline against value, as PNG with alt text.

Drawn with Pillow's ImageDraw (already a dependency for images): a chart of a few bars needs
no plotting library, and importing and setting up matplotlib cost the pack about a second.
Pillow has no font fallback: each run of text is drawn with the first of `FONTS` that has its
characters (`text_runs`), so Chinese, Japanese, Korean and emoji show as in entry.pdf.
"""

from __future__ import annotations

import io
import struct
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from generator import formatting
from generator.model.story import Metric
from generator.story import Story

if TYPE_CHECKING:
    from PIL.ImageDraw import ImageDraw
    from PIL.ImageFont import FreeTypeFont

_MAX_BARS = 4
_SCALE = 2  # drawn at 192 dpi, so text stays sharp when Word shows the chart 6 inches wide
_PANEL, _HEIGHT, _MARGIN = 211 * _SCALE, 230 * _SCALE, 20 * _SCALE
_TOP, _BOTTOM = 80 * _SCALE, 202 * _SCALE  # plot area: bars stand on the zero line between
_BAR, _GAP = 70 * _SCALE, 18 * _SCALE
_COLOURS = ("#b1b4b6", "#1d70b8")  # before: mid grey; after: GOV.UK blue
_INK = "#0b0c0c"
#: the fonts a chart's text is drawn with, by family, each character with the first installed
#: one that has it (the families entry.pdf names): DejaVu Sans (fonts-dejavu-core on Debian and
#: Ubuntu, then Fedora's and Arch's folders), Chinese, Japanese and Korean (fonts-wqy-microhei),
#: then emoji and symbols, monochrome (fonts-symbola); scripts/setup-system.sh installs them.
#: With none of them installed, Pillow's own font.
FONTS: tuple[tuple[str, ...], ...] = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
     "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
     "/usr/share/fonts/TTF/DejaVuSans.ttf"),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",),
    ("/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf",),
)
#: what is drawn on the character before it, in its font: combining marks, variation selectors
#: (emoji or text style), zero-width joiners
_ATTACHED = frozenset({"Mn", "Me", "Cf"})


@dataclass(frozen=True)
class Run:
    """Some of a line of text, drawn with one font file (None: Pillow's own font)."""

    text: str
    file: str | None


@dataclass(frozen=True)
class Chart:
    """A PNG chart and the text alternative that says what it shows."""

    png: bytes
    alt: str

    @property
    def css_size(self) -> tuple[int, int]:
        """Width and height in CSS pixels (96 dpi): the PNG's, read from its header, halved
        for the 192 dpi it is drawn at."""
        width, height = struct.unpack(">II", self.png[16:24])  # IHDR, after the signature
        return width // _SCALE, height // _SCALE


def story_charts(stories: Sequence[Story]) -> dict[str, Chart]:
    """Each story's chart by slug, for the stories that have one: drawn once per pack, for
    entry.html, entry.pdf and entry.docx alike."""
    charts = {story.slug: story_chart(story) for story in stories}
    return {slug: chart for slug, chart in charts.items() if chart is not None}


def story_chart(story: Story) -> Chart | None:
    """Baseline vs value for the story's metrics that have a baseline; None if none do."""
    metrics = [m for m in story.meta.metrics if m.baseline is not None][:_MAX_BARS]
    if not metrics:
        return None
    return Chart(_draw(story.title, metrics), _alt(story.title, metrics))


def _alt(title: str, metrics: list[Metric]) -> str:
    parts = [f"{m.label}: {before} before, {after} after"
             for m in metrics for before, after in [bar_labels(m)]]
    return f"Bar chart for {title}, baseline against current value. " + "; ".join(parts) + "."


def _draw(title: str, metrics: list[Metric]) -> bytes:
    from PIL import Image, ImageDraw

    width = _PANEL * len(metrics) + 2 * _MARGIN
    lines = title_lines(title, width)
    down = _TITLE_STEP * (len(lines) - 1)  # each line more of the title moves the panels down
    image = Image.new("RGB", (width, _HEIGHT + down), "white")
    draw = ImageDraw.Draw(image)
    for row, line in enumerate(lines):
        _text(draw, (width // 2, 14 * _SCALE + row * _TITLE_STEP), line, _TITLE_POINTS)
    for index, metric in enumerate(metrics):
        _panel(draw, _MARGIN + index * _PANEL, metric, down)
    out = io.BytesIO()
    # No metadata chunks: the same figures give the same bytes.
    image.save(out, format="PNG", dpi=(96 * _SCALE, 96 * _SCALE), compress_level=6)
    return out.getvalue()


_TITLE_POINTS = 12
_TITLE_STEP = 18 * _SCALE  # from one line of the title to the next


def title_lines(title: str, width: int) -> list[str]:
    """The story's title as a chart `width` pixels wide shows it: whole, in as many lines as
    it needs (a one-bar chart is narrow; its title was cut to "Gwasanaeth mapio ar y...").
    Broken at spaces and between CJK letters (`_pieces`); a word wider than the chart alone
    is broken between its characters (`_split_wide`), never shortened."""
    room = width - 2 * _MARGIN
    lines: list[str] = []
    for spaced, piece in _pieces(title):
        joined = (f"{lines[-1]} " if spaced else lines[-1]) + piece if lines else ""
        if joined and _length(joined, _TITLE_POINTS) <= room:
            lines[-1] = joined
        else:
            lines.extend(_split_wide(piece, room))
    return lines or [""]


def _split_wide(word: str, room: float) -> list[str]:
    """`word` in lines of `room` pixels at the title's size, broken between its characters
    (each with its marks, `_clusters`) only when it is wider than that."""
    lines = [""]
    for cluster in _clusters(word):
        if lines[-1] and _length(lines[-1] + cluster, _TITLE_POINTS) > room:
            lines.append("")
        lines[-1] += cluster
    return lines


def _panel(draw: ImageDraw, left: int, metric: Metric, down: int = 0) -> None:
    """One metric: its label over two bars, Before and After, each with its value; `down`
    pixels lower than the chart's top when the title takes more than one line."""
    right = left + _PANEL - 14 * _SCALE
    centre = (left + right) // 2
    for row, line in enumerate(_wrap(metric.label, 10, right - left)):
        _text(draw, (centre, (36 + 16 * row) * _SCALE + down), line, 10)
    values = (metric.baseline or 0.0, metric.value)
    zero, tops = _bars(values)
    zero, tops = zero + down, (tops[0] + down, tops[1] + down)
    for x0, value, label, top, colour, name in zip(
            (centre - _GAP // 2 - _BAR, centre + _GAP // 2), values, bar_labels(metric), tops,
            _COLOURS, ("Before", "After"), strict=True):
        draw.rectangle((x0, min(top, zero), x0 + _BAR, max(top, zero)), fill=colour)
        lines, points = _label_lines(label)
        step = (points + 3) * _SCALE  # one line's height
        first_y = top - 9 * _SCALE - step * (len(lines) - 1) if value >= 0 else top + 9 * _SCALE
        for row, line in enumerate(lines):
            _text(draw, (x0 + _BAR // 2, round(first_y + row * step)), line, points)
        _text(draw, (x0 + _BAR // 2, _BOTTOM + 14 * _SCALE + down), name, 9)
    draw.line((left, zero, right, zero), fill=_INK, width=_SCALE)


def bar_labels(metric: Metric) -> tuple[str, str]:
    """The figures over the Before and After bars, as the pack's table, answers and the
    chart's alt text write them (`formatting.full`: 0.05% and 99.95%, never 0.1% and 100%)."""
    before, after = formatting.apart([metric.baseline or 0.0, metric.value], metric.unit,
                                     compact=False)
    assert before is not None and after is not None
    return before, after


_LABEL_ROOM = _BAR + _GAP - 4 * _SCALE
"""How wide a bar's figure may be: over its bar and half the gap each side, short of the
next bar's figure (£1,234,567.89 at 9 points would run into it)."""


def _label_lines(label: str) -> tuple[list[str], int]:
    """A bar's figure in the lines and size it is drawn at: one line of 9 points, smaller
    (down to 7) for a long one; longer still, the number over its unit (1,234,567 / tonnes
    CO2e), so the whole figure shows and does not touch its neighbour's. Never shortened."""
    for points in (9, 8, 7):
        if _length(label, points) <= _LABEL_ROOM:
            return [label], points
    number, space, unit = label.partition(" ")
    lines = [number, unit] if space else [label]
    return lines, next((points for points in (8, 7) if
                        max(_length(line, points) for line in lines) <= _LABEL_ROOM), 6)


def _bars(values: tuple[float, float]) -> tuple[float, tuple[float, float]]:
    """The zero line's y and each bar's top y, with room past the longest bar for its label.

    The figures are scaled by the largest first, so any finite one (1e-307 or 1e307) gives
    pixels: dividing the plot's height by such a span gave infinities, then NaN.
    """
    largest = max(abs(v) for v in values)
    shares = tuple(v / largest for v in values) if largest else (0.0, 0.0)
    low, high = min(0.0, *shares), max(0.0, *shares)
    spare = (high - low) / 6
    top, bottom = (high + spare if high > 0 else 0.0), (low - spare if low < 0 else 0.0)
    if top == bottom:  # nothing but zeros: the zero line at the foot, as for positive bars
        top = 1.0
    scale = (_BOTTOM - _TOP) / (top - bottom)
    zero = _TOP + top * scale
    return zero, (zero - shares[0] * scale, zero - shares[1] * scale)


def _text(draw: ImageDraw, centre: tuple[int, int], text: str, points: int) -> None:
    """`text` centred on `centre`; in several fonts, run by run on the first font's baseline
    (the middle of its ascender and descender lines at `centre`, as Pillow's "mm" anchor)."""
    runs = text_runs(text)
    if len(runs) == 1:
        draw.text(centre, text, fill=_INK, font=_font(points, runs[0].file), anchor="mm")
        return
    ascent, descent = _font(points, _font_files()[0]).getmetrics()
    x, baseline = centre[0] - _length(text, points) / 2, centre[1] + (ascent - descent) / 2
    for run in runs:
        draw.text((x, baseline), run.text, fill=_INK, font=_font(points, run.file), anchor="ls")
        x += _advance(run, points)


def _length(text: str, points: int) -> float:
    """How wide `text` is drawn at `points`, in pixels."""
    return sum(_advance(run, points) for run in text_runs(text))


def _advance(run: Run, points: int) -> float:
    """How far the next run starts after `run`: its advance, or, when it holds an enclosing
    mark (the keycap U+20E3 around a digit), the right edge of what it draws, which is wider
    than the digit's advance (the box covered the space after it)."""
    font = _font(points, run.file)
    width = font.getlength(run.text)
    if any(unicodedata.category(character) == "Me" for character in run.text):
        width = max(width, float(font.getbbox(run.text, anchor="ls")[2]))
    return width


def _wrap(text: str, points: int, room: float) -> list[str]:
    """`text` in at most two lines of `room` pixels, the second shortened if need be: broken
    at spaces, and between two Chinese, Japanese or Korean letters (`_pieces`), which a line
    may break between as it may at a space."""
    pieces = _pieces(text)
    first, taken = "", 0
    for spaced, piece in pieces:
        longer = f"{first} {piece}".strip() if spaced else first + piece
        if _length(longer, points) > room:
            break
        first, taken = longer, taken + 1
    if not first:  # one long word: shorten it on one line
        return [_fit(text, points, room)]
    rest = "".join(f" {piece}" if spaced else piece for spaced, piece in pieces[taken:]).strip()
    return [first, _fit(rest, points, room)] if rest else [first]


def _pieces(text: str) -> list[tuple[bool, str]]:
    """`text` cut where a line may break: its words, each cut between two CJK letters
    (`_breaks_before`); each piece with whether a space comes before it."""
    pieces: list[tuple[bool, str]] = []
    for word in text.split():
        start = 0
        for place in range(1, len(word)):
            if _breaks_before(word[place - 1], word[place]):
                pieces.append((start == 0, word[start:place]))
                start = place
        pieces.append((start == 0, word[start:]))
    return pieces


def _breaks_before(before: str, after: str) -> bool:
    """True when a line may break between `before` and `after`: two CJK ideographs, kana or
    Hangul syllables (Latin words are not broken), but not before a small kana (ゃ, ッ)."""
    return _cjk(before) and _cjk(after) and "SMALL" not in unicodedata.name(after, "")


def _cjk(character: str) -> bool:
    """A Chinese, Japanese or Korean letter: an ideograph, a kana or a Hangul syllable."""
    return not character.isascii() and unicodedata.name(character, "").startswith(
        ("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH", "HIRAGANA LETTER",
         "KATAKANA LETTER", "HANGUL SYLLABLE"))


def _fit(text: str, points: int, room: float) -> str:
    """`text`, shortened with '...' until it fits `room` pixels."""
    if _length(text, points) <= room:
        return text
    while text and _length(text + "...", points) > room:
        text = text[:-1]
    return text.rstrip() + "..."


def text_runs(text: str) -> list[Run]:
    """`text` cut where its font changes: each character in the first installed font of `FONTS`
    that has it, a mark or joiner (`_ATTACHED`) in its base character's. A combining mark
    that font lacks (the keycap of 1️⃣, U+20E3) takes its base character, and what else is
    drawn on it, to the first font that has them all (`_cluster_file`).

    A character no installed font has is drawn with the first font, as its empty box: there
    is no better choice, and the chart says what it can (its alt text has every word).
    """
    files = _font_files()
    runs: list[Run] = []
    for cluster in _clusters(text):
        file = _cluster_file(cluster, files)
        if runs and runs[-1].file == file:
            runs[-1] = Run(runs[-1].text + cluster, file)
        else:
            runs.append(Run(cluster, file))
    return runs


def _clusters(text: str) -> list[str]:
    """`text` as characters, each with the marks and joiners drawn on it (`_ATTACHED`)."""
    clusters: list[str] = []
    for character in text:
        if clusters and unicodedata.category(character) in _ATTACHED:
            clusters[-1] += character
        else:
            clusters.append(character)
    return clusters


def _cluster_file(cluster: str, files: tuple[str | None, ...]) -> str | None:
    """The font of a character and what is drawn on it: its own (`_file_for`), unless that
    lacks one of its combining marks (Mn, Me): then the first of `files` that has the
    character and all its marks, else its own still."""
    file = _file_for(cluster[0], files)
    marks = {ord(c) for c in cluster[1:] if unicodedata.category(c) in ("Mn", "Me")}
    if file is None or marks <= font_characters(file):
        return file
    needed = marks | {ord(cluster[0])}
    return next((other for other in files if other and needed <= font_characters(other)), file)


def _file_for(character: str, files: tuple[str | None, ...]) -> str | None:
    """The first of `files` that has `character`, else the first."""
    if len(files) == 1 or character.isascii():  # every font of FONTS has ASCII
        return files[0]
    return next((file for file in files if file and ord(character) in font_characters(file)),
                files[0])


@cache
def _font_files() -> tuple[str | None, ...]:
    """The installed file of each family of `FONTS`, in order, families not installed left
    out; (None,) if none is: Pillow's own font."""
    found = (next((file for file in family if Path(file).is_file()), None) for family in FONTS)
    return tuple(file for file in found if file is not None) or (None,)


@cache
def font_characters(file: str) -> frozenset[int]:
    """The code points the font `file` has a glyph for (its cmap; the first font of a .ttc)."""
    from fontTools.ttLib import TTFont

    with TTFont(file, fontNumber=0, lazy=True) as font:
        return frozenset(font.getBestCmap())


@cache
def _font(points: int, file: str | None) -> FreeTypeFont:
    """The font `file` at `points` (pixels at 96 dpi, times the scale); None: Pillow's own."""
    from PIL import ImageFont

    size = points * _SCALE * 4 // 3
    font = ImageFont.load_default(size) if file is None else ImageFont.truetype(file, size)
    assert isinstance(font, ImageFont.FreeTypeFont)  # Pillow's wheels have FreeType
    return font
