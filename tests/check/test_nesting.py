"""A body nested hundreds of levels deep: check refuses it, and converting it never crashes."""

from __future__ import annotations

from pathlib import Path

from generator.markdown_text import to_html, to_plain
from generator.nesting import deepest_line, unclosed_details
from tests.conftest import run_cli, story

DEEP_LIST = "\n".join("    " * i + f"- level {i}" for i in range(250)) + "\n"


def test_a_list_250_levels_deep_converts_without_a_recursion_error() -> None:
    """Python-Markdown recursed once a level and the build stopped (round 14); the pack and
    feeds convert bodies too. Every word is still there, as text, and nothing is markup."""
    html = to_html(DEEP_LIST + "\n<b>bold</b> [link](https://example.org)\n")
    assert "level 0" in html and "level 249" in html
    assert "<ul>" not in html
    assert "level 249" in to_plain(DEEP_LIST)
    assert to_html("- a\n    - b\n") == "<ul>\n<li>a<ul>\n<li>b</li>\n</ul>\n</li>\n</ul>"


def test_depth_counts_lists_quotes_and_html_together() -> None:
    assert deepest_line(DEEP_LIST) == (250, 249)
    assert deepest_line("\n".join("    " * i + "- x" for i in range(50))) is None
    assert deepest_line("> " * 51 + "x") == (51, 0)
    assert deepest_line("<div>" * 26 + "\n" + "> " * 25 + "x\n" + "</div>" * 26) == (51, 1)
    assert deepest_line("<br><p><li><img src=x>" * 100) is None  # nothing there nests


def test_details_never_closed_are_found_by_their_line() -> None:
    assert unclosed_details("<details>\n<details>\nx\n</details>\n") == [0]
    assert unclosed_details("<DETAILS open>\n</details>\n<details>\n") == [2]
    assert unclosed_details("</details>\n<detailsx>\n") == []


def test_the_build_refuses_the_story_in_plain_words(example_project: Path) -> None:
    """check passed it and the build crashed with RecursionError, exit 1 (round 14)."""
    (example_project / "stories" / "2026-11-09-deep.md").write_text(
        story(slug="deep-list") + DEEP_LIST, encoding="utf-8")
    result = run_cli("build", "-p", str(example_project), "--site-dir",
                     str(example_project / "site"))
    assert result.exit_code == 1
    assert "RecursionError" not in result.output
    assert ("this line is nested 250 levels deep; at most 50 levels of lists, quotes or HTML "
            "elements inside one another can be shown") in result.output
    assert "showcase: the site was not built" in result.output
