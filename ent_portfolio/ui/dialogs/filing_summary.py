"""The import summary when some of the files were letters that came back:
which scan was filed to which testimonial or activity by its QR code, which
could not be and why, and a warning where the record was edited after the
letter was printed.

It is the import summary itself (what was added, refused, already there),
with the letters below: one window after an import, not two.  Every
sentence is the core's (:meth:`FiledLetter.message`), in the window's
language, so the window says exactly what ``ent-portfolio evidence add``
prints."""

from __future__ import annotations

from ...services.letter_filing import FilingResult, Outcome
from ..qt import QEvent, QFrame, QLabel, QVBoxLayout, QWidget
from ..thaiwrap import ThaiWrapLabel
from .evidence_import import ImportSummary, ImportSummaryDialog

#: A sentence that needs the lecturer's eye (the wording changed, a letter not filed).
WARNING_STYLE = "color: #8a5a00;"


class FiledLettersBox(QFrame):
    """The letters part of the summary: a headline and one line per letter."""

    def __init__(self, filing: FilingResult, lang_of, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filing = filing
        self.lang_of = lang_of
        self.setObjectName("filedLetters")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self.headline = QLabel()
        self.headline.setStyleSheet("font-weight: 600;")
        self.headline.setWordWrap(True)
        layout.addWidget(self.headline)
        self.lines: list[ThaiWrapLabel] = []
        for letter in filing.letters:
            line = ThaiWrapLabel()
            if letter.wording_changed or letter.outcome is not Outcome.FILED:
                line.setStyleSheet(WARNING_STYLE)
            layout.addWidget(line)
            self.lines.append(line)
        self.cancelled_label = ThaiWrapLabel()
        self.cancelled_label.setStyleSheet(WARNING_STYLE)
        self.cancelled_label.setVisible(filing.cancelled)
        layout.addWidget(self.cancelled_label)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        lang = self.lang_of()
        self.headline.setText(self.filing.summary(lang))
        for line, letter in zip(self.lines, self.filing.letters, strict=True):
            mark = "⚠ " if letter.wording_changed or letter.outcome is not Outcome.FILED else "✓ "
            line.setText(mark + letter.message(lang))
        self.cancelled_label.setText(self.tr(
            "You stopped the search for letters' QR codes: no file was filed. Add the files again to file them."))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def texts(self) -> list[str]:
        return [self.headline.text(), *(line.text() for line in self.lines)]


def import_summary_dialog(summary: ImportSummary, filing: FilingResult | None, lang_of, parent=None,
                          link_activities=None) -> ImportSummaryDialog:
    """The import summary, and below it the letters that filed themselves
    (``dialog.letters_box``, None when there were none).  ``lang_of()`` is
    the window's language now: it may change while the summary is open.

    The box is put into the summary rather than the summary subclassed: Qt
    looks a window's words up under its class's name, and a subclass would
    lose the summary's Thai."""
    dialog = ImportSummaryDialog(summary, parent, link_activities)
    dialog.letters_box = None
    add_letters(dialog, filing, lang_of)
    return dialog


def add_letters(dialog: ImportSummaryDialog, filing: FilingResult | None, lang_of) -> FiledLettersBox | None:
    """Put the letters into a summary already open (the import said its
    part while the codes were searched); None when there is nothing to say."""
    if not says_something(filing) or getattr(dialog, "letters_box", None) is not None:
        return None
    dialog.letters_box = FiledLettersBox(filing, lang_of, dialog)
    layout = dialog.layout()
    layout.insertWidget(layout.count() - 1, dialog.letters_box)  # above the OK button
    dialog.adjustSize()
    return dialog.letters_box


def says_something(filing: FilingResult | None) -> bool:
    """Whether the letters part has anything to tell."""
    return filing is not None and bool(filing.letters or filing.cancelled)
