"""Deterministic zip files: sorted members, fixed timestamps and permissions, atomic writes."""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

MANIFEST = "manifest.json"
_STORED = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".zip", ".docx", ".xlsx", ".pptx", ".gz",
           ".pdf"}
_EARLIEST = (1980, 1, 1, 0, 0, 0)


class MemberRefused(ValueError):
    """A member name that is unsafe or already written."""


class Members:
    """The pack's members by name; a second write to a name (ignoring case) is refused."""

    def __init__(self) -> None:
        self._data: dict[str, bytes] = {}
        self._folded: set[str] = set()

    def add(self, name: str, data: bytes) -> None:
        check_name(name)
        if name.casefold() in self._folded:
            raise MemberRefused(f"{name} is already in the pack: a member is written once")
        self._folded.add(name.casefold())
        self._data[name] = data

    def items(self) -> list[tuple[str, bytes]]:
        return sorted(self._data.items())

    def __getitem__(self, name: str) -> bytes:
        return self._data[name]

    def __contains__(self, name: object) -> bool:
        return name in self._data

    def __iter__(self) -> Any:
        return iter(sorted(self._data))

    def __len__(self) -> int:
        return len(self._data)


def check_name(name: str) -> None:
    """Refuse absolute names, '..', backslashes and empty parts."""
    pure = PurePosixPath(name)
    if (not name or "\\" in name or pure.is_absolute() or name != pure.as_posix()
            or any(p in ("", ".", "..") for p in pure.parts) or ":" in pure.parts[0]):
        raise MemberRefused(f"unsafe member name: {name!r}")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest(members: Members, extra: dict[str, Any]) -> bytes:
    """manifest.json: every member with size and SHA-256, plus `extra` facts."""
    files = [{"name": n, "size": len(d), "sha256": sha256(d)} for n, d in members.items()]
    return (json.dumps({**extra, "members": files}, indent=2, ensure_ascii=False) + "\n").encode()


def zip_time(moment: datetime) -> tuple[int, int, int, int, int, int]:
    """A zip timestamp (local fields, 2-second steps), never before 1980."""
    stamp = (moment.year, moment.month, moment.day, moment.hour, moment.minute,
             moment.second // 2 * 2)
    return max(stamp, _EARLIEST)


def zip_bytes(entries: list[tuple[str, bytes]], moment: datetime, *, sort: bool = True) -> bytes:
    """A zip of `entries` with fixed times, 0o644 permissions and no extra fields."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in sorted(entries) if sort else entries:
            info = zipfile.ZipInfo(name, date_time=zip_time(moment))
            info.external_attr = 0o100644 << 16
            info.create_system = 3
            stored = PurePosixPath(name).suffix.lower() in _STORED
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            archive.writestr(info, data, compresslevel=None if stored else 6)
    return out.getvalue()


def rezip(data: bytes, moment: datetime) -> bytes:
    """An existing zip (a .docx) rewritten in the same member order with fixed metadata."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = [(info.filename, source.read(info)) for info in source.infolist()]
    return zip_bytes(entries, moment, sort=False)


def write_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder and rename, so no half file is left."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
