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
from tests.conftest import NOW, REPO, ProjectFactory, run_cli, story

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


TEXT_FIX = ("name: nested more than 40 levels deep: write one value, e.g. name: ... (text that "
            "starts with [ or { goes in quotes)")


@pytest.mark.parametrize(("name", "text", "said"), [
    ("stories/2026-05-01-deep.md", story(title="[" * DEEP + "]" * DEEP),
     TEXT_FIX.replace("name:", "title:")),
    ("awards/deep.yml", "name: " + "[" * DEEP + "]" * DEEP + "\n", TEXT_FIX),
    ("data/strategy.yml", "name: " + "[" * DEEP + "]" * DEEP + "\n", TEXT_FIX),
])
def test_check_says_so_in_a_process_that_survives(tmp_path: Path, name: str, text: str,
                                                  said: str) -> None:
    for folder in ("stories", "awards", "data", "content"):
        (tmp_path / folder).mkdir()
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")  # every command wants one
    (tmp_path / name).write_text(text, encoding="utf-8")
    done = subprocess.run([str(Path(sys.executable).parent / "showcase"), "check", "-p", str(tmp_path)],
                          capture_output=True, text=True, timeout=120,
                          env={"SHOWCASE_CACHE_DIR": "off", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 1, done.stderr
    line = 2 if name.startswith("stories") else 1
    assert f"{name}:{line}: {said}\n" in done.stdout


@pytest.mark.parametrize(("fields", "line", "said"), [
    ({"tags": "[" * 100 + "x" + "]" * 100}, 8,
     "tags: nested more than 40 levels deep: write a list of words, e.g. tags: [a, b]"),
    ({"tags": "\n" + "".join("  " * depth + "-\n" for depth in range(1, 60)) + "  " * 60 + "- x"},
     48, "tags: nested more than 40 levels deep: write a list of words, e.g. tags: [a, b]"),
    ({"image": "{a: " * 500 + "x" + "}" * 500}, 8,
     "image: nested more than 40 levels deep: write its fields as lines like 'src: ...' "
     "indented under image:, each a plain value"),
    ({"metrics": "[" + "{a: " * 500 + "x" + "}" * 500 + "]"}, 8,
     "metrics: nested more than 40 levels deep: write a list of metrics: a line '- id: ...' "
     "each, its other fields lined up under it (label, value ...), each a plain value"),
    ({"tagz": "{a: " * 500 + "x" + "}" * 500}, 8,
     "tagz: nested more than 40 levels deep: remove it: it is not a field of a story; "
     "did you mean tags?"),
])
def test_front_matter_too_deep_names_its_field_and_the_fix(
        make_project: ProjectFactory, fields: dict[str, str], line: int, said: str) -> None:
    """It said "stories/x.md:9: nested more than 40 levels deep": no field, no fix (round 36,
    fuzz F3). Twice: the second run reads the problem back from the front-matter cache."""
    root = make_project({"stories/2026-05-01-deep.md": story(**fields)})
    for _ in range(2):
        result = run_cli("check", "-p", str(root), "--now", NOW)
        assert result.exit_code == 1, result.output
        assert f"stories/2026-05-01-deep.md:{line}: {said}\n" in result.output


def test_an_award_map_too_deep_names_its_field(make_project: ProjectFactory) -> None:
    root = make_project({"awards/deep.yml": "name: Deep\nperiod: " + "{a: " * 500 + "x"
                         + "}" * 500 + "\n"})
    result = run_cli("check", "-p", str(root), "--now", NOW)
    assert result.exit_code == 1, result.output
    assert ("awards/deep.yml:2: period: nested more than 40 levels deep: write its fields as "
            "lines like 'from: ...' indented under period:, each a plain value\n") in result.output
