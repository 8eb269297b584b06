"""The story pages a change takes off the site: `showcase check --since <git revision>`.

A story's page lives at `stories/<slug>/`, and the slug defaults from the file name, so
renaming a published story's file moves its page: the old address stops working and feed
readers see a new story. A build in a fresh checkout (GitHub Actions) has no last site to
compare with; this compares the stories public at a git revision with those public now, at
the same clock, read and judged as `collect` reads and judges them.

The comparison (`moved_pages`) takes file texts and is pure; `read_revision` is the thin git
reader (one `git ls-tree` and one `git cat-file --batch` for the stories folder, one
`git diff -M` for renames). A story file that is a link at the revision is read from the file
it leads to there (one more `git cat-file`), as `collect` reads one now; one that leads out of
the project, to nothing or round a loop is left out without a word (git stores only the path it
names, so a link out of the repository cannot be read as it was).
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import re
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath

from generator.model.story import Status
from generator.problems import Problem, Severity, UsageProblem, one_line
from generator.reading.safe_yaml import YamlProblem
from generator.reading.stories import parse_story
from generator.reading.text import MAX_BYTES, decode
from generator.story import Story, UnusableStory


@dataclass(frozen=True)
class Revision:
    """The story files of a git revision, and the renames git sees from there to now."""

    name: str
    """The revision as the user gave it (`origin/main`, `HEAD~1`, a commit)."""
    files: Mapping[str, str] = field(default_factory=dict)
    """Each story file's text at the revision, by its path relative to the project."""
    renames: Mapping[str, str] = field(default_factory=dict)
    """The path now of each story file git sees renamed since the revision, by the old path."""

    @property
    def shown(self) -> str:
        """The revision as messages name it (a full commit id cut to 12 digits)."""
        name = one_line(self.name)
        return name[:12] if _COMMIT_ID.fullmatch(name) else name


_COMMIT_ID = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")


@dataclass(frozen=True)
class Page:
    """A story file as far as its page goes: where it lives and whether anyone may see it."""

    path: str
    slug: str
    title: str | None
    status: str | None
    public: bool
    embargo: datetime | None = None
    status_line: int | None = None
    slug_line: int | None = None
    """The line of the story's own `slug:`, when it has one."""
    unusable: bool = False
    """The file has errors that leave it out of the site (`Catalogue.unusable`)."""


def pages_now(stories: Iterable[Story], unusable: Iterable[UnusableStory],
              now: datetime) -> list[Page]:
    """The project's story files now (`Catalogue.stories` and `.unusable`) as pages; an
    unusable story is never public (its errors stop the build)."""
    return ([_page(story, now) for story in stories]
            + [Page(u.path, u.slug, u.title, u.status, public=False, unusable=True)
               for u in unusable])


def _page(story: Story, now: datetime) -> Page:
    return Page(story.path, story.slug, story.title, story.status.value, story.is_public(now),
                story.meta.embargo, story.line_of("status") or None,
                story.line_of("slug") if story.meta.slug else None)


def public_then(files: Mapping[str, str], now: datetime) -> dict[str, Page]:
    """The pages public at `now` among the story `files` of a revision (path to text), by
    slug: read with the reader `check` uses and judged public as the site does; a file that
    does not read as a valid story is left out."""
    found: dict[str, Page] = {}
    for path in sorted(files):
        story = parse_story(files[path], path).story
        if story is not None and story.is_public(now):
            found.setdefault(story.slug, _page(story, now))
    return found


def moved_pages(revision: Revision, current: list[Page], now: datetime) -> list[Problem]:
    """A warning for each story page public at `revision` that is not public now (at the same
    clock `now`), naming the file it came from: moved (the file renamed, the slug changed),
    withdrawn (draft, review, under embargo again) or deleted; and for each page public then
    and now that shows another story now (two files' names swapped). A page whose file has
    errors now is not warned of: its errors are (and they stop the build)."""
    then_pages = public_then(revision.files, now)
    public_now = {page.slug: page for page in current if page.public}
    gone = [warning for slug, then in sorted(then_pages.items()) if slug not in public_now
            if (warning := _warning(revision, then, _counterpart(then, revision, current)))]
    return gone + _swapped(revision, then_pages, public_now)


def _swapped(revision: Revision, then_pages: Mapping[str, Page],
             public_now: Mapping[str, Page]) -> list[Problem]:
    """A warning at each page public then and now that shows another story now: its title
    changed, and its old title is now at another address that was public then too (git sees
    two files whose names were swapped as two files changed, not renamed)."""
    found = []
    for slug, then in sorted(then_pages.items()):
        now = public_now.get(slug)
        if now is None or _title(now) == _title(then):
            continue
        if any(_title(page) == _title(then) and other != slug and other in then_pages
               for other, page in public_now.items()):
            found.append(_warn(
                now.path, now.slug_line, "slug",
                f'stories/{slug}/ showed "{one_line(then.title or "")}" at {revision.shown} '
                f'and now shows "{one_line(now.title or "")}": links to it lead to another '
                "story; if the files were swapped, give each story its old address with "
                "slug:"))
    return found


def _title(page: Page) -> str:
    return (page.title or "").strip()


def _counterpart(then: Page, revision: Revision, current: list[Page]) -> Page | None:
    """The story file now that the page public at the revision came from: the file git saw it
    renamed to, the same file, or a new file with the same title (a public one first)."""
    by_path = {page.path: page for page in current}
    for path in (revision.renames.get(then.path), then.path):
        if path is not None and path in by_path:
            return by_path[path]
    titled = [page for page in current if page.title is not None and then.title is not None
              and page.title.strip() == then.title.strip() and page.path not in revision.files]
    return min(titled, key=lambda page: (not page.public, page.path), default=None)


def _warning(revision: Revision, then: Page, now: Page | None) -> Problem | None:
    """The warning for the page `then` (public at the revision) gone now; None when its file
    `now` has errors that leave it out, and it says neither draft nor review: its errors are
    the reason (told, and they stop the build), not a withdrawal or a move."""
    at = revision.shown
    if now is not None and now.unusable and now.status not in _WITHDRAWN:
        return None
    if now is None:
        return _warn(then.path, None, None,
                     f"{then.path} was public at {at} and is deleted: its page "
                     f"stories/{then.slug}/ goes from the site, so its address no longer works "
                     f'(if the story moved to another file, add "slug: {then.slug}" to that '
                     "file's front matter to keep the address)")
    named = then.path if now.path == then.path else f"{then.path} (now {now.path})"
    if now.status != Status.PUBLISHED.value:
        state = {Status.DRAFT.value: "a draft", Status.REVIEW.value: "in review"}.get(
            now.status or "", "not published")
        return _warn(now.path, now.status_line, "status",
                     f"{named} was public at {at} and is now {state}: its page "
                     f"stories/{then.slug}/ goes from the site, so its address no longer works "
                     '(withdrawing a story is allowed; if it was not meant, set "status: '
                     'published")')
    if now.slug != then.slug:
        return _moved(revision, then, now)
    return _warn(now.path, None, "embargo" if now.embargo else None,
                 f"{named} was public at {at} and is not public now"
                 f"{_until(now.embargo)}: its page stories/{then.slug}/ goes from the site, so "
                 "its address does not work meanwhile")


def _moved(revision: Revision, then: Page, now: Page) -> Problem:
    """The page moved to another address: the file renamed, or its slug changed. The fix
    changes the story's own `slug:` line back, or adds one when it has none."""
    back = " back" if then.slug_line else ""
    fix = (f'change "slug: {now.slug}"{back} to "slug: {then.slug}"' if now.slug_line
           else f'add "slug: {then.slug}" to the story\'s front matter')
    keep = (f"so the old address no longer works and feed readers see a new story; {fix} to "
            "keep the address")
    field_name = "slug" if now.slug_line else None
    if now.path != then.path:
        return _warn(now.path, now.slug_line, field_name,
                     f"{then.path} was renamed to {now.path}: its page moved from "
                     f"stories/{then.slug}/ to stories/{now.slug}/, {keep}")
    return _warn(now.path, now.slug_line, "slug",
                 f"its slug changed since {revision.shown}: its page moved from "
                 f"stories/{then.slug}/ to stories/{now.slug}/, {keep}")


_WITHDRAWN = {Status.DRAFT.value, Status.REVIEW.value}


def _until(embargo: datetime | None) -> str:
    return f" (under embargo until {embargo.isoformat()})" if embargo is not None else ""


def _warn(path: str, line: int | None, field_name: str | None, message: str) -> Problem:
    return Problem(path, line, field_name, message, Severity.WARNING)


# the thin git reader


def read_revision(root: Path, folder: str, revision: str) -> Revision:
    """The story files under `folder` (relative to the project at `root`, as the layout spells
    it: `content/../stories` too) at the git `revision`, named as `folder` spells them, and
    git's renames of them from there to the working tree; a UsageProblem naming the revision
    and the fix when git, the repository or the revision is missing."""
    commit = _commit(root, revision)
    real = _real_folder(root, folder)
    listing = _git(root, revision, "ls-tree", "-r", "-z", commit, "--", real or ".")
    blobs, links = _story_blobs(listing, real)
    texts = _contents(root, revision, [*blobs.values(), *links.values()])
    files = {path: text for path, sha in blobs.items() if (text := texts.get(sha)) is not None}
    files |= _linked_stories(root, revision, commit, links, texts)
    changes = _git(root, revision, "diff", "--name-status", "-z", "-M", "--relative",
                   "--no-ext-diff", commit, "--", real or ".")
    return Revision(revision, _spelled(files, real, folder),
                    {_respell(old, real, folder): _respell(new, real, folder)
                     for old, new in _renames(changes).items()})


def _real_folder(root: Path, folder: str) -> str:
    """`folder` (relative to the project at `root`) as git names it from there: the folder it
    resolves to (`content/../stories` is `stories`), "" for the project itself."""
    real = os.path.relpath((root / folder).resolve(), root.resolve())
    return "" if real == "." else PurePosixPath(Path(real)).as_posix()


def _respell(path: str, real: str, folder: str) -> str:
    """`path` (relative to the project) under the folder git names `real`, as the project
    spells that folder (`folder`); a path outside it as it is."""
    if real == folder:
        return path
    try:
        inside = PurePosixPath(path).relative_to(real) if real else PurePosixPath(path)
    except ValueError:
        return path
    return (PurePosixPath(folder) / inside).as_posix() if folder else inside.as_posix()


def _spelled(files: Mapping[str, str], real: str, folder: str) -> dict[str, str]:
    return {_respell(path, real, folder): text for path, text in files.items()}


def _commit(root: Path, revision: str) -> str:
    """The commit `revision` names; the usage problems of --since."""
    named = one_line(revision)
    if not revision.strip():
        raise UsageProblem('--since: give a git revision to compare with, like "origin/main" or '
                           '"HEAD~1"')
    result = _run(root, revision, "rev-parse", "--verify", "--quiet", "--end-of-options",
                  f"{revision}^{{commit}}")
    if result.returncode == 0:
        return result.stdout.decode().strip()
    reason = _first_line(result.stderr)
    if "not a git repository" in reason:
        raise UsageProblem(f"--since {named}: {root} is not in a git repository (--since "
                           "compares with the stories at a git revision: run check in a clone "
                           "of the project, or leave --since out)")
    if reason:
        raise UsageProblem(f"--since {named}: git cannot read the repository: {reason}")
    shallow = _run(root, revision, "rev-parse", "--is-shallow-repository").stdout.strip()
    fetch = _fetch_branch(root, revision)
    if shallow == b"true":
        raise UsageProblem(f"--since {named}: no such revision in this shallow clone (its history "
                           f'is cut short: run "{fetch or "git fetch --unshallow"}", or in GitHub '
                           'Actions give the checkout step "fetch-depth: 0")')
    if fetch:
        raise UsageProblem(f"--since {named}: no such revision in this repository (a branch of "
                           f'another clone: run "{fetch}" first, and in GitHub Actions give the '
                           'checkout step "fetch-depth: 0")')
    raise UsageProblem(f"--since {named}: no such revision in this repository (give a commit, "
                       'branch or tag git knows, like "origin/main" or "HEAD~1"; a branch of '
                       'another clone needs "git fetch" first, and in GitHub Actions the '
                       'checkout step "fetch-depth: 0")')


def _fetch_branch(root: Path, revision: str) -> str | None:
    """The git command that brings the remote branch `revision` names (origin/main) into
    this clone, when it names one of a remote this clone has. A plain `git fetch`, or `git
    fetch origin main`, does not make origin/main in a single-branch clone (what `git clone
    --depth 1` makes), and `--unshallow` only deepens the branches it has: the refspec does."""
    found = _BRANCH.fullmatch(revision.removeprefix("refs/remotes/"))
    if found is None:
        return None
    remotes = _run(root, revision, "remote").stdout.decode("utf-8", "replace").split()
    remote, branch = found.groups()
    if remote not in remotes:
        return None
    return f"git fetch {remote} {branch}:refs/remotes/{remote}/{branch}"


_BRANCH = re.compile(r"([\w.-]+)/([\w.-]+(?:/[\w.-]+)*)")
"""A remote branch as a revision: origin/main, origin/feature/new-page (nothing after it,
like ~1 or ^)."""


def _story_blobs(listing: bytes, folder: str) -> tuple[dict[str, str], dict[str, str]]:
    """The object id of each story file in `git ls-tree -r -z` output: files ending `.md`,
    not hidden below the stories folder (as `collect` reads them); regular files first, then
    links (whose objects hold the path they lead to)."""
    found: dict[str, str] = {}
    links: dict[str, str] = {}
    for entry in filter(None, listing.split(b"\0")):
        info, _, raw_path = entry.partition(b"\t")
        mode, kind, sha = info.decode().split()
        path = raw_path.decode("utf-8", "surrogateescape")
        try:
            inside = PurePosixPath(path).relative_to(folder) if folder else PurePosixPath(path)
        except ValueError:  # not below the folder as git names it: not a story file
            continue
        if kind == "blob" and path.endswith(".md") \
                and not any(part.startswith(".") for part in inside.parts):
            if mode in _FILE_MODES:
                found[path] = sha
            elif mode == _LINK_MODE:
                links[path] = sha
    return found, links


_FILE_MODES = {"100644", "100755"}
_LINK_MODE = "120000"


def _linked_stories(root: Path, revision: str, commit: str, links: Mapping[str, str],
                    texts: Mapping[str, str]) -> dict[str, str]:
    """The text of each story file that is a link at the revision (`links`: path to object
    id; `texts`: each object's text, the path it leads to), read from the file it leads to at
    the revision, as `collect` reads a link now; one that leads out of the project, to
    nothing or round a loop is left out (collect would not read it), in one more
    `git cat-file --batch --follow-symlinks` when there are any."""
    targets: dict[str, str] = {}
    for path, sha in links.items():
        written = texts.get(sha)
        if not written or "\n" in written or PurePosixPath(written).is_absolute():
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(path), written))
        if target != ".." and not target.startswith("../"):
            targets[path] = target
    if not targets:
        return {}
    wanted = sorted(set(targets.values()))
    out = _git(root, revision, "cat-file", "--batch", "--follow-symlinks",
               feed="".join(f"{commit}:./{target}\n" for target in wanted))
    read = dict(zip(wanted, _batch(out), strict=True))
    return {path: text for path, target in targets.items()
            if (text := read[target]) is not None}


def _contents(root: Path, revision: str, shas: list[str]) -> dict[str, str]:
    """The text of each object (by id), read in one `git cat-file --batch`; one that is too
    large or not UTF-8 is left out (it would not read as a story)."""
    if not shas:
        return {}
    out = _git(root, revision, "cat-file", "--batch", feed="".join(f"{sha}\n" for sha in shas))
    return {sha: text for sha, text in zip(shas, _batch(out), strict=True) if text is not None}


def _batch(out: bytes) -> list[str | None]:
    """The text of each object asked of `git cat-file --batch [--follow-symlinks]`, in order:
    None for one missing, not a file, too large or not UTF-8 (it would not read as a story),
    or a link that leads out of the revision, to nothing or round a loop ("symlink",
    "dangling", "loop" or "notdir" and a size, then that many bytes)."""
    texts: list[str | None] = []
    at = 0
    while at < len(out):
        header_end = out.index(b"\n", at)
        header = out[at:header_end].decode("utf-8", "surrogateescape").split()
        at = header_end + 1
        if len(header) < 2 or header[-1] == "missing" or not header[-1].isdigit():
            texts.append(None)  # "<object> missing" (or "ambiguous"): nothing follows it
            continue
        size = int(header[-1])
        kind = header[1] if len(header) == 3 else header[0]
        text = None
        if kind == "blob" and size <= MAX_BYTES:
            with contextlib.suppress(YamlProblem):  # not UTF-8: it would not read as a story
                text = decode(out[at:at + size])
        texts.append(text)
        at += size + 1  # the newline after each object
    return texts


def _renames(changes: bytes) -> dict[str, str]:
    """Old path to new path for each rename in `git diff --name-status -z -M` output."""
    fields = [part.decode("utf-8", "surrogateescape") for part in changes.split(b"\0")]
    renames: dict[str, str] = {}
    at = 0
    while at < len(fields) and fields[at]:
        status = fields[at]
        if status[:1] in {"R", "C"}:
            if status[0] == "R":
                renames[fields[at + 1]] = fields[at + 2]
            at += 3
        else:
            at += 2
    return renames


def repository_prefix(root: Path, environ: Mapping[str, str]) -> str:
    """The folder of the project at `root` inside its repository, as GitHub names files
    (`site-proj/`, or "" at the top): below `GITHUB_WORKSPACE` when that holds the project,
    else below the git work tree (one `git rev-parse --show-prefix`); "" without git."""
    workspace = environ.get("GITHUB_WORKSPACE", "")
    if workspace:
        with contextlib.suppress(ValueError, OSError):
            inside = root.resolve().relative_to(Path(workspace).resolve()).as_posix()
            return "" if inside == "." else f"{inside}/"
    try:
        result = subprocess.run(["git", "rev-parse", "--show-prefix"], cwd=root,
                                capture_output=True, check=False,
                                env={**os.environ, "LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0"})
    except OSError:
        return ""
    prefix = result.stdout.decode("utf-8", "surrogateescape").strip("\n")
    return prefix if result.returncode == 0 else ""


def _git(root: Path, revision: str, *args: str, feed: str | None = None) -> bytes:
    """The output of `git ARGS`; a UsageProblem naming the revision when it fails."""
    result = _run(root, revision, *args, feed=feed)
    if result.returncode != 0:
        raise UsageProblem(f"--since {one_line(revision)}: git {args[0]} failed: "
                           f"{_first_line(result.stderr) or f'exit {result.returncode}'}")
    return result.stdout


def _run(root: Path, revision: str, *args: str,
         feed: str | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0"}
    try:
        return subprocess.run(["git", *args], cwd=root, env=env, capture_output=True,
                              input=None if feed is None else feed.encode(), check=False)
    except FileNotFoundError:
        raise UsageProblem(f"--since {one_line(revision)}: git is not installed (or not on "
                           "PATH): install git, or leave --since out") from None


def _first_line(stderr: bytes) -> str:
    lines = stderr.decode("utf-8", "replace").strip().splitlines()
    return one_line(lines[0].removeprefix("fatal: ")) if lines else ""
