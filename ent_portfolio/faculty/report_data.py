"""The faculty's engagement report as numbers: what the PDF draws and the
workbook lists, read once from a faculty database.

Every count is of works (or of partners, activities, indicators) that the
year picked takes in; no count is typed, and each uses the rule the
lecturer's own app uses for the same question:

* a work *shows* an EnT principle by the readiness rules' definition
  (:func:`ent_portfolio.readiness.checks.principles_shown`);
* an indicator *improved* by the dossier's indicator change
  (:func:`ent_portfolio.domain.indicators.indicator_change`);
* a work is *ready for promotion* as the load recorded it in
  ``faculty_work`` (no blocking readiness finding).

The year is a Thai government fiscal year (1 October to 30 September,
named by the Buddhist-era year it ends in), the year the code already
knows from grant letters (:func:`~ent_portfolio.typeset.dates.format_fiscal_year`)
and the one engagement offices report in.  A work falls in it when its
period overlaps it; a work with neither a start nor an end date falls in no
year (it is still counted when no year is asked)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Engine, Integer, and_, cast, func, or_, select

from ..domain import models as m
from ..domain.enums import PartnerType, Principle, QualityLevel, WorkStatus
from ..domain.frameworks import framework
from ..domain.indicators import indicator_change
from ..domain.models import utcnow
from ..domain.thai_calendar import BE_OFFSET
from ..dossier.texts import GROUPS
from ..errors import UserError
from ..i18n import register
from ..readiness.checks import principles_shown
from .models import FacultyLecturer, FacultyWork

#: Years a report may be asked for, in the Buddhist era (2500 = 1957 CE).
FIRST_YEAR_BE, LAST_YEAR_BE = 2500, 2800
#: The framework whose goals the report counts works under.
SDG = "sdg"

register({
    "faculty.report_bad_year": (
        "ปีของรายงานต้องเป็นปีพุทธศักราช ตั้งแต่ {first} ถึง {last} (ได้รับ “{value}”) เช่น --year 2568",
        "The report's year must be a Buddhist-era year from {first} to {last} (got “{value}”), "
        "e.g. --year 2568 for fiscal 2025.",
    ),
})


@dataclass(frozen=True)
class Count:
    """One row of a count table: a code, its names, and how many."""

    key: str
    th: str
    en: str
    value: int

    def label(self, lang: str) -> str:
        return self.th if lang == "th" else self.en


@dataclass(frozen=True)
class CountTable:
    key: str
    counts: tuple[Count, ...]

    def value(self, key: str) -> int:
        return next((c.value for c in self.counts if c.key == key), 0)

    @property
    def total(self) -> int:
        return sum(c.value for c in self.counts)


@dataclass(frozen=True)
class ReadyLecturer:
    """A lecturer with at least one work ready for promotion, among the works counted."""

    lecturer_id: str
    name_th: str
    name_en: str
    department: str
    faculty: str
    works: int
    ready_works: int

    def name(self, lang: str) -> str:
        return (self.name_en or self.name_th) if lang == "en" else (self.name_th or self.name_en)


@dataclass(frozen=True)
class FacultyReport:
    year_be: int | None
    #: First and last day of the fiscal year (None: every work, whatever its dates).
    period: tuple[date, date] | None
    generated_at: datetime
    lecturers_loaded: int
    #: Lecturers with at least one work counted.
    lecturers: int
    works: int
    faculties: tuple[str, ...]
    universities: tuple[str, ...]
    principles: CountTable
    sdg_goals: CountTable
    #: Works mapped to at least one SDG goal or target.
    sdg_mapped_works: int
    partner_types: CountTable
    partner_provinces: CountTable
    partners: int
    reached: CountTable
    #: Participants of the activities, as each activity's total says.
    reached_total: int
    activities: int
    indicators: CountTable
    statuses: CountTable
    quality_levels: CountTable
    ready_lecturers: tuple[ReadyLecturer, ...]
    ready_works: int

    @property
    def empty(self) -> bool:
        return self.works == 0


def fiscal_year_period(year_be: int) -> tuple[date, date]:
    """The Thai fiscal year ``year_be`` (Buddhist era): 1 October of the year
    before to 30 September of the year it is named by."""
    if isinstance(year_be, bool) or not isinstance(year_be, int) or not FIRST_YEAR_BE <= year_be <= LAST_YEAR_BE:
        raise UserError("faculty.report_bad_year", first=FIRST_YEAR_BE, last=LAST_YEAR_BE, value=str(year_be)[:20])
    ce = year_be - BE_OFFSET
    return date(ce - 1, 10, 1), date(ce, 9, 30)


def _overlaps(first: date, last: date):
    """Works whose period overlaps ``first``…``last``: an open end is "still going"."""
    w = m.Work
    return and_(or_(w.start_date.is_not(None), w.end_date.is_not(None)),
                or_(w.start_date.is_(None), w.start_date <= last),
                or_(w.end_date.is_(None), w.end_date >= first))


NOT_GIVEN = "", "ไม่ระบุ", "not given"


def _labelled(key: str, enum_cls) -> Count:
    try:
        member = enum_cls(key)
        return Count(key, member.th, member.en, 0)
    except ValueError:  # a code a newer app wrote: shown as it is, still counted
        return Count(key, key, key, 0)


def _enum_table(key: str, enum_cls, counts: Counter, extra: Iterable[Count] = ()) -> CountTable:
    """Every member of ``enum_cls`` (zeros too, in the vocabulary's order),
    then codes outside it, then ``extra`` rows."""
    rows = [Count(e.value, e.th, e.en, counts.get(e.value, 0)) for e in enum_cls]
    known = set(enum_cls.values())
    rows += [Count(c.key, c.th, c.en, counts[c.key]) for c in
             (_labelled(k, enum_cls) for k in sorted(k for k in counts if k and k not in known))]
    if counts.get(""):
        rows.append(Count("", *NOT_GIVEN[1:], counts[""]))
    return CountTable(key, tuple(rows) + tuple(extra))


def _by_count(key: str, counts: Counter, names: dict[str, tuple[str, str]] | None = None) -> CountTable:
    """Rows most first (then by name), an empty key as "not given" last."""
    def row(k: str) -> Count:
        th, en = (names or {}).get(k, (k, k)) if k else NOT_GIVEN[1:]
        return Count(k, th, en, counts[k])
    keys = sorted((k for k in counts if k), key=lambda k: (-counts[k], k))
    return CountTable(key, tuple(row(k) for k in keys + ([""] if counts.get("") else [])))


def gather_report(engine: Engine, year_be: int | None = None) -> FacultyReport:
    """The report's numbers for fiscal year ``year_be`` (Buddhist era), or for
    every work when ``year_be`` is None; read in one transaction, so a load
    running beside it is seen whole or not at all."""
    period = fiscal_year_period(year_be) if year_be is not None else None
    with engine.connect() as db:
        if db.dialect.name == "postgresql":  # every query below from one snapshot, as SQLite's BEGIN gives
            db.execution_options(isolation_level="REPEATABLE READ")
        with db.begin():
            return _gather(db, year_be, period)


def _gather(db, year_be: int | None, period: tuple[date, date] | None) -> FacultyReport:
    """Every table of the report, read through ``db`` (in its transaction)."""
    chosen = select(m.Work.id)
    if period is not None:
        chosen = chosen.where(_overlaps(*period))
    chosen = chosen.scalar_subquery()
    works = db.execute(select(m.Work.id, m.Work.status, m.Work.claimed_level)
                       .where(m.Work.id.in_(chosen))).all()
    principles = _principles(db, chosen)
    goals, mapped = _sdg(db, chosen)
    partner_types, provinces, partners = _partners(db, chosen)
    reached, reached_total, activities = _reached(db, chosen)
    indicators = _indicators(db, chosen)
    ready, ready_works, lecturers = _ready(db, chosen)
    loaded = db.execute(select(FacultyLecturer.faculty, FacultyLecturer.university)).all()
    statuses = _enum_table("statuses", WorkStatus, Counter(w.status or "" for w in works))
    levels = Counter(w.claimed_level or "" for w in works)
    not_claimed = Count("", "ไม่ได้ระบุระดับ", "no level claimed", levels.pop("", 0))
    return FacultyReport(
        year_be=year_be, period=period, generated_at=utcnow(), lecturers_loaded=len(loaded),
        lecturers=lecturers, works=len(works),
        faculties=tuple(sorted({f for f, _ in loaded if f})), universities=tuple(sorted({u for _, u in loaded if u})),
        principles=principles, sdg_goals=goals, sdg_mapped_works=mapped,
        partner_types=partner_types, partner_provinces=provinces, partners=partners,
        reached=reached, reached_total=reached_total, activities=activities, indicators=indicators,
        statuses=statuses, quality_levels=_enum_table("quality_levels", QualityLevel, levels, [not_claimed]),
        ready_lecturers=ready, ready_works=ready_works,
    )


def _principles(db, chosen) -> CountTable:
    """Works showing each principle, by the readiness rules' definition."""
    evidence: dict[str, list] = defaultdict(list)
    testimonials: dict[str, list] = defaultdict(list)
    for row in db.execute(select(m.Evidence.work_id, m.Evidence.include_in_dossier, m.Evidence.principles)
                          .where(m.Evidence.work_id.in_(chosen))):
        evidence[row.work_id].append(row)
    for row in db.execute(select(m.Testimonial.work_id, m.Testimonial.principle, m.Testimonial.consent)
                          .where(m.Testimonial.work_id.in_(chosen), m.Testimonial.principle.is_not(None))):
        testimonials[row.work_id].append(row)
    counts: Counter = Counter()
    for work_id in set(evidence) | set(testimonials):
        counts.update(principles_shown(evidence.get(work_id, []), testimonials.get(work_id, [])))
    return CountTable("principles", tuple(Count(p.value, p.th, p.en, counts.get(p.value, 0)) for p in Principle))


def _sdg(db, chosen) -> tuple[CountTable, int]:
    """Works per SDG goal: a work ticked for a goal or any of its targets
    counts once under that goal."""
    sdg = framework(SDG)
    pairs: set[tuple[str, str]] = set()
    for work_id, code in db.execute(select(m.WorkFramework.work_id, m.WorkFramework.code)
                                    .where(m.WorkFramework.framework == SDG, m.WorkFramework.work_id.in_(chosen))):
        try:
            pairs.add((work_id, sdg.goal_of(code)))
        except KeyError:  # a code the shipped list no longer has: kept under its own name
            pairs.add((work_id, code))
    counts = Counter(goal for _, goal in pairs)
    rows = [Count(g.code, f"{g.code}. {g.name_th}", f"{g.code}. {g.name_en}", counts.get(g.code, 0))
            for g in sdg.goals()]
    known = {g.code for g in sdg.goals()}
    rows += [Count(k, k, k, counts[k]) for k in sorted(set(counts) - known)]
    return CountTable("sdg_goals", tuple(rows)), len({work_id for work_id, _ in pairs})


def _partners(db, chosen) -> tuple[CountTable, CountTable, int]:
    """Partners of the works counted, each once however many of those works
    it is linked to.  Each lecturer's partners are their own records: an
    organisation two lecturers work with is counted once for each."""
    rows = db.execute(select(m.Partner.id, m.Partner.partner_type, m.Partner.province).distinct()
                      .join(m.WorkPartner, m.WorkPartner.partner_id == m.Partner.id)
                      .where(m.WorkPartner.work_id.in_(chosen))).all()
    types = _enum_table("partner_types", PartnerType, Counter(r.partner_type or "" for r in rows))
    provinces = _by_count("partner_provinces", Counter((r.province or "").strip() for r in rows))
    return types, provinces, len(rows)


def _group_names(keys: Iterable[str]) -> list[str]:
    """The known participant groups in their usual order, then the others by name."""
    found = set(keys)
    return [k for k in GROUPS if k in found] + sorted(found - set(GROUPS))


def _reached(db, chosen) -> tuple[CountTable, int, int]:
    """People at the activities by group, as the activity log records them
    (a person at two activities is counted at each)."""
    groups: Counter = Counter()
    total = count = 0
    for row in db.execute(select(m.Activity.participants_total, m.Activity.participant_groups)
                          .where(m.Activity.work_id.in_(chosen))):
        count += 1
        total += _whole(row.participants_total)
        for key, value in (row.participant_groups or {}).items():
            groups[str(key)] += _whole(value)
    names = {k: GROUPS.get(k, (k, k)) if k.strip() else NOT_GIVEN[1:] for k in groups}
    rows = tuple(Count(k, *names[k], groups[k]) for k in _group_names(groups))
    return CountTable("reached", rows), total, count


def _whole(value) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


INDICATOR_ROWS = (
    ("improved", "ดีขึ้น", "improved"),
    ("not_improved", "ไม่ดีขึ้น (คงเดิมหรือแย่ลง)", "not improved (same or worse)"),
    ("unknown", "ยังบอกไม่ได้ (ไม่มีค่าฐานหรือผลการวัด)", "cannot tell yet (no baseline or measurement)"),
)


def _indicators(db, chosen) -> CountTable:
    """Indicators by their change from the baseline to the latest measurement,
    in the indicator's good direction (the dossier's rule)."""
    measured: dict[str, list] = defaultdict(list)
    for row in db.execute(select(m.Measurement.indicator_id, m.Measurement.date, m.Measurement.value)
                          .join(m.Indicator, m.Indicator.id == m.Measurement.indicator_id)
                          .where(m.Indicator.work_id.in_(chosen))):
        measured[row.indicator_id].append(row)
    counts: Counter = Counter()
    for ind in db.execute(select(m.Indicator.id, m.Indicator.baseline_value, m.Indicator.target_value,
                                 m.Indicator.direction).where(m.Indicator.work_id.in_(chosen))):
        improved = indicator_change(ind, measured.get(ind.id, [])).improved
        counts["unknown" if improved is None else "improved" if improved else "not_improved"] += 1
    return CountTable("indicators", tuple(Count(k, th, en, counts.get(k, 0)) for k, th, en in INDICATOR_ROWS))


def _ready(db, chosen) -> tuple[tuple[ReadyLecturer, ...], int, int]:
    """Lecturers with a work ready for promotion among the works counted,
    by name; how many ready works; how many lecturers have works counted."""
    ready_count = func.sum(cast(FacultyWork.ready_for_promotion, Integer))
    rows = db.execute(
        select(FacultyLecturer.id, FacultyLecturer.name_th, FacultyLecturer.name_en, FacultyLecturer.department,
               FacultyLecturer.faculty, m.Profile.academic_title, func.count(FacultyWork.work_id), ready_count)
        .join(FacultyWork, FacultyWork.lecturer_id == FacultyLecturer.id)
        .outerjoin(m.Profile, m.Profile.id == FacultyLecturer.profile_id)
        .where(FacultyWork.work_id.in_(chosen))
        .group_by(FacultyLecturer.id, FacultyLecturer.name_th, FacultyLecturer.name_en, FacultyLecturer.department,
                  FacultyLecturer.faculty, m.Profile.academic_title)).all()
    ready = []
    for lid, name_th, name_en, department, faculty, title, works, ready_works in rows:
        if ready_works:
            titled = f"{title.strip()} {name_th}".strip() if title and title.strip() else name_th
            ready.append(ReadyLecturer(lid, titled, name_en, department, faculty, works, int(ready_works)))
    ready.sort(key=lambda r: (r.name_th, r.lecturer_id))
    return tuple(ready), sum(r.ready_works for r in ready), len(rows)
