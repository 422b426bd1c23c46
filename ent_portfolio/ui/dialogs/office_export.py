"""File ▸ Export as Word… / Export as Excel…: the write-up as an editable
.docx and the numbers as a workbook, for a committee or a faculty that asks
for Office files rather than the PDF.

The window only gathers the choices (which works, which language, photos or
not, where to save) and runs :mod:`ent_portfolio.services.office_export` in a
job, the same call the command line makes; the core refuses a target inside
the portfolio and writes the file whole or not at all, so a refusal or a
Cancel is one sentence here and no file."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from pathlib import Path

from ...typeset.dates import BE_OFFSET
from .. import open_file as opener
from ..jobs import Job
from ..qt import (
    QAction,
    QCheckBox,
    QComboBox,
    QDialog,
    QEvent,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QObject,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
)
from ..thaiwrap import ThaiWrapLabel, wrap_hints
from ..widgets.job_progress import follow_job
from . import asking
from .job_outcome import JobOutcome
from .new_portfolio import documents_folder

IdRole = Qt.ItemDataRole.UserRole + 1
#: The two Office files, by the suffix the core writes.
FORMATS = ("docx", "xlsx")


def default_office_name(fmt: str, lang: str, today: _dt.date | None = None) -> str:
    """``ผลงาน-2568-05-14.docx`` in Thai (the year as a Thai reader counts
    it), ``EnT-works-2025-05-14.docx`` in English; the workbook likewise."""
    today = today or _dt.date.today()
    stem = {("docx", "th"): "ผลงาน", ("xlsx", "th"): "ตัวเลขผลงาน",
            ("docx", "en"): "EnT-works", ("xlsx", "en"): "EnT-numbers"}[(fmt, "en" if lang == "en" else "th")]
    year = today.year + BE_OFFSET if lang != "en" else today.year
    return f"{stem}-{year:04d}-{today.month:02d}-{today.day:02d}.{fmt}"


def run_office_export(portfolio, fmt: str, out: Path, work_ids: list[str], lang: str, photos: bool,
                      progress=None, cancel=None):
    """The job: the Word file with progress and cancel, or the workbook
    (quick, written in one step: there is no half-way to cancel at)."""
    # Imported by the job, not with the File menu: the Word writer brings the
    # whole dossier (PDF, images, signing), seconds the window's start would wait.
    from ...services.office_export import export_docx, export_xlsx

    if fmt == "docx":
        return export_docx(portfolio, out, work_ids=work_ids, lang=lang, photos=photos, progress=progress,
                           cancel=cancel)
    return export_xlsx(portfolio, out, lang=lang)


class OfficeExportDialog(JobOutcome, QDialog):
    """Choose and export; ``job`` is the running export, ``last_path`` the
    file written (tests follow both)."""

    def __init__(self, context, fmt: str, parent: QWidget | None = None,
                 choose_path: Callable[..., Path | None] | None = None) -> None:
        super().__init__(parent)
        if fmt not in FORMATS:
            raise ValueError(fmt)
        self.context, self.fmt = context, fmt
        self.job: Job | None = None
        self.progress_dialog = None
        self.last_path: Path | None = None
        self.last_result = None
        self.last_error: BaseException | None = None
        self._outcome: tuple[str, object] | None = None  # said again after a language switch
        self.setObjectName(f"officeExport_{fmt}")
        self.setMinimumWidth(640)

        self.intro = ThaiWrapLabel()
        self.intro.setStyleSheet("color: #4a5868;")
        self.works_box = QGroupBox()
        works_layout = QVBoxLayout(self.works_box)
        self.works_list = QListWidget()
        self.works_list.setWordWrap(True)
        self.works_list.itemChanged.connect(lambda _item: self._update_state())
        self.all_button, self.none_button = QPushButton(), QPushButton()
        self.all_button.clicked.connect(lambda: self._tick_all(True))
        self.none_button.clicked.connect(lambda: self._tick_all(False))
        tick_row = QHBoxLayout()
        tick_row.addWidget(self.all_button)
        tick_row.addWidget(self.none_button)
        tick_row.addStretch(1)
        works_layout.addWidget(self.works_list, 1)
        works_layout.addLayout(tick_row)
        self.works_box.setVisible(fmt == "docx")  # the workbook holds every work, one row each

        form = QFormLayout()
        self.language_label = QLabel()
        self.language_combo = QComboBox()
        self.language_combo.addItem("ไทย", "th")  # each language named in itself, as in the menu
        self.language_combo.addItem("English", "en")
        self.language_combo.setCurrentIndex(1 if context.language == "en" else 0)
        form.addRow(self.language_label, self.language_combo)
        self.photos_box = QCheckBox()
        self.photos_box.setVisible(fmt == "docx")
        form.addRow("", self.photos_box)
        self.out_label = QLabel()
        self.out_edit = QLineEdit(str(documents_folder() / default_office_name(fmt, context.language)))
        self.browse_button = QPushButton()
        self.browse_button.clicked.connect(self.choose_output)
        out_row = QHBoxLayout()
        out_row.addWidget(self.out_edit, 1)
        out_row.addWidget(self.browse_button)
        form.addRow(self.out_label, out_row)
        self._choose_path = choose_path or asking.choose_save_path

        self.status_label = ThaiWrapLabel()
        self.status_label.setObjectName("officeExportStatus")
        self.open_file_button, self.open_folder_button = QPushButton(), QPushButton()
        self.open_file_button.clicked.connect(self.open_file)
        self.open_folder_button.clicked.connect(self.open_folder)
        self.export_button = QPushButton()
        self.export_button.setDefault(True)
        self.export_button.setStyleSheet("font-weight: bold;")
        self.export_button.clicked.connect(lambda _checked=False: self.export())
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_file_button)
        buttons.addWidget(self.open_folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.works_box, 1)
        layout.addLayout(form)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)
        context.language_changed.connect(self._language_changed)
        self._fill_works()
        self.retranslateUi()

    @property
    def lang(self) -> str:
        return self.context.language

    # --- choices -------------------------------------------------------------------
    def _fill_works(self) -> None:
        from ..views.evidence import work_title

        ticked = {self.works_list.item(i).data(IdRole): self.works_list.item(i).checkState()
                  for i in range(self.works_list.count())}
        services = self.context.services
        self.works_list.blockSignals(True)
        self.works_list.clear()
        for work in services.works.list() if services is not None else []:
            item = QListWidgetItem(wrap_hints(work_title(work, self.lang)))
            item.setData(IdRole, work.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(ticked.get(work.id, Qt.CheckState.Checked))
            self.works_list.addItem(item)
        self.works_list.blockSignals(False)

    def _tick_all(self, ticked: bool) -> None:
        state = Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        for i in range(self.works_list.count()):
            self.works_list.item(i).setCheckState(state)

    def ticked_work_ids(self) -> list[str]:
        return [self.works_list.item(i).data(IdRole) for i in range(self.works_list.count())
                if self.works_list.item(i).checkState() == Qt.CheckState.Checked]

    def target(self) -> Path | None:
        text = self.out_edit.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        return path if path.suffix.lower() == f".{self.fmt}" else path.with_name(f"{path.name}.{self.fmt}")

    def choose_output(self) -> None:
        chosen = self._choose_path(self, self._save_title(), self.target() or documents_folder(),
                                   self._filter(), f".{self.fmt}")
        if chosen is not None:
            self.out_edit.setText(str(chosen))

    def _update_state(self) -> None:
        busy = self.job is not None
        works = bool(self.ticked_work_ids()) if self.fmt == "docx" else self.works_list.count() > 0
        self.export_button.setEnabled(not busy and works and self.context.services is not None)
        written = self.last_path is not None and self.last_path.exists()
        self.open_file_button.setEnabled(written and not busy)
        self.open_folder_button.setEnabled(written and not busy)
        if self.fmt == "docx" and not busy and self.works_list.count() and not works:
            self._say(self.tr("Tick at least one work to export."))

    # --- export ----------------------------------------------------------------------
    def export(self) -> Job | None:
        """Start the export; the job (None when there is nothing to do)."""
        out = self.target()
        if self.job is not None or out is None or not self.export_button.isEnabled():
            return None
        window = self.parent()
        if window is not None and hasattr(window, "save_now"):
            window.save_now()  # a title typed a moment ago goes into the file
        self.last_error = None
        self._outcome = None
        job = self.context.jobs.start(run_office_export, self.context.portfolio, self.fmt, out,
                                      self.ticked_work_ids(), self.language_combo.currentData(),
                                      self.photos_box.isChecked())
        self.job = job
        self.progress_dialog = follow_job(job, self, self._working_text(), self._action_text().rstrip("…"),
                                          self.tr("Cancel"), on_dismissed=self._forget_progress)
        if self.fmt == "xlsx":
            self.progress_dialog.setCancelButton(None)  # written in one step: a Cancel could not keep its word
        job.succeeded.connect(self._done)
        job.failed.connect(self._failed)
        self._say(self._working_text())
        self._update_state()
        return job

    def _remember(self, result) -> None:
        self.last_path = Path(result.path)

    def _cancelled_text(self) -> str:
        return self.tr("Export cancelled: no file was written.")

    def _done_text(self, result) -> str:
        text = self.tr("Saved: %1").replace("%1", str(result.path))
        if self.fmt == "docx":
            text += "\n" + self.tr("%n work(s)", "", result.works) + ", " + self.tr("%n table(s)", "", result.tables)
            if result.photos:
                text += ", " + self.tr("%n photo(s)", "", result.photos)
        else:
            text += "\n" + self.tr("%n sheet(s)", "", len(result.sheets))
        return text

    def open_file(self) -> bool:
        """The file in the computer's program for it; without one, where it is."""
        if self.last_path is None:
            return False
        if opener.system_open(self.last_path):
            return True
        wants_folder = asking.ask(self, "EnT Portfolio",
                                  self.tr("This computer has no program for this file yet. It is saved at:\n%1")
                                  .replace("%1", str(self.last_path)),
                                  self.tr("Open folder"), asking.close_text(self.lang), warning=True,
                                  selectable=True)
        return wants_folder and opener.open_folder_or_explain(self, self.last_path, self.lang)

    def open_folder(self) -> bool:
        return self.last_path is not None and opener.open_folder_or_explain(self, self.last_path, self.lang)

    # --- language --------------------------------------------------------------------
    def _action_text(self) -> str:
        return self.tr("Export as Word…") if self.fmt == "docx" else self.tr("Export as Excel…")

    def _working_text(self) -> str:
        return self.tr("Writing the Word file…") if self.fmt == "docx" else self.tr("Writing the workbook…")

    def _save_title(self) -> str:
        return self.tr("Save the Word file as") if self.fmt == "docx" else self.tr("Save the workbook as")

    def _filter(self) -> str:
        return self.tr("Word files (*.docx)") if self.fmt == "docx" else self.tr("Excel workbooks (*.xlsx)")

    def _language_changed(self, _lang: str) -> None:
        self._fill_works()
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.setWindowTitle(self._action_text().rstrip("…"))
        if self.fmt == "docx":
            self.intro.setText(self.tr(
                "The write-up of the works as a Word file you and your co-workers can edit: headings, tables "
                "and Thai text as in the dossier. People who did not consent are not named."))
        else:
            self.intro.setText(self.tr(
                "The numbers of the portfolio as an Excel workbook: works, indicators and their measurements, "
                "activities and participants, partners, testimonials and evidence, one sheet each."))
        self.works_box.setTitle(self.tr("Works to include"))
        self.all_button.setText(self.tr("All"))
        self.none_button.setText(self.tr("None"))
        self.language_label.setText(self.tr("Language of the file"))
        self.photos_box.setText(self.tr("Include the evidence photos (as the PDF prints them)"))
        self.out_label.setText(self.tr("Save as"))
        self.browse_button.setText(self.tr("Choose…"))
        self.export_button.setText(self.tr("Export"))
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

    def reject(self) -> None:
        if self.job is not None:  # closing the window while it writes stops the writing
            self.job.cancel()
        super().reject()


class OfficeActions(QObject):
    """The File menu's two Office exports; ``dialog`` is the one open."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window, self.context = window, window.context
        self.dialog: OfficeExportDialog | None = None
        self.act_word = QAction(window)
        self.act_word.setObjectName("fileExportWord")
        self.act_word.triggered.connect(lambda _checked=False: self.open_dialog("docx"))
        self.act_excel = QAction(window)
        self.act_excel.setObjectName("fileExportExcel")
        self.act_excel.triggered.connect(lambda _checked=False: self.open_dialog("xlsx"))
        self.context.language_changed.connect(self.retranslate)
        self.context.portfolio_changed.connect(self.update_enabled)
        self.retranslate()
        self.update_enabled()

    def install(self, menu: QMenu, before: QAction) -> None:
        """Into the File menu, as a group above ``before``."""
        menu.insertAction(before, self.act_word)
        menu.insertAction(before, self.act_excel)
        menu.insertSeparator(before)

    def retranslate(self, _lang: str = "") -> None:
        self.act_word.setText(self.tr("Export as Word…"))
        self.act_excel.setText(self.tr("Export as Excel…"))

    def update_enabled(self) -> None:
        for action in (self.act_word, self.act_excel):
            action.setEnabled(self.context.portfolio is not None)

    def open_dialog(self, fmt: str) -> OfficeExportDialog | None:
        if self.context.portfolio is None:
            return None
        self.dialog = OfficeExportDialog(self.context, fmt, self.window)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.destroyed.connect(lambda _obj=None, d=self.dialog: self._forget(d))
        self.dialog.show()
        return self.dialog

    def _forget(self, dialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
