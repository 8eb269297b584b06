"""`showcase build`: the public site, built strict into a temporary folder and swapped in."""

from __future__ import annotations

import contextlib
import glob
import logging
import os
import re
import shutil
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from generator import clock, project
from generator.cli import common
from generator.cli.common import failing_with, project_options, writing
from generator.mkdocs import early
from generator.problems import ShowcaseError

if TYPE_CHECKING:  # MkDocs is imported as the build runs, beside the process it forks first
    from mkdocs.config.defaults import MkDocsConfig

    from generator.mkdocs.plugin import ShowcasePlugin

PLUGIN = "showcase"


@click.command(short_help="Build the public website into site/ (kept as it was if the build fails).")
@project_options
@click.option("--site-dir", type=common.OutFolder(file_okay=False),  # "": a usage error
              help="Where to write the site, relative to the project (default: site_dir of "
                   "mkdocs.yml, usually site/).")
@failing_with(1)
def build(project_dir: Path, now_text: str | None, site_dir: Path | None) -> None:
    """Build the public site; a failed build leaves the previous site in place."""
    started = datetime.now(UTC)  # the clock, unless one is set
    clock.now(now_text)  # a bad --now is a usage problem, reported before building
    clock.site_build_time()  # a build time the site cannot record: refused before building
    config_file = common.config_file(project_dir)
    layout = project.discover(config_file.parent)
    target = _target(layout, site_dir)
    # a small site is read and made by a process forked now, while this one imports MkDocs
    # and reads mkdocs.yml (generator/mkdocs/early.py)
    speculation = early.Speculation.start(str(config_file), layout, now_text, started)
    try:
        _build(config_file, target, now_text, speculation, started)
    finally:
        if speculation is not None:
            speculation.kill()


def _build(config_file: Path, target: Path, now_text: str | None,
           speculation: early.Speculation | None, started: datetime) -> None:
    staging = target.parent / f".{target.name}.{BUILDING}-{os.getpid()}"
    with _signals_put_back():
        with _held():  # a last site put back is not split by a stop
            _remove_abandoned(target)
        if staging.is_symlink() or (staging.exists() and not staging.is_dir()):
            raise ShowcaseError(f"refusing to build: {staging} is in the way, and is not a "
                                "folder a build made: move it, or build into another folder "
                                "with --site-dir")
        shutil.rmtree(staging, ignore_errors=True)
        try:
            with _stopped_as_interrupted():
                with writing("choose a site folder you can write to with --site-dir", target):
                    staging.mkdir(parents=True)
                    (staging / BUILDING_MARK).touch()  # MkDocs keeps dot files as it clears
                run_mkdocs(config_file, staging, now_text, speculation, started)
                for mark in (BUILDING_MARK, SET_ASIDE_MARK):  # a site never holds one
                    (staging / mark).unlink(missing_ok=True)
                dropped = dropped_pages(story_pages(target), story_pages(staging))
                with _held(done=True), writing(
                        "choose a site folder you can write to with --site-dir", target):
                    _keep_hidden_files(target, staging)
                    _swap(staging, target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        for line in dropped:
            _say(line, err=True)
        _say(f"showcase: site built in {target}")


STOPS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
"""Ctrl+C, a CI job's time limit or `kill`, a closed terminal or SSH session."""


BUILDING, REPLACED = "building", "old"
"""The marks of a build's folders beside the site: the site being built, and the last one
while the new one takes its place (`.site.building-<pid>`, `.site.old-<pid>`)."""
BUILDING_MARK, SET_ASIDE_MARK = ".showcase-building", ".showcase-set-aside"
"""The files inside those folders that say a build made them (a user's own folder of the
same name, a backup say, is never touched)."""


def _remove_abandoned(target: Path) -> None:
    """Tidy the folders a build left beside the site when its process was killed outright
    (SIGKILL, a power cut), once that process is gone, saying so: a site being built is
    removed; a last site set aside is put back when there is no site (the build was killed
    between its two renames), else removed if it is a built site."""
    for mark in (REPLACED, BUILDING):
        made = BUILDING_MARK if mark == BUILDING else SET_ASIDE_MARK
        left = [folder for folder in target.parent.glob(f".{glob.escape(target.name)}.{mark}-*")
                if _left_by_a_build(folder) and (folder / made).is_file()
                and (mark == BUILDING or _a_site(folder))]
        for folder in sorted(left, key=lambda folder: folder.stat().st_mtime, reverse=True):
            if mark == REPLACED and _no_site(target):
                if target.is_dir():
                    target.rmdir()  # empty
                (folder / made).unlink()
                folder.rename(target)  # the newest site set aside
                _say(f"showcase: put back the last site {target}, set aside by a build that "
                     f"was stopped ({folder.name})", err=True)
            else:
                shutil.rmtree(folder, ignore_errors=True)
                _say(f"showcase: removed {folder.name}, left by a build that was stopped",
                     err=True)


def _left_by_a_build(folder: Path) -> bool:
    """A folder named as a build names its own, whose process is gone."""
    pid = folder.name.rpartition("-")[2]
    return (re.fullmatch(r"[0-9]{1,10}", pid) is not None and folder.is_dir()
            and not folder.is_symlink() and not _running(int(pid)))


def _no_site(target: Path) -> bool:
    """No site at `target`: nothing there, or an empty folder."""
    if target.is_symlink():
        return False
    return not target.exists() or (target.is_dir() and not any(target.iterdir()))


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # another user's, or not to be judged: kept
    return True


@contextmanager
def _signals_put_back() -> Iterator[None]:
    """Ctrl+C's, SIGTERM's and SIGHUP's handlers as they were before the build, whatever it set (code
    calling `main(argv)` keeps its own)."""
    before = {stop: signal.getsignal(stop) for stop in STOPS}
    try:
        yield
    finally:
        if threading.current_thread() is threading.main_thread():
            for stop, handler in before.items():
                if handler is not None:  # None: set outside Python, left as it is
                    signal.signal(stop, handler)


@contextmanager
def _held(done: bool = False) -> Iterator[None]:
    """Ctrl+C, SIGTERM and SIGHUP wait while folders are renamed (a build stopped between the swap's
    two renames left no site; one stopped while putting back a last site left it unmarked).
    `done`: the site is built once this ends, which a stop cannot undo: one that came
    meanwhile, or comes after, is dropped (it said "Aborted!", or exit 143, over a built site)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, STOPS)
    try:
        yield
        if done:
            for stop in STOPS:  # a pending signal is dropped when it is set to be ignored
                signal.signal(stop, signal.SIG_IGN)
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPS)


@contextmanager
def _stopped_as_interrupted() -> Iterator[None]:
    """SIGTERM (a CI job's time limit, `kill`) or SIGHUP (a closed terminal or SSH session)
    ends the build as Ctrl+C does: the site being built is removed and the last site kept,
    exit code 143 or 129 (`_signals_put_back` restores the handlers). A SIGHUP ignored
    (`nohup`) stays ignored."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    for stop_signal in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(stop_signal) is not signal.SIG_IGN:
            signal.signal(stop_signal, stop)
    yield


def _keep_hidden_files(target: Path, staging: Path) -> None:
    """The last site's own hidden files (`.htaccess`, `.nojekyll`), copied into the new one
    where it has none of that name: MkDocs keeps them as it clears a site folder, as it never
    writes hidden files itself."""
    if not target.is_dir() or target.is_symlink():
        return
    for entry in target.iterdir():
        kept = staging / entry.name
        if (not entry.name.startswith(".") or entry.name in (BUILDING_MARK, SET_ASIDE_MARK)
                or kept.exists() or kept.is_symlink()):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.copytree(entry, kept, symlinks=True)
        else:
            shutil.copy2(entry, kept, follow_symlinks=False)


def _say(text: str, err: bool = False) -> None:
    """Print a line; when whoever reads the output has gone (`showcase build | head -1`), the
    rest goes nowhere and the build goes on (it stopped, silently, without a site)."""
    try:
        click.echo(text, err=err)
    except BrokenPipeError:
        nowhere = os.open(os.devnull, os.O_WRONLY)
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                os.dup2(nowhere, stream.fileno())
        os.close(nowhere)


def run_mkdocs(config_file: Path, site_dir: Path, now_text: str | None,
               speculation: early.Speculation | None = None,
               started: datetime | None = None) -> None:
    """A strict MkDocs build (warnings fail) of `config_file` into `site_dir`; `speculation`
    is making a small site already, and the build's clock is `started` unless one is set."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    _log_to_stderr()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner
    try:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True)
        plugin = _plugin(config)
        plugin.clock_text, plugin.speculation, plugin.started = now_text, speculation, started
        # as `mkdocs build` does: plugin instances outlive a build in one process, and this
        # tells them (ours, Material's search) that this one is a full build
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as exc:
        raise ShowcaseError(f"the site was not built: {_plain_abort(str(exc))}") from None


def _plain_abort(message: str) -> str:
    """MkDocs' reason for stopping, in the words of the rest of Showcase's messages."""
    strict = re.fullmatch(r"Aborted with (\d+) warnings? in strict mode!", message)
    if strict:
        count = int(strict.group(1))
        return (f"{count} warning{'s' * (count != 1)} above (a broken link or anchor, say) "
                "must be fixed first: the site is built only when there are none")
    if message == "Aborted with a BuildError!":
        return "the error above must be fixed first"
    if message == "Aborted with a configuration error!":
        return "mkdocs.yml has the error above (showcase check says how to mend it)"
    return message


def _plugin(config: MkDocsConfig) -> ShowcasePlugin:
    from generator.mkdocs.plugin import ShowcasePlugin

    plugin = config.plugins.get(PLUGIN)
    if not isinstance(plugin, ShowcasePlugin):
        # check's words when it can tell why (`enabled: false` turns the plugin off)
        root = Path(config.config_file_path or project.CONFIG_FILE).parent
        told = [problem for problem in project.discover(root).problems
                if problem.is_error and "showcase plugin" in problem.message]
        raise ShowcaseError(f"{told[0]}" if told else "mkdocs.yml does not list the showcase "
                            "plugin: add '- showcase' under 'plugins:'")
    return plugin


def _target(layout: project.Layout, site_dir: Path | None) -> Path:
    written = site_dir if site_dir is not None else Path(str(layout.site.get("site_dir", "site")))
    target = (written if written.is_absolute() else layout.root / written).resolve()
    protected = [layout.root, layout.content, layout.stories, layout.awards, layout.data,
                 layout.evidence, (layout.root / ".git").resolve(),
                 *([layout.theme_folder] if layout.theme_folder is not None else [])]
    for folder in protected:
        if target == folder or folder.is_relative_to(target) or (
                folder != layout.root and target.is_relative_to(folder)):
            raise ShowcaseError(f"refusing to build into {target}: "
                                f"{_clash(target, folder, layout)}; "
                                "choose a site folder of its own, e.g. --site-dir site")
    if target.exists() and not target.is_dir():
        raise ShowcaseError(f"refusing to build into {target}: it is a file, which the build "
                            "would replace; choose a site folder of its own, e.g. --site-dir site")
    if (target / ".git").exists():
        raise ShowcaseError(f"refusing to build into {target}: it holds a git repository (.git), "
                            "which the build would delete; build into another folder and copy "
                            "the site in")
    if target.is_dir() and any(target.iterdir()) and not _a_site(target):
        raise ShowcaseError(f"refusing to build into {target}: it holds files that are not a "
                            "built site, which the build would delete; choose an empty folder "
                            "or the site's own, e.g. --site-dir site")
    return target


def _clash(target: Path, folder: Path, layout: project.Layout) -> str:
    """Why a site folder `target` may not be built at or around the project's `folder`."""
    name = "the project folder" if folder == layout.root else layout.relative(folder)
    if target == folder:
        return f"it would replace {name}"
    if folder.is_relative_to(target):
        return f"it holds {name}, which the build would replace"
    return f"it is inside the project's {name} folder"


DROPPED_NAMED = 5
"""The story pages of the last site a build names when it no longer publishes them; the
rest are counted."""


def story_pages(site: Path) -> dict[str, str]:
    """The slug of each story page of a built site by its address, `stories/<slug>/` (its
    `index.html`, with or without directory URLs); not the listing's later pages
    (`stories/page/2/`). Nothing for a folder that is no site yet."""
    return {f"stories/{page.parent.name}/": page.parent.name
            for page in (site / "stories").glob("*/index.html") if page.parent.name != "page"}


def dropped_pages(last: dict[str, str], new: dict[str, str]) -> list[str]:
    """The warnings for the story pages of the `last` site that the `new` one has not (a
    story file renamed moves its page, which the file name's slug addresses): a few named,
    the rest counted. Every page named was public on the last site."""
    gone = sorted(set(last) - set(new))
    lines = [f"showcase: warning: {address} was on the last site and is not on this one, so "
             f"its address no longer works; if its story's file was renamed, "
             f'"slug: {last[address]}" in the story\'s front matter keeps the address'
             for address in gone[:DROPPED_NAMED]]
    more = len(gone) - DROPPED_NAMED
    if more > 0:
        lines.append(f"showcase: warning: and {more} more story page{'s' * (more != 1)} of "
                     f"the last site {'are' if more != 1 else 'is'} not on this one")
    return lines


def _a_site(folder: Path) -> bool:
    """Whether `folder` looks like a site MkDocs built (its home page and its sitemap): one
    the build may replace."""
    return (folder / "index.html").is_file() and (folder / "sitemap.xml").is_file()


def _swap(staging: Path, target: Path) -> None:
    """Replace `target` with `staging` by renames, so a reader never sees half a site."""
    old = target.parent / f".{target.name}.{REPLACED}-{os.getpid()}"
    if target.exists():
        if target.is_dir() and not target.is_symlink():
            (target / SET_ASIDE_MARK).touch()  # put back by the next build if this one dies
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _log_to_stderr() -> None:
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(h, _Echo) for h in logger.handlers):
        logger.addHandler(_Echo())
        logger.setLevel(logging.INFO)
    warnings = logging.getLogger("showcase.warnings")  # check's warnings, as check prints them
    if not any(isinstance(h, _Said) for h in warnings.handlers):
        warnings.addHandler(_Said())
        warnings.setLevel(logging.INFO)
        warnings.propagate = False


class _Said(logging.Handler):
    """A line of the plugin's `showcase.warnings` (a problem, printed as check prints it)."""

    def emit(self, record: logging.LogRecord) -> None:
        _say(record.getMessage(), err=True)


class _Echo(logging.Handler):
    """MkDocs' warnings and errors, printed as one line each."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        _say(f"{record.levelname}: {record.getMessage()}", err=True)
