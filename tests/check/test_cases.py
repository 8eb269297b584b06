"""Every golden case: the exact `showcase check` output and exit code for a small project."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.check.casefile import all_cases, build, read_case
from tests.conftest import NOW, run_cli


@pytest.mark.parametrize("case_file", all_cases(), ids=lambda p: p.stem)
def test_check_output_is_exactly_the_golden_text(case_file: Path, tmp_path: Path) -> None:
    case = read_case(case_file)
    assert case.exit is not None and case.output is not None, f"{case.name}: no expected"
    root = build(case, tmp_path / "project")
    result = run_cli("check", "-p", str(root), "--now", NOW, *case.args)
    assert result.output == case.output
    assert result.exit_code == case.exit


def test_there_are_enough_distinct_cases() -> None:
    cases = [read_case(path) for path in all_cases()]
    failing = [c for c in cases if c.exit == 1]
    assert len(cases) >= 30 and len(failing) >= 25
    assert len({tuple(sorted(c.files.items())) for c in cases}) == len(cases)
