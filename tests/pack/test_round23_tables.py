"""Round 23 (judge23 #1, #2): a wide table of figures in entry.pdf keeps every figure whole
(smaller print, never `£12,34` / `5`), and the checklist names a table too wide to read from
the width where it happens (31 columns); a raw HTML <table> in a story stays a table in
entry.html, entry.pdf and entry.docx, its rows on lines in answers/*.txt, and <sup>/<sub>
that lose their tags are named. Read back with pypdf, python-docx and the HTML itself."""

from __future__ import annotations

import io

import docx
import pypdf
import pytest

from generator.pack.html_tables import as_markdown
from tests.conftest import story
from tests.pack.conftest import Pack, build, write_project
from tests.pack.test_wide_tables import _tables


def _figures(columns: int, start: int) -> list[str]:
    return [f"£{start + 1000 * c:,}" for c in range(columns)]


def _table(columns: int, start: int) -> str:
    heads = [f"Q{c + 1}" for c in range(columns)]
    return "\n".join(["| " + " | ".join(heads) + " |", "|" + " --- |" * columns,
                      "| " + " | ".join(_figures(columns, start)) + " |"])


RAW = ("<table><tr><th>Head A</th><th>Head B</th></tr>"
       "<tr><td>cell 1</td><td>cell<br>2</td></tr></table>")
ANSWER = f"Wide tables.\n\n{_table(30, 12345)}\n\n{_table(31, 52345)}\n\n{_table(60, 112345)}\n"
BODY = f"## Impact\n\nOpening line.\n\n{RAW}\n\nE=mc<sup>2</sup> holds.\n"
AWARD = """\
name: Round 23 Awards
deadline: 2027-06-30
stories: [html]
questions:
  - {id: p, prompt: Figures, words: 2000}
  - {id: impact, prompt: Impact, words: 200, compose: "section: Impact"}
"""


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    root = write_project(tmp_path_factory.mktemp("r23"), {
        "awards/r23.yml": AWARD, "awards/r23/p.md": ANSWER,
        "stories/html.md": story(slug="html", title="Raw tables", body=BODY),
    })
    built = build(root, "r23", root / "dist")
    assert built.result.exit_code == 0, built.result.output
    return built


@pytest.fixture(scope="module")
def pdf_words(pack: Pack) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(pack.read("entry.pdf")))
    return "\n".join(page.extract_text() for page in reader.pages).split()


@pytest.mark.parametrize(("columns", "start"), [(30, 12345), (31, 52345), (60, 112345)])
def test_every_figure_of_a_wide_table_is_printed_whole(pdf_words: list[str], columns: int,
                                                       start: int) -> None:
    assert [f for f in _figures(columns, start) if f not in pdf_words] == []
    assert [h for h in (f"Q{c + 1}" for c in range(columns)) if h not in pdf_words] == []


def test_every_table_too_wide_to_read_is_named(pack: Pack) -> None:
    lines = [line for line in pack.text("CHECKLIST.md").splitlines() if "columns:" in line]
    tail = ("columns: entry.pdf prints it on a landscape page in print too small to read on "
            "paper (under 5 points), as it does any table of more than 30 columns; figures "
            "like £12,345 stay whole up to 73 columns, longer ones may be broken in fewer; "
            "split it into tables of at most 30 columns, or attach it as a file (a CSV or "
            "spreadsheet) and refer to it in the answer")
    # each table past the limit, not only the widest (round 24)
    assert lines == [f"- p: awards/r23/p.md, table 2 of 3, has 31 {tail}",
                     f"- p: awards/r23/p.md, table 3 of 3, has 60 {tail}"]


def test_a_raw_html_table_stays_a_table_in_every_document(pack: Pack, pdf_words: list[str]) -> None:
    html = pack.text("entry.html")
    assert "<th>Head A</th>" in html and "<td>cell 2</td>" in html
    assert "Head A Head B cell 1" not in html
    tables = docx.Document(io.BytesIO(pack.read("entry.docx"))).tables
    assert [[c.text for c in row.cells] for row in tables[-1].rows] == [
        ["Head A", "Head B"], ["cell 1", "cell 2"]]
    reader = pypdf.PdfReader(io.BytesIO(pack.read("entry.pdf")))
    # tagged as a table of a heading row and a row, after the three wide ones
    assert _tables(reader.trailer["/Root"]["/StructTreeRoot"])[3] == [["/TH"] * 2, ["/TD"] * 2]
    assert {"Head", "A", "B", "cell", "1", "2"} <= set(pdf_words)
    assert pack.text("answers/impact.txt") == (
        "Raw tables.\nOpening line.\nHead A | Head B\ncell 1 | cell 2\nE=mc2 holds.\n")
    assert "| Head A | Head B |\n| --- | --- |\n| cell 1 | cell 2 |" in pack.text("answers/impact.md")


def test_words_agree_and_the_lost_superscript_is_named(pack: Pack) -> None:
    checklist = pack.text("CHECKLIST.md")
    words = len(pack.text("answers/impact.txt").split())
    assert f"| impact | {words} words of 200 | ok |" in checklist.splitlines()
    assert f"{words} words of 200" in pack.text("entry.html")
    assert ("- impact: raw HTML left out of the answer (stories/html.md): sup; an entry form "
            "takes text: write what it showed as text") in checklist.splitlines()


@pytest.mark.parametrize(("table", "markdown"), [
    ("<table><caption>Costs</caption><tr><td>a*b</td><td>x|y &amp; z</td></tr>"
     "<tr><td>only</td></tr></table>",
     "Costs\n\n| a\\*b | x\\|y &amp; z |\n| --- | --- |\n| only |  |"),
    ("<table><tr><td colspan=2>merged</td></tr></table>", None),
    ("<table></table>", None),
])
def test_as_markdown(table: str, markdown: str | None) -> None:
    assert as_markdown(table) == markdown
