"""Whatever is written into a story file, check reports problems, never a traceback, quickly."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.reading.stories import read_story
from tests.check.casefile import CONFIG
from tests.conftest import INCOME, NOW, STRATEGY, run_cli

STORY = "stories/x.md"

FRAGMENTS = ["---", "---\n", "...", ":", ": ", "-", "- ", "&a", "*a", "&", "*", "!!", "!!str ",
             "!!python/object/apply:os.system ", "!x", "[", "]", "{", "}", "'", '"', "\n", "\t",
             "  ", " ", "#", "|", ">", "?", ",", "%YAML 1.1\n", "title", "date", "status",
             "metrics", "value", "2026-02-30", "published", "draft", "30%", "\u00e9", "\ufeff",
             "\r\n", "\x07", "<script>", "key"]

yamlish = st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join)
front_matter = st.tuples(yamlish, st.text(max_size=200)).map(
    lambda parts: f"---\n{parts[0]}\n---\n{parts[1]}")

FUZZ = settings(max_examples=200, deadline=2000,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One project reused by every example; each example rewrites the story file."""
    root = tmp_path_factory.mktemp("fuzz")
    (root / "data").mkdir()
    (root / "stories").mkdir()
    (root / "data/strategy.yml").write_text(STRATEGY, encoding="utf-8")
    (root / "data/income.csv").write_text(INCOME, encoding="utf-8")
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")  # every command wants one
    (root / "content").mkdir()
    yield root


def _assert_checked_cleanly(root: Path, raw: bytes) -> None:
    (root / STORY).write_bytes(raw)
    read = read_story(root / STORY, STORY)
    assert (read.story is None) != (read.unusable is None)
    last_line = raw.count(b"\n") + raw.count(b"\r") + 1
    for problem in read.problems:
        assert problem.path == STORY
        assert problem.line is not None and 1 <= problem.line <= last_line, problem
    result = run_cli("check", "-p", str(root), "--now", NOW)
    assert result.exit_code in (0, 1), result.output
    assert result.output.splitlines()[-1].startswith(("ok: ", "errors found: "))
    assert "Traceback" not in result.output


@FUZZ
@given(text=st.text(max_size=400))
def test_any_text(project: Path, text: str) -> None:
    _assert_checked_cleanly(project, text.encode("utf-8"))


@FUZZ
@given(raw=st.binary(max_size=400))
def test_any_bytes(project: Path, raw: bytes) -> None:
    _assert_checked_cleanly(project, raw)


@FUZZ
@given(text=st.one_of(yamlish, front_matter))
def test_yaml_like_text(project: Path, text: str) -> None:
    _assert_checked_cleanly(project, text.encode("utf-8"))


@FUZZ
@given(fields=st.dictionaries(st.sampled_from(["title", "summary", "date", "status", "service",
                                               "outcomes", "metrics", "embargo", "slug", "image",
                                               "evidence", "quotes", "titel"]),
                              yamlish.filter(lambda s: "\n" not in s), max_size=8))
def test_fields_with_yaml_like_values(project: Path, fields: dict[str, str]) -> None:
    lines = "".join(f"{key}: {value}\n" for key, value in fields.items())
    _assert_checked_cleanly(project, f"---\n{lines}---\nBody\n".encode())
