"""The lecturer's signing identity: a key and its certificates in one PKCS#12 file.

No server or network is needed to sign, so a lecturer without a university
certificate makes their own: a personal root and a certificate it issues,
with their Thai name as the subject.  A reviewer who cannot trust that root
still learns the fingerprint and can ask the lecturer to confirm it.  A
PKCS#12 a university issued is loaded the same way.

The key file is passphrase-protected and never written inside a portfolio
folder: portfolios travel on USB sticks and are copied to colleagues, a key
must not travel with them."""

from __future__ import annotations

import getpass
import hashlib
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from ..errors import UserError
from ..i18n import register, tr
from ..storage.files import atomic_write
from ..storage.layout import is_portfolio
from ..storage.paths import ensure_outside_portfolio, ensure_writable_target

register({
    "identity.exists": (
        "มีไฟล์ “{path}” อยู่แล้ว จึงไม่เขียนทับ (อาจเป็นกุญแจลงนามที่ยังใช้อยู่) โปรดตั้งชื่อไฟล์ใหม่ — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{path}” already exists and is not overwritten (it may be a signing key still in use); "
        "choose a new file name. Nothing was changed."),
    "identity.empty_passphrase": (
        "ต้องตั้งรหัสผ่านสำหรับไฟล์กุญแจลงนาม เพราะใครได้ไฟล์ไปก็ลงนามแทนท่านได้ — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The signing key file needs a passphrase: anyone holding the file could sign in your name. "
        "Nothing was changed."),
    "identity.passphrase_nul": (
        "รหัสผ่านมีอักขระว่าง (NUL) ซึ่งใช้ไม่ได้ โปรดตรวจไฟล์รหัสผ่าน — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The passphrase holds a NUL character, which cannot be used; check the passphrase file. Nothing was changed."),
    "identity.name_too_long": (
        "ชื่อสำหรับลงนามยาวได้ไม่เกิน {limit} ตัวอักษร (พิมพ์มา {length}) โปรดใช้ชื่อและนามสกุลโดยไม่มีคำนำหน้ายาว ๆ "
        "— ไม่มีการเปลี่ยนแปลงใด ๆ",
        "A signing name has at most {limit} characters (this one has {length}): use the name and surname "
        "without long titles. Nothing was changed.",
    ),
    "identity.blank_name": (
        "ต้องระบุชื่อ-นามสกุลของผู้ลงนาม เพื่อให้ผู้ตรวจเห็นว่าใครลงนาม — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The signer's name is required, so a reviewer can see who signed. Nothing was changed."),
    "identity.not_found": ("ไม่พบไฟล์กุญแจลงนาม “{path}”", "The signing key file “{path}” does not exist."),
    "identity.wrong_passphrase": (
        "เปิดไฟล์กุญแจลงนาม “{path}” ไม่ได้ รหัสผ่านไม่ถูกต้อง หรือไฟล์ไม่ใช่ PKCS#12 (.p12/.pfx)",
        "The signing key file “{path}” cannot be opened: the passphrase is wrong, or it is not a PKCS#12 "
        "(.p12/.pfx) file."),
    "identity.no_key": (
        "ไฟล์ “{path}” ไม่มีกุญแจส่วนตัวหรือใบรับรองของผู้ลงนาม จึงใช้ลงนามไม่ได้",
        "“{path}” holds no private key or no signer's certificate, so it cannot sign."),
    "identity.key_mismatch": (
        "กุญแจส่วนตัวในไฟล์ “{path}” ไม่ตรงกับใบรับรองในไฟล์เดียวกัน จึงใช้ลงนามไม่ได้",
        "The private key in “{path}” does not belong to its certificate, so it cannot sign."),
    "identity.ec_key": (
        "กุญแจในไฟล์ “{path}” เป็นแบบ EC ซึ่งทำให้ PDF กลายเป็นรุ่น 2.0 และไม่เป็น PDF/A-2 สำหรับเก็บถาวร "
        "โปรดใช้กุญแจแบบ RSA (ขอจากหน่วยงาน หรือสร้างด้วย ent-portfolio identity create)",
        "The key in “{path}” is an EC key: signing with it makes the PDF version 2.0, which is no longer "
        "archival PDF/A-2. Use an RSA key (ask your university, or make one with ent-portfolio identity create)."),
    "identity.short_key": (
        "กุญแจ RSA ในไฟล์ “{path}” ยาวเพียง {bits} บิต ซึ่งสั้นเกินจะปลอดภัย (ต้องอย่างน้อย 2048 บิต)",
        "The RSA key in “{path}” has only {bits} bits, too short to be safe (at least 2048 are needed)."),
    "identity.unsupported_key": (
        "กุญแจในไฟล์ “{path}” ไม่ใช่แบบ RSA จึงใช้ลงนามแฟ้มนี้ไม่ได้",
        "The key in “{path}” is not an RSA key, so it cannot sign this dossier."),
    "identity.passphrase_file_unreadable": (
        "อ่านไฟล์รหัสผ่าน “{path}” ไม่ได้ — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The passphrase file “{path}” cannot be read. Nothing was changed."),
    "identity.passphrase_mismatch": (
        "รหัสผ่านที่พิมพ์สองครั้งไม่ตรงกัน — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The two passphrases typed do not match. Nothing was changed."),
    "identity.prompt": ("รหัสผ่านของไฟล์กุญแจลงนาม: ", "Passphrase of the signing key file: "),
    "identity.prompt_again": ("พิมพ์รหัสผ่านอีกครั้ง: ", "Type the passphrase again: "),
    "identity.root_unit": ("ใบรับรองต้นทางส่วนตัว (EnT Portfolio)", "Personal root (EnT Portfolio)"),
})

KEY_BITS = 3072
MINIMUM_RSA_BITS = 2048
VALID_FOR = timedelta(days=5 * 365 + 1)


@dataclass(frozen=True)
class Identity:
    """A signing key with its certificate and the chain above it (root last)."""

    key: object
    certificate: x509.Certificate
    chain: tuple
    name: str
    email: str
    fingerprint: str


def fingerprint_of(certificate: x509.Certificate) -> str:
    """SHA-256 of the certificate, as Acrobat and ``openssl x509 -fingerprint -sha256`` print it."""
    digest = hashlib.sha256(certificate.public_bytes(serialization.Encoding.DER)).hexdigest().upper()
    return ":".join(digest[k:k + 2] for k in range(0, len(digest), 2))


def common_name(name: x509.Name) -> str:
    values = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(values[0].value) if values else name.rfc4514_string()


def _email_of(certificate: x509.Certificate) -> str:
    try:
        alt = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        emails = alt.get_values_for_type(x509.RFC822Name)
        if emails:
            return emails[0]
    except x509.ExtensionNotFound:
        pass
    values = certificate.subject.get_attributes_for_oid(NameOID.EMAIL_ADDRESS)
    return str(values[0].value) if values else ""


def is_self_issued(certificate: x509.Certificate, chain: tuple | list) -> bool:
    """Whether the chain ends in a root of the signer's own making: one whose
    common name is the signer's (or the signer's certificate signs itself).
    A university's root bears the university's name, not the lecturer's."""
    root = chain[-1] if chain else certificate
    return common_name(root.subject) == common_name(certificate.subject)


def _refuse_inside_portfolio(out: Path) -> None:
    resolved = Path(out).resolve()
    for folder in resolved.parents:
        if is_portfolio(folder):
            ensure_outside_portfolio(folder, out)


#: X.509's bound on a common name is 64 characters (RFC 5280, ub-common-name).
NAME_CHARACTERS = 64


def _common_name(name: str) -> x509.NameAttribute:
    """The name as a certificate's common name.  The library counts UTF-8
    bytes against the standard's bound of 64 characters, which would refuse
    most Thai names with a title (three bytes a letter); the bound in
    characters is checked by :func:`create_identity`."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return x509.NameAttribute(NameOID.COMMON_NAME, name, _validate=False)


def create_identity(name: str, passphrase: bytes, out: Path, email: str = "") -> Identity:
    """A new RSA-3072 key, a personal root and the lecturer's certificate it
    issues, written to ``out`` as a passphrase-protected PKCS#12."""
    out = Path(out)
    name = (name or "").strip()
    email = (email or "").strip()
    if not name:
        raise UserError("identity.blank_name")
    if len(name) > NAME_CHARACTERS:
        raise UserError("identity.name_too_long", limit=NAME_CHARACTERS, length=len(name))
    if not passphrase:
        raise UserError("identity.empty_passphrase")
    if b"\x00" in passphrase:
        raise UserError("identity.passphrase_nul")
    _refuse_inside_portfolio(out)
    ensure_writable_target(out)
    if out.exists() or out.is_symlink():
        raise UserError("identity.exists", path=str(out))

    now = datetime.now(UTC).replace(microsecond=0)
    root_key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    # The root's name differs from the lecturer's by its unit, so no chain
    # builder mistakes the lecturer's certificate for one issued by itself.
    root_name = x509.Name([_common_name(name),
                           x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, tr("identity.root_unit", "en"))])
    subject = [_common_name(name)]
    if email:
        subject.append(x509.NameAttribute(NameOID.EMAIL_ADDRESS, email))
    root = (x509.CertificateBuilder().subject_name(root_name).issuer_name(root_name)
            .public_key(root_key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5)).not_valid_after(now + VALID_FOR)
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                         crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), critical=False)
            .sign(root_key, hashes.SHA256()))
    builder = (x509.CertificateBuilder().subject_name(x509.Name(subject)).issuer_name(root_name)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - timedelta(minutes=5)).not_valid_after(now + VALID_FOR)
               .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
               .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                            data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                            crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
               .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()),
                              critical=False))
    if email:
        builder = builder.add_extension(x509.SubjectAlternativeName([x509.RFC822Name(email)]), critical=False)
    certificate = builder.sign(root_key, hashes.SHA256())
    # The root's key signs once and is thrown away: no one can issue a second
    # certificate under this root, so its fingerprint names one lecturer's key.
    del root_key

    data = pkcs12.serialize_key_and_certificates(
        name=name.encode("utf-8"), key=key, cert=certificate, cas=[root],
        encryption_algorithm=serialization.BestAvailableEncryption(passphrase))
    with atomic_write(out) as handle:
        handle.write(data)
    try:
        out.chmod(0o600)  # only the lecturer's account needs to read a key
    except OSError:
        pass
    return Identity(key=key, certificate=certificate, chain=(root,), name=name, email=email,
                    fingerprint=fingerprint_of(certificate))


def load_identity(path: Path, passphrase: bytes) -> Identity:
    """The identity in a PKCS#12 file, ours or a university's."""
    path = Path(path)
    if not path.is_file():
        raise UserError("identity.not_found", path=str(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError("identity.not_found", path=str(path)) from exc
    # A NUL byte makes the PKCS#12 reader abort the whole process rather
    # than raise; no passphrase we wrote holds one, so it is simply wrong.
    if b"\x00" in (passphrase or b""):
        raise UserError("identity.wrong_passphrase", path=str(path))
    try:
        loaded = pkcs12.load_pkcs12(data, passphrase or None)
    except (ValueError, TypeError) as exc:
        raise UserError("identity.wrong_passphrase", path=str(path)) from exc
    if loaded.key is None or loaded.cert is None:
        raise UserError("identity.no_key", path=str(path))
    key = loaded.key
    if isinstance(key, ec.EllipticCurvePrivateKey):
        raise UserError("identity.ec_key", path=str(path))
    if not isinstance(key, rsa.RSAPrivateKey):
        raise UserError("identity.unsupported_key", path=str(path))
    if key.key_size < MINIMUM_RSA_BITS:
        raise UserError("identity.short_key", path=str(path), bits=key.key_size)
    certificate = loaded.cert.certificate
    if certificate.public_key().public_numbers() != key.public_key().public_numbers():
        raise UserError("identity.key_mismatch", path=str(path))
    chain = tuple(_ordered_chain(certificate, [c.certificate for c in loaded.additional_certs]))
    return Identity(key=key, certificate=certificate, chain=chain, name=common_name(certificate.subject),
                    email=_email_of(certificate), fingerprint=fingerprint_of(certificate))


def _ordered_chain(certificate: x509.Certificate, others: list) -> list:
    """The other certificates from the signer's issuer up to the root, as far
    as they link by name; those that do not link follow in the file's order."""
    ordered, current, rest = [], certificate, list(others)
    while current.issuer != current.subject:
        issuer = next((c for c in rest if c.subject == current.issuer), None)
        if issuer is None:
            break
        ordered.append(issuer)
        rest.remove(issuer)
        current = issuer
    return ordered + rest


def read_passphrase(file: Path | None, confirm: bool = False) -> bytes:
    """The passphrase from the first line of ``file`` or, without one, typed
    at the terminal (twice with ``confirm``).  Never printed, never stored."""
    if file is not None:
        try:
            raw = Path(file).read_bytes()
        except OSError as exc:
            raise UserError("identity.passphrase_file_unreadable", path=str(file)) from exc
        line = raw.split(b"\n", 1)[0]
        return line[:-1] if line.endswith(b"\r") else line
    typed = getpass.getpass(tr("identity.prompt"))
    if confirm and getpass.getpass(tr("identity.prompt_again")) != typed:
        raise UserError("identity.passphrase_mismatch")
    return typed.encode("utf-8")
