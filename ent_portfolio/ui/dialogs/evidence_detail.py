"""One evidence item up close: the picture with zoom, what the file itself
says (camera, date, GPS, size), and the fields a lecturer edits — caption,
kind, date, the date written on a document, whether the people in a photo
consented, place, and which EnT principles the item proves.

A photo also shows its faces as boxes the lecturer corrects (the dossier
blurs them unless everyone consented, and a line under the consent says
what the export will do), and what the plausibility check doubts about
it, each doubt explainable with a note the manifest prints."""

from __future__ import annotations

import datetime as _dt

from ...domain.enums import EvidenceKind, PeopleConsent, Principle
from ...domain.photo_facts import LECTURER, face_boxes_of
from ...privacy import faces_must_be_hidden
from ...typeset.dates import format_date
from ..common import fill_enum_combo
from ..forms import FieldSpec, make_field, read_field_value, relabel_field, set_field_value
from ..models.evidence_model import (
    faces_blurred_at_export,
    gps_text,
    placeholder_pixmap,
    read_scaled_image,
    read_with_pillow,
    size_text,
)
from ..qt import (
    QCheckBox,
    QComboBox,
    QDate,
    QDesktopServices,
    QDialog,
    QEvent,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QKeySequence,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QShortcut,
    QSize,
    QSplitter,
    Qt,
    QUrl,
    QVBoxLayout,
    QWidget,
)
from ..thaiwrap import ThaiWrapLabel
from ..undo import push_edit
from ..widgets.evidence_date import EraDateEdit
from ..widgets.face_boxes import FaceBoxEditor
from ..widgets.job_progress import follow_job
from ..widgets.photo_findings_panel import PhotoFindingsPanel

#: Kinds whose paper carries a date of its own (a letter's "ลงวันที่").
DATED_KINDS = frozenset({EvidenceKind.SCAN, EvidenceKind.PDF, EvidenceKind.DOCUMENT, EvidenceKind.CONTRIBUTION_FORM,
                         EvidenceKind.MOU, EvidenceKind.ETHICS_DECLARATION, EvidenceKind.ETHICS_APPROVAL})
DOCUMENT_DATE = FieldSpec("document_date", "Date on the document", "date", context="EvidenceDetailDialog")

#: The viewer decodes at most this many pixels on the long side (a 12 MP
#: photo at full size would take a noticeable moment and a lot of memory).
VIEWER_MAX = QSize(3200, 3200)


def open_with_system(path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class EvidenceDetailDialog(QDialog):
    def __init__(self, context, evidence_id: str, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.evidence_id = evidence_id
        self.record = context.services.evidence.get(evidence_id)
        self.resize(1100, 720)
        self.setSizeGripEnabled(True)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        # Left: the picture and the zoom buttons.
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.viewer = FaceBoxEditor()
        left_layout.addWidget(self.viewer, 1)
        zoom_row = QHBoxLayout()
        self.zoom_out_button = QPushButton("−")
        self.fit_button = QPushButton()
        self.actual_button = QPushButton("100%")
        self.zoom_in_button = QPushButton("+")
        self.zoom_label = QLabel()
        for b in (self.zoom_out_button, self.zoom_in_button):
            b.setFixedWidth(36)
        self.zoom_out_button.clicked.connect(self.viewer.zoom_out)
        self.zoom_in_button.clicked.connect(self.viewer.zoom_in)
        self.fit_button.clicked.connect(self.viewer.fit)
        self.actual_button.clicked.connect(self.viewer.actual_size)
        self.viewer.zoomChanged.connect(lambda z: self.zoom_label.setText(f"{z * 100:.0f}%"))
        for w in (self.zoom_out_button, self.fit_button, self.actual_button, self.zoom_in_button, self.zoom_label):
            zoom_row.addWidget(w)
        zoom_row.addStretch(1)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_original)
        zoom_row.addWidget(self.open_button)
        left_layout.addLayout(zoom_row)
        left_layout.addWidget(self._face_tools())
        splitter.addWidget(left)

        # Right: the editable fields, then what the file says.
        # Scrolled: with a photo's findings listed the fields would not fit a small screen.
        self.fields_scroll = fields_scroll = QScrollArea()
        fields_scroll.setWidgetResizable(True)
        fields_scroll.setFrameShape(QFrame.Shape.NoFrame)
        fields_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        fields_scroll.setWidget(QWidget())
        right_layout = QVBoxLayout(fields_scroll.widget())
        right_layout.setContentsMargins(8, 0, 8, 0)
        self.edit_box = QGroupBox()
        form = QFormLayout(self.edit_box)
        self.caption_edit = QPlainTextEdit()
        self.caption_edit.setTabChangesFocus(True)
        self.caption_edit.setFixedHeight(84)
        self.date_known = QCheckBox()
        self.date_edit = EraDateEdit(context.language)
        self.date_thai = QLabel()
        self.date_thai.setStyleSheet("color: #4a5868;")
        date_row = QHBoxLayout()
        date_row.addWidget(self.date_known)
        date_row.addWidget(self.date_edit)
        date_row.addWidget(self.date_thai, 1)
        self.date_known.toggled.connect(self.date_edit.setEnabled)
        self.date_known.toggled.connect(lambda _=None: self._show_date())
        self.date_edit.dateChanged.connect(lambda _=None: self._show_date())
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("evidenceKind")
        self.kind_combo.currentIndexChanged.connect(lambda _=None: self._show_kind_rows())
        self.document_date_edit = make_field(DOCUMENT_DATE, context.language)
        self.consent_combo = QComboBox()
        self.consent_combo.setObjectName("peopleConsent")
        self.consent_combo.currentIndexChanged.connect(lambda _=None: self._show_blurring())
        # The consent and what the export then does to the faces, together.
        self.blur_line = ThaiWrapLabel()
        self.blur_line.setStyleSheet("color: #4a5868;")
        self.consent_field = QWidget()
        consent_layout = QVBoxLayout(self.consent_field)
        consent_layout.setContentsMargins(0, 0, 0, 0)
        consent_layout.addWidget(self.consent_combo)
        consent_layout.addWidget(self.blur_line)
        self.place_edit = QLineEdit()
        self.activity_combo = QComboBox()
        self.activity_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.activity_combo.setMinimumContentsLength(20)
        self.activity_label = QLabel()
        self.principle_boxes: dict[str, QCheckBox] = {p.value: QCheckBox() for p in Principle}
        principles = QVBoxLayout()
        principles.setSpacing(2)
        for box in self.principle_boxes.values():
            principles.addWidget(box)
        self.include_box = QCheckBox()
        self.caption_label, self.date_label = QLabel(), QLabel()
        self.place_label, self.principles_label = QLabel(), QLabel()
        self.kind_label, self.document_date_label, self.consent_label = QLabel(), QLabel(), QLabel()
        self.edit_form = form
        form.addRow(self.caption_label, self.caption_edit)
        form.addRow(self.kind_label, self.kind_combo)
        form.addRow(self.date_label, date_row)
        form.addRow(self.document_date_label, self.document_date_edit)
        form.addRow(self.consent_label, self.consent_field)
        form.addRow(self.place_label, self.place_edit)
        form.addRow(self.activity_label, self.activity_combo)
        form.addRow(self.principles_label, principles)
        form.addRow("", self.include_box)
        right_layout.addWidget(self.edit_box)
        self.findings_panel = PhotoFindingsPanel()
        self.findings_panel.explainRequested.connect(self.ask_note)
        self.findings_panel.removeRequested.connect(lambda rule: self.explain(rule, ""))
        right_layout.addWidget(self.findings_panel)

        self.file_box = QGroupBox()
        self.file_form = QFormLayout(self.file_box)
        self.file_values: dict[str, QLabel] = {}
        self.file_labels: dict[str, QLabel] = {}
        for key in ("name", "kind", "size", "pixels", "camera", "taken", "gps", "sha"):
            label, value = QLabel(), QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self.file_labels[key], self.file_values[key] = label, value
            self.file_form.addRow(label, value)
        right_layout.addWidget(self.file_box)
        right_layout.addStretch(1)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save_button = QPushButton()
        self.save_button.setDefault(True)
        self.close_button = QPushButton()
        self.save_button.clicked.connect(self._save_and_close)
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.save_button)
        right = QWidget()
        right_outer = QVBoxLayout(right)
        right_outer.setContentsMargins(0, 0, 0, 0)
        right_outer.addWidget(fields_scroll, 1)
        right_outer.addLayout(buttons)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, activated=self.viewer.zoom_in)
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, activated=self.viewer.zoom_out)

        self.note_dialog: QInputDialog | None = None
        self.detect_job = None
        self._load_fields()
        self._load_picture()
        self.retranslateUi()
        context.data_changed.connect(self._record_changed)

    # loading -------------------------------------------------------------------
    @property
    def lang(self) -> str:
        return self.context.language

    def file_path(self):
        return self.context.portfolio.store.path_for(self.record.sha256)

    def _load_fields(self) -> None:
        r = self.record
        self.caption_edit.setPlainText(r.caption or "")
        self.date_known.setChecked(r.date_taken is not None)
        d = r.date_taken.date() if r.date_taken else _dt.date.today()
        self.date_edit.setDate(QDate(d.year, d.month, d.day))
        self.date_edit.setEnabled(r.date_taken is not None)
        fill_enum_combo(self.kind_combo, EvidenceKind, self.lang, r.kind)
        set_field_value(DOCUMENT_DATE, self.document_date_edit, r.document_date)
        fill_enum_combo(self.consent_combo, PeopleConsent, self.lang, r.people_consent or PeopleConsent.UNKNOWN)
        self._show_kind_rows()
        self.place_edit.setText(r.place or "")
        self._fill_activities()
        for code, box in self.principle_boxes.items():
            box.setChecked(code in (r.principles or []))
        self.include_box.setChecked(bool(r.include_in_dossier))

    def _load_picture(self) -> None:
        r = self.record
        image = None
        path = self.file_path()
        if (r.media_type or "").startswith("image/") or r.kind in ("photo", "scan"):
            image = read_scaled_image(path, VIEWER_MAX)
            if image.isNull() and path.is_file():  # e.g. HEIC from a phone
                image = read_with_pillow(path, VIEWER_MAX)
        if (image is None or image.isNull()):
            from ..models.evidence_model import _core_thumbnail

            thumb = _core_thumbnail(self.context.portfolio, r.sha256)
            if thumb is not None:
                image = read_scaled_image(thumb, VIEWER_MAX)
        self._has_picture = image is not None and not image.isNull()
        if self._has_picture:
            self.viewer.set_image(image)
        else:
            self.viewer.set_image(placeholder_pixmap(r.kind or "other", size=QSize(320, 240)))
        self.viewer.set_boxes(face_boxes_of(r.face_boxes) if self._has_picture else [])
        self._show_kind_rows()

    def _fill_activities(self) -> None:
        """The work's activities, to say at which one the photo was taken."""
        keep = self.activity_combo.currentData() if self.activity_combo.count() else self.record.activity_id
        self.activity_combo.clear()
        self.activity_combo.addItem(self.tr("— not linked —"), None)
        for activity in self.context.services.activities.list(work_id=self.record.work_id):
            text = f"{format_date(activity.date, self.lang, 'short')} · {activity.title}"
            self.activity_combo.addItem(text, activity.id)
        self.activity_combo.setCurrentIndex(max(self.activity_combo.findData(keep), 0))

    def _show_kind_rows(self) -> None:
        """A document's own date for what is written on paper, the consent
        of the people for a photo: each asked only where it means something."""
        kind = self.kind_combo.currentData()
        self.edit_form.setRowVisible(self.document_date_edit, kind in DATED_KINDS)
        self.edit_form.setRowVisible(self.consent_field, kind == EvidenceKind.PHOTO)
        self.face_tools.setVisible(self.is_photo())
        self.viewer.set_editable(self.is_photo())
        self._show_blurring()

    # faces ---------------------------------------------------------------------
    def _face_tools(self) -> QWidget:
        """Under the picture: how to mark faces, remove one, detect again."""
        self.face_tools = QWidget()
        row = QHBoxLayout(self.face_tools)
        row.setContentsMargins(0, 0, 0, 0)
        self.faces_hint = ThaiWrapLabel()
        self.faces_hint.setStyleSheet("color: #4a5868;")
        self.remove_box_button = QPushButton()
        self.remove_box_button.clicked.connect(self.viewer.remove_selected)
        self.detect_button = QPushButton()
        self.detect_button.clicked.connect(self.detect_again)
        row.addWidget(self.faces_hint, 1)
        row.addWidget(self.remove_box_button)
        row.addWidget(self.detect_button)
        self.viewer.selectionChanged.connect(lambda _=None: self._show_blurring())
        self.viewer.boxesChanged.connect(self._show_blurring)
        return self.face_tools

    def is_photo(self) -> bool:
        return getattr(self, "_has_picture", False) and self.kind_combo.currentData() == EvidenceKind.PHOTO

    def _show_blurring(self) -> None:
        """Say what the dossier will do to the faces, as the lecturer edits
        the boxes and the consent (before saving: it is what Save would store)."""
        consent = self.consent_combo.currentData()
        boxes = len(self.viewer.boxes())
        blurred = faces_blurred_at_export(boxes, consent)
        self.viewer.set_blurred(faces_must_be_hidden(consent))
        if self.record.face_boxes is None and not self.viewer.edited:
            text = self.tr("Faces not looked for yet: the export looks for them and blurs them "
                           "unless everyone in the photo consented.")
        elif boxes and not blurred:
            text = self.tr("Not blurred — everyone in the photo consented.")
        elif blurred:
            text = self.tr("%n face(s) will be blurred in the dossier", "", blurred)
        else:
            text = self.tr("No face marked: nothing will be blurred.")
        self.blur_line.setText(text)
        self.remove_box_button.setEnabled(self.viewer.selected() >= 0)
        self._enable_detect()

    def _enable_detect(self) -> None:
        drawn = any(box.by == LECTURER for box in face_boxes_of(self.record.face_boxes))
        busy = self.detect_job is not None and not self.detect_job.done
        self.detect_button.setEnabled(self.is_photo() and not (busy or drawn or self.viewer.edited))
        if self.viewer.edited:
            self.detect_button.setToolTip(self.tr("Save your boxes first."))
        elif drawn:
            self.detect_button.setToolTip(self.tr("You corrected the boxes of this photo: the detector does not "
                                                  "replace them. Remove them all and save to detect again."))
        else:
            self.detect_button.setToolTip(self.tr("Look for faces in the photo again, replacing the boxes "
                                                  "the detector found."))

    def detect_again(self):
        """Run the face detector on this photo again, in a job; returns it."""
        from ...services.photos import analyse_photos

        if not self.detect_button.isEnabled():
            return None
        job = self.context.jobs.start(analyse_photos, self.context.portfolio, [self.evidence_id], redetect=True)
        self.detect_job = job
        follow_job(job, self, self.tr("Looking for faces…"), self.tr("Detect faces again"), self.tr("Cancel"))
        job.succeeded.connect(lambda _analysis: self.context.notify("evidence", self.evidence_id))
        job.failed.connect(self.context.report_error)
        job.finished.connect(self._enable_detect)
        self._enable_detect()
        return job

    def _record_changed(self, kind: str, record_id: str) -> None:
        """Another step changed this record (an undo, a detection, a note):
        the boxes (unless being edited) and the findings follow; the fields
        being typed in stay as they are."""
        if kind != "evidence" or record_id not in ("", self.evidence_id):
            return
        record = self.context.services.evidence.find(self.evidence_id)
        if record is None:
            return
        self.record = record
        if not self.viewer.edited and self._has_picture:
            self.viewer.set_boxes(face_boxes_of(record.face_boxes))
        self._show_findings()
        self._show_blurring()

    # findings ------------------------------------------------------------------
    def findings(self) -> list:
        from ...readiness.photo_findings import photo_findings

        return photo_findings(self.context.portfolio, self.record.work_id).get(self.evidence_id, [])

    def _show_findings(self) -> None:
        found = self.findings() if self.record.kind == EvidenceKind.PHOTO else []
        self.findings_panel.show_findings(found, dict(self.record.findings_explained or {}), self.lang)

    def ask_note(self, rule_id: str) -> QInputDialog:
        """Ask for the note explaining ``rule_id`` (the note so far to edit)."""
        finding = next((f for f in self.findings() if f.rule == rule_id), None)
        dialog = QInputDialog(self)
        dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
        dialog.setWindowTitle(self.tr("Explain the finding"))
        asked = finding.message(self.lang) + "\n\n" if finding is not None else ""
        dialog.setLabelText(asked + self.tr("Why is the photo right? Your note appears beside it in the "
                                            "dossier's manifest."))
        dialog.setTextValue((self.record.findings_explained or {}).get(rule_id, ""))
        dialog.setOkButtonText(self.tr("Save note"))
        dialog.setCancelButtonText(self.tr("Cancel"))
        dialog.textValueSelected.connect(lambda note: self.explain(rule_id, note))
        self.note_dialog = dialog
        dialog.open()
        return dialog

    def explain(self, rule_id: str, note: str) -> bool:
        """Store (or, with "", take away) the note, as one undoable step."""
        from ...services.photos import explain_finding

        before = dict(self.record.findings_explained or {})
        try:
            explain_finding(self.context.portfolio, self.evidence_id, rule_id, note)
        except Exception as exc:  # shown to the user in their language
            self.context.report_error(exc)
            return False
        after = dict(self.context.services.evidence.get(self.evidence_id).findings_explained or {})
        if after != before:
            push_edit(self.context, "evidence", "evidence", self.evidence_id, {"findings_explained": before},
                      {"findings_explained": after}, lambda: self.tr("Explain a finding"))
        self.context.notify("evidence", self.evidence_id)
        return True

    def _show_date(self) -> None:
        if not self.date_known.isChecked():
            self.date_thai.setText("")
            return
        q = self.date_edit.date()
        self.date_thai.setText(format_date(_dt.date(q.year(), q.month(), q.day()), self.lang))

    def _fill_file_details(self) -> None:
        r, lang = self.record, self.lang
        try:
            kind = EvidenceKind(r.kind).label(lang)
        except ValueError:
            kind = r.kind or ""
        values = {
            "name": r.original_name,
            "kind": f"{kind} ({r.media_type})" if r.media_type else kind,
            "size": size_text(r.size),
            "pixels": f"{r.width} × {r.height}" if r.width and r.height else "",
            "camera": r.camera,
            "taken": (format_date(r.date_taken, lang) + r.date_taken.strftime(" %H:%M")) if r.date_taken else "",
            "gps": gps_text(r.latitude, r.longitude),
            "sha": r.sha256,
        }
        if r.page_count:
            values["pixels"] = self.tr("%n page(s)", "", r.page_count)
        for key, value in values.items():
            self.file_values[key].setText(value or "—")

    # editing -------------------------------------------------------------------
    def edited_fields(self) -> dict:
        date_taken = None
        if self.date_known.isChecked():
            q = self.date_edit.date()
            day = _dt.date(q.year(), q.month(), q.day())
            old = self.record.date_taken
            keep_time = old.time() if old is not None else _dt.time(0, 0)
            date_taken = _dt.datetime.combine(day, keep_time)
        return {
            "caption": self.caption_edit.toPlainText().strip(),
            "kind": self.kind_combo.currentData(),
            "document_date": read_field_value(DOCUMENT_DATE, self.document_date_edit),
            "people_consent": self.consent_combo.currentData(),
            "date_taken": date_taken,
            "place": self.place_edit.text().strip(),
            "activity_id": self.activity_combo.currentData(),
            "principles": [code for code, box in self.principle_boxes.items() if box.isChecked()],
            "include_in_dossier": self.include_box.isChecked(),
        }

    def save(self) -> bool:
        if self.document_date_edit.problem_text():  # what was typed is not a date: said under the field
            self.document_date_edit.setFocus()
            return False
        fields = self.edited_fields()
        current = {
            "caption": self.record.caption or "",
            "kind": self.record.kind,
            "document_date": self.record.document_date,
            "people_consent": self.record.people_consent,
            "date_taken": self.record.date_taken,
            "place": self.record.place or "",
            "activity_id": self.record.activity_id,
            "principles": list(self.record.principles or []),
            "include_in_dossier": bool(self.record.include_in_dossier),
        }
        changed = {k: v for k, v in fields.items() if v != current[k]}
        old, new = {}, {}
        if self.viewer.edited and self.is_photo():
            from ...services.photos import set_face_boxes

            before = self.record.face_boxes
            try:
                set_face_boxes(self.context.portfolio, self.evidence_id, self.viewer.boxes())
            except Exception as exc:  # shown to the user in their language; nothing was stored
                self.context.report_error(exc)
                return False
            self.record = self.context.services.evidence.get(self.evidence_id)
            self.viewer.edited = False
            old["face_boxes"], new["face_boxes"] = before, self.record.face_boxes
        saved = True
        if changed:
            try:
                self.record = self.context.services.evidence.update(self.evidence_id, **changed)
            except Exception as exc:  # shown to the user in their language
                self.context.report_error(exc)
                saved = False
            else:
                old.update({k: current[k] for k in changed})
                new.update(changed)
        if new:  # one step takes back the boxes and the fields saved together
            push_edit(self.context, "evidence", "evidence", self.evidence_id, old, new,
                      lambda: self.tr("Edit evidence"))
            self.context.notify("evidence", self.evidence_id)
        return saved

    def _save_and_close(self) -> None:
        if self.save():
            self.accept()

    def open_original(self) -> bool:
        return open_with_system(self.file_path())

    # language ------------------------------------------------------------------
    def retranslateUi(self) -> None:
        lang = self.lang
        self.date_edit.set_language(lang)
        self.setWindowTitle(self.tr("Evidence: %1").replace("%1", self.record.caption or self.record.original_name))
        self.fit_button.setText(self.tr("Fit"))
        self.fit_button.setToolTip(self.tr("Fit the picture to the window (double-click)"))
        self.zoom_in_button.setToolTip(self.tr("Zoom in (Ctrl+wheel or +)"))
        self.zoom_out_button.setToolTip(self.tr("Zoom out (Ctrl+wheel or −)"))
        self.actual_button.setToolTip(self.tr("One screen pixel per picture pixel"))
        self.open_button.setText(self.tr("Open original…"))
        self.open_button.setToolTip(self.tr("Open the stored file with the program your computer uses for it"))
        self.edit_box.setTitle(self.tr("Description"))
        self.caption_label.setText(self.tr("Caption"))
        self.kind_label.setText(self.tr("Kind"))
        fill_enum_combo(self.kind_combo, EvidenceKind, lang)
        self.document_date_label.setText(self.tr("Date on the document"))
        relabel_field(DOCUMENT_DATE, self.document_date_edit, lang, None)
        self.consent_label.setText(self.tr("Consent of the people in the photo"))
        fill_enum_combo(self.consent_combo, PeopleConsent, lang)
        self.date_label.setText(self.tr("Date"))
        self.date_known.setText(self.tr("known"))
        self.place_label.setText(self.tr("Place"))
        self.activity_label.setText(self.tr("Activity"))
        self._fill_activities()  # dates in the new language
        self.principles_label.setText(self.tr("Proves"))
        for code, box in self.principle_boxes.items():
            box.setText(Principle(code).label(lang))
        self.include_box.setText(self.tr("Include in the dossier"))
        self.file_box.setTitle(self.tr("What the file says"))
        labels = {
            "name": self.tr("Original name"),
            "kind": self.tr("Type"),
            "size": self.tr("File size"),
            "pixels": self.tr("Size"),
            "camera": self.tr("Camera"),
            "taken": self.tr("Taken"),
            "gps": self.tr("GPS"),
            "sha": self.tr("SHA-256"),
        }
        for key, text in labels.items():
            self.file_labels[key].setText(text)
        self.save_button.setText(self.tr("Save"))
        self.close_button.setText(self.tr("Cancel"))
        self.faces_hint.setText(self.tr("Drag over a face to mark it; drag a box to move it or its corner to "
                                        "resize it; Delete removes the selected box."))
        self.remove_box_button.setText(self.tr("Remove box"))
        self.detect_button.setText(self.tr("Detect faces again"))
        self._fill_file_details()
        self._show_date()
        self._show_blurring()
        self._show_findings()
        # As wide as the fields need in this language: a scroll area alone would let the picture squeeze them.
        self.fields_scroll.setMinimumWidth(self.fields_scroll.widget().minimumSizeHint().width()
                                           + self.fields_scroll.verticalScrollBar().sizeHint().width())

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
