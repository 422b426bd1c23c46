"""Dates and years typed into the windows as Thai people type them.

The date and the year editors take typed text (``15/10/2566``,
``15 ต.ค. 2566``, ``2566``), show it in the Buddhist era in Thai, and say
under the field when what was typed is not a date, keeping it for
correcting; the work's period is kept with its precision."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from ent_portfolio.ui.widgets.fields import DateEdit, YearEdit

SHOTS = Path("/tmp/shots14")


def _type(qtbot, widget, text: str) -> None:
    """Type ``text`` and press Enter: key clicks for ASCII, key events
    carrying the character for Thai (QTest.keyClicks sends ASCII only)."""
    line = widget.text_edit
    line.setFocus()
    line.selectAll()
    if text.isascii():
        qtbot.keyClicks(line, text)
    else:
        for ch in text:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(line, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
    qtbot.keyClick(line, Qt.Key.Key_Return)


@pytest.mark.parametrize(("typed", "stored", "shown"), [
    ("15/10/2566", dt.date(2023, 10, 15), "15 ต.ค. 2566"),
    ("15 ต.ค. 2566", dt.date(2023, 10, 15), "15 ต.ค. 2566"),
    ("15 ตุลาคม 2566", dt.date(2023, 10, 15), "15 ต.ค. 2566"),
    ("2023-10-15", dt.date(2023, 10, 15), "15 ต.ค. 2566"),
    ("๑๕/๑๐/๒๕๖๖", dt.date(2023, 10, 15), "15 ต.ค. 2566"),
])
def test_a_typed_date_is_stored_and_shown_in_the_buddhist_era(qtbot, typed, stored, shown):
    edit = DateEdit(lang="th")
    qtbot.addWidget(edit)
    changes = []
    edit.changed.connect(lambda: changes.append(edit.date()))
    _type(qtbot, edit, typed)
    assert edit.date() == stored and changes == [stored]
    assert edit.text_edit.text() == shown and edit.problem_text() == ""


def test_english_takes_common_era_and_shows_it(qtbot):
    edit = DateEdit(lang="en")
    qtbot.addWidget(edit)
    _type(qtbot, edit, "15/10/2023")
    assert edit.date() == dt.date(2023, 10, 15) and edit.text_edit.text() == "15 Oct 2023"
    edit.set_language("th")
    assert edit.text_edit.text() == "15 ต.ค. 2566"


@pytest.mark.parametrize(("typed", "words"), [
    ("31/02/2566", "ไม่มีวันที่ 31"),
    ("15/13/2566", "ไม่มีเดือนที่ 13"),
    ("พรุ่งนี้", "อ่าน “พรุ่งนี้” เป็นวันที่ไม่ได้"),
    ("ต.ค. 2566", "ต้องระบุวันด้วย"),  # this column keeps a day
])
def test_what_is_not_a_date_is_said_under_the_field_and_kept(qtbot, typed, words):
    edit = DateEdit(lang="th")
    qtbot.addWidget(edit)
    edit.show()
    edit.set_date(dt.date(2024, 1, 5))
    changes = []
    edit.changed.connect(lambda: changes.append(True))
    _type(qtbot, edit, typed)
    assert words in edit.problem_text() and edit.problem.isVisible()
    assert edit.text_edit.text() == typed  # not reverted behind the lecturer's back
    assert edit.date() == dt.date(2024, 1, 5) and changes == []  # nothing changed
    _type(qtbot, edit, "5/2/2567")
    assert edit.problem_text() == "" and edit.date() == dt.date(2024, 2, 5) and changes == [True]


def test_an_english_window_says_it_in_english(qtbot):
    edit = DateEdit(lang="en")
    qtbot.addWidget(edit)
    _type(qtbot, edit, "31/02/2023")
    assert edit.problem_text() == "February 2023 has no day 31. Nothing was changed."


def test_arrow_keys_still_step_the_date(qtbot):
    edit = DateEdit(lang="th")
    qtbot.addWidget(edit)
    edit.set_date(dt.date(2023, 12, 31))
    qtbot.keyClick(edit.text_edit, Qt.Key.Key_Up)
    assert edit.date() == dt.date(2024, 1, 1) and edit.text_edit.text() == "1 ม.ค. 2567"


@pytest.mark.parametrize(("stored_era", "typed", "stored"), [
    ("ce", "2566", 2023), ("ce", "2023", 2023), ("ce", "พ.ศ. 2566", 2023), ("be", "2566", 2566), ("be", "2023", 2566),
])
def test_a_year_field_takes_a_typed_year_and_keeps_its_columns_era(qtbot, stored_era, typed, stored):
    edit = YearEdit(lang="th", stored_era=stored_era)
    qtbot.addWidget(edit)
    assert edit.year() is None and edit.text_edit.text() == ""  # empty, no "—" in the way of typing
    _type(qtbot, edit, typed)
    assert edit.year() == stored and edit.text_edit.text() == "2566"
    edit.set_language("en")
    assert edit.text_edit.text() == "2023" and edit.year() == stored


def test_a_year_field_refuses_a_day_with_a_sentence(qtbot):
    edit = YearEdit(lang="th")
    qtbot.addWidget(edit)
    _type(qtbot, edit, "15/10/2566")
    assert "เฉพาะปี" in edit.problem_text() and edit.year() is None


def test_the_period_is_typed_in_months_and_saved_with_its_precision(make_window, demo_dir, qtbot):
    window = make_window(demo_dir, "th")
    services = window.context.services
    work = services.works.list()[0]
    view = window.show_page("works")
    view.open_work(work.id)
    editor = view.editor
    start, end = editor.fields["start_date"], editor.fields["end_date"]
    _type(qtbot, start, "มิ.ย. 2566")
    _type(qtbot, end, "พ.ค. 2567")
    assert start.precision_box.currentText() == "เดือน" and end.precision_box.currentData() == "month"
    editor.save_now()
    stored = services.works.get(work.id)
    assert (stored.start_date, stored.start_precision) == (dt.date(2023, 6, 1), "month")
    assert (stored.end_date, stored.end_precision) == (dt.date(2024, 5, 31), "month")  # the month's last day
    assert start.text_edit.text() == "มิ.ย. 2566" and end.text_edit.text() == "พ.ค. 2567"
    # a year alone, picked from the choice, stays a year
    end.precision_box.setCurrentIndex(end.precision_box.findData("year"))
    editor.save_now()
    stored = services.works.get(work.id)
    assert (stored.end_date, stored.end_precision) == (dt.date(2024, 12, 31), "year")
    assert end.text_edit.text() == "2567"
    # undo gives the month back
    window.act_undo.trigger()
    assert services.works.get(work.id).end_precision == "month" and end.text_edit.text() == "พ.ค. 2567"
    # a day typed where the precision was a month makes it a day again
    _type(qtbot, end, "30/9/2567")
    editor.save_now()
    stored = services.works.get(work.id)
    assert (stored.end_date, stored.end_precision) == (dt.date(2024, 9, 30), "day")
    # what is not a date is said under it, in Thai, and nothing is saved
    _type(qtbot, start, "31/02/2566")
    editor.save_now()
    assert "ไม่มีวันที่ 31" in start.problem_text()
    assert services.works.get(work.id).start_date == dt.date(2023, 6, 1)
    SHOTS.mkdir(parents=True, exist_ok=True)
    editor.tabs.setCurrentIndex(0)
    qtbot.wait(50)
    editor.tabs.grab().save(str(SHOTS / "work_editor_period_th.png"))
    _type(qtbot, start, "มิ.ย. 2566")
    window.act_english.trigger()
    qtbot.wait(50)
    assert start.text_edit.text() == "Jun 2023" and end.text_edit.text() == "30 Sep 2024"
    assert end.precision_box.currentText() == "Day" and start.text_edit.placeholderText().startswith("e.g.")
    editor.tabs.grab().save(str(SHOTS / "work_editor_period_en.png"))


class _LineOf:
    """An EraDateEdit's line, in the shape ``_type`` types into."""

    def __init__(self, edit) -> None:
        self.text_edit = edit.lineEdit()


@pytest.mark.parametrize(("lang", "typed", "stored"), [
    ("th", "15/10/2566", QDate(2023, 10, 15)),
    ("th", "15 ต.ค. 2566", QDate(2023, 10, 15)),
    ("en", "2023-10-15", QDate(2023, 10, 15)),
])
def test_the_evidence_date_editor_reads_what_the_forms_read(qtbot, lang, typed, stored):
    from ent_portfolio.ui.widgets.evidence_date import EraDateEdit

    edit = EraDateEdit(lang)
    qtbot.addWidget(edit)
    edit.setDate(QDate(2025, 3, 12))
    _type(qtbot, _LineOf(edit), typed)
    edit.interpretText()
    assert edit.date() == stored and edit.problem == ""


@pytest.mark.parametrize(("typed", "words"), [("31/02/2566", "ไม่มีวันที่ 31"), ("ต.ค. 2566", "ต้องเป็นวันที่")])
def test_the_evidence_date_editor_says_why_before_keeping_the_old_date(qtbot, typed, words):
    from ent_portfolio.ui.widgets.evidence_date import EraDateEdit

    edit = EraDateEdit("th")
    qtbot.addWidget(edit)
    edit.setDate(QDate(2025, 3, 12))
    _type(qtbot, _LineOf(edit), typed)
    assert words in edit.problem
    edit.interpretText()
    assert edit.date() == QDate(2025, 3, 12)



def test_the_works_list_shows_a_period_no_more_precisely_than_it_was_typed(make_window, demo_dir, qtbot):
    from ent_portfolio.ui.models.works_model import ID_ROLE

    window = make_window(demo_dir, "th")
    services = window.context.services
    work = services.works.list()[0]
    services.works.update(work.id, start_date=dt.date(2023, 1, 1), start_precision="year",
                          end_date=dt.date(2023, 12, 31), end_precision="year")
    view = window.show_page("works")
    view.reload()
    model = view.model
    [row] = [r for r in range(model.rowCount()) if model.index(r, 0).data(ID_ROLE) == work.id]
    assert model.index(row, 3).data() == "2566"
    services.works.update(work.id, start_date=dt.date(2023, 6, 1), start_precision="month",
                          end_date=dt.date(2024, 5, 31), end_precision="month")
    view.reload()
    assert model.index(row, 3).data() == "มิถุนายน 2566 – พฤษภาคม 2567"


def test_a_funding_year_is_typed_in_the_buddhist_era(make_window, demo_dir, qtbot):
    from ent_portfolio.ui.views.work_tables import work_record_tables

    window = make_window(demo_dir, "th")
    tables = work_record_tables(window.context, lambda _id: "")
    from ent_portfolio.ui.forms.kinds import KINDS

    [spec] = [f for f in tables["fundings"].specs if f.name == "fiscal_year"]
    kind = KINDS[spec.kind]
    editor = kind.make(spec, "th")
    qtbot.addWidget(editor)
    _type(qtbot, editor, "2566")
    assert kind.read(editor) == 2566  # a grant letter's fiscal year, kept in the Buddhist era
