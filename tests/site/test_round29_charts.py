"""A long series or a long period's label keeps the dashboard's chart readable (hostile29 W1).

A chart is always the same size, labels a few of its periods (each cut to 20 characters) and
describes a long series by its first, last, lowest and highest points; the table beside it has
every period, written in full. check warns of a long unreadable label and of a series too
long to label, quoting at most 40 characters of any cell.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from generator.checks import _numeric_column
from generator.model.story import Unit
from generator.reading.periods import UNDERSTOOD
from generator.reading.series import Table, period_problems
from generator.site import chartcache, charts
from tests.conftest import run_cli, story
from tests.site.conftest import Built, build, site_project, write

LONG = "A" * 200
"""A period's label of 200 characters (a note written in the period's cell)."""
CUT = "A" * 19 + "…"
"""`LONG` as the chart's x axis shows it."""
MONTHS = [f"{2001 + i // 12}-{i % 12 + 1:02d}" for i in range(299)]
"""The other 299 periods: January 2001 to November 2025."""
SERIES = "period,income\n" + "".join(
    f"{label},{index * 100}\n" for index, label in enumerate([LONG, *MONTHS]))
STRATEGY = """\
name: Test strategy
council: Testshire Council
outcomes:
  - id: earn-revenue
    title: Technology that earns revenue
    enabler: Traded services
success_criteria:
  - id: long-income
    title: Grow monthly income
    measure: series
    file: long.csv
    column: income
    unit: GBP
    goal: increase
  - id: short-income
    title: Grow yearly income
    measure: series
    file: income.csv
    column: income
    unit: GBP
    goal: increase
"""
VIEW_BOX = re.compile(r'<figure class="showcase-chart">\s*<svg [^>]*viewBox="([^"]+)"')
FIGURE = re.compile(r'<figure class="showcase-chart">.*?</figure>', re.DOTALL)
X_LABEL = re.compile(r"<text [^>]*text-anchor: middle[^>]*>([^<]*)</text>")


def _project(root: Path) -> Path:
    return write(root, {**site_project(), "data/strategy.yml": STRATEGY, "data/long.csv": SERIES,
                        "stories/2026-03-14-one.md": story()})


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Built, Built]:
    """The project built twice, each build drawing its charts (an empty chart cache)."""
    root = _project(tmp_path_factory.mktemp("round29-charts"))
    built = []
    for name in ("first", "second"):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(chartcache, "FOLDER", root / f"charts-{name}")
            patch.setattr(sys, "dont_write_bytecode", False)  # as Python writes by default
            result = build(root, root / f"site-{name}")
        assert result.result.exit_code == 0, result.result.output
        assert (root / f"charts-{name}").is_dir()  # drawn, then kept
        built.append(result)
    return built[0], built[1]


def _figures(site: Built) -> list[str]:
    """The dashboard's charts (their figure elements), the long series' first."""
    return FIGURE.findall(site.html("dashboard/"))


def test_a_long_series_chart_is_the_size_of_a_short_one(sites: tuple[Built, Built]) -> None:
    html = sites[0].html("dashboard/")
    assert VIEW_BOX.findall(html) == ["0 0 460.8 230.4", "0 0 460.8 230.4"]


def test_its_axis_labels_a_few_periods_the_long_one_cut(sites: tuple[Built, Built]) -> None:
    long, short = _figures(sites[0])
    labelled = X_LABEL.findall(long)
    assert 2 <= len(labelled) <= charts.MAX_TICKS
    assert labelled[0] == CUT and labelled[-1] == "2025-11"
    assert set(labelled[1:]) <= set(MONTHS)
    assert LONG not in long.partition("<figcaption>")[0].partition("</desc>")[2]  # not drawn
    assert X_LABEL.findall(short) == ["2024-25", "2025-26"]  # a short series: each period


def test_its_table_has_every_period_written_in_full(sites: tuple[Built, Built]) -> None:
    html = sites[0].html("dashboard/")
    rows = re.findall(r'<tr><th scope="row">([^<]*)</th> <td>([^<]*)</td></tr>', html)
    assert rows[:300] == [(label, f"£{index * 100:,}")
                          for index, label in enumerate([LONG, *MONTHS])]
    assert rows[300:] == [("2024-25", "£100,000"), ("2025-26", "£150,000")]


def test_a_long_series_is_described_in_sum_a_short_one_in_full(sites: tuple[Built, Built]) -> None:
    long, short = _figures(sites[0])
    assert re.findall(r"<desc [^>]*>([^<]*)</desc>", long) == [
        f"Income (£) by period, 300 periods, each in the table below: first {LONG} £0; last "
        f"2025-11 £29,900; lowest {LONG} £0; highest 2025-11 £29,900."]
    assert re.findall(r"<desc [^>]*>([^<]*)</desc>", short) == [
        "Income (£) by period: 2024-25 £100,000; 2025-26 £150,000."]


def test_charts_are_the_same_bytes_in_two_builds(sites: tuple[Built, Built]) -> None:
    first, second = (_figures(site) for site in sites)
    assert len(first) == 2 and first == second


def test_check_warns_of_the_long_label_and_the_many_rows(sites: tuple[Built, Built]) -> None:
    result = run_cli("check", "-p", str(sites[0].project))
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("data/long.csv")]
    assert lines == [
        "data/long.csv: warning: has 300 periods: its chart shows their trend but labels only a "
        "few of them (the table beside it has every one); for a chart that can label each "
        "period, give a row a year or a quarter (at most 120 rows)",
        f'data/long.csv:2: warning: period: "{"A" * 40}…" (200 characters) is too long for a '
        "period: the chart shows only its start and the table all of it, and check cannot read "
        f"it to check the rows' order; write the period alone, as {UNDERSTOOD}",
    ]
    assert max(len(line) for line in result.output.splitlines()) < 400


def _table(*labels: str, figures: tuple[str, ...] = ()) -> Table:
    cells = figures or tuple(str(n) for n in range(len(labels)))
    return Table("data/s.csv", ["period", "income"],
                 [(line, [label, cell]) for line, (label, cell)
                  in enumerate(zip(labels, cells, strict=True), start=2)])


def _messages(table: Table) -> list[str]:
    return [f"{p.line}: {p.message}" for p in period_problems(table)]


def test_a_cell_is_quoted_to_40_characters_in_every_period_message() -> None:
    huge = "2025-26 (" + "x" * 5000 + ")"  # read as 2025-26: a note in brackets
    quoted = '"2025-26 (' + "x" * 31 + '…"'
    assert _messages(_table("2024-25", huge, huge)) == [
        f"4: {quoted} is on line 3 too: give each period one row"]
    assert _messages(_table(huge, "2025-26")) == [
        f'3: "2025-26" is the same period as {quoted} on line 2 (1 April 2025 to 31 March '
        "2026): give each period one row"]
    assert _messages(_table(huge, "Q1 2025-26")) == [
        f'3: "Q1 2025-26" is part of {quoted} on line 2: give each stretch of time one row, '
        "none within another (the last row is the current value the dashboard shows)"]
    assert _messages(_table(huge, "2024-25")) == [
        f'3: "2024-25" comes after {quoted}: put the rows in order, oldest first (the last '
        "row is the current value the dashboard shows)"]
    assert _messages(_table("Wave 1", "B" * 41, "B" * 40)) == [
        f'3: "{"B" * 40}…" (41 characters) is too long for a period: the chart shows only its '
        "start and the table all of it, and check cannot read it to check the rows' order; "
        f"write the period alone, as {UNDERSTOOD}",
        f'2: "Wave 1" is not a period check can read (nor are "{"B" * 40}" on line 4): the '
        "dashboard shows them as written, but their order and overlaps with the other rows "
        f"cannot be checked; write them as {UNDERSTOOD}"]


def test_a_figure_cell_is_quoted_to_40_characters() -> None:
    table = _table("2024-25", figures=("9" * 5000,))
    assert [p.message for p in _numeric_column("data/strategy.yml", 1, "column", table, "income",
                                               (Unit.GBP, True))] == [
        f'expected a number, got "{"9" * 40}…": write the figure in digits (such as 180000 or '
        "-2.5), or leave the row out"]


def test_120_rows_are_not_warned_of_121_are() -> None:
    def warned(rows: int) -> list[str]:
        return [m for m in _messages(_table(*MONTHS[:rows])) if "periods: its chart" in m]

    assert warned(120) == []
    assert len(warned(121)) == 1 and warned(121)[0].startswith("None: has 121 periods")


def test_the_axis_labels_spread_evenly_first_and_last_always() -> None:
    assert charts.tick_places(5, 12) == [0, 1, 2, 3, 4]
    assert charts.tick_places(10, 4) == [0, 3, 6, 9]
    assert charts.tick_places(8, 6) == [0, 1, 3, 4, 6, 7]
    assert charts.tick_places(10_000, 2) == [0, 9999]
    assert charts.shortened("A" * 20) == "A" * 20
    assert charts.shortened("Provisional figures before audit") == "Provisional figures…"
    assert charts.max_ticks(["1"] * 300) == charts.MAX_TICKS
