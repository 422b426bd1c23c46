"""Export and import of ``.entp`` archives.

Import is all-or-nothing: the whole archive is checked before the portfolio
is touched — the zip itself (member names, each name once, no encryption, a
compression Python can read), the document (bounded in size and depth,
valid UTF-8 text, the JSON Schema), the records as a whole (values, ids,
references, unique keys, files: :mod:`.validate`) and every file (its hash,
and that the evidence importer would take it).  Only then are files stored
and the records merged by UUID in one transaction, the newer ``updated_at``
winning, so importing the same archive twice changes nothing, and a new
portfolio's untouched defaults (its empty profile, its default headings)
give way to the archive's: importing into a new portfolio gives back the
archive.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import re
import shutil
import tempfile
import zipfile
import zlib
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

import jsonschema
from sqlalchemy import select

from .. import __version__
from ..domain import models as m
from ..errors import UserError
from ..i18n import register, tr
from ..jobs import CancelToken, Progress
from ..media.acceptance import check_evidence_file
from ..resources import resource_path
from ..storage.files import atomic_write, storage_error
from ..storage.paths import ensure_outside_portfolio, ensure_writable_target
from ..storage.portfolio import Portfolio, head_revision, known_revisions
from ..storage.references import unreferenced
from ..storage.store import SHA256_RE
from .codec import encode_value
from .merge import ArchiveSummary, merge_records
from .validate import plan_import

FORMAT_NAME = "ent-portfolio-archive"
FORMAT_VERSION = 1
DOCUMENT_NAME = "portfolio.json"
FILES_PREFIX = "files/"
# Far above any real portfolio's records (the demo's are a few hundred kB),
# low enough that reading and parsing it stays within a laptop's memory.
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
# Nesting of the document: records sit at depth 4, their list values at 5.
MAX_DOCUMENT_DEPTH = 32
# Room left free on the disk after an import, for the database and the OS.
SPACE_MARGIN = 64 * 1024 * 1024
#: Compression methods the zip module reads (the export uses the first two).
READABLE_COMPRESSION = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}

# What reading a damaged member raises, by decompressor.
_DAMAGED: tuple[type[BaseException], ...] = (zipfile.BadZipFile, zlib.error, EOFError, ValueError,
                                             NotImplementedError, RuntimeError)
try:
    import lzma

    _DAMAGED += (lzma.LZMAError,)
except ImportError:  # pragma: no cover - Python is normally built with lzma
    pass

register({
    "archive.not_zip": (
        "“{path}” ไม่ใช่แฟ้มสำรอง EnT Portfolio (.entp) หรือแฟ้มเสียหาย",
        "“{path}” is not an EnT Portfolio archive (.entp), or it is damaged.",
    ),
    "archive.bad_member": (
        "แฟ้มสำรองมีชื่อไฟล์ที่ไม่ปลอดภัย “{name}” จึงไม่นำเข้า ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The archive holds an unsafe file name “{name}”; nothing was imported.",
    ),
    "archive.unexpected_member": (
        "แฟ้มสำรองมีไฟล์ที่ไม่รู้จัก “{name}” จึงไม่นำเข้า ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The archive holds an unexpected file “{name}”; nothing was imported.",
    ),
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
    "archive.file_missing": (
        "แฟ้มสำรองขาดไฟล์หลักฐาน {sha} จึงไม่นำเข้า ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The archive lacks the evidence file {sha}; nothing was imported.",
    ),
    "archive.file_changed": (
        "ไฟล์หลักฐาน {sha} ในแฟ้มสำรองถูกแก้ไขหรือเสียหาย (ค่าแฮชไม่ตรง) จึงไม่นำเข้า ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The evidence file {sha} in the archive was altered or damaged (hash mismatch); nothing was imported.",
    ),
    "archive.no_space": (
        "พื้นที่ดิสก์ไม่พอสำหรับนำเข้า (ต้องการประมาณ {needed} MB ว่างอยู่ {free} MB) ไม่มีการเปลี่ยนแปลงใด ๆ",
        "Not enough disk space to import (about {needed} MB needed, {free} MB free); nothing was imported.",
    ),
    "archive.cancelled": ("ยกเลิกแล้ว ไม่มีการเปลี่ยนแปลงใด ๆ", "Cancelled; nothing was changed."),
    "archive.member_twice": (
        "แฟ้มสำรองมีไฟล์ชื่อ “{name}” ซ้ำกันสองไฟล์ จึงไม่รู้ว่าไฟล์ใดถูกต้อง และไม่นำเข้า — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The archive holds two files named “{name}”, so which one is right cannot be told; nothing was imported. "
        "Nothing was changed.",
    ),
    "archive.encrypted": (
        "ไฟล์ “{name}” ในแฟ้มสำรองถูกเข้ารหัสด้วยรหัสผ่าน ซึ่ง EnT Portfolio ไม่ได้สร้างแบบนี้ จึงไม่นำเข้า — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The file “{name}” in the archive is password-protected, which EnT Portfolio never does; nothing was "
        "imported. Nothing was changed.",
    ),
    "archive.unsupported_compression": (
        "ไฟล์ “{name}” ในแฟ้มสำรองถูกบีบอัดด้วยวิธีที่อ่านไม่ได้ (วิธีที่ {method}) จึงไม่นำเข้า — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The file “{name}” in the archive is compressed in a way that cannot be read (method {method}); nothing "
        "was imported. Nothing was changed.",
    ),
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
    "archive.file_refused": (
        "แฟ้มสำรองมีไฟล์ {sha} ที่นำเข้าเป็นหลักฐานไม่ได้ จึงไม่นำเข้าทั้งแฟ้ม: {problem}",
        "The archive holds the file {sha}, which is not accepted as evidence, so nothing was imported: {problem}",
    ),
})

TABLES: dict[str, type[m.Record]] = {model.__tablename__: model for model in m.RECORD_MODELS}
_PLAIN_SUFFIX = re.compile(r"\.[a-z0-9]{1,10}")


class ArchiveFileRefused(UserError):
    """A file of the archive the evidence importer would refuse: the archive
    is named, then the importer's own sentence (in the same language)."""

    key = "archive.file_refused"

    def __init__(self, sha: str, cause: UserError) -> None:
        self.cause = cause
        super().__init__(sha=sha)

    def message(self, lang: str | None = None) -> str:
        return tr(self.key, lang, problem=self.cause.message(lang), **self.params)


@functools.lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    """The committed schema's validator, made once (checking the schema itself
    on every import costs more than checking a whole demo portfolio)."""
    schema = json.loads(resource_path("schema", "archive-v1.schema.json").read_text(encoding="utf-8"))
    return jsonschema.validators.validator_for(schema)(schema)


# --- export -------------------------------------------------------------------

def build_document(portfolio: Portfolio) -> dict[str, Any]:
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
        "format_version": FORMAT_VERSION,
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
) -> Path:
    """Write the whole portfolio to ``target`` (a temp file renamed at the end).

    ``target`` must lie outside the portfolio folder: an archive written onto
    the database or a stored file would replace it."""
    target = ensure_writable_target(ensure_outside_portfolio(portfolio.folder, Path(target)))
    document = build_document(portfolio)
    missing = [f["sha256"] for f in document["files"] if f["size"] is None]
    if missing:
        raise UserError("archive.file_missing", sha=missing[0])
    total = len(document["files"]) + 1
    try:
        # Photos are already compressed: store them; deflate only the JSON.
        with atomic_write(target) as handle, zipfile.ZipFile(handle, "w") as archive:
            archive.writestr(
                zipfile.ZipInfo(DOCUMENT_NAME, date_time=(2020, 1, 1, 0, 0, 0)),
                json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True),
                compress_type=zipfile.ZIP_DEFLATED,
            )
            for done, item in enumerate(document["files"], start=1):
                if cancel:
                    cancel.raise_if_cancelled()
                archive.write(portfolio.store.path_for(item["sha256"]), FILES_PREFIX + item["sha256"])
                if progress:
                    progress(done, total)
    except OSError as exc:
        raise storage_error(exc) from exc
    if progress:
        progress(total, total)
    return target


def archived_file_count(archive: Path) -> int:
    """How many evidence files an archive holds, from its zip directory alone.

    For the sentence after an export: the archive was just written by
    :func:`export_archive`, so its document need not be read and checked
    again (that costs more than the export at a faculty's size); what is
    imported is always checked in full."""
    with _open_zip(Path(archive)) as opened:
        return sum(1 for name in opened.namelist() if name.startswith(FILES_PREFIX))


# --- reading and checking ------------------------------------------------------

def _check_member_name(name: str) -> None:
    path = PurePosixPath(name)
    if (
        name.startswith("/")
        or "\\" in name
        or ":" in name
        or any(part in ("..", "") for part in path.parts)
        or name != str(path)
    ):
        raise UserError("archive.bad_member", name=_printable(name))
    if name == DOCUMENT_NAME:
        return
    if name.startswith(FILES_PREFIX) and SHA256_RE.match(name[len(FILES_PREFIX):]):
        return
    raise UserError("archive.unexpected_member", name=_printable(name))


def _printable(text: str) -> str:
    """A name from the archive as a message may quote it (a console cannot
    print a lone surrogate; a name may be very long)."""
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= 120 else text[:119] + "…"


def _check_members(archive: zipfile.ZipFile) -> None:
    """Names, each once (a zip may hold two members of one name, and readers
    disagree about which one counts), no encryption, a readable compression."""
    seen: set[str] = set()
    for info in archive.infolist():
        _check_member_name(info.filename)
        if info.filename in seen:
            raise UserError("archive.member_twice", name=info.filename)
        seen.add(info.filename)
        if info.flag_bits & 0x1:
            raise UserError("archive.encrypted", name=info.filename)
        if info.compress_type not in READABLE_COMPRESSION:
            raise UserError("archive.unsupported_compression", name=info.filename, method=info.compress_type)


def _open_zip(source: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError, OverflowError):
        raise UserError("archive.not_zip", path=_printable(str(source))) from None


def read_archive_document(source: Path) -> dict[str, Any]:
    """The archive's document, after checking members and the schema."""
    with _open_zip(Path(source)) as archive:
        return _read_document(archive)


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
                raise UserError("archive.damaged_text", where=_printable(where or "/")) from None
        elif isinstance(value, dict):
            for key, item in value.items():
                stack.append((key, where, depth + 1))
                stack.append((item, f"{where}/{_printable(str(key))[:40]}", depth + 1))
        elif isinstance(value, list):
            stack.extend((item, f"{where}/{index}", depth + 1) for index, item in enumerate(value))


def _read_document(archive: zipfile.ZipFile) -> dict[str, Any]:
    _check_members(archive)
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
    except _DAMAGED + (OSError,) as exc:
        raise UserError("archive.bad_document", detail=_printable(str(exc))[:200]) from None
    if len(data) > MAX_DOCUMENT_BYTES:
        raise UserError("archive.document_too_large", limit=limit_mb)
    try:
        document = json.loads(data.decode("utf-8"), parse_constant=_refuse_constant)
    except (ValueError, UnicodeDecodeError) as exc:
        raise UserError("archive.bad_document", detail=_printable(str(exc))[:200]) from None
    except RecursionError:
        raise UserError("archive.document_too_deep", limit=MAX_DOCUMENT_DEPTH) from None
    del data
    _check_text_and_depth(document)
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise UserError("archive.bad_document", detail="format")
    version = document.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise UserError(
            "archive.newer_format", found=version, app=_printable(str(document.get("app_version", "?")))[:40]
        )
    revision = document.get("schema_revision")
    if isinstance(revision, str) and revision not in known_revisions():
        raise UserError("archive.newer_format", found=_printable(f"{version}/{revision}")[:80],
                        app=_printable(str(document.get("app_version", "?")))[:40])
    try:
        # The first error, not the "best" of all: a document wrong in every
        # record would otherwise be described in full before it is refused.
        error = next(iter(_validator().iter_errors(document)), None)
    except RecursionError:
        raise UserError("archive.document_too_deep", limit=MAX_DOCUMENT_DEPTH) from None
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path)
        raise UserError("archive.bad_document", detail=_printable(f"{where}: {error.message}")[:300])
    return document


def _copy_member(archive: zipfile.ZipFile, member: str, sha: str, target: Path | None) -> None:
    """Stream one member, checking its hash; into ``target`` unless None
    (a file the store already has is only checked, not copied)."""
    digest = hashlib.sha256()
    try:
        # Closing the copy flushes it, so a full disk found then is a storage error like any other write.
        with (
            open(target, "wb") if target is not None else contextlib.nullcontext() as out,
            archive.open(member) as src,
        ):
            while True:
                try:
                    chunk = src.read(1024 * 1024)
                except _DAMAGED + (OSError,) as exc:
                    raise UserError("archive.file_changed", sha=sha) from exc
                if not chunk:
                    break
                digest.update(chunk)
                if out is not None:
                    out.write(chunk)
    except OSError as exc:
        raise storage_error(exc) from exc
    except _DAMAGED as exc:
        raise UserError("archive.file_changed", sha=sha) from exc
    if digest.hexdigest() != sha:
        raise UserError("archive.file_changed", sha=sha)


def _extract_checked(archive: zipfile.ZipFile, files: list[dict], staging: Path, portfolio: Portfolio,
                     cancel: CancelToken | None, progress: Progress | None) -> dict[str, Path]:
    """Every file checked against its hash; those new to the store copied into
    ``staging``.  Returns sha -> staged path of the new ones."""
    names = set(archive.namelist())
    referenced = {f["sha256"] for f in files}
    for name in names:
        if name.startswith(FILES_PREFIX) and name[len(FILES_PREFIX):] not in referenced:
            raise UserError("archive.unexpected_member", name=name)
    # Before a byte is extracted: every member must declare the size the
    # document gives (a zip bomb declares small and inflates big, or lies in
    # the document), and the disk must hold the new files twice (staging + store).
    declared = 0
    for item in files:
        member = FILES_PREFIX + item["sha256"]
        if member not in names:
            raise UserError("archive.file_missing", sha=item["sha256"])
        if archive.getinfo(member).file_size != item["size"]:
            raise UserError("archive.file_changed", sha=item["sha256"])
        if not portfolio.store.contains(item["sha256"]):
            declared += item["size"]
    free = shutil.disk_usage(staging).free
    needed = 2 * declared + SPACE_MARGIN
    if needed > free:
        raise UserError("archive.no_space", needed=needed // 2**20 + 1, free=free // 2**20)
    staged: dict[str, Path] = {}
    for done, item in enumerate(files, start=1):
        if cancel:
            cancel.raise_if_cancelled()
        sha = item["sha256"]
        target = None if portfolio.store.contains(sha) else staging / sha
        _copy_member(archive, FILES_PREFIX + sha, sha, target)
        if target is not None:
            staged[sha] = target
        if progress:
            progress(done, len(files) + 1)
    return staged


def _names_of_files(records: dict[str, list[dict]]) -> dict[str, list[str]]:
    """sha -> the names the archive's records give the file (evidence first)."""
    names: dict[str, list[str]] = {}
    for row in records.get("evidence", []):
        name = row.get("original_name") or ""
        names.setdefault(row["sha256"], []).append(name)
    for row in records.get("profile", []):
        if row.get("photo_sha256"):
            names.setdefault(row["photo_sha256"], []).append("")
    return names


def _accept_files(staged: dict[str, Path], names: dict[str, list[str]], limits) -> None:
    """Each new file must be one the evidence importer would take (size, type,
    a program, damage): an archive is not a way around those checks.  A file
    passes if it passes under one of the names its records give it (the
    importer links a content it already has under any name without
    checking it again)."""
    for sha, path in staged.items():
        first_refusal: UserError | None = None
        tried: set[str] = set()
        for name in names.get(sha, []) or [""]:
            shown = name or sha
            suffix = PurePosixPath(name).suffix.lower() if name else ""
            if not _PLAIN_SUFFIX.fullmatch(suffix):
                suffix = ""  # no extension, or one no file type has: nothing to agree with
            if suffix in tried:
                continue
            tried.add(suffix)
            # The staged copy is named by its hash; the extension the
            # content must agree with comes from the record's name.
            probe_path = path.with_name(sha + suffix) if suffix else path
            if probe_path != path:
                path.rename(probe_path)
            try:
                check_evidence_file(probe_path, shown, limits=limits)
                first_refusal = None
                break
            except UserError as exc:
                first_refusal = first_refusal or exc
            finally:
                if probe_path != path:
                    probe_path.rename(path)
        if first_refusal is not None:
            raise ArchiveFileRefused(sha, first_refusal)


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
    source = Path(source)
    summary = ArchiveSummary()
    with _open_zip(source) as archive:
        document = _read_document(archive)
        records, files = document["records"], document["files"]
        with portfolio.reader() as session:
            plan_import(session, records, files)  # refuse a bad archive before a byte is extracted
        portfolio.temp_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=portfolio.temp_dir, prefix=".import-") as tmp:
            staged = _extract_checked(archive, files, Path(tmp), portfolio, cancel, progress)
            _accept_files(staged, _names_of_files(records), limits)
            if cancel:
                cancel.raise_if_cancelled()
            new_files: set[str] = set()
            try:
                for sha, path in staged.items():
                    if portfolio.store.add_verified(path, sha):
                        new_files.add(sha)
                merge_records(portfolio, records, files, summary)
            except BaseException:
                _discard_new_files(portfolio, new_files)
                raise
            summary.files_added = len(new_files)
    if progress:
        progress(1, 1)
    return summary


def _discard_new_files(portfolio: Portfolio, new_files: set[str]) -> None:
    """Files that arrived with a failed import and that nothing references go
    again — erased, not kept in ``deleted/``: the archive still holds them,
    and the portfolio must be left as it was."""
    with portfolio.reader() as session:
        unused = unreferenced(session, new_files)
    for sha in unused:
        path = portfolio.store.path_for(sha)
        try:
            path.unlink(missing_ok=True)
        except OSError:
            continue  # left as an orphan: doctor reports it, repair moves it away
        try:
            path.parent.rmdir()  # the shard folder, if this import made it
        except OSError:
            pass  # other files live there
