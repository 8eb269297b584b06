"""Round 30: a quote's own `language:` goes through the open data (stories.json and its
schema) and back into the story `showcase import` writes (officer30 finding 1): an English
quote in a Welsh story is not marked Welsh on the partner's site."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from tests.conftest import INCOME, NOW, STRATEGY, run_cli, story, write_files

MKDOCS = ("site_name: Cyngor Testshire\nsite_url: https://stories.testshire.gov.uk/\n"
          "docs_dir: content\ntheme:\n  name: material\n  font: false\nplugins:\n  - showcase\n")
PARTNER_MKDOCS = ("site_name: Partner\ndocs_dir: content\ntheme:\n  name: material\n"
                  "  font: false\nplugins:\n  - showcase\n")
ENGLISH = "The app halved our backlog in a month."
WELSH = "Mae'r ap wedi newid ein gwaith."
WELSH_BODY = "## Her\n\nRoedd y ciw yn hir.\n\n## Effaith\n\nMae'r ciw yn fyr.\n"


@dataclass(frozen=True)
class Shared:
    """The built site's open data, read once, and the partner project it was imported into."""

    data: dict[str, Any]
    schema: dict[str, Any]
    partner: Path
    import_output: str


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Shared:
    base = tmp_path_factory.mktemp("round30")
    root = write_files(base / "council", {
        "mkdocs.yml": MKDOCS, "content/index.md": "# Straeon\n",
        "data/strategy.yml": STRATEGY, "data/income.csv": INCOME,
        "stories/2026-03-14-ap-newydd.md": story(
            title="Ap newydd i drigolion", summary="Mae ap newydd yn helpu trigolion.",
            language="cy", service="Gwasanaethau digidol",
            quotes=(f"[{{text: '{ENGLISH}', by: Sam Patel, role: Service manager, "
                    f"consent: true, language: en}}, "
                    f"{{text: \"{WELSH}\", by: Elin Jones, consent: true}}]"),
            body=WELSH_BODY),
    })
    site = base / "site"
    built = run_cli("build", "-p", str(root), "--now", NOW, "--site-dir", str(site))
    assert built.exit_code == 0, built.output
    partner = write_files(base / "partner", {
        "mkdocs.yml": PARTNER_MKDOCS, "content/index.md": "# Stories\n",
        "data/strategy.yml": STRATEGY, "data/income.csv": INCOME})
    imported = run_cli("import", str(site / "data" / "stories.json"), "-p", str(partner),
                       "--now", NOW)
    assert imported.exit_code == 0, imported.output
    return Shared(
        data=json.loads((site / "data" / "stories.json").read_text(encoding="utf-8")),
        schema=json.loads((site / "data" / "stories.schema.json").read_text(encoding="utf-8")),
        partner=partner, import_output=imported.output)


def test_stories_json_carries_a_quotes_own_language_only_when_it_gives_one(
        shared: Shared) -> None:
    [record] = shared.data["stories"]
    assert record["language"] == "cy"
    assert record["quotes"] == [
        {"text": ENGLISH, "by": "Sam Patel", "role": "Service manager", "language": "en"},
        {"text": WELSH, "by": "Elin Jones", "role": None},  # no language: none written
    ]


def test_stories_json_is_valid_against_the_sites_own_schema(shared: Shared) -> None:
    jsonschema.Draft202012Validator.check_schema(shared.schema)
    jsonschema.Draft202012Validator(shared.schema).validate(shared.data)
    quote = shared.schema["$defs"]["OpenQuote"]
    assert "language" in quote["properties"]
    assert "language" not in quote.get("required", [])
    # the schema holds a quote to a language tag: a language's name is refused
    wrong = json.loads(json.dumps(shared.data))
    wrong["stories"][0]["quotes"][0]["language"] = "English"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(shared.schema).validate(wrong)


def _front_matter(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    found = yaml.safe_load(text.split("---\n", 2)[1])
    assert isinstance(found, dict)
    return found


def test_import_writes_the_quotes_own_language_back(shared: Shared) -> None:
    [path] = sorted((shared.partner / "stories").glob("*.md"))
    assert path.name == "2026-03-14-ap-newydd.md"
    front = _front_matter(path)
    assert front["language"] == "cy"
    assert front["quotes"] == [
        {"text": ENGLISH, "by": "Sam Patel", "role": "Service manager", "consent": False,
         "language": "en"},
        {"text": WELSH, "by": "Elin Jones", "consent": False},
    ]


def test_check_passes_on_the_imported_story(shared: Shared) -> None:
    result = run_cli("check", "-p", str(shared.partner), "--now", NOW)
    assert result.exit_code == 0, result.output
    assert "error" not in result.output.replace("0 errors", ""), result.output
