"""The faculty report's numbers: equal to counts made straight from the
lecturers' archives (on SQLite and on PostgreSQL), the fiscal year taken on
both sides of its boundaries, an empty database reported as empty, and
hostile rows in a faculty database counted, not crashed on."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from report_cases import expected_counts, make_archive
from sqlalchemy.orm import Session

from ent_portfolio.domain import models as m
from ent_portfolio.errors import UserError
from ent_portfolio.faculty.database import open_faculty_database
from ent_portfolio.faculty.load import load_archives
from ent_portfolio.faculty.models import FacultyLecturer, FacultyWork
from ent_portfolio.faculty.report_data import fiscal_year_period, gather_report

YEARS = [None, 2566, 2567, 2568, 2569]


@pytest.fixture(scope="session")
def archives(tmp_path_factory) -> list:
    root = tmp_path_factory.mktemp("lecturers")
    return [make_archive(root / f"l{n}", n) for n in range(4)]


@pytest.fixture(scope="session")
def sqlite_db(archives, tmp_path_factory) -> str:
    url = str(tmp_path_factory.mktemp("faculty") / "faculty.sqlite3")
    summary = load_archives(url, [path for path, _ in archives])
    assert not summary.refused
    return url


@pytest.fixture(scope="session")
def postgres_db(archives, postgres_cluster) -> str:
    """The same archives loaded into a database of the faculty tests' throwaway cluster."""
    url = postgres_cluster.create_database("faculty_report")
    summary = load_archives(url, [path for path, _ in archives])
    assert not summary.refused
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def loaded_url(request) -> str:
    """The four lecturers' archives loaded, on each dialect."""
    return request.getfixturevalue("sqlite_db" if request.param == "sqlite" else "postgres_db")


def _values(table) -> dict[str, int]:
    return {c.key: c.value for c in table.counts if c.value}


@pytest.mark.parametrize("year", YEARS)
def test_the_numbers_equal_counts_from_the_archives(loaded_url, archives, year):
    engine = open_faculty_database(loaded_url)
    try:
        report = gather_report(engine, year)
    finally:
        engine.dispose()
    want = expected_counts(archives, year)
    assert report.works == want["works"]
    assert report.lecturers == want["lecturers"] and report.lecturers_loaded == len(archives)
    assert _values(report.principles) == dict(want["principles"])
    assert _values(report.sdg_goals) == dict(want["sdg"])
    assert report.sdg_mapped_works == want["sdg_mapped"]
    assert _values(report.partner_types) == dict(want["types"])
    assert _values(report.partner_provinces) == dict(want["provinces"])
    assert report.partners == want["partners"]
    assert _values(report.reached) == {k: v for k, v in want["groups"].items() if v}
    assert report.reached_total == want["reached_total"] and report.activities == want["activities"]
    assert _values(report.indicators) == dict(want["indicators"])
    assert _values(report.statuses) == dict(want["statuses"])
    assert _values(report.quality_levels) == {k: v for k, v in want["levels"].items() if v}
    got_ready = {r.name_th: (r.works, r.ready_works) for r in report.ready_lecturers}
    assert len(got_ready) == len(want["ready"])
    for name, counts in want["ready"].items():
        assert [v for k, v in got_ready.items() if k.endswith(name)] == [counts]
    assert report.ready_works == sum(r for _, r in want["ready"].values())


def test_the_cases_reach_every_part_of_the_report(archives):
    """The generated archives are not a degenerate case: the counts compared above are not all zero."""
    want = expected_counts(archives, None)
    assert want["works"] >= 12 and want["ready"] and len(want["principles"]) == 4
    assert len(want["indicators"]) == 3 and want["sdg"] and "" in want["provinces"] and want["groups"]
    assert expected_counts(archives, 2567)["works"] != expected_counts(archives, 2568)["works"]


def _work(session: Session, start: date | None, end: date | None, **fields) -> m.Work:
    work = m.Work(title_th="ผลงาน", start_date=start, end_date=end, **fields)
    session.add(work)
    return work


@pytest.fixture
def blank_db(tmp_path):
    engine = open_faculty_database(str(tmp_path / "faculty.sqlite3"))
    yield engine
    engine.dispose()


@pytest.mark.parametrize(("start", "end", "in_years"), [
    (date(2023, 10, 1), date(2024, 9, 30), {2567}),           # exactly fiscal 2567
    (date(2023, 9, 30), date(2023, 10, 1), {2566, 2567}),     # a day either side of the boundary
    (date(2024, 9, 30), date(2024, 9, 30), {2567}),           # the last day of 2567 only
    (date(2024, 10, 1), date(2024, 10, 1), {2568}),           # the first day of 2568 only
    (date(2022, 1, 1), date(2023, 9, 30), {2565, 2566}),      # ends the day before 2567
    (date(2024, 10, 1), None, {2568, 2569, 2570}),            # still going
    (None, date(2023, 10, 1), {2565, 2566, 2567}),            # only its end is known
    (None, None, set()),                                      # no dates: in no year
])
def test_the_fiscal_year_takes_works_whose_period_overlaps_it(blank_db, start, end, in_years):
    with Session(blank_db) as session, session.begin():
        _work(session, start, end)
    for year in range(2565, 2571):
        assert gather_report(blank_db, year).works == (1 if year in in_years else 0), year
    assert gather_report(blank_db, None).works == 1


def test_an_empty_faculty_database_gives_an_empty_report(blank_db):
    report = gather_report(blank_db, 2568)
    assert report.empty and report.works == 0 and report.lecturers_loaded == 0
    assert report.principles.total == 0 and report.ready_lecturers == ()
    assert [c.key for c in report.sdg_goals.counts] == [str(n) for n in range(1, 18)]


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=-10**6, max_value=10**6))
def test_a_year_is_a_buddhist_era_fiscal_year_or_refused(year):
    try:
        first, last = fiscal_year_period(year)
    except UserError as exc:
        assert exc.key == "faculty.report_bad_year" and not 2500 <= year <= 2800
        return
    assert (first.month, first.day, last.month, last.day) == (10, 1, 9, 30)
    assert last.year + 543 == year and (last - first).days in (364, 365)


@pytest.mark.parametrize("year", [2024, 0, -1, True, "2568", 2568.0])
def test_a_common_era_or_non_integer_year_is_refused_by_name(blank_db, year):
    with pytest.raises(UserError) as caught:
        gather_report(blank_db, year)
    assert "พุทธศักราช" in caught.value.message("th")


def test_hostile_rows_are_counted_not_crashed_on(blank_db):
    """Codes a newer app may write, odd counts, blank provinces: each goes to a row of its own."""
    with Session(blank_db) as session, session.begin():
        lecturer = FacultyLecturer(id="l1", profile_id="p", name_th="=HYPERLINK(\"x\")", archive_sha256="0" * 64,
                                   archive_exported_at=date(2025, 1, 1), loaded_at=date(2025, 1, 1))
        session.add(lecturer)
        work = _work(session, date(2024, 1, 1), None, status="paused", claimed_level="outstanding")
        session.flush()
        session.add(FacultyWork(work_id=work.id, lecturer_id="l1", ready_for_promotion=True))
        partner = m.Partner(name_th="ก", partner_type="spaceship", province="  ")
        session.add(partner)
        session.flush()
        session.add(m.WorkPartner(work_id=work.id, partner_id=partner.id))
        session.add(m.Activity(work_id=work.id, date=date(2024, 2, 1), participants_total=-5,
                               participant_groups={"female": 3, "ghosts": -2, "bools": True, "youth": 10**9}))
        session.add(m.WorkFramework(work_id=work.id, framework="sdg", code="99.9"))
        session.add(m.WorkFramework(work_id=work.id, framework="sdg", code="4.7"))
        session.add(m.WorkFramework(work_id=work.id, framework="other", code="4"))
        session.add(m.Evidence(work_id=work.id, sha256="a" * 64, principles=["impact", "flying"]))
        session.add(m.Testimonial(work_id=work.id, principle="partnership", consent=False))
    report = gather_report(blank_db, 2567)
    assert report.statuses.value("paused") == 1 and report.quality_levels.value("outstanding") == 1
    assert report.partner_types.value("spaceship") == 1 and report.partner_provinces.value("") == 1
    assert report.reached_total == 0 and report.reached.value("female") == 3 and report.reached.value("ghosts") == 0
    assert report.reached.value("youth") == 10**9 and report.reached.value("bools") == 0
    assert report.sdg_goals.value("4") == 1 and report.sdg_goals.value("99.9") == 1 and report.sdg_mapped_works == 1
    assert _values(report.principles) == {"impact": 1}   # no consent: the testimonial proves nothing
    assert [(r.name_th, r.works, r.ready_works) for r in report.ready_lecturers] == [("=HYPERLINK(\"x\")", 1, 1)]
