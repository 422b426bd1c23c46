"""The search index's own file: where it lives, how it is checked, and how
it follows the portfolio's database.

One SQLite connection does it all: the portfolio's database is its ``main``
schema (never written: every statement that writes names ``search_index``;
a read-only opener's connection is read-only), and the index file is
attached as ``search_index``.  Reading the rows to index and
writing the index are then one statement each, ``INSERT … SELECT``, with no
row crossing into Python but a section's HTML (stripped by a function the
connection knows).

Following the database
----------------------
``PRAGMA data_version`` on that connection changes when any other connection
— this process's own writer, another process, a merge, a repair — commits to
the database, and costs a few microseconds: when it is the number last seen,
nothing changed and nothing else is read.

When it changed, every watched table's ``(rowid, updated_at)`` pairs are read
from the table's ``updated_at`` index (a covering index: the rows' texts are
not read) and compared with those the index recorded.  A pair that differs
is a row added, edited, replaced or merged; a recorded pair no longer there
is a row deleted.  No watermark is kept, so a record dated in the future, or
merged from an archive with an older date, is compared like any other and
freezes nothing.  Only the documents of rows that differ (and those that
depend on them: a work's sections carry its title, a partner its contacts'
names, a section its heading's title) are deleted and read again.

A row is known by its rowid only within one database file: when the file
beside the index is not the one it last followed (its device and inode
differ: a restored backup, a copied folder), the first comparison compares
each row's id too, reading the rows themselves.

Kept safe
---------
The index is derived data: ``search-index.sqlite3`` beside the database,
never in a backup or an archive, rebuilt whenever it is missing, unreadable,
of another format or another portfolio's (its ``meta`` says which), or a
build was cut short (``built`` is written in the build's own transaction).
Every update is one transaction of the index file, so a process killed
mid-way leaves the index as it was before, and the next comparison finds the
rows again.  A read-only opener never writes into the portfolio's folder: it
searches a private copy of the index in the system's temporary folder, kept
up to date the same way."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import tempfile
import threading
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import event

from ..storage.engine import BUSY_TIMEOUT_MS, connect_reader
from ..storage.files import is_link
from ..storage.layout import SEARCH_INDEX_NAME
from ..storage.portfolio import Portfolio
from ..storage.sqlite import translate_database_error
from .search_sources import DOCUMENT_TABLES, SQL_FUNCTIONS, WATCHED_TABLES, insert_documents_sql

#: Bumped whenever what the file holds changes meaning.
FORMAT = "1"
_CHUNK = 500
_COMPANIONS = ("", "-journal", "-wal", "-shm")

_SCHEMA = (
    "CREATE TABLE search_index.meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE VIRTUAL TABLE search_index.docs USING fts5("
    "title, body, scanned, kind UNINDEXED, record_id UNINDEXED, target_kind UNINDEXED, target_id UNINDEXED, "
    "target_extra UNINDEXED, tokenize='trigram')",
    # What each watched row was when its documents were last read.
    "CREATE TABLE search_index.watched(source TEXT NOT NULL, row INTEGER NOT NULL, id TEXT NOT NULL, "
    "stamp TEXT, parent TEXT, PRIMARY KEY (source, row)) WITHOUT ROWID",
    "CREATE INDEX search_index.watched_by_id ON watched(source, id)",
)


def _uri(path: Path, mode: str) -> str:
    return f"file:{quote(Path(path).absolute().as_posix(), safe='/:')}?mode={mode}"


class IndexStore:
    """The index of one open portfolio, in its file, kept up to date."""

    def __init__(self, portfolio: Portfolio) -> None:
        self.portfolio = portfolio
        self.lock = threading.RLock()
        self.db: sqlite3.Connection | None = None
        #: Per watched table, rowid → updated_at as the index last read it.
        self._rows: dict[str, dict[int, str | None]] | None = None
        self._data_version: int | None = None
        self._private_dir: Path | None = None
        self._closed = False
        #: How many documents were written, and how many full builds ran
        #: (what "no rebuild on reopen" is measured by).
        self.documents_written = 0
        self.builds = 0
        event.listen(portfolio.engine, "engine_disposed", self._on_portfolio_closed)

    # -- the file ---------------------------------------------------------------------
    @property
    def shared_path(self) -> Path:
        return self.portfolio.folder / SEARCH_INDEX_NAME

    def _open(self) -> sqlite3.Connection:
        database = self.portfolio.database_path
        if self.portfolio.read_only:
            db = connect_reader(database)
        else:
            # Opened for writing though only the index is written: the
            # connection that closes last tidies the write-ahead log away,
            # which a read-only one cannot do.
            db = sqlite3.connect(database, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
        db.isolation_level = None  # transactions are begun explicitly
        for name, function in SQL_FUNCTIONS.items():
            db.create_function(name, 1, function, deterministic=True)
        path = self._index_path()
        if not self._attach(db, path):
            _remove(path)
            if not self._attach(db, path):
                # The folder refuses the file (read-only medium, disk full):
                # search from a private one.
                path = self._private_path()
                _remove(path)
                if not self._attach(db, path):
                    db.close()
                    raise sqlite3.OperationalError("the search index cannot be made")
        return db

    def _index_path(self) -> Path:
        shared = self.shared_path
        if not self.portfolio.read_only and not is_link(shared):
            return shared
        private = self._private_path()
        if shared.is_file() and not is_link(shared):
            with contextlib.suppress(sqlite3.Error, OSError):
                _copy(shared, private)
        return private

    def _private_path(self) -> Path:
        if self._private_dir is None:
            self._private_dir = Path(tempfile.mkdtemp(prefix="ent-portfolio-search-"))
        return self._private_dir / SEARCH_INDEX_NAME

    def _attach(self, db: sqlite3.Connection, path: Path) -> bool:
        """Attach the index at ``path``: True if it is usable (this
        portfolio's, this format, readable), False if it must be thrown away."""
        try:
            db.execute("ATTACH DATABASE ? AS search_index", [_uri(path, "rwc")])
        except sqlite3.Error:
            return False
        try:
            db.execute("PRAGMA search_index.synchronous=NORMAL")
            tables = {r[0] for r in db.execute("SELECT name FROM search_index.sqlite_master WHERE type='table'")}
            if not tables:
                db.execute("BEGIN IMMEDIATE")
                for statement in _SCHEMA:
                    db.execute(statement)
                db.executemany("INSERT INTO search_index.meta VALUES (?, ?)",
                               [("format", FORMAT), ("portfolio", self.portfolio.identity or "")])
                db.execute("COMMIT")
                return True
            meta = dict(db.execute("SELECT key, value FROM search_index.meta"))
            if meta.get("format") == FORMAT and meta.get("portfolio") == (self.portfolio.identity or ""):
                db.execute("SELECT rowid FROM search_index.docs LIMIT 1").fetchall()
                return True
        except sqlite3.Error:
            if db.in_transaction:
                db.execute("ROLLBACK")
        with contextlib.suppress(sqlite3.Error):
            db.execute("DETACH DATABASE search_index")
        return False

    def _discard(self) -> None:
        """Throw the index away (it is damaged); the next use makes a new one."""
        if self.db is not None:
            with contextlib.suppress(sqlite3.Error):
                self.db.close()
        self.db = None
        self._rows = None
        self._data_version = None
        _remove(self._private_path() if self._private_dir else self.shared_path)
        if not self.portfolio.read_only:
            _remove(self.shared_path)

    # -- keeping up to date -------------------------------------------------------------
    def connection(self) -> sqlite3.Connection:
        """The connection, the index brought up to date first."""
        with self.lock:
            return self._guarded(self._sync)

    def read(self, work, closed=None):
        """``work(connection)`` on the index brought up to date (done again on
        a new index if this one turns out damaged while reading); ``closed``
        once the portfolio was closed (a search still running as another
        portfolio is opened finds nothing, rather than failing)."""
        with self.lock:
            if self._closed:
                return closed
            return self._guarded(lambda: work(self._sync()))

    def rebuild(self) -> int:
        """Build the index again from every record; the number of documents."""
        with self.lock:
            def build() -> int:
                db = self._connected()
                self._build(db)
                return db.execute("SELECT count(*) FROM search_index.docs").fetchone()[0]
            return self._guarded(build)

    def _guarded(self, work):
        """``work()``, once more on a new index if the index file turned out
        damaged; what the portfolio's own database reports is a sentence."""
        if self._closed:
            raise sqlite3.ProgrammingError("the portfolio is closed")
        try:
            return work()
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and translate_database_error(exc) is not None:
                self._rollback()
                raise translate_database_error(exc) from exc
            self._discard()
            try:
                return work()
            except sqlite3.Error as again:
                self._rollback()
                raise (translate_database_error(again) or again) from again

    def _rollback(self) -> None:
        if self.db is not None and self.db.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self.db.execute("ROLLBACK")

    def _connected(self) -> sqlite3.Connection:
        if self.db is None:
            self.db = self._open()
        return self.db

    def _sync(self) -> sqlite3.Connection:
        db = self._connected()
        version = db.execute("PRAGMA main.data_version").fetchone()[0]
        if version == self._data_version and self._rows is not None:
            return db
        if db.execute("SELECT value FROM search_index.meta WHERE key = 'built'").fetchone() is None:
            self._build(db)
        else:
            self._follow(db)
        self._data_version = version
        return db

    def _build(self, db: sqlite3.Connection) -> None:
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("DELETE FROM search_index.docs")
            db.execute("DELETE FROM search_index.watched")
            for source in DOCUMENT_TABLES.values():
                self.documents_written += db.execute(insert_documents_sql(source, "")).rowcount
            for watched in WATCHED_TABLES:
                db.execute(
                    f"INSERT INTO search_index.watched SELECT ?, rowid, id, updated_at, {watched.parent or 'NULL'} "
                    f"FROM main.{watched.table}", [watched.table])
            db.execute("INSERT OR REPLACE INTO search_index.meta VALUES ('built', '1')")
            self._record_file(db)
            db.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise
        self.builds += 1
        self._rows = {w.table: dict(db.execute("SELECT row, stamp FROM search_index.watched WHERE source = ?",
                                                [w.table])) for w in WATCHED_TABLES}

    def _follow(self, db: sqlite3.Connection) -> None:
        """Re-read the documents of the rows that differ from what was indexed."""
        loaded = self._rows is None
        # Ids are compared too when the database file is not the one the
        # index last followed (restored, replaced): only in one file is a
        # row known by its rowid.
        file = _file_identity(self.portfolio.database_path)
        first = loaded and (file is None or self._recorded_file(db) != file)
        db.execute("BEGIN IMMEDIATE")
        try:
            if first:
                recorded = {w.table: {row: (id_, stamp) for row, id_, stamp in db.execute(
                    "SELECT row, id, stamp FROM search_index.watched WHERE source = ?", [w.table])}
                    for w in WATCHED_TABLES}
            elif loaded:
                recorded = {w.table: dict(db.execute("SELECT row, stamp FROM search_index.watched WHERE source = ?",
                                                     [w.table])) for w in WATCHED_TABLES}
            else:
                recorded = self._rows
            current_rows: dict[str, dict] = {}
            changes: dict[str, list[int]] = {}
            for watched in WATCHED_TABLES:
                table = watched.table
                if first:
                    now = {row: (id_, stamp) for row, id_, stamp in db.execute(
                        f"SELECT rowid, id, updated_at FROM main.{table}")}
                else:
                    # Read from the table's updated_at index, not its rows.
                    now = dict(db.execute(f"SELECT rowid, updated_at FROM main.{table}"))
                before = recorded[table]
                current_rows[table] = now
                if now != before:
                    changes[table] = [row for row, value in now.items() if before.get(row, ...) != value]
                    changes[table] += [row for row in before if row not in now]
            if changes:
                self._apply(db, changes)
            if first:
                self._record_file(db)
            db.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise
        self._rows = {table: ({row: value[1] for row, value in now.items()} if first else now)
                      for table, now in current_rows.items()}

    def _apply(self, db: sqlite3.Connection, changes: dict[str, list[int]]) -> None:
        refresh: dict[str, set[str]] = {table: set() for table in DOCUMENT_TABLES}
        parents: dict[str, set[str]] = {}
        for table, rows in changes.items():
            ids: set[str] = set()
            kin: set[str] = set()
            watched = next(w for w in WATCHED_TABLES if w.table == table)
            for chunk in _chunks(rows):
                marks = ", ".join("?" * len(chunk))
                for id_, parent in db.execute(
                        f"SELECT id, parent FROM search_index.watched WHERE source = ? AND row IN ({marks})",
                        [table, *chunk]):
                    ids.add(id_)
                    kin.add(parent)
                db.execute(f"DELETE FROM search_index.watched WHERE source = ? AND row IN ({marks})", [table, *chunk])
                for id_, parent in db.execute(
                        f"INSERT INTO search_index.watched SELECT ?, rowid, id, updated_at, "
                        f"{watched.parent or 'NULL'} FROM main.{table} WHERE rowid IN ({marks}) "
                        "RETURNING id, parent", [table, *chunk]).fetchall():
                    ids.add(id_)
                    kin.add(parent)
            if table in refresh:
                refresh[table] |= ids
                # The documents read from these rows, whatever the rows hold now.
                code = DOCUMENT_TABLES[table].code
                _delete_documents(db, [code << 40 | row for row in rows])
            parents[table] = {p for p in kin if p is not None} | (ids if table == "work" else set())
        # Documents that show another row's words.
        refresh["partner"] |= parents.get("contact_person", set())
        for column, key in (("work_id", "work"), ("key", "section_template")):
            for chunk in _chunks(sorted(parents.get(key, ()))):
                marks = ", ".join("?" * len(chunk))
                refresh["work_section"] |= {r[0] for r in db.execute(
                    f"SELECT id FROM main.work_section WHERE {column} IN ({marks})", chunk)}
        for table, ids in refresh.items():
            self._reread(db, table, sorted(ids))

    def _reread(self, db: sqlite3.Connection, table: str, ids: list[str]) -> None:
        source = DOCUMENT_TABLES[table]
        for chunk in _chunks(ids):
            marks = ", ".join("?" * len(chunk))
            _delete_documents(db, [source.code << 40 | r[0] for r in db.execute(
                f"SELECT rowid FROM main.{table} WHERE id IN ({marks})", chunk)])
            self.documents_written += db.execute(
                insert_documents_sql(source, f"WHERE t.id IN ({marks})"), chunk).rowcount

    def _recorded_file(self, db: sqlite3.Connection) -> str | None:
        row = db.execute("SELECT value FROM search_index.meta WHERE key = 'database_file'").fetchone()
        return row[0] if row else None

    def _record_file(self, db: sqlite3.Connection) -> None:
        identity = _file_identity(self.portfolio.database_path)
        if identity is not None:
            db.execute("INSERT OR REPLACE INTO search_index.meta VALUES ('database_file', ?)", [identity])

    # -- closing --------------------------------------------------------------------------
    def _on_portfolio_closed(self, _engine) -> None:
        self.close()

    def close(self) -> None:
        with self.lock:
            self._closed = True
            if self.db is not None:
                with contextlib.suppress(sqlite3.Error):
                    self.db.close()
                self.db = None
            if self._private_dir is not None:
                shutil.rmtree(self._private_dir, ignore_errors=True)
                self._private_dir = None


def _file_identity(path: Path) -> str | None:
    """Which file ``path`` is (a restore or a copy makes another one)."""
    try:
        info = path.stat()
    except OSError:
        return None
    return f"{info.st_dev}:{info.st_ino}" if info.st_ino else None


def _delete_documents(db: sqlite3.Connection, rowids: list[int]) -> None:
    # One rowid at a time: FTS5 finds a rowid at once, but a rowid IN (…)
    # or a subquery makes it read the whole table.
    db.executemany("DELETE FROM search_index.docs WHERE rowid = ?", [(rowid,) for rowid in rowids])


def _chunks(items: list) -> list[list]:
    items = list(items)
    return [items[n:n + _CHUNK] for n in range(0, len(items), _CHUNK)]


def _copy(source: Path, target: Path) -> None:
    """The index at ``source`` copied whole (read through SQLite, so never half a commit)."""
    origin = sqlite3.connect(_uri(source, "ro"), uri=True, timeout=2)
    try:
        copy = sqlite3.connect(target)
        try:
            origin.backup(copy)
        finally:
            copy.close()
    finally:
        origin.close()


def _remove(path: Path) -> None:
    for suffix in _COMPANIONS:
        with contextlib.suppress(OSError):
            Path(str(path) + suffix).unlink()
