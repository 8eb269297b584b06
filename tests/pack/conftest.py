"""Packs built once per test session: the two example awards and two fixture projects."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest
from click.testing import Result

from tests.conftest import INCOME, NOW, REPO, STRATEGY, run_cli, story, write_files

EPOCH = "1767225600"  # 2026-01-01T00:00:00Z
ENV = {"SOURCE_DATE_EPOCH": EPOCH}
WORDS_262 = " ".join(f"word{i}" for i in range(262)) + "\n"


@dataclass(frozen=True)
class Pack:
    """A built pack: the CLI result, the zip path and its members."""

    result: Result
    path: Path
    project: Path

    def read(self, name: str) -> bytes:
        with zipfile.ZipFile(self.path) as archive:
            return archive.read(name)

    def text(self, name: str) -> str:
        return self.read(name).decode("utf-8")

    def names(self) -> list[str]:
        with zipfile.ZipFile(self.path) as archive:
            return archive.namelist()


def write_project(root: Path, files: dict[str, str | bytes]) -> Path:
    """A project at `root`: the test strategy and series plus `files`."""
    from tests.check.casefile import CONFIG  # every command refuses a folder without one

    (root / "content").mkdir(parents=True, exist_ok=True)
    return write_files(root, {"data/strategy.yml": STRATEGY, "data/income.csv": INCOME,
                              "mkdocs.yml": CONFIG, **files})


def build(project: Path, award_id: str, out: Path) -> Pack:
    result = run_cli("pack", award_id, "-p", str(project), "--now", NOW, "--out", str(out),
                     env=ENV)
    return Pack(result, out / f"{award_id}.zip", project)


def copy_example(root: Path) -> Path:
    for name in ("content", "stories", "awards", "data", "evidence"):
        shutil.copytree(REPO / name, root / name)
    if (REPO / "mkdocs.yml").exists():
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


@pytest.fixture(scope="session")
def example_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_example(tmp_path_factory.mktemp("example"))


@pytest.fixture(scope="session")
def lgc_pack(example_root: Path) -> Pack:
    return build(example_root, "lgc-awards-2027", example_root / "dist")


@pytest.fixture(scope="session")
def ukit_pack(example_root: Path) -> Pack:
    return build(example_root, "uk-it-industry-awards-2027", example_root / "dist")


NOT_READY_AWARD = """\
name: Test Awards 2027
category: Digital
deadline: 2027-01-15T17:00:00+00:00
tolerance: 0%
period: {from: 2026-01-01, to: 2026-12-31}
stories: [good, missing-file, in-draft]
questions:
  - id: statement
    prompt: Tell us about the project.
    words: 250
  - id: why
    prompt: Why should it win?
    words: 200
    compose: quotes
  - id: results
    prompt: What changed?
    words: 300
    compose: metrics
  - id: plans
    prompt: What next?
    words: 100
declarations:
  - Every partner named has agreed to be named.
"""

GOOD_STORY = story(
    slug="good", status="review", date="2026-05-01", title="Good story",
    metrics=("\n  - id: formula\n    label: \"=SUM(A1:A2)\"\n    value: 12.5\n    unit: percent\n"
             "    baseline: 10\n    period: \"2024\"\n    source: sheet\n    verified: true\n"
             "  - label: \"@risk calls\"\n    value: 1200\n    unit: count\n    period: mid-2026\n"),
    quotes=("\n  - text: We love it.\n    by: Ann Able\n    role: Resident\n    consent: true\n"
            "  - text: Secret praise.\n    by: Bob Bashful\n    consent: false\n"),
    evidence="\n  - id: sheet\n    path: sheet.csv\n    title: A sheet\n",
)
MISSING_FILE_STORY = story(slug="missing-file", status="published", date="2026-04-01",
                           evidence="\n  - id: gone\n    path: gone.pdf\n    title: Gone\n")
DRAFT_STORY = story(slug="in-draft", status="draft", date="2026-03-01")

READY_AWARD = """\
name: Ready Awards 2027
deadline: 2027-03-01
stories: {select: {outcomes: [earn-revenue]}}
questions:
  - id: summary
    prompt: Summarise the entry.
    words: 100
    compose: summary
  - id: impact
    prompt: What was the impact?
    characters: 500
    compose: "section: Impact"
attachments: {max_files: 2, max_mb_each: 1, formats: [csv, pdf]}
"""

READY_STORY = story(slug="ready-one", status="published", date="2026-06-01",
                    metrics=("\n  - label: Income\n    value: 5000\n    unit: GBP\n"
                             "    source: sheet\n    verified: true\n"),
                    evidence="\n  - id: sheet\n    path: sheet.csv\n    title: A sheet\n")


@pytest.fixture(scope="session")
def fixture_pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    """Over-limit answer, missing evidence, a draft, a quote without consent, no answer."""
    root = write_project(tmp_path_factory.mktemp("fixture"), {
        "awards/test-awards.yml": NOT_READY_AWARD,
        "awards/test-awards/statement.md": "<!-- internal: do not send -->\n" + WORDS_262,
        "stories/good.md": GOOD_STORY,
        "stories/missing-file.md": MISSING_FILE_STORY,
        "stories/in-draft.md": DRAFT_STORY,
        "evidence/sheet.csv": "a,b\n1,2\n",
    })
    return build(root, "test-awards", root / "dist")


@pytest.fixture(scope="session")
def ready_pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    root = write_project(tmp_path_factory.mktemp("ready"), {
        "awards/ready.yml": READY_AWARD,
        "stories/ready-one.md": READY_STORY,
        "stories/other.md": story(slug="other", outcomes="[shared-services]"),
        "evidence/sheet.csv": "a,b\n1,2\n",
    })
    return build(root, "ready", root / "dist")


@pytest.fixture
def project_factory(tmp_path: Path) -> Iterator[object]:
    yield lambda files: write_project(tmp_path / "project", files)


def pdf_figures(node: object) -> Iterator[pypdf.generic.DictionaryObject]:
    """Every /Figure structure element under `node` of a PDF's structure tree, in order."""
    node = node.get_object() if isinstance(node, pypdf.generic.IndirectObject) else node
    if isinstance(node, pypdf.generic.ArrayObject):
        for child in node:
            yield from pdf_figures(child)
    elif isinstance(node, pypdf.generic.DictionaryObject):
        if node.get("/S") == "/Figure":
            yield node
        if "/K" in node:
            yield from pdf_figures(node["/K"])


@dataclass(frozen=True)
class Word:
    """A word `pdftotext -bbox` finds: its page (from 0), the page's width, where it lies."""

    page: int
    page_width: float
    x_min: float
    x_max: float
    text: str


def pdf_words(pdf: Path) -> list[Word]:
    """Every word of the PDF at `pdf` with its place, as poppler's pdftotext reads them."""
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                           capture_output=True, text=True).stdout
    found = []
    for number, page in enumerate(boxes.split("<page ")[1:]):
        width = re.match(r'width="([\d.]+)"', page)
        assert width is not None
        found += [Word(number, float(width.group(1)), float(x_min), float(x_max), text)
                  for x_min, x_max, text in re.findall(
                      r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">'
                      r"([^<]*)</word>", page)]
    return found
