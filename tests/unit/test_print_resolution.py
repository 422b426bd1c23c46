"""The dossier's pictures print at the resolution the code states: exactly
``dpi`` at the placed size, or the source's own pixels when it has fewer —
never upscaled and never the 150–200 dpi that the decoder's draft scaling
used to leave."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from ent_portfolio.dossier.images import PHOTO_DPI, ImageJob, prepare_image


def _jpeg(path: Path, size: tuple[int, int], orientation: int | None = None) -> Path:
    image = Image.new("RGB", size)
    # Something a resize must actually compute, not a flat colour.
    image.putdata([((x * 7) % 256, (y * 5) % 256, (x + y) % 256) for y in range(size[1]) for x in range(size[0])])
    buffer = io.BytesIO()
    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    image.save(buffer, "JPEG", quality=90, exif=exif.tobytes())
    path.write_bytes(buffer.getvalue())
    return path


def _dpi(prepared, axis: str) -> float:
    if axis == "w":
        return prepared.width_px / (prepared.draw_w / 72.0)
    return prepared.height_px / (prepared.draw_h / 72.0)


def _expected_pixels(draw_pt: float, dpi: int) -> int:
    return max(1, round(draw_pt / 72.0 * dpi))


@pytest.fixture(scope="module")
def large_photo(tmp_path_factory) -> Path:
    return _jpeg(tmp_path_factory.mktemp("print") / "large.jpg", (2400, 1800))


@pytest.mark.parametrize("box", [(227.0, 170.0), (150.0, 150.0), (300.0, 120.0), (90.0, 400.0), (48.0, 36.0)])
def test_a_large_photo_prints_at_exactly_the_stated_dpi(large_photo, tmp_path, box):
    # 227 pt wide (8 cm) is where the draft decode once stopped at 1/4 and
    # the photo came out near 166 dpi.
    prepared = prepare_image(ImageJob("p", large_photo, *box), tmp_path)
    assert abs(prepared.width_px - _expected_pixels(prepared.draw_w, PHOTO_DPI)) <= 1
    assert abs(prepared.height_px - _expected_pixels(prepared.draw_h, PHOTO_DPI)) <= 1
    assert abs(_dpi(prepared, "w") - PHOTO_DPI) < PHOTO_DPI * 0.02


def test_a_small_photo_keeps_its_pixels_and_is_not_upscaled(tmp_path):
    source = _jpeg(tmp_path / "small.jpg", (320, 240))
    prepared = prepare_image(ImageJob("p", source, 400.0, 300.0), tmp_path)
    assert (prepared.width_px, prepared.height_px) == (320, 240)
    assert _dpi(prepared, "w") < PHOTO_DPI


def test_a_turned_photo_is_sized_after_its_orientation(tmp_path):
    # Stored 2400 × 1800 with "rotate 90°": shown 1800 wide, 2400 high.
    source = _jpeg(tmp_path / "turned.jpg", (2400, 1800), orientation=6)
    prepared = prepare_image(ImageJob("p", source, 200.0, 400.0), tmp_path)
    assert prepared.height_px > prepared.width_px
    assert abs(_dpi(prepared, "h") - PHOTO_DPI) < PHOTO_DPI * 0.02


def test_a_picture_cached_by_the_earlier_rule_is_not_reused(large_photo, tmp_path):
    job = ImageJob("p", large_photo, 227.0, 170.0, sha256="a" * 64)
    cache = tmp_path / "cache"
    cache.mkdir()
    # What the earlier rule kept under the same box and dpi: a 1/4 draft decode.
    old_name = job.cache_name.replace("r2.jpg", ".jpg")
    Image.new("RGB", (600, 450)).save(cache / old_name, "JPEG")
    prepared = prepare_image(job, tmp_path, cache_dir=cache)
    assert prepared.width_px == _expected_pixels(prepared.draw_w, PHOTO_DPI)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(width=st.integers(40, 1600), height=st.integers(40, 1600),
       box_w=st.floats(20.0, 500.0), box_h=st.floats(20.0, 700.0),
       dpi=st.sampled_from([150, 200, 300]))
def test_every_picture_prints_at_the_stated_dpi_or_at_its_own_pixels(tmp_path, width, height, box_w, box_h, dpi):
    source = _jpeg(tmp_path / f"s{width}x{height}.jpg", (width, height))
    prepared = prepare_image(ImageJob(f"p{width}x{height}", source, box_w, box_h, dpi=dpi), tmp_path)
    wanted_w = _expected_pixels(prepared.draw_w, dpi)
    wanted_h = _expected_pixels(prepared.draw_h, dpi)
    if width > wanted_w + 1 and height > wanted_h + 1:
        assert abs(prepared.width_px - wanted_w) <= 1 and abs(prepared.height_px - wanted_h) <= 1
    else:
        # Too few pixels for the placed size: the source's own, none invented.
        assert prepared.width_px <= width and prepared.height_px <= height
        assert prepared.width_px >= min(width, wanted_w) - 1
