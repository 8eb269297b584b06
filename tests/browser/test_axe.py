"""axe-core finds no WCAG 2.2 A/AA violation on any page type, at desktop width or 320 px wide."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PAGES, STATS, Tour, describe

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("name", PAGES)
def test_no_axe_violations_at_desktop_width(desktop: Tour, name: str) -> None:
    STATS.check()
    assert desktop.visits[name].violations == [], describe(desktop.visits[name].violations)


@pytest.mark.parametrize("name", PAGES)
def test_no_axe_violations_320_px_wide(mobile: Tour, name: str) -> None:
    STATS.check()
    assert mobile.visits[name].violations == [], describe(mobile.visits[name].violations)
