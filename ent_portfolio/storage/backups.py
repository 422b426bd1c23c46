"""Automatic database backups and restoring one.

Backups are copies of ``portfolio.sqlite3`` made with SQLite's online backup
API into ``backups/`` (each complete before it appears there: see
:meth:`Portfolio.backup_database`).  They hold records only; evidence files
stay in the store, which never rewrites a file.

* :func:`maybe_backup` — called on open and by the app on a timer; makes a new
  automatic backup when the newest is older than ``min_interval`` seconds and
  the database changed since; keeps the newest ``backup_keep`` (a
  ``portfolio_meta`` setting, default 10).
* :func:`restore_database_backup` — checks a backup (integrity, that it is a
  portfolio, that this app can read its version), backs up the current
  database, then replaces it inside one SQLite transaction.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sqlite3
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..errors import SchemaTooNewError, StorageError, UserError
from ..i18n import register
from .files import storage_error
from .lock import WriterLock
from .store import SHA256_RE, EvidenceStore
from .portfolio import (
    BACKUP_DIR,
    DATABASE_NAME,
    EVIDENCE_DIR,
    TEMP_DIR,
    Portfolio,
    copy_database,
    head_revision,
    known_revisions,
    os_replace_durably,
    translate_database_error,
)

AUTO = "auto"
BEFORE_RESTORE = "before-restore"
DEFAULT_KEEP = 10
META_KEEP = "backup_keep"
_STAMP_RE = re.compile(r"^(?P<reason>.+)-(?P<stamp>\d{8}T\d{6}\d{6}Z)\.sqlite3$")

register({
    "backup.bad_file": (
        "“{path}” ไม่ใช่ไฟล์สำรองฐานข้อมูลของแฟ้มผลงานที่ใช้ได้ ({detail}) จึงไม่นำมาใช้ — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{path}” is not a usable portfolio database backup ({detail}); nothing was changed.",
    ),
    "backup.keep_invalid": ("จำนวนไฟล์สำรองที่เก็บไว้ต้องอยู่ระหว่าง 1 ถึง 1000", "The number of backups to keep must be between 1 and 1000."),
})


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    reason: str
    made_at: datetime
    size: int


def backup_keep(portfolio: Portfolio) -> int:
    value = portfolio.meta(META_KEEP)
    try:
        return max(1, int(value)) if value else DEFAULT_KEEP
    except ValueError:
        return DEFAULT_KEEP


def set_backup_keep(portfolio: Portfolio, count: int) -> None:
    if not isinstance(count, int) or not (1 <= count <= 1000):
        raise UserError("backup.keep_invalid")
    portfolio.set_meta(META_KEEP, str(count))
    rotate_backups(portfolio)


def list_backups(portfolio_or_folder: Portfolio | Path) -> list[BackupInfo]:
    """Backups in ``backups/``, newest first."""
    folder = portfolio_or_folder.folder if isinstance(portfolio_or_folder, Portfolio) else Path(portfolio_or_folder)
    found = []
    directory = folder / BACKUP_DIR
    if not directory.is_dir():
        return []
    for path in directory.iterdir():
        match = _STAMP_RE.match(path.name)
        if not match or not path.is_file():
            continue
        made = datetime.strptime(match["stamp"], "%Y%m%dT%H%M%S%fZ").replace(tzinfo=timezone.utc)
        found.append(BackupInfo(path, match["reason"], made, path.stat().st_size))
    found.sort(key=lambda b: b.made_at, reverse=True)
    return found


def rotate_backups(portfolio: Portfolio) -> list[Path]:
    """Keep the newest ``backup_keep`` automatic backups, and as many of the
    others (before a migration or a restore); remove the rest."""
    keep = backup_keep(portfolio)
    removed = []
    backups = list_backups(portfolio)
    for group in ([b for b in backups if b.reason == AUTO], [b for b in backups if b.reason != AUTO]):
        for old in group[keep:]:
            try:
                old.path.unlink()
                removed.append(old.path)
            except OSError:
                pass
    if not portfolio.read_only:
        prune_deleted(portfolio)
    return removed


def backup_references(portfolio: Portfolio) -> set[str]:
    """The file hashes that the database backups in ``backups/`` refer to."""
    hashes: set[str] = set()
    for backup in list_backups(portfolio):
        uri = f"file:{backup.path.as_posix()}?mode=ro&immutable=1"
        try:
            conn = sqlite3.connect(uri, uri=True)
            try:
                hashes.update(r[0] for r in conn.execute("SELECT sha256 FROM evidence") if r[0])
                hashes.update(r[0] for r in conn.execute("SELECT photo_sha256 FROM profile") if r[0])
            finally:
                conn.close()
        except sqlite3.Error:
            continue  # a damaged backup protects nothing
    return hashes


def prune_deleted(portfolio: Portfolio) -> list[str]:
    """Erase files in ``deleted/`` that neither the records nor any backup
    refer to any more (called after rotation and by ``doctor --repair``)."""
    store = portfolio.store
    waiting = store.deleted_hashes()
    if not waiting:
        return []
    keep = backup_references(portfolio) | _live_references(portfolio)
    erased = []
    for sha in waiting:
        if sha in keep:
            continue
        try:
            (store.deleted_dir / sha).unlink()
            erased.append(sha)
        except OSError:
            pass
    return erased


def _live_references(portfolio: Portfolio) -> set[str]:
    from sqlalchemy import select

    from ..domain import models as m

    with portfolio.reader() as session:
        hashes = set(session.scalars(select(m.Evidence.sha256)))
        hashes |= {h for h in session.scalars(select(m.Profile.photo_sha256)) if h}
    return hashes


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def maybe_backup(portfolio: Portfolio, min_interval: float = 600.0) -> Path | None:
    """Make an automatic backup if the newest one is older than
    ``min_interval`` seconds.  If nothing changed since the newest backup the
    new copy is dropped (and the old one counts as fresh).  Returns the new
    backup, or None when none was needed.  A failure raises StorageError."""
    if portfolio.read_only:
        return None
    autos = [b for b in list_backups(portfolio) if b.reason == AUTO]
    newest = autos[0] if autos else None
    if newest is not None:
        try:
            age = time.time() - newest.path.stat().st_mtime
        except OSError:
            age = float("inf")
        if 0 <= age < min_interval:  # (a clock set back must not stop backups)
            return None
    made = portfolio.backup_database(reason=AUTO)
    if newest is not None and newest.path.is_file() and _file_digest(made) == _file_digest(newest.path):
        made.unlink()
        os.utime(newest.path)
        return None
    rotate_backups(portfolio)
    return made


# --- restoring -------------------------------------------------------------------

@dataclass
class RestoreResult:
    safety_backup: Path | None
    #: Evidence the restored records refer to whose file is not in the store.
    missing_files: list[str] = field(default_factory=list)


def check_database_file(path: Path) -> str:
    """Check a database file (a copy we own: SQLite may write beside it):
    integrity, that it is a portfolio, that its version is known.  Returns
    its schema revision."""
    try:
        conn = sqlite3.connect(path)
    except sqlite3.Error as exc:
        raise UserError("backup.bad_file", path=str(path), detail=str(exc)) from exc
    try:
        result = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if result != ["ok"]:
            raise UserError("backup.bad_file", path=str(path), detail="; ".join(result[:3]))
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {"alembic_version", "portfolio_meta", "evidence"} <= tables:
            raise UserError("backup.bad_file", path=str(path), detail="no portfolio tables")
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        version = conn.execute("SELECT value FROM portfolio_meta WHERE key='app_version'").fetchone()
    except sqlite3.DatabaseError as exc:
        raise UserError("backup.bad_file", path=str(path), detail=str(exc)) from exc
    finally:
        conn.close()
    if not revision:
        raise UserError("backup.bad_file", path=str(path), detail="no schema version")
    if revision[0] not in known_revisions():
        raise SchemaTooNewError(found=revision[0], needed=version[0] if version else "?")
    return revision[0]


def _stage_copy(source: Path, temp_dir: Path) -> Path:
    """Copy the chosen file into ``tmp/`` (the original is only read)."""
    temp_dir.mkdir(parents=True, exist_ok=True)
    staged = temp_dir / f".tmp-restore-{os.getpid()}-{time.time_ns()}.sqlite3"
    try:
        shutil.copyfile(source, staged)
        wal = source.with_name(source.name + "-wal")
        if wal.is_file():  # a live copy: its latest commits are in the log
            shutil.copyfile(wal, staged.with_name(staged.name + "-wal"))
    except OSError as exc:
        _remove_staged(staged)
        if isinstance(exc, FileNotFoundError):
            raise UserError("backup.bad_file", path=str(source), detail=exc.strerror or "not found") from exc
        raise storage_error(exc) from exc
    return staged


def _remove_staged(staged: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        staged.with_name(staged.name + suffix).unlink(missing_ok=True)


def restore_database_backup(target: Portfolio | Path, backup: Path) -> RestoreResult:
    """Replace the records of a portfolio by those of ``backup``.

    ``target`` is an open (writable) portfolio — the app's path — or a folder;
    a folder whose database is too damaged to open is restored too (the
    damaged file is kept in ``backups/``).  The current database is backed up
    first; the replacement happens inside one SQLite transaction (backup API
    into the live database), so a crash leaves the old or the new records."""
    backup = Path(backup)
    if isinstance(target, Portfolio):
        return _restore_into_open(target, backup)
    folder = Path(target)
    try:
        portfolio = Portfolio.open(folder, backup_on_open=False)
    except UserError as exc:
        if exc.key != "error.database_corrupt":
            raise
        return _restore_over_damaged(folder, backup)
    with portfolio:
        return _restore_into_open(portfolio, backup)


def _restore_into_open(portfolio: Portfolio, backup: Path) -> RestoreResult:
    if portfolio.read_only:
        raise UserError("error.read_only")
    staged = _stage_copy(backup, portfolio.temp_dir)
    try:
        try:
            revision = check_database_file(staged)
        except UserError as exc:
            if exc.key == "backup.bad_file":
                exc.params["path"] = str(backup)
            raise
        # Files the backup's records use go back into the store *before* the
        # records do: a crash in between leaves orphans, never missing files.
        _undelete_for(portfolio.store, staged)
        safety = portfolio.backup_database(reason=BEFORE_RESTORE)
        portfolio.engine.dispose()
        try:
            src = sqlite3.connect(staged)
            try:
                dest = sqlite3.connect(portfolio.database_path, timeout=10)
                try:
                    src.backup(dest)  # one step: one transaction on the live database
                finally:
                    dest.close()
            finally:
                src.close()
        except sqlite3.Error as exc:
            raise (translate_database_error(exc) or StorageError("error.io", detail=str(exc))) from exc
        portfolio.engine.dispose()
        if revision != head_revision():
            portfolio._migrate()
    finally:
        _remove_staged(staged)
    rotate_backups(portfolio)
    return RestoreResult(safety, _missing_files(portfolio))


def _restore_over_damaged(folder: Path, backup: Path) -> RestoreResult:
    lock = WriterLock(folder)
    try:
        temp_dir = folder / TEMP_DIR
        staged = _stage_copy(backup, temp_dir)
        try:
            try:
                check_database_file(staged)
            except UserError as exc:
                if exc.key == "backup.bad_file":
                    exc.params["path"] = str(backup)
                raise
            _undelete_for(EvidenceStore(folder / EVIDENCE_DIR, temp_dir), staged)
            # Make the staged copy self-contained, then swap it in by rename.
            clean = temp_dir / (staged.name + ".clean")
            copy_database(staged, clean)
            stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
            (folder / BACKUP_DIR).mkdir(exist_ok=True)
            database = folder / DATABASE_NAME
            keep = folder / BACKUP_DIR / f"damaged-{stamp}.sqlite3"
            os.replace(database, keep)
            for suffix in ("-wal", "-shm"):
                companion = database.with_name(database.name + suffix)
                if companion.exists():
                    os.replace(companion, keep.with_name(keep.name + suffix))
            os_replace_durably(clean, database)
        except OSError as exc:
            raise storage_error(exc) from exc
        finally:
            _remove_staged(staged)
            (temp_dir / (staged.name + ".clean")).unlink(missing_ok=True)
    finally:
        lock.release()
    with Portfolio.open(folder, backup_on_open=False) as portfolio:
        return RestoreResult(keep, _missing_files(portfolio))


def _undelete_for(store: EvidenceStore, database: Path) -> None:
    conn = sqlite3.connect(database)
    try:
        hashes = {r[0] for r in conn.execute("SELECT sha256 FROM evidence") if r[0]}
        hashes |= {r[0] for r in conn.execute("SELECT photo_sha256 FROM profile") if r[0]}
    finally:
        conn.close()
    for sha in sorted(hashes):
        if SHA256_RE.match(sha) and not store.contains(sha):
            store.undelete(sha)


def _missing_files(portfolio: Portfolio) -> list[str]:
    """Bring back from ``deleted/`` the files the restored records use;
    return the hashes still missing."""
    missing = []
    for sha in sorted(_live_references(portfolio)):
        if not portfolio.store.contains(sha) and not portfolio.store.undelete(sha):
            missing.append(sha)
    return missing
