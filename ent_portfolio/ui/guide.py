"""Help ▸ User's guide: a short guide to the first hour, shipped with the app.

A lecturer on a new laptop may have no network and no browser set up, so
the guide is an HTML file in ``resources/guide/`` shown in a window of the
app itself; it links only to its own headings."""

from __future__ import annotations

from pathlib import Path

from ..i18n import register
from ..i18n import tr as message
from ..resources import resource_path
from .dialogs.asking import close_text
from .qt import QAction, QDialog, QDialogButtonBox, QTextBrowser, QUrl, QVBoxLayout, QWidget

# (``message`` is i18n's tr: Qt's lupdate would read a call named tr as a string of Qt's own catalogue.)
register({
    "ui.guide.action": ("คู่มือการใช้งาน", "User's guide"),
    "ui.guide.title": ("คู่มือการใช้งาน EnT Portfolio", "EnT Portfolio user's guide"),
    "ui.guide.missing": (
        "ไม่พบไฟล์คู่มือ “{path}” ในโปรแกรมที่ติดตั้ง โปรดติดตั้งโปรแกรมใหม่",
        "The guide “{path}” is missing from this installation; please reinstall the app.",
    ),
})


def guide_file(lang: str) -> Path:
    return resource_path("guide", f"guide_{lang}.html")


class GuideWindow(QDialog):
    """The guide in the reader's language; follows a language switch."""

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideWindow")
        self.context = context
        self.resize(820, 760)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setObjectName("guideText")
        # Headings only: nothing here may reach for the network or another program.
        self.browser.setOpenExternalLinks(False)
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox()
        self.close_button = buttons.addButton(close_text(context.language),
                                              QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        context.language_changed.connect(self.load)
        self.load()

    def load(self, _lang: str = "") -> None:
        lang = self.context.language
        self.setWindowTitle(message("ui.guide.title", lang))
        self.close_button.setText(close_text(lang))
        path = guide_file(lang)
        if path.is_file():
            self.browser.setSource(QUrl.fromLocalFile(str(path)))
        else:
            self.browser.setPlainText(message("ui.guide.missing", lang, path=str(path)))


class GuideAction(QAction):
    """Help ▸ User's guide; one guide window, raised again if already open."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.setObjectName("helpGuide")
        self.window_ = window
        self.context = window.context
        self.guide: GuideWindow | None = None
        self.triggered.connect(self.show_guide)
        self.context.language_changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, _lang: str = "") -> None:
        self.setText(message("ui.guide.action", self.context.language))

    def show_guide(self) -> GuideWindow:
        if self.guide is None:
            self.guide = GuideWindow(self.context, self.window_)
        self.guide.show()
        self.guide.raise_()
        self.guide.activateWindow()
        return self.guide


def add_guide_action(window) -> GuideAction:
    """First in the Help menu."""
    action = GuideAction(window)
    menu = window.menu_help
    first = menu.actions()[0] if menu.actions() else None
    menu.insertAction(first, action)
    return action
