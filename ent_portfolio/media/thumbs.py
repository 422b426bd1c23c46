"""Thumbnails: small upright JPEGs cached beside the store.

A thumbnail is a cache, never evidence: ``thumbnails/<sha256>.jpg`` in the
portfolio folder, :data:`.render.THUMBNAIL_SIZE` pixels on its long side, EXIF
orientation applied, written temp-then-rename so a reader never sees half a
file.  :func:`thumbnail_path` finds or (re)makes one from the stored file;
the windows and ``doctor --repair`` call it."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from ..storage.files import storage_error
from ..storage.store import SHA256_RE
from .probe import thumbnail_of_file

if TYPE_CHECKING:  # pragma: no cover
    from ..storage.portfolio import Portfolio


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
