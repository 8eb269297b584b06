"""Footnotes in an answer, as numbered notes written out in plain Markdown.

An entry form takes text: a footnote (`large[^1]` with `[^1]: Finance confirmed it.`) has
no place in it, and an answer drafted from a story's section would lose a note written at
the end of the body. So in a pack each footnote reference becomes ` [1]` and each note a
paragraph `[1] Finance confirmed it.` after the story's part of the answer, numbered on
through the answer (two stories' `[^1]` are [1] and [2]). answers/*.md, *.txt, entry.html,
entry.pdf and entry.docx then all carry the same words.

Definitions are read as Python-Markdown's footnotes extension reads them: `[^label]:` at a
line's start (up to three spaces), its lazy continuation lines, and the blocks indented
under it; never inside code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.pack.code_spans import code_pieces, outside_code

_DEFINITION = re.compile(r"^[ ]{0,3}\[\^([^\]\n]*)\]:[ ]*(.*)$")
#: [^label], as the extension's inline pattern finds it (not escaped, not a definition)
_REFERENCE = re.compile(r"(?<![\\!])\[\^([^\]\n]*)\](?![ \t]*:)")
_INDENTED = re.compile(r"^(?: {4}|\t)")


@dataclass
class Numbering:
    """The notes numbered so far in one answer: the next part goes on from them."""

    used: int = 0


@dataclass(frozen=True)
class _Notes:
    """A text's footnote definitions by label (a later one wins, as in the extension),
    and the text without them."""

    text: str
    by_label: dict[str, str] = field(default_factory=dict)


def with_notes(part: str, source: str | None, numbering: Numbering) -> str:
    """`part` with its footnotes as numbered notes written out after it.

    `source` is the whole text the part was taken from (a story's body, for a section),
    where a note the part refers to may be defined; None when the part is all of it.
    A note defined in the part that nothing refers to is kept too; one the part's own
    text does not refer to but another section of the source does belongs to that one.
    """
    if "[^" not in part:
        return part
    own = _definitions(part)
    everywhere = _definitions(source) if source is not None else own
    notes = {**everywhere.by_label, **own.by_label}
    referenced = _referenced(own.text, notes)
    elsewhere = set(_referenced(everywhere.text, notes))
    labels = referenced + [label for label in own.by_label
                           if label not in referenced and label not in elsewhere]
    if not labels:
        return own.text
    numbers = {label: numbering.used + index for index, label in enumerate(labels, start=1)}
    numbering.used += len(labels)
    text = outside_code(own.text, lambda rest: _numbered(rest, numbers))
    written = [_note(numbers[label], _numbered(notes[label], numbers)) for label in labels]
    return "\n\n".join([text.rstrip(), *written])


def _referenced(text: str, notes: dict[str, str]) -> list[str]:
    """The labels of defined notes `text` refers to (outside code), in order, each once."""
    found: list[str] = []

    def collect(rest: str) -> str:
        found.extend(match.group(1) for match in _REFERENCE.finditer(rest))
        return rest

    outside_code(text, collect)
    return list(dict.fromkeys(label for label in found if label in notes))


def _numbered(text: str, numbers: dict[str, int]) -> str:
    def number(match: re.Match[str]) -> str:
        found = numbers.get(match.group(1))
        if found is None:
            return match.group(0)
        before = match.string[match.start() - 1:match.start()]
        return ("" if not before or before.isspace() else " ") + f"\\[{found}\\]"

    return _REFERENCE.sub(number, text)


def _note(number: int, text: str) -> str:
    return f"\\[{number}\\] {text}" if text else f"\\[{number}\\]"


def _definitions(text: str) -> _Notes:
    """The footnote definitions of `text` outside code, and the text without them."""
    rows = text.split("\n")
    code = _code_rows(text, rows)
    kept: list[str] = []
    notes: dict[str, str] = {}
    index = 0
    while index < len(rows):
        found = None if index in code else _DEFINITION.match(rows[index])
        if found is None:
            kept.append(rows[index])
            index += 1
            continue
        end = _definition_end(rows, index + 1, code)
        notes[found.group(1)] = _note_text(found.group(2), rows[index + 1:end])
        index = end
    return _Notes("\n".join(kept), notes)


def _definition_end(rows: list[str], index: int, code: set[int]) -> int:
    """The row after a definition: its lazy lines, then blocks indented under it."""
    while index < len(rows) and rows[index].strip() and not _starts_note(rows, index, code):
        index += 1
    while True:
        after = index
        while after < len(rows) and not rows[after].strip():
            after += 1
        if after == index or after >= len(rows) or not _INDENTED.match(rows[after]):
            return index
        index = after
        while index < len(rows) and (rows[index].strip() == "" or _INDENTED.match(rows[index])):
            if not rows[index].strip() and not _indented_follows(rows, index):
                break
            index += 1


def _indented_follows(rows: list[str], index: int) -> bool:
    while index < len(rows) and not rows[index].strip():
        index += 1
    return index < len(rows) and bool(_INDENTED.match(rows[index]))


def _starts_note(rows: list[str], index: int, code: set[int]) -> bool:
    return index not in code and bool(_DEFINITION.match(rows[index]))


def _note_text(first: str, rest: list[str]) -> str:
    lines = [first.strip(), *(_INDENTED.sub("", row, count=1) for row in rest)]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _code_rows(text: str, rows: list[str]) -> set[int]:
    """The numbers of the rows that start inside code (a block, or a span run on)."""
    starts, at = [], 0
    for row in rows:
        starts.append(at)
        at += len(row) + 1
    pieces = code_pieces(text)
    return {number for number, start in enumerate(starts)
            if any(begin <= start < end for begin, end in pieces)}
