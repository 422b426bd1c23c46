"""Dialogs of the indicators page: a new measurement, and an indicator's own
fields (name, unit, level, direction, baseline, target)."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from ...domain.enums import Direction, IndicatorLevel
from ...typeset.dates import format_date
from ..models.indicator_models import format_number, parse_number
from ..qt import (
    QCheckBox,
    QComboBox,
    QDate,
    QDialog,
    QDialogButtonBox,
    QEvent,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)
from ..widgets.evidence_date import EraDateEdit


def _qdate(d: _dt.date | None) -> QDate:
    d = d or _dt.date.today()
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> _dt.date:
    return _dt.date(q.year(), q.month(), q.day())



def _finish_form(dialog, form: QFormLayout, min_width: int) -> None:
    """The form, a red line for what is wrong, and OK/Cancel: both editors end alike."""
    dialog.error_label = QLabel()
    dialog.error_label.setStyleSheet("color: #b3261e;")
    dialog.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    dialog.buttons.accepted.connect(dialog._accept)
    dialog.buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(dialog.error_label)
    layout.addWidget(dialog.buttons)
    dialog.setMinimumWidth(min_width)

class _DateField(QHBoxLayout):
    """A date editor with the date written out beside it (Buddhist era in
    Thai: Qt's own date editor knows only the Gregorian year)."""

    def __init__(self, lang: str, optional: bool = False) -> None:
        super().__init__()
        self.lang = lang
        self.known = QCheckBox() if optional else None
        self.edit = EraDateEdit(lang)
        self.label = QLabel()
        self.label.setStyleSheet("color: #4a5868;")
        if self.known is not None:
            self.addWidget(self.known)
            self.known.toggled.connect(self.edit.setEnabled)
            self.known.toggled.connect(lambda _=None: self._show())
        self.addWidget(self.edit)
        self.addWidget(self.label, 1)
        self.edit.dateChanged.connect(lambda _=None: self._show())

    def set(self, d: _dt.date | None) -> None:
        self.edit.setDate(_qdate(d))
        if self.known is not None:
            self.known.setChecked(d is not None)
            self.edit.setEnabled(d is not None)
        self._show()

    def value(self) -> _dt.date | None:
        if self.known is not None and not self.known.isChecked():
            return None
        return _pydate(self.edit.date())

    def _show(self) -> None:
        value = self.value()
        self.label.setText(format_date(value, self.lang) if value else "")


class MeasurementDialog(QDialog):
    def __init__(self, lang: str = "th", unit: str = "", parent=None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.unit = unit
        form = QFormLayout()
        self.date = _DateField(lang)
        self.date.set(_dt.date.today())
        self.value_edit = QLineEdit()
        self.unit_label = QLabel(unit)
        value_row = QHBoxLayout()
        value_row.addWidget(self.value_edit, 1)
        value_row.addWidget(self.unit_label)
        self.source_edit = QLineEdit()
        self.method_edit = QLineEdit()
        # Who took the measurement: a committee asks whose number it is.
        self.measured_by_edit = QLineEdit()
        self.note_edit = QPlainTextEdit()
        self.note_edit.setFixedHeight(64)
        self.labels = [QLabel() for _ in range(6)]
        for label, widget in zip(self.labels, (self.date, value_row, self.source_edit, self.method_edit,
                                               self.measured_by_edit, self.note_edit)):
            form.addRow(label, widget)
        _finish_form(self, form, 460)
        self.retranslateUi()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.value_edit.setFocus()  # the date defaults to today: the value is what to type

    def fields(self) -> dict:
        return {
            "date": self.date.value(),
            "value": parse_number(self.value_edit.text()),
            "source": self.source_edit.text().strip(),
            "method": self.method_edit.text().strip(),
            "measured_by": self.measured_by_edit.text().strip(),
            "note": self.note_edit.toPlainText().strip(),
        }

    def _accept(self) -> None:
        try:
            self.fields()
        except ValueError:
            self.error_label.setText(self.tr("Type the measured value as a number, e.g. 42 or 3.5."))
            self.value_edit.setFocus()
            return
        self.accept()

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("New measurement"))
        for label, text in zip(self.labels, (self.tr("Date measured"), self.tr("Value"), self.tr("Source"),
                                              self.tr("Method"), self.tr("Measured by"), self.tr("Note"))):
            label.setText(text)
        self.source_edit.setPlaceholderText(self.tr("e.g. survey of 40 households"))
        self.method_edit.setPlaceholderText(self.tr("e.g. questionnaire, water test kit"))
        self.measured_by_edit.setPlaceholderText(self.tr("e.g. village health volunteers with the researcher"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)


class IndicatorDialog(QDialog):
    """Create or edit an indicator's own fields (its values over time are the
    measurements, edited in the table)."""

    def __init__(self, lang: str = "th", indicator=None, parent=None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.name_th = QLineEdit()
        self.name_en = QLineEdit()
        self.unit = QLineEdit()
        self.level = QComboBox()
        for member in IndicatorLevel:
            self.level.addItem(member.label(lang), member.value)
        self.direction = QComboBox()
        for member in Direction:
            self.direction.addItem(member.label(lang), member.value)
        self.baseline_value = QLineEdit()
        self.baseline_date = _DateField(lang, optional=True)
        self.target_value = QLineEdit()
        self.target_date = _DateField(lang, optional=True)
        self.description = QPlainTextEdit()
        self.description.setFixedHeight(70)
        self.labels = [QLabel() for _ in range(10)]
        form = QFormLayout()
        rows = [self.name_th, self.name_en, self.unit, self.level, self.direction, self.baseline_value,
                self.baseline_date, self.target_value, self.target_date, self.description]
        for label, widget in zip(self.labels, rows):
            form.addRow(label, widget)
        _finish_form(self, form, 560)
        self.editing = indicator is not None
        if indicator is not None:
            self.name_th.setText(indicator.name_th)
            self.name_en.setText(indicator.name_en)
            self.unit.setText(indicator.unit)
            self.level.setCurrentIndex(max(self.level.findData(indicator.level), 0))
            self.direction.setCurrentIndex(max(self.direction.findData(indicator.direction), 0))
            self.baseline_value.setText(format_number(indicator.baseline_value).replace(",", ""))
            self.target_value.setText(format_number(indicator.target_value).replace(",", ""))
            self.baseline_date.set(indicator.baseline_date)
            self.target_date.set(indicator.target_date)
            self.description.setPlainText(indicator.description or "")
        else:
            self.baseline_date.set(None)
            self.target_date.set(None)
            self.level.setCurrentIndex(max(self.level.findData("outcome"), 0))
        self.retranslateUi()

    @staticmethod
    def _number(text: str) -> Decimal | None:
        return parse_number(text) if text.strip() else None

    def fields(self) -> dict:
        return {
            "name_th": self.name_th.text().strip(),
            "name_en": self.name_en.text().strip(),
            "unit": self.unit.text().strip(),
            "level": self.level.currentData(),
            "direction": self.direction.currentData(),
            "baseline_value": self._number(self.baseline_value.text()),
            "baseline_date": self.baseline_date.value(),
            "target_value": self._number(self.target_value.text()),
            "target_date": self.target_date.value(),
            "description": self.description.toPlainText().strip(),
        }

    def _accept(self) -> None:
        try:
            fields = self.fields()
        except ValueError:
            self.error_label.setText(self.tr("Baseline and target must be numbers, e.g. 42 or 3.5."))
            return
        if not fields["name_th"]:
            self.error_label.setText(self.tr("Give the indicator a Thai name."))
            self.name_th.setFocus()
            return
        self.accept()

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Edit indicator") if self.editing else self.tr("New indicator"))
        texts = (self.tr("Name (Thai)"), self.tr("Name (English)"), self.tr("Unit"), self.tr("Level"),
                 self.tr("Direction"), self.tr("Baseline value"), self.tr("Baseline date"), self.tr("Target value"),
                 self.tr("Target date"), self.tr("Description"))
        for label, text in zip(self.labels, texts):
            label.setText(text)
        self.unit.setPlaceholderText(self.tr("e.g. households, %, baht per month"))
        for box in (self.baseline_date.known, self.target_date.known):
            box.setText(self.tr("known"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
