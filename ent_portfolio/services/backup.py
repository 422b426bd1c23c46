"""Backups a lecturer can take and restore, for the windows and the command line.

* the automatic database backups (:func:`maybe_backup`, called on open and by
  the app on a timer; :func:`list_backups`; :func:`restore_database_backup`)
  live in :mod:`ent_portfolio.storage.backups` and are re-exported here;
* the full archive (``.entp``: every record and evidence file) is the backup
  for moving to another machine: :func:`backup_to_archive` writes one,
  :func:`restore_archive` makes a new portfolio from one.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..archive import ArchiveSummary, export_archive, import_archive
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
from ..storage.portfolio import _IGNORABLE, Portfolio, is_portfolio

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


def backup_to_archive(portfolio: Portfolio, target: Path, progress: Progress | None = None,
                      cancel: CancelToken | None = None) -> Path:
    """The whole portfolio in one ``.entp`` file (written to a temp file, renamed at the end)."""
    return export_archive(portfolio, Path(target), progress=progress, cancel=cancel)


def restore_archive(archive: Path, folder: Path, progress: Progress | None = None,
                    cancel: CancelToken | None = None) -> ArchiveSummary:
    """A new portfolio in ``folder`` (empty or new) from an ``.entp`` archive.

    Built in a hidden sibling folder and renamed into place at the end: an
    interrupted or refused restore leaves no half-made portfolio."""
    folder = Path(folder)
    if is_portfolio(folder):
        raise UserError("backup.restore_over_portfolio", path=str(folder))
    if folder.exists() and any(p for p in folder.iterdir() if p.name not in _IGNORABLE):
        raise UserError("error.folder_not_empty", path=str(folder))
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = folder.parent / f".{folder.name}.restoring"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        with Portfolio.create(staging) as portfolio:
            summary = import_archive(portfolio, Path(archive), progress=progress, cancel=cancel)
        if folder.exists():
            shutil.rmtree(folder)
        staging.rename(folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return summary
