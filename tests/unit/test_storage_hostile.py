"""The portfolio folder under hostile conditions: an emptied or missing
database, links planted among its own names, files of deleted evidence after
the backup timer, read-only and full media, and restores that would replace
the records by something else.

Every hostile input is made here, by the test; each case asserts the
sentence the person reads (by its key), that no traceback escapes, and that
the folder (and anything a link points to) is byte-for-byte as it was."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ent_portfolio.cli import main
from ent_portfolio.errors import UserError
from ent_portfolio.services import Services
from ent_portfolio.storage.portfolio import DATABASE_NAME, IDENTITY_NAME, DamagedPortfolioError, Portfolio


@pytest.fixture(autouse=True)
def _default_language():
    from ent_portfolio.i18n import set_language

    yield
    set_language(None)


# --- helpers ---------------------------------------------------------------------------

def folder_digest(folder: Path) -> dict[str, str]:
    """Every entry below ``folder`` by its own bytes; a link by where it points
    (never followed), so a change through a link cannot hide."""
    found = {}
    for path in sorted(Path(folder).rglob("*")):
        rel = str(path.relative_to(folder))
        if path.is_symlink():
            found[rel] = "link:" + os.readlink(path)
        elif path.is_file():
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[rel] = "dir"
    return found


def jpeg(path: Path, seed: int) -> Path:
    """A small real JPEG, different for each seed (the importer checks what a file is)."""
    from PIL import Image

    colour = ((seed * 37) % 256, (seed * 91) % 256, (seed * 53) % 256)
    Image.new("RGB", (32 + seed % 97, 24 + seed % 13), colour).save(path, "JPEG")
    return path


def make_portfolio(folder: Path, files: int = 2) -> dict:
    """A portfolio with a work, evidence files and an automatic backup."""
    from ent_portfolio.storage.backups import maybe_backup

    with Portfolio.create(folder) as p:
        svc = Services(p)
        work = svc.works.create(title_th="ผลงานริมน้ำ")
        shas = []
        for i in range(files):
            seed = int(hashlib.sha256(folder.name.encode()).hexdigest()[:6], 16) + i
            source = jpeg(folder.parent / f"source-{folder.name}-{i}.jpg", seed)
            shas.append(svc.evidence.add_file(work.id, source, caption=f"ภาพ {i}").sha256)
        svc.activities.create(work_id=work.id, date="2024-03-01", title="ประชุม")
        maybe_backup(p, min_interval=0)
    return {"work": work.id, "shas": shas}


def cli(capsys, *argv) -> tuple[int, str, str]:
    code = main(["--lang", "en", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_sentence(code: int, err: str, *expected: str) -> None:
    assert code == 1, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    for text in expected:
        assert text in err, err


def records_dump(folder: Path) -> list[str]:
    """Every row of the database, read without leaving a file beside it
    (immutable when no log holds commits)."""
    from ent_portfolio.storage.engine import read_only_uri

    wal = folder / (DATABASE_NAME + "-wal")
    immutable = not (wal.exists() and wal.stat().st_size)
    conn = sqlite3.connect(read_only_uri(folder / DATABASE_NAME, immutable=immutable), uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


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


DAMAGES = {f.__name__.strip("_"): f for f in (_zero_bytes, _missing, _no_tables, _not_sqlite, _other_program,
                                              _truncated_header)}
STATE = {"zero_bytes": "empty", "missing": "missing", "no_tables": "empty", "not_sqlite": "unreadable",
         "other_program": "unreadable", "truncated_header": "unreadable"}
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


# --- item 3: links inside the portfolio folder ----------------------------------------

LINKED_DIRS = ["tmp", "evidence", "backups", "thumbnails", "deleted", "damaged", "evidence/ab"]
LINKED_FILES = ["portfolio.lock", "portfolio.sqlite3", "portfolio.sqlite3-wal", "portfolio.id"]
#: Every command, run against a folder with a planted link: each must refuse.
LINK_COMMANDS = [["works"], ["doctor"], ["doctor", "--repair"], ["check"], ["backup", "--list"],
                 ["backup", "--keep", "2"], ["backup", "--out", "{out}"], ["archive", "export", "{out}"],
                 ["dossier", "--out", "{pdf}"], ["restore", "{backup}"]]


def _victim(tmp_path: Path) -> Path:
    victim = tmp_path / "victim"
    (victim / "sub").mkdir(parents=True)
    (victim / "thesis.docx").write_bytes(b"years of work " * 100)
    (victim / ".tmp-looks-like-ours.part").write_bytes(b"not the app's")
    (victim / "sub" / "notes.txt").write_text("keep me")
    (victim / ("ab" + "1" * 62)).write_bytes(b"named like a stored file")
    old = time.time() - 3600
    for path in victim.rglob("*"):
        os.utime(path, (old, old))
    return victim


def _plant(folder: Path, name: str, victim: Path) -> None:
    target = folder / name
    if target.is_dir():
        shutil.rmtree(target)
    elif target.exists():
        target.unlink()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.symlink_to(victim if name in LINKED_DIRS else victim / "thesis.docx")


@pytest.mark.parametrize("name", LINKED_DIRS + LINKED_FILES)
def test_a_link_among_the_portfolio_s_own_names_is_refused_and_its_target_untouched(tmp_path, capsys, name):
    folder = tmp_path / "p"
    make_portfolio(folder)
    backup = sorted((folder / "backups").glob("*.sqlite3"))[-1]
    kept_backup = tmp_path / "kept.sqlite3"
    shutil.copyfile(backup, kept_backup)
    victim = _victim(tmp_path)
    victim_before = folder_digest(victim)
    _plant(folder, name, victim)
    before = folder_digest(folder)
    for read_only in (False, True):
        with pytest.raises(UserError) as caught:
            Portfolio.open(folder, read_only=read_only)
        assert caught.value.key == "error.portfolio_link" and caught.value.params["name"] == name
        assert name in caught.value.message("th") and caught.value.message("th").endswith("ไม่มีการเปลี่ยนแปลงใด ๆ")
    for command in LINK_COMMANDS:
        argv = [a.format(out=tmp_path / "x.entp", pdf=tmp_path / "x.pdf", backup=kept_backup) for a in command]
        code, _, err = cli(capsys, *argv, "--portfolio", folder)
        assert_one_sentence(code, err, f"“{name}”", "is a link")
    assert folder_digest(victim) == victim_before
    assert folder_digest(folder) == before


def test_the_lock_opens_without_following_a_link_even_when_planted_after_the_check(tmp_path, monkeypatch):
    from ent_portfolio.storage import lock as lock_module

    folder = tmp_path / "p"
    folder.mkdir()
    victim = _victim(tmp_path)
    before = folder_digest(victim)
    (folder / "portfolio.lock").symlink_to(victim / "thesis.docx")
    monkeypatch.setattr(lock_module, "refuse_link", lambda *_a: None)  # the race: the check passed
    with pytest.raises(UserError) as caught:
        lock_module.WriterLock(folder)
    assert caught.value.key == "error.portfolio_link"
    assert folder_digest(victim) == before


def test_links_inside_tmp_and_backups_are_removed_as_links_never_followed(tmp_path):
    from ent_portfolio.services.doctor import repair_portfolio
    from ent_portfolio.storage.backups import maybe_backup, set_backup_keep

    folder = tmp_path / "p"
    make_portfolio(folder)
    victim = _victim(tmp_path)
    before = folder_digest(victim)
    (folder / "tmp" / ".tmp-dead-writer").symlink_to(victim)
    (folder / "tmp" / "someones-folder").symlink_to(victim)
    (folder / "tmp" / ".tmp-file.part").symlink_to(victim / "thesis.docx")
    (folder / "backups" / "auto-20000101T000000000000Z.sqlite3").symlink_to(victim / "thesis.docx")
    (folder / "evidence" / "ab" ).mkdir(exist_ok=True)
    (folder / "evidence" / "ab" / "IMG_0001.JPG").symlink_to(victim / "thesis.docx")
    old = time.time() - 60
    for link in [*(folder / "tmp").iterdir(), folder / "evidence" / "ab" / "IMG_0001.JPG"]:
        os.utime(link, (old, old), follow_symlinks=False)
    with Portfolio.open(folder) as p:
        set_backup_keep(p, 1)
        Services(p).works.create(title_th="อีกเรื่อง")
        maybe_backup(p, min_interval=0)
        repair_portfolio(p)
    assert folder_digest(victim) == before


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.sets(st.sampled_from(LINKED_DIRS + LINKED_FILES), min_size=1, max_size=4))
def test_property_any_planted_links_are_refused_and_nothing_outside_changes(tmp_path_factory, names):
    root = tmp_path_factory.mktemp("links")
    folder = root / "p"
    make_portfolio(folder, files=1)
    victim = _victim(root)
    victim_before = folder_digest(victim)
    for name in sorted(names, key=len):  # evidence before evidence/ab
        if name == "evidence/ab" and "evidence" in names:
            continue
        _plant(folder, name, victim)
    before = folder_digest(folder)
    for opener in (lambda: Portfolio.open(folder), lambda: Portfolio.open(folder, read_only=True),
                   lambda: Portfolio.create(folder)):
        with pytest.raises(UserError) as caught:
            opener()
        assert caught.value.key in ("error.portfolio_link", "error.folder_not_empty")
    assert folder_digest(victim) == victim_before
    assert folder_digest(folder) == before


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


# --- item 7: backup --out never inside the portfolio ------------------------------------

OUT_TARGETS = {
    "the database": lambda folder, tmp: folder / DATABASE_NAME,
    "a stored evidence file": lambda folder, tmp: next((folder / "evidence").glob("*/*")),
    "a file in backups/": lambda folder, tmp: folder / "backups" / "mine.entp",
    "a file in tmp/": lambda folder, tmp: folder / "tmp" / "mine.entp",
    "the portfolio folder": lambda folder, tmp: folder,
    "an outside folder": lambda folder, tmp: tmp,
    "a missing folder": lambda folder, tmp: tmp / "missing" / "all.entp",
    "a link into the portfolio": lambda folder, tmp: _link(tmp / "pointer.entp", folder / DATABASE_NAME),
}


def _link(link: Path, target: Path) -> Path:
    link.symlink_to(target)
    return link


@pytest.mark.parametrize("where", sorted(OUT_TARGETS))
def test_backup_out_onto_the_portfolio_or_a_folder_is_refused(tmp_path, capsys, where):
    folder = tmp_path / "p"
    make_portfolio(folder, files=1)
    out = OUT_TARGETS[where](folder, tmp_path)
    before = folder_digest(folder)
    outside_before = sorted(p.name for p in tmp_path.iterdir())
    code, _, err = cli(capsys, "backup", "--portfolio", folder, "--out", out)
    assert_one_sentence(code, err, "Nothing was changed")
    assert folder_digest(folder) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == outside_before, "no hidden temporary file left"


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
