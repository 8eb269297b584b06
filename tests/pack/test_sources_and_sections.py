"""A judge finds every figure's source file in the pack, every section an answer draws on,
and a note of each file renamed or figure without a period."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from generator.markdown_text import sections_named
from tests.conftest import story
from tests.pack.conftest import Pack, build, write_project

AWARD = """\
name: Sources Awards 2027
deadline: 2027-01-15T17:00:00+00:00
period: {from: 2026-01-01, to: 2026-12-31}
stories: [upper, lower]
questions:
  - id: statement
    prompt: What changed?
    words: 500
    compose: "section: Impact"
"""
UPPER = story(
    slug="upper", title="Upper story", date="2026-05-01",
    metrics=("\n  - id: calls\n    label: Calls\n    value: 10\n    unit: count\n"
             "    period: \"2026\"\n    source: ab\n    verified: true\n"
             "  - id: undated\n    label: Undated\n    value: 3\n    unit: count\n"
             "    source: https://example.org/figures\n    verified: true\n"),
    evidence="\n  - id: ab\n    path: A B.csv\n    title: Upper file\n",
    body=("## Impact\n\nFirst impact paragraph.\n\n## Challenge\n\nA challenge.\n\n"
          "## impact\n\nSecond impact paragraph.\n"),
)
LOWER = story(
    slug="lower", title="Lower story", date="2026-04-01",
    metrics=("\n  - id: visits\n    label: Visits\n    value: 7\n    unit: count\n"
             "    period: \"2026\"\n    source: low\n    verified: true\n"),
    evidence="\n  - id: low\n    path: a b.csv\n    title: Lower file\n",
)


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    root = write_project(tmp_path_factory.mktemp("sources"), {
        "awards/sources.yml": AWARD,
        "stories/upper.md": UPPER,
        "stories/lower.md": LOWER,
        "evidence/a b.csv": "lower\n1\n",
        "evidence/A B.csv": "upper\n2\n",
    })
    return build(root, "sources", root / "dist")


def _warnings(pack: Pack) -> list[str]:
    return [line[2:] for line in pack.text("CHECKLIST.md").splitlines()
            if line.startswith("- ") and not line.startswith("- [ ]")]


def test_an_answer_holds_every_section_under_its_heading_in_order(pack: Pack) -> None:
    assert pack.result.exit_code == 0, pack.result.output
    assert pack.text("answers/statement.md") == (
        "**Upper story.**\n\nFirst impact paragraph.\n\nSecond impact paragraph.\n\n"
        "**Lower story.**\n\nAn impact.\n")
    assert ('statement: stories/upper.md has 2 sections headed "Impact": the answer holds '
            "all 2, in order; if one should have another heading, rename it") in _warnings(pack)


def test_a_figure_without_a_period_is_named_when_the_award_has_one(pack: Pack) -> None:
    assert ("stories/upper.md: metric undated has no period: judges cannot tell whether it "
            "falls in the qualifying period 2026-01-01 to 2026-12-31 (add period:, e.g. "
            "period: 2026)") in _warnings(pack)  # inside it (officer30: 2025-26 was not)
    assert not [w for w in _warnings(pack) if "metric calls" in w or "metric visits" in w]


def test_metrics_csv_names_each_source_file_as_it_is_in_the_pack(pack: Pack) -> None:
    rows = list(csv.DictReader(io.StringIO(pack.read("metrics.csv").decode("utf-8-sig"))))
    files = {row["metric id"]: row["source file"] for row in rows}
    assert files == {"calls": "evidence/A B.csv", "undated": "", "visits": "evidence/a b-2.csv"}
    assert pack.text("evidence/A B.csv") == "upper\n2\n"
    assert pack.text("evidence/a b-2.csv") == "lower\n1\n"
    with zipfile.ZipFile(pack.path) as archive:
        assert all(f in archive.namelist() for f in files.values() if f)


def test_a_file_renamed_to_avoid_a_clash_is_said(pack: Pack) -> None:
    assert ('file renamed: evidence/a b.csv (evidence id "low") is evidence/a b-2.csv in the '
            'pack: evidence/A B.csv (evidence id "ab") has the same name (ignoring case)'
            ) in _warnings(pack)


def test_out_is_the_project_folder_the_pack_is_written_to(pack: Pack, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """--out relative to the project (-p), checked where it is used: a file called 'dist'
    in the current folder is no reason to refuse the project's dist/."""
    from tests.conftest import NOW, run_cli
    from tests.pack.conftest import ENV

    (tmp_path / "elsewhere").write_text("")
    (tmp_path / "packs").write_text("a file, not a folder")
    monkeypatch.chdir(tmp_path)
    result = run_cli("pack", "sources", "-p", str(pack.project), "--now", NOW,
                     "--out", "packs", env=ENV)
    assert result.exit_code == 0, result.output
    assert (pack.project / "packs" / "sources.zip").is_file()
    (pack.project / "taken").write_text("a file in the project")
    refused = run_cli("pack", "sources", "-p", str(pack.project), "--now", NOW,
                      "--out", "taken", env=ENV)
    assert refused.exit_code == 2
    assert f"--out: {pack.project / 'taken'} is a file, not a folder" in refused.output


CODE_BODY = ("## Impact\n\nReal impact.\n\n```markdown\n## Impact\ncode, not a heading\n```\n\n"
             "~~~\n## Impact\n~~~\n\n    ## Impact, indented code\n\nStill real.\n\n"
             "## Challenge\n\nA challenge.\n")
SETEXT_BODY = ("Intro.\n\nImpact\n------\n\nUnderlined impact.\n\nOther\n=====\n\nNot it.\n\n"
               "## **Impact** ##\n\nSecond impact.\n")
SECTIONS_AWARD = AWARD.replace("stories: [upper, lower]", "stories: [code, setext, none, empty]")


@pytest.fixture(scope="module")
def sections_pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    root = write_project(tmp_path_factory.mktemp("sections"), {
        "awards/sources.yml": SECTIONS_AWARD,
        "stories/code.md": story(slug="code", title="Code story", date="2026-05-04",
                                 body=CODE_BODY),
        "stories/setext.md": story(slug="setext", title="Setext story", date="2026-05-03",
                                   body=SETEXT_BODY),
        "stories/none.md": story(slug="none", title="No impact", date="2026-05-02",
                                 body="## Challenge\n\n```\n## Impact\n```\n"),
        "stories/empty.md": story(slug="empty", title="Empty impact", date="2026-05-01",
                                  body="## Impact\n\n## Challenge\n\nA challenge.\n"),
    })
    return build(root, "sources", root / "dist")


def test_a_heading_in_code_is_code_and_an_underlined_one_is_a_heading(sections_pack: Pack) -> None:
    assert sections_pack.text("answers/statement.md") == (
        "**Code story.**\n\nReal impact.\n\n```markdown\n## Impact\ncode, not a heading\n```\n\n"
        "~~~\n## Impact\n~~~\n\n    ## Impact, indented code\n\nStill real.\n\n"
        "**Setext story.**\n\nUnderlined impact.\n\nSecond impact.\n")
    warnings = _warnings(sections_pack)
    assert not [w for w in warnings if "stories/code.md" in w]
    assert ('statement: stories/setext.md has 2 sections headed "Impact": the answer holds '
            "all 2, in order; if one should have another heading, rename it") in warnings


def test_a_story_without_the_section_is_named(sections_pack: Pack) -> None:
    assert [w for w in _warnings(sections_pack) if "adds nothing" in w] == [
        'statement: stories/none.md has no section headed "Impact": it adds nothing to this '
        "answer",
        'statement: stories/empty.md has nothing under its heading "Impact": it adds nothing '
        "to this answer"]


@pytest.mark.parametrize(("body", "found"), [
    ("## Impact\n\nA\n\n```\n## Impact\n```\n\nB\n", ["A\n\n```\n## Impact\n```\n\nB"]),
    ("## Impact\n\nA\n\n~~~\n## Impact\n~~~\n", ["A\n\n~~~\n## Impact\n~~~"]),
    ("    ## Impact\n\nA\n", []),
    ("Impact\n------\n\nA\n\nImpact\n======\n\nB\n", ["A"]),  # === is level 1: it ends one
    ("## Impact\n\nA\n\n### Detail\n\nB\n\n# Top\n\nC\n", ["A\n\n### Detail\n\nB"]),
    ("<!-- ## Impact\n-->\n## impact  \n\nA <!-- note --> B\n", ["A  B"]),
    ("Impact\n---\n\nA\n\n## Impact\n---\nB\n", ["A", "---\nB"]),  # a rule under a heading
])
def test_sections_named_finds_headings_as_the_parser_does(body: str, found: list[str]) -> None:
    assert sections_named(body, "Impact") == found


@pytest.mark.parametrize(("start", "end", "example"), [
    ("2025-04-01", "2026-03-31", ", e.g. period: 2025-26"),
    ("2025-07-01", "2026-12-31", ", e.g. period: 2026"),
    ("2024-04-01", "2026-12-31", ", e.g. period: 2026"),
    ("2024-01-01", "2026-06-30", ", e.g. period: 2025-26"),
    ("2026-02-01", "2026-06-30", ", e.g. period: 2026-06"),  # no year inside: a month
    ("2026-02-05", "2026-02-20", ", the months or year the figure was measured in"),
])
def test_the_example_period_lies_inside_the_qualifying_one(start: str, end: str,
                                                          example: str) -> None:
    from datetime import date

    from generator.pack.checklist import _period_inside

    assert _period_inside(date.fromisoformat(start), date.fromisoformat(end)) == example
