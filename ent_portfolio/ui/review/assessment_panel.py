"""The reviewer's assessment in the reviewer's window: who assesses, and
per work the level given, a reason per criterion and an overall note.

The panel edits the core's :class:`~ent_portfolio.review.assessment.Review`
in place and says :attr:`AssessmentPanel.changed` on every keystroke; the
window saves it (debounced) to the ``.entreview`` file.  The criteria are
the core's (:func:`~ent_portfolio.review.assessment.criteria_for`: the EnT
principles and the headings of the write-up), never a list of this
module's.  The reviewer's name goes on the form only when they tick "show
my name": the box is unticked until they do."""

from __future__ import annotations

from ...domain.enums import QualityLevel
from ..qt import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ..thaiwrap import ThaiWrapLabel

#: A note's box grows to about this many lines before it scrolls.
NOTE_LINES = 4


def _note_box() -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setMinimumHeight(box.fontMetrics().lineSpacing() * NOTE_LINES)
    return box


class WorkForm(QWidget):
    """One work's level, reasons and overall note."""

    changed = Signal()

    def __init__(self, assessment, criteria, lang: str, parent=None) -> None:
        super().__init__(parent)
        self.assessment = assessment
        self.criteria = list(criteria)
        self.title = ThaiWrapLabel()
        self.title.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.level_label = QLabel()
        self.level_combo = QComboBox()
        self.level_combo.currentIndexChanged.connect(self._on_level)
        self.reasons_label = QLabel()
        self.reasons_label.setStyleSheet("font-weight: 600;")
        self.criterion_labels: dict[str, ThaiWrapLabel] = {}
        self.notes: dict[str, QPlainTextEdit] = {}
        inner = QWidget()
        form = QVBoxLayout(inner)
        level_row = QHBoxLayout()
        level_row.addWidget(self.level_label)
        level_row.addWidget(self.level_combo, 1)
        form.addWidget(self.title)
        form.addLayout(level_row)
        form.addWidget(self.reasons_label)
        for criterion in self.criteria:
            label = ThaiWrapLabel()
            box = _note_box()
            box.setPlainText(assessment.criteria.get(criterion.key, ""))
            box.textChanged.connect(lambda key=criterion.key, box=box: self._on_note(key, box))
            self.criterion_labels[criterion.key] = label
            self.notes[criterion.key] = box
            form.addWidget(label)
            form.addWidget(box)
        self.overall_label = QLabel()
        self.overall_label.setStyleSheet("font-weight: 600;")
        self.overall = _note_box()
        self.overall.setPlainText(assessment.overall)
        self.overall.textChanged.connect(self._on_overall)
        form.addWidget(self.overall_label)
        form.addWidget(self.overall)
        form.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.retranslate(lang)

    def _on_level(self, _index: int) -> None:
        self.assessment.level = self.level_combo.currentData()
        self.changed.emit()

    def _on_note(self, key: str, box: QPlainTextEdit) -> None:
        text = box.toPlainText()
        if text:
            self.assessment.criteria[key] = text
        else:
            self.assessment.criteria.pop(key, None)  # an emptied reason is no reason
        self.changed.emit()

    def _on_overall(self) -> None:
        self.assessment.overall = self.overall.toPlainText()
        self.changed.emit()

    def retranslate(self, lang: str) -> None:
        self.title.setText(self.assessment.title)
        self.level_label.setText(self.tr("Quality level given"))
        self.level_combo.blockSignals(True)
        self.level_combo.clear()
        self.level_combo.addItem(self.tr("— not yet given —"), None)
        for level in QualityLevel:
            self.level_combo.addItem(level.label(lang), level.value)
        self.level_combo.setCurrentIndex(max(self.level_combo.findData(self.assessment.level), 0))
        self.level_combo.blockSignals(False)
        self.reasons_label.setText(self.tr("Reasons, per criterion"))
        for criterion in self.criteria:
            self.criterion_labels[criterion.key].setText(criterion.title(lang))
        self.overall_label.setText(self.tr("Overall note"))


class AssessmentPanel(QWidget):
    """The reviewer above, the works on the left, the chosen work's form on the right."""

    changed = Signal()

    def __init__(self, lang_of, parent=None) -> None:
        super().__init__(parent)
        self._lang_of = lang_of
        self.review = None
        self.forms: dict[str, WorkForm] = {}
        self.reviewer_box = QGroupBox()
        self.name_edit = QLineEdit()
        self.position_edit = QLineEdit()
        self.show_name_box = QCheckBox()
        self.name_label = QLabel()
        self.position_label = QLabel()
        self.privacy_hint = ThaiWrapLabel()
        self.privacy_hint.setStyleSheet("color: #4a5868;")
        reviewer_form = QFormLayout(self.reviewer_box)
        reviewer_form.addRow(self.name_label, self.name_edit)
        reviewer_form.addRow(self.position_label, self.position_edit)
        reviewer_form.addRow(self.show_name_box)
        reviewer_form.addRow(self.privacy_hint)
        self.name_edit.textChanged.connect(self._on_reviewer)
        self.position_edit.textChanged.connect(self._on_reviewer)
        self.show_name_box.toggled.connect(self._on_reviewer)
        self.works_list = QListWidget()
        self.works_list.setWordWrap(True)
        self.stack = QStackedWidget()
        self.works_list.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.empty = ThaiWrapLabel()
        splitter = QSplitter()
        splitter.addWidget(self.works_list)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([160, 420])
        layout = QVBoxLayout(self)
        layout.addWidget(self.reviewer_box)
        layout.addWidget(self.empty)
        layout.addWidget(splitter, 1)
        self.setEnabled(False)
        self.retranslate()

    @property
    def lang(self) -> str:
        return self._lang_of()

    def set_review(self, review, works, criteria) -> None:
        """Edit ``review``: one form per work of the package, in its order."""
        self.review = review
        for widgets in (self.name_edit, self.position_edit, self.show_name_box):
            widgets.blockSignals(True)
        self.name_edit.setText(review.reviewer.name)
        self.position_edit.setText(review.reviewer.position)
        self.show_name_box.setChecked(review.reviewer.show_name)
        for widgets in (self.name_edit, self.position_edit, self.show_name_box):
            widgets.blockSignals(False)
        self.works_list.clear()
        while self.stack.count():
            widget = self.stack.widget(0)
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self.forms = {}
        for work in works:
            assessment = review.work(work.id)
            if not assessment.title:
                assessment.title = work.title
            form = WorkForm(assessment, criteria, self.lang)
            form.changed.connect(self._on_work_changed)
            self.forms[work.id] = form
            self.stack.addWidget(form)
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, work.id)
            self.works_list.addItem(item)
        self._label_works()
        if self.works_list.count():
            self.works_list.setCurrentRow(0)
        self.setEnabled(True)
        self.retranslate()

    def _label_works(self) -> None:
        for row in range(self.works_list.count()):
            item = self.works_list.item(row)
            assessment = self.forms[item.data(Qt.ItemDataRole.UserRole)].assessment
            level = assessment.level_label(self.lang)
            item.setText(f"{row + 1}. {assessment.title}" + (f"\n{level}" if level else ""))
            item.setToolTip(assessment.title)

    def _on_work_changed(self) -> None:
        self._label_works()
        self.changed.emit()

    def _on_reviewer(self, *_args) -> None:
        if self.review is None:
            return
        self.review.reviewer.name = self.name_edit.text()
        self.review.reviewer.position = self.position_edit.text()
        self.review.reviewer.show_name = self.show_name_box.isChecked()
        self.changed.emit()

    def show_work(self, work_id: str) -> WorkForm:
        row = list(self.forms).index(work_id)
        self.works_list.setCurrentRow(row)
        return self.forms[work_id]

    def retranslate(self) -> None:
        self.reviewer_box.setTitle(self.tr("Reviewer"))
        self.name_label.setText(self.tr("Name"))
        self.position_label.setText(self.tr("Position"))
        self.show_name_box.setText(self.tr("Show my name on the assessment form"))
        self.privacy_hint.setText(self.tr(
            "Unticked, the form says “Reviewer (name withheld)”. Your review stays in its own file beside the "
            "package, never in the applicant's portfolio."))
        self.empty.setText(self.tr("The package names no work to assess.") if self.review is not None
                           and not self.forms else "")
        self.empty.setVisible(bool(self.empty.text()))
        for form in self.forms.values():
            form.retranslate(self.lang)
        self._label_works()
