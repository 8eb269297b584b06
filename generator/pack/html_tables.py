"""A raw HTML table in an answer as a Markdown table: the entry documents (HTML, PDF, DOCX)
keep the rows and cells the site shows, and answers/*.md and .txt keep them readable."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

#: a closed table with no table inside it (a nested one is not converted)
TABLE = re.compile(r"<table\b[^<>]*>(?:(?!<table\b).)*?</table\s*>", re.DOTALL | re.IGNORECASE)
#: what Markdown would read in a cell's text that the site shows as written (an HTML block's
#: inside is not Markdown): escaped with a backslash
_MARKDOWN = re.compile(r"([\\`*_\[\]|#!~])")
#: tags inside a cell that stand between words: a space
_BETWEEN = frozenset({"br", "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "hr",
                      "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6"})


@dataclass
class _Grid:
    caption: list[str] = field(default_factory=list)
    rows: list[list[list[str]]] = field(default_factory=list)
    merged: bool = False
    """A cell spans columns or rows: no Markdown table can show it."""


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.grid = _Grid()
        self.cell: list[str] | None = None
        self.in_caption = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.grid.rows.append([])
            self.cell = None
        elif tag in ("th", "td"):
            if not self.grid.rows:
                self.grid.rows.append([])
            spans = [v for k, v in attrs if k in ("colspan", "rowspan")]
            self.grid.merged |= any((v or "1").strip() not in ("", "1") for v in spans)
            self.cell = []
            self.grid.rows[-1].append(self.cell)
        elif tag == "caption":
            self.in_caption = True
        elif tag in _BETWEEN:
            self._text(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td", "tr"):
            self.cell = None
        elif tag == "caption":
            self.in_caption = False
        elif tag in _BETWEEN:
            self._text(" ")

    def handle_data(self, data: str) -> None:
        self._text(_MARKDOWN.sub(r"\\\1", data).replace("<", "&lt;"))

    def handle_entityref(self, name: str) -> None:
        self._text(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._text(f"&#{name};")

    def _text(self, text: str) -> None:
        if self.in_caption:
            self.grid.caption.append(text)
        elif self.cell is not None:
            self.cell.append(text)


def as_markdown(table: str) -> str | None:
    """`table` (a raw HTML <table>…</table>) as a Markdown table, its caption a paragraph
    before it; None when no Markdown table can show it (a merged cell, or no cell at all).

    The first row is the table's heading row (a Markdown table has one); a cell's line
    breaks and blocks become spaces, its other tags go, its text stays as the site shows it
    (Markdown characters escaped, entities kept), and a short row is filled with empty cells.
    """
    reader = _Reader()
    reader.feed(table)
    reader.close()
    grid = reader.grid
    rows = [[" ".join("".join(cell).split()) for cell in row] for row in grid.rows if row]
    if grid.merged or not rows:
        return None
    width = max(len(row) for row in rows)
    lines = ["| " + " | ".join(row + [""] * (width - len(row))) + " |" for row in rows]
    lines.insert(1, "|" + " --- |" * width)
    caption = " ".join("".join(grid.caption).split())
    return "\n".join([*([caption, ""] if caption else []), *lines])
