"""``ent-portfolio export docx|xlsx``: the write-up as an editable Word
file, the numbers as a workbook.

Both go through :mod:`ent_portfolio.services.office_export`, as the
windows do; the portfolio is opened read-only, so the command works while
the app has it open.  Neither file may land inside the portfolio folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..i18n import current_language, set_language, tr
from ..i18n import register as register_messages
from . import _Parser, add_command, add_portfolio_argument, echo

register_messages({
    "cli.help.export": ("ส่งออกผลงานเป็นไฟล์ Word (แก้ไขได้) หรือตัวเลขเป็นไฟล์ Excel",
                        "export the write-up as an editable Word file, or the numbers as an Excel workbook"),
    "cli.help.export.kind": ("docx (ไฟล์ Word) หรือ xlsx (ไฟล์ Excel)", "docx (Word) or xlsx (Excel)"),
    "cli.help.export.docx": ("เขียนผลงานเป็นไฟล์ Word ที่แก้ไขได้ มีหัวข้อ ตาราง และภาษาไทยที่ถูกต้อง",
                             "write the works as an editable Word file with headings, tables and correct Thai"),
    "cli.help.export.xlsx": ("เขียนผลงาน ตัวชี้วัด กิจกรรม ภาคี คำรับรอง และหลักฐาน เป็นไฟล์ Excel",
                             "write works, indicators, activities, partners, testimonials and evidence as a "
                             "workbook"),
    "cli.help.export.out_docx": ("ไฟล์ .docx ที่จะเขียน (ต้องอยู่นอกโฟลเดอร์แฟ้มผลงาน)",
                                 "the .docx file to write (outside the portfolio folder)"),
    "cli.help.export.out_xlsx": ("ไฟล์ .xlsx ที่จะเขียน (ต้องอยู่นอกโฟลเดอร์แฟ้มผลงาน)",
                                 "the .xlsx file to write (outside the portfolio folder)"),
    "cli.help.export.work": ("ผลงานที่จะใส่ ตามลำดับที่ระบุ (ระบุซ้ำได้ ค่าเริ่มต้น: ทุกผลงาน)",
                             "a work to include, in this order (repeat; default: all works)"),
    "cli.help.export.lang": ("ภาษาของไฟล์ th (ไทย) หรือ en (อังกฤษ) (ค่าเริ่มต้น: ไทย)",
                             "language of the file, th (Thai) or en (English) (default: Thai)"),
    "cli.help.export.photos": ("ใส่ภาพถ่ายหลักฐานด้วย (ย่อขนาดเหมือนในแฟ้ม PDF ไม่มีพิกัด GPS "
                               "และเบลอใบหน้าของผู้ที่ไม่ได้ให้ความยินยอม)",
                               "include the evidence photos (downscaled as in the PDF, without GPS positions, "
                               "faces blurred where the people did not consent)"),
    "cli.export.docx_done": ("เขียนไฟล์ Word แล้ว: ผลงาน {works} เรื่อง หัวข้อ {headings} หัวข้อ ตาราง {tables} ตาราง "
                             "ภาพถ่าย {photos} ภาพ ({seconds} วินาที)\n{path}",
                             "Word file written: {works} work(s), {headings} headings, {tables} tables, "
                             "{photos} photos ({seconds} s)\n{path}"),
    "cli.export.xlsx_done": ("เขียนไฟล์ Excel แล้ว: {sheets} แผ่นงาน ข้อมูล {rows} แถว ({seconds} วินาที)\n{path}",
                             "Workbook written: {sheets} sheets, {rows} data rows ({seconds} s)\n{path}"),
})


def register(sub) -> None:
    parser = add_command(sub, "export", "cli.help.export")
    kinds = parser.add_subparsers(dest="export_kind", metavar="KIND", required=True, parser_class=_Parser,
                                  help=tr("cli.help.export.kind"))

    docx = add_command(kinds, "docx", "cli.help.export.docx")
    add_portfolio_argument(docx)
    docx.add_argument("--out", required=True, type=Path, metavar="FILE.docx", help=tr("cli.help.export.out_docx"))
    docx.add_argument("--work", action="append", metavar="UUID", dest="works", help=tr("cli.help.export.work"))
    docx.add_argument("--lang", choices=["th", "en"], default=argparse.SUPPRESS, help=tr("cli.help.export.lang"))
    docx.add_argument("--photos", action="store_true", help=tr("cli.help.export.photos"))
    docx.set_defaults(handler=run_docx)

    xlsx = add_command(kinds, "xlsx", "cli.help.export.xlsx")
    add_portfolio_argument(xlsx)
    xlsx.add_argument("--out", required=True, type=Path, metavar="FILE.xlsx", help=tr("cli.help.export.out_xlsx"))
    xlsx.add_argument("--lang", choices=["th", "en"], default=argparse.SUPPRESS, help=tr("cli.help.export.lang"))
    xlsx.set_defaults(handler=run_xlsx)


def _file_language(args) -> str:
    # one --lang for both: the file's language, and the messages follow it
    lang = getattr(args, "lang", None) or "th"
    if getattr(args, "lang", None):
        set_language(lang)
    return lang


def run_docx(args) -> int:
    from ..services.office_export import export_docx
    from ..storage.portfolio import Portfolio

    lang = _file_language(args)
    with Portfolio.open(args.portfolio, read_only=True) as portfolio:
        result = export_docx(portfolio, args.out, work_ids=args.works or None, lang=lang, photos=args.photos)
    echo(tr("cli.export.docx_done", current_language(), works=result.works, headings=result.headings,
            tables=result.tables, photos=result.photos, seconds=f"{result.seconds:.1f}",
            path=Path(args.out).resolve()))
    return 0


def run_xlsx(args) -> int:
    from ..services.office_export import export_xlsx
    from ..storage.portfolio import Portfolio

    lang = _file_language(args)
    with Portfolio.open(args.portfolio, read_only=True) as portfolio:
        result = export_xlsx(portfolio, args.out, lang=lang)
    echo(tr("cli.export.xlsx_done", current_language(), sheets=len(result.sheets), rows=sum(result.sheets.values()),
            seconds=f"{result.seconds:.1f}", path=Path(args.out).resolve()))
    return 0
