"""What a story's award result names: an award file (by its id or its name) or an award
written only in the story.

`awards: [{award: lgc-awards-2027, result: shortlisted}]` names awards/lgc-awards-2027.yml:
the site shows that file's `name`, counts the award as national when the file says so, and
dates the result by the file's edition when it is a year. A result's own `national` and
`year` win; an award no file names shows as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from generator.attachment_names import same_name

if TYPE_CHECKING:
    from generator.catalogue import Award
    from generator.model.story import AwardResult

RESULT_RANK = {"entered": 0, "shortlisted": 1, "highly-commended": 2, "won": 3}
"""Award results from least to best: a criterion counts its `result` and better ones."""

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


@dataclass(frozen=True)
class KnownAward:
    """What an award file says of its award."""

    name: str
    national: bool
    year: int | None
    """The edition's year (`edition: "2027"`, or the first year in "2026-27"), if any."""


class AwardBook:
    """The project's award files, by id and by name, matched as award files and packs match
    names (`attachment_names.same_name`: letter case and how an accent is written aside,
    but straße is not strasse)."""

    def __init__(self, awards: Iterable[Award] = ()) -> None:
        self._by_id: dict[str, KnownAward] = {}
        self._by_name: dict[str, KnownAward] = {}
        self._ids_by_name: dict[str, list[str]] = {}
        for award in awards:
            self._ids_by_name.setdefault(_key(award.entry.name), []).append(award.id)
            entry = award.entry
            found = _YEAR.search(entry.edition or "")
            known = KnownAward(entry.name, entry.national, int(found.group(1)) if found else None)
            self._by_id.setdefault(_key(award.id), known)
            self._by_name.setdefault(_key(entry.name), known)

    def find(self, result: AwardResult) -> KnownAward | None:
        """The award file `result` names, if any: by its id first, else by its name."""
        key = _key(result.award)
        return self._by_id.get(key) or self._by_name.get(key)

    def sharing_name(self, result: AwardResult) -> list[str]:
        """The ids of the award files whose one name `result` gives, when more than one file
        has it and `result` names none by its id (it then finds the first: say the id)."""
        key = _key(result.award)
        ids = self._ids_by_name.get(key, [])
        return ids if len(ids) > 1 and key not in self._by_id else []

    def name(self, result: AwardResult) -> str:
        """The award's name: its file's, else as the story writes it."""
        found = self.find(result)
        return found.name if found else result.award

    def national(self, result: AwardResult) -> bool:
        """National when the result says so or its award file does."""
        found = self.find(result)
        return bool(result.national) or (found is not None and found.national)

    def year(self, result: AwardResult, story_date: date) -> int:
        """The result's year: its own, else its award file's edition, else a year in the
        award's name within a year of the story's ("LGC Awards 2027" for a story of 2026; not
        "Digital 2030 Vision Award"), else the story's."""
        found = self.find(result)
        if result.year:
            return result.year
        if found is not None and found.year:
            return found.year
        named = [int(year) for year in _YEAR.findall(self.name(result))
                 if abs(int(year) - story_date.year) <= 1]
        return named[0] if named else story_date.year


def _key(name: str) -> str:
    return same_name(name.strip())
