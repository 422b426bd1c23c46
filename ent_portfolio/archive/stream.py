"""Format version 2 of the archive: the records streamed, one JSON-lines
member per table.

Version 1 keeps every record in one JSON document, which must be read and
parsed whole: its size limit (64 MB) kept a faculty's portfolio (5,000
works, some 50 kB each) out, and parsing it whole held the portfolio in
memory several times over.  Here each table is ``records/<table>.jsonl``,
one record a line, written row by row from the database and read line by
line, so neither side holds more than one line of text at a time.  The
bounds move from the whole document to its parts: a line (one record), a
member (one table), the record count of a table, the manifest.  A line
longer than its limit is refused once the limit is read, without reading on.

``manifest.json`` (written last, read first) says what the archive is and
how many records each table and the file list hold; a member that is
missing, cut short or longer than its count is refused.  There is no
compression-ratio limit: nothing of a record member is written to disk, the
member's declared size must be the size read, and the absolute bounds keep
what a hostile archive can make the reader do finite.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from .. import __version__
from ..domain import models as m
from ..errors import UserError
from ..i18n import register
from ..storage.portfolio import Portfolio, head_revision, known_revisions
from .codec import row_encoder
from .members import DAMAGED, printable
from .rowcheck import file_check, record_checks

FORMAT_NAME = "ent-portfolio-archive"
FORMAT_VERSION = 2
MANIFEST_NAME = "manifest.json"
FILE_LIST_NAME = "files.jsonl"
RECORDS_PREFIX = "records/"
RECORDS_SUFFIX = ".jsonl"
MAX_MANIFEST_BYTES = 1024 * 1024
#: One record: the longest write-up a form takes is far below this.
MAX_LINE_BYTES = 16 * 1024 * 1024
#: One table (a faculty's evidence table is some 60 MB).
MAX_MEMBER_BYTES = 2 * 1024 * 1024 * 1024
#: Records of one table (a faculty's largest table holds some 60,000).
MAX_TABLE_RECORDS = 5_000_000
#: A record sits at depth 4 of a version-1 document (32 levels): the same
#: nesting is allowed within a line.
MAX_RECORD_DEPTH = 28
_READ_BUFFER = 1024 * 1024
_WRITE_BATCH = 500
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")

register({
    "archive.part_missing": (
        "แฟ้มสำรองขาดส่วน “{name}” (แฟ้มอาจถูกตัดหรือเสียหาย) จึงไม่นำเข้า — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The archive lacks its part “{name}” (it may be cut short or damaged); nothing was imported.",
    ),
    "archive.part_count": (
        "ส่วน “{name}” ของแฟ้มสำรองมี {found} รายการ แต่สารบัญระบุ {declared} รายการ (แฟ้มอาจถูกตัดหรือถูกแก้ไข) "
        "จึงไม่นำเข้า — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The archive's part “{name}” holds {found} entries where its table of contents says {declared} (it may "
        "be cut short or altered); nothing was imported.",
    ),
    "archive.record_too_large": (
        "ระเบียนบรรทัดที่ {line} ของ “{name}” ในแฟ้มสำรองยาวเกิน {limit} MB ซึ่งระเบียนจริงไม่มีทางยาวขนาดนี้ "
        "จึงไม่นำเข้า — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "Record line {line} of “{name}” in the archive is longer than {limit} MB, which no real record "
        "reaches; nothing was imported.",
    ),
    "archive.changed_while_reading": (
        "แฟ้มสำรองถูกเปลี่ยนระหว่างการนำเข้า (ส่วน “{name}”) จึงไม่นำเข้า — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The archive changed while it was being imported (its part “{name}”); nothing was imported.",
    ),
})


def table_member(table: str) -> str:
    return f"{RECORDS_PREFIX}{table}{RECORDS_SUFFIX}"


def is_stream_member(name: str) -> bool:
    if name in (MANIFEST_NAME, FILE_LIST_NAME):
        return True
    return name in _TABLE_MEMBERS


_TABLE_MEMBERS = {table_member(model.__tablename__) for model in m.RECORD_MODELS}


# --- writing ----------------------------------------------------------------------

def _dumps(value: Any) -> str:
    # Keys come sorted from the encoder (sorting them again costs a tenth of an export).
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _member_info(name: str, deflate: bool = True) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    return info


def _files_named(session, portfolio: Portfolio) -> list[dict[str, Any]]:
    """Every stored file a record names, with its size (None if the store lacks it)."""
    hashes = set(session.scalars(select(m.Evidence.sha256)))
    hashes.update(h for h in session.scalars(select(m.Profile.photo_sha256)) if h)
    files = []
    for sha in sorted(hashes):
        path = portfolio.store.path_for(sha)
        files.append({"sha256": sha, "size": path.stat().st_size if path.exists() else None})
    return files


def write_records(archive: zipfile.ZipFile, portfolio: Portfolio,
                  check_files: Callable[[list[dict[str, Any]]], None]) -> list[dict[str, Any]]:
    """The record members, the file list and the manifest, row by row from one
    read transaction (rows ordered by id, as in version 1); returns the file
    list, which ``check_files`` has seen before a record was written."""
    counts: dict[str, int] = {}
    with portfolio.reader() as session:
        files = _files_named(session, portfolio)
        check_files(files)
        connection = session.connection()
        for model in m.RECORD_MODELS:
            table = model.__table__
            columns = list(table.columns)
            encode = row_encoder(columns)
            count = 0
            with archive.open(_member_info(table_member(table.name)), "w", force_zip64=True) as out:
                batch: list[str] = []
                for row in connection.execute(select(*columns).order_by(table.c.id)):
                    batch.append(_dumps(encode(row)))
                    if len(batch) >= _WRITE_BATCH:
                        out.write(("\n".join(batch) + "\n").encode("utf-8"))
                        count += len(batch)
                        batch.clear()
                if batch:
                    out.write(("\n".join(batch) + "\n").encode("utf-8"))
                    count += len(batch)
            counts[table.name] = count
    with archive.open(_member_info(FILE_LIST_NAME), "w", force_zip64=True) as out:
        out.write("".join(_dumps(item) + "\n" for item in files).encode("utf-8"))
    manifest = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "schema_revision": head_revision(),
        "exported_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "records": counts,
        "files": len(files),
    }
    archive.writestr(_member_info(MANIFEST_NAME), json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True))
    return files


# --- reading ----------------------------------------------------------------------

def _bad(detail: str) -> UserError:
    return UserError("archive.bad_document", detail=printable(detail)[:300])


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


def _check_nested(value: Any, where: str, check_text: bool, depth: int = 1) -> None:
    """Depth and text of one parsed line, walked without recursion.  Lone
    surrogates come only from ``\\uD800``-style escapes (the bytes are strict
    UTF-8), so strings are looked at only when the line has such an escape."""
    stack: list[tuple[Any, int]] = [(value, depth)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_RECORD_DEPTH:
            raise UserError("archive.document_too_deep", limit=MAX_RECORD_DEPTH + 4)
        if isinstance(item, str):
            if check_text:
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError:
                    raise UserError("archive.damaged_text", where=printable(where)) from None
        elif isinstance(item, dict):
            for key, inner in item.items():
                stack.append((key, depth + 1))
                stack.append((inner, depth + 1))
        elif isinstance(item, list):
            stack.extend((inner, depth + 1) for inner in item)


def _parse_line(line: bytes, where: str) -> Any:
    try:
        value = json.loads(line.decode("utf-8"), parse_constant=_refuse_constant)
    except (ValueError, UnicodeDecodeError) as exc:
        raise _bad(f"{where}: {exc}") from None
    except RecursionError:
        raise UserError("archive.document_too_deep", limit=MAX_RECORD_DEPTH + 4) from None
    if _SURROGATE_ESCAPE.search(line) is not None:
        _check_nested(value, where, check_text=True)
    elif isinstance(value, dict):
        # No string can be damaged; only nested values can be deep.
        for item in value.values():
            if isinstance(item, (dict, list)):
                _check_nested(item, where, check_text=False, depth=2)
    elif isinstance(value, list):
        _check_nested(value, where, check_text=False)
    return value


def _check_contents(manifest: dict[str, Any], names: set[str]) -> None:
    """The manifest's texts and counts, and every part it implies present."""
    for name in ("app_version", "exported_at"):
        if not isinstance(manifest.get(name), str):
            raise _bad(f"{MANIFEST_NAME}: {name}")
    counts = manifest.get("records")
    tables = {model.__tablename__ for model in m.RECORD_MODELS}
    if not isinstance(counts, dict) or set(counts) - tables:
        raise _bad(f"{MANIFEST_NAME}: records")
    for name, count in [*counts.items(), ("files", manifest.get("files"))]:
        if not isinstance(count, int) or isinstance(count, bool) or not 0 <= count <= MAX_TABLE_RECORDS:
            raise _bad(f"{MANIFEST_NAME}: {name}")
    # Every table the manifest counts must be there.  A table it does not
    # name is one the archive's app did not have yet (a later revision
    # added it): none of its records, as in a version-1 document without it.
    for table in sorted(counts):
        if table_member(table) not in names:
            raise UserError("archive.part_missing", name=table_member(table))
    counted = {table_member(table) for table in counts}
    uncounted = sorted(names & _TABLE_MEMBERS - counted)
    if uncounted:  # records the manifest does not vouch for
        raise _bad(f"{MANIFEST_NAME}: records ({uncounted[0]} is not counted)")
    if FILE_LIST_NAME not in names:
        raise UserError("archive.part_missing", name=FILE_LIST_NAME)


class StreamedArchive:
    """A version-2 archive opened for import: its manifest read and checked,
    its members there; records are read by :meth:`rows`, table by table, as
    often as the import needs (each pass checks every line again, and a
    member whose bytes differ from the first pass is refused)."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.manifest = self._read_manifest()
        self._digests: dict[str, str] = {}
        self._files: list[dict[str, Any]] | None = None

    def _read_manifest(self) -> dict[str, Any]:
        info = self.archive.getinfo(MANIFEST_NAME)
        if info.file_size > MAX_MANIFEST_BYTES:
            raise UserError("archive.document_too_large", limit=MAX_MANIFEST_BYTES // 2**20)
        try:
            with self.archive.open(info) as member:
                data = member.read(MAX_MANIFEST_BYTES + 1)
        except DAMAGED + (OSError,) as exc:
            raise _bad(f"{MANIFEST_NAME}: {exc}") from None
        if len(data) > MAX_MANIFEST_BYTES:
            raise UserError("archive.document_too_large", limit=MAX_MANIFEST_BYTES // 2**20)
        manifest = _parse_line(data, MANIFEST_NAME)
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
            raise _bad("format")
        version = manifest.get("format_version")
        app = printable(str(manifest.get("app_version", "?")))[:40]
        if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
            raise UserError("archive.newer_format", found=version, app=app)
        revision = manifest.get("schema_revision")
        if isinstance(revision, str) and revision not in known_revisions():
            raise UserError("archive.newer_format", found=printable(f"{version}/{revision}")[:80], app=app)
        if version != FORMAT_VERSION or not isinstance(revision, str):
            raise _bad(f"{MANIFEST_NAME}: format_version, schema_revision")
        _check_contents(manifest, set(self.archive.namelist()))
        return manifest

    def _lines(self, name: str) -> Iterator[tuple[int, bytes]]:
        """The member's lines (without their ends), bounded, and the member's
        bytes hashed so a second pass can tell it read the same archive."""
        info = self.archive.getinfo(name)
        if info.file_size > MAX_MEMBER_BYTES:
            raise UserError("archive.document_too_large", limit=MAX_MEMBER_BYTES // 2**20)
        digest = hashlib.sha256()
        read = 0
        number = 0
        try:
            with self.archive.open(info) as member:
                while True:
                    line = member.readline(MAX_LINE_BYTES + 1)
                    if not line:
                        break
                    number += 1
                    read += len(line)
                    if read > info.file_size or read > MAX_MEMBER_BYTES:
                        # The header said less: a bomb's trick, stopped here.
                        raise UserError("archive.document_too_large", limit=MAX_MEMBER_BYTES // 2**20)
                    digest.update(line)
                    if not line.endswith(b"\n"):
                        if len(line) > MAX_LINE_BYTES:
                            raise UserError("archive.record_too_large", name=name, line=number,
                                            limit=MAX_LINE_BYTES // 2**20)
                        raise _bad(f"{name}, line {number}: the line is cut short (no line end)")
                    yield number, line[:-1]
        except DAMAGED + (OSError,) as exc:
            raise _bad(f"{name}: {exc}") from None
        known = self._digests.setdefault(name, digest.hexdigest())
        if known != digest.hexdigest():
            raise UserError("archive.changed_while_reading", name=name)

    def _entries(self, name: str, check, declared: int) -> Iterator[dict[str, Any]]:
        found = 0
        for number, line in self._lines(name):
            where = f"{name}, line {number}"
            value = _parse_line(line, where)
            found += 1
            if found > declared:
                raise UserError("archive.part_count", name=name, found=f"{found}+", declared=declared)
            if not check.valid(value):
                raise _bad(f"{where}: {check.first_error(value)}")
            yield value
        if found != declared:
            raise UserError("archive.part_count", name=name, found=found, declared=declared)

    def rows(self, model: type[m.Record]) -> Iterator[dict[str, Any]]:
        table = model.__tablename__
        if table not in self.manifest["records"]:
            return iter(())  # a table added after the archive's app: no records of it
        declared = self.manifest["records"][table]
        return self._entries(table_member(table), record_checks()[table], declared)

    def files(self) -> list[dict[str, Any]]:
        if self._files is None:
            self._files = list(self._entries(FILE_LIST_NAME, file_check(), self.manifest["files"]))
        return self._files


class DocumentRecords:
    """A version-1 document (already read and checked whole) seen as the
    streamed archive is: rows table by table, and the file list."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document

    def rows(self, model: type[m.Record]) -> Iterator[dict[str, Any]]:
        return iter(self.document["records"].get(model.__tablename__, []))

    def files(self) -> list[dict[str, Any]]:
        return self.document["files"]
