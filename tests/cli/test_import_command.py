"""`showcase import`: a partner's odd ids and addresses are told in plain words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import NOW, ProjectFactory, run_cli


def _record(**fields: object) -> dict[str, object]:
    found: dict[str, object] = {
        "id": "a-story", "title": "A story", "summary": "What happened.",
        "date": "2026-03-14", "published": "2026-03-14T00:00:00+00:00", "service": "Digital",
        "outcomes": ["earn-revenue"], "tags": [], "partners": [], "url": None, "image": None,
        "metrics": [], "quotes": [], "evidence": [], "awards": [], "content_html": "<p>Hi.</p>",
    }
    found.update(fields)
    return found


def _export(tmp_path: Path, *records: dict[str, object]) -> Path:
    path = tmp_path / "stories.json"
    path.write_text(json.dumps({"version": 1, "publisher": "Testshire Fire", "site_url": None,
                                "generated": "2026-01-01T00:00:00Z", "stories": list(records)}),
                    encoding="utf-8")
    return path


def _partner(make_project: ProjectFactory) -> Path:
    return make_project({"mkdocs.yml": "site_name: Partner\n"})


def test_an_id_too_long_for_a_file_name_is_skipped_by_name(make_project: ProjectFactory,
                                                           tmp_path: Path) -> None:
    partner = _partner(make_project)
    long_id = "a" * 300
    result = run_cli("import", str(_export(tmp_path, _record(id=long_id), _record())),
                     "-p", str(partner), "--now", NOW)
    assert result.exit_code == 0, result.output
    assert "internal error" not in result.output
    assert result.output.splitlines()[0] == (
        f"skipped stories/2026-03-14-{long_id}.md: stories[0].id is 300 characters long: "
        "too long for a file name (at most 241); copy the story in by hand under a shorter slug")
    assert result.output.count(long_id) == 1
    assert sorted(p.name for p in (partner / "stories").iterdir()) == ["2026-03-14-a-story.md"]
    assert "Imported 1 of 2 stories" in result.output


def test_pattern_errors_are_in_plain_words(make_project: ProjectFactory, tmp_path: Path) -> None:
    bad = _export(tmp_path, _record(id="Not A Slug", url="ftp://example.org/x",
                                    outcomes=["Earn Revenue"]))
    result = run_cli("import", str(bad), "-p", str(_partner(make_project)))
    assert result.exit_code == 1
    assert result.output.splitlines()[:3] == [
        f'{bad}: stories[0].id: expected lowercase letters, digits and single hyphens '
        '(like my-story-2026), got "Not A Slug" (write not-a-slug)',
        f'{bad}: stories[0].outcomes[0]: expected lowercase letters, digits and single hyphens '
        '(like my-story-2026), got "Earn Revenue" (write earn-revenue)',
        f'{bad}: stories[0].url: expected a web address starting https:// (or http://), '
        'got "ftp://example.org/x"',
    ]
    assert "String should match pattern" not in result.output


def test_a_stories_folder_that_cannot_be_written(make_project: ProjectFactory,
                                                 tmp_path: Path) -> None:
    partner = make_project({"mkdocs.yml": "site_name: Partner\n", "stories": b""})
    result = run_cli("import", str(_export(tmp_path, _record())), "-p", str(partner), "--now", NOW)
    assert result.exit_code == 2, result.output
    assert result.output.splitlines()[-1].startswith(
        f"showcase: cannot write {partner.resolve() / 'stories'}")


@pytest.mark.parametrize(("content", "kind"), [
    ("[]", "an empty list, []"),
    ('[{"version": 1}]', "a list"),
    ('"stories"', "a piece of text"),
    ("3", "a number"),
    ("null", "null"),
    ("true", "true or false"),
])
def test_a_file_that_is_not_one_object_is_told_in_plain_words(make_project: ProjectFactory,
                                                               tmp_path: Path, content: str,
                                                               kind: str) -> None:
    partner = _partner(make_project)
    bad = tmp_path / "stories.json"
    bad.write_text(content, encoding="utf-8")
    result = run_cli("import", str(bad), "-p", str(partner), "--now", NOW)
    assert result.exit_code == 1, result.output
    assert result.output.splitlines() == [
        f"showcase: {bad} is not a stories.json file: it holds {kind}, where a stories.json (as "
        'showcase export writes it) holds one object, {"version": 1, "publisher": ..., '
        '"site_url": ..., "generated": ..., "stories": [...]} (see stories.schema.json); '
        "nothing was imported"]
    assert "dictionary" not in result.output
    assert not (partner / "stories").exists()


def test_a_created_story_is_named_once_with_its_warnings_beneath(make_project: ProjectFactory,
                                                                 tmp_path: Path) -> None:
    result = run_cli("import", str(_export(tmp_path, _record(outcomes=["elsewhere"]))),
                     "-p", str(_partner(make_project)), "--now", NOW)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:3] == [
        "created stories/2026-03-14-a-story.md",
        '  outcomes: dropped "elsewhere": this project\'s strategy has no such outcome',
        "  outcomes: none left: choose one of this project's outcomes before review",
    ]


def test_a_story_too_big_for_a_story_file_is_skipped_and_field_errors_are_plain(
        make_project: ProjectFactory, tmp_path: Path) -> None:
    """check refuses a story file over 5 MB: import does not write one (it did, then check
    stopped every build); a field stories.json does not have, or a date that is not one, is
    said in plain words."""
    partner = _partner(make_project)
    huge = _record(id="huge", content_html="<p>" + "word " * 1_300_000 + "</p>")
    result = run_cli("import", str(_export(tmp_path, huge, _record())), "-p", str(partner),
                     "--now", NOW)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith(
        "skipped stories/2026-03-14-huge.md: the story would be 6.2 MB, more than a story file "
        "may be (5 MB): copy it in by hand, shortened")
    assert sorted(p.name for p in (partner / "stories").iterdir()) == ["2026-03-14-a-story.md"]
    bad = _export(tmp_path, _record(colour="blue", date="14/03/2026"))
    told = run_cli("import", str(bad), "-p", str(partner))
    assert told.exit_code == 1
    assert f"{bad}: stories[0].colour: is not a field of stories.json (see stories.schema.json): remove it" \
        in told.output.splitlines()
    assert f'{bad}: stories[0].date: expected a date written YYYY-MM-DD, got "14/03/2026"' \
        in told.output.splitlines()
