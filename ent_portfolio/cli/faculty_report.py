"""``ent-portfolio faculty report --db URL --out FILE.pdf|FILE.xlsx [--year พ.ศ.]``:
the faculty's engagement report, a PDF in Thai (``--lang en`` for English)
or a workbook of its tables, from a faculty database.

Registered under ``faculty`` by :mod:`.faculty` (``add_report_parser``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import UserError
from ..i18n import current_language, tr
from ..i18n import register as register_messages
from . import add_command, echo

register_messages({
    "cli.help.faculty.report": (
        "รายงานผลงานบริการวิชาการแก่สังคมของคณะ เป็น PDF ภาษาไทยพร้อมแผนภูมิ หรือตาราง Excel (.xlsx)",
        "the faculty's engagement report: a Thai PDF with charts, or the tables as an Excel workbook (.xlsx)",
    ),
    "cli.help.faculty.report.db": (
        "ฐานข้อมูลคณะ: ไฟล์ SQLite หรือ postgresql+psycopg://ผู้ใช้@เครื่อง/ฐานข้อมูล (ค่าเริ่มต้น: faculty.sqlite3)",
        "the faculty database: an SQLite file or postgresql+psycopg://user@host/database "
        "(default: faculty.sqlite3)",
    ),
    "cli.help.faculty.report.out": (
        "ไฟล์รายงานที่จะเขียน ลงท้ายด้วย .pdf หรือ .xlsx",
        "the report file to write, ending in .pdf or .xlsx",
    ),
    "cli.help.faculty.report.year": (
        "ปีงบประมาณ (พ.ศ.) เช่น 2568 คือ 1 ตุลาคม 2567 ถึง 30 กันยายน 2568 (ค่าเริ่มต้น: ทุกปี)",
        "the fiscal year in the Buddhist era, e.g. 2568 = 1 October 2024 to 30 September 2025 (default: all years)",
    ),
    "faculty.report_bad_out": (
        "ไฟล์รายงานต้องลงท้ายด้วย .pdf หรือ .xlsx (ได้รับ “{path}”)",
        "The report file must end in .pdf or .xlsx (got “{path}”).",
    ),
    "faculty.report_out_is_db": (
        "ไฟล์รายงาน “{path}” คือไฟล์ฐานข้อมูลคณะ โปรดตั้งชื่อไฟล์รายงานใหม่",
        "The report file “{path}” is the faculty database itself; give the report another name.",
    ),
    "cli.faculty.report_written": (
        "เขียนรายงานแล้ว “{path}”: อาจารย์ {lecturers} คน ผลงาน {works} เรื่อง — {period}",
        "Wrote the report “{path}”: {lecturers} lecturers, {works} works — {period}.",
    ),
})

SUFFIXES = (".pdf", ".xlsx")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def add_report_parser(subparsers) -> argparse.ArgumentParser:
    """``faculty report`` among the ``faculty`` command's actions."""
    parser = add_command(subparsers, "report", "cli.help.faculty.report")
    parser.add_argument("--db", default="faculty.sqlite3", metavar="URL", help=tr("cli.help.faculty.report.db"))
    parser.add_argument("--out", type=Path, required=True, metavar="FILE", help=tr("cli.help.faculty.report.out"))
    parser.add_argument("--year", type=year_be, metavar="YEAR", help=tr("cli.help.faculty.report.year"))
    parser.set_defaults(handler=run_report)
    return parser


def year_be(text: str) -> int:
    """A Buddhist-era year as typed: Arabic or Thai digits, "พ.ศ." before it allowed."""
    from ..faculty.report_data import FIRST_YEAR_BE, LAST_YEAR_BE

    cleaned = text.translate(_THAI_DIGITS).replace("พ.ศ.", "").strip()
    if cleaned.isascii() and cleaned.isdigit() and FIRST_YEAR_BE <= int(cleaned) <= LAST_YEAR_BE:
        return int(cleaned)
    raise argparse.ArgumentTypeError(tr("faculty.report_bad_year", first=FIRST_YEAR_BE, last=LAST_YEAR_BE,
                                        value=text[:20]))


def _same_file(out: Path, db: str) -> bool:
    from ..faculty.database import parse_database_url

    url = parse_database_url(db)
    if not url.drivername.startswith("sqlite") or not url.database:
        return False
    try:
        return out.resolve() == Path(url.database).resolve()
    except OSError:
        return False


def run_report(args) -> int:
    from ..faculty.database import open_faculty_database
    from ..faculty.report_data import gather_report
    from ..faculty.report_tables import period_text

    out: Path = args.out
    if out.suffix.lower() not in SUFFIXES:
        raise UserError("faculty.report_bad_out", path=str(out))
    if _same_file(out, args.db):
        raise UserError("faculty.report_out_is_db", path=str(out))
    lang = current_language()
    engine = open_faculty_database(args.db)
    try:
        report = gather_report(engine, args.year)
    finally:
        engine.dispose()
    if out.suffix.lower() == ".pdf":
        from ..faculty.report_pdf import write_report_pdf

        write_report_pdf(report, out, lang)
    else:
        from ..faculty.report_xlsx import write_report_xlsx

        write_report_xlsx(report, out, lang)
    echo(tr("cli.faculty.report_written", path=str(out), lecturers=report.lecturers, works=report.works,
            period=period_text(report, lang)))
    return 0
