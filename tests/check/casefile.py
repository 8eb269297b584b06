"""Golden check cases: one YAML file per case, a small project and its exact `check` output.

A case file holds:

- `about`: one line saying what the case is for;
- `files`: `{path: text}` written as UTF-8 exactly as given;
- `encoded` (optional): `{path: {text, encoding, bom, newline}}` for bytes that are not
  plain UTF-8 with `\\n` newlines (latin-1, a BOM, CRLF);
- `links` (optional): `{path: target}` symbolic links; a relative target is relative to
  the link's folder, as `ln -s` takes it;
- `pictures` (optional): paths of real, tiny pictures to write, in the format their suffix
  names (.png, .jpg, .webp): a stand-in text file is no picture, and the build refuses it;
- `base` (optional, default true): start from the strategy and income series of
  tests/conftest.py; a case's own `data/strategy.yml` replaces the base one;
- `args` (optional): extra `showcase check` arguments, e.g. `[--format, json]`;
- `expected`: `exit` (the exit code) and `output` (stdout, exactly).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import INCOME, STRATEGY, picture

CASES = Path(__file__).parent / "cases"


@dataclass(frozen=True)
class Case:
    """One golden case read from its YAML file."""

    name: str
    about: str
    files: dict[str, bytes]
    links: dict[str, str] = field(default_factory=dict)
    args: list[str] = field(default_factory=list)
    exit: int | None = None
    output: str | None = None


def all_cases() -> list[Path]:
    """Every case file, sorted by name."""
    return sorted(CASES.glob("*.yml"))


def read_case(path: Path) -> Case:
    """Read a case file into its project files and expectations."""
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    files: dict[str, bytes] = {}
    if data.get("base", True):
        files = {"data/strategy.yml": STRATEGY.encode(), "data/income.csv": INCOME.encode()}
    for relative, text in (data.get("files") or {}).items():
        files[relative] = str(text).encode("utf-8")
    for relative in data.get("pictures") or []:
        files[relative] = picture(Path(str(relative)).suffix)
    for relative, spec in (data.get("encoded") or {}).items():
        text = str(spec["text"]).replace("\n", spec.get("newline", "\n"))
        raw = text.encode(spec.get("encoding", "utf-8"))
        files[relative] = (b"\xef\xbb\xbf" if spec.get("bom") else b"") + raw
    expected = data.get("expected") or {}
    return Case(path.stem, str(data.get("about", "")), files, dict(data.get("links") or {}),
                [str(a) for a in data.get("args") or []], expected.get("exit"),
                expected.get("output"))


CONFIG = ("site_name: Test\ndocs_dir: content\ntheme:\n  name: material\n  font: false\n"
          "plugins:\n  - showcase\n")
"""The mkdocs.yml of a case that gives none (every command refuses a folder without one),
with its content/ folder: it adds no problem of its own."""


def build(case: Case, root: Path) -> Path:
    """Write the case's project under `root` (with `CONFIG` when it gives no mkdocs.yml)."""
    root.mkdir(parents=True, exist_ok=True)
    if "mkdocs.yml" not in case.files:
        (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
        (root / "content").mkdir(exist_ok=True)
    for relative, raw in case.files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(raw)
    for relative, pointing_at in case.links.items():
        link = root / relative
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(pointing_at)
    return root
