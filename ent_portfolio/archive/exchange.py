"""Export and import of ``.entp`` archives.

Export writes format version 2 (:mod:`.stream`: one JSON-lines member per
table, written row by row); version 1 (one JSON document) is still read,
and written on request for an app that knows only it.

Import is all-or-nothing: the whole archive is checked before the portfolio
is touched — the zip itself (member names, each name once, no encryption, a
compression Python can read: :mod:`.members`), the records' text (bounded in
size and depth, valid UTF-8, the JSON Schema), the records as a whole
(values, ids, references, unique keys, files: :mod:`.validate`) and every
file (its hash, and that the evidence importer would take it:
:mod:`.evidence_files`).  Only then are files stored and the records merged
by UUID in one transaction, the newer ``updated_at`` winning, so importing
the same archive twice changes nothing, and a new portfolio's untouched
defaults (its empty profile, its default headings) give way to the
archive's: importing into a new portfolio gives back the archive.

A version-2 archive is read twice — once to check, once to write — rather
than held: the check keeps only the columns the plan needs of each record.
"""

from __future__ import annotations

import functools
import json
import tempfile
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from .. import __version__
from ..domain import models as m
from ..errors import UserError
from ..i18n import register
from ..jobs import CancelToken, Progress
from ..storage.files import atomic_write, storage_error
from ..storage.paths import ensure_outside_portfolio, ensure_writable_target
from ..storage.portfolio import Portfolio, head_revision, known_revisions
from .codec import encode_value
from .members import DAMAGED, FILES_PREFIX, check_members, open_zip, printable
from .merge import ArchiveSummary, merge_records
from .rowcheck import committed_schema
from .stream import MANIFEST_NAME, DocumentRecords, StreamedArchive, is_stream_member, write_records
from .validate import RecordSource, check_records, names_of_files, plan_import

__all__ = ["ArchiveSummary", "export_archive", "import_archive", "read_archive_document",
           "check_archive", "archived_file_count", "build_document", "FILES_PREFIX", "DOCUMENT_NAME"]

FORMAT_NAME = "ent-portfolio-archive"
FORMAT_VERSION = 2
#: The one member of a version-1 archive's records.
DOCUMENT_NAME = "portfolio.json"
# Far above any lecturer's records (the demo's are a few hundred kB), low
# enough that reading and parsing a version-1 document whole stays within a
# laptop's memory.
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
# Nesting of the document: records sit at depth 4, their list values at 5.
MAX_DOCUMENT_DEPTH = 32
register({
    "archive.no_document": (
        "แฟ้มสำรองไม่มีรายการข้อมูล (portfolio.json)",
        "The archive has no record document (portfolio.json).",
    ),
    "archive.bad_document": (
        "รายการข้อมูลในแฟ้มสำรองไม่ถูกต้อง: {detail} — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The archive's record document is not valid: {detail}. Nothing was imported.",
    ),
    "archive.newer_format": (
        "แฟ้มสำรองนี้สร้างด้วย EnT Portfolio รุ่นที่ใหม่กว่า (รูปแบบ {found}, โปรแกรมรุ่น {app}) "
        "โปรดปรับรุ่นโปรแกรมก่อนนำเข้า ไม่มีการเปลี่ยนแปลงใด ๆ",
        "This archive was made by a newer EnT Portfolio (format {found}, app {app}); "
        "update the app to import it. Nothing was imported.",
    ),
    "archive.cancelled": ("ยกเลิกแล้ว ไม่มีการเปลี่ยนแปลงใด ๆ", "Cancelled; nothing was changed."),
    "archive.document_too_large": (
        "รายการข้อมูลในแฟ้มสำรองใหญ่เกิน {limit} MB ซึ่งแฟ้มผลงานจริงไม่มีทางใหญ่ขนาดนี้ จึงไม่นำเข้า — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The archive's record document is larger than {limit} MB, which no real portfolio reaches; nothing was "
        "imported. Nothing was changed.",
    ),
    "archive.document_too_deep": (
        "รายการข้อมูลในแฟ้มสำรองซ้อนกันลึกผิดปกติ (เกิน {limit} ชั้น) จึงไม่นำเข้า — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The archive's record document is nested abnormally deep (more than {limit} levels); nothing was "
        "imported. Nothing was changed.",
    ),
    "archive.damaged_text": (
        "รายการข้อมูลในแฟ้มสำรองมีข้อความที่มีอักขระเสียหาย (ที่ {where}) จึงไม่นำเข้า — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The archive's record document holds text with a damaged character (at {where}); nothing was imported. "
        "Nothing was changed.",
    ),
})



@functools.lru_cache(maxsize=1)
def _validator():
    """The committed schema's validator, made once (checking the schema itself
    on every import costs more than checking a whole demo portfolio)."""
    import jsonschema

    schema = committed_schema()
    return jsonschema.validators.validator_for(schema)(schema)


# --- export -------------------------------------------------------------------

def build_document(portfolio: Portfolio) -> dict[str, Any]:
    """The version-1 document of the portfolio (held whole: for small portfolios)."""
    records: dict[str, list[dict]] = {}
    hashes: set[str] = set()
    with portfolio.reader() as session:
        for model in m.RECORD_MODELS:
            # Plain rows, not records: the same values (the columns' own
            # conversions) without building a record object for each row.
            table = model.__table__
            columns = list(table.columns)
            records[model.__tablename__] = [
                {column.key: encode_value(value) for column, value in zip(columns, row, strict=True)}
                for row in session.execute(select(*columns).order_by(table.c.id))
            ]
        hashes.update(session.scalars(select(m.Evidence.sha256)))
        hashes.update(h for h in session.scalars(select(m.Profile.photo_sha256)) if h)
    files = []
    for sha in sorted(hashes):
        path = portfolio.store.path_for(sha)
        files.append({"sha256": sha, "size": path.stat().st_size if path.exists() else None})
    return {
        "format": FORMAT_NAME,
        "format_version": 1,
        "app_version": __version__,
        "schema_revision": head_revision(),
        "exported_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "records": records,
        "files": files,
    }


def export_archive(
    portfolio: Portfolio,
    target: Path,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    format_version: int = FORMAT_VERSION,
) -> Path:
    """Write the whole portfolio to ``target`` (a temp file renamed at the end).

    ``target`` must lie outside the portfolio folder: an archive written onto
    the database or a stored file would replace it.  ``format_version`` 1
    writes the single document an older app reads (held whole in memory)."""
    target = ensure_writable_target(ensure_outside_portfolio(portfolio.folder, Path(target)))
    if format_version not in (1, FORMAT_VERSION):
        raise ValueError(f"no archive format version {format_version}")
    document = build_document(portfolio) if format_version == 1 else None
    try:
        # Photos are already compressed: store them; deflate only the records.
        # Level 1: the records deflate nearly as well, in a third of the time.
        with atomic_write(target) as handle, zipfile.ZipFile(handle, "w", compresslevel=1) as archive:
            if document is not None:
                files = document["files"]
                _refuse_missing(files)
                archive.writestr(
                    zipfile.ZipInfo(DOCUMENT_NAME, date_time=(2020, 1, 1, 0, 0, 0)),
                    json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True),
                    compress_type=zipfile.ZIP_DEFLATED,
                )
            else:
                files = write_records(archive, portfolio, _refuse_missing)
            total = len(files) + 1
            for done, item in enumerate(files, start=1):
                if cancel:
                    cancel.raise_if_cancelled()
                archive.write(portfolio.store.path_for(item["sha256"]), FILES_PREFIX + item["sha256"])
                if progress:
                    progress(done, total)
    except OSError as exc:
        raise storage_error(exc) from exc
    if progress:
        progress(1, 1)
    return target


def _refuse_missing(files: list[dict[str, Any]]) -> None:
    missing = [item["sha256"] for item in files if item["size"] is None]
    if missing:
        raise UserError("archive.file_missing", sha=missing[0])


def archived_file_count(archive: Path) -> int:
    """How many evidence files an archive holds, from its zip directory alone.

    For the sentence after an export: the archive was just written by
    :func:`export_archive`, so its document need not be read and checked
    again (that costs more than the export at a faculty's size); what is
    imported is always checked in full."""
    with open_zip(Path(archive)) as opened:
        return sum(1 for name in opened.namelist() if name.startswith(FILES_PREFIX))


# --- reading and checking ------------------------------------------------------

def open_records(archive: zipfile.ZipFile) -> RecordSource:
    """The records of an opened archive, of either format version, after the
    checks of its members (and, for version 1, of its whole document)."""
    if MANIFEST_NAME in archive.namelist():
        check_members(archive, is_stream_member)
        return StreamedArchive(archive)
    return DocumentRecords(_read_document(archive))


def check_archive(source: Path) -> None:
    """Refuse a damaged or foreign archive from what can be told without
    reading its records: the zip, its members, the version and revision it
    was made by (version 1: its whole document, as ever).  For a restore,
    which then imports the archive with every check before it is kept."""
    with open_zip(Path(source)) as archive:
        open_records(archive)


def read_archive_document(source: Path) -> dict[str, Any]:
    """The archive's records and file list as one version-1-shaped document,
    every record checked against the schema; held whole, so for looking at
    small archives (import never calls it)."""
    with open_zip(Path(source)) as archive:
        records = open_records(archive)
        if isinstance(records, DocumentRecords):
            return records.document
        document = {key: records.manifest[key] for key in ("format", "format_version", "app_version",
                                                           "schema_revision", "exported_at")}
        document["records"] = {model.__tablename__: list(records.rows(model)) for model in m.RECORD_MODELS}
        document["files"] = records.files()
        return document


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


def _check_text_and_depth(document: Any) -> None:
    """Every string (keys too) must be text UTF-8 can carry — JSON's ``\\ud800``
    escape gives a lone surrogate that SQLite, a later archive or a PDF
    cannot write — and nesting stays shallow.  Walked without recursion."""
    stack: list[tuple[Any, str, int]] = [(document, "", 0)]
    while stack:
        value, where, depth = stack.pop()
        if depth > MAX_DOCUMENT_DEPTH:
            raise UserError("archive.document_too_deep", limit=MAX_DOCUMENT_DEPTH)
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise UserError("archive.damaged_text", where=printable(where or "/")) from None
        elif isinstance(value, dict):
            for key, item in value.items():
                stack.append((key, where, depth + 1))
                stack.append((item, f"{where}/{printable(str(key))[:40]}", depth + 1))
        elif isinstance(value, list):
            stack.extend((item, f"{where}/{index}", depth + 1) for index, item in enumerate(value))


def _read_document(archive: zipfile.ZipFile) -> dict[str, Any]:
    check_members(archive, lambda name: name == DOCUMENT_NAME)
    try:
        info = archive.getinfo(DOCUMENT_NAME)
    except KeyError:
        raise UserError("archive.no_document") from None
    limit_mb = MAX_DOCUMENT_BYTES // 2**20
    if info.file_size > MAX_DOCUMENT_BYTES:
        raise UserError("archive.document_too_large", limit=limit_mb)
    try:
        with archive.open(info) as member:
            # Read one byte past the limit: a header that lies about the size
            # is caught without inflating the rest.
            data = member.read(MAX_DOCUMENT_BYTES + 1)
    except DAMAGED + (OSError,) as exc:
        raise UserError("archive.bad_document", detail=printable(str(exc))[:200]) from None
    if len(data) > MAX_DOCUMENT_BYTES:
        raise UserError("archive.document_too_large", limit=limit_mb)
    try:
        document = json.loads(data.decode("utf-8"), parse_constant=_refuse_constant)
    except (ValueError, UnicodeDecodeError) as exc:
        raise UserError("archive.bad_document", detail=printable(str(exc))[:200]) from None
    except RecursionError:
        raise UserError("archive.document_too_deep", limit=MAX_DOCUMENT_DEPTH) from None
    del data
    _check_text_and_depth(document)
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise UserError("archive.bad_document", detail="format")
    version = document.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > 1:
        raise UserError(
            "archive.newer_format", found=version, app=printable(str(document.get("app_version", "?")))[:40]
        )
    revision = document.get("schema_revision")
    if isinstance(revision, str) and revision not in known_revisions():
        raise UserError("archive.newer_format", found=printable(f"{version}/{revision}")[:80],
                        app=printable(str(document.get("app_version", "?")))[:40])
    try:
        # The first error, not the "best" of all: a document wrong in every
        # record would otherwise be described in full before it is refused.
        error = next(iter(_validator().iter_errors(document)), None)
    except RecursionError:
        raise UserError("archive.document_too_deep", limit=MAX_DOCUMENT_DEPTH) from None
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path)
        raise UserError("archive.bad_document", detail=printable(f"{where}: {error.message}")[:300])
    return document


def import_archive(
    portfolio: Portfolio,
    source: Path,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    limits=None,
) -> ArchiveSummary:
    """Merge the archive ``source`` into ``portfolio``, or refuse it whole
    with one sentence and leave the portfolio as it was.

    ``limits`` (an :class:`~ent_portfolio.media.acceptance.ImportLimits`)
    are those of the evidence importer, default 500 MB a file."""
    # The evidence checks (images, PDFs) load only for an import, not an export.
    from .evidence_files import accept_files, discard_new_files, extract_checked

    source = Path(source)
    summary = ArchiveSummary()
    with open_zip(source) as archive:
        records = open_records(archive)
        files = records.files()
        parsed = check_records(records)
        with portfolio.reader() as session:
            plan_import(session, parsed)  # refuse a bad archive before a byte is extracted
        portfolio.temp_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=portfolio.temp_dir, prefix=".import-") as tmp:
            staged = extract_checked(archive, files, Path(tmp), portfolio, cancel, progress)
            accept_files(staged, names_of_files(parsed), limits)
            if cancel:
                cancel.raise_if_cancelled()
            new_files: set[str] = set()
            try:
                for sha, path in staged.items():
                    if portfolio.store.add_verified(path, sha):
                        new_files.add(sha)
                merge_records(portfolio, records, parsed, summary)
            except BaseException:
                discard_new_files(portfolio, new_files)
                raise
            summary.files_added = len(new_files)
    if progress:
        progress(1, 1)
    return summary
