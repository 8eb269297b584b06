"""Headline totals for the home page and outcome pages.

Definitions (documented for the comms team in docs/writing-a-story.md, "How £ figures add
up on the home page"), over public stories only:

- a **saving** is a `GBP` metric whose label contains "saving" (any case), or any other
  `GBP` metric of a story that evidences the `shared-services` outcome, unless the story
  also evidences `earn-revenue` and the label names income (`INCOME_WORDS`: "Traded
  income", "Contribution to the general fund");
- **traded income** is every other `GBP` metric of a story that evidences the
  `earn-revenue` outcome;
- **awards won** counts award results of `won` on public stories;
- **stories** counts public stories.

A metric counts once; figures are summed as written (no de-duplication across stories): a
programme's total in one earn-revenue story and its parts in others count twice, so the
example gives its programme-wide figure in a story that evidences national-recognition only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from generator.model.story import Metric, Unit
from generator.story import Story

SAVING_OUTCOME = "shared-services"
INCOME_OUTCOME = "earn-revenue"
INCOME_WORDS = re.compile(r"\b(?:income|revenues?|traded|contributions?|earn(?:s|ed|ings?)?"
                          r"|sales)\b")
"""Words in a label that name money earned, as whole words ("E-learning" is none): such a
figure of an earn-revenue story is traded income even when the story also evidences
shared-services (officer27 O3, retest28 R1)."""


@dataclass(frozen=True)
class Totals:
    """Sums over a set of public stories."""

    stories: int
    savings: float
    traded_income: float
    awards_won: int


def is_saving(story: Story, metric: Metric) -> bool:
    """A GBP metric that is a saving (see the module docstring)."""
    if metric.unit is not Unit.GBP:
        return False
    label = metric.label.casefold()
    if "saving" in label:
        return True
    earned = INCOME_OUTCOME in story.meta.outcomes and INCOME_WORDS.search(label) is not None
    return SAVING_OUTCOME in story.meta.outcomes and not earned


def is_income(story: Story, metric: Metric) -> bool:
    """A GBP metric that is traded income (see the module docstring)."""
    return (metric.unit is Unit.GBP and not is_saving(story, metric)
            and INCOME_OUTCOME in story.meta.outcomes)


def totals(stories: Iterable[Story]) -> Totals:
    """The totals over `stories` (which must all be public)."""
    chosen = list(stories)
    savings = sum(m.value for s in chosen for m in s.meta.metrics if is_saving(s, m))
    income = sum(m.value for s in chosen for m in s.meta.metrics if is_income(s, m))
    won = sum(1 for s in chosen for a in s.meta.awards if a.result == "won")
    return Totals(len(chosen), float(savings), float(income), won)
