"""An image in an answer: its alt text in brackets stands in, the same in every document."""

from __future__ import annotations

import io
import re

import docx
import pypdf
import pytest

from generator.pack import answers
from generator.pack.answers import without_images
from generator.pack.pdf import RefusedUrl, render_pdf
from tests.browser.test_images import photo
from tests.conftest import story
from tests.pack.conftest import READY_AWARD, Pack, build, write_project

BODY = ("## Challenge\n\nA challenge.\n\n## Impact\n\n"
        "![Map of the three councils](media/map.jpg)\n\nCalls fell by a fifth.\n")
HAND_WRITTEN = "Just words ![chart](https://example.com/chart.png) here.\n"


@pytest.fixture(scope="module")
def image_pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    root = write_project(tmp_path_factory.mktemp("images"), {
        "awards/ready.yml": READY_AWARD,
        "awards/ready/summary.md": HAND_WRITTEN,
        "stories/map.md": story(slug="map", title="Maps", body=BODY),
        "stories/media/map.jpg": photo("JPEG"),
    })
    return build(root, "ready", root / "dist")


def test_images_in_answers_are_left_out_with_a_warning(image_pack: Pack) -> None:
    assert image_pack.result.exit_code == 0, image_pack.result.output
    warnings = [line[2:] for line in image_pack.text("CHECKLIST.md").splitlines()
                if "image left out" in line]
    assert warnings == [
        'summary: image left out of the answer (awards/ready/summary.md): its alt text '
        '"\\[chart\\]" stands in and counts towards the limit; use the lead image or evidence instead',
        'impact: image left out of the answer (stories/map.md): its alt text '
        '"\\[Map of the three councils\\]" stands in and counts towards the limit; use the lead '
        'image or evidence instead',
    ]
    assert image_pack.text("answers/summary.md") == "Just words [chart] here.\n"
    assert image_pack.text("answers/impact.md") == (
        "**Maps.**\n\n[Map of the three councils]\n\nCalls fell by a fifth.\n")


def test_the_alt_text_counts_the_same_in_every_document(image_pack: Pack) -> None:
    checklist = image_pack.text("CHECKLIST.md").splitlines()
    assert "| summary | 4 words of 100 | ok |" in checklist
    counted = "Maps.\n[Map of the three councils]\nCalls fell by a fifth."  # the alt text counts
    assert f"| impact | {len(counted)} characters of 500 | ok |" in checklist
    html = image_pack.text("entry.html")
    assert "<img" not in html
    assert "<p>Just words [chart] here.</p>" in html
    assert "<p>[Map of the three councils]</p>" in html
    pdf = " ".join(" ".join((p.extract_text() or "").split())
                   for p in pypdf.PdfReader(io.BytesIO(image_pack.read("entry.pdf"))).pages)
    assert "Just words [chart] here." in pdf and "[Map of the three councils]" in pdf
    assert "4 words of 100" in pdf and "56 characters of 500" in pdf
    paragraphs = [p.text for p in docx.Document(io.BytesIO(image_pack.read("entry.docx"))).paragraphs]
    assert "Just words [chart] here." in paragraphs
    assert "[Map of the three councils]" in paragraphs
    assert "4 words of 100" in paragraphs and "56 characters of 500" in paragraphs


@pytest.mark.parametrize(("markdown", "text", "alts"), [
    ('a ![x](https://e.example/i.png "T") b', "a [x] b", ["x"]),
    ("![A [nested] alt](<a b.png>)", "[A \\[nested\\] alt]", ["A [nested] alt"]),
    ("![ref][r]\n\n[r]: https://e.example/i.png", "[ref]\n\n[r]: https://e.example/i.png",
     ["ref"]),
    ("![](x.png) and ![*b*](y.png)", " and [\\*b\\*]", ["", "*b*"]),
    ("![x](a(b).png)", "[x]", ["x"]),
    # plain brackets would make a link here: kept escaped
    ("![ref](x.png)(more)", "\\[ref\\](more)", ["ref"]),
    ("![r](x.png)\n\n[r]: https://e.example/", "\\[r\\]\n\n[r]: https://e.example/", ["r"]),
])
def test_without_images(markdown: str, text: str, alts: list[str]) -> None:
    assert without_images(markdown) == (text, alts)


@pytest.mark.parametrize(("markdown", "text", "alts"), [
    ('Words <img src="https://e.example/raw.png" alt="raw html alt"> here.',
     "Words [raw html alt] here.", ["raw html alt"]),
    ("<IMG alt='a [b] &amp; c' src=x>", "[a \\[b\\] & c]", ["a [b] & c"]),
    ("x <img src=y> y", "x  y", [""]),
])
def test_a_raw_html_picture_is_left_out_like_a_markdown_one(markdown: str, text: str,
                                                             alts: list[str]) -> None:
    """An <img> written by hand in an answer becomes its alt text in brackets, with the same
    warning as a Markdown picture (it used to vanish with the other tags, without a word)."""
    assert without_images(answers.safe_markdown(markdown)) == (text, alts)


def test_an_image_the_pattern_misses_still_loses_its_bang(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(answers, "_IMAGE", re.compile(r"(?!)"))
    assert without_images("a ![x](y.png) and !![z](w.png)") == ("a [x](y.png) and [z](w.png)", [])


def test_the_pdf_never_fetches_what_is_not_in_the_pack() -> None:
    html = '<html lang="en"><title>t</title><img src="https://example.com/x.png" alt="x"></html>'
    message = "entry.pdf cannot be printed: not a pack member: https://example.com/x.png"
    with pytest.raises(RefusedUrl, match=re.escape(message)):
        render_pdf(html, {})
