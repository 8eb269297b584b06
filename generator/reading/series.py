"""Reading a data series: a CSV under data/ with a period column and numeric columns."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from generator.problems import Problem
from generator.reading.safe_yaml import YamlProblem
from generator.reading.text import read_text


@dataclass(frozen=True)
class Table:
    """A CSV file: its header and rows, each row with its file line."""

    path: str
    header: list[str]
    rows: list[tuple[int, list[str]]]

    def column(self, name: str) -> list[tuple[int, str]]:
        index = self.header.index(name)
        return [(line, cells[index]) for line, cells in self.rows]

    @property
    def labels(self) -> list[str]:
        """The first column: the period of each row."""
        return [cells[0] for _, cells in self.rows]


def read_table(file: Path, relative: str) -> tuple[Table | None, list[Problem]]:
    """Read a CSV; every row must have as many cells as the header."""
    try:
        text = read_text(file)
    except YamlProblem as exc:
        return None, [Problem(relative, exc.line, None, exc.message)]
    try:
        records = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        return None, [Problem(relative, None, None, f"is not a readable CSV file: {exc}")]
    if not records or not any(cell.strip() for cell in records[0]):
        return None, [Problem(relative, 1, None, "needs a header row naming its columns")]
    header = [cell.strip() for cell in records[0]]
    if len(header) == 1 and ";" in header[0]:  # a spreadsheet set to a European list separator
        return None, [Problem(relative, 1, None, 'separates its columns with semicolons: save it '
                              'as CSV with commas (in Excel, "CSV UTF-8 (Comma delimited)")')]
    rows, problems = [], []
    for number, cells in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            problems.append(Problem(relative, number, None,
                                    f"has {len(cells)} cells but the header has {len(header)} "
                                    "(a cell holding a comma needs double quotes)"))
            continue
        rows.append((number, [cell.strip() for cell in cells]))
    return Table(relative, header, rows), problems


def number(cell: str) -> float | None:
    """A cell as a number, or None when it is not one."""
    try:
        value = float(cell)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None
