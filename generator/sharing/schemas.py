"""The schemas published beside the open data: JSON Schema for stories.json, and a
Frictionless Table Schema for metrics.csv."""

from __future__ import annotations

from typing import Any

from generator.model.documented import json_schema
from generator.model.story import Unit
from generator.sharing.records import SLUG_PATTERN, OpenData

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def stories_schema(site_url: str | None) -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of stories.json, generated from the records."""
    schema = json_schema(OpenData, "serialization")
    head: dict[str, Any] = {"$schema": JSON_SCHEMA_DIALECT}
    if site_url:
        head["$id"] = f"{site_url.rstrip('/')}/data/stories.schema.json"
    head["title"] = "Success stories"
    return {**head, **{k: v for k, v in schema.items() if k != "title"}}


def _field(name: str, kind: str, description: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "type": kind, "description": description, **extra}


def metrics_schema() -> dict[str, Any]:
    """Table Schema of metrics.csv: one row per metric of a public story."""
    required = {"required": True}
    fields = [
        _field("story", "string", "The story's id (slug), as in stories.json",
               constraints={**required, "pattern": SLUG_PATTERN}),
        _field("metric", "string", "The metric's id, unique in the story",
               constraints={**required, "pattern": SLUG_PATTERN}),
        _field("label", "string", "What is counted (a leading = + - @ is prefixed with ' so "
                                  "spreadsheets do not run it)", constraints=required),
        _field("value", "number", "The figure", constraints=required),
        _field("unit", "string", "How to read the value",
               constraints={**required, "enum": [u.value for u in Unit]}),
        _field("baseline", "number", "The figure before the work"),
        _field("target", "number", "The figure aimed for"),
        _field("period", "string", "When it was measured, e.g. 2025-26"),
        _field("direction", "string", "Which way is better",
               constraints={**required, "enum": ["up", "down"]}),
        _field("source", "string", "An https:// address, or the id of a public evidence file "
                                   "of the story (see stories.json)"),
        _field("verified", "boolean", "Checked by the finance or performance team",
               trueValues=["true"], falseValues=["false"], constraints=required),
    ]
    return {"fields": fields, "primaryKey": ["story", "metric"], "missingValues": [""]}
