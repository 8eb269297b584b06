"""Three inputs took check, build and pack time by the square of their size (round 38):
rows of ```` ```a ```` that open fenced code no fence closes (Python-Markdown's fenced_code
and Showcase's own code blanking each read on to the end of the text from every one), an
autolink-like `<a@` followed by a long run of dots (the autolink pattern tried each dot as
the domain's), and `<img <img …` on a hand-written page that also holds `//` (the remote-load
pattern read on to the end from each `<img`). check now refuses more than 50 fences left
open at their row, `to_html` shows such text as plain paragraphs, and the scans are linear.

Each input below took more than 10 seconds before; a subprocess timeout of 30 seconds
catches a return of the old growth without a timing assertion that could flake."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.markdown_text import to_html
from generator.sanitize import blank_fences, removals, unclosed_fences
from tests.conftest import NOW, ProjectFactory, story

#: the story file's line of the 51st fence (7 front-matter lines and 2 `---`, then 4 body rows)
LINE = 65
#: a link, a `---` and a `!!!` bring in every check that blanks code
FENCES = "## Impact\n\nx [a](https://a.example) --- !!!\n  y\n\n" + "```a\n" * 16000
AWARD = """\
name: Fences
deadline: 2027-06-30
stories: [fine]
questions:
  - {id: hand, prompt: Statement, words: 100000}
"""


def message(count: int) -> str:
    return (f"{count} fences (```) open a code block that no fence closes (the 51st is on this "
            "line); at most 50 can be read: end each block with a row that is its fence alone "
            "(``` after ```python), and write a fence that is only text with a space before it")


def in_a_process(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from generator.cli import main; main()",
                           *args, "-p", str(root), "--now", NOW],
                          capture_output=True, text=True, timeout=30, check=False)


def test_check_and_build_refuse_fences_left_open_at_their_row(
        make_project: ProjectFactory) -> None:
    # 16,000 rows: check took 68 s, build 69 s
    root = make_project({"stories/2026-03-14-fences.md": story(slug="fences", body=FENCES)})
    for command in ("check", "build"):
        result = in_a_process(root, command)
        assert result.returncode == 1, result.stdout + result.stderr
        assert (f"stories/2026-03-14-fences.md:{LINE}: body: {message(16000)}\n"
                in result.stdout + result.stderr)
    assert not (root / "site").exists()


def test_an_answer_with_them_stops_the_pack(make_project: ProjectFactory, tmp_path: Path) -> None:
    # 16,000 rows in the answer: pack took 76 s
    root = make_project({"stories/2026-03-15-fine.md": story(slug="fine"), "awards/fc.yml": AWARD,
                         "awards/fc/hand.md": FENCES})
    result = in_a_process(root, "pack", "fc", "--out", str(tmp_path / "out"))
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"awards/fc/hand.md:56: {message(16000)}" in result.stdout + result.stderr
    assert not (tmp_path / "out" / "fc.zip").exists()


def test_a_hand_written_page_with_them_is_refused(make_project: ProjectFactory) -> None:
    root = make_project({"stories/2026-03-15-fine.md": story(slug="fine"),
                         "content/evil.md": "# Evil\n\n[a](https://a.example)\n" + "~~~a\n" * 16000})
    result = in_a_process(root, "check")
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"content/evil.md:54: {message(16000)}\n" in result.stdout


def test_a_page_of_pictures_never_ended_is_read_once(make_project: ProjectFactory) -> None:
    # 32,000 `<img ` with a `//`: the remote-load pattern took about 90 s
    root = make_project({"stories/2026-03-15-fine.md": story(slug="fine"),
                         "content/evil.md": "# Evil\n\n// x <img " + "<img " * 32000})
    result = in_a_process(root, "check")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "content/evil.md:3: 32001 < start an HTML tag that no > ends" in result.stdout


def test_a_long_run_of_dots_after_an_at_is_read_once(make_project: ProjectFactory) -> None:
    # 200,000 dots: the autolink pattern took minutes
    body = "## Impact\n\nx <a@" + "." * 200000 + "\n"
    root = make_project({"stories/2026-03-14-dots.md": story(slug="dots", body=body)})
    result = in_a_process(root, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok: 0 errors" in result.stdout


def test_to_html_shows_them_as_text() -> None:
    html = to_html(FENCES)
    assert html.startswith("<p>## Impact</p>")
    assert "<pre>" not in html and "<h2>" not in html


@pytest.mark.parametrize(("text", "found"), [
    ("```a\n" * 50, None),  # at the limit
    ("```a\n" * 51, (51, 50)),
    ("x\n" + "~~~\n" * 3 + "```a\n" * 60, (61, 53)),  # the first two ~~~ are a block
    ("```a\n" * 60 + "```\n", None),  # the first is closed at the end: the rest are its code
    ("```a\n```\n" * 1000, None),
    ("``` a b\n" * 60, None),  # no opening fence to Python-Markdown: read at once
    ("```python\n" * 30 + "~~~~\n" * 2 + "```{.x}\n" * 30, (60, 52)),
])
def test_unclosed_fences_counts_each_fence_no_row_closes(
        text: str, found: tuple[int, int] | None) -> None:
    assert unclosed_fences(text) == found


_OLD_FENCE = re.compile(r"^(`{3,}|~{3,}).*?^\1[ \t]*$", re.DOTALL | re.MULTILINE)


@pytest.mark.parametrize("text", [
    "a\n```\ncode\n```\nb", "````a\n```\nx\n```\n````\n", "```\n````\n```\t \nz",
    "~~~\n```\n~~~\n```", "```a\n```a\n", " ```\nx\n```\n```\n", "```\r\nx\r\n```\r\n",
    "````` x\n```\ny\n````\n", "```\n\n```\n~~~~\n~~~\n~~~~",
])
def test_blank_fences_blanks_what_the_old_pattern_did(text: str) -> None:
    assert blank_fences(text) == _OLD_FENCE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def test_an_ordinary_body_is_unchanged() -> None:
    body = ("## Impact\n\n```python\nprint('<b>')\n```\n\nMail <team@example.org> or see "
            "<https://x.example>.\n\n~~~\n~~~\n")
    html = to_html(body)
    assert "<pre><code class=\"language-python\">print('&lt;b&gt;')\n</code></pre>" in html
    assert html.endswith(' rel="noopener noreferrer">https://x.example</a>.</p>\n<pre><code></code></pre>')
    # an address is a link; with its dot last it is no autolink, and HTML the allow-list cuts
    assert [r.what for r in removals("<a@b.c> <x@y.> <javascript:x>")] == [
        "<x@y.> element", "javascript: link"]
