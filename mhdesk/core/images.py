"""Photos as the database keeps them: JPEG or PNG bytes checked once, with their size and a thumbnail.

A file is accepted only when its first bytes say JPEG or PNG, it is not larger than `MAX_BYTES` and it
decodes; the thumbnail is made here once, so that the window never has to scale the full image again.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 12 * 1024 * 1024
THUMBNAIL_EDGE = 240  # pixels of the longer side
JPEG_MAGIC = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MEDIA_TYPES = {"image/jpeg": "JPEG", "image/png": "PNG"}


class ImageRefused(ValueError):
    """The file is not a photo mhdesk keeps; the message names it and says why."""


@dataclass(frozen=True)
class StoredImage:
    data: bytes
    media_type: str  # image/jpeg or image/png
    width: int
    height: int
    thumbnail: bytes  # a small JPEG or PNG of the same picture


def media_type_of(data: bytes) -> str | None:
    """The media type by the file's magic bytes, or None when it is neither JPEG nor PNG."""
    if data.startswith(JPEG_MAGIC):
        return "image/jpeg"
    if data.startswith(PNG_MAGIC):
        return "image/png"
    return None


def image_from_bytes(data: bytes, name: str = "The image") -> StoredImage:
    """Check `data` and make its thumbnail; `name` (a file name) is what a refusal names."""
    if len(data) > MAX_BYTES:
        raise ImageRefused(f"{name} is {len(data) / 1024 / 1024:.1f} MB; photos may be at most "
                           f"{MAX_BYTES // 1024 // 1024} MB.")
    media_type = media_type_of(data)
    if media_type is None:
        raise ImageRefused(f"{name} is not a JPEG or PNG image.")
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as picture:
            picture.load()
            width, height = picture.size
            thumbnail = _thumbnail(picture, media_type)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise ImageRefused(f"{name} looks like a {MEDIA_TYPES[media_type]} image but cannot be read "
                           f"({exc}).") from exc
    return StoredImage(data, media_type, width, height, thumbnail)


def image_from_file(path: str | os.PathLike) -> StoredImage:
    """Read and check a photo file; a refusal names the file."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ImageRefused(f"{path.name} is {size / 1024 / 1024:.1f} MB; photos may be at most "
                               f"{MAX_BYTES // 1024 // 1024} MB.")
        data = path.read_bytes()
    except OSError as exc:
        raise ImageRefused(f"{path.name} could not be read ({exc.strerror or exc}).") from exc
    return image_from_bytes(data, path.name)


def _thumbnail(picture, media_type: str) -> bytes:
    small = picture.copy()
    small.thumbnail((THUMBNAIL_EDGE, THUMBNAIL_EDGE))
    out = io.BytesIO()
    if media_type == "image/jpeg":
        small.convert("RGB").save(out, "JPEG", quality=80)
    else:
        small.save(out, "PNG", optimize=True)
    return out.getvalue()
