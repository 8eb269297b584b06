"""Generated projects of many stories, for the scale guards (built once per session)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import NOW
from tests.site.conftest import NAV

EPOCH = "1767225600"
SERVICES = [f"Service {n}" for n in range(10)]
TAGS = [f"topic-{n}" for n in range(40)]
STRATEGY = """\
name: Scale strategy
council: Scaleshire Council
outcomes:
  - {id: earn-revenue, title: Technology that earns revenue, enabler: Traded services}
  - {id: shared-services, title: Shared services, enabler: Shared platforms}
success_criteria:
  - {id: wins, title: Win an award, measure: awards, target: 1}
"""
CONFIG = """\
site_name: Scale
site_url: https://scale.test.example/
docs_dir: content
theme: {{name: material, font: false}}
plugins:
  - search
  - showcase:
      search_full_text_limit: {limit}
validation:
  nav:
    omitted_files: info
""" + NAV
PARAGRAPH = ("We worked with residents and staff to understand what was not working, tested "
             "each change with the people who use the service and measured the difference. ")


def story_text(n: int) -> str:
    """Published story number `n`: two metrics, two tags, a four-section body of its own."""
    tags = sorted({TAGS[n % 40], TAGS[(n * 7) % 40]})
    body = "".join(f"## {heading}\n\nStory {n}. {PARAGRAPH * 2}\n\n"
                   for heading in ("Challenge", "What we did", "Impact", "What's next"))
    return "\n".join([
        "---", f"title: Story number {n}", f"summary: What story {n} changed for residents.",
        f"date: {2020 + n % 6}-{1 + n % 12:02d}-{1 + n % 28:02d}", "status: published",
        f"service: {SERVICES[n % 10]}",
        f"outcomes: [{'earn-revenue' if n % 2 else 'shared-services'}]",
        f"tags: [{', '.join(tags)}]", "metrics:",
        f"  - {{label: Annual saving, value: {1000 * (n % 50 + 1)}, unit: GBP, baseline: 0}}",
        "---", body])


def make_scale_project(root: Path, size: int, limit: int = 500) -> Path:
    """A project of `size` generated published stories under `root`."""
    (root / "content").mkdir(parents=True)
    (root / "content/index.md").write_text("# Home\n\nThe scale site.\n", encoding="utf-8")
    (root / "data").mkdir()
    (root / "data/strategy.yml").write_text(STRATEGY, encoding="utf-8")
    (root / "stories").mkdir()
    for n in range(size):
        (root / f"stories/s{n:05d}.md").write_text(story_text(n), encoding="utf-8")
    (root / "mkdocs.yml").write_text(CONFIG.format(limit=limit), encoding="utf-8")
    return root


@pytest.fixture(autouse=True)
def _fixed_clock() -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in ("SHOWCASE_NOW", "SOURCE_DATE_EPOCH",
                                                     "NO_MKDOCS_2_WARNING")}
    os.environ.update(SHOWCASE_NOW=NOW, SOURCE_DATE_EPOCH=EPOCH, NO_MKDOCS_2_WARNING="1")
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
