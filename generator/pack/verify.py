"""Checking a pack against its manifest: sizes and SHA-256 sums, missing and extra members."""

from __future__ import annotations

import json
import zipfile
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
            contents = {n: archive.read(n) for n in archive.namelist() if not n.endswith("/")}
    except zipfile.BadZipFile:
        return ["not a zip file, so not a pack"]
    except OSError as exc:
        raise UsageProblem(f"{path} cannot be read: {exc.strerror or exc}") from None
    if MANIFEST not in contents:
        return [f"{MANIFEST} is missing"]
    try:
        listed = _listed(contents.pop(MANIFEST))
    except _Unreadable as exc:
        return [f"{MANIFEST} cannot be read: {exc}"]
    return _compare(contents, listed)


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


def _compare(contents: dict[str, bytes], listed: dict[str, dict[str, Any]]) -> list[str]:
    found = [f"{name}: missing" for name in sorted(set(listed) - set(contents))]
    found += [f"{name}: not in the manifest" for name in sorted(set(contents) - set(listed))]
    for name in sorted(set(listed) & set(contents)):
        data, entry = contents[name], listed[name]
        if len(data) != entry["size"]:
            found.append(f"{name}: size {len(data)}, the manifest says {entry['size']}")
        if sha256(data) != entry["sha256"]:
            found.append(f"{name}: SHA-256 differs from the manifest")
    return found
