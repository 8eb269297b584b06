"""A story body's HTML cut at its section headings, so that the page's Markdown can hold them.

A story page is Markdown whose parts are ready HTML fragments (`render`): MkDocs parses only
its headings. A body given whole as one fragment has headings MkDocs never sees: no ids (a
link to `#impact` leads nowhere), no entries in the page's table of contents or its search
sections. Cut at its top-level `<h2>` and `<h3>`, each heading becomes a Markdown heading of
the page and the HTML between them stays a fragment.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

#: headings that become the page's own (deeper ones stay inside their section's HTML)
CUT_AT = frozenset({"h2", "h3"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"})


@dataclass(frozen=True)
class Section:
    """A heading (None for the text before the first) and the HTML under it."""

    level: int
    heading: str | None
    html: str


def split_sections(body: str) -> list[Section]:
    """`body` (sanitised HTML) as sections: each top-level h2 or h3 starts one, its words as
    plain text; headings inside lists, quotes or tables stay where they are."""
    finder = _Headings()
    finder.feed(body)
    finder.close()
    if not finder.found:
        return [Section(0, None, body.strip())] if body.strip() else []
    lines = body.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)

    def offset(position: tuple[int, int]) -> int:
        return starts[position[0] - 1] + position[1]

    sections: list[Section] = []
    before = body[:offset(finder.found[0][1])].strip()
    if before:
        sections.append(Section(0, None, before))
    for number, (level, _, end, words) in enumerate(finder.found):
        stop = offset(finder.found[number + 1][1]) if number + 1 < len(finder.found) else len(body)
        sections.append(Section(level, " ".join(words.split()), body[offset(end):stop].strip()))
    return sections


class _Headings(HTMLParser):
    """Top-level h2/h3 elements: (level, start position, position after the end tag, words)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.found: list[tuple[int, tuple[int, int], tuple[int, int], str]] = []
        self._open: tuple[int, tuple[int, int]] | None = None
        self._words: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        if self.depth == 0 and tag in CUT_AT:
            self._open, self._words = (int(tag[1]), self.getpos()), []
        self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        return

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        self.depth = max(0, self.depth - 1)
        if self.depth == 0 and self._open is not None and tag == f"h{self._open[0]}":
            line, column = self.getpos()
            end = (line, column + len(f"</{tag}>"))
            self.found.append((self._open[0], self._open[1], end, "".join(self._words)))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._words.append(data)
