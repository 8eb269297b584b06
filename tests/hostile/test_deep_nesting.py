"""YAML nested thousands of levels deep is refused with a message, in every file that is YAML.

libyaml's composer recurses in C once per level: thirty thousand `[` in a title crashed every
command (a segmentation fault, exit 139, no message). The depth is now judged from the parser's
events, which do not recurse, before anything composes the text.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.reading import safe_yaml
from tests.check.casefile import CONFIG
from tests.conftest import REPO, story

DEEP = 30_000


@pytest.mark.parametrize("text", [
    "title: " + "[" * DEEP + "]" * DEEP,
    "title: " + "{a: " * DEEP,  # unclosed: refused for its depth before its end is reached
    "tags:\n  " + "- " * DEEP + "x",
    "a:\n" + "".join(" " * n + f"k{n}:\n" for n in range(1, 60)),
])
def test_deep_yaml_is_refused_with_its_line(text: str) -> None:
    with pytest.raises(safe_yaml.YamlProblem, match="nested more than 40 levels deep"):
        safe_yaml.load(text, first_line=2)


def test_ordinary_front_matter_is_not_screened_at_all() -> None:
    """The event pass costs a second read: front-matter without many brackets skips it."""
    text = (REPO / "stories").glob("*.md").__next__().read_text(encoding="utf-8")
    assert not safe_yaml._may_nest_deeply(text.split("---")[1])


@pytest.mark.parametrize(("name", "text"), [
    ("stories/2026-05-01-deep.md", story(title="[" * DEEP + "]" * DEEP)),
    ("awards/deep.yml", "name: " + "[" * DEEP + "]" * DEEP + "\n"),
    ("data/strategy.yml", "name: " + "[" * DEEP + "]" * DEEP + "\n"),
])
def test_check_says_so_in_a_process_that_survives(tmp_path: Path, name: str, text: str) -> None:
    for folder in ("stories", "awards", "data", "content"):
        (tmp_path / folder).mkdir()
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")  # every command wants one
    (tmp_path / name).write_text(text, encoding="utf-8")
    done = subprocess.run([str(Path(sys.executable).parent / "showcase"), "check", "-p", str(tmp_path)],
                          capture_output=True, text=True, timeout=120,
                          env={"SHOWCASE_CACHE_DIR": "off", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 1, done.stderr
    line = 2 if name.startswith("stories") else 1
    assert f"{name}:{line}: nested more than 40 levels deep" in done.stdout
