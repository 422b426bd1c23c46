"""Queries more than one reader of the portfolio shares.

The views, the readiness check and the dossier all read a whole work with
its lists; they sit on different floors (services above, dossier and
readiness beside it), so the query lives here, below all of them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..domain import models as m


def full_works_query():
    """Works with every related list loaded in a few queries, in list order:
    what readers of a whole work (views, dossier, readiness) ask for."""
    return (
        select(m.Work)
        .options(
            selectinload(m.Work.sections),
            selectinload(m.Work.fundings),
            selectinload(m.Work.partner_links).selectinload(m.WorkPartner.partner),
            selectinload(m.Work.activities),
            selectinload(m.Work.indicators).selectinload(m.Indicator.measurements),
            selectinload(m.Work.testimonials),
            selectinload(m.Work.evidence),
            selectinload(m.Work.disseminations),
            selectinload(m.Work.contributors),
            selectinload(m.Work.framework_links),
        )
        .order_by(m.Work.sort_order, m.Work.start_date, m.Work.title_th)
    )
