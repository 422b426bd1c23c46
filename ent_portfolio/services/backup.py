"""Backups a lecturer can take and restore, for the windows and the command line.

* the automatic database backups (:func:`maybe_backup`, called on open and by
  the app on a timer; :func:`list_backups`; :func:`restore_database_backup`)
  live in :mod:`ent_portfolio.storage.backups` and are re-exported here;
* the full archive (``.entp``: every record and evidence file) is the backup
  for moving to another machine: :func:`backup_to_archive` writes one,
  :func:`restore_archive` makes a new portfolio from one.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..archive import ArchiveSummary, check_archive, export_archive, import_archive
from ..errors import UserError
from ..i18n import register
from ..jobs import CancelToken, Progress
from ..storage.backups import (  # re-exported for the UI
    BackupInfo,
    RestoreResult,
    backup_keep,
    list_backups,
    maybe_backup,
    restore_database_backup,
    rotate_backups,
    set_backup_keep,
)
from ..storage.files import is_link
from ..storage.portfolio import _IGNORABLE, Portfolio, check_folder_path, is_portfolio

__all__ = [
    "BackupInfo", "RestoreResult", "backup_keep", "backup_to_archive", "list_backups", "maybe_backup",
    "restore_archive", "restore_database_backup", "rotate_backups", "set_backup_keep",
]

register({
    "backup.restore_over_portfolio": (
        "“{path}” เป็นแฟ้มผลงานอยู่แล้ว การกู้คืนจากแฟ้มสำรอง .entp ต้องใช้โฟลเดอร์ว่างหรือโฟลเดอร์ใหม่ "
        "(หากต้องการรวมข้อมูลเข้ากับแฟ้มผลงานนี้ ใช้คำสั่ง archive import)",
        "“{path}” is already a portfolio. Restoring an .entp archive needs an empty or new folder "
        "(to merge it into this portfolio, use archive import).",
    ),
})


def is_archive(path: Path) -> bool:
    """True for an ``.entp`` archive (a zip), false for a database backup
    (an SQLite file): read from the file's first bytes, its name only when
    it cannot be read."""
    try:
        with open(path, "rb") as handle:
            return handle.read(4) == b"PK\x03\x04"
    except OSError:
        return path.suffix.lower() == ".entp"


def backup_to_archive(portfolio: Portfolio, target: Path, progress: Progress | None = None,
                      cancel: CancelToken | None = None) -> Path:
    """The whole portfolio in one ``.entp`` file (written to a temp file, renamed at the end)."""
    return export_archive(portfolio, Path(target), progress=progress, cancel=cancel)


def restore_archive(archive: Path, folder: Path, progress: Progress | None = None,
                    cancel: CancelToken | None = None, limits=None) -> ArchiveSummary:
    """A new portfolio in ``folder`` (empty or new) from an ``.entp`` archive.

    The archive's document is checked before any folder is made; the
    portfolio is then built in a hidden sibling folder and renamed into place
    at the end.  An interrupted or refused restore leaves no half-made
    portfolio, no hidden folder, and none of the folders it would have made."""
    folder = Path(folder)
    check_folder_path(folder)
    if is_link(folder):
        raise UserError("backup.restore_onto_link", path=str(folder), target=os.path.realpath(folder))
    if is_portfolio(folder):
        raise UserError("backup.restore_over_portfolio", path=str(folder))
    if folder.exists() and any(p for p in folder.iterdir() if p.name not in _IGNORABLE):
        raise UserError("error.folder_not_empty", path=str(folder))
    check_archive(Path(archive))  # a damaged or foreign archive is refused before a folder is made
    made = _missing_folders(folder.parent)
    staging = folder.parent / f".{folder.name}.restoring"
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(staging, ignore_errors=True)
        with Portfolio.create(staging) as portfolio:
            summary = import_archive(portfolio, Path(archive), progress=progress, cancel=cancel, limits=limits)
        if folder.exists():
            shutil.rmtree(folder)
        staging.rename(folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        for made_folder in reversed(made):
            try:
                made_folder.rmdir()
            except OSError:
                break  # not empty (something else wrote there) or gone: leave it
        raise
    return summary


def _missing_folders(folder: Path) -> list[Path]:
    """``folder`` and those of its parents that do not exist yet, outermost first."""
    missing = []
    for path in [folder, *folder.parents]:
        if path.exists() or is_link(path):
            break
        missing.append(path)
    return list(reversed(missing))
