"""The order names are listed in (tags, services): as a reader of an English-language site
expects, accents and case set aside first (ffôn before ffurflenni, ŵyn before ymgysylltu),
the exact text breaking ties so that the order is the same on every run."""

from __future__ import annotations

import unicodedata


def by_name(text: str) -> tuple[str, str]:
    """A sort key for a name: the text with its accents dropped (Unicode NFKD, combining marks
    left out) and case folded, then the text itself."""
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return folded, text
