"""A form dialog built from a list of field specifications: how the small
records of a work (funding, activities, contributors, …) are added and edited.
The fields themselves are :mod:`ent_portfolio.ui.forms`' kinds."""

from __future__ import annotations

from typing import Any

from ..forms import FieldSpec, field_label, make_field, read_field_value
from ..qt import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout


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
            widget = make_field(spec, lang, values.get(spec.name))
            self.widgets[spec.name] = widget
            label = field_label(spec) + (" *" if spec.required else "")
            if isinstance(widget, QCheckBox):  # its own text, so that clicking the words ticks it
                widget.setText(label)
                form.addRow("", widget)
            else:
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

    def values(self) -> dict[str, Any]:
        return {spec.name: read_field_value(spec, self.widgets[spec.name]) for spec in self.specs}

    def _accept(self) -> None:
        values = self.values()
        missing = [field_label(s) for s in self.specs if s.required and values.get(s.name) in (None, "", [])]
        if missing:
            self.message.setText(self.tr("Please fill in: %1").replace("%1", ", ".join(missing)))
            return
        self.accept()
