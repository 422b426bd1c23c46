"""Starting the application: first run, the demo, a newer database, About,
shortcuts to the current view, the area pickers."""

from __future__ import annotations

import sqlite3

from PySide6.QtWidgets import QInputDialog, QMessageBox

from ent_portfolio import __version__
from ent_portfolio.services import Services
from ent_portfolio.storage.portfolio import Portfolio


def test_first_run_offers_demo_new_and_open_and_the_demo_opens(qapp, qtbot, tmp_path, monkeypatch,
                                                               compiled_translations, demo_template):
    import shutil

    from ent_portfolio import demo
    from ent_portfolio.ui import mainwindow
    from ent_portfolio.ui.app import build_main_window

    monkeypatch.setattr(mainwindow, "demo_folder", lambda: tmp_path / "demo")
    # the demo is built once per test run; building it here would repeat that
    monkeypatch.setattr(demo, "create_demo_portfolio", lambda folder: shutil.copytree(demo_template, folder))
    mainwindow.settings().remove("recentPortfolios")
    app, context, window = build_main_window(None, "th", synchronous_jobs=True)
    qtbot.addWidget(window)
    window.show()
    try:
        assert window.stack.currentWidget() is window.welcome
        assert window.welcome.demo_button.text() == "เปิดแฟ้มผลงานตัวอย่าง"
        window.welcome.demo_button.click()
        qtbot.waitUntil(lambda: context.portfolio is not None, timeout=60000)
        assert context.services.works.count() > 0
        assert window.current_key() == "works"
        assert str(tmp_path / "demo") in mainwindow.recent_portfolios()[0]
    finally:
        if context.portfolio is not None:
            context.portfolio.close()


def test_a_newer_database_is_refused_with_its_message(make_window, tmp_path, monkeypatch):
    folder = tmp_path / "p"
    Portfolio.create(folder).close()
    with sqlite3.connect(folder / "portfolio.sqlite3") as db:
        db.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    before = (folder / "portfolio.sqlite3").read_bytes()
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    window = make_window()
    assert not window.open_folder(folder)
    assert shown and "รุ่นที่ใหม่กว่า" in shown[0] and "Traceback" not in shown[0]
    assert window.context.portfolio is None
    assert (folder / "portfolio.sqlite3").read_bytes() == before


def test_about_names_the_version_and_the_font_licence(qapp):
    from PySide6.QtWidgets import QLabel, QPlainTextEdit

    from ent_portfolio.ui.about import AboutDialog

    dialog = AboutDialog()
    assert __version__ in dialog.findChild(QLabel, "aboutHeading").text()
    licence = dialog.findChild(QPlainTextEdit, "licenceText").toPlainText()
    assert "SIL OPEN FONT LICENSE" in licence.upper()


def test_ctrl_n_creates_a_record_in_the_current_view(make_window, tmp_path, monkeypatch):
    folder = tmp_path / "p"
    Portfolio.create(folder).close()
    window = make_window(folder)
    window.show_page("partners")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("ภาคีใหม่", True))
    assert window.act_new_record.isEnabled()
    assert window.act_new_record.shortcut().toString() == "Ctrl+N"
    window.act_new_record.trigger()
    assert [p.name_th for p in window.context.services.partners.list()] == ["ภาคีใหม่"]


def test_undo_of_a_typed_field_restores_the_saved_value(make_window, tmp_path, qtbot):
    folder = tmp_path / "p"
    with Portfolio.create(folder) as p:
        work_id = Services(p).works.create(title_th="ชื่อเดิม").id
    window = make_window(folder)
    view = window.show_page("works")
    view.open_work(work_id)
    editor = view.editor
    editor.village.setText("บ้านนา")
    editor.village.textEdited.emit("บ้านนา")
    editor.save_now()
    services = window.context.services
    assert services.works.get(work_id).village == "บ้านนา"
    window.act_undo.trigger()
    assert services.works.get(work_id).village == ""
    assert editor.village.text() == ""  # the editor shows the restored value
    window.act_redo.trigger()
    assert services.works.get(work_id).village == "บ้านนา"


def test_area_pickers_cover_districts_and_subdistricts_offline(qapp):
    from ent_portfolio.ui.widgets.fields import AreaPicker, province_names

    assert len(province_names()) == 77
    picker = AreaPicker()
    picker.set_area("น่าน", "บ่อเกลือ", "บ่อเกลือใต้")
    assert picker.area()["subdistrict"] == "บ่อเกลือใต้" and picker.area()["area_code"]
    assert picker.district.count() > 10  # every district of Nan, plus "—"
    picker.set_area("จังหวัดที่ไม่มีจริง", "", "")  # an old hand-typed name is kept
    assert picker.area()["province"] == "จังหวัดที่ไม่มีจริง"


def test_run_app_opens_the_given_portfolio_and_returns_when_the_window_closes(qapp, tmp_path, monkeypatch,
                                                                             compiled_translations):
    import sys

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ent_portfolio.ui import app as app_module

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_app installs its own; put it back after
    folder = tmp_path / "p"
    with Portfolio.create(folder) as p:
        Services(p).works.create(title_th="งานหนึ่ง")
    seen = {}
    real_build = app_module.build_main_window

    def build(portfolio, lang, synchronous_jobs=False):
        result = real_build(portfolio, lang, synchronous_jobs=True)
        _app, context, window = result
        seen["context"] = context

        def close():
            seen["works"] = context.services.works.count()
            seen["title"] = window.windowTitle()
            window.close()

        QTimer.singleShot(200, close)
        return result

    monkeypatch.setattr(app_module, "build_main_window", build)
    assert app_module.run_app(folder, "th") == 0
    assert seen["works"] == 1 and seen["title"].startswith("p ")
    assert seen["context"].portfolio.folder == folder
    QApplication.processEvents()
