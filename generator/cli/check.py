"""`showcase check`: validate every story, award file and data file."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import click

from generator import history
from generator.catalogue import Catalogue
from generator.cli.common import (
    failing_with,
    load,
    print_github,
    print_json,
    print_text,
    project_options,
)


@click.command(short_help="Check every story, award file and data file, and say what to fix.")
@project_options
@click.option("--format", "output", type=click.Choice(["text", "github", "json"]), default="text",
              show_default=True, help="text: one line per problem, to read; github: notes on "
                                      "the changed lines of a pull request (in GitHub "
                                      "Actions); json: for other programs.")
@click.option("--since", metavar="REVISION",
              help="Also compare with the stories at this git revision (a branch such as "
                   "origin/main, a tag or a commit): warn of each story page that was public "
                   "then and is not now (a story file renamed moves its page; withdrawn or "
                   "deleted ones take it off the site).")
@failing_with(1)
def check(project_dir: Path, now_text: str | None, output: str, since: str | None) -> None:
    """Check every story, award file and data file; exit 1 on errors."""
    catalogue, now = load(project_dir, now_text, lists_problems=True)
    if since is not None:
        _compare_since(catalogue, since, now)
    problems = catalogue.problems
    errors, warnings = len(catalogue.errors), len(catalogue.warnings)
    counts = {"stories": len(catalogue.stories) + len(catalogue.unusable),
              "awards": len(catalogue.awards) + len(catalogue.unusable_awards)}
    if output == "json":
        print_json(problems, counts)
    elif output == "github":
        print_github(problems, history.repository_prefix(catalogue.layout.root, os.environ))
    else:
        verdict = "ok" if not errors else "errors found"
        print_text(problems, f"{verdict}: {errors} error{'s' * (errors != 1)}, {warnings} "
                             f"warning{'s' * (warnings != 1)} in {_count(counts['stories'], 'story', 'stories')} "
                             f"and {_count(counts['awards'], 'award file', 'award files')}")
    raise SystemExit(1 if errors else 0)


def _compare_since(catalogue: Catalogue, since: str, now: datetime) -> None:
    """Add the warnings of `history.moved_pages` for the git revision `since`."""
    layout = catalogue.layout
    revision = history.read_revision(layout.root, layout.relative(layout.stories), since)
    current = history.pages_now(catalogue.stories, catalogue.unusable, now)
    catalogue.problems = sorted({*catalogue.problems, *history.moved_pages(revision, current, now)},
                                key=lambda p: (p.path, p.line or 0, p.field or "", p.message))


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"
