"""Hostile sheets, each built here: every one is a sentence (a UserError
with its key, in Thai and English), never a traceback or a hang, and the
portfolio's records are unchanged byte for byte."""

from __future__ import annotations

import io
import os
import zipfile

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ent_portfolio.errors import UserError
from ent_portfolio.office import sheet_files
from ent_portfolio.office.sheets import read_sheet
from ent_portfolio.services.sheet_import import import_sheet
from tests.unit.storage_cases import records_dump


def _workbook_bytes(rows=(("วันที่", "กิจกรรม"), ("15/10/2566", "อบรม"))) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _zip_bomb(tmp_path):
    """A workbook whose sheet inflates to 80 MB of zeros (a few kB packed)."""
    source = zipfile.ZipFile(io.BytesIO(_workbook_bytes()))
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for entry in source.infolist():
            if entry.filename == "xl/worksheets/sheet1.xml":
                with bomb.open(entry.filename, "w", force_zip64=True) as part:
                    chunk = b"0" * 2**20
                    for _ in range(80):
                        part.write(chunk)
            else:
                bomb.writestr(entry, source.read(entry))
    return path


def _lying_bomb(tmp_path):
    """A sheet whose directory entry claims a few bytes but inflates to far more."""
    path = _zip_bomb(tmp_path)
    data = bytearray(path.read_bytes())
    # Patch the central directory's uncompressed size of the big part to 100.
    needle = b"xl/worksheets/sheet1.xml"
    at = data.rfind(needle)
    header = data.rfind(b"PK\x01\x02", 0, at)
    if data[header + 24:header + 28] == b"\xff\xff\xff\xff":  # zip64 stores it in the extra field
        extra = at + len(needle)
        data[extra + 4:extra + 12] = (100).to_bytes(8, "little")
    else:
        data[header + 24:header + 28] = (100).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    return path


def _with_doctype(tmp_path):
    source = zipfile.ZipFile(io.BytesIO(_workbook_bytes()))
    path = tmp_path / "entities.xlsx"
    with zipfile.ZipFile(path, "w") as out:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "xl/sharedStrings.xml" or entry.filename == "xl/worksheets/sheet1.xml":
                data = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>' + (
                    data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data)
            out.writestr(entry, data)
    return path


def _huge_dimension(tmp_path):
    """A sheet claiming A1:XFD1048576 with one row at the very end."""
    source = zipfile.ZipFile(io.BytesIO(_workbook_bytes()))
    path = tmp_path / "claims.xlsx"
    with zipfile.ZipFile(path, "w") as out:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<dimension ref="A1:B2"/>', b'<dimension ref="A1:XFD1048576"/>')
                data = data.replace(b'r="2"', b'r="1048000"').replace(b'A2"', b'A1048000"').replace(
                    b'B2"', b'B1048000"')
            out.writestr(entry, data)
    return path


def _write(name: str, content: bytes | str):
    def make(tmp_path):
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return path
    return make


def _folder(tmp_path):
    path = tmp_path / "folder.csv"
    path.mkdir()
    return path


def _link_out(tmp_path):
    target = tmp_path / "elsewhere.csv"
    target.write_text("วันที่,กิจกรรม\n15/10/2566,อบรม\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    return link


def _link_to_device(tmp_path):
    link = tmp_path / "zero.csv"
    link.symlink_to("/dev/zero")
    return link


def _fifo(tmp_path):
    path = tmp_path / "pipe.csv"
    os.mkfifo(path)
    return path


def _million_rows(tmp_path):
    path = tmp_path / "million.csv"
    path.write_bytes(b"date,activity\n" + b"15/10/2566,a\n" * 1_000_000)
    return path


def _too_big(tmp_path):
    path = tmp_path / "big.csv"
    with open(path, "wb") as handle:
        handle.truncate(sheet_files.MAX_FILE_BYTES + 1)
    return path


HOSTILE = {
    "zip bomb": (_zip_bomb, "sheet.xlsx_too_big"),
    "zip entry lying about its size": (_lying_bomb, "sheet.not_xlsx"),
    "entity declarations": (_with_doctype, "sheet.not_xlsx"),
    "a dimension of a million rows": (_huge_dimension, "sheet.too_many_rows"),
    "xlsx that is not a zip": (_write("fake.xlsx", "วันที่,กิจกรรม\n1,2\n"), "sheet.not_xlsx"),
    "truncated zip": (lambda p: _write("cut.xlsx", _workbook_bytes()[:300])(p), "sheet.not_xlsx"),
    "zip that is no workbook": (lambda p: _write("other.xlsx", _zip_of({"a.txt": b"hi"}))(p), "sheet.not_xlsx"),
    "old binary xls": (_write("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600), "sheet.old_xls"),
    "NUL byte": (_write("nul.csv", b"date,activity\n15/10/2566,a\x00b\n"), "sheet.nul"),
    "one enormous line": (_write("long.csv", "date,activity\n15/10/2566," + "ก" * 200_000 + "\n"),
                          "sheet.line_too_long"),
    "an enormous quoted cell over many lines": (
        _write("quoted.csv", 'date,activity\n15/10/2566,"' + ("ก" * 50_000 + "\n") * 6 + '"\n'),
        "sheet.line_too_long"),
    "a million rows": (_million_rows, "sheet.too_many_rows"),
    "too many columns": (_write("wide.csv", ",".join(f"c{i}" for i in range(300)) + "\n" + "1," * 299 + "1\n"),
                         "sheet.too_many_columns"),
    "larger than a sheet can be": (_too_big, "sheet.too_big"),
    "not text at all": (_write("random.csv", bytes(range(128, 256)) * 40), "sheet.encoding"),
    "a folder": (_folder, "sheet.is_folder"),
    "a link out": (_link_out, "sheet.is_link"),
    "a link to a device": (_link_to_device, "sheet.is_link"),
    "a named pipe": (_fifo, "sheet.not_a_file"),
    "missing": (lambda p: p / "nowhere.csv", "sheet.missing"),
    "empty file": (_write("empty.csv", b""), "sheet.empty"),
    "only blank lines and commas": (_write("blank.csv", "\n ,, \n\n , \n"), "sheet.empty"),
    "header only": (_write("header.csv", "วันที่,กิจกรรม,เพศ\n"), "sheet.header_only"),
    "workbook with header only": (lambda p: _write("header.xlsx", _workbook_bytes([("วันที่", "x")]))(p),
                                  "sheet.header_only"),
    "empty workbook": (lambda p: _write("none.xlsx", _workbook_bytes([]))(p), "sheet.empty"),
}


def _zip_of(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.timeout(60)
@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_sheet_is_a_sentence_and_changes_nothing(portfolio, services, tmp_path, case):
    make, key = HOSTILE[case]
    work = services.works.create(title_th="งาน")
    path = make(tmp_path)
    before = records_dump(portfolio.folder)
    with pytest.raises(UserError) as refused:
        import_sheet(portfolio, work.id, path, "attendance")
    assert refused.value.key == key
    thai, english = refused.value.message("th"), refused.value.message("en")
    assert thai.endswith("ไม่มีการเปลี่ยนแปลงใด ๆ") and english.endswith("Nothing was changed.")
    assert len(thai.splitlines()) == 1 and "Traceback" not in english
    assert records_dump(portfolio.folder) == before


def test_a_formula_in_a_csv_is_only_text(portfolio, services, tmp_path):
    work = services.works.create(title_th="งาน")
    path = tmp_path / "formula.csv"
    path.write_text("วันที่,กิจกรรม\n15/10/2566,\"=cmd|' /C calc'!A0\"\n15/10/2566,@SUM(1+1)\n", encoding="utf-8")
    result = import_sheet(portfolio, work.id, path, "attendance")
    assert sorted(a.title for a in services.activities.list(work_id=work.id)) == ["=cmd|' /C calc'!A0",
                                                                                   "@SUM(1+1)"]
    assert result.created == 2


def test_a_cached_formula_value_is_read_not_the_formula(tmp_path):
    path = tmp_path / "cached.xlsx"
    data = zipfile.ZipFile(io.BytesIO(_workbook_bytes([("วันที่", "จำนวน"), ("15/10/2566", 1)])))
    with zipfile.ZipFile(path, "w") as out:
        for entry in data.infolist():
            part = data.read(entry)
            if entry.filename == "xl/worksheets/sheet1.xml":
                part = part.replace(b'<c r="B2" t="n"><v>1</v></c>', b'<c r="B2"><f>HYPERLINK("x")</f><v>7</v></c>')
            out.writestr(entry, part)
    assert read_sheet(path).rows[0].values[1] == 7


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=400))
def test_any_bytes_are_read_or_refused_by_a_sentence(tmp_path_factory, content):
    folder = tmp_path_factory.mktemp("bytes")
    for name in ("any.csv", "any.xlsx"):
        path = folder / name
        path.write_bytes(content)
        try:
            sheet = read_sheet(path)
        except UserError as refused:
            assert refused.key.startswith("sheet.") and refused.message("th") != refused.key
        else:
            assert sheet.rows and all(row.line >= 2 for row in sheet.rows)
