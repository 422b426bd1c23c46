"""Reading a spreadsheet a lecturer was sent — a Google Forms or
KoboToolbox CSV, an Excel workbook — into plain rows, safely.

The file comes from outside (a form's export, a colleague's mail), so it is
treated as hostile: a link, a device or a folder is refused before anything
is opened; a workbook's sizes are read from its zip directory before openpyxl
inflates anything; rows, columns and line lengths are capped; a CSV's
encoding is told from its bytes (UTF-8 with or without a BOM, UTF-16 as
Excel's "Unicode text" saves it, TIS-620/cp874 from old Thai Windows) and
never guessed into mojibake.  Formulas are never evaluated: a workbook gives
its cached values, and a CSV cell "=cmd|…" stays the text it is."""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import stat
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from ..errors import UserError
from ..i18n import register
from ..storage.files import is_link

#: A sheet of attendance or measurements is far below this; a bigger file is
#: an accident (the wrong export) or an attack, and is not read at all.
MAX_FILE_BYTES = 20 * 2**20
#: Most bytes a workbook's parts may inflate to, summed from its zip directory.
MAX_UNCOMPRESSED_BYTES = 60 * 2**20
#: Most data rows one import reads: a year of weekly sessions of a large
#: project is a few thousand people, so this leaves room without letting a
#: million-row file tie up the computer.
MAX_ROWS = 20_000
#: Most columns read; a form's export has a few dozen.
MAX_COLUMNS = 200
#: Longest physical line of a CSV (a line this long is not a row of a form).
MAX_LINE_CHARS = 100_000
#: A row number beyond this in a workbook is an empty sheet claiming to be huge.
MAX_ROW_INDEX = 1_048_576

register({
    "sheet.missing": ("ไม่พบไฟล์ “{name}” — ไม่มีการเปลี่ยนแปลงใด ๆ",
                      "The file “{name}” does not exist. Nothing was changed."),
    "sheet.is_folder": ("“{name}” เป็นโฟลเดอร์ โปรดเลือกไฟล์ .xlsx หรือ .csv — ไม่มีการเปลี่ยนแปลงใด ๆ",
                        "“{name}” is a folder; choose an .xlsx or .csv file. Nothing was changed."),
    "sheet.is_link": (
        "“{name}” เป็นลิงก์ไปยังไฟล์อื่น โปรดเลือกตัวไฟล์จริง — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{name}” is a link to another file; choose the file itself. Nothing was changed.",
    ),
    "sheet.not_a_file": ("“{name}” ไม่ใช่ไฟล์ธรรมดาที่อ่านได้ — ไม่มีการเปลี่ยนแปลงใด ๆ",
                         "“{name}” is not an ordinary file that can be read. Nothing was changed."),
    "sheet.unreadable": ("อ่านไฟล์ “{name}” ไม่ได้ ({detail}) — ไม่มีการเปลี่ยนแปลงใด ๆ",
                         "The file “{name}” could not be read ({detail}). Nothing was changed."),
    "sheet.too_big": (
        "ไฟล์ “{name}” ใหญ่เกิน {limit} เมกะไบต์ ซึ่งมากกว่าตารางรายชื่อหรือผลการวัดทั่วไปมาก "
        "โปรดตรวจว่าเลือกไฟล์ถูก — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The file “{name}” is larger than {limit} MB, far more than an attendance or measurement sheet; "
        "check that it is the right file. Nothing was changed.",
    ),
    "sheet.empty": ("ไฟล์ “{name}” ไม่มีข้อมูล — ไม่มีการเปลี่ยนแปลงใด ๆ",
                    "The file “{name}” holds no data. Nothing was changed."),
    "sheet.header_only": (
        "ไฟล์ “{name}” มีแต่แถวหัวตาราง ไม่มีแถวข้อมูล — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The file “{name}” has only its header row, no data rows. Nothing was changed.",
    ),
    "sheet.not_xlsx": (
        "ไฟล์ “{name}” ไม่ใช่ไฟล์ Excel (.xlsx) ที่สมบูรณ์ โปรดเปิดใน Excel แล้วบันทึกใหม่เป็น .xlsx หรือ .csv "
        "— ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The file “{name}” is not a sound Excel (.xlsx) file; open it in Excel and save it again as .xlsx or .csv. "
        "Nothing was changed.",
    ),
    "sheet.old_xls": (
        "ไฟล์ “{name}” เป็น Excel รุ่นเก่า (.xls) โปรดเปิดใน Excel แล้วบันทึกเป็น .xlsx หรือ .csv — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The file “{name}” is an old Excel file (.xls); open it in Excel and save it as .xlsx or .csv. "
        "Nothing was changed.",
    ),
    "sheet.xlsx_too_big": (
        "ไฟล์ “{name}” เมื่อคลายออกจะใหญ่เกิน {limit} เมกะไบต์ จึงไม่อ่าน (ไฟล์ตารางปกติไม่ใหญ่ขนาดนี้) "
        "— ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The file “{name}” would unpack to more than {limit} MB, so it is not read (a real sheet is not that "
        "large). Nothing was changed.",
    ),
    "sheet.encoding": (
        "อ่านตัวอักษรในไฟล์ “{name}” ไม่ได้ โปรดบันทึกเป็น CSV แบบ UTF-8 — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The characters of “{name}” cannot be read; save it as a UTF-8 CSV. Nothing was changed.",
    ),
    "sheet.nul": (
        "ไฟล์ “{name}” มีอักขระว่าง (NUL) ในบรรทัดที่ {line} จึงไม่ใช่ไฟล์ข้อความ CSV — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The file “{name}” holds a NUL character on line {line}, so it is not a CSV text file. Nothing was changed.",
    ),
    "sheet.line_too_long": (
        "บรรทัดที่ {line} ของไฟล์ “{name}” ยาวเกิน {limit:,} ตัวอักษร จึงไม่ใช่แถวของแบบฟอร์ม — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "Line {line} of “{name}” is longer than {limit:,} characters, not a row of a form. Nothing was changed.",
    ),
    "sheet.too_many_rows": (
        "ไฟล์ “{name}” มีข้อมูลเกิน {limit:,} แถว โปรดแบ่งเป็นหลายไฟล์แล้วนำเข้าทีละไฟล์ — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The file “{name}” has more than {limit:,} rows; split it into several files and import them one by one. "
        "Nothing was changed.",
    ),
    "sheet.too_many_columns": (
        "ไฟล์ “{name}” มีเกิน {limit:,} คอลัมน์ โปรดลบคอลัมน์ที่ไม่ใช้ออกก่อน — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The file “{name}” has more than {limit:,} columns; remove the columns you do not need first. "
        "Nothing was changed.",
    ),
    "sheet.unnamed_column": ("คอลัมน์ {letter}", "column {letter}"),
})

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_SIGNATURE = b"PK\x03\x04"
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3})([0-9]{1,7}):([A-Z]{1,3})([0-9]{1,7})"')
_DELIMITERS = (",", ";", "\t")
_QUOTED = re.compile(r'"[^"]*"')

Cell = str | int | float | bool | date | datetime | time | None


@dataclass
class SheetRow:
    """One data row; ``line`` is the row number the lecturer sees in Excel,
    or the line of a CSV where the row starts."""

    line: int
    values: list[Any]


@dataclass
class Sheet:
    name: str
    columns: list[str]
    rows: list[SheetRow]
    #: ``csv`` or ``xlsx``, and for a CSV how it was read (for the preview).
    format: str = "csv"
    encoding: str = ""
    delimiter: str = ""
    #: What a cell is called in the window: the header, or its column letter.
    letters: list[str] = field(default_factory=list)


def shown_name(path: Path) -> str:
    """A file name as a message quotes it: printable, and not a page long."""
    name = path.name.encode("utf-8", "backslashreplace").decode("utf-8")
    return name if len(name) <= 80 else name[:79] + "…"


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_index(letters: bytes) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ch - 64
    return number - 1


def read_sheet(path: Path | str) -> Sheet:
    """The header and data rows of a CSV or the first sheet of a workbook;
    a file that cannot be read safely is a UserError saying why."""
    path = Path(path)
    name = shown_name(path)
    data = _read_bytes(path, name)
    if not data.strip():
        raise UserError("sheet.empty", name=name)
    if data.startswith(_OLE_SIGNATURE):
        raise UserError("sheet.old_xls", name=name)
    if data.startswith(_ZIP_SIGNATURE):
        table, kind = _xlsx_rows(data, name), "xlsx"
        encoding = delimiter = ""
    elif path.suffix.lower() in (".xlsx", ".xlsm"):
        raise UserError("sheet.not_xlsx", name=name)
    else:
        text, encoding = _decode(data, name)
        delimiter = _delimiter(text)
        table, kind = _csv_rows(text, delimiter, name), "csv"
    return _sheet(path, name, table, kind, encoding, delimiter)


def _read_bytes(path: Path, name: str) -> bytes:
    if is_link(path):
        raise UserError("sheet.is_link", name=name)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise UserError("sheet.missing", name=name) from None
    except OSError as exc:
        raise UserError("sheet.unreadable", name=name, detail=exc.strerror or str(exc)) from None
    if stat.S_ISDIR(info.st_mode):
        raise UserError("sheet.is_folder", name=name)
    if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would never end
        raise UserError("sheet.not_a_file", name=name)
    if info.st_size > MAX_FILE_BYTES:
        raise UserError("sheet.too_big", name=name, limit=MAX_FILE_BYTES // 2**20)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise UserError("sheet.unreadable", name=name, detail=exc.strerror or str(exc)) from None
    if len(data) > MAX_FILE_BYTES:  # it grew while being read
        raise UserError("sheet.too_big", name=name, limit=MAX_FILE_BYTES // 2**20)
    return data


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """The text of a CSV and the encoding it was read in.  Only encodings
    that decode the bytes strictly are accepted, tried from the most
    particular: a UTF-8 file never decodes as cp874 by accident, because
    UTF-8 is tried first and cp874 leaves bytes a Thai file never has
    undefined."""
    if data.startswith(codecs.BOM_UTF8):
        candidates = ("utf-8-sig",)
    elif data.startswith(_UTF16_BOMS):
        candidates = ("utf-16",)
    elif _looks_utf16(data[1::2], data[0::2]):
        candidates = ("utf-16-le",)
    elif _looks_utf16(data[0::2], data[1::2]):
        candidates = ("utf-16-be",)
    else:
        candidates = ("utf-8", "cp874")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            raise UserError("sheet.nul", name=name, line=text.count("\n", 0, text.index("\x00")) + 1)
        return text, encoding
    raise UserError("sheet.encoding", name=name)


def _looks_utf16(high: bytes, low: bytes) -> bool:
    """UTF-16 without its BOM: the high byte of every ASCII character is 0
    and of every Thai one 0x0E, and the file has some ASCII (a delimiter, a
    line end); UTF-8 Thai puts other bytes there."""
    sample = high[:65536]
    if len(sample) < 2 or not sample.count(0) or 0 in low[:65536]:
        return False
    return (sample.count(0) + sample.count(0x0E)) >= 0.95 * len(sample)


def _delimiter(text: str) -> str:
    """The delimiter of the header line, the one of ``, ; tab`` it uses most
    outside quotes (a Thai-locale Excel saves with ``;`` where a decimal
    comma is the custom, "Unicode text" with tabs)."""
    line = _QUOTED.sub("", text[:MAX_LINE_CHARS].split("\n", 1)[0])
    counts = {d: line.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _csv_rows(text: str, delimiter: str, name: str) -> list[tuple[int, list[Any]]]:
    for line, physical in enumerate(text.split("\n"), start=1):
        if len(physical) > MAX_LINE_CHARS:
            raise UserError("sheet.line_too_long", name=name, line=line, limit=MAX_LINE_CHARS)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    rows: list[tuple[int, list[Any]]] = []
    try:
        while True:
            first_line = reader.line_num + 1
            try:
                values = next(reader)
            except StopIteration:
                break
            if len(rows) > MAX_ROWS + 1:
                raise UserError("sheet.too_many_rows", name=name, limit=MAX_ROWS)
            rows.append((first_line, values))
    except csv.Error:
        # Only a field longer than the csv module's own limit gets here; the
        # line check above reports such a line by number.
        raise UserError("sheet.line_too_long", name=name, line=reader.line_num, limit=MAX_LINE_CHARS) from None
    return rows


def _xlsx_rows(data: bytes, name: str) -> list[tuple[int, list[Any]]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise UserError("sheet.not_xlsx", name=name) from None
    # The directory's sizes are what zipfile will inflate at most: it stops
    # at an entry's declared size, so a lying entry cannot inflate beyond it.
    if sum(entry.file_size for entry in entries) > MAX_UNCOMPRESSED_BYTES:
        raise UserError("sheet.xlsx_too_big", name=name, limit=MAX_UNCOMPRESSED_BYTES // 2**20)
    try:
        for entry in entries:
            if entry.filename.endswith((".xml", ".rels")):
                with archive.open(entry) as part:
                    head = part.read(4096)
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:  # entity expansion is a bomb of its own
                    raise UserError("sheet.not_xlsx", name=name)
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            merges = _merged_ranges(archive.read(sheet._worksheet_path))
            rows = _workbook_rows(sheet, name)
        finally:
            book.close()
    except UserError:
        raise
    except Exception:  # openpyxl raises anything (KeyError, ValueError, lxml's errors) on a damaged part
        raise UserError("sheet.not_xlsx", name=name) from None
    return _fill_merged(rows, merges)


def _workbook_rows(sheet, name: str) -> list[tuple[int, list[Any]]]:
    rows: list[tuple[int, list[Any]]] = []
    # max_col bounds each row: a sheet's dimension may claim 16,384 columns.
    for number, values in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True), start=1):
        if number > MAX_ROW_INDEX:
            break
        values = list(values)
        if any(v is not None and v != "" for v in values):
            if len(rows) > MAX_ROWS + 1:
                raise UserError("sheet.too_many_rows", name=name, limit=MAX_ROWS)
            rows.append((number, values))
        elif number > len(rows) + MAX_ROWS:  # empty rows by the million: openpyxl fills the gaps
            raise UserError("sheet.too_many_rows", name=name, limit=MAX_ROWS)
    return rows


def _merged_ranges(xml: bytes) -> list[tuple[int, int, int, int]]:
    """(first row, first column, last row, last column) of each merged
    range: openpyxl's streaming reader leaves all but the top-left cell
    empty, where the lecturer sees the merged value in every row."""
    ranges = []
    for first_col, first_row, last_col, last_row in _MERGE.findall(xml[-2_000_000:]):
        ranges.append((int(first_row), _column_index(first_col), int(last_row), _column_index(last_col)))
    return ranges[:10_000]


def _fill_merged(rows: list[tuple[int, list[Any]]], merges) -> list[tuple[int, list[Any]]]:
    if not merges:
        return rows
    by_line = {line: values for line, values in rows}
    for first_row, first_col, last_row, last_col in merges:
        top = by_line.get(first_row)
        if top is None or first_col >= len(top) or last_row - first_row > MAX_ROWS:
            continue
        value = top[first_col]
        for line in range(first_row, last_row + 1):
            values = by_line.get(line)
            if values is None:
                continue
            for column in range(first_col, min(last_col, len(values) - 1) + 1):
                if values[column] is None:
                    values[column] = value
    return rows


def _sheet(path: Path, name: str, table: list[tuple[int, list[Any]]], kind: str, encoding: str,
           delimiter: str) -> Sheet:
    table = [(line, values) for line, values in table if any(_filled(v) for v in values)]
    if not table:
        raise UserError("sheet.empty", name=name)
    _header_line, header = table[0]
    width = max(len(header), max(len(values) for _, values in table))
    while width and not any(len(values) >= width and _filled(values[width - 1]) for _, values in table):
        width -= 1  # trailing columns nobody filled
    if width > MAX_COLUMNS:
        raise UserError("sheet.too_many_columns", name=name, limit=MAX_COLUMNS)
    if len(table) - 1 > MAX_ROWS:
        raise UserError("sheet.too_many_rows", name=name, limit=MAX_ROWS)
    if len(table) == 1:
        raise UserError("sheet.header_only", name=name)
    letters = [column_letter(i) for i in range(width)]
    columns = []
    for index in range(width):
        title = header[index] if index < len(header) else None
        text = " ".join(str(title).split()) if _filled(title) else ""
        columns.append(text[:200])
    rows = [SheetRow(line, (values + [None] * width)[:width]) for line, values in table[1:]]
    return Sheet(name=path.stem, columns=columns, rows=rows, format=kind, encoding=encoding,
                 delimiter=delimiter, letters=letters)


def _filled(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())
