"""Reading attendance and measurement sheets: the encodings and delimiters
real exports use, workbooks (dates, merged cells), the line numbers a
lecturer sees, the dates forms write, and the mapping the headers suggest."""

from __future__ import annotations

import codecs
from datetime import UTC, date, datetime, timedelta, timezone

import openpyxl
import pytest

from ent_portfolio.errors import UserError, ValidationError
from ent_portfolio.office.sheets import Mapping, check_mapping, guess_mapping, month_first, read_day, read_sheet

GOOGLE_FORMS = (
    "ประทับเวลา,ชื่อ-นามสกุล,เพศ,กิจกรรม\n"
    '"15/10/2566, 9:12:33",สมชาย ใจดี,ชาย,อบรมการทำปุ๋ย\n'
    '"15/10/2566, 9:13:01",สมหญิง ใจงาม,หญิง,อบรมการทำปุ๋ย\n'
)


@pytest.mark.parametrize("encoding, bom", [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE), ("utf-16-le", b""), ("cp874", b""),
])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_every_encoding_and_delimiter_of_real_exports_reads_the_same_thai(tmp_path, encoding, bom, delimiter):
    text = GOOGLE_FORMS.replace(",ชื่อ", delimiter + "ชื่อ").replace(",เพศ", delimiter + "เพศ")
    text = text.replace(",กิจกรรม", delimiter + "กิจกรรม").replace(",สม", delimiter + "สม")
    for word in ("ชาย", "หญิง", "อบรม"):
        text = text.replace("," + word, delimiter + word)
    path = tmp_path / "responses.csv"
    path.write_bytes(bom + text.encode(encoding))
    sheet = read_sheet(path)
    assert sheet.columns == ["ประทับเวลา", "ชื่อ-นามสกุล", "เพศ", "กิจกรรม"]
    assert [row.line for row in sheet.rows] == [2, 3]
    assert sheet.rows[1].values == ["15/10/2566, 9:13:01", "สมหญิง ใจงาม", "หญิง", "อบรมการทำปุ๋ย"]
    assert sheet.delimiter == delimiter


def test_a_quoted_cell_over_two_lines_keeps_the_line_its_row_starts_on(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text('วันที่,หมายเหตุ\n15/10/2566,"บรรทัดหนึ่ง\nบรรทัดสอง"\n\n16/10/2566,x\n', encoding="utf-8")
    sheet = read_sheet(path)
    assert [(row.line, row.values[0]) for row in sheet.rows] == [(2, "15/10/2566"), (5, "16/10/2566")]


def test_a_workbook_gives_dates_numbers_and_merged_cells_as_the_lecturer_sees_them(tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["ตัวชี้วัด", "วันที่", "ค่า", "หมายเหตุ"])
    ws.append(["รายได้ครัวเรือน", datetime(2023, 10, 15), 1234.5, "=SUM(1,2)"])
    ws.append([None, datetime(2023, 11, 15), 1300, None])
    ws.merge_cells("A2:A3")
    path = tmp_path / "m.xlsx"
    book.save(path)
    sheet = read_sheet(path)
    assert sheet.format == "xlsx"
    assert [row.line for row in sheet.rows] == [2, 3]
    assert sheet.rows[1].values[0] == "รายได้ครัวเรือน"  # the merged cell reads in both rows
    assert sheet.rows[0].values[1] == datetime(2023, 10, 15) and sheet.rows[0].values[2] == 1234.5
    assert sheet.rows[0].values[3] is None  # a formula without a cached value is not evaluated


@pytest.mark.parametrize("text, expected", [
    ("15/10/2566, 9:12:33", date(2023, 10, 15)),
    ("2023/10/15 9:12:33 AM GMT+7", date(2023, 10, 15)),
    ("2023-10-15T09:12:33.120+07:00", date(2023, 10, 15)),
    ("2023-10-14T20:00:00+00:00", date(2023, 10, 15)),  # 3 a.m. in Thailand
    ("๑๕/๑๐/๒๕๖๖", date(2023, 10, 15)),
    ("15 ต.ค. 2566", date(2023, 10, 15)),
    ("16/10/2566 10:00", date(2023, 10, 16)),
    ("2566-10-15", date(2023, 10, 15)),
])
def test_dates_as_forms_write_them(text, expected):
    assert read_day(text, "วันที่") == expected


def test_excel_day_numbers_and_date_cells():
    assert read_day(45214, "d") == date(2023, 10, 15)
    assert read_day(datetime(2023, 10, 15, 9, 0), "d") == date(2023, 10, 15)
    assert read_day(datetime(2023, 10, 14, 20, 0, tzinfo=UTC), "d") == date(2023, 10, 15)
    with pytest.raises(Exception) as refused:
        read_day(12, "d")
    assert refused.value.key == "sheet.row.date_serial"


@pytest.mark.parametrize("text", ["พรุ่งนี้", "32/10/2566", "10/2566", "2566", "13/13/2023"])
def test_a_date_that_is_not_a_day_is_refused_with_a_thai_reason(text):
    with pytest.raises(ValidationError) as refused:
        read_day(text, "วันที่")
    assert "วันที่" in refused.value.message("th") and "Traceback" not in refused.value.message("en")


def test_month_first_dates_are_recognised_from_the_whole_column():
    american = ["10/15/2023 9:12:33", "10/3/2023 9:00:00"]
    assert month_first(american)
    assert read_day(american[1], "d", month_first(american)) == date(2023, 10, 3)
    assert not month_first(["15/10/2566", "3/10/2566"])
    assert read_day("3/10/2566", "d", False) == date(2023, 10, 3)


def test_google_forms_and_kobo_headers_are_mapped():
    path_sheet = type("S", (), {})()
    path_sheet.columns = ["Timestamp", "ชื่อกิจกรรม", "ชื่อ-นามสกุล", "เพศ", "สถานที่"]
    assert guess_mapping(path_sheet, "attendance").columns == {0: "date", 1: "activity", 2: "name", 3: "group",
                                                               4: "place"}
    path_sheet.columns = ["start", "end", "today", "participant/gender", "participant/full_name", "_uuid"]
    mapping = guess_mapping(path_sheet, "attendance").columns
    assert mapping[2] == "date" and mapping[3] == "group" and mapping[4] == "name"
    path_sheet.columns = ["รหัสตัวชี้วัด", "วันที่วัด", "ค่าที่วัดได้", "หมายเหตุ"]
    assert guess_mapping(path_sheet, "measurements").columns == {0: "indicator", 1: "date", 2: "value", 3: "note"}


@pytest.mark.parametrize("columns, kind, key", [
    ({}, "attendance", "sheet.mapping_missing"),
    ({0: "indicator", 1: "date"}, "measurements", "sheet.mapping_missing"),
    ({0: "date", 5: "group"}, "attendance", "sheet.mapping_bad_column"),
    ({0: "date", 1: "dates"}, "attendance", "sheet.mapping_bad_target"),
    ({0: "date", 1: "date"}, "attendance", "sheet.mapping_twice"),
    ({0: "date", 1: "count:"}, "attendance", "sheet.mapping_bad_target"),
    ({0: "date"}, "payroll", "sheet.unknown_kind"),
])
def test_a_mapping_that_cannot_work_is_one_sentence(columns, kind, key):
    with pytest.raises(UserError) as refused:
        check_mapping(Mapping(columns), kind, 3)
    assert refused.value.key == key
    assert refused.value.message("th").endswith("ไม่มีการเปลี่ยนแปลงใด ๆ")


def test_hours_in_thailand_are_seven_ahead():
    assert read_day(datetime(2023, 10, 15, 16, 59, tzinfo=timezone(timedelta(0))), "d") == date(2023, 10, 15)
    assert read_day(datetime(2023, 10, 15, 17, 0, tzinfo=timezone(timedelta(0))), "d") == date(2023, 10, 16)
