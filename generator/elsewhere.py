"""Work a caller may have done in another process: the hook the site build offers its host.

The core reads the project and makes the site in one process. Where a host can run work
beside it (the MkDocs plugin forks worker processes, generator/mkdocs/worker.py), it passes
an `Elsewhere` that starts a piece of work there and returns a function that waits for the
result; `here` does the work at once, in this process. The work must give the same result
wherever it runs: it sees the program's memory as it was when it was started.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

T = TypeVar("T")


class Elsewhere(Protocol):
    """Starts `work` (about `size` items of it); the returned function waits for its result."""

    def __call__(self, work: Callable[[], T], size: int, /) -> Callable[[], T]: ...


def here(work: Callable[[], T], size: int, /) -> Callable[[], T]:
    """Do `work` in this process, now."""
    made = work()
    return lambda: made
