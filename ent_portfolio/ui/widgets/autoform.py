"""A form over one record that saves itself (timing: :mod:`..forms.autosave`),
also on focus-out and when asked (page switch, window close).  Each save is
one ``service.update`` call and one undo step."""

from __future__ import annotations

from typing import Any

from ..forms import (
    Autosave,
    FieldSpec,
    connect_changed,
    field_label,
    make_field,
    read_field_value,
    relabel_field,
    set_field_value,
)
from ..qt import QCheckBox, QEvent, QFormLayout, QLabel, QWidget, Signal
from ..undo import FieldEditCommand, snapshot


class AutoForm(QWidget):
    saved = Signal(dict)

    def __init__(self, context, service: str, kind: str, specs: list[FieldSpec], parent=None,
                 labels_above: bool = False) -> None:
        super().__init__(parent)
        self.context, self.service_name, self.kind, self.specs = context, service, kind, specs
        self.lang = context.language
        self.record_id: str | None = None
        self.loaded: dict[str, Any] = {}
        self.autosave = Autosave(context, self.save_now, self)
        self._own_change = False
        self.widgets: dict[str, Any] = {}
        self.labels: dict[str, QLabel] = {}
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        if labels_above:
            self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        for spec in specs:
            w = make_field(spec, self.lang)
            connect_changed(spec, w, lambda immediate, n=spec.name: self._changed(n, immediate))
            w.installEventFilter(self)
            self.widgets[spec.name] = w
            if isinstance(w, QCheckBox):
                # A check box carries its label as its own text: clicking the
                # words ticks it (a label beside it would not).
                if labels_above:
                    self.form.addRow(w)
                else:
                    self.form.addRow("", w)
                continue
            label = QLabel()
            self.labels[spec.name] = label
            self.form.addRow(label, w)
        context.data_changed.connect(self._on_data_changed)
        self.retranslateUi()
        self.setEnabled(False)

    def retranslateUi(self) -> None:
        for spec in self.specs:
            labelled = self.labels.get(spec.name, self.widgets[spec.name])
            labelled.setText(field_label(spec) + (" *" if spec.required else ""))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.save_now()
        return False

    @property
    def service(self):
        return getattr(self.context.services, self.service_name)

    def load(self, record_id: str | None) -> None:
        if record_id != self.record_id:
            self.save_now()
        self.record_id = record_id
        self.setEnabled(record_id is not None)
        if record_id is None or self.context.services is None:
            self.loaded = {}
            return
        record = self.service.get(record_id)
        self.loaded = snapshot(record)
        self.autosave.clear()
        self.refresh_widgets()

    def refresh_widgets(self) -> None:
        lang = self.context.language
        if lang != self.lang:
            self.set_language(lang)
        for spec in self.specs:
            set_field_value(spec, self.widgets[spec.name], self._value_of(spec))

    AREA_KEYS = ("province", "district", "subdistrict", "area_code")

    def _value_of(self, spec: FieldSpec):
        if spec.kind == "area":  # one picker for several columns
            return {k: self.loaded.get(k, "") for k in self.AREA_KEYS}
        return self.loaded.get(spec.name)

    def set_language(self, lang: str) -> None:
        """Rebuild enum labels and Buddhist-era years for ``lang``."""
        self.lang = lang
        for spec in self.specs:
            relabel_field(spec, self.widgets[spec.name], lang, self._value_of(spec))

    def _changed(self, name: str, immediate: bool) -> None:
        if self.record_id is None:
            return
        self.autosave.mark(name, immediate)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        columns = set(self.loaded)
        for s in self.specs:
            if s.name not in self.autosave.dirty:
                continue
            value = read_field_value(s, self.widgets[s.name])
            if s.kind == "area":
                out.update({k: v for k, v in value.items() if k in columns})
            else:
                out[s.name] = value
        return out

    def save_now(self) -> None:
        if self.record_id is None or not self.autosave.pending or self.context.services is None:
            self.autosave.take()
            return
        values = {k: v for k, v in self.values().items() if self.loaded.get(k) != v}
        required_empty = [s.name for s in self.specs
                          if s.required and s.name in values and values[s.name] in ("", None)]
        for name in required_empty:
            values.pop(name)  # keep the last good value until something is typed
        self.autosave.take()
        self.autosave.dirty.update(required_empty)
        if not values:
            return
        self.context.save_state.emit("saving")
        old = {k: self.loaded.get(k) for k in values}
        self._own_change = True
        try:
            self.service.update(self.record_id, **values)
        except Exception as exc:
            self.context.save_state.emit("failed")
            self.context.report_error(exc)
            return
        finally:
            self._own_change = False
        self.loaded.update(values)
        self.context.undo_stack.push(FieldEditCommand(self.context, self.service_name, self.kind, self.record_id,
                                                      old, values, lambda: self.tr("Edit")))
        self._own_change = True
        try:
            self.context.notify(self.kind, self.record_id)
        finally:
            self._own_change = False
        self.context.save_state.emit("saved")
        self.saved.emit(values)

    def _on_data_changed(self, kind: str, record_id: str) -> None:
        if self._own_change or kind != self.kind or record_id != self.record_id:
            return
        record = self.service.find(record_id)
        if record is None:
            self.load(None)
            return
        self.loaded = snapshot(record)
        self.refresh_widgets()
