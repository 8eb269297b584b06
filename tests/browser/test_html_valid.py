"""The Nu HTML Checker finds no error on our pages that it does not find on a plain Material page.

One vnu run checks a sample (one page per type), a baseline site (a tiny MkDocs project with the
example's theme settings and no showcase plugin) and a planted invalid page (so the check can fail).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.browser.conftest import PAGES, STATS
from tests.conftest import REPO
from tests.site.conftest import Built, write

pytestmark = pytest.mark.browser

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
BASELINE_DOCS = {
    "docs/index.md": "# Home\n\nText with a [link](page.md) and *emphasis*.\n\n## A section\n\n- a list\n- of items\n",
    "docs/page.md": "# A page\n\n## Figures\n\n| Year | Value |\n| --- | --- |\n| 2025 | 1 |\n\n### Detail\n\nText.\n",
}
PLANTED = """<!doctype html><html lang="en-GB"><head><title>Invalid</title></head>
<body><main><h1 id="x">Invalid</h1><p id="x">Two elements share an id.</p><a href="a b">space</a></main></body></html>
"""


def _baseline(root: Path) -> Path:
    """A plain Material site with the example's theme settings (no showcase plugin), built."""
    example = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config = {"site_name": "Baseline", "site_url": "https://baseline.example/", "theme": example["theme"],
              "plugins": ["search"], "markdown_extensions": example.get("markdown_extensions", []),
              "nav": [{"Home": "index.md"}, {"A page": "page.md"}]}
    write(root, {**BASELINE_DOCS, "mkdocs.yml": yaml.safe_dump(config)})
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root, capture_output=True,
                            text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=300)
    assert result.returncode == 0, result.stderr
    return root / "site"


def _sample(site: Path) -> list[Path]:
    """One page of each type (the 404 page as built), and the story editor's page."""
    pages = [site / path.strip("/") / "index.html" for name, path in PAGES.items() if name != "404"]
    return [*pages, site / "404.html", site / "admin" / "index.html"]


@pytest.fixture(scope="module")
def errors(built: Built, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, set[str]]]:
    """vnu's error messages by group ("ours", "baseline", "planted"), then by file."""
    baseline = _baseline(tmp_path_factory.mktemp("baseline"))
    planted = tmp_path_factory.mktemp("invalid") / "invalid.html"
    planted.write_text(PLANTED, encoding="utf-8")
    groups = {"ours": _sample(built.site), "baseline": sorted(baseline.rglob("*.html")), "planted": [planted]}
    files = [path for paths in groups.values() for path in paths]
    assert all(path.is_file() for path in files), [p for p in files if not p.is_file()]
    result = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--skip-non-html",
                             *map(str, files)], capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr)["messages"]
    found: dict[str, dict[str, set[str]]] = {name: {p.as_uri(): set() for p in paths} for name, paths in groups.items()}
    for message in messages:
        if message["type"] != "error":
            continue
        for group in found.values():
            for uri in group:
                if uri.replace("file:///", "file:/") == message["url"] or uri == message["url"]:
                    group[uri].add(message["message"])
    STATS.check(len(files))
    return found


def _all(group: dict[str, set[str]]) -> set[str]:
    return set().union(*group.values())


def test_our_pages_add_no_error_to_materials_own(errors: dict[str, dict[str, set[str]]]) -> None:
    baseline = _all(errors["baseline"])
    new = {uri.rsplit("/site/", 1)[-1]: sorted(found - baseline) for uri, found in errors["ours"].items()
           if found - baseline}
    assert new == {}


def test_the_comparison_sees_materials_errors_and_a_planted_one(errors: dict[str, dict[str, set[str]]]) -> None:
    planted = _all(errors["planted"])
    assert _all(errors["baseline"])  # Material's own pages are not valid either (autocomplete on search)
    assert any("Duplicate ID" in message for message in planted)
    assert planted - _all(errors["baseline"])
