"""``ent-portfolio verify PACKAGE.zip``: is the evidence package intact?

Names each file that is missing, changed, unreadable, extra or held under
a name used twice; exit 0 only when every file of the manifest is there once
with its SHA-256 and nothing else is.  A package that cannot be checked at
all is one sentence on stderr, exit 1."""

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
})


def register(sub) -> None:
    parser = add_command(sub, "verify", "cli.help.verify")
    parser.add_argument("package", type=Path, metavar="PACKAGE.zip", help=tr("cli.help.verify.package"))
    parser.set_defaults(handler=run)


def run(args) -> int:
    from ..dossier import verify_package

    report = verify_package(args.package)
    lines = report.lines(current_language())
    if report.ok:
        echo(lines[-1])
        return 0
    for line in lines[:-1]:
        echo(line)
    print(lines[-1], file=sys.stderr)
    return 1
