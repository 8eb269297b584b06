"""`showcase cms`: (re)generate the browser story editor's files (`admin/`)."""

from __future__ import annotations

from pathlib import Path

import click

from generator.catalogue import STRATEGY_FILE
from generator.cli.common import OutFolder, failing_with, load, project_options, writing
from generator.cms import PLACEHOLDER_REPO, cms_config, write_admin
from generator.problems import ShowcaseError


@click.command(short_help="Write the files of the browser story editor (admin/).")
@project_options
@click.option("--out", "out_dir", default="dist", show_default=True,
              type=OutFolder(file_okay=False),
              help="Folder to write admin/ into, relative to the project (the site build "
                   "publishes admin/ itself).")
@failing_with(1)
def cms(project_dir: Path, now_text: str | None, out_dir: Path) -> None:
    """Write the browser story editor (admin/: its page, settings and script), so that
    stories can be written in a web form; the site build publishes it itself."""
    catalogue, _ = load(project_dir, now_text, writes=True)
    if catalogue.strategy is None:  # the editor's outcome list would be empty: no story saves
        strategy = catalogue.layout.relative(catalogue.layout.data / STRATEGY_FILE)
        raise ShowcaseError(f"{strategy} is missing or has errors (run showcase check): the "
                            "editor offers its outcomes, so nothing was written")
    target = out_dir if out_dir.is_absolute() else catalogue.layout.root / out_dir
    with writing("choose a folder you can write to with --out"):
        written = write_admin(catalogue.layout, catalogue.strategy, target)
    for path in written:
        click.echo(f"wrote {path.as_posix()}")
    if cms_config(catalogue.layout, catalogue.strategy)["backend"]["repo"] == PLACEHOLDER_REPO:
        click.echo(f"note: mkdocs.yml has no GitHub repo_url, so the editor's config names {PLACEHOLDER_REPO}: "
                   "add repo_url: https://github.com/<owner>/<name> to mkdocs.yml and run this again",
                   err=True)
