"""JSON Schemas whose fields are described by the docstrings written under them.

Pydantic can read those docstrings itself (`use_attribute_docstrings`), but it then parses
every model's source when the model is defined: 60-80 ms at the start of every command, for
descriptions only a JSON Schema shows. Here they are read when a schema is made.
"""

from __future__ import annotations

import ast
import inspect
import sys
import textwrap
from functools import cache
from itertools import pairwise
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema


def json_schema(model: type[BaseModel],
                mode: Literal["validation", "serialization"]) -> dict[str, Any]:
    """`model.model_json_schema(mode=mode)`, each field described by its docstring."""
    return model.model_json_schema(mode=mode, schema_generator=_Documented)


class _Documented(GenerateJsonSchema):
    """Adds each field's docstring as its description (a description given in `Field` wins)."""

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        found = super().model_schema(schema)
        model: type[BaseModel] = schema["cls"]
        properties = found.get("properties", {})
        for name, info in model.model_fields.items():
            docstring = field_docstrings(model).get(name)
            key = info.alias or name if self.by_alias else name
            if docstring and key in properties and "description" not in properties[key]:
                properties[key] = _described(properties[key], docstring)
        return found


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
