"""Which way a story's language runs, and whether its words are in a right-to-left script.

A story written in a language other than the site's gives it as a language tag
(`language: cy`); its page and card carry `lang` (a screen reader's voice) and `dir` (Arabic,
Hebrew, Persian or Urdu text reads right to left).
"""

from __future__ import annotations

import contextlib
import unicodedata

_RIGHT_TO_LEFT = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "syr",
                            "ug", "ur", "yi"})
"""Languages written right to left unless their tag names another script."""
_RIGHT_TO_LEFT_SCRIPTS = frozenset({"Adlm", "Arab", "Hebr", "Nkoo", "Rohg", "Syrc", "Thaa"})


_ARABIC_COMMA_SCRIPTS = frozenset({"Arab", "Thaa"})
"""Scripts whose comma is the Arabic comma (U+060C): Arabic, Persian, Urdu, Dhivehi."""


def direction(tag: str) -> str:
    """"rtl" or "ltr" for a language tag as `parse_language` writes it (ar, az-Arab, ur-PK):
    by the script it names, else by the script the language is most likely written in
    (langcodes' likely subtags: arb, Standard Arabic, is written in Arabic script)."""
    found = _script(tag)
    if found is not None:
        return "rtl" if found in _RIGHT_TO_LEFT_SCRIPTS else "ltr"
    return "rtl" if tag.split("-")[0] in _RIGHT_TO_LEFT else "ltr"


def comma(tag: str | None) -> str:
    """The comma and space that join a speaker and their role in the language of `tag`:
    "، " in Arabic script (ar, fa, ur), else ", " (None: the site's language)."""
    if tag is None or direction(tag) == "ltr":
        return ", "
    return "\u060c " if _script(tag, likely=True) in _ARABIC_COMMA_SCRIPTS else ", "


def _script(tag: str, likely: bool = False) -> str | None:
    """The script a tag names (az-Arab: Arab), else the one its language is most likely
    written in; None when langcodes does not know, or (unless `likely`) for a right-to-left
    language named without a script, which `_RIGHT_TO_LEFT` answers for without langcodes."""
    first, *rest = tag.split("-")
    named = next((part for part in rest if len(part) == 4 and part.isalpha()), None)
    if named is not None or (first in _RIGHT_TO_LEFT and not likely):
        return named
    import langcodes  # only for a story that gives its language

    with contextlib.suppress(ValueError, LookupError):
        return str(langcodes.Language.get(first).maximize().script)
    return None


def written_right_to_left(text: str) -> bool:
    """Whether `text` is written right to left: more of its letters are right-to-left ones
    than left-to-right ones (an Arabic title that starts with "NHS" is)."""
    if text.isascii():  # most text: no right-to-left letter in it
        return False
    kinds = [unicodedata.bidirectional(character) for character in text]
    return sum(kind in ("R", "AL") for kind in kinds) > kinds.count("L")
