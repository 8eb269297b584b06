"""Round 31 (hostile31): a tag hidden in another tag's attribute (`<p title="</noscript>...">`)
is no tag left in an answer once the tags inside it are removed, and the Markdown after it
keeps its formatting and its link's address."""

from __future__ import annotations

import re

import pytest

from generator.pack.answers import safe_markdown, without_tags

NOSCRIPT = ('<noscript><p title="</noscript><b>x</b>"></noscript>\n\n'
            "After **bold** text [link](https://example.org/).")


def test_a_tag_made_by_removing_tags_is_removed_too() -> None:
    assert safe_markdown(NOSCRIPT) == "After **bold** text [link](https://example.org/)."


@pytest.mark.parametrize("text", [
    "<" * 30 + "p>" * 30 + " words",
    "<<<" * 25 + "b>>" * 25 + " x",
    '<a title="<a title=\'<b>\'>">' * 10 + "end",
])
def test_no_tag_is_left_however_deep_they_are_built(text: str) -> None:
    left = without_tags(text)
    assert not re.search(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>", left), left


def test_text_with_a_less_than_sign_is_kept() -> None:
    assert safe_markdown("Waits fell: a < b, and c<d.") == "Waits fell: a < b, and c<d."
