"""Characters that no output can carry: XML (feeds, DOCX, PDF tags) refuses them.

Word processors paste some of them (a vertical tab for a line break, a form feed for a
page break), so a body loses them with a warning rather than failing the build.
"""

from __future__ import annotations

import re

UNSAFE_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def unsafe_characters(text: str, first_line: int = 1) -> list[tuple[int, str]]:
    """Each unsafe character's file line and its U+ code, in order."""
    found = []
    for match in UNSAFE_CHARACTERS.finditer(text):
        found.append((first_line + text.count("\n", 0, match.start()), f"U+{ord(match.group()):04X}"))
    return found


def without_unsafe_characters(text: str) -> str:
    """`text` with unsafe characters removed (vertical tabs and form feeds become newlines)."""
    if not UNSAFE_CHARACTERS.search(text):
        return text
    return UNSAFE_CHARACTERS.sub("", text.replace("\x0b", "\n").replace("\x0c", "\n"))
