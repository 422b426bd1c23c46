"""Merging an archive's records into a portfolio, in one transaction.

What to do with each record was decided by :mod:`.validate` (add, update,
keep, replace a natural twin such as the single profile or a default
heading); this module carries the plan out, freeing unique keys that change
hands first so that keys trading places never collide on the way."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..domain import models as m
from ..errors import UserError
from ..i18n import register
from ..storage.portfolio import Portfolio
from .validate import Plan, Step, plan_import, unique_sets

register({
    "archive.inconsistent": (
        "ข้อมูลในแฟ้มสำรองขัดแย้งกันจนบันทึกไม่ได้ ({detail}) จึงไม่นำเข้า — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The archive's records contradict each other and cannot be saved ({detail}); nothing was imported. "
        "Nothing was changed.",
    ),
})


#: Records added between two flushes (one flush per record made importing a
#: faculty's archive take minutes).
FLUSH_EVERY = 1000


@dataclass
class ArchiveSummary:
    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: int = 0
    files_added: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.files_added)


def merge_records(portfolio: Portfolio, records: dict[str, list[dict]], files: list[dict],
                   summary: ArchiveSummary) -> None:
    try:
        with portfolio.session() as session:
            # Evidence and testimonials point at each other: check keys at commit.
            session.connection().exec_driver_sql("PRAGMA defer_foreign_keys=ON")
            # Planned again inside the writing transaction: what was checked is
            # what is written, even if the portfolio changed since.
            plan = plan_import(session, records, files)
            _apply(session, plan, summary)
    except IntegrityError as exc:
        # The checks of .validate should leave nothing for the database to
        # refuse; should one slip through, it is still one sentence.
        detail = str(exc.orig)[:200] if exc.orig is not None else type(exc).__name__
        raise UserError("archive.inconsistent", detail=detail) from exc


def _moving(record: m.Record, names: set[str] | None = None) -> dict[str, Any]:
    """Give a record's unique keys (those the archive changes, or all) a value
    no other row has, so that keys that trade places in one import never
    collide on the way; returns the values moved, to be put back where the
    archive does not set them."""
    moved: dict[str, Any] = {}
    for unique in unique_sets(type(record)):
        if names is not None and not names.intersection(unique):
            continue
        for name in unique:
            column = type(record).__table__.columns[name]
            if not column.foreign_keys:
                moved[name] = getattr(record, name)
                setattr(record, name, f"\x00moving {record.id}")
    return moved


def _apply(session, plan: Plan, summary: ArchiveSummary) -> None:
    def count(table: str, into: dict[str, int]) -> None:
        into[table] = into.get(table, 0) + 1

    # 1. Free every unique key that changes hands; drop the default headings
    #    the archive's template replaces.
    kept: dict[str, dict[str, Any]] = {}  # id -> moved values the archive does not set
    for step in plan.steps:
        if step.action == "update" and unique_sets(step.model):
            kept[step.values["id"]] = _moving(session.get(step.model, step.values["id"]), set(step.values))
        elif step.action == "replace" and unique_sets(step.model):
            _moving(session.get(step.model, step.local_id))
    for model, ident in plan.removals:
        session.delete(session.get(model, ident))
    session.flush()
    # 2. Write the archive's records, parents before children.  Flushed a
    #    batch at a time: the keys that change hands were freed above, the
    #    foreign keys are checked at the commit, so no write depends on the
    #    one before it having reached the database; written records leave the
    #    session so a faculty's archive is never held as records whole.
    replaced: list[Step] = []
    written: list[m.Record] = []
    updated = _records_to_update(session, plan)
    for step in plan.steps:
        table = step.model.__tablename__
        if step.action == "add":
            record = step.model(**step.values)
            session.add(record)
            written.append(record)
            count(table, summary.added)
        elif step.action == "update":
            existing = updated.pop((step.model, step.values["id"]))
            for key, value in {**kept.get(step.values["id"], {}), **step.values}.items():
                setattr(existing, key, value)
            count(table, summary.updated)
        elif step.action == "replace":
            session.add(step.model(**step.values))
            session.flush()
            _reparent_children(session, step.model, step.local_id, step.values["id"])
            replaced.append(step)
            count(table, summary.added)
        else:
            summary.unchanged += 1
        if len(written) >= FLUSH_EVERY:
            _flush_and_release(session, written)
    _flush_and_release(session, written)
    # 3. The local twins the archive's records replaced.
    for step in replaced:
        session.delete(session.get(step.model, step.local_id))
    session.flush()


def _records_to_update(session, plan: Plan) -> dict[tuple[type[m.Record], str], m.Record]:
    """The local records the archive updates, read a few hundred per query
    rather than one query each."""
    wanted: dict[type[m.Record], list[str]] = {}
    for step in plan.steps:
        if step.action == "update":
            wanted.setdefault(step.model, []).append(step.values["id"])
    found: dict[tuple[type[m.Record], str], m.Record] = {}
    for model, ids in wanted.items():
        for first in range(0, len(ids), 500):
            for record in session.scalars(select(model).where(model.id.in_(ids[first:first + 500]))):
                found[(model, record.id)] = record
    return found


def _flush_and_release(session, written: list[m.Record]) -> None:
    session.flush()
    for record in written:
        session.expunge(record)
    written.clear()


def _reparent_children(session, model: type[m.Record], old_id: str, new_id: str) -> None:
    if model is m.Profile:
        for child in (m.Degree, m.Appointment):
            for row in session.scalars(select(child).where(child.profile_id == old_id)):
                row.profile_id = new_id
        session.flush()
