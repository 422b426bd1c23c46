"""The records a readiness check reads, loaded as plain rows.

Building mapped objects (identity map, attribute instrumentation, one
object per row) cost most of a check on a faculty's portfolio: some
200,000 records at 5,000 works.  The checks only read attributes, so they
are handed each row as a plain object with the same attribute names
instead (a work, an indicator and a partner link also holding their lists).

The lists come in the order the mapped relationships give them (the same
``ORDER BY``, parents a few hundred per query, as the ORM's own
``selectinload`` asks), so every check sees what it saw on mapped records.
Columns no check reads and that can be long (texts shown only in the
dossier, the OCR text, face boxes) are left out: a check that starts
reading one fails loudly with an ``AttributeError``, never silently.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from types import SimpleNamespace

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain import models as m

#: Parents per ``IN (...)`` list, as the ORM's ``selectinload`` chunks them.
IN_CHUNK = 500

#: Long columns no readiness check reads.
UNREAD_COLUMNS: dict[str, frozenset[str]] = {
    "work": frozenset({"courses", "partnership_text", "impact_text", "problem_statement", "impact_summary_en"}),
    "evidence": frozenset({"ocr_text", "face_boxes", "place", "camera"}),
    "testimonial": frozenset({"quote", "claim", "contact"}),
    "activity": frozenset({"notes", "participant_groups", "place"}),
    "indicator": frozenset({"description"}),
    "measurement": frozenset({"note", "source", "method", "measured_by"}),
    "dissemination": frozenset({"citation", "url", "doi"}),
    "work_partner": frozenset({"description"}),
    "partner": frozenset(),
}

#: The work's lists the checks read: attribute, model, the relationship's order.
WORK_LISTS: tuple[tuple[str, type, tuple], ...] = (
    ("sections", m.WorkSection, ()),
    ("activities", m.Activity, (m.Activity.date,)),
    ("testimonials", m.Testimonial, (m.Testimonial.date,)),
    ("evidence", m.Evidence, (m.Evidence.date_taken,)),
    ("disseminations", m.Dissemination, (m.Dissemination.date,)),
    ("contributors", m.Contributor, (m.Contributor.sort_order,)),
)


#: Columns every record has that no check reads (each is a date to parse).
UNREAD_EVERYWHERE = frozenset({"updated_at"})
#: Only a photo's import time is read (which of two alike came first).
CREATED_AT_READ = frozenset({"evidence"})


def columns_of(model) -> list:
    unread = UNREAD_COLUMNS.get(model.__tablename__, frozenset()) | UNREAD_EVERYWHERE
    if model.__tablename__ not in CREATED_AT_READ:
        unread |= {"created_at"}
    return [column for column in model.__table__.columns if column.key not in unread]


def _chunks(items: list, size: int = IN_CHUNK) -> Iterator[list]:
    for first in range(0, len(items), size):
        yield items[first:first + size]


def _rows_by_parent(session: Session, model, parent_column, parent_ids: list[str], order: tuple) -> dict[str, list]:
    """parent id -> its records of ``model`` (see :func:`records`), in the
    relationship's order."""
    grouped: dict[str, list] = {}
    key = parent_column.key
    for chunk in _chunks(parent_ids):
        query = select(*columns_of(model)).where(parent_column.in_(chunk))
        if order:
            query = query.order_by(*order)
        for record in records(session.execute(query)):
            grouped.setdefault(record.__dict__[key], []).append(record)
    return grouped


def records(result) -> Iterator[SimpleNamespace]:
    """A query's rows as plain objects: an attribute of a database row is
    looked up through its result's keys (ten times slower than an object's,
    and the checks read each photo's some thirty times), and a parent is
    given its lists.  The column names are read once for all of them."""
    keys = tuple(result.keys())
    for row in result:
        record = SimpleNamespace()
        record.__dict__.update(zip(keys, row))
        yield record


def all_works(session: Session, order: Iterable, only: set[str] | None = None) -> list[SimpleNamespace]:
    """Every work (or those of ``only``) as a plain record, its lists still
    empty, in ``order``."""
    query = select(*columns_of(m.Work)).order_by(*order)
    if only is not None and len(only) <= IN_CHUNK:
        query = query.where(m.Work.id.in_(sorted(only)))
    works = list(records(session.execute(query)))
    return works if only is None else [w for w in works if w.id in only]


def fill_lists(session: Session, works: list[SimpleNamespace]) -> None:
    """Give each of ``works`` its lists, loaded a few queries for all of them."""
    ids = [w.id for w in works]
    for name, model, order in WORK_LISTS:
        grouped = _rows_by_parent(session, model, model.work_id, ids, order)
        for w in works:
            setattr(w, name, grouped.get(w.id, []))
    indicators = _rows_by_parent(session, m.Indicator, m.Indicator.work_id, ids, (m.Indicator.sort_order,))
    indicator_ids = [row.id for rows in indicators.values() for row in rows]
    measurements = _rows_by_parent(session, m.Measurement, m.Measurement.indicator_id, indicator_ids,
                                   (m.Measurement.date,))
    links = _rows_by_parent(session, m.WorkPartner, m.WorkPartner.work_id, ids, ())
    partner_ids = sorted({row.partner_id for rows in links.values() for row in rows})
    partners = {}
    for chunk in _chunks(partner_ids):
        for row in session.execute(select(*columns_of(m.Partner)).where(m.Partner.id.in_(chunk))):
            partners[row.id] = row
    for rows in indicators.values():
        for indicator in rows:
            indicator.measurements = measurements.get(indicator.id, [])
    for rows in links.values():
        for link in rows:
            link.partner = partners.get(link.partner_id)
    for w in works:
        w.indicators = indicators.get(w.id, [])
        w.partner_links = links.get(w.id, [])


def empty_lists(works: list[SimpleNamespace]) -> None:
    """Let a checked batch's lists go (the works themselves stay listed)."""
    for w in works:
        for name, _model, _order in WORK_LISTS:
            setattr(w, name, [])
        w.indicators = []
        w.partner_links = []
