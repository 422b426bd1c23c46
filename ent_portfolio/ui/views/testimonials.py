"""Testimonials and certifications of use: who said what, the scanned
signed letter shown beside the quoted words, consent and contactable flags."""

from __future__ import annotations

from pathlib import Path

from ...domain import enums
from ..common import confirm_delete, enum_label, name_order
from ..dialogs.new_partner import NEW_PARTNER_ENTRY, ask_new_partner
from ..dialogs.record_form import RecordFormDialog
from ..forms import FieldSpec, refill_choices
from ..qt import (
    QT_TRANSLATE_NOOP,
    QComboBox,
    QEvent,
    QFileDialog,
    QHBoxLayout,
    QImageReader,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPixmap,
    QPushButton,
    QScrollArea,
    QSize,
    QSizePolicy,
    QSplitter,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ..textutil import format_date
from ..thaiwrap import wrap_hints
from ..undo import push_delete
from ..widgets.autoform import AutoForm
from ..widgets.empty_state import NEW_WORK_TARGET, EmptyState


class LetterPreview(QLabel):
    """The scanned letter, scaled to fit, re-scaled when resized; a double
    click asks for it to be opened in the evidence viewer."""

    activated = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(QSize(280, 360))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setStyleSheet("QLabel { background: #f4f4f4; border: 1px solid #ccc; color: #666; }")
        self.setWordWrap(True)
        self._pixmap: QPixmap | None = None

    def show_file(self, path: Path | None, missing_text: str) -> None:
        self._pixmap = None
        if path is not None and Path(path).exists():
            reader = QImageReader(str(path))
            reader.setAutoTransform(True)
            image = reader.read()
            if not image.isNull():
                self._pixmap = QPixmap.fromImage(image)
        if self._pixmap is None:
            self.setPixmap(QPixmap())
            self.setText(missing_text)
        else:
            self.setText("")
            self._rescale()

    def _rescale(self) -> None:
        if self._pixmap is not None:
            self.setPixmap(self._pixmap.scaled(self.size() - QSize(8, 8), Qt.AspectRatioMode.KeepAspectRatio,
                                               Qt.TransformationMode.SmoothTransformation))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._rescale()

    def mouseDoubleClickEvent(self, event) -> None:
        if self._pixmap is not None:
            self.activated.emit()
        super().mouseDoubleClickEvent(event)


class TestimonialsView(QWidget):
    __test__ = False  # not a pytest class

    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        layout = QHBoxLayout(self)
        splitter = QSplitter()
        layout.addWidget(splitter)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.work_filter = QComboBox()
        self.work_filter.setObjectName("testimonialWorkFilter")
        self.list = QListWidget()
        self.list.setObjectName("testimonialList")
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        buttons = QHBoxLayout()
        self.new_button = QPushButton()
        self.new_button.setObjectName("newTestimonialButton")
        self.delete_button = QPushButton()
        self.delete_button.setObjectName("deleteTestimonialButton")
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        ll.addWidget(self.heading)
        ll.addWidget(self.work_filter)
        ll.addWidget(self.list, 1)
        ll.addLayout(buttons)

        middle = QWidget()
        ml = QVBoxLayout(middle)
        ml.setContentsMargins(0, 0, 0, 0)
        self.form = AutoForm(context, "testimonials", "testimonial", [
            FieldSpec("kind", QT_TRANSLATE_NOOP("Fields", "Kind"), "enum", enums.TestimonialKind, required=True),
            FieldSpec("person_name", QT_TRANSLATE_NOOP("Fields", "Name"), required=True),
            FieldSpec("person_position", QT_TRANSLATE_NOOP("Fields", "Position")),
            FieldSpec("organisation", QT_TRANSLATE_NOOP("Fields", "Organisation")),
            self._partner_spec(),
            FieldSpec("date", QT_TRANSLATE_NOOP("Fields", "Date"), "date"),
            FieldSpec("quote", QT_TRANSLATE_NOOP("Fields", "Quoted words"), "multiline"),
            FieldSpec("claim", QT_TRANSLATE_NOOP("Fields", "What it corroborates"), "multiline"),
            FieldSpec("principle", QT_TRANSLATE_NOOP("Fields", "EnT principle"), "enum", enums.Principle),
            FieldSpec("signed", QT_TRANSLATE_NOOP("Fields", "The letter is signed"), "bool"),
            FieldSpec("consent", QT_TRANSLATE_NOOP("Fields", "Consent to include it in the dossier (PDPA)"), "bool"),
            FieldSpec("consent_date", QT_TRANSLATE_NOOP("Fields", "Consent given on"), "date"),
            FieldSpec("contactable", QT_TRANSLATE_NOOP("Fields", "Reviewers may contact this person"), "bool"),
            FieldSpec("contact", QT_TRANSLATE_NOOP("Fields", "How to contact")),
        ], labels_above=True)
        self.form.saved.connect(self._relabel_after_save)
        self.form.widgets["quote"].setMinimumHeight(170)  # the words are what reviewers read
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.form)
        ml.addWidget(scroll)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        self.letter_title = QLabel()
        self.letter_title.setStyleSheet("font-weight: 600;")
        self.letter = LetterPreview()
        self.letter.setObjectName("letterPreview")
        self.letter.activated.connect(self.open_letter)
        self.letter_button = QPushButton()
        self.letter_button.setObjectName("chooseLetterButton")
        self.letter_button.clicked.connect(self.choose_letter)
        rl.addWidget(self.letter_title)
        rl.addWidget(self.letter, 1)
        rl.addWidget(self.letter_button)
        self.print_letter_button = QPushButton()
        self.print_letter_button.setObjectName("printLetterButton")
        self.print_letter_button.clicked.connect(self.print_letter)
        rl.addWidget(self.print_letter_button)

        self.empty_state = EmptyState(self._first_step)
        self.record_panes = (middle, right)
        splitter.addWidget(left)
        splitter.addWidget(middle)
        splitter.addWidget(right)
        splitter.addWidget(self.empty_state)
        splitter.setSizes([270, 540, 390, 930])  # the empty state, or the other two

        self.list.currentItemChanged.connect(lambda item, _prev: self._show(item))
        self.work_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.new_button.clicked.connect(self.new_record)
        self.delete_button.clicked.connect(self.delete_current)
        context.portfolio_changed.connect(self._portfolio_changed)
        context.data_changed.connect(self._data_changed)
        context.language_changed.connect(self._language_changed)
        self.retranslateUi()
        self._fill_works()
        self.reload()

    def _relabel_after_save(self, _values) -> None:
        self._relabel()

    def _partner_spec(self) -> FieldSpec:
        return FieldSpec("partner_id", QT_TRANSLATE_NOOP("Fields", "Partner"), "choice", choices=self._partner_choices,
                         create=lambda parent: ask_new_partner(self.context, parent),
                         create_label=NEW_PARTNER_ENTRY)

    def _partner_choices(self):
        if self.context.services is None:
            return []
        order = name_order("th")
        return sorted(((p.name_th, p.id) for p in self.context.services.partners.list()), key=lambda c: order(c[0]))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        self.heading.setText(self.tr("Testimonials and certifications"))
        self.new_button.setText(self.tr("New…"))
        self.delete_button.setText(self.tr("Delete"))
        self.letter_title.setText(self.tr("Scanned letter"))
        self.letter.setToolTip(self.tr("Double-click to open the letter in the evidence viewer"))
        self.letter_button.setText(self.tr("Choose the scanned letter…"))
        self.print_letter_button.setText(self.tr("Print the letter to sign…"))
        if self.work_filter.count():
            self.work_filter.setItemText(0, self.tr("All works"))
        self._show_letter()
        self._show_empty_state()

    def _language_changed(self, lang: str) -> None:
        self.form.set_language(lang)
        self.form.refresh_widgets()
        self._relabel()

    # --- data -------------------------------------------------------------------
    def _portfolio_changed(self) -> None:
        self._fill_works()
        self.reload()

    def _fill_works(self) -> None:
        current = self.work_filter.currentData()
        self.work_filter.blockSignals(True)
        self.work_filter.clear()
        self.work_filter.addItem(self.tr("All works"), None)
        if self.context.services is not None:
            for w in self.context.services.works.list():
                self.work_filter.addItem(w.title_th, w.id)
        self.work_filter.setCurrentIndex(max(self.work_filter.findData(current), 0) if current else 0)
        self.work_filter.blockSignals(False)

    def reload(self) -> None:
        current = self.current_id()
        self.list.blockSignals(True)
        self.list.clear()
        if self.context.services is not None:
            work_id = self.work_filter.currentData()
            records = self.context.services.testimonials.list(**({"work_id": work_id} if work_id else {}))
            for t in records:
                item = QListWidgetItem()
                item.setData(Qt.ItemDataRole.UserRole, t.id)
                self.list.addItem(item)
        self.list.blockSignals(False)
        self._relabel()
        self._show_empty_state()
        if not self.select(current):
            if self.list.count():
                self.list.setCurrentRow(0)
            else:
                self._show(None)

    def _has_works(self) -> bool:
        return self.work_filter.count() > 1  # "All works" and at least one

    def _show_empty_state(self) -> None:
        empty = self.context.services is not None and self.list.count() == 0 and self.work_filter.currentIndex() <= 0
        for pane in self.record_panes:
            pane.setVisible(not empty)
        self.empty_state.setVisible(empty)
        if self._has_works():
            self.empty_state.set_texts(self.tr("No testimonials yet. Record what a partner said or certified "
                                               "about a work, with the signed letter beside it."),
                                       self.tr("New testimonial…"))
        else:
            self.empty_state.set_texts(self.tr("A testimonial belongs to a work. Record a work first, "
                                               "then the testimonials about it."), self.tr("New work…"))

    def _first_step(self) -> None:
        if self._has_works():
            self.new_record()
        else:
            self.context.navigate.emit(NEW_WORK_TARGET)

    def _relabel(self) -> None:
        if self.context.services is None:
            return
        lang = self.context.language
        for n in range(self.list.count()):
            item = self.list.item(n)
            t = self.context.services.testimonials.find(item.data(Qt.ItemDataRole.UserRole))
            if t is None:
                continue
            kind = enum_label(enums.TestimonialKind, t.kind, lang)
            when = format_date(t.date, lang, "short")
            item.setText(wrap_hints(f"{t.person_name}\n{kind}" + (f" · {when}" if when else "")))

    def _data_changed(self, kind: str, record_id: str) -> None:
        if kind == "testimonial":
            if self.form._own_change:
                # The form's own autosave: its fields already show what was
                # saved.  Reloading them put the cursor back at the start of
                # the words being typed, and the next ones went in front.
                return
            self.reload()
        elif kind == "work":
            self._fill_works()
            self._show_empty_state()
        elif kind == "evidence":
            self._show_letter()

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def select(self, testimonial_id: str | None) -> bool:
        for n in range(self.list.count()):
            if self.list.item(n).data(Qt.ItemDataRole.UserRole) == testimonial_id:
                self.list.setCurrentRow(n)
                return True
        return False

    def _show(self, item) -> None:
        testimonial_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        # partner choices may have changed since the form was built
        partner = next(spec for spec in self.form.specs if spec.name == "partner_id")
        refill_choices(partner, self.form.widgets["partner_id"])
        self.form.load(testimonial_id)
        self.delete_button.setEnabled(testimonial_id is not None)
        self.letter_button.setEnabled(testimonial_id is not None)
        self.print_letter_button.setEnabled(testimonial_id is not None)
        self._show_letter()

    def _show_letter(self) -> None:
        testimonial_id = self.current_id()
        services = self.context.services
        path = None
        if testimonial_id and services is not None:
            t = services.testimonials.find(testimonial_id)
            if t is not None and t.letter_evidence_id and services.evidence.find(t.letter_evidence_id):
                path = services.evidence.file_path(t.letter_evidence_id)
        self.letter.show_file(path, self.tr("No scanned letter yet."))

    def open_letter(self) -> None:
        """Show the letter in the evidence viewer (zoom, details)."""
        t = self.context.services.testimonials.find(self.current_id() or "")
        if t is not None and t.letter_evidence_id:
            self.save_now()
            self.context.navigate.emit(("evidence", t.letter_evidence_id))

    def print_letter(self):
        """The letter for the partner to sign, with the QR code that files its scan."""
        from ..dialogs.letter_dialog import open_testimonial_letter

        if self.current_id() is None:
            return None
        self.save_now()  # the words typed a moment ago are what the letter prints
        self.letter_dialog = open_testimonial_letter(self.context, self.current_id(), self)
        return self.letter_dialog

    def choose_letter(self) -> None:
        testimonial_id = self.current_id()
        if testimonial_id is None:
            return
        filename, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the scanned letter"), "",
            self.tr("Images and PDF (*.jpg *.jpeg *.png *.tif *.tiff *.pdf);;All files (*)"))
        if filename:
            self.attach_letter(Path(filename))

    def attach_letter(self, path: Path) -> None:
        """Copy the scan into the evidence store and link it as the letter
        (the user's file is read, never moved or changed)."""
        services = self.context.services
        t = services.testimonials.get(self.current_id())
        try:
            kind = "pdf" if path.suffix.lower() == ".pdf" else "scan"
            evidence = services.evidence.add_file(t.work_id, path, kind=kind, testimonial_id=t.id,
                                                  caption=self.tr("Letter from %1").replace("%1", t.person_name))
            services.testimonials.update(t.id, letter_evidence_id=evidence.id)
        except Exception as exc:
            self.context.report_error(exc)
            return
        self.context.notify("evidence", evidence.id)
        self.context.notify("testimonial", t.id)
        self._show_letter()

    # --- contract -----------------------------------------------------------------
    def save_now(self) -> None:
        self.form.save_now()

    def new_record(self) -> None:
        services = self.context.services
        if services is None:
            return
        works = [(w.title_th, w.id) for w in services.works.list()]
        if not works:
            self.context.report_error(ValueError(self.tr("Record a work first: a testimonial belongs to a work.")))
            return
        dialog = RecordFormDialog(self.tr("New testimonial"), [
            FieldSpec("work_id", QT_TRANSLATE_NOOP("Fields", "Work"), "choice", required=True, choices=lambda: works),
            FieldSpec("kind", QT_TRANSLATE_NOOP("Fields", "Kind"), "enum", enums.TestimonialKind, required=True),
            FieldSpec("person_name", QT_TRANSLATE_NOOP("Fields", "Name"), required=True),
            FieldSpec("organisation", QT_TRANSLATE_NOOP("Fields", "Organisation")),
            # Asked at once: otherwise the link to the partner is easily forgotten.
            self._partner_spec(),
        ], {"work_id": self.work_filter.currentData(), "kind": "testimonial"}, self.context.language, self)
        if dialog.exec() != RecordFormDialog.DialogCode.Accepted:
            return
        try:
            t = services.testimonials.create(**dialog.values())
        except Exception as exc:
            self.context.report_error(exc)
            return
        self.context.notify("testimonial", t.id)
        self.reload()
        self.select(t.id)

    def delete_current(self) -> None:
        testimonial_id = self.current_id()
        if testimonial_id is None:
            return
        t = self.context.services.testimonials.get(testimonial_id)
        if not confirm_delete(self, t.person_name):
            return
        if push_delete(self.context, "testimonials", "testimonial", t, lambda: self.tr("Delete testimonial")):
            self.reload()

    def open_target(self, target: tuple) -> None:
        if len(target) >= 2 and not self.select(target[1]):
            self.work_filter.setCurrentIndex(0)
            self.select(target[1])
