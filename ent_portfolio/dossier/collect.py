"""Everything the dossier shows, read once from the portfolio into plain
objects (detached records) before any page is drawn.

The steps, each in its own module: one reading of the portfolio (here),
the names of people who did not consent taken out of every text
(:mod:`.withholding`), the evidence chosen under the privacy rules
(:mod:`.selection`), numbered E-1, E-2, … in dossier order
(:mod:`.numbering`), and the testimonials T-1, … linked to their letters
(:mod:`.linking`).  The result is a :class:`~.plan.Plan`; the portfolio
itself is never written."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..domain import models as m
from ..errors import UserError
from ..media import sniff
from ..storage.portfolio import Portfolio
from ..storage.queries import full_works_query
from .linking import link_testimonials
from .model import DossierConfig
from .numbering import number_evidence
from .plan import Plan, WorkData
from .selection import select_evidence
from .withholding import anonymiser_for, withhold_names


def _check_config(config: DossierConfig) -> str:
    lang = config.language or "th"
    if lang not in ("th", "en"):
        raise UserError("dossier.bad_language", value=lang)
    if (config.paper or "A4").upper() != "A4":
        raise UserError("dossier.bad_paper", paper=config.paper)
    return lang


def _work_order(works: list[m.Work], config: DossierConfig) -> list[str]:
    if config.work_ids:
        known = {w.id for w in works}
        for wid in config.work_ids:
            if wid not in known:
                raise UserError("dossier.unknown_work", ident=wid)
        order = list(dict.fromkeys(config.work_ids))
    else:
        order = [w.id for w in works]
    if not order:
        raise UserError("dossier.no_works")
    return order


def _read(portfolio: Portfolio, config: DossierConfig):
    """Profile, works in dossier order (with every list), section headings
    and partners' contacts, in one reading."""
    with portfolio.reader() as session:
        profile = session.scalars(
            select(m.Profile).options(selectinload(m.Profile.degrees), selectinload(m.Profile.appointments))
        ).first()
        if profile is None:
            profile = m.Profile(degrees=[], appointments=[])
        every = {w.id: w for w in session.scalars(full_works_query())}
        works = [every[wid] for wid in _work_order(list(every.values()), config)]
        templates = list(session.scalars(select(m.SectionTemplate).order_by(m.SectionTemplate.position)))
        partner_ids = {link.partner_id for work in works for link in work.partner_links}
        contacts = list(session.scalars(select(m.ContactPerson).where(m.ContactPerson.partner_id.in_(partner_ids)))) \
            if partner_ids else []
    return profile, works, templates, contacts


def _write_up(work: m.Work, templates: list[m.SectionTemplate]) -> list[tuple[m.SectionTemplate, str]]:
    """The work's sections in template order: (heading, content) pairs."""
    texts = {s.key: s.content for s in work.sections}
    return [(tpl, texts.get(tpl.key, "")) for tpl in templates]


def _readiness(portfolio: Portfolio, plan: Plan) -> list:
    from ..readiness import readiness_summary  # the rules are loaded only for this appendix

    in_dossier = {wd.work.id for wd in plan.works}
    # the appendix goes out with the dossier: its findings name people as the
    # testimonial appendix does (labels), never as the lecturer's own check does
    return [entry for entry in readiness_summary(portfolio, plan.lang, position=plan.position, route=plan.route,
                                                 anonymiser=plan.anonymiser)
            if entry.work_id is None or entry.work_id in in_dossier]


UNTYPED = ("", "application/octet-stream")


def _type_from_content(ev: m.Evidence, portfolio: Portfolio) -> None:
    """A file recorded without a type (letters attached by hand were kept as
    application/octet-stream) is taken for what its content is, in the plan
    only: the GPS stripping and the face blurring go by the type, and a
    photographed letter must not leave with its position."""
    if (ev.media_type or "") not in UNTYPED:
        return
    path = portfolio.store.path_for(ev.sha256)
    try:
        ev.media_type = sniff.sniff(path, sniff.read_head(path), name=ev.original_name or path.name).media_type
    except Exception:  # noqa: BLE001 - a missing or unreadable file is told by the numbering, as before
        return


def collect(portfolio: Portfolio, config: DossierConfig) -> Plan:
    lang = _check_config(config)
    profile, records_of_works, templates, contacts = _read(portfolio, config)
    anonymiser = anonymiser_for(profile, records_of_works, contacts)
    file_names = {ev.id: ev.original_name for work in records_of_works for ev in work.evidence}
    for work in records_of_works:
        for ev in work.evidence:
            _type_from_content(ev, portfolio)
    withhold_names(records_of_works + templates, anonymiser, lang)
    works = [WorkData(index, work, _write_up(work, templates)) for index, work in enumerate(records_of_works, 1)]

    testimonials_by_id = {t.id: t for wd in works for t in wd.work.testimonials}
    records: dict[str, m.Evidence] = {}
    paths = {}
    withheld = 0
    evidence, testimonials = [], []
    for wd in works:
        items, left_out = select_evidence(wd.work, (config.evidence_ids or {}).get(wd.work.id), testimonials_by_id)
        withheld += left_out
        for ev, path in zip(items, number_evidence(wd, items, len(evidence) + 1, portfolio.store,
                                                   testimonials_by_id, file_names)):
            records[ev.id] = ev
            paths[ev.id] = path
        evidence += wd.evidence
        link_testimonials(wd, len(testimonials) + 1, records)
        testimonials += wd.testimonials

    plan = Plan(
        config=config, lang=lang, profile=profile,
        position=config.target_position or profile.target_position or "assistant_professor",
        route=config.route or profile.route or "society_track",
        works=works, evidence=evidence, testimonials=testimonials, anonymiser=anonymiser,
        withheld=withheld, records=records, paths=paths,
    )
    for entry in evidence:
        # a JSON column, so not among the texts withhold_names cleans: the
        # note may name the farmer who did not consent as well as a caption can
        notes = records[entry.evidence_id].findings_explained or {}
        entry.explained = {rule: anonymiser.anonymise(note, lang) for rule, note in sorted(notes.items())}
    if config.include_readiness_appendix:
        plan.readiness = _readiness(portfolio, plan)
    return plan
