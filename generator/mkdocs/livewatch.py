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
"""

from __future__ import annotations

import logging
import os
import threading
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from mkdocs.exceptions import Abort
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


def keep_serving(server: LiveReloadServer) -> None:
    """Make a failed rebuild leave the server serving the last good site: the error is
    logged once (the build has logged its problems), browsers are not reloaded, and the
    next save rebuilds; the next good build says the preview is fixed. MkDocs' own loop
    would leave every request waiting until a build succeeds."""
    if _STARTING.now:  # the server's first build, just done, is good
        _STARTING.now = False
        PREVIEW.info(FIXED)
    server.builder = _reporting(server.builder, lambda: _keep_epoch(server), _Failing())


def _reporting(builder: Callable[[], None], failed: Callable[[], None],
               failing: _Failing) -> Callable[[], None]:
    def build() -> None:
        try:
            builder()
        except Abort:  # MkDocs has logged why
            failed()
        except Exception:  # a fault, not the project's: its traceback, as MkDocs shows it
            traceback.print_exc()
            failed()
        else:
            if failing.now:
                PREVIEW.info(FIXED)
            failing.now = False
            return
        failing.now = True
        log.error("showcase: the preview still shows the last good build; "
                  "it is rebuilt when a file is saved again")
    return build


def _keep_epoch(server: LiveReloadServer) -> None:
    """Mark the site that started building as the one shown (the last good one): requests,
    which wait while the two differ, are answered at once, and browsers see no new site."""
    condition: threading.Condition | None = getattr(server, "_epoch_cond", None)
    if condition is None or not hasattr(server, "_visible_epoch"):
        return  # another MkDocs: browsers reload, to the same site
    with condition:
        server._wanted_epoch = server._visible_epoch
        condition.notify_all()
