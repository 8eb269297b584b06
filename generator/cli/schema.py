"""`showcase schema`: JSON Schemas of story front-matter, award files and the strategy."""

from __future__ import annotations

from pathlib import Path

import click

from generator import clock
from generator.cli.common import (
    OutFolder,
    failing_with,
    project_folder,
    project_options,
    writing,
)
from generator.schemas import write_schemas


@click.command(short_help="Write JSON Schemas, so text editors can check story and award files as you type.")
@project_options
@click.option("--out", "out_dir", default="schemas", show_default=True,
              type=OutFolder(file_okay=False),
              help="Folder to write the schema files into (relative to the project).")
@failing_with(1)
def schema(project_dir: Path, now_text: str | None, out_dir: Path) -> None:
    """Write JSON Schemas: files that let a text editor (such as VS Code with its YAML
    extension) check stories, award files and the strategy as you type.

    The schemas are the same for every project: -p only says which project folder a
    relative --out is in (--now makes no difference here).
    """
    clock.now(now_text)
    target = out_dir if out_dir.is_absolute() else project_folder(project_dir) / out_dir
    with writing("choose a folder you can write to with --out"):
        written = write_schemas(target)
    for path in written:
        click.echo(f"wrote {path.as_posix()}")
