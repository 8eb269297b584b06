"""check's list of the site's generated pages (`content.generated_pages`, which judges a
hand-written page's links without rendering anything) is the list the site builds."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import pytest

from generator import content
from generator.catalogue import collect
from generator.project import discover
from generator.site.builder import SiteOptions, build_site, generate
from generator.site.charts import Charts
from generator.site.criteria import Evaluation
from tests.check.casefile import CASES, build, read_case
from tests.conftest import NOW


def _no_charts(evaluations: Sequence[Evaluation]) -> Charts:
    return lambda: [None] * len(evaluations)


@pytest.mark.parametrize("per_page", [1, 2, 20])
def test_generated_pages_are_the_pages_the_site_builds(example_project: Path,
                                                       per_page: int) -> None:
    now = datetime.fromisoformat(NOW)
    catalogue, site = generate(discover(example_project), now, SiteOptions(per_page=per_page),
                               _no_charts)
    listed = content.generated_pages(catalogue.public_stories(now), per_page)
    assert listed == set(site.pages)
    assert ("stories/page/2/index.md" in listed) is (per_page < 20)


def test_a_case_with_later_listing_pages(tmp_path: Path) -> None:
    root = build(read_case(CASES / "content-page-links-not-found.yml"), tmp_path / "project")
    now = datetime.fromisoformat(NOW)
    catalogue = collect(discover(root), now)  # its links are errors: built all the same
    site = build_site(catalogue, now, SiteOptions(per_page=1), _no_charts)
    listed = content.generated_pages(catalogue.public_stories(now), 1)
    assert listed == set(site.pages)
    assert {"tags/cloud/page/2/index.md", "stories/page/2/index.md"} <= listed
    assert "stories/page/3/index.md" not in listed


def test_the_pages_every_site_has_are_generated_without_stories() -> None:
    """check passes links to these without listing the stories' pages (`_FIXED`)."""
    assert content.generated_pages([]) == content._FIXED
