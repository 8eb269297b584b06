"""Decoding files as UTF-8 text, with a located error when they are not."""

from __future__ import annotations

from pathlib import Path

from generator.reading.safe_yaml import YamlProblem

MAX_BYTES = 5 * 1024 * 1024


def read_text(path: Path) -> str:
    """The file's text: UTF-8 (a BOM is dropped), newlines made `\\n`."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise YamlProblem(1, f"the file is {size // 1024} KB; a text file here may be at most "
                                 f"{MAX_BYTES // 1024 // 1024} MB")
        raw = path.read_bytes()
    except OSError as exc:
        raise YamlProblem(1, f"cannot be read ({exc.strerror})") from None
    return decode(raw)


def decode(raw: bytes) -> str:
    """UTF-8 bytes as text with `\\n` newlines; anything else is a located problem."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        byte = raw[exc.start]
        raise YamlProblem(line, f"is not UTF-8 text (byte 0x{byte:02X} cannot be read"
                                f"{_as_windows_wrote(raw, exc.start)}); save the file with UTF-8 "
                                "encoding (Save As, Encoding: UTF-8; in Excel, CSV UTF-8)") from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _as_windows_wrote(raw: bytes, at: int) -> str:
    """What the byte at `at` is: the start of UTF-16 text (Word's "Unicode", Excel's "Unicode
    Text"), by its byte-order mark; or in Windows-1252, the encoding Word and Excel save
    "plain text" in on a UK computer, the character the writer typed (0xE9 is é)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return ": the file is saved as UTF-16 (Unicode)"
    byte = raw[at]
    try:
        character = bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return ""
    return f': it is "{character}" saved as Windows-1252' if character.isprintable() else ""
