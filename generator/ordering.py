"""The order names are listed in (tags, services): as a reader of an English-language site
expects, accents and case set aside first (ffôn before ffurflenni, ŵyn before ymgysylltu),
the exact text breaking ties so that the order is the same on every run."""

from __future__ import annotations

import unicodedata


def by_name(text: str) -> tuple[str, str]:
    """A sort key for a name: the text with its accents dropped (Unicode NFKD, combining marks
    left out) and case folded, then the text itself."""
    return without_accents(text).casefold(), text


_STROKED = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                          "ħ": "h", "Ħ": "H", "ı": "i", "ß": "ss", "æ": "ae", "Æ": "AE",
                          "œ": "oe", "Œ": "OE"})
"""Letters that Unicode does not decompose into a plain letter and a mark, written as a
keyboard without them writes them (ł as l: Polish; ø Danish and Norwegian; ß German)."""


def without_accents(text: str) -> str:
    """`text` with its accents dropped: Llŷn is Llyn, ffôn ffon, Żółkiewska Zolkiewska (Unicode
    NFKD, combining marks left out, and `_STROKED` letters written plain)."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_STROKED))
    return "".join(c for c in decomposed if not unicodedata.combining(c))
