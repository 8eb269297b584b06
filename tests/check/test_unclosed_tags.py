"""Runs of `<` that start a tag no `>` ends took check, build and pack time by the square of
their number (round 37, slowmd F1-F3): Python-Markdown's and the standard library's HTML
parsers, the nesting check's tag pattern and the remote-picture pattern each read on to the
end of the text (or line) from every one. check now refuses more than 50 such `<` at their
line, `to_html` shows the text as plain paragraphs, and the patterns stop at the next tag.

Each input below took more than 10 seconds before; a subprocess timeout of 30 seconds
catches a return of the old growth without a timing assertion that could flake."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.markdown_text import to_html
from generator.nesting import deepest_line
from generator.sanitize import pictures_without_alt, removals, unclosed_tags
from tests.check.test_unclosed_fences import in_a_process
from tests.conftest import NOW, ProjectFactory, run_cli, story

#: the story file's line of the body's third (7 front-matter lines and 2 `---` before it)
LINE = 12
START_TAGS = "## Impact\n\nx " + "<a " * 8000  # 24 KB: check took 19.5 s (F1)
END_TAGS = "## Impact\n\nx " + "</a " * 16000  # 64 KB: check took 30 s (F2)
PICTURES = "## Impact\n\nx <b> " + "![a " * 32000  # 128 KB: check took 15.9 s (F3)
SECTIONS = "## Impact\n\nx " + "<![CDATA[ " * 32000  # 320 KB: over a minute (F3)
AWARD = """\
name: Tags
deadline: 2027-06-30
stories: [fine]
questions:
  - {id: hand, prompt: Statement, words: 1000}
"""


def message(count: int) -> str:
    return (f"{count} < start an HTML tag that no > ends (the 51st is on this line); at most 50 "
            "can be read: end each tag with a >, and write a < that is only text as &lt; or "
            "with a space after it (a < b)")


@pytest.mark.parametrize(("body", "count"), [(START_TAGS, 8000), (END_TAGS, 16000)])
def test_check_refuses_tags_never_ended_at_their_line(make_project: ProjectFactory,
                                                       body: str, count: int) -> None:
    root = make_project({"stories/2026-03-14-tags.md": story(slug="tags", body=body)})
    result = in_a_process(root, "check")
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"stories/2026-03-14-tags.md:{LINE}: body: {message(count)}\n" in result.stdout
    assert "errors found: 1 error" in result.stdout


def test_a_refused_body_is_not_read_again_slowly(make_project: ProjectFactory) -> None:
    root = make_project({"stories/2026-03-14-pics.md": story(slug="pics", body=PICTURES),
                         "stories/2026-03-15-cdata.md": story(slug="cdata", body=SECTIONS)})
    result = in_a_process(root, "check")
    assert result.returncode == 1, result.stdout + result.stderr
    assert (f"stories/2026-03-14-pics.md:{LINE}: body: 32000 [ brackets are open at once"
            in result.stdout)
    assert f"stories/2026-03-15-cdata.md:{LINE}: body: {message(32000)}\n" in result.stdout


def test_the_build_refuses_them_before_it_builds(make_project: ProjectFactory) -> None:
    root = make_project({"stories/2026-03-14-tags.md": story(slug="tags", body=START_TAGS)})
    result = run_cli("build", "-p", str(root), "--now", NOW)
    assert result.exit_code == 1, result.output
    assert f"stories/2026-03-14-tags.md:{LINE}: body: {message(8000)}" in result.output
    assert not (root / "site").exists()


def test_a_hand_written_page_with_them_is_refused(make_project: ProjectFactory) -> None:
    root = make_project({"stories/2026-03-15-fine.md": story(slug="fine"),
                         "content/evil.md": "# Evil\n\nx " + "<a " * 8000})
    result = run_cli("check", "-p", str(root), "--now", NOW)
    assert result.exit_code == 1, result.output
    assert f"content/evil.md:3: {message(8000)}\n" in result.output


def test_an_answer_with_them_stops_the_pack(make_project: ProjectFactory, tmp_path: Path) -> None:
    root = make_project({"stories/2026-03-15-fine.md": story(slug="fine"), "awards/tg.yml": AWARD,
                         "awards/tg/hand.md": "x " + "<a " * 8000})
    result = run_cli("pack", "tg", "-p", str(root), "--now", NOW, "--out", str(tmp_path / "out"))
    assert result.exit_code == 2, result.output
    assert f"awards/tg/hand.md:1: {message(8000)}" in result.output
    assert not (tmp_path / "out" / "tg.zip").exists()


def test_to_html_shows_them_as_text_without_parsing_them() -> None:
    html = to_html(START_TAGS)
    assert html.startswith("<p>## Impact</p>\n<p>x &lt;a &lt;a ")
    assert "<h2>" not in html


@pytest.mark.parametrize(("text", "found"), [
    ("<a " * 50, None),  # at the limit
    ("<a " * 51, (51, 0)),
    ("a\n" + "</b " * 60, (60, 1)),
    ("<a " * 51 + ">", None),  # one > ends the last
    ("<a>" * 1000, None),
    ("<img\n" * 30 + '\n  alt="x">' + "<img\n" * 30, (59, 52)),  # the 30th is ended
    ("<img\n  src=x\n  alt=y\n>\n" * 100, None),  # a tag over lines is ended
    ("a < b " * 100, None),  # no tag starts at `< `
])
def test_unclosed_tags_counts_each_tag_no_bracket_ends(
        text: str, found: tuple[int, int] | None) -> None:
    assert unclosed_tags(text) == found


def test_an_ordinary_body_is_unchanged() -> None:
    body = ('## Impact\n\n<abbr title="a < b">AB</abbr> and <img\n  src="media/p.jpg"\n'
            '  alt="Staff">\n\n![Staff](https://x.example/p.png) <b>bold</b>\n')
    assert '<abbr title="a &lt; b">AB</abbr>' in to_html(body)
    assert '<img src="media/p.jpg" alt="Staff">' in to_html(body)
    assert [r.what for r in removals(body)] == ["picture from another site (x.example)"]


def test_the_patterns_stop_at_the_next_tag() -> None:
    assert deepest_line(END_TAGS.replace("x ", "x <b>", 1)) is None
    assert removals(PICTURES) == []
    assert pictures_without_alt("<img " * 20000) == []


def test_a_section_the_parser_did_not_know_is_read_as_a_comment() -> None:
    assert [r.what for r in removals("x <![ y> <script>z</script>\n")] == ["<script> element"]
