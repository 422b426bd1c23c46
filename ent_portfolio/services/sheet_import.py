"""Importing attendance or measurements from a spreadsheet into a work: the
preview a window shows before anything is written, and the import itself,
one transaction for every row that is not refused.

The import plans again inside its transaction rather than trusting an
earlier preview: the work may have changed since (an activity counted in
the meantime), and what is written must be what the rules allow now."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import selectinload

from ..domain import models as m
from ..errors import NotFoundError
from ..jobs import CancelToken, Progress
from ..office.sheets import (
    Mapping,
    PlannedActivity,
    PlannedMeasurement,
    RowRefusal,
    Sheet,
    SheetPlan,
    guess_mapping,
    names_note,
    plan_rows,
    read_sheet,
)
from ..storage.portfolio import Portfolio
from .catalogue import ActivityService, MeasurementService
from .records import apply_fields

__all__ = ["SheetImportResult", "SheetPreview", "import_sheet", "preview_sheet"]


@dataclass
class SheetImportResult:
    kind: str
    #: Records written: activities made or filled in, or measurements.
    created: int
    refused: list[RowRefusal] = field(default_factory=list)
    #: Data rows that went into the records written.
    rows_used: int = 0
    rows_read: int = 0
    activity_ids: list[str] = field(default_factory=list)
    measurement_ids: list[str] = field(default_factory=list)
    #: What was written, as the preview described it.
    records: list[PlannedActivity | PlannedMeasurement] = field(default_factory=list)


@dataclass
class SheetPreview(SheetPlan):
    """A plan with the sheet it was made from, for a window's table."""

    sheet: Sheet | None = None


def _work_query(work_id: str):
    from sqlalchemy import select

    return (select(m.Work).where(m.Work.id == work_id)
            .options(selectinload(m.Work.activities),
                     selectinload(m.Work.indicators).selectinload(m.Indicator.measurements)))


def _load_work(session, work_id: str) -> m.Work:
    work = session.scalars(_work_query(str(work_id))).first() if isinstance(work_id, str) else None
    if work is None:
        raise NotFoundError(kind=m.Work.kind_th, ident=str(work_id)[:60])
    return work


def preview_sheet(portfolio: Portfolio, work_id: str, path: Path | str, kind: str,
                  mapping: Mapping | None = None, *, keep_names: bool = False) -> SheetPreview:
    """What importing ``path`` would create and refuse; nothing is written.
    Without a mapping the headers' suggestion is used (and returned)."""
    with portfolio.reader() as session:
        work = _load_work(session, work_id)
        sheet = read_sheet(path)
        plan = plan_rows(sheet, mapping or guess_mapping(sheet, kind), work, kind, keep_names=keep_names,
                         file_name=Path(path).name)
    return SheetPreview(**{f: getattr(plan, f) for f in SheetPlan.__dataclass_fields__}, sheet=sheet)


def import_sheet(portfolio: Portfolio, work_id: str, path: Path | str, kind: str, mapping: Mapping | None = None,
                 *, keep_names: bool = False, progress: Progress | None = None,
                 cancel: CancelToken | None = None) -> SheetImportResult:
    """Write what :func:`preview_sheet` shows, in one transaction: a failure
    or a cancel leaves the portfolio as it was."""
    sheet = read_sheet(path)
    file_name = Path(path).name
    activities, measurements = ActivityService(portfolio), MeasurementService(portfolio)
    with portfolio.session() as session:
        work = _load_work(session, work_id)
        plan = plan_rows(sheet, mapping or guess_mapping(sheet, kind), work, kind, keep_names=keep_names,
                         file_name=file_name)
        result = SheetImportResult(kind=kind, created=0, refused=plan.refused, rows_used=plan.rows_used,
                                   rows_read=plan.rows_read, records=plan.rows)
        existing = {a.id: a for a in work.activities}
        for done, planned in enumerate(plan.rows):
            if cancel is not None:
                cancel.raise_if_cancelled()
            if isinstance(planned, PlannedActivity):
                record = _activity(session, planned, existing, work.id, file_name, activities)
                result.activity_ids.append(record.id)
            else:
                record = _measurement(session, planned, measurements)
                result.measurement_ids.append(record.id)
            result.created += 1
            if progress is not None:
                progress(done + 1, len(plan.rows))
        if cancel is not None:
            cancel.raise_if_cancelled()
        session.flush()
    return result


def _activity(session, planned: PlannedActivity, existing: dict[str, m.Activity], work_id: str, file_name: str,
              service: ActivityService) -> m.Activity:
    fields = {"participants_total": planned.participants_total, "participant_groups": planned.participant_groups}
    if planned.existing_id:
        record = existing[planned.existing_id]
        if planned.place and not record.place:
            fields["place"] = planned.place
    else:
        record = m.Activity()
        fields |= {"work_id": work_id, "date": planned.day,
                   "title": planned.title, "place": planned.place}
    if planned.names:
        note = names_note(planned.names, file_name)
        fields["notes"] = f"{record.notes}\n\n{note}" if record.notes else note
    apply_fields(record, fields)
    if record not in session:
        service._fill_defaults(record)
        session.add(record)
    service.validate(session, record)
    session.flush()
    return record


def _measurement(session, planned: PlannedMeasurement, service: MeasurementService) -> m.Measurement:
    record = m.Measurement()
    apply_fields(record, {"indicator_id": planned.indicator_id, "date": planned.day, "value": planned.value,
                          "note": planned.note, "source": planned.source})
    service._fill_defaults(record)
    service.validate(session, record)
    session.add(record)
    session.flush()
    return record
