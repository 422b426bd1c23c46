"""``ent-portfolio archive export|import``."""

from __future__ import annotations

from pathlib import Path

from ..i18n import register as register_messages
from ..i18n import tr
from . import _Parser, add_command, add_portfolio_argument, echo, open_portfolio

register_messages({
    "cli.archive.exported": (
        "บันทึกแฟ้มสำรองแล้ว: {path} (ไฟล์หลักฐาน {files} ไฟล์)",
        "Archive written: {path} ({files} evidence files)",
    ),
    "cli.archive.imported": (
        "นำเข้าแล้ว: เพิ่ม {added} รายการ ปรับปรุง {updated} รายการ ไฟล์ใหม่ {files} ไฟล์",
        "Imported: {added} records added, {updated} updated, {files} new files",
    ),
    "cli.archive.nothing": (
        "ไม่มีอะไรเปลี่ยน ข้อมูลในแฟ้มสำรองมีอยู่แล้วทั้งหมด",
        "Nothing changed: everything in the archive is already here.",
    ),
    "cli.help.archive": ("ส่งออกหรือนำเข้าแฟ้มผลงานทั้งชุดเป็นไฟล์ .entp (เช่น เมื่อย้ายไปเครื่องใหม่)",
                         "export or import a portfolio archive (.entp)"),
    "cli.help.archive.action": ("export (ส่งออก) หรือ import (นำเข้า)", "export or import"),
    "cli.help.archive.export": ("เขียนแฟ้มผลงานทั้งหมดลงไฟล์ FILE.entp", "write the whole portfolio to FILE.entp"),
    "cli.help.archive.export.file": ("ไฟล์ .entp ที่จะเขียน", "the .entp file to write"),
    "cli.help.archive.import": ("รวมข้อมูลจาก FILE.entp เข้ากับแฟ้มผลงาน", "merge FILE.entp into the portfolio"),
    "cli.help.archive.import.file": ("ไฟล์ .entp ที่จะนำเข้า", "the .entp file to merge in"),
})


def register(sub) -> None:
    parser = add_command(sub, "archive", "cli.help.archive")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=_Parser,
                                    help=tr("cli.help.archive.action"))
    export = add_command(actions, "export", "cli.help.archive.export")
    add_portfolio_argument(export)
    export.add_argument("file", type=Path, metavar="FILE.entp", help=tr("cli.help.archive.export.file"))
    export.set_defaults(handler=run_export)
    imp = add_command(actions, "import", "cli.help.archive.import")
    add_portfolio_argument(imp)
    imp.add_argument("file", type=Path, metavar="FILE.entp", help=tr("cli.help.archive.import.file"))
    imp.set_defaults(handler=run_import)


def run_export(args) -> int:
    from ..archive.exchange import archived_file_count, export_archive

    with open_portfolio(args, read_only=True) as portfolio:
        path = export_archive(portfolio, args.file)
    files = archived_file_count(path)
    echo(tr("cli.archive.exported", path=str(path), files=files))
    return 0


def run_import(args) -> int:
    from ..archive import import_archive
    from ..services.backup import restore_archive
    from ..storage.portfolio import default_portfolio_dir, holds_portfolio_data, is_portfolio

    folder = args.portfolio or default_portfolio_dir()
    if is_portfolio(folder) or holds_portfolio_data(folder):
        # A damaged portfolio (its database lost) is said so by opening it.
        with open_portfolio(args) as portfolio:
            summary = import_archive(portfolio, args.file)
    else:
        # Into a folder that is not a portfolio yet: a new one, made the way a
        # restore makes it, so a refused archive leaves no folder behind.
        summary = restore_archive(args.file, folder)
    if not summary.changed:
        echo(tr("cli.archive.nothing"))
    else:
        echo(tr("cli.archive.imported", added=sum(summary.added.values()),
                updated=sum(summary.updated.values()), files=summary.files_added))
    return 0
