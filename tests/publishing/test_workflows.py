"""The GitHub Actions workflows: actionlint-clean, pinned, least privilege, and their commands work."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO
from tests.publishing.conftest import WORKFLOWS, load_workflow, tool, tool_env

WORKFLOW_FILES = sorted(path.name for path in WORKFLOWS.glob("*.yml"))
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$")
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"^\s*# v\d+\.\d+\.\d+$")
# GitHub's own default shell for `run:` on Linux
SHELL = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c"]


def _actionlint(*paths: Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([tool("actionlint"), "-no-color", *map(str, paths)], cwd=cwd, capture_output=True,
                          text=True, env=tool_env(), timeout=120)


def test_the_three_workflows_exist() -> None:
    assert WORKFLOW_FILES == ["checks.yml", "packs.yml", "pages.yml"]


def test_actionlint_passes_on_every_workflow() -> None:
    tool("shellcheck")  # actionlint checks run: scripts with it when it is on PATH
    result = _actionlint(*(WORKFLOWS / name for name in WORKFLOW_FILES))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_actionlint_fails_on_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(
        "on: pull_request\n"
        "jobs:\n"
        "  build:\n"
        "    runs-on: ubuntu-24.04\n"
        "    permisions: write-all\n"
        "    steps:\n"
        "      - run: echo \"${{ github.event.pull_request.title }}\"\n"
        "      - run: echo ${{ matrix.nothing }}\n",
        encoding="utf-8",
    )
    result = _actionlint(broken, cwd=tmp_path)
    assert result.returncode == 1
    assert 'unexpected key "permisions" for "job" section' in result.stdout
    assert '"github.event.pull_request.title" is potentially untrusted' in result.stdout
    assert 'property "nothing" is not defined' in result.stdout


@pytest.mark.parametrize("name", WORKFLOW_FILES)
def test_every_action_is_pinned_to_a_commit_with_its_version(name: str) -> None:
    lines = [USES.match(line) for line in (WORKFLOWS / name).read_text(encoding="utf-8").splitlines()]
    uses = [match for match in lines if match]
    assert uses
    for match in uses:
        assert PINNED.match(match.group(1)), match.group(0)
        assert VERSION_COMMENT.match(match.group(2)), match.group(0)


@pytest.mark.parametrize("name", WORKFLOW_FILES)
def test_least_privilege_and_python_311_with_pip_cache(name: str) -> None:
    workflow = load_workflow(name)
    assert workflow["permissions"] == {"contents": "read"}
    for job_id, job in workflow["jobs"].items():
        if job_id != "deploy":
            assert "permissions" not in job, job_id
        for step in job["steps"]:
            if str(step.get("uses", "")).startswith("actions/setup-python@"):
                assert step["with"] == {"python-version": "3.11", "cache": "pip",
                                        "cache-dependency-path": "pyproject.toml"}
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                # the whole history only where check --since reads an earlier revision
                since = any("--since" in run for run in _runs(job))
                assert step["with"] == {"persist-credentials": False,
                                        **({"fetch-depth": 0} if since else {})}, job_id


def test_pages_deploys_on_push_hourly_and_by_hand() -> None:
    workflow = load_workflow("pages.yml")
    assert workflow["on"] == {"push": {"branches": ["main"]}, "schedule": [{"cron": "7 * * * *"}],
                              "workflow_dispatch": None}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    build_uses = [str(step.get("uses", "")).split("@")[0] for step in workflow["jobs"]["build"]["steps"]]
    assert build_uses.count("actions/configure-pages") == 1
    assert build_uses.count("actions/upload-pages-artifact") == 1
    assert [str(s.get("uses", "")).split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    runs = _runs(workflow["jobs"]["build"])
    assert "showcase build --site-dir site" in runs
    assert not any("--now" in run for run in runs), "the scheduled build must judge embargoes at the real time"


def test_packs_run_by_hand_or_on_a_tag_and_are_uploaded() -> None:
    workflow = load_workflow("packs.yml")
    assert workflow["on"] == {"workflow_dispatch": None, "push": {"tags": ["*"]}}
    steps = workflow["jobs"]["packs"]["steps"]
    upload = [step for step in steps if str(step.get("uses", "")).startswith("actions/upload-artifact@")]
    assert len(upload) == 1
    assert upload[0]["if"] == "${{ !cancelled() }}"  # not-ready packs are kept even when one failed
    assert upload[0]["with"]["path"] == "dist/packs/*.zip"


def _runs(job: dict[str, Any]) -> list[str]:
    return [str(step["run"]) for step in job["steps"] if "run" in step]


def _showcase_steps(job: dict[str, Any]) -> list[str]:
    """The job's own commands: `run:` steps using showcase (installs and actions left out)."""
    installs = re.compile(r"\b(pip|npm|apt-get|make)\b")
    return [run for run in _runs(job) if re.search(r"\bshowcase\b", run) and not installs.search(run)]


def _run_step(script: str, cwd: Path, tmp_path: Path,
              path_first: Path | None = None,
              step_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    assert "${{" not in script, "a command step the test runs must not need GitHub expressions"
    files = {name: tmp_path / name.lower() for name in ("GITHUB_ENV", "GITHUB_PATH", "GITHUB_OUTPUT")}
    env = tool_env({**{name: str(path) for name, path in files.items()}, **(step_env or {})})
    if path_first is not None:
        env["PATH"] = f"{path_first}:{env['PATH']}"
    return subprocess.run([*SHELL, script], cwd=cwd, capture_output=True, text=True, env=env, timeout=300)


CHECK_STEP = "Check stories, award files and data"
EXPRESSION = re.compile(r"^\$\{\{ github\.([\w.]+) \}\}$")


def _step_env(job: dict[str, Any], name: str, github: dict[str, str]) -> dict[str, str]:
    """The `env:` of the job's step `name`, each `${{ github.<x> }}` given its value from `github`."""
    step = next(step for step in job["steps"] if step.get("name") == name)
    env = {}
    for key, value in step.get("env", {}).items():
        match = EXPRESSION.match(str(value))
        assert match, f"{key}: only a github context value is expected, got {value}"
        env[key] = github[match.group(1)]
    return env


def _git(root: Path, *args: str) -> str:
    identity = {"GIT_AUTHOR_NAME": "Comms", "GIT_AUTHOR_EMAIL": "comms@example.org",
                "GIT_COMMITTER_NAME": "Comms", "GIT_COMMITTER_EMAIL": "comms@example.org",
                "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True,
                          env=tool_env(identity)).stdout.strip()


def _in_git(root: Path) -> str:
    """`root` made a git repository of one commit (its id), as a checkout would be."""
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "stories")
    return _git(root, "rev-parse", "HEAD")


RENAMED_FROM = "stories/2026-02-11-digital-planning-permission-service.md"
RENAMED_TO = "stories/2026-02-11-online-planning-applications.md"
RENAMED_ANNOTATION = (
    f"::warning file={RENAMED_TO}::{RENAMED_FROM} was renamed to {RENAMED_TO}: its page moved from "
    "stories/digital-planning-permission-service/ to stories/online-planning-applications/, so the "
    "old address no longer works and feed readers see a new story; add \"slug: "
    "digital-planning-permission-service\" to the story's front matter to keep the address")


def test_the_pull_request_job_commands_pass_on_the_example_project(example_project: Path,
                                                                   tmp_path: Path) -> None:
    workflow = load_workflow("checks.yml")
    assert workflow["on"] == {"pull_request": None}
    job = workflow["jobs"]["stories"]
    steps = _showcase_steps(job)
    assert [step.split()[:2] for step in steps] == [["showcase", "check"], ["showcase", "build"], ["status=0", "for"]]
    _in_git(example_project)
    _git(example_project, "update-ref", "refs/remotes/origin/main", "HEAD")  # the base branch
    env = _step_env(job, CHECK_STEP, {"base_ref": "main"})
    outputs = []
    for script in steps:
        result = _run_step(script, example_project, tmp_path, step_env=env)
        assert result.returncode == 0, f"{script}\n{result.stdout}\n{result.stderr}"
        outputs.append(result.stdout)
    annotations = outputs[0].splitlines()
    assert annotations, "the example project has at least one draft with warnings"
    assert all(re.match(r"::warning file=stories/[\w.-]+\.md,line=\d+", line) for line in annotations), annotations
    assert (example_project / "site" / "index.html").is_file()
    awards = sorted(path.stem for path in (example_project / "awards").glob("*.yml"))
    assert sorted(path.stem for path in (example_project / "dist" / "packs").glob("*.zip")) == awards


def test_the_pull_request_check_warns_of_a_story_page_the_change_moves(example_project: Path,
                                                                      tmp_path: Path) -> None:
    job = load_workflow("checks.yml")["jobs"]["stories"]
    script = next(run for run in _showcase_steps(job) if run.startswith("showcase check"))
    assert "--since" in script
    _in_git(example_project)
    _git(example_project, "update-ref", "refs/remotes/origin/main", "HEAD")
    _git(example_project, "mv", RENAMED_FROM, RENAMED_TO)  # the pull request's change
    result = _run_step(script, example_project, tmp_path,
                       step_env=_step_env(job, CHECK_STEP, {"base_ref": "main"}))
    assert result.returncode == 0, result.stdout + result.stderr  # a warning, not an error
    assert RENAMED_ANNOTATION in result.stdout.splitlines()

    missing = _run_step(script, example_project, tmp_path,
                        step_env=_step_env(job, CHECK_STEP, {"base_ref": "release"}))
    assert missing.returncode == 2  # a base branch not fetched: the job fails, naming the fix
    assert '"fetch-depth: 0"' in missing.stderr


@pytest.mark.parametrize("event, before, compared", [
    ("push", "previous", True),
    ("push", "0" * 40, False),  # the branch's first push
    ("push", "1" * 40, False),  # a force push: the old commit is not in the history
    ("schedule", "", False),
    ("workflow_dispatch", "", False),
])
def test_the_publishing_check_compares_a_push_with_the_commit_before_it(
        example_project: Path, tmp_path: Path, event: str, before: str, compared: bool) -> None:
    job = load_workflow("pages.yml")["jobs"]["build"]
    script = next(run for run in _runs(job) if "showcase check" in run)
    previous = _in_git(example_project)
    _git(example_project, "mv", RENAMED_FROM, RENAMED_TO)
    _git(example_project, "commit", "-q", "-m", "the story editor renames a story")
    github = {"event_name": event, "event.before": previous if before == "previous" else before}
    result = _run_step(script, example_project, tmp_path,
                       step_env=_step_env(job, CHECK_STEP, github))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert (RENAMED_ANNOTATION in lines) is compared
    notice = [line for line in lines if line.startswith("::notice::")]
    assert notice == ([f"::notice::the commit before the push ({before}) is not in the history: "
                       "the stories are not compared with it"] if before == "1" * 40 else [])


def _stub_showcase(folder: Path, codes: dict[str, int]) -> Path:
    """A `showcase` that exits with the code given for each award id (to test the loop's rules)."""
    folder.mkdir()
    cases = "\n".join(f"  {award}) exit {code} ;;" for award, code in codes.items())
    stub = folder / "showcase"
    stub.write_text(f'#!/usr/bin/env bash\ncase "$2" in\n{cases}\nesac\n', encoding="utf-8")
    stub.chmod(0o755)
    return folder


@pytest.mark.parametrize("name, job", [("checks.yml", "stories"), ("packs.yml", "packs")])
def test_the_pack_loop_keeps_not_ready_packs_and_fails_on_exit_2(name: str, job: str, tmp_path: Path) -> None:
    loop = next(run for run in _runs(load_workflow(name)["jobs"][job]) if run.startswith("status=0"))
    project = tmp_path / "project"
    (project / "awards").mkdir(parents=True)
    for award in ("broken", "not-ready", "ready"):
        (project / "awards" / f"{award}.yml").write_text("name: x\n", encoding="utf-8")

    stub = _stub_showcase(tmp_path / "a", {"ready": 0, "not-ready": 1, "broken": 0})
    fine = _run_step(loop, project, tmp_path, stub)
    assert fine.returncode == 0, fine.stdout + fine.stderr
    assert ("::warning file=awards/not-ready.yml::not-ready: pack written but not ready to submit "
            "(see its CHECKLIST.md)") in fine.stdout.splitlines()

    stub = _stub_showcase(tmp_path / "b", {"ready": 0, "not-ready": 1, "broken": 2})
    failing = _run_step(loop, project, tmp_path, stub)
    assert failing.returncode == 1
    lines = failing.stdout.splitlines()
    assert "::error file=awards/broken.yml::broken: the pack could not be built (exit 2)" in lines
    assert "ready: ready to submit" in lines  # the other awards still ran


def test_tests_job_runs_make_test_on_debian() -> None:
    job = load_workflow("checks.yml")["jobs"]["tests"]
    assert _runs(job)[-1] == "make test"
    assert job["container"] == "python:3.11-bookworm"  # Debian's Chromium at /usr/bin/chromium
