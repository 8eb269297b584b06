"""Round 28 (welsh28 #2, #3, #7): in the evidence pack a quote carries its own language
(`language:` on a quote, default the story's) in entry.html, entry.pdf and entry.docx; a
story's service is in its language; the story list writes its dates as the site does
("1 May 2026"). Read back with BeautifulSoup, pypdf, pdftotext and python-docx."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import docx
import pypdf
import pytest
from bs4 import BeautifulSoup, Tag

from tests.conftest import picture, story
from tests.pack.conftest import Pack, build, write_project
from tests.pack.test_round24_language import _marked, _paragraph_marks, _struct_languages

WELSH_QUOTE = "Mae'n braf cael ateb yn Gymraeg heb orfod gofyn."
ENGLISH_QUOTE = "It answered me straight away."
WELSH_OWN = "Roedd y gwasanaeth yn wych."
ENGLISH_IN_WELSH = "The school loved it."
WELSH_ALT = "Llun o ddisgyblion ysgol ym Mhwllheli."

ENGLISH = story(
    slug="chatbot", date="2026-05-03", title="A bilingual chatbot",
    summary="Residents ask in Welsh or English.",
    quotes=f'\n  - {{text: "{WELSH_QUOTE}", by: Gwyn, role: preswylydd, consent: true, '
           f"language: cy}}\n  - {{text: {ENGLISH_QUOTE}, by: Ann, role: resident, "
           "consent: true}\n")
WELSH = story(
    slug="ysgol", date="2026-05-01", language="cy", title="Gwasanaeth ysgol ar-lein",
    summary="Roedd yr ysgol yn brysur.", service="Addysg a Dysgu Gydol Oes",
    image=f'{{src: media/ysgol.png, alt: "{WELSH_ALT}"}}',
    quotes=f"\n  - {{text: {WELSH_OWN}, by: Siân, role: rhiant, consent: true}}"
           f"\n  - {{text: {ENGLISH_IN_WELSH}, by: Sam, role: head teacher, consent: true, "
           "language: en}\n")
AWARD = """\
name: Gwobrau 2027
deadline: 2027-03-01
stories: [ysgol, chatbot]
questions:
  - {id: quotes, prompt: What did people say?, words: 200, compose: quotes}
"""


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    root = write_project(tmp_path_factory.mktemp("round28"), {
        "stories/2026-05-01-ysgol.md": WELSH,
        "stories/media/ysgol.png": picture(),
        "stories/2026-05-03-chatbot.md": ENGLISH,
        "awards/gwobrau.yml": AWARD,
    })
    built = build(root, "gwobrau", root / "dist")
    assert built.result.exit_code == 0, built.result.output
    return built


@pytest.fixture(scope="module")
def entry(pack: Pack) -> BeautifulSoup:
    return BeautifulSoup(pack.text("entry.html"), "html.parser")


def _quote(entry: BeautifulSoup, text: str) -> Tag:
    found = entry.find(string=lambda s: s is not None and text in s)
    assert found is not None and found.parent is not None, text
    blockquote = found.find_parent("blockquote")
    assert isinstance(blockquote, Tag)
    return blockquote


def test_each_quote_carries_its_own_language_in_the_html(entry: BeautifulSoup) -> None:
    assert _marked(_quote(entry, WELSH_QUOTE)) == ("cy", "ltr")
    assert _marked(_quote(entry, ENGLISH_QUOTE)) == ("en-GB", None)
    assert _marked(_quote(entry, WELSH_OWN)) == ("cy", "ltr")
    assert _marked(_quote(entry, ENGLISH_IN_WELSH)) == ("en", "ltr")
    # the role is the quote's words too, inside the marked part
    assert "\u2014 Gwyn, preswylydd" in " ".join(_quote(entry, WELSH_QUOTE).get_text().split())


def test_the_answer_file_holds_every_quote_in_order(pack: Pack) -> None:
    answer = pack.text("answers/quotes.md")
    # (the answer escapes the apostrophe that Markdown would make a curly one)
    places = [answer.index(text) for text in (WELSH_OWN, ENGLISH_IN_WELSH,
                                              "braf cael ateb yn Gymraeg", ENGLISH_QUOTE)]
    assert places == sorted(places)
    assert "\u2014 Sam, head teacher" in answer


def test_the_story_list_dates_and_services(entry: BeautifulSoup) -> None:
    usage = {article["aria-labelledby"]: article.find("p", class_="usage")
             for article in entry.find_all("article")}
    welsh, english = usage["s-ysgol"], usage["s-chatbot"]
    assert isinstance(welsh, Tag) and isinstance(english, Tag)
    assert " ".join(welsh.get_text().split()) == "1 May 2026 · Addysg a Dysgu Gydol Oes"
    time = welsh.find("time")
    assert isinstance(time, Tag) and time["datetime"] == "2026-05-01"
    service = welsh.find("span")
    assert isinstance(service, Tag) and service.get_text() == "Addysg a Dysgu Gydol Oes"
    assert (service["lang"], service["dir"]) == ("cy", "ltr")
    assert " ".join(english.get_text().split()) == "3 May 2026 · Digital services"
    assert english.find(lang=True) is None
    lead = entry.find("img", alt=WELSH_ALT)
    assert isinstance(lead, Tag) and (lead["lang"], lead["dir"]) == ("cy", "ltr")


def test_the_pdf_marks_each_quote_and_the_service(pack: Pack) -> None:
    assert _struct_languages(pack.read("entry.pdf")) == [
        ("/Div", "cy"), ("/Div", "en"), ("/Div", "cy"),  # the quotes: a part per language
        ("/H3", "cy"), ("/Span", "cy"), ("/Figure", "cy"), ("/P", "cy")]  # the Welsh story


def test_the_pdf_writes_the_dates_as_the_site(pack: Pack, tmp_path: Path) -> None:
    reader = pypdf.PdfReader(io.BytesIO(pack.read("entry.pdf")))
    assert "2026-05-01" not in "".join(page.extract_text() for page in reader.pages)
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed (scripts/setup-system.sh)")
    path = tmp_path / "entry.pdf"
    path.write_bytes(pack.read("entry.pdf"))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "1 May 2026 · Addysg a Dysgu Gydol Oes" in text
    assert "3 May 2026 · Digital services" in text


def test_the_docx_marks_each_quote_in_its_language(pack: Pack) -> None:
    document = docx.Document(io.BytesIO(pack.read("entry.docx")))
    marks = {p.text: _paragraph_marks(p) for p in document.paragraphs if p.text}

    def of(text: str) -> set[tuple[str | None, str | None]]:
        return next(mark for words, mark in marks.items() if text in words)[1]

    assert of(WELSH_QUOTE) == {("cy", None)}
    assert of("Gwyn, preswylydd") == {("cy", None)}
    assert of(ENGLISH_QUOTE) == {(None, None)}
    assert of(WELSH_OWN) == {("cy", None)}
    assert of(ENGLISH_IN_WELSH) == {("en", None)}
