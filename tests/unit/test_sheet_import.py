"""Importing a sheet into a work: attendance counted into activities (names
kept only when asked), measurements matched to the work's indicators, bad
rows refused by line and the rest written in one transaction; a property
test over mixed rows; a cancel or a failure leaves the database as it was."""

from __future__ import annotations

import threading
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ent_portfolio.errors import NotFoundError, UserError
from ent_portfolio.jobs import Cancelled, CancelToken
from ent_portfolio.office.sheets import Mapping
from ent_portfolio.services.sheet_import import import_sheet, preview_sheet
from tests.unit.storage_cases import records_dump

ATTENDANCE = (
    "ประทับเวลา,ชื่อ-นามสกุล,เพศ,กิจกรรม\n"
    '"15/10/2566, 9:12:33",สมชาย ใจดี,ชาย,อบรมการทำปุ๋ย\n'
    '"15/10/2566, 9:13:01",สมหญิง ใจงาม,หญิง,อบรมการทำปุ๋ย\n'
    '"2023/10/16 9:12:33 AM GMT+7",มานี มีนา,หญิง,ประชุมกลุ่ม\n'
    '"32/10/2566, 9:12:33",ปิติ,ชาย,อบรมการทำปุ๋ย\n'
    '"16/10/2566 10:00",ชูใจ,,ประชุมกลุ่ม\n'
    '"พรุ่งนี้",วีระ,ชาย,ประชุมกลุ่ม\n'
)


@pytest.fixture
def work(services):
    return services.works.create(title_th="ปุ๋ยอินทรีย์บ้านแม่ทา")


def write(tmp_path, text, name="responses.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_google_forms_sheet_becomes_activities_with_counts_and_no_names(portfolio, services, work, tmp_path):
    path = write(tmp_path, ATTENDANCE)
    preview = preview_sheet(portfolio, work.id, path, "attendance")
    assert preview.columns[0] == "ประทับเวลา" and preview.mapping.columns[0] == "date"
    assert [r.describe("en") for r in preview.rows] == [
        "2023-10-15 “อบรมการทำปุ๋ย”: 2 people (ชาย 1, หญิง 1)",
        "2023-10-16 “ประชุมกลุ่ม”: 2 people (หญิง 1)",
    ]
    assert [(r.line, r.key) for r in preview.refused] == [(5, "error.date_field"), (7, "error.date_field")]
    assert preview.refused[0].message("th").startswith("แถวที่ 5: ")
    assert preview.refused[1].message("en").startswith("Row 7: ") and "พรุ่งนี้" in preview.refused[1].message("en")
    assert services.activities.list(work_id=work.id) == []  # a preview writes nothing

    result = import_sheet(portfolio, work.id, path, "attendance")
    assert (result.created, result.rows_used, len(result.refused), result.rows_read) == (2, 4, 2, 6)
    made = {a.title: a for a in services.activities.list(work_id=work.id)}
    assert made["อบรมการทำปุ๋ย"].date == date(2023, 10, 15)
    assert made["อบรมการทำปุ๋ย"].participants_total == 2
    assert made["อบรมการทำปุ๋ย"].participant_groups == {"ชาย": 1, "หญิง": 1}
    assert made["ประชุมกลุ่ม"].participants_total == 2 and made["ประชุมกลุ่ม"].participant_groups == {"หญิง": 1}
    assert all("สมชาย" not in (a.notes or "") for a in made.values())
    assert "สมชาย" not in "\n".join(records_dump(portfolio.folder))


def test_names_are_kept_in_the_notes_only_when_asked(portfolio, services, work, tmp_path):
    path = write(tmp_path, ATTENDANCE)
    import_sheet(portfolio, work.id, path, "attendance", keep_names=True)
    made = {a.title: a for a in services.activities.list(work_id=work.id)}
    assert made["อบรมการทำปุ๋ย"].notes.splitlines() == [
        "รายชื่อผู้เข้าร่วม (นำเข้าจากไฟล์ responses.csv)", "สมชาย ใจดี", "สมหญิง ใจงาม"]


def test_an_activity_without_counts_is_filled_and_one_with_counts_is_not_counted_twice(
        portfolio, services, work, tmp_path):
    blank = services.activities.create(work_id=work.id, date="2023-10-15", title="อบรมการทำปุ๋ย ", notes="ของเดิม")
    path = write(tmp_path, ATTENDANCE)
    first = import_sheet(portfolio, work.id, path, "attendance")
    assert first.activity_ids[0] == blank.id
    assert services.activities.get(blank.id).participants_total == 2
    assert services.activities.get(blank.id).notes == "ของเดิม"
    assert len(services.activities.list(work_id=work.id)) == 2
    before = records_dump(portfolio.folder)
    again = import_sheet(portfolio, work.id, path, "attendance")
    assert again.created == 0
    assert {r.key for r in again.refused} == {"sheet.row.already_counted", "error.date_field"}
    assert len(again.refused) == 6
    assert records_dump(portfolio.folder) == before


def test_count_columns_and_a_total_per_row(portfolio, services, work, tmp_path):
    text = ("วันที่,กิจกรรม,หญิง,ชาย,รวม\n"
            "15/10/2566,เวทีประชาคม,๑๒,10,22\n"
            "15/10/2566,เวทีประชาคม,3,-1,2\n"
            "16/10/2566,เวทีประชาคม,x,1,1\n"
            "17/10/2566,เวทีประชาคม,1,1,\n")
    mapping = Mapping({0: "date", 1: "activity", 2: "count:หญิง", 3: "count:ชาย"})
    result = import_sheet(portfolio, work.id, write(tmp_path, text), "attendance", mapping)
    assert [(r.line, r.key) for r in result.refused] == [(3, "error.number_below_minimum"),
                                                         (4, "error.number_not_a_number")]
    assert "ชาย" in result.refused[0].message("en")
    made = sorted(services.activities.list(work_id=work.id), key=lambda a: a.date)
    assert [(a.participants_total, a.participant_groups) for a in made] == [
        (22, {"หญิง": 12, "ชาย": 10}), (2, {"หญิง": 1, "ชาย": 1})]


def _indicators(services, work):
    first = services.indicators.create(work_id=work.id, name_th="รายได้ครัวเรือน", name_en="Household income")
    second = services.indicators.create(work_id=work.id, name_th="ผู้ใช้ปุ๋ยอินทรีย์", sort_order=1)
    return first, second


def test_a_workbook_of_measurements_matches_indicators_by_name_or_number(portfolio, services, work, tmp_path):
    income, users = _indicators(services, work)
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["ตัวชี้วัด", "วันที่", "ค่า", "หมายเหตุ"])
    ws.append(["รายได้ครัวเรือน", date(2023, 10, 15), 1234.5, "สำรวจ 30 ครัวเรือน"])
    ws.append(["household income", "15/11/2566", "1,300.25", None])
    ws.append(["2", "๑๕/๑๐/๒๕๖๖", "๔๒", None])
    ws.append(["ตัวชี้วัดที่ไม่มี", "15/10/2566", 5, None])
    ws.append(["รายได้ครัวเรือน", "15/10/2566", "สูง", None])
    ws.append(["รายได้ครัวเรือน", "ไม่ทราบ", 5, None])
    ws.append(["รายได้ครัวเรือน", "16/10/2566", None, "ว่าง"])
    ws.append(["=cmd|' /C calc'!A0", "16/10/2566", 1, None])
    path = tmp_path / "ผลการวัด.xlsx"
    book.save(path)
    result = import_sheet(portfolio, work.id, path, "measurements")
    assert [(r.line, r.key) for r in result.refused] == [
        (5, "sheet.row.unknown_indicator"), (6, "error.number_not_a_number"), (7, "error.date_field"),
        (8, "sheet.row.empty"), (9, "sheet.row.empty")]  # a formula's value is never worked out
    assert result.created == 3
    values = [(mm.date, mm.value, mm.note, mm.source) for mm in services.indicators.measurements(income.id)]
    assert values == [(date(2023, 10, 15), Decimal("1234.5"), "สำรวจ 30 ครัวเรือน", "ผลการวัด.xlsx"),
                      (date(2023, 11, 15), Decimal("1300.25"), "", "ผลการวัด.xlsx")]
    assert [mm.value for mm in services.indicators.measurements(users.id)] == [Decimal(42)]
    again = import_sheet(portfolio, work.id, path, "measurements")
    assert again.created == 0 and sum(r.key == "sheet.row.already_recorded" for r in again.refused) == 3


def test_an_unknown_work_is_one_sentence(portfolio, tmp_path):
    path = write(tmp_path, ATTENDANCE)
    for call in (preview_sheet, import_sheet):
        with pytest.raises(NotFoundError) as refused:
            call(portfolio, "00000000-0000-0000-0000-000000000000", path, "attendance")
        assert "00000000" in refused.value.message("th")


def test_a_cancel_leaves_the_database_as_it_was(portfolio, work, tmp_path):
    path = write(tmp_path, ATTENDANCE)
    before = records_dump(portfolio.folder)
    token = CancelToken()
    calls = []

    def progress(done, total):
        calls.append(done)
        token.cancel()

    with pytest.raises(Cancelled):
        import_sheet(portfolio, work.id, path, "attendance", progress=progress, cancel=token)
    assert calls == [1]
    assert records_dump(portfolio.folder) == before


def test_a_failure_half_way_leaves_the_database_as_it_was(portfolio, work, tmp_path, monkeypatch):
    from ent_portfolio.services import sheet_import

    path = write(tmp_path, ATTENDANCE)
    before = records_dump(portfolio.folder)
    real = sheet_import._activity
    made = []

    def fail_second(*args, **kwargs):
        if made:
            raise OSError(28, "No space left on device")
        made.append(real(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(sheet_import, "_activity", fail_second)
    with pytest.raises(UserError) as refused:
        import_sheet(portfolio, work.id, path, "attendance")
    assert refused.value.key == "error.disk_full"
    assert records_dump(portfolio.folder) == before


_good_dates = st.dates(date(1990, 1, 1), date(2100, 12, 31)).map(
    lambda d: f"{d.day}/{d.month}/{d.year + 543}")
_bad_dates = st.sampled_from(["", "31/2/2566", "พรุ่งนี้", "13/13/2566", "0/1/2566", "2566"])
_rows = st.lists(st.tuples(st.one_of(_good_dates, _bad_dates), st.sampled_from(["อบรม", "ประชุม", ""]),
                           st.sampled_from(["หญิง", "ชาย", ""])), min_size=1, max_size=30)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=_rows)
def test_every_row_is_either_counted_or_refused_and_a_refused_sheet_changes_nothing(
        portfolio, services, work, tmp_path_factory, rows):
    folder = tmp_path_factory.mktemp("sheet")
    lines = ["วันที่,กิจกรรม,เพศ"] + [f"{d},{t},{g}" for d, t, g in rows]
    path = write(folder, "\n".join(lines) + "\n")
    before = records_dump(portfolio.folder)
    count_before = len(services.activities.list(work_id=work.id))
    try:
        result = import_sheet(portfolio, work.id, path, "attendance")
    except UserError as refused:  # every row blank in some way the reader drops
        assert refused.key in ("sheet.header_only", "sheet.empty")
        assert records_dump(portfolio.folder) == before
        return
    filled = [row for row in rows if any(row)]  # a wholly blank line is no row of data
    assert result.rows_used + len(result.refused) == result.rows_read == len(filled)
    assert {r.line for r in result.refused}.isdisjoint(
        {line for record in result.records for line in record.lines})
    assert len(services.activities.list(work_id=work.id)) - count_before == sum(
        1 for record in result.records if not record.existing_id)
    if result.created == 0:
        assert records_dump(portfolio.folder) == before


def test_the_import_runs_in_a_worker_thread(portfolio, services, work, tmp_path):
    path = write(tmp_path, ATTENDANCE)
    outcome = {}
    thread = threading.Thread(target=lambda: outcome.setdefault("r", import_sheet(portfolio, work.id, path,
                                                                                   "attendance")))
    thread.start()
    thread.join(60)
    assert outcome["r"].created == 2
