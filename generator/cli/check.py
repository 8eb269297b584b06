"""`showcase check`: validate every story, award file and data file."""

from __future__ import annotations

from pathlib import Path

import click

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
@failing_with(1)
def check(project_dir: Path, now_text: str | None, output: str) -> None:
    """Check every story, award file and data file; exit 1 on errors."""
    catalogue, _ = load(project_dir, now_text, lists_problems=True)
    problems = catalogue.problems
    errors, warnings = len(catalogue.errors), len(catalogue.warnings)
    counts = {"stories": len(catalogue.stories) + len(catalogue.unusable),
              "awards": len(catalogue.awards) + len(catalogue.unusable_awards)}
    if output == "json":
        print_json(problems, counts)
    elif output == "github":
        print_github(problems)
    else:
        verdict = "ok" if not errors else "errors found"
        print_text(problems, f"{verdict}: {errors} error{'s' * (errors != 1)}, {warnings} "
                             f"warning{'s' * (warnings != 1)} in {_count(counts['stories'], 'story', 'stories')} "
                             f"and {_count(counts['awards'], 'award file', 'award files')}")
    raise SystemExit(1 if errors else 0)


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"
