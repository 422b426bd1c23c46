"""The kinds of field a form can hold, each in one place.

A kind makes its widget, shows a stored value in it, reads the value back in
the form the services take, says when the person edited it (typing waits for
a pause, a pick saves at once) and relabels itself when the language
changes.  Dialogs and self-saving forms differ only in what they do with the
values, so they share these."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..common import fill_enum_combo
from ..qt import (
    QCheckBox,
    QComboBox,
    QCoreApplication,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)
from ..widgets.fields import AreaPicker, CodeChecks, DateEdit, YearEdit


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str                 # English source, translated in context "Fields"
    kind: str = "text"         # a key of KINDS
    enum: Any = None
    required: bool = False
    choices: Callable[[], list[tuple[str, str]]] | None = None  # for "choice": (label, value)
    columns: int = 1           # for "codes": check boxes per row
    context: str = "Fields"    # the translation context of ``label``
    #: For "choice": makes the record the list lacks (asks for it in a
    #: dialog over the given window) and gives its (label, value), or None.
    create: Callable[[QWidget], tuple[str, Any] | None] | None = None
    create_label: str = ""     # the last entry that calls ``create``, e.g. "New partner…"


def field_label(spec: FieldSpec) -> str:
    return QCoreApplication.translate(spec.context, spec.label)


class FieldKind:
    """How one kind of field behaves; ``slot(immediate)`` is called on edits."""

    #: A pick (saved at once) rather than typing (saved after a pause).
    immediate = False

    def make(self, spec: FieldSpec, lang: str) -> QWidget:
        return QLineEdit()

    def show(self, widget, value: Any) -> None:
        widget.setText("" if value is None else str(value))
        widget.setCursorPosition(0)

    def read(self, widget) -> Any:
        return widget.text().strip()

    def connect(self, widget, slot: Callable[[bool], None]) -> None:
        widget.textEdited.connect(lambda _text: slot(self.immediate))

    def relabel(self, spec: FieldSpec, widget, lang: str, value: Any) -> None:
        """Labels that depend on the language (enum names, Buddhist-era years)."""


class MultilineKind(FieldKind):
    def make(self, spec, lang):
        widget = QPlainTextEdit()
        widget.setMinimumHeight(90)
        return widget

    def show(self, widget, value):
        widget.setPlainText(value or "")

    def read(self, widget):
        return widget.toPlainText().strip()

    def connect(self, widget, slot):
        widget.textChanged.connect(lambda: slot(False))


class _NumberKind(FieldKind):
    def connect(self, widget, slot):
        widget.valueChanged.connect(lambda _value: slot(False))


class IntKind(_NumberKind):
    """A whole number; its minimum (−1, shown as "—") means "not given"."""

    def make(self, spec, lang):
        widget = QSpinBox()
        widget.setRange(-1, 10_000_000)
        widget.setSpecialValueText("—")
        widget.setValue(widget.minimum())
        return widget

    def show(self, widget, value):
        widget.setValue(value if value is not None else widget.minimum())

    def read(self, widget):
        return None if widget.value() == widget.minimum() else widget.value()


class YearKind(FieldKind):
    """A year typed in either era, shown in the interface's; the column keeps
    ``stored_era`` ("ce", or "be" for a fiscal year as grant letters write it)."""

    def __init__(self, stored_era: str = "ce") -> None:
        self.stored_era = stored_era

    def make(self, spec, lang):
        return YearEdit(lang=lang, stored_era=self.stored_era)

    def show(self, widget, value):
        widget.set_year(value)

    def read(self, widget):
        return widget.year()

    def connect(self, widget, slot):
        widget.changed.connect(lambda: slot(True))

    def relabel(self, spec, widget, lang, value):
        widget.set_language(lang)


class BahtKind(_NumberKind):
    def make(self, spec, lang):
        widget = QDoubleSpinBox()
        widget.setDecimals(2)
        widget.setRange(0, 10_000_000_000)
        widget.setGroupSeparatorShown(True)
        return widget

    def show(self, widget, value):
        widget.setValue(float(value or 0))

    def read(self, widget):
        return Decimal(str(round(widget.value(), 2)))


class PercentKind(_NumberKind):
    """0–100 %, with −1 (shown as "—") for "not given"."""

    def make(self, spec, lang):
        widget = QDoubleSpinBox()
        widget.setDecimals(2)
        widget.setRange(-1, 100)
        widget.setSpecialValueText("—")
        widget.setSuffix(" %")
        widget.setValue(-1)
        return widget

    def show(self, widget, value):
        widget.setValue(float(value) if value is not None else -1)

    def read(self, widget):
        return None if widget.value() < 0 else Decimal(str(round(widget.value(), 2)))


class _PickKind(FieldKind):
    immediate = True


class DateKind(_PickKind):
    def make(self, spec, lang):
        return DateEdit(lang=lang)

    def show(self, widget, value):
        widget.set_date(value)

    def read(self, widget):
        return widget.date()

    def connect(self, widget, slot):
        widget.changed.connect(lambda: slot(True))

    def relabel(self, spec, widget, lang, value):
        widget.set_language(lang)


def precision_column(date_column: str) -> str:
    """Where a period's end keeps its precision: ``start_date`` → ``start_precision``."""
    return date_column.removesuffix("_date") + "_precision"


class PeriodEndKind(DateKind):
    """One end of a period: a date with how precisely it is known (day,
    month or year), two columns; a month or a year ending the period is kept
    as its last day."""

    def __init__(self, period_end: bool) -> None:
        self.period_end = period_end

    def make(self, spec, lang):
        return DateEdit(lang=lang, precision_choice=True, period_end=self.period_end)

    @staticmethod
    def _column(widget) -> str:
        return widget.objectName().removeprefix("field_")

    def show(self, widget, value):
        value, column = value or {}, self._column(widget)
        widget.set_value(value.get(column), value.get(precision_column(column)) or "day")

    def read(self, widget):
        column = self._column(widget)
        return {column: widget.date(), precision_column(column): widget.precision()}


class EnumKind(_PickKind):
    def make(self, spec, lang):
        widget = QComboBox()
        fill_enum_combo(widget, spec.enum, lang, None, allow_empty=not spec.required)
        return widget

    def show(self, widget, value):
        widget.setCurrentIndex(max(widget.findData(value), 0))

    def read(self, widget):
        return widget.currentData()

    def connect(self, widget, slot):
        widget.currentIndexChanged.connect(lambda _index: slot(True))

    def relabel(self, spec, widget, lang, value):
        fill_enum_combo(widget, spec.enum, lang, value, allow_empty=not spec.required)


class _CreateEntry:
    """The data of a choice list's "New …" entry: never a value."""


_CREATE = _CreateEntry()


class ChoiceKind(EnumKind):
    """A pick among records (e.g. a work's partners), offered by ``spec.choices``.
    With ``spec.create`` the list ends with an entry that makes the missing
    record and picks it: an empty list is not a dead end."""

    def make(self, spec, lang):
        widget = QComboBox()
        widget.setPlaceholderText("—")
        self.fill(spec, widget)
        if spec.create is not None:
            widget.activated.connect(lambda index: self._activated(spec, widget, index))
        return widget

    def fill(self, spec, widget) -> None:
        """(Re)read the choices, keeping the pick when it is still offered."""
        current = self.read(widget) if widget.count() else None
        widget.clear()
        if not spec.required:
            widget.addItem("—", None)
        for label, data in spec.choices():
            widget.addItem(label, data)
        if spec.create is not None:
            widget.addItem(QCoreApplication.translate(spec.context, spec.create_label), _CREATE)
        self.show(widget, current)

    def show(self, widget, value):
        index = widget.findData(value)
        if index < 0 and widget.count() and widget.itemData(0) is not _CREATE:
            index = 0
        widget.setCurrentIndex(index)  # −1 (the placeholder) rather than the "New …" entry
        widget.setProperty("shown_index", index)

    def read(self, widget):
        data = widget.currentData()
        return None if data is _CREATE else data

    def connect(self, widget, slot):
        def picked(index):
            if widget.itemData(index) is not _CREATE:
                widget.setProperty("shown_index", index)
                slot(True)
        widget.currentIndexChanged.connect(picked)

    def _activated(self, spec, widget, index) -> None:
        if widget.itemData(index) is not _CREATE:
            return
        made = spec.create(widget.window())
        if made is None:  # cancelled: back to what was picked before
            widget.setCurrentIndex(widget.property("shown_index") if widget.property("shown_index") is not None
                                   else -1)
            return
        label, value = made
        widget.insertItem(widget.count() - 1, label, value)
        widget.setCurrentIndex(widget.count() - 2)

    def relabel(self, spec, widget, lang, value):
        """The choices are records' names; only the "New …" entry is translated."""
        if spec.create is not None:
            widget.setItemText(widget.count() - 1, QCoreApplication.translate(spec.context, spec.create_label))


class AreaKind(_PickKind):
    """One picker for several columns: province, district, sub-district, code."""

    def make(self, spec, lang):
        return AreaPicker(lang=lang)

    def show(self, widget, value):
        value = value or {}
        widget.set_area(value.get("province", ""), value.get("district", ""), value.get("subdistrict", ""))

    def read(self, widget):
        return widget.area()

    def connect(self, widget, slot):
        widget.changed.connect(lambda: slot(True))

    def relabel(self, spec, widget, lang, value):
        widget.set_language(lang)


class CodesKind(AreaKind):
    """Several codes of one vocabulary, as check boxes."""

    def make(self, spec, lang):
        return CodeChecks(spec.enum, lang=lang, columns=spec.columns)

    def show(self, widget, value):
        widget.set_codes(value or [])

    def read(self, widget):
        return widget.codes()


class BoolKind(_PickKind):
    def make(self, spec, lang):
        return QCheckBox()

    def show(self, widget, value):
        widget.setChecked(bool(value))

    def read(self, widget):
        return widget.isChecked()

    def connect(self, widget, slot):
        widget.toggled.connect(lambda _on: slot(True))


KINDS: dict[str, FieldKind] = {
    "text": FieldKind(), "multiline": MultilineKind(), "int": IntKind(), "year": YearKind(),
    "fiscal_year": YearKind(stored_era="be"),
    "period_start": PeriodEndKind(period_end=False), "period_end": PeriodEndKind(period_end=True),
    "baht": BahtKind(), "percent": PercentKind(), "date": DateKind(), "enum": EnumKind(),
    "choice": ChoiceKind(), "area": AreaKind(), "codes": CodesKind(), "bool": BoolKind(),
}


def _kind(spec: FieldSpec) -> FieldKind:
    return KINDS[spec.kind]


def make_field(spec: FieldSpec, lang: str, value: Any = None) -> QWidget:
    """The widget for ``spec``, showing ``value``."""
    widget = _kind(spec).make(spec, lang)
    widget.setObjectName(f"field_{spec.name}")
    set_field_value(spec, widget, value)
    return widget


def set_field_value(spec: FieldSpec, widget, value: Any, lang: str | None = None) -> None:
    """Show ``value`` (signals blocked: loading is not an edit)."""
    widget.blockSignals(True)
    try:
        _kind(spec).show(widget, value)
    finally:
        widget.blockSignals(False)


def refill_choices(spec: FieldSpec, widget) -> None:
    """Read a "choice" field's records again (one was made elsewhere)."""
    widget.blockSignals(True)
    try:
        KINDS["choice"].fill(spec, widget)
    finally:
        widget.blockSignals(False)


def field_columns(spec: FieldSpec) -> tuple[str, ...]:
    """The columns a field stands for (a period's end: its date and its precision)."""
    if isinstance(_kind(spec), PeriodEndKind):
        return spec.name, precision_column(spec.name)
    return (spec.name,)


def read_field_value(spec: FieldSpec, widget) -> Any:
    return _kind(spec).read(widget)


def connect_changed(spec: FieldSpec, widget, slot: Callable[[bool], None]) -> None:
    """Call ``slot(immediate)`` when the person edits the widget."""
    _kind(spec).connect(widget, slot)


def relabel_field(spec: FieldSpec, widget, lang: str, value: Any) -> None:
    widget.blockSignals(True)
    try:
        _kind(spec).relabel(spec, widget, lang, value)
    finally:
        widget.blockSignals(False)
