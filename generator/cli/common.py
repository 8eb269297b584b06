"""What the commands share: project and clock options, printing problems."""

from __future__ import annotations

import json
import os
import posixpath
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import wraps
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, TypeVar

import click

from generator import clock, forked, project
from generator.catalogue import Catalogue, collect
from generator.problems import Problem, Severity, ShowcaseError, UsageProblem

if TYPE_CHECKING:
    from rich.console import Console

F = TypeVar("F", bound=Callable[..., Any])
USAGE = 2
"""The exit code of a command called wrongly (click's own, for an unknown option)."""


def terminal(width: int | None = None) -> Console:
    """A rich Console that prints project text as written.

    "[bold]", "[link=...]" and ":emoji:" in a title or award name are shown, never
    interpreted (an unmatched "[/x]" would otherwise stop the command).
    """
    from rich.console import Console  # imported by the commands that print a report

    return Console(soft_wrap=True, width=width, markup=False, emoji=False, highlight=False)


def project_options(func: F) -> F:
    """Add --project and --now to a command."""
    func = click.option("--now", "now_text", type=NowText(), metavar="DATE-TIME",
                        envvar="SHOWCASE_NOW",
                        help="Act as if it were this moment, to see which embargoes have passed "
                             "and how long is left before deadlines: e.g. 2026-07-15T09:00 (UK "
                             "time) or 2026-07-15 (the end of that day). Default: now, or the "
                             "showcase plugin's now: in mkdocs.yml.")(func)
    func = click.option("-p", "--project", "project_dir", default=".", show_default=True,
                        type=click.Path(file_okay=False, path_type=Path),
                        help="The project folder: the one holding mkdocs.yml, stories/ and "
                             "awards/.")(func)
    return func


def project_folder(project_dir: Path) -> Path:
    """`project_dir` when it is a folder; a UsageProblem when it is not."""
    if not project_dir.is_dir():
        raise UsageProblem(f"there is no folder {project_dir}: give the project folder with -p")
    return project_dir


def config_file(project_dir: Path) -> Path:
    """The project's mkdocs.yml (absolute); a UsageProblem when the folder is not a project,
    the same for every command, naming the folder above that is one (run from stories/)."""
    found = project_folder(project_dir).resolve() / project.CONFIG_FILE
    if not found.is_file():
        # a folder holding stories/ or data/strategy.yml is a project without its mkdocs.yml,
        # not a folder inside another project (retest28 R6)
        own = any((found.parent / part).exists() for part in _PROJECT_PARTS)
        above = None if own else next((folder for folder in found.parent.parents[:ABOVE]
                                       if (folder / project.CONFIG_FILE).is_file()), None)
        where = ("give the project folder with -p" if above is None else
                 f"the project looks to be {above}: run from there or give -p {above}")
        raise UsageProblem(f"{found} not found: a showcase project needs a mkdocs.yml "
                           f"listing the showcase plugin (see the example project); {where}")
    return found


_PROJECT_PARTS = ("stories", "awards", "data/strategy.yml")
"""What a project folder holds beside its mkdocs.yml."""
ABOVE = 2
"""How many folders up a missing mkdocs.yml is looked for, to name the project a command was
run inside (stories/, content/about/), never one far above it."""


def load(project_dir: Path, now_text: str | None, *,
         writes: bool = False, lists_problems: bool = False) -> tuple[Catalogue, datetime]:
    """Read the project; a problem with the settings is a ShowcaseError.

    Every command refuses a folder without a mkdocs.yml (`config_file`), so a mistyped -p
    (or the wrong current folder) is named as such, never blamed on a data file, and never
    gains a stories/ or dist/ folder (`writes` is kept for the callers that say so). A clock
    in mkdocs.yml the build would refuse stops a command (its dates would be wrong), except
    one that `lists_problems` (check), which names it with the others.
    """
    now = clock.now(now_text)  # a bad --now is a usage error before anything is read
    config_file(project_dir)
    layout = project.discover(project_folder(project_dir))
    configured = layout.options.get("now")
    if not (now_text or os.environ.get("SHOWCASE_NOW")) and configured is not None:
        # the plugin's `now:` in mkdocs.yml, as the build uses it; one the build would refuse
        # is refused here too (awards and pack judged deadlines by the real clock instead)
        try:
            now = _configured_clock(configured, now)
        except ShowcaseError:
            if not lists_problems:  # check names it among the others, at its line
                raise UsageProblem(f'mkdocs.yml: plugins.showcase.now: "{configured}" is not a '
                                   'date-time the build can use: write it in quotes, like now: '
                                   '"2026-07-15T09:00:00+01:00" (showcase check says more)') from None
    # a large project's stories are read half here, half in a forked process (two cores)
    return collect(layout, now, forked.elsewhere), now


def _configured_clock(value: object, default: datetime) -> datetime:
    """The plugin's `now:` as the build reads it (text; empty: `default`); a ShowcaseError
    for a value the build refuses (an unquoted timestamp is no text)."""
    if not isinstance(value, str):
        raise ShowcaseError(f"{value!r} is not text")
    return clock.now(value) if value.strip() else default


@contextmanager
def writing(hint: str = "choose a folder you can write to",
            target: Path | None = None) -> Iterator[None]:
    """Turn a failure to write a file or folder into a UsageProblem (exit 2) naming it.

    The same words as `showcase pack` uses: "cannot write <path>: <reason> (<hint>)"; the
    path is `target` when given, else the one the system names.
    """
    try:
        yield
    except OSError as exc:
        where = target if target is not None else exc.filename if exc.filename else "the files"
        reason = exc.strerror or str(exc)
        if isinstance(exc, FileExistsError | NotADirectoryError) and exc.filename \
                and Path(exc.filename).is_file():  # a file where a folder must go
            reason, hint = "it is a file, where a folder must be", "rename or remove the file"
        elif exc.filename and (link := dangling_link(Path(exc.filename))) is not None:
            reason, hint = dangling_words(link)
        raise UsageProblem(f"cannot write {where}: {reason} ({hint})") from None


def dangling_link(path: Path) -> Path | None:
    """`path` or the first folder above it that is a symbolic link to nothing (a `dist`
    linked to a drive that is not there), else None."""
    return next((p for p in [*reversed(path.parents), path] if p.is_symlink() and not p.exists()),
                None)


def dangling_words(link: Path) -> tuple[str, str]:
    """The reason and hint for writing through a link to nothing (`dangling_link`)."""
    return (f"{link} is a link to {os.readlink(link)}, which does not exist",
            "make that folder, or remove the link")


class OutFolder(click.Path):
    """A --out folder: an empty value (an unset shell variable) is refused, not taken as
    the project folder itself."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(path_type=Path, **kwargs)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value.strip():
            self.fail("is empty: give a folder, or leave the option out for its default",
                      param, ctx)
        return super().convert(value, param, ctx)


class NowText(click.ParamType[str]):
    """The --now text, as given: an empty one (an unset shell variable) is refused, not taken
    as now; an empty SHOWCASE_NOW is unset, as click reads it."""

    name = "date-time"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value.strip():
            self.fail("is empty: give a date-time like 2026-07-15T09:00 (UK time) or a date, "
                      "or leave the option out for now", param, ctx)
        return value


def failing_with(code: int) -> Callable[[F], F]:
    """Turn a ShowcaseError into its message and exit `code` (2 for a UsageProblem)."""

    def decorate(func: F) -> F:
        @wraps(func)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return func(*args, **kwargs)
            except ShowcaseError as exc:
                for problem in exc.problems:
                    click.echo(str(problem), err=True)
                click.echo(f"showcase: {exc}", err=True)
                raise SystemExit(USAGE if isinstance(exc, UsageProblem) else code) from None

        return run  # type: ignore[return-value]

    return decorate


def print_text(problems: Iterable[Problem], summary: str) -> None:
    for problem in problems:
        click.echo(str(problem))
    click.echo(summary)


def print_github(problems: Iterable[Problem], prefix: str = "") -> None:
    """GitHub Actions workflow commands: an annotation on each problem's line; `prefix`, the
    project's folder in the repository (`site-proj/`), makes each file relative to the
    repository, as GitHub needs to put the note on a pull request's line."""
    for problem in problems:
        kind = "warning" if problem.severity is Severity.WARNING else "error"
        props = f"file={_escape_property(_in_repository(problem.path, prefix))}"
        if problem.line:
            props += f",line={problem.line}"
        if problem.field:
            props += f",title={_escape_property(problem.field)}"
        click.echo(f"::{kind} {props}::{_escape_data(problem.message)}")


def _in_repository(path: str, prefix: str) -> str:
    if not prefix or not path or PurePosixPath(path).is_absolute():
        return path
    return posixpath.normpath(prefix + path)


def print_json(problems: list[Problem], extra: dict[str, Any]) -> None:
    payload = {
        **extra,
        "errors": sum(p.is_error for p in problems),
        "warnings": sum(not p.is_error for p in problems),
        "problems": [
            {"path": p.path, "line": p.line, "field": p.field, "severity": p.severity.value,
             "message": p.message}
            for p in problems
        ],
    }
    click.echo(json.dumps(payload, indent=2, ensure_ascii=False))


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
