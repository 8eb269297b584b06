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
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from html.parser import HTMLParser
from typing import Any

from markdown.extensions.toc import slugify, unique
from markdown.util import parseBoolValue
from markupsafe import Markup

#: the body's headings that are places of the page (deeper ones are not)
PLACES = frozenset({"h2", "h3"})
#: the titles of the page's own sections (templates/site/story.md.j2), whose ids a body's
#: heading never takes
PAGE_TITLES = ("Results in figures", "What people said", "Evidence", "Related stories")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"})


Slugify = Callable[[str, str], str]
"""Python-Markdown's toc `slugify(text, separator)`."""


@dataclass(frozen=True)
class TocStyle:
    """How mkdocs.yml's `toc` extension names and marks the headings of a Markdown page, for
    a story body's headings to be named and marked alike."""

    separator: str = "-"
    slugify: Slugify = slugify
    permalink: bool | str = False
    """False, True (the link reads "¶") or the permalink's own text."""
    permalink_class: str = "headerlink"
    permalink_title: str = "Permanent link"
    permalink_leading: bool = False
    runnable: bool = True
    """False when mkdocs.yml names a slugify `check` cannot run (a Python function, which
    its reader of mkdocs.yml does not import): ids are then Python-Markdown's own."""

    @classmethod
    def of(cls, options: Mapping[str, Any] | None) -> TocStyle:
        """The style of the toc extension's `options` (as MkDocs holds them, or as check
        reads mkdocs.yml: a Python function there is None)."""
        options = options or {}
        chosen = options.get("slugify", slugify)
        permalink = parseBoolValue(options.get("permalink", False), False)
        title = options.get("permalink_title", "Permanent link")
        return cls(
            separator=str(options.get("separator", "-")),
            slugify=chosen if callable(chosen) else slugify,
            permalink=str(options["permalink"]) if permalink is None else bool(permalink),
            permalink_class=str(options.get("permalink_class", "headerlink")),
            permalink_title=str(title) if title else "",
            permalink_leading=bool(parseBoolValue(options.get("permalink_leading", False), False)),
            runnable=callable(chosen),
        )

    def slug(self, text: str) -> str:
        """The id the toc extension makes of a heading's words."""
        return self.slugify(text, self.separator)

    @cached_property
    def page_sections(self) -> tuple[str, ...]:
        """The ids of the story page's own sections."""
        return tuple(self.slug(title) for title in PAGE_TITLES)

    def permalink_html(self, name: str) -> Markup:
        """The permalink the toc extension adds to a heading whose id is `name` (empty when
        mkdocs.yml asks for none)."""
        if self.permalink is False:
            return Markup("")
        text = Markup("&para;") if self.permalink is True else self.permalink
        if not self.permalink_title:
            return Markup('<a class="{}" href="#{}">{}</a>').format(
                self.permalink_class, name, text)
        return Markup('<a class="{}" href="#{}" title="{}">{}</a>').format(
            self.permalink_class, name, self.permalink_title, text)


DEFAULT = TocStyle()
#: the ids of the page's own sections under Python-Markdown's defaults
PAGE_SECTIONS = DEFAULT.page_sections


@dataclass(frozen=True)
class Place:
    """A section heading of the body: its level (2 or 3), its id and its words."""

    level: int
    id: str
    text: str
    run_on: tuple[str, ...] = ()
    """The words of the headings of its level without an id (in a quote, a list, a table)
    in its section: Material's search runs them into this one's title, which
    `mend_search_titles` undoes."""


def with_ids(body: str, title: str, style: TocStyle = DEFAULT) -> tuple[str, list[Place]]:
    """`body` (sanitised HTML) with an id on each top-level h2 and h3, named and marked (a
    permalink) as `style` says, and those places in order. `title` is the page's, whose id
    the body does not take."""
    finder = _Headings()
    finder.feed(body)
    finder.close()
    if not finder.found:
        return body, []
    # the id the toc extension gives the title: its slug, or "_1" for a title with no letter
    # a slug keeps (Arabic: resident30), which a body heading must not take again
    taken = {unique(style.slug(title), set()), unique(style.slug(html.unescape(title)), set()),
             *style.page_sections}
    starts = [0]
    for line in body.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    pieces: list[str] = []
    places: list[Place] = []
    done = 0
    for level, (row, column), tag, words, (end_row, end_column) in finder.found:
        text = " ".join(words.split())
        # always a name of its own making (letters, digits, - and _): an id the heading had
        # (attr_list's {#id}, raw HTML) could clash with the page's, or, put into the page's
        # contents as it is, carry markup
        name = unique(_not_materials(style.slug(text)), taken)
        places.append(Place(level, name, text, tuple(finder.run_on.get(len(places), ()))))
        at, end = starts[row - 1] + column, starts[end_row - 1] + end_column
        permalink = style.permalink_html(name) if style.permalink is not False else ""
        opened = f'<h{level} id="{html.escape(name)}"{_OWN_ID.sub("", tag[3:])}'
        if style.permalink_leading:
            pieces += [body[done:at], opened, permalink, body[at + len(tag):end]]
        else:
            pieces += [body[done:at], opened, body[at + len(tag):end], permalink]
        done = end
    return "".join([*pieces, body[done:]]), places


_OWN_ID = re.compile(r"""\s+id\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*)""", re.IGNORECASE)


@lru_cache(maxsize=256)
def _not_materials(name: str) -> str:
    """`name`, unless it starts with two underscores, as the ids of Material's own parts do
    (`__search`, `__drawer`): a heading `## __search` would take the search toggle's id."""
    return name.lstrip("_") or "section" if name.startswith("__") else name


def anchors(title: str, body: str, style: TocStyle = DEFAULT) -> tuple[str, ...]:
    """The ids a link may lead to on a story's page: its title's, its body's places (as
    `with_ids` names them) and the page's own sections."""
    return (style.slug(title), *(p.id for p in with_ids(body, title, style)[1]),
            *style.page_sections)


def mend_search_titles(entries: list[dict[str, Any]], places: Mapping[str, Place]) -> None:
    """Give back their own titles to the search entries (Material's) of the places whose
    title the nested headings in their sections ran on into ("IntroQuoted"); `places` holds
    such places by their entries' location. The nested headings' words become the start of
    the entry's text, where search still finds them."""
    if not places:
        return
    for entry in entries:
        place = places.get(entry.get("location", ""))
        if place is None:
            continue
        title = html.escape(place.text, quote=False)
        found = " ".join(str(entry.get("title", "")).split())
        if found == title or not found.startswith(title):
            continue
        nested = [html.escape(words, quote=False) for words in place.run_on]
        rest = " ".join(nested) if found == title + "".join(nested) else found[len(title):].strip()
        entry["title"] = title
        entry["text"] = " ".join(part for part in (rest, str(entry.get("text", ""))) if part)


class _Headings(HTMLParser):
    """Top-level h2/h3 elements: (level, position of the tag, the tag as written, words,
    position of the end tag)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.found: list[tuple[int, tuple[int, int], str, str, tuple[int, int]]] = []
        self._open: tuple[int, tuple[int, int], str] | None = None
        self._words: list[str] = []
        self.run_on: dict[int, list[str]] = {}
        """The words of the nested headings of a place's level in its section, by its index."""
        self._nested: list[str] | None = None
        self._nested_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        if self.depth == 0 and tag in PLACES:
            self._open, self._words = (int(tag[1]), self.getpos(), self.get_starttag_text() or ""), []
        elif tag in PLACES and self.depth and self.found and int(tag[1]) == self.found[-1][0]:
            self._nested, self._nested_depth = [], self.depth
            self.run_on.setdefault(len(self.found) - 1, []).append("")
        self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        return

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        self.depth = max(0, self.depth - 1)
        if self._nested is not None and self.depth == self._nested_depth:
            self.run_on[len(self.found) - 1][-1] = " ".join("".join(self._nested).split())
            self._nested = None
        if self.depth == 0 and self._open is not None and tag == f"h{self._open[0]}":
            level, position, own = self._open
            self.found.append((level, position, own, "".join(self._words), self.getpos()))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._words.append(data)
        elif self._nested is not None:
            self._nested.append(data)
