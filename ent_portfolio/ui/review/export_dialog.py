""""Export the assessment…": the reviewer's Thai assessment form as PDF or
Word, the PDF signed with the reviewer's own identity when they choose one.

The form is written by the core (:func:`~ent_portfolio.review.form.
write_assessment`, what ``ent-portfolio review --export`` calls) in a
worker; the identity is chosen and unlocked in the same signing group as
the lecturer's dossier (:class:`~..widgets.signing_box.SigningBox`), its
passphrase going from the field to the core and nowhere else."""

from __future__ import annotations

import os
from pathlib import Path

from ..common import error_text
from ..dialogs import asking
from ..dialogs.new_portfolio import documents_folder
from ..open_file import system_open
from ..qt import QDialog, QHBoxLayout, QPushButton, QRadioButton, QVBoxLayout
from ..thaiwrap import ThaiWrapLabel
from ..widgets.signing_box import SigningBox

SUFFIXES = {"pdf": ".pdf", "word": ".docx"}


def write_form(review, package, out: Path, identity=None, progress=None, cancel=None) -> Path:
    """The job that writes the form (worker thread)."""
    from ...review.form import write_assessment

    return write_assessment(review, package, out, sign_with=identity)


class ExportDialog(QDialog):
    def __init__(self, context, review, package, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.review = review
        self.package = package
        self.job = None
        self.written: Path | None = None
        self.hint = ThaiWrapLabel()
        self.pdf_button = QRadioButton()
        self.word_button = QRadioButton()
        self.pdf_button.setChecked(True)
        self.pdf_button.toggled.connect(lambda _on: self._update_buttons())
        formats = QHBoxLayout()
        formats.addWidget(self.pdf_button)
        formats.addWidget(self.word_button)
        formats.addStretch(1)
        self.signing_box = SigningBox(context, self)
        self.signing_box.sign_requested.connect(self.export)
        self.export_button = QPushButton()
        self.export_button.setMinimumHeight(34)
        self.export_button.clicked.connect(lambda: self.export(None))
        self.status = ThaiWrapLabel()
        self.open_button = QPushButton()
        self.open_button.setVisible(False)
        self.open_button.clicked.connect(lambda: self.written is not None and system_open(self.written))
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addWidget(self.signing_box.export_button)
        row.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.open_button)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(formats)
        layout.addWidget(self.signing_box)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addLayout(bottom)
        # After the box's own retranslation, which names its button for the dossier.
        context.language_changed.connect(lambda _lang: self.retranslate())
        self.retranslate()
        self.resize(640, 360)

    @property
    def lang(self) -> str:
        return self.context.language

    def chosen_format(self) -> str:
        return "pdf" if self.pdf_button.isChecked() else "word"

    def _suggested(self) -> Path:
        folder = self.package.path.parent
        if not os.access(folder, os.W_OK):
            folder = documents_folder()
        return folder / (self.package.path.stem + self.tr("-assessment") + SUFFIXES[self.chosen_format()])

    def export(self, identity=None):
        """Ask where, then write the form (signed with ``identity`` when given)."""
        if self.job is not None:
            return None
        kind = self.chosen_format()
        file_filter = self.tr("PDF files (*.pdf)") if kind == "pdf" else self.tr("Word files (*.docx)")
        out = asking.choose_save_path(self, self.tr("Save the assessment form as"), self._suggested(), file_filter,
                                      SUFFIXES[kind])
        if out is None:
            return None
        job = self.context.jobs.start(write_form, self.review, self.package, out, identity)
        self.job = job
        self.status.setText(self.tr("Writing the assessment form…"))
        job.succeeded.connect(self._written)
        job.failed.connect(lambda exc: self.status.setText(error_text(exc, self.lang)))
        job.finished.connect(self._job_done)
        self._update_buttons()
        return job

    def _job_done(self) -> None:
        self.job = None
        self._update_buttons()

    def _written(self, path: Path) -> None:
        self.written = Path(path)
        self.status.setText(self.tr("Saved: %1").replace("%1", str(path)))
        self.open_button.setVisible(True)

    def _update_buttons(self) -> None:
        idle = self.job is None
        self.export_button.setEnabled(idle)
        # Only a PDF carries a signature a reviewer's reader can check.
        self.signing_box.set_export_allowed(idle and self.chosen_format() == "pdf")

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Export the assessment"))
        self.hint.setText(self.tr(
            "The Thai assessment form committees use: each work's title, the level you give, your reasons per "
            "criterion, the reviewer and the date. Sign the PDF with your own identity if you have one."))
        self.pdf_button.setText(self.tr("PDF"))
        self.word_button.setText(self.tr("Word (.docx)"))
        self.export_button.setText(self.tr("Export without signing…"))
        self.signing_box.export_button.setText(self.tr("Export signed PDF…"))
        self.open_button.setText(self.tr("Open file"))
        self.close_button.setText(self.tr("Close"))
        self._update_buttons()
