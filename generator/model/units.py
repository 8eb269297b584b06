"""The units a metric's figure is read in, and the words people write for them."""

from __future__ import annotations

import re
from enum import StrEnum


class Unit(StrEnum):
    """How a metric's value is read and formatted."""

    GBP = "GBP"
    PERCENT = "percent"
    COUNT = "count"
    HOURS = "hours"
    DAYS = "days"
    MINUTES = "minutes"
    SCORE = "score"
    PEOPLE = "people"
    TONNES_CO2E = "tonnes-co2e"


#: words people write for a unit, and the unit they mean
UNIT_SYNONYMS = {
    "£": "GBP", "pounds": "GBP", "pound": "GBP", "gbp": "GBP", "money": "GBP",
    "%": "percent", "percentage": "percent", "per cent": "percent", "pc": "percent",
    "number": "count", "total": "count", "mins": "minutes", "min": "minutes",
    "minute": "minutes", "hrs": "hours", "hr": "hours", "hour": "hours", "day": "days",
    "tonnes": "tonnes-co2e", "tonne": "tonnes-co2e", "co2": "tonnes-co2e",
    "co2e": "tonnes-co2e", "residents": "people", "staff": "people", "users": "people",
    "persons": "people", "person": "people", "points": "score", "point": "score",
}

_RATE = re.compile(r"(?:^|\s+)(?:(?:a|an|per|each|every)\s+[a-z]+|daily|weekly|monthly|yearly"
                   r"|annually|pw|pa|pcm)$|\s*/\s*([a-z]+)$")
"""The period a figure is counted in, written after its unit: "a week", "per year", "/day"."""


def split_rate(words: str) -> tuple[str, str]:
    """`words` lowercased and without the period it ends with, and that period ("hours a
    week" is ("hours", "a week"), "hours/week" ("hours", "a week")); the period is "" when
    there is none ("per cent" is a unit, not a period)."""
    text = " ".join(words.lower().split())
    found = _RATE.search(text)
    if found is None or text in UNIT_SYNONYMS:
        return text, ""
    rate = f"a {found.group(1)}" if found.group(1) else found.group().strip()
    return text[:found.start()], rate


def unit_meant(words: str) -> Unit | None:
    """The unit `words` name ("hours per week" and "hrs" are hours, "tonnes of CO2"
    tonnes-co2e), or None when they name none of them."""
    text, _ = split_rate(words)
    for said in (text, text.split(" ")[0] if text else ""):
        for unit in Unit:
            if said == unit.value.lower():
                return unit
        if said in UNIT_SYNONYMS:
            return Unit(UNIT_SYNONYMS[said])
    return None
