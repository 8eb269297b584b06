"""A second process for the parts of a build that need nothing from MkDocs.

MkDocs builds pages on one core. While it does, a worker process (started when the build's
configuration is read) imports matplotlib and draws the dashboard's charts, then writes the
feeds, open data and award calendar into a folder of its own; the plugin moves those files
into the site at the end. The worker gets what it needs pickled (the evaluations, the
catalogue), so it works from exactly the stories the pages were made from.

The worker is forked (Linux only, and only while this process runs a single thread): a
forked child starts with everything already imported, and never re-runs the caller's main
script, as a spawned one would. Elsewhere, or when no worker can be started or it dies, the
same functions run in this process: the site is the same bytes either way (a test compares
them).
"""

from __future__ import annotations

import multiprocessing
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from generator.catalogue import Catalogue
from generator.site import charts
from generator.site.criteria import Evaluation

T = TypeVar("T")
ENABLED = True
"""False runs everything in this process (tests compare the two)."""


class Worker:
    """One worker process for one build, or none (then each task runs here when asked, as
    under `serve`, which never starts one: its rebuilds reuse what this process loaded)."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._folder: Path | None = None

    def start(self) -> None:
        """Start the process and its imports now, in the background (quietly stays off if
        this platform cannot)."""
        if not ENABLED or self._pool is not None or not _can_fork():
            return
        try:
            self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
            self._pool.submit(charts.warm)
        except (OSError, ImportError, RuntimeError, NotImplementedError):
            self._pool = None

    def draw(self, evaluations: Sequence[Evaluation]) -> charts.Charts:
        """Start drawing the charts; the returned function waits for them."""
        return self._later(charts.draw_all, list(evaluations))

    def share(self, catalogue: Catalogue, now: datetime, site_url: str,
              feed_items: int) -> Callable[[Path], None]:
        """Start writing the sharing files (feeds, open data, calendar); the returned
        function waits for them and moves them into the site folder it is given (without a
        worker process, it writes them there itself)."""
        if self._pool is None:
            def write_here(site_dir: Path) -> None:
                write_outputs(site_dir, catalogue, now, site_url, feed_items)
            return write_here
        self._folder = folder = Path(tempfile.mkdtemp(prefix="showcase-share-"))
        written = self._later(write_outputs, folder, catalogue, now, site_url, feed_items)

        def finish(site_dir: Path) -> None:
            for name in written():
                target = site_dir / name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(folder / name, target)  # a rename, or a copy across file systems
        return finish

    def stop(self) -> None:
        """End the process and remove the worker's folder (after a build, or a failed one)."""
        if self._pool is not None:  # waits for a task under way: it may be writing the folder
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    def _later(self, function: Callable[..., T], *args: Any) -> Callable[[], T]:
        future: Future[T] | None = None
        if self._pool is not None:
            try:
                future = self._pool.submit(function, *args)
            except (BrokenProcessPool, RuntimeError, OSError):
                future = None

        def result() -> T:
            if future is not None:
                try:
                    return future.result()
                except Exception:
                    pass  # e.g. the process died (killed, out of memory)
            return function(*args)
        return result


def _can_fork() -> bool:
    return (sys.platform == "linux" and threading.active_count() == 1
            and "fork" in multiprocessing.get_all_start_methods())


def write_outputs(folder: Path, catalogue: Catalogue, now: datetime, site_url: str,
                  feed_items: int) -> list[str]:
    """Write the site's sharing files under `folder`; their paths, relative to it."""
    from generator import sharing  # feedgen and lxml: imported by the process that needs them

    names = []
    for name, content in sharing.iter_site_outputs(catalogue, now, site_url, feed_items):
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        names.append(name)
    return names

