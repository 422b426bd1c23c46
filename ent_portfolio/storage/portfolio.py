"""A portfolio is a folder: ``portfolio.sqlite3`` plus the evidence store.

Opening one checks the schema version before anything is written (a database
from a newer app is refused untouched), backs up and migrates an older one,
and creates and stamps a new one at the newest schema.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from platformdirs import user_data_path
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from .. import __version__
from ..errors import NotAPortfolioError, SchemaTooNewError, UserError
from ..domain.models import PortfolioMeta
from .engine import make_engine
from .store import EvidenceStore

DATABASE_NAME = "portfolio.sqlite3"
EVIDENCE_DIR = "evidence"
THUMBNAIL_DIR = "thumbnails"
TEMP_DIR = "tmp"
BACKUP_DIR = "backups"
MIGRATIONS = Path(__file__).with_name("migrations")

# Files a portfolio folder may hold besides its own; anything else in a folder
# means it is not ours to create a portfolio in.
_IGNORABLE = {".DS_Store", "Thumbs.db", "desktop.ini"}


def default_portfolio_dir() -> Path:
    return user_data_path("EnT Portfolio", appauthor=False) / "portfolio"


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
    immutable = "" if wal.exists() and wal.stat().st_size else "&immutable=1"
    uri = f"file:{database.as_posix()}?mode=ro{immutable}"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise UserError("error.database_corrupt", detail=str(exc)) from exc
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
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


def is_portfolio(folder: Path) -> bool:
    return (Path(folder) / DATABASE_NAME).is_file()


class Portfolio:
    """An open portfolio.  Use :meth:`session` for one unit of work."""

    def __init__(self, folder: Path, engine: Engine) -> None:
        self.folder = Path(folder)
        self.engine = engine
        self.store = EvidenceStore(self.folder / EVIDENCE_DIR, self.folder / TEMP_DIR)
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    # -- opening -------------------------------------------------------------
    @classmethod
    def open(cls, folder: Path | str | None = None, create: bool = False) -> "Portfolio":
        folder = Path(folder) if folder else default_portfolio_dir()
        database = folder / DATABASE_NAME
        if not database.exists():
            if not create:
                raise NotAPortfolioError(path=str(folder))
            return cls.create(folder)
        revision, written_by = read_schema_state(database)
        if revision is not None and revision not in known_revisions():
            raise SchemaTooNewError(found=revision, needed=written_by or "?")
        portfolio = cls(folder, make_engine(database))
        if revision != head_revision():
            if revision is not None:
                portfolio.backup_database(reason=f"before-migration-{revision}")
            portfolio._migrate()
        return portfolio

    @classmethod
    def create(cls, folder: Path | str) -> "Portfolio":
        folder = Path(folder)
        if folder.exists():
            leftovers = [p.name for p in folder.iterdir() if p.name not in _IGNORABLE]
            if leftovers:
                raise UserError("error.folder_not_empty", path=str(folder))
        folder.mkdir(parents=True, exist_ok=True)
        for sub in (EVIDENCE_DIR, THUMBNAIL_DIR, TEMP_DIR, BACKUP_DIR):
            (folder / sub).mkdir(exist_ok=True)
        portfolio = cls(folder, make_engine(folder / DATABASE_NAME))
        portfolio._migrate()
        from ..services.setup import seed_new_portfolio  # services sit above storage

        seed_new_portfolio(portfolio)
        return portfolio

    def _migrate(self) -> None:
        cfg = _alembic_config()
        with self.engine.connect() as conn:
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
            finally:
                raw.execute("PRAGMA foreign_keys=ON")

    # -- working -------------------------------------------------------------
    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on any error."""
        with self._sessions() as session:
            with session.begin():
                yield session

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

    def backup_database(self, reason: str = "backup") -> Path:
        """A consistent copy of the database via SQLite's online backup API."""
        self.backup_dir.mkdir(exist_ok=True)
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        target = self.backup_dir / f"{reason}-{stamp}.sqlite3"
        source = sqlite3.connect(self.database_path)
        try:
            dest = sqlite3.connect(target)
            try:
                source.backup(dest)
            finally:
                dest.close()
        finally:
            source.close()
        return target

    def meta(self, key: str) -> str | None:
        with self.reader() as s:
            row = s.get(PortfolioMeta, key)
            return row.value if row else None

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Portfolio":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
