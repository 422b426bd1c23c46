"""Reliability when getting things back: a newer database, backup or archive
refused untouched, naming the version needed; backups rotated and restored,
a damaged backup refused; and repair, which moves orphans aside, keeps what a
backup still needs, relinks misplaced files and rebuilds what is derived."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
import zipfile
from pathlib import Path

import pytest
from reliability_cases import _state

from ent_portfolio.errors import SchemaTooNewError, UserError
from ent_portfolio.services import Services
from ent_portfolio.storage.portfolio import DATABASE_NAME, Portfolio


@pytest.fixture(autouse=True)
def _default_language():
    """``main(["--lang", …])`` sets the process language; give it back."""
    from ent_portfolio.i18n import set_language

    yield
    set_language(None)


# --- versions ------------------------------------------------------------------------

def _untouched_digest(folder: Path) -> dict:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _make_newer(folder: Path) -> None:
    conn = sqlite3.connect(folder / DATABASE_NAME)
    conn.execute("UPDATE alembic_version SET version_num='9999_from_the_future'")
    conn.execute("UPDATE portfolio_meta SET value='7.2.0' WHERE key='app_version'")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


@pytest.mark.parametrize("read_only", [False, True])
def test_newer_database_is_refused_untouched_by_every_opener(tmp_path, read_only):
    folder = tmp_path / "p"
    Portfolio.create(folder).close()
    _make_newer(folder)
    before = _untouched_digest(folder)
    with pytest.raises(SchemaTooNewError) as caught:
        Portfolio.open(folder, read_only=read_only)
    assert "7.2.0" in caught.value.message("en") and "Nothing was changed" in caught.value.message("en")
    assert _untouched_digest(folder) == before


def test_newer_database_backup_is_refused_by_restore(tmp_path):
    from ent_portfolio.storage.backups import restore_database_backup

    newer = tmp_path / "newer"
    Portfolio.create(newer).close()
    _make_newer(newer)
    with Portfolio.create(tmp_path / "p") as p:
        Services(p).works.create(title_th="ของเดิม")
        with pytest.raises(SchemaTooNewError) as caught:
            restore_database_backup(p, newer / DATABASE_NAME)
        assert "7.2.0" in caught.value.message("th")
        assert [w.title_th for w in Services(p).works.list()] == ["ของเดิม"]


def test_newer_archive_is_refused_with_the_version_needed(services, portfolio, tmp_path):
    from ent_portfolio.archive import export_archive, import_archive

    services.works.create(title_th="ผลงาน")
    good = export_archive(portfolio, tmp_path / "a.entp", format_version=1)
    newer = tmp_path / "newer.entp"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(newer, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "portfolio.json":
                doc = json.loads(data)
                doc["schema_revision"] = "9999_from_the_future"
                doc["app_version"] = "7.2.0"
                data = json.dumps(doc).encode()
            dst.writestr(info, data)
    with Portfolio.create(tmp_path / "target") as target:
        before = _state(target)
        with pytest.raises(UserError) as caught:
            import_archive(target, newer)
        assert "7.2.0" in caught.value.message("th") and "7.2.0" in caught.value.message("en")
        assert _state(target) == before


# --- backups and restore -------------------------------------------------------------

def test_backups_rotate_to_the_configured_count_and_skip_unchanged(portfolio, services):
    from ent_portfolio.storage.backups import backup_keep, list_backups, maybe_backup, set_backup_keep

    assert backup_keep(portfolio) == 10
    set_backup_keep(portfolio, 3)
    assert backup_keep(portfolio) == 3
    with pytest.raises(UserError):
        set_backup_keep(portfolio, 0)
    made = []
    for i in range(6):
        services.works.create(title_th=f"ผลงาน {i}")
        made.append(maybe_backup(portfolio, min_interval=0))
    assert all(made)
    autos = [b for b in list_backups(portfolio) if b.reason == "auto"]
    assert [b.path for b in autos] == list(reversed(made[-3:]))
    assert maybe_backup(portfolio, min_interval=0) is None  # nothing changed
    services.works.create(title_th="อีกเรื่อง")
    assert maybe_backup(portfolio, min_interval=3600) is None  # too soon
    newest = maybe_backup(portfolio, min_interval=0)
    conn = sqlite3.connect(f"file:{newest.as_posix()}?mode=ro&immutable=1", uri=True)
    assert conn.execute("SELECT count(*) FROM work").fetchone()[0] == 7
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
    conn.close()


def test_restore_a_database_backup_backs_up_first_and_brings_files_back(portfolio, services, tmp_path):
    from ent_portfolio.services.doctor import check_portfolio
    from ent_portfolio.storage.backups import maybe_backup, restore_database_backup

    work = services.works.create(title_th="ก่อนพลาด")
    photo = tmp_path / "p.bin"
    photo.write_bytes(b"a photo that must survive")
    services.evidence.add_file(work.id, photo, caption="ภาพงาน")
    good = maybe_backup(portfolio, min_interval=0)
    services.works.update(work.id, title_th="หลังพลาด")
    services.activities.create(work_id=work.id, date="2024-05-01", title="กิจกรรมใหม่")
    result = restore_database_backup(portfolio, good)
    assert services.works.get(work.id).title_th == "ก่อนพลาด"
    assert services.activities.count() == 0
    assert result.missing_files == []
    assert check_portfolio(portfolio).healthy
    # and the state before the restore is itself a backup that restores
    restore_database_backup(portfolio, result.safety_backup)
    assert services.works.get(work.id).title_th == "หลังพลาด"
    assert services.activities.count() == 1


def test_restore_refuses_a_damaged_backup_and_changes_nothing(portfolio, services, tmp_path):
    from ent_portfolio.storage.backups import maybe_backup, restore_database_backup

    services.works.create(title_th="ของจริง")
    good = maybe_backup(portfolio, min_interval=0)
    damaged = tmp_path / "damaged.sqlite3"
    data = bytearray(good.read_bytes())
    for offset in range(len(data) // 2, len(data) // 2 + 4096):
        data[offset] ^= 0x5A
    damaged.write_bytes(bytes(data))
    original = damaged.read_bytes()
    for bad in (damaged, tmp_path / "notes.txt"):
        if bad.suffix == ".txt":
            bad.write_text("hello")
        with pytest.raises(UserError) as caught:
            restore_database_backup(portfolio, bad)
        assert caught.value.key in ("backup.bad_file", "error.database_corrupt"), caught.value.key
        assert str(bad) in caught.value.message("en")
    assert damaged.read_bytes() == original  # the chosen file is only read
    assert [w.title_th for w in services.works.list()] == ["ของจริง"]
    assert list(portfolio.temp_dir.iterdir()) == []


def test_restore_over_a_database_too_damaged_to_open(tmp_path):
    from ent_portfolio.storage.backups import restore_database_backup

    folder = tmp_path / "p"
    with Portfolio.create(folder) as p:
        Services(p).works.create(title_th="ปลอดภัย")
        good = p.backup_database(reason="manual")
    (folder / DATABASE_NAME).write_bytes(b"garbage" * 1000)
    result = restore_database_backup(folder, good)
    assert result.safety_backup.read_bytes().startswith(b"garbage")
    with Portfolio.open(folder) as p:
        assert [w.title_th for w in Services(p).works.list()] == ["ปลอดภัย"]


def test_cli_backup_and_restore(tmp_path, capsys):
    from ent_portfolio.cli import main

    folder = tmp_path / "p"
    with Portfolio.create(folder) as p:
        svc = Services(p)
        work = svc.works.create(title_th="ผลงานสำรอง")
        photo = tmp_path / "x.jpg"
        from PIL import Image

        Image.new("RGB", (64, 48), (200, 120, 40)).save(photo, "JPEG")  # a whole JPEG: archive import checks files
        svc.evidence.add_file(work.id, photo)
    out = tmp_path / "all.entp"
    assert main(["backup", "--portfolio", str(folder), "--out", str(out)]) == 0
    assert out.is_file()
    new = tmp_path / "elsewhere"
    assert main(["restore", "--portfolio", str(new), str(out)]) == 0
    with Portfolio.open(new) as p:
        assert [w.title_th for w in Services(p).works.list()] == ["ผลงานสำรอง"]
        assert Services(p).evidence.count() == 1
    capsys.readouterr()
    # an .entp is not restored over an existing portfolio (that is archive import's merge)
    assert main(["--lang", "en", "restore", "--portfolio", str(folder), str(out)]) == 1
    assert "archive import" in capsys.readouterr().err
    # a database backup
    with Portfolio.open(folder) as p:
        db_backup = p.backup_database(reason="manual")
        Services(p).works.update(work.id, title_th="แก้แล้ว")
    assert main(["restore", "--portfolio", str(folder), str(db_backup)]) == 0
    with Portfolio.open(folder) as p:
        assert Services(p).works.get(work.id).title_th == "ผลงานสำรอง"
    assert main(["--lang", "en", "backup", "--portfolio", str(folder), "--list"]) == 0
    listed = capsys.readouterr().out
    assert "before-restore" in listed and "manual" in listed


# --- repair --------------------------------------------------------------------------

def test_doctor_treats_orphans_as_notices_and_repair_moves_them_to_deleted(portfolio, services, tmp_path):
    from ent_portfolio.services.doctor import check_portfolio, repair_portfolio

    orphan_sha, _ = portfolio.store.add_bytes(b"stored, then the app died before the record")
    past = time.time() - 60
    os.utime(portfolio.store.path_for(orphan_sha), (past, past))
    report = check_portfolio(portfolio)
    assert report.healthy and report.orphans == [orphan_sha]
    assert any(orphan_sha in n.message("en") for n in report.notices)
    result = repair_portfolio(portfolio)
    assert not portfolio.store.contains(orphan_sha)
    assert result.after.healthy and result.after.orphans == []
    # moved, never erased: it may be the file of a commit a lost log dropped
    assert orphan_sha in portfolio.store.deleted_hashes()
    assert any(p.key == "doctor.fixed.orphans_moved" for p in result.fixed)


def test_repair_keeps_orphans_a_backup_still_needs_and_new_ones(portfolio, services, tmp_path):
    from ent_portfolio.services.doctor import repair_portfolio
    from ent_portfolio.storage.backups import maybe_backup

    work = services.works.create(title_th="ผลงาน")
    photo = tmp_path / "p.bin"
    photo.write_bytes(b"photo later deleted")
    evidence = services.evidence.add_file(work.id, photo)
    maybe_backup(portfolio, min_interval=0)
    # a kill between the delete's commit and the file's removal
    from ent_portfolio.domain import models as m

    with portfolio.session() as s:
        s.delete(s.get(m.Evidence, evidence.id))
    past = time.time() - 60  # as if the process that deleted it died before this open
    os.utime(portfolio.store.path_for(evidence.sha256), (past, past))
    fresh_sha, _ = portfolio.store.add_bytes(b"stored a moment ago by this process")
    result = repair_portfolio(portfolio)
    assert not portfolio.store.contains(evidence.sha256)
    assert evidence.sha256 in portfolio.store.deleted_hashes(), "a backup refers to it: kept aside"
    assert portfolio.store.contains(fresh_sha), "newer than the open: may be a write in flight"
    assert any(p.key == "doctor.fixed.orphans_moved" for p in result.fixed)
    # restoring the backup brings the record and its file back
    from ent_portfolio.storage.backups import list_backups, restore_database_backup

    backup = [b for b in list_backups(portfolio) if b.reason == "auto"][0].path
    outcome = restore_database_backup(portfolio, backup)
    assert outcome.missing_files == [] and portfolio.store.verify(evidence.sha256)


def test_deleted_evidence_comes_back_with_a_backup_and_is_erased_when_no_backup_needs_it(
        portfolio, services, tmp_path):
    from ent_portfolio.services.doctor import check_portfolio
    from ent_portfolio.storage.backups import maybe_backup, restore_database_backup, set_backup_keep

    work = services.works.create(title_th="ผลงาน")
    photo = tmp_path / "only-copy.bin"
    photo.write_bytes(b"the only photo of the opening day")
    kept = services.evidence.add_file(work.id, photo, caption="วันเปิดงาน")
    photo2 = tmp_path / "never-backed-up.bin"
    photo2.write_bytes(b"added and deleted between two backups")
    good = maybe_backup(portfolio, min_interval=0)
    gone = services.evidence.add_file(work.id, photo2)
    services.evidence.delete(gone.id)
    services.evidence.delete(kept.id)  # by mistake
    assert not portfolio.store.contains(kept.sha256)
    assert check_portfolio(portfolio).healthy
    result = restore_database_backup(portfolio, good)
    assert result.missing_files == []
    assert services.evidence.get(kept.id).caption == "วันเปิดงาน"
    assert portfolio.store.verify(kept.sha256)
    # rotation erases what no backup and no record needs, once its grace period is over
    set_backup_keep(portfolio, 1)
    assert gone.sha256 in portfolio.store.deleted_hashes(), "an undo may still want it"
    long_ago = time.time() - 31 * 86400
    os.utime(portfolio.store.deleted_dir / gone.sha256, (long_ago, long_ago))
    set_backup_keep(portfolio, 1)
    assert gone.sha256 not in portfolio.store.deleted_hashes()


def test_repair_relinks_misplaced_files_and_names_what_it_cannot_fix(portfolio, services, tmp_path, capsys):
    from ent_portfolio.cli import main

    work = services.works.create(title_th="ผลงานแม่น้ำ")
    files = []
    for i, caption in enumerate(["ภาพประชุม", "หนังสือรับรอง", "ภาพแปลงผัก"]):
        f = tmp_path / f"f{i}.bin"
        f.write_bytes(f"content {i}".encode() * 50)
        files.append(services.evidence.add_file(work.id, f, caption=caption))
    store = portfolio.store
    # 1: renamed inside the store; 2: found in tmp/; 3: gone for good
    os.replace(store.path_for(files[0].sha256), store.root / "IMG_0001.JPG")
    os.replace(store.path_for(files[1].sha256), portfolio.temp_dir / "recovered.bin")
    store.path_for(files[2].sha256).unlink()
    # a damaged copy whose good bytes are elsewhere is also put right
    portfolio.close()
    folder = portfolio.folder
    code = main(["--lang", "en", "doctor", "--portfolio", str(folder)])
    out = capsys.readouterr().out
    assert code == 1 and "ภาพแปลงผัก" in out and "ผลงานแม่น้ำ" in out and "import it again" in out
    code = main(["--lang", "en", "doctor", "--repair", "--portfolio", str(folder)])
    out = capsys.readouterr().out
    assert code == 1
    assert out.count("back into the store") == 2
    assert "Could not be repaired" in out and "ภาพแปลงผัก" in out and "ภาพประชุม" not in out.split("Could not")[1]
    with Portfolio.open(folder) as p:
        assert p.store.verify(files[0].sha256) and p.store.verify(files[1].sha256)
        assert not (p.store.root / "IMG_0001.JPG").exists()
        assert list(p.temp_dir.iterdir()) == []


def test_repair_puts_damaged_bytes_aside_and_restores_good_ones(portfolio, services, tmp_path):
    from ent_portfolio.services.doctor import repair_portfolio

    work = services.works.create(title_th="ผลงาน")
    f = tmp_path / "scan.bin"
    f.write_bytes(b"the real scan" * 100)
    ev = services.evidence.add_file(work.id, f)
    path = portfolio.store.path_for(ev.sha256)
    good = path.read_bytes()
    (portfolio.temp_dir / "copy-from-usb").write_bytes(good)
    path.write_bytes(b"bit rot")
    result = repair_portfolio(portfolio)
    assert result.after.healthy
    assert path.read_bytes() == good
    assert (portfolio.folder / "damaged" / ev.sha256).read_bytes() == b"bit rot"


def test_repair_needs_the_write_lock(tmp_path):
    from ent_portfolio.services.doctor import repair_portfolio

    folder = tmp_path / "p"
    Portfolio.create(folder).close()
    with Portfolio.open(folder, read_only=True) as p, pytest.raises(UserError):
        repair_portfolio(p)


def test_repair_calls_the_thumbnail_and_search_rebuilders(portfolio, services, tmp_path, monkeypatch):
    from ent_portfolio.services import doctor

    calls = {"thumbs": [], "search": 0}

    def thumbnail_path(p, sha, create=False):
        target = p.thumbnail_dir / f"{sha}.jpg"
        if create and not target.exists():
            target.write_bytes(b"thumb")
            calls["thumbs"].append(sha)
        return target

    def rebuild_index(p):
        calls["search"] += 1

    def prune_thumbnails(p):
        stale = p.thumbnail_dir / ("f" * 64 + ".jpg")
        return [stale] if stale.exists() and not stale.unlink() else []

    monkeypatch.setattr(doctor, "thumbnail_path", thumbnail_path)
    monkeypatch.setattr(doctor, "prune_thumbnails", prune_thumbnails)
    monkeypatch.setattr(doctor, "rebuild_index", rebuild_index)
    work = services.works.create(title_th="ผลงาน")
    from PIL import Image

    f = tmp_path / "a.jpg"
    Image.new("RGB", (40, 30), (10, 90, 200)).save(f, "JPEG")
    ev = services.evidence.add_file(work.id, f, media_type="image/jpeg")
    (portfolio.thumbnail_dir / ("f" * 64 + ".jpg")).write_bytes(b"stale")
    result = doctor.repair_portfolio(portfolio)
    assert calls["thumbs"] == [ev.sha256] and calls["search"] == 1
    keys = [p.key for p in result.fixed]
    assert {"doctor.fixed.thumbnails", "doctor.fixed.thumbnails_pruned", "doctor.fixed.search_index"} <= set(keys)
    assert not (portfolio.thumbnail_dir / ("f" * 64 + ".jpg")).exists()


def test_repair_rebuilds_real_thumbnails(portfolio, services, tmp_path):
    from PIL import Image

    from ent_portfolio.services.doctor import repair_portfolio

    work = services.works.create(title_th="ผลงาน")
    photo = tmp_path / "field.jpg"
    Image.new("RGB", (640, 480), (30, 120, 60)).save(photo, "JPEG")
    ev = services.evidence.add_file(work.id, photo, media_type="image/jpeg")
    for thumb in portfolio.thumbnail_dir.iterdir():
        thumb.unlink()
    result = repair_portfolio(portfolio)
    assert any(p.key == "doctor.fixed.thumbnails" for p in result.fixed)
    thumbs = list(portfolio.thumbnail_dir.iterdir())
    assert len(thumbs) == 1 and ev.sha256 in thumbs[0].name
