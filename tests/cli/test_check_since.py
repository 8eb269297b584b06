"""`showcase check --since <revision>`: the story pages public at a git revision and not now
(an outside tester's finding: renaming a published story's file moved its page, and in the
publishing route, a fresh checkout in GitHub Actions, `showcase build` had no last site to
compare with, so nothing warned). Real git repositories, made in tmp_path."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator import history
from tests.conftest import NOW, ProjectFactory, run_cli, story

OLD = "stories/2026-02-11-digital-planning-permission-service.md"
NEW = "stories/2026-02-11-online-planning-applications.md"
TITLE = "A digital planning application service"
GIT_ENV = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_AUTHOR_NAME": "Comms", "GIT_AUTHOR_EMAIL": "comms@example.org",
           "GIT_COMMITTER_NAME": "Comms", "GIT_COMMITTER_EMAIL": "comms@example.org"}


def git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True,
                            env={**os.environ, **GIT_ENV}, check=True)
    return result.stdout


def commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


@pytest.fixture
def repo(make_project: ProjectFactory) -> Path:
    """A project in git whose first commit has a published story and a draft."""
    root = make_project({OLD: story(title=TITLE),
                         "stories/2026-03-01-chatbot.md": story(title="Chatbot", status="draft")})
    git(root, "init", "-q", "-b", "main")
    commit(root, "first stories")
    return root


def check_since(root: Path, revision: str = "HEAD~1", *more: str) -> tuple[int, list[str]]:
    result = run_cli("check", "-p", str(root), "--now", NOW, "--since", revision, *more)
    return result.exit_code, result.output.splitlines()


def rename(root: Path, old: str, new: str) -> None:
    git(root, "mv", old, new)
    commit(root, "rename")


RENAMED = (f"{NEW}: warning: {OLD} was renamed to {NEW}: its page moved from "
           "stories/digital-planning-permission-service/ to stories/online-planning-applications/, "
           "so the old address no longer works and feed readers see a new story; add "
           '"slug: digital-planning-permission-service" to the story\'s front matter to keep the '
           "address")


def test_a_renamed_story_file_is_warned_of_with_the_slug_that_keeps_its_address(repo: Path) -> None:
    rename(repo, OLD, NEW)
    code, lines = check_since(repo)
    assert code == 0  # a warning: the change is allowed
    assert lines == [RENAMED, "ok: 0 errors, 1 warning in 2 stories and 0 award files"]
    without = run_cli("check", "-p", str(repo), "--now", NOW)
    assert without.output.splitlines() == ["ok: 0 errors, 0 warnings in 2 stories and 0 award files"]


def test_the_warning_is_a_github_annotation_on_the_new_file_and_in_json(repo: Path) -> None:
    rename(repo, OLD, NEW)
    code, lines = check_since(repo, "HEAD~1", "--format", "github")
    assert code == 0
    assert lines == [f"::warning file={NEW}::{RENAMED.split(': warning: ', 1)[1]}"]
    result = run_cli("check", "-p", str(repo), "--now", NOW, "--since", "HEAD~1", "--format", "json")
    payload = json.loads(result.output)
    assert payload["warnings"] == 1
    assert payload["problems"][0]["path"] == NEW


def test_a_renamed_file_that_keeps_its_slug_is_not_warned_of(repo: Path) -> None:
    git(repo, "mv", OLD, NEW)
    (repo / NEW).write_text(story(title=TITLE, slug="digital-planning-permission-service"),
                            encoding="utf-8")
    commit(repo, "rename, keeping the address")
    assert check_since(repo) == (0, ["ok: 0 errors, 0 warnings in 2 stories and 0 award files"])


def test_a_file_renamed_without_git_is_found_by_its_title(repo: Path) -> None:
    (repo / OLD).unlink()  # renamed in a file manager and rewritten: git sees a new file
    (repo / NEW).write_text(story(title=TITLE, summary="Rewritten from start to end.",
                                  body="## Impact\n\nAll new words.\n"), encoding="utf-8")
    code, lines = check_since(repo, "HEAD")  # the working tree, not yet committed
    assert code == 0
    assert lines[0] == RENAMED


def test_a_story_withdrawn_to_draft_is_warned_of_as_withdrawn(repo: Path) -> None:
    (repo / OLD).write_text(story(title=TITLE, status="draft"), encoding="utf-8")
    commit(repo, "withdraw")
    code, lines = check_since(repo)
    assert code == 0
    assert lines == [
        f"{OLD}:5: warning: status: {OLD} was public at HEAD~1 and is now a draft: its page "
        "stories/digital-planning-permission-service/ goes from the site, so its address no "
        'longer works (withdrawing a story is allowed; if it was not meant, set "status: '
        'published")',
        "ok: 0 errors, 1 warning in 2 stories and 0 award files"]


def test_a_deleted_story_is_warned_of(repo: Path) -> None:
    git(repo, "rm", "-q", OLD)
    commit(repo, "delete")
    code, lines = check_since(repo)
    assert code == 0
    assert lines[0] == (
        f"{OLD}: warning: {OLD} was public at HEAD~1 and is deleted: its page "
        "stories/digital-planning-permission-service/ goes from the site, so its address no "
        'longer works (if the story moved to another file, add "slug: '
        "digital-planning-permission-service\" to that file's front matter to keep the address)")


def test_a_story_under_embargo_then_and_now_is_not_warned_of(make_project: ProjectFactory) -> None:
    embargoed = "stories/2026-12-01-new-library-app.md"
    root = make_project({embargoed: story(title="Library app", embargo="2027-01-05T09:00:00+00:00")})
    git(root, "init", "-q")
    commit(root, "embargoed story")
    rename(root, embargoed, "stories/2026-12-01-library-app.md")
    assert check_since(root) == (0, ["ok: 0 errors, 0 warnings in 1 story and 0 award files"])
    # the same clock judges then and now: at a moment after the embargo, the move is told
    later = run_cli("check", "-p", str(root), "--now", "2027-01-06", "--since", "HEAD~1")
    assert "its page moved from stories/new-library-app/ to stories/library-app/" in later.output


def test_a_draft_renamed_is_not_warned_of(repo: Path) -> None:
    rename(repo, "stories/2026-03-01-chatbot.md", "stories/2026-03-01-webchat.md")
    assert check_since(repo) == (0, ["ok: 0 errors, 0 warnings in 2 stories and 0 award files"])


def test_an_old_story_that_does_not_read_is_skipped(repo: Path) -> None:
    (repo / "stories/2026-01-01-broken.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    commit(repo, "a broken story")
    (repo / "stories/2026-01-01-broken.md").unlink()
    commit(repo, "removed")
    assert check_since(repo) == (0, ["ok: 0 errors, 0 warnings in 2 stories and 0 award files"])


def test_an_unknown_revision_is_a_usage_error(repo: Path) -> None:
    code, lines = check_since(repo, "origin/main")
    assert code == 2
    assert lines == [
        'showcase: --since origin/main: no such revision in this repository (give a commit, '
        'branch or tag git knows, like "origin/main" or "HEAD~1"; a branch of another clone '
        'needs "git fetch" first, and in GitHub Actions the checkout step "fetch-depth: 0")']


def test_a_revision_cut_off_by_a_shallow_clone_names_fetch_depth(repo: Path, tmp_path: Path) -> None:
    (repo / "stories/2026-04-01-more.md").write_text(story(title="More"), encoding="utf-8")
    commit(repo, "second")
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow))
    code, lines = check_since(shallow)
    assert code == 2
    assert lines == [
        'showcase: --since HEAD~1: no such revision in this shallow clone (its history is cut '
        'short: run "git fetch --unshallow", or in GitHub Actions give the checkout step '
        '"fetch-depth: 0")']


def test_a_folder_that_is_not_a_git_repository_is_a_usage_error(make_project: ProjectFactory,
                                                                  tmp_path: Path) -> None:
    root = make_project({OLD: story()})
    code, lines = check_since(root)
    assert code == 2
    assert lines == [f"showcase: --since HEAD~1: {root.resolve()} is not in a git repository "
                     "(--since compares with the stories at a git revision: run check in a clone "
                     "of the project, or leave --since out)"]


def test_git_missing_is_a_usage_error(repo: Path) -> None:
    result = run_cli("check", "-p", str(repo), "--now", NOW, "--since", "HEAD",
                     env={"PATH": str(repo / "nowhere")})
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "showcase: --since HEAD: git is not installed (or not on PATH): install git, or leave "
        "--since out"]


def test_an_empty_revision_is_a_usage_error(repo: Path) -> None:
    assert check_since(repo, " ") == (2, ['showcase: --since: give a git revision to compare '
                                          'with, like "origin/main" or "HEAD~1"'])


def test_the_stories_folder_is_read_with_a_fixed_number_of_git_processes(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(30):
        (repo / f"stories/2025-01-{n + 1:02d}-story-{n}.md").write_text(
            story(title=f"Story {n}"), encoding="utf-8")
    (repo / "stories/.hidden.md").write_text(story(title="Hidden"), encoding="utf-8")
    commit(repo, "thirty more")
    calls: list[list[str]] = []
    real = subprocess.run

    def counted(args: list[str], **kwargs: object) -> object:
        calls.append(args)
        return real(args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(subprocess, "run", counted)
    revision = history.read_revision(repo, "stories", "HEAD")
    assert [call[1] for call in calls] == ["rev-parse", "ls-tree", "cat-file", "diff"]
    assert len(revision.files) == 32  # the two first stories and thirty; not the hidden one
    assert revision.files[OLD] == story(title=TITLE)
    assert revision.renames == {}


def test_a_slug_changed_in_the_same_file_is_warned_of(repo: Path) -> None:
    (repo / OLD).write_text(story(title=TITLE, slug="planning"), encoding="utf-8")
    commit(repo, "a shorter slug")
    assert check_since(repo)[1][0] == (
        f"{OLD}: warning: slug: its slug changed since HEAD~1: its page moved from "
        "stories/digital-planning-permission-service/ to stories/planning/, so the old address "
        'no longer works and feed readers see a new story; add "slug: '
        "digital-planning-permission-service\" to the story's front matter to keep the address")


def test_a_story_renamed_and_withdrawn_names_both_files() -> None:
    revision = history.Revision("main", {OLD: story(title=TITLE)}, {OLD: NEW})
    current = [history.Page(NEW, "online-planning-applications", TITLE, "review", public=False,
                            status_line=5)]
    [warning] = history.moved_pages(revision, current, datetime(2026, 11, 26, tzinfo=UTC))
    assert str(warning) == (
        f"{NEW}:5: warning: status: {OLD} (now {NEW}) was public at main and is now in review: "
        "its page stories/digital-planning-permission-service/ goes from the site, so its address "
        'no longer works (withdrawing a story is allowed; if it was not meant, set "status: '
        'published")')
