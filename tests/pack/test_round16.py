"""Round 16 (pack16) findings 4, 5, 7 and 9, read back with real readers.

- A list nested 20 or 50 levels deep in a hand-written answer (check allows 50) prints
  readably in entry.pdf: every item's text whole (poppler's pdftotext), a few pages, no
  word past the page's margins (`pdftotext -bbox`).
- Evidence file names Windows cannot extract (a line break, a tab, `: ? " | * < >`, a
  reserved name such as NUL or CON, a trailing dot) are renamed in the zip (zipfile), as
  the site names them, by their evidence id; CHECKLIST.md says so, and metrics.csv's
  source cell (csv) holds no line break.
- pack's own messages show an award id's control characters as codes.
- The advice given when --out is refused names a folder that is not refused.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import NOW, run_cli, story
from tests.pack.conftest import ENV, Pack, build, write_project

MARGIN = 18 * 72 / 25.4  # the print CSS's left and right page margins (18mm), in points
SLACK = 0.5  # points: rounding in the PDF's text positions
DEPTHS = (20, 50)


def _deep_list(depth: int) -> str:
    return "".join("    " * i + f"- l{i}\n" for i in range(depth))


def _award(name: str) -> str:
    return (f"name: {name}\ndeadline: 2027-06-30\nstories: [s]\n"
            "questions:\n  - {id: q, prompt: Question Q, words: 500}\n")


@dataclass(frozen=True)
class Word:
    page: int
    page_width: float
    x_min: float
    x_max: float
    text: str


@dataclass(frozen=True)
class Printed:
    """entry.pdf read back: its pages, its text and each word's box."""

    pages: int
    text: str
    words: list[Word]


def _printed(pdf: Path) -> Printed:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    match = re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE)
    assert match is not None
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                           capture_output=True, text=True).stdout
    words = []
    for number, page in enumerate(boxes.split("<page ")[1:]):
        width = re.match(r'width="([\d.]+)"', page)
        assert width is not None
        words += [Word(number, float(width.group(1)), float(x_min), float(x_max), word)
                  for x_min, x_max, word in re.findall(
                      r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">'
                      r"([^<]*)</word>", page)]
    return Printed(int(match.group(1)), text, words)


@pytest.fixture(scope="module")
def deep(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Printed]:
    root = tmp_path_factory.mktemp("round16-lists")
    files: dict[str, str | bytes] = {"stories/s.md": story(slug="s")}
    for depth in DEPTHS:
        files[f"awards/deep{depth}.yml"] = _award(f"Deep {depth}")
        files[f"awards/deep{depth}/q.md"] = _deep_list(depth)
    project = write_project(root / "project", files)
    printed = {}
    for depth in DEPTHS:
        built = build(project, f"deep{depth}", root / "dist")
        assert built.result.exit_code == 0, built.result.output
        pdf = root / f"deep{depth}.pdf"
        pdf.write_bytes(built.read("entry.pdf"))
        printed[depth] = _printed(pdf)
    return printed


@pytest.mark.parametrize("depth", DEPTHS)
def test_every_item_of_a_deep_list_is_printed_whole(deep: dict[int, Printed], depth: int) -> None:
    found = set(re.findall(r"\bl\d+\b", deep[depth].text))
    assert found == {f"l{i}" for i in range(depth)}


@pytest.mark.parametrize("depth", DEPTHS)
def test_a_deep_list_takes_a_few_pages(deep: dict[int, Printed], depth: int) -> None:
    assert deep[depth].pages <= 4


@pytest.mark.parametrize("depth", DEPTHS)
def test_no_word_of_a_deep_list_is_past_the_margins(deep: dict[int, Printed], depth: int) -> None:
    words = deep[depth].words
    assert [w.text for w in words if re.fullmatch(r"l\d+", w.text)] == \
        [f"l{i}" for i in range(depth)]  # each item once, whole, in order
    outside = [(w.page, w.text, w.x_min, w.x_max) for w in words
               if w.x_min < MARGIN - SLACK or w.x_max > w.page_width - MARGIN + SLACK]
    assert outside == []
