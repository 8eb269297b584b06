"""`showcase schema`: JSON Schemas of story front-matter, award files and the strategy."""

from __future__ import annotations

from pathlib import Path

import click

from generator.schemas import write_schemas


@click.command()
@click.option("--out", "out_dir", default="schemas", show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the schema files into.")
def schema(out_dir: Path) -> None:
    """Write JSON Schemas for editors (story, award file, strategy)."""
    for path in write_schemas(out_dir):
        click.echo(f"wrote {path.as_posix()}")
