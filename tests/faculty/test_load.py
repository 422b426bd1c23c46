"""Loading lecturers' archives into a faculty database, on SQLite and on
PostgreSQL: each lecturer apart, a newer archive replacing theirs, an older
or identical one changing nothing, a bad one refused by name among good
ones, and each work's readiness as the app's own rules give it."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import time
import uuid

import pytest
from sqlalchemy import func, select

from ent_portfolio.archive import export_archive
from ent_portfolio.domain import models as m
from ent_portfolio.faculty.database import open_faculty_database
from ent_portfolio.faculty.load import COPIED_MODELS, LOADED, REFUSED, REPLACED, UNCHANGED, load_archives
from ent_portfolio.faculty.models import FacultyLecturer, FacultyRecord, FacultyWork, faculty_id
from ent_portfolio.jobs import Cancelled, CancelToken
from ent_portfolio.readiness import ReadinessStatus, check_readiness
from ent_portfolio.storage.portfolio import Portfolio


def counts(url: str) -> dict[str, int]:
    engine = open_faculty_database(url)
    try:
        with engine.connect() as connection:
            tables = [model.__table__ for model in COPIED_MODELS] + \
                [FacultyLecturer.__table__, FacultyRecord.__table__, FacultyWork.__table__]
            return {table.name: connection.scalar(select(func.count()).select_from(table)) for table in tables}
    finally:
        engine.dispose()


def rows(url: str, statement):
    engine = open_faculty_database(url)
    try:
        with engine.connect() as connection:
            return connection.execute(statement).all()
    finally:
        engine.dispose()


def test_two_lecturers_with_the_same_ids_stay_apart(faculty_url, make_lecturer, tmp_path):
    first = make_lecturer("ดร.หนึ่ง ทดสอบ")
    archive_a = first.export()
    # The second lecturer's portfolio is a copy of the first's (every record id
    # the same) under another profile: nothing may collide or be shared.
    second_folder = tmp_path / "copy"
    shutil.copytree(first.folder, second_folder)
    other = str(uuid.uuid4())
    connection = sqlite3.connect(second_folder / "portfolio.sqlite3")
    with connection:
        connection.execute("PRAGMA foreign_keys=OFF")
        old = connection.execute("SELECT id FROM profile").fetchone()[0]
        connection.execute("UPDATE profile SET id = ?", (other,))
        connection.execute("UPDATE degree SET profile_id = ? WHERE profile_id = ?", (other, old))
        connection.execute("UPDATE appointment SET profile_id = ? WHERE profile_id = ?", (other, old))
        connection.execute("UPDATE profile SET name_th = 'ดร.สอง ทดสอบ'")
    connection.close()
    with Portfolio.open(second_folder, backup_on_open=False) as portfolio:
        archive_b = export_archive(portfolio, tmp_path / "b.entp")

    summary = load_archives(faculty_url, [archive_a, archive_b])
    assert [o.outcome for o in summary.outcomes] == [LOADED, LOADED]
    assert {o.lecturer_id for o in summary.outcomes} == {old, other}
    found = counts(faculty_url)
    assert found["work"] == 4 and found["faculty_lecturer"] == 2 and found["faculty_work"] == 4
    assert found["profile"] == 2 and found["partner"] == 2
    # Every row is listed once under its lecturer, and its id is the remapped one.
    assert found["faculty_record"] == sum(found[model.__tablename__] for model in COPIED_MODELS)
    works = rows(faculty_url, select(m.Work.id, FacultyRecord.lecturer_id)
                 .join(FacultyRecord, FacultyRecord.record_id == m.Work.id))
    with Portfolio.open(first.folder, backup_on_open=False, read_only=True) as portfolio, portfolio.reader() as s:
        originals = list(s.scalars(select(m.Work.id)))
    assert sorted(works) == sorted([(faculty_id(old, w), old) for w in originals]
                                   + [(faculty_id(other, w), other) for w in originals])
    # Foreign keys are remapped the same way: each work's partner link points at its own lecturer's partner.
    links = rows(faculty_url, select(m.WorkPartner.work_id, m.WorkPartner.partner_id))
    owner = dict(rows(faculty_url, select(FacultyRecord.record_id, FacultyRecord.lecturer_id)))
    assert links and all(owner[work] == owner[partner] for work, partner in links)


def test_newer_replaces_older_and_identical_change_nothing(faculty_url, make_lecturer):
    lecturer = make_lecturer("ดร.สาม ทดสอบ", works=2)
    older = lecturer.export()
    with lecturer.services() as s:
        works = s.works.list()
        s.works.delete(works[-1].id)
        s.works.create(title_th="ผลงานใหม่หลังส่งออกครั้งแรก")
        s.works.create(title_th="ผลงานใหม่อีกเรื่อง")
    time.sleep(1.05)  # an archive says when it was written to the second; a tie is not newer
    newer = lecturer.export()

    assert [o.outcome for o in load_archives(faculty_url, [older]).outcomes] == [LOADED]
    before = counts(faculty_url)
    assert before["work"] == 2

    assert [o.outcome for o in load_archives(faculty_url, [older]).outcomes] == [UNCHANGED]
    assert counts(faculty_url) == before

    summary = load_archives(faculty_url, [newer])
    assert [o.outcome for o in summary.outcomes] == [REPLACED]
    after = counts(faculty_url)
    assert after["work"] == 3 and after["faculty_lecturer"] == 1 and after["faculty_work"] == 3
    titles = {t for (t,) in rows(faculty_url, select(m.Work.title_th))}
    assert "ผลงานใหม่หลังส่งออกครั้งแรก" in titles and works[-1].title_th not in titles
    # Nothing of the older archive is left over: every row is the newer one's.
    assert after["faculty_record"] == sum(after[model.__tablename__] for model in COPIED_MODELS)

    # The older archive again, after the newer: it changes nothing.
    assert [o.outcome for o in load_archives(faculty_url, [older]).outcomes] == [UNCHANGED]
    assert counts(faculty_url) == after
    stamp = rows(faculty_url, select(FacultyLecturer.archive_sha256, FacultyLecturer.works_count))
    assert stamp == [(hashlib.sha256(newer.read_bytes()).hexdigest(), 3)]


def test_a_bad_archive_is_refused_by_name_while_the_others_load(faculty_url, make_lecturer, tmp_path):
    good_one = make_lecturer("ดร.สี่ ทดสอบ", works=1).export()
    good_two = make_lecturer("ดร.ห้า ทดสอบ", works=1).export()
    cut = tmp_path / "cut-short.entp"
    cut.write_bytes(good_one.read_bytes()[: good_one.stat().st_size // 2])
    not_zip = tmp_path / "notes.entp"
    not_zip.write_text("ไม่ใช่แฟ้มสำรอง", encoding="utf-8")
    summary = load_archives(faculty_url, [cut, good_one, not_zip, good_two, tmp_path / "missing.entp"])
    assert [o.outcome for o in summary.outcomes] == [REFUSED, LOADED, REFUSED, LOADED, REFUSED]
    for outcome in summary.refused:
        assert outcome.message and "Traceback" not in outcome.message
    assert [o.path.name for o in summary.refused] == ["cut-short.entp", "notes.entp", "missing.entp"]
    found = counts(faculty_url)
    assert found["faculty_lecturer"] == 2 and found["work"] == 2


def test_readiness_per_work_is_the_apps_own(faculty_url, make_lecturer):
    lecturer = make_lecturer("ดร.หก ทดสอบ", works=2)
    archive = lecturer.export()
    with Portfolio.open(lecturer.folder, backup_on_open=False, read_only=True) as portfolio:
        expected = {w.work_id: w for w in check_readiness(portfolio).works}
        with portfolio.reader() as session:
            key = session.scalar(select(m.Profile.id))
    load_archives(faculty_url, [archive])
    found = {work_id: (ready, blocking, total) for work_id, _lecturer, ready, blocking, total in
             rows(faculty_url, select(FacultyWork.work_id, FacultyWork.lecturer_id, FacultyWork.ready_for_promotion,
                                      FacultyWork.blocking_findings, FacultyWork.findings))}
    assert len(found) == len(expected) == 2
    for work_id, work in expected.items():
        blocking = sum(1 for f in work.findings if f.severity.value == "blocking")
        ready = work.status in (ReadinessStatus.READY, ReadinessStatus.IMPROVE)
        assert found[faculty_id(key, work_id)] == (ready, blocking, len(work.findings))
    # The works as made here lack most of a dossier: the rules do find something.
    assert any(total for _ready, _blocking, total in found.values())


def test_an_archive_without_a_profile_is_refused(faculty_url, lecturer_template, tmp_path):
    folder = shutil.copytree(lecturer_template, tmp_path / "no-profile")
    with Portfolio.open(folder, backup_on_open=False) as portfolio:
        with portfolio.session() as session:
            session.query(m.Profile).delete()
        archive = export_archive(portfolio, tmp_path / "no-profile.entp")
    summary = load_archives(faculty_url, [archive])
    assert summary.outcomes[0].outcome == REFUSED
    assert counts(faculty_url)["faculty_lecturer"] == 0


@pytest.mark.parametrize("dialect", ["sqlite"])
def test_a_hundred_archives_in_one_run(dialect, make_lecturer, tmp_path):
    """A faculty's folder at once: one progress line (outcome) per archive."""
    lecturer = make_lecturer("ดร.เจ็ด ทดสอบ", works=1)
    first = lecturer.export()
    archives = [first] * 99 + [tmp_path / "absent.entp"]
    heard = []
    steps = []
    summary = load_archives(str(tmp_path / "faculty.sqlite3"), archives, on_outcome=heard.append,
                            progress=lambda done, total: steps.append((done, total)))
    assert len(heard) == 100 and steps[-1] == (100, 100) and len(steps) == 100
    assert summary.count(LOADED) == 1 and summary.count(UNCHANGED) == 98 and summary.count(REFUSED) == 1


def test_two_workers_load_what_one_does(make_lecturer, tmp_path):
    """Archives read in two processes are written in the order given, with the same outcomes and rows."""
    first = make_lecturer("ดร.แปด ทดสอบ", works=1)
    older = first.export()
    time.sleep(1.05)
    with first.services() as s:
        s.works.create(title_th="ผลงานเพิ่มภายหลัง")
    newer = first.export()
    second = make_lecturer("ดร.เก้า ทดสอบ", works=2).export()
    bad = tmp_path / "bad.entp"
    bad.write_bytes(b"not an archive")
    archives = [older, bad, second, newer, older, second]
    one = load_archives(str(tmp_path / "one.sqlite3"), archives)
    two = load_archives(str(tmp_path / "two.sqlite3"), archives, workers=2)
    assert [o.outcome for o in one.outcomes] == [o.outcome for o in two.outcomes] == \
        [LOADED, REFUSED, LOADED, REPLACED, UNCHANGED, UNCHANGED]
    assert [o.message for o in one.outcomes] == [o.message for o in two.outcomes]
    assert counts(str(tmp_path / "one.sqlite3")) == counts(str(tmp_path / "two.sqlite3"))
    assert sorted(rows(str(tmp_path / "one.sqlite3"), select(m.Work.id, m.Work.title_th))) == \
        sorted(rows(str(tmp_path / "two.sqlite3"), select(m.Work.id, m.Work.title_th)))


@pytest.mark.parametrize("workers", [1, 2])
def test_cancel_between_archives_keeps_what_was_written(make_lecturer, tmp_path, workers):
    archives = [make_lecturer(f"ดร.ยกเลิก {n}", works=1).export() for n in range(3)]
    token = CancelToken()
    url = str(tmp_path / "faculty.sqlite3")
    with pytest.raises(Cancelled):
        load_archives(url, archives, cancel=token, workers=workers, on_outcome=lambda outcome: token.cancel())
    found = counts(url)
    assert found["faculty_lecturer"] == 1 and found["work"] == 1
    assert found["faculty_record"] == sum(found[model.__tablename__] for model in COPIED_MODELS)
