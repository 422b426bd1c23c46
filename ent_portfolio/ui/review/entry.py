"""The ways into reviewer mode from the main window: File ▸ "Open a package
for review…" and a line on the start screen for a committee member, who
has no portfolio of their own to open.

Each reviewer window is its own top-level window sharing the main window's
context (its language and job runner); the main window keeps them so they
live as long as they are open."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..dialogs import asking
from ..dialogs.new_portfolio import documents_folder
from ..qt import QAction, QObject, QPushButton, Qt

if TYPE_CHECKING:
    # The reviewer's window (and the PDF renderer under its page view) is
    # imported when a package is opened, not with the main window.
    from .window import ReviewWindow


class ReviewEntry(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.context = window.context
        self.windows: list[ReviewWindow] = []
        self.action = QAction(window)
        self.action.setObjectName("openForReview")
        self.action.triggered.connect(lambda _checked=False: self.choose_and_open())
        self._install_in_menu(window.menu_file)
        self.start_button = QPushButton()
        self.start_button.setObjectName("openForReviewStart")
        self.start_button.setFlat(True)
        self.start_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.start_button.setStyleSheet("QPushButton { color: #1f5fa8; text-decoration: underline; }")
        self.start_button.clicked.connect(lambda: self.choose_and_open())
        layout = window.welcome.layout()
        # Below the three ways in, above the closing stretch.
        layout.insertWidget(layout.count() - 1, self.start_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.context.language_changed.connect(lambda _lang: self.retranslate())
        self.retranslate()

    def _install_in_menu(self, menu) -> None:
        """Right after "Open a package to check…" (the verdict alone), else above Quit."""
        actions = menu.actions()
        check = getattr(getattr(self.window, "file_actions", None), "act_open_package", None)
        if check in actions and actions.index(check) + 1 < len(actions):
            menu.insertAction(actions[actions.index(check) + 1], self.action)
        else:
            menu.insertAction(self.window.act_quit, self.action)

    def choose_and_open(self) -> ReviewWindow | None:
        chosen = asking.choose_open_path(self.window, self.tr("Choose the evidence package (.zip) to assess"),
                                         documents_folder(), self.tr("Evidence packages (*.zip);;All files (*)"))
        return self.open(chosen) if chosen is not None else None

    def open(self, package: Path) -> ReviewWindow:
        from .window import ReviewWindow

        review = ReviewWindow(package, self.context)
        review.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        review.destroyed.connect(lambda _obj=None, w=review: self._forget(w))
        self.windows.append(review)
        review.show()
        return review

    def _forget(self, review: ReviewWindow) -> None:
        if review in self.windows:
            self.windows.remove(review)

    def retranslate(self) -> None:
        self.action.setText(self.tr("Open a package for review…"))
        self.start_button.setText(self.tr("A committee member? Open a package for review…"))
