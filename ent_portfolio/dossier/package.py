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
                "stored_sha256": "...", "gps_stripped": false,
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
(``stored_sha256`` keeps the hash in the portfolio).  The zip is written to
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
import os
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from .. import __version__
from ..errors import UserError
from ..i18n import register, tr
from ..jobs import CancelToken
from ..signing.checks import ABSENT, SignatureCheck
from ..signing.identity import Identity, fingerprint_of
from ..signing.manifest import check_manifest_signature, sign_manifest
from ..storage.files import atomic_write
from .model import DossierResult
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


@dataclass
class VerifyReport:
    path: Path
    checked: int = 0
    missing: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    #: (path, reason message key) of listed files whose bytes could not be read.
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    #: (name, how many members) for names held more than once, counting names
    #: that look the same: a reviewer's unzip keeps one, maybe not the one checked.
    duplicates: list[tuple[str, int]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.missing or self.changed or self.extra or self.unreadable or self.duplicates)

    def lines(self, lang: str | None = None) -> list[str]:
        out = [tr("verify.missing", lang, path=_printable(p)) for p in self.missing]
        out += [tr("verify.changed", lang, path=_printable(p)) for p in self.changed]
        out += [tr("verify.unreadable", lang, path=_printable(p), reason=tr(reason, lang))
                for p, reason in self.unreadable]
        out += [tr("verify.duplicate", lang, path=_printable(p), count=n) for p, n in self.duplicates]
        out += [tr("verify.extra", lang, path=_printable(p)) for p in self.extra]
        if self.ok:
            out.append(tr("verify.ok", lang, n=self.checked))
        else:
            out.append(tr("verify.failed", lang, missing=len(self.missing), changed=len(self.changed),
                          extra=len(self.extra), unreadable=len(self.unreadable),
                          duplicates=len(self.duplicates)))
        return out


@dataclass
class PackageVerdict(VerifyReport):
    """What :func:`verify_package` found: the files (as :class:`VerifyReport`),
    ``SHA256SUMS``, and the signatures a signed package carries."""

    #: None when the package is unsigned.
    manifest_signature: SignatureCheck | None = None
    #: None when the package's PDF was not signed (or not checked).
    pdf_signature: SignatureCheck | None = None
    unsigned: bool = False
    #: The reviewer named certificates to trust (``--trust``).
    trust_asked: bool = False
    #: Members on which ``SHA256SUMS`` and the package disagree (or ``SHA256SUMS`` itself, unreadable).
    sums_disagree: list[str] = field(default_factory=list)

    @property
    def files_ok(self) -> bool:
        return super().ok and not self.sums_disagree

    @property
    def signatures_ok(self) -> bool:
        if self.unsigned:
            return not self.trust_asked  # a reviewer who asked for trust gets no signature to trust
        checks = [c for c in (self.manifest_signature, self.pdf_signature) if c is not None]
        return all(c.holds and (c.trusted or not self.trust_asked) for c in checks)

    @property
    def ok(self) -> bool:
        return self.files_ok and self.signatures_ok

    def lines(self, lang: str | None = None) -> list[str]:
        out = self._signature_lines(lang)
        out += VerifyReport.lines(self, lang)[:-1]
        out += [tr("verify.sums_disagree", lang, path=_printable(p)) for p in self.sums_disagree]
        if self.ok:
            out.append(tr("verify.ok" if self.unsigned else "verify.signed_ok", lang, n=self.checked))
        elif self.files_ok:
            out.append(tr("verify.signature_failed", lang))
        else:
            out.append(tr("verify.failed", lang, missing=len(self.missing), changed=len(self.changed),
                          extra=len(self.extra), unreadable=len(self.unreadable),
                          duplicates=len(self.duplicates)) +
                       (" " + tr("verify.sums_count", lang, n=len(self.sums_disagree)) if self.sums_disagree else ""))
        return out

    def _signature_lines(self, lang: str | None) -> list[str]:
        if self.unsigned:
            return [tr("verify.unsigned", lang)] + ([tr("verify.unsigned_trust_asked", lang)] if self.trust_asked
                                                     else [])
        check = self.manifest_signature
        out = [tr("verify.signer", lang, name=_printable(check.signer_name) or "?", fingerprint=check.fingerprint)]
        if check.intact:
            if check.trusted:
                out.append(tr("verify.trusted", lang))
            elif check.self_issued:
                out.append(tr("verify.self_issued", lang))
            else:
                out.append(tr("verify.not_trusted", lang))
        for label, signature in (("verify.label.pdf", self.pdf_signature), ("verify.label.manifest", check)):
            if signature is None:
                continue
            if signature.holds and (signature.trusted or not self.trust_asked):
                out.append(tr("verify.signature_ok", lang, what=tr(label, lang)))
            else:
                reason = tr(signature.problem_key or "signature.untrusted", lang)
                out.append(tr("verify.signature_bad", lang, what=tr(label, lang), reason=reason))
        return out


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
            name = package_name(e.ref, e.original_name, name_withheld=e.name_withheld)
            put(zf, name, data)
            files.append({
                "ref": e.ref, "path": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data),
                "original_name": "" if e.name_withheld else e.original_name, "media_type": e.media_type,
                "kind": e.kind, "caption": e.caption,
                "stored_sha256": e.stored_sha256, "gps_stripped": bool(e.gps_stripped),
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


#: A real manifest takes about 1.7 KB per file (the demo: 24 files, 41 KB), so
#: 16 MB would describe some 9,000 files, each a page of the appendix: far
#: beyond a dossier.  The cap is checked against the declared size before
#: anything is inflated and again while reading, since a zip can lie.
MANIFEST_LIMIT = 16 * 1024 * 1024

_SHA256 = re.compile(r"[0-9a-f]{64}")

# zipfile inflates bzip2 and LZMA a whole chunk at a time, whatever its
# output, so a small hostile member could fill memory; the app writes only
# stored and deflated members, so only those are read.
_READABLE_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}

# Everything zipfile and zlib raise on a damaged, truncated or hostile
# member; a RuntimeError is an encryption zipfile found on its own.
_DAMAGED = (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, RuntimeError, NotImplementedError,
            zlib.error)


class _Unreadable(Exception):
    """A member whose bytes cannot be read; ``reason`` is a message key."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _ZipPackage:
    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.zf = zf

    def members(self) -> list[tuple[str, zipfile.ZipInfo]]:
        return [(info.filename, info) for info in self.zf.infolist() if not info.is_dir()]

    def declared_size(self, info: zipfile.ZipInfo) -> int:
        return info.file_size

    @contextmanager
    def open(self, info: zipfile.ZipInfo) -> Iterator:
        if info.flag_bits & 0x1:
            raise _Unreadable("verify.reason.encrypted")
        if info.compress_type not in _READABLE_METHODS:
            raise _Unreadable("verify.reason.method")
        try:
            # By its ZipInfo, not its name: a second member of the same name
            # is read as itself.
            with self.zf.open(info) as handle:
                yield handle
        except OSError as exc:
            raise _Unreadable("verify.reason.io") from exc
        except _DAMAGED as exc:
            raise _Unreadable("verify.reason.damaged") from exc


class _FolderPackage:
    """A package unpacked into a folder; links are followed to files only."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def members(self) -> list[tuple[str, Path]]:
        found = []
        for folder, _dirs, files in os.walk(self.root):  # never into linked folders
            for name in files:
                full = Path(folder) / name
                if full.is_file():  # not a FIFO, a device or a dangling link
                    found.append((full.relative_to(self.root).as_posix(), full))
        return found

    def declared_size(self, path: Path) -> int:
        try:
            return path.stat().st_size
        except OSError as exc:
            raise _Unreadable("verify.reason.io") from exc

    @contextmanager
    def open(self, path: Path) -> Iterator:
        try:
            with open(path, "rb") as handle:
                yield handle
        except OSError as exc:
            raise _Unreadable("verify.reason.io") from exc


def _sha256(package, member) -> str:
    digest = hashlib.sha256()
    with package.open(member) as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verify_package(path, trusted_certs=()) -> PackageVerdict:
    """Check a package (the zip, or the folder it was unpacked into): every
    file of the manifest present once with its SHA-256, nothing else,
    ``SHA256SUMS`` agreeing, and — when it was signed — the manifest's
    signature intact, made by the certificate it names and, with
    ``trusted_certs``, chaining to one of them.

    A package that cannot be checked at all (no zip, no usable manifest) is
    a :class:`UserError`; everything else is named in the verdict."""
    path = Path(path)
    if not path.exists():
        raise UserError("package.not_found", path=str(path))
    trusted = list(trusted_certs)
    report = PackageVerdict(path, trust_asked=bool(trusted))
    if path.is_dir():
        return _verify(report, _FolderPackage(path), trusted)
    if not path.is_file():  # a FIFO would keep the reader waiting for ever, a device hand it endless bytes
        raise UserError("package.not_zip", path=str(path))
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, *_DAMAGED) as exc:
        raise UserError("package.not_zip", path=str(path)) from exc
    with zf:
        return _verify(report, _ZipPackage(zf), trusted)


def load_trusted_certificates(paths) -> list:
    """The certificates in the PEM (or DER) files a reviewer trusts (``--trust``)."""
    found = []
    for path in paths:
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise UserError("verify.trust_unreadable", path=str(path)) from exc
        try:
            found += x509.load_pem_x509_certificates(data) if b"-----BEGIN" in data else \
                [x509.load_der_x509_certificate(data)]
        except ValueError as exc:
            raise UserError("verify.trust_unreadable", path=str(path)) from exc
    return found


def _signature_section(report: VerifyReport, manifest: dict) -> dict | None:
    """The manifest's ``signature`` entry, checked for shape; None when unsigned."""
    section = manifest.get("signature")
    if section is None:
        return None
    if not isinstance(section, dict) or section.get("file") != SIGNATURE_NAME \
            or section.get("certificate") != CERTIFICATE_NAME or not isinstance(section.get("fingerprint"), str):
        raise UserError("package.manifest_invalid", path=str(report.path), entry="signature")
    return section


def _verify(report: PackageVerdict, package, trusted: list) -> PackageVerdict:
    members = package.members()
    alike: dict[str, list[tuple[str, object]]] = {}
    for name, member in members:
        alike.setdefault(_looks_the_same(name), []).append((name, member))
    manifests = alike.get(_looks_the_same(MANIFEST), [])
    if not any(name == MANIFEST for name, _member in manifests):
        raise UserError("package.no_manifest", path=str(report.path))
    if len(manifests) > 1:
        raise UserError("package.manifest_twice", path=str(report.path))
    manifest, manifest_bytes = _read_manifest(report, package, manifests[0][1])
    listed = _listed_files(report, manifest)
    signature = _signature_section(report, manifest)
    if manifest.get("sums", SUMS_NAME) != SUMS_NAME:
        raise UserError("package.manifest_invalid", path=str(report.path), entry="sums")
    # Written after the manifest, so it cannot list them with a hash: expected by name.
    unhashed = ([SUMS_NAME] if "sums" in manifest else []) + ([SIGNATURE_NAME] if signature else [])

    digests: dict[int, str | _Unreadable] = {}

    def digest_of(member) -> str:
        if id(member) not in digests:
            try:
                digests[id(member)] = _sha256(package, member)
            except _Unreadable as exc:
                digests[id(member)] = exc
        found = digests[id(member)]
        if isinstance(found, _Unreadable):
            raise found
        return found

    by_match: dict[str, list[tuple[str, object]]] = {}
    for name, member in members:
        by_match.setdefault(_matching(name), []).append((name, member))
    seen = {_looks_the_same(MANIFEST)}
    listed_as = {_matching(MANIFEST)}
    for name, digest in listed + [(name, None) for name in unhashed]:
        key = _looks_the_same(name)
        if key in seen:  # a manifest naming one file twice would count it twice
            raise UserError("package.manifest_invalid", path=str(report.path), entry=_printable(name))
        seen.add(key)
        listed_as.add(_matching(name))
        copies = by_match.get(_matching(name), [])
        if not copies:
            report.missing.append(name)
            continue
        if digest is None:
            continue
        report.checked += 1
        for _name, member in copies:  # every copy: an unzip tool may keep any of them
            try:
                actual = digest_of(member)
            except _Unreadable as exc:
                report.unreadable.append((name, exc.reason))
                break
            if actual != digest:
                report.changed.append(name)
                break
    for group in alike.values():
        if len(group) > 1:
            report.duplicates.append((group[0][0], len(group)))
    report.extra = sorted({name for name, _member in members if _matching(name) not in listed_as})
    if "sums" in manifest:
        _check_sums(report, package, by_match, digest_of)
    if signature is None:
        report.unsigned = True
    else:
        report.manifest_signature = _check_signature(report, package, by_match, manifest_bytes, signature, trusted)
    return report


def _bounded_bytes(package, copies) -> bytes | None:
    """The one copy of a small member (signature, certificate, sums), or None
    when it is missing, held twice (already reported) or unreadable."""
    if len(copies) != 1:
        return None
    member = copies[0][1]
    try:
        if package.declared_size(member) > MANIFEST_LIMIT:
            return None
        with package.open(member) as handle:
            data = handle.read(MANIFEST_LIMIT + 1)
    except _Unreadable:
        return None
    return data if len(data) <= MANIFEST_LIMIT else None


_SUMS_LINE = re.compile(r"([0-9a-f]{64}) [ *](.+)")


def _check_sums(report: PackageVerdict, package, by_match: dict, digest_of) -> None:
    """``SHA256SUMS`` must say what ``sha256sum -c`` would find true: a line
    for every other member, each with that member's hash."""
    copies = by_match.get(_matching(SUMS_NAME), [])
    if not copies:
        return  # already named missing
    data = _bounded_bytes(package, copies)
    text = None
    if data is not None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
    if text is None:
        report.sums_disagree.append(SUMS_NAME)
        return
    named: set[str] = set()
    for line in text.split("\n"):
        if not line:
            continue
        match = _SUMS_LINE.fullmatch(line)
        if match is None:
            report.sums_disagree.append(SUMS_NAME)
            continue
        digest, name = match.groups()
        named.add(_matching(name))
        member_copies = by_match.get(_matching(name), [])
        try:
            if not member_copies or any(digest_of(member) != digest for _n, member in member_copies):
                report.sums_disagree.append(name)
        except _Unreadable:
            report.sums_disagree.append(name)
    for key, group in by_match.items():
        if key not in named and key != _matching(SUMS_NAME):
            report.sums_disagree.append(group[0][0])
    report.sums_disagree = sorted(set(report.sums_disagree))


def _check_signature(report: PackageVerdict, package, by_match: dict, manifest_bytes: bytes, section: dict,
                     trusted: list) -> SignatureCheck:
    p7s = _bounded_bytes(package, by_match.get(_matching(SIGNATURE_NAME), []))
    if p7s is None:
        return replace(ABSENT, signer_name=str(section.get("signer", "")), fingerprint=section["fingerprint"],
                       problem_key="signature.manifest.missing")
    check = check_manifest_signature(manifest_bytes, p7s, trusted)
    if not check.intact:
        return check
    # The signed manifest names its signer's certificate: a signature made
    # with another key over the same manifest, or another certificate put in
    # signer.pem, does not pass as the lecturer's.
    pem = _bounded_bytes(package, by_match.get(_matching(CERTIFICATE_NAME), []))
    try:
        in_pem = x509.load_pem_x509_certificates(pem) if pem else []
    except ValueError:
        in_pem = []
    if check.fingerprint != section["fingerprint"] or not in_pem or fingerprint_of(in_pem[0]) != check.fingerprint:
        return replace(check, problem_key="signature.certificate_mismatch")
    return check


def _read_manifest(report: VerifyReport, package, member) -> tuple[dict, bytes]:
    too_large = UserError("package.manifest_too_large", path=str(report.path), limit=MANIFEST_LIMIT // (1024 * 1024))
    try:
        if package.declared_size(member) > MANIFEST_LIMIT:
            raise too_large
        with package.open(member) as handle:
            raw = handle.read(MANIFEST_LIMIT + 1)
    except _Unreadable as exc:
        raise UserError("package.manifest_unreadable", path=str(report.path), reason=tr(exc.reason)) from exc
    if len(raw) > MANIFEST_LIMIT:
        raise too_large
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError) as exc:  # not UTF-8, not JSON, or nested beyond the parser
        raise UserError("package.no_manifest", path=str(report.path)) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise UserError("package.manifest_invalid", path=str(report.path), entry="format")
    return manifest, raw


def _listed_files(report: VerifyReport, manifest: dict) -> list[tuple[str, str]]:
    """(path, sha256) of the dossier and of every file, each checked for type
    and shape: a null path or hash must not compare equal to an unreadable
    member's, and a path must stay inside the package."""
    entries = [("dossier", manifest.get("dossier"))]
    files = manifest.get("files")
    if not isinstance(files, list):
        raise UserError("package.manifest_invalid", path=str(report.path), entry="files")
    entries += [(f"files[{k}]", entry) for k, entry in enumerate(files)]
    notes = manifest.get("package_files", [])
    if not isinstance(notes, list):
        raise UserError("package.manifest_invalid", path=str(report.path), entry="package_files")
    entries += [(f"package_files[{k}]", entry) for k, entry in enumerate(notes)]
    listed = []
    for label, entry in entries:
        if not isinstance(entry, dict):
            raise UserError("package.manifest_invalid", path=str(report.path), entry=label)
        name, digest = entry.get("path"), entry.get("sha256")
        if not isinstance(name, str) or not name:
            raise UserError("package.manifest_invalid", path=str(report.path), entry=f"{label}.path")
        if not isinstance(digest, str) or not _SHA256.fullmatch(digest):
            raise UserError("package.manifest_invalid", path=str(report.path), entry=f"{label}.sha256")
        if not _is_safe_member_path(name):
            raise UserError("package.manifest_unsafe_path", path=str(report.path), name=_printable(name))
        listed.append((name, digest))
    return listed


def _is_safe_member_path(name: str) -> bool:
    """A relative path of plain names, the same on every system: no drive,
    no root, no backslash, no ``.``/``..``, nothing unprintable."""
    if "\\" in name or ":" in name or any(unicodedata.category(ch) in _UNPRINTABLE for ch in name):
        return False
    return all(part not in ("", ".", "..") for part in name.split("/"))
