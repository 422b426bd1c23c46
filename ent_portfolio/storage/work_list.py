"""The works as a list shows them, read as light rows (ids, titles, status,
place, dates) without the long write-up texts each work carries.

A list of works is the first thing the window and ``ent-portfolio works``
show; loading every work whole for it read every section's text and made
the command line import the whole service layer.  The rows are read with
plain SQLite (:meth:`.portfolio.Portfolio.plain_reader`): listing needs
neither SQLAlchemy nor the records' models, which take longer to import than
the command takes to answer.  The order is the works service's
(``WorkService.order_by``), and the columns are the ``work`` table's; a test
keeps both the same as the models'."""

from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple


class WorkListRow(NamedTuple):
    """One work as a list shows it (the columns of :data:`LIST_COLUMNS`)."""

    id: str
    title_th: str
    title_en: str | None
    status: str
    province: str | None
    start_date: date | None
    end_date: date | None
    start_precision: str | None
    end_precision: str | None
    updated_at: datetime | None


#: Columns of the ``work`` table a list of works shows, in this order on each row.
LIST_COLUMNS = WorkListRow._fields
#: The works service's order (``WorkService.order_by``).
LIST_ORDER = ("sort_order", "start_date", "title_th")

_QUERY = f"SELECT {', '.join(LIST_COLUMNS)} FROM work ORDER BY {', '.join(LIST_ORDER)}"


def _day(value) -> date | None:
    """A stored day (``YYYY-MM-DD``, as SQLAlchemy writes it); what cannot be
    read as one (a damaged value) is left out rather than stopping the list."""
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _moment(value) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def work_list_rows(portfolio) -> list[WorkListRow]:
    """Every work as a :class:`WorkListRow`, in the works service's order."""
    conn = portfolio.plain_reader()
    try:
        rows = conn.execute(_QUERY).fetchall()
    finally:
        conn.close()
    return [WorkListRow(r[0], r[1], r[2], r[3], r[4], _day(r[5]), _day(r[6]), r[7], r[8], _moment(r[9]))
            for r in rows]
