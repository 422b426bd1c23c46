"""``ent-portfolio identity create|show``: the lecturer's signing key file.

``create`` makes a personal key and certificate chain (see
:mod:`ent_portfolio.signing.identity`); ``show`` prints what a reviewer will
see of it, above all the fingerprint the lecturer can read out to them.  The
passphrase comes from ``--passphrase-file`` or is typed; it is never printed."""

from __future__ import annotations

from pathlib import Path

from ..i18n import register as register_messages
from ..i18n import tr
from . import _Parser, add_command, echo

register_messages({
    "cli.help.identity": ("สร้างหรือดูไฟล์กุญแจลงนาม (.p12) สำหรับลงนามแฟ้มเสนอขอและชุดหลักฐาน",
                          "create or show a signing key file (PKCS#12) for signing the dossier and package"),
    "cli.help.identity.action": ("create (สร้างใหม่) หรือ show (ดูไฟล์ที่มีอยู่)",
                                 "create (a new one) or show (an existing file)"),
    "cli.help.identity.create": ("สร้างกุญแจลงนามและใบรับรองส่วนตัวใหม่ ในไฟล์ที่มีรหัสผ่าน",
                                 "make a new signing key and personal certificate (RSA-3072) "
                                 "in a passphrase-protected file"),
    "cli.help.identity.show": ("แสดงชื่อผู้ลงนาม ลายนิ้วมือ ผู้ออก และอายุของใบรับรองในไฟล์กุญแจลงนาม",
                               "show the signer's name, fingerprint, issuer and validity of a signing key file"),
    "cli.help.identity.name": ("ชื่อ-นามสกุลของผู้ลงนาม (ภาษาไทย) ตามที่จะปรากฏในใบรับรอง",
                               "the signer's full name (in Thai) as the certificate will carry it"),
    "cli.help.identity.email": ("อีเมลของผู้ลงนาม (ไม่บังคับ)", "the signer's e-mail address (optional)"),
    "cli.help.identity.out": ("ไฟล์ .p12 ที่จะสร้าง (ต้องอยู่นอกโฟลเดอร์แฟ้มผลงาน)",
                              "the .p12 file to make (outside any portfolio folder)"),
    "cli.help.identity.file": ("ไฟล์กุญแจลงนาม (.p12 หรือ .pfx)", "the signing key file (.p12 or .pfx)"),
    "cli.help.identity.passphrase_file": (
        "อ่านรหัสผ่านจากบรรทัดแรกของไฟล์นี้ แทนการพิมพ์ (ค่าเริ่มต้น: ถามที่หน้าจอ)",
        "read the passphrase from the first line of this file instead of typing it (default: ask)"),
    "cli.identity.created": ("สร้างไฟล์กุญแจลงนามแล้วที่ {path}", "Signing key file created: {path}"),
    "cli.identity.keep": (
        "เก็บไฟล์นี้และรหัสผ่านไว้ให้ดี อย่าใส่ไว้ในโฟลเดอร์แฟ้มผลงาน และแจ้งลายนิ้วมือข้างต้นแก่ผู้ตรวจ",
        "Keep this file and its passphrase safe, never in a portfolio folder, "
        "and give reviewers the fingerprint above."),
    "cli.identity.name": ("ผู้ลงนาม: {name}", "Signer: {name}"),
    "cli.identity.email": ("อีเมล: {email}", "E-mail: {email}"),
    "cli.identity.fingerprint": ("ลายนิ้วมือ (SHA-256): {fingerprint}", "Fingerprint (SHA-256): {fingerprint}"),
    "cli.identity.issuer": ("ผู้ออกใบรับรอง: {issuer}", "Issued by: {issuer}"),
    "cli.identity.self_issued": (
        "ใบรับรองที่ออกเอง: ผู้ตรวจยืนยันตัวผู้ลงนามได้ด้วยลายนิ้วมือเท่านั้น",
        "Self-issued certificate: a reviewer can confirm the signer by the fingerprint only."),
    "cli.identity.issued_by_other": ("ใบรับรองที่หน่วยงานออกให้", "Certificate issued by an organisation."),
    "cli.identity.validity": ("ใช้ได้ตั้งแต่ {start} ถึง {end}", "Valid from {start} to {end}"),
})


def register(sub) -> None:
    parser = add_command(sub, "identity", "cli.help.identity")
    actions = parser.add_subparsers(dest="identity_action", metavar="ACTION", required=True, parser_class=_Parser,
                                    help=tr("cli.help.identity.action"))

    create = add_command(actions, "create", "cli.help.identity.create")
    create.add_argument("--name", required=True, metavar="NAME", help=tr("cli.help.identity.name"))
    create.add_argument("--email", default="", metavar="EMAIL", help=tr("cli.help.identity.email"))
    create.add_argument("--out", required=True, type=Path, metavar="FILE.p12", help=tr("cli.help.identity.out"))
    create.add_argument("--passphrase-file", type=Path, metavar="F", help=tr("cli.help.identity.passphrase_file"))
    create.set_defaults(handler=run_create)

    show = add_command(actions, "show", "cli.help.identity.show")
    show.add_argument("file", type=Path, metavar="FILE.p12", help=tr("cli.help.identity.file"))
    show.add_argument("--passphrase-file", type=Path, metavar="F", help=tr("cli.help.identity.passphrase_file"))
    show.set_defaults(handler=run_show)


def run_create(args) -> int:
    from ..services.signing import create_identity, read_passphrase

    passphrase = read_passphrase(args.passphrase_file, confirm=True)
    identity = create_identity(args.name, passphrase, args.out, email=args.email)
    echo(tr("cli.identity.created", path=str(args.out)))
    _describe(identity)
    echo(tr("cli.identity.keep"))
    return 0


def run_show(args) -> int:
    from ..services.signing import load_identity, read_passphrase

    _describe(load_identity(args.file, read_passphrase(args.passphrase_file)))
    return 0


def _describe(identity) -> None:
    from ..services.signing import common_name, is_self_issued

    certificate = identity.certificate
    echo(tr("cli.identity.name", name=identity.name))
    if identity.email:
        echo(tr("cli.identity.email", email=identity.email))
    echo(tr("cli.identity.fingerprint", fingerprint=identity.fingerprint))
    echo(tr("cli.identity.issuer", issuer=common_name(certificate.issuer)))
    echo(tr("cli.identity.self_issued" if is_self_issued(certificate, identity.chain)
            else "cli.identity.issued_by_other"))
    echo(tr("cli.identity.validity", start=certificate.not_valid_before_utc.date().isoformat(),
            end=certificate.not_valid_after_utc.date().isoformat()))
