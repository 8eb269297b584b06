"""Set-up on a fresh machine (fresh29): setup-system.sh installs Node.js and npm when npm is
missing, the Makefile's npm step runs after it, `make clean` removes what the project writes,
and `showcase --help` names every guide in docs/."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli

SETUP = REPO / "scripts" / "setup-system.sh"
# What the script runs besides the package checks; ldconfig is in /sbin on some machines
TOOLS = ("bash", "grep", "id", "fc-list", "ldconfig", "chromium", "pdftoppm", "java")


def _path_without_npm(folder: Path) -> Path:
    folder.mkdir()
    search = f"{os.environ.get('PATH', '')}:/sbin:/usr/sbin"
    for name in TOOLS:
        found = shutil.which(name, path=search)
        if found is not None:
            (folder / name).symlink_to(found)
    return folder


def _dry_run(path: Path) -> list[str]:
    result = subprocess.run(["bash", str(SETUP)], capture_output=True, text=True, timeout=60,
                            env={"PATH": str(path), "SHOWCASE_SETUP_DRY_RUN": "1"})
    assert result.returncode == 0, result.stderr
    prefix = "Would install system packages: "
    assert result.stdout.startswith(prefix), result.stdout
    return result.stdout.removeprefix(prefix).split()


def test_setup_names_nodejs_and_npm_when_npm_is_missing(tmp_path: Path) -> None:
    path = _path_without_npm(tmp_path / "bin")
    packages = _dry_run(path)
    assert "nodejs" in packages and "npm" in packages


def test_setup_leaves_nodejs_out_when_npm_is_there(tmp_path: Path) -> None:
    path = _path_without_npm(tmp_path / "bin")
    (path / "npm").write_text("#!/bin/sh\n")
    (path / "npm").chmod(0o755)
    packages = _dry_run(path)
    assert "nodejs" not in packages and "npm" not in packages


def test_setup_script_is_valid_bash() -> None:
    result = subprocess.run(["bash", "-n", str(SETUP)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr


@pytest.fixture()
def make_copy(tmp_path: Path) -> Path:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    for name in ("Makefile", "package.json", "pyproject.toml"):
        shutil.copy(REPO / name, tmp_path / name)
    return tmp_path


def _make_dry(folder: Path, *args: str) -> list[str]:
    # as its own make, not one inside `make test` (which prints "make[1]: Entering directory")
    alone = {key: value for key, value in os.environ.items()
             if key not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES")}
    result = subprocess.run(["make", "--no-print-directory", "-n", *args], cwd=folder,
                            capture_output=True, text=True, timeout=60, env=alone)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


@pytest.mark.parametrize("target", ["site", "test", "serve"])
def test_npm_install_runs_after_the_system_packages(make_copy: Path, target: str) -> None:
    lines = _make_dry(make_copy, "-j4", target)
    setup = lines.index("bash scripts/setup-system.sh")
    npm = lines.index("npm install --no-audit --no-fund --loglevel=error")
    assert setup < npm


def test_the_npm_step_depends_on_system(make_copy: Path) -> None:
    database = _make_dry(make_copy, "-p", "clean")
    assert "node_modules/.installed-stamp: package.json | system" in database


def test_make_clean_removes_what_the_project_writes(make_copy: Path) -> None:
    assert _make_dry(make_copy, "clean") == [
        "rm -rf site dist .pytest_cache .mypy_cache .ruff_cache"]


def test_help_names_every_guide_in_docs() -> None:
    guides = sorted(path.name for path in (REPO / "docs").glob("*.md") if path.name != "architecture.md")
    listed = run_cli("--help").output.split("Guides, in the project's docs/ folder:")[1].split()
    assert sorted(listed) == guides
