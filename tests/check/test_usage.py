"""A command called wrongly (a bad --now, SHOWCASE_NOW or SOURCE_DATE_EPOCH, a project folder
that is not there) exits 2, the usage code of contract section 5, never 1 ("errors found")."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO, ProjectFactory, run_cli


@pytest.mark.parametrize(("args", "env", "said"), [
    (["check", "--now", "yesterday"], {}, '--now / SHOWCASE_NOW: expected a date-time like '
                                          '2026-03-01T09:00 (UK time), 2026-03-01T09:00:00+00:00 '
                                          '(with its UTC offset) or a date, got "yesterday"'),
    (["check"], {"SHOWCASE_NOW": "garbage"}, 'got "garbage"'),
    (["check", "-p", "no-such-folder"], {}, "there is no folder no-such-folder: give the "
                                            "project folder with -p"),
    (["build", "--now", "soon", "--site-dir", "{tmp}/site"], {}, 'got "soon"'),
    (["build", "-p", "no-such-folder"], {}, "there is no folder no-such-folder"),
    (["serve", "-p", "no-such-folder"], {}, "there is no folder no-such-folder"),
    (["build", "-p", "{tmp}"], {}, "mkdocs.yml not found: a showcase project needs a mkdocs.yml"),
    (["export", "--out", "{tmp}/out"], {"SOURCE_DATE_EPOCH": "yesterday"},
     'SOURCE_DATE_EPOCH must be whole seconds, got "yesterday"'),
])
def test_a_command_called_wrongly_exits_2(args: list[str], env: dict[str, str], said: str,
                                           tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = run_cli(*[arg.format(tmp=tmp_path) for arg in args], env=env)
    assert result.exit_code == 2, result.output
    assert said in result.output


def test_a_value_with_line_breaks_stays_on_its_problems_line(make_project: ProjectFactory) -> None:
    """A quoted value holding a line break cannot put a line of its own into check's text
    output, which a CI log would read as a command (GitHub: `::error::`)."""
    from tests.conftest import story

    root = make_project({"stories/a.md": story(status='"draft\\n::error::pwned"')})
    result = run_cli("check", "-p", str(root))
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "pwned" in line]
    assert len(lines) == 1 and lines[0].startswith("stories/a.md:5: status: ")
    assert '"draft\\n::error::pwned"' in lines[0]
    assert not any(line.startswith("::") for line in result.output.splitlines())
