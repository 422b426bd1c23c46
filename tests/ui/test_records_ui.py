"""Create, edit and delete records through the windows; autosave; undo;
search; the screenshot command."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox

from ent_portfolio.services import Services
from ent_portfolio.storage.portfolio import Portfolio


@pytest.fixture
def yes_to_deletes(monkeypatch):
    """Answer every delete confirmation with "Delete"."""
    from ent_portfolio.ui import common

    asked = []
    monkeypatch.setattr(common, "confirm_delete", lambda parent, what, undoable=True: asked.append(what) or True)
    for module in ("ent_portfolio.ui.widgets.record_table", "ent_portfolio.ui.views.works",
                   "ent_portfolio.ui.views.partners", "ent_portfolio.ui.views.testimonials"):
        monkeypatch.setattr(f"{module}.confirm_delete", lambda parent, what, undoable=True: asked.append(what) or True)
    return asked


def type_text(widget, text):
    """Type ``text`` as key presses; QTest.keyClicks only handles ASCII, so
    Thai characters are sent as key events carrying their text."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def _wait_saved(qtbot, window):
    qtbot.waitUntil(lambda: "บันทึกแล้ว" in window.save_label.text(), timeout=3000)


def test_create_edit_autosave_and_delete_a_work(make_window, tmp_path, qtbot, monkeypatch, yes_to_deletes):
    folder = tmp_path / "p"
    Portfolio.create(folder).close()
    window = make_window(folder)
    view = window.show_page("works")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("ชุมชนเกษตรอินทรีย์บ้านนา", True))
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    assert view.stack.currentWidget() is view.editor
    editor = view.editor
    # type into fields: the save happens by itself after typing stops
    editor.title_en.setFocus()
    qtbot.keyClicks(editor.title_en, "Organic farming")
    qtbot.waitUntil(lambda: not editor.has_pending(), timeout=3000)
    _wait_saved(qtbot, window)
    assert window.context.services.works.get(editor.work_id).title_en == "Organic farming"
    # a section, typed, then the window closes before the timer fires
    editor.open_section("process")
    type_text(editor.sections.text.editor, "ร่วมกันทำปุ๋ยหมัก")
    assert "คำ" in editor.sections.count.text()
    editor.principle_edits["impact_text"].setPlainText("รายได้เพิ่มขึ้น")
    work_id = editor.work_id
    window.close()
    window.context.portfolio.close()
    reopened = Portfolio.open(folder)
    try:
        services = Services(reopened)
        sections = {t.key: c for t, c in services.works.sections(work_id)}
        assert "ร่วมกันทำปุ๋ยหมัก" in sections["process"]
        assert services.works.get(work_id).impact_text == "รายได้เพิ่มขึ้น"
    finally:
        reopened.close()
    window.context.portfolio = None
    window.context.services = None


def test_delete_a_work_asks_first(make_window, tmp_path, qtbot, yes_to_deletes):
    folder = tmp_path / "p"
    with Portfolio.create(folder) as p:
        Services(p).works.create(title_th="ผลงานที่จะลบ")
    window = make_window(folder)
    view = window.show_page("works")
    view.table.selectRow(0)
    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert yes_to_deletes == ["ผลงานที่จะลบ"]
    assert window.context.services.works.count() == 0
    assert view.model.rowCount() == 0


def test_work_list_filters_by_status_province_year_and_partner(make_window, tmp_path):
    folder = tmp_path / "p"
    with Portfolio.create(folder) as p:
        s = Services(p)
        a = s.works.create(title_th="ก", status="completed", province="น่าน", start_date=dt.date(2023, 1, 1),
                           end_date=dt.date(2024, 3, 1))
        s.works.create(title_th="ข", status="ongoing", province="ลำพูน", start_date=dt.date(2025, 1, 1))
        partner = s.partners.create(name_th="ภาคีหนึ่ง")
        s.work_partners.create(work_id=a.id, partner_id=partner.id, role="co_designer")
    window = make_window(folder)
    view = window.show_page("works")
    assert view.proxy.rowCount() == 2
    view.filter_status.setCurrentIndex(view.filter_status.findData("completed"))
    assert view.proxy.rowCount() == 1
    view.filter_status.setCurrentIndex(0)
    view.filter_province.setCurrentIndex(view.filter_province.findData("ลำพูน"))
    assert view.proxy.rowCount() == 1
    view.filter_province.setCurrentIndex(0)
    assert view.filter_year.itemText(view.filter_year.findData(2024)) == "2567"  # Buddhist era
    view.filter_year.setCurrentIndex(view.filter_year.findData(2024))
    assert view.proxy.rowCount() == 1
    view.filter_year.setCurrentIndex(0)
    view.filter_partner.setCurrentIndex(view.filter_partner.findData(partner.id))
    assert [view.proxy.index(r, 0).data() for r in range(view.proxy.rowCount())] == ["ก"]


def test_activity_add_edit_delete_and_undo_through_the_editor(make_window, tmp_path, qtbot, monkeypatch,
                                                              yes_to_deletes):
    folder = tmp_path / "p"
    with Portfolio.create(folder) as p:
        work_id = Services(p).works.create(title_th="งาน").id
    window = make_window(folder)
    view = window.show_page("works")
    view.open_work(work_id)
    table = view.editor.tables["activities"]
    from ent_portfolio.ui.dialogs.record_form import RecordFormDialog

    def fill(dialog):
        dialog.widgets["date"].set_date(dt.date(2025, 2, 3))
        dialog.widgets["title"].setText("ประชุมประชาคม")
        dialog.widgets["participants_total"].setValue(35)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RecordFormDialog, "exec", fill)
    qtbot.mouseClick(table.add_button, Qt.MouseButton.LeftButton)
    services = window.context.services
    [activity] = services.activities.list(work_id=work_id)
    assert (activity.title, activity.participants_total, activity.date) == ("ประชุมประชาคม", 35, dt.date(2025, 2, 3))
    assert table.table.item(0, 0).text() == "3 ก.พ. 2568"

    def edit(dialog):
        dialog.widgets["title"].setText("ประชุมวางแผน")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RecordFormDialog, "exec", edit)
    table.table.selectRow(0)
    qtbot.mouseClick(table.edit_button, Qt.MouseButton.LeftButton)
    assert services.activities.get(activity.id).title == "ประชุมวางแผน"
    window.context.undo_stack.undo()
    assert services.activities.get(activity.id).title == "ประชุมประชาคม"
    qtbot.mouseClick(table.delete_button, Qt.MouseButton.LeftButton)
    assert services.activities.list(work_id=work_id) == []
    window.act_undo.trigger()  # Edit ▸ Undo brings it back
    [back] = services.activities.list(work_id=work_id)
    assert back.title == "ประชุมประชาคม"
    assert table.table.rowCount() == 1


def test_partner_create_edit_contact_and_delete_with_undo(make_window, tmp_path, qtbot, monkeypatch, yes_to_deletes):
    folder = tmp_path / "p"
    Portfolio.create(folder).close()
    window = make_window(folder)
    view = window.show_page("partners")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("กลุ่มทอผ้าบ้านหนองบัว", True))
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    services = window.context.services
    [partner] = services.partners.list()
    notes = view.form.widgets["notes"]
    notes.setFocus()
    type_text(notes, "สมาชิก 30 คน")
    qtbot.waitUntil(lambda: services.partners.get(partner.id).notes == "สมาชิก 30 คน", timeout=3000)
    area = view.form.widgets["area"]
    area.province.setCurrentIndex(area.province.findText("น่าน"))
    area.district.setCurrentIndex(area.district.findText("บ่อเกลือ"))
    qtbot.waitUntil(lambda: services.partners.get(partner.id).district == "บ่อเกลือ", timeout=3000)
    assert services.partners.get(partner.id).province == "น่าน"

    from ent_portfolio.ui.dialogs.record_form import RecordFormDialog

    def fill(dialog):
        dialog.widgets["name"].setText("นางสมศรี ใจดี")
        dialog.widgets["phone"].setText("081 000 0000")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RecordFormDialog, "exec", fill)
    qtbot.mouseClick(view.contacts.add_button, Qt.MouseButton.LeftButton)
    assert [c.name for c in services.contacts.list(partner_id=partner.id)] == ["นางสมศรี ใจดี"]

    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert services.partners.count() == 0
    window.context.undo_stack.undo()
    [again] = services.partners.list()
    assert again.name_th == "กลุ่มทอผ้าบ้านหนองบัว" and again.notes == "สมาชิก 30 คน"
    assert [c.name for c in services.contacts.list(partner_id=again.id)] == ["นางสมศรี ใจดี"]
    assert view.list.count() == 1


def test_partner_in_use_is_not_deleted_and_the_reason_is_shown(make_window, tmp_path, qtbot, monkeypatch,
                                                               yes_to_deletes):
    folder = tmp_path / "p"
    with Portfolio.create(folder) as p:
        s = Services(p)
        w = s.works.create(title_th="งาน")
        partner = s.partners.create(name_th="อบต.บ่อเกลือใต้")
        s.work_partners.create(work_id=w.id, partner_id=partner.id, role="funder")
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    window = make_window(folder)
    view = window.show_page("partners")
    assert view.works_list.item(0).text().startswith("งาน")
    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert window.context.services.partners.count() == 1
    assert shown and "อบต.บ่อเกลือใต้" in shown[0]


def test_testimonial_with_scanned_letter(make_window, tmp_path, qtbot, monkeypatch, yes_to_deletes):
    folder = tmp_path / "p"
    with Portfolio.create(folder) as p:
        work_id = Services(p).works.create(title_th="งาน").id
    scan = tmp_path / "letter.png"
    image = QImage(400, 560, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    assert image.save(str(scan))
    before = scan.read_bytes()
    window = make_window(folder)
    view = window.show_page("testimonials")
    from ent_portfolio.ui.dialogs.record_form import RecordFormDialog

    def fill(dialog):
        dialog.widgets["person_name"].setText("นายสมชาย")
        dialog.widgets["kind"].setCurrentIndex(dialog.widgets["kind"].findData("certification"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RecordFormDialog, "exec", fill)
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    services = window.context.services
    [t] = services.testimonials.list(work_id=work_id)
    assert t.kind == "certification"
    quote = view.form.widgets["quote"]
    quote.setFocus()
    type_text(quote, "ผลผลิตเพิ่มขึ้น")
    consent = view.form.widgets["consent"]
    qtbot.mouseClick(consent, Qt.MouseButton.LeftButton, pos=QPoint(9, consent.height() // 2))
    qtbot.waitUntil(lambda: services.testimonials.get(t.id).consent, timeout=3000)
    view.save_now()
    assert services.testimonials.get(t.id).quote == "ผลผลิตเพิ่มขึ้น"
    view.attach_letter(scan)
    letter_id = services.testimonials.get(t.id).letter_evidence_id
    assert letter_id and services.evidence.file_path(letter_id).read_bytes() == before
    assert view.letter.pixmap() is not None and not view.letter.pixmap().isNull()
    assert scan.read_bytes() == before  # the user's file is untouched
    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert services.testimonials.count() == 0


def test_search_finds_a_thai_word_inside_unspaced_text_and_opens_the_record(make_window, tmp_path, qtbot):
    folder = tmp_path / "p"
    with Portfolio.create(folder) as p:
        s = Services(p)
        s.works.create(title_th="อื่น ๆ")
        work = s.works.create(title_th="ชุมชนเกษตรอินทรีย์บ้านนา")
    window = make_window(folder)
    window.act_find.trigger()
    dialog = window._search
    type_text(dialog.query, "เกษตร")
    qtbot.waitUntil(lambda: dialog.results.topLevelItemCount() == 1, timeout=3000)
    group = dialog.results.topLevelItem(0)
    assert group.text(0).startswith("ผลงาน")
    hit = group.child(0)
    assert "ชุมชนเกษตรอินทรีย์บ้านนา" in hit.text(0)
    dialog._open(hit)
    works = window.current_view()
    assert works.stack.currentWidget() is works.editor and works.editor.work_id == work.id


def test_screenshot_command_writes_a_1280x800_png(demo_dir, tmp_path, qapp, compiled_translations):
    from ent_portfolio.cli import main

    out = tmp_path / "shot.png"
    assert main(["screenshot", "--portfolio", str(demo_dir), "--view", "work", "--lang", "th", "--out", str(out)]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)


def test_work_list_sorts_in_thai_dictionary_order_and_keeps_the_selection(make_window, tmp_path):
    folder = tmp_path / "p"
    with Portfolio.create(folder) as p:
        s = Services(p)
        for title, year in (("ข้าว", 2020), ("เกลือ", 2022), ("กาแฟ", 2021)):
            s.works.create(title_th=title, start_date=dt.date(year, 1, 1))
    window = make_window(folder)
    view = window.show_page("works")
    titles = lambda: [view.proxy.index(r, 0).data() for r in range(view.proxy.rowCount())]  # noqa: E731
    assert titles() == ["เกลือ", "กาแฟ", "ข้าว"]  # newest first by default
    view.select(view.model.rows[2].id)
    selected = view.selected_id()
    view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert titles() == ["กาแฟ", "เกลือ", "ข้าว"]  # เ is skipped when ordering Thai words
    assert view.selected_id() == selected


def test_activity_participant_groups_and_contributor_share(make_window, tmp_path, monkeypatch):
    folder = tmp_path / "p"
    with Portfolio.create(folder) as p:
        s = Services(p)
        work_id = s.works.create(title_th="งาน").id
        s.activities.create(work_id=work_id, date=dt.date(2025, 1, 5), title="อบรม",
                            participant_groups={"female": 3, "monks": 2})
    window = make_window(folder)
    view = window.show_page("works")
    view.open_work(work_id)
    from ent_portfolio.ui.dialogs.record_form import RecordFormDialog

    def edit(dialog):
        assert dialog.widgets["group_female"].value() == 3
        dialog.widgets["group_female"].setValue(dialog.widgets["group_female"].minimum())  # emptied
        dialog.widgets["group_male"].setValue(4)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RecordFormDialog, "exec", edit)
    view.editor.tables["activities"].edit(0)
    services = window.context.services
    [activity] = services.activities.list(work_id=work_id)
    assert activity.participant_groups == {"monks": 2, "male": 4}  # a group the form does not show is kept
    window.context.undo_stack.undo()
    assert services.activities.get(activity.id).participant_groups == {"female": 3, "monks": 2}

    def contributor(dialog):
        dialog.widgets["name"].setText("ผศ.สมหญิง")
        dialog.widgets["percentage"].setValue(30)
        dialog.widgets["roles"].boxes["idea"].setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RecordFormDialog, "exec", contributor)
    view.editor.tables["contributors"].add()
    [c] = services.contributors.list(work_id=work_id)
    assert (c.name, float(c.percentage), c.roles, c.signature_status) == ("ผศ.สมหญิง", 30.0, ["idea"], "pending")
    assert view.editor.tables["contributors"].table.item(0, 2).text() == "ก"


def test_pending_edits_are_saved_when_the_program_loses_focus(make_window, tmp_path):
    from PySide6.QtWidgets import QApplication

    folder = tmp_path / "p"
    with Portfolio.create(folder) as p:
        work_id = Services(p).works.create(title_th="งาน").id
    window = make_window(folder)
    view = window.show_page("works")
    view.open_work(work_id)
    view.editor.courses.setText("ชพ 101")
    view.editor.courses.textEdited.emit("ชพ 101")
    assert view.editor.has_pending()
    QApplication.instance().applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
    assert not view.editor.has_pending()
    assert window.context.services.works.get(work_id).courses == "ชพ 101"
