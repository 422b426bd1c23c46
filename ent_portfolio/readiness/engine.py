"""Running the rule set over a portfolio."""

from __future__ import annotations

import os
from datetime import date

from sqlalchemy import select

from ..domain import models as m
from ..domain.enums import Position, Route
from ..jobs import CancelToken, Progress
from ..storage.portfolio import Portfolio
from ..storage.store import SHA256_RE
from . import rows
from .all_checks import CHECKS, PortfolioContext, WorkContext
from .model import Finding, PortfolioReadiness, ReadinessStatus, WorkReadiness, _sorted, status_of
from .rules import ActiveRule, RuleSet, load_rules

#: Works checked per batch: their lists are loaded (as plain rows, see
#: :mod:`.rows`) in a few queries per batch and released before the next,
#: so memory stays flat at any portfolio size.
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
        # Every work as a plain record: the portfolio-level checks count
        # them and read their flags.  Their lists are loaded below a batch at
        # a time, so a faculty's portfolio never sits in memory whole.
        wanted = None if work_ids is None else set(work_ids)
        # The portfolio-wide checks count every work; without them (the
        # evidence grid's photo checks of one work) only the chosen are read.
        counts_all = wanted is None or any(CHECKS[r.id].scope == "portfolio" for r in active)
        works = rows.all_works(session, WORK_ORDER, None if counts_all else wanted)
        selected = [w for w in works if wanted is None or w.id in wanted]
        checked = [w for w in works if w.status not in rules.skip_work_status]

        files = _file_states(portfolio, _evidence_hashes(session, None if wanted is None else wanted),
                             verify_hashes, progress, cancel, len(selected))

        general: list[Finding] = []
        pctx = PortfolioContext(profile, position, route, checked, works)
        for rule in active:
            spec = CHECKS[rule.id]
            if spec.scope == "portfolio":
                general.extend(_finding(rule, None, t, p) for t, p in spec.func(pctx, rule))
        del pctx, checked
        work_rules = [(rule, CHECKS[rule.id].func) for rule in active if CHECKS[rule.id].scope == "work"]

        results: list[WorkReadiness] = []
        offset = len(files) if verify_hashes else 0
        total = offset + len(selected)
        done = 0
        for first in range(0, len(selected), BATCH_WORKS):
            batch = selected[first:first + BATCH_WORKS]
            to_check = [w for w in batch if w.status not in rules.skip_work_status]
            rows.fill_lists(session, to_check)
            for work in batch:
                if cancel is not None:
                    cancel.raise_if_cancelled()
                if work.status in rules.skip_work_status:  # listed, not checked
                    results.append(WorkReadiness(work.id, work.title_th, work.title_en,
                                                 ReadinessStatus.NOT_CHECKED, []))
                else:
                    ctx = WorkContext(work, templates, files, today)
                    found: list[Finding] = []
                    for rule, func in work_rules:
                        found.extend(_finding(rule, work.id, t, p) for t, p in func(ctx, rule))
                    found = _sorted(found, order)
                    results.append(WorkReadiness(work.id, work.title_th, work.title_en, status_of(found), found))
                done += 1
                if progress is not None:
                    progress(offset + done, total)
            # Release the batch: its lists are not needed again.
            rows.empty_lists(to_check)
            ctx = None

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
    present = _stored_files(portfolio, unique)
    states: dict[str, str] = {}
    for n, sha in enumerate(unique, start=1):
        if sha not in present:
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


def _stored_files(portfolio: Portfolio, hashes: list[str]) -> set[str]:
    """Those of ``hashes`` whose file is in the store: each shard folder listed
    once (a faculty's 50,000 files are 256 listings, not 50,000 look-ups).  A
    name that is not a hash is never stored; an entry counts as a file as
    ``Path.is_file`` would count it (a link to a file does)."""
    shards: dict[str, list[str]] = {}
    for sha in hashes:
        if SHA256_RE.match(sha):
            shards.setdefault(sha[:2], []).append(sha)
    present: set[str] = set()
    for wanted in shards.values():
        # The store's own layout: root / first two digits / hash.
        folder = portfolio.store.path_for(wanted[0]).parent
        try:
            with os.scandir(folder) as entries:
                files = {entry.name for entry in entries if _is_file(entry)}
        except OSError:
            continue
        present.update(sha for sha in wanted if sha in files)
    return present


def _is_file(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False
