"""Fixture packs: every blocker and warning of the contract, and the exit codes."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from tests.conftest import NOW, run_cli, story
from tests.pack.conftest import (
    DRAFT_STORY,
    ENV,
    GOOD_STORY,
    MISSING_FILE_STORY,
    NOT_READY_AWARD,
    READY_AWARD,
    Pack,
)

Factory = Callable[[dict[str, str | bytes]], Path]


def _checklist(pack: Pack) -> list[str]:
    return pack.text("CHECKLIST.md").splitlines()


def test_not_ready_pack_exits_1_with_every_reason(fixture_pack: Pack) -> None:
    assert fixture_pack.result.exit_code == 1, fixture_pack.result.output
    lines = _checklist(fixture_pack)
    assert lines[0] == "# NOT READY: Test Awards 2027"
    blockers = [line[6:] for line in lines if line.startswith("- [ ] ")]
    assert blockers == [
        "story left out: stories/in-draft.md is a draft: set its status to review to enter it, "
        "or take it out of the award's stories",
        "statement: 262 words of 250",
        "plans: no answer yet: write awards/test-awards/plans.md",
        "stories/missing-file.md: evidence gone: evidence/gone.pdf does not exist",
        "Every partner named has agreed to be named.",
    ]
    assert "blocker: statement: 262 words of 250" in fixture_pack.result.output


def test_the_first_line_counts_the_stories_in_words_that_agree(fixture_pack: Pack,
                                                               ready_pack: Pack) -> None:
    assert fixture_pack.result.output.splitlines()[0] == "Test Awards 2027: 2 stories"
    assert ready_pack.result.output.splitlines()[0] == "Ready Awards 2027: 1 story"


def test_warnings_name_metrics_quotes_drafts_and_periods(fixture_pack: Pack) -> None:
    warnings = [line[2:] for line in _checklist(fixture_pack)
                if line.startswith("- ") and not line.startswith("- [ ]")]
    assert warnings == [
        'stories/good.md: metric formula: period "2024" is outside the qualifying period '
        "2026-01-01 to 2026-12-31",
        "stories/good.md: metric risk-calls has no source",
        "stories/good.md: metric risk-calls is not verified",
        'stories/good.md: metric risk-calls: period "mid-2026" could not be checked against '
        "the award's period: write it in one of these forms: 2025-26 (a financial year), "
        "FY2025/26, 2026, 2026-03, Jan 2026, Q4 2025-26, 2026 Q1, 2026-03-14, or a range such as "
        "2025-04-01 to 2026-03-31 (inside the qualifying period, e.g. 2026)",
        "stories/good.md: quote 2 left out (no consent: true)",
        "50 days to the deadline (15 January 2027 17:00 GMT)",  # calendar days (round 14)
    ]
    assert "## Declarations to confirm" in _checklist(fixture_pack)


def test_no_member_names_the_person_whose_quote_has_no_consent(fixture_pack: Pack) -> None:
    """The pack goes to judges: a person who did not agree to be quoted is not named in it."""
    assert fixture_pack.result.exit_code == 1
    for name in fixture_pack.names():
        assert b"Bob Bashful" not in fixture_pack.read(name), name
    assert "Bob Bashful" not in fixture_pack.result.output


def test_answers_are_plain_markdown_without_comments(fixture_pack: Pack) -> None:
    statement = fixture_pack.text("answers/statement.md")
    assert "internal" not in statement and statement.startswith("word0 word1")
    why = fixture_pack.text("answers/why.md")
    assert why == "> \u201cWe love it.\u201d\n>\n> \u2014 Ann Able, Resident\n"
    assert "Secret praise" not in fixture_pack.text("entry.html")
    assert "answers/plans.md" not in fixture_pack.names()
    assert fixture_pack.text("answers/results.md") == (
        "**Good story**\n\n- =SUM(A1:A2): 12.5% (baseline 10%, up 2.5 percentage points; 2024).\n"
        "- @risk calls: 1,200 (mid-2026).\n")


def test_metrics_csv_neutralises_formulas_and_keeps_numbers(fixture_pack: Pack) -> None:
    rows = list(csv.reader(io.StringIO(fixture_pack.read("metrics.csv").decode("utf-8-sig"))))
    assert rows[1] == ["good", "formula", "'=SUM(A1:A2)", "12.5", "percent", "10", "", "2024",
                       "up", "sheet", "true", "evidence/sheet.csv"]
    assert rows[2] == ["good", "risk-calls", "'@risk calls", "1200", "count", "", "", "mid-2026",
                       "up", "", "false", ""]


def test_only_the_included_stories_files_are_packed(fixture_pack: Pack) -> None:
    assert [n for n in fixture_pack.names() if n.startswith(("evidence/", "images/"))] == \
        ["evidence/sheet.csv"]


def test_ready_pack_exits_0(ready_pack: Pack) -> None:
    assert ready_pack.result.exit_code == 0, ready_pack.result.output
    lines = _checklist(ready_pack)
    assert lines[0] == "# READY: Ready Awards 2027"
    assert "| impact | 24 characters of 500 | ok |" in lines
    assert "READY: wrote" in ready_pack.result.output


def test_unknown_award_exits_2_listing_the_ids(ready_pack: Pack) -> None:
    result = run_cli("pack", "nope", "-p", str(ready_pack.project), "--now", NOW, env=ENV)
    assert result.exit_code == 2
    assert 'no award file "nope" in awards/; award ids: ready' in result.output


def test_errors_in_the_award_file_exit_2_and_keep_the_earlier_pack(
        project_factory: Factory) -> None:
    root = project_factory({"awards/ready.yml": READY_AWARD,
                            "stories/ready-one.md": story(slug="ready-one")})
    first = run_cli("pack", "ready", "-p", str(root), "--now", NOW, env=ENV)
    assert first.exit_code == 0, first.output
    earlier = (root / "dist" / "ready.zip").read_bytes()
    (root / "awards" / "ready.yml").write_text(READY_AWARD.replace(
        "{select: {outcomes: [earn-revenue]}}", "[ready-one, ready-two]"))
    result = run_cli("pack", "ready", "-p", str(root), "--now", NOW, env=ENV)
    assert result.exit_code == 2
    assert 'awards/ready.yml:3: stories[1]: no story has the slug "ready-two"' in result.output
    assert result.output.splitlines()[-1] == (
        "showcase: the pack for ready cannot be built: fix the errors above (showcase check "
        f"lists them) ({root / 'dist' / 'ready.zip'} was not replaced: it is from an earlier run)")
    assert (root / "dist" / "ready.zip").read_bytes() == earlier
    assert [p.name for p in (root / "dist").iterdir()] == ["ready.zip"]  # no half-written file


def test_an_award_file_that_cannot_be_read_is_named(project_factory: Factory) -> None:
    root = project_factory({"awards/ready.yml": READY_AWARD.replace("words: 100", "words: many"),
                            "stories/ready-one.md": story(slug="ready-one")})
    result = run_cli("pack", "ready", "-p", str(root), "--now", NOW, env=ENV)
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == \
        "showcase: the award file for ready cannot be read: fix the errors above"
    assert 'awards/ready.yml:7: questions[0].words: expected a whole number, got "many"' in \
        result.output


def test_unwritable_output_exits_2(project_factory: Factory) -> None:
    root = project_factory({"awards/ready.yml": READY_AWARD,
                            "stories/ready-one.md": story(slug="ready-one")})
    (root / "blocked").write_text("a file, not a folder")
    result = run_cli("pack", "ready", "-p", str(root), "--now", NOW, "--out",
                     str(root / "blocked" / "dist"), env=ENV)
    assert result.exit_code == 2
    assert "cannot write" in result.output


def test_deadline_passed_and_tolerance(project_factory: Factory) -> None:
    award = NOT_READY_AWARD.replace("tolerance: 0%", "tolerance: 10%").replace(
        "2027-01-15T17:00:00+00:00", "2026-11-01T17:00:00+00:00")
    root = project_factory({"awards/test-awards.yml": award,
                            "awards/test-awards/statement.md": " ".join(["w"] * 280),
                            "stories/good.md": GOOD_STORY, "evidence/sheet.csv": "a\n",
                            "stories/missing-file.md": MISSING_FILE_STORY,
                            "stories/in-draft.md": DRAFT_STORY})
    result = run_cli("pack", "test-awards", "-p", str(root), "--now", NOW, env=ENV)
    assert result.exit_code == 1
    blockers = [line for line in result.output.splitlines() if line.startswith("blocker: ")]
    assert "blocker: statement: 280 words of 250 (275 allowed with the award's 10% tolerance)" in blockers
    assert "blocker: deadline passed: 1 November 2026 17:00 GMT" in blockers


def test_evidence_names_clashing_by_case_are_renamed(project_factory: Factory) -> None:
    evidence = ("\n  - id: one\n    path: Report.pdf\n    title: One\n"
                "  - id: two\n    path: report.pdf\n    title: Two\n")
    root = project_factory({"awards/ready.yml": READY_AWARD.replace(
        "attachments: {max_files: 2, max_mb_each: 1, formats: [csv, pdf]}\n", ""),
                            "stories/ready-one.md": story(slug="ready-one", evidence=evidence),
                            "evidence/Report.pdf": b"%PDF-1 one", "evidence/report.pdf": b"two"})
    result = run_cli("pack", "ready", "-p", str(root), "--now", NOW, env=ENV)
    assert result.exit_code in (0, 1), result.output
    with zipfile.ZipFile(root / "dist" / "ready.zip") as archive:
        names = [n for n in archive.namelist() if n.startswith("evidence/")]
        assert names == ["evidence/Report.pdf", "evidence/report-2.pdf"]
        assert archive.read("evidence/report-2.pdf") == b"two"


def test_a_character_limit_is_counted_in_the_plain_text_answer(ready_pack: Pack) -> None:
    plain = ready_pack.text("answers/impact.txt")
    assert plain.endswith("\n") and "\n\n" not in plain
    assert f"| impact | {len(plain) - 1} characters of 500 | ok |" in \
        ready_pack.text("CHECKLIST.md").splitlines()
