"""A raw HTML table in an answer as a Markdown table: the entry documents (HTML, PDF, DOCX)
keep the rows and cells the site shows, and answers/*.md and .txt keep them readable."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote

#: a table's opening or closing tag, to find the outermost tables (a table may hold another)
_TABLE_TAG = re.compile(r"<(/?)table\b[^<>]*>", re.IGNORECASE)
#: what stays as itself in a link's address written into Markdown: a space, a bracket that
#: would end the address and any other character are percent-encoded
_ADDRESS_SAFE = ":/?#[]@!$&'*+,;=%~"
_LINK = re.compile(r"<a\b([^<>]*)>(.*?)</a\s*>", re.DOTALL | re.IGNORECASE)
_HREF = re.compile(r"""\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
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
    """A cell spans columns or rows, or holds a table: no Markdown table can show it."""


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.grid = _Grid()
        self.cell: list[str] | None = None
        self.in_caption = False
        self.depth = 0
        self.links: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.depth += 1
            self.grid.merged |= self.depth > 1
        elif tag == "a":
            address = dict(attrs).get("href")
            self.links.append(address.strip() if address and address.strip() else None)
            if self.links[-1] is not None:
                self._text("[")
        elif tag == "tr":
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
        if tag == "table":
            self.depth -= 1
        elif tag == "a" and self.links:
            address = self.links.pop()
            if address is not None:
                self._text(f"]({quote(address, safe=_ADDRESS_SAFE)})")
        elif tag in ("th", "td", "tr"):
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


def outer_tables(text: str, replace: Callable[[str], str]) -> str:
    """`text` with each closed outermost <table>…</table> (with any table inside it)
    replaced by what `replace` makes of it; a table left open stays as it is."""
    parts: list[str] = []
    done = depth = 0
    start = -1
    for tag in _TABLE_TAG.finditer(text):
        if not tag.group(1):
            depth += 1
            start = tag.start() if depth == 1 else start
        elif depth:
            depth -= 1
            if depth == 0:
                parts += [text[done:start], replace(text[start:tag.end()])]
                done = tag.end()
    return "".join([*parts, text[done:]])


def links_kept(markup: str) -> str:
    """`markup` (a table no Markdown table can show, whose tags go) with each link
    `<a href="address">words</a>` written as a Markdown link, so it keeps its address."""
    def linked(link: re.Match[str]) -> str:
        found = _HREF.search(link.group(1))
        address = html.unescape(next((g for g in found.groups() if g is not None), "")) \
            if found else ""
        if not address.strip() or not link.group(2).strip():
            return link.group(2)
        return f"[{link.group(2)}]({quote(address.strip(), safe=_ADDRESS_SAFE)})"

    return _LINK.sub(linked, markup)


def as_markdown(table: str) -> str | None:
    """`table` (a raw HTML <table>…</table>) as a Markdown table, its caption a paragraph
    before it; None when no Markdown table can show it (a merged cell, a table inside a
    cell, or no cell at all).

    The first row is the table's heading row (a Markdown table has one); a cell's line
    breaks and blocks become spaces, a link stays a link ([words](address)), its other
    tags go, its text stays as the site shows it (Markdown characters escaped, entities
    kept), and a short row is filled with empty cells.
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
