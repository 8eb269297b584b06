"""The outline of a story body: headings that would break the story page's heading levels.

The story page prints the title as its only `<h1>` and its own sections (results, quotes,
evidence) as `<h2>`, so the body's headings start at `##` and go down one level at a time
(WCAG 1.3.1 and 2.4.6). What is a heading is what the Markdown parser of the page says
(`markdown_text.to_html`); the source is read only to name each heading's line.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.markdown_text import to_html
from generator.problems import Problem, Severity
from generator.sanitize import strip_comments_keep_lines
from generator.story import Story

#: what could be a heading of level 1 or of level 3 and below (a body of `##` only has
#: nothing to say, and is not converted): a `#` or `###` after list or quote marks, a setext
#: `===` line, an HTML <h1> or <h3>-<h6>. Lenient: they may see more than the parser does.
#: (Three patterns, each starting with a literal, search a body in a tenth of the time one
#: pattern of `^` alternatives takes.)
_MAYBE_OFF_LEVEL = (re.compile(r"\n[ \t>*+\-0-9.)]*(?:#(?!#)|###)"),
                    re.compile(r"\n[ \t>=-]*=[ \t>=-]*(?:\n|\Z)"),
                    re.compile(r"<[hH][13-6]"))
_HTML_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_FENCE = re.compile(r"^([ \t>]*)(`{3,}|~{3,}).*?^\1\2[ \t]*$", re.DOTALL | re.MULTILINE)
#: where a heading may be written, with its level and its words as written
_ATX = re.compile(r"^[ \t>*+\-0-9.)]*(#{1,6})(.*)$")
_SETEXT = re.compile(r"^[ \t>]*([=-])[=-]*[ \t]*$")
_HTML_START = re.compile(r"<h([1-6])\b[^>]*>(.*)", re.IGNORECASE)
_QUOTE_OR_LIST = re.compile(r"^[ \t>]*(?:(?:[-*+]|\d+[.)])[ \t]+)?")


@dataclass(frozen=True)
class Heading:
    """One heading of a body as the page shows it."""

    level: int
    """1 for `#` (or `===`), 2 for `##` (or `---`), and so on."""
    text: str
    """The heading's words as plain text (no formatting)."""
    line: int
    """The line in the story's file where it is written."""


def headings(body: str, first_line: int = 1) -> list[Heading]:
    """Every heading of a Markdown body, in order, each with its line in the file
    (`first_line`: the file's line of the body's first line)."""
    found = [(int(m.group(1)), _plain(m.group(2))) for m in _HTML_HEADING.finditer(to_html(body))]
    return [Heading(level, text, line + first_line - 1)
            for (level, text), line in zip(found, _lines(body, found), strict=True)]


def outline_problems(body: str, first_line: int = 1) -> list[tuple[int, str]]:
    """(line, message) for each heading of a body that breaks the page's outline: a second
    page title (a level-1 heading) or a heading that skips a level after the one before."""
    text = "\n" + body
    if not any(pattern.search(text) for pattern in _MAYBE_OFF_LEVEL):
        return []
    return list(_judge(headings(body, first_line)))


def problems(story: Story) -> list[Problem]:
    """`check`'s warnings about the story body's outline, each at its heading's line."""
    return [Problem(story.path, line, "body", message, Severity.WARNING)
            for line, message in outline_problems(story.body, story.body_line)]


def _judge(found: list[Heading]) -> Iterator[tuple[int, str]]:
    above = 1  # the story's title
    for heading in found:
        if heading.level == 1:
            yield heading.line, (f'heading "{heading.text}" is a second page title (the '
                                 "story's title is the page's only one): start it with ## "
                                 "instead")
            above = 2  # as it will be once written with ##: what follows is judged by that
            continue
        if heading.level > above + 1:
            after = "the story's title" if above == 1 else "#" * above
            yield heading.line, (f'heading "{heading.text}" skips a level '
                                 f'({"#" * heading.level} after {after}): use '
                                 f'{"#" * (above + 1)} so screen-reader users can follow '
                                 "the outline")
        above = heading.level


def _plain(inner_html: str) -> str:
    return " ".join(html.unescape(_TAG.sub("", inner_html)).split())


def _lines(body: str, found: list[tuple[int, str]]) -> list[int]:
    """The line (in the body, from 1) of each heading the parser found: the next place,
    in order, written as a heading of its level whose words hold the heading's; failing
    that, the next place of its level; failing that, the line of the heading before."""
    places = list(_places(body))
    lines: list[int] = []
    start = 0
    for level, text in found:
        wanted = _letters(text)
        same_level = [i for i in range(start, len(places)) if places[i][1] == level]
        matching = [i for i in same_level if _holds(places[i][2], wanted)]
        if not same_level:
            lines.append(lines[-1] if lines else 1)
            continue
        chosen = (matching or same_level)[0]
        lines.append(places[chosen][0])
        start = chosen + 1
    return lines


def _places(body: str) -> Iterator[tuple[int, int, str]]:
    """(line, level, words as written) of every place in the body (comments and fenced
    code left out) that is written like a heading."""
    text = _FENCE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)),
                      strip_comments_keep_lines(body))
    rows = text.split("\n")
    for index, row in enumerate(rows):
        setext = _SETEXT.match(row) if index else None
        above = _QUOTE_OR_LIST.sub("", rows[index - 1]) if index else ""
        if setext and above.strip():
            yield index, 1 if setext.group(1) == "=" else 2, above
        atx = _ATX.match(row)
        if atx:
            yield index + 1, len(atx.group(1)), atx.group(2)
        for tag in _HTML_START.finditer(row):
            yield index + 1, int(tag.group(1)), tag.group(2)


def _letters(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def _holds(written: str, wanted: str) -> bool:
    """Whether the letters of `wanted` appear, in order, among those of `written` (which
    may hold markup: `**Impact**`, `[a link](https://...)`, `&amp;`)."""
    letters = iter(_letters(html.unescape(written)))
    return all(c in letters for c in wanted)
