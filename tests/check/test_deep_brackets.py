"""`[` nested 20,000 deep in a body with a link: check, build and pack ran past a minute
(round 36, fuzz F1). Python-Markdown's link patterns take time by the square of the `[` a
paragraph holds open; check now refuses more than 50 at the line, before any conversion,
and `to_html` never hands such text to Python-Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.markdown_text import deep_brackets, to_html, to_plain
from generator.sanitize import blank_code
from tests.conftest import NOW, ProjectFactory, run_cli, story

DEEP = 20_000
BODY = ("## Impact\n\nSee [the site](https://example.org/).\n\n"
        + "[" * DEEP + "x" + "]" * DEEP + "\n")
AWARD = """\
name: Brackets
deadline: 2027-06-30
stories: [deep, fine]
questions:
  - {id: sum, prompt: Summary, words: 100, compose: summary}
  - {id: hand, prompt: Statement, words: 1000}
"""
#: the story's file line of the brackets: 7 front-matter lines and 2 `---`, then the body's 5th
LINE = 14
MESSAGE = (f"body: {DEEP} [ brackets are open at once (inside one another) from this line on; "
           "at most 50 can be read: close each [ with a ] (a link is [its words](https://...)) "
           "and write a bracket that is only text as \\[ or \\]")


@pytest.fixture
def deep_project(make_project: ProjectFactory) -> Path:
    return make_project({"stories/2026-03-14-deep.md": story(slug="deep", body=BODY),
                         "stories/2026-03-15-fine.md": story(slug="fine"),
                         "awards/br.yml": AWARD, "awards/br/hand.md": "Written by hand.\n"})


def test_check_refuses_the_brackets_at_their_line(deep_project: Path) -> None:
    result = run_cli("check", "-p", str(deep_project), "--now", NOW)
    assert result.exit_code == 1, result.output
    assert f"stories/2026-03-14-deep.md:{LINE}: {MESSAGE}\n" in result.output
    assert "errors found: 1 error" in result.output


def test_build_refuses_them_before_it_builds(deep_project: Path) -> None:
    result = run_cli("build", "-p", str(deep_project), "--now", NOW)
    assert result.exit_code == 1, result.output
    assert f"stories/2026-03-14-deep.md:{LINE}: {MESSAGE}" in result.output
    assert "showcase: the site was not built: the error above must be fixed first" in result.output
    assert not (deep_project / "site").exists()


def test_pack_leaves_the_story_out(deep_project: Path, tmp_path: Path) -> None:
    result = run_cli("pack", "br", "-p", str(deep_project), "--now", NOW,
                     "--out", str(tmp_path / "out"))
    assert result.exit_code == 1, result.output
    assert ("blocker: story left out: stories/2026-03-14-deep.md has 1 error: run showcase check"
            in result.output)


def test_an_answer_with_deep_brackets_stops_the_pack(make_project: ProjectFactory,
                                                     tmp_path: Path) -> None:
    root = make_project({"stories/2026-03-15-fine.md": story(slug="fine"),
                         "awards/br.yml": AWARD.replace("deep, ", ""),
                         "awards/br/hand.md": "By hand.\n\n" + BODY})
    result = run_cli("pack", "br", "-p", str(root), "--now", NOW, "--out", str(tmp_path / "out"))
    assert result.exit_code == 2, result.output
    assert f"awards/br/hand.md:7: {MESSAGE.removeprefix('body: ')}" in result.output
    assert not (tmp_path / "out" / "br.zip").exists()


def test_ordinary_nested_brackets_are_a_link(make_project: ProjectFactory) -> None:
    body = ("## Impact\n\nRead [a [b] c](https://x.example/) and [[1]](https://y.example/).\n\n"
            + "[x] " * 200 + "\n")
    assert ('<a href="https://x.example/" rel="noopener noreferrer">a [b] c</a>'
            in to_html(body))
    root = make_project({"stories/2026-03-15-fine.md": story(slug="fine", body=body)})
    result = run_cli("check", "-p", str(root), "--now", NOW)
    assert result.exit_code == 0, result.output
    assert "brackets" not in result.output


def test_to_html_shows_deep_brackets_as_text_without_converting_them() -> None:
    html = to_html(BODY)
    assert "<a " not in html and "<h2>" not in html
    assert html.startswith("<p>## Impact</p>\n<p>See [the site](https://example.org/).</p>")
    assert "[" * DEEP + "x" + "]" * DEEP in html
    assert to_plain("[" * 51 + "x").startswith("[" * 51 + "x")


@pytest.mark.parametrize(("text", "found"), [
    ("[" * 50 + "x" + "]" * 50, None),  # at the limit
    ("[" * 51 + "x" + "]" * 51, (51, 0)),
    ("a\n" + "[x " * 60, (60, 1)),  # never closed: as slow as nested
    ("[" * 30 + "\n" + "[" * 30, (60, 1)),  # a paragraph runs over lines
    ("[" * 30 + "\n \n" + "[" * 30, None),  # a blank line ends it, and the brackets left open
    ("[x] " * 1000, None),  # side by side, never more than one open
    ("\\[" * 60, None),  # escaped: text
    ("\\\\[" * 60, (60, 0)),  # an escaped backslash, then a bracket
    ("]" * 60 + "[" * 50, None),  # a `]` with none open closes nothing
])
def test_deep_brackets_counts_the_brackets_open_at_once(
        text: str, found: tuple[int, int] | None) -> None:
    assert deep_brackets(text) == found


def test_brackets_in_code_are_not_counted() -> None:
    assert deep_brackets(blank_code("`" + "[" * 60 + "`\n\n```\n" + "[" * 60 + "\n```\n")) is None
