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

Opening reads the schema state with plain SQLite, and the SQLAlchemy engine
is made on first use: a command that only lists rows (``works``) opens,
checks and reads without loading SQLAlchemy, the records' models or Alembic.

The names themselves are in :mod:`.layout`, SQLite's helpers in
:mod:`.sqlite`, the schema in :mod:`.schema`; this module re-exports the
ones callers of a portfolio use.
"""

from __future__ import annotations

import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import NotAPortfolioError, SchemaTooNewError, StorageError, UserError
from .engine import connect_reader, make_engine
from .files import atomic_write, storage_error
from .layout import (
    _IGNORABLE,
    BACKUP_DIR,
    DAMAGED_DIR,
    DATABASE_NAME,
    DELETED_DIR,
    EVIDENCE_DIR,
    IDENTITY_NAME,
    META_PORTFOLIO_ID,
    OWN_FILES,
    OWN_FOLDERS,
    TEMP_DIR,
    TEMP_PREFIXES,
    THUMBNAIL_DIR,
    DamagedPortfolioError,
    FolderMissingError,
    _as_uuid,
    check_folder_path,
    clean_temp_dir,
    database_damage,
    default_portfolio_dir,
    holds_portfolio_data,
    is_portfolio,
    read_identity,
    refuse_links,
)
from .lock import WriterLock
from .schema import head_revision, known_revisions, migrate_engine, read_schema_state
from .sqlite import copy_database, os_replace_durably, translate_database_error
from .store import EvidenceStore

if TYPE_CHECKING:  # pragma: no cover
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

__all__ = [  # what callers of a portfolio take from here
    "BACKUP_DIR", "DAMAGED_DIR", "DATABASE_NAME", "DELETED_DIR", "EVIDENCE_DIR", "IDENTITY_NAME",
    "META_PORTFOLIO_ID", "OWN_FILES", "OWN_FOLDERS", "TEMP_DIR", "TEMP_PREFIXES", "THUMBNAIL_DIR",
    "DamagedPortfolioError", "FolderMissingError", "Portfolio", "check_folder_path", "clean_temp_dir",
    "copy_database", "database_damage", "default_portfolio_dir", "head_revision", "holds_portfolio_data",
    "is_portfolio", "known_revisions", "migrate_engine", "os_replace_durably", "read_identity",
    "read_schema_state", "refuse_links", "translate_database_error",
]


def seed_new_portfolio(portfolio: Portfolio) -> None:
    """A new portfolio's first records (:func:`.seed.seed_new_portfolio`;
    its models are imported only when a portfolio needs them)."""
    from .seed import seed_new_portfolio as seed

    seed(portfolio)


def damaged(folder: Path, state: str) -> DamagedPortfolioError:
    """The refusal of a damaged folder, naming the newest backup to restore."""
    from .autobackup import newest_restorable_backup

    backup = newest_restorable_backup(folder)
    return DamagedPortfolioError(path=str(folder), state=state, backup=str(backup) if backup else "")


def _usable_schema_state(folder: Path) -> tuple[str | None, str | None]:
    """The database's (revision, written-by version) if this app may open it:
    a newer schema is refused, and so is a missing, empty or unreadable
    database in a folder that holds a portfolio (see the module docstring)."""
    database = folder / DATABASE_NAME
    if not database.exists():
        if holds_portfolio_data(folder):
            raise damaged(folder, "missing")
        raise NotAPortfolioError(path=str(folder))
    try:
        revision, written_by = read_schema_state(database)
    except UserError as exc:
        if exc.key == "error.database_corrupt" and holds_portfolio_data(folder):
            raise damaged(folder, "unreadable") from exc
        raise
    if revision is None and holds_portfolio_data(folder):
        raise damaged(folder, "empty")
    if revision is not None and revision not in known_revisions():
        raise SchemaTooNewError(found=revision, needed=written_by or "?")
    return revision, written_by


class Portfolio:
    """An open portfolio.  Use :meth:`session` for one unit of work.

    Opened for writing (the default) it holds the folder's write lock (see
    :mod:`.lock`) until :meth:`close`; opened with ``read_only=True`` it takes
    no lock, never writes (SQLite ``query_only``), and may sit beside a writer
    in another process: commands that only read (``works``, ``doctor``,
    ``verify``) use it so they work while the app is open."""

    def __init__(self, folder: Path, engine: Engine | None = None, read_only: bool = False,
                 lock: WriterLock | None = None) -> None:
        self.folder = Path(folder)
        self.read_only = read_only
        self.store = EvidenceStore(self.folder / EVIDENCE_DIR, self.folder / TEMP_DIR)
        self._engine = engine
        self._session_factory = None
        self._engine_lock = threading.Lock()
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
        except OSError as exc:
            raise storage_error(exc) from exc
        except Exception as exc:
            # What SQLite reports, itself or through SQLAlchemy (e.g. a full
            # disk while the log is made), in plain words; anything else as it is.
            translated = translate_database_error(exc)
            if translated is None:
                raise
            raise translated from exc

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
            return cls(folder, read_only=True)
        # Migrating an older database is a write: it needs the lock even for a reader.
        lock = WriterLock(folder)
        portfolio = None
        try:
            if lock.fresh:
                revision, written_by = _usable_schema_state(folder)  # may have changed while we waited
                clean_temp_dir(folder / TEMP_DIR)
            portfolio = cls(folder, lock=lock)
            if revision != head_revision():
                if revision is not None:
                    portfolio.backup_database(reason=f"before-migration-{revision}")
                portfolio._migrate()
            if lock.fresh:
                portfolio._finish_interrupted_create()
                portfolio._adopt_identity(strict=False)
            if backup_on_open and lock.fresh:
                from .autobackup import maybe_backup

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
            return cls(folder, read_only=True)
        return portfolio

    @classmethod
    def _open_without_database(cls, folder: Path, create: bool) -> Portfolio:
        if holds_portfolio_data(folder):
            raise damaged(folder, "missing")
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
                raise damaged(folder, state)
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
            portfolio = cls(folder, lock=lock)
            portfolio._migrate()
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
            seed_new_portfolio(self)

    def _migrate(self) -> None:
        migrate_engine(self.engine)

    # -- working -------------------------------------------------------------
    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine over the database, made on first use (for a
        read-only opener, one that never writes)."""
        if self._engine is None:
            with self._engine_lock:  # worker threads may ask at once
                if self._engine is None:
                    self._engine = make_engine(self.database_path, read_only=self.read_only)
        return self._engine

    def _sessions(self) -> Session:
        if self._session_factory is None:
            from sqlalchemy.orm import sessionmaker

            engine = self.engine
            with self._engine_lock:
                if self._session_factory is None:
                    self._session_factory = sessionmaker(engine, expire_on_commit=False)
        return self._session_factory()

    def plain_reader(self) -> sqlite3.Connection:
        """A plain SQLite connection that only reads (caller closes it), for
        listings that need neither the ORM nor SQLAlchemy."""
        return connect_reader(self.database_path)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on any error.

        What SQLite or the file system reports (disk full, read-only, busy,
        I/O error) comes out as a :class:`UserError` in plain language; the
        transaction is rolled back, so the database is as it was."""
        from sqlalchemy.exc import DBAPIError

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
        from ..domain.models import PortfolioMeta

        with self.reader() as s:
            row = s.get(PortfolioMeta, key)
            return row.value if row else None

    def set_meta(self, key: str, value: str) -> None:
        from ..domain.models import PortfolioMeta

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
        if self._engine is not None:
            self._engine.dispose()
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> Portfolio:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
