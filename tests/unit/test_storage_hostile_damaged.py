"""The portfolio folder under hostile conditions: an emptied or missing
database is damaged, never taken for a new portfolio, and read-only and full
media are read and refused in one sentence. Links planted among its own names
are in test_storage_hostile_links.py; files of deleted evidence after the
backup timer and restores that would replace the records by something else in
test_storage_hostile_restore.py.

Every hostile input is made here, by the test; each case asserts the
sentence the person reads (by its key), that no traceback escapes, and that
the folder is byte-for-byte as it was."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from storage_cases import assert_one_sentence, cli, folder_digest, make_portfolio, records_dump

from ent_portfolio.errors import UserError
from ent_portfolio.services import Services
from ent_portfolio.storage.portfolio import DATABASE_NAME, IDENTITY_NAME, DamagedPortfolioError, Portfolio


@pytest.fixture(autouse=True)
def _default_language():
    from ent_portfolio.i18n import set_language

    yield
    set_language(None)


# --- item 2: an emptied database is damaged, never new ----------------------------------

def _zero_bytes(db: Path) -> None:
    db.write_bytes(b"")


def _missing(db: Path) -> None:
    db.unlink()


def _no_tables(db: Path) -> None:
    db.unlink()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version=3")  # a valid SQLite file without a table
    conn.commit()
    conn.close()


def _not_sqlite(db: Path) -> None:
    db.write_bytes(b"\x00" * 512 + os.urandom(4096))


def _other_program(db: Path) -> None:
    db.unlink()
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE notes(body TEXT)")
    conn.commit()
    conn.close()


def _truncated_header(db: Path) -> None:
    db.write_bytes(db.read_bytes()[:60])


def _scribbled_version(db: Path) -> None:
    """A scribbled page that left the schema version unreadable (found by the
    property test below: a NUL over the version read as a "newer" one)."""
    conn = sqlite3.connect(db)
    conn.execute("UPDATE alembic_version SET version_num = ?", ("\x00001",))
    conn.commit()
    conn.close()


DAMAGES = {f.__name__.strip("_"): f for f in (_zero_bytes, _missing, _no_tables, _not_sqlite, _other_program,
                                              _truncated_header, _scribbled_version)}
STATE = {"zero_bytes": "empty", "missing": "missing", "no_tables": "empty", "not_sqlite": "unreadable",
         "other_program": "unreadable", "truncated_header": "unreadable", "scribbled_version": "unreadable"}
#: Commands that must all refuse a damaged folder with the restore sentence.
DAMAGED_COMMANDS = [["works"], ["doctor"], ["doctor", "--repair"], ["check"], ["backup", "--list"],
                    ["backup", "--keep", "1"], ["archive", "export", "{out}"], ["archive", "import", "{archive}"]]


@pytest.mark.parametrize("marker", ["with-identity", "old-without-identity"])
@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_a_portfolio_whose_database_is_gone_is_damaged_never_new(tmp_path, capsys, damage, marker):
    folder = tmp_path / "p"
    made = make_portfolio(folder)
    other = tmp_path / "other"
    make_portfolio(other, files=1)
    from ent_portfolio.archive import export_archive

    with Portfolio.open(other, read_only=True) as o:
        archive = export_archive(o, tmp_path / "other.entp")
    if marker == "old-without-identity":
        (folder / IDENTITY_NAME).unlink()
    DAMAGES[damage](folder / DATABASE_NAME)
    before = folder_digest(folder)
    newest = sorted((folder / "backups").glob("auto-*.sqlite3"))[-1]

    for read_only in (False, True):
        with pytest.raises(DamagedPortfolioError) as caught:
            Portfolio.open(folder, read_only=read_only)
        assert caught.value.params["state"] == STATE[damage]
        en, th = caught.value.message("en"), caught.value.message("th")
        assert f'restore --portfolio "{folder}" "{newest}"' in en and str(newest) in th
        assert "not opened as a new portfolio" in en and th.endswith("ไม่มีการเปลี่ยนแปลงใด ๆ")
    with pytest.raises(DamagedPortfolioError):
        Portfolio.create(folder)
    with pytest.raises(DamagedPortfolioError):
        Portfolio.open(folder, create=True)
    for command in DAMAGED_COMMANDS:
        argv = [a.format(out=tmp_path / "out.entp", archive=archive) for a in command]
        code, _, err = cli(capsys, *argv, "--portfolio", folder)
        assert_one_sentence(code, err, "restore --portfolio", str(newest))
    assert folder_digest(folder) == before, "a refused open changed the folder"
    assert not (tmp_path / "out.entp").exists()

    # and the sentence's own command brings the portfolio back
    code, out, err = cli(capsys, "restore", "--portfolio", folder, newest)
    assert code == 0, err
    with Portfolio.open(folder) as p:
        from ent_portfolio.services.doctor import check_portfolio

        assert Services(p).works.get(made["work"]).title_th == "ผลงานริมน้ำ"
        assert all(p.store.verify(sha) for sha in made["shas"])
        assert check_portfolio(p).healthy
        assert p.identity and (folder / IDENTITY_NAME).read_text().strip() == p.identity


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.one_of(st.none(), st.integers(min_value=0, max_value=8192)),
       scribbles=st.lists(st.tuples(st.integers(min_value=0, max_value=8191), st.binary(min_size=1, max_size=16)),
                          max_size=4))
def test_property_a_mangled_database_never_costs_evidence_or_backups(tmp_path_factory, cut, scribbles):
    """Truncate the database anywhere and scribble on its first pages: the
    open either works or is one sentence, and the evidence and the backups
    are untouched either way (repair included, when it opens)."""
    from ent_portfolio.services.doctor import repair_portfolio

    root = tmp_path_factory.mktemp("mangled")
    folder = root / "p"
    make_portfolio(folder, files=1)
    database = folder / DATABASE_NAME
    data = bytearray(database.read_bytes())
    for offset, junk in scribbles:
        data[offset:offset + len(junk)] = junk
    database.write_bytes(bytes(data if cut is None else data[:cut]))
    before = folder_digest(folder)
    backups = {k: v for k, v in before.items() if k.startswith("backups/")}
    evidence = {v for k, v in before.items() if k.startswith("evidence/") and v != "dir"}
    try:
        with Portfolio.open(folder) as p:
            repair_portfolio(p)
    except UserError as exc:
        assert exc.key in ("error.portfolio_damaged", "error.database_corrupt", "error.io"), exc.key
        assert "Traceback" not in exc.message("en")
        # (a refusal after the lock was taken leaves the lock's text and SQLite's companions)
        transient = ("portfolio.lock", DATABASE_NAME + "-wal", DATABASE_NAME + "-shm")
        same = {k: v for k, v in folder_digest(folder).items() if k not in transient}
        assert same == {k: v for k, v in before.items() if k not in transient}, "a refused open changed the folder"
    after = folder_digest(folder)
    assert all(after.get(k) == v for k, v in backups.items()), "a backup changed or went"
    assert evidence <= {v for k, v in after.items() if k.startswith(("evidence/", "deleted/"))}, "evidence lost"


def test_a_folder_with_only_backups_left_is_damaged_and_one_with_nothing_says_so(tmp_path):
    folder = tmp_path / "p"
    make_portfolio(folder, files=0)
    (folder / IDENTITY_NAME).unlink()
    (folder / DATABASE_NAME).write_bytes(b"")
    with pytest.raises(DamagedPortfolioError):
        Portfolio.open(folder)
    # no evidence, no backup, no identity: a create killed before its schema, finished on open
    bare = tmp_path / "bare"
    bare.mkdir()
    (bare / DATABASE_NAME).write_bytes(b"")
    with Portfolio.open(bare) as p:
        assert Services(p).profile.count() == 1 and p.identity


def test_damaged_without_any_backup_points_to_a_full_backup(tmp_path):
    folder = tmp_path / "p"
    make_portfolio(folder)
    shutil.rmtree(folder / "backups")
    (folder / DATABASE_NAME).unlink()
    with pytest.raises(DamagedPortfolioError) as caught:
        Portfolio.open(folder)
    assert caught.value.params["backup"] == ""
    assert ".entp" in caught.value.message("en") and "backups/ holds no database backup" in caught.value.message("en")


def test_an_old_portfolio_gets_an_identity_on_its_first_writable_open(tmp_path):
    folder = tmp_path / "p"
    make_portfolio(folder, files=0)
    (folder / IDENTITY_NAME).unlink()
    with Portfolio.open(folder, read_only=True) as p:  # a reader writes nothing
        known = p.identity
    assert not (folder / IDENTITY_NAME).exists()
    with Portfolio.open(folder) as p:
        assert p.identity == known == (folder / IDENTITY_NAME).read_text().strip()
        assert p.meta("portfolio_id") == known
    # a garbled identity file is replaced by the database's
    (folder / IDENTITY_NAME).write_text("not a uuid")
    with Portfolio.open(folder) as p:
        assert p.identity == known


def test_backups_never_rotate_away_the_last_one_that_knew_more_records(tmp_path):
    from ent_portfolio.domain import models as m
    from ent_portfolio.services.doctor import check_portfolio
    from ent_portfolio.storage.backups import list_backups, maybe_backup, set_backup_keep

    folder = tmp_path / "p"
    make_portfolio(folder)
    with Portfolio.open(folder, backup_on_open=False) as p:
        svc = Services(p)
        work = svc.works.list()[0]
        for i in range(5):
            svc.activities.create(work_id=work.id, date="2024-04-01", title=f"กิจกรรม {i}")
        set_backup_keep(p, 2)
        good = maybe_backup(p, min_interval=0)
        # records vanish without the app deleting them (a lost log): the
        # timer keeps backing up the smaller database
        with p.session() as s:
            for activity in s.query(m.Activity).all():
                s.delete(activity)
        for i in range(5):
            svc.profile.update(svc.profile.list()[0].id, name_th=f"ชื่อ {i}")
            assert maybe_backup(p, min_interval=0) is not None
        kept = [b.path for b in list_backups(p)]
        assert good in kept and len([b for b in kept if b.name.startswith("auto-")]) == 3
        report = check_portfolio(p)
        notice = next(n for n in report.notices if n.key == "doctor.fewer_than_backup")
        assert str(good) in notice.message("en") and "may have been lost" in notice.message("en")
        # once the database knows more again, the old copy rotates like any other
        for i in range(8):
            svc.activities.create(work_id=work.id, date="2024-05-01", title=f"ใหม่ {i}")
        maybe_backup(p, min_interval=0)
        assert good not in [b.path for b in list_backups(p)]


# --- read-only media and a full disk --------------------------------------------------

def _run(*argv) -> bool:
    return subprocess.run(list(map(str, argv)), capture_output=True).returncode == 0


def _read_only_view(source: Path, mount_point: Path) -> bool:
    """``source`` seen through a read-only bind mount: the kernel refuses
    every write with EROFS, as on a locked SD card, even for root (for whom
    ``chmod a-w`` would change nothing).  False where mounting is not allowed."""
    if os.name == "nt" or not hasattr(os, "geteuid") or os.geteuid() != 0:
        return False
    mount_point.mkdir(parents=True)
    if not _run("mount", "--bind", source, mount_point):
        return False
    if not _run("mount", "-o", "remount,ro,bind", mount_point):
        _run("umount", mount_point)
        return False
    return True


def _photo(path: Path) -> Path:
    from PIL import Image

    Image.new("RGB", (320, 240), (40, 110, 70)).save(path, "JPEG")
    return path


def _portfolio_for_media(folder: Path, tmp_path: Path) -> str:
    with Portfolio.create(folder) as p:
        svc = Services(p)
        work = svc.works.create(title_th="ผลงานบนการ์ดที่ล็อกไว้")
        svc.evidence.add_file(work.id, _photo(tmp_path / "field.jpg"), caption="ภาพลงพื้นที่", media_type="image/jpeg")
        p.backup_database(reason="manual")
    return work.id


READING = [["works"], ["check"], ["doctor"], ["backup", "--list"], ["archive", "export", "{out}/a.entp"],
           ["backup", "--out", "{out}/b.entp"], ["dossier", "--out", "{out}/d.pdf", "--package", "{out}/d.zip"]]
WRITING = [["doctor", "--repair"], ["backup", "--keep", "3"], ["evidence", "add", "--work", "{work}", "{photo}"],
           ["archive", "import", "{out}/a.entp"], ["restore", "{backup}"]]


def test_a_read_only_portfolio_reads_and_refuses_every_write_in_one_sentence(tmp_path, capsys):
    source, view, out = tmp_path / "card", tmp_path / "locked", tmp_path / "out"
    source.mkdir()
    out.mkdir()
    work = _portfolio_for_media(source / "p", tmp_path)
    if not _read_only_view(source, view):
        pytest.skip("cannot make a read-only mount here (needs root and mount)")
    try:
        folder = view / "p"
        before = folder_digest(source)
        backup = next((folder / "backups").glob("*.sqlite3"))
        fill = {"out": out, "work": work, "photo": _photo(tmp_path / "new.jpg"), "backup": backup}
        for command in READING:
            code, stdout, err = cli(capsys, *[a.format(**fill) for a in command], "--portfolio", folder)
            assert code in (0, 1) and "Traceback" not in err, (command, err)
            assert code == 0 or command == ["check"], (command, err)  # check exits 1 when it has findings
            assert stdout.strip(), command
        code, _, err = cli(capsys, "verify", out / "d.zip")
        assert code == 0, err
        for command in WRITING:
            code, _, err = cli(capsys, *[a.format(**fill) for a in command], "--portfolio", folder)
            assert_one_sentence(code, err)
            assert "read-only" in err.lower() or "Read-only file system" in err, (command, err)
        with pytest.raises(UserError):
            Portfolio.open(folder)
        assert folder_digest(source) == before
    finally:
        _run("umount", view)


def _mount_tmpfs(mount_point: Path, size: str) -> bool:
    if os.name == "nt" or not hasattr(os, "geteuid") or os.geteuid() != 0:
        return False
    mount_point.mkdir(parents=True, exist_ok=True)
    return _run("mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", mount_point)


def _fill(mount_point: Path) -> Path:
    filler = mount_point / "filler.bin"
    with open(filler, "wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    return filler


def test_every_command_on_a_full_disk_is_one_sentence_and_loses_nothing(tmp_path, capsys):
    from ent_portfolio.services.doctor import check_portfolio

    stick, out = tmp_path / "stick", tmp_path / "out"
    out.mkdir()
    if not _mount_tmpfs(stick, "4m"):
        pytest.skip("cannot mount a tmpfs here (needs root and mount)")
    try:
        folder = stick / "p"
        work = _portfolio_for_media(folder, tmp_path)
        records = records_dump(folder)
        backup = next((folder / "backups").glob("*.sqlite3"))
        fill = {"out": out, "work": work, "photo": _photo(tmp_path / "new.jpg"), "backup": backup}
        filler = _fill(stick)
        for command in READING:  # reading needs no room on the portfolio's disk
            code, stdout, err = cli(capsys, *[a.format(**fill) for a in command], "--portfolio", folder)
            assert code in (0, 1) and "Traceback" not in err, (command, err)
            assert code == 0 or command == ["check"], (command, err)  # check exits 1 when it has findings
            assert stdout.strip(), command
        for command in WRITING:
            code, _, err = cli(capsys, *[a.format(**fill) for a in command], "--portfolio", folder)
            assert code == 1, command
            assert_one_sentence(code, err, "The disk is full")
        with pytest.raises(UserError) as caught, Portfolio.open(folder) as p:  # a write with no room at all
            Services(p).works.create(title_th="ไม่มีที่เหลือ " * 20000)
        assert caught.value.key in ("error.disk_full", "error.io"), caught.value.key
        filler.unlink()
        with Portfolio.open(folder) as p:
            assert check_portfolio(p).healthy
        assert records_dump(folder) == records, "the failed writes left no half record"
        with Portfolio.open(folder, read_only=True) as p:
            assert Services(p).works.count() == 1
    finally:
        _run("umount", stick)
