"""The dossier page: choose what goes into the promotion dossier — target
position, works in order, evidence per work, language, appendices — export
it with progress and cancel, and look at the first pages."""

from __future__ import annotations

import datetime as _dt
import tempfile
from pathlib import Path

from ...domain.enums import EvidenceKind, Position
from ...errors import UserError
from ...services.dossier import DossierConfig, export_dossier
from ...typeset.dates import buddhist_year
from ..models.dossier_choices import DossierChoices, run_export
from ..open_file import open_folder_or_explain, open_pdf_or_explain
from ..qt import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QEvent,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QStandardPaths,
    Qt,
    QVBoxLayout,
    QWidget,
)
from ..thaiwrap import ThaiWrapLabel, wrap_hints
from ..widgets.dossier_preview import PagePreview, pdftoppm, render_preview_pages
from ..widgets.face_blur_option import FaceBlurOption
from ..widgets.job_progress import follow_job
from ..widgets.signing_box import SigningBox
from .evidence import work_title

IdRole = Qt.ItemDataRole.UserRole + 1
TitleRole = Qt.ItemDataRole.UserRole + 2


def _default_output(lang: str) -> Path:
    """In Thai the file is named in Thai with the Buddhist-era date, as a Thai lecturer dates a document."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    today = _dt.date.today()
    if lang == "th":
        return Path(folder) / f"แฟ้มผลงาน-{buddhist_year(today)}-{today:%m-%d}.pdf"
    return Path(folder) / f"EnT-dossier-{today.isoformat()}.pdf"


class DossierView(QWidget):
    def __init__(self, context, parent=None, exporter=export_dossier) -> None:
        super().__init__(parent)
        self.context = context
        #: The export use case the command line calls too (tests pass a quicker one).
        self.exporter = exporter
        self.export_job = None
        self.preview_job = None
        self.progress_dialog: QProgressDialog | None = None
        self.last_pdf: Path | None = None
        # What the preview and the status show, kept so a language switch
        # can say it again in the new language.
        self._last_outcome = None
        self._preview_shown: list | None = None
        self.last_error: BaseException | None = None
        self._preview_dir = tempfile.TemporaryDirectory(prefix="ent-preview-")
        #: work id -> evidence ids left out (everything else is included).
        self._excluded: dict[str, set[str]] = {}

        # --- choices (left) ---
        self.general_box = QGroupBox()
        form = QFormLayout(self.general_box)
        self.position_combo = QComboBox()
        self.language_combo = QComboBox()
        self.position_label, self.language_label = QLabel(), QLabel()
        form.addRow(self.position_label, self.position_combo)
        form.addRow(self.language_label, self.language_combo)

        self.works_box = QGroupBox()
        works_layout = QVBoxLayout(self.works_box)
        self.works_hint = ThaiWrapLabel()
        self.works_hint.setStyleSheet("color: #4a5868;")
        self.works_list = QListWidget()
        self.works_list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.works_list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.works_list.setWordWrap(True)
        self.works_list.currentItemChanged.connect(lambda *_: (self._show_evidence_of_current(), self._update_state()))
        self.works_list.itemChanged.connect(lambda *_: (self._renumber(), self._update_state()))
        # Dragging an item reorders the rows: renumber them afterwards.
        self.works_list.model().rowsMoved.connect(lambda *_: self._renumber())
        self.up_button, self.down_button = QPushButton(), QPushButton()
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        order_row = QHBoxLayout()
        order_row.addWidget(self.up_button)
        order_row.addWidget(self.down_button)
        order_row.addStretch(1)
        works_layout.addWidget(self.works_hint)
        works_layout.addWidget(self.works_list, 1)
        works_layout.addLayout(order_row)

        self.evidence_box = QGroupBox()
        evidence_layout = QVBoxLayout(self.evidence_box)
        self.evidence_list = QListWidget()
        self.evidence_list.setWordWrap(True)
        self.evidence_list.itemChanged.connect(self._evidence_toggled)
        self.all_button, self.none_button = QPushButton(), QPushButton()
        self.all_button.clicked.connect(lambda: self._check_all_evidence(True))
        self.none_button.clicked.connect(lambda: self._check_all_evidence(False))
        ev_row = QHBoxLayout()
        ev_row.addWidget(self.all_button)
        ev_row.addWidget(self.none_button)
        ev_row.addStretch(1)
        self.evidence_work_label = ThaiWrapLabel()
        self.evidence_work_label.setStyleSheet("color: #4a5868;")
        evidence_layout.addWidget(self.evidence_work_label)
        evidence_layout.addWidget(self.evidence_list, 1)
        evidence_layout.addLayout(ev_row)

        self.options_box = QGroupBox()
        options = QVBoxLayout(self.options_box)
        self.readiness_box = QCheckBox()
        # Off by default: the package goes without the photos' GPS positions
        # unless the lecturer asks to keep them (a position can lead to a home).
        self.keep_gps_box = QCheckBox()
        self.package_box = QCheckBox()
        self.final_box = QCheckBox()  # refused by the export while readiness finds something blocking
        self.face_blur = FaceBlurOption()  # faces without consent are blurred whatever it says
        for box in (self.readiness_box, self.package_box, self.keep_gps_box, self.face_blur, self.final_box):
            options.addWidget(box)
        self.package_box.toggled.connect(lambda _=None: self._update_state())
        out_row = QHBoxLayout()
        self.out_label = QLabel()
        self.out_edit = QLineEdit(str(_default_output(context.language)))
        self.browse_button = QPushButton()
        self.browse_button.clicked.connect(self.choose_output)
        out_row.addWidget(self.out_label)
        out_row.addWidget(self.out_edit, 1)
        out_row.addWidget(self.browse_button)
        options.addLayout(out_row)

        self.export_button = QPushButton()
        self.export_button.setDefault(True)
        self.export_button.setMinimumHeight(34)
        self.export_button.setStyleSheet("font-weight: bold;")
        self.export_button.clicked.connect(lambda _checked=False: self.export())  # not clicked(bool) as sign_with
        self.status_label = ThaiWrapLabel()  # a file name goes whole to a line of its own
        self.signing_box = SigningBox(context)
        self.signing_box.sign_requested.connect(lambda identity: self.export(sign_with=identity))

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.general_box)
        lists = QSplitter(Qt.Orientation.Horizontal)
        lists.addWidget(self.works_box)
        lists.addWidget(self.evidence_box)
        lists.setStretchFactor(0, 1)
        lists.setStretchFactor(1, 1)
        lists.setSizes([460, 440])
        left_layout.addWidget(lists, 1)
        left_layout.addWidget(self.options_box)
        left_layout.addWidget(self.signing_box)
        export_row = QHBoxLayout()
        export_row.addWidget(self.status_label, 1)
        export_row.addWidget(self.signing_box.export_button)
        export_row.addWidget(self.export_button)
        left_layout.addLayout(export_row)

        # --- preview (right) ---
        self.preview_box = QGroupBox()
        preview_layout = QVBoxLayout(self.preview_box)
        self.preview_hint = ThaiWrapLabel()
        self.preview_hint.setStyleSheet("color: #4a5868;")
        self.preview = PagePreview()
        self.open_pdf_button = QPushButton()
        self.open_pdf_button.clicked.connect(self.open_pdf)
        self.open_folder_button = QPushButton()
        self.open_folder_button.clicked.connect(self.open_folder)
        pv_row = QHBoxLayout()
        pv_row.addWidget(self.open_pdf_button)
        pv_row.addWidget(self.open_folder_button)
        pv_row.addStretch(1)
        preview_layout.addWidget(self.preview_hint)
        preview_layout.addWidget(self.preview, 1)
        preview_layout.addLayout(pv_row)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.preview_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([940, 320])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        context.portfolio_changed.connect(self._portfolio_changed)
        context.data_changed.connect(self._data_changed)
        context.language_changed.connect(lambda _lang: self.retranslateUi())
        self.retranslateUi()
        self._portfolio_changed()

    # data ------------------------------------------------------------------------
    @property
    def lang(self) -> str:
        return self.context.language

    def _portfolio_changed(self) -> None:
        services = self.context.services
        self.last_pdf = None
        self._last_outcome = None
        self._preview_shown = None
        self.preview.clear()
        if services is not None:
            profile = services.profile.current()
            self._fill_positions(profile.target_position)
        self.reload()
        last = self._remembered_pdf()
        if last is not None:  # show the last export of this portfolio again
            self.last_pdf = last
            self.out_edit.setText(str(last))
            self._update_state()
            self.show_preview(last)

    def _settings_key(self) -> str | None:
        """Where this portfolio's last export is remembered: a path on this
        computer, so QSettings (like recent folders), not the portfolio."""
        if self.context.portfolio is None:
            return None
        import hashlib

        folder = str(Path(self.context.portfolio.folder).resolve())
        return "dossier/last_pdf/" + hashlib.sha1(folder.encode("utf-8")).hexdigest()[:16]

    def _remembered_pdf(self) -> Path | None:
        from ..qt import QSettings

        key = self._settings_key()
        value = QSettings().value(key) if key else None
        path = Path(str(value)) if value else None
        return path if path is not None and path.is_file() else None

    def _remember_pdf(self, pdf: Path) -> None:
        from ..qt import QSettings

        key = self._settings_key()
        if key:
            QSettings().setValue(key, str(pdf))

    def _read_exclusions(self) -> None:
        """Which evidence is left out: the items' own "include in the
        dossier" flag, so the detail dialog and this page always agree."""
        self._excluded = {}
        services = self.context.services
        if services is None:
            return
        for evidence in services.evidence.list():
            if not evidence.include_in_dossier:
                self._excluded.setdefault(evidence.work_id, set()).add(evidence.id)

    def _data_changed(self, kind: str, _record_id: str) -> None:
        if kind == "profile":
            self._fill_positions(self.context.services.profile.current().target_position)
        if kind in ("work", "evidence", "profile", "portfolio", ""):
            self.reload()

    def _fill_positions(self, current: str | None = None) -> None:
        current = current or self.position_combo.currentData()
        self.position_combo.blockSignals(True)
        self.position_combo.clear()
        for member in Position:
            if member is not Position.LECTURER:
                self.position_combo.addItem(member.label(self.lang), member.value)
        self.position_combo.setCurrentIndex(max(self.position_combo.findData(current), 0))
        self.position_combo.blockSignals(False)

    def reload(self) -> None:
        """Refill the works list, keeping the lecturer's order and ticks."""
        services = self.context.services
        self._read_exclusions()
        previous = [(self.works_list.item(i).data(IdRole), self.works_list.item(i).checkState())
                    for i in range(self.works_list.count())]
        known = dict(previous)
        current = self.works_list.currentItem().data(IdRole) if self.works_list.currentItem() else None
        works = {w.id: w for w in services.works.list()} if services else {}
        order = [wid for wid, _ in previous if wid in works] + [wid for wid in works if wid not in known]
        self.works_list.blockSignals(True)
        self.works_list.clear()
        for wid in order:
            work = works[wid]
            item = QListWidgetItem(wrap_hints(work_title(work, self.lang)))  # display only: see TitleRole
            item.setData(IdRole, wid)
            item.setData(TitleRole, work_title(work, self.lang))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsDragEnabled)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsDropEnabled)
            default = Qt.CheckState.Checked if work.status != "planned" else Qt.CheckState.Unchecked
            item.setCheckState(known.get(wid, default))
            self.works_list.addItem(item)
        self.works_list.blockSignals(False)
        self._renumber()
        row = next((i for i, wid in enumerate(order) if wid == current), 0 if order else -1)
        self.works_list.setCurrentRow(row)
        self._show_evidence_of_current()
        self._update_state()

    def _renumber(self) -> None:
        """Show each ticked work's place in the dossier ("ผลงานที่ 2")."""
        self.works_list.blockSignals(True)
        number = 0
        for i in range(self.works_list.count()):
            item = self.works_list.item(i)
            title = wrap_hints(item.data(TitleRole) or item.text())
            if item.checkState() == Qt.CheckState.Checked:
                number += 1
                item.setText(f"{number}. {title}")
            else:
                item.setText(title)
        self.works_list.blockSignals(False)

    def _show_evidence_of_current(self) -> None:
        item = self.works_list.currentItem()
        self.evidence_list.blockSignals(True)
        self.evidence_list.clear()
        services = self.context.services
        if item is not None and services is not None:
            wid = item.data(IdRole)
            excluded = self._excluded.get(wid, set())
            for evidence in services.evidence.list(work_id=wid):
                try:
                    kind = EvidenceKind(evidence.kind).label(self.lang)
                except ValueError:
                    kind = evidence.kind
                text = f"{evidence.caption or evidence.original_name}  ·  {kind}"
                entry = QListWidgetItem(wrap_hints(text))  # display only: the id is in IdRole
                entry.setToolTip(evidence.original_name)
                entry.setData(IdRole, evidence.id)
                entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                entry.setCheckState(Qt.CheckState.Unchecked if evidence.id in excluded else Qt.CheckState.Checked)
                self.evidence_list.addItem(entry)
            # The title goes in a wrapping label: a long title in the group
            # box's own title would force the box (and the window) wide.
            self.evidence_work_label.setText(item.data(TitleRole) or item.text())  # the label drops hints
        else:
            self.evidence_work_label.setText("")
        self.evidence_list.blockSignals(False)

    def _evidence_toggled(self, entry: QListWidgetItem) -> None:
        item = self.works_list.currentItem()
        if item is None:
            return
        wid, eid = item.data(IdRole), entry.data(IdRole)
        excluded = self._excluded.setdefault(wid, set())
        include = entry.checkState() == Qt.CheckState.Checked
        (excluded.discard if include else excluded.add)(eid)
        # Remember the choice with the evidence itself, for the next export.
        try:
            self.context.services.evidence.update(eid, include_in_dossier=include)
        except Exception as exc:
            self.context.report_error(exc)

    def _check_all_evidence(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for i in range(self.evidence_list.count()):
            if self.evidence_list.item(i).checkState() != state:
                self.evidence_list.item(i).setCheckState(state)

    def move_current(self, step: int) -> None:
        row = self.works_list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.works_list.count():
            return
        self.works_list.blockSignals(True)
        item = self.works_list.takeItem(row)
        self.works_list.insertItem(target, item)
        self.works_list.blockSignals(False)
        self.works_list.setCurrentRow(target)
        self._renumber()
        self._update_state()

    def choices(self) -> DossierChoices:
        services = self.context.services
        work_ids = [self.works_list.item(i).data(IdRole) for i in range(self.works_list.count())
                    if self.works_list.item(i).checkState() == Qt.CheckState.Checked]
        evidence: dict[str, list[str]] = {}
        for wid in work_ids:
            excluded = self._excluded.get(wid, set())
            evidence[wid] = [e.id for e in services.evidence.list(work_id=wid) if e.id not in excluded]
        text = self.out_edit.text().strip()
        package = self.package_box.isChecked()
        config = DossierConfig(
            target_position=self.position_combo.currentData(),
            language=self.language_combo.currentData(),
            work_ids=work_ids,
            evidence_ids=evidence,
            include_readiness_appendix=self.readiness_box.isChecked(),
            # the box is about the package (and greyed out without it), as --keep-gps is
            strip_gps=not (package and self.keep_gps_box.isChecked()),
            final=self.final_box.isChecked(),
            keep_consented_faces=self.face_blur.keep_consented_faces(),
        )
        return DossierChoices(config, build_package=package, out_pdf=Path(text).expanduser() if text else None)

    def _update_state(self) -> None:
        busy = self.export_job is not None
        checked = sum(1 for i in range(self.works_list.count())
                      if self.works_list.item(i).checkState() == Qt.CheckState.Checked)
        ready = checked > 0 and not busy and self.context.services is not None
        self.export_button.setEnabled(ready)
        self.signing_box.set_export_allowed(ready)
        self.keep_gps_box.setEnabled(self.package_box.isChecked())
        row = self.works_list.currentRow()
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.works_list.count() - 1)
        has_pdf = self.last_pdf is not None and self.last_pdf.exists()
        self.open_pdf_button.setEnabled(has_pdf)
        self.open_folder_button.setEnabled(has_pdf)
        if not busy and checked == 0 and self.works_list.count():
            self.status_label.setText(self.tr("Tick at least one work to export."))

    # actions -----------------------------------------------------------------------
    def choose_output(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the dossier as"), self.out_edit.text(),
                                              self.tr("PDF files (*.pdf)"))
        if path:
            self.out_edit.setText(path if path.lower().endswith(".pdf") else path + ".pdf")

    def export(self, sign_with=None):
        """Start the export job, signed with ``sign_with`` (an unlocked
        identity) when given; returns it (None when nothing to do)."""
        if self.export_job is not None or self.context.services is None:
            return None
        choices = self.choices()
        choices.sign_with = sign_with
        if not choices.config.work_ids or choices.out_pdf is None:
            self._update_state()
            return None
        self.last_error = None
        job = self.context.jobs.start(run_export, self.context.portfolio, choices, self.exporter)
        self.export_job = job
        dialog = follow_job(job, self, self.tr("Building the dossier…"), self.tr("Export dossier"),
                            self.tr("Cancel"), on_cancel=self.cancel_export,
                            on_dismissed=self._forget_progress)
        job.succeeded.connect(self._export_done)
        job.failed.connect(self._export_failed)
        self.progress_dialog = dialog
        self.status_label.setText(self.tr("Building the dossier…"))
        self._update_state()
        return job

    def cancel_export(self) -> None:
        if self.export_job is not None:
            self.export_job.cancel()
            self.status_label.setText(self.tr("Stopping…"))

    def _export_done(self, outcome) -> None:
        self.export_job = None
        self.last_pdf = Path(outcome.pdf)
        self._remember_pdf(self.last_pdf)
        self._last_outcome = outcome
        self._show_saved(outcome)
        self._update_state()

    def _show_saved(self, outcome, preview: bool = True) -> None:
        text = self.tr("Saved: %1").replace("%1", str(outcome.pdf))
        if outcome.pages:
            text += " " + self.tr("(%n page(s))", "", outcome.pages)
        if outcome.package is not None:
            text += "\n" + self.tr("Evidence package: %1").replace("%1", str(outcome.package.path))
        self.status_label.setText(text)
        if preview:
            self.show_preview(self.last_pdf)

    def _export_failed(self, exc: BaseException) -> None:
        self.export_job = None
        self.last_error = exc
        from ...jobs import Cancelled

        if isinstance(exc, Cancelled):
            self.status_label.setText(self.tr("Export cancelled: no file was written."))
        else:
            text = exc.message(self.lang) if isinstance(exc, UserError) else str(exc)
            self.status_label.setText(self.tr("Export failed: %1").replace("%1", text))
            self.context.report_error(exc)
        self._update_state()

    def show_preview(self, pdf: Path):
        if pdftoppm() is None:
            self._show_outline()
            return None
        self.preview_hint.setText(self.tr("Drawing the first pages…"))
        job = self.context.jobs.start(render_preview_pages, Path(pdf), Path(self._preview_dir.name))
        self.preview_job = job
        job.succeeded.connect(self._preview_ready)
        job.failed.connect(lambda _exc: self._show_outline())
        return job

    def _preview_ready(self, files: list) -> None:
        self.preview_job = None
        if not files:
            self._show_outline()
            return
        self._preview_shown = list(files)
        self.preview.show_pages(files, self.tr("Page %1"))
        self.preview_hint.setText(self.tr("The first pages of %1. Open the PDF to read it all.")
                                  .replace("%1", self.last_pdf.name if self.last_pdf else ""))

    def _show_outline(self) -> None:
        """Without a PDF renderer: list what the dossier holds, in order."""
        self.preview_job = None
        self._preview_shown = []
        config = self.choices().config
        services = self.context.services
        titles = {w.id: work_title(w, self.lang) for w in services.works.list()} if services else {}
        lines = [self.tr("Cover"), self.tr("Table of contents"), self.tr("Applicant summary"),
                 self.tr("Summary of works")]
        for n, wid in enumerate(config.work_ids, start=1):
            count = len(config.evidence_ids.get(wid, []))
            lines.append(f"{n}. {titles.get(wid, '')} — " + self.tr("%n evidence item(s)", "", count))
        lines.append(self.tr("Appendices: testimonials, photo evidence, evidence manifest"))
        if config.include_readiness_appendix:
            lines.append(self.tr("Appendix: readiness summary"))
        self.preview.show_outline(lines)
        self.preview_hint.setText(self.tr("Page pictures need Poppler’s pdftoppm, which is not installed; "
                                          "this is what the dossier contains. Open the PDF to see the pages."))

    def open_pdf(self) -> bool:
        # Without a PDF viewer, says where the file is instead of doing nothing.
        return bool(self.last_pdf) and open_pdf_or_explain(self, self.last_pdf, self.lang)

    def open_folder(self) -> bool:
        return bool(self.last_pdf) and open_folder_or_explain(self, self.last_pdf, self.lang)

    def _forget_progress(self, dialog) -> None:
        if self.progress_dialog is dialog:
            self.progress_dialog = None

    # language ----------------------------------------------------------------------
    def retranslateUi(self) -> None:
        self.general_box.setTitle(self.tr("Dossier"))
        self.position_label.setText(self.tr("Applying for"))
        self.language_label.setText(self.tr("Language of the dossier"))
        keep = self.language_combo.currentData() or ("en" if self.lang == "en" else "th")
        self.language_combo.clear()
        self.language_combo.addItem("ไทย", "th")  # each language named in itself, as in the menu
        self.language_combo.addItem("English", "en")
        self.language_combo.setCurrentIndex(max(self.language_combo.findData(keep), 0))
        self._fill_positions()
        self.works_box.setTitle(self.tr("Works, in dossier order"))
        self.works_hint.setText(self.tr("Tick the works to include; drag them or use the arrows to set the order."))
        self.up_button.setText(self.tr("▲ Up"))
        self.down_button.setText(self.tr("▼ Down"))
        self.evidence_box.setTitle(self.tr("Evidence of the chosen work"))
        self.all_button.setText(self.tr("All"))
        self.none_button.setText(self.tr("None"))
        self.options_box.setTitle(self.tr("Options"))
        self.readiness_box.setText(self.tr("Add the readiness summary as an appendix"))
        self.package_box.setText(
            self.tr("Also make the evidence package (ZIP with the original files and their hashes)"))
        self.keep_gps_box.setText(self.tr("Keep the GPS positions in the photos"))
        self.final_box.setText(self.tr("Final version to submit (not while readiness finds something blocking)"))
        self.keep_gps_box.setToolTip(self.tr("Unless this is ticked, the photos in the evidence package go "
                                             "without their GPS positions: a position can lead to someone’s home."))
        self.out_label.setText(self.tr("Save as"))
        self.browse_button.setText(self.tr("Choose…"))
        self.export_button.setText(self.tr("Export dossier"))
        self.preview_box.setTitle(self.tr("Preview"))
        if self.last_pdf is None:
            self.preview_hint.setText(self.tr("The first pages appear here after the export."))
        self.open_pdf_button.setText(self.tr("Open PDF"))
        self.open_folder_button.setText(self.tr("Show folder"))
        self.reload()
        if self._preview_shown is not None and self.preview_job is None:
            if self._preview_shown:
                self._preview_ready(self._preview_shown)
            else:
                self._show_outline()
        if self._last_outcome is not None and self.export_job is None and self.last_pdf is not None:
            # The words only: the pages drawn are the same PDF's (drawing them
            # again on each switch ran two renderers into one folder at once).
            self._show_saved(self._last_outcome, preview=False)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def closeEvent(self, event) -> None:
        if self.export_job is not None:
            self.export_job.cancel()
        super().closeEvent(event)
