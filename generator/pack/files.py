"""The files a pack carries: cited evidence and lead images, under safe, unique member names."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from generator.attachment_names import (
    IMAGE_MARK,
    clash_reason,
    device_marked,
    evidence_member,
    names_of,
    same_name,
    shown,
    windows_problem,
    windows_safe,
)
from generator.images import (
    CAMERA_KINDS,
    TOO_LARGE,
    is_photo,
    is_stripped,
    picture_kind,
    published_bytes,
)
from generator.paths import PathRefused, resolve_inside
from generator.problems import ShowcaseError
from generator.project import Layout
from generator.public import keeps_camera_data, runs_in_browser
from generator.story import Story


@dataclass(frozen=True)
class PackFile:
    """A file to copy into the pack."""

    member: str
    """Its name in the zip, e.g. evidence/call-volumes.csv."""
    source: Path
    """Where it is in the project."""
    size: int
    data: bytes | None = None
    """The bytes to write, when they are not the file's own: a photo (evidence or lead image)
    without its metadata (EXIF, XMP, GPS), as the site publishes it; None to copy the file."""


@dataclass(frozen=True)
class Gathered:
    """The files found, and the ones that could not be used."""

    evidence: list[PackFile]
    images: list[PackFile]
    missing: list[str]
    """One line per file that is missing or refused, naming the story and why."""
    cited: dict[tuple[str, str], str] = field(default_factory=dict)
    """(story path, evidence id) to the file's member name, e.g. evidence/call-volumes.csv:
    where a metric's `source` is in the pack."""
    renamed: list[str] = field(default_factory=list)
    """One line per file whose member name is not its own: another file in the pack has
    that name (ignoring case, or with its accents written as other characters), or Windows
    could not extract a file of that name."""
    camera_data: list[str] = field(default_factory=list)
    """One line per photo sent with its camera data (TIFF, HEIC, raw: formats whose metadata
    cannot be removed), naming the story and the file."""
    active: list[str] = field(default_factory=list)
    """One line per file a browser would run (SVG, HTML, JavaScript) when a judge opens it."""
    empty: list[str] = field(default_factory=list)
    """One line per evidence file of 0 bytes, naming the story and the file."""
    called: dict[str, set[str]] = field(default_factory=dict)
    """Each member's names an award file may give it in `attachments: send:`, case-folded:
    the evidence ids citing it, its path as the story wrote it, its file name, its member
    name (evidence/x.pdf) and, for a lead image, its `src`."""


def gather(layout: Layout, stories: list[Story]) -> Gathered:
    """Every evidence file the stories cite and every lead image, deduplicated."""
    names = _Names(_valid_as_written(stories))
    evidence: list[PackFile] = []
    images: list[PackFile] = []
    missing: list[str] = []
    cited: dict[tuple[str, str], str] = {}
    members: dict[Path, str] = {}
    camera_data: list[str] = []
    active: list[str] = []
    empty: list[str] = []
    called: dict[str, set[str]] = {}
    evidence_name = layout.relative(layout.evidence)
    for story in stories:
        for item in story.meta.evidence:
            try:
                source = resolve_inside(layout.evidence, item.path, layout.root, evidence_name)
            except PathRefused as exc:
                missing.append(f"{story.path}: evidence {item.id}: {exc}")
                continue
            if source.resolve() not in members:
                found = _evidence(source, f"{story.path}: evidence {item.id}", missing)
                if found is None:
                    continue
                member = names.claim("evidence", PurePosixPath(item.path.strip()), item.id)
                members[source.resolve()] = member
                if keeps_camera_data(item.path) or picture_kind(source) in CAMERA_KINDS:
                    camera_data.append(f"{story.path}: evidence {item.id}: {member}")
                if runs_in_browser(item.path):
                    active.append(f"{story.path}: evidence {item.id}: {member}")
                if found[0] == 0:
                    empty.append(f"{story.path}: evidence {item.id}: {member}")
                evidence.append(PackFile(member, source, *found))
            member = members[source.resolve()]
            cited.setdefault((story.path, item.id), member)
            called.setdefault(member, names_of(member)).update(
                names_of(item.path.strip(), item.id))
        image = _image(layout, story, names, missing)
        if image is not None:
            images.append(image)
            assert story.meta.image is not None
            called[image.member] = names_of(image.member) | names_of(story.meta.image.src)
    return Gathered(evidence, images, missing, cited, names.renamed, camera_data, active,
                    empty, called)


def _valid_as_written(stories: list[Story]) -> list[str]:
    """The member names of the files whose names are valid as written (on Windows too):
    evidence/<path> and images/<slug><suffix>, held for them before any file is renamed."""
    names = [evidence_member(item.path) for story in stories for item in story.meta.evidence
             if all(windows_safe(part) for part in PurePosixPath(evidence_member(item.path)).parts)]
    images = [f"{story.slug}{PurePosixPath(story.meta.image.src).suffix.lower()}"
              for story in stories if story.meta.image is not None]
    return names + [f"images/{name}" for name in images if windows_safe(name)]


def _evidence(source: Path, name: str, missing: list[str]) -> tuple[int, bytes | None] | None:
    """The size and bytes to write of an evidence file: a photo (JPEG, PNG, WebP) or GIF loses
    its metadata as on the site; one that cannot be decoded stays out with a blocker (its
    metadata cannot be removed). Other files are copied as they are, in chunks."""
    kind = picture_kind(source)  # by its bytes: a JPEG named .jfif is stripped too
    if kind in CAMERA_KINDS or (kind is None and not is_stripped(source)):
        return source.stat().st_size, None
    try:
        data = published_bytes(source)
    except ShowcaseError as exc:  # Pillow's reason varies with the plugins loaded: a fixed text
        if TOO_LARGE in str(exc):
            missing.append(f"{name}: {source.name} {TOO_LARGE}, so its metadata (EXIF, XMP or "
                           "a comment) cannot be removed: it is left out of the pack; save a "
                           "copy with fewer pixels as JPEG, PNG or WebP")
        else:
            missing.append(f"{name}: {source.name} cannot be read as a picture, so its metadata "
                           "(EXIF, XMP or a comment, which may say where it was taken) cannot be "
                           "removed: it is left out of the pack; save it again as JPEG, PNG or WebP")
        return None
    assert data is not None
    return len(data), data


def _image(layout: Layout, story: Story, names: _Names, missing: list[str]) -> PackFile | None:
    if story.meta.image is None:
        return None
    folder = (layout.root / story.path).parent
    try:
        source = resolve_inside(folder, story.meta.image.src, layout.root, layout.relative(folder))
    except PathRefused as exc:
        missing.append(f"{story.path}: image: {exc}")
        return None
    try:  # the copy sent loses its metadata, as on the site: its size is what limits judge
        data = published_bytes(source) if _readable_image(source) else None
    except ShowcaseError:
        data = None
    if data is None and (is_photo(source) or not _readable_image(source)):
        missing.append(f"{story.path}: image: {story.meta.image.src} cannot be read as an image")
        return None
    member = names.claim_image(story.path, story.slug, source.suffix.lower())
    return PackFile(member, source, len(data) if data else source.stat().st_size, data)


def _readable_image(path: Path) -> bool:
    """True when Pillow can decode the whole file (a broken image would stop the PDF)."""
    from PIL import Image

    try:
        with Image.open(path) as image:
            image.load()
    except (OSError, ValueError, Image.DecompressionBombError):
        return False
    return True


def _by_id(name: str, given: str, mark: str) -> tuple[PurePosixPath, bool]:
    """The name a file gets when its own cannot be extracted on Windows: as the site
    publishes evidence, its id (`given`), with -`mark` after it where the id cannot name a
    file either (con-file.csv), and its own suffix in lower case, where that is safe
    (`dot.csv.` -> cost.csv); and whether -`mark` was added."""
    suffix = PurePosixPath(name.rstrip(". ")).suffix.lower()
    marked = not (windows_safe(given) and windows_safe(given + suffix))
    stem = device_marked(given, mark) if marked else given
    return PurePosixPath(stem + (suffix if windows_safe(stem + suffix) else "")), marked


def _first_problem(parts: list[str]) -> tuple[str, str] | None:
    """Why Windows cannot extract the first of `parts` (folders, then the file) it cannot:
    'a file named "a*b.csv" (it holds the character *)'; None when it can extract them all."""
    for place, part in enumerate(parts):
        problem = windows_problem(part)
        if problem is not None:
            kind = "file" if place == len(parts) - 1 else "folder"
            return f'a {kind} named "{shown(part)}"', problem
    return None


class _Names:
    """Member names, unique ignoring case and how accents are written (`same_name`), and
    written with single-character accents (NFC, as `evidence_member`). A name valid as written (on Windows too) keeps
    it: each is held for its file from the start (`kept`), so no renamed file takes it. A
    name Windows cannot extract becomes the file's id (a lead image's, its story's slug and
    -image); a clash gets -2, -3 ... before the suffix. Each rename is a line in `renamed`
    naming the file as written, its name in the pack and why (the checklist shows it)."""

    def __init__(self, kept: Iterable[str] = ()) -> None:
        self._taken: dict[str, str] = {}
        #: who has each name taken: the name as the story wrote it, and how a line shows it
        #: (with its evidence id)
        self._holders: dict[str, tuple[str, str]] = {}
        self._kept = {same_name(name) for name in kept}
        self.renamed: list[str] = []

    def claim(self, folder: str, relative: PurePosixPath, given: str | None = None) -> str:
        """The member name of the evidence file a story cites as `relative`, with id
        `given` (without one, a name the pack makes: checked for clashes only)."""
        parts = [p for p in relative.parts if p not in ("", ".", "..")]
        written = PurePosixPath(folder, *parts)
        unsafe = _first_problem(parts) if given is not None else None
        if unsafe is None:
            said = f'{written} (evidence id "{shown(given)}")' if given else str(written)
            return self._own(written, said)
        parts = [unicodedata.normalize("NFC", part) for part in parts]
        base, marked = _by_id(parts[-1], given or "", "file")
        name = self._free(PurePosixPath(folder, base), own=False)
        self._holders[same_name(str(name))] = (str(name),
                                               f'{name} (evidence id "{shown(given or "")}")')
        how = f"its evidence id with -file, as {given} is a device's name too" if marked \
            else "its evidence id, as on the site"
        self.renamed.append(f'"{shown(str(written))}" is {name} in the pack: Windows cannot '
                            f"extract {unsafe[0]} ({unsafe[1]}), so it is named by {how}"
                            f"{self._clash(PurePosixPath(folder, base), name)}")
        return str(name)

    def claim_image(self, story_path: str, slug: str, suffix: str) -> str:
        """The member name of a story's lead image: images/<slug><suffix>, or
        images/<slug>-image<suffix> where Windows keeps the slug for a device."""
        own = PurePosixPath("images", slug + suffix)
        problem = windows_problem(own.name)
        if problem is None:
            return self._own(own, f"{story_path}'s lead image ({own})")
        base = own.with_name(device_marked(slug, IMAGE_MARK, suffix))
        name = self._free(base, own=False)
        self.renamed.append(f"{story_path}'s lead image is {name} in the pack, not {own}: a "
                            "lead image is named by its story's slug, and Windows cannot "
                            f'extract a file named "{own.name}" ({problem}), so -{IMAGE_MARK} '
                            f"is added{self._clash(base, name)}")
        return str(name)

    def _own(self, written: PurePosixPath, said: str) -> str:
        """`written`, the file's own name (NFC), unless another file has it (ignoring case
        and how accents are written: `same_name`)."""
        own = PurePosixPath(unicodedata.normalize("NFC", str(written)))
        name = self._free(own, own=True)
        if name != own:
            holder, holder_said = self._holders.get(same_name(str(own)), (str(own), str(own)))
            self.renamed.append(f"{said} is {name} in the pack: "
                                f"{clash_reason(str(written), holder, holder_said)}")
        self._holders[same_name(str(name))] = (str(written), said)
        return str(name)

    def _free(self, base: PurePosixPath, *, own: bool) -> PurePosixPath:
        """`base`, or `base` with -2, -3 ... before its suffix: the first name no file has
        taken nor is held for a file whose name is valid as written (`own`: `base` is the
        file's own name, held for it)."""
        candidate, number = base, 1
        while (same_name(str(candidate)) in self._taken
               or (same_name(str(candidate)) in self._kept and not (own and candidate == base))):
            number += 1
            candidate = base.with_name(f"{base.stem}-{number}{base.suffix}")
        self._taken[same_name(str(candidate))] = str(candidate)
        return candidate

    def _holder(self, name: PurePosixPath) -> str:
        """The file that has `name` (`same_name`), or is to have it (valid as written)."""
        return self._taken.get(same_name(str(name)), str(name))

    def _clash(self, base: PurePosixPath, name: PurePosixPath) -> str:
        """', with -2 as <base> is another file in the pack' where a number was added."""
        if name == base:
            return ""
        number = name.stem.removeprefix(base.stem + "-")
        return f", with -{number} as {self._holder(base)} is another file in the pack"


#: what an answer's file name gets when its question's id cannot name a file on Windows
ANSWER_MARK = "answer"


def answer_files(ids: list[str]) -> tuple[dict[str, str], list[str]]:
    """Each question's answer files in the pack, by its id, without their suffix (.md and
    .txt): answers/<id>, or answers/<id>-answer where Windows keeps the id for a device
    (AUX, CON); and one line per answer so renamed, for the checklist."""
    names = _Names(f"answers/{qid}.md" for qid in ids if windows_safe(f"{qid}.md"))
    stems: dict[str, str] = {}
    renamed: list[str] = []
    for qid in ids:
        own = PurePosixPath("answers", f"{qid}.md")
        problem = windows_problem(own.name)
        if problem is None:
            stems[qid] = str(names._free(own, own=True).with_suffix(""))
            continue
        base = own.with_name(device_marked(qid, ANSWER_MARK, ".md"))
        name = names._free(base, own=False).with_suffix("")
        stems[qid] = str(name)
        renamed.append(f"question {qid}'s answer is {name}.md and {name}.txt in the pack, not "
                       f"{own.with_suffix('')}.md: an answer is named by its question's id, and "
                       f'Windows cannot extract a file named "{own.name}" ({problem}), so '
                       f"-{ANSWER_MARK} is added{names._clash(base, name.with_suffix('.md'))}")
    return stems, renamed
