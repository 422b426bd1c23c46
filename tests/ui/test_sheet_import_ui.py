"""The sheet-import window in the real window: a Google-Forms-style CSV of
attendance with two bad rows, one column mapped by its combo, the refused
lines listed with their reasons, imported and read back through the core;
measurements from a generated workbook; English too; hostile files (built
here) and refused mappings are one sentence and change nothing."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ent_portfolio.services import Services
from ent_portfolio.storage.portfolio import Portfolio
from ent_portfolio.ui.dialogs.sheet_import import SheetImportDialog
from ent_portfolio.ui.qt import QPushButton
from ent_portfolio.ui.thaiwrap import strip_hints
from ent_portfolio.ui.widgets.record_table import RecordTable
from tests.ui.test_file_menu import registered_key
from tests.unit.storage_cases import records_dump

SHOTS = Path("/tmp/shots18")
THAI = re.compile("[\u0e00-\u0e7f]")

#: A sign-in form's export: its session column is named so no header guess
#: takes it (the lecturer maps it), two rows are bad (line 5: the 32nd of
#: October; line 7: "tomorrow" is no date).
ATTENDANCE = (
    "ประทับเวลา,ชื่อ-นามสกุล,เพศ,รอบที่มา\n"
    '"15/10/2566, 9:12:33",สมชาย ใจดี,ชาย,อบรมการทำปุ๋ย\n'
    '"15/10/2566, 9:13:01",สมหญิง ใจงาม,หญิง,อบรมการทำปุ๋ย\n'
    '"2023/10/16 9:12:33 AM GMT+7",มานี มีนา,หญิง,ประชุมกลุ่มแปลงผัก\n'
    '"32/10/2566, 9:12:33",ปิติ,ชาย,อบรมการทำปุ๋ย\n'
    '"16/10/2566 10:00",ชูใจ,,ประชุมกลุ่มแปลงผัก\n'
    '"พรุ่งนี้",วีระ,ชาย,ประชุมกลุ่มแปลงผัก\n'
)


def _work_id(folder: Path) -> str:
    with Portfolio.open(folder, read_only=True) as p:
        return Services(p).works.list()[0].id


def _activities(folder: Path, work_id: str) -> dict[str, object]:
    with Portfolio.open(folder, read_only=True) as p:
        return {a.title: a for a in Services(p).activities.list(work_id=work_id)}


def _editor_activities(window, work_id: str) -> RecordTable:
    works = window.show_page("works")
    works.open_work(work_id)
    works.editor.open_tab("activities")
    return works.editor.tables["activities"]


def _settle(qtbot, dialog: SheetImportDialog) -> None:
    qtbot.waitUntil(lambda: dialog.job is None and dialog.import_job is None, timeout=30000)


def _open_with(qtbot, window, work_id: str, path: Path) -> SheetImportDialog:
    table = _editor_activities(window, work_id)
    button = table.sheet_import_button
    assert button.isVisibleTo(table)
    chosen = []
    dialog = button.open_dialog()
    dialog._choose_path = lambda *args: chosen.append(args[1]) or path  # the lecturer picks the file
    dialog.browse_button.click()
    assert chosen and dialog.path == path
    _settle(qtbot, dialog)
    return dialog


def _refused(dialog) -> list[str]:
    return [strip_hints(dialog.refused_list.item(i).text()) for i in range(dialog.refused_list.count())]


def _rows(dialog) -> list[list[str]]:
    table = dialog.rows_table
    return [[strip_hints(table.item(r, c).text()) for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def test_a_forms_csv_is_mapped_previewed_and_imported_in_thai(make_window, demo_dir, tmp_path, qtbot):
    csv = tmp_path / "ใบลงชื่อ.csv"
    csv.write_text(ATTENDANCE, encoding="utf-8-sig")
    window = make_window(demo_dir, "th")
    work_id = _work_id(demo_dir)
    before = set(_activities(demo_dir, work_id))
    dialog = _open_with(qtbot, window, work_id, csv)
    assert [c.currentData() for c in dialog.combos] == ["date", "name", "group", "ignore"]  # the headers' guess
    assert dialog.combos[0].currentText() == "วันที่"
    # Without the session column every row is one activity named after the file.
    assert [r[2] for r in _rows(dialog)] == ["ใบลงชื่อ", "ใบลงชื่อ"]
    dialog.set_target(3, "activity")  # the lecturer says what "รอบที่มา" holds
    _settle(qtbot, dialog)
    assert dialog.mapping.columns == {0: "date", 1: "name", 2: "group", 3: "activity"}
    assert _rows(dialog) == [["2, 3", "15 ต.ค. 2566", "อบรมการทำปุ๋ย", "2 (ชาย 1, หญิง 1)"],
                             ["4, 6", "16 ต.ค. 2566", "ประชุมกลุ่มแปลงผัก", "2 (หญิง 1)"]]
    refused = _refused(dialog)
    assert [r.split(":")[0] for r in refused] == ["แถวที่ 5", "แถวที่ 7"]
    assert "พรุ่งนี้" in refused[1]
    assert strip_hints(dialog.summary_label.text()) == "จะสร้าง 2 รายการ จากข้อมูล 4 แถวในตาราง"
    assert strip_hints(dialog.refused_label.text()) == "แถวที่ไม่นำเข้า 2 แถว:"
    assert not dialog.keep_names_box.isChecked() and "ข้อมูลส่วนบุคคล" in dialog.names_note.text()
    SHOTS.mkdir(exist_ok=True)
    dialog.resize(1100, 700)
    dialog.grab().save(str(SHOTS / "sheet-import-th.png"))

    dialog.import_button.click()
    _settle(qtbot, dialog)
    assert strip_hints(dialog.status_label.text()) == "สร้าง 2 รายการ, ปฏิเสธ 2 แถว"
    assert not dialog.import_button.isEnabled()  # not twice
    made = _activities(demo_dir, work_id)
    assert set(made) - before == {"อบรมการทำปุ๋ย", "ประชุมกลุ่มแปลงผัก"}
    assert made["อบรมการทำปุ๋ย"].date == date(2023, 10, 15) and made["อบรมการทำปุ๋ย"].participants_total == 2
    assert made["อบรมการทำปุ๋ย"].participant_groups == {"ชาย": 1, "หญิง": 1}
    assert made["ประชุมกลุ่มแปลงผัก"].date == date(2023, 10, 16)
    assert "สมชาย" not in "\n".join(records_dump(demo_dir))  # names are not kept unless asked
    table = _editor_activities(window, work_id)
    shown = [table.table.item(r, 2).text() for r in range(table.table.rowCount())]
    assert "อบรมการทำปุ๋ย" in shown and "ประชุมกลุ่มแปลงผัก" in shown  # the work's table followed
    dialog.grab().save(str(SHOTS / "sheet-import-done-th.png"))


def test_the_same_sheet_in_english(make_window, demo_dir, tmp_path, qtbot):
    csv = tmp_path / "signin.csv"
    csv.write_text(ATTENDANCE, encoding="utf-8")
    window = make_window(demo_dir, "en")
    work_id = _work_id(demo_dir)
    dialog = _open_with(qtbot, window, work_id, csv)
    dialog.set_target(3, "activity")
    _settle(qtbot, dialog)
    assert [r.split(":")[0] for r in _refused(dialog)] == ["Row 5", "Row 7"]
    assert _rows(dialog)[0][1] == "15 Oct 2023"
    assert strip_hints(dialog.summary_label.text()) == "2 records will be made from 4 rows of the sheet."
    from visible_texts import texts_of

    data = set(ATTENDANCE.replace("\n", ",").split(",")) | {"อบรมการทำปุ๋ย", "ประชุมกลุ่มแปลงผัก", "ไทย"}
    chrome = [t for _w, t in texts_of(dialog) if THAI.search(strip_hints(t))
              and not any(d and d in strip_hints(t) for d in data)]
    assert chrome == []
    dialog.grab().save(str(SHOTS / "sheet-import-en.png"))
    dialog.import_button.click()
    _settle(qtbot, dialog)
    assert strip_hints(dialog.status_label.text()) == "Made 2 record(s), refused 2 row(s)."
    assert {"อบรมการทำปุ๋ย", "ประชุมกลุ่มแปลงผัก"} <= set(_activities(demo_dir, work_id))
    button = _editor_activities(window, work_id).sheet_import_button
    assert button.text() == "Import from a spreadsheet (Excel/CSV)…"
    window.set_language("th")
    qtbot.waitUntil(lambda: button.text() == "นำเข้าจากตาราง (Excel/CSV)…")


def test_names_are_kept_only_when_the_box_is_ticked(make_window, demo_dir, tmp_path, qtbot):
    csv = tmp_path / "ลงชื่อ.csv"
    csv.write_text(ATTENDANCE, encoding="utf-8")
    window = make_window(demo_dir, "th")
    work_id = _work_id(demo_dir)
    dialog = _open_with(qtbot, window, work_id, csv)
    dialog.set_target(3, "activity")
    _settle(qtbot, dialog)
    dialog.keep_names_box.setChecked(True)
    dialog.import_button.click()
    _settle(qtbot, dialog)
    assert "สมชาย ใจดี" in _activities(demo_dir, work_id)["อบรมการทำปุ๋ย"].notes


def test_measurements_from_a_workbook(make_window, demo_dir, tmp_path, qtbot):
    with Portfolio.open(demo_dir, read_only=True) as p:
        services = Services(p)
        work_id = services.works.list()[0].id
        indicator = services.indicators.list(work_id=work_id)[0]
        known = {m.id for m in services.measurements.list(indicator_id=indicator.id)}
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["ตัวชี้วัด", "วันที่เก็บ", "ค่า", "หมายเหตุ"])
    sheet.append([1, date(2024, 3, 1), 41.5, "รอบแรก"])
    sheet.append([1, "1/6/2567", 47, ""])
    sheet.append([1, "วันไหนก็ได้", 50, ""])  # line 4: not a date
    sheet.append([99, date(2024, 7, 1), 3, ""])  # line 5: no such indicator
    path = tmp_path / "ผลการวัด.xlsx"
    book.save(path)
    window = make_window(demo_dir, "th")
    table = _editor_activities(window, work_id)
    dialog = table.sheet_import_button.open_dialog()
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("measurements"))
    assert not dialog.keep_names_box.isVisibleTo(dialog)  # no names in measurements
    dialog.set_file(path)
    _settle(qtbot, dialog)
    assert [c.currentData() for c in dialog.combos] == ["indicator", "date", "value", "note"]
    assert [r.split(":")[0] for r in _refused(dialog)] == ["แถวที่ 4", "แถวที่ 5"]
    assert [r[1:] for r in _rows(dialog)] == [["1 มี.ค. 2567", indicator.name_th, "41.5"],
                                              ["1 มิ.ย. 2567", indicator.name_th, "47"]]
    dialog.import_button.click()
    _settle(qtbot, dialog)
    assert strip_hints(dialog.status_label.text()) == "สร้าง 2 รายการ, ปฏิเสธ 2 แถว"
    with Portfolio.open(demo_dir, read_only=True) as p:
        new = [m for m in Services(p).measurements.list(indicator_id=indicator.id) if m.id not in known]
    assert sorted((m.date, Decimal(m.value)) for m in new) == [(date(2024, 3, 1), Decimal("41.5")),
                                                               (date(2024, 6, 1), Decimal("47"))]


@pytest.mark.parametrize("lang", ["th", "en"])
def test_a_mapping_without_a_date_is_refused_in_words_and_imports_nothing(make_window, demo_dir, tmp_path, qtbot,
                                                                         lang):
    csv = tmp_path / "a.csv"
    csv.write_text(ATTENDANCE, encoding="utf-8")
    window = make_window(demo_dir, lang)
    dialog = _open_with(qtbot, window, _work_id(demo_dir), csv)
    before = records_dump(demo_dir)
    dialog.set_target(0, "ignore")
    _settle(qtbot, dialog)
    sentence = strip_hints(dialog.status_label.text())
    assert registered_key(sentence, lang) == "sheet.mapping_missing"
    assert not dialog.import_button.isEnabled() and dialog.rows_table.rowCount() == 0
    assert dialog.start_import() is None
    dialog.set_target(1, "group")  # two columns the same: refused too
    _settle(qtbot, dialog)
    assert registered_key(strip_hints(dialog.status_label.text()), lang) == "sheet.mapping_twice"
    dialog.set_target(0, "date")
    _settle(qtbot, dialog)
    assert registered_key(strip_hints(dialog.status_label.text()), lang) == "sheet.mapping_twice"
    assert records_dump(demo_dir) == before


def _hostile(kind: str, tmp_path: Path) -> Path:
    """Files a lecturer might be sent instead of a sheet, built here."""
    path = tmp_path / f"hostile-{kind}"
    if kind == "missing":
        return tmp_path / "ไม่มี.csv"
    if kind == "folder":
        path = tmp_path / "โฟลเดอร์.csv"
        path.mkdir()
    elif kind == "link":
        real = tmp_path / "real.csv"
        real.write_text(ATTENDANCE, encoding="utf-8")
        path = tmp_path / "link.csv"
        path.symlink_to(real)
    elif kind == "not a workbook":
        path = tmp_path / "fake.xlsx"
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    elif kind == "zip without a sheet":
        path = tmp_path / "empty.xlsx"
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("hello.txt", "สวัสดี")
    elif kind == "empty":
        path = tmp_path / "empty.csv"
        path.write_bytes(b"")
    elif kind == "binary csv":
        path = tmp_path / "noise.csv"
        path.write_bytes(b"\x00\xff\xfe" * 500)
    elif kind == "huge":
        path = tmp_path / "huge.csv"
        with path.open("wb") as out:
            out.truncate(21 * 2**20)
    return path


HOSTILE = ["missing", "folder", "link", "not a workbook", "zip without a sheet", "empty", "binary csv", "huge"]


@pytest.mark.parametrize("kind", HOSTILE)
@pytest.mark.parametrize("lang", ["th", "en"])
def test_a_hostile_file_is_one_sentence_and_changes_nothing(make_window, demo_dir, tmp_path, qtbot, kind, lang):
    window = make_window(demo_dir, lang)
    work_id = _work_id(demo_dir)
    path = _hostile(kind, tmp_path)
    before = records_dump(demo_dir)
    dialog = _open_with(qtbot, window, work_id, path)
    sentence = strip_hints(dialog.status_label.text())
    assert dialog.error is not None and dialog.preview is None
    assert registered_key(sentence, lang) is not None, sentence
    assert "Traceback" not in sentence
    assert not dialog.import_button.isEnabled() and dialog.start_import() is None
    assert records_dump(demo_dir) == before


@pytest.fixture
def one_dialog(make_window, demo_dir, qtbot):
    window = make_window(demo_dir, "th")
    work_id = _work_id(demo_dir)
    return _editor_activities(window, work_id).sheet_import_button.open_dialog(), demo_dir


_CELL = st.one_of(st.text(max_size=12), st.integers(-5, 40000).map(str),
                  st.sampled_from(["15/10/2566", "2023-10-16", "-3", "๑๕/๑๐/๒๕๖๖", "=1+1", '"', "\r"]))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(_CELL, min_size=1, max_size=5), min_size=1, max_size=8))
def test_any_csv_is_a_preview_or_one_sentence_never_a_traceback(one_dialog, qtbot, tmp_path_factory, rows):
    dialog, folder = one_dialog
    before = records_dump(folder)
    path = tmp_path_factory.mktemp("csv") / "form.csv"
    path.write_text("\n".join(",".join(row) for row in rows), encoding="utf-8", newline="")
    dialog.set_file(path)
    _settle(qtbot, dialog)
    if dialog.preview is None:
        assert registered_key(strip_hints(dialog.status_label.text())) is not None, dialog.error
    else:
        assert dialog.rows_table.rowCount() == len(dialog.preview.rows)
        assert dialog.refused_list.count() == len(dialog.preview.refused)
        assert dialog.import_button.isEnabled() == bool(dialog.preview.rows)
    assert records_dump(folder) == before  # a preview writes nothing


def test_cancelling_the_import_writes_nothing(make_window, demo_dir, tmp_path, qtbot):
    csv = tmp_path / "a.csv"
    csv.write_text(ATTENDANCE, encoding="utf-8")
    window = make_window(demo_dir, "th")
    dialog = _open_with(qtbot, window, _work_id(demo_dir), csv)
    before = records_dump(demo_dir)
    job = dialog.start_import()
    progress = dialog.progress_dialog
    job.progress.connect(lambda *_: job.cancel_token.cancelled or progress.findChild(QPushButton).click())
    _settle(qtbot, dialog)
    assert strip_hints(dialog.status_label.text()) == \
        "ยกเลิกการนำเข้าแล้ว ไม่มีข้อมูลใดถูกนำเข้า — ไม่มีการเปลี่ยนแปลงใด ๆ"
    assert records_dump(demo_dir) == before
    assert dialog.import_button.isEnabled()  # it may be tried again
