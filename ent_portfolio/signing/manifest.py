"""The evidence package's manifest, signed as a detached CMS signature.

The manifest lists every file of the package with its SHA-256, so whoever can
rewrite it can swap any file.  Signing it with the lecturer's key closes
that: a file and its manifest entry changed together leave the signature
not matching.  Detached CMS is what ``openssl cms -verify`` reads, so a
reviewer needs no tool of ours to check it."""

from __future__ import annotations

import asyncio

from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs7
from pyhanko.sign.validation.generic_cms import async_validate_detached_cms
from pyhanko_certvalidator import ValidationContext

from ..i18n import register
from .checks import SignatureCheck, quiet_validator
from .identity import Identity, common_name, fingerprint_of, is_self_issued

register({
    "signature.manifest.unreadable": (
        "ไฟล์ลายมือชื่อของรายการไฟล์ (manifest.json.p7s) อ่านไม่ได้หรือเสียหาย",
        "The manifest's signature file (manifest.json.p7s) is unreadable or damaged."),
    "signature.manifest.broken": (
        "ลายมือชื่อไม่ตรงกับรายการไฟล์ (manifest.json) แล้ว: รายการไฟล์ถูกแก้ไขหลังการลงนาม",
        "The signature no longer matches the manifest (manifest.json): it was changed after signing."),
    "signature.untrusted": (
        "ใบรับรองของผู้ลงนามไม่ได้ออกโดยใบรับรองที่ท่านระบุว่าเชื่อถือ (--trust)",
        "The signer's certificate was not issued by a certificate you named as trusted (--trust)."),
})


def sign_manifest(manifest: bytes, identity: Identity) -> bytes:
    """A DER detached CMS signature (SHA-256) of ``manifest``, carrying the
    signer's certificate and its chain so a reviewer has everything offline."""
    builder = pkcs7.PKCS7SignatureBuilder().set_data(manifest).add_signer(
        identity.certificate, identity.key, hashes.SHA256())
    for certificate in identity.chain:
        builder = builder.add_certificate(certificate)
    return builder.sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.DetachedSignature,
                                                     pkcs7.PKCS7Options.Binary])


def _asn1(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


def _problem(key: str) -> SignatureCheck:
    return SignatureCheck(present=True, intact=False, covers_whole_file=False, signer_name="", fingerprint="",
                          trusted=False, self_issued=False, signed_at=None, problem_key=key)


def embedded_certificates(p7s: bytes) -> list[x509.Certificate]:
    """The certificates a signature carries, the signer's among them; empty when unreadable."""
    try:
        return list(pkcs7.load_der_pkcs7_certificates(p7s))
    except (ValueError, TypeError):
        return []


def check_manifest_signature(manifest: bytes, p7s: bytes, trusted: list) -> SignatureCheck:
    """Whether ``p7s`` is an intact signature of ``manifest``, who made it,
    and whether its certificate chains to one of ``trusted`` (certificates
    the reviewer chose; none means trust is not asked about)."""
    try:
        info = cms.ContentInfo.load(p7s)
        if info["content_type"].native != "signed_data":
            return _problem("signature.manifest.unreadable")
        signed_data = info["content"]
        embedded = [c.chosen for c in signed_data["certificates"] or [] if c.name == "certificate"]
        # An empty list of roots, never None: None would fall back to the
        # system's trust store, and a verdict must not depend on the machine.
        context = ValidationContext(trust_roots=[_asn1(c) for c in trusted], other_certs=embedded,
                                    allow_fetching=False, revocation_mode="soft-fail")
        with quiet_validator():
            status = asyncio.run(async_validate_detached_cms(manifest, signed_data,
                                                             signer_validation_context=context))
    except Exception:  # noqa: BLE001 — hostile bytes may break the parser anywhere; all mean "unreadable"
        return _problem("signature.manifest.unreadable")
    signer = x509.load_der_x509_certificate(status.signing_cert.dump())
    chain = _chain_above(signer, embedded_certificates(p7s))
    intact = bool(status.intact and status.valid)
    is_trusted = bool(trusted) and intact and bool(status.trusted)
    problem = ""
    if not intact:
        problem = "signature.manifest.broken"
    elif trusted and not is_trusted:
        problem = "signature.untrusted"
    signed_at = getattr(status, "signer_reported_dt", None)
    return SignatureCheck(present=True, intact=intact, covers_whole_file=intact,
                          signer_name=common_name(signer.subject), fingerprint=fingerprint_of(signer),
                          trusted=is_trusted,
                          self_issued=is_self_issued(signer, chain), signed_at=signed_at, problem_key=problem)


def _chain_above(certificate: x509.Certificate, others: list) -> list:
    chain, current = [], certificate
    while current.issuer != current.subject and len(chain) < 10:
        issuer = next((c for c in others if c.subject == current.issuer and c != current), None)
        if issuer is None:
            break
        chain.append(issuer)
        current = issuer
    return chain
