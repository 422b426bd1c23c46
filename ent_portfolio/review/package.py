"""An evidence package opened for review: verified first, then read, never
written.

A reviewer must see whether the package holds before reading a page of it,
and must still be able to read a package that does not hold (to say what is
wrong with it in the assessment): so :func:`open_for_review` keeps the
verdict of :func:`~ent_portfolio.dossier.verification.verify_package` — or,
when the manifest itself is unusable, a failing verdict and the sentence
why — and reads whatever it still can.  Everything in the zip is read as
hostile: through the verifier's own bounded member reader (stored or
deflated members only, never encrypted ones), with the manifest's entries
taken one by one and a malformed entry skipped rather than trusted."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import stat
import tempfile
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path

import pikepdf

from ..dossier.package import MANIFEST, PDF_NAME, _matching
from ..dossier.verification import (
    _DAMAGED,
    MANIFEST_LIMIT,
    PDF_LIMIT,
    PackageVerdict,
    _Unreadable,
    _ZipPackage,
    verify_package,
)
from ..errors import UserError
from ..i18n import register, tr
from ..signing.checks import ABSENT

register({
    "review.package_not_zip": (
        "“{path}” ไม่ใช่ชุดหลักฐาน (ไฟล์ zip) ที่เปิดเพื่อประเมินได้ โปรดเลือกไฟล์ .zip ที่ได้รับจากผู้เสนอขอ",
        "“{path}” is not an evidence package (zip file) that can be opened for review; choose the .zip the "
        "applicant sent."),
    "review.no_such_evidence": ("ชุดหลักฐานนี้ไม่มีหลักฐาน “{ref}”", "This package holds no evidence “{ref}”."),
    "review.evidence_unreadable": (
        "อ่านหลักฐาน “{ref}” จากชุดหลักฐานไม่ได้ ({reason})",
        "The evidence “{ref}” cannot be read from the package ({reason})."),
    "review.evidence_twice": (
        "ชุดหลักฐานมีไฟล์ชื่อ “{path}” มากกว่าหนึ่งไฟล์ จึงไม่ทราบว่าไฟล์ใดคือหลักฐาน “{ref}” และไม่เปิดให้",
        "The package holds more than one file named “{path}”, so which one is the evidence “{ref}” is unknown; "
        "it is not opened."),
    "review.reason.too_large": ("ไฟล์ใหญ่เกินกว่าที่ชุดหลักฐานจริงมี", "it is larger than any real package holds"),
    "review.signature_unchecked": ("ตรวจลายมือชื่อไม่ได้ เพราะอ่านรายการไฟล์ (manifest.json) ไม่ได้",
                                   "the signature cannot be checked: the manifest cannot be read"),
    "review.reason.missing": ("ไม่มีไฟล์นี้ในชุดหลักฐาน", "the file is not in the package"),
})

#: The manifest's work heading in the dossier's outline, Thai or English
#: (``texts.work_n`` followed by the title).
WORK_HEADING = re.compile(r"^(?:ผลงานที่|Work)\s+(\d{1,3}):\s*(.+)$", re.S)
#: Outline entries read at most: the demo's has about 120; a hostile PDF
#: could hold millions, or nest them without end.
OUTLINE_LIMIT = 5000
OUTLINE_DEPTH = 8


@dataclass(frozen=True)
class ReviewedWork:
    """A work of the dossier as the package names it (``index`` from 1, in
    the dossier's order; ``id`` the portfolio's id, ``#N`` when only the
    PDF's outline names the work)."""

    index: int
    id: str
    title: str


@dataclass(frozen=True)
class Citation:
    """Where the dossier cites an evidence file: the place as printed and
    its page (1-based, as the page numbers say; None when unknown)."""

    place: str
    work_index: int | None
    page: int | None


@dataclass(frozen=True)
class ReviewedEvidence:
    ref: str
    path: str
    caption: str
    original_name: str
    media_type: str
    kind: str
    sha256: str
    size: int
    work_index: int | None
    work_id: str
    appendix_page: int | None
    citations: tuple[Citation, ...]
    #: False when the verifier found this file missing, changed or unreadable.
    intact: bool


@dataclass(frozen=True)
class OutlineItem:
    """One bookmark of the dossier: ``page`` 0-based (None when it points nowhere readable)."""

    title: str
    page: int | None
    level: int


@dataclass
class ReviewPackage:
    path: Path
    verdict: PackageVerdict
    #: SHA-256 of the zip as received: what a review file is bound to.
    package_sha256: str
    works: list[ReviewedWork] = field(default_factory=list)
    evidence: list[ReviewedEvidence] = field(default_factory=list)
    #: Why the package could not be checked at all (its manifest unusable); None otherwise.
    problem: UserError | None = None
    applicant: str = ""
    #: What the dossier says it applies for (the PDF's subject line).
    application: str = ""
    language: str = "th"

    @property
    def state(self) -> str:
        """``signed`` (intact and signed), ``unsigned`` (intact, nobody vouches for it) or ``failed``."""
        if self.problem is not None or not self.verdict.ok:
            return "failed"
        return "unsigned" if self.verdict.unsigned else "signed"

    @property
    def signer(self) -> str:
        check = self.verdict.manifest_signature
        return check.signer_name if check is not None else ""

    def pdf_bytes(self) -> bytes:
        """The dossier PDF as the package holds it (empty when it holds none readable)."""
        try:
            return self._member(PDF_NAME, PDF_LIMIT)
        except UserError:
            return b""

    def evidence_item(self, ref: str) -> ReviewedEvidence:
        for item in self.evidence:
            if item.ref == ref:
                return item
        raise UserError("review.no_such_evidence", ref=ref)

    def evidence_bytes(self, ref: str) -> bytes:
        item = self.evidence_item(ref)
        return self._member(item.path, PDF_LIMIT, ref=ref)

    def copy_evidence(self, ref: str, folder: Path) -> Path:
        """The evidence ``ref`` copied into ``folder`` (a temporary folder of
        the caller's) under its package name, read-only, for a viewer to
        open: the package itself is never handed to another program."""
        item = self.evidence_item(ref)
        data = self._member(item.path, PDF_LIMIT, ref=ref)
        target = Path(folder) / Path(item.path).name
        fd, temp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".part")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, target)
        target.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        return target

    def outline(self) -> list[OutlineItem]:
        return _outline(self.pdf_bytes())

    def _member(self, name: str, limit: int, ref: str = "") -> bytes:
        label = ref or name
        try:
            zf = zipfile.ZipFile(self.path)
        except (OSError, *_DAMAGED) as exc:
            raise UserError("review.evidence_unreadable", ref=label, reason=_reason("verify.reason.damaged")) from exc
        with zf:
            wanted = _matching(name)
            copies = [info for info in zf.infolist() if not info.is_dir() and _matching(info.filename) == wanted]
            if not copies:
                raise UserError("review.evidence_unreadable", ref=label, reason=_reason("review.reason.missing"))
            if len(copies) > 1:
                raise UserError("review.evidence_twice", ref=label, path=name)
            return _bounded(_ZipPackage(zf), copies[0], limit, label)


def _reason(key: str) -> str:
    return tr(key)


def _bounded(package: _ZipPackage, info: zipfile.ZipInfo, limit: int, label: str) -> bytes:
    if info.file_size > limit:
        raise UserError("review.evidence_unreadable", ref=label, reason=_reason("review.reason.too_large"))
    try:
        with package.open(info) as handle:
            data = handle.read(limit + 1)
    except _Unreadable as exc:
        raise UserError("review.evidence_unreadable", ref=label, reason=_reason(exc.reason)) from exc
    if len(data) > limit:  # the zip lied about the size
        raise UserError("review.evidence_unreadable", ref=label, reason=_reason("review.reason.too_large"))
    return data


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def open_for_review(package_path: Path | str) -> ReviewPackage:
    """The package at ``package_path`` (a zip), verified and read.

    Only a file that is no zip at all is refused (a :class:`UserError`);
    a package that fails its check, or whose manifest cannot be used, opens
    with a failing :attr:`ReviewPackage.verdict` and what can still be read."""
    path = Path(package_path)
    if not path.exists():
        raise UserError("package.not_found", path=str(path))
    if not path.is_file() or not zipfile.is_zipfile(path):
        raise UserError("review.package_not_zip", path=str(path))
    try:
        package_sha256 = _file_sha256(path)
    except OSError as exc:
        raise UserError("review.package_not_zip", path=str(path)) from exc
    problem = None
    try:
        verdict = verify_package(path)
    except UserError as exc:
        problem = exc
        # a verdict that fails on every count it could not check, so a
        # banner built from it reads red however it is asked
        verdict = PackageVerdict(path, unreadable=[(MANIFEST, "verify.reason.damaged")],
                                 manifest_signature=replace(ABSENT, problem_key="review.signature_unchecked"))
    review = ReviewPackage(path=path, verdict=verdict, package_sha256=package_sha256, problem=problem)
    manifest = _lenient_manifest(review)
    broken = set(verdict.missing) | set(verdict.changed) | {p for p, _reason in verdict.unreadable}
    review.evidence = _evidence(manifest, broken)
    if isinstance(manifest.get("language"), str) and manifest["language"] in ("th", "en"):
        review.language = manifest["language"]
    pdf = review.pdf_bytes()
    review.applicant, review.application = _pdf_identity(pdf)
    review.works = _works(manifest, _outline(pdf))
    return review


def _lenient_manifest(review: ReviewPackage) -> dict:
    """The manifest as far as it is a JSON object (empty otherwise): each
    entry is checked where it is used."""
    try:
        raw = review._member(MANIFEST, MANIFEST_LIMIT)
        manifest = json.loads(raw.decode("utf-8"))
    except (UserError, ValueError, RecursionError):
        return {}
    return manifest if isinstance(manifest, dict) else {}


def _text(value, default: str = "") -> str:
    return value if isinstance(value, str) else default


def _number(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 1_000_000 else None


def _evidence(manifest: dict, broken: set[str]) -> list[ReviewedEvidence]:
    files = manifest.get("files")
    found: list[ReviewedEvidence] = []
    seen: set[str] = set()
    for entry in files if isinstance(files, list) else []:
        if not isinstance(entry, dict):
            continue
        ref, path = _text(entry.get("ref")), _text(entry.get("path"))
        if not ref or not path or ref in seen:
            continue
        seen.add(ref)
        work = entry.get("work") if isinstance(entry.get("work"), dict) else {}
        cited = entry.get("cited") if isinstance(entry.get("cited"), list) else []
        citations = tuple(Citation(_text(c.get("place")), _number(c.get("work_index")), _number(c.get("page")))
                          for c in cited if isinstance(c, dict))
        found.append(ReviewedEvidence(
            ref=ref, path=path, caption=_text(entry.get("caption")), original_name=_text(entry.get("original_name")),
            media_type=_text(entry.get("media_type")), kind=_text(entry.get("kind")),
            sha256=_text(entry.get("sha256")), size=_number(entry.get("size")) or 0,
            work_index=_number(work.get("index")), work_id=_text(work.get("id")),
            appendix_page=_number(entry.get("appendix_page")), citations=citations,
            intact=path not in broken))
    return found


def _works(manifest: dict, outline: list[OutlineItem]) -> list[ReviewedWork]:
    """The works by index: from the manifest's evidence entries (which carry
    the portfolio's id), completed by the outline's work headings (a work
    citing no evidence appears only there)."""
    by_index: dict[int, ReviewedWork] = {}
    files = manifest.get("files")
    for entry in files if isinstance(files, list) else []:
        work = entry.get("work") if isinstance(entry, dict) else None
        if not isinstance(work, dict):
            continue
        index, work_id, title = _number(work.get("index")), _text(work.get("id")), _text(work.get("title"))
        if index is not None and work_id and index not in by_index:
            by_index[index] = ReviewedWork(index, work_id, title)
    for item in outline:
        match = WORK_HEADING.match(item.title) if item.level == 0 else None
        if match is None:
            continue
        index = int(match.group(1))
        if index not in by_index and index > 0:
            by_index[index] = ReviewedWork(index, f"#{index}", match.group(2).strip())
    return [by_index[k] for k in sorted(by_index)]


def _pdf_identity(pdf: bytes) -> tuple[str, str]:
    """(applicant, what is applied for) as the dossier's metadata names them."""
    if not pdf:
        return "", ""
    try:
        with pikepdf.open(io.BytesIO(pdf)) as doc:
            info = doc.docinfo
            return str(info.get("/Author", "")), str(info.get("/Subject", ""))
    except Exception:  # pikepdf raises many kinds on a damaged file; the names are then unknown
        return "", ""


def _outline(pdf: bytes) -> list[OutlineItem]:
    """The dossier's bookmarks in reading order, bounded in number and depth;
    a damaged or hostile PDF gives what could be read before the damage."""
    if not pdf:
        return []
    found: list[OutlineItem] = []
    try:
        with pikepdf.open(io.BytesIO(pdf)) as doc, doc.open_outline() as outline:
            pages = {page.objgen: k for k, page in enumerate(doc.pages)}

            def walk(items, level: int) -> None:
                for item in items:
                    if len(found) >= OUTLINE_LIMIT:
                        return
                    found.append(OutlineItem(str(item.title), _page_of(item, pages), level))
                    if level + 1 < OUTLINE_DEPTH:
                        walk(item.children, level + 1)

            walk(outline.root, 0)
    except Exception:  # a loop, a broken tree or an unreadable file: keep what was read
        pass
    return found


def _page_of(item, pages: dict) -> int | None:
    destination = item.destination
    if destination is None and item.action is not None and item.action.get("/S") == pikepdf.Name.GoTo:
        destination = item.action.get("/D")
    if isinstance(destination, pikepdf.Array) and len(destination) and isinstance(destination[0], pikepdf.Dictionary):
        return pages.get(destination[0].objgen)
    return None


__all__ = ["Citation", "OutlineItem", "ReviewPackage", "ReviewedEvidence", "ReviewedWork", "open_for_review"]
