"""``ent-portfolio faculty load``: lecturers' archives into a faculty's database."""

from __future__ import annotations

from pathlib import Path

from ..errors import UserError
from ..i18n import register as register_messages
from ..i18n import tr
from . import _Parser, add_command, echo
from .faculty_report import add_report_parser

register_messages({
    "cli.help.faculty": (
        "ฐานข้อมูลของคณะ: รวมแฟ้มสำรองของอาจารย์ทุกคน (SQLite หรือ PostgreSQL) และรายงานของคณะ",
        "a faculty's database: its lecturers' archives gathered (SQLite or PostgreSQL), and its report",
    ),
    "cli.help.faculty.action": ("load (นำเข้าแฟ้มสำรอง)", "load (archives in)"),
    "cli.help.faculty.load": (
        "นำเข้าแฟ้มสำรอง .entp ของอาจารย์เข้าฐานข้อมูลคณะ แฟ้มละหนึ่งรายการ (แฟ้มที่ใหม่กว่าแทนที่ของเดิม)",
        "load lecturers' .entp archives into the faculty database, one transaction each (a newer one replaces)",
    ),
    "cli.help.faculty.db": (
        "ฐานข้อมูลคณะ: ไฟล์ SQLite หรือ postgresql+psycopg://ผู้ใช้@เครื่อง/ฐานข้อมูล (ค่าเริ่มต้น: faculty.sqlite3)",
        "the faculty database: an SQLite file or postgresql+psycopg://user@host/database "
        "(default: faculty.sqlite3)",
    ),
    "cli.help.faculty.archives": (
        "แฟ้มสำรอง .entp หรือโฟลเดอร์ (นำเข้าทุกไฟล์ .entp ในโฟลเดอร์)",
        "archives (.entp), or folders (every .entp in them)",
    ),
    "cli.help.faculty.with_files": (
        "คัดลอกไฟล์หลักฐานด้วย (ภาพลบตำแหน่ง GPS และเบลอใบหน้าของผู้ที่ไม่ได้ยินยอม)",
        "copy the evidence files too (pictures without GPS, faces blurred of people who did not consent)",
    ),
    "cli.help.faculty.files_dir": (
        "โฟลเดอร์เก็บไฟล์หลักฐานที่คัดลอก (ค่าเริ่มต้น: ข้างไฟล์ SQLite; ต้องระบุเมื่อใช้ PostgreSQL)",
        "folder for the copied evidence files (default: beside the SQLite file; needed with PostgreSQL)",
    ),
    "cli.help.faculty.jobs": (
        "จำนวนโพรเซสที่อ่านแฟ้มสำรองพร้อมกัน (ค่าเริ่มต้น: 2 เมื่อเครื่องมีหลายแกน)",
        "how many processes read archives at once (default: 2 on a machine with more than one core)",
    ),
    "cli.faculty.no_archives": ("ไม่พบไฟล์ .entp ใน “{path}”", "No .entp files in “{path}”."),
    "cli.faculty.line.loaded": ("[{n}/{total}] นำเข้าแล้ว “{name}”: {who} ผลงาน {works} เรื่อง",
                                "[{n}/{total}] loaded “{name}”: {who}, {works} works"),
    "cli.faculty.line.replaced": ("[{n}/{total}] แทนที่ด้วยแฟ้มที่ใหม่กว่า “{name}”: {who} ผลงาน {works} เรื่อง",
                                  "[{n}/{total}] replaced by the newer “{name}”: {who}, {works} works"),
    "cli.faculty.line.unchanged": (
        "[{n}/{total}] ไม่เปลี่ยนแปลง “{name}”: {who} (ในฐานข้อมูลมีแฟ้มนี้หรือแฟ้มที่ใหม่กว่าอยู่แล้ว)",
        "[{n}/{total}] unchanged “{name}”: {who} (this archive or a newer one is already loaded)",
    ),
    "cli.faculty.line.refused": ("[{n}/{total}] ไม่นำเข้า “{name}”: {reason}",
                                 "[{n}/{total}] refused “{name}”: {reason}"),
    "cli.faculty.summary": (
        "เสร็จแล้ว: นำเข้า {loaded} แทนที่ {replaced} ไม่เปลี่ยนแปลง {unchanged} ไม่นำเข้า {refused} แฟ้ม",
        "Done: {loaded} loaded, {replaced} replaced, {unchanged} unchanged, {refused} refused.",
    ),
})


def register(sub) -> None:
    parser = add_command(sub, "faculty", "cli.help.faculty")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=_Parser,
                                    help=tr("cli.help.faculty.action"))
    load = add_command(actions, "load", "cli.help.faculty.load")
    load.add_argument("--db", default="faculty.sqlite3", metavar="URL", help=tr("cli.help.faculty.db"))
    load.add_argument("archives", type=Path, nargs="+", metavar="ARCHIVE.entp", help=tr("cli.help.faculty.archives"))
    load.add_argument("--with-files", action="store_true", help=tr("cli.help.faculty.with_files"))
    load.add_argument("--files-dir", type=Path, metavar="DIR", help=tr("cli.help.faculty.files_dir"))
    load.add_argument("--jobs", type=int, metavar="N", help=tr("cli.help.faculty.jobs"))
    load.set_defaults(handler=run_load)
    add_report_parser(actions)


def archive_paths(arguments: list[Path]) -> list[Path]:
    """The archives named: a folder stands for the ``.entp`` files in it (by name)."""
    paths: list[Path] = []
    for argument in arguments:
        if argument.is_dir():
            found = sorted(p for p in argument.iterdir() if p.suffix.lower() == ".entp" and p.is_file())
            if not found:
                raise UserError("cli.faculty.no_archives", path=str(argument))
            paths.extend(found)
        else:
            paths.append(argument)
    return paths


def run_load(args) -> int:
    from ..faculty.load import LOADED, REFUSED, REPLACED, UNCHANGED, default_workers, load_archives

    paths = archive_paths(args.archives)
    done = 0

    def line(outcome) -> None:
        nonlocal done
        done += 1
        who = outcome.name_th or outcome.lecturer_id or ""
        echo(tr(f"cli.faculty.line.{outcome.outcome}", n=done, total=len(paths), name=outcome.path.name,
                who=who, works=outcome.works, reason=outcome.message))

    summary = load_archives(args.db, paths, with_files=args.with_files, files_dir=args.files_dir,
                            on_outcome=line, workers=max(1, args.jobs or default_workers()))
    echo(tr("cli.faculty.summary", loaded=summary.count(LOADED), replaced=summary.count(REPLACED),
            unchanged=summary.count(UNCHANGED), refused=summary.count(REFUSED)))
    return 1 if summary.refused else 0
