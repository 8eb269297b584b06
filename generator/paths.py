"""Resolving a path a person wrote, refusing any that leaves its folder or the project."""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from pathlib import Path, PurePosixPath

from generator.attachment_names import device_marked, same_name, windows_problem

#: a Windows drive: an ASCII letter and a colon (a colon elsewhere, as in notes:v2.pdf, is
#: a character of the name, which Linux and a Mac hold and a pack renames for Windows)
_DRIVE = re.compile(r"[A-Za-z]:")
#: a web (or other) address: a scheme of two or more letters and :// (https://, file://)
_ADDRESS = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]+://")


#: what a pack's name gets after the award id when Windows keeps the id for a device, as a
#: lead image of slug con is images/con-image.png (`attachment_names.image_member`)
PACK_MARK = "pack"


class PathRefused(ValueError):
    """The path cannot be used; the message says why and what to write instead."""


def resolve_inside(folder: Path, written: str, root: Path, folder_name: str) -> Path:
    """`written`, relative to `folder`, as an existing file inside it and inside `root`."""
    text = written.strip()
    if is_address(text):
        raise PathRefused(f'"{written}" is {address_kind(text)}, not a file: write the path of '
                          f"a file in {folder_name}/ (download the file into {folder_name}/ first)")
    drive = _DRIVE.match(text)
    if drive:  # C:\x, C:/x, or a:b.csv (the folder Windows is in on drive A:)
        raise PathRefused(f'"{written}" names a Windows drive ({drive.group()}): write it '
                          f"relative to {folder_name}/")
    if "\\" in text:
        raise PathRefused(f'"{written}" uses backslashes: write forward slashes, like media/photo.png')
    pure = PurePosixPath(text)
    if pure.is_absolute():
        meant = _relative_meant(folder, pure, root)
        advice = f"write {meant} (relative to {folder_name}/)" if meant else f"write it relative to {folder_name}/"
        raise PathRefused(f'"{written}" is an absolute path: {advice}')
    if ".." in pure.parts:
        raise PathRefused(f'"{written}" goes outside {folder_name}/ with "..": '
                          f"keep the file inside {folder_name}/")
    pure = _as_on_disk(folder, pure)
    candidate = folder / pure
    resolved = candidate.resolve()
    if not _within(resolved, root.resolve()):
        raise PathRefused(f'"{written}" is a link to a file outside the project: '
                          f"copy the file into {folder_name}/ instead")
    if not _within(resolved, folder.resolve()):  # e.g. evidence/x.csv -> ../.git/config
        raise PathRefused(f'"{written}" is a link to a file outside {folder_name}/: '
                          f"copy the file into {folder_name}/ instead")
    if candidate.is_dir():
        raise PathRefused(f"{folder_name}/{pure.as_posix()} is a folder: name a file in it")
    if candidate.exists() and not candidate.is_file():
        raise PathRefused(f"{folder_name}/{pure.as_posix()} is not an ordinary file (a pipe or "
                          "a device): save the evidence as a file")
    if not candidate.is_file():
        raise PathRefused(f"{folder_name}/{pure.as_posix()} does not exist{_hint(folder, pure, folder_name)}")
    return candidate


def is_address(written: str) -> bool:
    """True when `written` is an address with a scheme (https://, http://, file://, ftp://),
    not a path."""
    return _ADDRESS.match(written.strip()) is not None


#: written like an address without :// (mailto:a@b.c, data:text/plain,hi, www.example.org/x;
#: not www.report.csv): said so only where no such file is there, as notes:v2.pdf may name one
_LOOSE_ADDRESS = re.compile(r"(?:mailto|data):|www\.[^/\s]+\.[^/\s]+/", re.IGNORECASE)


def address_kind(written: str, *, loose: bool = False) -> str | None:
    """What kind of address `written` is, in words ("a web address", "a file address" for
    file://, "an email address" for mailto:, "a data address" for data:), or None for a
    path. Without `loose` only an address with :// is one (`is_address`); with it mailto:,
    data: and www. (no scheme) are too."""
    text = written.strip()
    if not is_address(text) and not (loose and _LOOSE_ADDRESS.match(text)):
        return None
    scheme = text.split(":", 1)[0].casefold() if ":" in text.split("/", 1)[0] else ""
    return {"file": "a file address", "mailto": "an email address",
            "data": "a data address"}.get(scheme, "a web address")


def _relative_meant(folder: Path, absolute: PurePosixPath, root: Path) -> str | None:
    """The path relative to `folder` that an absolute one means, when its folder is there: the
    story editor's /media/pic.png for stories/media/pic.png is media/pic.png, and so is
    /stories/media/pic.png written from the project's root; None when nothing matches."""
    inner = PurePosixPath(*absolute.parts[1:])
    if not inner.parts or ".." in inner.parts:
        return None
    for base in (folder, root):
        candidate = base / inner
        try:
            there = candidate.exists() or (len(inner.parts) > 1 and candidate.parent.is_dir())
        except OSError:  # a name too long for the disk, say
            there = False
        if there and candidate.is_relative_to(folder) and candidate != folder:
            return candidate.relative_to(folder).as_posix()
    return None


def _as_on_disk(folder: Path, pure: PurePosixPath) -> PurePosixPath:
    """`pure` as the disk spells it when it is there only in the other Unicode form: a Mac
    writes "Café.csv" with a separate accent (NFD), a story types it as one letter (NFC)."""
    if (folder / pure).exists():
        return pure
    for form in ("NFC", "NFD"):
        other = PurePosixPath(unicodedata.normalize(form, pure.as_posix()))
        if other != pure and (folder / other).exists():
            return other
    return pure


def _hint(folder: Path, pure: PurePosixPath, folder_name: str) -> str:
    last = PurePosixPath(folder_name).name
    if pure.parts and pure.parts[0] == last and (folder / PurePosixPath(*pure.parts[1:])).is_file():
        return f' (write {PurePosixPath(*pure.parts[1:]).as_posix()}: the path is relative to {folder_name}/)'
    return _near_name(folder / pure.parent, pure.name, pure.parent) or \
        _moved(folder, pure.name, folder_name)


def _moved(folder: Path, name: str, folder_name: str, most: int = 20_000) -> str:
    """Where in `folder` (looking through at most `most` entries) a file of that name now
    is, when it was moved into another of its sub-folders; "" when none is."""
    seen = 0
    found: list[str] = []
    for top, folders, files in os.walk(folder):
        folders.sort()
        seen += len(folders) + len(files)
        found += [(Path(top) / f).relative_to(folder).as_posix()
                  for f in sorted(files) if f.casefold() == name.casefold()]
        if seen > most:
            break
    if len(found) == 1:
        return f" (there is {folder_name}/{found[0]}: write {found[0]})"
    if found:  # moved into more than one place: which is meant is the writer's to say
        shown = [f"{folder_name}/{where}" for where in found[:3]]
        more = f" and {len(found) - 3} more" if len(found) > 3 else ""
        return f" (there are {', '.join(shown[:-1])} and {shown[-1]}{more}: write the one meant)"
    return ""


def _near_name(where: Path, name: str, parent: PurePosixPath) -> str:
    """A file in `where` the story may mean: one whose name differs only in letter case
    (`Library-Loans.csv` for `library-loans.csv`: the web and Linux tell them apart), else
    one close in spelling; "" when the folder holds none (or cannot be read)."""
    try:
        names = sorted(entry.name for entry in where.iterdir() if entry.is_file())
    except OSError:
        return ""
    written = (parent / "x").as_posix()[:-1] if parent.parts else ""
    same = [other for other in names if other.casefold() == name.casefold()]
    if same:
        return (f" (there is {written}{same[0]}: write its name with the same capitals, as the "
                "web tells them apart)")
    # letter case aside (survey_results.csv for Survey-Results.CSV), as the writer sees names
    by_case = {other.casefold(): other for other in reversed(names)}
    close = difflib.get_close_matches(name.casefold(), list(by_case), n=1, cutoff=0.8)
    return f" (did you mean {written}{by_case[close[0]]}?)" if close else ""


def _within(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def pack_file_name(award_id: str) -> str:
    """The file an award's pack is written to: `<award-id>.zip`, or the id with -pack where
    Windows keeps it for a device (con-pack.zip; con-pack.2027.zip for con.2027, as Windows
    reads CON.2027.zip as CON too), as Windows could not save con.zip."""
    name = f"{award_id}.zip"
    return name if pack_name_problem(award_id) is None \
        else device_marked(award_id, PACK_MARK, ".zip")


def pack_name_key(award_id: str) -> str:
    """`pack_file_name` as Windows and macOS compare file names: letter case and how an
    accent is written aside (Con-pack.zip is con-pack.zip there), as a pack's evidence
    files are (`attachment_names.same_name`: straße.zip is not strasse.zip)."""
    return same_name(pack_file_name(award_id))


def pack_name_problem(award_id: str) -> str | None:
    """Why Windows could not save `<award-id>.zip` when -pack mends it (the id is a device's
    name: CON, aux, com1, LPT9, con.2027), in words ("CON is the name of a device on
    Windows"); None otherwise (an id that is not a slug is warned about as such)."""
    why = windows_problem(f"{award_id}.zip")
    return why if why is not None \
        and windows_problem(device_marked(award_id, PACK_MARK, ".zip")) is None else None
