"""``ent-portfolio doctor [--full | --repair]``: is the portfolio healthy?

Exit 0 when healthy (notices such as orphan files are listed but are not
damage), 1 with the list of problems otherwise.  Without ``--repair`` the
portfolio is opened read-only, so the check also runs while the app has it
open; ``--repair`` needs the write lock.

Plain ``doctor`` is the quick check: the database's structure, the links
between records, every evidence file present, strays, orphans and backups —
no file is read.  ``--full`` also runs SQLite's complete integrity check and
reads every evidence file again against its SHA-256 (minutes on a faculty's
portfolio); ``--repair`` always starts from the full check."""

from __future__ import annotations

from ..i18n import register as register_messages
from ..i18n import tr
from . import add_command, add_portfolio_argument, echo

register_messages({
    "cli.help.doctor": ("ตรวจฐานข้อมูลและไฟล์หลักฐาน (--repair: ซ่อมส่วนที่ซ่อมได้)",
                        "check the database and the evidence files (--repair: fix what can be fixed)"),
    "cli.help.doctor.repair": (
        "ซ่อมส่วนที่ไม่ต้องเดา: เชื่อมไฟล์ที่พบในที่เก็บหลักฐานหรือใน tmp/ กลับเข้าระเบียน "
        "ลบไฟล์ชั่วคราวและไฟล์ที่ไม่มีระเบียนใดใช้ สร้างภาพย่อและดัชนีค้นหาใหม่",
        "fix what needs no guessing: re-link files found in the store or tmp/, remove "
        "temporary and orphan files, rebuild thumbnails and the search index",
    ),
    "cli.help.doctor.quick": ("ตรวจแบบเร็ว (ค่าเริ่มต้น): ไม่อ่านไฟล์หลักฐานซ้ำ",
                              "the quick check (the default): no evidence file is read again"),
    "cli.help.doctor.full": (
        "ตรวจแบบละเอียด: ตรวจความสมบูรณ์ของฐานข้อมูลทั้งหมด และอ่านไฟล์หลักฐานทุกไฟล์เพื่อเทียบค่าแฮช (ช้ากว่า)",
        "the full check: the database's complete integrity check, and every evidence file read again "
        "against its hash (slower)",
    ),
})


def register(sub) -> None:
    parser = add_command(sub, "doctor", "cli.help.doctor")
    add_portfolio_argument(parser)
    parser.add_argument("--repair", action="store_true", help=tr("cli.help.doctor.repair"))
    depth = parser.add_mutually_exclusive_group()
    depth.add_argument("--quick", action="store_true", help=tr("cli.help.doctor.quick"))
    depth.add_argument("--full", action="store_true", help=tr("cli.help.doctor.full"))
    parser.set_defaults(handler=run)


def run(args) -> int:
    from ..services.doctor import check_portfolio, repair_portfolio
    from ..storage.portfolio import Portfolio

    folder = getattr(args, "portfolio", None)
    if getattr(args, "repair", False):
        with Portfolio.open(folder) as portfolio:
            result = repair_portfolio(portfolio)
        for item in result.fixed:
            echo(f"+ {item.message()}")
        if not result.fixed:
            echo(tr("doctor.nothing_to_fix"))
        report = result.after
        if not report.healthy:
            echo(tr("doctor.cannot_fix"))
    else:
        with Portfolio.open(folder, read_only=True) as portfolio:
            report = check_portfolio(portfolio, verify_hashes=getattr(args, "full", False))
    for problem in report.problems:
        echo(f"- {problem.message()}")
    if report.healthy:
        echo(tr("doctor.healthy", records=report.record_count, files=report.file_count))
    for notice in report.notices:
        echo(f"  {tr('doctor.notice', text=notice.message())}")
    return 0 if report.healthy else 1
