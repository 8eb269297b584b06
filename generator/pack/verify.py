"""Checking a pack against its manifest: sizes and SHA-256 sums, missing and extra members."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from generator.pack.archive import MANIFEST, sha256


def verify_pack(path: Path) -> list[str]:
    """Every mismatch between the zip and its manifest.json; empty when the pack is intact."""
    try:
        with zipfile.ZipFile(path) as archive:
            contents = {n: archive.read(n) for n in archive.namelist() if not n.endswith("/")}
    except (OSError, zipfile.BadZipFile) as exc:
        return [f"{path}: cannot be read as a zip file: {exc}"]
    if MANIFEST not in contents:
        return [f"{MANIFEST} is missing"]
    try:
        listed = {m["name"]: m for m in json.loads(contents.pop(MANIFEST))["members"]}
    except (ValueError, KeyError, TypeError) as exc:
        return [f"{MANIFEST} cannot be read: {exc}"]
    found = [f"{name}: missing" for name in sorted(set(listed) - set(contents))]
    found += [f"{name}: not in the manifest" for name in sorted(set(contents) - set(listed))]
    for name in sorted(set(listed) & set(contents)):
        data, entry = contents[name], listed[name]
        if len(data) != entry.get("size"):
            found.append(f"{name}: size {len(data)}, the manifest says {entry.get('size')}")
        if sha256(data) != entry.get("sha256"):
            found.append(f"{name}: SHA-256 differs from the manifest")
    return found
