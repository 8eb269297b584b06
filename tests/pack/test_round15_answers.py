"""Round 15 (pack15) findings 4, 5 and 8, read back from one pack with real readers.

- Ids a writer gives an answer's headings (`## Dup {#metrics}`), hand-written or drafted
  from a story's section, are dropped: no id in entry.html repeats, and the pack's own
  regions keep their names (html.parser).
- A quote's text, `by` and role in a `compose: quotes` answer are plain text, as the site
  shows them: no live link, no emphasis, no tag dropped (entry.html, entry.pdf by pypdf,
  entry.docx by python-docx, answers/*.txt and *.md).
- entry.docx nests an answer's headings as entry.html does, a level up (its question is a
  Heading 2 where entry.html's is an h3): no level skipped.
"""

from __future__ import annotations

import io
from collections import Counter
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path
from typing import Any

import docx
import pypdf
import pytest

from tests.conftest import story
from tests.pack.conftest import Pack, build, write_project

AWARD = """\
name: Round fifteen
deadline: 2027-06-30
stories: [s]
questions:
  - {id: s, prompt: Statement, words: 500}
  - {id: impact, prompt: Impact, words: 500, compose: "section: Impact"}
  - {id: said, prompt: What people said, words: 500, compose: quotes}
"""
HAND = """\
# Top {#metrics}

text

###### Deep {#q-s}

deeper

## Mid {#stories}

middle

#### Four {#q-s}

four
"""
BODY = """\
## Impact

Calls fell.

### Sub {#stories}

More.
"""
QUOTE_TEXT = "# Big *claim* <b>x</b> [l](http://e) 1. item | pipe"
QUOTE_BY = "**Peter** <i>W</i>"
QUOTE_ROLE = "<u>Lead</u> _r_"
QUOTES = (f'\n  - text: "{QUOTE_TEXT}"\n    by: "{QUOTE_BY}"\n    role: "{QUOTE_ROLE}"\n'
          "    consent: true\n")
SHOWN = f"\u201c{QUOTE_TEXT}\u201d"
WHO = f"\u2014 {QUOTE_BY}, {QUOTE_ROLE}"


class Page(HTMLParser):
    """Every id, the headings (level, text) in order, and the tags inside answers."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.headings: list[tuple[int, str]] = []
        self.answer_tags: list[str] = []
        self.text: list[str] = []
        self._heading: int | None = None
        self._answer_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id") is not None:
            self.ids.append(str(found["id"]))
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading = int(tag[1])
            self.headings.append((self._heading, ""))
        if self._answer_depth:
            self._answer_depth += tag not in ("br", "hr", "img")
            self.answer_tags.append(tag)
        elif tag == "div" and found.get("class") == "answer":
            self._answer_depth = 1

    def handle_endtag(self, tag: str) -> None:
        if tag.startswith("h") and tag[1:].isdigit():
            self._heading = None
        if self._answer_depth:
            self._answer_depth -= 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._heading is not None:
            level, text = self.headings[-1]
            self.headings[-1] = (level, text + data)


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    root = tmp_path_factory.mktemp("round15")
    project = write_project(root / "project", {
        "awards/pt.yml": AWARD, "awards/pt/s.md": HAND,
        "stories/s.md": story(slug="s", body=BODY, quotes=QUOTES)})
    built = build(project, "pt", root / "dist")
    assert built.result.exit_code in (0, 1), built.result.output
    return built


@pytest.fixture(scope="module")
def page(pack: Pack) -> Page:
    parsed = Page()
    parsed.feed(pack.text("entry.html"))
    return parsed


def test_no_id_in_entry_html_repeats(page: Page) -> None:
    repeated = [name for name, count in Counter(page.ids).items() if count > 1]
    assert repeated == []
    assert {"metrics", "stories", "q-s", "questions"} <= set(page.ids)  # the pack's own


def test_the_packs_regions_keep_their_own_headings(pack: Pack) -> None:
    html = pack.text("entry.html")
    # the heading that names each region is the pack's, not an answer's
    assert '<h2 id="metrics">Metrics</h2>' in html
    assert '<h2 id="stories">The stories</h2>' in html
    assert html.count('id="metrics"') == html.count('id="stories"') == 1
    assert html.count('id="q-s"') == 1


def test_quotes_show_as_written_in_entry_html(page: Page, pack: Pack) -> None:
    text = "".join(page.text)
    assert SHOWN in text
    assert WHO in text
    html = pack.text("entry.html")
    assert 'href="http://e"' not in html
    assert "<em>claim</em>" not in html and "<strong>Peter</strong>" not in html


def test_quotes_show_as_written_in_the_pasted_text(pack: Pack) -> None:
    pasted = pack.text("answers/said.txt")
    assert SHOWN in pasted
    assert WHO in pasted


def test_quotes_show_as_written_in_entry_pdf(pack: Pack) -> None:
    reader = pypdf.PdfReader(io.BytesIO(pack.read("entry.pdf")))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert " ".join(SHOWN.split()) in text
    assert " ".join(WHO.split()) in text


def test_quotes_show_as_written_in_entry_docx(pack: Pack) -> None:
    document = docx.Document(io.BytesIO(pack.read("entry.docx")))
    paragraphs = [p.text for p in document.paragraphs]
    assert SHOWN in paragraphs
    assert WHO in paragraphs
    runs = {run.text: run for p in document.paragraphs for run in p.runs}
    assert not any(run.bold or run.italic for text, run in runs.items() if "Peter" in text)


def test_docx_headings_nest_as_in_entry_html(pack: Pack, page: Page) -> None:
    document = docx.Document(io.BytesIO(pack.read("entry.docx")))
    word = [(int(p.style.name.removeprefix("Heading ")), p.text) for p in document.paragraphs
            if p.style is not None and p.style.name.startswith("Heading ")]
    answer = ["Top", "Deep", "Mid", "Four"]
    in_html = [(level, text) for level, text in page.headings if text in answer]
    in_word = [(level, text) for level, text in word if text in answer]
    # `#`, `######`, `##`, `####`: the last three each under the one before that is higher
    assert in_html == [(4, "Top"), (5, "Deep"), (5, "Mid"), (6, "Four")]
    assert in_word == [(level - 1, text) for level, text in in_html]
    assert (2, "Statement") in word  # the question the answer sits under
    levels = [level for level, _ in word]
    assert all(later <= earlier + 1 for earlier, later in pairwise(levels))


def test_pasted_markdown_keeps_the_writers_own_headings(pack: Pack) -> None:
    assert pack.text("answers/s.md").startswith("# Top {#metrics}\n")


def test_the_ids_in_the_project_are_unchanged(pack: Pack) -> None:
    assert "{#stories}" in Path(pack.project, "stories/s.md").read_text(encoding="utf-8")


def test_chromium_names_the_packs_regions_by_their_own_headings(pack: Pack, tmp_path: Path,
                                                                browser: Any) -> None:
    """The regions' names as a browser computes them from aria-labelledby (the first element
    with the id): the answer's heading named them before ("Dup", "Sub")."""
    page_file = tmp_path / "entry.html"
    page_file.write_bytes(pack.read("entry.html"))
    opened = browser.new_page()
    try:
        opened.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
            ("file:", "data:")) else route.abort())
        opened.goto(page_file.as_uri())
        names = [opened.get_by_role("region", name=name, exact=True).count()
                 for name in ("Metrics", "The stories", "Top", "Sub")]
    finally:
        opened.close()
    assert names == [1, 1, 0, 0]
