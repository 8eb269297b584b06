"""Round 31: in a `compose: metrics` answer (an English sentence around the figures), a
story's own words, its title and each metric's label and period, carry the story's language
in entry.html (a span with lang and dir), entry.pdf (a /Span with /Lang) and entry.docx (the
run's w:lang); English stories and stories without a language are shown as before, and the
words counted, the answers/ files, CHECKLIST.md and metrics.csv are those of the same
stories without a language. Read back with BeautifulSoup, pypdf, pdftotext and python-docx.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from bs4 import BeautifulSoup, Tag
from docx.oxml.ns import qn

from generator.pack.docx_html import add_html
from tests.conftest import story
from tests.pack.conftest import Pack, build, write_project
from tests.pack.test_round24_language import _answer, _marked, _struct_languages

WELSH_TITLE = "Gwasanaeth ysgol ar-lein"
WELSH_LABEL = "Ceisiadau ar-lein"
WELSH_TRICKY = 'Galwadau "ateb" & <b>'  # quotes, an ampersand and a tag stay as written
ARABIC_TITLE = "خط المشورة للمقيمين"
ARABIC_LABEL = "المكالمات المجابة"
WELSH_METRICS = (
    f"\n  - {{label: {WELSH_LABEL}, value: 1200, unit: count, baseline: 300, "
    "period: 2025-26, source: https://example.org/a}"
    f"\n  - {{label: '{WELSH_TRICKY}', value: 50, unit: percent, baseline: 20, target: 80, "
    "source: https://example.org/b}\n")
OTHER_METRICS = ("\n  - {label: Calls answered, value: 1500, unit: count, baseline: 1000, "
                 "source: https://example.org/c}\n")
ARABIC_METRICS = (f"\n  - {{label: {ARABIC_LABEL}, value: 1500, unit: count, baseline: 1000, "
                  "source: https://example.org/d}\n")
AWARD = """\
name: Gwobrau 2027
deadline: 2027-03-01
stories: [ysgol, advice, english, plain]
questions:
  - {id: figures, prompt: What changed?, words: 300, compose: metrics}
  - {id: short, prompt: The figures in brief., characters: 2000, compose: metrics}
"""


def _stories(languages: bool) -> dict[str, str | bytes]:
    """The four stories, each with its `language:` when `languages`, else none gives one."""
    def given(tag: str) -> str | None:
        return tag if languages else None

    return {
        "stories/2026-05-01-ysgol.md": story(
            slug="ysgol", date="2026-05-01", language=given("cy"), title=WELSH_TITLE,
            metrics=WELSH_METRICS),
        "stories/2026-05-02-advice.md": story(
            slug="advice", date="2026-05-02", language=given("ar"), title=ARABIC_TITLE,
            metrics=ARABIC_METRICS),
        "stories/2026-05-03-english.md": story(
            slug="english", date="2026-05-03", language=given("en"), title="An English story",
            metrics=OTHER_METRICS),
        "stories/2026-05-04-plain.md": story(
            slug="plain", date="2026-05-04", title="A plain story", metrics=OTHER_METRICS),
        "awards/gwobrau.yml": AWARD,
    }


def _built(root: Path, languages: bool) -> Pack:
    pack = build(write_project(root, _stories(languages)), "gwobrau", root / "dist")
    assert pack.result.exit_code == 0, pack.result.output
    return pack


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    return _built(tmp_path_factory.mktemp("round31"), languages=True)


@pytest.fixture(scope="module")
def twin(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    """The same stories, none giving a language."""
    return _built(tmp_path_factory.mktemp("round31-twin"), languages=False)


@pytest.fixture(scope="module")
def entry(pack: Pack) -> BeautifulSoup:
    return BeautifulSoup(pack.text("entry.html"), "html.parser")


# --- entry.html ---------------------------------------------------------------------------

def test_the_story_title_and_labels_are_spans_in_its_language(entry: BeautifulSoup) -> None:
    figures = _answer(entry, "figures")
    assert [(t.name, t.get_text(), t["lang"], t["dir"]) for t in figures.find_all(lang=True)] == [
        ("span", WELSH_TITLE, "cy", "ltr"), ("span", WELSH_LABEL, "cy", "ltr"),
        ("span", "2025-26", "cy", "ltr"), ("span", WELSH_TRICKY, "cy", "ltr"),
        ("span", ARABIC_TITLE, "ar", "rtl"), ("span", ARABIC_LABEL, "ar", "rtl")]
    title = figures.find("span", string=WELSH_TITLE)
    assert isinstance(title, Tag) and title.parent is not None and title.parent.name == "strong"
    # the sentence around them is the entry's English: its item carries no language
    item = figures.find("li")
    assert isinstance(item, Tag) and _marked(item) == ("en-GB", None)
    assert item.get_text() == f"{WELSH_LABEL}: 1,200 (baseline 300, up 300%; 2025-26)."


def test_english_and_unmarked_stories_are_shown_as_before(entry: BeautifulSoup,
                                                          twin: Pack) -> None:
    figures = _answer(entry, "figures")
    english = figures.find("strong", string="An English story")
    plain = figures.find("strong", string="A plain story")
    assert isinstance(english, Tag) and isinstance(plain, Tag)
    assert _marked(english) == ("en-GB", None) and _marked(plain) == ("en-GB", None)
    assert english.find("span") is None and plain.find("span") is None
    # a pack none of whose stories gives a language marks nothing in its answers
    assert " lang=" not in twin.text("entry.html").split('id="metrics"')[0].split("<body>")[1]


def test_the_words_shown_and_counted_are_those_without_languages(
        pack: Pack, twin: Pack, entry: BeautifulSoup) -> None:
    """The spans add no word: the answers/ files, the checklist (the counts) and the words
    of each answer in entry.html are those of the same stories without a language."""
    for name in ("answers/figures.md", "answers/short.md", "CHECKLIST.md"):
        assert pack.read(name) == twin.read(name), name
    assert "<span" not in pack.text("answers/figures.md")
    twin_entry = BeautifulSoup(twin.text("entry.html"), "html.parser")
    for question in ("figures", "short"):
        assert _answer(entry, question).get_text() == _answer(twin_entry, question).get_text()
        assert _usage(entry, question) == _usage(twin_entry, question)
    checklist = pack.text("CHECKLIST.md")
    assert "| figures | 59 words of 300 | ok |" in checklist
    assert "| short | 371 characters of 2000 | ok |" in checklist
    assert len(pack.text("answers/figures.md").split()) == 59


def _usage(entry: BeautifulSoup, question: str) -> str:
    """The line under a question's prompt: words (or characters) used of the limit."""
    prompt = entry.find("h3", id=f"q-{question}")
    usage = prompt.find_next("p", class_="usage") if isinstance(prompt, Tag) else None
    assert isinstance(usage, Tag), question
    return usage.get_text()


def test_the_metrics_csv_is_unaffected(pack: Pack, twin: Pack) -> None:
    csv = pack.text("metrics.csv")
    assert csv == twin.text("metrics.csv")
    assert '"Galwadau ""ateb"" & <b>"' in csv and "<span" not in csv


# --- entry.pdf ----------------------------------------------------------------------------

def test_the_pdf_tags_each_span_with_its_language(pack: Pack) -> None:
    """WeasyPrint tags each span of entry.html as a /Span with its /Lang: per answer, the
    Welsh title, label, period and label, then the Arabic title and label."""
    spans = [("/Span", "cy")] * 4 + [("/Span", "ar")] * 2
    found = _struct_languages(pack.read("entry.pdf"))
    assert found[:12] == spans + spans
    assert found[12] == ("/TD", "cy")  # then the Metrics table, as before


def test_the_pdf_reads_the_same_sentence(pack: Pack, tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed (scripts/setup-system.sh)")
    path = tmp_path / "entry.pdf"
    path.write_bytes(pack.read("entry.pdf"))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert f"{WELSH_LABEL}: 1,200 (baseline 300, up 300%; 2025-26)." in text
    assert f"{WELSH_TRICKY}: 50% (baseline 20%, up 30 percentage points, target 80%)." in text


# --- entry.docx ---------------------------------------------------------------------------

def _runs(paragraph: object) -> list[tuple[str, str | None, str | None, bool]]:
    """Each run: (text, w:lang's w:val, its w:bidi, w:rtl)."""
    found = []
    for run in paragraph._p.iter(qn("w:r")):  # type: ignore[attr-defined]
        lang = run.find(f"{qn('w:rPr')}/{qn('w:lang')}")
        found.append(("".join(t.text or "" for t in run.iter(qn("w:t"))),
                      None if lang is None else lang.get(qn("w:val")),
                      None if lang is None else lang.get(qn("w:bidi")),
                      run.find(f"{qn('w:rPr')}/{qn('w:rtl')}") is not None))
    return found


def test_the_docx_marks_the_runs_of_the_story_words(pack: Pack) -> None:
    document = docx.Document(io.BytesIO(pack.read("entry.docx")))
    start = next(i for i, p in enumerate(document.paragraphs) if p.text == "What changed?")
    answer = document.paragraphs[start + 2:start + 14]
    assert [_runs(p) for p in answer] == [
        [(WELSH_TITLE, "cy", None, False)],
        [(WELSH_LABEL, "cy", None, False), (": 1,200 (baseline 300, up 300%; ", None, None, False),
         ("2025-26", "cy", None, False), (").", None, None, False)],
        [(WELSH_TRICKY, "cy", None, False),
         (": 50% (baseline 20%, up 30 percentage points, target 80%).", None, None, False)],
        [(ARABIC_TITLE, None, "ar", True)],
        [(ARABIC_LABEL, None, "ar", True), (": 1,500 (baseline 1,000, up 50%).", None, None,
                                            False)],
        [("An English story", None, None, False)],
        [("Calls answered: 1,500 (baseline 1,000, up 50%).", None, None, False)],
        [("A plain story", None, None, False)],
        [("Calls answered: 1,500 (baseline 1,000, up 50%).", None, None, False)],
        [("The figures in brief.", None, None, False)],
        [("371 characters of 2000", None, None, False)],
        [(WELSH_TITLE, "cy", None, False)]]
    title = answer[0].runs[0]
    assert title.bold is True
    # the sentence's paragraph stays left to right: only the Arabic runs are
    assert all(p._p.pPr is None or p._p.pPr.find(qn("w:bidi")) is None for p in answer)


def test_a_span_keeps_its_own_language_in_a_marked_paragraph() -> None:
    """A run marked by its span keeps its one w:lang when its paragraph is marked too."""
    document = docx.Document()
    add_html(document, '<p>Bonjour <span lang="cy" dir="ltr">Helo</span>.</p>', 3,
             language="fr")
    assert _runs(document.paragraphs[-1]) == [
        ("Bonjour ", "fr", None, False), ("Helo", "cy", None, False), (".", "fr", None, False)]
    assert all(len(r.findall(qn("w:lang"))) == 1
               for r in document.paragraphs[-1]._p.iter(qn("w:rPr")))
