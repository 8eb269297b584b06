"""The pre-commit hook: valid config and manifest, and it runs `showcase check` on story changes."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.conftest import REPO
from tests.publishing.conftest import tool, tool_env


def _pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = tool_env({"PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never", "GIT_AUTHOR_NAME": "t",
                    "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                    "GIT_COMMITTER_EMAIL": "t@example.org"})
    return subprocess.run([tool("pre-commit"), *args], cwd=cwd, capture_output=True, text=True, env=env,
                          timeout=120)


def test_config_and_hook_manifest_are_valid(tmp_path: Path) -> None:
    config = _pre_commit("validate-config", ".pre-commit-config.yaml", cwd=REPO, home=tmp_path)
    manifest = _pre_commit("validate-manifest", ".pre-commit-hooks.yaml", cwd=REPO, home=tmp_path)
    assert (config.returncode, manifest.returncode) == (0, 0), config.stdout + manifest.stdout


def test_the_hook_checks_stories_and_stops_a_commit_on_errors(example_project: Path, tmp_path: Path) -> None:
    shutil.copy(REPO / ".pre-commit-config.yaml", example_project)
    subprocess.run(["git", "init", "-q"], cwd=example_project, check=True)
    subprocess.run(["git", "add", "-A"], cwd=example_project, check=True)
    story = next((example_project / "stories").glob("2025-10-22-*.md"))
    relative = story.relative_to(example_project).as_posix()

    passed = _pre_commit("run", "--files", relative, cwd=example_project, home=tmp_path / "home")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "showcase check (stories, award files, data)" in passed.stdout and "Passed" in passed.stdout

    story.write_text(story.read_text(encoding="utf-8").replace("status: published", "status: finished"),
                     encoding="utf-8")
    failed = _pre_commit("run", "--files", relative, cwd=example_project, home=tmp_path / "home")
    assert failed.returncode == 1
    assert f"{relative}:" in failed.stdout and "status" in failed.stdout

    skipped = _pre_commit("run", "--files", "content/about.md", cwd=example_project, home=tmp_path / "home")
    assert skipped.returncode == 0
    assert "(no files to check)Skipped" in skipped.stdout
