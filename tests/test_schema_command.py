"""`showcase schema`: the JSON Schemas shipped in schemas/ are the model's, and they work."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from generator.reading import frontmatter
from generator.schemas import SCHEMAS, schema_texts
from tests.conftest import REPO, run_cli


def test_shipped_schemas_match_the_model() -> None:
    for name, text in schema_texts().items():
        shipped = (REPO / "schemas" / name).read_text(encoding="utf-8")
        assert shipped == text, f"schemas/{name} is out of date: run showcase schema"


def test_schema_command_writes_every_schema(tmp_path: Path) -> None:
    result = run_cli("schema", "--out", str(tmp_path))
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(SCHEMAS)


@pytest.mark.parametrize("story", sorted((REPO / "stories").glob("*.md")), ids=lambda p: p.name)
def test_example_published_and_review_stories_validate(story: Path) -> None:
    schema = json.loads((REPO / "schemas" / "story.schema.json").read_text(encoding="utf-8"))
    data = frontmatter.parse(story.read_text(encoding="utf-8")).fields.data
    if data["status"] == "draft":
        pytest.skip("a draft may be incomplete")
    jsonschema.validate(data, schema)


def test_schema_rejects_what_check_rejects() -> None:
    schema = json.loads((REPO / "schemas" / "story.schema.json").read_text(encoding="utf-8"))
    bad = {"title": "T", "summary": "S", "date": "2026-01-01", "status": "publish",
           "service": "X", "outcomes": ["a"], "titel": "typo"}
    errors = sorted(e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(bad))
    assert any("'publish' is not one of" in e for e in errors)
    assert any("'titel' was unexpected" in e for e in errors)


def test_fields_are_described_by_their_docstrings_without_pydantic_parsing_sources() -> None:
    """Docstrings under fields become descriptions when a schema is made (inherited ones
    too, under the field's alias; a description given in Field wins), not at import."""
    from pydantic import BaseModel, ConfigDict, Field

    from generator.model.common import ShowcaseModel
    from generator.model.documented import json_schema

    class Base(BaseModel):
        model_config = ConfigDict(populate_by_name=True)
        kept: int
        """Inherited."""

    class Child(Base):
        named: str = Field(alias="shown-name")
        """Under an alias."""
        given: str = Field(description="Given in Field.")
        """Not this one."""
        plain: str

    properties = json_schema(Child, "validation")["properties"]
    assert properties["kept"]["description"] == "Inherited."
    assert properties["shown-name"]["description"] == "Under an alias."
    assert properties["given"]["description"] == "Given in Field."
    assert "description" not in properties["plain"]
    assert not ShowcaseModel.model_config.get("use_attribute_docstrings")
