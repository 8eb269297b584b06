"""metrics.csv: every metric of the included stories, formula-safe."""

from __future__ import annotations

from collections.abc import Mapping

from generator.spreadsheet import csv_bytes
from generator.story import Story

COLUMNS = ("story", "metric id", "label", "value", "unit", "baseline", "target", "period",
           "direction", "source", "verified", "source file")
"""`source file` is the pack's copy of the evidence the `source` id names (e.g.
evidence/call-volumes.csv), empty for an https:// source or evidence not in the pack."""
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def metrics_csv(stories: list[Story], cited: Mapping[tuple[str, str], str] | None = None) -> bytes:
    """The CSV as UTF-8 bytes with a byte-order mark and CRLF line ends; numbers stay numbers.

    `cited` maps (story path, evidence id) to the evidence file's name in the pack
    (`Gathered.cited`), for the `source file` column.
    """
    files = cited or {}
    rows = [list(COLUMNS)]
    for story in stories:
        for m in story.meta.metrics:
            text = [story.slug, m.key, m.label]
            found = files.get((story.path, m.source), "") if m.source else ""
            rows.append([*(neutralise(t) for t in text), _number(m.value), m.unit.value,
                         _number(m.baseline), _number(m.target), neutralise(m.period or ""),
                         m.direction, neutralise(m.source or ""),
                         "true" if m.verified else "false", neutralise(found)])
    return csv_bytes(rows)  # with a byte-order mark, so Excel keeps £ and é
