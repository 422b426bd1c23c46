"""Evidence import, file by file: what a file is is read from its content
(pictures of every format, documents, audio), bad, unreadable and special
files are refused by name, and EXIF and place names are read defensively."""

from __future__ import annotations

import os
from pathlib import Path

import media_fixtures as mf
import pytest
from import_cases import TAKEN, assert_clean, create_work, store_files
from PIL import Image

from ent_portfolio.media import exif as ex
from ent_portfolio.media import sniff as sn
from ent_portfolio.media.geo import nearest_place, place_name
from ent_portfolio.media.thumbs import thumbnail_path
from ent_portfolio.services.importer import ImportLimits, Status, import_evidence


@pytest.fixture
def work(services):
    return create_work(services)


# -- bad files --------------------------------------------------------------------

@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_bad_files_are_refused_by_name_and_the_rest_goes_on(portfolio, services, work, tmp_path):
    folder = tmp_path / "mixed"
    good = mf.photo(folder / "good.jpg", taken=TAKEN)
    whole = mf.photo(tmp_path / "whole.jpg", size=(800, 600))
    bad = {
        "empty.jpg": (mf.empty(folder / "empty.jpg"), "import.empty"),
        "cut.jpg": (mf.truncated_copy(whole, folder / "cut.jpg"), "import.truncated"),
        "cut.png": (mf.truncated_copy(mf.noisy_png(tmp_path / "n.png"), folder / "cut.png"), "import.truncated"),
        "cut.pdf": (mf.truncated_copy(mf.scanned_pdf(tmp_path / "s.pdf"), folder / "cut.pdf", 0.7), "import.truncated"),
        "cut.docx": (mf.truncated_copy(mf.docx(tmp_path / "d.docx"), folder / "cut.docx", 0.6), "import.truncated"),
        "page.jpg": (mf.html_named(folder / "page.jpg"), "import.mismatch"),
        "setup.pdf": (mf.program_named(folder / "setup.pdf"), "import.program"),
        "bomb.png": (mf.png_bomb(folder / "bomb.png"), "import.bomb"),
        "link.jpg": (mf.broken_link(folder / "link.jpg"), "import.broken_link"),
    }
    missing = tmp_path / "nowhere" / "gone.jpg"
    result = import_evidence(portfolio, work.id, [folder, missing])

    by_name = {o.path.name: o for o in result.outcomes}
    assert by_name["good.jpg"].status is Status.STORED
    assert by_name["gone.jpg"].status is Status.REFUSED
    assert by_name["gone.jpg"].reason_key == "import.missing"
    for name, (_, key) in bad.items():
        outcome = by_name[name]
        assert (outcome.status, outcome.reason_key) == (Status.REFUSED, key), (name, outcome.reason("en"))
        assert outcome.evidence_id is None
        # The message names the file, in both languages.
        assert name in outcome.reason("th") and name in outcome.reason("en")
        assert outcome.line("en").startswith("refused: ")
    assert "HTML" in by_name["page.jpg"].reason("en") and ".jpg" in by_name["page.jpg"].reason("th")
    assert "900" in by_name["bomb.png"].reason("en")  # 30000×30000 = 900 megapixels
    assert len(result.refused) == len(bad) + 1
    # Only the good file was stored and recorded; nothing half-stored remains.
    assert [e.original_name for e in services.evidence.list(work_id=work.id)] == ["good.jpg"]
    assert store_files(portfolio) == [mf.sha256(good)]
    assert_clean(portfolio)


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_limits_are_configurable(portfolio, work, tmp_path):
    big = mf.photo(tmp_path / "big.jpg", size=(600, 400))
    wide = mf.photo(tmp_path / "wide.png", size=(300, 100), fmt="PNG")
    limits = ImportLimits(max_file_bytes=1000, max_pixels=20_000)
    result = import_evidence(portfolio, work.id, [big, wide], limits=limits)

    too_large, bomb = result.outcomes
    assert too_large.reason_key == "import.too_large"
    assert "big.jpg" in too_large.reason("en") and "MB" in too_large.reason("en")
    assert bomb.reason_key == "import.bomb"  # 30 000 pixels > 20 000
    assert import_evidence(portfolio, work.id, [big, wide]).refused == []  # the defaults allow both


def test_a_png_named_jpg_is_still_a_picture(portfolio, services, work, tmp_path):
    source = mf.photo(tmp_path / "from-line.jpg", fmt="PNG")
    outcome = import_evidence(portfolio, work.id, [source]).outcomes[0]
    assert outcome.status is Status.STORED
    assert services.evidence.get(outcome.evidence_id).media_type == "image/png"


# -- the pieces ------------------------------------------------------------------------------

@pytest.mark.parametrize("head, family, media_type", [
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", sn.IMAGE, "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", sn.IMAGE, "image/png"),
    (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", sn.IMAGE, "image/heic"),
    (b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1", sn.IMAGE, "image/avif"),
    (b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41", sn.MEDIA, "video/mp4"),
    (b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00qt  ", sn.VIDEO, "video/quicktime"),
    (b"\x00\x00\x00\x1cftypM4A \x00\x00\x00\x00M4A mp42", sn.AUDIO, "audio/mp4"),
    (b"%PDF-1.7\n", sn.PDF, "application/pdf"),
    (b"RIFF\x00\x00\x00\x00WAVEfmt ", sn.AUDIO, "audio/wav"),
    (b"MZ\x90\x00", sn.PROGRAM, "application/octet-stream"),
    (b"<!DOCTYPE html><html>", sn.WEBPAGE, "text/html"),
    ("บันทึกภาคสนาม".encode(), sn.TEXT, "text/plain"),
    ("บันทึก".encode("tis-620"), sn.TEXT, "text/plain"),
    (b"\x00\x01\x02\x03\x04", sn.UNKNOWN, "application/octet-stream"),
])
def test_sniff_reads_content_not_names(tmp_path, head, family, media_type):
    path = tmp_path / "file.bin"
    path.write_bytes(head)
    got = sn.sniff(path)
    assert (got.family, got.media_type) == (family, media_type)


def test_extension_agreement():
    jpeg = sn.FileType(sn.IMAGE, "image/jpeg", "JPEG")
    html = sn.FileType(sn.WEBPAGE, "text/html", "HTML")
    assert sn.agrees(sn.expected_family(Path("a.PNG")), jpeg)
    assert not sn.agrees(sn.expected_family(Path("a.jpg")), html)
    assert sn.agrees(sn.expected_family(Path("a.doc")), html)  # Word's "Save as .doc" of a web page
    assert not sn.agrees(sn.expected_family(Path("a.mp4")), jpeg)
    assert sn.agrees(None, jpeg)


def test_exif_values_are_parsed_defensively():
    assert ex.parse_exif_datetime("2025:03:14 10:22:05\x00") == TAKEN
    assert ex.parse_exif_datetime("0000:00:00 00:00:00") is None
    assert ex.parse_exif_datetime("    :  :     :  :  ") is None
    assert ex.parse_exif_datetime(b"1970:01:01 00:00:00") is None  # flat clock battery
    assert ex.gps_position({1: "S", 2: (33.0, 52.0, 4.0), 3: "W", 4: (151.0, 12.0, 36.0)}) == (
        pytest.approx(-33.867778), pytest.approx(-151.21))
    assert ex.gps_position({1: "N", 2: (0.0, 0.0, 0.0), 3: "E", 4: (0.0, 0.0, 0.0)}) == (None, None)
    assert ex.gps_position({1: "N", 2: (95.0, 0.0, 0.0), 3: "E", 4: (10.0, 0.0, 0.0)}) == (None, None)
    assert ex.camera_name("Canon", "Canon EOS 80D") == "Canon EOS 80D"
    assert ex.camera_name(b"OPPO\x00", "CPH2239 ") == "OPPO CPH2239"


def test_place_names_offline():
    assert place_name(*mf.NAN_TOWN) == "อ.เมืองน่าน จ.น่าน"
    assert place_name(*mf.NAN_TOWN, lang="en") == "Mueang Nan, Nan"
    assert place_name(*mf.NAN_RURAL) == "จ.น่าน"
    assert place_name(18.79, 98.99) == "อ.เมืองเชียงใหม่ จ.เชียงใหม่"
    assert place_name(13.746, 100.535) == "กรุงเทพมหานคร"  # Bangkok is not a จังหวัด
    assert place_name(7.0087, 100.4747) == "จ.สงขลา"  # Hat Yai
    assert place_name(35.68, 139.69) == ""  # Tokyo: abroad
    assert place_name(None, 100.0) == ""
    assert nearest_place(*mf.NAN_TOWN).seat.province_code == "55"
    from ent_portfolio.media.geo import seats

    assert len(seats()) == 77 and len({s.province_code for s in seats()}) == 77


@pytest.mark.parametrize("suffix, fmt, media_type", [
    ("webp", "WEBP", "image/webp"), ("tif", "TIFF", "image/tiff"), ("gif", "GIF", "image/gif"),
])
def test_other_picture_formats(portfolio, services, work, tmp_path, suffix, fmt, media_type):
    source = tmp_path / f"picture.{suffix}"
    mf.quadrant_image((500, 250)).save(source, format=fmt)
    outcome = import_evidence(portfolio, work.id, [source]).outcomes[0]
    assert outcome.status is Status.STORED, outcome.message("en")
    record = services.evidence.get(outcome.evidence_id)
    assert (record.kind, record.media_type, record.width, record.height) == ("photo", media_type, 500, 250)
    with Image.open(thumbnail_path(portfolio, record.sha256, create=False)) as thumb:
        assert thumb.size == (320, 160)


def test_unreadable_and_special_files_are_refused(portfolio, work, tmp_path, monkeypatch):
    from ent_portfolio.media import probe

    locked = mf.photo(tmp_path / "in" / "locked.jpg")
    pipe = tmp_path / "in" / "pipe.jpg"
    os.mkfifo(pipe)
    real_read_head = probe.sn.read_head

    def read_head(path, *args):
        if Path(path).name == "locked.jpg":  # root reads anything: simulate a locked file
            raise PermissionError(13, "Permission denied", str(path))
        return real_read_head(path, *args)

    monkeypatch.setattr(probe.sn, "read_head", read_head)
    result = import_evidence(portfolio, work.id, [tmp_path / "in"])
    by_name = {o.path.name: o for o in result.outcomes}
    assert by_name["locked.jpg"].reason_key == "import.unreadable"
    assert by_name["locked.jpg"].reason("en") == f"“{locked}” cannot be read (Permission denied)"
    assert by_name["pipe.jpg"].reason_key == "import.not_regular"
    assert store_files(portfolio) == []


def test_the_bundled_province_points_are_sane():
    import geothai

    from ent_portfolio.media.geo import distance_km, seats

    names = {p.code: (p.name_th, p.name_en) for p in geothai.provinces()}
    for seat in seats():
        assert names[seat.province_code] == (seat.province_th, seat.province_en)
        assert 5.5 < seat.latitude < 20.5 and 97.3 < seat.longitude < 105.7, seat
        assert place_name(seat.latitude, seat.longitude).endswith(seat.province_th)
    # No two town centres so close that the seat-district radius could overlap.
    closest = min(distance_km(a.latitude, a.longitude, b.latitude, b.longitude)
                  for a in seats() for b in seats() if a is not b)
    assert closest > 10
