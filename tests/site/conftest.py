"""Sites built once per test session with a real `showcase build` (MkDocs + Material)."""

from __future__ import annotations

import gzip
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import INCOME, NOW, REPO, STRATEGY, run_cli, write_files

EPOCH = "1767225600"  # 2026-01-01T00:00:00Z: fixes every timestamp written into outputs
NAV = """\
nav:
  - Home: index.md
  - Stories: stories/index.md
  - Outcomes: outcomes/index.md
  - Services: services/index.md
  - Tags: tags/index.md
  - Years: years/index.md
  - Awards: awards/index.md
  - Dashboard: dashboard/index.md
"""
"""The generated pages' sections, as a site's mkdocs.yml lists them."""
SITE_CONFIG = """\
site_name: Testshire showcase
site_url: https://showcase.test.example/
docs_dir: content
theme:
  name: material
  language: en
  font: false
plugins:
  - search
  - showcase:
      per_page: {per_page}
validation:
  nav:
    omitted_files: info
  links:
    not_found: warn
    anchors: warn
    unrecognized_links: warn
""" + NAV + """\
  - About: about.md
  - Accessibility: accessibility.md
"""

IN_WORKERS = """\
import sys
from generator.cli import main
from generator.mkdocs import early, worker
early.MIN_PAGES = worker.MIN_HANDED = 1
worker.SETUP = worker.SETUP_PER_PAGE = 0
sys.argv = ["showcase", "build", "-p", sys.argv[1], "--site-dir", sys.argv[2], "--now", sys.argv[3]]
main()
"""
"""A `showcase build` (argv: project, site folder, --now) whose story pages are made and
rendered by the build's forked processes, however few (a large site's way)."""

CONTENT = {
    "content/index.md": "# Testshire stories\n\nHome text of the test site.\n",
    "content/about.md": "# About\n\nAbout the test site.\n",
    "content/accessibility.md": "# Accessibility statement\n\nStatement.\n",
}


def site_project(per_page: int = 20) -> dict[str, str | bytes]:
    """The files every fixture site project needs besides its stories."""
    return {"mkdocs.yml": SITE_CONFIG.format(per_page=per_page), **CONTENT,
            "data/strategy.yml": STRATEGY, "data/income.csv": INCOME}


#: write `files` ({path: content}) under `root`
write = write_files


@dataclass(frozen=True)
class Built:
    """A built site: the CLI result and the site folder."""

    result: Result
    project: Path
    site: Path

    def html(self, page: str) -> str:
        """The HTML of a page by its URL path, e.g. stories/ or stories/x/."""
        return (self.site / page / "index.html").read_text(encoding="utf-8")

    def files(self) -> list[Path]:
        return sorted(p for p in self.site.rglob("*") if p.is_file())

    def every_byte(self) -> dict[str, bytes]:
        """Every output file's bytes (gzip files decompressed), by relative path."""
        found = {}
        for path in self.files():
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            found[path.relative_to(self.site).as_posix()] = data
        return found


def build(project: Path, site: Path, now: str = NOW) -> Built:
    """`showcase build -p PROJECT --site-dir SITE --now NOW`."""
    result = run_cli("build", "-p", str(project), "--site-dir", str(site), "--now", now,
                     env={"SOURCE_DATE_EPOCH": EPOCH})
    return Built(result, project, site)


def built_fine(root: Path, now: str = NOW) -> Built:
    """The project at `root` built into `root/site`; the build must succeed."""
    built = build(root, root / "site", now)
    assert built.result.exit_code == 0, built.result.output
    return built


def copy_example(root: Path) -> Path:
    """A copy of the bundled example project."""
    for name in ("content", "stories", "awards", "data", "evidence"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The example project, built once per session."""
    return built_fine(copy_example(tmp_path_factory.mktemp("example")))
