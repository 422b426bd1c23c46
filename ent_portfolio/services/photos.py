"""Photo analysis: the faces in each photo and its perceptual hash, and the
lecturer's corrections of both.

The dossier blurs faces a partner did not consent to show, and the readiness
check compares photos by their hash; both need every photo looked at once.
:func:`analyse_photos` does that after an import (the command line) or in a
window's background job, for photos not yet looked at.

Detection and hashing run on a small thread pool (OpenCV and Pillow release
the GIL while they work).  The database is written from the calling thread
only, in short transactions whose ``WHERE`` fills only what is still empty,
so that a box the lecturer drew while the analysis ran is never overwritten
by the detector's older guess.

:func:`set_face_boxes` and :func:`explain_finding` are the lecturer's own
edits.  They write the same columns through the same record-update path as
any field edit (:func:`~.records.apply_fields`), so the window undoes them
as it undoes any edit: ``push_edit(context, "evidence", ..., old, new)``
with the column's value before and after.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Text, or_, select, type_coerce, update

from ..domain import models as m
from ..domain.photo_facts import LECTURER, FaceBox, parse_face_boxes
from ..dossier.plan import is_picture
from ..errors import UserError
from ..i18n import register, tr
from ..jobs import CancelToken, Progress
from ..storage.portfolio import Portfolio
from .catalogue import EvidenceService
from .records import apply_fields, get_or_raise

register({
    "photo_analysis.not_a_photo": (
        "“{name}” ไม่ใช่ภาพถ่าย จึงไม่มีกรอบใบหน้าหรือข้อสังเกตของภาพถ่ายให้แก้ — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{name}” is not a photo, so it has no face boxes or photo findings to change. Nothing was changed.",
    ),
    "photo_analysis.unknown_rule": (
        "“{rule}” ไม่ใช่ข้อสังเกตเรื่องความน่าเชื่อถือของภาพถ่าย จึงอธิบายไม่ได้ — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{rule}” is not a plausibility finding on photos, so it cannot be explained. Nothing was changed.",
    ),
    "photo_analysis.summary": (
        "ตรวจภาพถ่ายแล้ว {looked} ภาพ พบใบหน้า {faces} ใบหน้า อ่านภาพไม่ได้ {failed} ภาพ (ใช้เวลา {seconds:.1f} วินาที)",
        "{looked} photo(s) analysed, {faces} face(s) found, {failed} unreadable ({seconds:.1f} s)",
    ),
    "photo_analysis.cancelled": (
        "ยกเลิกแล้ว: ภาพที่ตรวจแล้วบันทึกไว้ ภาพที่เหลือจะตรวจครั้งต่อไป",
        "Cancelled: the photos already analysed are kept; the rest are analysed next time.",
    ),
    "photo_analysis.line.failed": (
        "อ่านภาพไม่ได้ จึงยังไม่ได้ตรวจใบหน้า: {name}",
        "could not read the picture, its faces are not yet known: {name}",
    ),
})


@dataclass
class PhotoAnalysis:
    """What one run of :func:`analyse_photos` did."""

    #: Photos (records) whose faces or hash were filled in.
    looked: int = 0
    #: Face boxes the detector found on them.
    faces: int = 0
    #: Names of photos whose file could not be read (missing from the store, damaged).
    failed: list[str] = field(default_factory=list)
    seconds: float = 0.0
    #: True when a CancelToken stopped the run; what was analysed is kept.
    cancelled: bool = False

    def summary(self, lang: str | None = None) -> str:
        text = tr("photo_analysis.summary", lang, looked=self.looked, faces=self.faces, failed=len(self.failed),
                  seconds=self.seconds)
        if self.cancelled:
            text += "\n" + tr("photo_analysis.cancelled", lang)
        return text


def is_photo(evidence: m.Evidence) -> bool:
    """A photograph (not a scanned letter) whose picture the app can open."""
    return evidence.kind == "photo" and is_picture(evidence)


@dataclass
class _Wanted:
    """One record and what it still lacks."""

    id: str
    name: str
    #: The stored ``face_boxes`` text to replace: None when the detector has
    #: not looked; the detector's earlier boxes when they are redetected.
    faces_text: str | None
    faces: bool
    hash: bool


@dataclass
class _Looked:
    boxes: list[dict[str, Any]] | None = None
    image_hash: str | None = None
    error: str = ""
    #: Not started: the user cancelled while it waited for a thread.
    skipped: bool = False


def _not_looked_at(column) -> Any:
    # An archive or an older writer may hold JSON null rather than SQL NULL.
    return or_(column.is_(None), type_coerce(column, Text) == "null")


def _wanted(portfolio: Portfolio, evidence_ids: Sequence[str] | None, redetect: bool) -> dict[str, list[_Wanted]]:
    """sha256 -> the photo records of that file that need something."""
    raw_faces = type_coerce(m.Evidence.face_boxes, Text).label("faces_text")
    query = select(m.Evidence, raw_faces).where(m.Evidence.kind == "photo")
    if evidence_ids is not None:
        query = query.where(m.Evidence.id.in_(list(evidence_ids)))
    by_file: dict[str, list[_Wanted]] = {}
    with portfolio.reader() as session:
        for record, faces_text in session.execute(query.order_by(m.Evidence.created_at)):
            if not is_picture(record):
                continue
            unseen = faces_text is None or faces_text == "null"
            redo = (redetect and not unseen
                    and not any(box.get("by") == LECTURER for box in (record.face_boxes or [])))
            faces, hashed = unseen or redo, not record.image_hash
            if faces or hashed:
                by_file.setdefault(record.sha256, []).append(
                    _Wanted(record.id, record.original_name or record.id, None if unseen else faces_text,
                            faces, hashed))
    return by_file


def _look(path: Path, faces: bool, hashed: bool) -> _Looked:
    """Runs on the pool: one file's faces and hash."""
    from ..media.faces import detect_faces
    from ..media.image_hash import image_hash

    try:
        boxes = [box.as_dict() for box in detect_faces(path)] if faces else None
        digest = image_hash(path) if hashed else None
    except Exception as exc:  # noqa: BLE001 - Pillow and OpenCV report a damaged file with many exception types
        return _Looked(error=f"{type(exc).__name__}: {exc}"[:200])
    return _Looked(boxes, digest)


def _write(portfolio: Portfolio, results: list[tuple[_Wanted, _Looked]], summary: PhotoAnalysis) -> None:
    """One short transaction; each UPDATE fills only what is still as read."""
    from ..domain.fields import coerce

    with portfolio.session() as session:
        for wanted, looked in results:
            changed = False
            if wanted.faces and looked.boxes is not None:
                boxes = coerce(m.Evidence, "face_boxes", looked.boxes)
                still = (_not_looked_at(m.Evidence.face_boxes) if wanted.faces_text is None
                         else type_coerce(m.Evidence.face_boxes, Text) == wanted.faces_text)
                done = session.execute(update(m.Evidence).where(m.Evidence.id == wanted.id, still)
                                       .values(face_boxes=boxes).execution_options(synchronize_session=False))
                if done.rowcount:
                    changed = True
                    summary.faces += len(boxes)
            if wanted.hash and looked.image_hash:
                done = session.execute(update(m.Evidence).where(m.Evidence.id == wanted.id,
                                                                m.Evidence.image_hash == "")
                                       .values(image_hash=looked.image_hash)
                                       .execution_options(synchronize_session=False))
                changed = changed or bool(done.rowcount)
            summary.looked += changed


def analyse_photos(
    portfolio: Portfolio,
    evidence_ids: Sequence[str] | None = None,
    *,
    redetect: bool = False,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    workers: int | None = None,
    batch_seconds: float = 0.5,
) -> PhotoAnalysis:
    """Fill in the faces (where the detector has not looked) and the
    perceptual hash (where there is none) of photo evidence.

    - ``evidence_ids``: only these records (others, and non-photos, are left
      alone); None: every photo of the portfolio.
    - ``redetect``: look again at photos whose boxes all came from the
      detector; a photo with any box the lecturer drew or moved keeps its boxes.
    - ``progress(done, total)`` is called from the calling thread after each
      file; ``cancel`` stops the run between files: what was analysed is
      written, the rest stays for next time, and ``cancelled`` is set.

    A file that cannot be read is named in :attr:`PhotoAnalysis.failed` and
    its record keeps "not looked at" (the export looks again).  A file shared
    by several records is read once."""
    started = time.monotonic()
    run = _Run(portfolio, cancel, batch_seconds)
    by_file = _wanted(portfolio, evidence_ids, redetect)
    if progress:
        progress(0, len(by_file))
    if by_file:
        # The cascade keeps a core busy; more threads than cores only wait.
        run.over_pool(by_file, workers or max(1, min(4, os.cpu_count() or 1)), progress)
    run.summary.cancelled = cancel is not None and cancel.cancelled
    run.summary.seconds = time.monotonic() - started
    return run.summary


class _Run:
    """One analysis: files looked at on the pool, results written here."""

    def __init__(self, portfolio: Portfolio, cancel: CancelToken | None, batch_seconds: float) -> None:
        self.portfolio, self.cancel, self.batch_seconds = portfolio, cancel, batch_seconds
        self.summary = PhotoAnalysis()
        self.pending: list[tuple[_Wanted, _Looked]] = []
        self.last_write = time.monotonic()

    @property
    def cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.cancelled

    def look(self, path: Path, faces: bool, hashed: bool) -> _Looked:
        """On the pool.  A file still waiting for a thread when the user
        cancelled is not started."""
        return _Looked(skipped=True) if self.cancelled else _look(path, faces, hashed)

    def flush(self) -> None:
        self.last_write = time.monotonic()
        if self.pending:
            batch = list(self.pending)
            self.pending.clear()
            _write(self.portfolio, batch, self.summary)

    def over_pool(self, by_file: dict[str, list[_Wanted]], workers: int, progress: Progress | None) -> None:
        total, done = len(by_file), 0
        files = iter(by_file.items())
        inflight: deque[tuple[list[_Wanted], Future]] = deque()
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="photo-analysis") as pool:

            def fill() -> None:
                while len(inflight) < workers * 2 and not self.cancelled:
                    item = next(files, None)
                    if item is None:
                        return
                    sha, records = item
                    path = _stored_file(self.portfolio, sha)
                    future = (_finished(_Looked(error="missing")) if path is None else
                              pool.submit(self.look, path, any(r.faces for r in records), any(r.hash for r in records)))
                    inflight.append((records, future))

            try:
                fill()
                while inflight:
                    records, future = inflight.popleft()
                    looked = future.result()
                    if looked.skipped:  # left for next time
                        continue
                    done += 1
                    if looked.error:
                        self.summary.failed.extend(r.name for r in records)
                    else:
                        self.pending.extend((r, looked) for r in records)
                    if time.monotonic() - self.last_write >= self.batch_seconds:
                        self.flush()
                    if progress:
                        progress(done, total)
                    fill()
            finally:
                # Interrupted or not, what was analysed is kept.
                for _, future in inflight:
                    future.cancel()
                self.flush()


def _stored_file(portfolio: Portfolio, sha256: str) -> Path | None:
    try:
        path = portfolio.store.path_for(sha256)
    except ValueError:  # a record whose hash is no SHA-256 (a damaged archive) has no file
        return None
    return path if path.is_file() else None


def _finished(result: _Looked) -> Future:
    future: Future = Future()
    future.set_result(result)
    return future


# -- the lecturer's corrections ---------------------------------------------------

def _photo_or_raise(session, evidence_id: str) -> m.Evidence:
    record = get_or_raise(session, m.Evidence, evidence_id)
    if not is_photo(record):
        raise UserError("photo_analysis.not_a_photo", name=record.original_name or record.id)
    return record


def set_face_boxes(portfolio: Portfolio, evidence_id: str, boxes: Sequence[FaceBox]) -> None:
    """The faces as the lecturer placed them (added, moved, removed): every
    box is stored as the lecturer's, so a later detection never replaces it.
    An empty list says "no face here"."""
    with portfolio.session() as session:
        record = _photo_or_raise(session, evidence_id)
        apply_fields(record, {"face_boxes": _as_lecturers(boxes)})
        EvidenceService(portfolio).validate(session, record)


def _as_lecturers(boxes: Any) -> Any:
    """Every box marked as the lecturer's; anything that is not a box goes
    to the column's validator as it is, which refuses it in a sentence."""
    if not isinstance(boxes, (list, tuple)):
        # None too: the lecturer cannot make a photo "not looked at" again.
        return parse_face_boxes(boxes, "face_boxes")
    return [{**(box.as_dict() if isinstance(box, FaceBox) else box), "by": LECTURER}
            if isinstance(box, (FaceBox, dict)) else box for box in boxes]


def explain_finding(portfolio: Portfolio, evidence_id: str, rule_id: str, note: str) -> None:
    """The lecturer's note on one plausibility finding of a photo; the
    finding then stops counting, and the dossier's manifest prints the note.
    An empty note takes the explanation away."""
    from ..readiness.plausibility import PLAUSIBILITY_RULES

    if rule_id not in PLAUSIBILITY_RULES:
        raise UserError("photo_analysis.unknown_rule", rule=str(rule_id)[:80])
    with portfolio.session() as session:
        record = _photo_or_raise(session, evidence_id)
        notes = dict(record.findings_explained or {})
        notes[rule_id] = note  # the validator drops an emptied note and refuses what is not text
        apply_fields(record, {"findings_explained": notes})
        EvidenceService(portfolio).validate(session, record)
