"""``ent-portfolio backup`` and ``ent-portfolio restore``.

``backup --out FILE.entp`` writes the full archive (records and evidence
files: the format for moving to another machine); ``backup --list`` shows the
automatic database backups; ``backup --keep N`` sets how many are kept.
``restore FILE.entp`` makes a new portfolio in an empty or new folder;
``restore BACKUP.sqlite3`` puts the records of a database backup back (the
current database is backed up first), also into a folder whose database is
missing or damaged; a backup of another portfolio needs ``--other-portfolio``.
``--out`` must name a file outside the portfolio folder."""

from __future__ import annotations

from pathlib import Path

from ..i18n import register as register_messages
from ..i18n import tr
from . import add_command, add_portfolio_argument, echo
from .usage import whole_number

register_messages({
    "cli.backup.written": (
        "บันทึกแฟ้มสำรองทั้งหมดแล้ว: {path} (ไฟล์หลักฐาน {files} ไฟล์)",
        "Full backup written: {path} ({files} evidence files)",
    ),
    "cli.backup.none": ("ยังไม่มีไฟล์สำรองฐานข้อมูล", "There are no database backups yet."),
    "cli.backup.keep_set": (
        "จะเก็บไฟล์สำรองฐานข้อมูลล่าสุด {count} ไฟล์",
        "The newest {count} database backups will be kept.",
    ),
    "cli.backup.need_action": (
        "โปรดระบุ --out FILE.entp, --list หรือ --keep N",
        "Give --out FILE.entp, --list or --keep N.",
    ),
    "cli.restore.archive_done": (
        "กู้คืนแฟ้มผลงานจากแฟ้มสำรองแล้วที่ {path} ({records} รายการ, ไฟล์หลักฐาน {files} ไฟล์)",
        "Portfolio restored into {path} ({records} records, {files} evidence files).",
    ),
    "cli.restore.db_done": (
        "กู้คืนฐานข้อมูลแล้ว ฐานข้อมูลก่อนกู้คืนถูกสำรองไว้ที่ {safety}",
        "Database restored; the database as it was is kept at {safety}.",
    ),
    "cli.restore.db_done_fresh": ("กู้คืนฐานข้อมูลแล้ว", "Database restored."),
    "cli.restore.other_portfolio": (
        "“{path}” เป็นไฟล์สำรองของแฟ้มผลงานอื่น หากกู้คืน ข้อมูลทั้งหมดของแฟ้มผลงานนี้จะถูกแทนที่ "
        "หากตั้งใจเช่นนั้น ให้สั่งอีกครั้งพร้อม --other-portfolio — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{path}” is a backup of another portfolio; restoring it replaces all of this portfolio's records. "
        "If that is what you want, run the command again with --other-portfolio. Nothing was changed.",
    ),
    "cli.restore.missing": (
        "ไฟล์หลักฐาน {count} ไฟล์ที่ข้อมูลที่กู้คืนอ้างถึงไม่อยู่ในคลังแล้ว — ดูรายละเอียดด้วย ent-portfolio doctor",
        "{count} evidence file(s) the restored records refer to are no longer in the store; "
        "run ent-portfolio doctor for details.",
    ),
    "cli.help.backup": ("สำรองข้อมูลทั้งหมดเป็นไฟล์ .entp หรือดูและตั้งค่าการสำรองฐานข้อมูลอัตโนมัติ",
                        "write a full backup (.entp), or list/configure the automatic database backups"),
    "cli.help.backup.out": ("เขียนทุกระเบียนและไฟล์หลักฐานลงไฟล์ FILE.entp",
                            "write every record and evidence file to FILE.entp"),
    "cli.help.backup.list": ("แสดงรายการไฟล์สำรองฐานข้อมูลอัตโนมัติ", "list the automatic database backups"),
    "cli.help.backup.keep": ("จำนวนไฟล์สำรองฐานข้อมูลอัตโนมัติที่จะเก็บไว้",
                             "how many automatic database backups to keep"),
    "cli.help.restore": ("กู้คืน FILE.entp ลงในโฟลเดอร์ใหม่ หรือกู้คืนไฟล์สำรองฐานข้อมูลลงในแฟ้มผลงาน",
                         "restore FILE.entp into a new folder, or a database backup into the portfolio"),
    "cli.help.restore.file": ("ไฟล์สำรองทั้งชุด (.entp) หรือไฟล์สำรองฐานข้อมูล (.sqlite3)",
                              "a full backup (.entp) or a database backup (.sqlite3)"),
    "cli.help.restore.other_portfolio": ("กู้คืนไฟล์สำรองฐานข้อมูล แม้จะสำรองมาจากแฟ้มผลงานอื่น",
                                         "restore a database backup even though it was made by another portfolio"),
})


def register(sub) -> None:
    parser = add_command(sub, "backup", "cli.help.backup")
    add_portfolio_argument(parser)
    parser.add_argument("--out", type=Path, metavar="FILE.entp", help=tr("cli.help.backup.out"))
    parser.add_argument("--list", action="store_true", help=tr("cli.help.backup.list"))
    parser.add_argument("--keep", type=whole_number, metavar="N", help=tr("cli.help.backup.keep"))
    parser.set_defaults(handler=run_backup)
    restore = add_command(sub, "restore", "cli.help.restore")
    add_portfolio_argument(restore)
    restore.add_argument("file", type=Path, metavar="FILE.entp|BACKUP.sqlite3", help=tr("cli.help.restore.file"))
    restore.add_argument("--other-portfolio", action="store_true", help=tr("cli.help.restore.other_portfolio"))
    restore.set_defaults(handler=run_restore)


def run_backup(args) -> int:
    from ..services.backup import backup_to_archive, list_backups, set_backup_keep
    from ..storage.portfolio import Portfolio

    folder = getattr(args, "portfolio", None)
    if args.out is None and not args.list and args.keep is None:
        echo(tr("cli.backup.need_action"))
        return 2
    if args.keep is not None:
        with Portfolio.open(folder, backup_on_open=False) as portfolio:
            set_backup_keep(portfolio, args.keep)
        echo(tr("cli.backup.keep_set", count=args.keep))
    if args.out is not None:
        from ..archive.exchange import archived_file_count
        from ..storage.paths import ensure_outside_portfolio, ensure_writable_target

        # Reading only: works while the app has the portfolio open.
        with Portfolio.open(folder, read_only=True) as portfolio:
            ensure_outside_portfolio(portfolio.folder, args.out)
            ensure_writable_target(args.out)
            path = backup_to_archive(portfolio, args.out)
        echo(tr("cli.backup.written", path=str(path), files=archived_file_count(path)))
    if args.list:
        with Portfolio.open(folder, read_only=True) as portfolio:
            backups = list_backups(portfolio)
        if not backups:
            echo(tr("cli.backup.none"))
        for item in backups:
            echo(f"{item.made_at.astimezone().strftime('%Y-%m-%d %H:%M:%S')}\t{item.reason}\t"
                 f"{item.size // 1024} KB\t{item.path}")
    return 0


def run_restore(args) -> int:
    import os

    from ..errors import UserError
    from ..services.backup import is_archive, restore_archive, restore_database_backup
    from ..storage.backups import OtherPortfolioBackupError
    from ..storage.files import is_link
    from ..storage.portfolio import check_folder_path, default_portfolio_dir

    folder = Path(getattr(args, "portfolio", None) or default_portfolio_dir())
    check_folder_path(folder)
    if is_link(folder):
        raise UserError("backup.restore_onto_link", path=str(folder), target=os.path.realpath(folder))
    if is_archive(args.file):
        summary = restore_archive(args.file, folder)
        echo(tr("cli.restore.archive_done", path=str(folder), records=sum(summary.added.values()),
                files=summary.files_added))
        return 0
    try:
        result = restore_database_backup(folder, args.file, allow_other_portfolio=args.other_portfolio)
    except OtherPortfolioBackupError as exc:
        raise UserError("cli.restore.other_portfolio", path=str(args.file)) from exc
    if result.safety_backup is None:
        echo(tr("cli.restore.db_done_fresh"))
    else:
        echo(tr("cli.restore.db_done", safety=str(result.safety_backup)))
    if result.missing_files:
        echo(tr("cli.restore.missing", count=len(result.missing_files)))
    return 0
