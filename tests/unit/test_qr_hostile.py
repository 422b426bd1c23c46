"""Hostile and broken files given to the QR search and to filing: a QR of
junk or of a payload almost like ours, a huge text, many codes in one
picture, a PDF of thousands of tiny images, a truncated JPEG, a
decompression bomb, random bytes.  Each gets a sensible answer or nothing,
never a traceback, in bounded time; filing changes nothing for them.
Every file is made here."""

from __future__ import annotations

import io
import struct
import time
import uuid
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from ent_portfolio.media.qr import LetterCode, codes_in_picture, encode_letter_code, find_letter_codes
from ent_portfolio.services.letter_filing import file_letters
from tests.unit.test_qr import letter_page, qr_picture, sample_code

#: Seconds one hostile file may take (measured: under 2 s each on a shared two-core machine).
BUDGET = 15.0

VALID = "ENTP1:certification:0b6f5c1e-7a3d-4c2b-9e11-5d8a6f0c3b21:0123456789abcdef"


def _timed(path):
    started = time.monotonic()
    found = find_letter_codes(path)
    assert time.monotonic() - started < BUDGET
    return found


@pytest.mark.parametrize("payload", [
    "junk \x01\x02 ไม่ใช่รหัส",
    VALID.replace("certification", "invoice"),
    VALID.replace("0b6f5c1e-7a3d", "0b6f5c1e-7a3g"),
    VALID[:-1],
    VALID.replace("ENTP1", "ENTP9"),
    VALID + ":" + "A" * 40,
    "ENTP1:consent:" + "-" * 36 + ":0123456789abcdef",
    "x" * 2000,  # a huge text (QR version 40 territory)
])
def test_a_qr_that_is_not_ours_gives_nothing(tmp_path, payload):
    page = letter_page(None, dpi=150)
    page.paste(qr_picture(payload, module_px=4), (150, 150))
    path = tmp_path / "hostile.png"
    page.save(path)
    assert _timed(path) == []


def test_many_codes_in_one_picture_are_bounded_and_ours_found(tmp_path):
    ours = sample_code("consent", seed=9)
    sheet = Image.new("RGB", (3000, 3000), "white")
    for index in range(48):
        text = encode_letter_code(ours) if index == 47 else f"https://example.org/{index}"
        sheet.paste(qr_picture(text, module_px=4), (40 + (index % 7) * 420, 40 + (index // 7) * 420))
    path = tmp_path / "many.png"
    sheet.save(path)
    # Only the first few located codes are read: ours, or nothing, never a wrong one.
    assert _timed(path) in ([ours], [])
    junk = tmp_path / "junk.png"
    Image.new("RGB", (3000, 3000), "white").save(junk)
    assert _timed(junk) == []


def _pdf_of_tiny_images(count: int) -> bytes:
    """A PDF page with ``count`` distinct 2×2 images on it, written by hand."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"]
    names = " ".join(f"/I{i} {5 + i} 0 R" for i in range(count)).encode()
    draws = b" ".join(f"q 2 0 0 2 {i % 300} {i // 300} cm /I{i} Do Q".encode() for i in range(count))
    objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                   b"/Resources << /XObject << " + names + b" >> >> >>")
    content = zlib.compress(draws)
    objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream")
    for i in range(count):
        pixels = bytes([i % 256, 0, 0] * 4)
        objects.append(b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceRGB "
                       b"/BitsPerComponent 8 /Length 12 >>\nstream\n" + pixels + b"\nendstream")
    return _assemble(objects)


def _assemble(objects: list[bytes]) -> bytes:
    out = io.BytesIO(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def test_a_pdf_of_thousands_of_tiny_images_is_bounded(tmp_path):
    path = tmp_path / "tiny.pdf"
    path.write_bytes(_pdf_of_tiny_images(5000))
    assert _timed(path) == []


def test_a_pdf_image_declared_as_a_bomb_is_never_decoded(tmp_path):
    # 200 000 × 200 000 pixels declared, a few bytes given.
    body = (b"<< /Type /XObject /Subtype /Image /Width 200000 /Height 200000 /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Filter /FlateDecode /Length 8 >>\nstream\n" + zlib.compress(b"\0" * 10)[:8]
            + b"\nendstream")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /XObject << /Im0 5 0 R >> >> >>",
               b"<< /Length 24 >>\nstream\nq 612 0 0 792 0 0 cm /Im0 Do Q\nendstream", body]
    path = tmp_path / "bomb.pdf"
    path.write_bytes(_assemble(objects))
    assert _timed(path) == []


def _png_declaring(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 60_001))
            + chunk(b"IEND", b""))


def _jpeg_of_a_letter() -> bytes:
    out = io.BytesIO()
    letter_page(VALID, dpi=150).save(out, "JPEG", quality=80)
    return out.getvalue()


@pytest.mark.parametrize("damage", ["truncated", "header only", "zeros", "png bomb", "random", "pdf header junk",
                                    "empty", "bad exif"])
def test_damaged_files_give_nothing(tmp_path, damage):
    path = tmp_path / "damaged"
    if damage == "truncated":
        path.write_bytes(_jpeg_of_a_letter()[:20_000])
    elif damage == "header only":
        path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    elif damage == "zeros":
        path.write_bytes(b"\0" * 100_000)
    elif damage == "png bomb":
        # A PNG that declares 60 000 × 60 000 pixels: over the pixel cap, refused before decoding.
        path.write_bytes(_png_declaring(60_000, 60_000))
    elif damage == "random":
        path.write_bytes(bytes(range(256)) * 400)
    elif damage == "pdf header junk":
        path.write_bytes(b"%PDF-1.4\n" + b"\xde\xad" * 5000 + b"\n%%EOF\n")
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        data = _jpeg_of_a_letter()
        path.write_bytes(data[:2] + b"\xff\xe1\x00\x20Exif\x00\x00MM\x00*\x00\x00\x00\x08\xff\xff" + b"\0" * 14
                         + data[2:])
    found = _timed(path)
    # A truncated or wrongly tagged letter may still show its code; nothing else may.
    assert found in ([], [LetterCode("certification", "0b6f5c1e-7a3d-4c2b-9e11-5d8a6f0c3b21", "0123456789abcdef")])
    if damage not in ("truncated", "bad exif"):
        assert found == []


def test_a_missing_file_gives_nothing(tmp_path):
    assert find_letter_codes(tmp_path / "gone.jpg") == []


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(min_size=0, max_size=3000), st.sampled_from([b"", b"%PDF-1.7\n", b"\x89PNG\r\n\x1a\n",
                                                              b"\xff\xd8\xff\xe0"]))
def test_random_bytes_behind_any_header_give_nothing(tmp_path, data, header):
    path = tmp_path / "random.bin"
    path.write_bytes(header + data)
    assert find_letter_codes(path) == []


@settings(max_examples=25, deadline=None)
@given(st.text(min_size=1, max_size=300).filter(lambda t: not t.strip().startswith("ENTP1")))
def test_any_other_qr_text_is_never_a_code(text):
    try:
        picture = qr_picture(text, module_px=3)
    except Exception:  # noqa: BLE001 - a text the encoder itself cannot hold makes no QR at all
        return
    assert codes_in_picture(picture) == []


def test_filing_hostile_records_changes_nothing(demo, tmp_path):
    from sqlalchemy import text

    from ent_portfolio.domain import models as m
    from ent_portfolio.services.importer import import_evidence

    with demo.reader() as s:
        work_id = s.query(m.Work).first().id
    files = []
    for index, payload in enumerate(["junk", VALID.replace("certification", "invoice"),
                                     VALID.replace("0b6f5c1e-7a3d-4c2b-9e11-5d8a6f0c3b21", str(uuid.uuid4()))]):
        page = letter_page(None, dpi=150, seed=index)
        page.paste(qr_picture(payload, module_px=4), (150, 150))
        files.append(tmp_path / f"hostile-{index}.png")
        page.save(files[-1])
    result = import_evidence(demo, work_id, files)

    def rows():
        with demo.reader() as s:
            return [list(s.execute(text(f"SELECT * FROM {t} ORDER BY id"))) for t in ("evidence", "testimonial")]

    before = rows()
    filing = file_letters(demo, result.evidence_ids)
    assert rows() == before and not filing.filed
    assert len(filing.unknown) == 1  # the stranger's well-formed code, reported
    assert all(sentence.strip() for sentence in filing.messages("th") + filing.messages("en"))
