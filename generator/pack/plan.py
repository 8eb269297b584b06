"""The pack plan: everything decided before anything is rendered or written."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from generator.catalogue import Award, Catalogue
from generator.pack.answers import Drafted, compose_answers
from generator.pack.checklist import Checklist, make_checklist
from generator.pack.files import Gathered, gather
from generator.pack.selection import choose
from generator.problems import Problem, ShowcaseError
from generator.story import Story

#: A missing or refused file is a blocker in CHECKLIST.md, not a reason to stop.
_FILE_FIELDS = re.compile(r"evidence\[\d+\]\.path|image\.src")

@dataclass(frozen=True)
class PackPlan:
    """An award, its stories, answers, files and checklist: ready to render."""

    award: Award
    stories: list[Story]
    left_out: list[str]
    drafted: Drafted
    gathered: Gathered
    checklist: Checklist
    now: datetime


class UnknownAward(ShowcaseError):
    """No award file has the id asked for."""


def find_award(catalogue: Catalogue, award_id: str) -> Award:
    """The award with `award_id`, or UnknownAward listing the ids there are."""
    award = catalogue.award(award_id)
    if award is None:
        ids = ", ".join(a.id for a in catalogue.awards) or "none"
        raise UnknownAward(f'no award file "{award_id}" in '
                           f"{catalogue.layout.relative(catalogue.layout.awards)}/; award ids: {ids}")
    return award


def make_plan(catalogue: Catalogue, award_id: str, now: datetime) -> PackPlan:
    """Select, compose and check the pack for `award_id`; errors that stop it are raised."""
    award = find_award(catalogue, award_id)
    chosen = choose(catalogue, award)
    blocking = _errors_for(catalogue, award, chosen.stories)
    if blocking:
        raise ShowcaseError(f"the pack for {award.id} cannot be built: fix the errors above "
                            "(showcase check lists them)", blocking)
    drafted = compose_answers(award.entry.questions, chosen.stories, award.overrides)
    gathered = gather(catalogue.layout, chosen.stories)
    checklist = make_checklist(award, chosen.stories, chosen.left_out, drafted, gathered, now)
    return PackPlan(award, chosen.stories, chosen.left_out, drafted, gathered, checklist, now)


def _errors_for(catalogue: Catalogue, award: Award, stories: list[Story]) -> list[Problem]:
    """Catalogue errors in the award file, its answers, or the stories it includes."""
    answers_folder = award.path.rsplit(".", 1)[0] + "/"
    paths = {award.path} | {s.path for s in stories}
    return [p for p in catalogue.errors
            if (p.path in paths or p.path.startswith(answers_folder))
            and not (p.field and _FILE_FIELDS.fullmatch(p.field))]
