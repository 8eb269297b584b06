"""Raw HTML in an answer: tags go, text never does, and code is left as written."""

from __future__ import annotations

import io

import docx
import pytest

from generator.pack.answers import cleaned_markdown, without_images
from generator.pack.code_spans import code_pieces
from tests.conftest import story
from tests.pack.conftest import READY_AWARD, Pack, build, write_project

HAND_WRITTEN = ("We replaced the old `<iframe>` map with a native page.\n\n"
                "Second paragraph.\n")
BODY = ("## Impact\n\nThe old page used <embed src=\"map.swf\"> for its map.\n\n"
        "Calls fell by a fifth; the `![map](map.png)` picture went too.\n\n"
        "```html\n<script>old()</script>\n```\n\nThe end.\n")


@pytest.fixture(scope="module")
def html_pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    root = write_project(tmp_path_factory.mktemp("raw-html"), {
        "awards/ready.yml": READY_AWARD,
        "awards/ready/summary.md": HAND_WRITTEN,
        "stories/maps.md": story(slug="maps", title="Maps", body=BODY),
    })
    return build(root, "ready", root / "dist")


def test_a_tag_in_a_code_span_keeps_the_answer_whole(html_pack: Pack) -> None:
    assert html_pack.text("answers/summary.md") == HAND_WRITTEN
    assert "| summary | 12 words of 100 | ok |" in html_pack.text("CHECKLIST.md").splitlines()
    paragraphs = [p.text for p in docx.Document(io.BytesIO(html_pack.read("entry.docx"))).paragraphs]
    assert "We replaced the old <iframe> map with a native page." in paragraphs
    assert "Second paragraph." in paragraphs


def test_a_void_tag_drops_itself_only_and_the_checklist_says_so(html_pack: Pack) -> None:
    assert html_pack.text("answers/impact.md") == (
        "**Maps.**\n\nThe old page used  for its map.\n\n"
        "Calls fell by a fifth; the `![map](map.png)` picture went too.\n\n"
        "```html\n<script>old()</script>\n```\n\nThe end.\n")
    warnings = [line[2:] for line in html_pack.text("CHECKLIST.md").splitlines()
                if "left out of the answer" in line]
    assert warnings == ["impact: raw HTML left out of the answer (stories/maps.md): embed; "
                        "an entry form takes text: write what it showed as text"]
    assert "<script>" not in html_pack.text("entry.html")


@pytest.mark.parametrize(("markdown", "text", "dropped"), [
    ("a <script>x()</script> b", "a  b", ["<script>"]),
    ("a <iframe src=x>fallback</iframe> b\n\nc", "a  b\n\nc", ["<iframe>"]),
    ("a <iframe src=x> b\n\nc", "a  b\n\nc", ["<iframe>"]),  # unclosed: the tag alone
    ("a <STYLE>\n\nb", "a \n\nb", ["<style>"]),
    ("a <embed src=x></embed> b", "a  b", ["<embed>", "<embed>"]),
    ("`<script>` and ``a `<form>` b``", "`<script>` and ``a `<form>` b``", []),
    ("```\n<iframe>\n```\n\nafter <b>x</b>", "```\n<iframe>\n```\n\nafter x", []),
    ("~~~~\n<iframe>\n~~~\nstill code\n~~~~\nx <i>y</i>", "~~~~\n<iframe>\n~~~\nstill code\n~~~~\nx y", []),
    ("text\n\n    <iframe> indented code\n\nafter", "text\n\n    <iframe> indented code\n\nafter", []),
    ("- item\n\n    <iframe> in the item", "- item\n\n     in the item", ["<iframe>"]),
    ("para\n    <object> lazy line", "para\n     lazy line", ["<object>"]),
    ("\\`<form>\\`", "\\`\\`", ["<form>"]),  # escaped backticks make no code span
])
def test_cleaned_markdown(markdown: str, text: str, dropped: list[str]) -> None:
    assert cleaned_markdown(markdown) == (text, dropped)


def test_pictures_in_code_stay_as_written() -> None:
    markdown = "`![a](x.png)` and ![b](y.png)\n\n```\n![c](z.png)\n```"
    assert without_images(markdown) == ("`![a](x.png)` and [b]\n\n```\n![c](z.png)\n```", ["b"])


def test_code_pieces_are_located_exactly() -> None:
    text = "a `b` c\n\n```\nx\n```\n\nd ``e`f`` g"
    assert [text[s:e] for s, e in code_pieces(text)] == ["`b`", "```", "x", "```", "``e`f``"]


BLOCKS = ("<div>First</div><div>Second</div> and <p>para one</p><p>para two</p> x<br>y\n\n"
          "<details><summary>More</summary>Hidden text</details>\n")


def test_block_tags_and_line_breaks_keep_words_apart(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The site shows "First" and "Second" as two words: so do the answers and the counts."""
    root = write_project(tmp_path_factory.mktemp("blocks"), {
        "awards/ready.yml": READY_AWARD,
        "awards/ready/summary.md": BLOCKS,
        "stories/maps.md": story(slug="maps", title="Maps", body="## Impact\n\n" + BLOCKS),
    })
    pack = build(root, "ready", root / "dist")
    words = "First Second and para one para two x y\n\nMore Hidden text\n"
    assert pack.text("answers/summary.md") == words
    assert pack.text("answers/impact.md") == "**Maps.**\n\n" + words
    plain = "Maps.\nFirst Second and para one para two x y\nMore Hidden text\n"
    assert pack.text("answers/impact.txt") == plain
    checklist = pack.text("CHECKLIST.md").splitlines()
    assert "| summary | 12 words of 100 | ok |" in checklist
    assert f"| impact | {len(plain) - 1} characters of 500 | ok |" in checklist
    paragraphs = [p.text for p in docx.Document(io.BytesIO(pack.read("entry.docx"))).paragraphs]
    assert "First Second and para one para two x y" in paragraphs


@pytest.mark.parametrize(("markdown", "text"), [
    ("<div>First</div><div>Second</div> and <p>para one</p><p>para two</p> x<br>y",
     "First Second and para one para two x y"),
    ("<details><summary>Sum</summary>Body</details>", "Sum Body"),
    ("a<b>bold</b>er and <SPAN>x</SPAN>y", "abolder and xy"),  # inside a word: no space
    ("x<br/>y <br> z<hr>w<td>v</td>", "x y  z w v"),
    ("   <div>x</div>\n\n<div>\n<p>y</p>\n</div>", "x\n\ny"),  # never four spaces: no code
])
def test_tags_between_words_leave_a_space(markdown: str, text: str) -> None:
    assert cleaned_markdown(markdown) == (text, [])
