"""showcase check on the bundled example project and a minimal fixture."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import NOW, ProjectFactory, run_cli, story


def test_example_project_checks_clean(example_project: Path) -> None:
    result = run_cli("check", "-p", str(example_project), "--now", NOW)
    assert result.exit_code == 0, result.output
    assert "ok: 0 errors" in result.output


def test_broken_metric_value_reads_like_the_contract(make_project: ProjectFactory) -> None:
    root = make_project({"stories/x.md": story(metrics='\n  - label: Calls\n    value: "30%"\n    unit: percent')})
    result = run_cli("check", "-p", str(root), "--now", NOW)
    assert result.exit_code == 1
    assert ('stories/x.md:10: metrics[0].value: expected a number, got "30%" '
            "(write 30 and unit: percent)") in result.output.splitlines()
