"""Warnings of slips that every file allows but the site would show wrongly: a percentage
written as a fraction, an award the dashboard will not count, a story file name holding a
character its address drops."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from generator.attachment_names import same_name
from generator.awardbook import RESULT_RANK, AwardBook
from generator.model.story import Metric, Unit
from generator.model.strategy import Strategy, SuccessCriterion
from generator.problems import Problem, Severity
from generator.reading.characters import described
from generator.story import Story, default_slug

if TYPE_CHECKING:
    from generator.catalogue import Award

_FIGURES = ("value", "baseline", "target")


def percent_fractions(story: Story) -> Iterator[Problem]:
    """A warning at each figure of a percentage that looks written as a fraction (0.68 for
    68%): one between 0 and 1 that a hundred times over is nearer a figure of 1 or more of the
    same metric than it is as written (0.68 beside 55, not 0.4 beside 1.2: an error rate
    down from 1.2% to 0.4%), or every figure between 0 and 1 and one with two decimals or
    more."""
    for index, metric in story.numbered("metrics", story.meta.metrics):
        if metric.unit is not Unit.PERCENT:
            continue
        for name, figure in _fractions(metric):
            written = Decimal(str(figure))
            meant = format((written * 100).normalize(), "f")
            yield Problem(story.path, story.located.line_of(("metrics", index, name)),
                          f"metrics[{index}].{name}",
                          f"{written} with unit: percent shows as {written}%: if you meant "
                          f"{meant}%, write {meant}", Severity.WARNING)


def _fractions(metric: Metric) -> list[tuple[str, float]]:
    """The figures of `metric` between 0 and 1 when they look like fractions of one."""
    given = [(name, figure) for name in _FIGURES
             if (figure := getattr(metric, name)) is not None]
    small = [(name, figure) for name, figure in given if 0 < figure < 1]
    if not small:
        return []
    large = [figure for _, figure in given if figure >= 1]
    if large:  # nearer in scale as a percentage than as written: more than ten times apart
        return [(name, figure) for name, figure in small
                if any(other > 10 * figure for other in large)]
    return small if fractions_of_one([figure for _, figure in given]) else []


def fractions_of_one(figures: Sequence[float]) -> bool:
    """Whether percentages look written as fractions of one (0.585 for 58.5%): every figure
    between 0 and 1, and one with two decimals or more (0.5 may be half a per cent)."""
    return bool(figures) and all(0 < figure < 1 for figure in figures) \
        and any(_decimals(figure) >= 2 for figure in figures)


def _decimals(figure: float) -> int:
    exponent = Decimal(str(figure)).as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def uncounted_awards(stories: Sequence[Story], awards: Sequence[Award],
                     strategy: Strategy | None, unusable: Sequence[str] = ()) -> list[Problem]:
    """A warning at each award result the home page counts but a national-award criterion
    does not: its award has no award file, and the result does not say `national:`.
    `unusable`: the award files with errors (a result naming one by its id is not warned of:
    the file's own errors are)."""
    wanted = [c for c in strategy.success_criteria
              if c.measure == "awards" and c.national] if strategy else []
    if not wanted:
        return []
    book = AwardBook(awards)
    broken = {same_name(PurePosixPath(path).stem) for path in unusable}
    found = []
    for story in stories:
        for index, result in story.numbered("awards", story.meta.awards):
            if result.national is not None or book.find(result) is not None \
                    or same_name(result.award.strip()) in broken:
                continue
            missed = [c for c in wanted if RESULT_RANK[result.result] >= RESULT_RANK[c.result]]
            if missed:
                found.append(Problem(
                    story.path, story.located.line_of(("awards", index)), f"awards[{index}]",
                    f'"{result.award}" has no award file, so the dashboard does not count it '
                    f"for {_titles(missed)}, which counts national awards only: add national: "
                    "true to this result if the award is national (or add an award file for "
                    "it that says national: true)", Severity.WARNING))
    return found


def _titles(criteria: list[SuccessCriterion]) -> str:
    return " and ".join(f'"{criterion.title}"' for criterion in criteria)


def file_name_characters(story: Story) -> Iterator[Problem]:
    """A warning when the story's file name holds a format character (a text-direction
    control, a zero-width space), which no one sees and its address drops."""
    name = PurePosixPath(story.path).name
    unseen = [c for c in dict.fromkeys(name) if unicodedata.category(c) == "Cf"]
    if not unseen:
        return
    held = " and ".join(_described(c) for c in unseen)
    dropped = "" if story.meta.slug else f", which the page's address (stories/{story.slug}/) drops"
    yield Problem(story.path, None, None,
                  f"the file name holds {held}{dropped}: rename the file without it",
                  Severity.WARNING)


_DATE_OTHERWISE = re.compile(r"(\d{4})[ _.](\d{2})[ _.](\d{2})[ _.-]+")
"""A file name's leading date written with spaces, underscores or dots (2026 05 16 ...)."""


def file_name_date(story: Story) -> Iterator[Problem]:
    """A warning when the story's file name starts with a date written other than
    2026-05-16-: the address keeps it (stories/2026-05-16-bin-rounds/), where a date written
    with hyphens is left out of it (hostile27 H4)."""
    name = PurePosixPath(story.path).name
    found = _DATE_OTHERWISE.match(name)
    if found is None or story.meta.slug:
        return
    dated = "-".join(found.groups())
    slug = default_slug(f"{dated}-{PurePosixPath(name[found.end():]).stem}")
    yield Problem(story.path, None, None,
                  f'the file name starts with a date written "{name[:found.end(3)]}", which '
                  f"the page's address keeps (stories/{story.slug}/): name the file "
                  f"{dated}-{slug}.md for the address stories/{slug}/", Severity.WARNING)


def _described(character: str) -> str:
    said = described(character)
    return said if said != f"U+{ord(character):04X}" else f"{said} (an unseen format character)"
