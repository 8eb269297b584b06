"""JSON Schemas of the model, for editors and for the CMS (shipped in the repo's schemas/)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.model import AwardFile, StoryMeta, Strategy
from generator.model.documented import json_schema

SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "story.schema.json": (StoryMeta, "Showcase story front-matter"),
    "award.schema.json": (AwardFile, "Showcase award entry file (awards/<award-id>.yml)"),
    "strategy.schema.json": (Strategy, "Showcase strategy (data/strategy.yml)"),
}


def schema_for(model: type[BaseModel], title: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of `model`."""
    schema = json_schema(model, "validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": title}


def schema_texts() -> dict[str, str]:
    """Each schema file's name and text, exactly as written."""
    return {name: json.dumps(schema_for(model, title), indent=2, ensure_ascii=False) + "\n"
            for name, (model, title) in SCHEMAS.items()}


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
