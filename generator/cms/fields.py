"""The CMS's fields for a story, derived from the story's JSON Schema (one source of truth).

Each front-matter field becomes a Decap/Sveltia widget: text, dates, choices from a
controlled list, numbers, yes/no, lists and nested objects, images and files. Every
field says whether it is required, and its hint is the model's own description.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

Schema = Mapping[str, Any]
CmsField = dict[str, Any]

#: a string longer than this gets a multi-line box rather than one line
LONG_TEXT = 150


@dataclass(frozen=True)
class FieldRules:
    """Where the schema alone cannot tell the right widget.

    Keys are dotted paths such as `quotes.text` or `image.src`.
    """

    widgets: Mapping[str, CmsField] = field(default_factory=dict)
    """Extra widget settings that replace what the schema suggests (e.g. an image picker)."""
    choices: Mapping[str, list[dict[str, str]]] = field(default_factory=dict)
    """Controlled lists: `{label, value}` options for a select widget."""
    defaults: Mapping[str, Any] = field(default_factory=dict)
    """Defaults a new entry starts with, beyond the schema's own."""


def schema_fields(schema: Schema, rules: FieldRules) -> list[CmsField]:
    """The CMS fields of the object `schema` (with its `$defs`), in the schema's order."""
    return _object_fields(schema, schema, rules, "")


def _object_fields(node: Schema, root: Schema, rules: FieldRules, prefix: str) -> list[CmsField]:
    required = set(node.get("required", []))
    return [_field(name, prop, name in required, root, rules, f"{prefix}{name}")
            for name, prop in node.get("properties", {}).items()]


def _field(name: str, prop: Schema, required: bool, root: Schema, rules: FieldRules,
           path: str) -> CmsField:
    resolved = _resolve(prop, root)
    result: CmsField = {"name": name, "label": _label(name), "required": required}
    result.update(_widget(resolved, root, rules, path))
    description = prop.get("description") or resolved.get("description")
    if description:
        result["hint"] = description
    default = rules.defaults.get(path, prop.get("default", resolved.get("default")))
    if default not in (None, []):
        result["default"] = default
    result.update(rules.widgets.get(path, {}))
    return result


def _resolve(prop: Schema, root: Schema) -> Schema:
    """Follow a `$ref` and drop the `null` of an optional field."""
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        return {**root["$defs"][name], **{k: v for k, v in prop.items() if k != "$ref"}}
    options = [option for option in prop.get("anyOf", []) if option.get("type") != "null"]
    if len(options) == 1:
        inner = _resolve(options[0], root)
        return {**{k: v for k, v in prop.items() if k != "anyOf"}, **inner}
    if options and all(option.get("type") in ("number", "integer") for option in options):
        return {**{k: v for k, v in prop.items() if k != "anyOf"}, "type": "number"}
    return prop


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _widget(resolved: Schema, root: Schema, rules: FieldRules, path: str) -> CmsField:
    if path in rules.choices:
        return _select(rules.choices[path], multiple=resolved.get("type") == "array",
                       minimum=resolved.get("minItems"))
    if "enum" in resolved:
        return _select([{"label": str(value), "value": str(value)} for value in resolved["enum"]])
    kind = resolved.get("type")
    if kind == "object":
        return {"widget": "object", "fields": _object_fields(resolved, root, rules, f"{path}.")}
    if kind == "array":
        return _list_widget(resolved, root, rules, path)
    return _scalar_widget(resolved)


def _select(options: list[dict[str, str]], multiple: bool = False, minimum: int | None = None) -> CmsField:
    widget: CmsField = {"widget": "select", "options": options}
    if multiple:
        widget["multiple"] = True
        if minimum:
            widget["min"] = minimum
    return widget


def _list_widget(resolved: Schema, root: Schema, rules: FieldRules, path: str) -> CmsField:
    items = _resolve(resolved.get("items", {}), root)
    if items.get("type") == "object":
        return {"widget": "list", "fields": _object_fields(items, root, rules, f"{path}.")}
    return {"widget": "list"}


def _scalar_widget(resolved: Schema) -> CmsField:
    kind, shape = resolved.get("type"), resolved.get("format")
    if kind == "boolean":
        return {"widget": "boolean"}
    if kind in ("number", "integer"):
        return {"widget": "number", "value_type": "int" if kind == "integer" else "float"}
    if shape == "date":
        return {"widget": "datetime", "time_format": False, "format": "YYYY-MM-DD",
                "date_format": "YYYY-MM-DD"}
    if shape == "date-time":
        return {"widget": "datetime"}
    widget: CmsField = {"widget": "string"}
    if resolved.get("maxLength", 0) > LONG_TEXT:
        widget["widget"] = "text"
    if "maxLength" in resolved:
        widget["maxlength"] = resolved["maxLength"]
    return widget
