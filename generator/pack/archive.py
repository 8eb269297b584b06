"""Deterministic zip files: sorted members, fixed timestamps and permissions, atomic writes."""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from generator.attachment_names import same_name
from generator.problems import ShowcaseError, one_line

MANIFEST = "manifest.json"
_STORED = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".zip", ".docx", ".xlsx", ".pptx", ".gz",
           ".pdf"}
_EARLIEST = (1980, 1, 1, 0, 0, 0)
#: the last moment a zip's (DOS) date holds: its year is 7 bits from 1980
_LATEST = (2107, 12, 31, 23, 59, 58)


class MemberRefused(ValueError):
    """A member name that is unsafe or already written."""


class SourceChanged(ShowcaseError):
    """A file copied into the pack changed between being summed and being written."""


_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class FileMember:
    """A member copied from a file as the zip is written, never held whole in memory."""

    path: Path
    size: int
    sha256: str

    @classmethod
    def of(cls, path: Path) -> FileMember:
        """The file at `path` with its size and SHA-256, read in chunks."""
        digest, size = hashlib.sha256(), 0
        with path.open("rb") as stream:
            while chunk := stream.read(_CHUNK):
                digest.update(chunk)
                size += len(chunk)
        return cls(path, size, digest.hexdigest())


Content = bytes | FileMember


class Members:
    """The pack's members by name; a second write to a name (ignoring case) is refused."""

    def __init__(self) -> None:
        self._data: dict[str, Content] = {}
        self._folded: set[str] = set()

    def add(self, name: str, data: bytes) -> None:
        self._add(name, data)

    def add_file(self, name: str, path: Path) -> None:
        """The file at `path` as member `name`, summed now and copied when the zip is
        written, in chunks: a 600 MB evidence file is never in memory whole."""
        self._add(name, FileMember.of(path))

    def _add(self, name: str, data: Content) -> None:
        check_name(name)
        if same_name(name) in self._folded:  # as files.py names them: straße is not strasse
            raise MemberRefused(f"{name} is already in the pack: a member is written once")
        self._folded.add(same_name(name))
        self._data[name] = data

    def items(self) -> list[tuple[str, Content]]:
        return sorted(self._data.items(), key=lambda item: item[0])

    def __getitem__(self, name: str) -> bytes:
        """The member's bytes (a file member is read whole: for small members only)."""
        data = self._data[name]
        return data.path.read_bytes() if isinstance(data, FileMember) else data

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
    files = [{"name": n, "size": d.size, "sha256": d.sha256} if isinstance(d, FileMember)
             else {"name": n, "size": len(d), "sha256": sha256(d)} for n, d in members.items()]
    return (json.dumps({**extra, "members": files}, indent=2, ensure_ascii=False) + "\n").encode()


def zip_time(moment: datetime) -> tuple[int, int, int, int, int, int]:
    """A zip timestamp (local fields, 2-second steps), never before 1980 nor after 2107
    (a SOURCE_DATE_EPOCH there, or a typo with a digit too many, is held at the end)."""
    stamp = (moment.year, moment.month, moment.day, moment.hour, moment.minute,
             moment.second // 2 * 2)
    return min(max(stamp, _EARLIEST), _LATEST)


def zip_date_note(moment: datetime, why: str) -> str | None:
    """One line saying the zip's file dates are not `moment` (before 1980 or after 2107,
    which a zip's date cannot hold) but the nearest date a zip can hold, and `why` the time
    is what it is; None when the zip holds `moment` itself."""
    held = zip_time(moment)
    if held[:5] == (moment.year, moment.month, moment.day, moment.hour, moment.minute):
        return None
    side = "latest" if held == _LATEST else "earliest"
    beyond = "after 2107" if held == _LATEST else "before 1980"
    date = datetime(*held)
    shown = f"{date.day} {date:%B %Y %H:%M}"
    return (f"the zip's file dates are {shown}, the {side} date a zip can hold: the pack's time, "
            f"{moment.strftime('%Y-%m-%d %H:%M')} UTC ({why}), is {beyond}; manifest.json "
            "keeps the real time")


def zip_bytes(entries: Sequence[tuple[str, Content]], moment: datetime, *,
              sort: bool = True) -> bytes:
    """A zip of `entries` with fixed times, 0o644 permissions and no extra fields."""
    out = io.BytesIO()
    write_zip(out, entries, moment, sort=sort)
    return out.getvalue()


def write_zip(stream: BinaryIO, entries: Sequence[tuple[str, Content]], moment: datetime, *,
              sort: bool = True) -> None:
    """Write the zip of `entries` to `stream` (seekable): the same bytes whether a member
    is given as bytes or as a file, which is copied in chunks and checked against its sum."""
    with zipfile.ZipFile(stream, "w") as archive:
        for name, data in sorted(entries, key=lambda e: e[0]) if sort else entries:
            info = zipfile.ZipInfo(name, date_time=zip_time(moment))
            info.external_attr = 0o100644 << 16
            info.create_system = 3
            stored = PurePosixPath(name).suffix.lower() in _STORED
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            if isinstance(data, FileMember):
                _copy(archive, info, data)
            else:
                archive.writestr(info, data, compresslevel=None if stored else 6)


def _copy(archive: zipfile.ZipFile, info: zipfile.ZipInfo, source: FileMember) -> None:
    """`source` into the archive in chunks. Its compression level is zlib's default, 6, as
    `writestr(..., compresslevel=6)` gives; its size is set first, as writestr sets it, so a
    file over 2 GB gets the same ZIP64 header."""
    info.file_size = source.size
    digest, size = hashlib.sha256(), 0
    try:
        stream = source.path.open("rb")
    except OSError as exc:
        raise SourceChanged(f"{one_line(str(source.path))} cannot be read any more: {exc.strerror or exc}") \
            from None
    with stream, archive.open(info, "w") as member:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
            member.write(chunk)
    if size != source.size or digest.hexdigest() != source.sha256:
        raise SourceChanged(f"{one_line(str(source.path))} changed while the pack was written: "
                            "run showcase pack again")


def rezip(data: bytes, moment: datetime) -> bytes:
    """An existing zip (a .docx) rewritten in the same member order with fixed metadata."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = [(info.filename, source.read(info)) for info in source.infolist()]
    return zip_bytes(entries, moment, sort=False)


def write_atomically(path: Path, data: bytes | Callable[[BinaryIO], None]) -> None:
    """Write via a temporary file in the same folder and rename, so no half file is left.

    `data` is the bytes, or a function that writes them to the stream it is given (a zip
    streamed from its members' files).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            if isinstance(data, bytes):
                stream.write(data)
            else:
                data(stream)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
