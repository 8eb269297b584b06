"""The outline of a story body: headings that would break the story page's heading levels.

The story page prints the title as its only `<h1>` and its own sections (results, quotes,
evidence) as `<h2>`, so the body's headings start at `##` and go down one level at a time
(WCAG 1.3.1 and 2.4.6). What is a heading is what the Markdown parser of the page says
(`markdown_text.outline_of`, which also names each heading's line).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.markdown_text import outline_of
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
    rows = strip_comments_keep_lines(body).split("\n")
    return [Heading(level, text, first_line + row) for level, text, row, _ in outline_of(rows)]


def outline_problems(body: str, first_line: int = 1) -> list[tuple[int, str]]:
    """(line, message) for each heading of a body that breaks the page's outline: a second
    page title (a level-1 heading) or a heading that skips a level after the one before."""
    text = "\n" + body
    if not any(pattern.search(text) for pattern in _MAYBE_OFF_LEVEL):
        return []
    return outline(body, first_line)


def outline(body: str, first_line: int = 1) -> list[tuple[int, str]]:
    """`outline_problems` without its quick look at whether there can be any."""
    found = headings(body, first_line)
    rows = strip_comments_keep_lines(body).split("\n")
    ends = [heading.line for heading in found[1:]] + [first_line + len(rows)]
    empty = {heading.line for heading, end in zip(found, ends, strict=True)
             if not any(row.strip() for row in rows[heading.line - first_line + 1:end - first_line])}
    return list(_judge(found, empty))


def problems(story: Story) -> list[Problem]:
    """`check`'s warnings about the story body's outline, each at its heading's line."""
    return [Problem(story.path, line, "body", message, Severity.WARNING)
            for line, message in outline_problems(story.body, story.body_line)]


def _judge(found: list[Heading], empty: set[int]) -> Iterator[tuple[int, str]]:
    """`empty`: the lines of the headings with nothing under them before the next."""
    above = 1  # the story's title
    for heading in found:
        if heading.level == 1:
            # nothing under it (a title repeated above the first section): take it out
            fix = ("take it out if it repeats the title (nothing is under it), or start it "
                   "with ## and the headings under it with one # more" if heading.line in empty
                   else "start it with ## instead")
            yield heading.line, (f'heading "{heading.text}" is a second page title (the '
                                 f"story's title is the page's only one): {fix}")
            above = 2  # as it will be once written with ##: what follows is judged by that
            continue
        if heading.level > above + 1:
            after = "the story's title" if above == 1 else "#" * above
            yield heading.line, (f'heading "{heading.text}" skips a level '
                                 f'({"#" * heading.level} after {after}): use '
                                 f'{"#" * (above + 1)} so screen-reader users can follow '
                                 "the outline")
        above = heading.level
