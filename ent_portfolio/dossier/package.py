"""The evidence package: the dossier PDF, the original evidence files it
cites and ``manifest.json`` with their SHA-256, so that a reviewer can check
that nothing was altered (``ent-portfolio verify PACKAGE.zip``).

Layout of the zip::

    dossier.pdf
    evidence/E-1_20230317_164210.jpg
    evidence/E-8_หนังสือรับรอง_อบต.บ่อเกลือใต้_2567.jpg
    manifest.json
    manifest.json.p7s      signed packages: detached CMS signature of manifest.json
    signer.pem             signed packages: the signer's certificate, then its chain
    README-TH.txt          how a reviewer checks the package (:mod:`.reviewer_notes`)
    README-EN.txt
    SHA256SUMS             every other member, in ``sha256sum -c`` format

``manifest.json`` (UTF-8)::

    {"format": "ent-portfolio-evidence-package", "format_version": 1,
     "app_version": "0.1.0", "created": "2026-11-25T16:40:00+00:00",
     "applicant": "...", "language": "th",
     "dossier": {"path": "dossier.pdf", "sha256": "...", "size": 123, "pages": 60},
     "files": [{"ref": "E-1", "path": "evidence/E-1_....jpg", "sha256": "...", "size": 1,
                "original_name": "...", "media_type": "image/jpeg", "kind": "photo",
                "stored_sha256": "...", "gps_stripped": false, "faces_blurred": 0,
                "explained": {"evidence.date_vs_activity": "..."},
                "work": {"index": 1, "id": "...", "title": "..."},
                "appendix_page": 41,
                "cited": [{"place": "ผลงานที่ 1 · หลักการ EnT: ...", "work_index": 1, "page": 17}]}],
     "package_files": [{"path": "README-TH.txt", "sha256": "...", "size": 1}, ...],
     "sums": "SHA256SUMS",
     "signature": {"file": "manifest.json.p7s", "certificate": "signer.pem", "signer": "...",
                   "fingerprint": "AB:CD:...", "pdf_signed": true}}

``package_files`` (the notes and, signed, ``signer.pem``) are listed so the
manifest's signature covers them; ``SHA256SUMS`` and the ``.p7s`` are made
after the manifest, so it names them only.  A package without ``signature``
is unsigned, and :func:`verify_package` says so.

With ``strip_gps`` the photos go through :func:`ent_portfolio.privacy.strip_gps`
once, before the PDF is made (:mod:`.gps`): ``sha256``/``size`` are those of
the file as packaged, the very bytes whose hash the PDF's manifest prints
(``stored_sha256`` keeps the hash in the portfolio).  Photos whose faces
may not leave sharp go the same way (:mod:`.faces`): ``faces_blurred`` says
how many faces the packaged copy blurs, and that copy is a JPEG whatever
the original was.  ``explained`` holds the lecturer's notes on the
plausibility findings of the item.  The zip is written to
a temporary file and renamed at the end, never inside the portfolio folder
(:mod:`.export` checks where it goes).

``verify`` reads packages a reviewer received from anyone, so it trusts
nothing in them: the manifest is capped in size and checked for type and
shape before use, members are read one bounded chunk at a time, and a name
held twice (or two names that look the same) is never called intact.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from .. import __version__
from ..errors import UserError
from ..i18n import register
from ..jobs import CancelToken
from ..signing.identity import Identity
from ..signing.manifest import sign_manifest
from ..storage.files import atomic_write
from .model import DossierResult, EvidenceEntry
from .plan import Plan
from .reviewer_notes import CERTIFICATE_NAME, SIGNATURE_NAME, SUMS_NAME, readmes, sums_file

FORMAT = "ent-portfolio-evidence-package"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
PDF_NAME = "dossier.pdf"

register({
    "package.not_found": ("ไม่พบไฟล์ “{path}”", "The file “{path}” does not exist."),
    "package.not_zip": ("“{path}” ไม่ใช่ชุดหลักฐาน (ไฟล์ zip) ที่อ่านได้",
                        "“{path}” is not a readable evidence package (zip file)."),
    "package.no_manifest": ("ชุดหลักฐาน “{path}” ไม่มี manifest.json หรืออ่าน manifest ไม่ได้",
                            "The evidence package “{path}” has no readable manifest.json."),
    "package.manifest_twice": (
        "ชุดหลักฐาน “{path}” มี manifest.json มากกว่าหนึ่งไฟล์ (หรือมีชื่อที่ดูเหมือนกัน) จึงไม่สมบูรณ์และตรวจไม่ได้",
        "The evidence package “{path}” holds more than one manifest.json (or names that look the same): "
        "it is not intact and cannot be checked."),
    "package.manifest_too_large": (
        "manifest.json ของชุดหลักฐาน “{path}” ใหญ่เกิน {limit} MB ซึ่งชุดหลักฐานจริงไม่ใหญ่ถึงขนาดนี้ จึงไม่อ่านและตรวจไม่ได้",
        "The manifest.json of “{path}” is larger than {limit} MB, far more than a real package needs; "
        "it was not read and the package cannot be checked."),
    "package.manifest_unreadable": (
        "อ่าน manifest.json ของชุดหลักฐาน “{path}” ไม่ได้ ({reason}) จึงตรวจชุดหลักฐานนี้ไม่ได้",
        "The manifest.json of “{path}” cannot be read ({reason}); the package cannot be checked."),
    "package.manifest_invalid": (
        "manifest.json ของชุดหลักฐาน “{path}” ไม่ถูกต้องที่ “{entry}” จึงตรวจชุดหลักฐานนี้ไม่ได้",
        "The manifest.json of “{path}” is not valid at “{entry}”; the package cannot be checked."),
    "package.manifest_unsafe_path": (
        "manifest.json ของชุดหลักฐาน “{path}” ระบุไฟล์ “{name}” ซึ่งชี้ออกนอกชุดหลักฐานหรือเป็นชื่อที่ไม่ปลอดภัย "
        "จึงตรวจชุดหลักฐานนี้ไม่ได้",
        "The manifest.json of “{path}” names “{name}”, which points outside the package or is not a safe file name; "
        "the package cannot be checked."),
    "verify.ok": ("ชุดหลักฐานสมบูรณ์: ตรวจ {n} ไฟล์ ค่า SHA-256 ตรงกันทุกไฟล์",
                  "The evidence package is intact: {n} files checked, every SHA-256 matches."),
    "verify.failed": ("ชุดหลักฐานไม่สมบูรณ์: ขาด {missing} ไฟล์ ถูกแก้ไข {changed} ไฟล์ มีไฟล์เกิน {extra} ไฟล์ "
                      "อ่านไม่ได้ {unreadable} ไฟล์ ชื่อซ้ำ {duplicates} ชื่อ",
                      "The evidence package is NOT intact: {missing} missing, {changed} changed, {extra} extra, "
                      "{unreadable} unreadable file(s), {duplicates} name(s) used more than once."),
    "verify.missing": ("ขาดไฟล์: {path}", "Missing: {path}"),
    "verify.changed": ("ไฟล์ถูกแก้ไข (SHA-256 ไม่ตรง): {path}", "Changed (SHA-256 differs): {path}"),
    "verify.extra": ("ไฟล์เกินที่ไม่อยู่ในรายการ: {path}", "Extra file not in the manifest: {path}"),
    "verify.unreadable": ("อ่านไฟล์ไม่ได้ ({reason}) จึงยืนยันไม่ได้ว่าไม่ถูกแก้ไข: {path}",
                          "Cannot be read ({reason}), so it cannot be shown unchanged: {path}"),
    "verify.duplicate": ("มีไฟล์ {count} ไฟล์ที่ใช้ชื่อนี้หรือชื่อที่ดูเหมือนกัน (เมื่อแตกไฟล์จะเหลือเพียงไฟล์เดียว): {path}",
                         "{count} files share this name or one that looks the same (unpacking keeps only one): {path}"),
    "verify.reason.encrypted": ("ไฟล์ถูกเข้ารหัสไว้", "it is encrypted"),
    "verify.reason.method": ("บีบอัดด้วยวิธีที่โปรแกรมนี้ไม่อ่าน", "it is compressed with a method this app does not read"),
    "verify.reason.damaged": ("ข้อมูลเสียหาย", "its data is damaged"),
    "verify.reason.io": ("ระบบไม่อนุญาตให้อ่านหรืออ่านจากดิสก์ไม่สำเร็จ", "the system refused or failed to read it"),
    "verify.unsigned": (
        "ชุดหลักฐานนี้ไม่ได้ลงนาม: ตรวจได้เพียงว่าไฟล์ตรงกับรายการ ไม่มีสิ่งใดยืนยันว่าใครเป็นผู้จัดทำ",
        "This package is NOT signed: it can show only that the files match their list, not who made it."),
    "verify.unsigned_trust_asked": (
        "ท่านระบุใบรับรองที่เชื่อถือ (--trust) แต่ชุดหลักฐานนี้ไม่มีลายมือชื่อให้ตรวจเทียบ",
        "You named a certificate to trust (--trust), but this package carries no signature to check against it."),
    "verify.signer": ("ผู้ลงนาม: {name} · ลายนิ้วมือ (SHA-256): {fingerprint}",
                      "Signed by: {name} · fingerprint (SHA-256): {fingerprint}"),
    "verify.trusted": ("ใบรับรองของผู้ลงนามออกโดยใบรับรองที่ท่านเชื่อถือ",
                       "The signer's certificate chains to a certificate you trust."),
    "verify.self_issued": (
        "ใบรับรองที่ผู้ลงนามออกเอง: โปรดเทียบลายนิ้วมือข้างต้นกับที่ผู้ลงนามแจ้งท่านโดยตรง",
        "Self-issued certificate: compare the fingerprint above with the one the signer gives you directly."),
    "verify.not_trusted": (
        "ใบรับรองของผู้ลงนามออกโดยหน่วยงานที่ยังไม่ได้ระบุว่าเชื่อถือ (ใช้ --trust เพื่อระบุใบรับรองต้นทาง)",
        "The signer's certificate was issued by an organisation not named as trusted (name its root with --trust)."),
    "verify.label.pdf": ("ลายมือชื่อใน PDF", "PDF signature"),
    "verify.label.manifest": ("ลายมือชื่อของรายการไฟล์ (manifest.json)", "Manifest signature (manifest.json)"),
    "verify.signature_ok": ("{what}: ถูกต้อง ไม่ถูกแก้ไขหลังการลงนาม", "{what}: intact, nothing changed since signing"),
    "verify.signature_bad": ("{what}: ไม่ผ่าน — {reason}", "{what}: FAILED — {reason}"),
    "verify.sums_disagree": ("SHA256SUMS ไม่ตรงกับไฟล์: {path}", "SHA256SUMS disagrees with the package: {path}"),
    "verify.sums_count": ("SHA256SUMS ไม่ตรง {n} รายการ", "SHA256SUMS disagrees on {n} entry(ies)."),
    "verify.signed_ok": ("ชุดหลักฐานสมบูรณ์และลายมือชื่อถูกต้อง: ตรวจ {n} ไฟล์ ค่า SHA-256 ตรงกันทุกไฟล์",
                         "The evidence package is intact and its signature holds: {n} files checked, "
                         "every SHA-256 matches."),
    "verify.signature_failed": ("ชุดหลักฐานไม่ผ่านการตรวจ: ไฟล์ตรงกับรายการ แต่ลายมือชื่อไม่ผ่าน (ดูข้างต้น)",
                                "The evidence package does NOT hold: its files match their list, "
                                "but the signature fails (see above)."),
    "verify.trust_unreadable": ("อ่านใบรับรอง “{path}” ไม่ได้ (ต้องเป็นไฟล์ PEM หรือ DER)",
                                "The certificate “{path}” cannot be read (a PEM or DER file is needed)."),
    "signature.manifest.missing": (
        "ไม่มีไฟล์ลายมือชื่อ manifest.json.p7s ทั้งที่รายการไฟล์ระบุว่าชุดนี้ลงนามแล้ว",
        "The signature file manifest.json.p7s is gone, though the manifest says the package was signed."),
    "signature.certificate_mismatch": (
        "ใบรับรองไม่ตรงกับผู้ลงนามที่รายการไฟล์ระบุ: มีการนำใบรับรองหรือลายมือชื่อของผู้อื่นมาใส่แทน",
        "The certificate is not the signer's the manifest names: another identity's certificate or "
        "signature was put in."),
})


# What a reviewer's tools could be shown instead of a name: a line break or
# a terminal escape in a member name would let a package print its own
# "intact" line under ours.
_UNPRINTABLE = {"Cc", "Cf", "Cs", "Zl", "Zp"}


def _printable(name: str) -> str:
    return "".join(f"\\u{ord(ch):04x}" if unicodedata.category(ch) in _UNPRINTABLE else ch for ch in name)


def _looks_the_same(name: str) -> str:
    """One key for names a person cannot tell apart: Unicode normalisation
    (é composed or not), Thai sara am typed as nikhahit + sara aa, and letter
    case (Windows and macOS extract such names into one file)."""
    return unicodedata.normalize("NFC", name).replace("\u0e4d\u0e32", "\u0e33").casefold()


def _matching(name: str) -> str:
    # A member matches its manifest entry across normalisation only: an
    # unpacking tool may change the form, but never the letter case.
    return unicodedata.normalize("NFC", name).replace("\u0e4d\u0e32", "\u0e33")


@dataclass
class PackageResult:
    path: Path
    size: int
    file_count: int
    dossier: DossierResult
    manifest: dict


# Separators and characters some file system reserves.
_RESERVED = set('\\/:*?"<>|')


def _file_name_part(text: str) -> str:
    """``text`` as one safe file name: in one normalisation form (two spellings
    of one name give one file name), with reserved, control and invisible
    characters (bidi overrides, zero-width marks, lone surrogates) as ``_``."""
    out: list[str] = []
    for ch in _matching(text):
        if ch in _RESERVED or unicodedata.category(ch) in _UNPRINTABLE:
            if not out or out[-1] != "_":
                out.append("_")
        else:
            out.append(ch)
    return "".join(out).strip(" .")


def package_name(ref: str, original_name: str, name_withheld: bool = False) -> str:
    """``evidence/E-12_<original name>``, safe on every file system.

    ``name_withheld``: the original name may name a person who did not
    consent, so only the extension is kept (``evidence/E-12.jpg``)."""
    name = _file_name_part(original_name or "") or "file"
    if name_withheld:
        _stem, dot, ext = name.rpartition(".")
        ext = ext if dot and len(ext) <= 8 and ext.isascii() and ext.isalnum() else ""
        return f"evidence/{ref}.{ext}" if ext else f"evidence/{ref}"
    if len(name.encode("utf-8")) > 180:
        stem, dot, ext = name.rpartition(".")
        name = (stem or name)[:60].rstrip(" .") + (dot + ext if dot and len(ext) <= 8 else "")
    return f"evidence/{ref}_{name}"


def _packaged_file_name(entry: EvidenceEntry) -> str:
    """The file name the package gives ``entry``: a blurred copy is a JPEG,
    and its name says so whatever the original's type."""
    name = entry.original_name
    if not entry.faces_blurred or Path(name).suffix.lower() in (".jpg", ".jpeg"):
        return name
    stem, dot, _ext = name.rpartition(".")
    return f"{stem if dot else name}.jpg"


def write_package(plan: Plan, dossier: DossierResult, pdf: Path, out_zip: Path, packaged: dict[str, Path],
                  progress: Callable[[int, int], None] | None = None,
                  cancel: CancelToken | None = None, sign_with: Identity | None = None,
                  pdf_signed: bool = False) -> PackageResult:
    """Zip the dossier PDF just made from ``plan`` with the evidence files
    it cites, a manifest, the reviewer's notes and ``SHA256SUMS``,
    atomically, to ``out_zip``.

    ``packaged``: per evidence id, the file as it goes into the package when
    it differs from the stored one (the copy without GPS whose hash the PDF
    already lists); every other item goes in as stored.
    ``sign_with``: the manifest is signed (``manifest.json.p7s``) and the
    signer's certificates go in as ``signer.pem``; ``pdf_signed`` says the
    PDF carries a signature too, so a verifier can miss it if it is gone.
    ``progress(done, total)`` counts the evidence files written."""
    files = []
    entries = plan.evidence
    sums: list[tuple[str, str]] = []

    def put(zf: zipfile.ZipFile, name: str, data: bytes, compress_type: int = zipfile.ZIP_STORED) -> None:
        zf.writestr(_info(name), data, compress_type=compress_type)
        sums.append((name, hashlib.sha256(data).hexdigest()))

    with atomic_write(out_zip) as handle, \
            zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as zf:
        put(zf, PDF_NAME, Path(pdf).read_bytes())
        for k, e in enumerate(entries, 1):
            if cancel is not None:
                cancel.raise_if_cancelled()
            source = packaged.get(e.evidence_id) or plan.paths[e.evidence_id]
            if not source.is_file():
                raise UserError("dossier.evidence_missing", name=e.original_name)
            data = source.read_bytes()
            name = package_name(e.ref, _packaged_file_name(e), name_withheld=e.name_withheld)
            put(zf, name, data)
            files.append({
                "ref": e.ref, "path": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data),
                "original_name": "" if e.name_withheld else e.original_name,
                "media_type": "image/jpeg" if e.faces_blurred else e.media_type, "kind": e.kind, "caption": e.caption,
                "stored_sha256": e.stored_sha256, "gps_stripped": bool(e.gps_stripped),
                "faces_blurred": e.faces_blurred, "explained": dict(e.explained),
                # the title as the dossier prints it: the portfolio's may name
                # a person who did not consent
                "work": {"index": e.work_index, "id": e.work_id, "title": e.work_title},
                "appendix_page": e.page,
                "cited": [{"place": c.place, "work_index": c.work_index, "page": c.page} for c in e.citations],
            })
            if progress is not None:
                progress(k, len(entries))
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "app_version": __version__,
            "created": datetime.now(UTC).replace(microsecond=0).isoformat(),
            "language": dossier.language,
            "dossier": {"path": PDF_NAME, "sha256": dossier.sha256, "size": dossier.size, "pages": dossier.pages},
            "files": files,
        }
        # The notes and the certificate are listed in the manifest too, so
        # its signature covers them: a reviewer's instructions or the
        # signer's certificate swapped after signing is caught.
        notes = readmes(sign_with.name, sign_with.fingerprint) if sign_with else readmes()
        if sign_with is not None:
            notes = {CERTIFICATE_NAME: _certificates_pem(sign_with), **notes}
            manifest["signature"] = {"file": SIGNATURE_NAME, "certificate": CERTIFICATE_NAME,
                                     "signer": sign_with.name, "fingerprint": sign_with.fingerprint,
                                     "pdf_signed": bool(pdf_signed)}
        manifest["package_files"] = [{"path": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                                     for name, data in notes.items()]
        manifest["sums"] = SUMS_NAME
        manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
        put(zf, MANIFEST, manifest_bytes, compress_type=zipfile.ZIP_DEFLATED)
        if sign_with is not None:
            put(zf, SIGNATURE_NAME, sign_manifest(manifest_bytes, sign_with))
        for name, data in notes.items():
            put(zf, name, data, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr(_info(SUMS_NAME), sums_file(sums), compress_type=zipfile.ZIP_DEFLATED)
    return PackageResult(out_zip, out_zip.stat().st_size, len(sums) + 1, dossier, manifest)


def _certificates_pem(identity: Identity) -> bytes:
    return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in (identity.certificate, *identity.chain))


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=datetime.now().timetuple()[:6])
    info.external_attr = 0o644 << 16
    info.flag_bits |= 0x800  # names are UTF-8
    return info
