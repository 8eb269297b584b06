"""Round 24 (welsh24 #3): a story's own words carry its language in entry.html, entry.pdf
and entry.docx, as on the site; the entry's own words stay en-GB.

One pack with a Welsh story (`language: cy`), an Arabic one (`language: ar`) and an English
one (no language), read back with BeautifulSoup, pypdf, pdftotext and python-docx.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pypdf
import pytest
from bs4 import BeautifulSoup, Tag
from docx.oxml.ns import qn

from tests.conftest import story
from tests.pack.conftest import Pack, build, write_project

WELSH_TITLE = "Llyfrgell ddigidol i bawb"
WELSH_SUMMARY = "Mae ein llyfrgelloedd wedi lansio gwasanaeth benthyca digidol."
ARABIC_TITLE = "خط المشورة للمقيمين"
ARABIC_SUMMARY = "أطلقنا خط مشورة هاتفيًا باللغة العربية لمساعدة المقيمين."
ARABIC_QUOTE = "ساعدني الخط كثيرًا"
ENGLISH_SUMMARY = "We opened a new reading room in the market hall."

WELSH = story(
    slug="llyfrgell", date="2026-05-01", language="cy", title=WELSH_TITLE,
    summary=WELSH_SUMMARY,
    metrics="\n  - label: Benthyciadau\n    value: 12000\n    unit: count\n    baseline: 9000\n",
    body="## Yr effaith\n\nMwy o fenthyciadau.\n")
ARABIC = story(
    slug="arabic-advice-line", date="2026-05-02", language="ar", title=ARABIC_TITLE,
    summary=ARABIC_SUMMARY,
    metrics="\n  - label: المكالمات المجابة\n    value: 1500\n    unit: count\n",
    quotes=f"\n  - text: {ARABIC_QUOTE}\n    by: فاطمة\n    role: مقيمة\n    consent: true\n",
    body="## Yr effaith\n\nنجيب على المزيد من المكالمات.\n")
ENGLISH = story(slug="reading-room", date="2026-05-03", title="A new reading room",
                summary=ENGLISH_SUMMARY, body="## Yr effaith\n\nMore readers came.\n")
AWARD = """\
name: Gwobrau 2027
deadline: 2027-03-01
stories: [llyfrgell, arabic-advice-line, reading-room]
questions:
  - {id: crynodeb, prompt: Summarise the entry., words: 200, compose: summary}
  - {id: effaith, prompt: What was the impact?, words: 200, compose: "section: Yr effaith"}
  - {id: quotes, prompt: What did people say?, words: 200, compose: quotes}
  - {id: figures, prompt: What changed?, words: 200, compose: metrics}
"""


@pytest.fixture(scope="session")
def language_pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    root = write_project(tmp_path_factory.mktemp("languages"), {
        "stories/2026-05-01-llyfrgell.md": WELSH,
        "stories/2026-05-02-arabic-advice-line.md": ARABIC,
        "stories/2026-05-03-reading-room.md": ENGLISH,
        "awards/gwobrau.yml": AWARD,
    })
    pack = build(root, "gwobrau", root / "dist")
    assert pack.result.exit_code == 0, pack.result.output
    return pack


@pytest.fixture(scope="session")
def entry(language_pack: Pack) -> BeautifulSoup:
    return BeautifulSoup(language_pack.text("entry.html"), "html.parser")


def _marked(element: Tag) -> tuple[str | None, str | None]:
    """The lang and dir `element` says itself, or its nearest ancestor that says them."""
    for node in [element, *element.parents]:
        if isinstance(node, Tag) and node.has_attr("lang"):
            return str(node["lang"]), str(node["dir"]) if node.has_attr("dir") else None
    return None, None


def _answer(soup: BeautifulSoup, question: str) -> Tag:
    prompt = soup.find("h3", id=f"q-{question}")
    assert isinstance(prompt, Tag)
    answer = prompt.find_next("div", class_="answer")
    assert isinstance(answer, Tag)
    return answer


def _holding(soup: BeautifulSoup, text: str) -> Tag:
    found = soup.find(string=lambda s: s is not None and text in s)
    assert found is not None, text
    parent = found.parent
    assert isinstance(parent, Tag)
    return parent


# --- entry.html ---------------------------------------------------------------------------

def test_story_titles_summaries_and_figures_carry_the_story_language(entry: BeautifulSoup) -> None:
    article = entry.find("article", attrs={"aria-labelledby": "s-arabic-advice-line"})
    assert isinstance(article, Tag)
    heading, summary = article.find("h3"), article.find("p", string=ARABIC_SUMMARY)
    assert isinstance(heading, Tag) and isinstance(summary, Tag)
    assert (heading["lang"], heading["dir"]) == ("ar", "rtl")
    assert (summary["lang"], summary["dir"]) == ("ar", "rtl")
    welsh = entry.find("h3", id="s-llyfrgell")
    assert isinstance(welsh, Tag) and (welsh["lang"], welsh["dir"]) == ("cy", "ltr")
    assert _marked(_holding(entry, WELSH_SUMMARY)) == ("cy", "ltr")
    english = entry.find("h3", id="s-reading-room")
    assert isinstance(english, Tag) and not english.has_attr("lang")
    assert _marked(_holding(entry, ENGLISH_SUMMARY)) == ("en-GB", None)
    cells = {label: entry.find("td", string=label)
             for label in ("Benthyciadau", WELSH_TITLE, "المكالمات المجابة", "12,000")}
    assert {label: _marked(cell) for label, cell in cells.items() if isinstance(cell, Tag)} == {
        "Benthyciadau": ("cy", "ltr"), WELSH_TITLE: ("cy", "ltr"),
        "المكالمات المجابة": ("ar", "rtl"), "12,000": ("en-GB", None)}


def test_the_entry_own_words_stay_en_gb(entry: BeautifulSoup) -> None:
    assert entry.html is not None and entry.html["lang"] == "en-GB"
    for words in ("Questions and answers", "Summarise the entry.", "What was the impact?",
                  "Metrics", "The stories", "Every figure the stories claim", "Story"):
        assert _marked(_holding(entry, words)) == ("en-GB", None), words
    usage = entry.find_all("p", class_="usage")
    assert usage and all(_marked(p) == ("en-GB", None) for p in usage)


def test_a_summary_answer_marks_each_story_part_apart(entry: BeautifulSoup) -> None:
    answer = _answer(entry, "crynodeb")
    assert isinstance(answer, Tag)
    parts = [(_marked(p), p.get_text()) for p in answer.find_all("p")]
    assert parts == [(("cy", "ltr"), WELSH_SUMMARY), (("ar", "rtl"), ARABIC_SUMMARY),
                     (("en-GB", None), ENGLISH_SUMMARY)]


def test_a_section_answer_and_a_quote_carry_their_story_language(entry: BeautifulSoup) -> None:
    impact = _answer(entry, "effaith")
    assert isinstance(impact, Tag)
    assert [(_marked(p), p.get_text()) for p in impact.find_all("p")] == [
        (("cy", "ltr"), f"{WELSH_TITLE}."), (("cy", "ltr"), "Mwy o fenthyciadau."),
        (("ar", "rtl"), f"{ARABIC_TITLE}."), (("ar", "rtl"), "نجيب على المزيد من المكالمات."),
        (("en-GB", None), "A new reading room."), (("en-GB", None), "More readers came.")]
    quote = _holding(entry, ARABIC_QUOTE)
    assert quote.find_parent("blockquote") is not None
    assert _marked(quote) == ("ar", "rtl")
    # the speaker and role joined with the Arabic comma (U+060C), not a Latin one
    assert "\u2014 فاطمة\u060c مقيمة" in " ".join(entry.get_text().split())


def test_a_metrics_answer_is_the_entry_english_sentence(entry: BeautifulSoup) -> None:
    """Decided: a metrics part is "label: value (baseline …, up …)": the entry's English
    around the story's label, so the part stays unmarked; since round 31 the story's own
    words in it (its title, each label) are spans in its language (test_round31_language)."""
    figures = _answer(entry, "figures")
    assert isinstance(figures, Tag)
    assert "Benthyciadau: 12,000 (baseline 9,000, up 33%)." in figures.get_text()
    assert [(t.name, t.get_text(), t["lang"]) for t in figures.find_all(lang=True)] == [
        ("span", WELSH_TITLE, "cy"), ("span", "Benthyciadau", "cy"),
        ("span", ARABIC_TITLE, "ar"), ("span", "المكالمات المجابة", "ar")]


def test_words_and_checksums_are_those_of_the_answers(language_pack: Pack) -> None:
    """The parts apart in entry.html hold the same words the answers/ files count."""
    summary = language_pack.text("answers/crynodeb.txt")
    assert summary.split() == f"{WELSH_SUMMARY} {ARABIC_SUMMARY} {ENGLISH_SUMMARY}".split()
    checklist = language_pack.text("CHECKLIST.md")
    assert f"{len(summary.split())} words of 200" in checklist


def test_an_entry_without_languages_marks_nothing(lgc_pack: Pack) -> None:
    """The example entry (no story gives a language): lang only on <html>, no dir, and no
    structure element of its PDF carries /Lang: the same documents as before."""
    html = lgc_pack.text("entry.html")
    assert re.findall(r"\slang=", html) == [" lang="] and " dir=" not in html
    assert "[dir=rtl]" not in html
    assert _struct_languages(lgc_pack.read("entry.pdf")) == []


# --- entry.pdf ----------------------------------------------------------------------------

def _struct_languages(pdf: bytes) -> list[tuple[str, str]]:
    """(structure type, /Lang) of every structure element that carries /Lang, in order."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    found: list[tuple[str, str]] = []

    def walk(node: object) -> None:
        node = node.get_object() if isinstance(node, pypdf.generic.IndirectObject) else node
        if isinstance(node, pypdf.generic.ArrayObject):
            for kid in node:
                walk(kid)
        elif isinstance(node, pypdf.generic.DictionaryObject):
            if "/Lang" in node and node.get("/Type") != "/Catalog":
                found.append((str(node.get("/S")), str(node["/Lang"])))
            if "/K" in node:
                walk(node["/K"])

    walk(reader.root_object["/StructTreeRoot"])
    return found


def test_the_pdf_structure_carries_each_story_language(language_pack: Pack) -> None:
    pdf = language_pack.read("entry.pdf")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert str(reader.root_object["/Lang"]) == "en-GB"
    assert _struct_languages(pdf) == [
        ("/Div", "cy"), ("/Div", "ar"),                  # the summary answer's parts
        ("/Div", "cy"), ("/Div", "ar"),                  # the section answer's
        ("/Div", "ar"),                                  # the quote
        ("/Span", "cy"), ("/Span", "cy"),                # the metrics answer: title, label
        ("/Span", "ar"), ("/Span", "ar"),                # (round 31)
        ("/TD", "cy"), ("/TD", "cy"),                    # Metrics: story, label
        ("/TD", "ar"), ("/TD", "ar"),
        ("/H3", "cy"), ("/Span", "cy"), ("/P", "cy"),  # The stories: title, service,
        ("/H3", "ar"), ("/Span", "ar"), ("/P", "ar")]  # summary (the service: round 28)


def test_the_pdf_arabic_reads_right_to_left(language_pack: Pack, tmp_path: Path) -> None:
    """The Arabic summary is laid out right to left: pdftotext finds its words from the
    right margin leftwards in the order they are written, its full stop at the far left
    (left to right, the tester found it drawn at the right, beside the first word); the
    Welsh summary starts at the left margin. (pypdf's text follows the drawing order, which
    is no reading order for right-to-left text, so it is not asked.)"""
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed (scripts/setup-system.sh)")
    path = tmp_path / "entry.pdf"
    path.write_bytes(language_pack.read("entry.pdf"))
    page_width = float(pypdf.PdfReader(path).pages[0].mediabox.width)
    words = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-bbox", str(path), "-"],
                           capture_output=True, text=True, check=True).stdout
    boxes = [(float(m.group(1)), float(m.group(2)), float(m.group(3)), m.group(4))
             for m in re.finditer(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                                  r'yMax="[\d.]+">([^<]+)</word>', words)]
    # pdftotext writes each right-to-left word as drawn, its letters from the left
    first = next(box for box in boxes if box[3][::-1] == "أطلقنا")
    line = sorted((box for box in boxes if box[1] == first[1]), key=lambda box: -box[0])
    assert " ".join(box[3][::-1] for box in line) == ARABIC_SUMMARY
    # its first word at the right margin (18 mm: 51 points), its end short of the left one
    assert first[2] > page_width - 60 and line[-1][0] > 100
    assert line[-1][3].startswith(".")
    welsh = next(box for box in boxes if box[3] == "Mae")
    assert welsh[0] < 70  # the left margin, and the answer's bar and padding


# --- entry.docx ---------------------------------------------------------------------------

def _paragraph_marks(paragraph: object) -> tuple[bool, set[tuple[str | None, str | None]], bool]:
    """(w:bidi on the paragraph, each run's w:lang (val, bidi), every run w:rtl)."""
    element = paragraph._p  # type: ignore[attr-defined]
    properties = element.pPr
    runs = list(element.iter(qn("w:r")))
    languages = set()
    for run in runs:
        lang = run.find(f"{qn('w:rPr')}/{qn('w:lang')}")
        languages.add((lang.get(qn("w:val")), lang.get(qn("w:bidi"))) if lang is not None
                      else (None, None))
    right_to_left = bool(runs) and all(
        run.find(f"{qn('w:rPr')}/{qn('w:rtl')}") is not None for run in runs)
    return (properties is not None and properties.find(qn("w:bidi")) is not None,
            languages, right_to_left)


def test_the_docx_marks_each_story_words(language_pack: Pack) -> None:
    document = docx.Document(io.BytesIO(language_pack.read("entry.docx")))
    marks = {p.text: _paragraph_marks(p) for p in document.paragraphs if p.text}
    welsh = (False, {("cy", None)}, False)
    arabic = (True, {(None, "ar")}, True)
    english = (False, {(None, None)}, False)
    assert marks[WELSH_SUMMARY] == welsh
    assert marks[ARABIC_SUMMARY] == arabic
    assert marks[ENGLISH_SUMMARY] == english
    assert marks[WELSH_TITLE] == welsh and marks[ARABIC_TITLE] == arabic
    assert marks[f"{ARABIC_TITLE}."] == arabic  # the section answer's bold title
    assert marks["نجيب على المزيد من المكالمات."] == arabic
    assert marks["Mwy o fenthyciadau."] == welsh
    quote = next(text for text in marks if ARABIC_QUOTE in text)
    assert marks[quote] == arabic
    for own in ("Questions and answers", "Summarise the entry.", "Metrics", "The stories"):
        assert marks[own] == english, own
    cells = {c.text: _paragraph_marks(c.paragraphs[0])
             for row in document.tables[0].rows for c in row.cells if c.text}
    assert cells["Benthyciadau"] == welsh and cells["المكالمات المجابة"] == arabic
    assert cells["12,000"] == english and cells["Story"] == english
    body = document.element.body
    assert len(list(body.iter(qn("w:bidi")))) >= 5  # w:lang's bidi attribute is no element
