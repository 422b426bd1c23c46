"""Qt models of the indicators page: the indicators of a work, and the
measurements of one indicator as an editable table.  Both hold plain rows
copied from the services; every edit is one service call."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ...domain.enums import IndicatorLevel
from ...typeset.dates import format_date
from ..qt import (
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    Qt,
    Signal,
)
from ..thaiwrap import wrap_hints
from . import NO_PARENT

RecordIdRole = Qt.ItemDataRole.UserRole + 1


def format_number(value: Decimal | float | int | None) -> str:
    """``1234.50`` → ``1,234.5``; ``None`` → ``""``."""
    if value is None:
        return ""
    d = Decimal(str(value))
    if d == d.to_integral_value():
        return f"{int(d):,}"
    text = f"{d:,.4f}".rstrip("0").rstrip(".")
    return text


def parse_number(text: str) -> Decimal:
    cleaned = str(text).strip().replace(",", "").replace(" ", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite():
        raise ValueError(text)
    return value


@dataclass(frozen=True)
class IndicatorRow:
    id: str
    name_th: str
    name_en: str
    unit: str
    level: str

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" and self.name_en else self.name_th


class IndicatorListModel(QAbstractListModel):
    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.lang = context.language
        self.work_id: str | None = None
        self._rows: list[IndicatorRow] = []

    def set_work(self, work_id: str | None) -> None:
        self.work_id = work_id
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        services = self.context.services
        if services is None or not self.work_id:
            self._rows = []
        else:
            self._rows = [IndicatorRow(i.id, i.name_th, i.name_en, i.unit, i.level)
                          for i in services.indicators.list(work_id=self.work_id)]
        self.endResetModel()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def row_at(self, row: int) -> IndicatorRow:
        return self._rows[row]

    def row_of(self, indicator_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == indicator_id), -1)

    def rowCount(self, parent=NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return wrap_hints(row.name(self.lang))  # display only: the id is in RecordIdRole
        if role == Qt.ItemDataRole.ToolTipRole:
            try:
                level = IndicatorLevel(row.level).label(self.lang)
            except ValueError:
                level = row.level
            return wrap_hints(f"{row.name(self.lang)}\n{level}" + (f" · {row.unit}" if row.unit else ""))
        if role == RecordIdRole:
            return row.id
        return None


@dataclass(frozen=True)
class MeasurementRow:
    id: str
    date: _dt.date
    value: Decimal
    source: str
    method: str
    note: str


class MeasurementTableModel(QAbstractTableModel):
    """Date, value, source, method — edited in place, saved at once."""

    COLUMNS = ("date", "value", "source", "method")
    #: An edit was refused: the exception, for the view to show.
    editFailed = Signal(object)
    #: A measurement was saved (its id).
    edited = Signal(str)

    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.lang = context.language
        self.indicator_id: str | None = None
        self._rows: list[MeasurementRow] = []

    def set_indicator(self, indicator_id: str | None) -> None:
        self.indicator_id = indicator_id
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        services = self.context.services
        if services is None or not self.indicator_id:
            self._rows = []
        else:
            self._rows = [MeasurementRow(x.id, x.date, x.value, x.source or "", x.method or "", x.note or "")
                          for x in services.indicators.measurements(self.indicator_id)]
        self.endResetModel()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.COLUMNS) - 1))

    def rows(self) -> list[MeasurementRow]:
        return list(self._rows)

    def row_at(self, row: int) -> MeasurementRow:
        return self._rows[row]

    def rowCount(self, parent=NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return [
            QCoreApplication.translate("MeasurementTableModel", "Date"),
            QCoreApplication.translate("MeasurementTableModel", "Value"),
            QCoreApplication.translate("MeasurementTableModel", "Source"),
            QCoreApplication.translate("MeasurementTableModel", "Method"),
        ][section]

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "date":
                return format_date(row.date, self.lang, "short")
            if column == "value":
                return format_number(row.value)
            return getattr(row, column)
        if role == Qt.ItemDataRole.EditRole:
            if column == "date":
                return QDate(row.date.year, row.date.month, row.date.day)
            if column == "value":
                return format_number(row.value).replace(",", "")
            return getattr(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "value":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = getattr(row, column) if column in ("source", "method") else ""
            return "\n".join(t for t in (text, row.note) if t) or None
        if role == RecordIdRole:
            return row.id
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        try:
            if column == "date":
                if isinstance(value, QDate):
                    value = _dt.date(value.year(), value.month(), value.day())
                new = value
            elif column == "value":
                new = parse_number(value)
            else:
                new = str(value).strip()
            old = getattr(row, column)
            if old == new:
                return False
            self.context.services.measurements.update(row.id, **{column: new})
        except ValueError:
            from ...errors import ValidationError

            field_name = QCoreApplication.translate("MeasurementTableModel", "Value")
            self.editFailed.emit(ValidationError(field=field_name, detail=str(value)))
            return False
        except Exception as exc:
            self.editFailed.emit(exc)
            return False
        from ..undo import push_edit

        push_edit(self.context, "measurements", "measurement", row.id, {column: old}, {column: new},
                  lambda: QCoreApplication.translate("MeasurementTableModel", "Edit measurement"))
        self.reload()  # the order may change with the date
        self.edited.emit(row.id)
        return True
