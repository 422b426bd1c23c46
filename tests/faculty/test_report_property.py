"""Generated faculty databases, odd ones included (codes no vocabulary
knows, negative or huge counts, blank and hostile names, works without
dates), against the report: its numbers equal a plain recount of the rows
generated, and the PDF and the workbook are written whatever the text."""

from __future__ import annotations

import io
from collections import Counter
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import delete
from sqlalchemy.orm import Session

from ent_portfolio.domain import models as m
from ent_portfolio.faculty.database import open_faculty_database
from ent_portfolio.faculty.models import FacultyLecturer, FacultyWork
from ent_portfolio.faculty.report_data import fiscal_year_period, gather_report
from ent_portfolio.faculty.report_pdf import render_report_pdf
from ent_portfolio.faculty.report_tables import report_tables
from ent_portfolio.faculty.report_xlsx import build_workbook
from ent_portfolio.office.workbook import cell_text

PRINCIPLES = ["partnership", "mutual_benefit", "knowledge", "impact"]
CODES = st.sampled_from(["planned", "ongoing", "completed", "good", "school", "ngo", "", "spaceship", "ข้อมูลใหม่"])
#: Text as people and other programs type it: Thai, Latin, marks alone, control characters, a formula.
TEXT = st.one_of(st.text(max_size=40).map(lambda t: t.replace("\x00", "")),
                 st.sampled_from(["น่าน", "  ", "=SUM(A1:A9)", "ำ่้", "\u202eevil", "เชียงใหม่\n", "x" * 300]))
DAYS = st.one_of(st.none(), st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31)))
COUNT = st.one_of(st.none(), st.integers(min_value=-1000, max_value=10**9))

activity = st.fixed_dictionaries({"participants_total": COUNT,
                                  "participant_groups": st.dictionaries(st.sampled_from(["female", "male", "youth",
                                                                                         "กลุ่มใหม่", ""]),
                                                                        st.integers(-50, 10**6), max_size=3)})
work = st.fixed_dictionaries({
    "start": DAYS, "end": DAYS, "status": CODES, "level": st.one_of(st.none(), st.sampled_from(
        ["good", "very_good", "excellent", "gold"])),
    "evidence": st.lists(st.tuples(st.booleans(), st.lists(st.sampled_from(PRINCIPLES + ["other"]), max_size=3)),
                         max_size=3),
    "testimonials": st.lists(st.tuples(st.one_of(st.none(), st.sampled_from(PRINCIPLES)), st.booleans()),
                             max_size=2),
    "partners": st.lists(st.tuples(CODES, TEXT), max_size=2),
    "activities": st.lists(activity, max_size=2),
    "sdg": st.lists(st.sampled_from(["1", "4", "4.7", "17.17", "99", "4.7.x"]), max_size=3, unique=True),
    "ready": st.booleans(),
})
faculty = st.lists(work, max_size=6)


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    engine = open_faculty_database(str(tmp_path_factory.mktemp("property") / "faculty.sqlite3"))
    yield engine
    engine.dispose()


def _store(engine, works: list[dict], name: str) -> None:
    with Session(engine) as session, session.begin():
        for model in (FacultyWork, FacultyLecturer, m.WorkFramework, m.Testimonial, m.Evidence, m.Activity,
                      m.WorkPartner, m.Partner, m.Work):
            session.execute(delete(model))
        session.add(FacultyLecturer(id="l", profile_id="p", name_th=name, department=name, archive_sha256="0" * 64,
                                    archive_exported_at=date(2025, 1, 1), loaded_at=date(2025, 1, 1)))
        for spec in works:
            w = m.Work(title_th=name, start_date=spec["start"], end_date=spec["end"], status=spec["status"],
                       claimed_level=spec["level"])
            session.add(w)
            session.flush()
            session.add(FacultyWork(work_id=w.id, lecturer_id="l", ready_for_promotion=spec["ready"]))
            session.add_all(m.Evidence(work_id=w.id, sha256="a" * 64, include_in_dossier=inc, principles=ps)
                            for inc, ps in spec["evidence"])
            session.add_all(m.Testimonial(work_id=w.id, principle=p, consent=c) for p, c in spec["testimonials"])
            for kind, province in spec["partners"]:
                partner = m.Partner(name_th=name, partner_type=kind, province=province)
                session.add(partner)
                session.flush()
                session.add(m.WorkPartner(work_id=w.id, partner_id=partner.id))
            session.add_all(m.Activity(work_id=w.id, date=date(2024, 1, 1), **a) for a in spec["activities"])
            session.add_all(m.WorkFramework(work_id=w.id, framework="sdg", code=c) for c in spec["sdg"])


def _in(spec: dict, year: int | None) -> bool:
    if year is None:
        return True
    first, last = fiscal_year_period(year)
    start, end = spec["start"], spec["end"]
    return (start is not None or end is not None) and (start is None or start <= last) and (end is None or end >= first)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(works=faculty, year=st.one_of(st.none(), st.integers(2560, 2572)))
def test_the_numbers_equal_a_recount_of_the_rows(engine, works, year):
    _store(engine, works, "อาจารย์")
    report = gather_report(engine, year)
    chosen = [w for w in works if _in(w, year)]
    assert report.works == len(chosen)
    shown = Counter()
    for w in chosen:
        shown.update({p for inc, ps in w["evidence"] if inc for p in ps} & set(PRINCIPLES)
                     | {p for p, c in w["testimonials"] if p and c})
    assert {c.key: c.value for c in report.principles.counts if c.value} == dict(shown)
    assert report.statuses.total == len(chosen) and report.quality_levels.total == len(chosen)
    assert report.partners == sum(len(w["partners"]) for w in chosen)
    assert report.partner_provinces.total == report.partner_types.total == report.partners
    assert report.reached_total == sum(max(a["participants_total"] or 0, 0) for w in chosen for a in w["activities"])
    groups = Counter()
    for w in chosen:
        for a in w["activities"]:
            groups.update({k: max(v, 0) for k, v in a["participant_groups"].items()})
    assert {c.key: c.value for c in report.reached.counts if c.value} == {k: v for k, v in groups.items() if v}
    goals = Counter()
    for w in chosen:
        goals.update({"4" if c == "4.7" else "17" if c == "17.17" else c for c in w["sdg"]})
    assert {c.key: c.value for c in report.sdg_goals.counts if c.value} == dict(goals)
    ready = sum(w["ready"] for w in chosen)
    assert report.ready_works == ready and len(report.ready_lecturers) == (1 if ready else 0)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(works=st.lists(work, min_size=1, max_size=3), name=TEXT, lang=st.sampled_from(["th", "en"]))
def test_the_files_are_written_whatever_the_text(engine, works, name, lang):
    _store(engine, works, name)
    report = gather_report(engine, None)
    data, pages = render_report_pdf(report, lang)
    assert data.startswith(b"%PDF") and pages >= 2
    buffer = io.BytesIO()
    build_workbook(report, lang).save(buffer)
    provinces = load_workbook(io.BytesIO(buffer.getvalue())).worksheets[4]
    shown = [row[0].value for row in provinces.iter_rows(min_row=2)]
    provinces_table = next(t for t in report_tables(report, lang) if t.key == "partner_provinces")
    assert shown == [cell_text(row[0]) or None for row in provinces_table.rows]
    assert len(shown) == len(report.partner_provinces.counts)
