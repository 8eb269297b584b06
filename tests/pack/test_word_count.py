"""Words and characters counted as entry platforms count them: in the plain text left after
the Markdown markup is removed, words separated by whitespace (contract section 4)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.markdown_text import inline_markdown, to_plain, word_count


@pytest.mark.parametrize(("markdown", "plain", "words"), [
    ("One, two and three.", "One, two and three.", 4),
    ("**bold**text", "boldtext", 1),  # emphasis is inside a word, not between two
    ("2*3*4.", "234.", 1),
    ("a *b* c", "a b c", 3),
    ("[the report](https://example.org/r) said", "the report said", 3),
    ("`code`word", "codeword", 1),
    ("x<br>y", "x y", 2),  # a line break stands between words
    ("First.\n\nSecond.", "First.\nSecond.", 2),
    ("- one\n- two", "one\ntwo", 2),
    ("| a | b |\n|---|---|\n| c | d |", "a\nb\nc\nd", 4),
    ("Fish &amp; chips", "Fish & chips", 3),
])
def test_words_are_counted_in_the_plain_text(markdown: str, plain: str, words: int) -> None:
    assert to_plain(markdown) == plain
    assert word_count(markdown) == words


@given(st.text(alphabet=st.sampled_from(list("ab <>&;#/![]()*_`|\\~:=")), max_size=30))
def test_inline_markdown_reads_as_the_text_itself(text: str) -> None:
    """Project text put into a Markdown document (a title, a picture's alt text) shows as
    written once rendered: no markup from it, and no escaping backslash left in sight."""
    shown = to_plain(inline_markdown(text))
    assert shown == " ".join(text.split())


def test_a_footnote_counts_its_number_and_text_not_its_way_back() -> None:
    """The footnote's back-link is an arrow (↩), no word; its reference stays apart from the
    word it follows ("here [1]", not "here1")."""
    text = "Word here[^1].\n\n[^1]: The note."
    assert to_plain(text) == "Word here [1].\nThe note."
    assert word_count(text) == 5
