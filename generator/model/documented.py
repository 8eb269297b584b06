"""JSON Schemas whose fields are described by the docstrings written under them, and that
describe what a file may say (not only what the model holds once read).

Pydantic can read those docstrings itself (`use_attribute_docstrings`), but it then parses
every model's source when the model is defined: 60-80 ms at the start of every command, for
descriptions only a JSON Schema shows. Here they are read when a schema is made.

In validation mode, text the model would take from a number (`coerce_numbers_to_str`, e.g.
`service: 2026`) may be a number in the schema too; a strict `str` (as in a
`json_schema_input_type` that only text matches) stays text. The forms a field's own
validator reads (`compose: summary`, `tolerance: 10%`) are given by the models themselves
(`BeforeValidator(..., json_schema_input_type=...)`, `json_schema_extra`).
"""

from __future__ import annotations

import ast
import inspect
import sys
import textwrap
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Any, ClassVar, Literal

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema


@dataclass(frozen=True)
class RequiredUnless:
    """The fields a model requires are required unless `field` is `value`; `field` itself
    always is. A draft story may be incomplete: `RequiredUnless("status", "draft")`."""

    field: str
    value: str


def json_schema(model: type[BaseModel], mode: Literal["validation", "serialization"],
                unless: RequiredUnless | None = None) -> dict[str, Any]:
    """`model.model_json_schema(mode=mode)`, each field described by its docstring; with
    `unless`, `model`'s own required fields are required only unless that field has that
    value (JSON Schema `if`/`else`)."""
    generator = _Documented if unless is None else _relaxing(model, unless)
    return model.model_json_schema(mode=mode, schema_generator=generator)


class _Documented(GenerateJsonSchema):
    """Adds each field's docstring as its description (a description given in `Field` wins);
    in validation mode, text a model takes from a number may be a number."""

    relaxed: ClassVar[tuple[type[BaseModel], RequiredUnless] | None] = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._numbers_as_text: list[bool] = []

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        model: type[BaseModel] = schema["cls"]
        self._numbers_as_text.append(bool(model.model_config.get("coerce_numbers_to_str")))
        try:
            found = super().model_schema(schema)
        finally:
            self._numbers_as_text.pop()
        properties = found.get("properties", {})
        for name, info in model.model_fields.items():
            docstring = field_docstrings(model).get(name)
            key = info.alias or name if self.by_alias else name
            if docstring and key in properties and "description" not in properties[key]:
                properties[key] = _described(properties[key], docstring)
        if self.relaxed is not None and self.relaxed[0] is model:
            found = _required_unless(found, self.relaxed[1])
        return found

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        found = super().str_schema(schema)
        if (self.mode == "validation" and self._numbers_as_text and self._numbers_as_text[-1]
                and not schema.get("strict")):
            found["type"] = ["string", "number"]
        return found


@cache
def _relaxing(model: type[BaseModel], unless: RequiredUnless) -> type[_Documented]:
    return type("_DocumentedUnless", (_Documented,), {"relaxed": (model, unless)})


def _required_unless(schema: JsonSchemaValue, unless: RequiredUnless) -> JsonSchemaValue:
    """`schema` (an object's) requiring `unless.field`, and the rest of what it requires only
    when that field is not `unless.value`."""
    rest = [name for name in schema.get("required", []) if name != unless.field]
    if not rest:
        return schema
    rule = {"required": [unless.field],
            "if": {"properties": {unless.field: {"const": unless.value}}},
            "else": {"required": rest}}
    keys = list(schema)
    at = keys.index("required") + 1
    return {**{k: schema[k] for k in keys[:at]}, **rule, **{k: schema[k] for k in keys[at:]}}


def _described(schema: JsonSchemaValue, description: str) -> JsonSchemaValue:
    """`schema` with its description after its title, where pydantic puts one."""
    if "title" not in schema:
        return {"description": description, **schema}
    keys = list(schema)
    at = keys.index("title") + 1
    return {**{k: schema[k] for k in keys[:at]}, "description": description,
            **{k: schema[k] for k in keys[at:]}}


@cache
def field_docstrings(model: type[BaseModel]) -> dict[str, str]:
    """The docstring under each field of `model` and of the models it derives from."""
    found: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        if issubclass(cls, BaseModel) and cls is not BaseModel:
            found.update(_own_docstrings(cls))
    return found


def _own_docstrings(cls: type) -> dict[str, str]:
    """`name: type` followed by a string, in the class body as written."""
    known = _module_classes(cls.__module__)
    if cls.__qualname__ in known:
        return known[cls.__qualname__]
    try:  # a class made inside a function: its own source
        source = textwrap.dedent(inspect.getsource(cls))
    except (OSError, TypeError):
        return {}
    return _docstrings_in(next(node for node in ast.parse(source).body
                               if isinstance(node, ast.ClassDef)).body)


@cache
def _module_classes(module: str) -> dict[str, dict[str, str]]:
    """Each class of `module` written at its top level (or in such a class), by qualified
    name: the docstrings of its fields. The module is parsed once."""
    try:
        tree = ast.parse(inspect.getsource(sys.modules[module]))
    except (KeyError, OSError, TypeError):
        return {}
    found: dict[str, dict[str, str]] = {}
    pending: list[tuple[str, list[ast.stmt]]] = [("", tree.body)]
    while pending:
        prefix, body = pending.pop()
        for node in body:
            if isinstance(node, ast.ClassDef):
                found[prefix + node.name] = _docstrings_in(node.body)
                pending.append((f"{prefix}{node.name}.", node.body))
    return found


def _docstrings_in(body: list[ast.stmt]) -> dict[str, str]:
    return {first.target.id: inspect.cleandoc(second.value.value)
            for first, second in pairwise(body)
            if isinstance(first, ast.AnnAssign) and isinstance(first.target, ast.Name)
            and isinstance(second, ast.Expr) and isinstance(second.value, ast.Constant)
            and isinstance(second.value.value, str)}
