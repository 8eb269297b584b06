"""axe-core finds no WCAG 2.2 A/AA violation on any page type, at desktop width or 320 px wide."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import PAGES, STATS, Tour, describe, open_context, run_axe

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("name", PAGES)
def test_no_axe_violations_at_desktop_width(desktop: Tour, name: str) -> None:
    STATS.check()
    assert desktop.visits[name].violations == [], describe(desktop.visits[name].violations)


@pytest.mark.parametrize("name", PAGES)
def test_no_axe_violations_320_px_wide(mobile: Tour, name: str) -> None:
    STATS.check()
    assert mobile.visits[name].violations == [], describe(mobile.visits[name].violations)


def test_axe_reports_a_planted_contrast_failure(browser: Any, planted: tuple[Path, str]) -> None:
    _, base = planted
    context, _ = open_context(browser, base)
    try:
        page = context.new_page()
        page.goto(f"{base}/contrast.html", wait_until="load")
        violations = run_axe(page)
    finally:
        context.close()
    STATS.check()
    assert [v["id"] for v in violations] == ["color-contrast"]
    summary = violations[0]["nodes"][0]["failureSummary"]
    assert "insufficient color contrast of 1.91 (foreground color: #bbbbbb, background color: #ffffff" in summary
