"""The `showcase` command line: thin commands over the core, loaded lazily."""

from __future__ import annotations

import atexit
import contextlib
import gc
import importlib
import os
import signal
import sys
import threading
from typing import Any, NoReturn

import click

from generator import __version__

#: command name -> "module:function"; each module holds one click command.
COMMANDS = {
    "build": "generator.cli.build:build",
    "check": "generator.cli.check:check",
    "cms": "generator.cli.cms:cms",
    "new": "generator.cli.new:new",
    "pack": "generator.cli.pack:pack",
    "awards": "generator.cli.awards:awards",
    "schema": "generator.cli.schema:schema",
    "serve": "generator.cli.serve:serve",
    "export": "generator.cli.export:export",
    "import": "generator.cli.import_:import_",
}


class LazyGroup(click.Group):
    """Imports a command's module only when that command runs (fast start-up)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, _, name = target.partition(":")
        with _no_collection_while_importing():
            command = getattr(importlib.import_module(module), name)
        assert isinstance(command, click.Command)
        return command


@contextlib.contextmanager
def _no_collection_while_importing() -> Any:
    """Python's cycle collector off while a command's modules are imported (they are kept
    for the life of the process: its passes over them freed nothing and took about 10 ms of
    a 100-story `showcase build`), then those objects frozen out of its later passes."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]},
             epilog="Each command's options: showcase COMMAND --help.\n\n\b\nGuides, in the "
                    "project's docs/ folder:\n  writing-a-story.md\n  entering-an-award.md\n"
                    "  publishing.md\n  what-is-public.md\n  cms.md\n  sharing.md")
@click.version_option(__version__, prog_name="showcase")
def cli() -> None:
    """Publish the council's digital success stories and compile award entries."""


def main(argv: list[str] | None = None) -> Any:
    """Entry point: runs the CLI; an unexpected failure prints one line, never a traceback.

    Run as the `showcase` program (no `argv`), the process then ends as soon as its exit
    handlers have run (`_leave`)."""
    interrupted = _Interrupted()
    try:
        try:
            with interrupted.watched():
                return cli.main(args=argv, prog_name="showcase")
        except Exception as exc:  # the last guard: a person should never see a traceback
            if os.environ.get("SHOWCASE_DEBUG"):
                raise
            click.echo(f"showcase: internal error: {type(exc).__name__}: {exc} "
                       "(set SHOWCASE_DEBUG=1 for details)", err=True)
            sys.exit(1)
    except SystemExit as done:
        code = INTERRUPTED if interrupted.happened and done.code == 1 else done.code
        if argv is None:
            _leave(code)
        if code != done.code:
            raise SystemExit(code) from None
        raise


INTERRUPTED = 130
"""The exit code of a command stopped by Ctrl+C ("Aborted!"), as shells give one (128 + 2):
click's 1 is what `check` and `pack` give for errors found, which a script must tell apart."""


class _Interrupted:
    """Whether Ctrl+C stopped the command (Python's own handler, noted on its way)."""

    def __init__(self) -> None:
        self.happened = False

    @contextlib.contextmanager
    def watched(self) -> Any:
        if (threading.current_thread() is not threading.main_thread()
                or signal.getsignal(signal.SIGINT) is not signal.default_int_handler):
            yield
            return

        def interrupt(signum: int, frame: object) -> None:
            self.happened = True
            raise KeyboardInterrupt

        signal.signal(signal.SIGINT, interrupt)
        try:
            yield
        finally:
            with contextlib.suppress(ValueError):
                signal.signal(signal.SIGINT, signal.default_int_handler)


def _leave(code: str | int | None) -> NoReturn:
    """End the program with `code` as `sys.exit` would, without freeing its memory object by
    object: a site build holds every page, and Python's own shutdown took a tenth of a second
    to free them (bench/README.md). Exit handlers run (logging's, multiprocessing's, temporary
    folders'), and the output is flushed; with another thread still running, as in `serve`,
    Python's own shutdown waits for it."""
    if threading.active_count() > 1:
        sys.exit(code)
    atexit._run_exitfuncs()
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message") prints it and exits 1
        print(code, file=sys.stderr)
        status = 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(status & 0xFF)
