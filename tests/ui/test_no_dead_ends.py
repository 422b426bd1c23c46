"""No dead ends: a partner picked in a dialog can be made right there (and
one undo takes back the partner and its link), and every page that is empty
says what to do first with a button that does it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QInputDialog

from ent_portfolio.services import Services
from ent_portfolio.storage.portfolio import Portfolio
from ent_portfolio.ui.dialogs.record_form import RecordFormDialog

SHOTS = Path("/tmp/shots14")
PARTNER = "วิสาหกิจชุมชนบ้านนาเกษตรอินทรีย์"


def _new_entry(combo) -> int:
    return combo.count() - 1  # the "New partner…" entry ends the list


@pytest.fixture
def one_work(make_window, tmp_path):
    folder = tmp_path / "p"
    with Portfolio.create(folder) as p:
        work_id = Services(p).works.create(title_th="ปุ๋ยหมักบ้านนา").id
    return make_window(folder), work_id


def test_a_partner_made_from_the_link_dialog_is_linked_and_one_undo_takes_both_back(one_work, monkeypatch):
    window, work_id = one_work
    view = window.show_page("works")
    view.open_work(work_id)
    view.editor.open_tab("partners")
    table = view.editor.tables["partners"]
    services = window.context.services
    seen = {}

    def exec_(dialog):
        if dialog.objectName() == "newPartnerDialog":
            dialog.widgets["name_th"].setText(PARTNER)
            return QDialog.DialogCode.Accepted
        combo = dialog.widgets["partner_id"]
        seen["before"] = [combo.itemText(i) for i in range(combo.count())]
        seen["placeholder"] = combo.currentIndex()
        combo.activated.emit(_new_entry(combo))  # the lecturer picks "ภาคีใหม่…"
        seen["picked"] = combo.currentText()
        role = dialog.widgets["role"]
        role.setCurrentIndex(role.findData("co_designer") if role.findData("co_designer") >= 0 else 0)
        SHOTS.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(SHOTS / "link_partner_made_here.png"))
        dialog._accept()
        return dialog.result()

    monkeypatch.setattr(RecordFormDialog, "exec", exec_)
    table.add()
    assert seen["before"] == ["ภาคีใหม่…"]  # no partners yet: only the way to make one
    assert seen["placeholder"] == -1       # and it is not picked by itself
    assert seen["picked"] == PARTNER
    [partner] = services.partners.list()
    [link] = services.work_partners.list(work_id=work_id)
    assert (partner.name_th, link.partner_id) == (PARTNER, partner.id)
    assert table.table.rowCount() == 1 and table.table.item(0, 0).text() == PARTNER
    stack = window.context.undo_stack
    assert stack.count() == 1  # one step: the partner and its role
    stack.undo()
    assert services.work_partners.list(work_id=work_id) == []
    assert services.partners.list() == []
    assert table.table.rowCount() == 0
    stack.redo()
    assert [p.name_th for p in services.partners.list()] == [PARTNER]
    assert len(services.work_partners.list(work_id=work_id)) == 1


def test_a_cancelled_partner_form_changes_nothing_and_leaves_no_undo_step(one_work, monkeypatch):
    window, work_id = one_work
    view = window.show_page("works")
    view.open_work(work_id)
    table = view.editor.tables["partners"]
    seen = {}

    def exec_(dialog):
        if dialog.objectName() == "newPartnerDialog":
            return QDialog.DialogCode.Rejected
        combo = dialog.widgets["partner_id"]
        combo.setCurrentIndex(_new_entry(combo))
        combo.activated.emit(_new_entry(combo))
        seen["index"] = combo.currentIndex()
        dialog._accept()  # refused: a partner is still needed
        seen["message"] = dialog.message.text()
        return dialog.result()

    monkeypatch.setattr(RecordFormDialog, "exec", exec_)
    table.add()
    assert seen["index"] == -1  # back to nothing picked, not the "New …" entry
    assert seen["message"].startswith("โปรดกรอก")
    assert window.context.services.partners.list() == []
    assert window.context.services.work_partners.list(work_id=work_id) == []
    assert window.context.undo_stack.count() == 0


def test_a_testimonials_partner_can_be_made_from_its_form(one_work, monkeypatch):
    window, work_id = one_work
    services = window.context.services
    testimonial = services.testimonials.create(work_id=work_id, kind="testimonial", person_name="นายสมชาย ใจดี")
    view = window.show_page("testimonials")
    view.reload()
    view.select(testimonial.id)

    def exec_(dialog):
        dialog.widgets["name_th"].setText(PARTNER)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RecordFormDialog, "exec", exec_)
    combo = view.form.widgets["partner_id"]
    assert combo.itemText(combo.count() - 1) == "ภาคีใหม่…"
    combo.setCurrentIndex(_new_entry(combo))
    combo.activated.emit(_new_entry(combo))
    view.save_now()
    [partner] = services.partners.list()
    assert services.testimonials.get(testimonial.id).partner_id == partner.id
    window.context.undo_stack.undo()  # the link
    window.context.undo_stack.undo()  # the partner: its making is a step of its own
    assert services.partners.list() == []


def _empty_window(make_window, tmp_path, lang="th"):
    folder = tmp_path / "empty"
    Portfolio.create(folder).close()
    return make_window(folder, lang)


# page → (a word its empty sentence has in Thai, in English, what its button makes)
EMPTY_PAGES = {
    "works": ("ผลงาน", "work", "work"),
    "partners": ("ภาคี", "partner", "partner"),
    "evidence": ("ผลงาน", "work", "work"),
    "testimonials": ("ผลงาน", "work", "work"),
    "indicators": ("ผลงาน", "work", "work"),
    "readiness": ("ผลงาน", "work", "work"),
}


@pytest.mark.parametrize("key", sorted(EMPTY_PAGES))
def test_each_empty_page_says_what_to_do_first_and_its_button_does_it(make_window, tmp_path, qtbot, monkeypatch,
                                                                     key):
    window = _empty_window(make_window, tmp_path)
    view = window.show_page(key)
    state = view.empty_state
    qtbot.waitUntil(state.isVisible, timeout=5000)  # readiness checks in the background first
    thai_word, _english, makes = EMPTY_PAGES[key]
    sentence = state.sentence.text()
    assert thai_word in sentence and not any("a" <= ch.lower() <= "z" for ch in sentence)
    assert state.button.text() and state.button.isEnabled()
    if key in ("works", "partners"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        view.grab().save(str(SHOTS / f"empty_{key}.png"))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("ชุมชนบ้านนา", True))
    qtbot.mouseClick(state.button, Qt.MouseButton.LeftButton)
    services = window.context.services
    if makes == "partner":
        assert [p.name_th for p in services.partners.list()] == ["ชุมชนบ้านนา"]
        assert not state.isVisible() and view.details.isVisible()
    else:
        assert [w.title_th for w in services.works.list()] == ["ชุมชนบ้านนา"]
        assert window.current_key() == "works"  # the work opens, ready to be written


@pytest.mark.parametrize("key", ["works", "partners", "testimonials", "indicators"])
def test_the_empty_pages_speak_english_in_english(make_window, tmp_path, qtbot, key):
    window = _empty_window(make_window, tmp_path, "en")
    state = window.show_page(key).empty_state
    assert EMPTY_PAGES[key][1] in state.sentence.text().lower()
    assert not any("\u0e00" <= ch <= "\u0e7f" for ch in state.sentence.text() + state.button.text())
