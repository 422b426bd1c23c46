"""Evidence files copied into a faculty's files folder (only when asked).

Each copy is named by its own SHA-256 (and the original's extension), so a
file two lecturers share is kept once and a copy is never overwritten by
different bytes.  A picture leaves as a dossier's would: without its GPS
position, and with the faces blurred of people who did not all consent; the
evidence row then names the copy's hash and size.  Written to a temporary
name and renamed, so a copy is whole or absent."""

from __future__ import annotations

import hashlib
import io
import os
import re
import tempfile
from pathlib import Path, PurePosixPath
from typing import Any

from PIL import Image

from .. import privacy
from ..domain.photo_facts import face_boxes_of
from ..errors import UserError
from ..i18n import register
from ..media.faces import blur_faces, detect_faces_in, open_upright
from ..media.sniff import IMAGE, sniff
from ..storage.files import storage_error
from ..storage.store import EvidenceStore

BLURRED_QUALITY = 92
_FULL_SIZE = 1 << 20
_PLAIN_SUFFIX = re.compile(r"\.[a-z0-9]{1,10}")

register({
    "faculty.picture_unreadable": (
        "อ่านภาพ “{name}” ไม่ได้ จึงคัดลอกโดยเบลอใบหน้าหรือลบตำแหน่ง GPS ไม่ได้: {detail}",
        "The picture “{name}” cannot be read, so it cannot be copied with its faces blurred or its GPS "
        "position removed: {detail}",
    ),
    "faculty.gps_remains": (
        "ลบตำแหน่ง GPS ออกจากภาพ “{name}” ไม่ได้ทั้งหมด จึงไม่นำเข้าแฟ้มของอาจารย์ท่านนี้",
        "The GPS position could not be removed completely from the picture “{name}”, so this lecturer's "
        "archive was not loaded.",
    ),
})


def _suffix(name: str) -> str:
    suffix = PurePosixPath(name or "").suffix.lower()
    return suffix if _PLAIN_SUFFIX.fullmatch(suffix) else ""


def _leaving_bytes(source: Path, values: dict[str, Any]) -> bytes:
    """The bytes of the copy: a picture without its position, faces blurred
    where the people did not all consent; any other file as stored (a PDF
    or a recording carries no EXIF position the dossier strips either)."""
    data = source.read_bytes()
    name = values.get("original_name") or values["sha256"]
    # Judged by the content, not the recorded type: a record made without
    # the importer says application/octet-stream of a photo.
    if sniff(source, name=name).family != IMAGE:
        return data
    if privacy.faces_must_be_hidden(values.get("people_consent")) and values.get("face_boxes") != []:
        try:
            upright = open_upright(source, _FULL_SIZE)
            stored = values.get("face_boxes")
            boxes = detect_faces_in(upright) if stored is None else face_boxes_of(stored)
            if boxes:
                out = io.BytesIO()
                # A new JPEG holds no metadata of the original: no position, no thumbnail.
                blur_faces(upright, boxes).save(out, "JPEG", quality=BLURRED_QUALITY)
                data = out.getvalue()
        except (OSError, ValueError) as exc:
            raise UserError("faculty.picture_unreadable", name=name, detail=str(exc)[:200]) from exc
    data = privacy.strip_gps(data)
    if privacy.has_gps(data):
        raise UserError("faculty.gps_remains", name=name)
    return data


def _write_once(folder: Path, data: bytes, suffix: str) -> str:
    sha = hashlib.sha256(data).hexdigest()
    target = folder / f"{sha}{suffix}"
    if target.is_file() and target.stat().st_size == len(data):
        return sha
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".copy-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return sha


def copy_evidence_files(store: EvidenceStore, evidence: list[dict[str, Any]], allowed: set[str],
                        folder: Path) -> int:
    """Copy each allowed evidence row's file from ``store`` into ``folder``
    and point the row at its copy; gives how many files were written or
    found there already."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        copied = 0
        for values in evidence:
            if values["id"] not in allowed:
                continue
            data = _leaving_bytes(store.path_for(values["sha256"]), values)
            values["sha256"] = _write_once(folder, data, _suffix(values.get("original_name") or ""))
            values["size"] = len(data)
            copied += 1
        return copied
    except OSError as exc:
        raise storage_error(exc) from exc


def copy_profile_photo(store: EvidenceStore, profile: dict[str, Any], folder: Path) -> None:
    sha = profile.get("photo_sha256")
    if not sha:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        data = privacy.strip_gps(store.path_for(sha).read_bytes())
        with Image.open(io.BytesIO(data)) as picture:
            suffix = "." + (picture.format or "bin").lower()
        profile["photo_sha256"] = _write_once(folder, data, suffix)
    except (OSError, ValueError):
        profile["photo_sha256"] = None  # a photo that cannot be read is left out, not the lecturer
