"""`showcase serve`: MkDocs' own live-reloading preview of the project's mkdocs.yml."""

from __future__ import annotations

import os
from pathlib import Path

import click
from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.exceptions import MkDocsException

from generator import clock
from generator.cli.build import _config_file, _log_to_stderr
from generator.cli.common import failing_with, project_options
from generator.problems import ShowcaseError


@click.command()
@project_options
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, metavar="IP:PORT",
              help="Address to serve the preview on.")
@failing_with(1)
def serve(project_dir: Path, now_text: str | None, dev_addr: str) -> None:
    """Preview the site locally; stories, awards and data reload live."""
    clock.now(now_text)
    if now_text:  # the plugin reads the clock on every rebuild
        os.environ["SHOWCASE_NOW"] = now_text
    _log_to_stderr()
    try:
        mkdocs_serve(config_file=str(_config_file(project_dir)), dev_addr=dev_addr,
                     livereload=True)
    except MkDocsException as exc:
        raise ShowcaseError(f"the preview stopped: {exc}") from None
