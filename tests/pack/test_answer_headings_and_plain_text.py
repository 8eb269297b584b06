"""Round 14 (pack14) findings 2, 5, 7, 8 and 9, read back from one pack with real readers.

- An answer's own headings sit under its question in entry.html and entry.pdf (h4 and
  below, in order, no level skipped, h6 at most): hand-written and drafted answers alike; the PDF's outline
  files the next question beside the one before, never under an answer's heading. The
  pasted answers/*.md keep the writer's own levels; entry.docx stays as it was (Heading 3).
- A story's summary, title and metric label are plain text in drafted answers, as on the
  site: `# ` starts no heading, `<b>` is no tag, `&amp;` stays, quotes stay straight; the
  pasted answers/*.txt show the summary exactly as written.
- Questions are no landmarks named by their prompts: a prompt "Metrics", and two questions
  with one prompt, give no landmark names twice.
- The pack's metrics table wraps a label of one 200-letter word: no word passes the
  page's right margin and every cell's text is drawn.
- A control character in a hand-written answer is named in CHECKLIST.md at its line.

Read back with html.parser, pypdf (outline), python-docx and pdftotext -bbox/-raw.
"""

from __future__ import annotations

import io
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import docx
import pypdf
import pytest

from tests.conftest import story
from tests.pack.conftest import Pack, build, write_project

SUMMARY = "# 1 council. 1986. was big | pipe *star* a_b_c <b>bold</b> &amp; [x](y) `tick` 50% + more"
TITLE = 'Charts <b>&amp;</b> "quotes" -- story...'
LONG_LABEL = "A" * 200
AWARD = """\
name: Round fourteen
deadline: 2027-06-30
stories: [s]
questions:
  - {id: hand, prompt: Statement, words: 500}
  - {id: impact, prompt: Impact, words: 500, compose: "section: Impact"}
  - {id: sum, prompt: Metrics, words: 500, compose: summary}
  - {id: figures, prompt: Metrics, words: 500, compose: metrics}
"""
HAND = """\
## The project

We did\u202e things.

### In detail

Details a\x00b \x1b[31mred.

## Innovation

New things.

###### Deepest

Deep.
"""
BODY = """\
## Impact

Calls fell.

### Further down

More.

#### Deeper

Deep.
"""
METRICS = ("\n  - label: \"" + LONG_LABEL + "\"\n    value: 1234567\n    unit: count\n"
           "    baseline: 1000\n    target: 2000000\n    period: 2025-26\n"
           "  - label: \"Plain *label* <b>x</b>\"\n    value: 5\n    unit: count\n")
MARGIN = 18 * 72 / 25.4  # the print CSS's left and right page margins (18mm), in points
SLACK = 0.5


class Outline(HTMLParser):
    """The headings (level, text) in order, and the sections' attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[int, str]] = []
        self.sections: list[dict[str, str | None]] = []
        self.text: dict[str, str] = {}
        self._open: int | None = None
        self._ids: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self._open = int(tag[1])
            self.headings.append((self._open, ""))
            if (ident := dict(attrs).get("id")) is not None:
                self._ids[ident] = ""
        if tag == "section":
            self.sections.append(dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            level, text = self.headings[-1]
            self.headings[-1] = (level, text + data)


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    root = write_project(tmp_path_factory.mktemp("round14"), {
        "awards/pt.yml": AWARD,
        "awards/pt/hand.md": HAND,
        "stories/s.md": story(slug="s", title=f"'{TITLE}'", summary=f"'{SUMMARY}'",
                              body=BODY, metrics=METRICS),
    })
    built = build(root, "pt", root / "dist")
    assert built.result.exit_code in (0, 1), built.result.output
    return built


@pytest.fixture(scope="module")
def outline(pack: Pack) -> Outline:
    parser = Outline()
    parser.feed(pack.text("entry.html"))
    return parser


def test_answer_headings_sit_under_their_question_in_entry_html(outline: Outline) -> None:
    headings = [(level, " ".join(text.split())) for level, text in outline.headings]
    start = headings.index((2, "Questions and answers"))
    end = headings.index((2, "Metrics"))
    assert headings[start:end] == [
        (2, "Questions and answers"),
        (3, "Statement"), (4, "The project"), (5, "In detail"), (4, "Innovation"), (5, "Deepest"),
        (3, "Impact"), (4, "Further down"), (5, "Deeper"),
        (3, "Metrics"),
        (3, "Metrics"),
    ]
    assert [level for level, _ in headings].count(1) == 1


def test_the_pdf_outline_files_each_question_beside_the_one_before(pack: Pack) -> None:
    reader = pypdf.PdfReader(io.BytesIO(pack.read("entry.pdf")))

    def titles(items: list[object]) -> list[object]:
        return [titles(i) if isinstance(i, list) else i.title for i in items]  # type: ignore[attr-defined]

    title, parts = titles(reader.outline)
    assert title == "Round fourteen"
    assert isinstance(parts, list)
    questions = parts[parts.index("Questions and answers") + 1]
    assert questions == ["Statement", ["The project", ["In detail"], "Innovation", ["Deepest"]],
                         "Impact", ["Further down", ["Deeper"]],
                         "Metrics", "Metrics"]
    assert parts[parts.index("Questions and answers") + 2:][:2] == ["Metrics", "The stories"]


def test_the_pasted_answer_and_entry_docx_keep_their_levels(pack: Pack) -> None:
    assert pack.text("answers/hand.md").startswith("## The project\n")
    document = docx.Document(io.BytesIO(pack.read("entry.docx")))
    styles = {p.text: p.style.name for p in document.paragraphs if p.style is not None}
    assert styles["The project"] == "Heading 3"
    assert styles["Statement"] == "Heading 2"


def test_a_summary_is_plain_text_in_a_drafted_answer(pack: Pack, outline: Outline) -> None:
    assert pack.text("answers/sum.txt").strip() == SUMMARY
    html = pack.text("entry.html")
    assert "&lt;b&gt;bold&lt;/b&gt; &amp;amp; [x](y) `tick`" in html
    assert "# 1 council." in html and "*star*" in html
    assert not any(text.startswith("1 council") for _, text in outline.headings)
    document = docx.Document(io.BytesIO(pack.read("entry.docx")))
    assert SUMMARY in [p.text for p in document.paragraphs]


def test_a_title_and_a_label_are_plain_text_in_drafted_answers(pack: Pack) -> None:
    figures = pack.text("answers/figures.txt")
    assert figures.splitlines()[0] == TITLE
    assert "Plain *label* <b>x</b>: 5." in figures
    impact = pack.text("answers/impact.txt")
    assert impact.splitlines()[0] == f"{TITLE}."


def test_no_landmark_name_is_given_twice(outline: Outline) -> None:
    named = [s.get("aria-labelledby") or s.get("aria-label") for s in outline.sections]
    named = [n for n in named if n]
    assert named == ["questions", "metrics", "stories"]  # the questions are no landmarks
    assert len(outline.sections) == 3 + 4


def test_the_metrics_table_wraps_a_long_word_inside_the_margins(
        pack: Pack, tmp_path: Path) -> None:
    pdf = tmp_path / "entry.pdf"
    pdf.write_bytes(pack.read("entry.pdf"))
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                           capture_output=True, text=True).stdout
    for page in boxes.split("<page ")[1:]:
        width = float(re.match(r'width="([\d.]+)"', page).group(1))  # type: ignore[union-attr]
        for x_max, word in re.findall(r'xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', page):
            assert float(x_max) <= width - MARGIN + SLACK, word
    raw = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    table = "".join(raw[raw.index("Every figure the stories claim"):].split())
    row = "".join([TITLE, LONG_LABEL, "1,234,567", "1,000", "2,000,000", "2025-26", "no"])
    assert "".join(row.split()) in table


def test_a_control_character_in_an_answer_is_named_in_the_checklist(pack: Pack) -> None:
    checklist = pack.text("CHECKLIST.md")
    assert "awards/pt/hand.md:3: the control character U+202E" in checklist
    assert "awards/pt/hand.md:7: the control character U+0000" in checklist
    assert "awards/pt/hand.md:7: the control character U+001B" in checklist
