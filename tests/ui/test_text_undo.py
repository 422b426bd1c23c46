"""Undo that undoes one thing: in a section's editor Ctrl+Z (and Edit ▸
Undo) takes back the last typing step there and nothing else; with the focus
elsewhere it is the record undo (a delete comes back)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from ent_portfolio.services import Services
from ent_portfolio.storage.portfolio import Portfolio
from ent_portfolio.ui.undo import TYPING_PAUSE_MS

FIRST_SECTION_TEXT = "<p>ชุมชนบ้านนาเล่าปัญหาน้ำแล้ง</p>"
BURST_ONE = "เกษตรกรร่วมกันวางแผน "
BURST_TWO = "และทำปุ๋ยหมักเอง "


def type_text(widget, text):
    """Key presses carrying Thai text (QTest.keyClicks sends ASCII only)."""
    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


@pytest.fixture
def open_section(make_window, tmp_path, qtbot):
    """A work with a first section already written, its second section open."""
    folder = tmp_path / "p"
    with Portfolio.create(folder) as p:
        services = Services(p)
        work_id = services.works.create(title_th="ปุ๋ยหมักบ้านนา").id
        keys = [t.key for t, _ in services.works.sections(work_id)]
        services.works.set_section(work_id, keys[0], FIRST_SECTION_TEXT)
    window = make_window(folder)
    view = window.show_page("works")
    view.open_work(work_id)
    view.editor.open_section(keys[1])
    return window, view.editor, work_id, keys


def saved_sections(window, work_id):
    return {t.key: content for t, content in window.context.services.works.sections(work_id)}


def type_two_bursts(qtbot, editor, move_cursor: bool):
    text = editor.sections.text.editor
    type_text(text, BURST_ONE)
    qtbot.waitUntil(lambda: not editor.has_pending(), timeout=3000)  # autosaved
    if move_cursor:
        cursor = text.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.Start)
        text.setTextCursor(cursor)
        type_text(text, BURST_TWO)
        return BURST_TWO + BURST_ONE
    qtbot.wait(TYPING_PAUSE_MS + 200)  # a pause, the cursor where it was
    type_text(text, BURST_TWO)
    return BURST_ONE + BURST_TWO


@pytest.mark.parametrize("how", ["ctrl_z", "edit_menu"])
@pytest.mark.parametrize("move_cursor", [True, False], ids=["cursor_moved", "typing_paused"])
def test_one_undo_in_a_section_takes_back_only_the_last_burst(open_section, qtbot, how, move_cursor):
    window, editor, work_id, keys = open_section
    text = editor.sections.text.editor
    both = type_two_bursts(qtbot, editor, move_cursor)
    assert text.toPlainText() == both
    assert text.hasFocus()
    if how == "ctrl_z":
        qtbot.keyClick(text, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    else:
        assert window.act_undo.isEnabled()
        assert "พิมพ์" in window.act_undo.text()  # the menu says it takes back typing
        window.act_undo.trigger()
    assert text.toPlainText() == BURST_ONE
    assert editor.sections.current_key == keys[1]  # the same section, still open
    assert editor.tabs.currentWidget() is editor.sections
    qtbot.waitUntil(lambda: not editor.has_pending(), timeout=3000)
    saved = saved_sections(window, work_id)
    assert saved[keys[1]] == f"<p>{BURST_ONE}</p>"  # the autosave keeps what is left
    assert saved[keys[0]] == FIRST_SECTION_TEXT      # the other sections untouched
    assert all(saved[k] == "" for k in keys[2:])


def test_undo_in_a_fresh_section_is_not_the_previous_sections_record_step(open_section, qtbot):
    """The section typed before, then another opened: the Edit menu in the
    new (untyped) editor must not wipe the section left behind unseen —
    there is nothing typed here, so the record step is named in the menu."""
    window, editor, work_id, keys = open_section
    type_text(editor.sections.text.editor, BURST_ONE)
    editor.open_section(keys[2])  # saves keys[1]
    assert saved_sections(window, work_id)[keys[1]] == f"<p>{BURST_ONE}</p>"
    assert not editor.sections.text.editor.document().isUndoAvailable()
    assert "พิมพ์" not in window.act_undo.text()


def test_with_the_focus_on_a_list_ctrl_z_undoes_a_delete(open_section, qtbot, monkeypatch):
    window, editor, work_id, _keys = open_section
    services = window.context.services
    services.fundings.create(work_id=work_id, source="กองทุนหมู่บ้าน")
    table = editor.tables["fundings"]
    table.reload()
    editor.open_tab("fundings")
    monkeypatch.setattr("ent_portfolio.ui.widgets.record_table.confirm_delete",
                        lambda parent, what, undoable=True: True)
    table.table.selectRow(0)
    table.delete(0)
    assert services.fundings.list(work_id=work_id) == []
    table.table.setFocus()
    qtbot.waitUntil(table.table.hasFocus, timeout=2000)
    assert "พิมพ์" not in window.act_undo.text()
    qtbot.keyClick(table.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [f.source for f in services.fundings.list(work_id=work_id)] == ["กองทุนหมู่บ้าน"]
    assert table.table.rowCount() == 1


def test_the_menu_says_typing_in_english_too(open_section, qtbot):
    window, editor, _work_id, _keys = open_section
    from ent_portfolio.ui.language import apply_language

    apply_language("en", window.context)
    type_text(editor.sections.text.editor, "compost ")
    assert window.act_undo.text() == "Undo typing"


def test_a_step_named_by_a_widget_that_is_gone_keeps_its_name(qtbot):
    from ent_portfolio.ui.qt import QUndoStack, QWidget, isValid
    from ent_portfolio.ui.undo import DescribedCommand, retranslate_steps

    stack = QUndoStack()
    namer = QWidget()
    language = {"now": "แก้ไข"}
    stack.push(DescribedCommand(lambda: namer.objectName() + language["now"]))
    language["now"] = "Edit"
    retranslate_steps(stack)
    assert stack.undoText() == "Edit"  # named again in the language now in use
    namer.deleteLater()
    qtbot.waitUntil(lambda: not isValid(namer))
    language["now"] = "แก้ไข"
    retranslate_steps(stack)  # its namer is gone: no error, the last name stays
    assert stack.undoText() == "Edit"
