"""Footnotes become numbered notes, unsafe link schemes keep their words only, and section
headings match whatever the apostrophe or trailing punctuation (tester round 9, 1, 2, 10)."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document
from pypdf import PdfReader

from generator.markdown_text import sections_named
from generator.pack.footnotes import Numbering, with_notes
from tests.conftest import story
from tests.pack.conftest import Pack, build, write_project

SITE = "https://showcase.example.gov.uk/"

AWARD = """\
name: Notes Awards 2027
deadline: 2027-06-30
stories: [alpha, beta]
questions:
  - {id: impact, prompt: Impact, words: 1000, compose: "section: Impact"}
  - {id: next, prompt: Next, words: 1000, compose: "section: What's next"}
  - {id: links, prompt: Links, words: 1000, compose: "section: Links"}
  - {id: summary, prompt: Summary, words: 1000, compose: summary}
"""

ALPHA_BODY = """\
## Impact:

| Measure | Before |
| --- | --- |
| Calls | 100 |

Term with `inline code` and `[^1]` as code. See [our report](https://example.gov.uk/report) \
for more[^1].

## What\u2019s next

Next we scale up[^a].

## Links

A [one](javascript:alert(1)) B [two](JavaScript:alert(2)) C [three](java&#115;cript:alert(3))
D [four][ref] E <javascript:alert(5)> F [six](vbscript:msgbox(6))
G [seven](data:text/html;base64,PHNjcmlwdD5hbGVydCg3KTwvc2NyaXB0Pg==) H [ok](https://example.org/x).

[ref]: javascript:alert(4)

[^1]: Finance confirmed the savings.
[^a]: Note.
"""

BETA_BODY = """\
## Impact

Large saving[^n] and a second[^2].

[^n]: Finance team figures.
[^2]: Second note here.
"""

IMPACT_TXT = """\
Alpha story.
Measure | Before
Calls | 100
Term with inline code and [^1] as code. See our report (https://example.gov.uk/report) for more [1].
[1] Finance confirmed the savings.
Beta story.
Large saving [2] and a second [3].
[2] Finance team figures.
[3] Second note here.
"""

UNSAFE = re.compile(r"javascript|vbscript|data:|&#115;|#115", re.IGNORECASE)


@pytest.fixture(scope="module")
def notes_pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    root = write_project(tmp_path_factory.mktemp("notes"), {
        "mkdocs.yml": f"site_name: Test council\nsite_url: {SITE}\n",
        "awards/notes.yml": AWARD,
        "stories/2026-05-01-alpha.md": story(
            slug="alpha", title="Alpha story", date="2026-05-01", body=ALPHA_BODY,
            summary='"Sum [link](javascript:alert(3)) and [fine](https://example.org/s)."'),
        "stories/2026-05-02-beta.md": story(
            slug="beta", title="Beta story", date="2026-05-02", status="review",
            body=BETA_BODY),
    })
    return build(root, "notes", root / "dist")


def _pdf_text(pack: Pack) -> str:
    reader = PdfReader(io.BytesIO(pack.read("entry.pdf")))
    return "\n".join(page.extract_text() for page in reader.pages)


def _pdf_links(pack: Pack) -> list[str]:
    reader = PdfReader(io.BytesIO(pack.read("entry.pdf")))
    found = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                found.append(str(action["/URI"]))
    return found


def _docx_paragraphs(pack: Pack) -> list[str]:
    document = Document(io.BytesIO(pack.read("entry.docx")))
    return [paragraph.text for paragraph in document.paragraphs]


def test_the_pack_is_ready(notes_pack: Pack) -> None:
    assert notes_pack.result.exit_code == 0, notes_pack.result.output


def test_footnotes_are_numbered_notes_in_the_plain_answer(notes_pack: Pack) -> None:
    assert notes_pack.text("answers/impact.txt") == IMPACT_TXT
    assert notes_pack.text("answers/next.txt") == "Alpha story.\nNext we scale up [1].\n[1] Note.\n"


def test_an_answer_with_a_footnote_keeps_its_formatting_and_links(notes_pack: Pack) -> None:
    markdown = notes_pack.text("answers/impact.md")
    for kept in ("**Alpha story.**", "| Calls | 100 |", "`inline code`", "`[^1]`",
                 "[our report](<https://example.gov.uk/report>) for more \\[1\\].",
                 "\\[1\\] Finance confirmed the savings.", "\\[3\\] Second note here."):
        assert kept in markdown
    assert "showcase.example.gov.uk" not in markdown
    assert "[^" not in markdown.replace("`[^1]`", "")
    page = notes_pack.text("entry.html")
    assert "<table>" in page and "<code>inline code</code>" in page
    assert 'href="https://example.gov.uk/report"' in page
    assert "[1] Finance confirmed the savings." in page
    assert "showcase.example.gov.uk" not in page


def test_the_notes_reach_the_pdf_and_the_word_file(notes_pack: Pack) -> None:
    text = _pdf_text(notes_pack)
    for note in ("[1] Finance confirmed the savings.", "[2] Finance team figures.",
                 "[3] Second note here.", "Large saving [2] and a second [3]."):
        assert note in text
    assert "showcase.example.gov.uk" not in text
    assert "https://example.gov.uk/report" in _pdf_links(notes_pack)
    paragraphs = _docx_paragraphs(notes_pack)
    for note in ("[1] Finance confirmed the savings.", "[2] Finance team figures.",
                 "[3] Second note here.", "Large saving [2] and a second [3].", "[1] Note."):
        assert note in paragraphs


def test_no_link_is_wrongly_flagged_and_no_section_missed(notes_pack: Pack) -> None:
    warnings = notes_pack.text("CHECKLIST.md").split("## Warnings")[1].split("## Answers")[0]
    assert "- impact:" not in warnings
    assert "stories/2026-05-01-alpha.md has no section" not in warnings
    assert ('- next: stories/2026-05-02-beta.md has no section headed "What\'s next"'
            in warnings)


def test_unsafe_schemes_keep_their_words_only_everywhere(notes_pack: Pack) -> None:
    markdown = notes_pack.text("answers/links.md")
    assert markdown == ("**Alpha story.**\n\nA one B two C three\nD four E  F six\n"
                        "G seven H [ok](<https://example.org/x>).\n")
    # a summary is plain text in answers, as on the site (round 14, finding 8): its
    # brackets are words, no link; answers/summary.txt shows it as written
    assert notes_pack.text("answers/summary.txt") == (
        "Sum [link](javascript:alert(3)) and [fine](https://example.org/s).\n"
        "What happened, in one sentence.\n")
    assert not UNSAFE.search(notes_pack.text("answers/links.txt"))
    page = notes_pack.text("entry.html")
    assert not any(UNSAFE.search(href) for href in re.findall(r'href="([^"]*)"', page))
    assert "<p>A one B two C three\nD four E  F six\nG seven H <a" in page
    assert "<p>Sum [link](javascript:alert(3)) and [fine](https://example.org/s).</p>" in page
    # the answers, before the list of stories (which shows each summary as written, as text)
    answers = _pdf_text(notes_pack).split("Alpha story\n2026-05-01")[0]
    assert "A one B two C three D four E F six G seven H ok." in " ".join(answers.split())
    assert "Sum [link](javascript:alert(3)) and [fine](https://example.org/s)." in answers
    assert not any(UNSAFE.search(link) for link in _pdf_links(notes_pack))
    paragraphs = _docx_paragraphs(notes_pack)
    answered = paragraphs[:paragraphs.index("The stories")]
    assert "A one B two C three D four E F six G seven H ok." in answered
    assert "Sum [link](javascript:alert(3)) and [fine](https://example.org/s)." in answered
    assert not any(UNSAFE.search(p) for p in answered if not p.startswith("Sum ["))
    document = Document(io.BytesIO(notes_pack.read("entry.docx")))
    targets = [r.target_ref for r in document.part.rels.values() if "hyperlink" in r.reltype]
    assert "https://example.org/x" in targets and not any(UNSAFE.search(t) for t in targets)


def test_the_checklist_names_the_links_reduced(notes_pack: Pack) -> None:
    checklist = notes_pack.text("CHECKLIST.md")
    assert ("- links: 7 links keep their words only (stories/2026-05-01-alpha.md)"
            in checklist)
    assert "- summary: a link" not in checklist  # a summary is text: it has no links


@pytest.mark.parametrize("heading", ["What's next", "What\u2019s next", "what\u2018s NEXT",
                                     "  What's next:  ", "What's next?", "What`s next"])
def test_headings_match_whatever_the_apostrophe_case_or_trailing_colon(heading: str) -> None:
    body = "## Impact:\n\nA.\n\n## What\u2019s next\n\nB.\n\n## What's next:\n\nC.\n"
    assert sections_named(body, heading) == ["B.", "C."]
    assert sections_named(body, "impact") == ["A."]
    assert sections_named(body, "What is next") == []


NOTE_CASES = [
    # (part, source, expected)
    ("A[^x] and B [^y].\n\n[^x]: One.\n[^y]: Two\n    still two.\n",
     None, "A \\[1\\] and B \\[2\\].\n\n\\[1\\] One.\n\n\\[2\\] Two\nstill two."),
    ("Lazy[^1].\n\n[^1]: First line\nlazy line.\n\n    Second paragraph.\n\nAfter.\n",
     None, "Lazy \\[1\\].\n\n\nAfter.\n\n\\[1\\] First line\nlazy line.\n\nSecond paragraph."),
    ("Kept \\[^1] and `[^1]`.\n\n```\n[^1]: code\n```\n", None,
     "Kept \\[^1] and `[^1]`.\n\n```\n[^1]: code\n```\n"),
    ("Here[^1].", "## A\n\nHere[^1].\n\n## B\n\nThere[^2].\n\n[^1]: Mine.\n[^2]: Theirs.\n",
     "Here \\[1\\].\n\n\\[1\\] Mine."),
    ("Undefined[^9].", None, "Undefined[^9]."),
    ("Orphan.\n\n[^o]: Kept anyway.", None, "Orphan.\n\n\\[1\\] Kept anyway."),
]


@pytest.mark.parametrize(("part", "source", "expected"), NOTE_CASES)
def test_footnotes_as_numbered_notes(part: str, source: str | None, expected: str) -> None:
    assert with_notes(part, source, Numbering()) == expected


def test_notes_are_numbered_on_through_an_answer() -> None:
    numbering = Numbering()
    assert with_notes("A[^1].\n\n[^1]: a.", None, numbering) == "A \\[1\\].\n\n\\[1\\] a."
    assert with_notes("B[^1].\n\n[^1]: b.", None, numbering) == "B \\[2\\].\n\n\\[2\\] b."
