"""`showcase awards`: every award file with its deadline, stories and readiness."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from generator.cli.common import failing_with, load, project_options, terminal
from generator.pack import make_plan
from generator.pack.checklist import days_left
from generator.problems import ShowcaseError


@click.command()
@project_options
@failing_with(2)
def awards(project_dir: Path, now_text: str | None) -> None:
    """List the award entries: deadline, days left, stories selected, readiness."""
    catalogue, now = load(project_dir, now_text)
    table = Table(title="Award entries")
    for column in ("award", "name", "deadline", "days left", "stories", "readiness"):
        table.add_column(column)
    for award in catalogue.awards:
        deadline = award.entry.deadline
        try:
            plan = make_plan(catalogue, award.id, now)
        except ShowcaseError:
            stories, readiness = "-", "cannot build: run showcase check"
        else:
            blockers = len(plan.checklist.blockers)
            stories = str(len(plan.stories))
            readiness = "ready" if not blockers else \
                f"not ready ({blockers} blocker{'s' * (blockers != 1)})"
        table.add_row(award.id, award.entry.name,
                      deadline.strftime("%Y-%m-%d %H:%M %Z") if deadline else "-",
                      str(days_left(deadline, now)) if deadline else "-", stories, readiness)
    terminal(width=200).print(table)
