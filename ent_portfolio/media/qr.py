"""The QR code on the letters the app prints, and finding it again in a scan.

A partner signs a printed letter and the lecturer scans or photographs it;
the code on the letter says which record it belongs to, so the scan files
itself (:mod:`ent_portfolio.services.letter_filing`).  The code holds
``ENTP1:<kind>:<record uuid>:<wording hash>``: the kind tells a testimonial's
letter from an activity's photo-consent form, the hash tells whether the
record's wording changed after the letter was printed.

:func:`find_letter_codes` reads pictures and the images embedded in a
scanned PDF with OpenCV's QR detectors, offline.  A phone photo of a letter
is 12 megapixels with the code a small part of it, and the light is uneven,
so the picture is tried small first (fast, and enough for a flatbed scan),
then larger, each time as it is and with its contrast equalised; the first
scale that yields a code of ours ends the search.  Anything that is not a
code of ours (a URL on a letterhead, junk, a hostile payload) is ignored:
only :func:`parse_letter_code` decides what a code is.
"""

from __future__ import annotations

import re
import struct
import threading
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from .faces import open_upright
from .render import _to_rgb

#: The payload's version prefix: a later format gets another prefix, and a
#: reader of this one ignores it rather than misreading it.
PREFIX = "ENTP1"
#: ``certification`` and ``testimonial`` are a testimonial record's letter
#: (its own kind); ``consent`` is an activity's photo-consent form.
TESTIMONIAL_KINDS = ("certification", "testimonial")
CONSENT_KIND = "consent"
LETTER_KINDS = (*TESTIMONIAL_KINDS, CONSENT_KIND)
#: Hex digits of the wording's SHA-256 the code keeps.
HASH_DIGITS = 16

#: Longer decoded text cannot be ours (ours is about 75 characters); it is
#: dropped before any pattern looks at it.
MAX_PAYLOAD_CHARS = 120
_PAYLOAD = re.compile(
    rf"{PREFIX}:({'|'.join(LETTER_KINDS)}):"
    r"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):"
    rf"([0-9a-f]{{{HASH_DIGITS}}})",
    re.ASCII,
)

#: Long sides the picture is searched at, smallest first.  A flatbed scan
#: at 150–300 dpi is read at the first; in a phone photo the code is a small
#: part of the frame and is often only *located* there (the detector sees
#: its three corner squares but the modules are too fine to read): the
#: located region is then cut out of the full picture and read at its own
#: resolution, which costs little.  Measured by benchmarks/bench_qr.py.
SEARCH_LONG_SIDES = (1600, 2600)
#: The largest picture looked at: it bounds the time per file (a 50-megapixel
#: photo is searched at 4000 pixels, which is where a phone's QR is readable).
MAX_LONG_SIDE = 4000
#: Located regions cut out and read at full resolution, per scale at most
#: (an image of many codes, none ours, must not cost a minute).
MAX_CANDIDATES = 6
#: Codes read in one picture at most: a letter carries one, a letterhead
#: may add a few; a picture of dozens (a hostile sheet) is read no further.
MAX_CODES_READ = 6
#: Margin around a located region, as a fraction of its size: the quiet zone
#: and a located corner that is a little off.
CROP_MARGIN = 0.35
#: Pages of a PDF whose images are searched: a letter's code is on its first page;
#: the second and third allow for a cover sheet the scanner added.
MAX_PDF_PAGES = 3
#: Images of one page looked at, the largest first; a page of thousands of
#: tiny images (a hostile or a strange PDF) is only listed, never decoded.
MAX_IMAGES_PER_PAGE = 3
#: XObjects of one page listed at most, for the same reason.
MAX_XOBJECTS_PER_PAGE = 500
#: An embedded image smaller than this on its short side cannot hold a readable code.
MIN_IMAGE_SIDE = 60

_local = threading.local()

# What Pillow and pypdf raise on damaged input, besides OSError and ValueError.
_DAMAGE = (OSError, ValueError, SyntaxError, EOFError, IndexError, TypeError, KeyError, AttributeError,
           RuntimeError, AssertionError, struct.error, ZeroDivisionError, OverflowError, MemoryError,
           RecursionError, NotImplementedError, Image.DecompressionBombError, cv2.error)


@dataclass(frozen=True)
class LetterCode:
    """What a letter's QR code says: the letter kind, the record's id and the
    hash of the wording printed on it."""

    kind: str
    record_id: str
    wording_hash: str

    @property
    def is_consent(self) -> bool:
        return self.kind == CONSENT_KIND


def encode_letter_code(code: LetterCode) -> str:
    """The text the letter's QR code holds.  Refuses (``ValueError``) a code
    that would not read back as itself."""
    text = f"{PREFIX}:{code.kind}:{code.record_id}:{code.wording_hash}"
    if parse_letter_code(text) != code:
        raise ValueError(f"not a letter code: {text[:MAX_PAYLOAD_CHARS]!r}")
    return text


def parse_letter_code(text: object) -> LetterCode | None:
    """The letter code in a QR's decoded text, or None for anything else
    (another QR code, junk, a hostile payload)."""
    if not isinstance(text, str) or len(text) > MAX_PAYLOAD_CHARS:
        return None
    match = _PAYLOAD.fullmatch(text.strip())
    if match is None:
        return None
    kind, record_id, digest = match.groups()
    try:
        if str(uuid.UUID(record_id)) != record_id:
            return None
    except ValueError:
        return None
    return LetterCode(kind, record_id, digest)


def find_letter_codes(path: Path | str) -> list[LetterCode]:
    """The letter codes in a picture (JPEG, PNG, HEIC, TIFF) or in the images
    embedded in the first pages of a PDF, each once, in the order found.
    An unreadable, damaged or hostile file has none: this never raises for
    what is in the file."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            is_pdf = handle.read(1024).lstrip().startswith(b"%PDF")
    except OSError:
        return []
    pictures = _pdf_pictures(path) if is_pdf else _picture(path)
    found: dict[LetterCode, None] = {}
    for picture in pictures:
        for code in codes_in_picture(picture):
            found.setdefault(code)
    return list(found)


def codes_in_picture(image: Image.Image) -> list[LetterCode]:
    """The letter codes in one upright picture (a page)."""
    try:
        grey = np.asarray(_to_rgb(image).convert("L"), dtype=np.uint8)
    except _DAMAGE:
        return []
    if min(grey.shape) < 21:  # smaller than the smallest QR at one pixel a module
        return []
    grey = _scaled(grey, MAX_LONG_SIDE)
    long_side = max(grey.shape)
    for wanted in SEARCH_LONG_SIDES:
        scaled = _scaled(grey, wanted)
        factor = long_side / max(scaled.shape)
        located: list[np.ndarray] = []
        for variant in (scaled, _equalised(scaled)):
            codes, unread, read = _decoded(variant)
            if codes:
                return codes
            if read and not unread:
                # Every code located was read and none is ours (a letterhead's
                # URL, a sheet of other codes): looking harder reads them again.
                return []
            located.extend(c * factor for c in unread)
        if not located and wanted == SEARCH_LONG_SIDES[0]:
            # Nothing even located at the first size: an ordinary field photo.
            # Looking again larger cost half a second per photo at import and,
            # on the distortions measured, never found a code the first size
            # had not at least located.
            return []
        if factor > 1:
            for corners in located[:MAX_CANDIDATES]:
                for variant in _region_variants(_region(grey, corners)):
                    codes, _, _ = _decoded(variant)
                    if codes:
                        return codes
        if wanted >= long_side:
            break  # looked at at its own size: larger is the same
    return []


def _scaled(grey: np.ndarray, long_side: int) -> np.ndarray:
    height, width = grey.shape
    scale = long_side / max(height, width)
    if scale >= 1:
        return grey
    return cv2.resize(grey, (max(1, round(width * scale)), max(1, round(height * scale))),
                      interpolation=cv2.INTER_AREA)


def _region(grey: np.ndarray, corners: np.ndarray) -> np.ndarray:
    """The part of ``grey`` around a located code, with a margin."""
    height, width = grey.shape
    (left, top), (right, bottom) = corners.min(axis=0), corners.max(axis=0)
    margin = CROP_MARGIN * max(right - left, bottom - top, 1)
    x0, y0 = max(0, int(left - margin)), max(0, int(top - margin))
    x1, y1 = min(width, int(right + margin) + 1), min(height, int(bottom + margin) + 1)
    return grey[y0:y1, x0:x1] if x1 - x0 >= 21 and y1 - y0 >= 21 else grey[:0, :0]


def _region_variants(crop: np.ndarray) -> Iterator[np.ndarray]:
    """A located code's region as it is and made easier to read: a region is
    small, so each try is cheap.  Measured on blurred scans and dim photos,
    sharpening reads what the blur merged and a local threshold what the
    shadow greyed; each reads codes the others do not."""
    if crop.size == 0:
        return
    yield crop
    yield _equalised(crop)
    yield cv2.addWeighted(crop, 1.8, cv2.GaussianBlur(crop, (0, 0), 3), -0.8, 0)
    block = max(3, (min(crop.shape) // 8) | 1)
    yield cv2.adaptiveThreshold(crop, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, block, 5)


def _equalised(grey: np.ndarray) -> np.ndarray:
    # Tile by tile, so that a lamp's bright corner does not decide the
    # contrast of the corner where the code is.
    if grey.size == 0:
        return grey
    equaliser = getattr(_local, "equaliser", None)
    if equaliser is None:
        equaliser = _local.equaliser = cv2.createCLAHE(clipLimit=3.0, tileGridSize=(8, 8))
    return equaliser.apply(grey)


def _detectors() -> tuple:
    """This thread's detectors (OpenCV's keep state between calls).  The
    ArUco-based one, where OpenCV has it, first: measured, it locates and
    reads more codes in phone photos, the classic one a few it misses."""
    detectors = getattr(_local, "detectors", None)
    if detectors is None:
        detectors = [cv2.QRCodeDetector()]
        if hasattr(cv2, "QRCodeDetectorAruco"):
            detectors.insert(0, cv2.QRCodeDetectorAruco())
        detectors = _local.detectors = tuple(detectors)
    return detectors


def _decoded(grey: np.ndarray) -> tuple[list[LetterCode], list[np.ndarray], bool]:
    """The letter codes read in ``grey``, the corners of the codes located
    there but not read, and whether any code at all was read."""
    codes: dict[LetterCode, None] = {}
    unread: list[np.ndarray] = []
    read = False
    if min(grey.shape) < 21:
        return [], [], False
    for detector in _detectors():
        try:
            ok, points = detector.detectMulti(grey)
            if not ok or points is None or not len(points):
                continue
            # Locating is cheap, reading is not (a second per code on a
            # sheet of them): only the first few located are read.
            points = points[:MAX_CODES_READ]
            ok, texts, _ = detector.decodeMulti(grey, points)
        except _DAMAGE:
            continue
        if not ok and not any(texts or ()):
            texts = [""] * len(points)
        unread = []
        for text, corners in zip(texts, points if points is not None else [], strict=False):
            code = parse_letter_code(text)
            if code is not None:
                codes.setdefault(code)
            if text:
                read = True
            else:
                unread.append(np.asarray(corners, dtype=np.float32).reshape(-1, 2))
        if codes or (read and not unread):
            break  # this detector read all it located: the next would read the same
    return list(codes), unread, read


def _picture(path: Path) -> Iterator[Image.Image]:
    try:
        picture = open_upright(path, MAX_LONG_SIDE)
    except _DAMAGE:
        return
    yield picture


def _pdf_pictures(path: Path) -> Iterator[Image.Image]:
    """The largest images on each of the PDF's first pages, decoded one at a
    time.  A PDF of typeset text has none: its code is vector drawing, which
    this does not render."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            return
        pages = list(reader.pages[:MAX_PDF_PAGES])
    except _DAMAGE:
        return
    except Exception:  # pypdf's own errors on a broken file
        return
    for page in pages:
        yield from _page_pictures(page)


def _page_pictures(page) -> Iterator[Image.Image]:
    try:
        candidates = sorted(_page_images(page), reverse=True)[:MAX_IMAGES_PER_PAGE]
    except Exception:  # a broken page: the next one may still be whole
        return
    limit = Image.MAX_IMAGE_PIXELS or 0
    for pixels, name in candidates:
        if limit and pixels > limit:
            continue  # declared as a decompression bomb: never decoded
        try:
            picture = page.images[name].image
            picture.load()
            rotate = int(page.get("/Rotate", 0) or 0) % 360
            if rotate:
                picture = picture.rotate(-rotate, expand=True)  # /Rotate turns the page clockwise
        except Exception:
            continue
        yield picture


def _page_images(page) -> Iterable[tuple[int, str]]:
    """(declared pixel count, name) of the page's own images, from their
    dictionaries only."""
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else None
    xobjects = resources.get("/XObject") if resources is not None else None
    if xobjects is None:
        return []
    xobjects = xobjects.get_object()
    found = []
    for index, (name, ref) in enumerate(xobjects.items()):
        if index >= MAX_XOBJECTS_PER_PAGE:
            break
        obj = ref.get_object()
        if obj.get("/Subtype") != "/Image":
            continue
        width, height = int(obj.get("/Width", 0)), int(obj.get("/Height", 0))
        if min(width, height) >= MIN_IMAGE_SIDE:
            found.append((width * height, str(name)))
    return found
