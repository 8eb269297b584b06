"""HTML comments are internal notes in award files and the strategy too, as in stories: they
reach no page, calendar, search index or pack."""

from __future__ import annotations

import zipfile
from pathlib import Path

from tests.conftest import INCOME, NOW, run_cli, story, write_files

STRATEGY = """\
name: Test strategy <!-- zqnote strategy name -->
council: Testshire Council
outcomes:
  - id: earn-revenue
    title: Technology that earns revenue <!-- zqnote outcome -->
    enabler: Traded services
    description: Income for the general fund. <!-- zqnote description -->
success_criteria:
  - id: income
    title: Grow traded income <!-- zqnote criterion -->
    measure: series
    file: income.csv
    column: income
    unit: GBP
    goal: increase
"""
AWARD = """\
name: LGC Awards <!-- zqnote award name --> 2027
organiser: LGC <!-- zqnote organiser -->
category: Digital <!-- zqnote category -->
deadline: 2027-01-15
stories: [a-test-story]
questions:
  - {id: why, prompt: "Why should it win? <!-- zqnote prompt -->", words: 100, compose: summary}
declarations:
  - The partner agrees. <!-- zqnote declaration -->
"""


def test_notes_in_the_strategy_and_award_files_are_never_shown(tmp_path: Path) -> None:
    root = write_files(tmp_path / "project", {
        "mkdocs.yml": "site_name: T\nsite_url: https://example.org/\ndocs_dir: content\n"
                      "plugins:\n  - search\n  - showcase\n",
        "content/index.md": "# Home\n",
        "data/strategy.yml": STRATEGY, "data/income.csv": INCOME,
        "awards/lgc.yml": AWARD,
        "stories/a.md": story(slug="a-test-story", awards="[{award: lgc, result: won}]"),
    })
    built = run_cli("build", "-p", str(root), "--site-dir", str(tmp_path / "site"), "--now", NOW)
    assert built.exit_code == 0, built.output
    outputs = [p for p in (tmp_path / "site").rglob("*") if p.is_file()]
    assert not [p for p in outputs if b"zqnote" in p.read_bytes()]
    assert b"LGC Awards 2027" in (tmp_path / "site" / "awards" / "index.html").read_bytes()
    packed = run_cli("pack", "lgc", "-p", str(root), "--now", NOW, "--out", str(tmp_path / "dist"))
    assert packed.exit_code in (0, 1), packed.output
    with zipfile.ZipFile(tmp_path / "dist" / "lgc.zip") as pack:
        assert not [name for name in pack.namelist() if b"zqnote" in pack.read(name)]
