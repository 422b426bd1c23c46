"""Export and import of ``.entp`` archives.

Import is all-or-nothing: the whole archive (member names, document, schema,
every file's hash) is checked before the portfolio is touched; records are
then merged by UUID in one transaction, the newer ``updated_at`` winning, so
importing the same archive twice changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from typing import Any

import jsonschema
from sqlalchemy import select

from .. import __version__
from ..domain import models as m
from ..errors import UserError
from ..i18n import register
from ..jobs import CancelToken, Progress
from ..resources import resource_path
from ..storage.files import atomic_write, storage_error
from ..storage.portfolio import Portfolio, head_revision, known_revisions
from ..storage.store import SHA256_RE
from .codec import dict_to_values, record_to_dict

FORMAT_NAME = "ent-portfolio-archive"
FORMAT_VERSION = 1
DOCUMENT_NAME = "portfolio.json"
FILES_PREFIX = "files/"
# Generous, but a zip claiming more than this is refused before extraction.
MAX_DOCUMENT_BYTES = 512 * 1024 * 1024
# Room left free on the disk after an import, for the database and the OS.
SPACE_MARGIN = 64 * 1024 * 1024

register({
    "archive.not_zip": ("“{path}” ไม่ใช่แฟ้มสำรอง EnT Portfolio (.entp) หรือแฟ้มเสียหาย", "“{path}” is not an EnT Portfolio archive (.entp), or it is damaged."),
    "archive.bad_member": ("แฟ้มสำรองมีชื่อไฟล์ที่ไม่ปลอดภัย “{name}” จึงไม่นำเข้า ไม่มีการเปลี่ยนแปลงใด ๆ", "The archive holds an unsafe file name “{name}”; nothing was imported."),
    "archive.unexpected_member": ("แฟ้มสำรองมีไฟล์ที่ไม่รู้จัก “{name}” จึงไม่นำเข้า ไม่มีการเปลี่ยนแปลงใด ๆ", "The archive holds an unexpected file “{name}”; nothing was imported."),
    "archive.no_document": ("แฟ้มสำรองไม่มีรายการข้อมูล (portfolio.json)", "The archive has no record document (portfolio.json)."),
    "archive.bad_document": ("รายการข้อมูลในแฟ้มสำรองไม่ถูกต้อง: {detail} — ไม่มีการเปลี่ยนแปลงใด ๆ", "The archive's record document is not valid: {detail}. Nothing was imported."),
    "archive.newer_format": ("แฟ้มสำรองนี้สร้างด้วย EnT Portfolio รุ่นที่ใหม่กว่า (รูปแบบ {found}, โปรแกรมรุ่น {app}) โปรดปรับรุ่นโปรแกรมก่อนนำเข้า ไม่มีการเปลี่ยนแปลงใด ๆ", "This archive was made by a newer EnT Portfolio (format {found}, app {app}); update the app to import it. Nothing was imported."),
    "archive.file_missing": ("แฟ้มสำรองขาดไฟล์หลักฐาน {sha} จึงไม่นำเข้า ไม่มีการเปลี่ยนแปลงใด ๆ", "The archive lacks the evidence file {sha}; nothing was imported."),
    "archive.file_changed": ("ไฟล์หลักฐาน {sha} ในแฟ้มสำรองถูกแก้ไขหรือเสียหาย (ค่าแฮชไม่ตรง) จึงไม่นำเข้า ไม่มีการเปลี่ยนแปลงใด ๆ", "The evidence file {sha} in the archive was altered or damaged (hash mismatch); nothing was imported."),
    "archive.no_space": ("พื้นที่ดิสก์ไม่พอสำหรับนำเข้า (ต้องการประมาณ {needed} MB ว่างอยู่ {free} MB) ไม่มีการเปลี่ยนแปลงใด ๆ", "Not enough disk space to import (about {needed} MB needed, {free} MB free); nothing was imported."),
    "archive.cancelled": ("ยกเลิกแล้ว ไม่มีการเปลี่ยนแปลงใด ๆ", "Cancelled; nothing was changed."),
})

TABLES: dict[str, type[m.Record]] = {model.__tablename__: model for model in m.RECORD_MODELS}


def _schema() -> dict:
    return json.loads(resource_path("schema", "archive-v1.schema.json").read_text(encoding="utf-8"))


# --- export -------------------------------------------------------------------

def build_document(portfolio: Portfolio) -> dict[str, Any]:
    records: dict[str, list[dict]] = {}
    hashes: set[str] = set()
    with portfolio.reader() as session:
        for model in m.RECORD_MODELS:
            rows = [record_to_dict(r) for r in session.scalars(select(model).order_by(model.id))]
            records[model.__tablename__] = rows
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
        "exported_at": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        "records": records,
        "files": files,
    }


def export_archive(
    portfolio: Portfolio,
    target: Path,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> Path:
    """Write the whole portfolio to ``target`` (a temp file renamed at the end)."""
    target = Path(target)
    document = build_document(portfolio)
    missing = [f["sha256"] for f in document["files"] if f["size"] is None]
    if missing:
        raise UserError("archive.file_missing", sha=missing[0])
    total = len(document["files"]) + 1
    try:
        with atomic_write(target) as handle:
            # Photos are already compressed: store them; deflate only the JSON.
            with zipfile.ZipFile(handle, "w") as archive:
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
        raise UserError("archive.bad_member", name=name)
    if name == DOCUMENT_NAME:
        return
    if name.startswith(FILES_PREFIX) and SHA256_RE.match(name[len(FILES_PREFIX):]):
        return
    raise UserError("archive.unexpected_member", name=name)


def _open_zip(source: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UserError("archive.not_zip", path=str(source)) from None


def read_archive_document(source: Path) -> dict[str, Any]:
    """The archive's document, after checking member names and the schema."""
    with _open_zip(Path(source)) as archive:
        return _read_document(archive)


def _read_document(archive: zipfile.ZipFile) -> dict[str, Any]:
    for info in archive.infolist():
        _check_member_name(info.filename)
    try:
        info = archive.getinfo(DOCUMENT_NAME)
    except KeyError:
        raise UserError("archive.no_document") from None
    if info.file_size > MAX_DOCUMENT_BYTES:
        raise UserError("archive.bad_document", detail="too large")
    try:
        document = json.loads(archive.read(DOCUMENT_NAME).decode("utf-8"))
    except (ValueError, UnicodeDecodeError, zipfile.BadZipFile) as exc:
        raise UserError("archive.bad_document", detail=str(exc)[:200]) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise UserError("archive.bad_document", detail="format")
    version = document.get("format_version")
    if isinstance(version, int) and version > FORMAT_VERSION:
        raise UserError("archive.newer_format", found=version, app=document.get("app_version", "?"))
    revision = document.get("schema_revision")
    if isinstance(revision, str) and revision not in known_revisions():
        raise UserError("archive.newer_format", found=f"{version}/{revision}", app=document.get("app_version", "?"))
    try:
        jsonschema.validate(document, _schema())
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path)
        raise UserError("archive.bad_document", detail=f"{where}: {exc.message}"[:300]) from None
    return document


@dataclass
class ArchiveSummary:
    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: int = 0
    files_added: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.files_added)


def _extract_checked(archive: zipfile.ZipFile, files: list[dict], staging: Path,
                     cancel: CancelToken | None, progress: Progress | None) -> dict[str, Path]:
    names = set(archive.namelist())
    referenced = {f["sha256"] for f in files}
    for name in names:
        if name.startswith(FILES_PREFIX) and name[len(FILES_PREFIX):] not in referenced:
            raise UserError("archive.unexpected_member", name=name)
    # Before a byte is extracted: every member must declare the size the
    # document gives (a zip bomb declares small and inflates big, or lies in
    # the document), and the disk must hold the files twice (staging + store).
    declared = 0
    for item in files:
        member = FILES_PREFIX + item["sha256"]
        if member not in names:
            raise UserError("archive.file_missing", sha=item["sha256"])
        if archive.getinfo(member).file_size != item["size"]:
            raise UserError("archive.file_changed", sha=item["sha256"])
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
        member = FILES_PREFIX + sha
        if member not in names:
            raise UserError("archive.file_missing", sha=sha)
        digest = hashlib.sha256()
        target = staging / sha
        try:
            with archive.open(member) as src, open(target, "wb") as out:
                while chunk := src.read(1024 * 1024):
                    digest.update(chunk)
                    out.write(chunk)
        except (zipfile.BadZipFile, EOFError) as exc:
            raise UserError("archive.file_changed", sha=sha) from exc
        if digest.hexdigest() != sha:
            raise UserError("archive.file_changed", sha=sha)
        staged[sha] = target
        if progress:
            progress(done, len(files) + 1)
    return staged


# --- merging -------------------------------------------------------------------

def _untouched(record: m.Record) -> bool:
    return record.created_at == record.updated_at


def import_archive(
    portfolio: Portfolio,
    source: Path,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> ArchiveSummary:
    source = Path(source)
    summary = ArchiveSummary()
    portfolio.temp_dir.mkdir(parents=True, exist_ok=True)
    with _open_zip(source) as archive, tempfile.TemporaryDirectory(dir=portfolio.temp_dir, prefix=".import-") as tmp:
        document = _read_document(archive)
        staged = _extract_checked(archive, document["files"], Path(tmp), cancel, progress)
        if cancel:
            cancel.raise_if_cancelled()
        new_files: set[str] = set()
        try:
            for sha, path in staged.items():
                if portfolio.store.add_verified(path, sha):
                    new_files.add(sha)
            _merge_records(portfolio, document["records"], summary)
        except BaseException:
            # Files that arrived with this import and that nothing references go again.
            from ..services.catalogue import unreferenced

            with portfolio.reader() as session:
                portfolio.store.remove(unreferenced(session, new_files))
            raise
        summary.files_added = len(new_files)
    if progress:
        progress(1, 1)
    return summary


def _merge_records(portfolio: Portfolio, records: dict[str, list[dict]], summary: ArchiveSummary) -> None:
    id_map: dict[str, str] = {}  # archive id -> local id, where a natural key matched
    with portfolio.session() as session:
        # Evidence and testimonials point at each other: check keys at commit.
        session.connection().exec_driver_sql("PRAGMA defer_foreign_keys=ON")
        for model in m.RECORD_MODELS:
            table = model.__tablename__
            for row in records.get(table, []):
                values = dict_to_values(model, row)
                for column in model.__table__.columns:
                    if column.foreign_keys and values.get(column.key) in id_map:
                        values[column.key] = id_map[values[column.key]]
                existing = session.get(model, values["id"])
                if existing is None:
                    twin = _natural_twin(session, model, values)
                    if twin is not None and not (_untouched(twin) or values["updated_at"] > twin.updated_at):
                        id_map[values["id"]] = twin.id
                        summary.unchanged += 1
                        continue
                    if twin is not None:
                        # Free the natural key first, then move the twin's children over.
                        twin_id = twin.id
                        if model is m.SectionTemplate:
                            twin.key = f"__replaced__{twin_id}"
                            session.flush()
                        session.add(model(**values))
                        session.flush()
                        _reparent_children(session, model, twin_id, values["id"])
                        session.delete(twin)
                        session.flush()
                    else:
                        session.add(model(**values))
                    summary.added[table] = summary.added.get(table, 0) + 1
                elif values["updated_at"] > existing.updated_at:
                    for key, value in values.items():
                        setattr(existing, key, value)
                    summary.updated[table] = summary.updated.get(table, 0) + 1
                else:
                    summary.unchanged += 1
            session.flush()


def _natural_twin(session, model: type[m.Record], values: dict) -> m.Record | None:
    """A local record that is the same thing under another UUID: the single
    profile, a section heading with the same key."""
    if model is m.Profile:
        return session.scalars(select(m.Profile)).first()
    if model is m.SectionTemplate:
        return session.scalars(select(m.SectionTemplate).where(m.SectionTemplate.key == values.get("key"))).first()
    return None


def _reparent_children(session, model: type[m.Record], old_id: str, new_id: str) -> None:
    if model is m.Profile:
        for child in (m.Degree, m.Appointment):
            for row in session.scalars(select(child).where(child.profile_id == old_id)):
                row.profile_id = new_id
        session.flush()
