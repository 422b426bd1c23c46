"""A work's framework ticks: the service, the migration that adds them, and the archive."""

from __future__ import annotations

import json
import shutil
import sqlite3
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from ent_portfolio.archive import export_archive, import_archive, read_archive_document
from ent_portfolio.domain import models as m
from ent_portfolio.domain.frameworks import framework
from ent_portfolio.errors import NotFoundError, UserError
from ent_portfolio.services import Services
from ent_portfolio.services.frameworks import set_work_frameworks, work_frameworks
from ent_portfolio.storage.portfolio import DATABASE_NAME, Portfolio, head_revision

OLD_REVISIONS = ["0001", "0002", "0003", "0004", "0005"]


def _rows(portfolio) -> list[tuple[str, str, str]]:
    with portfolio.reader() as session:
        return sorted(session.execute(
            select(m.WorkFramework.work_id, m.WorkFramework.framework, m.WorkFramework.code)).all())


def test_exactly_what_was_ticked_is_stored_in_the_framework_order(portfolio, services):
    work = services.works.create(title_th="ผลงาน")
    assert work_frameworks(portfolio, work.id) == {}
    stored = set_work_frameworks(portfolio, work.id, "sdg", ["11.4", "4.7", "4.7", "2"])
    assert stored == ["2", "4.7", "11.4"]
    assert work_frameworks(portfolio, work.id) == {"sdg": ["2", "4.7", "11.4"]}  # 4.7 did not tick 4
    assert {code for *_, code in _rows(portfolio)} == {"2", "4.7", "11.4"}


def test_changing_the_ticks_keeps_the_rows_still_ticked(portfolio, services):
    work = services.works.create(title_th="ผลงาน")
    set_work_frameworks(portfolio, work.id, "sdg", ["4", "4.7"])
    with portfolio.reader() as session:
        kept_id = session.scalars(select(m.WorkFramework.id).where(m.WorkFramework.code == "4.7")).one()
    set_work_frameworks(portfolio, work.id, "sdg", ["4.7", "13"])
    with portfolio.reader() as session:
        rows = {r.code: r.id for r in session.scalars(select(m.WorkFramework))}
    assert set(rows) == {"4.7", "13"} and rows["4.7"] == kept_id
    set_work_frameworks(portfolio, work.id, "sdg", [])
    assert work_frameworks(portfolio, work.id) == {}


def test_an_unknown_code_refuses_the_whole_change_naming_it(portfolio, services):
    work = services.works.create(title_th="ผลงาน")
    set_work_frameworks(portfolio, work.id, "sdg", ["4"])
    with pytest.raises(UserError) as caught:
        set_work_frameworks(portfolio, work.id, "sdg", ["5", "18.1", "4.z"])
    assert caught.value.key == "frameworks.unknown_codes"
    assert "18.1, 4.z" in caught.value.message("th") and "18.1, 4.z" in caught.value.message("en")
    assert work_frameworks(portfolio, work.id) == {"sdg": ["4"]}


def _store_raw(portfolio, work_id, code):
    """A tick an archive from an app with a newer framework file brings."""
    with portfolio.session() as session:
        session.add(m.WorkFramework(work_id=work_id, framework="sdg", code=code))


def test_a_stored_code_this_app_does_not_know_is_kept_but_no_new_one_is_taken(portfolio, services):
    work = services.works.create(title_th="ผลงาน")
    _store_raw(portfolio, work.id, "18.1")
    assert work_frameworks(portfolio, work.id) == {"sdg": ["18.1"]}
    assert set_work_frameworks(portfolio, work.id, "sdg", ["4", "18.1"]) == ["4", "18.1"]
    with pytest.raises(UserError) as caught:
        set_work_frameworks(portfolio, work.id, "sdg", ["4", "18.1", "18.2"])
    assert "18.2" in caught.value.message("en") and "18.1" not in caught.value.message("en")
    assert set_work_frameworks(portfolio, work.id, "sdg", ["4"]) == ["4"]  # unticked on purpose: gone
    with pytest.raises(UserError):
        set_work_frameworks(portfolio, work.id, "sdg", ["18.1"])  # and, once gone, unknown again


_SDG_CODES = [item.code for item in framework("sdg").items]
_junk = st.one_of(st.text(max_size=30), st.integers(), st.sampled_from(["18", "4.z", " 4", "4 ", "", "0"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rounds=st.lists(st.lists(st.one_of(st.sampled_from(_SDG_CODES), _junk), max_size=8), min_size=1, max_size=4))
def test_any_list_of_codes_is_stored_exactly_or_refused_leaving_the_ticks(portfolio, services, rounds):
    work = services.works.create(title_th="ผลงาน")
    expected: set[str] = set()
    for codes in rounds:
        try:
            stored = set_work_frameworks(portfolio, work.id, "sdg", codes)
        except UserError as refused:
            assert refused.key == "frameworks.unknown_codes"
            assert any(str(c) not in _SDG_CODES for c in codes)
        else:
            assert all(str(c) in _SDG_CODES for c in codes)
            expected = {str(c) for c in codes}
            assert set(stored) == expected and len(stored) == len(expected)
        assert set(work_frameworks(portfolio, work.id).get("sdg", [])) == expected


def test_an_unknown_framework_or_work_is_refused(portfolio, services):
    work = services.works.create(title_th="ผลงาน")
    with pytest.raises(UserError) as caught:
        set_work_frameworks(portfolio, work.id, "not-a-framework", ["1"])
    assert caught.value.key == "frameworks.unknown"
    with pytest.raises(NotFoundError):
        set_work_frameworks(portfolio, "0" * 36, "sdg", ["1"])
    with pytest.raises(NotFoundError):
        work_frameworks(portfolio, "0" * 36)
    assert _rows(portfolio) == []


def test_a_failed_write_leaves_the_ticks_as_they_were(portfolio, services, monkeypatch):
    work = services.works.create(title_th="ผลงาน")
    set_work_frameworks(portfolio, work.id, "sdg", ["1", "1.1"])
    before = _rows(portfolio)

    def broken(self, *args, **kwargs):
        raise OSError("disk went away")

    monkeypatch.setattr(m.WorkFramework, "__init__", broken)
    with pytest.raises(UserError):  # the storage layer's plain-language error, after a rollback
        set_work_frameworks(portfolio, work.id, "sdg", ["2"])
    assert _rows(portfolio) == before


def test_deleting_a_work_deletes_its_ticks(portfolio, services):
    keep = services.works.create(title_th="อยู่")
    gone = services.works.create(title_th="ลบ")
    set_work_frameworks(portfolio, keep.id, "sdg", ["3"])
    set_work_frameworks(portfolio, gone.id, "sdg", ["4", "4.1"])
    services.works.delete(gone.id)
    assert _rows(portfolio) == [(keep.id, "sdg", "3")]


# --- the archive carries them ---------------------------------------------------------

def test_the_ticks_survive_an_archive_round_trip(portfolio, services, empty_template, tmp_path):
    work = services.works.create(title_th="ผลงาน")
    set_work_frameworks(portfolio, work.id, "sdg", ["6", "6.3", "15.1"])
    archive = export_archive(portfolio, tmp_path / "one.entp")
    records = read_archive_document(archive)["records"]["work_framework"]
    assert sorted(r["code"] for r in records) == ["15.1", "6", "6.3"]
    shutil.copytree(empty_template, tmp_path / "other")
    with Portfolio.open(tmp_path / "other") as other:
        import_archive(other, archive)
        assert work_frameworks(other, work.id) == {"sdg": ["6", "6.3", "15.1"]}
        again = export_archive(other, tmp_path / "two.entp")
    assert sorted(map(sorted, (r.items() for r in read_archive_document(again)["records"]["work_framework"]))) == \
        sorted(map(sorted, (r.items() for r in records)))


def test_an_archive_from_before_the_ticks_imports_with_none(portfolio, services, empty_template, tmp_path):
    work = services.works.create(title_th="ผลงานเดิม")
    archive = export_archive(portfolio, tmp_path / "v1.entp", format_version=1)
    older = tmp_path / "older.entp"
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(older, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "portfolio.json":  # as revision 0005 wrote it: no such table at all
                document = json.loads(data)
                document["schema_revision"] = "0005"
                del document["records"]["work_framework"]
                data = json.dumps(document, ensure_ascii=False).encode("utf-8")
            dst.writestr(item, data)
    shutil.copytree(empty_template, tmp_path / "other")
    with Portfolio.open(tmp_path / "other") as other:
        summary = import_archive(other, older)
        assert summary.added.get("work") == 1
        assert work_frameworks(other, work.id) == {}


def test_the_same_tick_made_on_two_computers_merges_as_one_record(portfolio, services, empty_template, tmp_path):
    work = services.works.create(title_th="ผลงาน")
    first = export_archive(portfolio, tmp_path / "first.entp")
    shutil.copytree(empty_template, tmp_path / "laptop")
    with Portfolio.open(tmp_path / "laptop") as laptop:
        import_archive(laptop, first)
        set_work_frameworks(laptop, work.id, "sdg", ["4", "5"])
        set_work_frameworks(portfolio, work.id, "sdg", ["4", "6"])  # meanwhile, on the office computer
        import_archive(laptop, export_archive(portfolio, tmp_path / "office.entp"))
        # An archive adds what it has; it does not take away the laptop's own ticks.
        assert work_frameworks(laptop, work.id) == {"sdg": ["4", "5", "6"]}
        assert len(_rows(laptop)) == 3


# --- the migration ---------------------------------------------------------------------

def _alembic(folder, action, revision):
    from alembic import command
    from sqlalchemy import create_engine

    from ent_portfolio.storage import schema

    engine = create_engine(f"sqlite:///{folder / DATABASE_NAME}")
    cfg = schema._alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        getattr(command, action)(cfg, revision)
    engine.dispose()


def _tables(folder) -> set[str]:
    db = sqlite3.connect(folder / DATABASE_NAME)
    try:
        return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        db.close()


def _work_rows(folder) -> list[tuple]:
    db = sqlite3.connect(folder / DATABASE_NAME)
    try:
        return db.execute("SELECT id, title_th, province FROM work ORDER BY id").fetchall()
    finally:
        db.close()


def test_head_is_0006():
    assert head_revision() == "0006"


@pytest.mark.parametrize("old", OLD_REVISIONS)
def test_upgrading_from_each_older_revision_keeps_the_works_and_adds_the_table(old, empty_template, tmp_path):
    folder = tmp_path / "old"
    shutil.copytree(empty_template, folder)
    with Portfolio.open(folder) as p:
        services = Services(p)
        first = services.works.create(title_th="ผลงานเดิม", province="เชียงใหม่")
        services.works.create(title_th="ผลงานที่สอง")
    _alembic(folder, "downgrade", old)
    assert "work_framework" not in _tables(folder)
    before = _work_rows(folder)
    assert len(before) == 2
    with Portfolio.open(folder) as p:
        assert "work_framework" in _tables(folder)
        assert work_frameworks(p, first.id) == {}
        set_work_frameworks(p, first.id, "sdg", ["11", "11.4"])
        assert work_frameworks(p, first.id) == {"sdg": ["11", "11.4"]}
    assert _work_rows(folder) == before


def test_downgrading_0006_drops_only_its_table(empty_template, tmp_path):
    folder = tmp_path / "p"
    shutil.copytree(empty_template, folder)
    with Portfolio.open(folder) as p:
        work = Services(p).works.create(title_th="ผลงาน")
        set_work_frameworks(p, work.id, "sdg", ["1"])
    tables = _tables(folder)
    _alembic(folder, "downgrade", "0005")
    assert _tables(folder) == tables - {"work_framework"}
    _alembic(folder, "upgrade", "0006")
    assert _tables(folder) == tables
