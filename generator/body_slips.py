"""Warnings of slips in a story body that the body allows but its author did not mean: a note
closed with `--!>` before its `-->`, and a second front-matter block pasted into the body.

Neither changes what is published: an internal note runs to its `-->` (`sanitize.COMMENT`),
and a `---` block in the body is body text (contract section 2). `check` says so at the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.model.story import StoryMeta
from generator.problems import Problem, Severity
from generator.sanitize import blank_code, early_note_ends, strip_comments_keep_lines
from generator.story import Story

_DELIMITER = re.compile(r"---[ \t]*")
"""A front-matter delimiter line (in a body, a thematic break or a setext underline)."""
_FIELD = re.compile(r"(?P<name>[A-Za-z_][A-Za-z0-9_-]*):(?:[ \t]|$)")
"""A line that starts as a YAML field does: `name:` then a space or the end."""
_YAML_GOES_ON = re.compile(r"[ \t]|-(?:[ \t]|$)|#")
"""A line that goes on from a field: indented, a list item `- ...`, or a YAML comment."""
STORY_FIELDS = frozenset(StoryMeta.model_fields)
"""The front-matter fields of a story (status, contact, title, date, quotes, evidence ...)."""


def problems(story: Story) -> Iterator[Problem]:
    """The warnings of this module for one story body."""
    yield from early_ending_notes(story)
    yield from pasted_front_matter(story)


EARLY_END = ('an internal note "<!--" has "--!>" before its "-->": "--!>" does not end the '
             'note, so everything up to the "-->" is left out (a browser\'s preview would show '
             'it): end the note with "-->" only')
"""What check says of a `--!>` inside a note (`sanitize.early_note_ends`), in a body or field."""


def early_ending_notes(story: Story) -> Iterator[Problem]:
    """A warning at each line with a `--!>` inside an internal note that a later `-->` closes:
    a browser (or GitHub's preview) ends the note there and shows what follows, but nothing
    up to the `-->` is published."""
    lines = {story.body_line + story.body.count("\n", 0, offset)
             for offset in early_note_ends(story.body)}
    for line in sorted(lines):
        yield Problem(story.path, line, "body", EARLY_END, Severity.WARNING)


def pasted_front_matter(story: Story) -> Iterator[Problem]:
    """A warning at the first line of each `---` block in the body whose lines are written as
    front-matter fields of a story (`status: draft`, `contact: ...`) and closed by `---`: it is
    published as text, its last line as a heading, not read as fields."""
    if "---" not in story.body:
        return
    rows = blank_code(strip_comments_keep_lines(story.body)).split("\n")
    for start, names in _field_blocks(rows):
        listed = ", ".join(f"{name}:" for name in names)
        yield Problem(story.path, story.body_line + start, "body",
                      f'a second front-matter block ("---" with {listed}) is in the body, '
                      "where it is published as text (its last line as a heading), not read "
                      "as fields: move the fields into the front matter at the top, or remove "
                      "the block", Severity.WARNING)


def _field_blocks(rows: list[str]) -> Iterator[tuple[int, list[str]]]:
    """(row of the opening `---`, the story fields named) for each `---` ... `---` block whose
    lines all read as YAML fields and name at least one story field."""
    row = 0
    while row < len(rows):
        if _DELIMITER.fullmatch(rows[row]):
            end, names = _fields_until_delimiter(rows, row + 1)
            if end is not None and names:
                yield row, names
                row = end + 1
                continue
        row += 1


def _fields_until_delimiter(rows: list[str], first: int) -> tuple[int | None, list[str]]:
    """The row of the closing `---` and the story fields named before it, when every line
    from `first` to it is a YAML field, goes on from one, or is blank; else (None, [])."""
    names: list[str] = []
    fields = False
    for row in range(first, len(rows)):
        text = rows[row]
        if _DELIMITER.fullmatch(text):
            return (row, names) if row > first else (None, [])
        field = _FIELD.match(text)
        if field is not None:
            fields = True
            if field.group("name") in STORY_FIELDS and field.group("name") not in names:
                names.append(field.group("name"))
        elif text.strip() and not (fields and _YAML_GOES_ON.match(text)):
            return None, []
    return None, []
