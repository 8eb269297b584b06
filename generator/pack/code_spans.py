"""Code in Markdown (fenced and indented blocks, code spans) kept out of text rewrites.

What an answer's rewrites do to raw HTML and pictures is for the text a reader sees as
markup; a tag or a picture written inside code is shown as written, so it is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_FENCE_OPEN = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^[ ]{0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
#: Python-Markdown's code span: a run of backticks up to the next run of the same length
_CODE_SPAN = re.compile(r"(?<!\\)(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_PRIVATE_USE = range(0xE000, 0xF8FF)


def outside_code(markdown: str, change: Callable[[str], str]) -> str:
    """`markdown` with `change` applied to all but its code, which comes back as written.

    Each piece of code stands as a placeholder (private-use characters the text does not
    hold) while `change` runs, so patterns see a whole paragraph around it.
    """
    pieces = code_pieces(markdown)
    if not pieces:
        return change(markdown)
    opening, closing = _markers(markdown)
    protected: list[str] = []
    codes: list[str] = []
    at = 0
    for start, end in pieces:
        protected += [markdown[at:start], f"{opening}{len(codes)}{closing}"]
        codes.append(markdown[start:end])
        at = end
    protected.append(markdown[at:])
    changed = change("".join(protected))
    placeholder = re.compile(re.escape(opening) + r"(\d+)" + re.escape(closing))
    return placeholder.sub(lambda match: codes[int(match.group(1))], changed)


def _markers(text: str) -> tuple[str, str]:
    free = (chr(c) for c in _PRIVATE_USE if chr(c) not in text)
    return next(free), next(free)


def code_pieces(markdown: str) -> list[tuple[int, int]]:
    """(start, end) of every code block and code span in `markdown`, in order."""
    pieces: list[tuple[int, int]] = []
    text_start: int | None = None
    for start, end, is_code in _blocks(markdown):
        if is_code:
            pieces += _spans(markdown, text_start, start)
            pieces.append((start, end))
            text_start = None
        elif text_start is None:
            text_start = start
    return pieces + _spans(markdown, text_start, len(markdown))


def _spans(markdown: str, start: int | None, end: int) -> list[tuple[int, int]]:
    """Code spans of the text between `start` and `end`, paragraph by paragraph."""
    if start is None:
        return []
    found = []
    for paragraph in re.finditer(r"(?:[^\n]|\n(?![ \t]*\n))+", markdown[start:end]):
        offset = start + paragraph.start()
        found += [(offset + m.start(), offset + m.end())
                  for m in _CODE_SPAN.finditer(paragraph.group())]
    return found


def _blocks(markdown: str) -> list[tuple[int, int, bool]]:
    """Each line's (start, end without its line break, whether it is code)."""
    lines, at = [], 0
    for line in markdown.splitlines(keepends=True):
        lines.append((at, at + len(line.rstrip("\r\n")), line.rstrip("\r\n")))
        at += len(line)
    marked: list[tuple[int, int, bool]] = []
    fence: str | None = None
    previous_blank, in_list, in_indented = True, False, False
    for start, end, line in lines:
        blank = not line.strip()
        if fence is not None:
            marked.append((start, end, True))
            if re.match(rf"^[ ]{{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", line):
                fence = None
            continue
        opened = _FENCE_OPEN.match(line)
        indented = _indent(line) >= 4 and not blank
        if opened:
            fence, in_indented = opened.group(1), False
            marked.append((start, end, True))
        elif indented and (in_indented or (previous_blank and not in_list)):
            in_indented = True
            marked.append((start, end, True))
        else:
            if not blank:
                in_indented = False
                if _LIST_ITEM.match(line):
                    in_list = True
                elif _indent(line) < 4 and previous_blank:
                    in_list = False
            marked.append((start, end, False))
        previous_blank = blank
    return marked


def _indent(line: str) -> int:
    width = 0
    for character in line:
        if character == " ":
            width += 1
        elif character == "\t":
            width += 4 - width % 4
        else:
            break
    return width
