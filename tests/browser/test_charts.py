"""Dashboard charts: an image with a name and a description, the same figures in a table, status in words."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import STATS, open_context

pytestmark = pytest.mark.browser

CHARTS_JS = """() => [...document.querySelectorAll('figure.showcase-chart')].map(figure => {
  const svg = figure.querySelector('svg');
  const ids = (svg.getAttribute('aria-labelledby') || '').split(/\\s+/);
  const described = (svg.getAttribute('aria-describedby') || '').split(/\\s+/);
  const criterion = figure.closest('.showcase-criterion');
  const table = criterion.querySelector('table');
  return {
    role: svg.getAttribute('role'),
    labelledby: ids.map(id => document.getElementById(id)).map(e => e ? e.tagName : null),
    describedby: described.map(id => document.getElementById(id)).map(e => e ? e.tagName : null),
    title: svg.querySelector(':scope > title').textContent,
    desc: svg.querySelector(':scope > desc').textContent,
    texts: [...svg.querySelectorAll('text')].map(t => t.textContent.trim()),
    head: [...table.querySelectorAll('thead th')].map(c => c.textContent.trim()),
    rows: [...table.querySelectorAll('tbody tr')].map(r => [...r.cells].map(c => c.textContent.trim())),
  };
})"""

STATUS_JS = """() => [...document.querySelectorAll('.showcase-criterion')].map(c => [
  c.classList.contains('showcase-criterion--met'),
  c.querySelector('.showcase-status dd').innerText.trim()])"""


@pytest.fixture(scope="module")
def dashboard(browser: Any, base_url: str) -> dict[str, Any]:
    context, _ = open_context(browser, base_url)
    try:
        page = context.new_page()
        page.goto(base_url + "/dashboard/", wait_until="load")
        charts = page.evaluate(CHARTS_JS)
        named = [page.get_by_role("img", name=chart["title"], exact=True).count() for chart in charts]
        return {"charts": charts, "named": named, "status": page.evaluate(STATUS_JS)}
    finally:
        context.close()


def parse_desc(desc: str) -> tuple[list[str], list[list[str]]]:
    """'A and B by period: 2022 58.5% (63%); 2023 60% (63.5%).' -> (['A', 'B'], [['2022', '58.5%', '63%'], ...])."""
    names, _, points = desc.partition(" by period: ")
    rows = []
    for point in points.rstrip(".").split("; "):
        match = re.fullmatch(r"(\S+) (.+?)(?: \((.+)\))?", point)
        assert match, point
        rows.append([group for group in match.groups() if group is not None])
    return names.split(" and "), rows


def test_the_dashboard_has_a_chart_per_series(dashboard: dict[str, Any]) -> None:
    STATS.check()
    assert [c["title"] for c in dashboard["charts"]] == [
        "Win at least one nationally recognised award for digital achievement",
        "Grow traded services' contribution to the general fund",
        "Staff satisfaction with IT and digital above the national average",
    ]


def test_each_chart_is_an_image_named_by_its_title_and_described(dashboard: dict[str, Any]) -> None:
    for chart, named in zip(dashboard["charts"], dashboard["named"], strict=True):
        STATS.check(4)
        assert chart["role"] == "img"
        # the name is the title alone and the figures are its description, read once (resident33:
        # a name of title and description made screen readers read the figures twice)
        assert chart["labelledby"] == ["title"]
        assert chart["describedby"] == ["desc"]
        assert named == 1  # Chromium's accessibility tree has an image with exactly that name
        assert chart["desc"].strip()


def test_each_chart_description_and_table_hold_the_same_figures(dashboard: dict[str, Any]) -> None:
    for chart in dashboard["charts"]:
        names, points = parse_desc(chart["desc"])
        STATS.check(2)
        assert chart["head"] == ["Period", *[f"{name}" for name in names]]
        assert points == chart["rows"]


def test_each_chart_labels_every_period_of_its_table(dashboard: dict[str, Any]) -> None:
    for chart in dashboard["charts"]:
        STATS.check()
        periods = [row[0] for row in chart["rows"]]
        assert [text for text in chart["texts"] if text in periods] == periods


def test_met_or_not_met_is_said_in_words_not_only_colour(dashboard: dict[str, Any]) -> None:
    STATS.check(len(dashboard["status"]))
    assert dashboard["status"]
    for met, words in dashboard["status"]:
        assert words.endswith("Met" if met else "Not met yet")
