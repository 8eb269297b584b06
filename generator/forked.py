"""Work done in a forked process, for a second core: a child runs one function on the
parent's memory as it was at the fork, and its result comes back through a pipe.

The site build's worker (generator/mkdocs/worker.py) forks its parts with it, and a command
that reads a large project (`showcase check`, `pack`) reads half the stories in one
(`elsewhere`, the catalogue's `Elsewhere`). When a child cannot start, fails or dies, its
work is done in the parent: the result is the same either way.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

T = TypeVar("T")
ENABLED = True
"""False does everything in the calling process (tests compare the two)."""
MIN_STORIES = 200
"""Fewer stories than this are read in one process: a fork is not worth it."""


def can_fork() -> bool:
    """Whether a child may be forked here: Linux, with no other thread running (a fork copies
    only the calling thread, and a lock another one held would stay locked)."""
    return (ENABLED and sys.platform == "linux" and threading.active_count() == 1
            and "fork" in multiprocessing.get_all_start_methods())


def elsewhere(work: Callable[[], T], size: int, /) -> Callable[[], T]:
    """The catalogue's `Elsewhere`: `work` (about `size` stories) in a process forked now when
    there are enough of them to be worth it; the returned function waits for its result (made
    here if that process failed)."""
    child = Child.fork(call, work) if size >= MIN_STORIES and can_fork() else None

    def result() -> T:
        made = child.result() if child is not None else None
        return made[0] if isinstance(made, tuple) else work()
    return result


class Child:
    """A forked process running one function; its result comes back through a pipe."""

    def __init__(self, process: BaseProcess, results: Connection, orders: Connection) -> None:
        self._process = process
        self._results = results
        self._orders = orders

    @classmethod
    def fork(cls, function: Callable[..., Any], *args: Any) -> Child | None:
        try:
            context = multiprocessing.get_context("fork")
            results_in, results_out = context.Pipe(duplex=False)
            orders_in, orders_out = context.Pipe(duplex=False)
            process = context.Process(
                target=_run, args=(results_out, orders_in, (results_in, orders_out), os.getpid(),
                                   function, args), daemon=True)
            with _no_interrupt_while_forking():
                process.start()
        except (OSError, ValueError, RuntimeError):
            return None
        results_out.close()
        orders_in.close()
        return cls(process, results_in, orders_out)

    def send(self, value: object) -> bool:
        try:
            self._orders.send(value)
            return True
        except (OSError, ValueError):
            self.kill()
            return False

    def result(self) -> object:
        """What the function returned, or None if it failed or the process died."""
        try:
            status, value = self._results.recv()
        except (EOFError, OSError):
            status, value = "died", None
        self._process.join(5)
        self.kill()
        if status != "ok":  # the work is redone here; the cause is for `--verbose`
            logging.getLogger("mkdocs.plugins.showcase").debug("worker %s: %s", status, value)
        return value if status == "ok" else None

    def kill(self) -> None:
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
        self._results.close()
        self._orders.close()


def _run(results: Connection, orders: Connection, parents: tuple[Connection, Connection],
         parent: int, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    # Ctrl+C is the parent's to answer (this one dies with it): blocked since before the fork
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPS)
    for end in parents:  # the parent's ends: a write to a parent that is gone fails
        end.close()
    _die_with_parent(parent)
    try:
        value = function(orders, *args)
        outcome: tuple[str, Any] = ("ok", value)
    except BaseException:  # reported to the parent, which redoes the work
        outcome = ("error", traceback.format_exc())
    with contextlib.suppress(OSError):  # a parent gone (stopped) reads nothing: say nothing
        results.send(outcome)


@contextlib.contextmanager
def _no_interrupt_while_forking() -> Iterator[None]:
    """Ctrl+C, SIGTERM and SIGHUP held back while a child is forked (the parent gets one that
    came meanwhile after): a child that got Ctrl+C before it could ignore it printed a
    traceback, and a stop that came while Python ran its after-fork hooks (logging's) was
    raised inside one and lost, so the build went on to publish (buildpath37 F1)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, STOPS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


STOPS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
"""The signals that stop a command (Ctrl+C, a CI job's time limit or `kill`, a closed
terminal): held back while forking."""


def _die_with_parent(parent: int) -> None:
    """End this process when the build's process ends, however it ends (killed outright, its
    terminal closed): a child left behind held the caller's output open forever, waiting to
    send a result nobody would read (Linux's PR_SET_PDEATHSIG)."""
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # it ended before the line above
        os._exit(1)


def call(orders: Connection, work: Callable[[], Any]) -> tuple[Any]:
    """Run `work` in a child (`Child.fork(call, work)`)."""
    return (work(),)  # in a tuple: a result of None is not a failure
