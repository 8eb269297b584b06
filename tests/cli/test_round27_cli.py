"""Round 27 (cli27): date-times at the ends of the calendar, a folder that is no project, and
small wording (C1, C2, C5)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.check.casefile import CONFIG
from tests.conftest import NOW, ProjectFactory, run_cli, story

RANGE = ("is out of range: a date-time must fall between the years 1 and 9999 in UK time; "
         "give a real one, like 2027-01-15T09:00:00+00:00")
AWARD = """\
name: Far Award
deadline: {deadline}
stories: [a-test-story]
questions:
  - id: why
    prompt: Why?
    words: 100
    compose: summary
"""
NOT_FOUND = ("not found: a showcase project needs a mkdocs.yml listing the showcase plugin "
             "(see the example project); ")


def _project(make_project: ProjectFactory, embargo: str | None = None,
             deadline: str = "2027-01-15") -> Path:
    return make_project({"mkdocs.yml": CONFIG, "content/index.md": "# Home\n",
                         "stories/a.md": story(slug="a-test-story", embargo=embargo),
                         "awards/far.yml": AWARD.format(deadline=deadline)})


def test_an_embargo_past_the_year_9999_is_named_by_check(make_project: ProjectFactory) -> None:
    """check_story_times met it with an internal error (OverflowError)."""
    root = _project(make_project, embargo="9999-12-31T23:59:00-12:00")
    result = run_cli("check", "-p", str(root), "--now", NOW)
    assert result.exit_code == 1
    assert result.output == (f'stories/a.md:9: embargo: "9999-12-31T23:59:00-12:00" {RANGE}\n'
                             "errors found: 1 error, 0 warnings in 1 story and 1 award file\n")


@pytest.mark.parametrize("deadline", ["9999-12-31T23:59:00-12:00", "0001-01-01T00:00:00+14:00"])
def test_a_deadline_out_of_range_is_named_by_check_and_stops_build_plainly(
        make_project: ProjectFactory, tmp_path: Path, deadline: str) -> None:
    """check said ok and the build stopped writing awards.ics with an internal error."""
    root = _project(make_project, deadline=deadline)
    line = f'awards/far.yml:2: deadline: "{deadline}" {RANGE}'
    result = run_cli("check", "-p", str(root), "--now", NOW)
    assert (result.exit_code, result.output) == (
        1, f"{line}\nerrors found: 1 error, 0 warnings in 1 story and 1 award file\n")
    built = run_cli("build", "-p", str(root), "--now", NOW, "--site-dir", str(tmp_path / "site"))
    assert built.exit_code == 1
    assert line in built.stderr.splitlines()
    assert built.stderr.splitlines()[-1] == (
        "showcase: the site was not built: the error above must be fixed first")
    assert "internal error" not in built.output
    awards = run_cli("awards", "-p", str(root), "--now", NOW)
    assert awards.exit_code == 1 and awards.stderr.splitlines()[0] == line


@pytest.mark.parametrize("moment", ["9999-12-31T23:59-12:00", "0001-01-01T00:00+14:00"])
@pytest.mark.parametrize("command", [["check"], ["awards"], ["pack", "far"], ["export"],
                                     ["build", "--site-dir", "{tmp}/site"]], ids=lambda c: c[0])
def test_now_out_of_range_is_a_usage_error(make_project: ProjectFactory, tmp_path: Path,
                                           command: list[str], moment: str) -> None:
    root = _project(make_project)
    args = [arg.format(tmp=tmp_path) for arg in command]
    for given, env in ((["--now", moment], None), ([], {"SHOWCASE_NOW": moment})):
        result = run_cli(*args, "-p", str(root), *given, env=env)
        assert result.exit_code == 2, result.output
        assert result.output == f'showcase: --now / SHOWCASE_NOW: "{moment}" {RANGE}\n'


def test_a_bad_now_names_both_forms_in_their_order(make_project: ProjectFactory) -> None:
    """"(UK time without an offset)" sat right after an example with an offset."""
    result = run_cli("check", "-p", str(_project(make_project)), "--now", "soon")
    assert (result.exit_code, result.output) == (2, (
        "showcase: --now / SHOWCASE_NOW: expected a date-time like 2026-03-01T09:00 (UK time), "
        '2026-03-01T09:00:00+00:00 (with its UTC offset) or a date, got "soon"\n'))


def test_an_empty_now_is_refused_and_an_empty_showcase_now_is_unset(
        make_project: ProjectFactory) -> None:
    root = _project(make_project)
    result = run_cli("check", "-p", str(root), "--now", "")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: Invalid value for '--now': is empty: give a date-time like 2026-07-15T09:00 "
        "(UK time) or a date, or leave the option out for now")
    assert run_cli("check", "-p", str(root), env={"SHOWCASE_NOW": ""}).exit_code == 0


@pytest.mark.parametrize("command", [["check"], ["export"], ["pack", "far"], ["awards"],
                                     ["new", "A title"], ["build"]], ids=lambda c: c[0])
def test_every_command_in_a_project_sub_folder_names_the_project(
        make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch,
        command: list[str]) -> None:
    """check said "data/strategy.yml: is missing" (exit 1), export the same, pack "no award
    file"; build, awards and new named mkdocs.yml but not the project above."""
    root = _project(make_project).resolve()
    monkeypatch.chdir(root / "stories")
    result = run_cli(*command, "--now", NOW)
    assert result.exit_code == 2, result.output
    assert result.output == (f"showcase: {root / 'stories' / 'mkdocs.yml'} {NOT_FOUND}the "
                             f"project looks to be {root}: run from there or give -p {root}\n")
    assert sorted(p.name for p in (root / "stories").iterdir()) == ["a.md"]


@pytest.mark.parametrize("command", [["check"], ["export"], ["pack", "far"], ["awards"]],
                         ids=lambda c: c[0])
def test_every_command_refuses_a_project_without_mkdocs_yml(make_project: ProjectFactory,
                                                            command: list[str]) -> None:
    """A project with only mkdocs.yml removed: check said ok and pack made a pack, while the
    build refused it."""
    root = _project(make_project)
    (root / "mkdocs.yml").unlink()
    result = run_cli(*command, "-p", str(root), "--now", NOW)
    assert result.exit_code == 2, result.output
    assert result.output == (f"showcase: {root.resolve() / 'mkdocs.yml'} {NOT_FOUND}give the "
                             "project folder with -p\n")
    assert not (root / "dist").exists()


@pytest.mark.parametrize(("site_dir", "why"), [
    ("data/x", "it is inside the project's data folder"),
    ("content/out", "it is inside the project's content folder"),
    ("data", "it would replace data"),
    (".", "it would replace the project folder"),
    ("..", "it holds the project folder, which the build would replace"),
])
def test_a_site_folder_in_or_around_the_project_is_named_rightly(
        make_project: ProjectFactory, site_dir: str, why: str) -> None:
    root = _project(make_project)
    result = run_cli("build", "-p", str(root), "--now", NOW, "--site-dir", site_dir)
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        f"showcase: refusing to build into {(root / site_dir).resolve()}: {why}; choose a site "
        "folder of its own, e.g. --site-dir site")


def test_titles_without_letters_on_one_day_get_numbered_files(make_project: ProjectFactory) -> None:
    """new "😀😀" after new "!!!" said stories/…-story.md already exists."""
    root = _project(make_project)
    made = [run_cli("new", title, "-p", str(root), "--now", NOW) for title in ("!!!", "😀😀", "???")]
    assert [r.exit_code for r in made] == [0, 0, 0], [r.output for r in made]
    names = sorted(p.name for p in (root / "stories").glob("2026-11-26-*.md"))
    assert names == ["2026-11-26-story-2.md", "2026-11-26-story-3.md", "2026-11-26-story.md"]
    again = run_cli("new", "A test", "-p", str(root), "--now", NOW)
    assert again.exit_code == 0
    same = run_cli("new", "A test", "-p", str(root), "--now", NOW)
    assert same.exit_code == 1
    assert same.output.splitlines()[-1] == (
        "showcase: stories/2026-11-26-a-test.md already exists: choose another title or edit "
        "that file")


def test_a_project_without_mkdocs_yml_is_not_sent_to_a_folder_above(
        make_project: ProjectFactory, tmp_path: Path) -> None:
    """retest28 R6: a project with only mkdocs.yml removed, inside a folder that has one, was
    told "the project looks to be <the folder above>", another project."""
    inner = tmp_path / "outer" / "project"
    shutil.copytree(_project(make_project), inner)
    (inner / "mkdocs.yml").unlink()
    (inner.parent / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    result = run_cli("check", "-p", str(inner), "--now", NOW)
    assert result.exit_code == 2, result.output
    assert result.output == (f"showcase: {inner.resolve() / 'mkdocs.yml'} {NOT_FOUND}give the "
                             "project folder with -p\n")
