"""Evidence import under hostile input: every file the importer meets ends as
one outcome with a sentence, the rest of the batch imports, work and memory
stay bounded, and nothing undecodable reaches the database or the screen.

Every hostile file is made here, by the test (no binary blobs): ZIP members
that inflate to a gigabyte, programs that also pass as PDFs. File names,
folders and files that change under the importer are in
test_import_hostile_names.py."""

from __future__ import annotations

import struct
import tracemalloc
import zipfile
import zlib

import media_fixtures as mf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from import_cases import assert_sentence, create_work, store_files
from sqlalchemy import select

from ent_portfolio.domain import models as m
from ent_portfolio.errors import UserError
from ent_portfolio.i18n import MESSAGES
from ent_portfolio.media import sniff as sn
from ent_portfolio.services.importer import (
    EvidenceRefused,
    ImportLimits,
    Status,
    check_evidence_file,
    import_evidence,
)

GIB = 1024 ** 3
MIB = 1024 ** 2


@pytest.fixture
def work(services):
    return create_work(services)


# -- 2. ZIP-based documents that inflate to gigabytes ---------------------------------------

def _zip(members: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A ZIP from (name, data as stored, method, declared inflated size, CRC):
    written by hand so a member can declare what a bomb declares."""
    body, central = bytearray(), bytearray()
    for name, data, method, size, crc in members:
        offset = len(body)
        encoded = name.encode()
        body += struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0, method, 0, 0x21, crc, len(data), size,
                            len(encoded), 0) + encoded + data
        central += struct.pack("<4s6H3I5H2I", b"PK\x01\x02", 20, 20, 0, method, 0, 0x21, crc, len(data), size,
                               len(encoded), 0, 0, 0, 0, 0, offset) + encoded
    end = struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, len(members), len(members), len(central), len(body), 0)
    return bytes(body + central + end)


@pytest.fixture(scope="module")
def gigabyte_of_zeros() -> tuple[bytes, int, int]:
    """A raw deflate stream of 1 GiB of zeros (about 1 MB), its CRC and size.
    After a full flush the compressor starts afresh, so each further
    mebibyte compresses to the same bytes: the stream is built by repetition."""
    chunk = b"\x00" * MIB
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    last = compressor.compress(chunk) + compressor.flush()
    crc = 0
    for _ in range(GIB // MIB):
        crc = zlib.crc32(chunk, crc)
    return block * (GIB // MIB - 1) + last, crc, GIB


def _bounded(call):
    """Run ``call``; return its result (or exception) and the peak memory it took."""
    tracemalloc.start()
    try:
        try:
            result = call()
        except Exception as exc:  # the caller asserts which
            result = exc
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return result, peak


def test_the_zero_stream_really_inflates_to_a_gigabyte(gigabyte_of_zeros):
    stream, _, size = gigabyte_of_zeros
    inflater = zlib.decompressobj(-15)
    assert inflater.decompress(stream[: len(stream) // 64], 8 * MIB) == b"\x00" * (8 * MIB)
    assert len(stream) < 2 * MIB < size // 500


@pytest.mark.parametrize("case", ["docx-member", "odt-mimetype", "odt-content"])
def test_a_document_whose_member_inflates_to_a_gigabyte_is_refused_in_bounded_memory(
        portfolio, work, tmp_path, gigabyte_of_zeros, case):
    stream, crc, size = gigabyte_of_zeros
    xml = b'<?xml version="1.0"?><Types/>'
    if case == "docx-member":
        name = "minutes.docx"
        members = [("[Content_Types].xml", xml, 0, len(xml), zlib.crc32(xml)),
                   ("word/document.xml", stream, 8, size, crc)]
    elif case == "odt-mimetype":
        name = "minutes.odt"
        members = [("mimetype", stream, 8, size, crc)]
    else:
        name = "minutes.odt"
        mimetype = b"application/vnd.oasis.opendocument.text"
        members = [("mimetype", mimetype, 0, len(mimetype), zlib.crc32(mimetype)),
                   ("content.xml", stream, 8, size, crc)]
    bomb = tmp_path / name
    bomb.write_bytes(_zip(members))
    good = mf.docx(tmp_path / "good.docx")

    refused, peak = _bounded(lambda: check_evidence_file(bomb))
    assert isinstance(refused, EvidenceRefused) and refused.key == "import.zip_bomb"
    assert peak < 4 * MIB, peak
    result = import_evidence(portfolio, work.id, [bomb, good])
    assert [o.status for o in result.outcomes] == [Status.REFUSED, Status.STORED]
    assert_sentence(result.outcomes[0], name)
    assert store_files(portfolio) == [mf.sha256(good)]


def test_a_mimetype_that_lies_about_its_size_is_read_only_a_little(tmp_path, gigabyte_of_zeros):
    """Declares 39 bytes, inflates to a gigabyte: at most a few bytes are
    inflated, so the file is judged on them (not OpenDocument) without the
    memory a gigabyte would take."""
    stream, _, _ = gigabyte_of_zeros
    liar = tmp_path / "report.odt"
    first = zlib.crc32(b"\x00" * 39)  # right for what the member declares, so only the sizes lie
    liar.write_bytes(_zip([("mimetype", stream, 8, 39, first), ("content.xml", b"<x/>", 0, 4, zlib.crc32(b"<x/>"))]))

    refused, peak = _bounded(lambda: check_evidence_file(liar))
    assert isinstance(refused, EvidenceRefused) and refused.key == "import.mismatch"
    assert "ZIP" in refused.message("en")
    assert peak < 4 * MIB, peak


def test_members_that_together_declare_too_much_are_a_bomb(tmp_path):
    """Forty members at 60:1 each stay under the ratio, but add up to 2.3 GiB."""
    piece = b"\x00" * 1024
    members = [("[Content_Types].xml", b"<Types/>", 0, 8, zlib.crc32(b"<Types/>"))]
    members += [(f"word/media/part{i}.xml", piece, 0, 60 * MIB, 0) for i in range(40)]
    bomb = tmp_path / "big.docx"
    bomb.write_bytes(_zip(members))
    assert 40 * 60 * MIB > sn.ZIP_MAX_INFLATED_BYTES
    with pytest.raises(EvidenceRefused) as caught:
        check_evidence_file(bomb)
    assert caught.value.key == "import.zip_bomb"


def test_a_zip_with_more_members_than_a_document_has_is_refused_before_it_is_listed(tmp_path):
    crowded = tmp_path / "crowded.docx"
    with zipfile.ZipFile(crowded, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for i in range(sn.ZIP_MAX_MEMBERS + 1):
            archive.writestr(f"word/{i}", b"")
    with pytest.raises(EvidenceRefused) as caught:
        check_evidence_file(crowded)
    assert caught.value.key == "import.zip_bomb"


@pytest.mark.parametrize("field, claim", [("members", 60_000), ("directory_bytes", 512 * MIB)])
def test_an_end_record_claiming_a_huge_directory_is_refused_before_it_is_read(tmp_path, field, claim):
    data = bytearray(_zip([("[Content_Types].xml", b"<Types/>", 0, 8, zlib.crc32(b"<Types/>")),
                           ("word/document.xml", b"<w/>", 0, 4, zlib.crc32(b"<w/>"))]))
    end = len(data) - 22
    if field == "members":
        data[end + 8:end + 12] = struct.pack("<2H", claim, claim)
    else:
        data[end + 12:end + 16] = struct.pack("<I", claim)
    doc = tmp_path / "claims.docx"
    doc.write_bytes(bytes(data))
    refused, peak = _bounded(lambda: check_evidence_file(doc))
    assert isinstance(refused, EvidenceRefused) and refused.key == "import.zip_bomb"
    assert peak < MIB


def test_a_zip64_directory_is_read_for_its_member_count(tmp_path, monkeypatch):
    """Past 65 535 members the count lives in the ZIP64 end record; a small
    limit and a small file show that record is the one read."""
    monkeypatch.setattr(zipfile, "ZIP_FILECOUNT_LIMIT", 4)  # write the ZIP64 records from 5 members on
    many = tmp_path / "many.docx"
    with zipfile.ZipFile(many, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for i in range(9):
            archive.writestr(f"word/{i}.xml", "<w/>")
    assert b"PK\x06\x06" in many.read_bytes()
    assert check_evidence_file(many).kind == "document"
    monkeypatch.setattr(sn, "ZIP_MAX_MEMBERS", 8)
    with pytest.raises(EvidenceRefused) as caught:
        check_evidence_file(many)
    assert caught.value.key == "import.zip_bomb"


@pytest.mark.parametrize("case", ["encrypted", "unknown-method", "bad-local-header"])
def test_unreadable_zip_members_are_a_sentence(tmp_path, case):
    mimetype = b"application/vnd.oasis.opendocument.text"
    doc = tmp_path / "notes.odt"
    data = bytearray(_zip([("mimetype", mimetype, 0 if case != "unknown-method" else 99, len(mimetype),
                            zlib.crc32(mimetype))]))
    if case == "encrypted":
        data[6] = 1  # general purpose flag bit 0, local header
        data[data.index(b"PK\x01\x02") + 8] = 1  # and in the central directory
    if case == "bad-local-header":  # the directory points into the middle of the first header
        at = data.index(b"PK\x01\x02")
        data[at + 42:at + 46] = struct.pack("<I", 3)
    doc.write_bytes(bytes(data))
    with pytest.raises(EvidenceRefused) as caught:
        check_evidence_file(doc)
    assert caught.value.key in ("import.mismatch", "import.truncated", "import.damaged")
    caught.value.message("th").encode("utf-8")


# -- 3. programs that pass as PDFs ----------------------------------------------------------------

PDF_TAIL = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.parametrize("prefix, label", [
    (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 56 + b"PE\x00\x00", "Windows program"),
    (b"\x7fELF\x02\x01\x01" + b"\x00" * 9, "Linux program"),
    (b"\xcf\xfa\xed\xfe\x07\x00\x00\x01", "macOS program"),
    (b"\xca\xfe\xba\xbe\x00\x00\x00\x02", "macOS universal program"),
    (b"#!/bin/sh\nrm -rf ~\n", "script"),
    (b"dex\n035\x00", "Android program"),
    (b"\x00asm\x01\x00\x00\x00", "WebAssembly"),
])
@pytest.mark.parametrize("offset", [0, 200, 1000])
def test_a_program_with_pdf_in_its_first_kilobyte_is_a_program(tmp_path, prefix, label, offset):
    polyglot = tmp_path / "certificate.pdf"
    polyglot.write_bytes(prefix + b"\x00" * max(0, offset - len(prefix)) + PDF_TAIL)
    assert sn.sniff(polyglot).family == sn.PROGRAM, label
    with pytest.raises(EvidenceRefused) as caught:
        check_evidence_file(polyglot)
    assert caught.value.key == "import.program"
    assert "โปรแกรม" in caught.value.message("th") and "ไม่ใช่หลักฐาน" in caught.value.message("th")


@pytest.mark.parametrize("prefix, family", [
    (b"Rar!\x1a\x07\x00", sn.ARCHIVE),
    (b"7z\xbc\xaf\x27\x1c\x00\x04", sn.ARCHIVE),
    (b"\x1f\x8b\x08\x00", sn.ARCHIVE),
    (b"<!DOCTYPE html><html><body>", sn.WEBPAGE),
    (b"{\\rtf1\\ansi ", sn.DOCUMENT),
])
def test_another_format_with_pdf_inside_is_that_format(tmp_path, prefix, family):
    polyglot = tmp_path / "letter.pdf"
    polyglot.write_bytes(prefix + b"\x00" * 100 + PDF_TAIL)
    assert sn.sniff(polyglot).family == family
    with pytest.raises(EvidenceRefused) as caught:
        check_evidence_file(polyglot)
    assert caught.value.key == "import.mismatch"


def test_a_zip_holding_a_pdf_named_pdf_is_a_zip(tmp_path):
    inner = mf.text_pdf(tmp_path / "inner.pdf").read_bytes()
    polyglot = tmp_path / "scan.pdf"
    with zipfile.ZipFile(polyglot, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("a.pdf", inner)
    assert b"%PDF-" in polyglot.read_bytes()[:1024]
    with pytest.raises(EvidenceRefused) as caught:
        check_evidence_file(polyglot)
    assert (caught.value.key, caught.value.params["actual"]) == ("import.mismatch", "ZIP")


def test_a_real_pdf_with_a_little_leading_junk_is_still_a_pdf(tmp_path):
    """Mail gateways and old scanners leave bytes before ``%PDF-``; readers
    accept them, and so does the importer when they open no other format."""
    whole = mf.text_pdf(tmp_path / "whole.pdf").read_bytes()
    padded = tmp_path / "padded.pdf"
    padded.write_bytes(b"\r\n\r\n" + whole)
    assert check_evidence_file(padded).kind == "pdf"


@pytest.mark.parametrize("name", ["setup.exe", "photo.jpg.exe", "run.bat", "install.sh", "app.apk", "macro.vbs",
                                  "shortcut.lnk", "tool.ps1"])
def test_names_a_computer_runs_are_programs_whatever_they_hold(tmp_path, name):
    disguised = tmp_path / name
    disguised.write_bytes(mf.photo(tmp_path / "p.jpg", size=(32, 32)).read_bytes())
    with pytest.raises(EvidenceRefused) as caught:
        check_evidence_file(disguised)
    assert caught.value.key == "import.program"


def test_an_amr_recording_is_not_a_script(tmp_path):
    recording = tmp_path / "interview.amr"
    recording.write_bytes(b"#!AMR\n" + b"\x3c" + b"\x00" * 300)
    assert check_evidence_file(recording).kind == "audio"


@settings(max_examples=40, deadline=None)
@given(signature=st.sampled_from([b"MZ", b"\x7fELF", b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xcf\xfa\xed\xfe",
                                  b"\xce\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!/usr/bin/env python\n"]),
       filler=st.binary(max_size=900), tail=st.binary(max_size=200))
def test_property_no_program_is_ever_a_pdf(tmp_path_factory, signature, filler, tail):
    polyglot = tmp_path_factory.mktemp("poly") / "doc.pdf"
    polyglot.write_bytes(signature + filler + PDF_TAIL + tail)
    with pytest.raises(EvidenceRefused) as caught:
        check_evidence_file(polyglot)
    assert caught.value.key == "import.program"


# -- 7. the one check an archive uses too -------------------------------------------------------------

def test_check_evidence_file_judges_a_staged_file_by_the_name_it_goes_by(tmp_path):
    photo = mf.photo(tmp_path / "p.jpg", size=(64, 48))
    staged = tmp_path / ("ab" * 32)  # as an archive stages a member: named by its hash
    staged.write_bytes(photo.read_bytes())

    probe = check_evidence_file(staged, "IMG_0001.jpg")
    assert (probe.kind, probe.media_type, probe.width) == ("photo", "image/jpeg", 64)
    with pytest.raises(EvidenceRefused) as caught:
        check_evidence_file(staged, "minutes.pdf")
    assert caught.value.key == "import.mismatch" and "minutes.pdf" in caught.value.message("en")
    staged.write_bytes(b"MZ" + b"\x00" * 100)
    with pytest.raises(EvidenceRefused) as caught:
        check_evidence_file(staged, "IMG_0001.jpg")
    assert caught.value.key == "import.program"
    assert isinstance(caught.value, UserError)
    with pytest.raises(EvidenceRefused) as caught:
        check_evidence_file(staged, "IMG_0001.jpg", limits=ImportLimits(max_file_bytes=10))
    assert caught.value.key == "import.too_large"


def test_every_file_of_the_demo_passes_the_check(demo):
    with demo.reader() as session:
        files = [(e.sha256, e.original_name) for e in session.scalars(select(m.Evidence))]
    assert files
    for sha, name in files:
        check_evidence_file(demo.store.path_for(sha), name)


@settings(max_examples=60, deadline=None)
@given(content=st.one_of(
           st.binary(max_size=3000),
           st.sampled_from([b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"%PDF-1.4\n", b"PK\x03\x04", b"GIF89a", b"II*\x00",
                            b"\x00\x00\x00\x18ftypheic", b"RIFF\x00\x00\x00\x00WEBP", b"BM", b"\xd0\xcf\x11\xe0"])
           .flatmap(lambda magic: st.binary(max_size=2000).map(lambda rest: magic + rest))),
       name=st.sampled_from(["a.jpg", "a.png", "a.pdf", "a.docx", "a.odt", "a.heic", "a.mp4", "a.txt", "a", "a.exe",
                             "a.webp", "a.tif", "a.gif", "a.doc"]))
def test_property_the_check_accepts_or_refuses_with_a_sentence(tmp_path_factory, content, name):
    path = tmp_path_factory.mktemp("any") / "file"
    path.write_bytes(content)
    try:
        probe = check_evidence_file(path, name)
    except EvidenceRefused as refused:
        assert refused.key in MESSAGES
        refused.message("th").encode("utf-8")
    else:
        assert probe.kind in ("photo", "pdf", "document", "audio", "video", "other")
