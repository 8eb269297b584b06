"""A story from `showcase new` passes check, with warnings naming exactly what is left to fill in."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import NOW, ProjectFactory, run_cli

TITLE = "AI webchat cuts call waiting times"
FILE = "stories/2026-11-26-ai-webchat-cuts-call-waiting-times.md"
CONFIG = "site_name: Test\ntheme: {name: material, font: false}\nplugins:\n  - showcase\n"


def _check(root: Path) -> tuple[int, dict[str, object]]:
    result = run_cli("check", "-p", str(root), "--now", NOW, "--format", "json")
    return result.exit_code, json.loads(result.output)


def _new(make_project: ProjectFactory) -> Path:
    root = make_project({"mkdocs.yml": CONFIG})
    result = run_cli("new", TITLE, "-p", str(root), "--now", NOW)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == f"Created {FILE} (status: draft)."
    return root


def test_a_new_story_passes_check_with_warnings_naming_what_to_fill_in(make_project: ProjectFactory) -> None:
    root = _new(make_project)
    code, report = _check(root)
    assert code == 0
    assert report["errors"] == 0
    assert [(p["path"], p["field"], p["severity"]) for p in report["problems"]] == [  # type: ignore[attr-defined]
        (FILE, "summary", "warning"),
        (FILE, "service", "warning"),
        (FILE, "outcomes", "warning"),
    ]


def _fill(text: str) -> str:
    text = text.replace('summary: ""', 'summary: "Residents get answers at any hour, and calls fell by a third."')
    text = text.replace('service: ""', 'service: "Customer services"')
    text = text.replace("outcomes: []", "outcomes: [earn-revenue]")
    return re.sub(r"<!--.*?-->", "We wrote this section.", text, flags=re.S)


def test_a_filled_in_new_story_has_no_warning_at_all(make_project: ProjectFactory) -> None:
    root = _new(make_project)
    path = root / FILE
    filled = _fill(path.read_text(encoding="utf-8"))
    assert filled.count("We wrote this section.") == 4
    path.write_text(filled, encoding="utf-8")
    code, report = _check(root)
    assert (code, report["errors"], report["warnings"], report["problems"]) == (0, 0, 0, [])


def test_a_filled_in_new_story_is_ready_for_review(make_project: ProjectFactory) -> None:
    root = _new(make_project)
    path = root / FILE
    path.write_text(_fill(path.read_text(encoding="utf-8")).replace("status: draft", "status: review"),
                    encoding="utf-8")
    code, report = _check(root)
    assert (code, report["problems"]) == (0, [])


def test_a_title_with_a_comment_and_a_pound_sign_names_the_file_by_the_words_shown(
        make_project: ProjectFactory) -> None:
    root = make_project({"mkdocs.yml": CONFIG})
    title = "Café & Crème: <!-- note --> £1.2m saved!"
    result = run_cli("new", title, "-p", str(root), "--now", NOW)
    assert result.exit_code == 0, result.output
    name = "stories/2026-11-26-cafe-and-creme-1-2m-saved.md"
    assert result.output.splitlines()[0] == f"Created {name} (status: draft)."
    assert f"title: {json.dumps(title, ensure_ascii=False)}\n" in (root / name).read_text(encoding="utf-8")
    code, report = _check(root)
    assert (code, report["errors"]) == (0, 0)


@pytest.mark.parametrize(("title", "slug"), [
    ("€5m saved by $300 of kit", "5m-saved-by-300-of-kit"),
    ("¥ and ₹ budgets", "and-budgets"),
    ("©2026 ™ award 🎉 for 50% cut", "2026-award-for-50-cut"),
    ("Cost: £1.2m → £0.8m", "cost-1-2m-0-8m"),
    ("£", "story"),
    ("Open day <!-- unclosed note", "open-day"),
])
def test_symbols_leave_no_letters_in_the_file_name(make_project: ProjectFactory, title: str,
                                                   slug: str) -> None:
    root = make_project({"mkdocs.yml": CONFIG})
    result = run_cli("new", title, "-p", str(root), "--now", NOW)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == f"Created stories/2026-11-26-{slug}.md (status: draft)."


def test_a_title_that_is_only_a_comment_is_a_usage_error(make_project: ProjectFactory) -> None:
    root = make_project({"mkdocs.yml": CONFIG})
    result = run_cli("new", "<!-- to do -->", "-p", str(root), "--now", NOW)
    assert result.exit_code == 2, result.output
    assert result.output.splitlines()[-1] == (
        "showcase: the title is only an HTML comment (an internal note, never shown): "
        'write showcase new "A title for the story"')
    assert not (root / "stories").exists()


def test_a_title_whose_address_another_story_has_gets_the_next_free_one(
        make_project: ProjectFactory) -> None:
    """Two stories cannot share a web address: check would stop every build."""
    from tests.conftest import story

    root = make_project({"mkdocs.yml": CONFIG,
                         "stories/2025-01-01-shared-gis-service.md": story(),
                         "stories/2025-02-02-other.md": story(slug="shared-gis-service-2")})
    result = run_cli("new", "Shared GIS service", "-p", str(root), "--now", NOW)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:2] == [
        "Created stories/2026-11-26-shared-gis-service-3.md (status: draft).",
        'Another story already has the web address "shared-gis-service", so this one is named '
        '"shared-gis-service-3"; rename the file to choose another.']
    code, report = _check(root)
    assert code == 0 and report["errors"] == 0


def test_a_broken_strategy_is_said_by_new_and_stops_cms(make_project: ProjectFactory,
                                                        tmp_path: Path) -> None:
    root = make_project({"mkdocs.yml": CONFIG,
                         "data/strategy.yml": "name: Broken\noutcomes:\n\t- id: x\n"})
    made = run_cli("new", TITLE, "-p", str(root), "--now", NOW)
    assert made.exit_code == 0, made.output
    assert ("Note: data/strategy.yml has errors (run showcase check), so the outcomes to choose "
            "from are not listed in the new file.") in made.stderr
    assert "(none: data/strategy.yml has errors, see showcase check)" in (root / FILE).read_text()
    editor = run_cli("cms", "-p", str(root), "--out", str(tmp_path / "out"))
    assert editor.exit_code == 1
    assert editor.stderr.strip().endswith(
        "data/strategy.yml is missing or has errors (run showcase check): the editor offers its "
        "outcomes, so nothing was written")
    assert not (tmp_path / "out").exists()


def test_control_characters_are_removed_from_the_title_and_said(make_project: ProjectFactory,
                                                                 ) -> None:
    root = make_project({"mkdocs.yml": CONFIG})
    result = run_cli("new", 'Bad \u202e title\x07 with "quotes"\x9b', "-p", str(root), "--now", NOW)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:2] == [
        "Created stories/2026-11-26-bad-title-with-quotes.md (status: draft).",
        "Removed 3 control characters from the title (1 of them a text-direction control): "
        "check refuses them in a story, and a text-direction control shows the text after it "
        "reversed."]
    text = (root / "stories/2026-11-26-bad-title-with-quotes.md").read_text(encoding="utf-8")
    assert text.splitlines()[1] == 'title: "Bad title with \\"quotes\\""'
    checked = run_cli("check", "-p", str(root), "--now", NOW)
    assert checked.exit_code == 0, checked.output
    assert "control character" not in checked.output
    assert "warning: summary: is empty" in checked.output  # a draft's usual warnings


def test_a_title_of_only_control_characters_or_bytes_not_utf8_writes_nothing(
        make_project: ProjectFactory) -> None:
    root = make_project({"mkdocs.yml": CONFIG})
    only = run_cli("new", "\x07\u202e", "-p", str(root), "--now", NOW)
    assert only.exit_code == 1
    assert only.stderr.strip() == ('showcase: the title is empty (it held only control '
                                   'characters): write showcase new "A title for the story"')
    latin1 = run_cli("new", "Caf\udce9 opens", "-p", str(root), "--now", NOW)  # b"Caf\xe9"
    assert latin1.exit_code == 2
    assert "the title holds bytes that are not UTF-8 text (e9): set the terminal to UTF-8" \
        in latin1.stderr
    assert not list((root / "stories").glob("*.md"))
