"""``ent-portfolio verify PACKAGE.zip``: is the evidence package intact?

Names each file that is missing, changed, unreadable, extra or held under
a name used twice; exit 0 only when every file of the manifest is there once
with its SHA-256 and nothing else is.  A package that cannot be checked at
all is one sentence on stderr, exit 1."""

from __future__ import annotations

import sys
from pathlib import Path

from ..i18n import current_language
from . import echo


def register(sub) -> None:
    parser = sub.add_parser("verify", help="check an evidence package against its manifest (SHA-256)")
    parser.add_argument("package", type=Path, metavar="PACKAGE.zip",
                        help="the evidence package (or the folder it was unpacked into)")
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
