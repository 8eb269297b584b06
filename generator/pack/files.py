"""The files a pack carries: cited evidence and lead images, under safe, unique member names."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from generator.attachment_names import names_of
from generator.images import (
    CAMERA_KINDS,
    TOO_LARGE,
    is_photo,
    is_stripped,
    picture_kind,
    published_bytes,
)
from generator.paths import PathRefused, resolve_inside
from generator.problems import ShowcaseError, one_line
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
    that name (ignoring case), or Windows could not extract a file of that name."""
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
    names = _Names()
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
    member = names.claim("images", PurePosixPath(story.slug + source.suffix.lower()))
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


#: characters no file name may hold on Windows, besides the control characters
_NOT_ON_WINDOWS = frozenset('<>:"|?*\\')
#: names Windows keeps for devices, with any suffix (nul.csv, CON.tar.gz)
_DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"{kind}{n}" for kind in ("com", "lpt")
                                                    for n in "0123456789¹²³")})


def windows_safe(name: str) -> bool:
    """True when Windows can extract a file or folder called `name`: no control character
    or `< > : " | ? * \\`, not a device's name (NUL, CON.csv), no trailing dot or space."""
    return (name != "" and not name.endswith((".", " "))
            and not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 or c in _NOT_ON_WINDOWS
                        for c in name)
            and name.split(".", 1)[0].rstrip(" ").casefold() not in _DEVICES)


def _by_id(name: str, given: str) -> PurePosixPath:
    """The name a file gets when its own cannot be extracted on Windows: as the site
    publishes evidence, its id (`given`) and its own suffix in lower case, where that is
    safe (`dot.csv.` -> cost.csv)."""
    suffix = PurePosixPath(name.rstrip(". ")).suffix.lower()
    stem = given if windows_safe(given) else f"{given}-file"
    return PurePosixPath(stem + (suffix if windows_safe(stem + suffix) else ""))


class _Names:
    """Member names, unique ignoring case; a clash gets -2, -3 ... before the suffix, and
    a line in `renamed` saying so (the checklist shows it). A name Windows cannot extract
    is the file's id instead, said the same way."""

    def __init__(self) -> None:
        self._taken: dict[str, str] = {}
        self.renamed: list[str] = []

    def claim(self, folder: str, relative: PurePosixPath, given: str | None = None) -> str:
        parts = [p for p in relative.parts if p not in ("", ".", "..")]
        written = PurePosixPath(folder, *parts)
        unsafe = given is not None and not all(windows_safe(part) for part in parts)
        base = PurePosixPath(folder, _by_id(parts[-1] if parts else "", given or "")) \
            if unsafe else written
        candidate, number = base, 1
        while str(candidate).casefold() in self._taken:
            number += 1
            candidate = base.with_name(f"{base.stem}-{number}{base.suffix}")
        self._taken[str(candidate).casefold()] = str(candidate)
        if unsafe:
            self._unsafe(written, candidate)
        elif candidate != base:
            self.renamed.append(f"{base} is {candidate} in the pack: {self._taken[str(base).casefold()]} "
                                "has the same name (ignoring case)")
        return str(candidate)

    def _unsafe(self, written: PurePosixPath, safe: PurePosixPath) -> None:
        shown = one_line(str(written)).replace("\t", "\\t")  # a tab too, as a code
        self.renamed.append(f'"{shown}" is {safe} in the pack (as the site '
                            "names it): Windows cannot extract a file of that name (a control "
                            'character, < > : " | ? * \\, a device\'s name such as NUL or CON, '
                            "or a trailing dot or space)")
