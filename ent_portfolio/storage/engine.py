"""The one place an SQLite engine is made.  Every connection gets the same
pragmas, and transactions are begun explicitly so that SAVEPOINTs work with
the standard sqlite3 driver (SQLAlchemy's documented pysqlite recipe).
SQLAlchemy is imported when the first engine is made: a command that only
lists rows reads them with :func:`connect_reader` and never loads it."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:  # pragma: no cover
    from sqlalchemy import Engine

BUSY_TIMEOUT_MS = 10_000


def read_only_uri(database: Path, immutable: bool = False) -> str:
    """An SQLite URI opening ``database`` for reading only (any character
    of the path quoted: a ``?`` or ``#`` in a folder name must not end it).
    ``immutable`` for a file nobody writes: no lock, no companion files."""
    path = quote(Path(database).absolute().as_posix(), safe="/:")
    return f"file:{path}?mode=ro" + ("&immutable=1" if immutable else "")


def connect_reader(database: Path) -> sqlite3.Connection:
    """A read-only connection to ``database``.

    Reading a WAL database needs its shared-memory file, which SQLite cannot
    make on media nothing can be written to (a locked SD card, a read-only
    share) or on a full disk.  Then, if no write-ahead log holds commits (no
    writer is at work and none died mid-way), the file is read as immutable:
    its bytes are the whole database.  With a log, reading without it would
    silently show an older state, so the error stands."""
    database = Path(database)
    options = {"uri": True, "check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000}
    conn = sqlite3.connect(read_only_uri(database), **options)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # opens the shared memory of a WAL database
        return conn
    except sqlite3.OperationalError:
        conn.close()
        wal = database.with_name(database.name + "-wal")
        try:
            has_log = wal.stat().st_size > 0
        except OSError:
            has_log = False
        if has_log:
            raise
    return sqlite3.connect(read_only_uri(database, immutable=True), **options)


def make_engine(database: Path, read_only: bool = False) -> Engine:
    from sqlalchemy import create_engine, event

    database = Path(database)
    if read_only:
        engine = create_engine(f"sqlite:///{read_only_uri(database)}&uri=true",
                               creator=lambda: connect_reader(database))
    else:
        engine = create_engine(f"sqlite:///{database}",
                               connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the driver, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if not read_only:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        # FULL: a commit survives a power cut, which matters more here than speed.
        cursor.execute("PRAGMA synchronous=FULL")
        if read_only:
            # A reader beside a writer (another process) must never write.
            cursor.execute("PRAGMA query_only=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN")

    return engine
