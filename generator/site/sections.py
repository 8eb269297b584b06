"""A story body's section headings as places of its page: ids, contents entries, search sections.

A story page is Markdown whose parts are ready HTML fragments (`render`): MkDocs parses only
the page's own headings, not the body's, which is one fragment. So the body's top-level `<h2>`
and `<h3>` get their ids here, as MkDocs would name them (Python-Markdown's toc slugify, a
repeat numbered _1), never one of the page's own; the plugin adds them to the page's table of
contents and to the ids MkDocs checks anchor links against, and search finds them in the HTML.
Making them Markdown headings instead cost a fifth of a 1,000-story build.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

from markdown.extensions.toc import slugify, unique

#: the body's headings that are places of the page (deeper ones are not)
PLACES = frozenset({"h2", "h3"})
#: the ids of the page's own sections, which a body's heading never takes
PAGE_SECTIONS = ("results-in-figures", "what-people-said", "evidence", "related-stories")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"})


@dataclass(frozen=True)
class Place:
    """A section heading of the body: its level (2 or 3), its id and its words."""

    level: int
    id: str
    text: str


def with_ids(body: str, title: str) -> tuple[str, list[Place]]:
    """`body` (sanitised HTML) with an id on each top-level h2 and h3 (one it has is kept),
    and those places in order. `title` is the page's, whose id the body does not take."""
    finder = _Headings()
    finder.feed(body)
    finder.close()
    if not finder.found:
        return body, []
    taken = {slugify(title, "-"), slugify(html.unescape(title), "-"), *PAGE_SECTIONS}
    starts = [0]
    for line in body.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    pieces: list[str] = []
    places: list[Place] = []
    done = 0
    for level, (row, column), tag, words in finder.found:
        text = " ".join(words.split())
        # always a name of its own making (letters, digits, - and _): an id the heading had
        # (attr_list's {#id}, raw HTML) could clash with the page's, or, put into the page's
        # contents as it is, carry markup
        name = unique(slugify(text, "-"), taken)
        places.append(Place(level, name, text))
        at = starts[row - 1] + column
        pieces += [body[done:at], f'<h{level} id="{name}"{_OWN_ID.sub("", tag[3:])}']
        done = at + len(tag)
    return "".join([*pieces, body[done:]]), places


_OWN_ID = re.compile(r"""\s+id\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*)""", re.IGNORECASE)


@lru_cache(maxsize=256)
def anchors(title: str, body: str) -> tuple[str, ...]:
    """The ids a link may lead to on a story's page: its title's, its body's places (as
    `with_ids` names them) and the page's own sections."""
    return (slugify(title, "-"), *(p.id for p in with_ids(body, title)[1]), *PAGE_SECTIONS)


class _Headings(HTMLParser):
    """Top-level h2/h3 elements: (level, position of the tag, the tag as written, words)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.found: list[tuple[int, tuple[int, int], str, str]] = []
        self._open: tuple[int, tuple[int, int], str] | None = None
        self._words: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        if self.depth == 0 and tag in PLACES:
            self._open, self._words = (int(tag[1]), self.getpos(), self.get_starttag_text() or ""), []
        self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        return

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        self.depth = max(0, self.depth - 1)
        if self.depth == 0 and self._open is not None and tag == f"h{self._open[0]}":
            level, position, own = self._open
            self.found.append((level, position, own, "".join(self._words)))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._words.append(data)
