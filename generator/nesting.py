"""How deeply a story body nests lists, quotes and HTML elements, and `<details>` never closed.

Python-Markdown reads nested lists by recursion: a body of 250 list levels stopped the build
with a RecursionError (round 14), though `check` had passed it. No reader needs more than a
handful of levels, so `check` refuses a body nested more than `MOST_LEVELS` deep, at the line
where it is deepest, and the build never gets there. So too a body holding more than
`MOST_BRACKETS` `[` open at once (round 36: 20,000 took a minute to convert), or more than
`MOST_UNCLOSED_TAGS` `<` that start a tag no `>` ends (round 37: 8,000 `<a ` took 20
seconds). A `<details>`
never closed takes in the rest of the body (its headings lose their ids and contents
entries): `check` warns of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache

from generator.markdown_text import MOST_BRACKETS, deep_brackets
from generator.problems import Problem, Severity
from generator.sanitize import (
    MOST_UNCLOSED_FENCES,
    MOST_UNCLOSED_TAGS,
    blank_code,
    blank_fences,
    strip_comments_keep_lines,
    unclosed_fences,
    unclosed_tags,
)
from generator.story import Story

MOST_LEVELS = 50
"""The deepest nesting of lists, quotes and HTML elements a story body may have."""

_TAB = 4  # Python-Markdown's tab length: a nested list item is indented 4 spaces a level
_CONTAINER = re.compile(r"[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]))[ \t]?")
#: a tag on one line; it holds no `<` that starts another (`<b`, `</`), quoted or not, so a
#: `<` whose tag is never ended is read up to the next tag, not to the end of the line
#: (round 37: 16,000 `</a ` took 30 seconds)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>])"
                  r"(?:[^<>\"']|<(?![a-zA-Z/])|\"(?:[^\"<]|<(?![a-zA-Z/]))*\""
                  r"|'(?:[^'<]|<(?![a-zA-Z/]))*')*?(/?)>")
# elements without an end tag, or whose end tag may be left out: never counted as open
_NOT_NESTING = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option",
    "optgroup", "colgroup", "rp", "rt"})


def problems(story: Story) -> list[Problem]:
    """An error where the body nests deeper than MOST_LEVELS, or holds more than
    MOST_BRACKETS `[` open at once or MOST_UNCLOSED_TAGS `<` starting a tag never ended
    (`tags_unclosed`); a warning at each `<details>` that is never closed."""
    text = story.body
    angles = text.count("<")
    details = angles > 0 and "details" in text.lower()
    brackets = text.count("[") > MOST_BRACKETS
    fences = fences_unclosed(text, story.path, story.body_line, "body")
    if not text or not (fences or details or brackets or _may_nest_deeply(text, angles)):
        return []
    tags = tags_unclosed(text, story.path, story.body_line, "body") if angles else None
    text = _prepared(text)
    found = [p for p in [fences, tags, too_deep(text, story.path, story.body_line, "body"),
                         brackets_too_deep(text, story.path, story.body_line, "body")]
             if p is not None]
    found += [Problem(story.path, story.body_line + index, "body",
                      "<details> is never closed: write </details> where it should end "
                      "(everything after it, to the end of the story, is folded inside it)",
                      Severity.WARNING)
              for index in unclosed_details(text)]
    return found


def answer_problems(text: str, path: str) -> list[Problem]:
    """An error at the deepest line of a hand-written answer nested deeper than MOST_LEVELS
    (as a story body may not be): entry.pdf's printer stops on it. An error too where it
    holds more than MOST_BRACKETS `[` open at once, or more than MOST_UNCLOSED_TAGS `<` that
    start a tag never ended, as a story body may not."""
    prepared = _prepared(text)
    return [found for found in (fences_unclosed(text, path, 1, None),
                                tags_unclosed(text, path, 1, None),
                                too_deep(prepared, path, 1, None),
                                brackets_too_deep(prepared, path, 1, None))
            if found is not None]


def fences_unclosed(text: str, path: str, first_line: int, field: str | None
                    ) -> Problem | None:
    """An error at the row where Markdown `text` (as written) holds more than
    MOST_UNCLOSED_FENCES rows that open a fenced code block no later row closes
    (`unclosed_fences`): converting it would take minutes. Internal notes are not counted,
    nor is a fence inside a block that is closed (it is code)."""
    if text.count("```") + text.count("~~~") <= MOST_UNCLOSED_FENCES:
        return None
    return _at(unclosed_fences(strip_comments_keep_lines(text)), path, first_line, field,
               lambda count: f"{count} fences (```) open a code block that no fence closes (the "
               f"{MOST_UNCLOSED_FENCES + 1}st is on this line); at most "
               f"{MOST_UNCLOSED_FENCES} can be read: end each block with a row that is its "
               "fence alone (``` after ```python), and write a fence that is only text "
               "with a space before it")


def tags_unclosed(text: str, path: str, first_line: int, field: str | None) -> Problem | None:
    """An error at the line where Markdown `text` (as written) holds more than
    MOST_UNCLOSED_TAGS `<` that start a tag no `>` ends (`unclosed_tags`): converting it
    would take minutes. Fenced code is not counted, nor are internal notes."""
    if text.count("<") <= MOST_UNCLOSED_TAGS:
        return None
    return _at(unclosed_tags(blank_fences(strip_comments_keep_lines(text))), path, first_line,
               field, lambda count: f"{count} < start an HTML tag that no > ends (the "
               f"{MOST_UNCLOSED_TAGS + 1}st is on this line); at most {MOST_UNCLOSED_TAGS} can "
               "be read: end each tag with a >, and write a < that is only text as &lt; or "
               "with a space after it (a < b)")


def brackets_too_deep(text: str, path: str, first_line: int, field: str | None
                      ) -> Problem | None:
    """An error at the line where `text` (notes removed, code blanked) first holds more than
    MOST_BRACKETS `[` open at once: converting it would take minutes (`deep_brackets`)."""
    return _at(deep_brackets(text), path, first_line, field,
               lambda depth: f"{depth} [ brackets are open at once (inside one another) from "
               f"this line on; at most {MOST_BRACKETS} can be read: close each [ with a ] (a "
               "link is [its words](https://...)) and write a bracket that is only text as "
               "\\[ or \\]")


def too_deep(text: str, path: str, first_line: int, field: str | None) -> Problem | None:
    """An error at the deepest line of `text` (notes removed, code blanked) when it nests
    deeper than MOST_LEVELS; `first_line` is the file line of the text's first."""
    return _at(deepest_line(text), path, first_line, field,
               lambda depth: f"this line is nested {depth} levels deep; at most {MOST_LEVELS} "
               "levels of lists, quotes or HTML elements inside one another can be shown: "
               "bring the deepest parts up a level or more")


def _at(found: tuple[int, int] | None, path: str, first_line: int, field: str | None,
        said: Callable[[int], str]) -> Problem | None:
    """An error at the line `found` names (how many, the text's line index), in the words
    `said` gives for how many."""
    if found is None:
        return None
    count, index = found
    return Problem(path, first_line + index, field, said(count))


def _prepared(text: str) -> str:
    """`text` with its notes removed and its code blanked (lines kept), where it has any."""
    if "<!--" in text:
        text = strip_comments_keep_lines(text)
    if "`" in text or "~" in text:
        text = blank_code(text)
    return text


def _may_nest_deeply(text: str, angles: int) -> bool:
    """Whether `text` may nest more than MOST_LEVELS deep: its elements can nest no deeper
    than it has `<` (`angles`), and each level of a list or quote takes a character or more at
    the start of a line (code blanked or notes removed only takes such characters away)."""
    least = MOST_LEVELS + 1 - angles
    return least <= 0 or _run_of(least).search(f"\n{text}") is not None


@cache
def _run_of(least: int) -> re.Pattern[str]:
    # after a literal newline: the regex engine looks for it quickly
    return re.compile(rf"\n[ \t>*+\-.)\d]{{{least},}}")


def deepest_line(text: str) -> tuple[int, int] | None:
    """(depth, 0-based line) of the deepest line of Markdown `text` (code blanked), when that
    is deeper than MOST_LEVELS: lists and quotes by the line's own markers and indent, HTML
    elements by the tags open around it."""
    html_depths = list(_html_depths(text)) if "<" in text else [0] * (text.count("\n") + 1)
    # each level of a list or quote takes a character or more before the line's words: a
    # body whose lines all start with fewer such characters is not read line by line
    least = MOST_LEVELS + 1 - max(html_depths)
    if least > 0 and not re.search(rf"^[ \t>*+\-.)\d]{{{least},}}", text, re.MULTILINE):
        return None
    deepest: tuple[int, int] | None = None
    for index, (markdown, html) in enumerate(zip(_markdown_depths(text), html_depths,
                                                 strict=True)):
        depth = markdown + html
        if depth > MOST_LEVELS and (deepest is None or depth > deepest[0]):
            deepest = (depth, index)
    return deepest


def _markdown_depths(text: str) -> Iterator[int]:
    """Each line's depth of lists and quotes: a level per 4 columns of indent before its
    first marker, and a level per marker (`>`, `-`, `1.`) in a row."""
    for line in text.split("\n"):
        expanded = line.expandtabs(_TAB)
        indent = len(expanded) - len(expanded.lstrip(" "))
        markers, at = 0, 0
        while (found := _CONTAINER.match(expanded, at)) and found.end() > at:
            markers, at = markers + 1, found.end()
        yield indent // _TAB + markers if markers else 0


def _html_depths(text: str) -> Iterator[int]:
    """Each line's greatest number of HTML elements open inside one another."""
    open_now = 0
    for line in text.split("\n"):
        most = open_now
        for tag in _TAG.finditer(line):
            closing, name, self_closing = tag.group(1), tag.group(2).lower(), tag.group(3)
            if name in _NOT_NESTING or self_closing:
                continue
            open_now = max(0, open_now - 1) if closing else open_now + 1
            most = max(most, open_now)
        yield most


_DETAILS = re.compile(r"<(/?)details(?=[\s>])", re.IGNORECASE)


def unclosed_details(text: str) -> list[int]:
    """The 0-based lines of each `<details>` in `text` (code blanked) that no `</details>`
    after it closes."""
    opened: list[int] = []
    for found in _DETAILS.finditer(text):
        if found.group(1):
            if opened:
                opened.pop()
        else:
            opened.append(text.count("\n", 0, found.start()))
    return opened
