"""`showcase serve`: MkDocs' own live-reloading preview of the project's mkdocs.yml."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import click
from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.exceptions import MkDocsException

from generator import clock
from generator.cli.build import _config_file, _log_to_stderr
from generator.cli.common import failing_with, project_options
from generator.mkdocs.livewatch import POLL_ENVIRONMENT
from generator.problems import ShowcaseError


@click.command()
@project_options
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, metavar="IP:PORT",
              help="Address to serve the preview on.")
@click.option("--poll", is_flag=True,
              help="Look for changes every half second instead of waiting for file events "
                   "(for folders on a network drive or in a container, which send none).")
@failing_with(1)
def serve(project_dir: Path, now_text: str | None, dev_addr: str, poll: bool) -> None:
    """Preview the site locally; stories, awards and data reload live.

    Rebuilds after the first are MkDocs' dirty builds: only pages whose content changed
    (the edited story, the listings and pages that show it) are rendered and written again.
    """
    clock.now(now_text)
    if now_text:  # the plugin reads the clock on every rebuild
        os.environ["SHOWCASE_NOW"] = now_text
    if poll:
        os.environ[POLL_ENVIRONMENT] = "1"
    _log_to_stderr()
    logging.getLogger("mkdocs.commands.build").addFilter(_no_dirty_warning)
    try:
        mkdocs_serve(config_file=str(_config_file(project_dir)), dev_addr=dev_addr,
                     livereload=True, build_type="dirty")
    except MkDocsException as exc:
        raise ShowcaseError(f"the preview stopped: {exc}") from None


def _no_dirty_warning(record: logging.LogRecord) -> bool:
    """Drop MkDocs' warning that a dirty build may leave navigation stale: the plugin
    rebuilds every generated page whose content changed, and the navigation is fixed."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")
