"""`showcase awards`: every award file with its deadline, stories and readiness."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click
from rich.table import Table

from generator import clock
from generator.catalogue import Catalogue
from generator.cli.common import config_file, failing_with, load, project_options, terminal
from generator.clock import deadline_passed, uk_time
from generator.pack import make_plan
from generator.pack.checklist import days_left
from generator.problems import Problem, ShowcaseError, one_line

"""UK time's names; before 1847 Europe/London has only a "local mean time" (LMT)."""


@click.command(short_help="List award entries: deadline, time left, stories and whether each is ready.")
@project_options
@failing_with(2)
def awards(project_dir: Path, now_text: str | None) -> None:
    """List the award entries: deadline, days left, stories selected, readiness.

    Exit 1 when an award file has errors (they are printed, on stderr, with file and line).
    """
    clock.now(now_text)  # a bad --now is named first, as by every command
    config_file(project_dir)  # a mistyped -p listed an empty table, as if all were well
    catalogue, now = load(project_dir, now_text)
    rows: list[tuple[str, str, str, str, str, str]] = []
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
        rows.append((award.id, award.entry.name, shown_deadline(deadline) if deadline else "-",
                     time_left(deadline, now) if deadline else "-", stories, readiness))
    # one row an id: `pt.yml` and `pt.yaml` side by side are one (refused) award id
    for award_id in dict.fromkeys(Path(relative).stem for relative in catalogue.unusable_awards):
        rows.append((award_id, "-", "-", "-", "-", "cannot be read: see the errors below"))
    # piped or in CI: a table, one line a row; a terminal too narrow for it: a block per award,
    # so that no id (what `showcase pack` takes) or deadline is ever cut short
    # an id (a file name) or a name may hold a control character: shown as its code
    shown = [[one_line(cell) for cell in row] for row in rows]
    console = terminal(width=None if sys.stdout.isatty() else 200)
    if console.width >= TABLE_WIDTH:
        table = Table(title="Award entries")
        for column in ("award", "name", "deadline", "days left", "stories", "readiness"):
            table.add_column(column)
        for row in shown:
            table.add_row(*row)
        console.print(table)
    else:
        for award_id, name, when, left, stories, readiness in shown:
            console.print(f"{award_id}\n  {name}\n  deadline {when}\n  {_days(left)}, "
                          f"{stories} stor{'y' if stories == '1' else 'ies'}\n  {readiness}")
    problems = award_errors(catalogue)
    if problems:
        for problem in problems:
            click.echo(str(problem), err=True)
        files = len({p.path for p in problems})
        click.echo(f"showcase: {files} award file{'s' * (files != 1)} ha{'ve' if files != 1 else 's'} "
                   "errors (above): fix them, then run showcase awards again "
                   "(showcase check lists every problem)", err=True)
        raise SystemExit(1)


def award_errors(catalogue: Catalogue) -> list[Problem]:
    """The errors in award files (and their answer folders), in file and line order."""
    folder = catalogue.layout.relative(catalogue.layout.awards).rstrip("/") + "/"
    return sorted((p for p in catalogue.errors if p.path.startswith(folder)),
                  key=lambda p: (p.path, p.line or 0))


TABLE_WIDTH = 110
"""A terminal this wide shows the table; a narrower one a block per award."""


def _days(left: str) -> str:
    return {"passed": "passed", "today": "due today", "tomorrow": "due tomorrow",
            "-": "no deadline"}.get(left, f"{left} days left")


def shown_deadline(deadline: datetime) -> str:
    """The deadline in UK time (GMT or BST), or in UTC where UK time had no such name."""
    local = uk_time(deadline)
    # strftime's %Y leaves out the leading zeros of a year before 1000 on some systems
    return (f"{local.year:04d}-{local.month:02d}-{local.day:02d} "
            f"{local.hour:02d}:{local.minute:02d} {local.tzname() or ''}").rstrip()


def time_left(deadline: datetime, now: datetime) -> str:
    """Calendar days to go in UK time: "today" on the deadline's own date, "tomorrow" the day
    before, else the number of days; "passed" once the deadline is past (its own instant is
    still in time, as for the pack's readiness). CHECKLIST.md counts the same way."""
    if deadline_passed(deadline, now):
        return "passed"
    days = days_left(deadline, now)
    return {0: "today", 1: "tomorrow"}.get(days, str(days))
