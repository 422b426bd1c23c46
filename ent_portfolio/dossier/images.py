"""Evidence pictures made ready for print: oriented, downscaled, re-encoded.

A phone photo of 12 megapixels placed 8 cm wide needs about 600 pixels at
200 dpi; embedding the original would make a 60-photo dossier hundreds of
megabytes.  :func:`prepare_images` turns each picture into a JPEG sized for
the box it is placed in (``dpi`` at its placed size), with the EXIF
orientation applied (:func:`PIL.ImageOps.exif_transpose`).  Photos stay in
colour (quality 80); scanned letters become grayscale at a higher quality so
that small print and signatures stay legible.

The rule for resolution: a picture prints at exactly ``dpi`` at its placed
size (200 for photos and scans), or at the resolution of its source when
the source has fewer pixels than that — never upscaled, never less.  JPEG
sources are decoded with Pillow's ``draft`` mode (the decoder scales by
1/2, 1/4 or 1/8 itself, which makes a 12-megapixel photo about ten times
cheaper to open), asked for no fewer pixels than the target, and the rest
of the way is a Lanczos resize to the target.  Work runs on a small thread pool: Pillow's decoders,
resamplers and encoders release the GIL.  The source files are only read.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pillow_heif
from PIL import Image, ImageOps

pillow_heif.register_heif_opener()  # HEIC photos from iPhones (the importer accepts them too)

#: Quality of re-encoded photos and of grayscale scans.
PHOTO_QUALITY = 80
SCAN_QUALITY = 82
#: Resolution at the placed size.
PHOTO_DPI = 200
SCAN_DPI = 200


@dataclass(frozen=True)
class ImageJob:
    """One picture to prepare: ``source`` fitted into ``box`` (points)."""

    key: str                 # who asked (e.g. the evidence ref)
    source: Path
    box_w: float
    box_h: float
    gray: bool = False
    dpi: int = PHOTO_DPI
    #: SHA-256 of the source: with it the result is cached across exports.
    sha256: str | None = None

    @property
    def cache_name(self) -> str | None:
        if not self.sha256:
            return None
        mode = "g" if self.gray else "c"
        q = SCAN_QUALITY if self.gray else PHOTO_QUALITY
        # "r2": made by the exact-dpi rule; pictures cached by the earlier
        # rule (as low as 150 dpi) are not taken for it.
        return f"{self.sha256}-{round(self.box_w)}x{round(self.box_h)}-{self.dpi}{mode}{q}r2.jpg"


@dataclass(frozen=True)
class PreparedImage:
    key: str
    path: Path
    width_px: int
    height_px: int
    #: Size to draw at, in points, keeping the aspect ratio inside the box.
    draw_w: float
    draw_h: float
    bytes: int


def _fit(w: int, h: int, box_w: float, box_h: float) -> tuple[float, float]:
    scale = min(box_w / w, box_h / h)
    return w * scale, h * scale


def _pixels_at(width_pt: float, height_pt: float, dpi: int) -> tuple[int, int]:
    """Pixels a picture drawn ``width_pt`` × ``height_pt`` points needs at ``dpi``."""
    return max(1, round(width_pt / 72.0 * dpi)), max(1, round(height_pt / 72.0 * dpi))


def _from_cache(job: ImageJob, cache_dir: Path | None) -> PreparedImage | None:
    if cache_dir is None or job.cache_name is None:
        return None
    path = cache_dir / job.cache_name
    try:
        with Image.open(path) as im:
            w, h = im.size
        size = path.stat().st_size
    except (OSError, ValueError):
        return None
    draw_w, draw_h = _fit(w, h, job.box_w, job.box_h)
    return PreparedImage(job.key, path, w, h, draw_w, draw_h, size)


def prepare_image(job: ImageJob, out_dir: Path, cache_dir: Path | None = None) -> PreparedImage:
    """Write the print-ready JPEG of ``job`` into ``out_dir`` (or take it
    from ``cache_dir``, where a new result is also kept)."""
    cached = _from_cache(job, cache_dir)
    if cached is not None:
        return cached
    with Image.open(job.source) as im:
        if im.format == "JPEG":
            # Let the decoder scale down (1/2, 1/4, 1/8) as far as it can while
            # keeping at least the target's pixels; the orientation may swap
            # the sides.
            try:
                orientation = im.getexif().get(0x0112, 1)
            except Exception:  # noqa: BLE001 - damaged EXIF: assume upright
                orientation = 1
            swapped = orientation in (5, 6, 7, 8)
            shown = (im.height, im.width) if swapped else (im.width, im.height)
            fit_w, fit_h = _fit(shown[0], shown[1], job.box_w, job.box_h)
            need = _pixels_at(fit_w, fit_h, job.dpi)
            if swapped:
                need = (need[1], need[0])
            im.draft("L" if job.gray else "RGB", need)
        im = ImageOps.exif_transpose(im)
        draw_w, draw_h = _fit(im.width, im.height, job.box_w, job.box_h)
        target = _pixels_at(draw_w, draw_h, job.dpi)
        if job.gray:
            im = im.convert("L")
        elif im.mode != "RGB":
            if im.mode in ("RGBA", "LA", "P", "PA"):
                im = im.convert("RGBA")
                back = Image.new("RGB", im.size, (255, 255, 255))
                back.paste(im, mask=im.getchannel("A"))
                im = back
            else:
                im = im.convert("RGB")
        if im.width > target[0] or im.height > target[1]:
            im = im.resize(target, Image.Resampling.LANCZOS, reducing_gap=2.0)
        path = out_dir / f"{job.key}.jpg"
        im.save(path, "JPEG", quality=SCAN_QUALITY if job.gray else PHOTO_QUALITY, optimize=True,
                progressive=False)
        size = path.stat().st_size
        if cache_dir is not None and job.cache_name is not None:
            try:  # a cache entry appears whole or not at all
                target = cache_dir / job.cache_name
                staged = cache_dir / f".tmp-{job.cache_name}"
                shutil.copyfile(path, staged)
                os.replace(staged, target)
                path = target
            except OSError:
                pass
        return PreparedImage(job.key, path, im.width, im.height, draw_w, draw_h, size)


def prune_cache(cache_dir: Path, keep_hashes: set[str]) -> int:
    """Remove cached prints of files no longer in the store; return how many."""
    removed = 0
    try:
        entries = list(cache_dir.iterdir())
    except OSError:
        return 0
    for entry in entries:
        sha = entry.name.split("-", 1)[0]
        if entry.name.startswith(".tmp-") or (len(sha) == 64 and sha not in keep_hashes):
            try:
                entry.unlink()
                removed += 1
            except OSError:
                pass
    return removed


def prepare_images(jobs: Sequence[ImageJob], out_dir: Path, *, progress: Callable[[int], None] | None = None,
                   cancelled: Callable[[], bool] | None = None, workers: int | None = None,
                   cache_dir: Path | None = None) -> dict[str, PreparedImage]:
    """Prepare every job (in parallel); ``progress(k)`` after each one.

    Stops early (returning what is done) when ``cancelled()`` turns true;
    the caller raises.  An unreadable picture raises ``OSError``/``ValueError``
    with the job's key in the message."""
    out_dir.mkdir(parents=True, exist_ok=True)
    results: dict[str, PreparedImage] = {}
    if not jobs:
        return results
    workers = workers or max(1, min(4, (os.cpu_count() or 2)))

    def run(job: ImageJob) -> PreparedImage | None:
        if cancelled is not None and cancelled():
            return None
        try:
            return prepare_image(job, out_dir, cache_dir)
        except (OSError, ValueError, Image.DecompressionBombError) as exc:
            raise ValueError(f"{job.key}: {exc}") from exc

    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="dossier-img") as pool:
        for k, result in enumerate(pool.map(run, jobs), 1):
            if result is not None:
                results[result.key] = result
            if progress is not None:
                progress(k)
    return results
