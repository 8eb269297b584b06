"""A `|` in a table cell of the pasted text (answers/*.txt): escaped as `\\|` where the page
shows a bare `|`, and left as the page shows it where the page already shows `\\|` (in code,
Python-Markdown keeps the backslash), so the .txt reads as entry.html, .docx and .pdf do
(round 12, pack finding 6)."""

from __future__ import annotations

from generator.markdown_text import to_html
from generator.pack.answers import plain_text

TABLE = ("| Item | Note | Code |\n| --- | --- | --- |\n"
         "| Pipe \\| inside | 1 \\| 2 | `code \\| pipe` |\n"
         "| Bare | `a | b` | x |\n")


def test_code_in_a_cell_keeps_the_one_backslash_the_page_shows() -> None:
    assert "<code>code \\| pipe</code>" in to_html(TABLE)
    assert plain_text(TABLE).splitlines() == [
        "Item | Note | Code",
        "Pipe \\| inside | 1 \\| 2 | code \\| pipe",
        "Bare | a \\| b | x",
    ]

