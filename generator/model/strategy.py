"""The strategy: outcomes and success criteria (contract section 3)."""

from __future__ import annotations

from typing import Any, Literal, Self

from pydantic import ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from generator.model.common import Flag, Number, ShowcaseModel, Slug
from generator.model.story import AwardOutcome, Line, Text, Unit


class Outcome(ShowcaseModel):
    """An intended digital outcome of the strategy."""

    id: Slug
    """Name stories use in `outcomes:`."""
    title: Line
    """The outcome, in a few words."""
    enabler: Line
    """The technology enabler behind it."""
    description: Text | None = None
    """A sentence or two for the outcome's page."""


def _given_when(values: dict[str, str], *names: str) -> dict[str, Any]:
    """JSON Schema: where the fields have `values`, `names` are given (and not null)."""
    return {"if": {"required": list(values), "properties": {k: {"const": v} for k, v in values.items()}},
            "then": {"required": list(names), "properties": {n: {"not": {"type": "null"}} for n in names}}}


class SuccessCriterion(ShowcaseModel):
    """A measurable success criterion, counted from awards or read from a data series."""

    model_config = ConfigDict(json_schema_extra={"allOf": [  # _complete
        _given_when({"measure": "series"}, "file", "column", "goal"),
        _given_when({"measure": "series", "goal": "above-compare"}, "compare"),
        _given_when({"goal": "at-least"}, "target"),
    ]})

    id: Slug
    """Stable name of the criterion."""
    title: Line
    """The criterion as the strategy words it."""
    description: Text | None = None
    """A sentence or two of context."""
    measure: Literal["awards", "series"]
    """awards (count award results) or series (a CSV under data/)."""
    result: AwardOutcome = "won"
    """awards: the result that counts (and better ones)."""
    national: Flag = False
    """awards: only nationally recognised awards count."""
    target: Number | None = None
    """awards: the count to reach; series with goal at-least: the value to reach."""
    file: str | None = None
    """series: CSV file under data/."""
    column: str | None = None
    """series: the value column."""
    compare: str | None = None
    """series: a comparison column, e.g. the national average."""
    goal: Literal["increase", "above-compare", "at-least"] | None = None
    """series: how the criterion is met."""
    unit: Unit | None = None
    """series: how to format the values (without it: GBP for a column named like income_gbp,
    percent for one like satisfaction_percent, else count)."""

    @model_validator(mode="after")
    def _complete(self) -> Self:
        if self.measure == "series":
            missing = [name for name in ("file", "column", "goal") if getattr(self, name) is None]
            if missing:
                raise PydanticCustomError("series_fields", f"a series criterion needs {', '.join(missing)}")
            if self.goal == "above-compare" and self.compare is None:
                raise PydanticCustomError("compare", "goal above-compare needs a compare column")
        if self.goal == "at-least" and self.target is None:
            raise PydanticCustomError("target", "goal at-least needs a target")
        return self


COLUMN_SUFFIXES = {"_gbp": Unit.GBP, "_percent": Unit.PERCENT}
"""A CSV column name's ending that gives its unit: income_gbp is in pounds."""


def column_unit(column: str) -> tuple[str, Unit | None]:
    """A CSV column's name without the ending that gives its unit, and that unit
    (income_gbp: income and GBP; satisfaction_percent: satisfaction and percent), as the
    chart's legend and a criterion without `unit:` read it; the name and None without one."""
    for suffix, unit in COLUMN_SUFFIXES.items():
        if column.endswith(suffix) and len(column) > len(suffix):
            return column[:-len(suffix)], unit
    return column, None


def series_unit(criterion: SuccessCriterion) -> Unit:
    """The unit a series criterion's figures are in: its `unit:`, else the one its column's
    name gives, else a count."""
    return criterion.unit or column_unit(criterion.column or "")[1] or Unit.COUNT


class Strategy(ShowcaseModel):
    """data/strategy.yml."""

    name: Line = "Digital strategy"
    """The strategy's name."""
    council: Line | None = None
    """The council's name, shown as publisher."""
    note: Text | None = None
    """A note shown with figures, e.g. that they are illustrative."""
    outcomes: list[Outcome] = Field(min_length=1)
    """The intended outcomes."""
    success_criteria: list[SuccessCriterion] = []
    """How success is measured."""
