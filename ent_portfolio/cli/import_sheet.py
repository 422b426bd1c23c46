"""``ent-portfolio import sheet``: attendance or measurements from a
spreadsheet (.xlsx or .csv) into a work.

One line per record made, one per row refused (its line number and why),
then a summary; ``--dry-run`` prints the same and writes nothing.  Exit 0
when every row was imported, 1 when a row was refused (the others are
imported) or the file could not be read, 2 for a usage error."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import UserError
from ..i18n import register as register_messages
from ..i18n import tr
from . import add_command, add_portfolio_argument, echo, open_portfolio

register_messages({
    "cli.help.import": ("นำข้อมูลเข้าจากไฟล์อื่น", "bring data in from other files"),
    "cli.help.import.action": ("sheet (ตารางรายชื่อผู้เข้าร่วมหรือผลการวัดตัวชี้วัด)",
                               "sheet (attendance or indicator measurements)"),
    "cli.help.import.sheet": (
        "นำเข้าจำนวนผู้เข้าร่วมกิจกรรมหรือผลการวัดตัวชี้วัดจากไฟล์ .xlsx หรือ .csv (เช่น ไฟล์ที่ส่งออกจากแบบฟอร์มออนไลน์)",
        "import attendance or indicator measurements from an .xlsx or .csv file (from Google Forms, KoboToolbox…)",
    ),
    "cli.help.import.work": ("ผลงานที่จะเพิ่มข้อมูล", "the work to add them to"),
    "cli.help.import.kind": ("attendance (ผู้เข้าร่วมกิจกรรม ค่าเริ่มต้น) หรือ measurements (ผลการวัดตัวชี้วัด)",
                             "attendance (the default) or measurements"),
    "cli.help.import.map": (
        "คอลัมน์ใดเป็นอะไร เช่น --map \"เพศ=กลุ่มผู้เข้าร่วม\" (คอลัมน์ระบุด้วยชื่อหัวตาราง ตัวอักษรของคอลัมน์ "
        "หรือลำดับที่ 1, 2…; สิ่งที่จับคู่ได้: วันที่ ชื่อกิจกรรม กลุ่มผู้เข้าร่วม ชื่อผู้เข้าร่วม สถานที่ จำนวนผู้เข้าร่วม "
        "จำนวน:ชื่อกลุ่ม ไม่ใช้ หรือ ตัวชี้วัด วันที่ ค่าที่วัดได้ หมายเหตุ แหล่งข้อมูล)",
        "which column is what, e.g. --map \"Gender=group\" (a column by its header, its letter A, B… or number 1, 2…; "
        "targets: date activity group name place total count:GROUP ignore, or indicator date value note source)",
    ),
    "cli.help.import.dry_run": ("แสดงสิ่งที่จะนำเข้าโดยไม่บันทึก", "show what would be imported, write nothing"),
    "cli.help.import.keep_names": (
        "เก็บรายชื่อผู้เข้าร่วมไว้ในหมายเหตุของกิจกรรม (ค่าเริ่มต้น: เก็บเฉพาะจำนวน เพราะชื่อเป็นข้อมูลส่วนบุคคล)",
        "keep the participants' names in the activity's notes (default: counts only; names are personal data)",
    ),
    "cli.help.import.file": ("ไฟล์ .xlsx หรือ .csv", "the .xlsx or .csv file"),
    "cli.import.bad_map": ("--map ต้องเขียนเป็น คอลัมน์=สิ่งที่จับคู่ เช่น เพศ=group (ได้รับ “{value}”)",
                           "--map must read COLUMN=TARGET, e.g. Gender=group (got “{value}”)"),
    "cli.import.mapping": ("คอลัมน์ “{column}” → {target}", "column “{column}” → {target}"),
    "cli.import.record": ("นำเข้า: {record}", "import: {record}"),
    "cli.import.refused": ("ไม่นำเข้า {reason}", "refused: {reason}"),
    "cli.import.names_not_kept": ("ไม่เก็บรายชื่อผู้เข้าร่วม เก็บเฉพาะจำนวน (ใช้ --keep-names หากต้องการเก็บ)",
                                  "Participants' names are not kept, only counts (use --keep-names to keep them)."),
    "cli.import.summary.attendance": (
        "กิจกรรม {created} รายการจาก {used} แถว ไม่นำเข้า {refused} แถว",
        "{created} activities from {used} rows; {refused} rows refused",
    ),
    "cli.import.summary.measurements": (
        "ผลการวัด {created} ค่า ไม่นำเข้า {refused} แถว",
        "{created} measurements; {refused} rows refused",
    ),
    "cli.import.dry_run": ("ทดลองเท่านั้น ยังไม่ได้บันทึกสิ่งใด", "Dry run: nothing was written."),
})


def register(sub) -> None:
    parser = add_command(sub, "import", "cli.help.import")
    import_sub = parser.add_subparsers(dest="import_command", metavar="ACTION", required=True,
                                       parser_class=type(parser), help=tr("cli.help.import.action"))
    sheet = add_command(import_sub, "sheet", "cli.help.import.sheet")
    add_portfolio_argument(sheet)
    sheet.add_argument("--work", required=True, metavar="UUID", help=tr("cli.help.import.work"))
    sheet.add_argument("--kind", choices=["attendance", "measurements"], default="attendance",
                       help=tr("cli.help.import.kind"))
    sheet.add_argument("--map", action="append", default=[], type=_map_argument, metavar="COLUMN=TARGET",
                       help=tr("cli.help.import.map"))
    sheet.add_argument("--dry-run", action="store_true", help=tr("cli.help.import.dry_run"))
    sheet.add_argument("--keep-names", action="store_true", help=tr("cli.help.import.keep_names"))
    sheet.add_argument("file", type=Path, metavar="FILE", help=tr("cli.help.import.file"))
    sheet.set_defaults(handler=run_sheet)
    add_portfolio_argument(parser)



def _column(spec: str, columns: list[str]) -> int | None:
    """A column named by its header, its letter or its number (from 1)."""
    text = " ".join(spec.split())
    if text in columns:
        return columns.index(text)
    from ..office.sheet_files import column_letter

    letters = [column_letter(i) for i in range(len(columns))]
    if text.upper() in letters:
        return letters.index(text.upper())
    if text.isdigit() and 1 <= int(text) <= len(columns):
        return int(text) - 1
    return None


def _map_argument(spec: str) -> tuple[str, str]:
    column, sep, target = spec.partition("=")
    if not sep or not column.strip() or not target.strip():
        raise argparse.ArgumentTypeError(tr("cli.import.bad_map", value=spec[:60]))
    return column, target.strip()


def _target(text: str, kind: str) -> str:
    """A target by its code or its Thai name (as the Thai help lists them)."""
    from ..office.sheets import COUNT_PREFIX, TARGETS, target_label

    thai = {target_label(t, "th"): t for t in TARGETS[kind]}
    for prefix in ("จำนวน:", "จำนวน"):
        if text.startswith(prefix) and text not in thai and kind == "attendance":
            return COUNT_PREFIX + text[len(prefix):].strip()
    return thai.get(text, text)


def parse_maps(specs: list[tuple[str, str]], columns: list[str], start, kind: str):
    """The guessed mapping with the ``--map`` choices laid over it: a
    target given to a column here is taken from any column it was guessed for."""
    from ..office.sheets import Mapping

    chosen = dict(start.columns)
    for column, target in specs:
        index = _column(column, columns)
        if index is None:
            raise UserError("sheet.mapping_bad_column", column=column.strip()[:40])
        target = _target(target, kind)
        chosen = {i: t for i, t in chosen.items() if t != target or target == "ignore"}
        chosen[index] = target
    return Mapping({i: t for i, t in chosen.items() if t != "ignore"})


def run_sheet(args) -> int:
    from ..office.sheets import guess_mapping, read_sheet, target_label
    from ..services.sheet_import import import_sheet, preview_sheet

    with open_portfolio(args, read_only=args.dry_run) as portfolio:
        sheet = read_sheet(args.file)
        mapping = parse_maps(args.map, sheet.columns, guess_mapping(sheet, args.kind), args.kind)
        plan = preview_sheet(portfolio, args.work, args.file, args.kind, mapping, keep_names=args.keep_names)
        for index, target in sorted(plan.mapping.columns.items()):
            echo(tr("cli.import.mapping", column=plan.columns[index] or str(index + 1), target=target_label(target)))
        if args.dry_run:
            records, refused, created, used = plan.rows, plan.refused, len(plan.rows), plan.rows_used
        else:
            result = import_sheet(portfolio, args.work, args.file, args.kind, mapping, keep_names=args.keep_names)
            records, refused, created, used = result.records, result.refused, result.created, result.rows_used
    for record in records:
        echo(tr("cli.import.record", record=record.describe()))
    for refusal in refused:
        echo(tr("cli.import.refused", reason=refusal.message()))
    if args.kind == "attendance" and mapping.column_of("name") is not None and not args.keep_names:
        echo(tr("cli.import.names_not_kept"))
    echo(tr(f"cli.import.summary.{args.kind}", created=created, used=used, refused=len(refused)))
    if args.dry_run:
        echo(tr("cli.import.dry_run"))
    return 1 if refused else 0
