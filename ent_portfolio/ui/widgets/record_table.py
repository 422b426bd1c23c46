"""A table of the small records that belong to a parent (a work's funding
lines, activities, contributors, …) with Add / Edit / Delete.

Adding and editing go through a form dialog; each accepted dialog is one
service call, pushed on the undo stack; deleting asks first and can be
undone."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..common import confirm_delete
from ..dialogs.record_form import RecordFormDialog
from ..forms import FieldSpec
from ..qt import (
    QAbstractItemView,
    QCoreApplication,
    QEvent,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from ..undo import CreateCommand, FieldEditCommand, push_delete, snapshot


@dataclass(frozen=True)
class Column:
    header: str                                  # English source, context "Fields"
    value: Callable[[Any, str], str]             # (record, lang) -> text
    stretch: bool = False


class RecordTable(QWidget):
    def __init__(self, context, service: str, kind: str, parent_field: str,
                 specs: list[FieldSpec], columns: list[Column], noun: Callable[[], str],
                 name_of: Callable[[Any], str], defaults: Callable[[], dict] | None = None,
                 to_service: Callable[[dict], dict] | None = None,
                 from_record: Callable[[Any], dict] | None = None,
                 lister: Callable[[str], list] | None = None, parent=None) -> None:
        super().__init__(parent)
        self.context, self.service_name, self.kind = context, service, kind
        self.parent_field, self.specs, self.columns = parent_field, specs, columns
        self.noun, self.name_of = noun, name_of
        self.defaults = defaults or (lambda: {})
        self.to_service = to_service or (lambda values: values)
        self.from_record = from_record or snapshot
        self.lister = lister
        self.parent_id: str | None = None
        self.records: list = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, len(columns))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        for n, column in enumerate(columns):
            header.setSectionResizeMode(n, QHeaderView.ResizeMode.Stretch if column.stretch
                                        else QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda index: self.edit(index.row()))
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton()
        self.edit_button = QPushButton()
        self.delete_button = QPushButton()
        self.add_button.setObjectName("addButton")
        self.edit_button.setObjectName("editButton")
        self.delete_button.setObjectName("deleteButton")
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(lambda: self.edit(self.table.currentRow()))
        self.delete_button.clicked.connect(lambda: self.delete(self.table.currentRow()))
        for b in (self.add_button, self.edit_button, self.delete_button):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        context.data_changed.connect(self._data_changed)
        self.retranslateUi()

    def _data_changed(self, kind: str, record_id: str) -> None:
        # an undo, or another window, changed one of these records
        if kind == self.kind and self.parent_id is not None and self.context.services is not None:
            self.reload()

    def retranslateUi(self) -> None:
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate("Fields", c.header) for c in self.columns])
        self.add_button.setText(self.tr("Add…"))
        self.edit_button.setText(self.tr("Edit…"))
        self.delete_button.setText(self.tr("Delete"))
        self._fill()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    @property
    def service(self):
        return getattr(self.context.services, self.service_name)

    def set_parent(self, parent_id: str | None) -> None:
        self.parent_id = parent_id
        self.reload()

    def reload(self) -> None:
        if self.parent_id is None or self.context.services is None:
            self.records = []
        elif self.lister is not None:
            self.records = self.lister(self.parent_id)
        else:
            self.records = self.service.list(**{self.parent_field: self.parent_id})
        self._fill()

    def _fill(self) -> None:
        lang = self.context.language
        self.table.setRowCount(len(self.records))
        for r, record in enumerate(self.records):
            for c, column in enumerate(self.columns):
                item = QTableWidgetItem(column.value(record, lang))
                item.setData(Qt.ItemDataRole.UserRole, record.id)
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()
        has = bool(self.records)
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def _dialog(self, title: str, values: dict) -> RecordFormDialog:
        return RecordFormDialog(title, self.specs, values, self.context.language, self.window())

    def add(self) -> None:
        if self.parent_id is None:
            return
        dialog = self._dialog(self.tr("New %1").replace("%1", self.noun()), self.defaults())
        if dialog.exec() != RecordFormDialog.DialogCode.Accepted:
            return
        fields = _merge_dicts(None, self.to_service(dialog.values()))
        try:
            record = self.service.create(**{self.parent_field: self.parent_id, **fields})
        except Exception as exc:
            self.context.report_error(exc)
            return
        self.context.undo_stack.push(CreateCommand(self.context, self.service_name, self.kind, record,
                                                    lambda: self.tr("Add %1").replace("%1", self.noun())))
        self.context.notify(self.kind, record.id)
        self.reload()

    def edit(self, row: int) -> None:
        if not (0 <= row < len(self.records)):
            return
        record = self.service.find(self.records[row].id)
        if record is None:
            self.reload()
            return
        old = self.from_record(record)
        dialog = self._dialog(self.noun(), old)
        if dialog.exec() != RecordFormDialog.DialogCode.Accepted:
            return
        new = self.to_service(dialog.values())
        before = self.to_service({k: old.get(k) for k in dialog.values()})
        changed = _merge_dicts(record, {k: v for k, v in new.items() if before.get(k) != v})
        before = {k: getattr(record, k, before.get(k)) if isinstance(v, dict) else before.get(k)
                  for k, v in changed.items()}
        if not changed:
            return
        try:
            self.service.update(record.id, **changed)
        except Exception as exc:
            self.context.report_error(exc)
            return
        self.context.undo_stack.push(FieldEditCommand(
            self.context, self.service_name, self.kind, record.id,
            {k: before.get(k) for k in changed}, changed, lambda: self.tr("Edit %1").replace("%1", self.noun())))
        self.context.notify(self.kind, record.id)
        self.reload()

    def delete(self, row: int) -> None:
        if not (0 <= row < len(self.records)):
            return
        record = self.service.find(self.records[row].id)
        if record is None:
            self.reload()
            return
        if not confirm_delete(self.window(), self.name_of(record)):
            return
        if push_delete(self.context, self.service_name, self.kind, record,
                       lambda: self.tr("Delete %1").replace("%1", self.noun())):
            self.reload()


def _merge_dicts(record, fields: dict) -> dict:
    """Dictionary fields (an activity's participant groups) are merged into
    what the record holds: keys the form does not show are kept, keys the
    form emptied (``None``) are removed."""
    out = dict(fields)
    for name, value in fields.items():
        if isinstance(value, dict):
            current = dict(getattr(record, name, None) or {}) if record is not None else {}
            current.update(value)
            out[name] = {k: v for k, v in current.items() if v is not None}
    return out
