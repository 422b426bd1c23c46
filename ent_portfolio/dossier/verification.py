"""Checking an evidence package: the reviewer's side of :mod:`.package`.

Every file of the manifest present once with its SHA-256 and nothing else,
``SHA256SUMS`` agreeing with the files, and — for a signed package — the
manifest's CMS signature and the dossier's PDF signature intact, made by
the certificate the signed manifest names and, when the reviewer names
certificates to trust, chaining to one of them.  A file's photo fields
(faces blurred, the lecturer's notes) must have their shape, and a file
cannot claim blurred faces with the original's hash.  Works on the zip or
on the folder a reviewer unpacked it into; never writes."""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from cryptography import x509

from ..domain.photo_facts import MAX_FACES
from ..errors import UserError
from ..i18n import tr
from ..signing.checks import ABSENT, SignatureCheck
from ..signing.identity import fingerprint_of
from ..signing.manifest import check_manifest_signature
from ..signing.pdf import check_pdf_signature
from .package import _UNPRINTABLE, FORMAT, MANIFEST, PDF_NAME, _looks_the_same, _matching, _printable
from .reviewer_notes import CERTIFICATE_NAME, SIGNATURE_NAME, SUMS_NAME


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
    _check_photo_fields(report, manifest["files"])
    signature = _signature_section(report, manifest)
    if manifest.get("sums", SUMS_NAME) != SUMS_NAME:
        raise UserError("package.manifest_invalid", path=str(report.path), entry="sums")
    # Written after the manifest, so it cannot list them with a hash: expected by name.
    unhashed = ([SUMS_NAME] if "sums" in manifest else []) + ([SIGNATURE_NAME] if signature else [])
    digest_of = _Digests(package)
    by_match: dict[str, list[tuple[str, object]]] = {}
    for name, member in members:
        by_match.setdefault(_matching(name), []).append((name, member))
    listed_as = _check_listed(report, listed, unhashed, by_match, digest_of)
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
        if signature.get("pdf_signed"):
            report.pdf_signature = _check_pdf(package, by_match, trusted)
    return report


class _Digests:
    """The SHA-256 of each member, read once however often it is asked for."""

    def __init__(self, package) -> None:
        self.package = package
        self.found: dict[int, str | _Unreadable] = {}

    def __call__(self, member) -> str:
        if id(member) not in self.found:
            try:
                self.found[id(member)] = _sha256(self.package, member)
            except _Unreadable as exc:
                self.found[id(member)] = exc
        found = self.found[id(member)]
        if isinstance(found, _Unreadable):
            raise found
        return found


def _check_listed(report: PackageVerdict, listed: list, unhashed: list[str], by_match: dict, digest_of) -> set[str]:
    """Each file the manifest lists, against the members: missing, changed
    or unreadable.  Gives the matching keys of everything listed."""
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
    return listed_as


#: Largest dossier PDF whose signature is checked (a real one is a few tens of MB).
PDF_LIMIT = 1024 * 1024 * 1024


def _check_pdf(package, by_match: dict, trusted: list) -> SignatureCheck:
    """The dossier's own signature, for a package whose signed manifest says
    the PDF was signed: a PDF re-saved or appended to since does not pass."""
    copies = by_match.get(_matching(PDF_NAME), [])
    if len(copies) != 1:
        return replace(ABSENT, problem_key="signing.pdf.none")
    try:
        if package.declared_size(copies[0][1]) > PDF_LIMIT:
            return replace(ABSENT, problem_key="signing.pdf.unreadable")
        with package.open(copies[0][1]) as handle:
            data = handle.read(PDF_LIMIT + 1)
    except _Unreadable:
        return replace(ABSENT, problem_key="signing.pdf.unreadable")
    return check_pdf_signature(data, trusted)


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


def _check_photo_fields(report: VerifyReport, files: list[dict]) -> None:
    """``faces_blurred`` and ``explained`` (packages from before issue 17 have
    neither), checked for shape, and a file that claims blurred faces while
    its hash is the stored original's: the faces would be as taken."""
    for k, entry in enumerate(files):
        blurred = entry.get("faces_blurred", 0)
        if isinstance(blurred, bool) or not isinstance(blurred, int) or not 0 <= blurred <= MAX_FACES:
            raise UserError("package.manifest_invalid", path=str(report.path), entry=f"files[{k}].faces_blurred")
        if blurred and entry.get("stored_sha256") == entry["sha256"]:
            raise UserError("package.manifest_invalid", path=str(report.path), entry=f"files[{k}].faces_blurred")
        notes = entry.get("explained", {})
        if not isinstance(notes, dict) or not all(isinstance(rule, str) and isinstance(note, str) and note
                                                  for rule, note in notes.items()):
            raise UserError("package.manifest_invalid", path=str(report.path), entry=f"files[{k}].explained")


def _is_safe_member_path(name: str) -> bool:
    """A relative path of plain names, the same on every system: no drive,
    no root, no backslash, no ``.``/``..``, nothing unprintable."""
    if "\\" in name or ":" in name or any(unicodedata.category(ch) in _UNPRINTABLE for ch in name):
        return False
    return all(part not in ("", ".", "..") for part in name.split("/"))
