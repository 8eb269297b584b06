"""The stories, awards and data folders watched with the platform's file events under `serve`.

MkDocs' live-reload server polls what it watches every half second: up to 0.5 s of every
edit-to-preview goes by before a save is even noticed. The folders an author edits are
watched instead by watchdog's native observer (inotify on Linux, FSEvents on macOS,
ReadDirectoryChangesW on Windows), which reports a save at once, and each of its events is
handed to the server as if it came from the docs folder MkDocs itself watches, so the server
rebuilds as it does for any change. Those folders then leave MkDocs' polling (one save, one
rebuild). Where no native observer can watch them (no such API, a watch limit reached), or
with `showcase serve --poll` (a network drive or container mount whose changes send no
events), MkDocs' polling stays as it is.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path

from mkdocs.livereload import LiveReloadServer
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.observers.polling import PollingObserver

log = logging.getLogger("mkdocs.plugins.showcase")
POLL_ENVIRONMENT = "SHOWCASE_POLL"
"""Set (by `showcase serve --poll`) to keep MkDocs' polling for every folder."""


class _Forward(FileSystemEventHandler):
    """Hands each file event to the live-reload server's observer, as the docs folder's."""

    def __init__(self, server: LiveReloadServer, docs: ObservedWatch) -> None:
        self.queue = server.observer.event_queue
        self.docs = docs

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not event.is_directory:
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
            native.schedule(forward, str(folder), recursive=True)
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
