"""Thumbnails: small upright JPEGs cached beside the store.

A thumbnail is a cache, never evidence: ``thumbnails/<sha256>.jpg`` in the
portfolio folder, :data:`THUMBNAIL_SIZE` pixels on its long side, EXIF
orientation applied, written temp-then-rename so a reader never sees half a
file.  :func:`thumbnail_path` finds or (re)makes one from the stored file;
the windows and ``doctor --repair`` call it."""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image

from ..storage.files import storage_error
from ..storage.store import SHA256_RE

if TYPE_CHECKING:  # pragma: no cover
    from ..storage.portfolio import Portfolio

THUMBNAIL_SIZE = 320
JPEG_QUALITY = 82

# EXIF orientation → the transposition that makes the picture upright.
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def upright_size(width: int, height: int, orientation: int | None) -> tuple[int, int]:
    """The size a person sees once the orientation is applied."""
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def apply_orientation(image: Image.Image, orientation: int | None) -> Image.Image:
    method = _TRANSPOSE.get(orientation or 1)
    return image.transpose(method) if method is not None else image


def _to_rgb(image: Image.Image) -> Image.Image:
    if image.mode == "RGB":
        return image
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        return image.point(lambda v: v / 256).convert("L").convert("RGB")
    return image.convert("RGB")


def render_thumbnail(image: Image.Image, orientation: int | None = None,
                     size: int = THUMBNAIL_SIZE) -> Image.Image:
    """Decode ``image`` at reduced scale (JPEG draft mode) and return an upright
    RGB picture at most ``size`` pixels on its long side.

    This decodes the whole data stream, so a truncated or damaged file raises
    here (``OSError``, ``SyntaxError`` or ``ValueError`` from Pillow)."""
    if image.format in ("JPEG", "MPO"):  # MPO: phones' multi-picture JPEG (depth, HDR)
        # libjpeg scales by 1/2, 1/4 or 1/8 while decoding: a 12-megapixel
        # photo decodes to 500×375 instead of 4000×3000.  Ask for the
        # thumbnail's own box so that the scale is as small as it can be.
        width, height = image.size
        scale = size / max(width, height)
        image.draft("RGB", (max(1, int(width * scale)), max(1, int(height * scale))))
    image.thumbnail((size, size), Image.Resampling.LANCZOS, reducing_gap=2.0)
    return apply_orientation(_to_rgb(image), orientation)


def encode_jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY)
    return out.getvalue()


def cache_path(portfolio: Portfolio, sha256: str) -> Path:
    portfolio.store.path_for(sha256)  # validates the hash
    return portfolio.thumbnail_dir / f"{sha256}.jpg"


def write_thumbnail(portfolio: Portfolio, sha256: str, jpeg: bytes) -> Path:
    """Temp file, then rename: a reader sees the whole thumbnail or none.

    Not fsynced, unlike evidence: a thumbnail is a cache, and after a power
    cut an empty one is simply made again (:func:`thumbnail_path` ignores
    empty files).  This halves the disk flushes of an import."""
    target = cache_path(portfolio, sha256)
    target.parent.mkdir(parents=True, exist_ok=True)
    portfolio.temp_dir.mkdir(parents=True, exist_ok=True)
    try:
        fd, name = tempfile.mkstemp(prefix=".tmp-", suffix=".part", dir=portfolio.temp_dir)
    except OSError as exc:
        raise storage_error(exc) from exc
    staged = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(jpeg)
        os.replace(staged, target)
    except BaseException as exc:
        staged.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise storage_error(exc) from exc
        raise
    return target


def thumbnail_path(portfolio: Portfolio, sha256: str, create: bool = True) -> Path | None:
    """The cached thumbnail of a stored file.

    Returns the path when the thumbnail exists (or, with ``create``, once it
    has been made from the stored file); None when there is none and none can
    be made: the file is missing, is not a picture, or is a PDF without a
    scanned image on its first page.  Safe to call from any thread."""
    target = cache_path(portfolio, sha256)
    if target.is_file() and target.stat().st_size > 0:
        return target
    if not create:
        return None
    source = portfolio.store.path_for(sha256)
    if not source.is_file():
        return None
    from .probe import thumbnail_of_file  # probe imports this module

    jpeg = thumbnail_of_file(source)
    if jpeg is None:
        return None
    return write_thumbnail(portfolio, sha256, jpeg)


def prune_thumbnails(portfolio: Portfolio) -> list[Path]:
    """Remove cached thumbnails whose file is no longer in the store (for
    ``doctor --repair``); returns what was removed."""
    removed = []
    if not portfolio.thumbnail_dir.is_dir():
        return removed
    for item in sorted(portfolio.thumbnail_dir.iterdir()):
        sha = item.stem
        keep = item.suffix == ".jpg" and bool(SHA256_RE.match(sha)) and portfolio.store.contains(sha)
        if not keep and item.is_file():
            item.unlink(missing_ok=True)
            removed.append(item)
    return removed
