"""What a page shows while it has nothing to show: one sentence saying what
to do first and a button that does it.  A lecturer on a new portfolio meets
these pages first; none of them may be a dead end."""

from __future__ import annotations

from collections.abc import Callable

from ..qt import QPushButton, Qt, QVBoxLayout, QWidget
from ..thaiwrap import ThaiWrapLabel

#: The navigation target that opens the works page and starts a new work:
#: the first thing to do on pages whose records belong to a work.
NEW_WORK_TARGET = ("works", "", "new")


class EmptyState(QWidget):
    """A sentence and a button, centred; the page sets both texts in its
    ``retranslateUi`` and shows this in place of its (empty) list."""

    def __init__(self, action: Callable[[], None], parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.sentence = ThaiWrapLabel()
        self.sentence.setObjectName("emptySentence")
        self.sentence.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sentence.setStyleSheet("color: #4a5868; font-size: 12pt;")
        self.button = QPushButton()
        self.button.setObjectName("emptyAction")
        self.button.clicked.connect(lambda: action())
        layout.addWidget(self.sentence)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def set_texts(self, sentence: str, button: str) -> None:
        self.sentence.setText(sentence)
        self.button.setText(button)
