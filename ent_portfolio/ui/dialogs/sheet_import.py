"""The window that brings an attendance sheet or a sheet of measurements
into a work: the lecturer picks the file and what it holds, says which
column is what (the headers' guess already chosen), sees the records that
will be made and the rows refused with their line numbers and reasons, and
imports the rest.

Everything it shows comes from :mod:`ent_portfolio.services.sheet_import`
(the preview writes nothing; the import plans again inside its one
transaction), run in jobs: a form's export can hold thousands of rows.
Participant names are personal data, so they are dropped unless the
lecturer ticks the box that keeps them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ...jobs import Cancelled
from ...office.sheets import COUNT_PREFIX, KINDS, TARGETS, Mapping, PlannedActivity, target_label
from ...services.sheet_import import import_sheet, preview_sheet
from ..common import error_text
from ..jobs import Job
from ..qt import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QEvent,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from ..textutil import format_date
from ..thaiwrap import ThaiWrapLabel, wrap_hints
from ..widgets.job_progress import follow_job
from . import asking
from .job_outcome import JobOutcome
from .new_portfolio import documents_folder

#: How many of a column's first values are shown beside its header, to tell columns apart.
SAMPLE_VALUES = 2
#: Kinds of record a sheet is imported into, and the record kind views reload on.
NOTIFY_KIND = {"attendance": "activity", "measurements": "measurement"}


def column_targets(kind: str, header: str) -> list[str]:
    """What a column may be mapped to: the kind's targets, and for
    attendance also "the number of <this header>" (a count per group)."""
    targets = [t for t in TARGETS[kind] if t != "ignore"]
    if kind == "attendance" and header.strip():
        targets.append(COUNT_PREFIX + header.strip()[:100])
    return targets + ["ignore"]


class SheetImportDialog(JobOutcome, QDialog):
    """One sheet into one work.  ``preview`` is the plan shown (None while
    a preview runs or when the mapping is refused), ``job`` the running
    preview or import, ``result`` what the import did (tests follow them)."""

    def __init__(self, context, work_id: str, parent: QWidget | None = None, path: Path | None = None,
                 kind: str = "attendance", choose_path: Callable[..., Path | None] | None = None) -> None:
        super().__init__(parent)
        self.context, self.work_id = context, work_id
        self.path: Path | None = None
        self.mapping: Mapping | None = None  # None: the headers' guess, until the lecturer changes a combo
        self.preview = None
        self.job: Job | None = None
        self.import_job: Job | None = None
        self.result = None
        self.error: BaseException | None = None
        self.progress_dialog = None
        self._generation = 0  # a preview started before the last change is dropped when it ends
        self._choose_path = choose_path or asking.choose_open_path
        self.setObjectName("sheetImport")
        self.setMinimumSize(880, 620)

        self.intro = ThaiWrapLabel()
        self.intro.setStyleSheet("color: #4a5868;")
        top = QFormLayout()
        self.file_label, self.kind_label = QLabel(), QLabel()
        self.file_edit = QLineEdit()
        self.file_edit.setReadOnly(True)
        self.browse_button = QPushButton()
        self.browse_button.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.browse_button)
        top.addRow(self.file_label, file_row)
        self.kind_combo = QComboBox()
        for value in KINDS:
            self.kind_combo.addItem("", value)
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(kind), 0))
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._kind_changed())
        top.addRow(self.kind_label, self.kind_combo)

        self.columns_box = QGroupBox()
        columns_layout = QVBoxLayout(self.columns_box)
        self.columns_table = QTableWidget(0, 2)
        self.columns_table.verticalHeader().setVisible(False)
        self.columns_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.columns_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.columns_table.setWordWrap(True)
        header = self.columns_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)  # as wide as its combos: see _fit_combos
        #: One combo per column of the file, in its order.
        self.combos: list[QComboBox] = []
        columns_layout.addWidget(self.columns_table)

        self.preview_box = QGroupBox()
        preview_layout = QVBoxLayout(self.preview_box)
        self.summary_label = ThaiWrapLabel()
        self.summary_label.setObjectName("sheetSummary")
        self.rows_table = QTableWidget(0, 4)
        self.rows_table.verticalHeader().setVisible(False)
        self.rows_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows_table.setWordWrap(True)
        self.rows_table.setAlternatingRowColors(True)
        rows_header = self.rows_table.horizontalHeader()
        for n, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.ResizeToContents,
                                  QHeaderView.ResizeMode.Stretch, QHeaderView.ResizeMode.Stretch)):
            rows_header.setSectionResizeMode(n, mode)
        self.refused_label = QLabel()
        self.refused_label.setStyleSheet("font-weight: 600; color: #a61b1b;")
        self.refused_list = QListWidget()
        self.refused_list.setObjectName("sheetRefused")
        self.refused_list.setWordWrap(True)
        preview_layout.addWidget(self.summary_label)
        preview_layout.addWidget(self.rows_table, 3)
        preview_layout.addWidget(self.refused_label)
        preview_layout.addWidget(self.refused_list, 2)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.columns_box)
        splitter.addWidget(self.preview_box)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([360, 560])

        self.keep_names_box = QCheckBox()  # off: only the counts are kept
        self.keep_names_box.toggled.connect(lambda _on: self._update_state())
        self.names_note = ThaiWrapLabel()
        self.names_note.setStyleSheet("color: #4a5868;")
        self.status_label = ThaiWrapLabel()
        self.status_label.setObjectName("sheetStatus")
        self.import_button = QPushButton()
        self.import_button.setDefault(True)
        self.import_button.setStyleSheet("font-weight: bold;")
        self.import_button.clicked.connect(lambda _checked=False: self.start_import())
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.keep_names_box)
        layout.addWidget(self.names_note)
        layout.addLayout(buttons)
        context.language_changed.connect(lambda _lang: self.retranslateUi())
        self.retranslateUi()
        if path is not None:
            self.set_file(Path(path))

    @property
    def lang(self) -> str:
        return self.context.language

    @property
    def kind(self) -> str:
        return self.kind_combo.currentData()

    # --- choosing --------------------------------------------------------------------
    def choose_file(self) -> None:
        start = self.path.parent if self.path is not None else documents_folder()
        chosen = self._choose_path(self, self.tr("Choose the sheet to import"), start,
                                   self.tr("Spreadsheets (*.xlsx *.csv);;All files (*)"))
        if chosen is not None:
            self.set_file(Path(chosen))

    def set_file(self, path: Path) -> Job | None:
        self.path = path
        self.file_edit.setText(str(path))
        self.mapping = None  # a new file: its own headers' guess
        self.result = None
        return self.refresh()

    def _kind_changed(self) -> None:
        self.mapping = None  # the targets differ by kind: guess again
        self.result = None
        self._name_row_columns()
        self._update_state()
        self.refresh()

    def _combo_changed(self) -> None:
        self.mapping = Mapping({index: combo.currentData() for index, combo in enumerate(self.combos)
                                if combo.currentData() != "ignore"})
        self.refresh()

    def set_target(self, column: int, target: str) -> None:
        """What a person does by choosing ``target`` in the column's combo."""
        combo = self.combos[column]
        combo.setCurrentIndex(combo.findData(target))

    # --- preview -----------------------------------------------------------------------
    def refresh(self) -> Job | None:
        """Preview the file with the current mapping, in a job."""
        if self.path is None or self.context.portfolio is None:
            return None
        self._generation += 1
        generation = self._generation
        self.preview = None
        self.error = None
        self._update_state()
        portfolio, work_id, path, kind, mapping = self.context.portfolio, self.work_id, self.path, self.kind, \
            self.mapping
        job = self.context.jobs.start(lambda progress, cancel: preview_sheet(portfolio, work_id, path, kind,
                                                                             mapping))
        self.job = job
        job.succeeded.connect(lambda plan: self._previewed(generation, plan, None))
        job.failed.connect(lambda exc: self._previewed(generation, None, exc))
        self._say(self.tr("Reading the sheet…"))
        return job

    def _previewed(self, generation: int, plan, exc: BaseException | None) -> None:
        if generation != self._generation:
            return  # the lecturer changed something meanwhile: a newer preview follows
        self.job = None
        self.preview, self.error = plan, exc
        if plan is not None and plan.sheet is not None:
            self._show_columns(plan.sheet, plan.mapping)
        elif exc is not None and self.mapping is None:
            self._show_columns(None, None)  # the file itself was refused: no columns to map
        self._show_preview()
        self._update_state()

    def _show_columns(self, sheet, mapping: Mapping | None) -> None:
        """A row per column: its header (and first values) and the combo
        saying what it is, set to the mapping used."""
        self.columns_table.setRowCount(0)
        self.combos = []
        if sheet is None:
            return
        self.columns_table.setRowCount(len(sheet.columns))
        used = mapping.columns if mapping is not None else {}
        for index, header in enumerate(sheet.columns):
            samples = [_cell_text(row.values[index]) for row in sheet.rows[:SAMPLE_VALUES]
                       if index < len(row.values) and _cell_text(row.values[index])]
            text = header or self.tr("(column %1)").replace("%1", str(index + 1))
            item = QTableWidgetItem(wrap_hints(text + ("\n" + ", ".join(samples) if samples else "")))
            item.setToolTip(header)
            self.columns_table.setItem(index, 0, item)
            combo = QComboBox()
            combo.setObjectName(f"sheetColumn{index}")
            targets = column_targets(self.kind, header)
            chosen = used.get(index, "ignore")
            if chosen not in targets:
                targets.insert(-1, chosen)
            for target in targets:
                combo.addItem(target_label(target, self.lang), target)
            combo.setCurrentIndex(combo.findData(chosen))
            combo.currentIndexChanged.connect(lambda _i: self._combo_changed())
            self.combos.append(combo)
            self.columns_table.setCellWidget(index, 1, combo)
        self._fit_combos()
        self.columns_table.resizeRowsToContents()

    def _fit_combos(self) -> None:
        # A cell widget's width is not a column's contents to Qt: a squeezed
        # combo would show "da" for "date".
        if self.combos:
            self.columns_table.setColumnWidth(1, max(combo.sizeHint().width() for combo in self.combos) + 4)

    def _show_preview(self) -> None:
        self.rows_table.setRowCount(0)
        self.refused_list.clear()
        plan = self.preview
        if plan is None:
            self.summary_label.setText("")
            self.refused_label.setText("")
            if self.error is not None:
                self._say(error_text(self.error, self.lang), warning=True)
            return
        self.rows_table.setRowCount(len(plan.rows))
        for r, record in enumerate(plan.rows):
            if isinstance(record, PlannedActivity):
                groups = ", ".join(f"{g} {n:,}" for g, n in record.participant_groups.items())
                amount = f"{record.participants_total:,}" + (f" ({groups})" if groups else "")
                title = record.title + (" " + self.tr("(filled into the existing activity)")
                                        if record.existing_id else "")
            else:
                amount, title = f"{record.value:,f}", record.indicator_name
            cells = (", ".join(str(line) for line in record.lines), format_date(record.day, self.lang), title,
                     amount)
            for c, text in enumerate(cells):
                self.rows_table.setItem(r, c, QTableWidgetItem(wrap_hints(text)))
        self.rows_table.resizeRowsToContents()
        for refusal in plan.refused:
            self.refused_list.addItem(wrap_hints(refusal.message(self.lang)))
        self.summary_label.setText(
            self.tr("%n record(s) will be made", "", len(plan.rows)) + " " +
            self.tr("from %n row(s) of the sheet.", "", plan.rows_used))
        self.refused_label.setText(self.tr("%n row(s) refused, not imported:", "", len(plan.refused))
                                   if plan.refused else self.tr("No row is refused."))
        self._say("")

    # --- import ------------------------------------------------------------------------
    def start_import(self) -> Job | None:
        """Import what the preview shows, in one transaction, in a job."""
        if not self.import_button.isEnabled() or self.preview is None:
            return None
        window = self.parent()
        if window is not None and hasattr(window, "save_now"):
            window.save_now()
        portfolio, work_id, path, kind = self.context.portfolio, self.work_id, self.path, self.kind
        mapping, keep = self.preview.mapping, self.keep_names_box.isChecked()
        job = self.context.jobs.start(import_sheet, portfolio, work_id, path, kind, mapping, keep_names=keep)
        self.import_job = job
        self.progress_dialog = follow_job(job, self, self.tr("Importing the sheet…"), self.tr("Import"),
                                          self.tr("Cancel"), on_dismissed=self._forget_progress)
        job.succeeded.connect(self._imported)
        job.failed.connect(self._import_failed)
        self._update_state()
        return job

    def _imported(self, result) -> None:
        self.import_job = None
        self.result = result
        self._say_result()
        self.context.notify(NOTIFY_KIND[result.kind], "")  # the work's tables and the indicators page reload
        self._update_state()

    def _say_result(self) -> None:
        self._say(self.tr("Made %1 record(s), refused %2 row(s).").replace("%1", f"{self.result.created:,}")
                  .replace("%2", f"{len(self.result.refused):,}"))

    def _import_failed(self, exc: BaseException) -> None:
        self.import_job = None
        self.error = exc
        if isinstance(exc, Cancelled):
            self._say(self.tr("Import cancelled: nothing was imported."))
        else:
            self._say(error_text(exc, self.lang), warning=True)
        self._update_state()

    # --- state and language ------------------------------------------------------------
    def _update_state(self) -> None:
        busy = self.job is not None or self.import_job is not None
        ready = self.preview is not None and bool(self.preview.rows) and self.result is None
        self.import_button.setEnabled(ready and not busy)
        attendance = self.kind == "attendance"
        self.keep_names_box.setVisible(attendance)
        self.names_note.setVisible(attendance)
        self.kind_combo.setEnabled(not busy)
        self.browse_button.setEnabled(not busy)

    def _name_row_columns(self) -> None:
        what = self.tr("Activity") if self.kind == "attendance" else self.tr("Indicator")
        amount = self.tr("Participants") if self.kind == "attendance" else self.tr("Value")
        self.rows_table.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Date"), what, amount])

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Import from a spreadsheet"))
        self.intro.setText(self.tr(
            "Attendance from a sign-in sheet or a form (Google Forms, KoboToolbox), or measurements of this "
            "work's indicators, from an Excel or CSV file. Say which column is what; rows that cannot be read "
            "are refused by their line number and the rest imported together."))
        self.file_label.setText(self.tr("File"))
        self.browse_button.setText(self.tr("Choose…"))
        self.kind_label.setText(self.tr("The sheet holds"))
        for i, text in enumerate((self.tr("Attendance (one row per person or per session)"),
                                  self.tr("Measurements of the indicators"))):
            self.kind_combo.setItemText(i, text)
        self.columns_box.setTitle(self.tr("Columns of the file"))
        self.columns_table.setHorizontalHeaderLabels([self.tr("Column"), self.tr("Holds")])
        self.preview_box.setTitle(self.tr("What will be imported"))
        self._name_row_columns()
        self.keep_names_box.setText(self.tr("Keep the participants’ names (in the activity’s notes)"))
        self.names_note.setText(self.tr(
            "Names are personal data: unless this is ticked only the numbers of people are kept. The notes "
            "are never printed in the dossier."))
        self.import_button.setText(self.tr("Import"))
        self.close_button.setText(self.tr("Close"))
        for combo in self.combos:
            for i in range(combo.count()):
                combo.setItemText(i, target_label(combo.itemData(i), self.lang))
        self._fit_combos()
        if self.result is not None:
            self._say_result()
        elif self.preview is not None or self.error is not None:
            self._show_preview()
        self._update_state()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def reject(self) -> None:
        if self.import_job is not None:  # closing while it imports cancels it: nothing is written
            self.import_job.cancel()
        super().reject()


def _cell_text(value) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split())[:40]


class SheetImportButton(QPushButton):
    """“Import from a spreadsheet (Excel/CSV)…” beside a work's activities'
    Add / Edit / Delete; it opens the window for the table's work."""

    def __init__(self, table) -> None:
        super().__init__(table)
        self.table = table
        self.dialog: SheetImportDialog | None = None
        self.setObjectName("sheetImportButton")
        self.clicked.connect(lambda _checked=False: self.open_dialog())
        self.retranslateUi()

    def open_dialog(self, path: Path | None = None) -> SheetImportDialog | None:
        if self.table.parent_id is None or self.table.context.portfolio is None:
            return None
        self.dialog = SheetImportDialog(self.table.context, self.table.parent_id, self.window(), path=path)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.show()
        return self.dialog

    def retranslateUi(self) -> None:
        self.setText(self.tr("Import from a spreadsheet (Excel/CSV)…"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)


def add_sheet_import_button(table) -> SheetImportButton:
    """Put the button in ``table``'s row of buttons, after its own."""
    button = SheetImportButton(table)
    row = next(table.layout().itemAt(i).layout() for i in range(table.layout().count())
               if table.layout().itemAt(i).layout() is not None
               and table.layout().itemAt(i).layout().indexOf(table.add_button) >= 0)
    row.insertWidget(row.indexOf(table.delete_button) + 1, button)
    table.sheet_import_button = button
    return button
