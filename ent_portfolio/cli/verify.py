"""``ent-portfolio verify PACKAGE.zip [--trust CERT.pem]``: is the evidence package intact, and who signed it?

One screen: the signer (name, fingerprint, trusted root or self-issued),
each signature's verdict, then each file that is missing, changed,
unreadable, extra or held under a name used twice, and where ``SHA256SUMS``
disagrees.  Exit 0 only when all of it holds; an unsigned package says so
plainly and passes on its files alone (unless ``--trust`` asked for a
signer).  A package that cannot be checked at all is one sentence on
stderr, exit 1."""

from __future__ import annotations

import sys
from pathlib import Path

from ..i18n import current_language, tr
from ..i18n import register as register_messages
from . import add_command, echo

register_messages({
    "cli.help.verify": ("ตรวจชุดหลักฐานเทียบกับรายการใน manifest.json (SHA-256)",
                        "check an evidence package against its manifest (SHA-256)"),
    "cli.help.verify.package": ("ชุดหลักฐาน (หรือโฟลเดอร์ที่แตกชุดหลักฐานออกมา)",
                                "the evidence package (or the folder it was unpacked into)"),
    "cli.help.verify.trust": (
        "ใบรับรองต้นทางที่ท่านเชื่อถือ (ไฟล์ .pem) ผู้ลงนามต้องมีใบรับรองที่ออกโดยใบนี้ ระบุได้หลายครั้ง",
        "a root certificate you trust (PEM file): the signer's certificate must chain to it; may be repeated"),
})


def register(sub) -> None:
    parser = add_command(sub, "verify", "cli.help.verify")
    parser.add_argument("package", type=Path, metavar="PACKAGE.zip", help=tr("cli.help.verify.package"))
    parser.add_argument("--trust", type=Path, action="append", default=[], metavar="CERT.pem",
                        help=tr("cli.help.verify.trust"))
    parser.set_defaults(handler=run)


def run(args) -> int:
    from ..services.signing import load_trusted_certificates, verify_package

    report = verify_package(args.package, trusted_certs=load_trusted_certificates(args.trust))
    lines = report.lines(current_language())
    if report.ok:
        for line in lines:
            echo(line)
        return 0
    for line in lines[:-1]:
        echo(line)
    print(lines[-1], file=sys.stderr)
    return 1
