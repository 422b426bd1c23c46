"""The database's schema: which Alembic revisions this app knows, reading a
database's revision without writing to it, and migrating to the newest.

Every open asks for the newest revision, and nearly every open finds the
database already there.  Alembic takes a quarter of a second to import and
another moment to read its script folder, so the revisions are read here
from the migration files themselves (each names its ``revision`` and
``down_revision``), and Alembic is imported only to migrate.  The test of
this module compares what it reads with Alembic's own reading of the folder."""

from __future__ import annotations

import ast
import re
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..errors import UserError
from .engine import read_only_uri
from .sqlite import translate_database_error

if TYPE_CHECKING:  # pragma: no cover
    from sqlalchemy import Engine

MIGRATIONS = Path(__file__).with_name("migrations")
#: What an Alembic revision id looks like (ours are hex or short names).
_REVISION = re.compile(r"[0-9A-Za-z_]{1,64}")
#: ``revision = '0006'`` / ``down_revision: str | None = '0005'`` at the start of a line.
_ASSIGNMENT = re.compile(r"^(revision|down_revision)\s*(?::[^=\n]*)?=\s*(.+?)\s*(?:#.*)?$", re.MULTILINE)


def _alembic_config():
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def _revision_graph() -> dict[str, tuple[str, ...]]:
    """Each revision of the migration files with the revisions it follows."""
    graph: dict[str, tuple[str, ...]] = {}
    for path in sorted((MIGRATIONS / "versions").glob("*.py")):
        found = dict(m.groups() for m in _ASSIGNMENT.finditer(path.read_text(encoding="utf-8")))
        if "revision" not in found:
            continue  # not a revision file (alembic skips it too)
        revision = ast.literal_eval(found["revision"])
        down = ast.literal_eval(found.get("down_revision", "None"))
        if revision in graph:
            raise RuntimeError(f"migration {path.name}: revision {revision!r} twice")
        graph[revision] = () if down is None else (down,) if isinstance(down, str) else tuple(down)
    return graph


def head_revision() -> str:
    """The newest revision: the one no other revision follows."""
    graph = _revision_graph()
    followed = {down for downs in graph.values() for down in downs}
    heads = sorted(set(graph) - followed)
    if len(heads) != 1:
        raise RuntimeError(f"the migrations have {len(heads)} heads: {heads}")
    return heads[0]


def known_revisions() -> set[str]:
    return set(_revision_graph())


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
            if revision is not None and not (isinstance(revision, str) and _REVISION.fullmatch(revision)):
                # Not a revision any app wrote (a scribbled page reads back
                # as "\x00001"): a damaged database, not a newer one.
                raise UserError("error.database_corrupt", detail="unreadable schema version")
        if "portfolio_meta" in tables:
            row = conn.execute("SELECT value FROM portfolio_meta WHERE key='app_version'").fetchone()
            version = row[0] if row else None
        return revision, version
    except sqlite3.DatabaseError as exc:
        raise UserError("error.database_corrupt", detail=str(exc)) from exc
    finally:
        conn.close()


def migrate_engine(engine: Engine) -> None:
    """Bring the database of ``engine`` to the newest schema in one
    transaction and stamp the app version (for a portfolio's database and
    for a staged copy of a backup before it is restored)."""
    from alembic import command
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

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
