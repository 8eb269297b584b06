"""The body outline check: what the parser calls a heading, at the line where it is written."""

from __future__ import annotations

import pytest

from generator.headings import Heading, headings, outline, outline_problems

SECOND_TITLE = ("is a second page title (the story's title is the page's only one): start it "
                "with ## instead")


def test_each_heading_has_its_level_plain_words_and_line_in_the_file() -> None:
    body = ("## Challenge\n\n```\n# not a heading\n```\n\n<!-- # nor this\n-->\n\n"
            "    # indented code\n\n# Big **bold** [link](https://x.org) &amp; co\n\n"
            "Setext\n======\n\n> ### In a quote\n\n1. one\n\n    ## In a list\n\n<h3>Raw</h3>\n")
    assert headings(body, 20) == [
        Heading(2, "Challenge", 20), Heading(1, "Big bold link & co", 31),
        Heading(1, "Setext", 33), Heading(3, "In a quote", 36),
        Heading(2, "In a list", 40), Heading(3, "Raw", 42)]


def test_a_repeated_heading_is_found_at_each_of_its_lines() -> None:
    body = "## Notes\n\n# Notes\n\n## Notes\n\n# Notes\n"
    assert [h.line for h in headings(body)] == [1, 3, 5, 7]


def test_a_hash_at_the_start_of_a_paragraph_line_is_a_heading_on_the_page() -> None:
    # Python-Markdown needs no space after # and splits the paragraph: the page shows an <h1>
    assert outline_problems("## Impact\n\nWe said\n#proud of it\non the day.\n", 5) == [
        (8, f'heading "proud of it" {SECOND_TITLE}')]


def test_what_is_not_a_heading_on_the_page_is_not_judged() -> None:
    assert outline_problems("## A\n\n\\# escaped\n\n  # two spaces: a paragraph\n\n"
                            "<!--\n#### note\n-->\n\n~~~\n# code\n~~~\n") == []


def test_after_a_second_title_the_next_heading_is_judged_as_if_it_had_been_fixed() -> None:
    assert outline_problems("# A\n\nText.\n\n### B\n\n#### C\n") == [
        (1, f'heading "A" {SECOND_TITLE}')]


def test_a_second_title_with_nothing_under_it_may_be_taken_out() -> None:
    """officer30: "start it with ##", followed, gave "has nothing under its heading": a
    title repeated above the first section is better taken out."""
    assert outline_problems("# Webchat\n\n## Challenge\n\nText.\n") == [
        (1, 'heading "Webchat" is a second page title (the story\'s title is the page\'s only '
            "one): take it out if it repeats the title (nothing is under it), or start it with "
            "## and the headings under it with one # more")]


def test_going_back_up_any_number_of_levels_is_fine() -> None:
    assert outline_problems("## A\n\n### B\n\n#### C\n\n## D\n\n### E\n") == []


@pytest.mark.parametrize("body", [
    "## A\n\n```\n### code\n```\n\n#### B\n",
    "Intro\n---\n\n## A\n\n<h4>B</h4>\n",
    "## A\n\n- x\n\n    #### B\n",
    "## A\n\nText\n====\n",
    "## A\n\n> #Quoted\n",
])
def test_the_quick_look_never_hides_a_problem_the_parser_shows(body: str) -> None:
    full = outline(body)
    assert full and outline_problems(body) == full


def test_a_code_line_with_a_headings_words_does_not_take_its_line() -> None:
    """The line of each heading is where the parser found it, not the first line written
    like it (an indented code line here)."""
    body = "## Challenge\n\n    #### Impact as code\n\n#### Impact as code\n"
    assert outline_problems(body, first_line=10) == [
        (14, 'heading "Impact as code" skips a level (#### after ##): use ### so '
             "screen-reader users can follow the outline")]
