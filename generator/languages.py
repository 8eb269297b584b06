"""Which way a story's language runs, and whether its words are in a right-to-left script.

A story written in a language other than the site's gives it as a language tag
(`language: cy`); its page and card carry `lang` (a screen reader's voice) and `dir` (Arabic,
Hebrew, Persian or Urdu text reads right to left).
"""

from __future__ import annotations

import unicodedata

_RIGHT_TO_LEFT = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "syr",
                            "ug", "ur", "yi"})
"""Languages written right to left unless their tag names another script."""
_RIGHT_TO_LEFT_SCRIPTS = frozenset({"Adlm", "Arab", "Hebr", "Nkoo", "Rohg", "Syrc", "Thaa"})


def direction(tag: str) -> str:
    """"rtl" or "ltr" for a language tag as `parse_language` writes it (ar, az-Arab, ur-PK)."""
    first, *rest = tag.split("-")
    script = next((part for part in rest if len(part) == 4 and part.isalpha()), None)
    if script is not None:
        return "rtl" if script in _RIGHT_TO_LEFT_SCRIPTS else "ltr"
    return "rtl" if first in _RIGHT_TO_LEFT else "ltr"


def starts_right_to_left(text: str) -> bool:
    """Whether the first letter of `text` that has a direction is a right-to-left one (as a
    browser's dir="auto" decides)."""
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False
