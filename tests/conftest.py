"""Shared fixtures: each test gets its own temporary project built from a {path: content} dict."""

from __future__ import annotations

import io
import os
import shutil
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from generator.cli import cli

REPO = Path(__file__).resolve().parent.parent
NOW = "2026-11-26T12:00:00+00:00"

STRATEGY = """\
name: Test strategy
council: Testshire Council
outcomes:
  - id: earn-revenue
    title: Technology that earns revenue
    enabler: Traded services
  - id: shared-services
    title: Shared services
    enabler: Shared platforms
success_criteria:
  - id: national-award
    title: Win a national award
    measure: awards
    national: true
    target: 1
  - id: traded-income
    title: Grow traded income
    measure: series
    file: income.csv
    column: income
    unit: GBP
    goal: increase
"""

INCOME = "period,income\n2024-25,100000\n2025-26,150000\n"


def story(**fields: object) -> str:
    """A valid published story's text, with `fields` replacing or adding front-matter lines.

    Values are written as given (YAML text); pass None to drop a field. `body=` sets the body.
    """
    base: dict[str, object] = {
        "title": "A test story",
        "summary": "What happened, in one sentence.",
        "date": "2026-03-14",
        "status": "published",
        "service": "Digital services",
        "outcomes": "[earn-revenue]",
    }
    body = str(fields.pop("body", "## Challenge\n\nA challenge.\n\n## Impact\n\nAn impact.\n"))
    base.update(fields)
    lines = [f"{key}: {value}" for key, value in base.items() if value is not None]
    return "---\n" + "\n".join(lines) + "\n---\n" + body


ProjectFactory = Callable[[dict[str, str | bytes]], Path]


def write_files(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write `files` ({path: text or bytes}) under `root`; returns `root`."""
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def make_project(tmp_path: Path) -> ProjectFactory:
    """Build a project in a temp folder: a strategy and data series, plus `files`."""

    def build(files: dict[str, str | bytes], *, base: bool = True) -> Path:
        root = tmp_path / "project"
        root.mkdir(exist_ok=True)
        defaults: dict[str, str | bytes] = {
            "data/strategy.yml": STRATEGY,
            "data/income.csv": INCOME,
        } if base else {}
        if base and "mkdocs.yml" not in files:  # every command refuses a folder without one
            from tests.check.casefile import CONFIG

            defaults["mkdocs.yml"] = CONFIG
            (root / "content").mkdir(exist_ok=True)
        merged = {**defaults, **files}
        return write_files(root, {name: textwrap.dedent(content)
                                  if isinstance(content, str) and content.startswith("\n") else content
                                  for name, content in merged.items()})

    return build


@pytest.fixture
def example_project(tmp_path: Path) -> Path:
    """A copy of the bundled example project (so tests never write into the repo)."""
    root = tmp_path / "example"
    root.mkdir()
    for name in ("content", "stories", "awards", "data", "evidence"):
        shutil.copytree(REPO / name, root / name)
    if (REPO / "mkdocs.yml").exists():
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    if (REPO / "overrides").exists():
        shutil.copytree(REPO / "overrides", root / "overrides")
    return root


@pytest.fixture(scope="session", autouse=True)
def _own_front_matter_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The tests' front-matter cache (generator/reading/diskcache.py) is their own, not the
    user's: every read of a text already read in this session comes from it."""
    before = os.environ.get("SHOWCASE_CACHE_DIR")
    os.environ["SHOWCASE_CACHE_DIR"] = str(tmp_path_factory.mktemp("front-matter-cache"))
    yield
    if before is None:
        del os.environ["SHOWCASE_CACHE_DIR"]
    else:
        os.environ["SHOWCASE_CACHE_DIR"] = before


def picture(suffix: str = ".png") -> bytes:
    """A real 4 x 4 picture without metadata, in the format the file `suffix` names (.png,
    .jpg, .webp): the build refuses a stand-in that is no picture."""
    from PIL import Image

    out = io.BytesIO()
    formats = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP"}
    Image.new("RGB", (4, 4), (0, 90, 160)).save(out, formats[suffix.lower()])
    return out.getvalue()


def run_cli(*args: str, env: dict[str, str] | None = None) -> Result:
    """Run `showcase ARGS` through click's runner; exceptions are not swallowed."""
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
"""The Chromium setup-system.sh checks for (`command -v chromium`), Debian's path failing that."""
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole session (Playwright's sync API runs one at a time:
    a second `sync_playwright()` while this one is open fails)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
