"""Automatic database backups: made, listed and rotated, and the files of
deleted evidence pruned — what a portfolio does by itself on open and on the
app's timer.  (Restoring one is :mod:`.backups`.)

Backups are copies of ``portfolio.sqlite3`` made with SQLite's online backup
API into ``backups/`` (each complete before it appears there: see
:meth:`Portfolio.backup_database`).  They hold records only; evidence files
stay in the store, which never rewrites a file.

Two rules keep a backup able to undo a loss.  Rotation never removes the
newest backup that knew more records than the database has now (after a lost
log or an emptied database the automatic backups would otherwise replace the
last good copy with copies of the loss).  And files of deleted evidence wait
in ``deleted/`` for :data:`DELETED_GRACE_DAYS` days, and for as long as any
backup refers to them, so an undo or a restore finds them.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import DBAPIError

from ..domain.models import RECORD_MODELS
from ..errors import UserError
from ..i18n import register
from .engine import read_only_uri
from .files import is_link
from .layout import BACKUP_DIR

if TYPE_CHECKING:  # an open portfolio is passed in; this module never opens one
    from .portfolio import Portfolio

AUTO = "auto"
BEFORE_RESTORE = "before-restore"
DEFAULT_KEEP = 10
META_KEEP = "backup_keep"
_STAMP_RE = re.compile(r"^(?P<reason>.+)-(?P<stamp>\d{8}T\d{6}\d{6}Z)\.sqlite3$")
#: How long a file of deleted evidence waits in ``deleted/`` even when no
#: backup refers to it: an undo stack lives as long as the app runs, and a
#: lecturer may leave it open (a laptop asleep between field trips) for
#: weeks, while ten automatic backups ten minutes apart cover under two hours.
#: A month outlasts any such session; the space it costs is the space the
#: files took in the store the day before.
DELETED_GRACE_DAYS = 30
_RECORD_TABLES = tuple(model.__tablename__ for model in RECORD_MODELS)

register({
    "backup.keep_invalid": (
        "จำนวนไฟล์สำรองที่เก็บไว้ต้องอยู่ระหว่าง 1 ถึง 1000",
        "The number of backups to keep must be between 1 and 1000.",
    ),
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
    folder = Path(portfolio_or_folder) if isinstance(portfolio_or_folder, (str, PathLike)) \
        else portfolio_or_folder.folder
    found = []
    directory = folder / BACKUP_DIR
    if not directory.is_dir():
        return []
    for path in directory.iterdir():
        match = _STAMP_RE.match(path.name)
        if not match or not path.is_file():
            continue
        made = datetime.strptime(match["stamp"], "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC)
        found.append(BackupInfo(path, match["reason"], made, path.stat().st_size))
    found.sort(key=lambda b: b.made_at, reverse=True)
    return found


def rotate_backups(portfolio: Portfolio) -> list[Path]:
    """Keep the newest ``backup_keep`` automatic backups, and as many of the
    others (before a migration or a restore); remove the rest, except the
    newest backup that knew more records than the database has now."""
    keep = backup_keep(portfolio)
    removed = []
    backups = list_backups(portfolio)
    protected = newest_backup_with_more_records(portfolio, backups)
    for group in ([b for b in backups if b.reason == AUTO], [b for b in backups if b.reason != AUTO]):
        for old in group[keep:]:
            if protected is not None and old.path == protected.path:
                continue
            try:
                old.path.unlink()
                removed.append(old.path)
            except OSError:
                pass
    if not portfolio.read_only:
        prune_deleted(portfolio)
    return removed


def count_records(database: Path) -> int | None:
    """How many records a database file holds: the sum of the rows of every
    record table (the number ``doctor`` reports), or None if it cannot be read.

    A sum over every kind, not only evidence and works: a lost testimonial or
    measurement is lost work too, and one ``count(*)`` per table of a file
    already on disk is cheap enough to run at every rotation."""
    uri = read_only_uri(database, immutable=True)
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error:
        return None
    try:
        return _count_rows(conn)
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def live_record_count(portfolio: Portfolio) -> int:
    with portfolio.engine.connect() as conn:
        return _count_rows(conn.connection.dbapi_connection)


def _count_rows(conn) -> int:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "evidence" not in tables:
        raise sqlite3.DatabaseError("no portfolio tables")
    return sum(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in _RECORD_TABLES if t in tables)


def newest_backup_with_more_records(portfolio: Portfolio,
                                    backups: list[BackupInfo] | None = None) -> BackupInfo | None:
    """The newest backup holding more records than the database: after a
    loss, the last good copy (see the module docstring)."""
    try:
        current = live_record_count(portfolio)
    except (sqlite3.Error, DBAPIError):
        return None
    for backup in list_backups(portfolio) if backups is None else backups:
        counted = count_records(backup.path)
        if counted is not None and counted > current:
            return backup
    return None


def newest_restorable_backup(folder: Path) -> Path | None:
    """The newest backup in ``backups/`` that is a readable portfolio database."""
    for backup in list_backups(Path(folder)):
        if count_records(backup.path) is not None:
            return backup.path
    return None


def backup_references(portfolio: Portfolio) -> set[str]:
    """The file hashes that the database backups in ``backups/`` refer to."""
    hashes: set[str] = set()
    for backup in list_backups(portfolio):
        hashes |= database_references(backup.path)
    return hashes


def database_references(database: Path) -> set[str]:
    """The file hashes one database file's records use (empty if it cannot
    be read: a damaged backup protects nothing)."""
    uri = read_only_uri(database, immutable=True)
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            hashes = {r[0] for r in conn.execute("SELECT sha256 FROM evidence") if r[0]}
            hashes |= {r[0] for r in conn.execute("SELECT photo_sha256 FROM profile") if r[0]}
            return hashes
        finally:
            conn.close()
    except sqlite3.Error:
        return set()


def prune_deleted(portfolio: Portfolio, now: float | None = None) -> list[str]:
    """Erase files in ``deleted/`` that went there more than
    :data:`DELETED_GRACE_DAYS` days ago and that neither the records nor any
    backup refer to any more (called after rotation and by ``doctor --repair``)."""
    store = portfolio.store
    waiting = store.deleted_hashes()
    if not waiting or is_link(store.deleted_dir):
        return []
    cutoff = (time.time() if now is None else now) - DELETED_GRACE_DAYS * 86400
    keep = backup_references(portfolio) | _live_references(portfolio)
    erased = []
    for sha in waiting:
        since = store.deleted_since(sha)
        if sha in keep or since is None or since > cutoff:
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


# --- knowing the database has not changed since the newest backup ------------
#
# Copying and hashing the whole database at every open cost seconds on a
# faculty's portfolio, mostly to find it unchanged.  So the newest automatic
# backup is recorded beside it (:data:`STATE_NAME`) with what the database
# file and its write-ahead log looked like just before the copy: size,
# modification time, file number.  (Not the change time: SQLite, run as root,
# gives the log its database's owner at every connection, which moves it.)  A commit always appends to the
# log or rewrites the database, so one of these moves — unless it lands in the
# same timestamp tick as the write before it, which on FAT or a network share
# may be two seconds wide.  A record is therefore only kept when the last write
# before the copy was more than :data:`RACY_SECONDS` older than the moment the
# copy began, read on the portfolio's own file system clock (a file made in
# ``tmp/`` just before), so a later commit cannot share its tick.  Anything
# doubtful — no record, a record of another backup, a backup whose size
# changed, a database touched during the copy — falls back to copying and
# comparing, as before.

#: The record of the newest automatic backup, in ``backups/`` (not a backup:
#: :func:`list_backups` reads only ``*.sqlite3``).
STATE_NAME = "auto-backup-state.json"
#: Wider than the coarsest timestamp a portfolio's medium may keep (FAT: 2 s).
RACY_SECONDS = 3.0
_LOG_SUFFIX = "-wal"


#: A write-ahead log larger than this is not read for the fingerprint: the
#: fingerprint then never matches, and the database is backed up as before.
MAX_LOG_DIGEST_BYTES = 64 * 1024 * 1024


def database_fingerprint(database: Path) -> list:
    """What a commit to ``database`` changes: size, modification time and file number of
    the database and of its write-ahead log, the database header's change
    counter and the log's content digest.  Times alone are not enough: the
    kernel stamps files from a coarse clock, so two commits within one tick
    that leave the sizes alike would look like none.  A missing log and an
    empty one are the same (None): each open of the database makes a new
    empty log, which holds nothing."""

    found: list = []
    for path in (database, database.with_name(database.name + _LOG_SUFFIX)):
        try:
            st = os.stat(path, follow_symlinks=False)
        except FileNotFoundError:
            found.append(None)
            continue
        if not st.st_size and path != database:
            found.append(None)
            continue
        entry: list = [st.st_size, st.st_mtime_ns, st.st_ino]
        try:
            with open(path, "rb") as handle:
                if path == database:
                    entry.append(handle.read(100)[24:28].hex())  # SQLite's file change counter
                elif st.st_size <= MAX_LOG_DIGEST_BYTES:
                    entry.append(hashlib.sha256(handle.read()).hexdigest())
                else:
                    entry.append(f"unread-{time.time_ns()}")  # never equal: back up as before
        except OSError:
            entry.append(f"unread-{time.time_ns()}")
        found.append(entry)
    return found


def _latest_write_ns(fingerprint: list) -> int:
    return max((entry[1] for entry in fingerprint if entry), default=0)


def _state_path(portfolio: Portfolio) -> Path:
    return portfolio.backup_dir / STATE_NAME


def _read_state(portfolio: Portfolio, newest: BackupInfo | None) -> dict | None:
    """The record, if it describes ``newest`` as it is now; else None."""
    import json

    path = _state_path(portfolio)
    if newest is None or is_link(path):
        return None
    try:
        with open(path, "rb") as handle:
            state = json.loads(handle.read(64 * 1024))
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or state.get("backup") != newest.path.name or state.get("size") != newest.size \
            or not isinstance(state.get("sha256"), str) or not isinstance(state.get("database"), list):
        return None
    return state


def _forget_state(portfolio: Portfolio) -> None:
    path = _state_path(portfolio)
    try:
        if path.exists() or is_link(path):
            path.unlink()
    except OSError:
        pass


def _record_state(portfolio: Portfolio, backup: Path, digest: str, before: list, clock_ns: int) -> None:
    """Keep the record if the database stood still during the copy and its
    last write was old enough; a record that cannot be kept is removed (a
    stale one must never vouch for a newer database)."""
    import json

    from .files import atomic_write

    after = database_fingerprint(portfolio.database_path)
    if after != before or clock_ns - _latest_write_ns(before) <= RACY_SECONDS * 1e9:
        _forget_state(portfolio)
        return
    state = {"backup": backup.name, "size": backup.stat().st_size, "sha256": digest, "database": before}
    try:
        with atomic_write(_state_path(portfolio), temp_dir=portfolio.temp_dir) as handle:
            handle.write(json.dumps(state).encode("utf-8"))
    except (OSError, UserError):
        _forget_state(portfolio)  # without a record the next open compares copies: slower, never wrong


def _file_system_now_ns(portfolio: Portfolio) -> int:
    """The time on the clock that stamps the portfolio's files (a network
    share's may differ from this machine's): the age of a file made in ``tmp/``."""
    import tempfile

    portfolio.temp_dir.mkdir(exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=".tmp-clock-", dir=portfolio.temp_dir)
    try:
        return os.fstat(fd).st_mtime_ns
    finally:
        os.close(fd)
        os.unlink(name)


def database_unchanged_since_newest_backup(portfolio: Portfolio) -> bool:
    """True only when the record proves the newest automatic backup holds
    what the database holds now (see above); False when in doubt."""
    autos = [b for b in list_backups(portfolio) if b.reason == AUTO]
    state = _read_state(portfolio, autos[0] if autos else None)
    return state is not None and state["database"] == database_fingerprint(portfolio.database_path)


def maybe_backup(portfolio: Portfolio, min_interval: float = 600.0) -> Path | None:
    """Make an automatic backup if the newest one is older than
    ``min_interval`` seconds and the database may have changed since.  If
    the copy turns out equal to the newest backup it is dropped (and the old
    one counts as fresh).  Returns the new backup, or None when none was
    needed.  A failure raises StorageError."""
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
    state = _read_state(portfolio, newest)
    before = database_fingerprint(portfolio.database_path)
    if state is not None and state["database"] == before:
        os.utime(newest.path)
        return None
    try:
        clock_ns = _file_system_now_ns(portfolio)
    except OSError as exc:
        from .files import storage_error

        raise storage_error(exc) from exc
    before = database_fingerprint(portfolio.database_path)
    made = portfolio.backup_database(reason=AUTO)
    digest = _file_digest(made)
    # The newest backup is hashed only when the recorded digest says the copy
    # may equal it: a backup damaged since must not stand in for a good copy.
    if newest is not None and newest.path.is_file() and (state is None or state["sha256"] == digest) \
            and _file_digest(newest.path) == digest:
        made.unlink()
        os.utime(newest.path)
        _record_state(portfolio, newest.path, digest, before, clock_ns)
        return None
    _record_state(portfolio, made, digest, before, clock_ns)
    rotate_backups(portfolio)
    return made
