"""The forms a Thai promotion file travels with, printed from what the
portfolio already holds (see ``docs/promotion-forms.md`` for the sources):

* the list of works as form ก.พ.อ. 03 asks for it — per work its type,
  period, the applicant's role and share, whether it is a main work and
  whether it was used in an earlier promotion;
* the declaration of academic ethics, whose signature line points to the
  signed form when the lecturer has filed it as evidence, and stands blank
  to be signed otherwise;
* per work where people were studied, the research-ethics approval box at
  the head of the work.

A committee sends a file back for a missing statement, so every field
that is not yet known prints as "ยังไม่ได้ระบุ" rather than disappearing."""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table, TableStyle

from ..domain import models as m
from ..domain.enums import ContributionRole, ContributorStatus, QualityLevel
from ..domain.thai_calendar import common_era
from ..typeset import REGULAR, ThaiParagraph, escape, format_date, format_period, format_year
from .chart import number
from .composer import Composer
from .flowables import Context, Marked
from .layout import FRAME_W, NAVY, enum_label, kv_table
from .model import EvidenceEntry
from .plan import WorkData

#: Evidence kinds that stand for a signed form or an approval.
ETHICS_DECLARATION = "ethics_declaration"
ETHICS_APPROVAL = "ethics_approval"


def applicant_contributor(work: m.Work) -> m.Contributor | None:
    """The work's contributor marked as the applicant (the first, should
    there be more than one)."""
    return next((c for c in sorted(work.contributors, key=lambda c: c.sort_order) if c.is_applicant), None)


def applicant_role(comp: Composer, work: m.Work) -> str:
    """The applicant's status, roles ก–ช and share in ``work``, as one line."""
    c = applicant_contributor(work)
    if c is None:
        return comp.tr("no_applicant_role")
    parts = [enum_label(ContributorStatus, c.status, comp.lang)]
    roles = []
    for role in ContributionRole:
        if role.value in (c.roles or []):
            label = role.label(comp.lang)
            if role is ContributionRole.OTHER and c.role_other:
                label += f" ({c.role_other})"
            roles.append(label)
    if roles:
        parts.append(", ".join(roles))
    if c.percentage is not None:
        parts.append(comp.tr("applicant_share", share=number(c.percentage)))
    return " · ".join(p for p in parts if p)


def prior_use_statement(comp: Composer, work: m.Work) -> str:
    """Whether ``work`` was used in an earlier promotion, and when and at
    which level if it was."""
    if not work.prior_use_year:
        return comp.tr("prior_use_never")
    # the window keeps the year in the common era; an import may have given either
    year = format_year(common_era(work.prior_use_year), comp.lang)
    if not work.prior_quality_level:
        return comp.tr("prior_use_when_no_level", year=year)
    return comp.tr("prior_use_when", year=year, level=enum_label(QualityLevel, work.prior_quality_level, comp.lang))


def claimed_level_label(comp: Composer, work: m.Work) -> str:
    return enum_label(QualityLevel, work.claimed_level, comp.lang) if work.claimed_level else comp.tr("not_given")


def _evidence_of_kind(items: list[EvidenceEntry], kind: str) -> EvidenceEntry | None:
    return next((e for e in items if e.kind == kind), None)


def _see_evidence(comp: Composer, entry: EvidenceEntry, key: str) -> str:
    """A link to ``entry``'s page in the appendix, worded by ``key``."""
    text = comp.tr(key, ref=entry.ref, page=comp.page_of(f"ev-{entry.number}"))
    return comp.ev_link(entry, text)


# --- the list of works (ก.พ.อ. 03) -------------------------------------------------

def works_list(comp: Composer) -> list[Flowable]:
    out: list[Flowable] = [PageBreak(), Context(comp.state, comp.tr("kpa03_short")),
                           comp.heading(comp.tr("kpa03"), 0, "kpa03"), comp.p(comp.tr("kpa03_intro"), "note")]
    for wd in comp.plan.works:
        out.append(KeepTogether(_works_list_entry(comp, wd)))
        out.append(Spacer(1, 8))
    return out


def _works_list_entry(comp: Composer, wd: WorkData) -> list[Flowable]:
    lang, w = comp.lang, wd.work
    title = ThaiParagraph(f'<b>{wd.index}.\u00a0<a href="#w{wd.index}">{escape(comp.work_title(wd))}</a></b>',
                          comp.st["body"])
    period = format_period(w.start_date, w.end_date, lang, "short",
                           start_precision=w.start_precision, end_precision=w.end_precision)
    rows: list[tuple[str, object]] = [
        (comp.tr("work_kind"), comp.tr("work_type")),
        (comp.tr("period"), period or comp.tr("not_given")),
        (comp.tr("applicant_role"), applicant_role(comp, w)),
        (comp.tr("submitted_as"), ThaiParagraph(
            f"<b>{escape(comp.tr('main_work_long'))}</b>" if w.is_main_work else escape(comp.tr("supporting_work")),
            comp.st["cell"])),
        (comp.tr("claimed_level_short"), claimed_level_label(comp, w)),
        (comp.tr("earlier_use"), prior_use_statement(comp, w)),
    ]
    return [title, kv_table(rows, comp.st, 130)]


# --- the declaration of academic ethics ---------------------------------------------

def ethics_declaration(comp: Composer) -> list[Flowable]:
    prof = comp.plan.profile
    out: list[Flowable] = [PageBreak(), Context(comp.state, comp.tr("ethics_decl_short")),
                           comp.heading(comp.tr("ethics_decl"), 0, "ethics-decl")]
    affiliation = " ".join(x for x in (prof.department, prof.faculty, prof.university) if x)
    opening = comp.tr("ethics_decl_opening", name=comp.applicant_full,
                      affiliation=comp.tr("of_affiliation", aff=affiliation) if affiliation else "",
                      position=comp.position_label)
    out.append(comp.p(" ".join(opening.split()), "body"))  # no double space where a part is empty
    for k in range(1, 7):
        out.append(ThaiParagraph(f"{k}.\u00a0{escape(comp.tr(f'ethics_decl_{k}'))}", comp.st["bullet"]))
    out += [Spacer(1, 4), comp.p(comp.tr("ethics_decl_close"), "body"), Spacer(1, 18),
            _signature(comp, _evidence_of_kind(comp.plan.evidence, ETHICS_DECLARATION))]
    return out


def _signature(comp: Composer, signed: EvidenceEntry | None) -> Flowable:
    """The applicant's signature block: a line to sign on and a date line,
    or, once the signed form is filed, where to find it."""
    center = ParagraphStyle("sig", comp.st["cell"], alignment=TA_CENTER)
    if signed is not None:
        anchor = comp.cite(signed, comp.tr("place_ethics_decl"), None)
        lines: list[Flowable] = [Marked(_see_evidence(comp, signed, "signed_see"), center, [anchor], comp.state)]
    else:
        lines = [Spacer(1, 20), ThaiParagraph(f"{escape(comp.tr('sign_here'))} " + "." * 58, center)]
    lines += [ThaiParagraph(f"({escape(comp.applicant_full)})", center),
              ThaiParagraph(escape(comp.tr("sign_applicant")), ParagraphStyle("sr", comp.st["cell_muted"],
                                                                               alignment=TA_CENTER))]
    if signed is None:
        lines.append(ThaiParagraph(f"{escape(comp.tr('sign_date'))} " + "." * 40, center))
    block = Table([["", lines]], colWidths=[FRAME_W * 0.4, FRAME_W * 0.6], hAlign="LEFT")
    block.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 0), (-1, -1), REGULAR, 9),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return KeepTogether([block])


# --- the research-ethics approval of a work -------------------------------------------

def ethics_box(comp: Composer, wd: WorkData) -> list[Flowable]:
    """The approval box at the head of a work where people were studied
    (nothing for another work)."""
    w = wd.work
    if not w.ethics_required:
        return []
    missing = comp.tr("not_given")
    approval = _evidence_of_kind(wd.evidence, ETHICS_APPROVAL)
    if approval is not None:
        anchor = comp.cite(approval, comp.tr("place_ethics", n=wd.index), wd.index)
        document: object = Marked(_see_evidence(comp, approval, "see_evidence"), comp.st["cell"], [anchor],
                                  comp.state)
    else:
        document = comp.tr("ethics_not_attached")
    rows: list[tuple[str, object]] = [
        (comp.tr("ethics_committee"), w.ethics_committee or missing),
        (comp.tr("ethics_number"), w.ethics_number or missing),
        (comp.tr("ethics_date"), format_date(w.ethics_date, comp.lang) if w.ethics_date else missing),
        (comp.tr("ethics_document"), document),
    ]
    title = ThaiParagraph(f"<b>{escape(comp.tr('ethics_approval'))}</b>", comp.st["cell"])
    table = kv_table(rows, comp.st, 130)
    table.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.8, NAVY)]))
    return [Spacer(1, 6), KeepTogether([title, Spacer(1, 2), table]), Spacer(1, 8)]
