"""A form dialog built from a list of field specifications: how the small
records of a work (funding, activities, contributors, …) are added and edited."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable

from ..common import fill_enum_combo
from ..qt import (
    QCheckBox,
    QComboBox,
    QCoreApplication,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
)
from ..widgets.fields import AreaPicker, CodeChecks, DateEdit


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str                 # English source, translated in context "Fields"
    kind: str = "text"         # text multiline int baht percent date enum codes bool choice year area
    enum: Any = None
    required: bool = False
    choices: Callable[[], list[tuple[str, str]]] | None = None  # for "choice": (label, value)


def field_label(spec: FieldSpec) -> str:
    return QCoreApplication.translate("Fields", spec.label)


class RecordFormDialog(QDialog):
    """Edit ``values`` for ``specs``; :meth:`values` gives what to save."""

    def __init__(self, title: str, specs: list[FieldSpec], values: dict[str, Any], lang: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.specs = specs
        self.lang = lang
        self.widgets: dict[str, Any] = {}
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for spec in specs:
            widget = self._make(spec, values.get(spec.name))
            widget.setObjectName(f"field_{spec.name}")
            self.widgets[spec.name] = widget
            label = field_label(spec) + (" *" if spec.required else "")
            form.addRow(QLabel(label), widget)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _make(self, spec: FieldSpec, value: Any):
        if spec.kind == "multiline":
            w = QPlainTextEdit(value or "")
            w.setMinimumHeight(90)
            return w
        if spec.kind in ("int", "year"):
            w = QSpinBox()
            offset = 543 if (spec.kind == "year" and self.lang == "th") else 0
            w.setRange(-1, 10_000_000) if spec.kind == "int" else w.setRange(1899 + offset, 2200 + offset)
            w.setSpecialValueText("—")
            w.setValue(value + offset if value is not None else w.minimum())
            w.setProperty("year_offset", offset)
            return w
        if spec.kind == "baht":
            w = QDoubleSpinBox()
            w.setDecimals(2)
            w.setRange(0, 10_000_000_000)
            w.setGroupSeparatorShown(True)
            w.setValue(float(value or 0))
            return w
        if spec.kind == "percent":
            w = QDoubleSpinBox()
            w.setDecimals(2)
            w.setRange(-1, 100)
            w.setSpecialValueText("—")
            w.setSuffix(" %")
            w.setValue(float(value) if value is not None else -1)
            return w
        if spec.kind == "date":
            w = DateEdit(lang=self.lang)
            w.set_date(value)
            return w
        if spec.kind == "enum":
            w = QComboBox()
            fill_enum_combo(w, spec.enum, self.lang, value, allow_empty=not spec.required)
            return w
        if spec.kind == "choice":
            w = QComboBox()
            if not spec.required:
                w.addItem("—", None)
            for label, data in spec.choices():
                w.addItem(label, data)
            w.setCurrentIndex(max(w.findData(value), 0))
            return w
        if spec.kind == "area":
            w = AreaPicker(lang=self.lang)
            value = value or {}
            w.set_area(value.get("province", ""), value.get("district", ""), value.get("subdistrict", ""))
            return w
        if spec.kind == "codes":
            w = CodeChecks(spec.enum, lang=self.lang, columns=1)
            w.set_codes(value or [])
            return w
        if spec.kind == "bool":
            w = QCheckBox()
            w.setChecked(bool(value))
            return w
        w = QLineEdit("" if value is None else str(value))
        return w

    def values(self) -> dict[str, Any]:
        return {spec.name: read_field_value(spec, self.widgets[spec.name]) for spec in self.specs}

    def _accept(self) -> None:
        values = self.values()
        missing = [field_label(s) for s in self.specs if s.required and values.get(s.name) in (None, "", [])]
        if missing:
            self.message.setText(self.tr("Please fill in: %1").replace("%1", ", ".join(missing)))
            return
        self.accept()


def set_field_value(spec: FieldSpec, w, value: Any, lang: str) -> None:
    """Show ``value`` in a widget made by :class:`RecordFormDialog` for ``spec``
    (signals blocked: loading is not an edit)."""
    w.blockSignals(True)
    try:
        if spec.kind == "multiline":
            w.setPlainText(value or "")
        elif spec.kind in ("int", "year"):
            offset = w.property("year_offset") or 0
            w.setValue(value + offset if value is not None else w.minimum())
        elif spec.kind == "baht":
            w.setValue(float(value or 0))
        elif spec.kind == "percent":
            w.setValue(float(value) if value is not None else -1)
        elif spec.kind == "date":
            w.set_date(value)
        elif spec.kind in ("enum", "choice"):
            w.setCurrentIndex(max(w.findData(value), 0))
        elif spec.kind == "codes":
            w.set_codes(value or [])
        elif spec.kind == "area":
            value = value or {}
            w.set_area(value.get("province", ""), value.get("district", ""), value.get("subdistrict", ""))
        elif spec.kind == "bool":
            w.setChecked(bool(value))
        else:
            w.setText("" if value is None else str(value))
            w.setCursorPosition(0)
    finally:
        w.blockSignals(False)


def connect_changed(spec: FieldSpec, w, slot) -> None:
    """Call ``slot(immediate: bool)`` when the user edits the widget; typing
    is debounced by the caller, a pick is saved at once."""
    if spec.kind == "multiline":
        w.textChanged.connect(lambda: slot(False))
    elif spec.kind in ("int", "year", "baht", "percent"):
        w.valueChanged.connect(lambda _v: slot(False))
    elif spec.kind in ("date", "codes", "area"):
        w.changed.connect(lambda: slot(True))
    elif spec.kind in ("enum", "choice"):
        w.currentIndexChanged.connect(lambda _i: slot(True))
    elif spec.kind == "bool":
        w.toggled.connect(lambda _on: slot(True))
    else:
        w.textEdited.connect(lambda _t: slot(False))


def read_field_value(spec: FieldSpec, w) -> Any:
    if spec.kind == "multiline":
        return w.toPlainText().strip()
    if spec.kind in ("int", "year"):
        return None if w.value() == w.minimum() else w.value() - (w.property("year_offset") or 0)
    if spec.kind == "baht":
        return Decimal(str(round(w.value(), 2)))
    if spec.kind == "percent":
        return None if w.value() < 0 else Decimal(str(round(w.value(), 2)))
    if spec.kind == "date":
        return w.date()
    if spec.kind in ("enum", "choice"):
        return w.currentData()
    if spec.kind == "codes":
        return w.codes()
    if spec.kind == "area":
        return w.area()
    if spec.kind == "bool":
        return w.isChecked()
    return w.text().strip()
