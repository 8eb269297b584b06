"""Round 31: export and import messages a comms officer can act on (tester's findings).

1. `export --partner` naming no public story's partner writes nothing (the last good files
   stay), exits 1 and says whom they may have meant; `import` of a file holding no stories
   refuses it (exit 1), saying whom to ask; the import's summary names the council.
2. `import https://...` is a usage error saying to download the file first (no network).
3. `import` of the export's metrics.csv or a schema names that file and the one to import; a
   file that is not JSON is told in plain words, at its line and column.
(4, YAML's "did not find expected key" in plain words, is in tests/check/cases/yaml-*.yml.)
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import NOW, ProjectFactory, run_cli
from tests.sharing.conftest import FILES, MKDOCS, write_project

NEXT = " as drafts. Next: read each one, confirm quotes and figures, then run: showcase check"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sharing project and its export (every public story) into its dist/open-data/."""
    source = write_project(tmp_path_factory.mktemp("r31m") / "source", {"mkdocs.yml": MKDOCS, **FILES})
    result = run_cli("export", "-p", str(source), "--now", NOW)
    assert result.exit_code == 0, result.output
    return source, source / "dist" / "open-data"


def _partner(make_project: ProjectFactory) -> Path:
    return make_project({"mkdocs.yml": "site_name: Partner\nplugins:\n  - showcase\n"})


def test_a_mistyped_partner_keeps_the_last_good_files_and_exits_1(
        exported: tuple[Path, Path]) -> None:
    source, out = exported
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    result = run_cli("export", "-p", str(source), "--now", NOW,
                     "--partner", "Riverside Distric Council")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        'showcase: no public story lists "Riverside Distric Council" under partners. Did you '
        f'mean "Riverside District Council"? Nothing was written (any files already in {out}/ '
        "are kept)"]
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert json.loads(before["stories.json"])["stories"]


def test_a_partner_that_matches_still_writes(exported: tuple[Path, Path], tmp_path: Path) -> None:
    source, _ = exported
    result = run_cli("export", "-p", str(source), "--now", NOW, "--out", str(tmp_path / "d"),
                     "--partner", "riverside district council")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Wrote 2 public stories naming the partner ")


def _stories_json(tmp_path: Path, **fields: object) -> Path:
    path = tmp_path / "stories.json"
    path.write_text(json.dumps({"version": 1, "publisher": "Riverside stories", "site_url": None,
                                "generated": "2026-01-01T00:00:00Z", "stories": [], **fields}),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize(("fields", "told"), [
    ({"council": "Riverside District Council", "partner": "Testshire Council"},
     'Riverside District Council exported it for the partner "Testshire Council", and none of '
     "their public stories names that partner. Ask them to export again with the partner's name "
     "as their stories write it (nothing was imported)"),
    ({}, "Riverside stories had no public stories when it was exported. Ask them to export again "
         "once they have published some (nothing was imported)"),
])
def test_a_file_without_stories_is_refused_saying_whom_to_ask(
        make_project: ProjectFactory, tmp_path: Path, fields: dict[str, object], told: str) -> None:
    partner = _partner(make_project)
    file = _stories_json(tmp_path, **fields)
    result = run_cli("import", str(file), "-p", str(partner), "--now", NOW)
    assert result.exit_code == 1
    assert result.output.splitlines() == [f"showcase: {file} holds no stories: {told}"]
    assert not (partner / "stories").exists()


def test_the_summary_names_the_council_else_the_publisher(
        exported: tuple[Path, Path], make_project: ProjectFactory, tmp_path: Path) -> None:
    _, out = exported
    partner = _partner(make_project)
    result = run_cli("import", str(out / "stories.json"), "-p", str(partner), "--now", NOW)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "Imported 2 of 2 stories from Testshire Council" + NEXT
    data = json.loads((out / "stories.json").read_text(encoding="utf-8"))
    del data["council"]  # a file written before council existed
    older = tmp_path / "older.json"
    older.write_text(json.dumps(data), encoding="utf-8")
    for written in (partner / "stories").iterdir():
        written.unlink()
    result = run_cli("import", str(older), "-p", str(partner), "--now", NOW)
    assert result.output.splitlines()[-1] == "Imported 2 of 2 stories from Testshire stories" + NEXT


@pytest.mark.parametrize("address", ["https://showcase.example.gov.uk/data/stories.json",
                                     "HTTP://example.org/open/partner.json"])
def test_a_web_address_is_a_usage_error_saying_download_it_first(
        make_project: ProjectFactory, address: str) -> None:
    result = run_cli("import", address, "-p", str(_partner(make_project)))
    assert result.exit_code == 2
    name = address.rsplit("/", 1)[1]
    assert result.output.splitlines()[-1] == (
        f"Error: Invalid value for 'FILE': {address} is a web address: showcase import reads a "
        "file on this computer, not a web address. Download it first (open the address in a "
        f"browser and save the file, or run: curl -O {address}), then run: showcase import {name}")


def test_a_missing_file_is_still_clicks_words(make_project: ProjectFactory) -> None:
    result = run_cli("import", "nowhere/stories.json", "-p", str(_partner(make_project)))
    assert result.exit_code == 2
    assert "File 'nowhere/stories.json' does not exist." in result.output


@pytest.mark.parametrize(("name", "told"), [
    ("metrics.csv", "is the export's metrics.csv (the stories' figures, as a table), not its "
                    "stories"),
    ("stories.schema.json", "is the export's stories.schema.json, which describes the fields of "
                            "a file but holds no stories"),
    ("metrics.schema.json", "is the export's metrics.schema.json, which describes the fields of "
                            "a file but holds no stories"),
])
def test_the_exports_other_files_are_named(exported: tuple[Path, Path],
                                           make_project: ProjectFactory, name: str,
                                           told: str) -> None:
    _, out = exported
    result = run_cli("import", str(out / name), "-p", str(_partner(make_project)))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"showcase: {out / name} {told}: import the stories.json file from the same folder "
        "(nothing was imported)"]


def test_another_schema_is_told_as_a_schema(make_project: ProjectFactory, tmp_path: Path) -> None:
    file = tmp_path / "other.schema.json"
    file.write_text('{"$schema": "https://json-schema.org/draft/2020-12/schema"}', encoding="utf-8")
    result = run_cli("import", str(file), "-p", str(_partner(make_project)))
    assert result.output.splitlines() == [
        f"showcase: {file} is a schema (it gives $schema), which describes the fields of a file "
        "but holds no stories: import the stories.json file from the same folder (nothing was "
        "imported)"]


@pytest.mark.parametrize(("text", "line", "told"), [
    ("story,metric\nx,y\n", 1, "a value was expected here, such as a \"text in double quotes\", "
                               "a number, [...] or {...}, and something else was found, at column 1"),
    ('{"version": 1,\n "publisher": "A"\n "stories": []}', 3,
     "a comma was expected here, between two items, at column 2"),
    ('{"publisher": "A}', 1, 'a text opened with " here is never closed, at column 15'),
    ('{"version": 1} {}', 1, "more text follows the end of the file's one object {...}, at column 16"),
])
def test_a_file_that_is_not_json_is_told_in_plain_words(
        make_project: ProjectFactory, tmp_path: Path, text: str, line: int, told: str) -> None:
    file = tmp_path / "notes.txt"
    file.write_text(text, encoding="utf-8")
    result = run_cli("import", str(file), "-p", str(_partner(make_project)))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{file}:{line}: is not a stories.json file (it is not JSON: {told})",
        f"showcase: {file} is not a stories.json file"]
