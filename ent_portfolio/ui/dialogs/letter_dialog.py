"""Printing a letter for a partner to sign — a testimonial's certification of
use or testimonial letter, or an activity's photo consent form — from the
testimonial page and the work's activities.

The window only gathers the choices (the letter's language, Thai digits,
where to save) and shows the paragraphs that will print; the letter itself
is written by :func:`ent_portfolio.dossier.letters.write_letter` in a job,
the same call ``ent-portfolio letter`` makes, so a refused target is the
core's one sentence here and no file.  Which letter a testimonial gets is
the core's decision too (its own kind), never a choice that could print a
certification for a testimonial."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from pathlib import Path

from ...dossier.letters import CONSENT, document_code, letter_for, letter_kind_for_testimonial, write_letter
from ...errors import UserError
from ...typeset.dates import BE_OFFSET
from .. import open_file as opener
from ..jobs import Job
from ..qt import (
    QCheckBox,
    QComboBox,
    QDialog,
    QEvent,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
)
from ..thaiwrap import ThaiWrapLabel
from ..widgets.job_progress import follow_job
from . import asking
from .job_outcome import JobOutcome
from .new_portfolio import documents_folder

#: The first words of a letter's file name, by letter kind and language.
_FILE_STEMS = {
    ("certification", "th"): "หนังสือรับรองการใช้ประโยชน์", ("certification", "en"): "certification-of-use",
    ("testimonial", "th"): "หนังสือคำรับรอง", ("testimonial", "en"): "testimonial-letter",
    (CONSENT, "th"): "แบบยินยอมบุคคลในภาพ", (CONSENT, "en"): "photo-consent-form",
}
#: Characters no file name may hold on one system or another.
_NOT_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
_NAME_CHARS = 40


def default_letter_name(kind: str, about: str, lang: str, today: _dt.date | None = None) -> str:
    """``หนังสือรับรองการใช้ประโยชน์-นายอุดม ปัญญาวงศ์-2568-05-14.pdf``: what
    the letter is, for whom, and the day (the Buddhist-era year in Thai)."""
    today = today or _dt.date.today()
    lang = "en" if lang == "en" else "th"
    year = today.year + BE_OFFSET if lang == "th" else today.year
    who = " ".join(_NOT_IN_NAMES.sub(" ", about or "").split())[:_NAME_CHARS].strip(" .")
    parts = [_FILE_STEMS[(kind, lang)], who, f"{year:04d}-{today.month:02d}-{today.day:02d}"]
    return "-".join(p for p in parts if p) + ".pdf"


def run_write_letter(portfolio, kind: str, record_id: str, out: Path, lang: str, thai_digits: bool,
                     progress=None, cancel=None):
    """The job: one page or two, written whole in one step (nothing to cancel half-way)."""
    return write_letter(portfolio, kind, record_id, out, lang=lang, thai_digits=thai_digits)


class LetterDialog(JobOutcome, QDialog):
    """The letter of one record.  ``job`` is the running print,
    ``last_result`` what it wrote, ``last_error`` why it did not (tests
    follow them)."""

    def __init__(self, context, kind: str, record_id: str, about: str, parent: QWidget | None = None,
                 choose_path: Callable[..., Path | None] | None = None) -> None:
        super().__init__(parent)
        self.context, self.kind, self.record_id, self.about = context, kind, record_id, about
        self.job: Job | None = None
        self.progress_dialog = None
        self.last_result = None
        self.last_error: BaseException | None = None
        self._outcome: tuple[str, object] | None = None  # said again after a language switch
        self._choose_path = choose_path or asking.choose_save_path
        self.setObjectName("letterDialog")
        self.setMinimumWidth(680)

        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.heading.setWordWrap(True)
        self.intro = ThaiWrapLabel()
        self.intro.setStyleSheet("color: #4a5868;")
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("letterPreviewText")
        self.preview.setReadOnly(True)
        self.preview.setMinimumHeight(220)

        form = QFormLayout()
        self.language_label = QLabel()
        self.language_combo = QComboBox()
        self.language_combo.addItem("ไทย", "th")  # each language named in itself, as in the menu
        self.language_combo.addItem("English", "en")
        self.language_combo.currentIndexChanged.connect(lambda _i: self._letter_choices_changed())
        form.addRow(self.language_label, self.language_combo)
        self.thai_digits_box = QCheckBox()
        self.thai_digits_box.toggled.connect(lambda _on: self._letter_choices_changed())
        form.addRow("", self.thai_digits_box)
        self.out_label = QLabel()
        self.out_edit = QLineEdit(str(documents_folder() / default_letter_name(kind, about, "th")))
        self.out_edit.textChanged.connect(lambda _t: self._update_state())
        self.browse_button = QPushButton()
        self.browse_button.clicked.connect(self.choose_output)
        out_row = QHBoxLayout()
        out_row.addWidget(self.out_edit, 1)
        out_row.addWidget(self.browse_button)
        form.addRow(self.out_label, out_row)

        self.status_label = ThaiWrapLabel()
        self.status_label.setObjectName("letterStatus")
        self.open_file_button, self.open_folder_button = QPushButton(), QPushButton()
        self.open_file_button.clicked.connect(self.open_file)
        self.open_folder_button.clicked.connect(self.open_folder)
        self.print_button = QPushButton()
        self.print_button.setObjectName("writeLetterButton")
        self.print_button.setDefault(True)
        self.print_button.setStyleSheet("font-weight: bold;")
        self.print_button.clicked.connect(lambda _checked=False: self.write())
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_file_button)
        buttons.addWidget(self.open_folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.preview, 1)
        layout.addLayout(form)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)
        context.language_changed.connect(lambda _lang: self.retranslateUi())
        self.retranslateUi()
        self._show_letter()

    @property
    def lang(self) -> str:
        return self.context.language

    def letter_lang(self) -> str:
        return self.language_combo.currentData()

    # --- choices -------------------------------------------------------------------
    def _letter_choices_changed(self) -> None:
        # The suggested name follows the letter's language until the lecturer picks a place.
        suggested = {str(documents_folder() / default_letter_name(self.kind, self.about, lang))
                     for lang in ("th", "en")}
        if self.out_edit.text() in suggested:
            self.out_edit.setText(str(documents_folder() / default_letter_name(self.kind, self.about,
                                                                               self.letter_lang())))
        self._show_letter()

    def _show_letter(self) -> None:
        """The heading and the paragraphs as they will print (read from the records, nothing written)."""
        try:
            letter = letter_for(self.context.portfolio, self.kind, self.record_id, lang=self.letter_lang(),
                                thai_digits=self.thai_digits_box.isChecked())
        except UserError as exc:  # the record was deleted meanwhile: say so, print nothing
            self.heading.setText("")
            self.preview.setPlainText("")
            self.last_error = exc
            self._outcome = ("failed", exc)
            self._say_outcome()
            self.print_button.setEnabled(False)
            return
        self.heading.setText(f"{letter.title} — {self.about}" if self.about else letter.title)
        self.preview.setPlainText("\n\n".join(letter.blocks))
        self._update_state()

    def target(self) -> Path | None:
        text = self.out_edit.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        return path if path.suffix.lower() == ".pdf" else path.with_name(f"{path.name}.pdf")

    def choose_output(self) -> None:
        chosen = self._choose_path(self, self.tr("Save the letter as"), self.target() or documents_folder(),
                                   self.tr("PDF files (*.pdf)"), ".pdf")
        if chosen is not None:
            self.out_edit.setText(str(chosen))

    def _update_state(self) -> None:
        busy = self.job is not None
        printable = self.heading.text() != "" and self.context.portfolio is not None
        self.print_button.setEnabled(not busy and printable and self.target() is not None)
        written = self.last_result is not None and Path(self.last_result.path).exists()
        self.open_file_button.setEnabled(written and not busy)
        self.open_folder_button.setEnabled(written and not busy)

    # --- writing -------------------------------------------------------------------
    def write(self) -> Job | None:
        """Start writing the letter; the job (None when there is nothing to do)."""
        out = self.target()
        if self.job is not None or out is None or not self.print_button.isEnabled():
            return None
        window = self.parent()
        if window is not None and hasattr(window, "save_now"):
            window.save_now()  # a name typed a moment ago goes into the letter
        self._show_letter()
        self.last_error = None
        self._outcome = None
        job = self.context.jobs.start(run_write_letter, self.context.portfolio, self.kind, self.record_id, out,
                                      self.letter_lang(), self.thai_digits_box.isChecked())
        self.job = job
        self.progress_dialog = follow_job(job, self, self.tr("Writing the letter…"), self.tr("Print the letter"),
                                          self.tr("Cancel"), on_dismissed=self._forget_progress)
        self.progress_dialog.setCancelButton(None)  # written in one step: a Cancel could not keep its word
        job.succeeded.connect(self._done)
        job.failed.connect(self._failed)
        self._say(self.tr("Writing the letter…"))
        self._update_state()
        return job

    def _done_text(self, result) -> str:
        return (self.tr("Saved: %1").replace("%1", str(result.path)) + "\n"
                + self.tr("%n page(s), document code %1", "", result.pages).replace("%1", document_code(result.code))
                + "\n" + self.tr("Print it and have it signed; then scan or photograph the signed letter "
                                 "and add it on the evidence page: its QR code files it to this record."))

    def open_file(self) -> bool:
        return self.last_result is not None and opener.open_pdf_or_explain(self, Path(self.last_result.path),
                                                                           self.lang)

    def open_folder(self) -> bool:
        return self.last_result is not None and opener.open_folder_or_explain(self, Path(self.last_result.path),
                                                                              self.lang)

    # --- language --------------------------------------------------------------------
    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Print the letter"))
        if self.kind == CONSENT:
            self.intro.setText(self.tr(
                "The consent form of the people in this activity's photos, filled in from the records. Each "
                "page carries a QR code: when the signed form is scanned or photographed and added on the "
                "evidence page, it files itself to this activity."))
        else:
            self.intro.setText(self.tr(
                "The letter for the partner to sign, filled in from the records. Each page carries a QR code: "
                "when the signed letter is scanned or photographed and added on the evidence page, it files "
                "itself to this testimonial."))
        self.language_label.setText(self.tr("Language of the letter"))
        self.thai_digits_box.setText(self.tr("Thai digits (๐–๙)"))
        self.out_label.setText(self.tr("Save as"))
        self.browse_button.setText(self.tr("Choose…"))
        self.print_button.setText(self.tr("Save the letter"))
        self.close_button.setText(self.tr("Close"))
        self.open_file_button.setText(self.tr("Open file"))
        self.open_folder_button.setText(self.tr("Open folder"))
        self.status_label.setText("")
        self._say_outcome()
        self._update_state()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)


def open_testimonial_letter(context, testimonial_id: str, parent: QWidget | None = None) -> LetterDialog | None:
    """The letter dialog of a testimonial (its kind decides which letter); None when it is gone."""
    try:
        kind = letter_kind_for_testimonial(context.portfolio, testimonial_id)
    except UserError as exc:
        context.report_error(exc)
        return None
    testimonial = context.services.testimonials.find(testimonial_id)
    about = testimonial.person_name or testimonial.organisation if testimonial is not None else ""
    return _show(LetterDialog(context, kind, testimonial_id, about, parent))


def open_consent_form(context, activity_id: str, parent: QWidget | None = None) -> LetterDialog | None:
    """The photo consent form dialog of an activity; None when it is gone."""
    activity = context.services.activities.find(activity_id)
    if activity is None:
        context.report_error(UserError("letter.unknown_activity", ident=str(activity_id)[:80]))
        return None
    return _show(LetterDialog(context, CONSENT, activity_id, activity.title, parent))


def _show(dialog: LetterDialog) -> LetterDialog:
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


class ConsentFormButton(QPushButton):
    """“Print the photo consent form…” beside a work's activities' Add /
    Edit / Delete, for the activity selected in the table."""

    def __init__(self, table) -> None:
        super().__init__(table)
        self.table = table
        self.dialog: LetterDialog | None = None
        self.setObjectName("consentFormButton")
        self.clicked.connect(lambda _checked=False: self.open_dialog())
        table.table.itemSelectionChanged.connect(self._update_enabled)
        self.retranslateUi()
        self._update_enabled()

    def selected_activity_id(self) -> str | None:
        row = self.table.table.currentRow()
        selected = self.table.table.selectionModel().hasSelection()
        return self.table.records[row].id if selected and 0 <= row < len(self.table.records) else None

    def _update_enabled(self) -> None:
        self.setEnabled(self.selected_activity_id() is not None)

    def open_dialog(self) -> LetterDialog | None:
        activity_id = self.selected_activity_id()
        if activity_id is None or self.table.context.portfolio is None:
            return None
        self.dialog = open_consent_form(self.table.context, activity_id, self.window())
        return self.dialog

    def retranslateUi(self) -> None:
        self.setText(self.tr("Print the photo consent form…"))
        self.setToolTip(self.tr("For the activity selected above: the form the people in its photos sign"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)


def add_consent_form_button(table) -> ConsentFormButton:
    """Put the button at the end of ``table``'s row of buttons."""
    button = ConsentFormButton(table)
    row = next(table.layout().itemAt(i).layout() for i in range(table.layout().count())
               if table.layout().itemAt(i).layout() is not None
               and table.layout().itemAt(i).layout().indexOf(table.add_button) >= 0)
    row.insertWidget(row.count() - 1, button)  # before the row's closing stretch
    table.consent_form_button = button
    return button
