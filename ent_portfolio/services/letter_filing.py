"""Scans that file themselves: a signed letter the app printed comes back as
a scan or a phone photo, and its QR code says where it belongs.

:func:`file_letters` runs after an import (the command line's ``evidence
add``, the window's import) on the records just imported.  A code of a
testimonial of this portfolio makes the scan that testimonial's letter; a
code of an activity makes it one of the activity's photo-consent forms.  The
lecturer does not choose, and is told what happened in one sentence per file.

What it will not do, and says instead:

- link a scan to a record of another work (the evidence belongs to the work
  it was imported into; the lecturer imports it into the right one), or of
  another portfolio (the code names a record that is not here);
- undo a link the lecturer made: a file already linked to another
  testimonial or activity keeps it, and a testimonial whose letter the
  lecturer chose keeps that letter.  A letter that was itself filed by its
  code (its file carries this testimonial's code) is replaced by the newer
  scan: it is an earlier scan of the same letter, and it stays the
  testimonial's evidence, so nothing is lost.

The wording check compares the code's hash with the letter the record
prints today; when they differ the record was edited after the partner
signed, and the lecturer is told (the scan is filed all the same: it is
still what the partner signed).

The codes are searched on a small thread pool (OpenCV releases the GIL);
the links are written from the calling thread in one transaction, which
checks again what it changes, so a link the lecturer made meanwhile wins.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import select

from ..domain import models as m
from ..errors import UserError
from ..i18n import current_language, register, tr
from ..jobs import CancelToken, Progress
from ..media.qr import LetterCode, find_letter_codes
from ..storage.portfolio import Portfolio

register({
    "letter_filing.filed.testimonial": (
        "แนบ “{name}” เป็นหนังสือของคำรับรองจาก{who}แล้ว (อ่านจากคิวอาร์โค้ดบนหนังสือ)",
        "“{name}” filed as the letter of the testimonial from {who} (read from the letter's QR code).",
    ),
    "letter_filing.filed.consent": (
        "แนบ “{name}” เป็นแบบแสดงความยินยอมของบุคคลในภาพของกิจกรรม “{activity}” แล้ว (อ่านจากคิวอาร์โค้ดบนหนังสือ)",
        "“{name}” filed as a photo consent form of the activity “{activity}” (read from the letter's QR code).",
    ),
    "letter_filing.replaced": (
        "ฉบับสแกนก่อนหน้า “{old}” ยังเป็นหลักฐานของคำรับรองนี้ต่อไป",
        "The earlier scan “{old}” stays with this testimonial as evidence.",
    ),
    "letter_filing.wording_changed": (
        "ข้อความในหนังสือเปลี่ยนไปหลังพิมพ์: ระเบียนถูกแก้ไขหลังจากพิมพ์หนังสือที่ลงนามนี้ "
        "โปรดตรวจว่าข้อมูลในระเบียนยังตรงกับที่ผู้ลงนามรับรอง",
        "The letter's wording changed after it was printed: the record was edited after this signed letter "
        "was printed; check that it still says what the signer certified.",
    ),
    "letter_filing.has_letter": (
        "“{name}” มีคิวอาร์โค้ดของคำรับรองจาก{who} แต่คำรับรองนี้มีหนังสือที่เลือกไว้แล้ว (“{old}”) "
        "จึงไม่เปลี่ยน หากฉบับนี้ถูกต้องกว่า โปรดเลือกเป็นหนังสือของคำรับรองเอง",
        "“{name}” carries the QR code of the testimonial from {who}, but that testimonial already has the "
        "letter you chose (“{old}”), so it was left as it is; if this one is the right one, choose it yourself.",
    ),
    "letter_filing.linked_elsewhere": (
        "“{name}” มีคิวอาร์โค้ดของ{what} แต่ไฟล์นี้เชื่อมกับ{kind}อื่นไว้แล้ว จึงไม่เปลี่ยนการเชื่อมที่มีอยู่",
        "“{name}” carries the QR code of {what_en}, but the file is already linked to another {kind_en}; "
        "that link was left as it is.",
    ),
    "letter_filing.other_work": (
        "“{name}” เป็นหนังสือของผลงาน “{work}” ไม่ใช่ผลงานที่นำเข้าไฟล์นี้ จึงไม่ได้แนบ "
        "นำเข้าไฟล์นี้ในผลงาน “{work}” แล้วจะแนบให้เอง",
        "“{name}” is a letter of the work “{work}”, not of the work it was imported into, so it was not "
        "filed; import it into “{work}” and it files itself.",
    ),
    "letter_filing.unknown": (
        "“{name}” มีคิวอาร์โค้ดของหนังสือที่ไม่ได้พิมพ์จากแฟ้มผลงานนี้ (รหัสเอกสาร {code}) จึงไม่ได้แนบกับระเบียนใด",
        "“{name}” carries the QR code of a letter not printed from this portfolio (document code {code}), "
        "so it is not linked to any record.",
    ),
    "letter_filing.what.testimonial": ("คำรับรองจาก{who}", "the testimonial from {who}"),
    "letter_filing.what.consent": ("แบบแสดงความยินยอมของกิจกรรม “{activity}”",
                                   "the consent form of the activity “{activity}”"),
    "letter_filing.summary": (
        "แนบหนังสือที่สแกนกลับมาโดยอัตโนมัติ {filed} ไฟล์ ไม่ได้แนบ {not_filed} ไฟล์",
        "{filed} scanned letter(s) filed by their QR code, {not_filed} not filed",
    ),
})

#: Evidence kinds a returned letter arrives as: a picture, a PDF, or a
#: record the lecturer already called a scan or a consent form.
SEARCHED_KINDS = ("photo", "scan", "pdf", "consent_form")


class Outcome(StrEnum):
    FILED = "filed"                        # linked now
    HAS_LETTER = "has_letter"              # the testimonial keeps the letter the lecturer chose
    LINKED_ELSEWHERE = "linked_elsewhere"  # the file keeps the link the lecturer made
    OTHER_WORK = "other_work"              # the record is in another work of this portfolio
    UNKNOWN = "unknown"                    # no such record in this portfolio


@dataclass
class FiledLetter:
    """What the code on one imported file did."""

    evidence_id: str
    #: The letter kind the code says (``certification``, ``testimonial``, ``consent``).
    kind: str
    #: The testimonial or activity the code names.
    record_id: str
    #: The record was edited after the letter was printed (only when filed).
    wording_changed: bool = False
    #: None: nothing to say (the same scan was filed before and came again).
    outcome: Outcome | None = Outcome.FILED
    #: The file as the lecturer knows it.
    name: str = ""
    #: Who the testimonial is from / the activity's title; the other work's title.
    about: str = ""
    #: The other work's English title, when it has one.
    about_en: str = ""
    #: The testimonial's earlier letter: replaced (FILED) or kept (HAS_LETTER).
    previous: str = ""
    code: LetterCode | None = None

    @property
    def is_consent(self) -> bool:
        return self.kind == "consent"

    def message(self, lang: str | None = None) -> str:
        who = {"who": self.about, "activity": self.about}
        if self.outcome is Outcome.FILED:
            text = tr("letter_filing.filed.consent" if self.is_consent else "letter_filing.filed.testimonial",
                      lang, name=self.name, **who)
            if self.previous:
                text += " " + tr("letter_filing.replaced", lang, old=self.previous)
            if self.wording_changed:
                text += " " + tr("letter_filing.wording_changed", lang)
            return text
        if self.outcome is Outcome.HAS_LETTER:
            return tr("letter_filing.has_letter", lang, name=self.name, who=self.about, old=self.previous)
        if self.outcome is Outcome.LINKED_ELSEWHERE:
            what_key = "letter_filing.what.consent" if self.is_consent else "letter_filing.what.testimonial"
            model = m.Activity if self.is_consent else m.Testimonial
            return tr("letter_filing.linked_elsewhere", lang, name=self.name, what=tr(what_key, "th", **who),
                      what_en=tr(what_key, "en", **who), kind=model.kind_th, kind_en=model.kind_en)
        if self.outcome is Outcome.OTHER_WORK:
            english = (lang or current_language()) == "en"
            return tr("letter_filing.other_work", lang, name=self.name,
                      work=(self.about_en or self.about) if english else self.about)
        return tr("letter_filing.unknown", lang, name=self.name, code=_document_code(self.code))


@dataclass
class FilingResult:
    """What :func:`file_letters` did, for the import summary."""

    #: Files linked to their testimonial or activity.
    filed: list[FiledLetter] = field(default_factory=list)
    #: Codes of records of this portfolio that were not linked, and why.
    not_filed: list[FiledLetter] = field(default_factory=list)
    #: Codes of records not in this portfolio (never linked).
    unknown: list[FiledLetter] = field(default_factory=list)
    #: True when a CancelToken stopped the search; nothing was linked then.
    cancelled: bool = False

    @property
    def letters(self) -> list[FiledLetter]:
        return [*self.filed, *self.not_filed, *self.unknown]

    def messages(self, lang: str | None = None) -> list[str]:
        """One sentence per file whose code did something or could not."""
        return [letter.message(lang) for letter in self.letters]

    def summary(self, lang: str | None = None) -> str:
        return tr("letter_filing.summary", lang, filed=len(self.filed),
                  not_filed=len(self.not_filed) + len(self.unknown))


def _document_code(code: LetterCode | None) -> str:
    from ..dossier.letters import document_code

    return document_code(code) if code is not None else ""


@dataclass
class _Scan:
    id: str
    work_id: str
    sha256: str
    name: str


def file_letters(
    portfolio: Portfolio,
    evidence_ids: Sequence[str],
    *,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    workers: int | None = None,
) -> FilingResult:
    """Find the letter codes on the records ``evidence_ids`` (pictures, PDFs,
    scans; other kinds are skipped) and link each to the record its code
    names, in one transaction.  ``progress(done, total)`` is called after
    each file from the calling thread; ``cancel`` stops the search and
    nothing is linked (a later import or run files them)."""
    result = FilingResult()
    scans = _scans(portfolio, evidence_ids)
    by_file: dict[str, list[_Scan]] = {}
    for scan in scans:
        by_file.setdefault(scan.sha256, []).append(scan)
    if progress:
        progress(0, len(by_file))
    if not by_file:
        return result
    found = _search(portfolio, list(by_file), progress, cancel, workers)
    if cancel is not None and cancel.cancelled:
        result.cancelled = True
        return result
    wanted = [(scan, code) for sha, codes in found.items() for scan in by_file[sha] for code in codes]
    if wanted:
        _link(portfolio, wanted, result)
    return result


def _scans(portfolio: Portfolio, evidence_ids: Sequence[str]) -> list[_Scan]:
    ids = list(dict.fromkeys(str(i) for i in evidence_ids))
    found: dict[str, _Scan] = {}
    with portfolio.reader() as session:
        for start in range(0, len(ids), 500):  # SQLite's limit on bound parameters
            query = select(m.Evidence.id, m.Evidence.work_id, m.Evidence.sha256, m.Evidence.original_name).where(
                m.Evidence.id.in_(ids[start:start + 500]), m.Evidence.kind.in_(SEARCHED_KINDS))
            for row in session.execute(query):
                found[row.id] = _Scan(row.id, row.work_id, row.sha256, row.original_name or row.id)
    return [found[i] for i in ids if i in found]


def _codes_of_stored(portfolio: Portfolio, sha256: str) -> list[LetterCode]:
    try:
        path = portfolio.store.path_for(sha256)
    except ValueError:  # a damaged record's hash names no file
        return []
    return find_letter_codes(path) if path.is_file() else []


def _search(portfolio: Portfolio, hashes: list[str], progress: Progress | None, cancel: CancelToken | None,
            workers: int | None) -> dict[str, list[LetterCode]]:
    def look(sha: str) -> list[LetterCode]:
        if cancel is not None and cancel.cancelled:
            return []  # queued when the lecturer cancelled: not started
        return _codes_of_stored(portfolio, sha)

    found: dict[str, list[LetterCode]] = {}
    workers = workers or max(1, min(4, os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="letter-codes") as pool:
        for done, (sha, codes) in enumerate(zip(hashes, pool.map(look, hashes), strict=True), start=1):
            if codes:
                found[sha] = codes
            if progress:
                progress(done, len(hashes))
    return found


def _wording_changed(portfolio: Portfolio, code: LetterCode) -> bool:
    from ..dossier.letters import wording_matches

    try:
        return not wording_matches(portfolio, code.kind, code.record_id, code.wording_hash)
    except UserError:
        # The record can no longer print this letter (its kind changed):
        # what was signed is not what the record says.
        return True


def _who(testimonial: m.Testimonial) -> str:
    return testimonial.person_name or testimonial.organisation or testimonial.id[:8]


def _earlier_letters(portfolio: Portfolio, codes: list[LetterCode]) -> dict[str, tuple[str, bool]]:
    """testimonial id -> (its letter's evidence id, whether that letter was
    filed by its code: its file carries a code of this testimonial).  Read
    and searched before the write transaction, which then checks that the
    letter is still the same."""
    ids = {code.record_id for code in codes if not code.is_consent}
    letters: dict[str, tuple[str, str]] = {}
    with portfolio.reader() as session:
        query = (select(m.Testimonial.id, m.Evidence.id, m.Evidence.sha256)
                 .join(m.Evidence, m.Evidence.id == m.Testimonial.letter_evidence_id)
                 .where(m.Testimonial.id.in_(list(ids))))
        for testimonial_id, evidence_id, sha in session.execute(query):
            letters[testimonial_id] = (evidence_id, sha)
    return {testimonial_id: (evidence_id, any(c.record_id == testimonial_id and not c.is_consent
                                              for c in _codes_of_stored(portfolio, sha)))
            for testimonial_id, (evidence_id, sha) in letters.items()}


def _link(portfolio: Portfolio, wanted: list[tuple[_Scan, LetterCode]], result: FilingResult) -> None:
    # The wording check prints the letter in memory and the earlier letters
    # are searched for their code: both read, so both are done before the
    # write transaction opens.
    changed = {code: _wording_changed(portfolio, code) for _, code in wanted}
    earlier = _earlier_letters(portfolio, [code for _, code in wanted])
    filed_now: set[str] = set()
    with portfolio.session() as session:
        for scan, code in wanted:
            evidence = session.get(m.Evidence, scan.id)
            if evidence is None:
                continue  # deleted while the codes were searched
            letter = FiledLetter(scan.id, code.kind, code.record_id, name=scan.name, code=code)
            if code.is_consent:
                _file_consent(session, evidence, letter)
            else:
                _file_testimonial(session, evidence, letter, earlier, filed_now)
            if letter.outcome is Outcome.FILED:
                letter.wording_changed = changed[code]
                filed_now.add(evidence.id)
                result.filed.append(letter)
            elif letter.outcome is Outcome.UNKNOWN:
                result.unknown.append(letter)
            elif letter.outcome is not None:
                result.not_filed.append(letter)


def _in_other_work(session, evidence: m.Evidence, record, letter: FiledLetter) -> bool:
    if record.work_id == evidence.work_id:
        return False
    letter.outcome = Outcome.OTHER_WORK
    work = session.get(m.Work, record.work_id)
    letter.about = (work.title_th if work is not None else "") or record.work_id
    letter.about_en = work.title_en if work is not None else ""
    return True


def _file_consent(session, evidence: m.Evidence, letter: FiledLetter) -> None:
    activity = session.get(m.Activity, letter.record_id)
    if activity is None:
        letter.outcome = Outcome.UNKNOWN
        return
    letter.about = activity.title or activity.id[:8]
    if _in_other_work(session, evidence, activity, letter):
        return
    if evidence.activity_id not in (None, activity.id):
        letter.outcome = Outcome.LINKED_ELSEWHERE
        return
    if evidence.activity_id == activity.id and evidence.kind == "consent_form":
        letter.outcome = None  # filed before (the same scan imported again): nothing to say
        return
    evidence.activity_id = activity.id
    evidence.kind = "consent_form"


def _file_testimonial(session, evidence: m.Evidence, letter: FiledLetter,
                      earlier: dict[str, tuple[str, bool]], filed_now: set[str]) -> None:
    testimonial = session.get(m.Testimonial, letter.record_id)
    if testimonial is None:
        letter.outcome = Outcome.UNKNOWN
        return
    letter.about = _who(testimonial)
    if _in_other_work(session, evidence, testimonial, letter):
        return
    if evidence.testimonial_id not in (None, testimonial.id):
        letter.outcome = Outcome.LINKED_ELSEWHERE
        return
    if testimonial.letter_evidence_id == evidence.id:
        letter.outcome = None  # filed before: nothing to say
        return
    previous = session.get(m.Evidence, testimonial.letter_evidence_id) if testimonial.letter_evidence_id else None
    if previous is not None:
        letter.previous = previous.original_name or previous.id
        by_code = previous.id in filed_now or earlier.get(testimonial.id) == (previous.id, True)
        if not by_code:
            letter.outcome = Outcome.HAS_LETTER
            return
    evidence.testimonial_id = testimonial.id
    if evidence.kind == "photo":
        # A photographed letter is a document: it is not a photo of the
        # activity (no faces to blur, no plausibility of place and date).
        evidence.kind = "scan"
    testimonial.letter_evidence_id = evidence.id
