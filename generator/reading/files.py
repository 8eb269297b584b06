"""Reading YAML data files (award files, the strategy) into their models."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from generator.problems import Problem
from generator.reading import safe_yaml
from generator.reading.errors import problems_from, yaml_problem
from generator.reading.safe_yaml import Located, YamlProblem
from generator.reading.text import read_text

M = TypeVar("M", bound=BaseModel)


def read_model(file: Path, relative: str, model: type[M], what: str
               ) -> tuple[M | None, Located | None, list[Problem]]:
    """Read a YAML file into `model`; problems name file, line and field."""
    try:
        located = safe_yaml.load(read_text(file))
    except YamlProblem as exc:
        return None, None, [yaml_problem(exc, relative, model, what)]
    if not isinstance(located.data, dict):
        found = ("nothing" if located.data is None
                 else "a list" if isinstance(located.data, list) else "a single value")
        return None, located, [Problem(relative, 1, None,
                                       f"{what} must be fields like 'name: ...', found {found}")]
    _alias_nested_select(located)
    try:
        return model.model_validate(located.data), located, []
    except ValidationError as exc:
        return None, located, problems_from(exc, located, relative, model, what)


def _alias_nested_select(located: Located) -> None:
    """`stories: {select: ...}` is read as `select:`; keep its lines findable."""
    for path, line in list(located.lines.items()):
        if path[:2] == ("stories", "select"):
            located.lines.setdefault(("select", *path[2:]), line)
