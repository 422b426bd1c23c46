"""Which goals and targets of each framework a work serves.

The lecturer ticks goals and targets; exactly what was ticked is stored (a
target does not tick its goal, a goal does not tick its targets), so the
window shows the same ticks again and a report can count either level."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import select

from ..domain import models as m
from ..domain.frameworks import framework, frameworks
from ..errors import UserError
from ..i18n import register
from ..storage.portfolio import Portfolio
from .records import get_or_raise

register({
    "frameworks.unknown_codes": (
        "{framework} ไม่มีรหัส {codes} — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "{framework} has no {codes}; nothing was changed.",
    ),
})


# A tick's id follows from what it says, so the same goal ticked for the same
# work on two computers is one record: merging one's archive into the other
# then finds the record it has, instead of a second one the unique key refuses.
TICK_NAMESPACE = uuid.UUID("5d3f0a52-9c1e-5b6e-8f4a-2b7c61d0e9a4")


def tick_id(work_id: str, framework_id: str, code: str) -> str:
    return str(uuid.uuid5(TICK_NAMESPACE, f"{work_id}\n{framework_id}\n{code}"))


def _in_file_order(framework_id: str, codes: Iterable[str]) -> list[str]:
    known = frameworks().get(framework_id)
    codes = set(codes)
    if known is None:  # a framework whose file is gone: keep what is stored, in a stable order
        return sorted(codes)
    ordered = [item.code for item in known.items if item.code in codes]
    return ordered + sorted(codes - set(ordered))


def work_frameworks(portfolio: Portfolio, work_id: str) -> dict[str, list[str]]:
    """The ticked codes of ``work_id`` by framework id, each in its file's order."""
    with portfolio.reader() as session:
        get_or_raise(session, m.Work, work_id)
        rows = session.execute(
            select(m.WorkFramework.framework, m.WorkFramework.code).where(m.WorkFramework.work_id == work_id)
        ).all()
    by_framework: dict[str, set[str]] = {}
    for framework_id, code in rows:
        by_framework.setdefault(framework_id, set()).add(code)
    order = list(frameworks())
    ids = sorted(by_framework, key=lambda f: (order.index(f) if f in order else len(order), f))
    return {f: _in_file_order(f, by_framework[f]) for f in ids}


def set_work_frameworks(portfolio: Portfolio, work_id: str, framework_id: str, codes: Iterable[str]) -> list[str]:
    """Make the ticks of ``work_id`` in ``framework_id`` exactly ``codes``, in one transaction.

    Returns the codes now stored, in the framework's order. A code the
    framework does not have refuses the whole change, naming it — unless the
    work already has it: an archive from an app with a newer framework file
    brought it, and keeping it loses nothing the lecturer made."""
    chosen = framework(framework_id)
    wanted = list(dict.fromkeys(str(code) for code in codes))
    with portfolio.session() as session:
        get_or_raise(session, m.Work, work_id)
        stored = session.scalars(
            select(m.WorkFramework).where(
                m.WorkFramework.work_id == work_id, m.WorkFramework.framework == framework_id
            )
        ).all()
        have = {row.code for row in stored}
        unknown = [code for code in chosen.unknown_codes(wanted) if code not in have]
        if unknown:
            shown = [code[:20] for code in unknown[:10]]
            raise UserError("frameworks.unknown_codes", framework=chosen.short_th or chosen.id,
                            codes=", ".join(shown) + (" …" if len(unknown) > 10 else ""))
        # Rows of codes still ticked stay as they are (same id, same dates):
        # an archive merge then sees no change where the lecturer made none.
        keep = set(wanted)
        for row in stored:
            if row.code not in keep:
                session.delete(row)
        session.flush()
        for code in wanted:
            if code not in have:
                session.add(m.WorkFramework(id=tick_id(work_id, framework_id, code), work_id=work_id,
                                            framework=framework_id, code=code))
    return _in_file_order(framework_id, wanted)
