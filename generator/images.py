"""Published photos carry no hidden metadata: EXIF (camera, time, GPS position) and XMP are removed.

A photo taken on a phone records where it was taken; a resident's or a member of staff's home could
be read off a story's lead image. The image is decoded, turned upright as its EXIF orientation asks,
and encoded again from its pixels alone (keeping only its colour profile and transparency).
A GIF keeps its pixels and animation byte for byte and loses its comments and the application
blocks that carry metadata (XMP): decoding and encoding it again would change its colours.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from importlib import metadata
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from generator.problems import ShowcaseError

if TYPE_CHECKING:
    from PIL import Image

#: file suffix to Pillow format, for the photo formats stripped
FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
#: what an image keeps of its metadata: how to show its pixels, nothing about where they came from
KEPT = ("icc_profile", "transparency")
JPEG_QUALITY = 90


#: GIF application blocks kept: they say how an animation loops, nothing about its origin
GIF_KEPT_APPLICATIONS = (b"NETSCAPE2.0", b"ANIMEXTS1.0")


def _suffix(path: str | Path) -> str:
    """The file's suffix in lower case (os.path: a Path of each of thousands of evidence
    entries took a third of a second of check)."""
    return os.path.splitext(os.fspath(path))[1].lower()


def is_photo(path: str | Path) -> bool:
    """True for the photo formats `strip_metadata` encodes again (JPEG, PNG, WebP), by suffix."""
    return _suffix(path) in FORMATS


def is_stripped(path: str | Path) -> bool:
    """True for the files published without their metadata, by suffix: photos (`is_photo`)
    and GIFs. `picture_kind` tells a picture by its bytes, whatever its name."""
    suffix = _suffix(path)
    return suffix in FORMATS or suffix == ".gif"


#: the picture formats stripped (by their bytes), and the suffix each is encoded as
STRIPPED_KINDS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}
#: picture formats whose camera data the build cannot take out: never published
CAMERA_KINDS = frozenset({"TIFF", "HEIF", "JPEG XL"})
_HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"avif",
                b"avis")


def picture_kind(path: Path) -> str | None:
    """The picture format the file at `path` holds, by its first bytes (a JPEG named .jfif,
    .jpe or .dat is a JPEG): JPEG, PNG, WEBP, GIF, TIFF, HEIF, JPEG XL; None for others."""
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError:
        return None
    if head[:3] == b"\xff\xd8\xff":
        return "JPEG"
    if head[:8] == b"\x89PNG\r\n\x1a\n":
        return "PNG"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "TIFF"
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return "HEIF"
    if head[:2] == b"\xff\x0a" or head[:12] == b"\x00\x00\x00\x0cJXL \r\n\x87\n":
        return "JPEG XL"
    return None


def camera_refusal(kind: str) -> str:
    """Why a picture of `kind` (one of CAMERA_KINDS) is never published."""
    return (f"it is a {kind} picture, whose camera data (when and where it was taken) cannot be "
            "removed: save it as JPEG or PNG to publish it")


def strip_metadata(data: bytes, suffix: str) -> bytes:
    """The image in `data` (a `suffix` file: .jpg, .jpeg, .png, .webp or .gif) without EXIF,
    XMP, GPS or comments.

    The EXIF orientation is applied to the pixels first, so the picture shows the same way up.
    Raises ValueError for another suffix or a GIF whose blocks cannot be read,
    PIL.UnidentifiedImageError for other bytes that are no image.
    """
    if suffix.lower() == ".gif":
        return gif_without_metadata(data)
    fmt = FORMATS.get(suffix.lower())
    if fmt is None:
        raise ValueError(f"cannot strip metadata from a {suffix or 'suffixless'} file: "
                         f"expected one of {', '.join(sorted([*FORMATS, '.gif']))}")
    from PIL import Image, ImageOps  # Pillow: imported by a build that has photos to publish

    with _whole_pictures_only(), Image.open(BytesIO(data)) as image:
        upright = ImageOps.exif_transpose(image)
        clean = upright.copy()
    clean.info = {key: upright.info[key] for key in KEPT if key in upright.info}
    out = BytesIO()
    clean.save(out, fmt, **_options(fmt, clean))
    return out.getvalue()


def _options(fmt: str, image: Image.Image) -> dict[str, Any]:
    """Encoder options: nothing but pixels and colour profile (never `exif` or `xmp`)."""
    options: dict[str, Any] = {key: image.info[key] for key in KEPT if key in image.info}
    if fmt == "JPEG":
        options.pop("transparency", None)
        options.update(quality=JPEG_QUALITY, optimize=True)
    elif fmt == "WEBP":
        options.update(quality=JPEG_QUALITY)
    else:
        options.update(optimize=True)
    return options


def gif_without_metadata(data: bytes) -> bytes:
    """The GIF in `data` without its comment blocks and application blocks (XMP and others)
    but those that make an animation loop: every other block is kept byte for byte.
    Raises ValueError when its blocks cannot be read (not a GIF, or cut short)."""
    if data[:6] not in (b"GIF87a", b"GIF89a") or len(data) < 13:
        raise ValueError("it is not a GIF picture")
    position = 13 + _colour_table(data[10])
    kept = [data[:position]]
    while True:
        if position >= len(data):
            raise ValueError("the file stops before its end (it is cut short)")
        start, introducer = position, data[position]
        if introducer == 0x3B:  # trailer: anything after it is dropped
            kept.append(b"\x3b")
            return b"".join(kept)
        if introducer == 0x2C:  # an image: descriptor, local colour table, LZW code size, data
            position = _sub_blocks(data, position + 11 + _colour_table(_byte(data, position + 9)))
            kept.append(data[start:position])
        elif introducer == 0x21:
            label = _byte(data, position + 1)
            position = _sub_blocks(data, position + 2)
            kept.append(_kept_extension(label, data[start + 2:position]))
        else:
            raise ValueError(f"it has an unknown block at byte {position}")


def _kept_extension(label: int, blocks: bytes) -> bytes:
    """What of a GIF extension block (its `label`, its sub-`blocks`) is kept: a graphic control
    block's 4 bytes (each frame's delay and transparency) and a looping block's first sub-block
    (how often it loops), rebuilt with nothing after them; comments, plain text, other
    applications' blocks (XMP) and unknown ones are dropped whole."""
    first = blocks[1:1 + blocks[0]] if blocks else b""
    if label == 0xF9 and len(first) == 4:
        return b"\x21\xf9\x04" + first + b"\x00"
    if label == 0xFF and first in GIF_KEPT_APPLICATIONS:
        after = 1 + blocks[0]
        data = blocks[after + 1:after + 1 + blocks[after]] if after < len(blocks) else b""
        if len(data) == 3 and data[0] == 1:  # the loop count: 1, then two bytes; else nothing
            return b"\x21\xff\x0b" + first + b"\x03" + data + b"\x00"
    return b""


def _colour_table(packed: int) -> int:
    """The size in bytes of the colour table a GIF's packed field announces (0 if none)."""
    return 3 * 2 ** ((packed & 7) + 1) if packed & 0x80 else 0


def _byte(data: bytes, position: int) -> int:
    if position >= len(data):
        raise ValueError("the file stops before its end (it is cut short)")
    return data[position]


def _sub_blocks(data: bytes, position: int) -> int:
    """The position after the GIF data sub-blocks starting at `position` (each a length byte
    and that many bytes, ending with a zero length)."""
    while (size := _byte(data, position)) != 0:
        position += size + 1
    return position + 1


def published_bytes(path: Path, shown: str | None = None) -> bytes | None:
    """The bytes to publish for the file at `path`: a photo or GIF (by its bytes, or its
    suffix) stripped of metadata, encoded in its own format; None for other files. A TIFF,
    HEIF or JPEG XL picture, whatever its name, is refused (ShowcaseError).

    A photo that cannot be decoded stops the build with a ShowcaseError: its metadata cannot be
    removed, and it may hold some (EXIF, XMP, a comment) that no look at its bytes would find;
    the error names the file as `shown` (default: its path).
    """
    kind = picture_kind(path)
    if kind in CAMERA_KINDS:
        raise ShowcaseError(f"{shown or path}: {camera_refusal(kind or '')}")
    if kind is None and not is_stripped(path):
        return None
    try:
        data = path.read_bytes()
    except OSError as exc:  # moved or removed since the project was read (buildpath37 F2)
        raise ShowcaseError(f"{shown or path}: cannot be read ({exc.strerror or exc}): if it "
                            "was moved or removed while the site was built, build again") from None
    stripped, refused = _stripped(data, STRIPPED_KINDS.get(kind or "", path.suffix))
    if refused:
        raise ShowcaseError(f"{shown or path}: {refused}")
    return stripped


class Verdicts(Protocol):
    """Verdicts kept between runs, by a key naming what was judged (a `FrontMatterCache`)."""

    def verdict(self, key: str, judge: Callable[[], str | None]) -> str | None:
        """The verdict kept under `key`, else `judge()`'s (then kept)."""
        ...


def refusal(path: Path, verdicts: Verdicts | None = None) -> str | None:
    """Why the build would refuse to publish the photo at `path` (`published_bytes`), or
    None: `check` says it first (it decodes each photo, as the build does). `verdicts` keeps
    the verdict by the photo's bytes, this code and Pillow's version, so the next run decodes
    only new or changed photos (the build still decodes every photo it publishes)."""
    kind = picture_kind(path)
    if kind in CAMERA_KINDS:
        return camera_refusal(kind or "")
    if kind is None and not is_stripped(path):
        return None
    data = path.read_bytes()
    gif = kind == "GIF" or (kind is None and path.suffix.lower() == ".gif")
    judge = _unreadable_gif if gif else _unreadable
    if verdicts is None:
        return judge(data)
    key = f"photo/{_fingerprint()}/{hashlib.sha256(data).hexdigest()}"
    return verdicts.verdict(key, lambda: judge(data))


@cache
def _fingerprint() -> str:
    """This module's source and Pillow's version: a change to either judges photos again."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(metadata.version("pillow").encode())
    return digest.hexdigest()[:16]


def _unreadable(data: bytes) -> str | None:
    """Why the photo in `data` cannot be decoded (and turned upright), or None. A JPEG is
    decoded at an eighth of its size: every byte is still read (a file cut short is found),
    in a sixth of the time, as check opens every photo of the project."""
    from PIL import Image, ImageOps

    try:
        with _whole_pictures_only(), Image.open(BytesIO(data)) as image:
            if image.format == "JPEG":
                image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
            ImageOps.exif_transpose(image).load()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        return _cannot_read(exc)
    return None


def _unreadable_gif(data: bytes) -> str | None:
    """Why the GIF in `data` cannot have its metadata removed (its blocks cannot be read), or None."""
    try:
        gif_without_metadata(data)
    except ValueError as exc:
        return _cannot_read(exc)
    return None


@contextmanager
def _whole_pictures_only() -> Iterator[None]:
    """Pillow refuses a picture cut short, whatever another library set: WeasyPrint (which
    the pack imports) tells Pillow to decode truncated pictures, and a pack then sent a photo
    that `check`, in its own process, refused."""
    from PIL import ImageFile

    before, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = before


def _stripped(data: bytes, suffix: str) -> tuple[bytes, str | None]:
    """The photo without metadata, or the reason it cannot be published."""
    from PIL import Image

    try:
        return strip_metadata(data, suffix), None
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        return data, _cannot_read(exc)


TOO_LARGE = "is too large to open safely"
"""In the refusal of a picture with more pixels than Pillow opens (a decompression bomb)."""


def _cannot_read(exc: Exception) -> str:
    from PIL import Image, UnidentifiedImageError

    if isinstance(exc, Image.DecompressionBombError):  # saving it again would not help
        return (f"this picture {TOO_LARGE} (more than {Image.MAX_IMAGE_PIXELS:,} pixels), so "
                "its metadata (EXIF, XMP or a comment) cannot be removed: save a copy with "
                "fewer pixels as JPEG, PNG or WebP")
    # Pillow names an unreadable file by its in-memory object: say it plainly
    what = ("it is not a picture in a format the site can read"
            if isinstance(exc, UnidentifiedImageError) else str(exc))
    return (f"cannot read this image to remove its metadata (EXIF, XMP or a comment, which "
            f"may say where it was taken): {what}; save it again as JPEG, PNG or WebP")
