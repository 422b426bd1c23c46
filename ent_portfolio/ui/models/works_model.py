"""The works list: a table model over the services with a row cache, and a
filter proxy (status, province, year, partner, text) — smooth with
thousands of works because rows are plain tuples read once per reload."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from ...domain.enums import WorkStatus
from ...typeset.dates import format_period
from ..common import enum_label, name_order
from ..qt import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QSortFilterProxyModel,
    Qt,
)
from ..thaiwrap import wrap_hints
from . import NO_PARENT

ID_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class WorkRow:
    id: str
    title_th: str
    title_en: str
    status: str
    province: str
    start_date: _dt.date | None
    end_date: _dt.date | None
    start_precision: str
    end_precision: str
    partner_ids: frozenset[str]
    partner_names: str
    updated_at: _dt.datetime | None

    def years(self) -> range:
        start = self.start_date or self.end_date
        if start is None:
            return range(0)
        end = self.end_date or _dt.date.today()
        return range(start.year, max(end.year, start.year) + 1)


def load_rows(services) -> list[WorkRow]:
    """Every work as a row: three queries whatever the number of works."""
    partners = {p.id: p.name_th for p in services.partners.list()}
    links: dict[str, set[str]] = {}
    for link in services.work_partners.list():
        links.setdefault(link.work_id, set()).add(link.partner_id)
    rows = []
    for w in services.works.list():
        ids = frozenset(links.get(w.id, ()))
        rows.append(WorkRow(w.id, w.title_th, w.title_en, w.status, w.province, w.start_date, w.end_date,
                            w.start_precision or "day", w.end_precision or "day",
                            ids, ", ".join(sorted(partners[i] for i in ids if i in partners)), w.updated_at))
    return rows


class WorksTableModel(QAbstractTableModel):
    COLUMNS = (
        QT_TRANSLATE_NOOP("WorksTableModel", "Title"),
        QT_TRANSLATE_NOOP("WorksTableModel", "Status"),
        QT_TRANSLATE_NOOP("WorksTableModel", "Province"),
        QT_TRANSLATE_NOOP("WorksTableModel", "Period"),
        QT_TRANSLATE_NOOP("WorksTableModel", "Partners"),
    )

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[WorkRow] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self.lang = "th"

    def set_rows(self, rows: list[WorkRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        if self._sort is not None:
            self.rows.sort(key=self._sort_key(self._sort[0]), reverse=self._sort[1] == Qt.SortOrder.DescendingOrder)
        self.endResetModel()

    def _sort_key(self, column: int):
        if column == 1:
            order = WorkStatus.values()
            return lambda r: order.index(r.status) if r.status in order else 99
        if column == 3:
            return lambda r: ((r.start_date or _dt.date.min).toordinal(), (r.end_date or _dt.date.min).toordinal())
        key = name_order("th")  # titles, provinces and partners are stored in Thai
        text = {2: lambda r: r.province, 4: lambda r: r.partner_names}.get(column, lambda r: r.title_th)
        return lambda r: key(text(r))

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Sort the cached rows in Python, once, with one collation key per row
        (Thai dictionary order), rather than letting a proxy call ``data()``
        for every comparison."""
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self.rows[i.row()].id for i in persistent]
        self.rows.sort(key=self._sort_key(column), reverse=order == Qt.SortOrder.DescendingOrder)
        where = {r.id: n for n, r in enumerate(self.rows)}
        self.changePersistentIndexList(persistent, [self.index(where[i], p.column()) for i, p in zip(ids, persistent)])
        self.layoutChanged.emit()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.COLUMNS) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)

    def rowCount(self, parent=NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("WorksTableModel", self.COLUMNS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole and col in (0, 4):
            # Rich text, so that Qt wraps a long title in the tooltip, at Thai word boundaries.
            from html import escape

            text = self.data(index, Qt.ItemDataRole.DisplayRole)
            return f"<p>{escape(wrap_hints(text))}</p>" if text else None
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.ToolTipRole:
            if col == 0:
                return row.title_th if self.lang == "th" or not row.title_en else row.title_en
            if col == 1:
                return enum_label(WorkStatus, row.status, self.lang)
            if col == 2:
                return row.province
            if col == 3:
                if not row.start_date and not row.end_date:
                    return ""
                # months at most in a list, never more precise than what was typed
                return format_period(row.start_date, row.end_date, self.lang, "month_year",
                                     start_precision=row.start_precision, end_precision=row.end_precision)
            if col == 4:
                return row.partner_names
        return None

    def row_of(self, work_id: str) -> int:
        for n, row in enumerate(self.rows):
            if row.id == work_id:
                return n
        return -1


class WorksFilterProxy(QSortFilterProxyModel):
    """Filters; sorting is passed on to the source model (see its ``sort``)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.status: str | None = None
        self.province: str | None = None
        self.year: int | None = None
        self.partner_id: str | None = None
        self.text = ""

    def set_filter(self, **values) -> None:
        begin = getattr(self, "beginFilterChange", None)  # Qt ≥ 6.9
        if begin is not None:
            begin()
        for name, value in values.items():
            setattr(self, name, value)
        if begin is not None:
            self.endFilterChange()
        else:
            self.invalidateRowsFilter()

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)

    def filterAcceptsRow(self, source_row, source_parent) -> bool:  # noqa: N802
        row: WorkRow = self.sourceModel().rows[source_row]
        if self.status and row.status != self.status:
            return False
        if self.province and row.province != self.province:
            return False
        if self.year and self.year not in row.years():
            return False
        if self.partner_id and self.partner_id not in row.partner_ids:
            return False
        if self.text:
            needle = self.text.casefold()
            if needle not in row.title_th.casefold() and needle not in row.title_en.casefold() \
                    and needle not in row.partner_names.casefold():
                return False
        return True
