"""Faces are found offline in real photos, blurred beyond recognition in a
copy, and a damaged or hostile picture is an OSError/ValueError, never a
crash or a hang.

The face photos are the public-domain ones scikit-image's wheel ships
(NASA's astronaut portrait, the cameraman, 100 small face crops and 100
non-face crops); the crops are enlarged and tiled into "group photos" so
the detector sees what it sees in a lecturer's photo: many faces in one
picture.  ``benchmarks/bench_faces.py`` uses the same builders for its
measured recall and false boxes."""

from __future__ import annotations

import importlib.resources
import io
import struct
import threading
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageFilter

from ent_portfolio.domain.photo_facts import DETECTOR, FaceBox
from ent_portfolio.media.faces import blur_faces, blurred_region, detect_faces, detect_faces_in
from ent_portfolio.media.image_hash import image_hash

SKIMAGE_DATA = importlib.resources.files("skimage") / "data"
#: Where the astronaut's face is in the upright portrait (fractions), by eye.
ASTRONAUT_FACE = (0.33, 0.10, 0.22, 0.26)
Pixels = tuple[int, int, int, int]


# -- sample pictures -----------------------------------------------------------

def skimage_photo(name: str) -> Image.Image:
    with Image.open(str(SKIMAGE_DATA / name)) as image:
        return image.convert("RGB")


def lfw_crops() -> tuple[np.ndarray, np.ndarray]:
    """(100 face crops, 100 non-face crops), 25×25 grey in 0..1."""
    crops = np.load(str(SKIMAGE_DATA / "lfw_subset.npy"))
    return crops[:100], crops[100:]


def group_photo(crops: Sequence[np.ndarray], face_px: int, columns: int, *, noisy: bool,
                seed: int = 0) -> tuple[Image.Image, list[Pixels]]:
    """The crops enlarged to ``face_px`` and laid out in rows, half a face
    apart, on a plain grey or a blotchy background; with where each lies."""
    rng = np.random.default_rng(seed)
    gap = face_px // 2
    rows = -(-len(crops) // columns)
    width, height = columns * (face_px + gap) + gap, rows * (face_px + gap) + gap
    if noisy:
        blotches = rng.integers(0, 256, (height // 8 + 1, width // 8 + 1), dtype=np.uint8)
        canvas = Image.fromarray(blotches).resize((width, height), Image.Resampling.BICUBIC)
    else:
        canvas = Image.new("L", (width, height), 150)
    canvas = canvas.convert("RGB")
    where = []
    for index, crop in enumerate(crops):
        face = Image.fromarray((crop * 255).astype(np.uint8)).resize((face_px, face_px), Image.Resampling.BICUBIC)
        x = gap + (index % columns) * (face_px + gap)
        y = gap + (index // columns) * (face_px + gap)
        canvas.paste(face.convert("RGB"), (x, y))
        where.append((x, y, face_px, face_px))
    return canvas, where


def matched(boxes: Sequence[FaceBox], truth: Sequence[Pixels], size: tuple[int, int]) -> tuple[set[int], int]:
    """(indices of the true faces some box is centred on, boxes centred on none)."""
    found: set[int] = set()
    stray = 0
    for box in boxes:
        left, top, right, bottom = box.pixels(*size)
        cx, cy = (left + right) / 2, (top + bottom) / 2
        hits = [i for i, (x, y, w, h) in enumerate(truth) if x <= cx <= x + w and y <= cy <= y + h]
        if hits:
            found.update(hits)
        else:
            stray += 1
    return found, stray


def covers(box: FaceBox, expected: tuple[float, float, float, float]) -> bool:
    """The box's centre lies inside the expected face region."""
    x, y, w, h = expected
    cx, cy = box.x + box.w / 2, box.y + box.h / 2
    return x <= cx <= x + w and y <= cy <= y + h


def save_turned(upright: Image.Image, path: Path, quality: int = 90) -> Path:
    """Stored as a phone held upright stores it: pixels turned, EXIF orientation 6."""
    exif = Image.Exif()
    exif[0x0112] = 6
    upright.transpose(Image.Transpose.ROTATE_90).save(path, "JPEG", quality=quality, exif=exif.tobytes())
    return path


def laplacian_variance(image: Image.Image, region: Pixels) -> float:
    """Sharpness: how much detail the region holds."""
    grey = np.asarray(image.convert("L").crop(region), dtype=np.float64)
    laplace = grey[1:-1, :-2] + grey[1:-1, 2:] + grey[:-2, 1:-1] + grey[2:, 1:-1] - 4 * grey[1:-1, 1:-1]
    return float(laplace.var())


# -- detection -----------------------------------------------------------------

def test_the_astronauts_face_is_found_where_it_is():
    boxes = detect_faces_in(skimage_photo("astronaut.png"))
    assert len(boxes) == 1
    assert covers(boxes[0], ASTRONAUT_FACE)
    assert boxes[0].by == DETECTOR


def test_a_photo_stored_turned_gives_boxes_on_the_upright_picture(tmp_path):
    upright = skimage_photo("astronaut.png").resize((1024, 1024))
    boxes = detect_faces(save_turned(upright, tmp_path / "turned.jpg"))
    # Enlarged, the suit's patches give the cascade a false box or two.
    assert sum(covers(box, ASTRONAUT_FACE) for box in boxes) == 1 and len(boxes) <= 3


def test_a_large_jpeg_is_looked_at_in_draft_and_the_face_still_found(tmp_path):
    big = skimage_photo("astronaut.png").resize((3000, 3000), Image.Resampling.BICUBIC)
    path = tmp_path / "big.jpg"
    big.save(path, "JPEG", quality=85)
    boxes = detect_faces(path)
    assert sum(covers(box, ASTRONAUT_FACE) for box in boxes) == 1 and len(boxes) <= 4


@pytest.mark.parametrize("name", ["coffee.png", "chelsea.png"])
def test_no_face_in_a_cup_of_coffee_or_a_cat(name):
    assert detect_faces_in(skimage_photo(name)) == []


def test_most_faces_in_a_group_photo_are_found_and_nothing_else():
    faces, _ = lfw_crops()
    picture, truth = group_photo(faces[:40], 60, 10, noisy=True, seed=3)
    found, stray = matched(detect_faces_in(picture), truth, picture.size)
    assert len(found) >= 34, f"recall {len(found)}/40"
    assert stray <= 2


def test_a_group_of_non_faces_gets_few_boxes():
    _, others = lfw_crops()
    picture, _ = group_photo(others[:50], 60, 10, noisy=True, seed=4)
    # Measured: a few boxes in a hundred non-faces on a blotchy background
    # (some "non-face" crops hold part of a face); none on a plain one.
    assert len(detect_faces_in(picture)) <= 3
    plain, _ = group_photo(others[:50], 60, 10, noisy=False, seed=4)
    assert detect_faces_in(plain) == []


def test_threads_each_get_the_same_boxes():
    """The cascades are per thread: run side by side, the answers agree."""
    faces, _ = lfw_crops()
    picture, _ = group_photo(faces[:10], 60, 5, noisy=True, seed=5)
    alone = detect_faces_in(picture)
    results: list[list[FaceBox]] = []
    workers = [threading.Thread(target=lambda: results.append(detect_faces_in(picture))) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    assert results == [alone] * 3


def test_detection_leaves_the_picture_as_it_was():
    picture = skimage_photo("astronaut.png")
    before = picture.tobytes()
    detect_faces_in(picture)
    assert picture.tobytes() == before


# -- blurring ------------------------------------------------------------------

def test_a_blurred_face_loses_its_detail_and_nothing_else_changes():
    picture = skimage_photo("astronaut.png")
    before = picture.tobytes()
    boxes = detect_faces_in(picture)
    blurred = blur_faces(picture, boxes)
    assert picture.tobytes() == before, "the input picture was changed"
    face = boxes[0].pixels(*picture.size)
    assert laplacian_variance(blurred, face) * 10 <= laplacian_variance(picture, face)
    assert detect_faces_in(blurred) == [], "the blurred face is still a face"
    region = blurred_region(boxes[0], *picture.size)
    mask = Image.new("1", picture.size, 1)
    mask.paste(0, region)
    outside = np.asarray(mask)
    assert (np.asarray(blurred)[outside] == np.asarray(picture)[outside]).all()
    assert not (np.asarray(blurred)[~outside] == np.asarray(picture)[~outside]).all()


def test_the_margin_reaches_beyond_the_box():
    box = FaceBox(0.4, 0.4, 0.2, 0.2)
    left, top, right, bottom = box.pixels(1000, 1000)
    margin = round(0.25 * (right - left))
    assert blurred_region(box, 1000, 1000) == (left - margin, top - margin, right + margin, bottom + margin)


@pytest.mark.parametrize("boxes", [
    [FaceBox(0.0, 0.0, 0.2, 0.25)],                                # top-left corner
    [FaceBox(0.85, 0.8, 0.15, 0.2)],                               # bottom-right corner
    [FaceBox(0.3, 0.3, 0.3, 0.3), FaceBox(0.45, 0.4, 0.3, 0.3)],   # overlapping
    [FaceBox(0.0, 0.0, 1.0, 1.0)],                                 # the whole picture
    [FaceBox(0.5, 0.5, 0.002, 0.002)],                             # one pixel
], ids=["top-left", "bottom-right", "overlapping", "whole", "tiny"])
def test_boxes_at_the_edges_and_overlapping_are_blurred(boxes):
    picture = Image.effect_noise((400, 300), 80).convert("RGB")
    blurred = blur_faces(picture, boxes)
    assert blurred.size == picture.size and blurred.mode == picture.mode
    for box in boxes:
        region = box.pixels(*picture.size)
        if (region[2] - region[0]) * (region[3] - region[1]) >= 100:
            assert laplacian_variance(blurred, region) * 10 <= laplacian_variance(picture, region)
    mask = Image.new("1", picture.size, 1)
    for box in boxes:
        mask.paste(0, blurred_region(box, *picture.size))
    outside = np.asarray(mask)
    assert (np.asarray(blurred)[outside] == np.asarray(picture)[outside]).all()


@pytest.mark.parametrize("mode", ["L", "RGBA", "P", "1", "CMYK", "LA"])
def test_pictures_of_every_mode_can_be_blurred(mode):
    picture = Image.effect_noise((200, 160), 80).convert(mode)
    blurred = blur_faces(picture, [FaceBox(0.2, 0.2, 0.5, 0.5)])
    assert blurred.size == picture.size
    region = FaceBox(0.2, 0.2, 0.5, 0.5).pixels(*picture.size)
    assert laplacian_variance(blurred, region) * 10 <= laplacian_variance(picture, region)


def test_no_boxes_is_an_identical_copy():
    picture = skimage_photo("coffee.png")
    copy = blur_faces(picture, [])
    assert copy is not picture and copy.tobytes() == picture.tobytes()


# -- hostile pictures ----------------------------------------------------------

def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def _png_declaring(width: int, height: int) -> bytes:
    """A PNG header declaring a huge picture, followed by a few bytes of data."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header)
            + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 1000)) + _png_chunk(b"IEND", b""))


def _encoded(image: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def _jpeg() -> bytes:
    return _encoded(skimage_photo("astronaut.png"), "JPEG", quality=80)


HOSTILE: dict[str, Callable[[], bytes]] = {
    "zero-byte": lambda: b"",
    "truncated-jpeg": lambda: _jpeg()[: len(_jpeg()) // 3],
    "jpeg-header-only": lambda: _jpeg()[:200],
    "garbage-after-soi": lambda: b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40,
    "png-bomb-header": lambda: _png_declaring(100_000, 100_000),
    "png-wide-bomb": lambda: _png_declaring(2**31 - 1, 1),
    "truncated-png": lambda: _encoded(skimage_photo("coffee.png"), "PNG")[:5000],
    "not-an-image": lambda: b"%PDF-1.7\n" + b"hello " * 500,
    "text": lambda: "ภาพถ่ายกิจกรรม\n".encode() * 100,
    "one-pixel": lambda: _encoded(Image.new("RGB", (1, 1), (9, 9, 9)), "PNG"),
    "cmyk-jpeg": lambda: _encoded(skimage_photo("astronaut.png").convert("CMYK"), "JPEG"),
    "16-bit-png": lambda: _encoded(Image.fromarray(
        np.asarray(skimage_photo("astronaut.png").convert("L"), dtype=np.uint16) * 257), "PNG"),
    "paletted-gif": lambda: _encoded(skimage_photo("astronaut.png").convert("P"), "GIF"),
    "rgba-png": lambda: _encoded(skimage_photo("astronaut.png").convert("RGBA"), "PNG"),
    "bad-exif-orientation": lambda: _encoded(skimage_photo("coffee.png"), "JPEG",
                                             exif=_orientation_exif(99)),
    "blurred-then-saved-heavily": lambda: _encoded(
        skimage_photo("chelsea.png").filter(ImageFilter.GaussianBlur(8)), "JPEG", quality=5),
}


def _orientation_exif(value: int) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = value
    return exif.tobytes()


@pytest.mark.timeout(60)
@pytest.mark.parametrize("reader", [detect_faces, image_hash], ids=["detect_faces", "image_hash"])
@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_picture_is_a_sensible_answer_or_an_oserror_valueerror(tmp_path, case, reader):
    path = tmp_path / "evidence.bin"
    path.write_bytes(HOSTILE[case]())
    before = path.read_bytes()
    try:
        result = reader(path)
    except (OSError, ValueError):
        result = None
    if result is not None:
        if reader is image_hash:
            assert isinstance(result, str) and len(result) == 16 and int(result, 16) >= 0
        else:
            assert isinstance(result, list) and all(isinstance(box, FaceBox) for box in result)
            assert len(result) <= 1, "boxes on a picture with one face at most"
    assert path.read_bytes() == before, "the picture was changed"


@pytest.mark.parametrize("case", ["zero-byte", "truncated-jpeg", "png-bomb-header", "not-an-image"])
def test_what_cannot_be_a_picture_is_refused_not_guessed(tmp_path, case):
    path = tmp_path / "evidence.bin"
    path.write_bytes(HOSTILE[case]())
    with pytest.raises((OSError, ValueError)):
        detect_faces(path)
    with pytest.raises((OSError, ValueError)):
        image_hash(path)


def test_a_missing_file_is_an_oserror(tmp_path):
    with pytest.raises(OSError):
        detect_faces(tmp_path / "gone.jpg")
