"""The whole-portfolio commands at a few hundred works: the check loaded work
by work gives what loading everything at once gave, and the number of SQL
statements each command sends stays bounded as the portfolio grows (no
query per record).  No timings here: benchmarks/bench_whole_portfolio.py
prints those."""

from __future__ import annotations

import math
import shutil
import uuid
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event, insert, select, update

from ent_portfolio.archive.codec import dict_to_values
from ent_portfolio.archive.exchange import build_document
from ent_portfolio.domain import models as m
from ent_portfolio.readiness import check_readiness, engine, load_rules
from ent_portfolio.readiness.all_checks import CHECKS, PortfolioContext, WorkContext
from ent_portfolio.readiness.model import ReadinessStatus, WorkReadiness, _sorted, status_of
from ent_portfolio.storage.portfolio import Portfolio
from ent_portfolio.storage.queries import full_works_query

#: The record kinds that belong to one work, parents first.
OWNED_BY_WORK = (m.Work, m.WorkSection, m.Funding, m.WorkPartner, m.Activity, m.Indicator, m.Measurement,
                 m.Evidence, m.Testimonial, m.Dissemination, m.Contributor)
COPIES = 100  # of the demo's three works: 300 works


def replicate_works(portfolio: Portfolio, copies: int) -> None:
    """Add ``copies`` copies of every work (with its lists) under new ids, by
    direct inserts; the copies share the originals' stored files."""
    records = build_document(portfolio)["records"]
    seed_ids = {row["id"] for model in OWNED_BY_WORK for row in records[model.__tablename__]}
    with portfolio.session() as session:
        session.connection().exec_driver_sql("PRAGMA defer_foreign_keys=ON")
        for number in range(1, copies + 1):
            ids = {old: str(uuid.uuid4()) for old in seed_ids}
            for model in OWNED_BY_WORK:
                rows = []
                for row in records[model.__tablename__]:
                    new = {key: ids.get(value, value) if isinstance(value, str) else value
                           for key, value in row.items()}
                    if model is m.Work:
                        new["title_th"] = f"{row['title_th']} ({number})"
                        new["sort_order"] = number % 7  # ties in the order, as real portfolios have
                    rows.append(dict_to_values(model, new))
                if rows:
                    session.execute(insert(model.__table__), rows)


@pytest.fixture(scope="module")
def faculty_template(demo_template, tmp_path_factory):
    """The demo's works copied to 303, some of them still being planned, and
    one stored photo gone: findings of every kind, across batch boundaries."""
    folder = tmp_path_factory.mktemp("scale") / "faculty"
    shutil.copytree(demo_template, folder)
    with Portfolio.open(folder, backup_on_open=False) as portfolio:
        replicate_works(portfolio, COPIES)
        with portfolio.session() as session:
            ids = list(session.scalars(select(m.Work.id).order_by(m.Work.id)))
            session.execute(update(m.Work).where(m.Work.id.in_(ids[::9])).values(status="planned"))
            sha = session.scalars(select(m.Evidence.sha256).limit(1)).one()
        portfolio.store.path_for(sha).unlink()
    return folder


@pytest.fixture
def faculty(faculty_template, tmp_path):
    folder = shutil.copytree(faculty_template, tmp_path / "faculty")
    with Portfolio.open(folder, backup_on_open=False) as portfolio:
        yield portfolio


@pytest.fixture(scope="module")
def faculty_reader(faculty_template):
    """The same portfolio opened read-only once, for checks that write nothing."""
    with Portfolio.open(faculty_template, read_only=True) as portfolio:
        yield portfolio


def everything_at_once(portfolio: Portfolio, *, verify_hashes: bool = False, work_ids=None):
    """The check as it was before issue 21: every work with all its lists
    loaded at once, then checked — the reference the batched check must equal."""
    rules = load_rules()
    today = date(2026, 1, 15)
    with portfolio.reader() as session:
        profile = session.scalars(select(m.Profile)).first()
        position, route = profile.target_position, profile.route
        active = rules.active(position, route)
        order = {r.id: r.order for r in active}
        templates = list(session.scalars(select(m.SectionTemplate).order_by(m.SectionTemplate.position)))
        if work_ids is None:
            works = list(session.scalars(full_works_query()))
            selected = works
        else:
            works = list(session.scalars(select(m.Work).order_by(*engine.WORK_ORDER)))
            selected = list(session.scalars(full_works_query().where(m.Work.id.in_(list(work_ids)))))
        checked = [w for w in works if w.status not in rules.skip_work_status]
        files = engine._file_states(portfolio, [e.sha256 for w in selected for e in w.evidence], verify_hashes,
                                    None, None, len(selected))
        general = []
        pctx = PortfolioContext(profile, position, route, checked, works)
        for rule in active:
            if CHECKS[rule.id].scope == "portfolio":
                general.extend(engine._finding(rule, None, t, p) for t, p in CHECKS[rule.id].func(pctx, rule))
        results = []
        for work in selected:
            if work.status in rules.skip_work_status:
                results.append(WorkReadiness(work.id, work.title_th, work.title_en, ReadinessStatus.NOT_CHECKED, []))
                continue
            ctx = WorkContext(work, templates, files, today)
            found = []
            for rule in active:
                if CHECKS[rule.id].scope == "work":
                    found.extend(engine._finding(rule, work.id, t, p) for t, p in CHECKS[rule.id].func(ctx, rule))
            found = _sorted(found, order)
            results.append(WorkReadiness(work.id, work.title_th, work.title_en, status_of(found), found))
    return _sorted(general, order), results


def plain(general, works) -> tuple:
    """Findings compare by identity (a view keeps its selection by key): the
    results as plain values, to compare two checks."""
    return ([asdict(f) for f in general],
            [(w.work_id, w.title_th, w.title_en, w.status, [asdict(f) for f in w.findings]) for w in works])


@contextmanager
def counted_statements(portfolio: Portfolio):
    """The SQL statements sent to the portfolio's database meanwhile."""
    sent: list[str] = []

    def note(_conn, _cursor, statement, _parameters, _context, _many):
        sent.append(statement)

    event.listen(portfolio.engine, "before_cursor_execute", note)
    try:
        yield sent
    finally:
        event.remove(portfolio.engine, "before_cursor_execute", note)


# --- the check ------------------------------------------------------------------------

@pytest.mark.parametrize("verify_hashes", [False, True], ids=["presence", "hashes"])
def test_the_batched_check_finds_what_the_whole_portfolio_check_found(faculty_reader, verify_hashes):
    result = check_readiness(faculty_reader, verify_hashes=verify_hashes, today=date(2026, 1, 15))
    general, works = everything_at_once(faculty_reader, verify_hashes=verify_hashes)
    assert len(result.works) == len(works) == 303
    assert plain(result.general, result.works) == plain(general, works)
    statuses = {w.status for w in result.works}
    assert ReadinessStatus.NOT_CHECKED in statuses and len(statuses) >= 2
    assert any(f.rule == "evidence.file_missing" for w in result.works for f in w.findings)


def test_the_check_sends_a_few_statements_per_batch_not_per_work(faculty_reader, monkeypatch):
    monkeypatch.setattr(engine, "BATCH_WORKS", 50)
    with counted_statements(faculty_reader) as sent:
        result = check_readiness(faculty_reader, today=date(2026, 1, 15))
    batches = math.ceil(len(result.works) / 50)
    # One query per list of a work (eleven with the partners and the
    # measurements) and the works themselves, per batch; a handful before.
    assert len(sent) <= batches * 13 + 10, sent[:40]
    assert len(sent) < len(result.works) / 3


def test_memory_is_released_batch_by_batch(faculty_reader, monkeypatch):
    """No batch's lists stay loaded once the next batch is loaded, and the
    checks read plain rows: no mapped record enters the session."""
    monkeypatch.setattr(engine, "BATCH_WORKS", 40)
    batches: list[list] = []
    held: list[int] = []
    real_fill, real_context = engine.rows.fill_lists, engine.WorkContext

    def filling(session, works):
        batches.append(works)
        real_fill(session, works)
        mapped = [o for o in session.identity_map.values() if isinstance(o, OWNED_BY_WORK)]
        assert not mapped, "the check built mapped records of works"

    def watching(work, *args):
        assert not hasattr(work, "_sa_instance_state")
        held.append(sum(1 for batch in batches for w in batch if w.sections or w.evidence or w.indicators))
        return real_context(work, *args)

    monkeypatch.setattr(engine.rows, "fill_lists", filling)
    monkeypatch.setattr(engine, "WorkContext", watching)
    result = check_readiness(faculty_reader, today=date(2026, 1, 15))
    assert len(batches) == math.ceil(len(result.works) / 40)
    assert held and 0 < max(held) <= 40


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batch=st.integers(min_value=1, max_value=320), pick=st.sets(st.integers(0, 302), max_size=30),
       verify=st.booleans())
def test_any_batch_size_and_any_chosen_works_give_the_same_result(faculty_reader, batch, pick, verify):
    with faculty_reader.reader() as session:
        all_ids = list(session.scalars(select(m.Work.id).order_by(m.Work.id)))
    work_ids = [all_ids[n] for n in sorted(pick)] if pick else None
    previous = engine.BATCH_WORKS
    engine.BATCH_WORKS = batch
    try:
        result = check_readiness(faculty_reader, verify_hashes=verify, work_ids=work_ids, today=date(2026, 1, 15))
    finally:
        engine.BATCH_WORKS = previous
    general, works = everything_at_once(faculty_reader, verify_hashes=verify, work_ids=work_ids)
    assert plain(result.general, result.works) == plain(general, works)


# --- the archive ------------------------------------------------------------------------

def test_the_exported_document_is_what_the_records_give(faculty_reader):
    """Read as plain rows, the document holds exactly what reading every
    record as an object gave."""
    from ent_portfolio.archive.codec import record_to_dict

    with counted_statements(faculty_reader) as sent:
        document = build_document(faculty_reader)
    with faculty_reader.reader() as session:
        for model in m.RECORD_MODELS:
            expected = [record_to_dict(r) for r in session.scalars(select(model).order_by(model.id))]
            assert document["records"][model.__tablename__] == expected, model.__tablename__
    assert len(document["records"]["work"]) == 303
    # One query per kind of record and two for the files, whatever the size.
    assert len(sent) <= len(m.RECORD_MODELS) + 4


def test_archived_file_count_equals_the_document_s_files(demo, tmp_path, capsys):
    from ent_portfolio.archive import export_archive, read_archive_document
    from ent_portfolio.archive.exchange import archived_file_count
    from ent_portfolio.cli import main

    target = tmp_path / "demo.entp"
    assert main(["archive", "export", "--portfolio", str(demo.folder), str(target)]) == 0
    files = len(read_archive_document(target)["files"])
    assert files > 0 and archived_file_count(target) == files
    assert f" {files} " in capsys.readouterr().out
    export_archive(demo, tmp_path / "again.entp")
    assert archived_file_count(tmp_path / "again.entp") == files
