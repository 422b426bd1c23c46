"""The new-portfolio dialog as a lecturer meets it: from the welcome screen,
typing a Thai name, seeing the folder to be made, and being told inline,
in the window's language, when the place will not do."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_lecturer_journey import type_text

from ent_portfolio.i18n import tr
from ent_portfolio.storage.portfolio import is_portfolio
from ent_portfolio.ui.dialogs import new_portfolio as dialog_module
from ent_portfolio.ui.dialogs.new_portfolio import CHECK_DELAY_MS, NewPortfolioDialog
from ent_portfolio.ui.qt import QApplication, Qt, QTimer
from ent_portfolio.ui.thaiwrap import segmenter_ready

SHOTS = Path("/tmp/shots14")


def has_thai(text: str) -> bool:
    return any("\u0e00" <= ch <= "\u0e7f" for ch in text)


def dialog_texts(dialog: NewPortfolioDialog) -> list[str]:
    return [dialog.windowTitle(), dialog.name_label.text(), dialog.place_label.text(), dialog.choose_button.text(),
            dialog.create_button.text(), dialog.cancel_button.text(), dialog.name_edit.placeholderText(),
            dialog.preview_label.text(), dialog.error_label.text()]


@pytest.fixture(autouse=True)
def _application(qapp):
    """The app's own font and style, as the program has them (Thai glyphs included)."""
    from ent_portfolio.ui.app import create_application

    create_application()


@pytest.fixture
def documents(tmp_path, monkeypatch):
    folder = tmp_path / "Documents"
    folder.mkdir()
    monkeypatch.setattr(dialog_module, "documents_folder", lambda: folder)
    return folder


def open_dialog(qtbot, lang: str, place: Path | None = None) -> NewPortfolioDialog:
    dialog = NewPortfolioDialog(lang, place=place)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def settle(qtbot, dialog: NewPortfolioDialog) -> None:
    """Let the Thai line breaker load and the labels take their height, as
    they do a moment after the dialog opens."""
    qtbot.waitUntil(segmenter_ready, timeout=20000)
    qtbot.wait(50)
    dialog.adjustSize()
    qtbot.wait(50)
    for label in (dialog.preview_label, dialog.error_label):  # no last line cut off
        if label.isVisible():
            assert label.height() >= label.heightForWidth(label.width()) > 0


def type_name(qtbot, dialog: NewPortfolioDialog, name: str) -> None:
    type_text(qtbot, dialog.name_edit, name)
    qtbot.wait(CHECK_DELAY_MS + 50)  # the place is checked when typing pauses


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_welcome_button_makes_a_working_portfolio_from_a_typed_name(make_window, qtbot, documents, lang):
    window = make_window(lang=lang)
    assert window.stack.currentWidget() is window.welcome
    seen = {}

    def answer():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, NewPortfolioDialog)
        assert dialog.place_edit.text() == str(documents)
        assert not dialog.create_button.isEnabled()  # no name yet
        type_name(qtbot, dialog, "แฟ้มผลงาน อ.สมชาย 2566/2567")
        seen["preview"] = dialog.preview_label.text()
        seen["texts"] = dialog_texts(dialog)
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    qtbot.mouseClick(window.welcome.new_button, Qt.MouseButton.LeftButton)

    folder = documents / "แฟ้มผลงาน อ.สมชาย 2566-2567"
    assert seen["preview"] == tr("ui.new_portfolio.will_create", lang, path=str(folder))
    if lang == "en":  # nothing Thai but what the lecturer typed
        assert not any(has_thai(text) for text in seen["texts"] if "แฟ้มผลงาน อ.สมชาย" not in text)
    else:
        assert all(has_thai(text) for text in seen["texts"][:7])
    assert window.context.portfolio is not None and window.context.portfolio.folder == folder
    assert is_portfolio(folder)
    assert window.stack.currentWidget() is not window.welcome
    from ent_portfolio.ui.mainwindow import recent_portfolios

    assert recent_portfolios()[0] == str(folder.resolve())
    work = window.context.services.works.create(title_th="ผลงานแรก")
    assert [w.id for w in window.context.services.works.list()] == [work.id]


def test_the_file_menu_entry_opens_the_same_dialog_and_cancel_makes_nothing(make_window, qtbot, documents):
    window = make_window()
    opened = []

    def cancel():
        dialog = QApplication.activeModalWidget()
        opened.append(type(dialog))
        type_name(qtbot, dialog, "ผลงาน")
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, cancel)
    window.act_new_portfolio.trigger()
    assert opened == [NewPortfolioDialog]
    assert window.context.portfolio is None
    assert os.listdir(documents) == []


@pytest.mark.parametrize("lang", ["th", "en"])
def test_a_folder_that_holds_files_is_refused_inline(qtbot, tmp_path, lang):
    taken = tmp_path / "ผลงาน"
    taken.mkdir()
    (taken / "บันทึก.docx").write_bytes(b"notes")
    dialog = open_dialog(qtbot, lang, place=tmp_path)
    type_name(qtbot, dialog, "ผลงาน")
    expected = tr("error.new_portfolio.target_not_empty", lang, path=str(taken))
    assert dialog.error_label.isVisible() and dialog.error_label.text() == expected
    assert not dialog.preview_label.isVisible()
    assert not dialog.create_button.isEnabled()
    assert has_thai(dialog.error_label.text().replace(str(taken), "")) == (lang == "th")
    settle(qtbot, dialog)
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / f"new_portfolio_refused_{lang}.png"))
    # Another name clears the refusal and shows the folder to be made.
    dialog.name_edit.clear()
    type_name(qtbot, dialog, "ผลงานใหม่")
    assert not dialog.error_label.isVisible()
    assert dialog.preview_label.text() == tr("ui.new_portfolio.will_create", lang, path=str(tmp_path / "ผลงานใหม่"))
    assert dialog.create_button.isEnabled()
    assert os.listdir(taken) == ["บันทึก.docx"]


def test_a_refusal_found_only_at_create_keeps_the_dialog_open(qtbot, tmp_path):
    dialog = open_dialog(qtbot, "th", place=tmp_path)
    type_name(qtbot, dialog, "ผลงาน")
    assert dialog.create_button.isEnabled()
    (tmp_path / "ผลงาน").mkdir()  # someone else fills the folder meanwhile
    (tmp_path / "ผลงาน" / "theirs.txt").write_text("x")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.portfolio is None
    assert dialog.error_label.text() == tr("error.new_portfolio.target_not_empty", "th", path=str(tmp_path / "ผลงาน"))
    assert os.listdir(tmp_path / "ผลงาน") == ["theirs.txt"]


@pytest.mark.parametrize("typed", ["", "   ", "\t"])
def test_create_stays_disabled_while_the_name_is_blank(qtbot, tmp_path, typed):
    dialog = open_dialog(qtbot, "th", place=tmp_path)
    type_name(qtbot, dialog, typed)
    assert not dialog.create_button.isEnabled()
    assert dialog.error_label.text() == "" and dialog.preview_label.text() == ""
    type_name(qtbot, dialog, "ก")
    assert dialog.create_button.isEnabled()


def test_a_missing_place_typed_by_hand_is_refused_inline(qtbot, tmp_path):
    dialog = open_dialog(qtbot, "th", place=tmp_path)
    dialog.place_edit.setText(str(tmp_path / "ไม่มีโฟลเดอร์นี้"))
    type_name(qtbot, dialog, "ผลงาน")
    assert dialog.error_label.text() == tr("error.new_portfolio.place_missing", "th",
                                           path=str(tmp_path / "ไม่มีโฟลเดอร์นี้"))
    dialog.place_edit.clear()
    qtbot.wait(CHECK_DELAY_MS + 50)
    assert dialog.error_label.text() == tr("ui.new_portfolio.place_blank", "th")
    assert not dialog.create_button.isEnabled()
    assert list(tmp_path.iterdir()) == []


def test_the_picker_only_chooses_the_place(qtbot, tmp_path, monkeypatch):
    elsewhere = tmp_path / "ไดรฟ์ D"
    elsewhere.mkdir()
    asked = []

    def pick(parent, title, start):
        asked.append((title, start))
        return str(elsewhere) + "/"

    monkeypatch.setattr(dialog_module.QFileDialog, "getExistingDirectory", staticmethod(pick))
    dialog = open_dialog(qtbot, "th", place=tmp_path)
    type_name(qtbot, dialog, "ผลงาน")
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert asked == [(tr("ui.new_portfolio.choose_title", "th"), str(tmp_path))]
    assert dialog.place_edit.text() == str(elsewhere)
    assert dialog.preview_label.text() == tr("ui.new_portfolio.will_create", "th", path=str(elsewhere / "ผลงาน"))
    assert list(elsewhere.iterdir()) == []  # choosing made nothing


@pytest.mark.parametrize("lang", ["th", "en"])
def test_screenshot_of_the_dialog(qtbot, tmp_path, lang):
    documents = tmp_path / "home" / "somchai" / "Documents"
    documents.mkdir(parents=True)
    dialog = open_dialog(qtbot, lang, place=documents)
    type_name(qtbot, dialog, "แฟ้มผลงานรับใช้สังคม อ.สมชาย 2566/2567")
    assert dialog.preview_label.isVisible() and not dialog.error_label.isVisible()
    settle(qtbot, dialog)
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / f"new_portfolio_{lang}.png"))
