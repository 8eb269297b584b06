"""Markdown of the site's own pages that a story body writes but its page does not show.

Story bodies are converted with one fixed Markdown for the page, the feeds, the open data and
the award packs (`markdown_text`: Python-Markdown's `extra`, `sane_lists` and `smarty`), not
with mkdocs.yml's `markdown_extensions`, which apply to the site's hand-written pages. An
admonition (`!!! note`), a collapsible block (`??? note`, pymdownx.details) or content tabs
(`=== "Tab"`, pymdownx.tabbed) in a story is shown as written, so check warns of each.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.problems import Problem, Severity
from generator.sanitize import blank_code, strip_comments_keep_lines
from generator.story import Story

#: a line (not indented as code) that opens one of these blocks: `!!! note "Title"`,
#: `???+ tip`, `=== "English"` (a setext heading's `===` line has nothing after it)
_OPENER = re.compile(r"^[ \t]{0,3}(?:(?P<marker>!!!|\?\?\?\+?)[ \t]+(?P<kind>[\w-]+)"
                     r"|(?P<tab>===[!+]?)[ \t]+(?P<title>\"[^\"\n]*\"))", re.MULTILINE)

_WHAT = {"!!!": "admonition", "???": "collapsible block (pymdownx.details)",
         "===": "content tabs (pymdownx.tabbed)"}


def problems(story: Story) -> Iterator[Problem]:
    """A warning at each line of `story`'s body (outside code and internal notes) that opens
    an admonition, a collapsible block or content tabs."""
    body = story.body
    if "!!!" not in body and "???" not in body and "===" not in body:
        return  # most bodies: no regex, no blanking
    text = blank_code(strip_comments_keep_lines(body))
    for found in _OPENER.finditer(text):
        line = story.body_line + text.count("\n", 0, found.start())
        yield Problem(story.path, line, "body", _message(found), Severity.WARNING)


def _message(found: re.Match[str]) -> str:
    if found.group("tab"):
        written = f'{found.group("tab")} {found.group("title")}'
        name = found.group("title").strip('"').strip() or "and the tab's name"
        what, fix = _WHAT["==="], f"give each tab's text a heading of its own (## {name}) instead"
    else:
        marker, kind = found.group("marker"), found.group("kind")
        written = f"{marker} {kind}"
        what = _WHAT[marker[:3]]
        fix = f"write a paragraph starting with **{kind.replace('-', ' ').capitalize()}:** instead"
    shown = written if '"' in written else f'"{written}"'
    return (f"{shown} is mkdocs.yml's {what} syntax, which stories do not use (the page "
            f"shows it as written): {fix}")
