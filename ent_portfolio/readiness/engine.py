"""Running the rule set over a portfolio."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ..domain import models as m
from ..domain.enums import Position, Route
from ..jobs import CancelToken, Progress
from ..storage.portfolio import Portfolio
from ..storage.queries import full_works_query
from .all_checks import CHECKS, PortfolioContext, WorkContext
from .model import Finding, PortfolioReadiness, ReadinessStatus, WorkReadiness, _sorted, status_of
from .rules import ActiveRule, RuleSet, load_rules

#: Works checked per batch: their lists are loaded in a few queries per batch
#: and released before the next, so memory stays flat at any portfolio size.
BATCH_WORKS = 200
#: The order works are listed in (the works view's and the dossier's).
WORK_ORDER = (m.Work.sort_order, m.Work.start_date, m.Work.title_th)


def _finding(rule: ActiveRule, work_id: str | None, target, params) -> Finding:
    texts = rule.render(params)
    plain = {k: (v.th if hasattr(v, "th") else v) for k, v in params.items()}
    return Finding(rule.id, rule.severity, work_id, target, rule.serves,
                   texts["what"], texts["why"], texts["fix"], plain)


def check_readiness(
    portfolio: Portfolio,
    *,
    rules: RuleSet | None = None,
    position: str | None = None,
    route: str | None = None,
    verify_hashes: bool = False,
    work_ids: list[str] | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    today: date | None = None,
) -> PortfolioReadiness:
    """Check the portfolio against the rule set for the applicant's target
    position and route (from the profile unless given).

    Evidence files are always checked for existence; their SHA-256 only with
    ``verify_hashes`` (reads every file: slow on big portfolios — progress and
    cancel apply).  ``work_ids`` limits the per-work checks to those works
    (the portfolio-level checks still run).  Nothing is written."""
    rules = rules or load_rules()
    today = today or date.today()
    with portfolio.reader() as session:
        profile = session.scalars(select(m.Profile)).first()
        position = position or (profile.target_position if profile else None) or Position.ASSISTANT_PROFESSOR.value
        route = route or (profile.route if profile else None) or Route.SOCIETY_TRACK.value
        active = rules.active(position, route)
        order = {r.id: r.order for r in active}
        templates = list(session.scalars(select(m.SectionTemplate).order_by(m.SectionTemplate.position)))
        # Every work as a plain row (no lists): the portfolio-level checks
        # count them and read their flags.  Their lists are loaded below a
        # batch at a time, so a faculty's portfolio never sits in memory whole.
        works = list(session.scalars(select(m.Work).order_by(*WORK_ORDER)))
        wanted = None if work_ids is None else set(work_ids)
        selected = [(w.id, w.status, w.title_th, w.title_en) for w in works if wanted is None or w.id in wanted]
        checked = [w for w in works if w.status not in rules.skip_work_status]

        files = _file_states(portfolio, _evidence_hashes(session, None if wanted is None else wanted),
                             verify_hashes, progress, cancel, len(selected))

        general: list[Finding] = []
        pctx = PortfolioContext(profile, position, route, checked, works)
        for rule in active:
            spec = CHECKS[rule.id]
            if spec.scope == "portfolio":
                general.extend(_finding(rule, None, t, p) for t, p in spec.func(pctx, rule))
        del pctx, checked, works
        session.expunge_all()  # the plain rows go; the batches load their works afresh, lists and all

        results: list[WorkReadiness] = []
        offset = len(files) if verify_hashes else 0
        total = offset + len(selected)
        done = 0
        for first in range(0, len(selected), BATCH_WORKS):
            batch = selected[first:first + BATCH_WORKS]
            to_load = [ident for ident, status, _th, _en in batch if status not in rules.skip_work_status]
            loaded = {w.id: w for w in session.scalars(full_works_query().where(m.Work.id.in_(to_load)))} \
                if to_load else {}
            for ident, _status, title_th, title_en in batch:
                if cancel is not None:
                    cancel.raise_if_cancelled()
                work = loaded.get(ident)
                if work is None:  # a status the rules skip: listed, not checked
                    results.append(WorkReadiness(ident, title_th, title_en, ReadinessStatus.NOT_CHECKED, []))
                else:
                    ctx = WorkContext(work, templates, files, today)
                    found: list[Finding] = []
                    for rule in active:
                        spec = CHECKS[rule.id]
                        if spec.scope == "work":
                            found.extend(_finding(rule, work.id, t, p) for t, p in spec.func(ctx, rule))
                    found = _sorted(found, order)
                    results.append(WorkReadiness(work.id, work.title_th, work.title_en, status_of(found), found))
                done += 1
                if progress is not None:
                    progress(offset + done, total)
            # Release the batch: its works and their lists are not needed again.
            loaded.clear()
            work = ctx = None
            session.expunge_all()

    requirement = {}
    for rule in active:
        if rule.id == "portfolio.too_few_works":
            requirement = dict(rule.thresholds)
    return PortfolioReadiness(
        position=position, route=route, ruleset=rules.name, ruleset_version=rules.version,
        general=_sorted(general, order), works=results, requirement=requirement, hashes_verified=verify_hashes,
    )


def check_work(portfolio: Portfolio, work_id: str, **options) -> WorkReadiness:
    """The readiness of one work (for refreshing one row of a view)."""
    result = check_readiness(portfolio, work_ids=[work_id], **options)
    if not result.works:
        from ..errors import NotFoundError

        raise NotFoundError(kind=m.Work.kind_th, ident=work_id)
    return result.works[0]


def _evidence_hashes(session, work_ids: set[str] | None) -> list[str]:
    """The files of the works checked (all works', or those of ``work_ids``)."""
    query = select(m.Evidence.sha256).where(m.Evidence.work_id.is_not(None))
    if work_ids is not None:
        query = query.where(m.Evidence.work_id.in_(list(work_ids)))
    return list(session.scalars(query))


def _file_states(portfolio: Portfolio, hashes: list[str], verify: bool, progress, cancel,
                 work_count: int) -> dict[str, str]:
    """sha256 → "ok" / "missing" / "changed" for the given evidence files."""
    unique = sorted(set(hashes))
    total = (len(unique) if verify else 0) + work_count
    states: dict[str, str] = {}
    for n, sha in enumerate(unique, start=1):
        try:
            path = portfolio.store.path_for(sha)
        except ValueError:
            states[sha] = "missing"
            continue
        if not path.is_file():
            states[sha] = "missing"
        elif verify:
            if cancel is not None:
                cancel.raise_if_cancelled()
            states[sha] = "ok" if portfolio.store.verify(sha) else "changed"
            if progress is not None:
                progress(n, total)
        else:
            states[sha] = "ok"
    return states
