"""The evidence page: every photo, scan and document as a thumbnail grid,
filtered by work; drop files or folders on it to import them into the
selected work; double-click one to see it up close and describe it.

What was just imported then goes through jobs of its own, one after the
other, each with its progress and Cancel: the letters among the files are
filed to their testimonial or activity by their QR code
(:func:`file_letters`, first: a photographed letter is a scan from then on,
with no faces to look for); the photos are looked at — their faces and
perceptual hash, by :func:`analyse_photos` — so the grid's badges and the
dossier's blurring know them without the lecturer asking; and the scans'
text is read (:func:`recognise_scans`) so that search finds words inside
them.  Cancelling one step leaves its work for the next import and goes on
with the next step."""

from __future__ import annotations

from pathlib import Path

from ..dialogs.evidence_detail import EvidenceDetailDialog, open_with_system
from ..dialogs.evidence_import import ImportSummary, import_files
from ..dialogs.filing_summary import add_letters, import_summary_dialog, says_something
from ..models.evidence_model import EvidenceListModel
from ..qt import (
    QComboBox,
    QEvent,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QItemSelectionModel,
    QKeySequence,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QShortcut,
    Qt,
    QVBoxLayout,
    QWidget,
    isValid,
)
from ..thaiwrap import ThaiWrapLabel
from ..widgets.empty_state import NEW_WORK_TARGET, EmptyState
from ..widgets.evidence_grid import EvidenceGrid
from ..widgets.job_progress import follow_job


def work_title(work, lang: str) -> str:
    if lang == "en" and work.title_en:
        return work.title_en
    return work.title_th or work.title_en


class EvidenceView(QWidget):
    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = EvidenceListModel(context, self)
        self.import_job = None
        self.progress_dialog: QProgressDialog | None = None
        self.summary_dialog = None
        self.last_summary: ImportSummary | None = None
        self.filing_job = None
        self.last_filing = None
        self.analysis_job = None
        self.last_analysis = None
        self.scan_text_job = None
        self.last_scan_text = None

        self.work_label = QLabel()
        self.work_combo = QComboBox()
        self.work_combo.setMinimumContentsLength(20)
        self.work_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.work_combo.currentIndexChanged.connect(self._work_chosen)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.choose_files)
        self.details_button = QPushButton()
        self.details_button.clicked.connect(self.open_details)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_original)
        self.delete_button = QPushButton()
        self.delete_button.clicked.connect(self.delete_selected)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: #4a5868;")
        self.analysis_label = QLabel()
        self.analysis_label.setStyleSheet("color: #4a5868;")

        bar = QHBoxLayout()
        bar.addWidget(self.work_label)
        bar.addWidget(self.work_combo, 1)
        bar.addWidget(self.add_button)
        bar.addSpacing(12)
        bar.addWidget(self.details_button)
        bar.addWidget(self.open_button)
        bar.addWidget(self.delete_button)

        self.hint_label = ThaiWrapLabel()
        self.hint_label.setStyleSheet("color: #4a5868;")
        hint_row = QHBoxLayout()
        hint_row.addWidget(self.hint_label, 1)
        hint_row.addWidget(self.analysis_label)
        hint_row.addWidget(self.count_label)
        # What reading the scans' text found, or what to install to read it.
        self.scan_text_label = ThaiWrapLabel()
        self.scan_text_label.setObjectName("scanTextNote")
        self.scan_text_label.setStyleSheet("color: #4a5868;")
        self.scan_text_label.hide()

        self.grid = EvidenceGrid()
        self.grid.setModel(self.model)
        self.grid.doubleClicked.connect(lambda index: self.open_details(index.row()))
        self.grid.filesDropped.connect(self.import_paths)
        # Keyboard: Enter opens the selected item, Delete deletes (after asking).
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.grid, activated=self.open_details,
                  context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence(Qt.Key.Key_Enter), self.grid, activated=self.open_details,
                  context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence.StandardKey.Delete, self.grid, activated=self.delete_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.grid.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(hint_row)
        layout.addWidget(self.scan_text_label)
        layout.addWidget(self.grid, 1)
        # Evidence belongs to a work: with none yet, the page says to make one.
        self.empty_state = EmptyState(lambda: self.context.navigate.emit(NEW_WORK_TARGET))
        layout.addWidget(self.empty_state, 1)

        context.portfolio_changed.connect(self._portfolio_changed)
        context.data_changed.connect(self._data_changed)
        context.language_changed.connect(lambda _lang: self.retranslateUi())
        self.retranslateUi()
        self.reload()

    # data -------------------------------------------------------------------------
    @property
    def lang(self) -> str:
        return self.context.language

    def current_work_id(self) -> str | None:
        return self.work_combo.currentData()

    def _fill_works(self) -> None:
        keep = self.work_combo.currentData()
        self.work_combo.blockSignals(True)
        self.work_combo.clear()
        self.work_combo.addItem(self.tr("All works"), None)
        services = self.context.services
        if services is not None:
            for work in services.works.list():
                self.work_combo.addItem(work_title(work, self.lang), work.id)
                self.work_combo.setItemData(self.work_combo.count() - 1, work_title(work, self.lang),
                                            Qt.ItemDataRole.ToolTipRole)
        index = self.work_combo.findData(keep)
        self.work_combo.setCurrentIndex(max(index, 0))
        self.work_combo.blockSignals(False)

    def reload(self) -> None:
        self._fill_works()
        self.model.set_language(self.lang)
        self.model.set_work(self.current_work_id())
        self._update_buttons()

    def _portfolio_changed(self) -> None:
        self.model.clear_cache()
        self.reload()

    def _data_changed(self, kind: str, record_id: str) -> None:
        if kind == "evidence" and record_id and self.model.refresh_row(record_id):
            return
        if kind in ("evidence", "work", "portfolio", ""):
            self.reload()

    def _work_chosen(self, _index: int) -> None:
        self.model.set_work(self.current_work_id())
        self._update_buttons()

    def _update_buttons(self) -> None:
        rows = self.selected_rows()
        self.details_button.setEnabled(len(rows) == 1)
        self.open_button.setEnabled(len(rows) == 1)
        self.delete_button.setEnabled(bool(rows))
        has_portfolio = self.context.services is not None
        self.add_button.setEnabled(has_portfolio and self.work_combo.count() > 1)
        no_work = has_portfolio and self.work_combo.count() <= 1
        self.grid.setVisible(not no_work)
        self.empty_state.setVisible(no_work)
        n = self.model.rowCount()
        self.count_label.setText(self.tr("%n item(s)", "", n))

    def selected_rows(self) -> list[int]:
        return sorted(i.row() for i in self.grid.selectionModel().selectedIndexes())

    def select_evidence(self, evidence_id: str) -> bool:
        row = self.model.row_of(evidence_id)
        if row < 0:
            return False
        index = self.model.index(row)
        self.grid.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.grid.scrollTo(index)
        return True

    def open_target(self, target: tuple) -> None:
        kind, ident = (tuple(target) + (None, None))[:2]
        if kind == "evidence" and ident:
            record = self.context.services.evidence.find(ident)
            if record is None:
                return
            if self.current_work_id() not in (None, record.work_id):
                self.work_combo.setCurrentIndex(max(self.work_combo.findData(record.work_id), 0))
            self.select_evidence(ident)
        elif kind == "work" and ident:
            self.work_combo.setCurrentIndex(max(self.work_combo.findData(ident), 0))

    # actions ----------------------------------------------------------------------
    def new_record(self) -> None:
        """File ▸ New record (Ctrl+N): add evidence files."""
        self.choose_files()

    def open_details(self, row: int | None = None) -> EvidenceDetailDialog | None:
        if row is None or isinstance(row, bool):
            rows = self.selected_rows()
            if len(rows) != 1:
                return None
            row = rows[0]
        evidence_id = self.model.row_at(row).id
        dialog = EvidenceDetailDialog(self.context, evidence_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_original(self) -> bool:
        rows = self.selected_rows()
        if len(rows) != 1:
            return False
        sha = self.model.row_at(rows[0]).sha256
        return open_with_system(self.context.portfolio.store.path_for(sha))

    def delete_selected(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        items = [self.model.row_at(r) for r in rows]
        name = items[0].caption or items[0].original_name
        text = (self.tr("Delete “%1”?").replace("%1", name) if len(items) == 1
                else self.tr("Delete %n evidence item(s)?", "", len(items)))
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Delete evidence"), text, parent=self)
        box.setInformativeText(self.tr("The file is removed from the portfolio when nothing else uses it. "
                                       "Your original file on the computer is not touched."))
        delete = box.addButton(self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is not delete:
            return
        try:
            for item in items:
                self.context.services.evidence.delete(item.id)
        except Exception as exc:
            self.context.report_error(exc)
        self.context.notify("evidence", "")  # reloads this view too

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Add evidence files"))
        if paths:
            self.import_paths([Path(p) for p in paths])

    def _target_work(self) -> str | None:
        work_id = self.current_work_id()
        if work_id:
            return work_id
        works = [(self.work_combo.itemText(i), self.work_combo.itemData(i)) for i in range(1, self.work_combo.count())]
        if len(works) == 1:
            return works[0][1]
        if not works:
            QMessageBox.information(self, self.tr("Add evidence"),
                                    self.tr("Create a work first: evidence always belongs to a work."))
            return None
        title, ok = QInputDialog.getItem(self, self.tr("Add evidence"), self.tr("Add the files to which work?"),
                                         [t for t, _ in works], 0, False)
        if not ok:
            return None
        return dict(works).get(title)

    def import_paths(self, paths: list, work_id: str | None = None):
        """Import dropped or chosen files/folders into ``work_id`` (default:
        the work chosen above the grid).  Returns the job."""
        if self.context.services is None or not paths:
            return None
        if self.import_job is not None and not self.import_job.done:
            QMessageBox.information(self, self.tr("Add evidence"),
                                    self.tr("Files are still being imported; drop these again when it has finished."))
            return None
        work_id = work_id or self._target_work()
        if not work_id:
            return None
        job = self.context.jobs.start(import_files, self.context.services, work_id, [Path(p) for p in paths], self.lang)
        self.import_job = job
        dialog = follow_job(job, self, self.tr("Importing evidence…"), self.tr("Add evidence"),
                            self.tr("Cancel"), minimum_duration=400, on_dismissed=self._forget_progress)
        job.succeeded.connect(lambda summary: self._import_done(summary, work_id))
        job.failed.connect(lambda exc: (self.context.report_error(exc), self.model.reload()))
        self.progress_dialog = dialog
        return job

    def _import_done(self, summary: ImportSummary, work_id: str) -> None:
        self.last_summary = summary
        if self.current_work_id() not in (None, work_id):
            self.work_combo.setCurrentIndex(max(self.work_combo.findData(work_id), 0))
        self.context.notify("evidence", "")  # reloads this view too
        self.summary_dialog = None
        if summary.refused or summary.cancelled or summary.present or summary.suggestions:
            self._show_summary(summary, None)
        if summary.evidence_ids:
            self.file_letters(summary)

    def _show_summary(self, summary: ImportSummary, filing) -> None:
        """Open the import summary, or add the letters to the one open."""
        dialog = self.summary_dialog
        if dialog is not None and isValid(dialog) and dialog.isVisible() and dialog.summary is summary:
            add_letters(dialog, filing, lambda: self.lang)
            return
        self.summary_dialog = import_summary_dialog(summary, filing, lambda: self.lang, self,
                                                    lambda: self._link_activities(summary))
        self.summary_dialog.open()

    def file_letters(self, summary: ImportSummary):
        """Find the QR codes of the letters among the files just imported
        and file each to its record, in a job; then say what the import
        did, and go on with the photos and the scans' text.  Returns the job."""
        from ...services.letter_filing import file_letters

        ids = list(summary.evidence_ids)
        job = self.context.jobs.start(file_letters, self.context.portfolio, ids)
        self.filing_job = job
        follow_job(job, self, self.tr("Looking for the QR code of returned letters in the new files…"),
                   self.tr("Add evidence"), self.tr("Cancel"), minimum_duration=600)
        # Each step starts the next only while this page still exists: the
        # lecturer may close the portfolio while a step runs.
        job.succeeded.connect(lambda filing: isValid(self) and self._filing_done(summary, filing))
        job.failed.connect(lambda exc: (self.context.report_error(exc), isValid(self) and self._after_filing(ids)))
        return job

    def _filing_done(self, summary: ImportSummary, filing) -> None:
        self.last_filing = filing
        if filing.filed:
            self.context.notify("evidence", "")
            for letter in filing.filed:  # the testimonial page shows its new letter
                self.context.notify("activity" if letter.is_consent else "testimonial", letter.record_id)
        if says_something(filing):
            self._show_summary(summary, filing)
        self._after_filing(summary.evidence_ids)

    def _after_filing(self, evidence_ids: list[str]) -> None:
        job = self.analyse(evidence_ids)
        job.finished.connect(lambda: isValid(self) and self.read_scan_text(evidence_ids))

    def read_scan_text(self, evidence_ids: list[str]):
        """Read the text of the scans among ``evidence_ids`` (Tesseract,
        offline) in a job, so that search finds words inside them.  Without
        Tesseract nothing is read and the page says what to install.
        Returns the job."""
        from ...services.ocr import recognise_scans

        job = self.context.jobs.start(recognise_scans, self.context.portfolio, list(evidence_ids))
        self.scan_text_job = job
        follow_job(job, self, self.tr("Reading the text of the new scans…"), self.tr("Add evidence"),
                   self.tr("Cancel"), minimum_duration=600)
        job.succeeded.connect(self._scan_text_done)
        job.failed.connect(self.context.report_error)
        return job

    def _scan_text_done(self, result) -> None:
        self.last_scan_text = result
        self._show_scan_text()
        if result.read:
            self.context.notify("evidence", "")

    def _show_scan_text(self) -> None:
        result = self.last_scan_text
        shown = result is not None and not result.idle
        text = ""
        if shown:
            text = "\n".join([result.summary(self.lang), *result.failed_lines(self.lang)])
        self.scan_text_label.setText(text)
        self.scan_text_label.setVisible(shown)

    def analyse(self, evidence_ids: list[str]):
        """Look for faces and hash the pictures of ``evidence_ids`` (those
        not looked at yet) in a job; returns it."""
        from ...services.photos import analyse_photos

        job = self.context.jobs.start(analyse_photos, self.context.portfolio, list(evidence_ids))
        self.analysis_job = job
        follow_job(job, self, self.tr("Looking for faces in the new photos…"), self.tr("Add evidence"),
                   self.tr("Cancel"), minimum_duration=600)
        job.succeeded.connect(self._analysis_done)
        job.failed.connect(self.context.report_error)
        return job

    def _analysis_done(self, analysis) -> None:
        self.last_analysis = analysis
        self._show_analysis()
        self.context.notify("evidence", "")  # badges and faces follow what was found

    def _show_analysis(self) -> None:
        analysis = self.last_analysis
        shown = analysis is not None and (analysis.looked or analysis.failed)
        self.analysis_label.setText(analysis.summary(self.lang) if shown else "")

    def _link_activities(self, summary: ImportSummary) -> int:
        from ...services.importer import apply_suggestions

        try:
            changed = apply_suggestions(self.context.portfolio, summary.suggestions)
        except Exception as exc:
            self.context.report_error(exc)
            return 0
        self.context.notify("evidence", "")
        return changed

    def _forget_progress(self, dialog) -> None:
        if self.progress_dialog is dialog:
            self.progress_dialog = None

    # language ---------------------------------------------------------------------
    def retranslateUi(self) -> None:
        self.work_label.setText(self.tr("Work:"))
        self.add_button.setText(self.tr("Add files…"))
        self.details_button.setText(self.tr("Details…"))
        self.open_button.setText(self.tr("Open original"))
        self.open_button.setToolTip(self.tr("Open the stored file with the program your computer uses for it"))
        self.delete_button.setText(self.tr("Delete"))
        self.hint_label.setText(self.tr("Drag photos, scans or whole folders here to add them to the chosen work. "
                                        "Double-click a picture to describe it."))
        self.grid.empty_text = self.tr("No evidence yet.\nDrag photos, scans or folders here, or click “Add files…”.")
        self.empty_state.set_texts(self.tr("Photos and scans belong to a work. Record a work first, "
                                           "then add its evidence here."), self.tr("New work…"))
        if self.work_combo.count():
            self.work_combo.setItemText(0, self.tr("All works"))
        self._fill_works()
        self.model.set_language(self.lang)
        self._update_buttons()
        self._show_analysis()
        self._show_scan_text()
        self.grid.viewport().update()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
