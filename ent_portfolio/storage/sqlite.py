"""SQLite as the portfolio uses it: what its errors mean to a person, and
copying a database whole (backups, restores) with its online backup API."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from ..errors import StorageError, UserError
from ..i18n import register
from .files import fsync_directory

register({
    "error.read_only": (
        "แฟ้มผลงานเปิดไว้แบบอ่านอย่างเดียว จึงบันทึกไม่ได้",
        "The portfolio is open for reading only; nothing can be saved.",
    ),
    "error.database_busy": (
        "ฐานข้อมูลกำลังถูกใช้งานโดยโปรแกรมอื่น โปรดลองอีกครั้ง — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The database is busy in another program; try again. Nothing was changed.",
    ),
})

# SQLite primary result codes (extended codes carry them in the low byte).
_SQLITE_BUSY, _SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = \
    5, 8, 10, 11, 13, 14, 26
#: The shared-memory file of the log could not grow: the disk is full.
_SQLITE_IOERR_SHMSIZE = _SQLITE_IOERR | (19 << 8)


def translate_database_error(exc: BaseException) -> UserError | None:
    """A plain-language error for what SQLite reports, or None if it is a bug."""
    orig = getattr(exc, "orig", exc)
    if not isinstance(orig, sqlite3.Error):
        return None
    code = getattr(orig, "sqlite_errorcode", None)
    text_ = str(orig).lower()
    primary = code & 0xFF if isinstance(code, int) else None
    if primary == _SQLITE_FULL or code == _SQLITE_IOERR_SHMSIZE or "database or disk is full" in text_:
        return StorageError("error.disk_full")
    if primary == _SQLITE_READONLY or "readonly database" in text_:
        return UserError("error.read_only")
    if primary == _SQLITE_BUSY or "database is locked" in text_:
        return UserError("error.database_busy")
    if primary in (_SQLITE_IOERR, _SQLITE_CANTOPEN) or "disk i/o error" in text_ or "unable to open" in text_:
        return StorageError("error.io", detail=str(orig))
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or "malformed" in text_:
        return UserError("error.database_corrupt", detail=str(orig))
    return None


def copy_database(source: Path, target: Path) -> None:
    """Copy an SQLite database with the online backup API into a single
    self-contained file (rollback journal, no -wal beside it), fsynced."""
    src = sqlite3.connect(source)
    try:
        dest = sqlite3.connect(target)
        try:
            src.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
    finally:
        src.close()
    with open(target, "rb+") as handle:
        os.fsync(handle.fileno())


def os_replace_durably(staged: Path, target: Path) -> None:
    os.replace(staged, target)
    fsync_directory(target.parent)
