"""The main window: pages, wiring of the views, portfolio switching."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from ent_portfolio.ui.views import PAGES, load_view_class


def test_every_page_names_a_view_that_exists_and_a_wrong_name_raises():
    for spec in PAGES:
        assert isinstance(load_view_class(spec.class_path), type), spec.class_path
    with pytest.raises(ModuleNotFoundError):
        load_view_class("ent_portfolio.ui.views.no_such_view.View")
    with pytest.raises(AttributeError):
        load_view_class("ent_portfolio.ui.views.works.NoSuchView")


def test_every_page_opens_in_the_stack(make_window, tmp_path):
    window = make_window()
    assert window.current_view() is None  # welcome page while nothing is open
    assert window.open_folder(tmp_path / "new", create=True)
    for spec in PAGES:
        widget = window.show_page(spec.key)
        assert window.stack.currentWidget() is widget
        assert window.current_key() == spec.key
    assert str(tmp_path / "new") in window.folder_label.text()


def test_opening_a_non_portfolio_folder_shows_the_message_not_a_traceback(make_window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    window = make_window()
    (tmp_path / "junk").mkdir()
    (tmp_path / "junk" / "x.txt").write_text("x")
    assert not window.open_folder(tmp_path / "junk")
    assert shown and "Traceback" not in shown[0]
    assert "EnT Portfolio" in shown[0]  # the core's sentence names the program
    assert window.context.portfolio is None


def test_navigation_to_a_page_with_a_target_of_another_kind(make_window, tmp_path):
    from ent_portfolio.services import Services
    from ent_portfolio.storage.portfolio import Portfolio

    folder = tmp_path / "p"
    with Portfolio.create(folder) as p:
        work_id = Services(p).works.create(title_th="งาน").id
    window = make_window(folder)
    received = []
    widget = window.show_page("evidence")
    widget.open_target = received.append  # whatever the evidence page is, it hears the target
    window.show_page("works")
    window.context.navigate.emit(("page:evidence", "work", work_id))
    assert window.current_key() == "evidence" and received == [("work", work_id)]
    window.context.navigate.emit(("work", work_id, "section:process"))
    works = window.current_view()
    assert window.current_key() == "works" and works.editor.work_id == work_id
    assert works.editor.tabs.currentWidget() is works.editor.sections
    assert works.editor.sections.current_key == "process"


def test_window_geometry_and_recent_portfolios_are_remembered(make_window, tmp_path):
    from ent_portfolio.storage.portfolio import Portfolio
    from ent_portfolio.ui.mainwindow import recent_portfolios

    folder = tmp_path / "p"
    Portfolio.create(folder).close()
    window = make_window(folder)
    window.resize(1100, 700)
    window.close()
    assert recent_portfolios()[0] == str(folder.resolve())
    from ent_portfolio.ui.mainwindow import settings

    assert not settings().value("mainWindow/geometry").isEmpty()
    again = make_window()
    again.restore_state()
    # the offscreen screen is narrower than the minimum width, so only the height is comparable
    assert again.height() == 700
