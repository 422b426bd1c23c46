"""The text of a portfolio's scanned documents, read once and kept with the
evidence (``Evidence.ocr_text``) so that search finds words inside scans.

:func:`recognise_scans` runs after an import (the command line, the
window's background job) over the scans not yet read: scanned letters and
documents, PDFs, photo consent forms, signed forms and MOUs, and whatever
file is a testimonial's letter.  Photos are not read: their "text" is
mostly noise, and a search hit inside a photo would mislead.

Tesseract keeps one core busy per page, so at most two run at once.  The
database is written from the calling thread only, in short transactions
whose ``WHERE ocr_text IS NULL`` fills only what is still unread: nothing a
lecturer or another run stored is replaced, and a cancelled run keeps what
it read.  Without Tesseract the run reads nothing and says what to
install; the import itself is unaffected.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from sqlalchemy import or_, select, update

from ..domain import models as m
from ..domain.enums import EvidenceKind
from ..dossier.plan import is_picture
from ..errors import UserError
from ..i18n import register, tr
from ..jobs import CancelToken, Progress
from ..storage.portfolio import Portfolio

register({
    "ocr.summary": (
        "อ่านข้อความในภาพสแกนแล้ว {read} ไฟล์ พบข้อความ {with_text} ไฟล์ อ่านไม่ได้ {failed} ไฟล์ "
        "(ใช้เวลา {seconds:.1f} วินาที) ข้อความที่อ่านได้อาจผิดบางตัวอักษร ใช้สำหรับค้นหาเท่านั้น",
        "Text read in {read} scan(s), {with_text} with text, {failed} unreadable ({seconds:.1f} s); "
        "the text may have some wrong characters and is only used for search.",
    ),
    "ocr.cancelled": (
        "ยกเลิกแล้ว: ข้อความของไฟล์ที่อ่านแล้วบันทึกไว้ ไฟล์ที่เหลือจะอ่านครั้งต่อไป",
        "Cancelled: the text of the scans already read is kept; the rest are read next time.",
    ),
    "ocr.missing_file": (
        "ไม่พบไฟล์ “{name}” ในที่เก็บหลักฐานของแฟ้มผลงาน จึงอ่านข้อความไม่ได้ (ตรวจด้วยคำสั่ง doctor)",
        "“{name}” is missing from the portfolio's evidence store, so its text cannot be read (doctor checks it).",
    ),
    "ocr.line.failed": ("อ่านข้อความไม่ได้: {reason}", "could not read the text: {reason}"),
})

#: Evidence kinds that are pictures or PDFs of paper (a letter, a form, an MOU).
SCANNED_KINDS = frozenset({
    EvidenceKind.SCAN.value, EvidenceKind.PDF.value, EvidenceKind.CONSENT_FORM.value,
    EvidenceKind.CONTRIBUTION_FORM.value, EvidenceKind.MOU.value, EvidenceKind.ETHICS_DECLARATION.value,
    EvidenceKind.ETHICS_APPROVAL.value,
})
#: Tesseract processes at once: each keeps a core busy.
MAX_WORKERS = 2


@dataclass
class OcrResult:
    """What one run of :func:`recognise_scans` did."""

    #: Records whose text was stored ("" included: read, nothing found).
    read: int = 0
    #: Of those, records where some text was found.
    with_text: int = 0
    #: Why each file that could not be read was not (its records stay unread).
    failed: list[UserError] = field(default_factory=list)
    #: The message key saying what to install when Tesseract is missing; nothing was read.
    unavailable: str | None = None
    seconds: float = 0.0
    cancelled: bool = False

    def summary(self, lang: str | None = None) -> str:
        if self.unavailable:
            return tr(self.unavailable, lang)
        text = tr("ocr.summary", lang, read=self.read, with_text=self.with_text, failed=len(self.failed),
                  seconds=self.seconds)
        if self.cancelled:
            text += "\n" + tr("ocr.cancelled", lang)
        return text

    def failed_lines(self, lang: str | None = None) -> list[str]:
        return [tr("ocr.line.failed", lang, reason=error.message(lang)) for error in self.failed]

    @property
    def idle(self) -> bool:
        """Nothing was there to read (and nothing is missing)."""
        return not (self.read or self.failed or self.unavailable or self.cancelled)


def is_scanned(record: m.Evidence, letters: set[str]) -> bool:
    """Whether ``record`` is paper the app should read: a scanned kind (or a
    testimonial's letter) in a picture or a PDF."""
    readable = is_picture(record) or (record.media_type or "").lower() == "application/pdf"
    return readable and (record.kind in SCANNED_KINDS or record.id in letters)


def _unread(portfolio: Portfolio, evidence_ids: Sequence[str] | None) -> dict[str, list[m.Evidence]]:
    """sha256 -> the unread scanned records holding that file."""
    letters_query = select(m.Testimonial.letter_evidence_id).where(m.Testimonial.letter_evidence_id.is_not(None))
    query = select(m.Evidence).where(m.Evidence.ocr_text.is_(None),
                                     or_(m.Evidence.kind.in_(SCANNED_KINDS), m.Evidence.id.in_(letters_query)))
    if evidence_ids is not None:
        query = query.where(m.Evidence.id.in_(list(evidence_ids)))
    by_file: dict[str, list[m.Evidence]] = {}
    with portfolio.reader() as session:
        letters = set(session.scalars(letters_query))
        for record in session.scalars(query.order_by(m.Evidence.created_at)):
            if is_scanned(record, letters):
                by_file.setdefault(record.sha256, []).append(record)
    return by_file


def _read_file(portfolio: Portfolio, sha256: str, name: str, cancel: CancelToken | None) -> str | UserError | None:
    """On the pool: the file's text, the sentence why it cannot be read, or
    None when the run was cancelled before or while reading it."""
    from ..jobs import Cancelled
    from ..media.ocr import recognise

    if cancel is not None and cancel.cancelled:
        return None
    try:
        path = portfolio.store.path_for(sha256)
    except ValueError:  # a record whose hash is no SHA-256 (a damaged archive)
        path = None
    if path is None or not path.is_file():
        return UserError("ocr.missing_file", name=name)
    try:
        return recognise(path, name=name, cancelled=None if cancel is None else lambda: cancel.cancelled)
    except Cancelled:
        return None
    except UserError as error:
        return error


def _store(portfolio: Portfolio, records: list[m.Evidence], textual: str, result: OcrResult) -> None:
    """One short transaction: the text goes only where there is none yet."""
    with portfolio.session() as session:
        for record in records:
            done = session.execute(update(m.Evidence)
                                   .where(m.Evidence.id == record.id, m.Evidence.ocr_text.is_(None))
                                   .values(ocr_text=textual).execution_options(synchronize_session=False))
            if done.rowcount:
                result.read += 1
                result.with_text += bool(textual)


def recognise_scans(
    portfolio: Portfolio,
    evidence_ids: Sequence[str] | None = None,
    *,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    workers: int | None = None,
) -> OcrResult:
    """Read the text of the scanned evidence not yet read (``ocr_text`` None).

    - ``evidence_ids``: only these records (photos, audio and others are left
      alone whatever is asked); None: every scan of the portfolio.
    - ``progress(done, total)`` is called from the calling thread after each
      file; ``cancel`` stops the page being read and the files after it:
      what was read is kept and ``cancelled`` is set.

    A file that cannot be read is named in :attr:`OcrResult.failed` and stays
    unread (a later run tries again).  Without Tesseract nothing is read and
    :attr:`OcrResult.unavailable` holds the sentence's key."""
    from ..media.ocr import missing_reason

    started = time.monotonic()
    result = OcrResult()
    by_file = _unread(portfolio, evidence_ids)
    if by_file:
        result.unavailable = missing_reason()
    if not by_file or result.unavailable:
        result.seconds = time.monotonic() - started
        return result
    total = len(by_file)
    if progress:
        progress(0, total)
    count = workers or max(1, min(MAX_WORKERS, os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=count, thread_name_prefix="ocr") as pool:
        futures = [(records, pool.submit(_read_file, portfolio, sha, records[0].original_name or records[0].id,
                                         cancel))
                   for sha, records in by_file.items()]
        try:
            for done, (records, future) in enumerate(futures, 1):
                outcome = future.result()
                if outcome is None:
                    continue  # cancelled: left for next time
                if isinstance(outcome, UserError):
                    result.failed.append(outcome)
                else:
                    _store(portfolio, records, outcome, result)
                if progress:
                    progress(done, total)
        finally:
            for _, future in futures:
                future.cancel()
    result.cancelled = cancel is not None and cancel.cancelled
    result.seconds = time.monotonic() - started
    return result
