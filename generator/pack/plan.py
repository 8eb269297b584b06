"""The pack plan: everything decided before anything is rendered or written."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import PurePosixPath

from generator.catalogue import Award, Catalogue
from generator.pack.answers import Drafted, compose_answers
from generator.pack.checklist import Checklist, make_checklist
from generator.pack.files import Gathered, gather
from generator.pack.links import PackLinks
from generator.pack.selection import choose
from generator.problems import Problem, ShowcaseError, one_line
from generator.story import Story


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
    entrant: str = "Showcase"
    """Who enters: the council named in data/strategy.yml, else the site's name from
    mkdocs.yml, else 'Showcase'; the author of entry.html, entry.pdf and entry.docx, named on
    their first page ("Entered by ...")."""


class UnknownAward(ShowcaseError):
    """No award file has the id asked for."""


def find_award(catalogue: Catalogue, award_id: str) -> Award:
    """The award with `award_id`, or UnknownAward listing the ids there are (a control
    character in an id or a file name shown as a code, e.g. \\x1b, as check shows it)."""
    award = catalogue.award(award_id)
    if award is not None:
        return award
    folder = catalogue.layout.relative(catalogue.layout.awards)
    unreadable = [p for p in catalogue.errors if PurePosixPath(p.path).parent == PurePosixPath(folder)
                  and PurePosixPath(p.path).stem == award_id]
    if unreadable:
        raise UnknownAward(f"the award file for {one_line(award_id)} cannot be read: fix the "
                           "errors above", unreadable)
    ids = ", ".join(one_line(a.id) for a in catalogue.awards) or "none"
    broken = ", ".join(one_line(name) for name in catalogue.unusable_awards)
    unread = (f"; {broken} could not be read (showcase check names the errors)"
              if broken else "")
    raise UnknownAward(f'no award file "{one_line(award_id)}" in {one_line(folder)}/; award ids: '
                       f"{ids}{unread}")


def make_plan(catalogue: Catalogue, award_id: str, now: datetime) -> PackPlan:
    """Select, compose and check the pack for `award_id`; errors that stop it are raised."""
    award = find_award(catalogue, award_id)
    chosen = choose(catalogue, award)
    blocking = _errors_for(catalogue, award)
    if blocking:
        raise ShowcaseError(f"the pack for {one_line(award.id)} cannot be built: fix the errors above "
                            "(showcase check lists them)", blocking)
    drafted = compose_answers(award.entry.questions, chosen.stories, award.overrides,
                              _answers_folder(award), _links(catalogue, chosen.stories, now))
    gathered = gather(catalogue.layout, chosen.stories)
    checklist = make_checklist(award, chosen, drafted, gathered, now)
    checklist = replace(checklist, warnings=[*checklist.warnings,
                                             *_answer_warnings(catalogue, award)])
    return PackPlan(award, chosen.stories, chosen.left_out, drafted, gathered, checklist, now,
                    _entrant(catalogue))


def _links(catalogue: Catalogue, entered: list[Story], now: datetime) -> PackLinks:
    """Where an answer's links may lead: the entered stories are the pack's public ones;
    a judge opens a page of the site only when it is public there (links.py)."""
    site_url = str(catalogue.layout.site.get("site_url") or "")
    return PackLinks(catalogue.linkable(entered, site_url),
                     catalogue.linkable(catalogue.public_stories(now), site_url))


def _entrant(catalogue: Catalogue) -> str:
    """Who enters: the strategy's council, else the site's name, else "Showcase"."""
    strategy = catalogue.strategy
    name = strategy.council if strategy and strategy.council else catalogue.layout.site.get(
        "site_name")
    return " ".join(name.split()) if isinstance(name, str) and name.strip() else "Showcase"


def _answers_folder(award: Award) -> str:
    """Where the hand-written answers are, e.g. 'awards/lgc-awards-2027'."""
    return award.path.rsplit(".", 1)[0]


def _answer_warnings(catalogue: Catalogue, award: Award) -> list[str]:
    """check's warnings about the award's hand-written answers (a control character removed
    from one), as the checklist lists them: by file and line."""
    folder = _answers_folder(award) + "/"
    return [f"{p.location()}: {p.message}" for p in catalogue.problems
            if p.path.startswith(folder) and not p.is_error]


def _errors_for(catalogue: Catalogue, award: Award) -> list[Problem]:
    """Catalogue errors in the award file or its answers: the pack cannot be planned.

    A story with errors does not stop the pack: it is left out with a blocker (selection.py).
    """
    folder = _answers_folder(award) + "/"
    return [p for p in catalogue.errors if p.path == award.path or p.path.startswith(folder)]
