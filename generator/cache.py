"""Story files already read in this process, by path and exact text.

A long-running process (`showcase serve`) reads the whole project again on every change;
with the memo enabled, a story whose text has not changed is not parsed or validated again.
Entries live in memory only (nothing is written to or trusted from the project folder), and
each pass keeps only the files it met, so the memo never outgrows the project. One-shot
commands (check, build, pack, export) read each file once anyway and leave it disabled.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Memo(Generic[T]):
    """Values by (relative path, text), kept from one pass to the next."""

    def __init__(self) -> None:
        self._previous: dict[tuple[str, str], T] = {}
        self._current: dict[tuple[str, str], T] = {}
        self.hits = 0
        self.misses = 0
        self.enabled = False

    def get(self, relative: str, text: str, make: Callable[[], T]) -> T:
        """The value for this file's text: the last pass's when the text is the same."""
        if not self.enabled:
            return make()
        key = (relative, text)
        found = self._current.get(key)
        if found is None:
            found = self._previous.get(key)
            if found is None:
                self.misses += 1
                found = make()
            else:
                self.hits += 1
            self._current[key] = found
        return found

    @property
    def warm(self) -> bool:
        """Whether an earlier pass is remembered (a rebuild under `serve`)."""
        return self.enabled and bool(self._previous)

    def end_pass(self) -> None:
        """Forget files the pass did not meet (deleted or changed since)."""
        self._previous, self._current = self._current, {}

    def disable(self) -> None:
        """Stop memoising and forget everything."""
        self.enabled = False
        self._previous, self._current = {}, {}
