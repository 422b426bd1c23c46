"""Getting records and files back under hostile conditions: the file of a
deleted evidence after the backup timer, and restores from backups that lack
a table or a column, hold dangling references, belong to another portfolio,
or land on a file or a link.

Every hostile input is made here, by the test; each case asserts the
sentence the person reads (by its key), that no traceback escapes, and that
the folder is byte-for-byte as it was."""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from storage_cases import assert_one_sentence, cli, folder_digest, jpeg, make_portfolio, records_dump

from ent_portfolio.errors import UserError
from ent_portfolio.services import Services
from ent_portfolio.storage.portfolio import Portfolio


@pytest.fixture(autouse=True)
def _default_language():
    from ent_portfolio.i18n import set_language

    yield
    set_language(None)


# --- item 5: undo after the backup timer ------------------------------------------------

def test_undo_of_an_evidence_delete_after_the_backup_timer_and_repair_brings_the_file_back(
        portfolio, services, tmp_path):
    from types import SimpleNamespace

    from ent_portfolio.services.doctor import check_portfolio, repair_portfolio
    from ent_portfolio.storage.backups import maybe_backup, rotate_backups, set_backup_keep
    from ent_portfolio.ui.undo import DeleteCommand

    work = services.works.create(title_th="ผลงาน")
    photo = jpeg(tmp_path / "only-copy.jpg", 7)  # the only photo of the handover
    evidence = services.evidence.add_file(work.id, photo, caption="วันส่งมอบ")
    context = SimpleNamespace(services=services, notify=lambda *_a: None)
    command = DeleteCommand(context, "evidence", "evidence", services.evidence.get(evidence.id), "ลบหลักฐาน")
    command.perform()
    set_backup_keep(portfolio, 1)
    for i in range(4):  # the timer, hours later: no backup still knows the record
        services.works.update(work.id, title_th=f"ผลงาน {i}")
        maybe_backup(portfolio, min_interval=0)
        rotate_backups(portfolio)
    repair_portfolio(portfolio)
    assert not portfolio.store.contains(evidence.sha256)
    command.undo()
    assert services.evidence.get(evidence.id).caption == "วันส่งมอบ"
    assert portfolio.store.verify(evidence.sha256)
    assert check_portfolio(portfolio).healthy


def test_deleted_files_wait_out_their_grace_period_then_go(portfolio, services, tmp_path):
    from ent_portfolio.storage.backups import DELETED_GRACE_DAYS, prune_deleted

    work = services.works.create(title_th="ผลงาน")
    photo = jpeg(tmp_path / "a.jpg", 11)  # deleted on purpose
    evidence = services.evidence.add_file(work.id, photo)
    services.evidence.delete(evidence.id)
    assert prune_deleted(portfolio) == []
    assert prune_deleted(portfolio, now=time.time() + (DELETED_GRACE_DAYS - 1) * 86400) == []
    assert prune_deleted(portfolio, now=time.time() + (DELETED_GRACE_DAYS + 1) * 86400) == [evidence.sha256]


# --- item 6: restore hazards -------------------------------------------------------------

def _good_backup(folder: Path) -> Path:
    return sorted((folder / "backups").glob("auto-*.sqlite3"))[-1]


def _copy_and_edit(backup: Path, target: Path, *statements: str) -> Path:
    shutil.copyfile(backup, target)
    conn = sqlite3.connect(target)
    conn.execute("PRAGMA foreign_keys=OFF")
    for statement in statements:
        assert conn.execute(statement).rowcount != 0 or not statement.startswith("UPDATE"), statement
    conn.commit()
    conn.close()
    return target


def _record_tables() -> list[str]:
    from ent_portfolio.domain.models import Base

    return sorted(t.name for t in Base.metadata.sorted_tables)


@pytest.mark.parametrize("table", _record_tables())
def test_restore_from_a_backup_lacking_a_table_is_refused_and_changes_nothing(tmp_path, table):
    from ent_portfolio.storage.backups import restore_database_backup

    folder = tmp_path / "p"
    make_portfolio(folder, files=1)
    bad = _copy_and_edit(_good_backup(folder), tmp_path / "partial.sqlite3", f'DROP TABLE "{table}"')
    chosen = bad.read_bytes()
    with Portfolio.open(folder, backup_on_open=False) as p:
        Services(p).works.create(title_th="หลังสำรอง")
        before, files = records_dump(folder), folder_digest(folder / "evidence")
        with pytest.raises(UserError) as caught:
            restore_database_backup(p, bad)
        assert caught.value.key in ("backup.missing_tables", "backup.bad_file"), caught.value.key
        assert str(bad) in caught.value.message("en") and "nothing was changed" in caught.value.message("en").lower()
        assert records_dump(folder) == before and folder_digest(folder / "evidence") == files
        assert list(p.temp_dir.iterdir()) == []
    assert bad.read_bytes() == chosen


def test_restore_from_a_backup_lacking_a_column_is_refused(tmp_path):
    from ent_portfolio.storage.backups import restore_database_backup

    folder = tmp_path / "p"
    make_portfolio(folder, files=1)
    bad = _copy_and_edit(_good_backup(folder), tmp_path / "narrow.sqlite3", "ALTER TABLE activity DROP COLUMN notes")
    with Portfolio.open(folder, backup_on_open=False) as p:
        before = records_dump(folder)
        with pytest.raises(UserError) as caught:
            restore_database_backup(p, bad)
        assert caught.value.key == "backup.missing_tables" and "activity.notes" in caught.value.message("en")
        assert records_dump(folder) == before


#: A row of each kind pointing to a record that does not exist (the rows a
#: fresh portfolio with a work, an activity and a photo has).
_NOWHERE = "00000000-0000-0000-0000-00000000dead"
DANGLING = {f"{table}.{column}": f"UPDATE {table} SET {column}='{_NOWHERE}'" for table, column in (
    ("evidence", "work_id"), ("evidence", "activity_id"), ("evidence", "indicator_id"),
    ("evidence", "testimonial_id"), ("activity", "work_id"))}


@pytest.mark.parametrize("allow_other", [False, True])
@pytest.mark.parametrize("kind", sorted(DANGLING))
def test_restore_from_a_backup_with_dangling_references_is_refused_without_override(tmp_path, kind, allow_other):
    from ent_portfolio.storage.backups import restore_database_backup

    folder = tmp_path / "p"
    make_portfolio(folder, files=1)
    bad = _copy_and_edit(_good_backup(folder), tmp_path / "dangling.sqlite3", DANGLING[kind])
    with Portfolio.open(folder, backup_on_open=False) as p:
        before = records_dump(folder)
        with pytest.raises(UserError) as caught:
            restore_database_backup(p, bad, allow_other_portfolio=allow_other)
        assert caught.value.key == "backup.dangling_references", caught.value.key
        assert kind.split(".")[0] in caught.value.message("en")
        assert records_dump(folder) == before


def test_a_backup_of_another_portfolio_asks_first(tmp_path, capsys):
    from ent_portfolio.storage.backups import OtherPortfolioBackupError, restore_database_backup

    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    make_portfolio(mine, files=1)
    make_portfolio(theirs, files=1)
    foreign = _good_backup(theirs)
    with Portfolio.open(mine, backup_on_open=False) as p:
        identity = p.identity
        before = records_dump(mine)
        with pytest.raises(OtherPortfolioBackupError) as caught:
            restore_database_backup(p, foreign)
        assert "another portfolio" in caught.value.message("en") and "แฟ้มผลงานอื่น" in caught.value.message("th")
        assert records_dump(mine) == before
    code, _, err = cli(capsys, "restore", "--portfolio", mine, foreign)
    assert_one_sentence(code, err, "--other-portfolio")
    assert records_dump(mine) == before
    code, _, err = cli(capsys, "restore", "--portfolio", mine, foreign, "--other-portfolio")
    assert code == 0, err
    with Portfolio.open(mine) as p:
        # the records are theirs now; the folder keeps its own identity, and so do its next backups
        assert p.identity == identity and p.meta("portfolio_id") == identity
        assert Services(p).evidence.count() == 1


def test_a_backup_from_before_identities_is_restored_as_this_portfolio_s(tmp_path):
    from ent_portfolio.storage.backups import restore_database_backup

    folder = tmp_path / "p"
    make_portfolio(folder, files=1)
    old = _copy_and_edit(_good_backup(folder), tmp_path / "old.sqlite3",
                         "DELETE FROM portfolio_meta WHERE key='portfolio_id'")
    with Portfolio.open(folder, backup_on_open=False) as p:
        restore_database_backup(p, old)
        assert p.meta("portfolio_id") == p.identity


@pytest.mark.parametrize("kind", ["file", "link-to-portfolio", "dangling-link", "link-to-file"])
@pytest.mark.parametrize("backup_kind", ["database", "archive"])
def test_restore_onto_a_file_or_a_link_is_one_sentence_and_changes_nothing(tmp_path, capsys, kind, backup_kind):
    from ent_portfolio.archive import export_archive

    folder = tmp_path / "p"
    make_portfolio(folder, files=1)
    if backup_kind == "database":
        source = _good_backup(folder)
    else:
        with Portfolio.open(folder, read_only=True) as p:
            source = export_archive(p, tmp_path / "all.entp")
    target = tmp_path / "target"
    victim = tmp_path / "victim.txt"
    victim.write_text("a file of the lecturer's")
    if kind == "file":
        target = victim
    elif kind == "link-to-portfolio":
        target.symlink_to(folder)
    elif kind == "dangling-link":
        target.symlink_to(tmp_path / "nowhere")
    else:
        target.symlink_to(victim)
    before, victim_before = folder_digest(folder), victim.read_bytes()
    code, _, err = cli(capsys, "restore", "--portfolio", target, source)
    assert_one_sentence(code, err, "Nothing was changed")
    assert folder_digest(folder) == before and victim.read_bytes() == victim_before
    assert not (tmp_path / "nowhere").exists()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drop=st.sets(st.sampled_from(_record_tables()), max_size=3),
       dangle=st.sets(st.sampled_from(sorted(DANGLING)), max_size=2),
       foreign=st.booleans(), allow=st.booleans())
def test_property_a_restore_either_succeeds_whole_or_changes_nothing(tmp_path_factory, drop, dangle, foreign, allow):
    from ent_portfolio.storage.backups import restore_database_backup

    root = tmp_path_factory.mktemp("restore")
    folder = root / "p"
    make_portfolio(folder, files=1)
    statements = [f'DROP TABLE "{t}"' for t in sorted(drop)] + [DANGLING[k] for k in sorted(dangle)]
    if foreign:
        statements.append("UPDATE portfolio_meta SET value='11111111-1111-1111-1111-111111111111' "
                          "WHERE key='portfolio_id'")
    try:
        candidate = _copy_and_edit(_good_backup(folder), root / "candidate.sqlite3", *statements)
    except sqlite3.OperationalError:
        return  # the edit itself is impossible (a dropped table's row): nothing to restore
    with Portfolio.open(folder, backup_on_open=False) as p:
        Services(p).works.create(title_th="หลังสำรอง")
        before = records_dump(folder)
        try:
            restore_database_backup(p, candidate, allow_other_portfolio=allow)
        except UserError as exc:
            assert exc.key in ("backup.missing_tables", "backup.bad_file", "backup.dangling_references",
                               "backup.other_portfolio"), exc.key
            assert records_dump(folder) == before
            assert list(p.temp_dir.iterdir()) == []
        else:
            assert not drop and not dangle and (allow or not foreign)
            from ent_portfolio.services.doctor import check_portfolio

            assert check_portfolio(p).healthy and p.meta("portfolio_id") == p.identity
