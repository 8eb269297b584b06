"""`showcase new "Title"`: a new draft story from the template."""

from __future__ import annotations

from pathlib import Path

import click

from generator.catalogue import STRATEGY_FILE
from generator.cli.common import failing_with, load, project_options, writing
from generator.model.common import UK
from generator.newstory import file_slug, new_story, title_without_controls


@click.command(short_help="Start a new story: a draft file in stories/ named by date and title.")
@click.argument("title")
@project_options
@failing_with(1)
def new(title: str, project_dir: Path, now_text: str | None) -> None:
    """Write a new draft story named YYYY-MM-DD-<slug>.md (dated today, or --now's date)."""
    if not title.split():
        raise click.UsageError('the title is empty: write showcase new "A title for the story"')
    catalogue, now = load(project_dir, now_text, writes=True)
    taken = {s.slug for s in catalogue.stories} | {u.slug for u in catalogue.unusable}
    broken = catalogue.strategy is None and catalogue.layout.data.joinpath(STRATEGY_FILE).is_file()
    with writing(f"check that {catalogue.layout.relative(catalogue.layout.stories)}/ can be written to"):
        path = new_story(catalogue.layout, title, now.astimezone(UK).date(), catalogue.strategy,
                         taken, broken)
    relative = catalogue.layout.relative(path)
    click.echo(f"Created {relative} (status: draft).")
    written, removed = title_without_controls(title)
    note = removed.note()
    if note:
        click.echo(note)
    wanted = file_slug(written)
    if wanted in taken:
        click.echo(f'Another story already has the web address "{wanted}", so this one is '
                   f'named "{path.stem[11:]}"; rename the file to choose another.')
    if broken:
        click.echo(f"Note: {catalogue.layout.relative(catalogue.layout.data / STRATEGY_FILE)} has "
                   "errors (run showcase check), so the outcomes to choose from are not listed "
                   "in the new file.", err=True)
    click.echo("Next: fill in summary, service and outcomes at the top, write the four sections, "
               "add metrics with their evidence, then run: showcase check")
