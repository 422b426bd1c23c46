"""Restoring a database backup — and, for callers, the whole story of
backups in one module: the automatic ones (made, listed, rotated, pruned) are
:mod:`.autobackup`'s and re-exported here.

* :func:`~.autobackup.maybe_backup` — called on open and by the app on a
  timer; makes a new automatic backup when the newest is older than
  ``min_interval`` seconds and the database changed since; keeps the newest
  ``backup_keep`` (a ``portfolio_meta`` setting, default 10).
* :func:`restore_database_backup` — checks a backup (integrity, that it is a
  portfolio with every table, that this app can read its version, that no
  record points to a missing one, and that it is this portfolio's), backs up
  the current database, then replaces it inside one SQLite transaction.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from ..domain.models import Base
from ..errors import SchemaTooNewError, StorageError, UserError
from ..i18n import register
from .autobackup import (  # the automatic backups, for callers that think of backups as one thing
    AUTO as AUTO,
)
from .autobackup import (
    BEFORE_RESTORE as BEFORE_RESTORE,
)
from .autobackup import (
    DELETED_GRACE_DAYS as DELETED_GRACE_DAYS,
)
from .autobackup import (
    BackupInfo as BackupInfo,
)
from .autobackup import _live_references
from .autobackup import (
    backup_keep as backup_keep,
)
from .autobackup import (
    backup_references as backup_references,
)
from .autobackup import (
    count_records as count_records,
)
from .autobackup import (
    database_references as database_references,
)
from .autobackup import (
    list_backups as list_backups,
)
from .autobackup import (
    live_record_count as live_record_count,
)
from .autobackup import (
    maybe_backup as maybe_backup,
)
from .autobackup import (
    newest_backup_with_more_records as newest_backup_with_more_records,
)
from .autobackup import (
    newest_restorable_backup as newest_restorable_backup,
)
from .autobackup import (
    prune_deleted as prune_deleted,
)
from .autobackup import (
    rotate_backups as rotate_backups,
)
from .autobackup import (
    set_backup_keep as set_backup_keep,
)
from .engine import make_engine
from .files import is_link, storage_error
from .layout import (
    BACKUP_DIR,
    DATABASE_NAME,
    EVIDENCE_DIR,
    META_PORTFOLIO_ID,
    TEMP_DIR,
    check_folder_path,
    read_identity,
)
from .lock import WriterLock
from .portfolio import DamagedPortfolioError, Portfolio
from .schema import head_revision, known_revisions, migrate_engine
from .sqlite import copy_database, os_replace_durably, translate_database_error
from .store import SHA256_RE, EvidenceStore

register({
    "backup.bad_file": (
        "“{path}” ไม่ใช่ไฟล์สำรองฐานข้อมูลของแฟ้มผลงานที่ใช้ได้ ({detail}) จึงไม่นำมาใช้ — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{path}” is not a usable portfolio database backup ({detail}); nothing was changed.",
    ),
    "backup.missing_tables": (
        "“{path}” ไม่มีตาราง {tables} ของแฟ้มผลงาน จึงไม่นำมากู้คืน — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{path}” lacks the portfolio table(s) {tables}, so it is not restored. Nothing was changed.",
    ),
    "backup.dangling_references": (
        "“{path}” มีข้อมูลที่อ้างถึงรายการที่ไม่มีอยู่ (ตาราง {table} {count} แถว) จึงไม่นำมากู้คืน "
        "— ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{path}” holds records that point to records that do not exist (table {table}, {count} row(s)), "
        "so it is not restored. Nothing was changed.",
    ),
    "backup.other_portfolio": (
        "“{path}” เป็นไฟล์สำรองของแฟ้มผลงานอื่น ไม่ใช่ของแฟ้มผลงานนี้ หากกู้คืน ข้อมูลทั้งหมดของแฟ้มผลงานนี้"
        "จะถูกแทนที่ด้วยข้อมูลของแฟ้มผลงานนั้น จึงยังไม่กู้คืนจนกว่าจะยืนยัน — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{path}” is a backup of another portfolio, not of this one; restoring it would replace all of this "
        "portfolio's records by that portfolio's, so it is not restored unless you confirm. Nothing was changed.",
    ),
    "backup.restore_onto_link": (
        "“{path}” เป็นลิงก์ไปยัง “{target}” โปรดระบุโฟลเดอร์นั้นโดยตรงเพื่อกู้คืน — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{path}” is a link to “{target}”; give that folder itself to restore into. Nothing was changed.",
    ),
})


class OtherPortfolioBackupError(UserError):
    """The backup belongs to another portfolio: the caller asks the person,
    then calls again with ``allow_other_portfolio=True``."""

    key = "backup.other_portfolio"


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


def restore_database_backup(target: Portfolio | Path, backup: Path,
                            allow_other_portfolio: bool = False) -> RestoreResult:
    """Replace the records of a portfolio by those of ``backup``.

    ``target`` is an open (writable) portfolio — the app's path — or a folder;
    a folder whose database is missing or too damaged to open is restored too
    (the damaged file is kept in ``backups/``).  The backup is checked whole on
    a copy first (see the module docstring); a backup of another portfolio is
    refused with :class:`OtherPortfolioBackupError` unless
    ``allow_other_portfolio`` (the person confirmed), and then takes this
    portfolio's identity.  The current database is backed up first; the
    replacement happens inside one SQLite transaction (backup API into the
    live database), so a crash leaves the old or the new records."""
    backup = Path(backup)
    if isinstance(target, Portfolio):
        return _restore_into_open(target, backup, allow_other_portfolio)
    folder = Path(target)
    check_folder_path(folder)
    if is_link(folder):
        # Restoring replaces every record: it must name the folder it replaces.
        raise UserError("backup.restore_onto_link", path=str(folder), target=os.path.realpath(folder))
    try:
        portfolio = Portfolio.open(folder, backup_on_open=False)
    except DamagedPortfolioError:
        return _restore_over_damaged(folder, backup, allow_other_portfolio)
    except UserError as exc:
        if exc.key != "error.database_corrupt":
            raise
        return _restore_over_damaged(folder, backup, allow_other_portfolio)
    with portfolio:
        return _restore_into_open(portfolio, backup, allow_other_portfolio)


def _checked_staged_copy(backup: Path, temp_dir: Path, identity: str | None, allow_other: bool) -> Path:
    """A copy of ``backup`` in ``tmp/``, checked and brought to the newest
    schema, carrying ``identity``; the caller removes it."""
    staged = _stage_copy(backup, temp_dir)
    try:
        revision = check_database_file(staged)
        if revision != head_revision():
            engine = make_engine(staged)
            try:
                migrate_engine(engine)
            except (DBAPIError, UserError) as exc:
                raise UserError("backup.bad_file", path=str(backup), detail=str(exc)[:200]) from exc
            finally:
                engine.dispose()
        conn = sqlite3.connect(staged)
        try:
            _check_complete(conn, backup)
            row = conn.execute("SELECT value FROM portfolio_meta WHERE key=?", (META_PORTFOLIO_ID,)).fetchone()
            theirs = row[0] if row else None
            if identity and theirs and theirs != identity and not allow_other:
                raise OtherPortfolioBackupError(path=str(backup))
            if identity and theirs != identity:
                with conn:
                    conn.execute("INSERT INTO portfolio_meta(key, value) VALUES(?, ?) "
                                 "ON CONFLICT(key) DO UPDATE SET value=excluded.value", (META_PORTFOLIO_ID, identity))
            # One self-contained file again (a migration leaves it in WAL mode).
            conn.execute("PRAGMA journal_mode=DELETE")
        finally:
            conn.close()
    except UserError as exc:
        _remove_staged(staged)
        if exc.key == "backup.bad_file":
            exc.params["path"] = str(backup)
        raise
    except sqlite3.Error as exc:
        _remove_staged(staged)
        raise UserError("backup.bad_file", path=str(backup), detail=str(exc)) from exc
    except BaseException:
        _remove_staged(staged)
        raise
    return staged


def _check_complete(conn: sqlite3.Connection, backup: Path) -> None:
    """Every table and column of the schema, and no record pointing nowhere."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    lacking = []
    for table in Base.metadata.sorted_tables:
        if table.name not in tables:
            lacking.append(table.name)
            continue
        columns = {r[1] for r in conn.execute(f'PRAGMA table_info("{table.name}")')}
        lacking += [f"{table.name}.{c.name}" for c in table.columns if c.name not in columns]
    if lacking:
        raise UserError("backup.missing_tables", path=str(backup), tables=", ".join(lacking[:5]))
    dangling = conn.execute("PRAGMA foreign_key_check").fetchall()
    if dangling:
        first = dangling[0][0]
        raise UserError("backup.dangling_references", path=str(backup), table=first,
                        count=sum(1 for row in dangling if row[0] == first))


def _restore_into_open(portfolio: Portfolio, backup: Path, allow_other: bool) -> RestoreResult:
    if portfolio.read_only:
        raise UserError("error.read_only")
    staged = _checked_staged_copy(backup, portfolio.temp_dir, portfolio.identity, allow_other)
    try:
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
    finally:
        _remove_staged(staged)
    rotate_backups(portfolio)
    return RestoreResult(safety, _missing_files(portfolio))


def _restore_over_damaged(folder: Path, backup: Path, allow_other: bool) -> RestoreResult:
    lock = WriterLock(folder)
    keep = None
    try:
        temp_dir = folder / TEMP_DIR
        staged = _checked_staged_copy(backup, temp_dir, read_identity(folder), allow_other)
        clean = temp_dir / (staged.name + ".clean")
        try:
            _undelete_for(EvidenceStore(folder / EVIDENCE_DIR, temp_dir), staged)
            # Make the staged copy self-contained, then swap it in by rename.
            copy_database(staged, clean)
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
            (folder / BACKUP_DIR).mkdir(exist_ok=True)
            database = folder / DATABASE_NAME
            aside = folder / BACKUP_DIR / f"damaged-{stamp}.sqlite3"
            if database.exists():  # a missing database is a damage too: then there is nothing to keep
                os.replace(database, aside)
                keep = aside
            for suffix in ("-wal", "-shm"):  # kept beside it, never applied to the restored one
                companion = database.with_name(database.name + suffix)
                if companion.exists():
                    os.replace(companion, aside.with_name(aside.name + suffix))
            os_replace_durably(clean, database)
        except OSError as exc:
            raise storage_error(exc) from exc
        finally:
            _remove_staged(staged)
            clean.unlink(missing_ok=True)
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
