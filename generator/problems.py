"""Problems found in a showcase project, and the one exception family that carries them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How bad a problem is: errors stop a build, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


#: line breaks and other control characters (a tab stays), shown as escapes
_ESCAPED = {code: f"\\x{code:02x}" for code in [*range(0x20), *range(0x7F, 0xA0)] if code != 0x09} | {
    0x0A: "\\n", 0x0D: "\\r", 0x2028: "\\u2028", 0x2029: "\\u2029"} | {
    code: f"\\u{code:04x}" for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]}
"""(C1 controls too: U+009B starts a terminal escape; and the text-direction controls, which
turn the text printed after them around)"""


def one_line(text: str) -> str:
    """`text` on one line: a value quoted in a message cannot start a line of its own (which a
    CI log would read as a command, e.g. GitHub's `::error::`)."""
    return text.translate(_ESCAPED)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, located for a person to fix."""

    path: str
    """The file, relative to the project root, with forward slashes."""
    line: int | None
    """The 1-based line in that file, where known."""
    field: str | None
    """The field, e.g. `metrics[1].value`, where one is to blame."""
    message: str
    """What is wrong and what would be right."""
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        parts = [self.location()]
        if self.severity is Severity.WARNING:
            parts.append("warning")
        if self.field:
            parts.append(self.field)
        parts.append(self.message)
        return one_line(": ".join(parts))

    def as_warning(self) -> Problem:
        return Problem(self.path, self.line, self.field, self.message, Severity.WARNING)


class ShowcaseError(Exception):
    """Anything that stops Showcase doing what was asked; carries the problems found."""

    def __init__(self, message: str, problems: Iterable[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)


class UsageProblem(ShowcaseError):
    """A command called wrongly: an option or environment variable with a bad value, a
    project folder that is not there. The commands exit 2 for it (contract section 5)."""


def errors_in(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that are errors."""
    return [p for p in problems if p.is_error]
