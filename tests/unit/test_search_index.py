"""The search index's own file: kept across opens, updated row by row from
any connection, never frozen by a date in the future, thrown away and built
again when damaged or not this portfolio's, searched read-only from a copy."""

from __future__ import annotations

import itertools
import os
import sqlite3
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ent_portfolio.services import Services
from ent_portfolio.services.search import index_for, rebuild_index, search
from ent_portfolio.storage.layout import SEARCH_INDEX_NAME
from ent_portfolio.storage.portfolio import Portfolio


def found(portfolio, query: str) -> set[str]:
    return {hit.id for group in search(portfolio, query) for hit in group.hits}


def documents(portfolio) -> list[tuple]:
    db = index_for(portfolio).store.connection()
    return db.execute("SELECT rowid, title, body, scanned, kind, record_id, target_kind, target_id, target_extra "
                      "FROM search_index.docs ORDER BY rowid").fetchall()


@pytest.fixture
def folder(portfolio):
    services = Services(portfolio)
    work = services.works.create(title_th="ชุมชนเกษตรอินทรีย์บ้านนา")
    services.works.set_section(work.id, "process", "<p>ชาวบ้านร่วมกันสร้างฝายชะลอน้ำ</p>")
    services.works.create(title_th="การจัดการน้ำชุมชนบ้านดอน")
    assert found(portfolio, "เกษตร") == {work.id}
    folder = portfolio.folder
    portfolio.close()
    return folder


def test_the_index_is_kept_across_opens_and_not_built_again(folder):
    assert (folder / SEARCH_INDEX_NAME).is_file()
    with Portfolio.open(folder) as portfolio:
        store = index_for(portfolio).store
        assert found(portfolio, "ฝายชะลอ") and found(portfolio, "เกษตร")
        assert (store.builds, store.documents_written) == (0, 0)


def test_edits_of_another_connection_are_seen_one_row_at_a_time(folder):
    with Portfolio.open(folder) as portfolio:
        store = index_for(portfolio).store
        search(portfolio, "เกษตร")
        services = Services(portfolio)
        added = services.works.create(title_th="แปรรูปลำไยอบแห้ง")
        assert found(portfolio, "ลำไย") == {added.id}
        other = sqlite3.connect(portfolio.database_path)
        other.execute("UPDATE work SET title_th = 'แปรรูปมะม่วงกวน', updated_at = '2001-01-01 00:00:00.000000' "
                      "WHERE id = ?", [added.id])
        other.commit()
        assert found(portfolio, "ลำไย") == set() and found(portfolio, "มะม่วง") == {added.id}
        other.execute("DELETE FROM work WHERE id = ?", [added.id])
        other.commit()
        other.close()
        assert found(portfolio, "มะม่วง") == set()
        assert store.builds == 0 and store.documents_written == 2  # the new work, then its edit


def test_a_record_dated_in_the_future_freezes_nothing(folder):
    with Portfolio.open(folder) as portfolio:
        services = Services(portfolio)
        first, second = services.works.create(title_th="งานแรก"), services.works.create(title_th="งานที่สอง")
        with sqlite3.connect(portfolio.database_path) as other:
            other.execute("UPDATE work SET updated_at = '2999-12-31 23:59:59.999999' WHERE id = ?", [first.id])
        assert found(portfolio, "งานแรก") == {first.id}
        services.works.update(second.id, title_th="ปลูกผักปลอดสารพิษ")
        assert found(portfolio, "ปลอดสาร") == {second.id}
        with sqlite3.connect(portfolio.database_path) as other:  # an archive merge keeps its older dates
            other.execute("UPDATE work SET title_th = 'เลี้ยงปลานิล', updated_at = '2010-05-05 00:00:00.000000' "
                          "WHERE id = ?", [second.id])
        assert found(portfolio, "ปลานิล") == {second.id}


@pytest.mark.parametrize("damage", ["garbage", "empty", "foreign", "newer", "cut short"])
def test_a_damaged_foreign_or_newer_index_is_built_again(folder, damage):
    path = folder / SEARCH_INDEX_NAME
    if damage == "garbage":
        path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 20)
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        with sqlite3.connect(path) as db:
            if damage == "foreign":
                db.execute("UPDATE meta SET value = '00000000-0000-4000-8000-000000000000' WHERE key = 'portfolio'")
            elif damage == "newer":
                db.execute("UPDATE meta SET value = '999' WHERE key = 'format'")
            else:
                db.execute("DELETE FROM meta WHERE key = 'built'")
                db.execute("DELETE FROM docs")
    with Portfolio.open(folder) as portfolio:
        assert len(found(portfolio, "ชุมชน")) == 2 and found(portfolio, "ฝายชะลอ")
        assert index_for(portfolio).store.builds == 1


def test_damage_found_only_when_reading_is_rebuilt_without_an_error(folder):
    with Portfolio.open(folder) as portfolio:
        store = index_for(portfolio).store
        search(portfolio, "ชุมชน")
        store.db.execute("DROP TABLE search_index.docs")  # as if its pages were lost
        assert len(found(portfolio, "ชุมชน")) == 2
        assert store.builds == 1


def test_an_update_cut_short_leaves_the_index_as_it_was(folder, monkeypatch):
    with Portfolio.open(folder) as portfolio:
        store = index_for(portfolio).store
        search(portfolio, "ชุมชน")
        before = documents(portfolio)
        work = Services(portfolio).works.create(title_th="ทอผ้าไหมบ้านหนองบัว")

        def killed(*_args):
            raise KeyboardInterrupt
        monkeypatch.setattr(type(store), "_reread", killed)
        with pytest.raises(KeyboardInterrupt):
            search(portfolio, "ผ้าไหม")
        monkeypatch.undo()
        assert store.db.execute("SELECT count(*) FROM search_index.docs").fetchone()[0] == len(before)
        assert found(portfolio, "ผ้าไหม") == {work.id}


def test_a_read_only_window_searches_a_copy_and_writes_nothing(folder):
    shared = folder / SEARCH_INDEX_NAME
    with Portfolio.open(folder) as writer:
        search(writer, "ชุมชน")
        written = shared.read_bytes()
        with Portfolio.open(folder, read_only=True) as reader:
            store = index_for(reader).store
            assert len(found(reader, "ชุมชน")) == 2 and store.builds == 0
            work = Services(writer).works.create(title_th="ผลิตปุ๋ยหมักชีวภาพ")
            assert found(reader, "ปุ๋ยหมัก") == {work.id}
            private = store._private_dir
            assert private is not None and private.exists() and folder not in private.parents
        assert not private.exists()
        assert shared.read_bytes() == written  # the writer's index is the writer's to update


def test_a_read_only_window_without_an_index_file_builds_its_own(folder):
    (folder / SEARCH_INDEX_NAME).unlink()
    with Portfolio.open(folder, read_only=True) as reader:
        assert len(found(reader, "ชุมชน")) == 2
    assert not (folder / SEARCH_INDEX_NAME).exists()


def test_a_database_replaced_by_its_backup_is_followed(folder):
    with Portfolio.open(folder) as portfolio:
        backup = portfolio.backup_database("test")
        services = Services(portfolio)
        for work in services.works.list():
            services.works.delete(work.id)
        services.works.create(title_th="งานที่มาทีหลัง")
        assert found(portfolio, "ชุมชน") == set()
    os.replace(backup, folder / "portfolio.sqlite3")
    with Portfolio.open(folder) as portfolio:
        assert len(found(portfolio, "ชุมชน")) == 2 and found(portfolio, "มาทีหลัง") == set()
        kept = documents(portfolio)
        rebuild_index(portfolio)
        assert kept == documents(portfolio)


def test_a_search_after_the_portfolio_closed_finds_nothing_and_fails_not(folder):
    portfolio = Portfolio.open(folder)
    assert len(found(portfolio, "ชุมชน")) == 2
    portfolio.close()
    assert search(portfolio, "ชุมชน") == []
    index_for(portfolio).refresh()


def test_the_index_is_never_in_a_backup(folder):
    with Portfolio.open(folder) as portfolio:
        search(portfolio, "ชุมชน")
        backup = portfolio.backup_database("test")
    with sqlite3.connect(backup) as db:
        names = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
    assert "docs" not in names and "watched" not in names


WORDS = ["ลำไย", "มะม่วง", "ฝายชะลอน้ำ", "ผ้าทอ", "organic", "ปุ๋ยหมัก", "ข้าวโพด", "ประชาคม"]
#: Dates another writer may leave: in the future, or older than any edit (an archive merge keeps its own).
STAMPS = ["2999-01-01 00:00:00", "2001-01-01 00:00:00"]
_stamps = itertools.count()

write = st.one_of(
    st.tuples(st.just("create"), st.sampled_from(WORDS), st.integers(0, 9)),
    st.tuples(st.just("rename"), st.sampled_from(WORDS), st.integers(0, 9)),
    st.tuples(st.just("section"), st.sampled_from(WORDS), st.integers(0, 9)),
    st.tuples(st.just("delete"), st.just(""), st.integers(0, 9)),
    st.tuples(st.just("stamp"), st.sampled_from(STAMPS), st.integers(0, 9)),
    st.tuples(st.just("partner"), st.sampled_from(WORDS), st.integers(0, 9)),
    st.tuples(st.just("search"), st.sampled_from(WORDS), st.integers(0, 9)),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(writes=st.lists(write, max_size=12))
def test_property_the_kept_index_answers_as_a_fresh_build_does(portfolio, writes):
    services = Services(portfolio)
    for action, word, n in writes:
        works = [w.id for w in services.works.list()]
        target = works[n % len(works)] if works else None
        if action == "create" or target is None:
            services.works.create(title_th=f"งาน{word}{n}")
        elif action == "rename":
            services.works.update(target, title_th=f"ชื่อใหม่{word}")
        elif action == "section":
            services.works.set_section(target, "process", f"<p>{word} ครั้งที่ {n}</p>")
        elif action == "delete":
            services.works.delete(target)
        elif action == "stamp":
            with sqlite3.connect(portfolio.database_path) as other:
                other.execute("UPDATE work SET updated_at = ?, title_th = title_th || ? WHERE id = ?",
                              [f"{word}.{next(_stamps):06d}", str(n), target])
        elif action == "partner":
            partner = services.partners.create(name_th=f"ภาคี{word}")
            services.contacts.create(partner_id=partner.id, name=f"ผู้ติดต่อ{n}")
        else:
            search(portfolio, word)
    kept = documents(portfolio)
    rebuild_index(portfolio)
    assert kept == documents(portfolio)


_BUILD_SLOWLY = """
import sys, time
from ent_portfolio.services import search_sources
def slow(markup):
    time.sleep(0.02)
    return search_sources.plain_text(markup)
search_sources.SQL_FUNCTIONS["search_plain_text"] = slow
from ent_portfolio.services.search import rebuild_index
from ent_portfolio.storage.portfolio import Portfolio
with Portfolio.open(sys.argv[1]) as portfolio:
    print("building", flush=True)
    rebuild_index(portfolio)
"""


def test_a_process_killed_while_building_leaves_an_index_that_is_rebuilt(portfolio):
    services = Services(portfolio)
    for n in range(40):
        work = services.works.create(title_th=f"งานหมู่บ้านที่ {n}")
        services.works.set_section(work.id, "process", f"<p>ประชาคมครั้งที่ {n}</p>")
    assert len(found(portfolio, "ประชาคม")) == 40
    folder = portfolio.folder
    portfolio.close()
    child = subprocess.Popen([sys.executable, "-c", _BUILD_SLOWLY, str(folder)], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "building"
    time.sleep(0.4)  # well inside the build: forty sections at 20 ms each
    child.kill()
    child.wait()
    assert child.returncode != 0
    assert (folder / (SEARCH_INDEX_NAME + "-journal")).exists()  # killed mid-transaction
    with Portfolio.open(folder) as reopened:
        assert len(found(reopened, "ประชาคม")) == 40
        kept = documents(reopened)
        rebuild_index(reopened)
        assert kept == documents(reopened)


def test_a_hit_in_the_title_is_ranked_before_one_in_the_text(portfolio):
    services = Services(portfolio)
    in_text = services.works.create(title_th="โครงการหนึ่ง", problem_statement="ชาวบ้านปลูกกาแฟอาราบิก้า")
    in_title = services.works.create(title_th="กาแฟอาราบิก้าบนดอย")
    assert [hit.id for hit in search(portfolio, "อาราบิก้า")[0].hits] == [in_title.id, in_text.id]
