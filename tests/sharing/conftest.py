"""A small project whose private parts carry markers, read once per session."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

from generator import clock, project
from generator.catalogue import Catalogue, collect
from generator.sharing import site_outputs
from tests.conftest import INCOME, NOW, STRATEGY, picture, story, write_files

SITE_URL = "https://stories.testshire.gov.uk/"
EPOCH = "1790000000"
"""SOURCE_DATE_EPOCH: 2026-09-21T14:13:20Z."""

PRIVATE_MARKERS = ("DRAFTMARKER", "REVIEWMARKER", "EMBARGOMARKER", "CONTACTMARKER",
                   "COMMENTMARKER", "CONSENTMARKER", "PRIVATEEVIDENCEMARKER", "SCRIPTMARKER")
PRIVATE_SLUGS = ("draft-story", "review-story", "embargoed-story")

MKDOCS = f"""\
site_name: Testshire stories
site_url: {SITE_URL}
docs_dir: content
plugins:
  - showcase
"""

ALPHA_BODY = """\
## Challenge

A challenge. <!-- COMMENTMARKER internal note -->

<script>alert("SCRIPTMARKER")</script>

## Impact

An impact.
"""

FILES: dict[str, str | bytes] = {
    "data/strategy.yml": STRATEGY,
    "data/income.csv": INCOME,
    "evidence/public-file.csv": "month,calls\n2026-01,10\n",
    "evidence/private-file.csv": "month,calls\n2026-01,10\n",
    "stories/media/alpha.png": picture(),
    "stories/2026-03-14-alpha.md": story(
        title="Alpha story",
        date="2026-03-14",
        partners="[Riverside District Council, Testshire Fire]",
        tags="[ai, customer-service]",
        contact="CONTACTMARKER@example.gov.uk",
        image="{src: media/alpha.png, alt: A chart}",
        metrics=("[{id: formula, label: '=HYPERLINK(\"http://x\")', value: -5, unit: count, "
                 "source: pub}, {id: saving, label: Money saved, value: 1250.5, unit: GBP, "
                 "baseline: 0, target: 1000, period: 2025-26, source: priv, verified: true}, "
                 "{id: web, label: '@web visits', value: 7, unit: count, "
                 "source: 'https://example.org/visits'}]"),
        quotes=("[{text: Public words, by: Ann, role: Chief, consent: true}, "
                "{text: CONSENTMARKER words, by: Bob, consent: false}]"),
        evidence=("[{id: pub, path: public-file.csv, title: Call volumes, public: true}, "
                  "{id: priv, path: private-file.csv, title: PRIVATEEVIDENCEMARKER file}]"),
        body=ALPHA_BODY,
    ),
    "stories/2026-05-01-beta.md": story(
        title="Beta story", date="2026-05-01", embargo="2026-05-01T10:00:00+01:00",
        outcomes="[shared-services]", partners="[riverside district council]",
        awards="[{award: LGC Awards, result: won}]"),
    "stories/2026-06-01-draft-story.md": story(
        title="DRAFTMARKER story", date="2026-06-01", status="draft",
        partners="[Riverside District Council]"),
    "stories/2026-06-02-review-story.md": story(
        title="REVIEWMARKER story", date="2026-06-02", status="review"),
    "stories/2026-06-03-embargoed-story.md": story(
        title="EMBARGOMARKER story", date="2026-06-03", embargo="2027-01-01T09:00:00+00:00"),
}


#: write `files` ({path: content}) under `root`
write_project = write_files


@dataclass(frozen=True)
class Shared:
    """The marker project, its catalogue and the site's sharing outputs."""

    root: Path
    catalogue: Catalogue
    now: datetime
    outputs: dict[str, bytes]


@pytest.fixture(scope="session")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shared]:
    root = write_project(tmp_path_factory.mktemp("sharing") / "project",
                         {"mkdocs.yml": MKDOCS, **FILES})
    now = clock.now(NOW)
    catalogue = collect(project.discover(root), now)
    assert not catalogue.errors, catalogue.errors
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        outputs = site_outputs(catalogue, now, SITE_URL)
        yield Shared(root, catalogue, now, outputs)


@pytest.fixture
def epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


__all__ = ["EPOCH", "FILES", "MKDOCS", "NOW", "PRIVATE_MARKERS", "PRIVATE_SLUGS", "SITE_URL",
           "Shared", "write_project"]
