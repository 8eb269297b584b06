"""`showcase new "Title"`: a new draft story from the template."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.common import failing_with, load, project_options, writing
from generator.model.common import UK
from generator.newstory import new_story


@click.command()
@click.argument("title")
@project_options
@failing_with(1)
def new(title: str, project_dir: Path, now_text: str | None) -> None:
    """Write a new draft story named YYYY-MM-DD-<slug>.md."""
    if not title.split():
        raise click.UsageError('the title is empty: write showcase new "A title for the story"')
    catalogue, now = load(project_dir, now_text, writes=True)
    with writing(f"check that {catalogue.layout.relative(catalogue.layout.stories)}/ can be written to"):
        path = new_story(catalogue.layout, title, now.astimezone(UK).date(), catalogue.strategy)
    relative = catalogue.layout.relative(path)
    click.echo(f"Created {relative} (status: draft).")
    click.echo("Next: fill in summary, service and outcomes at the top, write the four sections, "
               "add metrics with their evidence, then run: showcase check")
