"""Markdown inside a `<details>` block is read, as GitHub shows it, in every output (the site,
feeds, open data and packs all convert a body with `to_html`); code is never changed, and
the `markdown` attribute Python-Markdown reads is not called a loss by check."""

from __future__ import annotations

from generator.markdown_text import markdown_in_details, to_html, to_plain
from tests.conftest import ProjectFactory, run_cli, story

DETAILS = ("<details>\n<summary>How we measured it</summary>\n\nCalls fell by **a third**, "
           "see [the report](https://example.org/r).\n\n- before\n- after\n\n</details>\n\n"
           "After *it*.\n")


def test_markdown_inside_details_is_read() -> None:
    assert to_html(DETAILS) == (
        "<details>\n<summary>How we measured it</summary>\n"
        "<p>Calls fell by <strong>a third</strong>, see "
        '<a href="https://example.org/r" rel="noopener noreferrer">the report</a>.</p>\n'
        "<ul>\n<li>before</li>\n<li>after</li>\n</ul>\n</details>\n"
        "<p>After <em>it</em>.</p>")


def test_nested_and_open_details_and_their_attributes() -> None:
    html = to_html("<details open>\n<summary>Out</summary>\n\n*a*\n\n<details>\n"
                   "<summary>In</summary>\n\n*b*\n\n</details>\n\n</details>\n")
    assert html == ('<details open="">\n<summary>Out</summary>\n<p><em>a</em></p>\n<details>\n'
                    "<summary>In</summary>\n<p><em>b</em></p>\n</details>\n</details>")
    assert "markdown" not in html


def test_a_writer_who_says_markdown_0_keeps_the_inside_as_written() -> None:
    assert "**b**" in to_html('<details markdown="0">\n\n**b**\n\n</details>')


def test_details_in_code_are_left_as_code() -> None:
    text = "```\n<details>\n```\n\n`<details>` and\n\n    <details>\n"
    assert markdown_in_details(text) == text
    assert to_html(text).count("&lt;details&gt;") == 3


def test_what_the_allow_list_removes_inside_details_stays_removed() -> None:
    html = to_html("<details>\n<summary>S</summary>\n\n<script>alert(1)</script>\n\n"
                   "[x](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n</details>")
    assert "script" not in html and "onerror" not in html and "javascript" not in html


def test_the_pasted_text_reads_the_inside_too() -> None:
    assert to_plain(DETAILS) == ("How we measured it\nCalls fell by a third, see the report.\n"
                                 "before\nafter\nAfter it.")


def test_check_does_not_call_the_markdown_attribute_a_loss(make_project: ProjectFactory) -> None:
    body = ('## Impact\n\n<details markdown="1">\n<summary>More</summary>\n\n**b**\n\n</details>\n'
            '\n<div onclick="x()">y</div>\n')
    project = make_project({"stories/a.md": story(body=body)})
    result = run_cli("check", "-p", str(project))
    assert 'markdown="..."' not in result.output
    assert 'onclick="..." attribute on <div>' in result.output
