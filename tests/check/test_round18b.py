"""Round 18 (pack18 findings 1, 3, 5, 6): financial years 2000-01 to 2011-12 are read as
financial years (a column that writes months as 2010-05 keeps its 2010-11 a month); an award
id Windows keeps for a device (con) is warned about and its pack is con-pack.zip; a web
address as an evidence path is named as one; a series period that cannot be read is a
warning."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest

from generator import clock, project
from generator.catalogue import collect
from generator.pack import make_plan
from generator.paths import pack_file_name
from generator.reading.periods import UNDERSTOOD, parse_period, reads_months
from generator.reading.series import Table, period_problems
from tests.conftest import NOW, STRATEGY, ProjectFactory, run_cli, story

PUBLISHED = "data/income.csv"


def _told(*periods: str) -> list[str]:
    """What check says of a series whose rows are `periods` (from line 2 on)."""
    table = Table("data/x.csv", ["period", "value"],
                  [(line, [period, "1"]) for line, period in enumerate(periods, start=2)])
    return [str(p) for p in period_problems(table)]


# finding 1: 2000-01 ... 2011-12 are financial years, as 2025-26 is

@pytest.mark.parametrize(("text", "span"), [
    ("2000-01", (date(2000, 4, 1), date(2001, 3, 31))),
    ("2009-10", (date(2009, 4, 1), date(2010, 3, 31))),
    ("2011-12", (date(2011, 4, 1), date(2012, 3, 31))),
    ("1999-00", (date(1999, 4, 1), date(2000, 3, 31))),
    ("Oct-Mar 2010-11", (date(2010, 10, 1), date(2011, 3, 31))),
    ("2010-05", (date(2010, 5, 1), date(2010, 5, 31))),  # no financial year: a month
    ("2011-13", None),
    # a range's other end written as a month makes the ambiguous end a month
    ("2010-11 to 2011-03", (date(2010, 11, 1), date(2011, 3, 31))),
])
def test_the_financial_year_shape_is_a_financial_year_by_default(
        text: str, span: tuple[date, date] | None) -> None:
    assert parse_period(text) == span


def test_in_a_column_of_months_the_same_shape_is_a_month() -> None:
    assert parse_period("2010-11", months=True) == (date(2010, 11, 1), date(2010, 11, 30))
    assert reads_months(["2010-10", "2010-11", "2010-12"])
    assert not reads_months(["2009-10", "2010-11", "2011-12"])  # every one a financial year
    assert not reads_months(["2025-26", "Jan 2026"])


def test_consecutive_financial_years_across_2000_pass() -> None:
    assert _told("1999-00", "2000-01", "2001-02") == []
    assert _told("2008-09", "2009-10", "2010-11", "2011-12", "2012-13") == []


def test_a_financial_year_2011_12_beside_the_calendar_year_2012_is_refused() -> None:
    assert _told("2011-12", "2012") == [
        'data/x.csv:3: period: "2012" overlaps "2011-12" on line 2: both hold 1 January 2012 '
        "to 31 March 2012, which the chart would show twice; give each stretch of time one "
        "row, none overlapping another (every row a financial year, such as 2025-26, or every "
        "row a calendar year, such as 2025)"]


def test_a_monthly_series_keeps_its_november_2010() -> None:
    assert _told("2010-09", "2010-10", "2010-11", "2010-12", "2011-01") == []
    # a month given twice is still found, as the month it is
    assert _told("2010-10", "2010-11", "Nov 2010") == [
        'data/x.csv:4: period: "Nov 2010" is the same period as "2010-11" on line 3 '
        "(November 2010): give each period one row"]


def test_check_reads_a_finance_series_from_1999_00(make_project: ProjectFactory) -> None:
    root = make_project({PUBLISHED: "period,income\n1999-00,1\n2000-01,2\n2001-02,3\n"})
    result = run_cli("check", "-p", str(root), "--now", NOW)
    assert result.output.splitlines()[-1].startswith("ok: 0 errors, 0 warnings")
    assert result.exit_code == 0


def test_an_award_metric_period_2011_12_is_the_financial_year(
        tmp_path: Path) -> None:
    award = ("name: Calendar Awards 2012\ndeadline: 2027-06-30\n"
             "period: {from: 2011-01-01, to: 2011-12-31}\nstories: [fy]\n"
             "questions:\n  - {id: impact, prompt: Impact, words: 500, compose: summary}\n")
    metric = ('\n  - {id: calls, unit: count, label: Calls, value: 1, period: "2011-12", '
              'source: "https://example.gov.uk", verified: true}')
    root = tmp_path / "p"
    for name, text in {"data/strategy.yml": STRATEGY, PUBLISHED: "period,income\n2024,1\n",
                       "awards/cal.yml": award,
                       "stories/2026-05-01-fy.md": story(slug="fy", metrics=metric)}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    now = clock.now(NOW)
    plan = make_plan(collect(project.discover(root), now), "cal", now)
    assert [w for w in plan.checklist.warnings if "period" in w] == [
        'stories/2026-05-01-fy.md: metric calls: period "2011-12" is partly outside the '
        "qualifying period 2011-01-01 to 2011-12-31 (it runs past 31 December 2011): judges "
        "may count only the part inside; give the figure for the qualifying period if you "
        "have it"]


# finding 6: a period that cannot be read is a warning

def test_an_unread_period_is_a_warning_with_the_forms_read() -> None:
    assert _told("2023-26", "2024") == [
        'data/x.csv:2: warning: period: "2023-26" is not a period check can read: the '
        "dashboard shows it as written, but its order and overlaps with the other rows cannot "
        f"be checked; write it as {UNDERSTOOD} (2023-26: write 2023-2026 for calendar years, "
        "or 2023-24 to 2025-26 for financial years)"]


def test_unread_periods_are_one_warning_a_file() -> None:
    told = _told("foo", "2024", "bar", "baz", "qux", "quux")
    assert len(told) == 1
    assert told[0].startswith(
        'data/x.csv:2: warning: period: "foo" is not a period check can read (nor are "bar" '
        'on line 4, "baz" on line 5, "qux" on line 6 and 1 more): the dashboard shows them '
        "as written, but their order and overlaps")


def test_check_warns_and_passes_on_an_unread_period(make_project: ProjectFactory) -> None:
    root = make_project({PUBLISHED: "period,income\n2023-26,1\n2027,2\n"})
    result = run_cli("check", "-p", str(root), "--now", NOW)
    assert result.exit_code == 0
    assert result.output.splitlines()[0].startswith(
        'data/income.csv:2: warning: period: "2023-26" is not a period check can read')


# finding 5: a web address as a path (as an evidence path: tests/check/test_round19.py)

def test_a_web_address_as_another_path_is_named_as_one(make_project: ProjectFactory) -> None:
    root = make_project({"stories/2026-01-01-web.md": story(
        image='{src: "https://example.org/p.jpg", alt: A photo}')})
    result = run_cli("check", "-p", str(root), "--now", NOW)
    assert 'image.src: "https://example.org/p.jpg" is a web address, not a file: write the ' \
        "path of a file in stories/ (download the file into stories/ first)" in result.output


# finding 3: an award id Windows keeps for a device

@pytest.mark.parametrize(("award_id", "name"), [
    ("con", "con-pack.zip"), ("AUX", "AUX-pack.zip"), ("nul", "nul-pack.zip"),
    ("prn", "prn-pack.zip"), ("com1", "com1-pack.zip"), ("Lpt9", "Lpt9-pack.zip"),
    ("a1", "a1.zip"), ("console", "console.zip"), ("con-2027", "con-2027.zip"),
])
def test_a_pack_is_named_so_windows_can_save_it(award_id: str, name: str) -> None:
    assert pack_file_name(award_id) == name


AWARD = ("name: Con Awards 2027\ndeadline: 2027-06-30\nstories: [a-test-story]\n"
         "questions:\n  - {id: impact, prompt: Impact, words: 500, compose: summary}\n")


def test_check_warns_at_an_award_file_named_for_a_device(make_project: ProjectFactory) -> None:
    root = make_project({"awards/con.yml": AWARD, "stories/2026-03-14-a-test-story.md": story()})
    result = run_cli("check", "-p", str(root), "--now", NOW)
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        'awards/con.yml: warning: the award id "con" (the file name) would name its pack '
        "con.zip, which Windows cannot save (CON is the name of a device on Windows): showcase "
        "pack writes con-pack.zip instead; rename the file to keep the usual name",
        "ok: 0 errors, 1 warning in 1 story and 1 award file"]


def test_pack_writes_con_pack_zip_and_says_so(make_project: ProjectFactory,
                                             tmp_path: Path) -> None:
    root = make_project({"awards/con.yml": AWARD, "stories/2026-03-14-a-test-story.md": story()})
    out = tmp_path / "out"
    result = run_cli("pack", "con", "-p", str(root), "--now", NOW, "--out", str(out),
                     env={"SOURCE_DATE_EPOCH": "1767225600"})
    assert result.exit_code in (0, 1), result.output
    assert sorted(p.name for p in out.iterdir()) == ["con-pack.zip"]
    assert ("note: the pack is named con-pack.zip, not con.zip, which Windows cannot save "
            "(CON is the name of a device on Windows)") in result.output.splitlines()
    assert f"wrote {out / 'con-pack.zip'}" in result.output
    with zipfile.ZipFile(out / "con-pack.zip") as archive:
        assert "CHECKLIST.md" in archive.namelist()
        entry = docx.Document(io.BytesIO(archive.read("entry.docx")))
    assert entry.core_properties.comments.startswith("The entry of the evidence pack con-pack.zip,")
