"""The applicant's profile page: edited through its widgets, saved as typed,
degrees added and deleted, a bad ORCID refused with a message."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ent_portfolio.services import Services
from ent_portfolio.storage.portfolio import Portfolio
from ent_portfolio.ui.views.profile import normalise_orcid, orcid_problem


def type_text(widget, text):
    """Type ``text`` as key presses (Thai too: QTest.keyClicks is ASCII only)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def _read_profile(folder):
    with Portfolio.open(folder) as p:
        s = Services(p)
        prof = s.profile.current()
        return prof, s.degrees.list(profile_id=prof.id)


def _close(window):
    window.close()
    window.context.portfolio.close()
    window.context.portfolio = None
    window.context.services = None


def test_orcid_checks():
    assert orcid_problem("") is None
    assert orcid_problem("0000-0002-1825-0097") is None
    assert orcid_problem("https://orcid.org/0000-0002-1694-233x") is None
    assert normalise_orcid("https://orcid.org/0000-0002-1694-233x") == "0000-0002-1694-233X"
    assert normalise_orcid("0000 0002 1825 0097") == "0000-0002-1825-0097"
    assert orcid_problem("0000-0002-1825") == "format"
    assert orcid_problem("0000-0002-1825-0098") == "checksum"


def test_profile_page_is_in_the_sidebar_and_opens_on_the_demo(make_window, demo_dir):
    window = make_window(demo_dir, "th")
    labels = [window.sidebar.item(n).text() for n in range(window.sidebar.count())]
    assert labels[-1] == "ข้อมูลผู้ขอ"
    view = window.show_page("profile")
    assert view.widgets["name_th"].text() == "กนกวรรณ ศรีวงศ์"
    # the demo stores years of graduation in CE; the Thai table shows พ.ศ.
    years = [view.degrees.table.item(r, 4).text() for r in range(view.degrees.table.rowCount())]
    assert years == ["2552", "2555", "2561"]
    assert view.appointments.table.rowCount() == 3
    # a readiness finding on the profile opens this page at the field
    from types import SimpleNamespace

    from ent_portfolio.ui.views.readiness import fix_target

    finding = SimpleNamespace(target=("profile", view.profile_id, "field:field_code"), work_id=None)
    window.show_page("works")
    window.context.navigate.emit(fix_target(finding))
    assert window.current_key() == "profile"
    _close(window)


def test_edit_name_and_target_position_then_read_back(make_window, demo_dir, qtbot):
    window = make_window(demo_dir, "th")
    view = window.show_page("profile")
    name = view.widgets["name_th"]
    name.selectAll()
    type_text(name, "กนกวรรณ ศรีวงศ์ใหม่")
    combo = view.widgets["target_position"]
    combo.setCurrentIndex(combo.findData("associate_professor"))  # a pick: saved at once
    qtbot.waitUntil(lambda: "บันทึก" in view.state_label.text() and "กำลัง" not in view.state_label.text(),
                    timeout=3000)
    _close(window)  # the typed name is flushed on close
    prof, _degrees = _read_profile(demo_dir)
    assert prof.name_th == "กนกวรรณ ศรีวงศ์ใหม่"
    assert prof.target_position == "associate_professor"


def test_add_and_delete_a_degree(make_window, demo_dir, qtbot, monkeypatch):
    from ent_portfolio.ui.dialogs.record_form import RecordFormDialog

    window = make_window(demo_dir, "th")
    view = window.show_page("profile")
    table = view.degrees

    def fill_and_accept(dialog):
        dialog.widgets["level"].setText("ประกาศนียบัตรบัณฑิต")
        dialog.widgets["name"].setText("ประกาศนียบัตรบัณฑิตวิชาชีพครู")
        dialog.widgets["institution"].setText("มหาวิทยาลัยราชภัฏเชียงใหม่")
        qtbot.keyClicks(dialog.widgets["year"].text_edit, "2563")  # typed in พ.ศ. in the Thai dialog
        dialog._accept()
        return dialog.result()

    monkeypatch.setattr(RecordFormDialog, "exec", fill_and_accept)
    qtbot.mouseClick(table.add_button, Qt.MouseButton.LeftButton)
    assert table.table.rowCount() == 4
    asked = []
    monkeypatch.setattr("ent_portfolio.ui.widgets.record_table.confirm_delete",
                        lambda parent, what, undoable=True: asked.append(what) or True)
    row = next(r for r, d in enumerate(table.records) if d.level == "ประกาศนียบัตรบัณฑิต")
    assert table.records[row].year == 2020  # stored in CE
    table.table.selectRow(row)
    qtbot.mouseClick(table.delete_button, Qt.MouseButton.LeftButton)
    assert asked == ["ประกาศนียบัตรบัณฑิตวิชาชีพครู"]
    assert table.table.rowCount() == 3
    _close(window)
    _prof, degrees = _read_profile(demo_dir)
    assert [d.level for d in degrees] == ["ปริญญาตรี", "ปริญญาโท", "ปริญญาเอก"]


def test_a_deleted_degree_comes_back_with_undo(make_window, demo_dir, qtbot, monkeypatch):
    window = make_window(demo_dir, "th")
    view = window.show_page("profile")
    monkeypatch.setattr("ent_portfolio.ui.widgets.record_table.confirm_delete",
                        lambda parent, what, undoable=True: True)
    view.degrees.table.selectRow(0)
    qtbot.mouseClick(view.degrees.delete_button, Qt.MouseButton.LeftButton)
    assert view.degrees.table.rowCount() == 2
    window.act_undo.trigger()
    assert view.degrees.table.rowCount() == 3
    _close(window)


def test_undo_steps_after_a_delete_still_find_their_record(make_window, demo_dir, qtbot, monkeypatch):
    """Add a degree, delete it, undo the delete, undo the add: the record came
    back under its own id, so the add's undo finds it and removes it."""
    from ent_portfolio.ui.widgets.record_table import RecordFormDialog

    window = make_window(demo_dir, "th")
    view = window.show_page("profile")

    def fill_and_accept(dialog):
        dialog.widgets["level"].setText("ประกาศนียบัตรบัณฑิต")
        dialog.widgets["name"].setText("ประกาศนียบัตรวิชาชีพครู")
        dialog._accept()
        return dialog.result()

    monkeypatch.setattr(RecordFormDialog, "exec", fill_and_accept)
    monkeypatch.setattr("ent_portfolio.ui.widgets.record_table.confirm_delete",
                        lambda parent, what, undoable=True: True)
    qtbot.mouseClick(view.degrees.add_button, Qt.MouseButton.LeftButton)
    added_id = next(d.id for d in view.degrees.records if d.level == "ประกาศนียบัตรบัณฑิต")
    row = next(r for r, d in enumerate(view.degrees.records) if d.id == added_id)
    view.degrees.table.selectRow(row)
    qtbot.mouseClick(view.degrees.delete_button, Qt.MouseButton.LeftButton)
    assert view.degrees.table.rowCount() == 3
    window.act_undo.trigger()  # the delete
    assert window.context.services.degrees.find(added_id) is not None
    window.act_undo.trigger()  # the add
    assert window.context.services.degrees.find(added_id) is None
    assert view.degrees.table.rowCount() == 3
    window.act_redo.trigger()  # the add again, same id
    assert window.context.services.degrees.find(added_id) is not None
    _close(window)


def test_delete_is_asked_first_and_can_be_refused(make_window, demo_dir, qtbot, monkeypatch):
    window = make_window(demo_dir, "th")
    view = window.show_page("profile")
    monkeypatch.setattr("ent_portfolio.ui.widgets.record_table.confirm_delete",
                        lambda parent, what, undoable=True: False)
    view.degrees.table.selectRow(0)
    qtbot.mouseClick(view.degrees.delete_button, Qt.MouseButton.LeftButton)
    assert view.degrees.table.rowCount() == 3
    _close(window)


@pytest.mark.parametrize("bad, problem", [("1234-5678", "format"), ("0000-0002-1825-0098", "checksum")])
def test_bad_orcid_shows_the_message_and_is_not_saved(make_window, demo_dir, qtbot, bad, problem):
    window = make_window(demo_dir, "th")
    view = window.show_page("profile")
    orcid = view.widgets["orcid"]
    message = view.person_form.orcid_message
    orcid.selectAll()
    type_text(orcid, bad)
    view.widgets["email"].setFocus()  # leaving the field saves it
    qtbot.waitUntil(lambda: message.isVisible(), timeout=3000)
    assert "ORCID" in message.text() and "ยังไม่ได้บันทึก" in message.text()
    assert orcid.text() == bad  # kept for correcting
    assert view.state_label.text() == "ยังไม่ได้บันทึก ORCID"
    assert window.context.services.profile.current().orcid == "0000-0002-1825-0097"
    # corrected: saved, the message goes
    orcid.selectAll()
    type_text(orcid, "https://orcid.org/0000-0002-1694-233x")
    view.widgets["email"].setFocus()
    qtbot.waitUntil(lambda: not message.isVisible(), timeout=3000)
    assert window.context.services.profile.current().orcid == "0000-0002-1694-233X"
    assert orcid.text() == "0000-0002-1694-233X"
    assert "ORCID" not in view.state_label.text()
    _close(window)


def test_undo_a_profile_edit_and_the_other_forms_keep_what_is_typed(make_window, demo_dir, qtbot):
    window = make_window(demo_dir, "th")
    view = window.show_page("profile")
    faculty = view.widgets["faculty"]
    faculty.selectAll()
    type_text(faculty, "คณะใหม่")
    # a pick in another form saves while the faculty is still pending
    route = view.widgets["route"]
    route.setCurrentIndex(route.findData("regular"))
    qtbot.waitUntil(lambda: window.context.services.profile.current().route == "regular", timeout=3000)
    assert faculty.text() == "คณะใหม่"  # not overwritten by the other form's save
    view.save_now()
    assert window.context.services.profile.current().faculty == "คณะใหม่"
    window.sidebar.setFocus()  # out of the text field: Undo is the record's, not the typing's
    window.act_undo.trigger()
    assert window.context.services.profile.current().faculty != "คณะใหม่"
    assert faculty.text() == window.context.services.profile.current().faculty
    _close(window)
