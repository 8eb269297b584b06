"""`showcase awards`: broken award files are named (exit 1); deadlines read plainly."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.conftest import NOW, ProjectFactory, run_cli, story

AWARD = """\
name: {name}
deadline: {deadline}
stories: [a-test-story]
questions:
  - id: why
    prompt: Why?
    words: 100
"""


def _rows(output: str) -> dict[str, list[str]]:
    rows = {}
    for line in output.splitlines():
        cells = [c.strip() for c in line.split("│") if c.strip()]
        if len(cells) == 6:
            rows[cells[0]] = cells[1:]
    return rows


PROJECT = "site_name: T\nplugins:\n  - showcase\n"
"""A mkdocs.yml: awards refuses a folder without one (round 14), as a mistyped -p."""


def _project(make_project: ProjectFactory, awards: dict[str, str]) -> Path:
    return make_project({"stories/a.md": story(slug="a-test-story"), "mkdocs.yml": PROJECT,
                         **{f"awards/{name}.yml": text for name, text in awards.items()}})


def test_broken_award_files_are_named_on_stderr_and_exit_1(make_project: ProjectFactory) -> None:
    good = {f"good-{n}": AWARD.format(name=f"Good {n}", deadline="2027-01-15T17:00:00+00:00")
            for n in range(2)}
    broken = {"bad-yaml": "name: [broken\n", "bad-field": AWARD.format(name="X", deadline="2027-01-15")
              + "bogus: 1\n"}
    result = run_cli("awards", "-p", str(_project(make_project, {**good, **broken})), "--now", NOW)
    assert result.exit_code == 1, result.output
    rows = _rows(result.stdout)
    assert sorted(rows) == ["bad-field", "bad-yaml", "good-0", "good-1"]
    assert rows["bad-yaml"] == ["-", "-", "-", "-", "cannot be read: see the errors below"]
    assert result.stderr.splitlines() == [
        "awards/bad-field.yml:8: bogus: is not a field of an award file; the fields are name, "
        "organiser, category, edition, url, national, deadline, stories, select, questions, "
        "attachments, tolerance, total_words, period, declarations",
        "awards/bad-yaml.yml:1: not valid YAML: while parsing a flow sequence, did not find "
        "expected ',' or ']' (a list written [a, b] needs its closing ])",
        "showcase: 2 award files have errors (above): fix them, then run showcase awards again "
        "(showcase check lists every problem)",
    ]


def test_deadlines_in_uk_time_and_a_passed_one_says_so(make_project: ProjectFactory) -> None:
    awards = {
        "winter": AWARD.format(name="Winter", deadline="2027-01-15T17:00:00+00:00"),
        "summer": AWARD.format(name="Summer", deadline="2027-05-28"),
        "offset": AWARD.format(name="Offset", deadline="2027-01-15T17:00:00+05:00"),
        "gone": AWARD.format(name="Gone", deadline="2026-11-26T11:59:00+00:00"),
        "ancient": AWARD.format(name="Ancient", deadline="0001-01-01"),
    }
    result = run_cli("awards", "-p", str(_project(make_project, awards)), "--now", NOW)
    assert result.exit_code == 0, result.output
    rows = _rows(result.stdout)
    shown = {name: (cells[1], cells[2]) for name, cells in rows.items()}
    # calendar days in UK time (round 14): 26 November to 15 January is 50 days, whatever the
    # hours; the old rule rounded the 50 days and 5 hours up to 51
    assert shown == {
        "winter": ("2027-01-15 17:00 GMT", "50"),
        "summer": ("2027-05-28 23:59 BST", "183"),
        "offset": ("2027-01-15 12:00 GMT", "50"),
        "gone": ("2026-11-26 11:59 GMT", "passed"),
        "ancient": ("0001-01-02 00:01 UTC", "passed"),  # before UK time had a name
    }
    assert "LMT" not in result.output


def test_on_the_deadline_day_and_at_its_instant_an_entry_is_still_in_time(
        make_project: ProjectFactory, tmp_path: Path) -> None:
    """`--now <the deadline's date>` is the end of that day, which a date's deadline is too:
    the list and the pack agree it is not passed; a moment later both say it is. A --now
    without an offset is UK time (23:30 in July is BST, not UTC)."""
    root = _project(make_project, {"day": AWARD.format(name="Day", deadline="2026-07-15")})
    (root / "awards/day").mkdir()
    (root / "awards/day/why.md").write_text("Because it worked.\n", encoding="utf-8")
    cases = {"2026-07-15": ("today", 0), "2026-07-15T23:30": ("today", 0),
             "2026-07-15T22:59:59Z": ("today", 0), "2026-07-14T12:00:00+01:00": ("tomorrow", 0),
             "2026-07-15T23:59:59.5+01:00": ("passed", 1), "2026-07-16": ("passed", 1)}
    for now, (left, pack_exit) in cases.items():
        listed = run_cli("awards", "-p", str(root), "--now", now)
        assert listed.exit_code == 0, listed.output
        assert _rows(listed.stdout)["day"][2] == left, now
        assert (_rows(listed.stdout)["day"][4] == "ready") is (pack_exit == 0), now
        packed = run_cli("pack", "day", "-p", str(root), "--now", now, "--out", str(tmp_path / "dist"))
        assert packed.exit_code == pack_exit, (now, packed.output)
    run_cli("pack", "day", "-p", str(root), "--now", "2026-07-15T23:30", "--out", str(tmp_path / "dist"))
    with zipfile.ZipFile(tmp_path / "dist" / "day.zip") as pack:
        checklist = pack.read("CHECKLIST.md").decode()
    assert "- the deadline is today (15 July 2026 23:59 BST)" in checklist.splitlines()


def test_the_plugins_now_option_is_the_clock_unless_now_is_given(make_project: ProjectFactory) -> None:
    """mkdocs.yml's `now:` sets the build's clock; the other commands use it too, and --now
    (or SHOWCASE_NOW) still wins."""
    root = make_project({
        "mkdocs.yml": "site_name: T\nplugins:\n  - showcase:\n      now: '2030-01-01T00:00:00+00:00'\n",
        "stories/a.md": story(slug="a-test-story"),
        "awards/x.yml": AWARD.format(name="X", deadline="2029-06-30"),
    })
    assert _rows(run_cli("awards", "-p", str(root)).stdout)["x"][2] == "passed"
    given = run_cli("awards", "-p", str(root), "--now", "2029-06-01T12:00:00+01:00")
    assert _rows(given.stdout)["x"][2] == "29"  # 1 to 30 June: calendar days


def test_a_terminal_too_narrow_for_the_table_gets_a_block_per_award(
        make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """An 80-column terminal cut the ids `showcase pack` takes ('lgc-awards…'): never."""
    from generator.cli import awards

    monkeypatch.setattr(awards, "TABLE_WIDTH", 10_000)  # wider than any console: blocks
    root = _project(make_project, {"uk-it-industry-awards-2027": AWARD.format(
        name="UK IT Industry Awards 2027", deadline="2027-05-28")})
    result = run_cli("awards", "-p", str(root), "--now", NOW)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [  # short lines: none wraps at 40 columns
        "uk-it-industry-awards-2027", "  UK IT Industry Awards 2027",
        "  deadline 2027-05-28 23:59 BST", "  183 days left, 1 story", "  not ready (1 blocker)"]


def test_the_clock_of_an_inherited_base_file_is_used(make_project: ProjectFactory) -> None:
    """mkdocs.yml may INHERIT a shared base file listing the plugin: as MkDocs reads it."""
    root = make_project({
        "base.yml": "plugins:\n  - showcase:\n      now: '2030-01-01T00:00:00+00:00'\n",
        "mkdocs.yml": "INHERIT: base.yml\nsite_name: T\n",
        "stories/a.md": story(slug="a-test-story"),
        "awards/x.yml": AWARD.format(name="X", deadline="2029-06-30"),
    })
    checked = run_cli("check", "-p", str(root))
    assert "does not list the showcase plugin" not in checked.output
    assert _rows(run_cli("awards", "-p", str(root)).stdout)["x"][2] == "passed"


def test_a_now_in_mkdocs_yml_the_build_would_refuse_is_refused(make_project: ProjectFactory) -> None:
    """Unquoted, YAML reads it as a timestamp, which the plugin refuses: awards said 'ready'
    by the real clock instead."""
    root = make_project({
        "mkdocs.yml": "site_name: T\nplugins:\n  - showcase:\n      now: 2030-01-01T00:00:00+00:00\n",
        "stories/a.md": story(slug="a-test-story"),
        "awards/x.yml": AWARD.format(name="X", deadline="2029-06-30"),
    })
    result = run_cli("awards", "-p", str(root))
    assert result.exit_code == 2
    assert "mkdocs.yml: plugins.showcase.now:" in result.output and "write it in quotes" in result.output


@pytest.mark.parametrize(("clock", "left"), [
    ("2029-06-30", "passed"), ("20290630", "passed"), ("20290630T1200", "today"),
    ("2029-06-30T12:00", "today")])
def test_a_date_alone_is_the_end_of_that_day_however_it_is_written(
        make_project: ProjectFactory, clock: str, left: str) -> None:
    """20290630 was read as the start of that day (round 13): a deadline that closed at
    17:00 on the day showed as open, and its pack as ready."""
    root = make_project({"stories/a.md": story(slug="a-test-story"), "mkdocs.yml": PROJECT,
                         "awards/x.yml": AWARD.format(name="X", deadline="2029-06-30T17:00:00+01:00")})
    result = run_cli("awards", "-p", str(root), "--now", clock)
    assert result.exit_code == 0, result.output
    assert _rows(result.stdout)["x"][2] == left


@pytest.mark.parametrize("clock", ["2029-W26-6", "2029W266", "2029W266T1200"])
def test_a_week_date_is_refused_as_award_files_refuse_it(make_project: ProjectFactory,
                                                         clock: str) -> None:
    root = make_project({"stories/a.md": story(slug="a-test-story"), "mkdocs.yml": PROJECT})
    result = run_cli("awards", "-p", str(root), "--now", clock)
    assert result.exit_code == 2
    assert f'or a date, got "{clock}"' in result.output


@pytest.mark.parametrize(("clock", "left", "narrow", "checklist"), [
    ("2027-01-13T23:59", "2", "2 days left", "2 days to the deadline"),
    ("2027-01-14T00:00", "tomorrow", "due tomorrow", "the deadline is tomorrow"),
    ("2027-01-14T09:00", "tomorrow", "due tomorrow", "the deadline is tomorrow"),
    ("2027-01-14T16:59", "tomorrow", "due tomorrow", "the deadline is tomorrow"),
    ("2027-01-14T17:01", "tomorrow", "due tomorrow", "the deadline is tomorrow"),
    ("2027-01-15T00:00", "today", "due today", "the deadline is today"),
    ("2027-01-15T09:00", "today", "due today", "the deadline is today")])
def test_days_left_are_calendar_days_in_uk_time_in_the_list_and_the_checklist(
        make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        clock: str, left: str, narrow: str, checklist: str) -> None:
    """Round 14: at 17:01 on 14 January a deadline of 15 January 17:00 was "today" (any time
    under 24 hours), and at 16:59 the checklist said "2 days": the day is the UK date."""
    from generator.cli import awards

    root = _project(make_project, {"lgc": AWARD.format(name="LGC", deadline="2027-01-15T17:00:00+00:00")})
    (root / "awards/lgc").mkdir()
    (root / "awards/lgc/why.md").write_text("Because it worked.\n", encoding="utf-8")
    assert _rows(run_cli("awards", "-p", str(root), "--now", clock).stdout)["lgc"][2] == left
    monkeypatch.setattr(awards, "TABLE_WIDTH", 10_000)
    assert f"  {narrow}, 1 story" in run_cli("awards", "-p", str(root), "--now", clock).stdout
    run_cli("pack", "lgc", "-p", str(root), "--now", clock, "--out", str(tmp_path / "dist"))
    with zipfile.ZipFile(tmp_path / "dist" / "lgc.zip") as pack:
        lines = pack.read("CHECKLIST.md").decode().splitlines()
    assert f"- {checklist} (15 January 2027 17:00 GMT)" in lines


def test_a_summer_day_starts_at_midnight_bst_not_utc(make_project: ProjectFactory) -> None:
    """23:30 UTC on 27 May is 00:30 BST on 28 May: the deadline's own UK date."""
    root = _project(make_project, {"summer": AWARD.format(name="Summer", deadline="2027-05-28")})
    for clock, left in (("2027-05-27T22:59:00Z", "tomorrow"), ("2027-05-27T23:30:00Z", "today")):
        assert _rows(run_cli("awards", "-p", str(root), "--now", clock).stdout)["summer"][2] == left


def test_names_and_ids_are_printed_as_text(make_project: ProjectFactory) -> None:
    """A file name holding ESC turned the terminal red, and an error without a line beside
    one with a line in the same file stopped the command with an internal error (round 15)."""
    root = make_project({
        "mkdocs.yml": "site_name: T\ntheme: {name: material, font: false}\nplugins: [showcase]\n",
        "stories/a.md": story(slug="a-test-story"),
        "awards/x.yml": AWARD.format(name='"[red]Loud[/red] awards"', deadline="2029-06-30"),
        "awards/es\x1b[31mc.yml": "name: C\nquestions:\n  - {id: why, prompt: Why?, words: 100}\n"})
    result = run_cli("awards", "-p", str(root), "--now", NOW)
    assert result.exit_code == 1, result.output
    assert "\x1b" not in result.output and "internal error" not in result.output
    assert "[red]Loud[/red] awards" in result.stdout
    assert "es\\x1b[31mc" in result.stdout
