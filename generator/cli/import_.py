"""`showcase import <stories.json>`: a partner's public stories as draft stories here."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import click

from generator.cli.common import failing_with, load, project_options, writing
from generator.sharing import importing


class ExportFile(click.Path):
    """The stories.json to import: a file on this computer. A web address is refused with
    how to download it first; import never reaches the network."""

    def __init__(self) -> None:
        super().__init__(dir_okay=False, exists=True, path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and _WEB_ADDRESS.match(value):
            self.fail(_download_first(value.strip()), param, ctx)
        return super().convert(value, param, ctx)


_WEB_ADDRESS = re.compile(r"\s*https?://", re.IGNORECASE)


def _download_first(address: str) -> str:
    """The refusal of a web address: import reads a file here; how to save it first."""
    name = PurePosixPath(urlsplit(address).path).name or "stories.json"
    return (f"{address} is a web address: showcase import reads a file on this computer, not "
            "a web address. Download it first (open the address in a browser and save the "
            f"file, or run: curl -O {address}), then run: showcase import {name}")


@click.command(name="import", short_help="Add a partner council's stories.json to stories/ as drafts.")
@click.argument("file", type=ExportFile())
@project_options
@failing_with(1)
def import_(file: Path, project_dir: Path, now_text: str | None) -> None:
    """Add the stories of a partner's stories.json as drafts (existing files are kept)."""
    data = importing.read_export(file, str(file))
    catalogue, _ = load(project_dir, now_text, writes=True)
    importing.refuse_empty(data, str(file))  # once the project is known to be one
    planned = importing.plan_import(data, catalogue)
    with writing(f"check that {catalogue.layout.relative(catalogue.layout.stories)}/ can be written to"):
        written = importing.write_import(planned)
    created = {id(item) for item in written}  # a set: a list made 100,000 stories quadratic
    for item in planned:
        if id(item) in created:
            click.echo(f"created {item.relative}")
            for note in item.notes:
                click.echo(f"  {note}")
        else:
            click.echo(f"skipped {item.relative}: {item.skipped or 'not written'}")
    click.echo(f"Imported {len(written)} of {len(planned)} stories from "
               f"{importing.partner_name(data)} as drafts. Next: read each one, confirm quotes "
               "and figures, then run: showcase check")
