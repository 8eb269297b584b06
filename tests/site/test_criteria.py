"""The success-criteria rules and the headline totals, on the pure core (no MkDocs)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from generator.catalogue import collect
from generator.model.strategy import SuccessCriterion
from generator.project import Layout
from generator.reading.series import Table
from generator.site.criteria import evaluate_all, evaluate_series
from generator.site.totals import totals
from tests.conftest import NOW, ProjectFactory, story

WHEN = datetime.fromisoformat(NOW)


def _series(goal: str, rows: list[list[str]], **extra: object) -> tuple[bool, float | None]:
    criterion = SuccessCriterion.model_validate(
        {"id": "c", "title": "C", "measure": "series", "file": "x.csv", "column": "value",
         "goal": goal, **extra})
    header = ["period", "value", "average"]
    table = Table("data/x.csv", header, [(n + 2, row) for n, row in enumerate(rows)])
    found = evaluate_series(criterion, table)
    return found.met, found.current


@pytest.mark.parametrize(("goal", "rows", "extra", "expected"), [
    ("increase", [["2024", "10", "0"], ["2025", "11", "0"]], {}, (True, 11.0)),
    ("increase", [["2024", "10", "0"], ["2025", "10", "0"]], {}, (False, 10.0)),
    ("increase", [["2024", "10", "0"], ["2025", "30", "0"], ["2026", "9", "0"]], {}, (False, 9.0)),
    ("increase", [["2024", "10", "0"]], {}, (False, 10.0)),
    ("increase", [["2024", "n/a", "0"], ["2025", "4", "0"], ["2026", "5", "0"]], {}, (True, 5.0)),
    ("above-compare", [["2025", "60", "65"], ["2026", "66", "65"]], {"compare": "average"},
     (True, 66.0)),
    ("above-compare", [["2025", "70", "65"], ["2026", "65", "65"]], {"compare": "average"},
     (False, 65.0)),
    ("at-least", [["2025", "40", "0"], ["2026", "50", "0"]], {"target": 50}, (True, 50.0)),
    ("at-least", [["2025", "60", "0"], ["2026", "49.9", "0"]], {"target": 50}, (False, 49.9)),
    ("at-least", [], {"target": 50}, (False, None)),
])
def test_series_goals(goal: str, rows: list[list[str]], extra: dict[str, object],
                      expected: tuple[bool, float | None]) -> None:
    assert _series(goal, rows, **extra) == expected


AWARDS = """\
name: Test strategy
council: Testshire Council
outcomes:
  - id: earn-revenue
    title: Revenue
    enabler: Traded services
success_criteria:
  - id: national-wins
    title: Win national awards
    measure: awards
    national: true
    target: 2
  - id: any-shortlist
    title: Shortlisted or better anywhere
    measure: awards
    result: shortlisted
    target: 3
"""


def _story_with(name: str, awards: str, **fields: object) -> str:
    return story(title=name, awards=awards, **fields)


def test_awards_criteria_count_public_results_at_or_better(make_project: ProjectFactory) -> None:
    root = make_project({
        "data/strategy.yml": AWARDS,
        "awards/big-award.yml": "name: Big National Award 2026\nnational: true\nstories: []\n"
                                "questions:\n  - {id: q, prompt: Why?, words: 100}\n",
        # national by its award file (by id, and by name), and by its own flag
        "stories/a.md": _story_with("A", "[{award: big-award, result: won}]"),
        "stories/b.md": _story_with("B", "[{award: Big National Award 2026, result: won}]"),
        "stories/c.md": _story_with("C", "[{award: Local Prize, result: won, national: true}]"),
        # not national: counts only for the second criterion
        "stories/d.md": _story_with("D", "[{award: Local Prize, result: shortlisted}]"),
        # too low a result for both
        "stories/e.md": _story_with("E", "[{award: big-award, result: entered}]"),
        # not public: never counts
        "stories/f.md": _story_with("F", "[{award: big-award, result: won}]", status="draft"),
        "stories/g.md": _story_with("G", "[{award: big-award, result: won}]",
                                    embargo="2027-01-01T00:00:00+00:00"),
    })
    catalogue = collect(Layout.defaults(root), WHEN)
    assert catalogue.errors == []
    national, shortlisted = evaluate_all(catalogue, WHEN)
    assert (national.current, national.met) == (3.0, True)
    assert (shortlisted.current, shortlisted.met) == (4.0, True)
    assert [(p.label, p.value) for p in national.points] == [("2026", 3.0)]


def test_totals_follow_the_documented_definitions(make_project: ProjectFactory) -> None:
    metric = "{{label: '{label}', value: {value}, unit: {unit}}}"
    root: Path = make_project({
        "stories/shared.md": story(title="Shared", outcomes="[shared-services]", metrics="[" + ", ".join([
            metric.format(label="Cost of the platform", value=1000, unit="GBP"),
            metric.format(label="Hours saved", value=99, unit="hours")]) + "]"),
        "stories/income.md": story(title="Income", outcomes="[earn-revenue]", metrics="[" + ", ".join([
            metric.format(label="Income from sales", value=20000, unit="GBP"),
            metric.format(label="Annual saving for buyers", value=300, unit="GBP")]) + "]",
            awards="[{award: X, result: won}, {award: Y, result: shortlisted}]"),
        "stories/draft.md": story(title="Draft", status="draft", outcomes="[earn-revenue]",
                                  metrics="[" + metric.format(label="Income", value=5, unit="GBP") + "]"),
    })
    catalogue = collect(Layout.defaults(root), WHEN)
    found = totals(catalogue.public_stories(WHEN))
    assert (found.stories, found.savings, found.traded_income, found.awards_won) == \
        (2, 1300.0, 20000.0, 1)


def test_income_in_a_story_of_both_outcomes_is_traded_income(make_project: ProjectFactory) -> None:
    """officer27 O3: "Traded income" of a story evidencing earn-revenue and shared-services
    was added to the savings, and the home page read "Traded income £0"."""
    metric = "{{label: '{label}', value: {value}, unit: GBP}}"
    root: Path = make_project({"stories/both.md": story(
        title="Shared IT desk", outcomes="[earn-revenue, shared-services]", metrics="[" + ", ".join([
            metric.format(label="Traded income from partner councils", value=240000),
            metric.format(label="Contribution to the general fund", value=50000),
            metric.format(label="Running cost avoided", value=1000),
            metric.format(label="Savings on licences", value=300),
            metric.format(label="E-learning licence costs cut", value=7),  # retest28 R1
            metric.format(label="Money earned from training", value=20)]) + "]")})
    catalogue = collect(Layout.defaults(root), WHEN)
    found = totals(catalogue.public_stories(WHEN))
    assert (found.savings, found.traded_income) == (1307.0, 290020.0)
