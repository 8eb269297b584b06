"""The stories, awards, data and evidence folders, watched with the platform's file events
under `serve`.

MkDocs' live-reload server polls what it watches every half second: up to 0.5 s of every
edit-to-preview goes by before a save is even noticed. The folders an author edits are
watched instead by watchdog's native observer (inotify on Linux, FSEvents on macOS,
ReadDirectoryChangesW on Windows), which reports a save at once, and each of its events is
handed to the server as if it came from the docs folder MkDocs itself watches, so the server
rebuilds as it does for any change. Those folders then leave MkDocs' polling (one save, one
rebuild). Where no native observer can watch them (no such API, a watch limit reached), or
with `showcase serve --poll` (a network drive or container mount whose changes send no
events), MkDocs' polling stays as it is.

Only changes are handed on: watchdog also reports a file opened or closed unwritten, and
every build reads every story and data file, so those reports started the next rebuild
without end. A failed rebuild is reported once, and the server goes on serving the last
good site (MkDocs' own loop leaves every request waiting until a build succeeds); the good
build that follows says the preview is fixed, so the terminal's last word is not an error.
A mkdocs.yml saved unreadable is named in one line, as `showcase check` names it.

A published story's embargo passes while nothing is saved: the preview is rebuilt at that
instant by itself (`EmbargoTimer`), as a save would rebuild it, unless the clock is fixed
(`--now`, SHOWCASE_NOW, the plugin's `now:`), when no embargo ever passes.
"""

from __future__ import annotations

import logging
import os
import threading
import traceback
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from mkdocs.exceptions import Abort, MkDocsException
from mkdocs.livereload import LiveReloadServer
from watchdog.events import (
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.observers.polling import PollingObserver

from generator import project
from generator.model.story import Status
from generator.problems import ShowcaseError
from generator.story import Story

log = logging.getLogger("mkdocs.plugins.showcase")
POLL_ENVIRONMENT = "SHOWCASE_POLL"
"""Set (by `showcase serve --poll`) to keep MkDocs' polling for every folder."""
CHANGES = (FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent,
           FileClosedEvent)
"""The events of a file changed; not those of one opened, or closed unwritten, by a build."""
PREVIEW = logging.getLogger("mkdocs.plugins.showcase.preview")
"""The preview's news at INFO level, which `showcase serve` prints (MkDocs' own INFO lines it
leaves out); `mkdocs serve` prints it as its INFO lines."""
FIXED = "showcase: fixed: the preview shows your changes again"
"""Said by the first good build after a failed one."""


class _Failing:
    """Whether the preview's last build failed: the next good one says it is fixed."""

    def __init__(self) -> None:
        self.now = False


_STARTING = _Failing()
"""Set when `showcase serve`'s first build failed: it starts the server again once a file
is saved, and that server's first build is the good one."""


class _Forward(FileSystemEventHandler):
    """Hands each file event to the live-reload server's observer, as the docs folder's."""

    def __init__(self, server: LiveReloadServer, docs: ObservedWatch) -> None:
        self.queue = server.observer.event_queue
        self.docs = docs

    def on_any_event(self, event: FileSystemEvent) -> None:
        if isinstance(event, CHANGES):  # also where an observer ignores the filter below
            self.queue.put((event, self.docs))


def watch_natively(server: LiveReloadServer, folders: Sequence[Path],
                   docs_dir: str) -> BaseObserver | None:
    """Watch `folders` (already given to `server.watch`) with native file events instead of
    MkDocs' polling; the observer started, or None where polling stays."""
    if os.environ.get(POLL_ENVIRONMENT) or Observer is PollingObserver or not folders:
        return None
    native = Observer()
    forward = _Forward(server, ObservedWatch(os.path.abspath(docs_dir), recursive=True))
    try:
        for folder in folders:
            native.schedule(forward, str(folder), recursive=True, event_filter=list(CHANGES))
        native.daemon = True
        native.start()
    except OSError as exc:  # e.g. inotify's limit on watches reached
        log.info(f"showcase: file events unavailable ({exc}); polling for changes instead")
        return None
    for folder in folders:
        server.unwatch(str(folder))
    log.info("showcase: watching %s with file events",
             ", ".join(f"'{folder}'" for folder in folders))
    return native


def first_build_failed() -> None:
    """Note that the preview's first build failed: the server started once it is fixed
    (`keep_serving`, after that good build) says so."""
    _STARTING.now = True


def keep_serving(server: LiveReloadServer, config_file: Path,
                 embargoes: Callable[[], Embargo | None] = lambda: None) -> None:
    """Make a failed rebuild leave the server serving the last good site: the error is
    logged once (the build has logged its problems; a mkdocs.yml that cannot be read is
    named as check names it), browsers are not reloaded, and the next save rebuilds; the
    next good build says the preview is fixed. MkDocs' own loop would leave every request
    waiting until a build succeeds. `embargoes` gives the next embargo to pass after the
    last build (None when none will, or the clock is fixed): the preview is rebuilt then."""
    if _STARTING.now:  # the server's first build, just done, is good
        _STARTING.now = False
        PREVIEW.info(FIXED)
    timer = EmbargoTimer(lambda: rebuild(server), embargoes)
    server.builder = _reporting(server.builder, lambda: _keep_epoch(server), _Failing(),
                                config_file, timer.schedule)
    timer.schedule()


def _reporting(builder: Callable[[], None], failed: Callable[[], None], failing: _Failing,
               config_file: Path, built: Callable[[], None]) -> Callable[[], None]:
    def build() -> None:
        try:
            builder()
        except Abort:  # MkDocs has logged why
            failed()
        except MkDocsException as exc:  # mkdocs.yml cannot be read (MkDocs logged nothing)
            for line in unreadable_config(config_file) or [" ".join(str(exc).split())]:
                PREVIEW.error(line)
            failed()
        except Exception:  # a fault, not the project's: its traceback, as MkDocs shows it
            traceback.print_exc()
            failed()
        else:
            if failing.now:
                PREVIEW.info(FIXED)
            failing.now = False
            built()
            return
        failing.now = True
        log.error("showcase: the preview still shows the last good build; "
                  "it is rebuilt when a file is saved again")
    return build


def unreadable_config(config_file: Path) -> list[str]:
    """What `showcase check` says of a mkdocs.yml it cannot read (`mkdocs.yml:9: not valid
    YAML: ...`), one line each; none when check reads it."""
    try:
        project.discover(config_file.parent, config_file.name)
    except ShowcaseError as exc:
        return [str(problem) for problem in exc.problems] or [str(exc)]
    return []


def rebuild(server: LiveReloadServer) -> None:
    """Ask the live-reload server for a rebuild, as its watcher does when a file is saved."""
    condition: threading.Condition | None = getattr(server, "_rebuild_cond", None)
    if condition is None:
        return  # another MkDocs: the next save rebuilds
    with condition:
        server._want_rebuild = True
        condition.notify_all()


Embargo = tuple[datetime, str]
"""The instant an embargo passes, and the files of the stories it holds back (relative to
the project, comma-separated)."""


def next_embargo(stories: Iterable[Story], now: datetime) -> Embargo | None:
    """The first embargo after `now` of the published `stories` (the others stay out when it
    passes), with the files of the stories it holds back; None when none is ahead."""
    ahead = sorted((story.meta.embargo, story.path) for story in stories
                   if story.status is Status.PUBLISHED
                   and story.meta.embargo is not None and story.meta.embargo > now)
    if not ahead:
        return None
    first = ahead[0][0]
    return first, ", ".join(path for moment, path in ahead if moment == first)


LOOK_AGAIN = 60.0
"""Seconds at most between looks at the clock while an embargo is ahead: a timer counts no
time while the computer sleeps, and one for years ahead is past what a thread can wait."""
AFTER = 0.05
"""Seconds waited past an embargo's instant, so the rebuild's clock reads it as passed."""


class EmbargoTimer:
    """Calls `rebuild` when the next embargo (`embargoes`, asked after each good build)
    passes, saying so: the preview shows the story then, not when a file is next saved."""

    def __init__(self, rebuild: Callable[[], None],
                 embargoes: Callable[[], Embargo | None]) -> None:
        self.rebuild = rebuild
        self.embargoes = embargoes
        self.lock = threading.Lock()
        self.timer: threading.Timer | None = None

    def schedule(self) -> None:
        """Wait for the next embargo after the last build (none ahead: stop waiting)."""
        self._wait_for(self.embargoes())

    def _wait_for(self, embargo: Embargo | None) -> None:
        with self.lock:
            if self.timer is not None:
                self.timer.cancel()
                self.timer = None
            if embargo is None:
                return
            self.timer = threading.Timer(min(max(_left(embargo), 0.0), LOOK_AGAIN), self._due,
                                         args=(embargo,))
            self.timer.daemon = True
            self.timer.start()

    def _due(self, embargo: Embargo) -> None:
        if _left(embargo) > 0:  # a look again before it passes
            self._wait_for(embargo)
            return
        PREVIEW.info(f"showcase: embargo of {embargo[1]} passed: rebuilding")
        self.rebuild()


def _left(embargo: Embargo) -> float:
    """Seconds until the rebuild for `embargo` is due."""
    return (embargo[0] - datetime.now(UTC)).total_seconds() + AFTER


def _keep_epoch(server: LiveReloadServer) -> None:
    """Mark the site that started building as the one shown (the last good one): requests,
    which wait while the two differ, are answered at once, and browsers see no new site."""
    condition: threading.Condition | None = getattr(server, "_epoch_cond", None)
    if condition is None or not hasattr(server, "_visible_epoch"):
        return  # another MkDocs: browsers reload, to the same site
    with condition:
        server._wanted_epoch = server._visible_epoch
        condition.notify_all()
