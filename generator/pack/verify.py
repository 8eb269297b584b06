"""Checking a pack against its manifest: sizes and SHA-256 sums, missing and extra members."""

from __future__ import annotations

import hashlib
import json
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.pack.archive import MANIFEST
from generator.problems import UsageProblem, one_line


class _Unreadable(ValueError):
    """The manifest is not what the pack writes."""


@dataclass(frozen=True)
class Mismatch:
    """One way the zip differs from its manifest.json."""

    member: str | None
    """The file it is of; None when it is of the whole zip (not a zip, no manifest)."""
    text: str
    """e.g. 'answers/summary.txt: SHA-256 differs from the manifest'."""


@dataclass(frozen=True)
class Verification:
    """What `verify_pack` found: every mismatch, in order, and a line that counts them."""

    mismatches: tuple[Mismatch, ...]

    @property
    def ok(self) -> bool:
        """True when the pack matches its manifest."""
        return not self.mismatches

    @property
    def lines(self) -> list[str]:
        """Each mismatch as the command shows it, one a line."""
        return [mismatch.text for mismatch in self.mismatches]

    @property
    def summary(self) -> str:
        """The count, by file, not by difference: a changed file's size and sum are 'one
        file differs', e.g. '1 file differs from the manifest'."""
        if self.ok:
            return "ok, every member matches manifest.json"
        files = len({m.member for m in self.mismatches if m.member is not None})
        parts = [f"{files} file{'s' * (files != 1)} differ{'s' * (files == 1)} from the "
                 "manifest"] if files else []
        if any(m.member is None for m in self.mismatches):
            parts.append("it cannot be checked against a manifest")
        return "; ".join(parts)


def verify_pack(path: Path) -> Verification:
    """Every mismatch between the zip and its manifest.json; none when the pack is intact.

    A path that is no file is a UsageProblem (the command was given the wrong thing); a file
    that is not a zip, or a manifest that cannot be read, is a mismatch. Members are read in
    pieces, one at a time, and only those the manifest lists: a member it does not list is a
    mismatch without being read (it may be huge).
    """
    if not path.is_file():
        what = ("is a folder" if path.is_dir() else "is not a file (a device or a pipe)"
                if path.exists() else "does not exist")
        raise UsageProblem(f"{one_line(str(path))} {what}: give the path of a pack, e.g. dist/<award-id>.zip")
    try:
        with zipfile.ZipFile(path) as archive:
            return Verification(tuple(_verify(archive)))
    except zipfile.BadZipFile:
        return Verification((Mismatch(None, "not a zip file, so not a pack"),))
    except OSError as exc:
        raise UsageProblem(f"{one_line(str(path))} cannot be read: {exc.strerror or exc}") from None


def _verify(archive: zipfile.ZipFile) -> list[Mismatch]:
    members = [info for info in archive.infolist() if not info.is_dir()]
    repeated = _repeated([info.filename for info in members])
    manifests = [info for info in members if info.filename == MANIFEST]
    if not manifests:
        return [*repeated, Mismatch(None, f"{MANIFEST} is missing")]
    try:
        # each member by its own entry: reading by name gives the last of a repeated name
        listed = _listed(_read_small(archive, manifests[-1]))
    except _Unreadable as exc:
        return [*repeated, Mismatch(None, f"{MANIFEST} cannot be read: {exc}")]
    return repeated + _compare(archive, [i for i in members if i.filename != MANIFEST], listed)


MANIFEST_LIMIT = 64 * 1024 * 1024
"""A manifest larger than this is not one the pack wrote (it lists a few hundred files)."""


def _read_small(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    if info.file_size > MANIFEST_LIMIT:
        raise _Unreadable(f"it is {info.file_size:,} bytes, far more than a pack's manifest")
    try:
        with archive.open(info) as member:
            return member.read(MANIFEST_LIMIT + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise _Unreadable(f"it is damaged ({exc})") from None


def _digest(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[int, str]:
    """The member's size and SHA-256 as it unzips, read in 1 MB pieces."""
    digest, size = hashlib.sha256(), 0
    with archive.open(info) as member:
        while piece := member.read(CHUNK):
            digest.update(piece)
            size += len(piece)
    return size, digest.hexdigest()


CHUNK = 1024 * 1024

def _repeated(names: list[str]) -> list[Mismatch]:
    """A mismatch for each name the zip holds more than once: a pack has one member of each
    name, and an unzip tool may extract any of the copies, not the one the sums were of."""
    counts = Counter(names)
    return [Mismatch(name, f"{name}: {count} members of this name (a pack has one; an unzip "
                     "tool may extract any of them)") for name, count in sorted(counts.items()) if count > 1]


def _listed(manifest: bytes) -> dict[str, dict[str, Any]]:
    """The manifest's members by name, each checked to have a text name, size and sum."""
    try:
        members = json.loads(manifest)["members"]
    except (ValueError, KeyError, TypeError):
        raise _Unreadable("it is not JSON with a list of members") from None
    if not isinstance(members, list):
        raise _Unreadable("members is not a list")
    listed = {}
    for number, member in enumerate(members):
        if not (isinstance(member, dict) and isinstance(member.get("name"), str)
                and type(member.get("size")) is int and isinstance(member.get("sha256"), str)):
            raise _Unreadable(f"members[{number}] is not a name (text), size (a whole number) "
                              "and sha256 (text)")
        listed[member["name"]] = member
    return listed


def _compare(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo],
             listed: dict[str, dict[str, Any]]) -> list[Mismatch]:
    """Each listed member against the manifest; every copy of a repeated name is checked."""
    names = {info.filename for info in members}
    found = [Mismatch(name, f"{name}: missing") for name in sorted(set(listed) - names)]
    found += [Mismatch(name, f"{name}: not in the manifest")
              for name in sorted(names - set(listed))]
    for info in sorted(members, key=lambda member: member.filename):
        name = info.filename
        if name not in listed:
            continue
        entry = listed[name]
        try:
            size, digest = _digest(archive, info)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
            found.append(Mismatch(name, f"{name}: damaged, it cannot be unzipped ({exc})"))
            continue
        if size != entry["size"]:
            found.append(Mismatch(name, f"{name}: size {size}, the manifest says {entry['size']}"))
        if digest != entry["sha256"]:
            found.append(Mismatch(name, f"{name}: SHA-256 differs from the manifest"))
    return found
