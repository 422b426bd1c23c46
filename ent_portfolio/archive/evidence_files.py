"""The evidence files of an archive on import: each member's size as the
file list declares, room on the disk, every byte checked against its hash
while copied into a staging folder, and every new file one the evidence
importer would take; and their removal again when the import fails."""

from __future__ import annotations

import contextlib
import hashlib
import re
import shutil
import zipfile
from pathlib import Path, PurePosixPath

from ..errors import UserError
from ..i18n import register, tr
from ..jobs import CancelToken, Progress
from ..media.acceptance import check_evidence_file
from ..storage.files import storage_error
from ..storage.portfolio import Portfolio
from ..storage.references import unreferenced
from .members import DAMAGED, FILES_PREFIX

# Room left free on the disk after an import, for the database and the OS.
SPACE_MARGIN = 64 * 1024 * 1024
_PLAIN_SUFFIX = re.compile(r"\.[a-z0-9]{1,10}")

register({
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
    "archive.file_refused": (
        "แฟ้มสำรองมีไฟล์ {sha} ที่นำเข้าเป็นหลักฐานไม่ได้ จึงไม่นำเข้าทั้งแฟ้ม: {problem}",
        "The archive holds the file {sha}, which is not accepted as evidence, so nothing was imported: {problem}",
    ),
})


class ArchiveFileRefused(UserError):
    """A file of the archive the evidence importer would refuse: the archive
    is named, then the importer's own sentence (in the same language)."""

    key = "archive.file_refused"

    def __init__(self, sha: str, cause: UserError) -> None:
        self.cause = cause
        super().__init__(sha=sha)

    def message(self, lang: str | None = None) -> str:
        return tr(self.key, lang, problem=self.cause.message(lang), **self.params)


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
                except DAMAGED + (OSError,) as exc:
                    raise UserError("archive.file_changed", sha=sha) from exc
                if not chunk:
                    break
                digest.update(chunk)
                if out is not None:
                    out.write(chunk)
    except OSError as exc:
        raise storage_error(exc) from exc
    except DAMAGED as exc:
        raise UserError("archive.file_changed", sha=sha) from exc
    if digest.hexdigest() != sha:
        raise UserError("archive.file_changed", sha=sha)


def extract_checked(archive: zipfile.ZipFile, files: list[dict], staging: Path, portfolio: Portfolio,
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


def accept_files(staged: dict[str, Path], names: dict[str, list[str]], limits) -> None:
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
                check_evidence_file(probe_path, shown, limits=limits, thumbnail=False)  # kept nowhere
                first_refusal = None
                break
            except UserError as exc:
                first_refusal = first_refusal or exc
            finally:
                if probe_path != path:
                    probe_path.rename(path)
        if first_refusal is not None:
            raise ArchiveFileRefused(sha, first_refusal)


def discard_new_files(portfolio: Portfolio, new_files: set[str]) -> None:
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
