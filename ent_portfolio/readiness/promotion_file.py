"""Readiness rules of the ก.พ.อ. file itself: the main works and the level
claimed for them with their impact summary, the research-ethics approval of
a work that studied people, the consent of the people in the photos, and
the dates written on the letters.  Declared like every rule (see
:mod:`.checks`) and registered when that module is loaded."""

from __future__ import annotations

from collections.abc import Iterator

from ..domain import enums
from ..domain import models as m
from .checks import Hit, PortfolioContext, WorkContext, check, evidence_name, join, work_target
from .model import Target, Text

# --- the claim of the ก.พ.อ. file ---------------------------------------------

@check("claim.no_level")
def claim_no_level(ctx: WorkContext, rule) -> Iterator[Hit]:
    if ctx.work.is_main_work and not ctx.work.claimed_level:
        yield work_target(ctx, "field:claimed_level"), {}


@check("claim.no_impact_summary")
def claim_no_impact_summary(ctx: WorkContext, rule) -> Iterator[Hit]:
    if ctx.work.is_main_work and not (ctx.work.impact_summary or "").strip():
        yield work_target(ctx, "field:impact_summary"), {}


#: What a research-ethics approval is known by, in the order a form asks.
ETHICS_FIELDS: dict[str, Text] = {
    "ethics_committee": Text("คณะกรรมการที่รับรอง", "the approving committee"),
    "ethics_number": Text("เลขที่หนังสือรับรอง", "the approval number"),
    "ethics_date": Text("วันที่รับรอง", "the approval date"),
}


@check("ethics.approval_missing", params=("missing",))
def ethics_approval_missing(ctx: WorkContext, rule) -> Iterator[Hit]:
    w = ctx.work
    if not w.ethics_required:
        return
    missing = [name for name in ETHICS_FIELDS
               if getattr(w, name) is None or (isinstance(getattr(w, name), str) and not getattr(w, name).strip())]
    if missing:
        yield work_target(ctx, f"field:{missing[0]}"), {"missing": join([ETHICS_FIELDS[n] for n in missing])}


# --- the people in the photos and the dates of the letters ---------------------

def _photos_in_dossier(ctx: WorkContext, consent: str) -> list[m.Evidence]:
    return [e for e in ctx.work.evidence
            if e.kind == enums.EvidenceKind.PHOTO and e.include_in_dossier and e.people_consent == consent]


@check("privacy.photo_no_consent", params=("name",))
def privacy_photo_no_consent(ctx: WorkContext, rule) -> Iterator[Hit]:
    for e in _photos_in_dossier(ctx, enums.PeopleConsent.NOT_GIVEN):
        yield Target("evidence", e.id, "field:people_consent"), {"name": evidence_name(e)}


@check("privacy.photo_consent_unknown", params=("count",))
def privacy_photo_consent_unknown(ctx: WorkContext, rule) -> Iterator[Hit]:
    # Once per work: a lecturer asks a village once, not once per picture.
    unknown = _photos_in_dossier(ctx, enums.PeopleConsent.UNKNOWN)
    if unknown:
        yield Target("evidence", unknown[0].id, "field:people_consent"), {"count": len(unknown)}


def letter_scans(work: m.Work) -> list[m.Evidence]:
    """The evidence that is a testimonial's letter: named as its letter, or
    pointing at the testimonial it is (the two ways a scan is attached)."""
    letters = {t.letter_evidence_id for t in work.testimonials if t.letter_evidence_id}
    testimonials = {t.id for t in work.testimonials}
    return [e for e in work.evidence
            if e.id in letters or (e.testimonial_id in testimonials and e.kind != enums.EvidenceKind.PHOTO)]


@check("evidence.letter_undated", params=("name",))
def evidence_letter_undated(ctx: WorkContext, rule) -> Iterator[Hit]:
    for e in letter_scans(ctx.work):
        if e.document_date is None:
            yield Target("evidence", e.id, "field:document_date"), {"name": evidence_name(e)}


@check("claim.no_main_work", scope="portfolio")
def claim_no_main_work(ctx: PortfolioContext, rule) -> Iterator[Hit]:
    # With nothing to submit, portfolio.too_few_works already says so.
    if ctx.checked_works and not any(w.is_main_work for w in ctx.checked_works):
        yield Target("portfolio", None, "works"), {}
