"""A portfolio is a folder: ``portfolio.sqlite3`` plus the evidence store.

Opening one checks the schema version before anything is written (a database
from a newer app is refused untouched), backs up and migrates an older one,
and creates and stamps a new one at the newest schema.

A folder that holds evidence, backups or its ``portfolio.id`` but no readable
database is *damaged*, never new: an emptied database (what a pulled exFAT
stick leaves) must not be migrated into an empty portfolio whose backups and
repairs would then erase the real one.  And since every write and delete in
the folder goes through its own names, none of them may be a link to
somewhere else.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from platformdirs import user_data_path
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from .. import __version__
from ..domain.models import PortfolioMeta
from ..errors import NotAPortfolioError, SchemaTooNewError, StorageError, UserError
from ..i18n import current_language, register, tr
from .engine import make_engine, read_only_uri
from .files import atomic_write, fsync_directory, is_link, refuse_link, storage_error
from .lock import LOCK_NAME, WriterLock
from .store import EvidenceStore

register({
    "error.read_only": (
        "แฟ้มผลงานเปิดไว้แบบอ่านอย่างเดียว จึงบันทึกไม่ได้",
        "The portfolio is open for reading only; nothing can be saved.",
    ),
    "error.folder_missing": (
        "ไม่พบโฟลเดอร์ “{path}” — หากเก็บไว้ในแฟลชไดรฟ์หรือไดรฟ์เครือข่าย โปรดเสียบหรือเชื่อมต่อไดรฟ์แล้วลองอีกครั้ง",
        "The folder “{path}” cannot be found. If it is on a USB stick or a network drive, connect it and try again.",
    ),
    "error.database_busy": (
        "ฐานข้อมูลกำลังถูกใช้งานโดยโปรแกรมอื่น โปรดลองอีกครั้ง — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The database is busy in another program; try again. Nothing was changed.",
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
    "error.portfolio_not_a_folder": (
        "“{path}” ไม่ใช่โฟลเดอร์ (เป็นไฟล์ หรือเป็นลิงก์ที่ไม่ได้ชี้ไปยังโฟลเดอร์) โปรดระบุโฟลเดอร์ของแฟ้มผลงาน "
        "— ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{path}” is not a folder (it is a file, or a link that does not lead to a folder); give the portfolio's "
        "folder. Nothing was changed.",
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
MIGRATIONS = Path(__file__).with_name("migrations")

OWN_FOLDERS = (EVIDENCE_DIR, THUMBNAIL_DIR, TEMP_DIR, BACKUP_DIR, DELETED_DIR, DAMAGED_DIR)
OWN_FILES = (DATABASE_NAME, DATABASE_NAME + "-wal", DATABASE_NAME + "-shm", DATABASE_NAME + "-journal",
             LOCK_NAME, IDENTITY_NAME)

# Files a portfolio folder may hold besides its own; anything else in a folder
# means it is not ours to create a portfolio in.
_IGNORABLE = {".DS_Store", "Thumbs.db", "desktop.ini", LOCK_NAME}


def default_portfolio_dir() -> Path:
    return user_data_path("EnT Portfolio", appauthor=False) / "portfolio"


def _usable_schema_state(folder: Path) -> tuple[str | None, str | None]:
    """The database's (revision, written-by version) if this app may open it:
    a newer schema is refused, and so is a missing, empty or unreadable
    database in a folder that holds a portfolio (see the module docstring)."""
    database = folder / DATABASE_NAME
    if not database.exists():
        if holds_portfolio_data(folder):
            raise DamagedPortfolioError.for_folder(folder, "missing")
        raise NotAPortfolioError(path=str(folder))
    try:
        revision, written_by = read_schema_state(database)
    except UserError as exc:
        if exc.key == "error.database_corrupt" and holds_portfolio_data(folder):
            raise DamagedPortfolioError.for_folder(folder, "unreadable") from exc
        raise
    if revision is None and holds_portfolio_data(folder):
        raise DamagedPortfolioError.for_folder(folder, "empty")
    if revision is not None and revision not in known_revisions():
        raise SchemaTooNewError(found=revision, needed=written_by or "?")
    return revision, written_by


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(_alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def read_schema_state(database: Path) -> tuple[str | None, str | None]:
    """(alembic revision, app version that last wrote it), read-only.

    Without a write-ahead log beside it the file is opened as immutable, so
    not even the -shm/-wal companions appear next to a database we refuse."""
    wal = database.with_name(database.name + "-wal")
    uri = read_only_uri(database, immutable=not (wal.exists() and wal.stat().st_size))
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise UserError("error.database_corrupt", detail=str(exc)) from exc
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if tables and "alembic_version" not in tables:
            # Our schema is made in one transaction with its version table:
            # tables without it are some other program's database.
            raise UserError("error.database_corrupt", detail="not a portfolio database")
        revision = None
        version = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        if "portfolio_meta" in tables:
            row = conn.execute("SELECT value FROM portfolio_meta WHERE key='app_version'").fetchone()
            version = row[0] if row else None
        return revision, version
    except sqlite3.DatabaseError as exc:
        raise UserError("error.database_corrupt", detail=str(exc)) from exc
    finally:
        conn.close()


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

    @classmethod
    def for_folder(cls, folder: Path, state: str) -> DamagedPortfolioError:
        from .backups import newest_restorable_backup

        backup = newest_restorable_backup(folder)
        return cls(path=str(folder), state=state, backup=str(backup) if backup else "")

    def message(self, lang: str | None = None) -> str:
        lang = lang or current_language()
        params = dict(self.params)
        params["what"] = tr(f"error.database_state.{params.pop('state', 'unreadable')}", lang)
        key = self.key if params.get("backup") else "error.portfolio_damaged_no_backup"
        return tr(key, lang, **params)


def check_folder_path(folder: Path) -> None:
    """The path of a portfolio must be a folder or not exist yet; a link
    leading nowhere is refused too (creating the folder would fail on it)."""
    folder = Path(folder)
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


class Portfolio:
    """An open portfolio.  Use :meth:`session` for one unit of work.

    Opened for writing (the default) it holds the folder's write lock (see
    :mod:`.lock`) until :meth:`close`; opened with ``read_only=True`` it takes
    no lock, never writes (SQLite ``query_only``), and may sit beside a writer
    in another process: commands that only read (``works``, ``doctor``,
    ``verify``) use it so they work while the app is open."""

    def __init__(self, folder: Path, engine: Engine, read_only: bool = False,
                 lock: WriterLock | None = None) -> None:
        self.folder = Path(folder)
        self.engine = engine
        self.read_only = read_only
        self.store = EvidenceStore(self.folder / EVIDENCE_DIR, self.folder / TEMP_DIR)
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._lock = lock
        #: When this process took the write lock (files older than this that no
        #: record uses were left by a process that has since died).
        self.opened_at = lock.acquired_at if lock else time.time()
        #: The automatic backup on open failed (e.g. disk full): the UI may warn.
        self.backup_error: UserError | None = None
        self._closed = False

    # -- opening -------------------------------------------------------------
    @classmethod
    def open(cls, folder: Path | str | None = None, create: bool = False,
             read_only: bool = False, backup_on_open: bool = True) -> Portfolio:
        folder = Path(folder) if folder else default_portfolio_dir()
        try:
            return cls._open(folder, create, read_only, backup_on_open)
        except DBAPIError as exc:  # e.g. a full disk while the log is made
            raise (translate_database_error(exc) or exc) from exc
        except sqlite3.Error as exc:
            raise (translate_database_error(exc) or exc) from exc
        except OSError as exc:
            raise storage_error(exc) from exc

    @classmethod
    def _open(cls, folder: Path, create: bool, read_only: bool, backup_on_open: bool) -> Portfolio:
        check_folder_path(folder)
        database = folder / DATABASE_NAME
        if folder.is_dir():
            refuse_links(folder)
        if not database.exists():
            return cls._open_without_database(folder, create)
        # Refuse a newer database before anything (even a lock file) is written.
        revision, written_by = _usable_schema_state(folder)
        if read_only and revision == head_revision():
            return cls(folder, make_engine(database, read_only=True), read_only=True)
        # Migrating an older database is a write: it needs the lock even for a reader.
        lock = WriterLock(folder)
        portfolio = None
        try:
            if lock.fresh:
                revision, written_by = _usable_schema_state(folder)  # may have changed while we waited
                clean_temp_dir(folder / TEMP_DIR)
            portfolio = cls(folder, make_engine(database), lock=lock)
            if revision != head_revision():
                if revision is not None:
                    portfolio.backup_database(reason=f"before-migration-{revision}")
                portfolio._migrate()
            if lock.fresh:
                portfolio._finish_interrupted_create()
                portfolio._adopt_identity(strict=False)
            if backup_on_open and lock.fresh:
                from .backups import maybe_backup

                try:
                    maybe_backup(portfolio, min_interval=0)
                except UserError as exc:  # a full disk must not keep the lecturer out
                    portfolio.backup_error = exc
        except BaseException:
            if portfolio is not None:
                portfolio.close()
            else:
                lock.release()
            raise
        if read_only:
            portfolio.close()
            return cls(folder, make_engine(database, read_only=True), read_only=True)
        return portfolio

    @classmethod
    def _open_without_database(cls, folder: Path, create: bool) -> Portfolio:
        if holds_portfolio_data(folder):
            raise DamagedPortfolioError.for_folder(folder, "missing")
        if not create:
            if not folder.exists() and not folder.parent.exists():
                raise FolderMissingError(path=str(folder))
            raise NotAPortfolioError(path=str(folder))
        return cls.create(folder)

    @classmethod
    def create(cls, folder: Path | str) -> Portfolio:
        folder = Path(folder)
        check_folder_path(folder)
        if folder.exists():
            refuse_links(folder)
            state = database_damage(folder / DATABASE_NAME)
            if state and holds_portfolio_data(folder):
                raise DamagedPortfolioError.for_folder(folder, state)
            leftovers = [p.name for p in folder.iterdir() if p.name not in _IGNORABLE]
            if leftovers:
                raise UserError("error.folder_not_empty", path=str(folder))
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise storage_error(exc) from exc
        lock = WriterLock(folder)
        portfolio = None
        try:
            for sub in (EVIDENCE_DIR, THUMBNAIL_DIR, TEMP_DIR, BACKUP_DIR):
                (folder / sub).mkdir(exist_ok=True)
            portfolio = cls(folder, make_engine(folder / DATABASE_NAME), lock=lock)
            portfolio._migrate()
            from ..services.setup import seed_new_portfolio  # services sit above storage

            seed_new_portfolio(portfolio)
            # Last: a create killed before this is finished by the next open
            # (the folder holds nothing yet that would make it "damaged").
            portfolio._adopt_identity(strict=True)
        except BaseException as exc:
            if portfolio is not None:
                portfolio.close()
            else:
                lock.release()
            if isinstance(exc, OSError):
                raise storage_error(exc) from exc
            raise
        return portfolio

    def _adopt_identity(self, strict: bool) -> None:
        """Give the folder and its database the same identity: the one in
        ``portfolio.id`` (the database may have come from a backup or from
        an older app), else the database's, else a new one.  Not ``strict``
        (an ordinary open), a failure to write it is left for the next open:
        a full disk must not keep the lecturer out."""
        on_file = read_identity(self.folder)
        in_database = self.meta(META_PORTFOLIO_ID)
        identity = on_file or _as_uuid(in_database) or str(uuid.uuid4())
        try:
            if in_database != identity:
                self.set_meta(META_PORTFOLIO_ID, identity)
            if on_file != identity:
                with atomic_write(self.folder / IDENTITY_NAME, temp_dir=self.temp_dir) as out:
                    out.write(identity.encode("ascii") + b"\n")
        except UserError:
            if strict:
                raise

    @property
    def identity(self) -> str | None:
        """This portfolio's UUID (None only for an old portfolio opened read-only)."""
        return read_identity(self.folder) or _as_uuid(self.meta(META_PORTFOLIO_ID))

    def _finish_interrupted_create(self) -> None:
        """A create killed between the schema and the first records leaves a
        portfolio with neither a profile nor a write-up template: seed it."""
        with self.engine.connect() as conn:
            empty = not conn.exec_driver_sql("SELECT 1 FROM profile LIMIT 1").first() and \
                not conn.exec_driver_sql("SELECT 1 FROM section_template LIMIT 1").first()
        if empty:
            from ..services.setup import seed_new_portfolio

            seed_new_portfolio(self)

    def _migrate(self) -> None:
        migrate_engine(self.engine)

    # -- working -------------------------------------------------------------
    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on any error.

        What SQLite or the file system reports (disk full, read-only, busy,
        I/O error) comes out as a :class:`UserError` in plain language; the
        transaction is rolled back, so the database is as it was."""
        try:
            with self._sessions() as session, session.begin():
                yield session
        except DBAPIError as exc:
            translated = translate_database_error(exc)
            if translated is None:
                raise
            raise translated from exc
        except OSError as exc:
            raise storage_error(exc) from exc

    def reader(self) -> Session:
        """A session for reading only (caller closes it)."""
        return self._sessions()

    @property
    def database_path(self) -> Path:
        return self.folder / DATABASE_NAME

    @property
    def thumbnail_dir(self) -> Path:
        return self.folder / THUMBNAIL_DIR

    @property
    def temp_dir(self) -> Path:
        return self.folder / TEMP_DIR

    @property
    def backup_dir(self) -> Path:
        return self.folder / BACKUP_DIR

    def scratch_dir(self, prefix: str = ".tmp-work-") -> Path:
        """A new private folder for temporary files of one job (caller removes it).

        A writer gets it in ``tmp/`` (same disk as the store: renames are
        atomic); a read-only opener gets it in the system's temp folder,
        because the writer's next open cleans ``tmp/`` and a reader must never
        write into the portfolio folder."""
        import tempfile

        if self.read_only:
            return Path(tempfile.mkdtemp(prefix="ent-portfolio-"))
        self.temp_dir.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=prefix, dir=self.temp_dir))

    def backup_database(self, reason: str = "backup") -> Path:
        """A consistent copy of the database via SQLite's online backup API.

        The copy is made in ``tmp/`` and renamed into ``backups/`` when it is
        complete, so a crash never leaves a half-written backup there."""
        self.backup_dir.mkdir(exist_ok=True)
        self.temp_dir.mkdir(exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = self.backup_dir / f"{reason}-{stamp}.sqlite3"
        staged = self.temp_dir / f".tmp-backup-{stamp}.sqlite3"
        try:
            copy_database(self.database_path, staged)
            os_replace_durably(staged, target)
        except OSError as exc:
            staged.unlink(missing_ok=True)
            raise storage_error(exc) from exc
        except sqlite3.Error as exc:
            staged.unlink(missing_ok=True)
            raise (translate_database_error(exc) or StorageError("error.io", detail=str(exc))) from exc
        return target

    def meta(self, key: str) -> str | None:
        with self.reader() as s:
            row = s.get(PortfolioMeta, key)
            return row.value if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.session() as s:
            row = s.get(PortfolioMeta, key)
            if row is None:
                s.add(PortfolioMeta(key=key, value=value))
            else:
                row.value = value

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> Portfolio:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def migrate_engine(engine: Engine) -> None:
    """Bring the database of ``engine`` to the newest schema in one
    transaction and stamp the app version (for a portfolio's database and
    for a staged copy of a backup before it is restored)."""
    cfg = _alembic_config()
    with engine.connect() as conn:
        # Table rebuilds in batch migrations would trip the foreign keys
        # half-way; they are checked as a whole before the commit instead.
        # (Set on the driver connection: a PRAGMA inside a transaction is ignored.)
        raw = conn.connection.dbapi_connection
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise UserError("error.database_corrupt", detail=f"foreign keys: {problems[:3]}")
                conn.execute(
                    text("INSERT INTO portfolio_meta(key, value) VALUES('app_version', :v) "
                         "ON CONFLICT(key) DO UPDATE SET value=excluded.value"),
                    {"v": __version__},
                )
        except DBAPIError as exc:
            raise (translate_database_error(exc) or exc) from exc
        finally:
            raw.execute("PRAGMA foreign_keys=ON")


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
