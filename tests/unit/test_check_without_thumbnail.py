"""An archive's import checks every photo without making a thumbnail
(``check_evidence_file(thumbnail=False)``): the check must be the same one —
every damaged picture refused for the same reason, every good one taken —
only cheaper."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from ent_portfolio.errors import UserError
from ent_portfolio.media.acceptance import check_evidence_file

FORMATS = {"jpg": "JPEG", "png": "PNG", "webp": "WEBP", "gif": "GIF", "tif": "TIFF"}


def _picture(fmt: str, size=(640, 480)) -> bytes:
    image = Image.effect_noise(size, 40).convert("RGB")
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


@pytest.fixture(scope="module")
def pictures() -> dict[str, bytes]:
    return {ext: _picture(fmt) for ext, fmt in FORMATS.items()}


def _outcome(path: Path, thumbnail: bool):
    try:
        probe = check_evidence_file(path, thumbnail=thumbnail)
    except UserError as refused:
        return ("refused", refused.key, refused.message("en"))
    return ("taken", probe.kind, probe.width, probe.height, probe.thumbnail is not None)


def _both(path: Path):
    with_thumb = _outcome(path, True)
    without = _outcome(path, False)
    if with_thumb[0] == "taken":
        assert without[:4] == with_thumb[:4] and with_thumb[4] and not without[4]
    else:
        assert without == with_thumb
    return with_thumb


def _damaged_variants(data: bytes):
    yield "whole", data
    for fraction in (0.1, 0.5, 0.9, 0.99):
        yield f"cut-{fraction}", data[: int(len(data) * fraction)]
    middle = len(data) // 2
    yield "zeroed-middle", data[:middle] + bytes(256) + data[middle + 256:]
    yield "flipped-middle", data[:middle] + bytes(b ^ 0xFF for b in data[middle:middle + 64]) + data[middle + 64:]
    yield "header-only", data[:64]


@pytest.mark.parametrize("ext", sorted(FORMATS))
def test_every_damaged_picture_gets_the_same_answer_without_a_thumbnail(pictures, tmp_path, ext):
    outcomes = {}
    for label, data in _damaged_variants(pictures[ext]):
        path = tmp_path / f"{label}.{ext}"
        path.write_bytes(data)
        outcomes[label] = _both(path)
    assert outcomes["whole"][0] == "taken"
    assert outcomes["header-only"][0] == "refused"


def test_a_cut_jpeg_is_refused_as_cut_short_either_way(pictures, tmp_path):
    path = tmp_path / "cut.jpg"
    path.write_bytes(pictures["jpg"][: len(pictures["jpg"]) // 2])
    assert _both(path)[1] == "import.truncated"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.floats(0.0, 1.0), flips=st.lists(st.tuples(st.floats(0.0, 1.0), st.integers(1, 255)), max_size=4),
       ext=st.sampled_from(sorted(FORMATS)))
def test_any_cut_or_flipped_picture_gets_the_same_answer_without_a_thumbnail(pictures, tmp_path, cut, flips, ext):
    data = bytearray(pictures[ext])
    for where, mask in flips:
        data[min(len(data) - 1, int(where * len(data)))] ^= mask
    data = bytes(data[: max(1, int(cut * len(data)))])
    path = tmp_path / f"case.{ext}"
    path.write_bytes(data)
    _both(path)
