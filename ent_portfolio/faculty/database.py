"""Opening a faculty's database: an SQLite file (nothing to install) or a
PostgreSQL server, brought to the newest schema on open.

The lecturer schema comes from the app's own migrations
(``storage/migrations``, the very models a lecturer's portfolio has), the
faculty's tables from theirs (``faculty/migrations``, version table
``faculty_alembic_version``); both in one transaction on PostgreSQL, whose
schema changes are transactional.  A database a newer app wrote, a URL of
another kind, a server that does not answer: one sentence, nothing written."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from ..domain.models import Base
from ..errors import UserError
from ..i18n import register
from ..storage.engine import make_engine
from ..storage.layout import META_PORTFOLIO_ID
from ..storage.schema import MIGRATIONS as LECTURER_MIGRATIONS
from ..storage.schema import migrate_engine
from .models import FACULTY_VERSION_TABLE, FacultyBase

FACULTY_MIGRATIONS = Path(__file__).with_name("migrations")
#: Seconds to wait for a PostgreSQL server before saying it does not answer.
CONNECT_TIMEOUT = 10
#: What a URL may name: SQLite (any spelling SQLAlchemy knows) or PostgreSQL through psycopg 3.
SQLITE_DRIVERS = {"sqlite", "sqlite+pysqlite"}
POSTGRESQL_DRIVERS = {"postgresql", "postgresql+psycopg"}
#: Tables a faculty database may hold; any other is another program's database.
_OUR_TABLES = set(Base.metadata.tables) | set(FacultyBase.metadata.tables) | {"alembic_version", FACULTY_VERSION_TABLE}

register({
    "faculty.db_unsupported": (
        "ฐานข้อมูลคณะต้องเป็นไฟล์ SQLite (ชื่อไฟล์ หรือ sqlite:///…) หรือ PostgreSQL (postgresql+psycopg://…) "
        "ไม่ใช่ “{url}”",
        "The faculty database must be an SQLite file (a file name, or sqlite:///…) or PostgreSQL "
        "(postgresql+psycopg://…), not “{url}”.",
    ),
    "faculty.db_unreachable": (
        "ติดต่อเซิร์ฟเวอร์ฐานข้อมูล “{where}” ไม่ได้: {detail} — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The database server “{where}” could not be reached: {detail}. Nothing was changed.",
    ),
    "faculty.db_folder_missing": (
        "ไม่มีโฟลเดอร์ “{path}” สำหรับไฟล์ฐานข้อมูลคณะ",
        "The folder “{path}” for the faculty database does not exist.",
    ),
    "faculty.db_newer": (
        "ฐานข้อมูลคณะนี้บันทึกด้วย EnT Portfolio รุ่นที่ใหม่กว่า (รุ่นข้อมูล {found}) "
        "โปรดปรับรุ่นโปรแกรมก่อนใช้ — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "This faculty database was saved by a newer EnT Portfolio (data version {found}); "
        "update the app to use it. Nothing was changed.",
    ),
    "faculty.db_not_faculty": (
        "“{where}” เป็นแฟ้มผลงานของอาจารย์หรือฐานข้อมูลของโปรแกรมอื่น ไม่ใช่ฐานข้อมูลคณะ — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{where}” is a lecturer's portfolio or another program's database, not a faculty database. "
        "Nothing was changed.",
    ),
    "faculty.db_failed": (
        "ใช้ฐานข้อมูลคณะ “{where}” ไม่ได้: {detail} — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The faculty database “{where}” could not be used: {detail}. Nothing was changed.",
    ),
})


def _config(folder: Path, connection: Connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(folder))
    cfg.attributes["connection"] = connection
    return cfg


def _revisions(folder: Path) -> set[str]:
    return {rev.revision for rev in ScriptDirectory(str(folder)).walk_revisions()}


def _shown(url: URL) -> str:
    """The URL as a message may show it: never the password."""
    return url.render_as_string(hide_password=True)


def parse_database_url(url_or_path: str) -> URL:
    """The SQLAlchemy URL of a faculty database given as a URL or a plain
    file path; a URL of any other kind is refused."""
    text_value = str(url_or_path).strip()
    if "://" not in text_value:
        return URL.create("sqlite", database=str(Path(text_value).expanduser()))
    try:
        url = make_url(text_value)
    except ArgumentError:
        raise UserError("faculty.db_unsupported", url=text_value[:120]) from None
    if url.drivername in SQLITE_DRIVERS:
        if not url.database or url.database == ":memory:":
            raise UserError("faculty.db_unsupported", url=_shown(url)[:120])
        return url.set(drivername="sqlite")
    if url.drivername in POSTGRESQL_DRIVERS:
        return url.set(drivername="postgresql+psycopg")
    raise UserError("faculty.db_unsupported", url=_shown(url)[:120])


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def open_faculty_database(url_or_path: str) -> Engine:
    """An engine on the faculty database ``url_or_path``, its schema (the
    lecturer tables and the faculty's) brought to the newest first."""
    url = parse_database_url(url_or_path)
    if url.drivername == "sqlite":
        database = Path(url.database)
        if not database.parent.is_dir():
            raise UserError("faculty.db_folder_missing", path=str(database.parent))
        engine = make_engine(database)
    else:
        try:
            engine = create_engine(url, connect_args={"connect_timeout": CONNECT_TIMEOUT}, pool_pre_ping=True)
        except (NoSuchModuleError, ImportError) as exc:  # psycopg missing from this install
            raise UserError("faculty.db_failed", where=_shown(url), detail=str(exc)[:200]) from None
    try:
        _migrate(engine, _shown(url))
    except BaseException:
        engine.dispose()
        raise
    return engine


def _version_of(connection: Connection, table: str) -> str | None:
    if not inspect(connection).has_table(table):
        return None
    row = connection.execute(text(f"SELECT version_num FROM {table}")).first()  # noqa: S608 - our own constant
    return row[0] if row else None


def _refuse_unknown(connection: Connection, where: str) -> None:
    """Nothing is written to a database this app cannot read whole: one a
    newer app migrated, or a lecturer's own portfolio."""
    lecturer = _version_of(connection, "alembic_version")
    faculty = _version_of(connection, FACULTY_VERSION_TABLE)
    if lecturer is not None and lecturer not in _revisions(LECTURER_MIGRATIONS):
        raise UserError("faculty.db_newer", found=str(lecturer)[:64])
    if faculty is not None and faculty not in _revisions(FACULTY_MIGRATIONS):
        raise UserError("faculty.db_newer", found=str(faculty)[:64])
    tables = set(inspect(connection).get_table_names())
    if tables - _OUR_TABLES:
        raise UserError("faculty.db_not_faculty", where=where)
    if "portfolio_meta" in tables:
        mark = connection.execute(text("SELECT value FROM portfolio_meta WHERE key = :k"),
                                  {"k": META_PORTFOLIO_ID}).first()
        if mark is not None:  # a lecturer's own portfolio, which a faculty load must never write into
            raise UserError("faculty.db_not_faculty", where=where)


def _migrate(engine: Engine, where: str) -> None:
    try:
        connection = engine.connect()
    except DBAPIError as exc:
        raise UserError("faculty.db_unreachable", where=where, detail=_first_line(exc)) from None
    try:
        with connection:
            if is_sqlite(engine):
                _refuse_unknown(connection, where)
                connection.close()
                # The storage layer's migration: foreign keys checked as a
                # whole after SQLite's table rebuilds, the app version stamped.
                migrate_engine(engine)
                with engine.connect() as again, again.begin():
                    command.upgrade(_config(FACULTY_MIGRATIONS, again), "head")
                return
            with connection.begin():
                # Two loaders starting at once must not both create the tables.
                connection.execute(text("SELECT pg_advisory_xact_lock(220022)"))
                _refuse_unknown(connection, where)
                command.upgrade(_config(LECTURER_MIGRATIONS, connection), "head")
                command.upgrade(_config(FACULTY_MIGRATIONS, connection), "head")
    except DBAPIError as exc:
        raise UserError("faculty.db_failed", where=where, detail=_first_line(exc)) from None


def _first_line(exc: DBAPIError) -> str:
    lines = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return (lines[0] if lines else type(exc).__name__)[:200]
