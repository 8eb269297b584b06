"""JSON Schemas of the files people write, for editors (shipped in the repo's schemas/) and
for the CMS: made from the model, in the forms the model reads (`model.documented`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel

from generator.model import AwardFile, StoryMeta, Strategy
from generator.model.documented import RequiredUnless, json_schema


class Shipped(NamedTuple):
    """One schema file: its model, its title, and when the model's required fields are not."""

    model: type[BaseModel]
    title: str
    unless: RequiredUnless | None = None


DRAFTS_MAY_BE_INCOMPLETE = RequiredUnless("status", "draft")
"""A draft story's missing fields are warnings in `check` (reading.stories), so the schema
requires them only of a story that is not a draft."""

SCHEMAS: dict[str, Shipped] = {
    "story.schema.json": Shipped(StoryMeta, "Showcase story front-matter", DRAFTS_MAY_BE_INCOMPLETE),
    "award.schema.json": Shipped(AwardFile, "Showcase award entry file (awards/<award-id>.yml)"),
    "strategy.schema.json": Shipped(Strategy, "Showcase strategy (data/strategy.yml)"),
}


def schema_for(model: type[BaseModel], title: str,
               unless: RequiredUnless | None = None) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of `model`; every field the model requires is
    required (as the CMS's form wants) unless `unless` says when they are not."""
    schema = json_schema(model, "validation", unless)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": title}


def schema_texts() -> dict[str, str]:
    """Each schema file's name and text, exactly as written."""
    return {name: json.dumps(schema_for(*shipped), indent=2, ensure_ascii=False) + "\n"
            for name, shipped in SCHEMAS.items()}


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema file into `folder` (made if missing); the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
