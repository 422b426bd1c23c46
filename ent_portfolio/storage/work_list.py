"""The works as a list shows them, read as light rows (ids, titles, status,
place, dates) without the long write-up texts each work carries.

A list of works is the first thing the window and ``ent-portfolio works``
show; loading every work whole for it read every section's text and made
the command line import the whole service layer.  The order is the works
service's (``WorkService.order_by``); a test keeps the two the same."""

from __future__ import annotations

from sqlalchemy import select

from ..domain import models as m

#: Columns a list of works shows, in this order on each row.
LIST_COLUMNS = (m.Work.id, m.Work.title_th, m.Work.title_en, m.Work.status, m.Work.province, m.Work.start_date,
                m.Work.end_date, m.Work.start_precision, m.Work.end_precision, m.Work.updated_at)
LIST_ORDER = (m.Work.sort_order, m.Work.start_date, m.Work.title_th)


def work_list_rows(portfolio) -> list:
    """Every work as a row of :data:`LIST_COLUMNS` (attribute access by column name)."""
    with portfolio.reader() as session:
        return list(session.execute(select(*LIST_COLUMNS).order_by(*LIST_ORDER)))
