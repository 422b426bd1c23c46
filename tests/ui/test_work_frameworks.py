"""The work editor's SDGs tab: ticking goals and targets, undo, the language switch."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ent_portfolio.services import Services
from ent_portfolio.services.frameworks import set_work_frameworks, work_frameworks
from ent_portfolio.storage.portfolio import Portfolio


def _open_tab(make_window, tmp_path, lang="th", ticks=()):
    folder = tmp_path / "p"
    with Portfolio.create(folder) as p:
        work_id = Services(p).works.create(title_th="โรงเรียนชาวนา", title_en="Farmers' school").id
        if ticks:
            set_work_frameworks(p, work_id, "sdg", ticks)
    window = make_window(folder, lang)
    works = window.show_page("works")
    works.open_work(work_id)
    editor = works.editor
    editor.open_tab("frameworks")
    assert editor.tabs.currentWidget() is editor.frameworks
    return window, editor.frameworks, work_id


def _node(pane, code):
    for n in range(pane.tree.topLevelItemCount()):
        goal = pane.tree.topLevelItem(n)
        if goal.data(0, Qt.ItemDataRole.UserRole + 1) == code:
            return goal
        for k in range(goal.childCount()):
            if goal.child(k).data(0, Qt.ItemDataRole.UserRole + 1) == code:
                return goal.child(k)
    raise KeyError(code)


def _tick(pane, code, on=True):
    _node(pane, code).setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


def test_the_tab_shows_17_goals_with_their_targets_in_thai(make_window, tmp_path):
    window, pane, _ = _open_tab(make_window, tmp_path)
    tabs = window.show_page("works").editor.tabs
    assert tabs.tabText(tabs.currentIndex()) == "เป้าหมาย SDGs"
    assert pane.tree.topLevelItemCount() == 17
    assert pane.tree.topLevelItem(3).text(0) == "4  การศึกษาที่มีคุณภาพ"
    assert sum(pane.tree.topLevelItem(n).childCount() for n in range(17)) == 169
    assert _node(pane, "4.7").text(0).startswith("4.7  การศึกษาเพื่อการพัฒนาที่ยั่งยืน")
    assert pane.summary.text() == "ยังไม่ได้ทำเครื่องหมายเป้าหมายใด"
    assert not pane.chooser.isVisible()  # one framework: nothing to choose


def test_ticks_are_saved_at_once_exactly_as_ticked_and_undone_one_by_one(make_window, tmp_path):
    window, pane, work_id = _open_tab(make_window, tmp_path)
    portfolio = window.context.services.portfolio
    _tick(pane, "4.7")
    assert work_frameworks(portfolio, work_id) == {"sdg": ["4.7"]}  # the target did not tick its goal
    assert _node(pane, "4").checkState(0) == Qt.CheckState.Unchecked
    _tick(pane, "11")
    _tick(pane, "4")
    assert work_frameworks(portfolio, work_id) == {"sdg": ["4", "4.7", "11"]}
    assert pane.summary.text() == (
        "ผลงานนี้สอดคล้องกับ: 4 การศึกษาที่มีคุณภาพ (4.7); 11 เมืองและถิ่นฐานมนุษย์อย่างยั่งยืน")
    window.act_undo.trigger()
    assert work_frameworks(portfolio, work_id) == {"sdg": ["4.7", "11"]}
    assert _node(pane, "4").checkState(0) == Qt.CheckState.Unchecked  # the tree follows the undo
    window.context.undo_stack.undo()
    window.context.undo_stack.undo()
    assert work_frameworks(portfolio, work_id) == {}
    assert pane.ticked_in_tree() == []
    window.context.undo_stack.redo()
    assert work_frameworks(portfolio, work_id) == {"sdg": ["4.7"]}
    assert pane.ticked_in_tree() == ["4.7"]
    assert window.context.undo_stack.undoText() == "ทำเครื่องหมายเป้าหมาย"


def test_a_code_from_a_newer_framework_file_survives_ticks_and_undo(make_window, tmp_path):
    from ent_portfolio.domain import models as m

    window, pane, work_id = _open_tab(make_window, tmp_path)
    portfolio = window.context.services.portfolio
    with portfolio.session() as session:  # what an archive from a newer app brings
        session.add(m.WorkFramework(work_id=work_id, framework="sdg", code="18.1"))
    pane.load(work_id)
    _tick(pane, "13")
    assert work_frameworks(portfolio, work_id) == {"sdg": ["13", "18.1"]}
    window.context.undo_stack.undo()
    assert work_frameworks(portfolio, work_id) == {"sdg": ["18.1"]}


def test_a_work_opens_with_its_ticks_and_the_goals_holding_them_open(make_window, tmp_path):
    _, pane, _ = _open_tab(make_window, tmp_path, ticks=["2.3", "15"])
    assert pane.ticked_in_tree() == ["2.3", "15"]
    assert _node(pane, "2").isExpanded() and not _node(pane, "15").isExpanded()
    pane.expand_button.click()  # something is open: the button closes all
    assert not _node(pane, "2").isExpanded()
    pane.expand_button.click()
    assert all(pane.tree.topLevelItem(n).isExpanded() for n in range(17))


def test_english_after_the_switch_and_back(make_window, tmp_path):
    window, pane, _ = _open_tab(make_window, tmp_path, ticks=["6", "6.3"])
    window.act_english.trigger()
    QApplication.processEvents()
    assert pane.tree.topLevelItem(5).text(0) == "6  Clean water and sanitation"
    assert pane.summary.text() == "This work serves: 6 Clean water and sanitation (6.3)"
    assert pane.ticked_in_tree() == ["6", "6.3"]  # refilling the tree saved nothing
    assert window.context.undo_stack.count() == 0
    window.act_thai.trigger()
    QApplication.processEvents()
    assert pane.tree.topLevelItem(5).text(0) == "6  การจัดการน้ำและสุขาภิบาล"


def test_screenshots_of_the_tab_in_thai_and_english(make_window, tmp_path):
    out = Path(os.environ.get("ENT_SCREENSHOT_DIR", tmp_path))
    for lang in ("th", "en"):
        window, pane, _ = _open_tab(make_window, tmp_path / lang, lang, ticks=["4", "4.7", "11.4", "17.17"])
        QApplication.processEvents()
        image = window.grab()
        assert image.save(str(out / f"work_frameworks_{lang}.png"))
        assert image.width() >= 1000
        window.close()


STRATEGY = """
id = "university"
name_th = "ยุทธศาสตร์มหาวิทยาลัย"
name_en = "University strategy"

[[items]]
code = "S1"
name_th = "ล้านนาสร้างสรรค์"
name_en = "Creative Lanna"

[[items]]
code = "S1.1"
parent = "S1"
name_th = "เศรษฐกิจสร้างสรรค์"
name_en = "Creative economy"

[[items]]
code = "S1.1.1"
parent = "S1.1"
name_th = "หัตถกรรม"
name_en = "Crafts"
"""


def test_a_second_framework_file_gets_a_chooser_and_its_own_ticks(make_window, tmp_path, monkeypatch):
    from ent_portfolio.domain import frameworks as fw

    folder = tmp_path / "frameworks"
    folder.mkdir()
    (folder / "sdg.toml").write_bytes(fw.frameworks_folder().joinpath("sdg.toml").read_bytes())
    (folder / "university.toml").write_text(STRATEGY, encoding="utf-8")
    monkeypatch.setattr(fw, "frameworks_folder", lambda: folder)
    fw.frameworks.cache_clear()
    try:
        window, pane, work_id = _open_tab(make_window, tmp_path, ticks=["4"])
        assert pane.chooser.isVisible() and pane.chooser.count() == 2
        pane.chooser.setCurrentIndex(1)
        assert pane.tree.topLevelItemCount() == 1
        assert pane.tree.topLevelItem(0).child(0).child(0).text(0) == "S1.1.1  หัตถกรรม"  # three levels deep
        pane.tree.topLevelItem(0).child(0).child(0).setCheckState(0, Qt.CheckState.Checked)
        assert work_frameworks(window.context.services.portfolio, work_id) == {
            "sdg": ["4"], "university": ["S1.1.1"]}
        assert pane.summary.text() == "ผลงานนี้สอดคล้องกับ: S1 ล้านนาสร้างสรรค์ (S1.1.1)"
        window.context.undo_stack.undo()
        assert work_frameworks(window.context.services.portfolio, work_id) == {"sdg": ["4"]}
        pane.chooser.setCurrentIndex(0)
        assert pane.ticked_in_tree() == ["4"]
    finally:
        fw.frameworks.cache_clear()
