"""Published photos carry no hidden metadata: EXIF (camera, time, GPS position) and XMP are removed.

A photo taken on a phone records where it was taken; a resident's or a member of staff's home could
be read off a story's lead image. The image is decoded, turned upright as its EXIF orientation asks,
and encoded again from its pixels alone (keeping only its colour profile and transparency).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
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


def is_photo(path: str | Path) -> bool:
    """True for the formats `strip_metadata` handles (JPEG, PNG, WebP), by suffix."""
    return Path(path).suffix.lower() in FORMATS


def strip_metadata(data: bytes, suffix: str) -> bytes:
    """The image in `data` (a `suffix` file: .jpg, .jpeg, .png or .webp) without EXIF, XMP or GPS.

    The EXIF orientation is applied to the pixels first, so the picture shows the same way up.
    Raises ValueError for another suffix, PIL.UnidentifiedImageError for bytes that are no image.
    """
    fmt = FORMATS.get(suffix.lower())
    if fmt is None:
        raise ValueError(f"cannot strip metadata from a {suffix or 'suffixless'} file: "
                         f"expected one of {', '.join(sorted(FORMATS))}")
    from PIL import Image, ImageOps  # Pillow: imported by a build that has photos to publish

    with Image.open(BytesIO(data)) as image:
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


def published_bytes(path: Path) -> bytes | None:
    """The bytes to publish for the file at `path`: a photo stripped of metadata; None for other files.

    A photo that cannot be decoded stops the build with a ShowcaseError: its metadata cannot be
    removed, and it may hold some (EXIF, XMP, a comment) that no look at its bytes would find.
    """
    if not is_photo(path):
        return None
    data = path.read_bytes()
    stripped, refused = _stripped(data, path.suffix)
    if refused:
        raise ShowcaseError(f"{path}: {refused}")
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
    if not is_photo(path):
        return None
    data = path.read_bytes()
    if verdicts is None:
        return _unreadable(data)
    key = f"photo/{_fingerprint()}/{hashlib.sha256(data).hexdigest()}"
    return verdicts.verdict(key, lambda: _unreadable(data))


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
        with Image.open(BytesIO(data)) as image:
            if image.format == "JPEG":
                image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
            ImageOps.exif_transpose(image).load()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        return _cannot_read(exc)
    return None


def _stripped(data: bytes, suffix: str) -> tuple[bytes, str | None]:
    """The photo without metadata, or the reason it cannot be published."""
    from PIL import Image

    try:
        return strip_metadata(data, suffix), None
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        return data, _cannot_read(exc)


def _cannot_read(exc: Exception) -> str:
    from PIL import UnidentifiedImageError

    # Pillow names an unreadable file by its in-memory object: say it plainly
    what = ("it is not a picture in any format Pillow reads"
            if isinstance(exc, UnidentifiedImageError) else str(exc))
    return (f"cannot read this image to remove its metadata (EXIF, XMP or a comment, which "
            f"may say where it was taken): {what}; save it again as JPEG, PNG or WebP")
