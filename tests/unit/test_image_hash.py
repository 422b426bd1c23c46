"""The perceptual hash finds one photo filed twice however it was re-saved,
tells different photos apart, and says when a picture is too flat to tell."""

from __future__ import annotations

import io
from datetime import datetime

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from test_media_faces import save_turned, skimage_photo

from ent_portfolio.demo import work_nan
from ent_portfolio.demo.photos import PhotoSpec, render_photo
from ent_portfolio.media.image_hash import hash_distance, image_hash, image_hash_of, is_informative

#: Re-saved copies of one photo stay this close; different photos are far.
SAME, DIFFERENT = 4, 12


def _saved(image: Image.Image, path, fmt: str = "JPEG", **options: object):
    image.save(path, fmt, **options)
    return path


@pytest.fixture(scope="module")
def astronaut():
    return skimage_photo("astronaut.png")


@pytest.mark.parametrize("copy", ["jpeg-quality-40", "resized-30%", "png", "stored-turned"])
def test_a_resaved_copy_is_within_a_few_bits(tmp_path, astronaut, copy):
    original = image_hash(_saved(astronaut, tmp_path / "original.jpg", quality=92))
    if copy == "jpeg-quality-40":
        path = _saved(astronaut, tmp_path / "copy.jpg", quality=40)
    elif copy == "resized-30%":
        small = astronaut.resize((astronaut.width * 3 // 10, astronaut.height * 3 // 10), Image.Resampling.LANCZOS)
        path = _saved(small, tmp_path / "copy.jpg", quality=85)
    elif copy == "png":
        path = _saved(astronaut, tmp_path / "copy.png", "PNG")
    else:
        path = save_turned(astronaut, tmp_path / "copy.jpg")
    assert hash_distance(original, image_hash(path)) <= SAME


def test_the_astronaut_is_not_a_cup_of_coffee(tmp_path, astronaut):
    assert hash_distance(image_hash_of(astronaut), image_hash_of(skimage_photo("coffee.png"))) >= DIFFERENT


def test_two_demo_photos_are_told_apart(tmp_path):
    hashes = []
    for spec in work_nan.PHOTOS[:3]:
        path = tmp_path / f"{spec['key']}.jpg"
        render_photo(PhotoSpec(key=spec["key"], scene=spec["scene"], taken=datetime.fromisoformat(spec["taken"]),
                               latitude=work_nan.LAT, longitude=work_nan.LON, banner=spec.get("banner", []),
                               orientation=spec.get("orientation", 1)), path)
        hashes.append(image_hash(path))
    assert all(is_informative(h) for h in hashes)
    assert min(hash_distance(a, b) for i, a in enumerate(hashes) for b in hashes[i + 1:]) >= DIFFERENT


def test_a_turned_photo_is_far_from_its_unturned_pixels(tmp_path, astronaut):
    """The hash is of what a person sees: the same pixels shown turned are another picture."""
    turned = astronaut.transpose(Image.Transpose.ROTATE_90)
    assert hash_distance(image_hash_of(astronaut), image_hash_of(turned)) >= DIFFERENT


@pytest.mark.parametrize("picture", [
    Image.new("RGB", (640, 480), (128, 128, 128)),
    Image.new("L", (300, 300), 0),
    Image.linear_gradient("L").resize((640, 480)),
    Image.linear_gradient("L").rotate(90).resize((640, 480)),
], ids=["grey", "black", "top-down-gradient", "left-right-gradient"])
def test_a_flat_picture_is_not_informative(picture):
    value = image_hash_of(picture)
    assert len(value) == 16 and not is_informative(value)


def test_a_photo_is_informative(astronaut):
    assert is_informative(image_hash_of(astronaut))


def test_the_hash_is_sixteen_lowercase_hex_digits(astronaut):
    value = image_hash_of(astronaut)
    assert len(value) == 16 and set(value) <= set("0123456789abcdef")


@pytest.mark.parametrize("bad", ["", "0x0123456789abcd", "0123456789abcde", "0123456789abcdefg",
                                 " 123456789abcdef", "012345678_abcdef", "ฮ" * 16, None, 12])
def test_a_malformed_hash_is_a_valueerror(bad):
    with pytest.raises(ValueError):
        hash_distance(bad, "0" * 16)
    with pytest.raises(ValueError):
        is_informative(bad)


def test_distance_counts_differing_bits():
    assert hash_distance("0" * 16, "f" * 16) == 64
    assert hash_distance("0123456789abcdef", "0123456789ABCDEF") == 0
    assert hash_distance("0" * 15 + "1", "0" * 16) == 1


def _random_picture(seed: int, kind: str, width: int, height: int) -> Image.Image:
    """Noise blocks (a scene's large shapes) or a two-way gradient with blobs."""
    rng = np.random.default_rng(seed)
    if kind == "blocks":
        cells = rng.integers(0, 256, (rng.integers(3, 9), rng.integers(3, 9), 3), dtype=np.uint8)
        return Image.fromarray(cells).resize((width, height), Image.Resampling.BICUBIC)
    ys, xs = np.mgrid[0:height, 0:width]
    a, b, c = rng.uniform(-1, 1, 3)
    field = a * xs / width + b * ys / height + c * np.sin(xs / width * rng.uniform(2, 9))
    for _ in range(3):
        cx, cy, r = rng.uniform(0, width), rng.uniform(0, height), rng.uniform(0.1, 0.3) * width
        field += rng.uniform(-1, 1) * np.exp(-((xs - cx) ** 2 + (ys - cy) ** 2) / (2 * r * r))
    field = (field - field.min()) / max(1e-9, np.ptp(field)) * 255
    return Image.fromarray(field.astype(np.uint8)).convert("RGB")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**31), kind=st.sampled_from(["blocks", "gradient"]),
       width=st.integers(320, 900), height=st.integers(320, 900),
       scale=st.floats(0.25, 0.9), quality=st.integers(30, 95))
def test_a_resized_reencoded_copy_stays_within_the_threshold(seed, kind, width, height, scale, quality):
    picture = _random_picture(seed, kind, width, height)
    value = image_hash_of(picture)
    if not is_informative(value):
        return  # a flat picture's hash is never compared
    out = io.BytesIO()
    # Copies as chat apps and resizers make them (hundreds of pixels, not a
    # thumbnail: at 80 pixels and quality 30 the block edges move by a bit
    # or two more, and the readiness rule allows 5).
    picture.resize((max(200, int(width * scale)), max(200, int(height * scale))),
                   Image.Resampling.LANCZOS).save(out, "JPEG", quality=quality)
    out.seek(0)
    with Image.open(out) as copy:
        assert hash_distance(value, image_hash_of(copy)) <= SAME
