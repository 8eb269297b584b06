"""Round 28 (data28 W1-W5, U1-U3): a totals row or an empty period in a series is refused; a
percent column written as fractions is warned of, and one figure is written one way in every
table of the dashboard; a `unit:` its column's name contradicts is warned of, and the legend
follows `unit:`; an awards target is a whole number, 1 or more; an at-least target is written
in its unit; a CSV cell that is not a number is told the figure to write; a tab-separated
file is named so."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.model.common import digits_meant
from generator.model.strategy import SuccessCriterion
from generator.model.units import Unit
from generator.reading.series import read_table
from generator.site.builder import _rows
from generator.site.charts import human
from generator.site.criteria import evaluate_series
from tests.conftest import NOW, ProjectFactory, run_cli

HEAD = ("outcomes:\n  - {id: earn-revenue, title: Revenue, enabler: Traded}\n"
        "success_criteria:\n")
INCOME = ("  - {id: traded-income, title: Income, measure: series, file: income.csv, "
          "column: contribution_gbp, unit: GBP, goal: increase}\n")


def _check(root: Path) -> list[str]:
    return [line for line in run_cli("check", "-p", str(root), "--now", NOW).output.splitlines()
            if "has no source" not in line and not line.startswith(("ok:", "errors found:"))]


def _series(make_project: ProjectFactory, csv: str, criteria: str = INCOME,
            file: str = "data/income.csv") -> list[str]:
    return _check(make_project({"data/strategy.yml": HEAD + criteria, file: csv}))


# W1, W2. a totals row, an empty period: errors at their lines

@pytest.mark.parametrize("total", ["Total", "Grand total", "TOTALS", "Sum", "total:", "Subtotal",
                                   "Total 2021-23", "Totals: all years"])  # retest29 N2
def test_a_totals_row_is_refused_at_its_line(make_project: ProjectFactory, total: str) -> None:
    csv = f"period,contribution_gbp\n2021-22,180000\n2022-23,245000\n{total},425000\n"
    assert _series(make_project, csv) == [
        f'data/income.csv:4: period: "{total}" looks like a totals row: delete it (the '
        "dashboard reads every row as a period)"]


def test_an_empty_period_is_refused_as_an_empty_value_is(make_project: ProjectFactory) -> None:
    csv = "period,contribution_gbp\n2021-22,100\n,300\n"
    assert _series(make_project, csv) == [
        "data/income.csv:3: period: is empty: write the period the row's figures are for "
        "(such as 2025-26), or leave the row out"]


def test_a_period_holding_total_in_other_words_is_not_a_totals_row(
        make_project: ProjectFactory) -> None:
    csv = "period,contribution_gbp\n2021-22,100\n2022-23,300\n"
    assert _series(make_project, csv) == []


# W3. percentages written as fractions; one figure written one way on the dashboard

SURVEY = "period,council_percent,national_average_percent\n2022,0.585,63\n2024,0.625,64\n"


def test_a_percent_column_of_fractions_is_warned_of_once_at_its_first_row(
        make_project: ProjectFactory) -> None:
    csv = "period,council_percent\n2022,0.585\n2024,0.625\n2025,0.68\n"
    criteria = ("  - {id: staff, title: Staff, measure: series, file: staff.csv, "
                "column: council_percent, goal: increase}\n"
                "  - {id: staff-65, title: Staff at 65, measure: series, file: staff.csv, "
                "column: council_percent, unit: percent, goal: at-least, target: 65}\n")
    assert _series(make_project, csv, criteria, "data/staff.csv") == [
        "data/staff.csv:2: warning: council_percent: 0.585 in council_percent (a percentage, "
        "by its name) shows as 0.585%: if you meant 58.5%, write 58.5 (every figure of the "
        "column is between 0 and 1: write each 100 times larger)"]


def test_a_fractions_warning_says_unit_percent_when_the_criterion_gives_it(
        make_project: ProjectFactory) -> None:
    csv = "period,council\n2022,0.585\n2024,0.625\n"
    criteria = ("  - {id: staff, title: Staff, measure: series, file: staff.csv, "
                "column: council, unit: percent, goal: increase}\n")
    assert _series(make_project, csv, criteria, "data/staff.csv") == [
        "data/staff.csv:2: warning: council: 0.585 with unit: percent shows as 0.585%: if you "
        "meant 58.5%, write 58.5 (every figure of the column is between 0 and 1: write each "
        "100 times larger)"]


def test_a_percent_column_of_whole_percentages_is_not_warned_of(
        make_project: ProjectFactory) -> None:
    criteria = ("  - {id: staff, title: Staff, measure: series, file: staff.csv, "
                "column: national_average_percent, goal: increase}\n")
    assert _series(make_project, SURVEY, criteria, "data/staff.csv") == []


def _evaluation(tmp_path: Path, csv: str, **criterion: object) -> object:
    (tmp_path / "x.csv").write_text(csv, encoding="utf-8")
    table, problems = read_table(tmp_path / "x.csv", "data/x.csv")
    assert problems == []
    fields = {"id": "c", "title": "C", "measure": "series", "file": "x.csv", **criterion}
    return evaluate_series(SuccessCriterion.model_validate(fields), table)


def test_one_figure_is_written_one_way_in_every_table(tmp_path: Path) -> None:
    csv = "period,council_percent,national_percent\n2022,0.585,0.59\n2024,0.63,0.65\n"
    with_compare = _evaluation(tmp_path, csv, column="council_percent",
                               compare="national_percent", goal="above-compare")
    alone = _evaluation(tmp_path, csv, column="council_percent", goal="at-least", target=65)
    rows = _rows([with_compare, alone], [None, None])  # type: ignore[list-item]
    assert rows[0]["points"] == [("2022", "0.585%", "0.59%"), ("2024", "0.63%", "0.65%")]
    assert rows[1]["points"] == [("2022", "0.585%", None), ("2024", "0.63%", None)]


def test_money_in_a_table_keeps_its_pence(tmp_path: Path) -> None:
    evaluation = _evaluation(tmp_path, "period,income_gbp\n2024,1234.5\n2025,180000\n",
                             column="income_gbp", goal="increase")
    assert _rows([evaluation], [None])[0]["points"] == [  # type: ignore[list-item]
        ("2024", "£1,234.50", None), ("2025", "£180,000", None)]


# W4. unit: against the column's name; the legend follows unit:

def test_a_unit_the_column_name_contradicts_is_warned_of_at_the_unit(
        make_project: ProjectFactory) -> None:
    criteria = ("  - id: s1\n    title: S\n    measure: series\n    file: income.csv\n"
                "    column: contribution_gbp\n    unit: percent\n    goal: increase\n")
    csv = "period,contribution_gbp\n2021-22,180000\n2022-23,245000\n"
    assert _series(make_project, csv, criteria) == [
        "data/strategy.yml:9: warning: success_criteria[0].unit: unit: percent, but the column "
        "contribution_gbp is named as pounds (_gbp): the dashboard writes its figures as "
        "percentages; write unit: GBP (or leave unit: out), or rename the column"]


def test_the_legend_follows_unit() -> None:
    assert human("contribution_gbp", Unit.PERCENT) == "Contribution (%)"
    assert human("contribution_gbp", Unit.COUNT) == "Contribution"
    assert human("contribution_gbp") == "Contribution (£)"
    assert human("satisfaction", Unit.PERCENT) == "Satisfaction (%)"


# W5. an awards target is a whole number, 1 or more

@pytest.mark.parametrize(("target", "shown"), [("-1", "-1"), ("0", "0"), ("1.5", "1.5")])
def test_an_awards_target_is_a_whole_number_of_one_or_more(
        make_project: ProjectFactory, target: str, shown: str) -> None:
    criteria = f"  - id: a1\n    title: A\n    measure: awards\n    target: {target}\n"
    assert _series(make_project, "period,x\n2024,1\n", criteria) == [
        f"data/strategy.yml:7: success_criteria[0].target: {shown} is not a count of award "
        "results: write a whole number, 1 or more (or leave target out for 1)"]


# U1. an at-least target in its unit

@pytest.mark.parametrize(("column", "unit", "target", "rule"), [
    ("contribution_gbp", None, 600000, "the latest value is at least £600,000"),
    ("council_percent", None, 65, "the latest value is at least 65%"),
    ("visits", "hours", 12.5, "the latest value is at least 12.5 hours"),
])
def test_an_at_least_target_is_written_in_its_unit(
        tmp_path: Path, column: str, unit: str | None, target: float, rule: str) -> None:
    evaluation = _evaluation(tmp_path, f"period,{column}\n2024,1\n", column=column,
                             unit=unit, goal="at-least", target=target)
    assert evaluation.rule == rule  # type: ignore[attr-defined]


# U2. a CSV cell that is not a number: the figure to write

@pytest.mark.parametrize(("cell", "hint"), [
    ('"180,000"', "write 180000"),
    ('"£180,000"', "write 180000 (the criterion's unit: GBP adds the £)"),
    ("12%", "write 12, and give the criterion unit: percent (it adds the %)"),
    ("180k", "write 180000"),
    ("(5000)", "write -5000"),
    ("\u22125000", "write -5000"),
    ("180\u00a0000", "write 180000"),
    ("180\u2009000", "write 180000"),
    ("n/a", "write the figure in digits (such as 180000 or -2.5), or leave the row out"),
    # a decimal comma, the European way: never a figure a thousand times smaller (retest29 N1)
    ('"£1.234,50"', "write 1234.50 (the criterion's unit: GBP adds the £)"),
    ('"180.000,5"', "write 180000.5"),
])
def test_a_cell_that_is_not_a_number_is_told_the_figure(
        make_project: ProjectFactory, cell: str, hint: str) -> None:
    csv = f"period,contribution_gbp\n2021-22,{cell}\n2022-23,245000\n"
    shown = cell.strip('"')
    assert _series(make_project, csv) == [
        f'data/income.csv:2: contribution_gbp: expected a number, got "{shown}": {hint}']


def test_a_percent_sign_in_a_percent_series_names_its_unit(make_project: ProjectFactory) -> None:
    criteria = ("  - {id: s, title: S, measure: series, file: income.csv, column: rate, "
                "unit: percent, goal: increase}\n")
    assert _series(make_project, "period,rate\n2024,12%\n2025,15\n", criteria) == [
        'data/income.csv:2: rate: expected a number, got "12%": write 12 (the criterion\'s '
        "unit: percent adds the %)"]


def test_a_story_metric_reads_the_same_figures() -> None:
    assert [digits_meant(text) for text in ("£-5,000", "-£5,000", "(£5,000)", "1.25m", "x",
                                            "1.234,50", "1,2,3")] \
        == ["-5000", "-5000", "-5000", "1250000", None, "1234.50", None]


# U3. a tab-separated file

def test_a_tab_separated_file_is_named_so(make_project: ProjectFactory) -> None:
    csv = "period\tcontribution_gbp\n2021-22\t100\n2022-23\t200\n"
    assert _series(make_project, csv) == [
        'data/income.csv:1: separates its columns with tabs: save it as CSV with commas (in '
        'Excel, "CSV UTF-8 (Comma delimited)")']


def test_a_pound_sign_in_a_column_named_as_pounds_says_the_name_gives_it(
        make_project: ProjectFactory) -> None:
    criteria = ("  - {id: s, title: S, measure: series, file: income.csv, "
                "column: contribution_gbp, goal: increase}\n")
    csv = 'period,contribution_gbp\n2024,"£1,200"\n2025,1500\n'
    assert _series(make_project, csv, criteria) == [
        'data/income.csv:2: contribution_gbp: expected a number, got "£1,200": write 1200 '
        "(the column's name gives its unit, GBP: the £ is added)"]
