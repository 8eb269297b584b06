"""entry.pdf loses no text of a wide table (round 13, finding 6): a table of 14 or 30 columns,
cells with long unbroken words (a URL, 1,234,567,890), a long URL in a paragraph or a story's
summary, a long word in a title and a long code line all stay inside the page's margins,
every cell's text is there, and the tables are still tagged as tables. A table too wide to
be sure to fit is named in CHECKLIST.md.

Read back with poppler's pdftotext (which, unlike pypdf, reads only what is on the page:
`-raw` in the order it is drawn, `-bbox` with each word's box) and pypdf (the tags)."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pypdf
import pytest

from generator.model.award import Question
from generator.pack.answers import WideTable, compose_answers, table_columns
from tests.conftest import story
from tests.pack.conftest import Pack, Word, build, pdf_words, write_project

MARGIN = 18 * 72 / 25.4  # the print CSS's left and right page margins (18mm), in points
SLACK = 0.5  # points: rounding in the PDF's text positions

Rows = list[list[str]]


def _grid(columns: int, head: str, cell: str) -> Rows:
    return [[head.format(c=c) for c in range(columns)],
            *[[cell.format(r=r, c=c) for c in range(columns)] for r in range(2)]]


REALISTIC: Rows = [
    ["Service", "Baseline 2023-24", "Target 2024-25", "Actual 2024-25", "Target 2025-26",
     "Actual 2025-26", "Variance", "Verified by", "Notes"],
    ["Revenues and benefits", "£1,234,567", "£1,300,000", "£1,310,442", "£1,400,000",
     "£1,452,901", "+3.8%", "Finance business partner",
     "Includes contributions from Example District Council"],
]
WIDE_14 = _grid(14, "col{c}", "value-number-{r}{c}-longish")  # the tester's table
WIDE_30 = _grid(30, "Heading{c}", "r{r}c{c}-cell")
URL = "https://example.org/reports/2026/annual-digital-services-performance-summary-final.pdf"
UNBROKEN: Rows = [["Source", "Figure", "Word"],
                  [URL, "1,234,567,890,123,456,789", "Pneumonoultramicroscopicsilicovolcano" * 3]]
WIDEST = _grid(70, "h{c}", "{c}")  # more columns than entry.pdf is sure to show whole
TABLES = {"realistic": REALISTIC, "14": WIDE_14, "30": WIDE_30, "unbroken": UNBROKEN,
          "70": WIDEST}
PARAGRAPH_URL = "https://example.org/a/very/long/path/that/never/ends/with/any/space/at/all.pdf"
TITLE_WORD = "Supercalifragilisticexpialidocious" * 3
SUMMARY_URL = "https://example.org/summaries/" + "-".join(["unbroken"] * 3) + "/" + "x" * 90
CODE_LINE = "SELECT " + ", ".join(f"column_{n}" for n in range(30)) + " FROM repairs;"


def _markdown(rows: Rows) -> str:
    lines = ["| " + " | ".join(cells) + " |" for cells in rows]
    return "\n".join([lines[0], "|" + " --- |" * len(rows[0]), *lines[1:]])


BODY = f"""\
## Impact

The figures:

{_markdown(REALISTIC)}

{_markdown(WIDE_14)}

{_markdown(WIDE_30)}

{_markdown(UNBROKEN)}

The report is at {PARAGRAPH_URL} for anyone.

```
{CODE_LINE}
```

## Appendix

{_markdown(WIDEST)}
"""
AWARD = """\
name: Wide Tables Awards 2027
deadline: 2027-06-30
stories: [wide]
questions:
  - {id: impact, prompt: Impact, words: 5000, compose: "section: Impact"}
  - {id: appendix, prompt: Appendix, words: 5000, compose: "section: Appendix"}
"""


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    root = write_project(tmp_path_factory.mktemp("wide"), {
        "awards/wide.yml": AWARD,
        "stories/wide.md": story(slug="wide", title=f"Wide tables {TITLE_WORD}", body=BODY,
                                 summary=f"The summary links to {SUMMARY_URL} in full."),
    })
    built = build(root, "wide", root / "dist")
    assert built.result.exit_code == 0, built.result.output
    return built


@pytest.fixture(scope="module")
def pdf_file(pack: Pack, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("wide-pdf") / "entry.pdf"
    path.write_bytes(pack.read("entry.pdf"))
    return path


@pytest.fixture(scope="module")
def words(pdf_file: Path) -> list[Word]:
    return pdf_words(pdf_file)


@pytest.fixture(scope="module")
def drawn(pdf_file: Path) -> str:
    """The text on the pages, in the order it is drawn, without white space."""
    raw = subprocess.run(["pdftotext", "-raw", str(pdf_file), "-"], check=True,
                         capture_output=True, text=True).stdout
    return "".join(raw.split())


@pytest.mark.parametrize("name", list(TABLES))
def test_every_cell_of_a_wide_table_is_on_the_page_in_order(drawn: str, name: str) -> None:
    """Row by row, each cell's text (broken over lines or not) is drawn, none left out."""
    cells = "".join("".join(cell.split()) for row in TABLES[name] for cell in row)
    assert cells in drawn


def test_a_long_url_and_a_long_code_line_are_on_the_page(drawn: str) -> None:
    assert PARAGRAPH_URL in drawn
    assert SUMMARY_URL in drawn  # in the stories' list, outside the answers
    assert f"Widetables{TITLE_WORD}" in drawn
    assert "".join(CODE_LINE.split()) in drawn


def test_no_word_is_drawn_beyond_the_page_margins(words: list[Word]) -> None:
    assert len({w.page_width for w in words}) >= 1
    outside = [(w.page, w.text, w.x_min, w.x_max) for w in words
               if w.x_min < MARGIN - SLACK or w.x_max > w.page_width - MARGIN + SLACK]
    assert outside == []


def test_a_table_that_fits_with_its_words_whole_keeps_them_whole(words: list[Word]) -> None:
    """The 9-column table is printed smaller, not with its figures broken over lines."""
    shown = {w.text for w in words}
    assert {"£1,234,567", "£1,452,901", "+3.8%", "Baseline", "contributions"} <= shown


def test_the_upright_page_stays_upright_around_a_landscape_table(words: list[Word]) -> None:
    """A table too wide even in small print has a landscape page; the text after it is back
    on an upright A4 page."""
    def page_of(text: str) -> Word:
        return next(w for w in words if w.text == text)
    assert page_of("Service").page_width < 600
    assert page_of("col13").page_width > 800
    assert page_of("anyone.").page_width < 600


def _cells(node: pypdf.generic.DictionaryObject) -> list[list[str]]:
    """The tags of a Table's rows: each TR's cells' tags (/TH, /TD)."""
    rows = []
    for child in _kids(node):
        if child.get("/S") == "/TR":
            rows.append([str(c["/S"]) for c in _kids(child) if c.get("/S") in ("/TH", "/TD")])
        elif child.get("/S") in ("/THead", "/TBody", "/TFoot"):
            rows += _cells(child)
    return rows


def _kids(node: pypdf.generic.DictionaryObject) -> list[pypdf.generic.DictionaryObject]:
    kids = node.get("/K")
    if kids is None:
        return []
    items = kids if isinstance(kids, list) else [kids]
    return [k.get_object() for k in items
            if isinstance(k.get_object(), pypdf.generic.DictionaryObject)]


def _tables(node: pypdf.generic.DictionaryObject) -> list[list[list[str]]]:
    if node.get("/S") == "/Table":
        return [_cells(node)]
    return [table for child in _kids(node) for table in _tables(child)]


def test_each_table_is_still_tagged_as_a_table_with_its_rows_and_cells(pack: Pack) -> None:
    reader = pypdf.PdfReader(io.BytesIO(pack.read("entry.pdf")))
    tables = _tables(reader.trailer["/Root"]["/StructTreeRoot"])
    expected = [[["/TH"] * len(rows[0])] + [["/TD"] * len(rows[0])] * (len(rows) - 1)
                for rows in TABLES.values()]
    assert tables == expected


def test_only_the_table_too_wide_to_be_sure_to_fit_is_named_in_the_checklist(pack: Pack) -> None:
    checklist = pack.text("CHECKLIST.md")
    tables = [line for line in checklist.splitlines() if "columns" in line]
    assert tables == [
        '- appendix: stories/wide.md, section "Appendix", has a table of 70 columns: entry.pdf '
        "prints it on a landscape page in print too small to read on paper (under 5 points), "
        "as it does any table of more than 30 columns; figures like £12,345 stay whole up to "
        "73 columns, longer ones may be broken in fewer; split it into tables of at most 30 "
        "columns, or attach it as a file (a CSV or spreadsheet) and refer to it in the answer"]


def test_the_pdf_is_the_same_when_built_again(pack: Pack, tmp_path: Path) -> None:
    """Laying a table out again leaves nothing to chance: the bytes are the same."""
    again = build(pack.project, "wide", tmp_path / "again")
    assert again.read("entry.pdf") == pack.read("entry.pdf")


def test_a_hand_written_answer_s_table_too_wide_is_named_by_its_file(tmp_path: Path) -> None:
    answer = tmp_path / "impact.md"
    answer.write_text(f"{_markdown(_grid(61, 'h{c}', '{c}'))}\n\n{_markdown(WIDE_30)}\n",
                      encoding="utf-8")
    drafted = compose_answers([Question(id="impact", prompt="Impact", words=5000)], [],
                              {"impact": answer}, folder="awards/wide")
    assert drafted.wide_tables == [WideTable("impact", "awards/wide/impact.md", None, 61, 1, 2)]
    assert table_columns(_markdown(WIDE_30)) == 30
    assert table_columns("No table | here.") == 0
