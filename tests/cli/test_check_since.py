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
from generator.story import default_slug
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
        f"{OLD}:8: warning: slug: its slug changed since HEAD~1: its page moved from "
        "stories/digital-planning-permission-service/ to stories/planning/, so the old address "
        'no longer works and feed readers see a new story; change "slug: planning" to "slug: '
        'digital-planning-permission-service" to keep the address')


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


def test_a_slug_line_changed_is_told_to_change_back_at_its_line(repo: Path) -> None:
    """since32 F3: the advice was to add a slug: line to a story that had one (doing it gave
    a duplicate-key error), with no line number."""
    (repo / OLD).write_text(story(title=TITLE, slug="planning-one"), encoding="utf-8")
    commit(repo, "a short address")
    git(repo, "tag", "b2")
    (repo / OLD).write_text(story(title=TITLE, slug="planning-two"), encoding="utf-8")
    commit(repo, "another address")
    warning = (f"{OLD}:8: warning: slug: its slug changed since b2: its page moved from "
               "stories/planning-one/ to stories/planning-two/, so the old address no longer "
               'works and feed readers see a new story; change "slug: planning-two" back to '
               '"slug: planning-one" to keep the address')
    assert check_since(repo, "b2") == (0, [warning, "ok: 0 errors, 1 warning in 2 stories and "
                                                    "0 award files"])
    # following the advice word for word: no warning, no error
    text = (repo / OLD).read_text(encoding="utf-8")
    (repo / OLD).write_text(text.replace("slug: planning-two", "slug: planning-one"),
                            encoding="utf-8")
    assert check_since(repo, "b2") == (0, ["ok: 0 errors, 0 warnings in 2 stories and 0 award "
                                           "files"])


def test_a_renamed_file_whose_slug_line_changed_is_told_to_change_it_back(repo: Path) -> None:
    (repo / OLD).write_text(story(title=TITLE, slug="planning-one"), encoding="utf-8")
    commit(repo, "a short address")
    git(repo, "mv", OLD, NEW)
    (repo / NEW).write_text(story(title=TITLE, slug="planning-two"), encoding="utf-8")
    commit(repo, "renamed, another address")
    assert check_since(repo)[1][0] == (
        f"{NEW}:8: warning: slug: {OLD} was renamed to {NEW}: its page moved from "
        "stories/planning-one/ to stories/planning-two/, so the old address no longer works and "
        'feed readers see a new story; change "slug: planning-two" back to "slug: planning-one" '
        "to keep the address")


@pytest.mark.parametrize(("line", "broken", "error"), [
    ("service: Digital services", "service: Planning: and: Building",
     ":6: not valid YAML: mapping values are not allowed in this context (a value holding ': ' "
     "needs double quotes around it)"),
    ("service: Digital services", "service: [unclosed", ":6: not valid YAML"),
    ("date: 2026-03-14", "date: tomorrow", ":4: date:"),
    ("date: 2026-03-14", "date: 2026-03-14\nslug: one\nslug: two", ':6: duplicate key "slug"'),
])
def test_a_published_story_with_errors_now_is_told_of_its_errors_only(
        repo: Path, line: str, broken: str, error: str) -> None:
    """since32 F4: a published story with a YAML or field error was told it was withdrawn, to
    set "status: published" (which it said): its errors are the news, and they stop the build."""
    text = (repo / OLD).read_text(encoding="utf-8")
    (repo / OLD).write_text(text.replace(line, broken), encoding="utf-8")
    commit(repo, "broken")
    code, lines = check_since(repo)
    assert code == 1
    assert lines[0].startswith(f"{OLD}{error}")
    assert lines[1:] == ["errors found: 1 error, 0 warnings in 2 stories and 0 award files"]


def test_a_story_set_to_draft_with_errors_is_still_told_it_is_withdrawn(repo: Path) -> None:
    (repo / OLD).write_text(story(title=TITLE, status="draft", date="tomorrow"), encoding="utf-8")
    commit(repo, "withdrawn, half written")
    code, lines = check_since(repo)
    assert code == 0  # a draft's problems are warnings: the build goes on without its page
    assert lines[0] == (
        f"{OLD}: warning: status: {OLD} was public at HEAD~1 and is now a draft: its page "
        "stories/digital-planning-permission-service/ goes from the site, so its address no "
        'longer works (withdrawing a story is allowed; if it was not meant, set "status: '
        'published")')


SWAP_A = "stories/2025-03-20-shared-revenues.md"
SWAP_B = "stories/2025-05-14-service-desk.md"


def test_two_published_files_swapped_are_warned_of_at_both_addresses(repo: Path) -> None:
    """since32 F5: git sees two files whose names were swapped as two files changed, so
    nothing was told, though each address showed the other story."""
    (repo / SWAP_A).write_text(story(title="Shared revenues"), encoding="utf-8")
    (repo / SWAP_B).write_text(story(title="Service desk"), encoding="utf-8")
    commit(repo, "two more")
    git(repo, "tag", "base")
    git(repo, "mv", SWAP_A, "stories/tmp.md")
    git(repo, "mv", SWAP_B, SWAP_A)
    git(repo, "mv", "stories/tmp.md", SWAP_B)
    commit(repo, "swapped")
    assert "M\t" in git(repo, "diff", "--name-status", "-M", "base", "HEAD")  # not renames
    advice = ("links to it lead to another story; if the files were swapped, give each story "
              "its old address with slug:")
    assert check_since(repo, "base") == (0, [
        f'{SWAP_A}: warning: slug: stories/shared-revenues/ showed "Shared revenues" at base '
        f'and now shows "Service desk": {advice}',
        f'{SWAP_B}: warning: slug: stories/service-desk/ showed "Service desk" at base and now '
        f'shows "Shared revenues": {advice}',
        "ok: 0 errors, 2 warnings in 4 stories and 0 award files"])
    # the fix: each story its old address again
    for path, slug in ((SWAP_A, "service-desk"), (SWAP_B, "shared-revenues")):
        text = (repo / path).read_text(encoding="utf-8")
        (repo / path).write_text(text.replace("status:", f"slug: {slug}\nstatus:"),
                                 encoding="utf-8")
    assert check_since(repo, "base")[1] == [
        "ok: 0 errors, 0 warnings in 4 stories and 0 award files"]


def test_a_story_retitled_in_its_own_file_is_not_a_swap(repo: Path) -> None:
    (repo / OLD).write_text(story(title="Planning applications online"), encoding="utf-8")
    commit(repo, "retitled")
    assert check_since(repo) == (0, ["ok: 0 errors, 0 warnings in 2 stories and 0 award files"])


def test_a_date_and_a_space_before_the_name_are_left_out_of_the_address(repo: Path) -> None:
    """since32 F6: "2026-02-11 planning café.md" was stories/11-planning-cafe/: only
    "2026-02-" was taken for the date."""
    spaced = "stories/2026-02-11 planning café.md"
    rename(repo, OLD, spaced)
    code, lines = check_since(repo)
    assert code == 0
    assert lines[0] == (
        f"{spaced}: warning: {OLD} was renamed to {spaced}: its page moved from "
        "stories/digital-planning-permission-service/ to stories/planning-cafe/, so the old "
        'address no longer works and feed readers see a new story; add "slug: '
        "digital-planning-permission-service\" to the story's front matter to keep the address")


@pytest.mark.parametrize(("name", "slug"), [
    ("2026-02-11 planning café.md", "planning-cafe"),
    ("2026-02-11_planning_cafe.md", "planning_cafe"),
    ("2026-02-11-planning-cafe.md", "planning-cafe"),
    ("2026-02 planning.md", "planning"),
    ("2026 02 11 planning.md", "2026-02-11-planning"),  # the slip check warns of this one
])
def test_default_slug_leaves_out_a_whole_leading_date(name: str, slug: str) -> None:
    assert default_slug(f"stories/{name}") == slug.replace("_", "-")


def _mono(make_project: ProjectFactory, tmp_path: Path) -> Path:
    """A repository whose project is in its sub-folder site-proj/, with a story renamed."""
    project = make_project({OLD: story(title=TITLE)})
    repository = tmp_path / "mono"
    repository.mkdir()
    project.rename(repository / "site-proj")
    git(repository, "init", "-q", "-b", "main")
    commit(repository, "first")
    rename(repository, f"site-proj/{OLD}", f"site-proj/{NEW}")
    return repository


def test_github_notes_name_files_from_the_repository_root(make_project: ProjectFactory,
                                                          tmp_path: Path) -> None:
    """since32 F7: with the project in a sub-folder, `file=` was relative to the project, so
    GitHub could not put the notes on a pull request's lines."""
    repository = _mono(make_project, tmp_path)
    project = repository / "site-proj"
    note = f"::warning file=site-proj/{NEW}::{RENAMED.split(': warning: ', 1)[1]}"
    github = ("--format", "github")
    env = {"GITHUB_WORKSPACE": ""}
    result = run_cli("check", "-p", str(project), "--now", NOW, "--since", "HEAD~1", *github,
                     env=env)  # git's prefix, found from the project
    assert result.output.splitlines() == [note]
    # in GitHub Actions: the project's folder below GITHUB_WORKSPACE
    result = run_cli("check", "-p", str(project), "--now", NOW, "--since", "HEAD~1", *github,
                     env={"GITHUB_WORKSPACE": str(repository)})
    assert result.output.splitlines() == [note]
    result = run_cli("check", "-p", str(project), "--now", NOW, "--since", "HEAD~1", *github,
                     env={"GITHUB_WORKSPACE": str(project)})
    assert result.output.splitlines() == [f"::warning file={NEW}::{RENAMED.split(': warning: ', 1)[1]}"]
    # text and json are unchanged: relative to the project
    assert check_since(project)[1][0] == RENAMED
    payload = json.loads(run_cli("check", "-p", str(project), "--now", NOW, "--since",
                                 "HEAD~1", "--format", "json").output)
    assert payload["problems"][0]["path"] == NEW


def test_github_notes_without_git_are_relative_to_the_project(make_project: ProjectFactory) -> None:
    root = make_project({OLD: story(date="tomorrow")})
    result = run_cli("check", "-p", str(root), "--now", NOW, "--format", "github",
                     env={"GITHUB_WORKSPACE": "", "PATH": str(root / "nowhere")})
    assert result.output.splitlines()[0].startswith(f"::error file={OLD},line=4,title=date::")


def test_a_remote_branch_missing_from_a_shallow_clone_names_the_fetch_that_brings_it(
        repo: Path, tmp_path: Path) -> None:
    """since32 F8: "git fetch --unshallow" (and "git fetch origin main") does not bring
    origin/main into a single-branch --depth clone; the refspec does."""
    (repo / "content/index.md").write_text("# Home\n", encoding="utf-8")  # no empty folder in git
    commit(repo, "a home page")
    git(repo, "checkout", "-q", "-b", "feature")
    (repo / "stories/2026-04-01-more.md").write_text(story(title="More"), encoding="utf-8")
    commit(repo, "on the feature branch")
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", "-b", "feature", f"file://{repo}", str(shallow))
    fetch = "git fetch origin main:refs/remotes/origin/main"
    assert check_since(shallow, "origin/main") == (2, [
        f'showcase: --since origin/main: no such revision in this shallow clone (its history is '
        f'cut short: run "{fetch}", or in GitHub Actions give the checkout step '
        '"fetch-depth: 0")'])
    git(shallow, "fetch", "-q", "--unshallow")
    assert check_since(shallow, "origin/main") == (2, [
        f'showcase: --since origin/main: no such revision in this repository (a branch of '
        f'another clone: run "{fetch}" first, and in GitHub Actions give the checkout step '
        '"fetch-depth: 0")'])
    git(shallow, *fetch.split()[1:])  # the advice, word for word
    assert check_since(shallow, "origin/main") == (0, [
        "ok: 0 errors, 0 warnings in 3 stories and 0 award files"])


def test_a_stories_dir_spelled_with_dots_is_read_as_check_reads_it(
        make_project: ProjectFactory) -> None:
    """hostile34 F5: `stories_dir: content/../stories` stopped --since with an internal error
    (plain check names its files content/../stories/...): the folder is compared as git names
    it, and its files are named as check names them."""
    from tests.check.casefile import CONFIG
    root = make_project({OLD: story(title=TITLE), "content/index.md": "# Home\n",
                         "mkdocs.yml": CONFIG.replace(
        "  - showcase\n", "  - showcase:\n      stories_dir: content/../stories\n")})
    git(root, "init", "-q", "-b", "main")
    commit(root, "first")
    rename(root, OLD, NEW)
    code, lines = check_since(root)
    assert code == 0
    dotted = f"content/../{NEW}"
    message = RENAMED.split(": warning: ", 1)[1].replace(OLD, "OLD").replace(NEW, "NEW")
    assert lines == [f"{dotted}: warning: " + message.replace("OLD", f"content/../{OLD}")
                     .replace("NEW", dotted), "ok: 0 errors, 1 warning in 1 story and 0 award files"]
    assert not any("internal error" in line for line in lines)


LINKED = "stories/2026-04-01-linked.md"


def test_a_deleted_story_that_was_a_link_is_warned_of(repo: Path) -> None:
    """hostile34 F12: a story file that is a link is read and published by check and build, but
    --since skipped links, so deleting one was not warned of. At the revision it is read from
    the file it leads to there."""
    (repo / LINKED).symlink_to(Path(OLD).name)
    (repo / "elsewhere").mkdir()
    (repo / "elsewhere/kept.md").write_text(story(title="Kept elsewhere"), encoding="utf-8")
    (repo / "stories/2026-04-02-elsewhere.md").symlink_to("../elsewhere/kept.md")
    commit(repo, "links")
    revision = history.read_revision(repo, "stories", "HEAD")
    assert revision.files[LINKED] == revision.files[OLD] == story(title=TITLE)
    assert revision.files["stories/2026-04-02-elsewhere.md"] == story(title="Kept elsewhere")
    git(repo, "rm", "-q", LINKED, "stories/2026-04-02-elsewhere.md")
    commit(repo, "delete the links")
    code, lines = check_since(repo)
    assert code == 0
    warned = [line for line in lines if "was public at HEAD~1 and is deleted" in line]
    assert [line.split(": warning: ")[0] for line in warned] == [
        LINKED, "stories/2026-04-02-elsewhere.md"]
    assert warned[0].endswith("its page stories/linked/ goes from the site, so its address no "
                              'longer works (if the story moved to another file, add "slug: '
                              "linked\" to that file's front matter to keep the address)")


def test_a_story_link_out_of_the_project_or_to_nothing_at_the_revision_is_skipped(
        make_project: ProjectFactory, tmp_path: Path) -> None:
    """A link story that collect would not read at the revision (out of the project, to a file
    that is not there, round a loop) is left out, silently."""
    outside = tmp_path / "outside.md"
    outside.write_text(story(title="Outside"), encoding="utf-8")
    repository = tmp_path / "mono"
    repository.mkdir()
    make_project({OLD: story(title=TITLE)}).rename(repository / "site-proj")
    project = repository / "site-proj"
    (repository / "other.md").write_text(story(title="Other"), encoding="utf-8")
    links = {"stories/2026-05-01-up.md": "../../other.md",  # in the repository, not the project
             "stories/2026-05-02-abs.md": str(outside),
             "stories/2026-05-03-gone.md": "missing.md",
             "stories/2026-05-04-loop.md": "2026-05-04-loop.md"}
    for name, target in links.items():
        (project / name).symlink_to(target)
    git(repository, "init", "-q", "-b", "main")
    commit(repository, "first")
    revision = history.read_revision(project, "stories", "HEAD")
    assert sorted(revision.files) == [OLD]
