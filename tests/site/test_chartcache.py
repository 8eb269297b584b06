"""The dashboard's charts kept between builds (generator/site/chartcache.py): used only while
everything a chart is drawn from is the same; damaged, missing or unwritable entries cost time,
never a wrong chart."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from generator.model.strategy import SuccessCriterion
from generator.site import chartcache, charts
from generator.site.criteria import Evaluation, Point


@pytest.fixture(autouse=True)
def _kept_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own, written as Python writes by default
    (PYTHONDONTWRITEBYTECODE may be set where the tests run)."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(chartcache, "FOLDER", tmp_path / "charts")
    return tmp_path / "charts"


def _drawn(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The criteria whose charts matplotlib draws from here on."""
    drawn: list[str] = []
    original = charts.criterion_chart

    def counting(evaluation: Evaluation) -> charts.Svg | None:
        drawn.append(evaluation.criterion.id)
        return original(evaluation)
    monkeypatch.setattr(charts, "criterion_chart", counting)
    return drawn


def _evaluation(criterion_id: str = "staff", last: float = 68.0) -> Evaluation:
    criterion = SuccessCriterion(id=criterion_id, title="Staff", measure="series", file="s.csv",
                                 column="council_percent", compare="national_percent",
                                 goal="above-compare", unit="percent")
    assert criterion.unit is not None
    return Evaluation(criterion, last, True, criterion.unit,
                      [Point("2025", 63.5, 64.5), Point("2026", last, 65.0)], "rule",
                      "council_percent", "national_percent")


def test_a_chart_drawn_once_is_the_same_chart_from_the_cache(
        monkeypatch: pytest.MonkeyPatch, _kept_in: Path) -> None:
    drawn = _drawn(monkeypatch)
    first = charts.draw_all([_evaluation()])
    again = charts.draw_all([_evaluation()])
    assert drawn == ["staff"]  # the second time from the cache
    assert again == first and first[0] is not None and "Council (%)" in first[0].inner
    assert len(list(_kept_in.iterdir())) == 1


def test_anything_a_chart_is_drawn_from_changed_draws_it_again(
        monkeypatch: pytest.MonkeyPatch) -> None:
    charts.draw_all([_evaluation()])
    drawn = _drawn(monkeypatch)
    other_value, other_id = charts.draw_all([_evaluation(last=70.0), _evaluation("staff-2")])
    assert drawn == ["staff", "staff-2"]
    assert other_value is not None and other_id is not None
    assert other_value.inner != other_id.inner  # the id salts the SVG's own ids
    monkeypatch.setattr(chartcache, "_code", lambda: "another version of the drawing code")
    charts.draw_all([_evaluation()])
    assert drawn == ["staff", "staff-2", "staff"]


def test_a_damaged_entry_is_drawn_again(monkeypatch: pytest.MonkeyPatch, _kept_in: Path) -> None:
    first = charts.draw_all([_evaluation()])
    drawn = _drawn(monkeypatch)
    for damage in ('{"width": "1"', '{"width": 1, "height": "", "view_box": "", "inner": ""}',
                   "[]", ""):
        (entry,) = _kept_in.iterdir()
        entry.write_text(damage, encoding="utf-8")
        assert charts.draw_all([_evaluation()]) == first
    assert drawn == ["staff"] * 4


def test_nothing_is_kept_when_python_keeps_no_compiled_files(
        monkeypatch: pytest.MonkeyPatch, _kept_in: Path) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    drawn = _drawn(monkeypatch)
    charts.draw_all([_evaluation()])
    charts.draw_all([_evaluation()])
    assert drawn == ["staff", "staff"] and not _kept_in.exists()


def test_an_unwritable_folder_only_costs_time(monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setattr(chartcache, "FOLDER", blocked / "charts")
    assert charts.draw_all([_evaluation()])[0] is not None


def test_a_project_looks_warm_while_its_last_charts_are_kept(_kept_in: Path,
                                                             tmp_path: Path) -> None:
    project = tmp_path / "project"
    assert not chartcache.looks_warm(project)
    chartcache.remember(project, [_evaluation()])
    assert not chartcache.looks_warm(project)  # remembered, not yet drawn
    charts.draw_all([_evaluation()])
    assert chartcache.looks_warm(project)
    assert not chartcache.looks_warm(tmp_path / "another")


def test_the_folder_keeps_at_most_keep_files(monkeypatch: pytest.MonkeyPatch,
                                             _kept_in: Path) -> None:
    monkeypatch.setattr(chartcache, "KEEP", 4)
    charts.draw_all([_evaluation(last=60.0 + n) for n in range(7)])
    assert 2 <= len(list(_kept_in.iterdir())) <= 4


def test_a_matplotlibrc_never_changes_a_chart(monkeypatch: pytest.MonkeyPatch) -> None:
    """A chart is drawn from matplotlib's own defaults: a matplotlibrc (the folder's,
    MPLCONFIGDIR's, the user's) would change a chart its cache key does not know of."""
    import matplotlib

    plain = charts.criterion_chart(_evaluation())
    monkeypatch.setitem(matplotlib.rcParams, "axes.facecolor", "yellow")
    monkeypatch.setitem(matplotlib.rcParams, "lines.linewidth", 9.0)
    styled = charts.criterion_chart(_evaluation())
    assert styled == plain and styled is not None and "#ffff00" not in styled.inner
    assert matplotlib.rcParams["axes.facecolor"] == "yellow"  # the user's settings are theirs
