"""Loading lecturers' archives into a faculty's database.

Each archive on its own: imported first into a scratch lecturer portfolio
(the archive package's import, so every check an archive gets on a laptop
— its zip, its records, its files — it gets here too, and the app's own
readiness rules can run on it), read from there with the dossier's privacy
rules applied (:mod:`.privacy`), then written in one transaction with every
id remapped for this lecturer (:func:`.models.faculty_id`).  A lecturer is
known by their archive's profile id: a newer archive of theirs replaces
every row the older one brought (listed in ``faculty_record``), an older or
identical one changes nothing (an archive says when it was written to the
second: one written in the same second as the loaded one is not newer),
and an archive that fails any check is refused by name while the others
load."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, bindparam, delete, insert, select, update

from ..archive import import_archive, read_archive_document
from ..domain import models as m
from ..errors import UserError
from ..i18n import current_language, register
from ..jobs import CancelToken, Progress
from ..readiness import ReadinessStatus, Severity, check_readiness
from ..storage.files import storage_error
from ..storage.portfolio import Portfolio
from .database import open_faculty_database, parse_database_url
from .files import copy_evidence_files, copy_profile_photo
from .models import FacultyLecturer, FacultyRecord, FacultyWork, faculty_id
from .privacy import NOT_COPIED, LecturerRows, lecturer_rows

LOADED, REPLACED, UNCHANGED, REFUSED = "loaded", "replaced", "unchanged", "refused"
#: Tables written, parents before children; deleted in the reverse order.
COPIED_MODELS: tuple[type[m.Record], ...] = tuple(model for model in m.RECORD_MODELS if model not in NOT_COPIED)

register({
    "faculty.no_profile": (
        "แฟ้มสำรองนี้ไม่มีข้อมูลผู้ขอ (โปรไฟล์ของอาจารย์) จึงไม่รู้ว่าเป็นแฟ้มของใคร",
        "This archive holds no profile, so whose portfolio it is cannot be told.",
    ),
    "faculty.refused": ("ไม่นำเข้า “{name}”: {reason}", "“{name}” was not loaded: {reason}"),
    "faculty.files_dir_needed": (
        "การคัดลอกไฟล์หลักฐานเข้าฐานข้อมูล PostgreSQL ต้องระบุโฟลเดอร์ที่จะเก็บไฟล์ (--files-dir)",
        "Copying evidence files with a PostgreSQL database needs a folder to keep them in (--files-dir).",
    ),
})


@dataclass
class ArchiveOutcome:
    """What loading one archive did."""

    path: Path
    outcome: str
    #: Why it was refused (the sentence in the current language), else "".
    message: str = ""
    lecturer_id: str | None = None
    name_th: str = ""
    works: int = 0
    files: int = 0


@dataclass
class LoadSummary:
    outcomes: list[ArchiveOutcome] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for item in self.outcomes if item.outcome == outcome)

    @property
    def refused(self) -> list[ArchiveOutcome]:
        return [item for item in self.outcomes if item.outcome == REFUSED]


def files_folder(url: str, files_dir: Path | None) -> Path:
    """Where copied evidence files go: ``files_dir``, else beside an SQLite
    file (``faculty.sqlite3`` → ``faculty-files``)."""
    if files_dir is not None:
        return Path(files_dir)
    parsed = parse_database_url(url)
    if parsed.drivername != "sqlite":
        raise UserError("faculty.files_dir_needed")
    database = Path(parsed.database)
    return database.with_name(f"{database.stem}-files")


def default_workers() -> int:
    """Processes that read archives at once: two where the machine has two
    cores or more (reading an archive is most of a load, and lecturers'
    archives are independent), else one."""
    return 2 if (os.cpu_count() or 1) > 1 else 1


class _Inline:
    """The reading of archives done here, one after another (one worker)."""

    def submit(self, function, *args):
        future: Future = Future()
        try:
            future.set_result(function(*args))
        except BaseException as exc:  # noqa: BLE001 - handed over as a pool would
            future.set_exception(exc)
        return future

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        pass


def load_archives(url: str, archives: Sequence[Path], *, with_files: bool = False, files_dir: Path | None = None,
                  progress: Progress | None = None, cancel: CancelToken | None = None,
                  on_outcome: Callable[[ArchiveOutcome], None] | None = None, workers: int = 1) -> LoadSummary:
    """Load ``archives`` into the faculty database at ``url``, one
    transaction each; ``on_outcome`` hears of each as it ends (a progress
    line), in the order given.  With ``workers`` above one, that many
    processes read archives ahead while this one writes them, in order."""
    folder = files_folder(url, files_dir) if with_files else None
    engine = open_faculty_database(url)
    summary = LoadSummary()
    lang = current_language()
    # Archives read ahead of the one being written: one a worker, so none is idle.
    ahead = 0 if workers <= 1 else workers
    in_flight: deque[tuple[Path, _Prepared | ArchiveOutcome, Future | None]] = deque()

    def finish() -> None:
        path, prepared, future = in_flight.popleft()
        outcome = prepared if isinstance(prepared, ArchiveOutcome) else _finish_one(engine, path, prepared, future)
        summary.outcomes.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)
        if progress is not None:
            progress(len(summary.outcomes), len(archives))

    try:
        with tempfile.TemporaryDirectory(prefix="ent-faculty-load-") as scratch:
            template = Path(scratch) / "template"
            Portfolio.create(template).close()
            pool = _Inline() if workers <= 1 else ProcessPoolExecutor(workers, mp_context=get_context("spawn"))
            try:
                for index, path in enumerate(map(Path, archives), start=1):
                    if cancel is not None:
                        cancel.raise_if_cancelled()
                    prepared = _prepare(engine, path)
                    future = None
                    if isinstance(prepared, _Prepared):
                        future = pool.submit(_read_scratch, path, template, Path(scratch) / f"p{index}", folder,
                                             lang)
                    in_flight.append((path, prepared, future))
                    while len(in_flight) > ahead:
                        finish()
                while in_flight:
                    if cancel is not None:
                        cancel.raise_if_cancelled()
                    finish()
            finally:
                # Before the scratch folder goes: a worker may still be writing in it.
                pool.shutdown(wait=True, cancel_futures=True)
    finally:
        engine.dispose()
    return summary


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1024 * 1024):
                digest.update(chunk)
    except OSError as exc:
        raise storage_error(exc) from exc
    return digest.hexdigest()


@dataclass(frozen=True)
class _Stamp:
    """What the archive says of itself: when the lecturer's app wrote it
    (UTC), which app, and whose it is (its profile id, None without one)."""

    exported_at: datetime
    app_version: str
    lecturer_key: str | None


def _archive_stamp(path: Path) -> _Stamp:
    document = read_archive_document(path)
    try:
        stamp = datetime.fromisoformat(str(document.get("exported_at")))
    except ValueError:
        raise UserError("archive.bad_document", detail="exported_at") from None
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(UTC).replace(tzinfo=None)
    profiles = document["records"].get(m.Profile.__tablename__) or [{}]
    key = profiles[0].get("id")
    return _Stamp(stamp, str(document.get("app_version", ""))[:40], str(key) if key else None)


def _known(engine: Engine, key: str | None):
    """The loaded lecturer ``key``'s stamp and name, None if not loaded."""
    if key is None:
        return None
    with engine.connect() as connection:
        return connection.execute(select(FacultyLecturer.archive_exported_at, FacultyLecturer.name_th)
                                  .where(FacultyLecturer.id == key)).first()


@dataclass
class _Lecturer:
    key: str
    rows: LecturerRows
    works: list[tuple[str, bool, int, int]]  # (work id, ready, blocking findings, findings)
    files: int


def _read_scratch(path: Path, template: Path, scratch: Path, files: Path | None, lang: str) -> _Lecturer | str:
    """:func:`_read`, as a worker process runs it: a refusal comes back as
    its sentence in ``lang`` (the caller's language, not the worker's)."""
    try:
        return _read(path, template, scratch, files)
    except UserError as exc:
        return exc.message(lang)


def _read(path: Path, template: Path, scratch: Path, files: Path | None) -> _Lecturer:
    """The archive imported into a copy of an empty portfolio, read back as
    rows fit to leave, with each work's readiness."""
    shutil.copytree(template, scratch)
    portfolio = Portfolio.open(scratch, backup_on_open=False)
    try:
        with portfolio.reader() as session:
            seeded = session.scalar(select(m.Profile.id))
        import_archive(portfolio, path)
        rows = lecturer_rows(portfolio)
        if not rows.profile or rows.profile["id"] == seeded:
            raise UserError("faculty.no_profile")
        readiness = check_readiness(portfolio)
        works = []
        for work in readiness.works:
            blocking = sum(1 for f in work.findings if f.severity is Severity.BLOCKING)
            ready = work.status in (ReadinessStatus.READY, ReadinessStatus.IMPROVE)
            works.append((work.work_id, ready, blocking, len(work.findings)))
        copied = 0
        if files is not None:
            copied = copy_evidence_files(portfolio.store, rows.rows[m.Evidence], rows.files_allowed, files)
            copy_profile_photo(portfolio.store, rows.profile, files)
        return _Lecturer(rows.profile["id"], rows, works, copied)
    finally:
        portfolio.close()
        shutil.rmtree(scratch, ignore_errors=True)


@dataclass(frozen=True)
class _Prepared:
    sha: str
    stamp: _Stamp


def _prepare(engine: Engine, path: Path) -> _Prepared | ArchiveOutcome:
    """What can be told before the archive is imported: refused outright,
    this very file already loaded, an older archive of a loaded lecturer."""
    try:
        sha = _file_sha256(path)
        with engine.connect() as connection:
            same = connection.execute(select(FacultyLecturer.id, FacultyLecturer.name_th)
                                      .where(FacultyLecturer.archive_sha256 == sha)).first()
        if same is not None:  # this very file was loaded: nothing to read again
            return ArchiveOutcome(path, UNCHANGED, lecturer_id=same.id, name_th=same.name_th)
        stamp = _archive_stamp(path)
    except UserError as exc:
        return ArchiveOutcome(path, REFUSED, exc.message())
    loaded = _known(engine, stamp.lecturer_key)
    if loaded is not None and loaded.archive_exported_at >= stamp.exported_at:
        # An older archive of a lecturer already loaded: not even imported.
        return ArchiveOutcome(path, UNCHANGED, lecturer_id=stamp.lecturer_key, name_th=loaded.name_th)
    return _Prepared(sha, stamp)


def _finish_one(engine: Engine, path: Path, prepared: _Prepared, future: Future) -> ArchiveOutcome:
    lecturer = future.result()
    if isinstance(lecturer, str):  # the reader's refusal, in the caller's language
        return ArchiveOutcome(path, REFUSED, lecturer)
    try:
        return _write(engine, path, prepared, lecturer)
    except UserError as exc:
        return ArchiveOutcome(path, REFUSED, exc.message())


def _write(engine: Engine, path: Path, prepared: _Prepared, lecturer: _Lecturer) -> ArchiveOutcome:
    """The lecturer's rows in one transaction, replacing theirs if this archive is newer."""
    profile = lecturer.rows.profile
    exported_at, app_version = prepared.stamp.exported_at, prepared.stamp.app_version
    with engine.begin() as connection:
        known = connection.execute(select(FacultyLecturer.archive_exported_at)
                                   .where(FacultyLecturer.id == lecturer.key)).first()
        if known is not None and known.archive_exported_at >= exported_at:
            return ArchiveOutcome(path, UNCHANGED, lecturer_id=lecturer.key, name_th=profile.get("name_th", ""))
        if known is not None:
            _delete_lecturer(connection, lecturer.key)
        connection.execute(insert(FacultyLecturer.__table__), [{
            "id": lecturer.key, "profile_id": faculty_id(lecturer.key, lecturer.key),
            **{name: (profile.get(name) or "")[:200] for name in ("name_th", "name_en", "faculty", "department",
                                                                   "university")},
            "archive_sha256": prepared.sha, "archive_exported_at": exported_at, "app_version": app_version,
            "loaded_at": datetime.now(UTC).replace(tzinfo=None, microsecond=0),
            "works_count": len(lecturer.rows.rows.get(m.Work, [])),
        }])
        _insert_rows(connection, lecturer)
    return ArchiveOutcome(path, REPLACED if known is not None else LOADED, lecturer_id=lecturer.key,
                          name_th=profile.get("name_th", ""), works=len(lecturer.works), files=lecturer.files)


def _delete_lecturer(connection, key: str) -> None:
    """Every row the lecturer's earlier archive brought, children first."""
    for model in reversed(COPIED_MODELS):
        table = model.__table__
        theirs = select(FacultyRecord.record_id).where(FacultyRecord.lecturer_id == key,
                                                       FacultyRecord.table_name == table.name)
        connection.execute(delete(table).where(table.c.id.in_(theirs)))
    connection.execute(delete(FacultyLecturer.__table__).where(FacultyLecturer.id == key))


def _later_columns(model: type[m.Record]) -> list[str]:
    """Columns pointing at a table written later (evidence ↔ testimonial):
    written empty first and set once both tables hold their rows."""
    return [column.key for column in model.__table__.columns
            if any(key.use_alter for key in column.foreign_keys)]


def _insert_rows(connection, lecturer: _Lecturer) -> None:
    key = lecturer.key
    later: list[tuple[Any, str, list[dict[str, str]]]] = []
    records: list[dict[str, str]] = []
    for model in COPIED_MODELS:
        table = model.__table__
        keys = [column.key for column in table.columns if column.foreign_keys]
        deferred = _later_columns(model)
        rows = []
        pending: dict[str, list[dict[str, str]]] = {}
        for values in lecturer.rows.rows.get(model, []):
            row = dict(values)
            row["id"] = faculty_id(key, values["id"])
            for name in keys:
                if row.get(name) is not None:
                    row[name] = faculty_id(key, row[name])
            for name in deferred:
                if row.get(name) is not None:
                    pending.setdefault(name, []).append({"row_id": row["id"], "target": row[name]})
                    row[name] = None
            rows.append(row)
            records.append({"table_name": table.name, "record_id": row["id"], "lecturer_id": key})
        if rows:
            connection.execute(insert(table), rows)
        later.extend((table, name, links) for name, links in pending.items())
    for table, name, links in later:
        statement = update(table).where(table.c.id == bindparam("row_id")).values({name: bindparam("target")})
        connection.execute(statement, links)
    if records:
        connection.execute(insert(FacultyRecord.__table__), records)
    works = [{"work_id": faculty_id(key, work_id), "lecturer_id": key, "ready_for_promotion": ready,
              "blocking_findings": blocking, "findings": found}
             for work_id, ready, blocking, found in lecturer.works]
    if works:
        connection.execute(insert(FacultyWork.__table__), works)
