"""What check says of a data series' periods, for the tests of their order and reading."""

from __future__ import annotations

from generator.reading.series import Table, period_problems

ORDER = ('"{period}" comes after "{before}": put the rows in order, oldest first (the last row '
         "is the current value the dashboard shows)")


def told(*periods: str) -> list[str]:
    """What check says of a series whose rows are `periods` (from line 2 on)."""
    table = Table("data/x.csv", ["period", "value"],
                  [(line, [period, "1"]) for line, period in enumerate(periods, start=2)])
    return [f"{p.path}:{p.line}: {p.field}: {p.message}" for p in period_problems(table)]
