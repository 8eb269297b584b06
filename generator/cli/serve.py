"""`showcase serve`: MkDocs' own live-reloading preview of the project's mkdocs.yml."""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import logging
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from urllib.parse import urlsplit

import click
from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.exceptions import Abort, MkDocsException

from generator import clock
from generator.cli.build import _log_to_stderr, _plain_abort, _Said
from generator.cli.common import config_file as project_config
from generator.cli.common import failing_with, project_options
from generator.mkdocs import livewatch
from generator.mkdocs.livewatch import POLL_ENVIRONMENT
from generator.problems import ShowcaseError, UsageProblem
from generator.siteconfig import read_config


@click.command(short_help="Preview the website on this computer; it reloads when you save a file.")
@project_options
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, metavar="IP:PORT",
              callback=lambda ctx, param, value: dev_address(value),
              help="Address to serve the preview on.")
@click.option("--poll", is_flag=True,
              help="Look for changes every half second instead of waiting for file events "
                   "(for folders on a network drive or in a container, which send none).")
@failing_with(1)
def serve(project_dir: Path, now_text: str | None, dev_addr: str, poll: bool) -> None:
    """Preview the site on this computer, at the address it prints; Ctrl+C stops it.

    Open the address in a browser. Saving a story, an award file, a data file or evidence
    shows the change in a second or so (only the pages it changes are made again), with
    check's new warnings printed here. Drafts and embargoed stories are left out, as on the
    public site; the preview is rebuilt by itself when an embargo passes (unless --now
    fixes the clock).
    """
    clock.now(now_text)
    if now_text:  # the plugin reads the clock on every rebuild
        os.environ["SHOWCASE_NOW"] = now_text
    if poll:
        os.environ[POLL_ENVIRONMENT] = "1"
    _log_to_stderr()
    _print_preview_news()
    logging.getLogger("mkdocs.commands.build").addFilter(_no_dirty_warning)
    config_file = project_config(project_dir)
    with _stopping_on_signals() as stopping:
        try:
            _serve(config_file, dev_addr)
        except KeyboardInterrupt:
            if stopping.signal is None:  # Ctrl+C: "Aborted!", exit 130
                raise
            return
        if stopping.signal is None:  # MkDocs stops quietly on Ctrl+C: said as every command says it
            raise KeyboardInterrupt


def _serve(config_file: Path, dev_addr: str) -> None:
    """Serve the preview until a stop (MkDocs returns, or KeyboardInterrupt is raised)."""
    click.echo(f"showcase: building the preview of {config_file.parent}, then showing it at "
               f"{preview_address(config_file, dev_addr)} (it reloads when a file is saved; "
               "Ctrl+C to stop)", err=True)
    while True:
        seen = _snapshot(config_file.parent)
        try:
            mkdocs_serve(config_file=str(config_file), dev_addr=dev_addr, livereload=True,
                         build_type="dirty")
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                raise
            raise UsageProblem(f"{dev_addr} is in use (another preview?): stop it, or give "
                               "another address, e.g. -a 127.0.0.1:8001") from None
        except MkDocsException as exc:
            # the first build failed (later ones are MkDocs' to report): the problems are
            # above; start again once a file is saved, as later rebuilds would
            click.echo(f"showcase: the preview starts when the problems above are fixed "
                       f"({_first_failure(exc, config_file)}); waiting for a file to be saved "
                       "(Ctrl+C to stop)", err=True)
            livewatch.first_build_failed()
            _wait_for_a_save(config_file.parent, seen)
            continue
        return


def preview_address(config_file: Path, dev_addr: str) -> str:
    """The address the preview's pages are at: MkDocs serves the site under its site_url's path
    (https://example.gov.uk/digital/showcase/ at http://IP:PORT/digital/showcase/), and the
    host's root only when mkdocs.yml sets no site_url (or one decided at build time, `!ENV`,
    or a file that cannot be read yet, whose build fails first)."""
    try:
        settings = read_config(config_file.read_text(encoding="utf-8"), config_file.parent,
                               config_file.name).settings
    except (OSError, UnicodeDecodeError, ShowcaseError):
        settings = {}
    site_url = settings.get("site_url")
    path = urlsplit(site_url).path if isinstance(site_url, str) else ""
    return f"http://{dev_addr}{('/' + path.lstrip('/')).rstrip('/')}/"  # as MkDocs' mount path


def _first_failure(exc: MkDocsException, config_file: Path) -> str:
    """Why the first build failed, its problems printed: MkDocs has logged them, except
    those of a mkdocs.yml it cannot read, which are printed as check prints them."""
    unreadable = [] if isinstance(exc, Abort) else livewatch.unreadable_config(config_file)
    if not unreadable:
        return _plain_abort(str(exc))
    for line in unreadable:
        click.echo(line, err=True)
    return f"{config_file.name} cannot be read"


def dev_address(text: str) -> str:
    """The -a address as MkDocs reads it (IP:PORT, the IP may be localhost or [IPv6]); a
    usage error, before anything starts, naming the option and the form it takes."""
    host, colon, port = text.rpartition(":")
    if not colon:
        bare = text.strip()
        if bare.isascii() and bare.isdigit() and _a_port(bare):
            raise click.BadParameter(f'expected IP:PORT, got "{text}": for port {bare} on this '
                                     f"computer, write -a 127.0.0.1:{bare}")
        raise click.BadParameter(f'expected IP:PORT like -a 127.0.0.1:8000, got "{text}"')
    if host != "localhost":
        try:
            ipaddress.ip_address(host[1:-1] if host.startswith("[") and host.endswith("]")
                                 else host)
        except ValueError:
            raise click.BadParameter(f'"{host}" is not an IP address: write IP:PORT like '
                                     "-a 127.0.0.1:8000") from None
    if not (port.isascii() and port.isdigit() and _a_port(port)):
        raise click.BadParameter(f'"{port}" is not a port (1 to 65535): write IP:PORT like '
                                 "-a 127.0.0.1:8000")
    return text


def _a_port(digits: str) -> bool:
    return 1 <= int(digits) <= 65535


def _print_preview_news() -> None:
    """Print the preview's INFO lines (fixed after a failed build) as the other lines of
    serve: `_log_to_stderr` prints MkDocs' warnings and errors only."""
    news = livewatch.PREVIEW
    if not any(isinstance(handler, _Said) for handler in news.handlers):
        news.addHandler(_Said())
        news.setLevel(logging.INFO)
        news.propagate = False


class _Stopping:
    """The signal that stopped the preview (SIGTERM, SIGHUP), if one did."""

    def __init__(self) -> None:
        self.signal: int | None = None


STOPS = (signal.SIGTERM, signal.SIGHUP)
"""Signals that end the preview cleanly, as Ctrl+C does, but with exit 0: a process
manager's or a closing IDE's stop (SIGTERM), a closed terminal (SIGHUP)."""


@contextlib.contextmanager
def _stopping_on_signals() -> Iterator[_Stopping]:
    """Stop on SIGTERM (`kill`, a process manager, a closing IDE) or SIGHUP (a closed
    terminal) as on Ctrl+C: MkDocs then shuts the server down and removes its temporary site
    folder (mkdocs_*), which Python's default, to end at once, leaves behind. A second
    signal while shutting down is ignored, so the clean-up finishes. A SIGHUP ignored
    (`nohup`) stays ignored."""
    stopping = _Stopping()

    def stop(signum: int, frame: FrameType | None) -> None:
        stopping.signal = signum
        for each in STOPS:
            signal.signal(each, signal.SIG_IGN)
        raise KeyboardInterrupt

    previous = {each: signal.getsignal(each) for each in STOPS}
    for each, handler in previous.items():
        if handler is not signal.SIG_IGN:
            signal.signal(each, stop)
    try:
        yield stopping
    finally:
        for each, handler in previous.items():
            if handler is not None:  # None: set outside Python, left as it is
                signal.signal(each, handler)


WATCHED = ("stories", "awards", "data", "content", "evidence")
"""The project's folders whose files a preview shows (and mkdocs.yml beside them)."""


def _snapshot(root: Path) -> dict[Path, tuple[int, int]]:
    """Each watched file's modification time and size."""
    found = {}
    for folder in (root / name for name in WATCHED):
        for path in folder.rglob("*") if folder.is_dir() else []:
            with contextlib.suppress(OSError):
                if path.is_file():
                    info = path.stat()
                    found[path] = (info.st_mtime_ns, info.st_size)
    with contextlib.suppress(OSError):
        info = (root / "mkdocs.yml").stat()
        found[root / "mkdocs.yml"] = (info.st_mtime_ns, info.st_size)
    return found


def _wait_for_a_save(root: Path, seen: dict[Path, tuple[int, int]]) -> None:
    """Return once a watched file differs from `seen` (looked at twice a second: this runs
    only while the project has no site to show)."""
    while _snapshot(root) == seen:
        time.sleep(0.5)


def _no_dirty_warning(record: logging.LogRecord) -> bool:
    """Drop MkDocs' warning that a dirty build may leave navigation stale: the plugin
    rebuilds every generated page whose content changed, and the navigation is fixed."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")
