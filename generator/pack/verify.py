"""Checking a pack against its manifest: sizes and SHA-256 sums, missing and extra members."""

from __future__ import annotations

import json
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

from generator.pack.archive import MANIFEST, sha256
from generator.problems import UsageProblem


class _Unreadable(ValueError):
    """The manifest is not what the pack writes."""


def verify_pack(path: Path) -> list[str]:
    """Every mismatch between the zip and its manifest.json; empty when the pack is intact.

    A path that is no file is a UsageProblem (the command was given the wrong thing); a file
    that is not a zip, or a manifest that cannot be read, is a mismatch.
    """
    if not path.is_file():
        what = "is a folder" if path.is_dir() else "does not exist"
        raise UsageProblem(f"{path} {what}: give the path of a pack, e.g. dist/<award-id>.zip")
    try:
        with zipfile.ZipFile(path) as archive:
            members = [info for info in archive.infolist() if not info.is_dir()]
            # each member by its own entry: reading by name gives the last of a repeated name
            copies = [(info.filename, archive.read(info)) for info in members]
    except zipfile.BadZipFile:
        return ["not a zip file, so not a pack"]
    except OSError as exc:
        raise UsageProblem(f"{path} cannot be read: {exc.strerror or exc}") from None
    repeated = _repeated([name for name, _ in copies])
    manifests = [data for name, data in copies if name == MANIFEST]
    if not manifests:
        return [*repeated, f"{MANIFEST} is missing"]
    try:
        listed = _listed(manifests[-1])
    except _Unreadable as exc:
        return [*repeated, f"{MANIFEST} cannot be read: {exc}"]
    return repeated + _compare([(n, d) for n, d in copies if n != MANIFEST], listed)


def _repeated(names: list[str]) -> list[str]:
    """A mismatch for each name the zip holds more than once: a pack has one member of each
    name, and an unzip tool may extract any of the copies, not the one the sums were of."""
    counts = Counter(names)
    return [f"{name}: {count} members of this name (a pack has one; an unzip tool may "
            "extract any of them)" for name, count in sorted(counts.items()) if count > 1]


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


def _compare(copies: list[tuple[str, bytes]], listed: dict[str, dict[str, Any]]) -> list[str]:
    """Each member against the manifest; every copy of a repeated name is checked."""
    names = {name for name, _ in copies}
    found = [f"{name}: missing" for name in sorted(set(listed) - names)]
    found += [f"{name}: not in the manifest" for name in sorted(names - set(listed))]
    for name, data in sorted(copies, key=lambda copy: copy[0]):
        if name not in listed:
            continue
        entry = listed[name]
        if len(data) != entry["size"]:
            found.append(f"{name}: size {len(data)}, the manifest says {entry['size']}")
        if sha256(data) != entry["sha256"]:
            found.append(f"{name}: SHA-256 differs from the manifest")
    return found
