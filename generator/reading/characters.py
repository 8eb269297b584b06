"""Characters that no output can carry: XML (feeds, DOCX, PDF tags) refuses them.

Word processors paste some of them (a vertical tab for a line break, a form feed for a
page break), so a body loses them with a warning rather than failing the build.
"""

from __future__ import annotations

import re

UNSAFE_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\u202a-\u202e\u2066-\u2069]")
"""Control characters no output can carry (C0, DEL and C1: U+009B starts a terminal escape,
U+0085 is a line break to some readers and not others), and the text-direction controls
(embeddings, overrides, isolates): U+202E shows the text after it reversed, so a title can
be made to read as something else. Right-to-left words need none of them."""
DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def described(character: str) -> str:
    """`U+202E`, with what it does when it is a text-direction control."""
    code = f"U+{ord(character):04X}"
    if DIRECTION_CONTROLS.fullmatch(character):
        return f"{code} (a text-direction control: it turns the text around it)"
    return code


def unsafe_characters(text: str, first_line: int = 1) -> list[tuple[int, str]]:
    """Each unsafe character's file line and its U+ code, in order."""
    found = []
    for match in UNSAFE_CHARACTERS.finditer(text):
        found.append((first_line + text.count("\n", 0, match.start()), described(match.group())))
    return found


def without_unsafe_characters(text: str) -> str:
    """`text` with unsafe characters removed (vertical tabs and form feeds become newlines)."""
    return counted_removal(text)[0]


def counted_removal(text: str) -> tuple[str, int]:
    """`without_unsafe_characters(text)`, and how many characters it took out."""
    if not UNSAFE_CHARACTERS.search(text):
        return text, 0
    return UNSAFE_CHARACTERS.subn("", text.replace("\x0b", "\n").replace("\x0c", "\n"))
