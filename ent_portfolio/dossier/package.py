"""The evidence package: the dossier PDF, the original evidence files it
cites and ``manifest.json`` with their SHA-256, so that a reviewer can check
that nothing was altered (``ent-portfolio verify PACKAGE.zip``).

Layout of the zip::

    dossier.pdf
    evidence/E-1_20230317_164210.jpg
    evidence/E-8_หนังสือรับรอง_อบต.บ่อเกลือใต้_2567.jpg
    manifest.json

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
                "cited": [{"place": "ผลงานที่ 1 · หลักการ EnT: ...", "work_index": 1, "page": 17}]}]}

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
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from .. import __version__
from ..errors import UserError
from ..i18n import register, tr
from ..jobs import CancelToken
from ..storage.files import atomic_write
from .model import DossierResult
from .plan import Plan

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
                  cancel: CancelToken | None = None) -> PackageResult:
    """Zip the dossier PDF just made from ``plan`` with the evidence files
    it cites and a manifest, atomically, to ``out_zip``.

    ``packaged``: per evidence id, the file as it goes into the package when
    it differs from the stored one (the copy without GPS whose hash the PDF
    already lists); every other item goes in as stored.
    ``progress(done, total)`` counts the evidence files written."""
    files = []
    entries = plan.evidence
    with atomic_write(out_zip) as handle, \
            zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as zf:
        zf.writestr(_info(PDF_NAME), Path(pdf).read_bytes())
        for k, e in enumerate(entries, 1):
            if cancel is not None:
                cancel.raise_if_cancelled()
            source = packaged.get(e.evidence_id) or plan.paths[e.evidence_id]
            if not source.is_file():
                raise UserError("dossier.evidence_missing", name=e.original_name)
            data = source.read_bytes()
            name = package_name(e.ref, e.original_name, name_withheld=e.name_withheld)
            zf.writestr(_info(name), data, compress_type=zipfile.ZIP_STORED)
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
        zf.writestr(_info(MANIFEST), json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"),
                    compress_type=zipfile.ZIP_DEFLATED)
    return PackageResult(out_zip, out_zip.stat().st_size, len(files) + 2, dossier, manifest)


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


def verify_package(path) -> VerifyReport:
    """Check a package (the zip, or the folder it was unpacked into): every
    file of the manifest present once with its SHA-256, and nothing else.

    A package that cannot be checked at all (no zip, no usable manifest) is
    a :class:`UserError`; everything else is named in the report."""
    path = Path(path)
    if not path.exists():
        raise UserError("package.not_found", path=str(path))
    report = VerifyReport(path)
    if path.is_dir():
        return _verify(report, _FolderPackage(path))
    if not path.is_file():  # a FIFO would keep the reader waiting for ever, a device hand it endless bytes
        raise UserError("package.not_zip", path=str(path))
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, *_DAMAGED) as exc:
        raise UserError("package.not_zip", path=str(path)) from exc
    with zf:
        return _verify(report, _ZipPackage(zf))


def _read_manifest(report: VerifyReport, package, member) -> dict:
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
    return manifest


def _listed_files(report: VerifyReport, manifest: dict) -> list[tuple[str, str]]:
    """(path, sha256) of the dossier and of every file, each checked for type
    and shape: a null path or hash must not compare equal to an unreadable
    member's, and a path must stay inside the package."""
    entries = [("dossier", manifest.get("dossier"))]
    files = manifest.get("files")
    if not isinstance(files, list):
        raise UserError("package.manifest_invalid", path=str(report.path), entry="files")
    entries += [(f"files[{k}]", entry) for k, entry in enumerate(files)]
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


def _verify(report: VerifyReport, package) -> VerifyReport:
    members = package.members()
    alike: dict[str, list[tuple[str, object]]] = {}
    for name, member in members:
        alike.setdefault(_looks_the_same(name), []).append((name, member))
    manifests = alike.get(_looks_the_same(MANIFEST), [])
    if not any(name == MANIFEST for name, _member in manifests):
        raise UserError("package.no_manifest", path=str(report.path))
    if len(manifests) > 1:
        raise UserError("package.manifest_twice", path=str(report.path))
    manifest = _read_manifest(report, package, manifests[0][1])
    listed = _listed_files(report, manifest)

    by_match: dict[str, list[tuple[str, object]]] = {}
    for name, member in members:
        by_match.setdefault(_matching(name), []).append((name, member))
    seen = {_looks_the_same(MANIFEST)}
    listed_as = {_matching(MANIFEST)}
    for name, digest in listed:
        key = _looks_the_same(name)
        if key in seen:  # a manifest naming one file twice would count it twice
            raise UserError("package.manifest_invalid", path=str(report.path), entry=_printable(name))
        seen.add(key)
        listed_as.add(_matching(name))
        copies = by_match.get(_matching(name), [])
        if not copies:
            report.missing.append(name)
            continue
        report.checked += 1
        for _name, member in copies:  # every copy: an unzip tool may keep any of them
            try:
                actual = _sha256(package, member)
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
    return report
