"""What a portfolio folder holds, by name, and what its contents say about it:
a portfolio, a damaged one (evidence or backups but no readable database), a
folder that must not be written through (a link among its own names).  The
names are here once, for the portfolio, its backups and its repair."""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

from ..errors import NotAPortfolioError, UserError
from ..i18n import current_language, register, tr
from ..resources import user_data_dir
from .files import is_link, refuse_link
from .lock import LOCK_NAME
from .schema import read_schema_state

register({
    "error.folder_missing": (
        "ไม่พบโฟลเดอร์ “{path}” — หากเก็บไว้ในแฟลชไดรฟ์หรือไดรฟ์เครือข่าย โปรดเสียบหรือเชื่อมต่อไดรฟ์แล้วลองอีกครั้ง",
        "The folder “{path}” cannot be found. If it is on a USB stick or a network drive, connect it and try again.",
    ),
    "error.portfolio_damaged": (
        "ฐานข้อมูลของแฟ้มผลงาน “{path}” {what} แต่โฟลเดอร์นี้ยังมีหลักฐานหรือไฟล์สำรองของแฟ้มผลงานอยู่ "
        "จึงไม่เปิดเป็นแฟ้มผลงานใหม่ โปรดกู้คืนไฟล์สำรองล่าสุดด้วยคำสั่ง "
        "ent-portfolio restore --portfolio \"{path}\" \"{backup}\" — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The database of the portfolio “{path}” {what}, but the folder still holds the portfolio's evidence or "
        "backups, so it is not opened as a new portfolio; restore the newest backup with "
        "ent-portfolio restore --portfolio \"{path}\" \"{backup}\". Nothing was changed.",
    ),
    "error.portfolio_damaged_no_backup": (
        "ฐานข้อมูลของแฟ้มผลงาน “{path}” {what} แต่โฟลเดอร์นี้ยังมีหลักฐานของแฟ้มผลงานอยู่ "
        "จึงไม่เปิดเป็นแฟ้มผลงานใหม่ และไม่พบไฟล์สำรองฐานข้อมูลใน backups/ "
        "โปรดกู้คืนจากแฟ้มสำรอง .entp ลงในโฟลเดอร์ใหม่ด้วยคำสั่ง ent-portfolio restore — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The database of the portfolio “{path}” {what}, but the folder still holds the portfolio's evidence, so it "
        "is not opened as a new portfolio, and backups/ holds no database backup; restore an .entp backup into a "
        "new folder with ent-portfolio restore. Nothing was changed.",
    ),
    "error.database_state.missing": ("หายไป", "is missing"),
    "error.database_state.empty": ("ว่างเปล่า", "is empty"),
    "error.database_state.unreadable": ("เสียหายจนอ่านไม่ได้", "is damaged beyond reading"),
    "error.portfolio_path_too_long": (
        "ที่อยู่ของโฟลเดอร์ “{path}” ยาวเกินไป ({length} ไบต์ ยาวได้ไม่เกิน {limit}) "
        "โปรดเลือกโฟลเดอร์ที่อยู่ชั้นบนกว่านี้หรือใช้ชื่อที่สั้นลง — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The folder path “{path}” is too long ({length} bytes; at most {limit}): choose a folder "
        "higher up or a shorter name. Nothing was changed.",
    ),
    "error.portfolio_not_a_folder": (
        "“{path}” ไม่ใช่โฟลเดอร์ (เป็นไฟล์ หรือเป็นลิงก์ที่ไม่ได้ชี้ไปยังโฟลเดอร์) โปรดระบุโฟลเดอร์ของแฟ้มผลงาน "
        "— ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{path}” is not a folder (it is a file, or a link that does not lead to a folder); give the portfolio's "
        "folder. Nothing was changed.",
    ),
})

DATABASE_NAME = "portfolio.sqlite3"
EVIDENCE_DIR = "evidence"
THUMBNAIL_DIR = "thumbnails"
TEMP_DIR = "tmp"
BACKUP_DIR = "backups"
#: Store files no record uses any more (see ``EvidenceStore.remove``).
DELETED_DIR = "deleted"
#: Where ``doctor --repair`` puts a store file whose bytes no longer match its name.
DAMAGED_DIR = "damaged"
#: The portfolio's identity, a UUID, beside the database: it outlives a lost
#: database (which is what it must prove), and the database keeps a copy in
#: ``portfolio_meta`` so that its backups say which portfolio they belong to.
IDENTITY_NAME = "portfolio.id"
META_PORTFOLIO_ID = "portfolio_id"
#: The search index: derived data, never backed up, rebuilt whenever it is missing.
SEARCH_INDEX_NAME = "search-index.sqlite3"

OWN_FOLDERS = (EVIDENCE_DIR, THUMBNAIL_DIR, TEMP_DIR, BACKUP_DIR, DELETED_DIR, DAMAGED_DIR)
OWN_FILES = (DATABASE_NAME, DATABASE_NAME + "-wal", DATABASE_NAME + "-shm", DATABASE_NAME + "-journal",
             LOCK_NAME, IDENTITY_NAME, SEARCH_INDEX_NAME, SEARCH_INDEX_NAME + "-journal")

# Files a portfolio folder may hold besides its own; anything else in a folder
# means it is not ours to create a portfolio in.
_IGNORABLE = {".DS_Store", "Thumbs.db", "desktop.ini", LOCK_NAME}


def default_portfolio_dir() -> Path:
    return user_data_dir() / "portfolio"


class FolderMissingError(NotAPortfolioError):
    """The folder and the folder it sits in are gone: most likely a drive
    that is not connected (a USB stick pulled out, a network drive)."""

    key = "error.folder_missing"


def is_portfolio(folder: Path) -> bool:
    return (Path(folder) / DATABASE_NAME).is_file()


class DamagedPortfolioError(UserError):
    """A portfolio folder whose database is missing, empty or unreadable.

    Raised with ``path``, ``state`` (missing, empty, unreadable) and
    ``backup``, the newest backup to restore (empty when there is none)."""

    key = "error.portfolio_damaged"

    def message(self, lang: str | None = None) -> str:
        lang = lang or current_language()
        params = dict(self.params)
        params["what"] = tr(f"error.database_state.{params.pop('state', 'unreadable')}", lang)
        key = self.key if params.get("backup") else "error.portfolio_damaged_no_backup"
        return tr(key, lang, **params)


#: Longest path of a portfolio folder, in bytes of the file system's
#: encoding.  SQLite opens no file whose full name is longer than 512 bytes,
#: and the longest name the app makes inside the folder (a dated backup, the
#: store's shards, an evidence file named by its SHA-256) takes about 90 more.
MAX_FOLDER_PATH_BYTES = 400


def check_path_length(folder: Path) -> None:
    """Refuse a portfolio folder whose path is too long for its database."""
    length = len(os.fsencode(os.path.abspath(folder)))
    if length > MAX_FOLDER_PATH_BYTES:
        raise UserError("error.portfolio_path_too_long", path=str(folder), length=length,
                        limit=MAX_FOLDER_PATH_BYTES)


def check_folder_path(folder: Path) -> None:
    """The path of a portfolio must be a folder or not exist yet; a link
    leading nowhere is refused too (creating the folder would fail on it),
    and so is a path too long for the database to be opened in it."""
    folder = Path(folder)
    check_path_length(folder)
    if (folder.exists() and not folder.is_dir()) or (is_link(folder) and not folder.exists()):
        raise UserError("error.portfolio_not_a_folder", path=str(folder))


def refuse_links(folder: Path) -> None:
    """Refuse a portfolio whose own folders or files, or the shards of its
    store, are links: the app writes, renames and deletes through those
    names (a ``tmp/`` linked elsewhere would have the files there removed)."""
    folder = Path(folder)
    for name in OWN_FOLDERS + OWN_FILES:
        refuse_link(folder / name, folder)
    evidence = folder / EVIDENCE_DIR
    if evidence.is_dir():
        for shard in evidence.iterdir():
            refuse_link(shard, folder)


def holds_portfolio_data(folder: Path) -> bool:
    """Whether a folder is a portfolio's even without its database: its
    identity file, a stored or deleted evidence file, or a database backup."""
    folder = Path(folder)
    if (folder / IDENTITY_NAME).exists():
        return True
    for sub in (EVIDENCE_DIR, DELETED_DIR):
        directory = folder / sub
        if directory.is_dir() and any(p.is_file() for p in directory.rglob("*")):
            return True
    backups = folder / BACKUP_DIR
    return backups.is_dir() and any(p.suffix == ".sqlite3" for p in backups.iterdir())


def database_damage(database: Path) -> str | None:
    """Why ``database`` cannot be a portfolio's (missing, empty, unreadable),
    or None when it has the portfolio schema (or is one being made)."""
    if not database.exists():
        return "missing"
    try:
        revision, _ = read_schema_state(database)
    except UserError:
        return "unreadable"
    return "empty" if revision is None else None


def read_identity(folder: Path) -> str | None:
    """The UUID in the folder's ``portfolio.id``, if it holds one."""
    try:
        text_ = (Path(folder) / IDENTITY_NAME).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return _as_uuid(text_)


def _as_uuid(value: str | None) -> str | None:
    try:
        return str(uuid.UUID(value)) if value else None
    except ValueError:
        return None


#: Names of the temporary files and folders writers make in ``tmp/``.
TEMP_PREFIXES = (".tmp-", ".import-", "tmp")


def clean_temp_dir(temp_dir: Path) -> list[str]:
    """Remove what writers that have died left in ``tmp/`` (call only while
    holding a fresh write lock: then no living process is writing there).

    These can never be the only copy of committed data: a file is renamed
    into the store before the record that uses it is committed.  Entries of
    other names are left for ``doctor --repair``, which looks in them for
    missing evidence before removing them."""
    removed: list[str] = []
    if not temp_dir.is_dir() or is_link(temp_dir):  # a linked tmp/ is refused at open; never follow it
        return removed
    for entry in temp_dir.iterdir():
        if not entry.name.startswith(TEMP_PREFIXES):
            continue
        try:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
            removed.append(entry.name)
        except OSError:
            pass
    return removed
