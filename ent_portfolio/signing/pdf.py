"""The dossier as an archival, signed PDF a reviewer checks in Acrobat Reader.

A committee keeps a promotion file for years and reads it with whatever
viewer it has, offline; so the dossier is made PDF/A-2b (:func:`make_pdfa`:
XMP identification, Thai title and author, an sRGB output intent, nothing
PDF/A forbids) and then signed (:func:`sign_pdf`): a PAdES baseline B-B
signature over the whole file with a visible field naming the signer, the
certificate fingerprint and the time on the signer's own clock (no timestamp
authority is reachable offline).  The signature is an approval signature,
not a certification: a document timestamp can still be added later.

The visible stamp is drawn by the app's own Thai typesetting in Sarabun
(embedded, shaped as the dossier is) and placed as a static appearance, so
the appearance needs no font machinery of the signing library.

:func:`check_pdf_signature` reads a file back into a
:class:`~.checks.SignatureCheck` with no network: trusted roots are the
reviewer's, never fetched."""

from __future__ import annotations

import io
import logging
import os
import tempfile
import warnings
from datetime import datetime
from pathlib import Path

import pikepdf
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from PIL import ImageCms
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko.stamp import StaticStampStyle
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore
from reportlab.lib.styles import ParagraphStyle

from ..errors import UserError
from ..i18n import register, tr
from ..storage.files import atomic_write
from ..typeset import BOLD, REGULAR, ThaiParagraph, escape, make_canvas
from .checks import ABSENT, SignatureCheck
from .identity import Identity, common_name, fingerprint_of, is_self_issued

register({
    "signing.pdf.none": ("ไฟล์ PDF นี้ไม่มีลายมือชื่อดิจิทัล", "This PDF carries no digital signature."),
    "signing.pdf.unreadable": ("อ่านไฟล์ PDF นี้ไม่ได้ ไฟล์อาจเสียหายหรือไม่ใช่ PDF",
                               "This PDF cannot be read: it may be damaged, or not a PDF."),
    "signing.pdf.broken": ("ลายมือชื่อดิจิทัลของไฟล์ PDF ไม่ตรงกับเนื้อหา แสดงว่าไฟล์ถูกแก้ไขหลังลงนาม",
                           "The PDF's digital signature does not match its content: the file was changed after "
                           "it was signed."),
    "signing.pdf.not_whole": ("มีการเพิ่มหรือแก้ไขเนื้อหาต่อท้ายไฟล์ PDF หลังลงนาม ลายมือชื่อจึงไม่ครอบคลุมทั้งไฟล์",
                              "Something was added to the PDF after it was signed: the signature no longer covers "
                              "the whole file."),
    "signing.pdf.failed": ("ลงนามไฟล์ PDF ไม่สำเร็จ ({detail}) — ไม่มีการเปลี่ยนแปลงใด ๆ",
                           "The PDF could not be signed ({detail}). Nothing was changed."),
    "signing.pdf.no_page": ("ไฟล์ PDF ไม่มีหน้าที่ {page} สำหรับวางลายมือชื่อ — ไม่มีการเปลี่ยนแปลงใด ๆ",
                            "The PDF has no page {page} to place the signature on. Nothing was changed."),
    "signing.stamp.signed_by": ("ลงนามดิจิทัลโดย {name}", "Digitally signed by {name}"),
    "signing.stamp.fingerprint": ("ลายนิ้วมือใบรับรอง (SHA-256):", "Certificate fingerprint (SHA-256):"),
    "signing.stamp.time": ("เวลาลงนาม {when} (เวลาตามนาฬิกาของเครื่องผู้ลงนาม)",
                           "Signed at {when} (the signer's clock)"),
    "signing.stamp.reason": ("ผู้ขอรับรองว่าแฟ้มเสนอขอนี้เป็นความจริง",
                             "The applicant certifies this dossier is true"),
})

# An untrusted path is an answer here, not an incident: without this the
# validator's log reaches the reviewer's terminal as a traceback.
logging.getLogger("pyhanko").addHandler(logging.NullHandler())
logging.getLogger("pyhanko_certvalidator").addHandler(logging.NullHandler())

#: The field the signature sits in; a later document timestamp takes another.
SIGNATURE_FIELD = "ApplicantSignature"
#: Output intent condition of the sRGB profile (as the ICC registry names it).
SRGB_CONDITION = "sRGB IEC61966-2.1"
_HIGHEST_PDFA2_VERSION = "1.7"


# --- PDF/A-2b ----------------------------------------------------------------------

def _srgb_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def _strip_scripts(pdf: pikepdf.Pdf) -> None:
    # PDF/A forbids JavaScript and launch actions; ReportLab writes none, but
    # the rule is the archive's, not the renderer's habit.
    names = pdf.Root.get("/Names")
    if names is not None and "/JavaScript" in names:
        del names["/JavaScript"]
    for holder in [pdf.Root, *pdf.pages]:
        if "/AA" in holder:
            del holder["/AA"]
    action = pdf.Root.get("/OpenAction")
    if isinstance(action, pikepdf.Dictionary) and action.get("/S") in (pikepdf.Name.JavaScript, pikepdf.Name.Launch):
        del pdf.Root["/OpenAction"]


def _printable_annotations(pdf: pikepdf.Pdf) -> None:
    # PDF/A-2 wants every annotation printable and never hidden (the links
    # ReportLab writes carry no /F at all).
    for page in pdf.pages:
        for annot in page.get("/Annots", []):
            if annot.get("/Subtype") != pikepdf.Name.Popup:
                annot["/F"] = (int(annot.get("/F", 0)) | 4) & ~(1 | 2 | 32 | 256)


def _add_output_intent(pdf: pikepdf.Pdf) -> None:
    profile = pdf.make_stream(_srgb_profile())
    profile["/N"] = 3
    intent = pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFA1,
        OutputConditionIdentifier=SRGB_CONDITION, Info=SRGB_CONDITION, DestOutputProfile=profile)
    pdf.Root.OutputIntents = pikepdf.Array([intent])


def _write_xmp(pdf: pikepdf.Pdf, title: str, author: str, lang: str) -> None:
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta, warnings.catch_warnings():
        # /Trapped has no XMP twin; PDF/A does not need one
        warnings.simplefilter("ignore", UserWarning)
        meta.load_from_docinfo(pdf.docinfo, raise_failure=False)
        meta["pdfaid:part"] = "2"
        meta["pdfaid:conformance"] = "B"
        meta["dc:title"] = title
        meta["dc:creator"] = [author]
        # made and last changed in the same moment; the Info dictionary is
        # written back from these, so both say the same dates (PDF/A 6.6.3)
        if "xmp:CreateDate" in meta:
            meta["xmp:ModifyDate"] = meta["xmp:CreateDate"]
    if lang:
        pdf.Root.Lang = pikepdf.String(lang)


def document_info(pdf: Path) -> tuple[str, str, str]:
    """The title, author and language a PDF names for itself (what
    :func:`make_pdfa` carries into its XMP)."""
    with pikepdf.open(pdf) as doc:
        info = doc.docinfo
        return (str(info.get("/Title", "")), str(info.get("/Author", "")), str(doc.Root.get("/Lang", "")))


def make_pdfa(pdf_in: Path, pdf_out: Path, *, title: str, author: str, lang: str) -> None:
    """``pdf_in`` rewritten to ``pdf_out`` as PDF/A-2b (atomically).

    The page content is copied as it is: only the document-level parts PDF/A
    asks for are added (XMP identification, Thai title and author, the sRGB
    output intent, printable annotations), scripts are removed, and the file
    is written unencrypted at its own version (at most 1.7)."""
    try:
        pdf = pikepdf.open(pdf_in)
    except (pikepdf.PdfError, OSError) as exc:
        raise UserError("signing.pdf.unreadable") from exc
    with pdf:
        # a file the reader had to repair is not one to archive: what it
        # repaired may not be what the lecturer saw
        if pdf.is_encrypted or pdf.get_warnings():
            raise UserError("signing.pdf.unreadable")
        _strip_scripts(pdf)
        _printable_annotations(pdf)
        _add_output_intent(pdf)
        _write_xmp(pdf, title, author, lang)
        buffer = io.BytesIO()
        version = {} if pdf.pdf_version <= _HIGHEST_PDFA2_VERSION else {"force_version": _HIGHEST_PDFA2_VERSION}
        pdf.save(buffer, object_stream_mode=pikepdf.ObjectStreamMode.disable, **version)
    with atomic_write(Path(pdf_out)) as handle:
        handle.write(buffer.getvalue())


# --- signing -----------------------------------------------------------------------

def _asn1_certificate(certificate) -> asn1_x509.Certificate:
    if isinstance(certificate, asn1_x509.Certificate):
        return certificate
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


def _simple_signer(identity: Identity) -> signers.SimpleSigner:
    key_der = identity.key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                         serialization.NoEncryption())
    chain = [_asn1_certificate(c) for c in identity.chain]
    return signers.SimpleSigner(
        signing_cert=_asn1_certificate(identity.certificate),
        signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs(chain))


def _fingerprint_lines(fingerprint: str) -> list[str]:
    pairs = fingerprint.split(":")
    half = (len(pairs) + 1) // 2
    return [":".join(pairs[:half]), ":".join(pairs[half:])]


def signing_time_label(when: datetime) -> str:
    """The signing time as the stamp prints it: the signer's clock, with its
    offset from UTC, so a reviewer elsewhere reads the same instant."""
    offset = when.strftime("%z") or "+0000"
    return f"{when:%Y-%m-%d %H:%M:%S} (UTC{offset[:3]}:{offset[3:]})"


def _draw_stamp(target: Path, identity: Identity, when: datetime, width: float, height: float,
                lang: str) -> None:
    """A one-page PDF the size of the field: the stamp's appearance."""
    canvas = make_canvas(str(target), pagesize=(width, height), pageCompression=1)
    canvas.setTitle("signature")
    size = 7.5 if height >= 60 else 6.0
    regular = ParagraphStyle("stamp", fontName=REGULAR, fontSize=size, leading=size * 1.35)
    bold = ParagraphStyle("stamp-name", parent=regular, fontName=BOLD, fontSize=size + 1.5,
                          leading=(size + 1.5) * 1.35)
    parts = [ThaiParagraph(escape(tr("signing.stamp.signed_by", lang, name=identity.name)), bold, markup=True),
             ThaiParagraph(escape(tr("signing.stamp.fingerprint", lang)), regular),
             *[ThaiParagraph(escape(line), regular) for line in _fingerprint_lines(identity.fingerprint)],
             ThaiParagraph(escape(tr("signing.stamp.time", lang, when=signing_time_label(when))), regular)]
    y = height - 3
    for part in parts:
        _, h = part.wrap(width - 8, height)
        y -= h
        part.drawOn(canvas, 4, y)
    canvas.setStrokeColorRGB(0.12, 0.23, 0.42)
    canvas.setLineWidth(0.8)
    canvas.rect(0.4, 0.4, width - 0.8, height - 0.8)
    canvas.showPage()
    canvas.save()


class _MetadataKeepingWriter(IncrementalPdfFileWriter):
    """An incremental writer that leaves the document's metadata alone.

    The library would stamp the Info dictionary's /ModDate with the moment of
    writing, and the XMP would then name another date than the Info
    dictionary, which PDF/A forbids; the signature itself says when it was
    made."""

    def _update_meta(self) -> None:
        return None


class _ClockedSigner(signers.PdfSigner):
    """A PDF signer whose signing time is the one the stamp already prints
    (the library would otherwise read the clock again, a moment later)."""

    def __init__(self, *args, when: datetime, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._when = when

    def init_signing_session(self, pdf_out, existing_fields_only=False):
        session = super().init_signing_session(pdf_out, existing_fields_only=existing_fields_only)
        session.system_time = self._when
        return session


def sign_pdf(pdf_in: Path, pdf_out: Path, identity: Identity, *, page: int,
             box: tuple[float, float, float, float], lang: str, reason: str | None = None) -> None:
    """``pdf_in`` signed into ``pdf_out`` (atomically): a PAdES B-B approval
    signature in a visible field on ``page`` (0-based) at ``box``
    (x1, y1, x2, y2 in points), added as an incremental update so every
    byte before it — the pages a reviewer read — stays as it was."""
    when = datetime.now().astimezone()
    with open(pdf_in, "rb") as source:
        data = source.read()
    try:
        writer = _MetadataKeepingWriter(io.BytesIO(data), strict=False)
        page_count = int(writer.root["/Pages"]["/Count"])
    except Exception as exc:  # the reader raises many kinds on a damaged file
        raise UserError("signing.pdf.unreadable") from exc
    if not 0 <= page < page_count:
        raise UserError("signing.pdf.no_page", page=page + 1)
    x1, y1, x2, y2 = box
    handle, stamp_name = tempfile.mkstemp(prefix="ent-stamp-", suffix=".pdf")
    os.close(handle)
    stamp_path = Path(stamp_name)
    try:
        _draw_stamp(stamp_path, identity, when, x2 - x1, y2 - y1, lang)
        style = StaticStampStyle.from_pdf_file(str(stamp_path), border_width=0,
                                               background_opacity=1.0)
        meta = signers.PdfSignatureMetadata(
            field_name=SIGNATURE_FIELD, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
            reason=reason or tr("signing.stamp.reason", lang), name=identity.name, certify=False)
        field = fields.SigFieldSpec(SIGNATURE_FIELD, on_page=page, box=(x1, y1, x2, y2))
        signer = _ClockedSigner(meta, signer=_simple_signer(identity), stamp_style=style,
                                new_field_spec=field, when=when)
        signed = io.BytesIO()
        signer.sign_pdf(writer, output=signed)
    except UserError:
        raise
    except Exception as exc:
        raise UserError("signing.pdf.failed", detail=str(exc) or type(exc).__name__) from exc
    finally:
        stamp_path.unlink(missing_ok=True)
    with atomic_write(Path(pdf_out)) as target:
        target.write(signed.getvalue())


# --- checking ----------------------------------------------------------------------

def _cryptography_certificate(certificate) -> x509.Certificate:
    if isinstance(certificate, x509.Certificate):
        return certificate
    if isinstance(certificate, asn1_x509.Certificate):
        return x509.load_der_x509_certificate(certificate.dump())
    raise TypeError(f"not a certificate: {type(certificate).__name__}")


def _chain_above(signer: x509.Certificate, bundled: list[x509.Certificate]) -> list[x509.Certificate]:
    """The certificates above ``signer`` among those the signature carries,
    issuer by issuer (root last), stopping at a self-signed one."""
    chain, current = [], signer
    while current.issuer != current.subject and len(chain) < len(bundled):
        issuer = next((c for c in bundled if c.subject == current.issuer and c not in chain and c != current), None)
        if issuer is None:
            break
        chain.append(issuer)
        current = issuer
    return chain


def _contents_untouched(embedded, data: bytes) -> bool:
    """Whether the signature's ``/Contents`` is byte for byte as written.

    It is the one part of the file no digest covers, so a byte changed there
    — past the CMS object in the zero padding, or a hex digit's case — would
    go unnoticed by the digest; the writer puts it down in one form only
    (upper-case hex, zero-padded), and anything else was changed by hand."""
    contents = bytes(embedded.sig_object["/Contents"])
    if contents[_der_length(contents):].strip(b"\x00"):
        return False
    byte_range = [int(v) for v in embedded.sig_object["/ByteRange"]]
    written = data[byte_range[1]:byte_range[2]] if len(byte_range) == 4 else b""
    return written == b"<" + contents.hex().upper().encode() + b">"


def _der_length(blob: bytes) -> int:
    if len(blob) < 2:
        return len(blob)
    first = blob[1]
    if first < 0x80:
        return 2 + first
    count = first & 0x7F
    return 2 + count + int.from_bytes(blob[2:2 + count], "big")


def check_pdf_signature(pdf: Path | bytes, trusted: list) -> SignatureCheck:
    """What the first signature of ``pdf`` (a file, or its bytes as read from
    a package) proves: whether it is intact and covers the whole file, who
    made it, and whether the certificate chains to one of ``trusted``
    (certificates the reviewer names) — offline."""
    try:
        data = pdf if isinstance(pdf, bytes) else Path(pdf).read_bytes()
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except Exception:  # a damaged file raises many kinds; it is simply unreadable
        return _absent("signing.pdf.unreadable")
    if not signatures:
        return _absent("signing.pdf.none")
    embedded = signatures[0]
    roots = [_asn1_certificate(_cryptography_certificate(c)) for c in trusted]
    context = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
    try:
        status = validate_pdf_signature(embedded, context)
        certificate = _cryptography_certificate(status.signing_cert)
        bundled = [_cryptography_certificate(c.chosen) for c in embedded.signed_data["certificates"]
                   if c.name == "certificate"]
        intact = bool(status.intact) and bool(status.valid) and _contents_untouched(embedded, data) \
            and _bundle_is_sound(bundled)
        whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
        problem = "" if intact and whole else ("signing.pdf.broken" if not intact else "signing.pdf.not_whole")
        return SignatureCheck(
            present=True, intact=intact, covers_whole_file=whole, signer_name=common_name(certificate.subject),
            fingerprint=fingerprint_of(certificate), trusted=bool(status.trusted) and intact,
            self_issued=is_self_issued(certificate, tuple(_chain_above(certificate, bundled))),
            signed_at=status.signer_reported_dt, problem_key=problem)
    except Exception:  # a damaged signature raises many kinds; it is simply broken
        return _absent("signing.pdf.broken", present=True)


def _bundle_is_sound(bundled: list[x509.Certificate]) -> bool:
    """Whether every certificate the signature carries is still signed by
    its issuer among them (a root by itself).  The certificate bag is not
    under the signature, so a byte changed in, say, the bundled root would
    otherwise pass when the reviewer trusts a root of their own."""
    for certificate in bundled:
        issuer = next((c for c in bundled if c.subject == certificate.issuer), None)
        if issuer is None:
            continue
        try:
            certificate.verify_directly_issued_by(issuer)
        except (ValueError, TypeError, InvalidSignature):
            return False
    return True


def _absent(problem: str, present: bool = False) -> SignatureCheck:
    return SignatureCheck(present=present, intact=False, covers_whole_file=False, signer_name="", fingerprint="",
                          trusted=False, self_issued=False, signed_at=ABSENT.signed_at, problem_key=problem)
