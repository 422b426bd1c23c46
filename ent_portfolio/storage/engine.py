"""The one place an SQLite engine is made.  Every connection gets the same
pragmas, and transactions are begun explicitly so that SAVEPOINTs work with
the standard sqlite3 driver (SQLAlchemy's documented pysqlite recipe)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event

BUSY_TIMEOUT_MS = 10_000


def make_engine(database: Path, read_only: bool = False) -> Engine:
    engine = create_engine(
        f"sqlite:///{database}",
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )

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
