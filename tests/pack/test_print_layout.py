"""entry.pdf keeps what belongs together on one page (a table row, a title and the table it
leads into) and loses no text at the page's edge; a right-aligned column stays right-aligned
in entry.html, entry.pdf and entry.docx; entry.docx shows each story's lead image and keeps
none of python-docx's template leftovers. Read back with pypdf, python-docx and zipfile."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import docx
import pypdf
import pytest
from docx.enum.text import WD_PARAGRAPH_ALIGNMENT
from docx.oxml.ns import qn

from tests.browser.test_images import photo
from tests.conftest import story
from tests.pack.conftest import Pack, build, write_project

AWARD = """\
name: Layout Awards 2027
deadline: 2027-06-30
stories: [s]
questions:
  - {id: impact, prompt: Impact, words: 20000}
"""
LONG_LINE = ("SELECT request_id, trade_code, priority, suggested_by_model, confirmed_by_user, "
             "created_at FROM repairs WHERE created_at > '2026-01-01';")
ROWS = 40
TITLED_TABLES = 40


def _long_table() -> str:
    """A table of tall rows (a long label), over several pages: its rows meet page ends."""
    rows = [f"| Astart{n:02d} {'repairs sent to the right trade first time ' * 3}Aend{n:02d} "
            f"| a note on the figure | Afig{n:02d} | 2025-26 |" for n in range(ROWS)]
    return "| Label | Note | Figure | Period |\n| --- | --- | ---: | --- |\n" + "\n".join(rows)


def _titled_tables() -> str:
    """Bold title lines, each leading into a table, after text of different lengths: some
    title falls at the foot of a page."""
    blocks = []
    for n in range(TITLED_TABLES):
        filler = " ".join(["The service changed how repairs are booked."] * (1 + (n * 3) % 7))
        blocks.append(f"{filler}\n\n**Title{n:02d}**\n\n| Kind | Count |\n| --- | ---: |\n"
                      f"| First{n:02d} | {n} |\n| Second | 8 |")
    return "\n\n".join(blocks)


ANSWER = f"""\
Intro.

```
{LONG_LINE}
```

| Measure | Before | After |
| --- | ---: | :---: |
| Calls | 100 | 90 |

{_long_table()}

{_titled_tables()}
"""
ALT = "A repairs van outside a block of flats"


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    root = write_project(tmp_path_factory.mktemp("layout"), {
        "awards/a.yml": AWARD,
        "awards/a/impact.md": ANSWER,
        "stories/s.md": story(slug="s", title="Minimal story", outcomes="[shared-services]",
                              image=f"{{src: media/van.png, alt: {ALT}}}",
                              metrics="\n  - label: Calls answered\n    value: 1200\n"
                                      "    unit: count\n    baseline: 900\n"),
        "stories/media/van.png": photo("PNG"),
    })
    built = build(root, "a", root / "dist")
    assert built.result.exit_code == 0, built.result.output
    return built


@pytest.fixture(scope="module")
def pages(pack: Pack) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(pack.read("entry.pdf")))
    return [page.extract_text() for page in reader.pages]


def _page_of(pages: list[str], token: str) -> int:
    [found] = [number for number, text in enumerate(pages) if token in text]
    return found


def test_no_table_row_is_split_across_pages(pages: list[str]) -> None:
    spread = {_page_of(pages, f"Astart{n:02d}") for n in range(ROWS)}
    assert len(spread) >= 2, "the table should run over a page end"
    for n in range(ROWS):
        cells = [_page_of(pages, f"{part}{n:02d}") for part in ("Astart", "Aend", "Afig")]
        assert len(set(cells)) == 1, (n, cells)


def test_a_title_line_stays_with_the_table_it_leads_into(pages: list[str]) -> None:
    spread = {_page_of(pages, f"Title{n:02d}") for n in range(TITLED_TABLES)}
    assert len(spread) >= 2, "the titles should run over a page end"
    for n in range(TITLED_TABLES):
        assert _page_of(pages, f"Title{n:02d}") == _page_of(pages, f"First{n:02d}"), n


def test_a_long_code_line_wraps_and_loses_no_text(pack: Pack, tmp_path: Path) -> None:
    """pdftotext reads what is inside the page (pypdf would read the text cut off, too)."""
    (tmp_path / "entry.pdf").write_bytes(pack.read("entry.pdf"))
    shown = subprocess.run(["pdftotext", str(tmp_path / "entry.pdf"), "-"], check=True,
                           capture_output=True, text=True).stdout
    assert "".join(LONG_LINE.split()) in "".join(shown.split())


def test_right_and_centre_aligned_columns_stay_aligned(pack: Pack) -> None:
    html = pack.text("entry.html")
    assert "<th>Measure</th>" in html  # a column without alignment: none written
    assert '<th class="align-right">Before</th>' in html
    assert '<td class="align-right">100</td>\n<td class="align-center">90</td>' in html
    assert "style=" not in html.split("</style>")[1]
    style = html.split("<style>")[1].split("</style>")[0]
    assert "td.align-right, th.align-right { text-align: right; }" in style
    document = docx.Document(io.BytesIO(pack.read("entry.docx")))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Measure")
    aligned = [[cell.paragraphs[0].alignment for cell in row.cells] for row in table.rows]
    right, centre = WD_PARAGRAPH_ALIGNMENT.RIGHT, WD_PARAGRAPH_ALIGNMENT.CENTER
    assert aligned == [[None, right, centre], [None, right, centre]]
    metrics = next(t for t in document.tables if t.rows[0].cells[0].text == "Story")
    assert [c.paragraphs[0].alignment for c in metrics.rows[1].cells] == [
        None, None, right, right, right, None, None]


def test_the_word_file_shows_the_lead_image_with_its_alt_text(pack: Pack) -> None:
    document = docx.Document(io.BytesIO(pack.read("entry.docx")))
    paragraphs = document.paragraphs
    start = [p.text for p in paragraphs].index("The stories")
    shown = [(p.style.name if p.style is not None else "", p.text,
              [d.get("descr") for d in p._p.iter(qn("wp:docPr"))]) for p in paragraphs[start:]]
    assert shown[:5] == [("Heading 1", "The stories", []), ("Heading 2", "Minimal story", []),
                         ("Caption", "14 March 2026 \u00b7 Digital services", []),
                         ("Normal", "", [ALT]),
                         ("Normal", "What happened, in one sentence.", [])]
    assert all(text or pictures for _, text, pictures in shown), shown  # no empty paragraph
    with zipfile.ZipFile(io.BytesIO(pack.read("entry.docx"))) as package:
        media = [n for n in package.namelist() if n.startswith("word/media/")]
        assert pack.read("images/s.png") in [package.read(n) for n in media]  # the stripped copy


def test_the_word_file_keeps_no_template_leftovers(pack: Pack) -> None:
    with zipfile.ZipFile(io.BytesIO(pack.read("entry.docx"))) as package:
        names = package.namelist()
        settings = package.read("word/settings.xml").decode()
        types = package.read("[Content_Types].xml").decode()
        rels = package.read("word/_rels/document.xml.rels").decode()
    assert not [n for n in names if n.startswith("customXml/")]
    assert "customXml" not in types and "customXml" not in rels
    assert "proofState" not in settings
    section = docx.Document(io.BytesIO(pack.read("entry.docx"))).sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4
    assert section.left_margin is not None and section.right_margin is not None
    text_width = section.page_width - section.left_margin - section.right_margin
    shapes = docx.Document(io.BytesIO(pack.read("entry.docx"))).inline_shapes
    assert shapes and all(shape.width <= text_width for shape in shapes)  # a chart fits


@pytest.mark.parametrize(("html", "cleaned"), [
    ('<td style="text-align: right;">1</td>', '<td class="align-right">1</td>'),
    ('<th style="text-align: center;">a</th>', '<th class="align-center">a</th>'),
    ('<td style="text-align: right; background: url(https://x.example/t.png)">1</td>',
     "<td>1</td>"),
    ('<td style="color: red">1</td>', "<td>1</td>"),
    ('<td><p style="text-align: right;">p</p></td>', "<td><p>p</p></td>"),
    ('<td style="text-align: right;" onclick="alert(1)">1</td>', "<td>1</td>"),
])
def test_only_a_cell_s_markdown_alignment_passes_the_allow_list(html: str, cleaned: str) -> None:
    from generator.sanitize import clean, removals

    table = f"<table><tbody><tr>{html}</tr></tbody></table>"
    assert clean(table) == f"<table><tbody><tr>{cleaned}</tr></tbody></table>"
    kept = "align-" in cleaned
    assert bool(removals(table)) is not kept, removals(table)
