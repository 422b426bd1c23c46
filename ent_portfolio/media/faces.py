"""Faces in evidence photos, found offline and blurred for export.

A partner who did not consent must never be recognisable in what leaves
the app, so every photo is looked at when it is imported and the boxes are
stored (:mod:`ent_portfolio.domain.photo_facts`).  The detector is the Haar
cascades that ship inside the OpenCV wheel: nothing is downloaded, ever,
and the same picture gives the same boxes on every machine.

Detection runs on a grey, upright copy about :data:`DETECT_LONG_SIDE`
pixels long (JPEG decoded in draft mode straight to that scale, which is
most of the time spent), with its contrast equalised tile by tile so that
dim indoor meeting photos and backlit field photos look alike to the
cascade (one equalisation over the whole picture lets a large wall or sky
decide the contrast: it lost a third of the small faces when measured).  The
frontal cascade finds most faces; the profile cascade, run on the picture
and on its mirror image (it only knows faces turned one way), finds people
looking at a speaker.  Boxes that overlap are one face.

:func:`blur_faces` pixelates each enlarged box into a few blocks and then
blurs the blocks: a soft-focus Gaussian alone leaves a face recognisable
to someone who knows the person, a coarse mosaic does not.
"""

from __future__ import annotations

import struct
import threading
from collections.abc import Sequence
from pathlib import Path

import cv2
import numpy as np
import pillow_heif
from PIL import Image, ImageFilter

from ..domain.photo_facts import DETECTOR, MAX_FACES, FaceBox
from .exif import read_exif
from .render import _to_rgb, apply_orientation

pillow_heif.register_heif_opener()  # phones' HEIC photos (the importer accepts them)

#: The long side of the picture the cascades look at.  A 4000×3000 phone
#: photo decodes to exactly this in JPEG draft mode (libjpeg's 1/4 scale),
#: and a face a twentieth of a group photo's width is still 50 pixels.
DETECT_LONG_SIDE = 1000
#: The smallest face reported, as a fraction of the picture's long side:
#: smaller "faces" are mostly texture (leaves, woven cloth), and a face that
#: small is not recognisable in a printed dossier anyway.
MIN_FACE_FRACTION = 0.02
#: Chosen by measuring recall and false boxes on the face and non-face
#: samples (benchmarks/bench_faces.py prints them): a coarser step (1.15)
#: missed one small face in twenty more; four neighbours instead of five
#: found 4 more of 600 faces but put boxes on more of the demo's drawn heads.
SCALE_FACTOR = 1.1
FRONTAL_NEIGHBOURS = 5
#: How far the tile-by-tile equalisation may stretch a tile's contrast.
CONTRAST_LIMIT = 2.0
#: Two boxes whose intersection covers this much of the smaller one are one face.
SAME_FACE_OVERLAP = 0.4
#: How far a blurred region reaches beyond the detected box, on each side
#: (a Haar box covers eyebrows to mouth; hair, ears and chin identify too).
BLUR_MARGIN = 0.25
#: Blocks across the face's enlarged box after pixelation.
BLUR_BLOCKS = 6

_FRONTAL = "haarcascade_frontalface_default.xml"
_local = threading.local()

# Pillow reports damage with many exception types; callers are promised
# OSError or ValueError only.
_DAMAGE = (SyntaxError, EOFError, IndexError, TypeError, KeyError, RuntimeError, struct.error,
           ZeroDivisionError, OverflowError, MemoryError, Image.DecompressionBombError)


def _cascade() -> cv2.CascadeClassifier:
    """This thread's own classifier: OpenCV's are not safe to share."""
    loaded = getattr(_local, "cascade", None)
    if loaded is None:
        folder = Path(cv2.data.haarcascades)
        loaded = cv2.CascadeClassifier(str(folder / _FRONTAL))
        if loaded.empty():
            raise OSError(f"face model missing from OpenCV's data folder {folder}")
        _local.cascade = loaded
    return loaded


def _equalised(pixels: np.ndarray) -> np.ndarray:
    equaliser = getattr(_local, "equaliser", None)
    if equaliser is None:  # it keeps working buffers: one per thread too
        equaliser = _local.equaliser = cv2.createCLAHE(clipLimit=CONTRAST_LIMIT, tileGridSize=(8, 8))
    return equaliser.apply(pixels)


def open_upright(path: Path | str, long_side: int) -> Image.Image:
    """The picture at ``path`` as a person sees it (EXIF orientation applied),
    RGB, at most ``long_side`` pixels long, decoded as cheaply as the format
    allows.  Raises ``OSError`` or ``ValueError`` for anything unreadable."""
    try:
        with Image.open(path) as image:
            _refuse_oversized(image)
            orientation = read_exif(image).orientation
            if image.format in ("JPEG", "MPO"):
                width, height = image.size
                scale = max(long_side, 1) / max(width, height)
                if scale < 1:
                    image.draft("RGB", (max(1, int(width * scale)), max(1, int(height * scale))))
            image.load()
            picture = _to_rgb(image)
            if max(picture.size) > long_side:
                picture.thumbnail((long_side, long_side), Image.Resampling.BILINEAR, reducing_gap=2.0)
            return apply_orientation(picture, orientation)
    except _DAMAGE as exc:
        raise ValueError(f"unreadable picture: {str(exc)[:200] or type(exc).__name__}") from exc


def _refuse_oversized(image: Image.Image) -> None:
    """The importer's pixel cap (JPEG gets twice it, as draft mode decodes it
    at 1/8); a declared size beyond it is a decompression bomb, not a photo."""
    limit = Image.MAX_IMAGE_PIXELS or 0
    if image.format in ("JPEG", "MPO"):
        limit *= 2
    width, height = image.size
    if limit and width * height > limit:
        raise ValueError(f"picture declares {width}×{height} pixels, more than {limit}")


def detect_faces(path: Path | str) -> list[FaceBox]:
    """Faces in the picture at ``path``, as fractions of the upright picture."""
    return detect_faces_in(open_upright(path, DETECT_LONG_SIDE))


def detect_faces_in(image: Image.Image) -> list[FaceBox]:
    """Faces in an already upright picture (it is not changed)."""
    grey = image if image.mode == "L" else _to_rgb(image).convert("L")
    if max(grey.size) > DETECT_LONG_SIDE:
        grey = grey.copy()
        grey.thumbnail((DETECT_LONG_SIDE, DETECT_LONG_SIDE), Image.Resampling.BILINEAR)
    width, height = grey.size
    min_side = max(20, round(MIN_FACE_FRACTION * max(width, height)))
    if min(width, height) < min_side:
        return []
    pixels = _equalised(np.asarray(grey, dtype=np.uint8))
    faces = _merge(_boxes(_cascade(), pixels, min_side, SCALE_FACTOR, FRONTAL_NEIGHBOURS))[:MAX_FACES]
    return [FaceBox(x / width, y / height, min(w / width, 1 - x / width), min(h / height, 1 - y / height), DETECTOR)
            for x, y, w, h in faces]


def _boxes(cascade: cv2.CascadeClassifier, pixels: np.ndarray, min_side: int, scale_factor: float,
           neighbours: int) -> list[tuple[int, int, int, int]]:
    found = cascade.detectMultiScale(pixels, scaleFactor=scale_factor, minNeighbors=neighbours,
                                     minSize=(min_side, min_side))
    return [tuple(int(v) for v in box) for box in found]


def _merge(boxes: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """One box per face: the largest of each group that overlaps, read left to right."""
    kept: list[tuple[int, int, int, int]] = []
    for box in sorted(boxes, key=lambda b: b[2] * b[3], reverse=True):
        if all(_overlap(box, other) < SAME_FACE_OVERLAP for other in kept):
            kept.append(box)
    return sorted(kept, key=lambda b: (b[0], b[1]))


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> float:
    """How much of the smaller box the two share (0..1)."""
    across = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    down = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    if across <= 0 or down <= 0:
        return 0.0
    return across * down / min(a[2] * a[3], b[2] * b[3])


def blurred_region(box: FaceBox, width: int, height: int) -> tuple[int, int, int, int]:
    """The pixels :func:`blur_faces` changes for ``box``: the box enlarged by
    :data:`BLUR_MARGIN` on each side, kept inside the picture."""
    left, top, right, bottom = box.pixels(width, height)
    grow_x = round((right - left) * BLUR_MARGIN)
    grow_y = round((bottom - top) * BLUR_MARGIN)
    return max(0, left - grow_x), max(0, top - grow_y), min(width, right + grow_x), min(height, bottom + grow_y)


_BLURRABLE = ("L", "RGB", "RGBA", "CMYK")


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("LA", "PA", "La", "RGBa") or "transparency" in image.info


def blur_faces(image: Image.Image, boxes: Sequence[FaceBox]) -> Image.Image:
    """A copy of ``image`` in which every face box is unrecognisable."""
    # Paletted and 1-bit pictures can be neither averaged nor blurred.
    result = image.copy() if image.mode in _BLURRABLE else image.convert("RGBA" if _has_alpha(image) else "RGB")
    for box in boxes:
        region = blurred_region(box, *result.size)
        left, top, right, bottom = region
        if right <= left or bottom <= top:
            continue
        face = result.crop(region)
        across = max(1, min(BLUR_BLOCKS, right - left))
        down = max(1, min(BLUR_BLOCKS, round(BLUR_BLOCKS * (bottom - top) / (right - left))))
        mosaic = face.resize((across, down), Image.Resampling.BOX).resize(face.size, Image.Resampling.NEAREST)
        radius = max(1.0, (right - left) / BLUR_BLOCKS / 2)
        result.paste(mosaic.filter(ImageFilter.GaussianBlur(radius)), region)
    return result
