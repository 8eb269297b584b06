"""Parts of a story body that do not come out as meant: a screen reader has no words for
`[](address)`, `## ` alone or `![](photo)`, and a sub-list indented by 2 spaces is flat.

A link without words is read out as its address (or as nothing), an empty heading is an empty
entry in the page's table of contents, and a Markdown picture without alt text is taken as
decorative, silently (WCAG 1.1.1, 2.4.4, 2.4.6). A list item indented by fewer than 4 spaces
under another is shown beside it, not under it (the page's Markdown, unlike GitHub's preview,
nests by 4). `check` warns of each at its line.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from generator.headings import headings
from generator.markdown_text import to_html
from generator.problems import Problem, Severity
from generator.sanitize import blank_code, strip_comments_keep_lines
from generator.story import Story

_EMPTY_HEADING = re.compile(r"^#{1,6}[ \t]*#*[ \t]*$", re.MULTILINE)
_PICTURE_WITHOUT_ALT = re.compile(r"!\[\s*\]\(")
_ITEM = re.compile(r"^( *)([-*+]|\d{1,9}[.)])[ \t]+\S")


def problems(story: Story) -> list[Problem]:
    """A warning for each link without words, empty heading and picture without alt text."""
    body = story.body
    found: list[Problem] = []
    if _EMPTY_HEADING.search(body):
        found += [Problem(story.path, h.line, "body", "a heading without words: write them, "
                          "or remove the line (it is an empty entry of the page's contents)",
                          Severity.WARNING)
                  for h in headings(body, story.body_line) if not h.text.strip()]
    found += _flat_sublists(story)
    if "](" not in body and "<a" not in body.lower():
        return found
    text = blank_code(strip_comments_keep_lines(body))
    for match in _PICTURE_WITHOUT_ALT.finditer(text):
        line = story.body_line + text.count("\n", 0, match.start())
        found.append(Problem(story.path, line, "body", "a picture without alt text is taken as "
                             "decorative: write what it shows between the brackets, like "
                             "![Staff at the new service desk](media/photo.jpg)", Severity.WARNING))
    finder = _WordlessLinks()
    finder.feed(to_html(body))
    for address, nth in finder.found:
        at = -1
        for _ in range(nth + 1):  # the link's own place: the nth link to this address
            at = text.find(address, at + 1)
        line = story.body_line + (text.count("\n", 0, at) if at >= 0 else 0)
        found.append(Problem(story.path, line, "body", f'link "{address}" has no words: a screen '
                             "reader reads out its address, or nothing: write what it leads to "
                             f"between the brackets, like [the business case]({address})",
                             Severity.WARNING))
    return found


class _WordlessLinks(HTMLParser):
    """The address of each <a> with neither text nor a picture's alt text inside, and how many
    links to the same address come before it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, int]] = []
        self._seen: dict[str, int] = {}
        self._open: str | None = None
        self._words = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "a" and named.get("href"):
            self._open, self._words = named.get("href") or "", ""
            self._seen[self._open] = self._seen.get(self._open, -1) + 1
        elif tag == "img" and self._open is not None:
            self._words += named.get("alt") or ""

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._words += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open is not None:
            if not self._words.strip():
                self.found.append((self._open, self._seen[self._open]))
            self._open = None


def _flat_sublists(story: Story) -> list[Problem]:
    """A warning for each list item indented by 1-3 spaces right under an item that is not."""
    if "\n -" not in story.body and "\n  " not in story.body:
        return []
    text = blank_code(story.body)
    found: list[Problem] = []
    above: int | None = None  # the indent of the list item above, if the row above is one
    kind = ""  # its kind: a bullet, or a number (a line of the other kind is its text)
    for row, line in enumerate(text.split("\n")):
        item = _ITEM.match(line)
        if item is None:
            above = None if line.strip() == "" or not line.startswith(" ") else above
            continue
        indent, marker = len(item.group(1)), "bullet" if item.group(2) in "-*+" else "number"
        if above == 0 and 1 <= indent <= 3 and marker != kind:
            continue  # "in\n  2025. Then ...": the item's own text, wrapped by hand
        if indent == 0:
            kind = marker
        if above == 0 and 1 <= indent <= 3:
            found.append(Problem(story.path, story.body_line + row, "body",
                                 f"this list item is indented by {indent} space"
                                 f"{'s' * (indent != 1)}, so the page shows it beside the item "
                                 "above, not under it: indent a sub-list by 4 spaces",
                                 Severity.WARNING))
        above = indent if not (above == 0 and 1 <= indent <= 3) else 0
    return found
