"""`showcase import <stories.json>`: a partner's public stories as draft stories here."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.common import failing_with, load, project_options, writing
from generator.sharing import importing


@click.command(name="import", short_help="Add a partner council's stories.json to stories/ as drafts.")
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@project_options
@failing_with(1)
def import_(file: Path, project_dir: Path, now_text: str | None) -> None:
    """Add the stories of a partner's stories.json as drafts (existing files are kept)."""
    data = importing.read_export(file, str(file))
    catalogue, _ = load(project_dir, now_text, writes=True)
    planned = importing.plan_import(data, catalogue)
    with writing(f"check that {catalogue.layout.relative(catalogue.layout.stories)}/ can be written to"):
        written = importing.write_import(planned)
    for item in planned:
        if item in written:
            click.echo(f"created {item.relative}")
            for note in item.notes:
                click.echo(f"  {note}")
        else:
            click.echo(f"skipped {item.relative}: {item.skipped or 'not written'}")
    click.echo(f"Imported {len(written)} of {len(planned)} stories from {data.publisher} as "
               "drafts. Next: read each one, confirm quotes and figures, then run: showcase check")
