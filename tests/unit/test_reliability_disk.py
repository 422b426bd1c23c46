"""Reliability on a failing medium: a disk that fills while a file is stored,
renamed into the store, committed, exported or backed up, an unplugged drive,
and I/O errors, injected and on a really full small disk. Each is one plain
sentence, and nothing is lost or half-written."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest
from reliability_cases import _state

from ent_portfolio.errors import StorageError, UserError
from ent_portfolio.services import Services
from ent_portfolio.storage.portfolio import Portfolio


@pytest.fixture(autouse=True)
def _default_language():
    """``main(["--lang", …])`` sets the process language; give it back."""
    from ent_portfolio.i18n import set_language

    yield
    set_language(None)


# --- disk full -----------------------------------------------------------------------

def test_disk_full_while_storing_a_file(services, portfolio, tmp_path, monkeypatch):
    work = services.works.create(title_th="ผลงาน")
    source = tmp_path / "big.bin"
    source.write_bytes(b"x" * 300_000)
    before = _state(portfolio)
    real_fdopen = os.fdopen

    def full_fdopen(fd, mode="r", *a, **k):
        handle = real_fdopen(fd, mode, *a, **k)
        if "w" in mode:
            def write(_data):
                raise OSError(errno.ENOSPC, "No space left on device")
            handle.write = write
        return handle

    monkeypatch.setattr(os, "fdopen", full_fdopen)
    with pytest.raises(StorageError) as caught:
        services.evidence.add_file(work.id, source)
    monkeypatch.setattr(os, "fdopen", real_fdopen)
    assert caught.value.message("th") == "พื้นที่ดิสก์เต็ม บันทึกไม่สำเร็จ ข้อมูลเดิมยังอยู่ครบ"
    assert "disk is full" in caught.value.message("en")
    assert _state(portfolio) == before
    assert list(portfolio.temp_dir.iterdir()) == []


def test_disk_full_on_rename_into_the_store(services, portfolio, tmp_path, monkeypatch):
    work = services.works.create(title_th="ผลงาน")
    source = tmp_path / "scan.bin"
    source.write_bytes(b"a scanned letter")
    before = _state(portfolio)

    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(StorageError) as caught:
        services.evidence.add_file(work.id, source)
    monkeypatch.undo()
    assert caught.value.key == "error.disk_full"
    assert _state(portfolio) == before
    assert list(portfolio.temp_dir.iterdir()) == []


def test_sqlite_disk_full_during_commit_is_a_plain_message(services, portfolio):
    from sqlalchemy import event

    work = services.works.create(title_th="ผลงานเดิม")
    portfolio.engine.dispose()

    @event.listens_for(portfolio.engine, "connect")
    def _tiny(dbapi_connection, _record):
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    with pytest.raises(StorageError) as caught:
        # under the section limit, over what the capped database can still take
        services.works.set_section(work.id, "abstract", "<p>" + "ก" * 45_000 + "</p>")
    assert caught.value.key == "error.disk_full"
    event.remove(portfolio.engine, "connect", _tiny)
    portfolio.engine.dispose()
    assert services.works.get(work.id).title_th == "ผลงานเดิม"
    assert dict((t.key, c) for t, c in services.works.sections(work.id))["abstract"] in ("", None)


def test_disk_full_while_exporting_keeps_the_previous_archive(services, portfolio, tmp_path, monkeypatch):
    from ent_portfolio.archive import export_archive

    services.works.create(title_th="ผลงาน")
    target = tmp_path / "backup.entp"
    export_archive(portfolio, target)
    previous = target.read_bytes()
    real_fsync = os.fsync

    def full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(StorageError) as caught:
        export_archive(portfolio, target)
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert caught.value.key == "error.disk_full"
    assert target.read_bytes() == previous
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".tmp")) == []


def test_disk_full_backup_does_not_keep_the_lecturer_out(tmp_path, monkeypatch):
    from ent_portfolio.storage import portfolio as portfolio_module

    folder = tmp_path / "p"
    with Portfolio.create(folder) as p:
        Services(p).works.create(title_th="ผลงาน")

    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(portfolio_module, "copy_database", full)
    with Portfolio.open(folder) as p:
        assert p.backup_error is not None and p.backup_error.key == "error.disk_full"
        assert Services(p).works.count() == 1
    assert not list((folder / "tmp").iterdir())


def test_unplugged_drive_says_so(tmp_path):
    from ent_portfolio.errors import NotAPortfolioError

    with pytest.raises(NotAPortfolioError) as caught:
        Portfolio.open(tmp_path / "USB-STICK" / "EnT Portfolio")
    assert caught.value.key == "error.folder_missing"
    assert "แฟลชไดรฟ์" in caught.value.message("th") and "USB stick" in caught.value.message("en")


def test_io_error_while_writing_a_file_is_plain_and_changes_nothing(services, portfolio, tmp_path, monkeypatch):
    work = services.works.create(title_th="ผลงาน")
    source = tmp_path / "scan.bin"
    source.write_bytes(b"scan" * 1000)
    before = _state(portfolio)

    def unplugged(_fd):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", unplugged)
    with pytest.raises(StorageError) as caught:
        services.evidence.add_file(work.id, source)
    monkeypatch.undo()
    assert caught.value.key == "error.io"
    assert "Input/output error" in caught.value.message("en") and "ข้อมูลเดิมยังอยู่ครบ" in caught.value.message("th")
    assert _state(portfolio) == before and list(portfolio.temp_dir.iterdir()) == []


def test_sqlite_io_error_in_a_session_is_plain_and_rolled_back(services, portfolio):
    from sqlalchemy.exc import OperationalError

    from ent_portfolio.domain import models as m

    work = services.works.create(title_th="เดิม")
    with pytest.raises(StorageError) as caught, portfolio.session() as s:
        s.get(m.Work, work.id).title_th = "ใหม่"
        s.flush()
        raise OperationalError("COMMIT", {}, sqlite3.OperationalError("disk I/O error"))
    assert caught.value.key == "error.io" and "Traceback" not in caught.value.message("en")
    assert services.works.get(work.id).title_th == "เดิม"


def _mount_tmpfs(path: Path, size: str) -> bool:
    path.mkdir(parents=True, exist_ok=True)
    if os.name == "nt" or not hasattr(os, "geteuid") or os.geteuid() != 0:
        return False
    out = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                         capture_output=True, text=True)
    return out.returncode == 0


def test_a_really_full_small_disk(tmp_path):
    """A 2 MB tmpfs filled by imports: every failure is the plain message and
    the portfolio stays healthy.  Needs root and mount; skipped elsewhere
    (the injected-ENOSPC tests above always run)."""
    from ent_portfolio.services.doctor import check_portfolio

    mount_point = tmp_path / "stick"
    if not _mount_tmpfs(mount_point, "3m"):
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        folder = mount_point / "p"
        with Portfolio.create(folder) as p:
            svc = Services(p)
            work = svc.works.create(title_th="ผลงานบนแฟลชไดรฟ์")
            failures = []
            causes: set = set()
            stored = 0
            for i in range(40):
                source = tmp_path / f"photo-{i}.bin"
                source.write_bytes(os.urandom(200_000))
                try:
                    svc.evidence.add_file(work.id, source, caption=f"ภาพ {i}")
                    stored += 1
                except UserError as exc:
                    failures.append(exc.key)
                    causes.add(type(exc.__cause__).__name__)
                try:
                    svc.activities.create(work_id=work.id, date="2024-01-01", title="บันทึก", notes="บันทึก" * 20000)
                except UserError as exc:
                    failures.append(exc.key)
                    causes.add(type(exc.__cause__).__name__)
            assert failures and set(failures) <= {"error.disk_full"}, failures
            # both the file system's ENOSPC and SQLite's "database or disk is full"
            assert "OperationalError" in causes, causes
            assert stored > 0
            report = check_portfolio(p)
            assert report.healthy, [x.message("en") for x in report.problems]
            assert svc.evidence.count() == stored
            assert list(p.temp_dir.iterdir()) == []
    finally:
        subprocess.run(["umount", str(mount_point)], check=False)
