"""Helpers for the publishing tests: the workflows, and the tools installed beside Python."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO

WORKFLOWS = REPO / ".github" / "workflows"
VENV_BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    """The path of a command installed by the test extra (beside this Python, or on PATH)."""
    found = shutil.which(name, path=f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    if found is None:
        pytest.fail(f"{name} is not installed: run pip install -e '.[test]'")
    return found


def load_workflow(name: str) -> dict[str, Any]:
    """A workflow file as data; YAML 1.1 reads the key `on` as True, so it is put back."""
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    assert isinstance(data, dict)
    return data


def tool_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for running commands: this Python's scripts first on PATH."""
    env = {k: v for k, v in os.environ.items() if k not in ("SHOWCASE_NOW", "SOURCE_DATE_EPOCH")}
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    return {**env, **(extra or {})}
