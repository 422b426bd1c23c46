"""The new-portfolio dialog: a name, a place, and the folder that will be
made, shown before anything is written.

A lecturer thinks "a portfolio called …, kept in my Documents", not "an
empty folder"; asked for an empty folder through a file dialog, they type a
new name and are told it does not exist.  Here the folder picker only
chooses the place; the core (:mod:`ent_portfolio.storage.new_portfolio`)
derives the folder, says why a place will not do, and makes the portfolio,
so this module only shows what it says.  Its words are in the app's
catalogue beside the core's sentences it shows, in the window's language."""

from __future__ import annotations

import os
from pathlib import Path

from ...errors import UserError
from ...i18n import register
from ...i18n import tr as message  # not `tr(`: Qt's string extractor would take these keys for its own
from ...storage.new_portfolio import create_named_portfolio, default_parent, plan_new_portfolio
from ...storage.portfolio import Portfolio
from ..common import error_text
from ..qt import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStandardPaths,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from ..thaiwrap import ThaiWrapLabel

register({
    "ui.new_portfolio.title": ("สร้างแฟ้มผลงานใหม่", "New portfolio"),
    "ui.new_portfolio.intro": (
        "ตั้งชื่อแฟ้มผลงาน แล้วเลือกที่เก็บ โปรแกรมจะสร้างโฟลเดอร์ชื่อนั้นให้ ไม่ต้องสร้างโฟลเดอร์เอง",
        "Give the portfolio a name and choose where to keep it: a folder of that name is made for you.",
    ),
    "ui.new_portfolio.name": ("ชื่อแฟ้มผลงาน", "Portfolio name"),
    "ui.new_portfolio.name_hint": ("เช่น แฟ้มผลงานรับใช้สังคม อ.สมชาย", "e.g. Community engagement, Dr Somchai"),
    "ui.new_portfolio.place": ("เก็บไว้ที่", "Keep it in"),
    "ui.new_portfolio.choose": ("เลือก…", "Choose…"),
    "ui.new_portfolio.place_blank": ("โปรดเลือกที่เก็บแฟ้มผลงาน", "Choose where to keep the portfolio."),
    "ui.new_portfolio.choose_title": ("เลือกที่เก็บแฟ้มผลงานใหม่", "Choose where to keep the new portfolio"),
    "ui.new_portfolio.will_create": ("จะสร้างโฟลเดอร์: {path}", "Will create the folder: {path}"),
    "ui.new_portfolio.will_use": ("จะใช้โฟลเดอร์ว่างที่มีอยู่แล้ว: {path}", "Will use the existing empty folder: {path}"),
    "ui.new_portfolio.create": ("สร้างแฟ้มผลงาน", "Create portfolio"),
    "ui.new_portfolio.cancel": ("ยกเลิก", "Cancel"),
})

#: How long typing may pause before the place is checked again: the check
#: writes and removes a probe folder, which a network drive makes slow.
CHECK_DELAY_MS = 250


def documents_folder() -> Path:
    """The place offered first: the Documents folder Qt knows for this
    system (links resolved: the core refuses a link as the place), else the
    core's own guess."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if found and os.path.isdir(found):
        return Path(os.path.realpath(found))
    return default_parent()


class NewPortfolioDialog(QDialog):
    """Asks for a name and a place; on Create makes the portfolio and keeps
    it in :attr:`portfolio` (open for writing), or says inline why not."""

    def __init__(self, lang: str, parent: QWidget | None = None, place: Path | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.portfolio: Portfolio | None = None
        self.setWindowTitle(self._text("title"))
        self.setMinimumWidth(620)

        intro = ThaiWrapLabel(self._text("intro"))
        intro.setLineHeight(120)  # room for the marks above the first line
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self._text("name_hint"))
        self.place_edit = QLineEdit(str(place or documents_folder()))
        self.choose_button = QPushButton(self._text("choose"))
        self.choose_button.clicked.connect(self.choose_place)
        place_row = QHBoxLayout()
        place_row.addWidget(self.place_edit, 1)
        place_row.addWidget(self.choose_button)

        form = QFormLayout()
        self.name_label = QLabel(self._text("name"))
        self.place_label = QLabel(self._text("place"))
        self.name_label.setBuddy(self.name_edit)
        self.place_label.setBuddy(self.place_edit)
        form.addRow(self.name_label, self.name_edit)
        form.addRow(self.place_label, place_row)

        self.preview_label = ThaiWrapLabel()
        self.preview_label.setStyleSheet("color: #4a5868;")
        self.error_label = ThaiWrapLabel()
        self.error_label.setStyleSheet("color: #b3261e;")

        self.buttons = QDialogButtonBox()
        self.create_button = self.buttons.addButton(self._text("create"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(self._text("cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.create_button.setDefault(True)
        self.buttons.accepted.connect(self.create)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.check)
        self.name_edit.textChanged.connect(self._changed)
        self.place_edit.textChanged.connect(self._changed)
        self.name_edit.setFocus()
        self.check()

    def _text(self, key: str, **params: object) -> str:
        return message(f"ui.new_portfolio.{key}", self.lang, **params)

    def _changed(self) -> None:
        # Blank is known at once; the place is looked at when typing pauses.
        self.create_button.setEnabled(bool(self.name_edit.text().strip()))
        self._check_timer.start()

    def place(self) -> Path:
        """The place as typed; a relative one is taken from the home folder
        (the app's working folder means nothing to the lecturer)."""
        typed = Path(os.path.expanduser(self.place_edit.text().strip()))
        return typed if typed.is_absolute() else Path.home() / typed

    def check(self) -> bool:
        """Show the folder that would be made, or why it will not be."""
        self._check_timer.stop()
        name = self.name_edit.text()
        if not name.strip():
            self._show(preview="", error="")
            return False
        if not self.place_edit.text().strip():
            self._show(preview="", error=self._text("place_blank"))
            return False
        try:
            plan = plan_new_portfolio(name, self.place())
        except UserError as exc:
            self._show(preview="", error=exc.message(self.lang))
            return False
        self._show(preview=self._text("will_use" if plan.folder_exists else "will_create", path=str(plan.folder)),
                   error="")
        return True

    def _show(self, preview: str, error: str) -> None:
        self.preview_label.setText(preview)
        self.preview_label.setVisible(bool(preview))
        self.error_label.setText(error)
        self.error_label.setVisible(bool(error))
        self.create_button.setEnabled(bool(self.name_edit.text().strip()) and not error)
        self._fit_height()

    def _fit_height(self) -> None:
        # A window does not follow its wrapped labels' height by itself: a
        # long path or sentence would lose its last line.
        needed = self.layout().heightForWidth(self.width()) if self.layout() is not None else -1
        if needed > 0:
            self.setMinimumHeight(needed)
            if self.height() < needed:
                self.resize(self.width(), needed)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_height()

    def choose_place(self) -> None:
        start = self.place() if self.place().is_dir() else documents_folder()
        chosen = QFileDialog.getExistingDirectory(self, self._text("choose_title"), str(start))
        if chosen:
            self.place_edit.setText(os.path.normpath(chosen))
            self.check()

    def create(self) -> None:
        """Make the portfolio; a refusal stays in the dialog, inline."""
        if not self.check():
            return
        try:
            self.portfolio = create_named_portfolio(self.name_edit.text(), self.place())
        except Exception as exc:  # a UserError says what to do; anything else is one line, not a traceback
            self._show(preview="", error=error_text(exc, self.lang))
            return
        self.accept()


def ask_for_new_portfolio(lang: str, parent: QWidget | None = None) -> Portfolio | None:
    """The new portfolio the lecturer made, open for writing, or None when
    they cancelled."""
    dialog = NewPortfolioDialog(lang, parent)
    try:
        dialog.exec()
        return dialog.portfolio
    finally:
        dialog.deleteLater()
