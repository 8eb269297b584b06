"""An award file's whole numbers (words, characters, total_words, max_files): `check` and the
shipped JSON Schema give one verdict. JSON Schema's integer takes 5000.0, so check takes it
as 5000 too; 5000.5, "5000" and true are refused by both (round 12, pack finding 9)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import jsonschema
import pytest

from generator.catalogue import Catalogue, collect
from generator.clock import now
from generator.pack import make_plan
from generator.project import discover
from generator.reading import safe_yaml
from tests.conftest import NOW, REPO, ProjectFactory, run_cli, story, write_files

TOTAL = "name: X Awards\nstories: [a-test-story]\ntotal_words: {value}\nquestions:\n" \
        "  - {{id: why, prompt: Why?, compose: summary}}\n"
WORDS = "name: X Awards\nstories: [a-test-story]\nquestions:\n  - {{id: why, prompt: Why?, words: {value}}}\n"
CHARACTERS = "name: X Awards\nstories: [a-test-story]\nquestions:\n" \
             "  - {{id: why, prompt: Why?, characters: {value}}}\n"
FILES = "name: X Awards\nstories: [a-test-story]\nquestions:\n  - {{id: why, prompt: Why?, words: 100}}\n" \
        "attachments: {{max_files: {value}}}\n"

ACCEPTED = {
    "total-5000": TOTAL.format(value="5000"),
    "total-5000-0": TOTAL.format(value="5000.0"),
    "words-250-0": WORDS.format(value="250.0"),
    "characters-1500-0": CHARACTERS.format(value="1500.0"),
    "files-3-0": FILES.format(value="3.0"),
}
REJECTED = {
    "total-5000-5": (TOTAL.format(value="5000.5"), "3: total_words: expected a whole number, got 5000.5"),
    "total-text": (TOTAL.format(value='"5000"'), '3: total_words: expected a whole number, got "5000"'),
    "total-0-0": (TOTAL.format(value="0.0"), "3: total_words: expected a number above zero, got 0"),
    "words-250-5": (WORDS.format(value="250.5"),
                    "4: questions[0].words: expected a whole number, got 250.5"),
    "files-3-5": (FILES.format(value="3.5"), "5: attachments.max_files: expected a whole number, got 3.5"),
    "files-text": (FILES.format(value='"3"'), '5: attachments.max_files: expected a whole number, got "3"'),
    "files-true": (FILES.format(value="true"), "5: attachments.max_files: expected a whole number, got true"),
}


@cache
def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((REPO / "schemas" / "award.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _schema_errors(text: str) -> list[str]:
    return [error.message for error in _validator().iter_errors(safe_yaml.load(text).data)]


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    files: dict[str, str | bytes] = {"stories/2026-03-14-a-test-story.md": story()}
    files |= {f"awards/{name}.yml": text for name, text in ACCEPTED.items()}
    files |= {f"awards/{name}.yml": text for name, (text, _) in REJECTED.items()}
    root = write_files(tmp_path_factory.mktemp("whole"), files)
    return collect(discover(root), now(NOW))


def _check_errors(catalogue: Catalogue, name: str) -> list[str]:
    return [f"{p.line}: {p.field}: {p.message}" for p in catalogue.errors
            if p.path == f"awards/{name}.yml"]


@pytest.mark.parametrize("name", ACCEPTED)
def test_a_whole_number_with_a_point_is_accepted_by_check_and_the_schema(
        checked: Catalogue, name: str) -> None:
    assert (_check_errors(checked, name), _schema_errors(ACCEPTED[name])) == ([], [])


@pytest.mark.parametrize("name", REJECTED)
def test_a_fraction_text_or_true_is_refused_by_both(checked: Catalogue, name: str) -> None:
    text, message = REJECTED[name]
    assert _check_errors(checked, name) == [message]
    assert _schema_errors(text), "the schema accepts what check refuses"


def test_the_number_read_is_the_whole_number(checked: Catalogue) -> None:
    entries = {Path(award.path).stem: award.entry for award in checked.awards}
    assert entries["total-5000-0"].total_words == 5000
    assert type(entries["total-5000-0"].total_words) is int
    assert entries["words-250-0"].questions[0].words == 250
    assert entries["files-3-0"].attachments is not None
    assert entries["files-3-0"].attachments.max_files == 3


def test_check_and_pack_take_total_words_written_with_a_point(make_project: ProjectFactory) -> None:
    root = make_project({"stories/2026-03-14-a-test-story.md": story(slug="a-test-story"),
                         "awards/x.yml": TOTAL.format(value="5000.0")})
    result = run_cli("check", "-p", str(root), "--now", NOW)
    assert result.exit_code == 0, result.output
    plan = make_plan(collect(discover(root), now(NOW)), "x", now(NOW))
    assert plan.checklist.blockers == []
