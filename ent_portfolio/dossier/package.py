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
and ``sha256``/``size`` are those of the file as packaged (``stored_sha256``
keeps the hash in the portfolio).  The zip is written to a temporary file
and renamed at the end.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .. import __version__, privacy
from ..errors import UserError
from ..i18n import register, tr
from ..jobs import CancelToken, Progress
from ..storage.files import atomic_write
from .builder import build_dossier
from .model import DossierConfig, DossierResult

FORMAT = "ent-portfolio-evidence-package"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
PDF_NAME = "dossier.pdf"

register({
    "package.not_found": ("ไม่พบไฟล์ “{path}”", "The file “{path}” does not exist."),
    "package.not_zip": ("“{path}” ไม่ใช่ชุดหลักฐาน (ไฟล์ zip) ที่อ่านได้", "“{path}” is not a readable evidence package (zip file)."),
    "package.no_manifest": ("ชุดหลักฐาน “{path}” ไม่มี manifest.json หรืออ่าน manifest ไม่ได้",
                            "The evidence package “{path}” has no readable manifest.json."),
    "verify.ok": ("ชุดหลักฐานสมบูรณ์: ตรวจ {n} ไฟล์ ค่า SHA-256 ตรงกันทุกไฟล์",
                  "The evidence package is intact: {n} files checked, every SHA-256 matches."),
    "verify.failed": ("ชุดหลักฐานไม่สมบูรณ์: ขาด {missing} ไฟล์ ถูกแก้ไข {changed} ไฟล์ มีไฟล์เกิน {extra} ไฟล์",
                      "The evidence package is NOT intact: {missing} missing, {changed} changed, {extra} extra file(s)."),
    "verify.missing": ("ขาดไฟล์: {path}", "Missing: {path}"),
    "verify.changed": ("ไฟล์ถูกแก้ไข (SHA-256 ไม่ตรง): {path}", "Changed (SHA-256 differs): {path}"),
    "verify.extra": ("ไฟล์เกินที่ไม่อยู่ในรายการ: {path}", "Extra file not in the manifest: {path}"),
})


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

    @property
    def ok(self) -> bool:
        return not (self.missing or self.changed or self.extra)

    def lines(self, lang: str | None = None) -> list[str]:
        out = [tr("verify.missing", lang, path=p) for p in self.missing]
        out += [tr("verify.changed", lang, path=p) for p in self.changed]
        out += [tr("verify.extra", lang, path=p) for p in self.extra]
        if self.ok:
            out.append(tr("verify.ok", lang, n=self.checked))
        else:
            out.append(tr("verify.failed", lang, missing=len(self.missing), changed=len(self.changed),
                          extra=len(self.extra)))
        return out


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def package_name(ref: str, original_name: str) -> str:
    """``evidence/E-12_<original name>``, safe on every file system."""
    name = unicodedata.normalize("NFC", original_name or "file")
    name = _UNSAFE.sub("_", name).strip(" .") or "file"
    if len(name.encode("utf-8")) > 180:
        stem, dot, ext = name.rpartition(".")
        name = (stem or name)[:60] + (dot + ext if dot and len(ext) <= 8 else "")
    return f"evidence/{ref}_{name}"


def build_package(portfolio, config: DossierConfig | None, out_zip, progress: Progress | None = None,
                  cancel: CancelToken | None = None, dossier: DossierResult | None = None) -> PackageResult:
    """Build the dossier and zip it with the evidence files it cites and a manifest.

    ``dossier``: the result of a :func:`build_dossier` just made with the
    same configuration (e.g. the PDF the lecturer asked for); its file is
    packaged instead of building the PDF again, after checking that it is
    still the file that result describes."""
    config = config or DossierConfig()
    out_zip = Path(out_zip)
    steps = {"pdf": 0}

    def pdf_progress(done: int, total: int) -> None:
        steps["pdf_total"] = total
        if progress is not None:
            progress(done, total * 2)

    tmp_dir = Path(tempfile.mkdtemp(prefix=".tmp-package-", dir=out_zip.parent if out_zip.parent.exists() else None))
    try:
        pdf_bytes = None
        if dossier is not None and Path(dossier.path).is_file():
            pdf_bytes = Path(dossier.path).read_bytes()
            if hashlib.sha256(pdf_bytes).hexdigest() != dossier.sha256 or dossier.config != config:
                pdf_bytes = None  # changed since, or made for other choices: build again
        if pdf_bytes is not None:
            result = dossier
        else:
            pdf_path = tmp_dir / PDF_NAME
            result = build_dossier(portfolio, config, pdf_path, progress=pdf_progress, cancel=cancel)
            pdf_bytes = pdf_path.read_bytes()
        work_titles = {}
        files = []
        entries = result.evidence
        total = steps.get("pdf_total", len(entries) + 4)
        with atomic_write(out_zip) as handle:
            with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as zf:
                zf.writestr(_info(PDF_NAME), pdf_bytes)
                for k, e in enumerate(entries, 1):
                    if cancel is not None:
                        cancel.raise_if_cancelled()
                    source = portfolio.store.path_for(e.stored_sha256)
                    if not source.is_file():
                        raise UserError("dossier.evidence_missing", name=e.original_name)
                    data = source.read_bytes()
                    if e.gps_stripped:
                        data = privacy.strip_gps(data)
                    sha = hashlib.sha256(data).hexdigest()
                    name = package_name(e.ref, e.original_name)
                    zf.writestr(_info(name), data, compress_type=zipfile.ZIP_STORED)
                    if e.work_id not in work_titles:
                        work_titles[e.work_id] = _work_title(portfolio, e.work_id)
                    files.append({
                        "ref": e.ref, "path": name, "sha256": sha, "size": len(data),
                        "original_name": e.original_name, "media_type": e.media_type, "kind": e.kind,
                        "caption": e.caption,
                        "stored_sha256": e.stored_sha256, "gps_stripped": bool(e.gps_stripped),
                        "work": {"index": e.work_index, "id": e.work_id, "title": work_titles[e.work_id]},
                        "appendix_page": e.page,
                        "cited": [{"place": c.place, "work_index": c.work_index, "page": c.page} for c in e.citations],
                    })
                    if progress is not None:
                        progress(total + round(k / max(1, len(entries)) * (total - 1)), total * 2)
                manifest = {
                    "format": FORMAT,
                    "format_version": FORMAT_VERSION,
                    "app_version": __version__,
                    "created": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
                    "language": result.language,
                    "dossier": {"path": PDF_NAME, "sha256": result.sha256, "size": result.size,
                                "pages": result.pages},
                    "files": files,
                }
                zf.writestr(_info(MANIFEST), json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"),
                            compress_type=zipfile.ZIP_DEFLATED)
        if progress is not None:
            progress(total * 2, total * 2)
        return PackageResult(out_zip, out_zip.stat().st_size, len(files) + 2, result, manifest)
    finally:
        for p in tmp_dir.glob("*"):
            p.unlink(missing_ok=True)
        tmp_dir.rmdir()


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=datetime.now().timetuple()[:6])
    info.external_attr = 0o644 << 16
    info.flag_bits |= 0x800  # names are UTF-8
    return info


def _work_title(portfolio, work_id: str) -> str:
    from ..domain import models as m

    with portfolio.reader() as session:
        work = session.get(m.Work, work_id)
        return work.title_th if work is not None else ""


def _sha_of_member(zf: zipfile.ZipFile, name: str) -> str | None:
    digest = hashlib.sha256()
    try:
        with zf.open(name) as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # CRC error or damaged member: treat as changed
    return digest.hexdigest()


def verify_package(path) -> VerifyReport:
    """Check a package (the zip, or the folder it was unpacked into): every
    file of the manifest present with its SHA-256, and nothing else."""
    path = Path(path)
    if not path.exists():
        raise UserError("package.not_found", path=str(path))
    report = VerifyReport(path)
    if path.is_dir():
        names = {p.relative_to(path).as_posix() for p in path.rglob("*") if p.is_file()}

        def read_manifest() -> bytes:
            return (path / MANIFEST).read_bytes()

        def sha(name: str) -> str | None:
            digest = hashlib.sha256()
            with open(path / name, "rb") as handle:
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(chunk)
            return digest.hexdigest()

        return _verify(report, names, read_manifest, sha)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise UserError("package.not_zip", path=str(path)) from exc
    with zf:
        names = {unicodedata.normalize("NFC", i.filename) for i in zf.infolist() if not i.is_dir()}
        by_nfc = {unicodedata.normalize("NFC", i.filename): i.filename for i in zf.infolist()}

        def read_manifest() -> bytes:
            return zf.read(by_nfc[MANIFEST])

        return _verify(report, names, read_manifest, lambda n: _sha_of_member(zf, by_nfc[n]))


def _verify(report: VerifyReport, names: set[str], read_manifest, sha_of) -> VerifyReport:
    if MANIFEST not in names:
        raise UserError("package.no_manifest", path=str(report.path))
    try:
        manifest = json.loads(read_manifest().decode("utf-8"))
        expected = [(manifest["dossier"]["path"], manifest["dossier"]["sha256"])]
        expected += [(f["path"], f["sha256"]) for f in manifest["files"]]
    except (ValueError, KeyError, TypeError) as exc:
        raise UserError("package.no_manifest", path=str(report.path)) from exc
    listed = {MANIFEST}
    for name, digest in expected:
        name = unicodedata.normalize("NFC", name)
        listed.add(name)
        if name not in names:
            report.missing.append(name)
            continue
        report.checked += 1
        if sha_of(name) != digest:
            report.changed.append(name)
    report.extra = sorted(names - listed)
    return report
