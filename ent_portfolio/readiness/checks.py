"""What each readiness rule checks.

A check is registered under the rule id it serves, with the text
placeholders it fills and the thresholds it reads (and their kinds, which the
rule loader validates).  A check yields ``(target, params)`` pairs, one per
thing wrong; it never decides severity or wording — the rule set does.

Checks read plain loaded records (no session): :mod:`.engine` loads every
work with its relations once and hands them over.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from ..domain import enums
from ..domain import models as m
from ..domain.indicators import indicator_change
from ..typeset.dates import format_date
from .model import Target, Text

Hit = tuple[Target, dict[str, Any]]


@dataclass(frozen=True)
class CheckSpec:
    id: str
    scope: str  # "work" or "portfolio"
    params: tuple[str, ...]
    thresholds: dict[str, str]
    func: Callable[..., Iterable[Hit]]


CHECKS: dict[str, CheckSpec] = {}

#: Codes a ``str_list:<name>`` threshold may hold (filled in below).
VOCABULARIES: dict[str, list[str]] = {
    "partner_role": enums.PartnerRole.values(),
    "activity_kind": enums.ActivityKind.values(),
    "principle": enums.Principle.values(),
    "quality_level": enums.QualityLevel.values(),
    "work_status": enums.WorkStatus.values(),
}


def check(rule_id: str, *, scope: str = "work", params: tuple[str, ...] = (), thresholds: dict[str, str] | None = None):
    def decorate(func):
        CHECKS[rule_id] = CheckSpec(rule_id, scope, params, dict(thresholds or {}), func)
        return func
    return decorate


@dataclass
class WorkContext:
    """One work, loaded with every relation, and what the check run knows."""

    work: m.Work
    templates: list[m.SectionTemplate]
    #: sha256 → "ok" | "missing" | "changed" (changed only when hashes were verified)
    files: dict[str, str]
    today: date
    #: The work's section texts and their lengths, found once: several
    #: rules read each section.
    _texts: dict[str, str] | None = field(default=None, init=False, repr=False)
    _lengths: dict[str, int] = field(default_factory=dict, init=False, repr=False)

    @property
    def wid(self) -> str:
        return self.work.id

    def section_text(self, key: str) -> str:
        if self._texts is None:
            texts: dict[str, str] = {}
            for s in self.work.sections:
                texts.setdefault(s.key, s.content or "")
            self._texts = texts
        return self._texts.get(key, "")

    def section_length(self, key: str) -> int:
        """Characters a reader sees in the section ``key`` (0 when absent)."""
        length = self._lengths.get(key)
        if length is None:
            length = self._lengths[key] = text_length(self.section_text(key))
        return length


@dataclass
class PortfolioContext:
    profile: m.Profile | None
    position: str
    route: str
    checked_works: list[m.Work]
    all_works: list[m.Work] = field(default_factory=list)


# --- helpers -----------------------------------------------------------------

_TAG = re.compile(r"<[^>]*>")
_BLOCK = re.compile(r"<\s*(br|/p|/div|/li|/h[1-6]|/tr)\b[^>]*>", re.IGNORECASE)


def plain_text(content: str | None) -> str:
    """Rich text as the reader sees it: tags gone, entities resolved,
    whitespace collapsed."""
    if not content:
        return ""
    text = _BLOCK.sub(" ", content)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    return " ".join(text.split())


def text_length(content: str | None) -> int:
    """Characters a reader sees (spaces between words count once)."""
    return len(plain_text(content))


@lru_cache(maxsize=4096)
def day_text(d: date | None) -> Text:
    """A date in both languages: Thai in the Buddhist era (พ.ศ. = ค.ศ. + 543).
    Kept for the days seen last: a faculty's photos share their days."""
    if d is None:
        return Text("-", "-")
    return Text(format_date(d, "th", "short"), format_date(d, "en", "short"))


def label(enum_cls, code: str | None) -> Text:
    try:
        member = enum_cls(code)
    except ValueError:
        return Text(str(code), str(code))
    return Text(member.th, member.en)


def join(items: list[Text], alternatives: bool = False) -> Text:
    """Several values in one phrase: “ก, ข” (or “ก หรือ ข” for alternatives)."""
    if alternatives:
        return Text(" หรือ ".join(t.th for t in items), " or ".join(t.en for t in items))
    return Text(", ".join(t.th for t in items), ", ".join(t.en for t in items))


def indicator_name(ind: m.Indicator) -> Text:
    return Text(ind.name_th or ind.name_en or "-", ind.name_en or ind.name_th or "-")


def work_target(ctx: WorkContext, place: str | None = None) -> Target:
    return Target("work", ctx.wid, place)


def later_measurements(ind: m.Indicator) -> list[m.Measurement]:
    """Measurements after the baseline (all of them when the baseline date is
    unknown): a value taken on or before the baseline is not a follow-up."""
    if ind.baseline_date is None:
        return list(ind.measurements)
    return [x for x in ind.measurements if x.date > ind.baseline_date]


def _num(value: Decimal | float) -> str:
    value = Decimal(str(value)).normalize()
    text = format(value, "f")
    return text


# --- the nine sections -------------------------------------------------------

@check("section.missing", params=("section",))
def section_missing(ctx: WorkContext, rule) -> Iterator[Hit]:
    for t in ctx.templates:
        if ctx.section_length(t.key) == 0:
            yield work_target(ctx, f"section:{t.key}"), {"section": Text(t.title_th, t.title_en or t.title_th)}


@check("section.too_short", params=("section", "chars", "needed"),
       thresholds={"min_chars": "int", "min_chars_by_section": "int_map"})
def section_too_short(ctx: WorkContext, rule) -> Iterator[Hit]:
    by_section = rule.thresholds["min_chars_by_section"]
    for t in ctx.templates:
        length = ctx.section_length(t.key)
        needed = by_section.get(t.key, rule.thresholds["min_chars"])
        if 0 < length < needed:
            yield work_target(ctx, f"section:{t.key}"), {
                "section": Text(t.title_th, t.title_en or t.title_th), "chars": length, "needed": needed,
            }


# --- partnership -------------------------------------------------------------

@check("partnership.no_partner")
def partnership_no_partner(ctx: WorkContext, rule) -> Iterator[Hit]:
    if not ctx.work.partner_links:
        yield work_target(ctx, "partners"), {}


@check("partnership.no_codesigner", params=("roles_found", "roles_needed"),
       thresholds={"roles": "str_list:partner_role"})
def partnership_no_codesigner(ctx: WorkContext, rule) -> Iterator[Hit]:
    links = ctx.work.partner_links
    wanted = rule.thresholds["roles"]
    if links and not any(link.role in wanted for link in links):
        found = sorted({link.role for link in links})
        yield work_target(ctx, "partners"), {
            "roles_found": join([label(enums.PartnerRole, r) for r in found]),
            "roles_needed": join([label(enums.PartnerRole, r) for r in wanted], alternatives=True),
        }


@check("partnership.no_coplanning", params=("count",),
       thresholds={"min_activities": "int", "kinds": "str_list:activity_kind"})
def partnership_no_coplanning(ctx: WorkContext, rule) -> Iterator[Hit]:
    count = sum(1 for a in ctx.work.activities if a.kind in rule.thresholds["kinds"])
    if count < rule.thresholds["min_activities"]:
        yield work_target(ctx, "activities"), {"count": count}


@check("partnership.no_mou", params=("partner",), thresholds={"roles": "str_list:partner_role"})
def partnership_no_mou(ctx: WorkContext, rule) -> Iterator[Hit]:
    partners = [link.partner for link in ctx.work.partner_links if link.role in rule.thresholds["roles"]]
    if partners and not any(p.mou_date or (p.mou_note or "").strip() for p in partners):
        first = partners[0]
        partner = Text(first.name_th, first.name_en or first.name_th)
        yield Target("partner", first.id, "field:mou_date"), {"partner": partner}


# --- mutual benefit ----------------------------------------------------------

@check("benefit.community_missing", params=("chars",), thresholds={"min_chars": "int"})
def benefit_community(ctx: WorkContext, rule) -> Iterator[Hit]:
    length = text_length(ctx.work.benefit_community_text)
    if length < rule.thresholds["min_chars"]:
        yield work_target(ctx, "field:benefit_community_text"), {"chars": length}


@check("benefit.university_missing", params=("chars",), thresholds={"min_chars": "int"})
def benefit_university(ctx: WorkContext, rule) -> Iterator[Hit]:
    length = text_length(ctx.work.benefit_university_text)
    if length < rule.thresholds["min_chars"]:
        yield work_target(ctx, "field:benefit_university_text"), {"chars": length}


# --- knowledge and scholarship ----------------------------------------------

@check("knowledge.not_described", thresholds={"min_chars": "int", "sections": "str_list"})
def knowledge_not_described(ctx: WorkContext, rule) -> Iterator[Hit]:
    needed = rule.thresholds["min_chars"]
    if text_length(ctx.work.knowledge_text) >= needed:
        return
    if any(ctx.section_length(key) >= needed for key in rule.thresholds["sections"]):
        return
    yield work_target(ctx, "field:knowledge_text"), {}


@check("knowledge.no_dissemination", params=("count",), thresholds={"min_items": "int"})
def knowledge_no_dissemination(ctx: WorkContext, rule) -> Iterator[Hit]:
    count = len(ctx.work.disseminations)
    if count < rule.thresholds["min_items"]:
        yield work_target(ctx, "disseminations"), {"count": count}


# --- measurable impact -------------------------------------------------------

@check("impact.no_indicator", params=("count",), thresholds={"min_indicators": "int"})
def impact_no_indicator(ctx: WorkContext, rule) -> Iterator[Hit]:
    count = len(ctx.work.indicators)
    if count < rule.thresholds["min_indicators"]:
        yield work_target(ctx, "indicators"), {"count": count}


@check("impact.no_baseline", params=("indicator",))
def impact_no_baseline(ctx: WorkContext, rule) -> Iterator[Hit]:
    for ind in ctx.work.indicators:
        if ind.baseline_value is None or ind.baseline_date is None:
            yield Target("indicator", ind.id, "field:baseline_value"), {"indicator": indicator_name(ind)}


@check("impact.no_target", params=("indicator",))
def impact_no_target(ctx: WorkContext, rule) -> Iterator[Hit]:
    for ind in ctx.work.indicators:
        if ind.target_value is None:
            yield Target("indicator", ind.id, "field:target_value"), {"indicator": indicator_name(ind)}


@check("impact.no_measurement", params=("indicator", "count"), thresholds={"min_measurements": "int"})
def impact_no_measurement(ctx: WorkContext, rule) -> Iterator[Hit]:
    for ind in ctx.work.indicators:
        count = len(later_measurements(ind))
        if count < rule.thresholds["min_measurements"]:
            yield Target("indicator", ind.id, "measurements"), {"indicator": indicator_name(ind), "count": count}


@check("impact.short_follow_up", params=("years",), thresholds={"follow_up_years": "number"})
def impact_short_follow_up(ctx: WorkContext, rule) -> Iterator[Hit]:
    starts, ends = [], []
    for ind in ctx.work.indicators:
        later = later_measurements(ind)
        if not later:
            continue
        start = ind.baseline_date or ctx.work.start_date
        if start is None:
            continue
        starts.append(start)
        ends.append(max(x.date for x in later))
    if not starts:
        return  # nothing measured yet: impact.no_measurement says so
    years = (max(ends) - min(starts)).days / 365.25
    if years + 1e-9 < rule.thresholds["follow_up_years"]:
        yield work_target(ctx, "indicators"), {"years": f"{years:.1f}"}


@check("impact.not_improved", params=("indicator", "baseline", "latest"))
def impact_not_improved(ctx: WorkContext, rule) -> Iterator[Hit]:
    for ind in ctx.work.indicators:
        later = later_measurements(ind)
        if not later:
            continue
        change = indicator_change(ind, later)
        if change.improved is False:
            yield Target("indicator", ind.id, "measurements"), {
                "indicator": indicator_name(ind), "baseline": _num(change.baseline), "latest": _num(change.latest),
            }


@check("impact.no_reach")
def impact_no_reach(ctx: WorkContext, rule) -> Iterator[Hit]:
    if ctx.work.activities and not any(a.participants_total for a in ctx.work.activities):
        yield work_target(ctx, "activities"), {}


# --- certification, testimonials ---------------------------------------------

def _is_certification(t: m.Testimonial) -> bool:
    return t.kind == enums.TestimonialKind.CERTIFICATION


def _partner_vouches(t: m.Testimonial) -> bool:
    """A testimonial signed by a partner, which may be shown (consent)."""
    return bool(t.signed and t.partner_id is not None and t.consent)


@check("certification.missing")
def certification_missing(ctx: WorkContext, rule) -> Iterator[Hit]:
    if not any(_is_certification(t) or _partner_vouches(t) for t in ctx.work.testimonials):
        yield work_target(ctx, "testimonials"), {}


@check("certification.only_testimonials", params=("count",))
def certification_only_testimonials(ctx: WorkContext, rule) -> Iterator[Hit]:
    testimonials = ctx.work.testimonials
    vouching = [t for t in testimonials if _partner_vouches(t)]
    if vouching and not any(_is_certification(t) for t in testimonials):
        yield work_target(ctx, "testimonials"), {"count": len(vouching)}


@check("certification.no_letter", params=("source", "person"))
def certification_no_letter(ctx: WorkContext, rule) -> Iterator[Hit]:
    attached = {e.testimonial_id for e in ctx.work.evidence if e.testimonial_id}
    for t in ctx.work.testimonials:
        if _is_certification(t) and not t.letter_evidence_id and t.id not in attached:
            yield Target("testimonial", t.id, "field:letter_evidence_id"), {"source": _source(t), "person": _person(t)}


def _person(t: m.Testimonial) -> Text:
    name = t.person_name or t.organisation or "-"
    return Text(name, name)


def _source(t: m.Testimonial) -> Text:
    """Who gave a testimonial without naming them (position, organisation,
    date): a name without consent must not reach a dossier, not even in the
    readiness appendix."""
    parts = [x.strip() for x in (t.person_position, t.organisation) if x and x.strip()]
    if len(parts) == 2 and parts[0] in parts[1]:
        parts = parts[1:]
    th = " ".join(parts) or "ผู้ให้คำรับรอง"
    en = ", ".join(parts) or "a person"
    if t.date:
        d = day_text(t.date)
        th, en = f"{th} ({d.th})", f"{en} ({d.en})"
    return Text(th, en)


@check("testimonial.no_consent", params=("source", "person"))
def testimonial_no_consent(ctx: WorkContext, rule) -> Iterator[Hit]:
    for t in ctx.work.testimonials:
        if not t.consent:
            yield Target("testimonial", t.id, "field:consent"), {"source": _source(t), "person": _person(t)}


# --- evidence ----------------------------------------------------------------

def principles_shown(evidence: Iterable, testimonials: Iterable) -> set[str]:
    """The EnT principles a work shows: those an evidence item in its dossier
    proves, or a consenting testimonial supports.  Takes anything with the
    records' attributes (``include_in_dossier``, ``principles``; ``principle``,
    ``consent``), so the faculty report counts by this same rule from rows."""
    shown: set[str] = set()
    for e in evidence:
        if e.include_in_dossier:
            shown.update(e.principles or [])
    # A testimonial without consent cannot be shown to reviewers: it proves nothing there.
    shown.update(t.principle for t in testimonials if t.principle and t.consent)
    return shown


@check("evidence.principle_uncovered", params=("principle",), thresholds={"principles": "str_list:principle"})
def evidence_principle_uncovered(ctx: WorkContext, rule) -> Iterator[Hit]:
    covered = principles_shown(ctx.work.evidence, ctx.work.testimonials)
    for code in rule.thresholds["principles"]:
        if code not in covered:
            yield work_target(ctx, f"principle:{code}"), {"principle": label(enums.Principle, code)}


def evidence_name(e: m.Evidence) -> Text:
    name = e.caption.strip() if e.caption and e.caption.strip() else (e.original_name or e.sha256[:12])
    if len(name) > 60:
        name = name[:57] + "…"
    return Text(name, name)


@check("evidence.file_missing", params=("name",))
def evidence_file_missing(ctx: WorkContext, rule) -> Iterator[Hit]:
    for e in ctx.work.evidence:
        if ctx.files.get(e.sha256) == "missing":
            yield Target("evidence", e.id), {"name": evidence_name(e)}


@check("evidence.hash_mismatch", params=("name",))
def evidence_hash_mismatch(ctx: WorkContext, rule) -> Iterator[Hit]:
    for e in ctx.work.evidence:
        if ctx.files.get(e.sha256) == "changed":
            yield Target("evidence", e.id), {"name": evidence_name(e)}


# --- contributors ------------------------------------------------------------

def _name(c: m.Contributor) -> Text:
    return Text(c.name or "-", c.name or "-")


@check("contributors.no_roles", params=("name",))
def contributors_no_roles(ctx: WorkContext, rule) -> Iterator[Hit]:
    for c in ctx.work.contributors:
        roles = c.roles or []
        if not roles or (roles == [enums.ContributionRole.OTHER.value] and not (c.role_other or "").strip()):
            yield Target("contributor", c.id, "field:roles"), {"name": _name(c)}


@check("contributors.unsigned", params=("name", "status"))
def contributors_unsigned(ctx: WorkContext, rule) -> Iterator[Hit]:
    for c in ctx.work.contributors:
        if c.is_applicant:
            continue  # the applicant signs the submission itself
        if c.signature_status != enums.SignatureStatus.SIGNED:
            yield Target("contributor", c.id, "field:signature_status"), {
                "name": _name(c), "status": label(enums.SignatureStatus, c.signature_status),
            }


@check("contributors.percentage_sum", params=("total",), thresholds={"tolerance": "number"})
def contributors_percentage_sum(ctx: WorkContext, rule) -> Iterator[Hit]:
    given = [c.percentage for c in ctx.work.contributors if c.percentage is not None]
    if not given:
        return
    total = sum(given, Decimal(0))
    if abs(total - 100) > Decimal(str(rule.thresholds["tolerance"])):
        yield work_target(ctx, "contributors"), {"total": _num(total)}


# --- dates -------------------------------------------------------------------

@check("dates.work_period_missing", params=("missing",))
def dates_work_period_missing(ctx: WorkContext, rule) -> Iterator[Hit]:
    w = ctx.work
    if w.start_date is None:
        yield work_target(ctx, "field:start_date"), {"missing": Text("วันเริ่มต้น", "start date")}
    elif w.end_date is None and w.status == enums.WorkStatus.COMPLETED:
        yield work_target(ctx, "field:end_date"), {"missing": Text("วันสิ้นสุด", "end date")}


@check("dates.activity_outside_period", params=("activity", "date", "start", "end"), thresholds={"grace_days": "int"})
def dates_activity_outside_period(ctx: WorkContext, rule) -> Iterator[Hit]:
    from datetime import timedelta

    w = ctx.work
    if w.start_date is None:
        return
    grace = timedelta(days=rule.thresholds["grace_days"])
    for a in ctx.work.activities:
        last = a.end_date or a.date
        if a.date < w.start_date - grace or (w.end_date is not None and last > w.end_date + grace):
            yield Target("activity", a.id, "field:date"), {
                "activity": Text(a.title or "-", a.title or "-"), "date": day_text(a.date),
                "start": day_text(w.start_date),
                "end": day_text(w.end_date) if w.end_date else Text("ปัจจุบัน", "present"),
            }


@check("dates.measurement_before_baseline", params=("indicator", "date", "baseline_date"))
def dates_measurement_before_baseline(ctx: WorkContext, rule) -> Iterator[Hit]:
    for ind in ctx.work.indicators:
        if ind.baseline_date is None:
            continue
        for x in ind.measurements:
            if x.date <= ind.baseline_date:
                yield Target("indicator", ind.id, f"measurement:{x.id}"), {
                    "indicator": indicator_name(ind), "date": day_text(x.date),
                    "baseline_date": day_text(ind.baseline_date),
                }


# --- the work as a whole -----------------------------------------------------

@check("work.prior_use", params=("year",))
def work_prior_use(ctx: WorkContext, rule) -> Iterator[Hit]:
    year = ctx.work.prior_use_year
    if year:
        # Stored as the year the lecturer typed; show it in both eras.
        be = year if year > 2400 else year + 543
        yield work_target(ctx, "field:prior_use_year"), {"year": Text(str(be), str(be - 543))}


@check("work.no_missions", params=("count",), thresholds={"min_missions": "int"})
def work_no_missions(ctx: WorkContext, rule) -> Iterator[Hit]:
    count = len(ctx.work.missions or [])
    if count < rule.thresholds["min_missions"]:
        yield work_target(ctx, "field:missions"), {"count": count}


# --- the portfolio as a whole ------------------------------------------------

@check("portfolio.too_few_works", scope="portfolio", params=("count", "position", "route", "quality"),
       thresholds={"min_works": "int", "quality_level": "str_list:quality_level"})
def portfolio_too_few_works(ctx: PortfolioContext, rule) -> Iterator[Hit]:
    count = len(ctx.checked_works)
    if count < rule.thresholds["min_works"]:
        yield Target("portfolio", None, "works"), {
            "count": count,
            "position": label(enums.Position, ctx.position),
            "route": label(enums.Route, ctx.route),
            "quality": join([label(enums.QualityLevel, q) for q in rule.thresholds["quality_level"]],
                            alternatives=True),
        }


PROFILE_FIELDS: dict[str, Text] = {
    "name_th": Text("ชื่อ-สกุลภาษาไทย", "name in Thai"),
    "name_en": Text("ชื่อ-สกุลภาษาอังกฤษ", "name in English"),
    "academic_title": Text("คำนำหน้าทางวิชาการ", "academic title"),
    "faculty": Text("คณะ", "faculty"),
    "department": Text("ภาควิชา/สาขา", "department"),
    "university": Text("มหาวิทยาลัย", "university"),
    "field_of_study": Text("สาขาวิชาที่ขอ", "field of study"),
    "field_code": Text("รหัสสาขาวิชา", "field code"),
    "appointment_date": Text("วันที่บรรจุ", "appointment date"),
    "current_position_date": Text("วันที่ดำรงตำแหน่งปัจจุบัน", "date of current position"),
    "orcid": Text("ORCID", "ORCID"),
    "email": Text("อีเมล", "e-mail"),
}


@check("profile.incomplete", scope="portfolio", params=("fields",), thresholds={"fields": "str_list:profile_field"})
def profile_incomplete(ctx: PortfolioContext, rule) -> Iterator[Hit]:
    p = ctx.profile
    missing = []
    for name in rule.thresholds["fields"]:
        value = getattr(p, name, None) if p is not None else None
        if value is None or (isinstance(value, str) and not value.strip()):
            missing.append(name)
    if missing:
        yield Target("profile", p.id if p else None, f"field:{missing[0]}"), {
            "fields": join([PROFILE_FIELDS.get(n, Text(n, n)) for n in missing]),
        }


VOCABULARIES["profile_field"] = list(PROFILE_FIELDS)
