"""``ent-portfolio evidence add``: import files and folders into a work;
``ent-portfolio evidence analyse``: find the faces and the perceptual hash
of photos not yet looked at.

``add`` prints one line per file (stored / already present / refused:
reason), then a summary; it then files the letters among them whose QR code
names a testimonial or an activity (a sentence each), and analyses the
photos it imported (unless ``--no-faces``), so a photo leaves the command
line with its faces known, as it leaves the window's import.  Both exit 1
if any file was refused or could not be read (the others stay imported and
analysed)."""

from __future__ import annotations

from pathlib import Path

from ..errors import ValidationError
from ..i18n import register as register_messages
from ..i18n import tr
from . import add_command, add_portfolio_argument, echo, open_portfolio

#: Largest ``--max-size-mb`` accepted (a million megabytes, about a terabyte):
#: beyond it a number is a typo, or ``1e400``, not a limit.
MAX_SIZE_MB_CEILING = 1_000_000

register_messages({
    "evidence.bad_max_size": (
        "ขนาดไฟล์สูงสุด --max-size-mb ต้องเป็นตัวเลขมากกว่า 0 และไม่เกิน {ceiling:,} (ได้รับ “{value}”) — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "--max-size-mb must be a number above 0 and at most {ceiling:,} (got “{value}”). Nothing was changed.",
    ),
    "cli.help.evidence": ("ไฟล์หลักฐานของผลงาน", "evidence files of a work"),
    "cli.help.evidence.action": ("add (เพิ่มไฟล์หลักฐาน) หรือ analyse (ตรวจหาใบหน้าในภาพถ่ายและภาพที่ซ้ำกัน)",
                                 "add or analyse"),
    "cli.help.evidence.add": ("นำเข้าไฟล์และโฟลเดอร์ (รวมโฟลเดอร์ย่อยทั้งหมด) เป็นหลักฐานของผลงาน",
                              "import files and folders (recursively) into a work"),
    "cli.help.evidence.work": ("ผลงานที่ไฟล์เหล่านี้เป็นหลักฐาน", "the work the files are evidence of"),
    "cli.help.evidence.activity": ("เชื่อมไฟล์กับกิจกรรมนี้ของผลงาน", "link the files to this activity of the work"),
    "cli.help.evidence.indicator": ("เชื่อมไฟล์กับตัวชี้วัดนี้ของผลงาน", "link the files to this indicator of the work"),
    "cli.help.evidence.testimonial": ("เชื่อมไฟล์กับคำรับรองนี้ของผลงาน",
                                      "link the files to this testimonial of the work"),
    "cli.help.evidence.assign_activities": ("เชื่อมภาพถ่ายกับกิจกรรมที่วันที่ถ่ายภาพอยู่ในช่วงวันของกิจกรรม",
                                            "link photos to the activity whose dates contain the date they were taken"),
    "cli.help.evidence.max_size_mb": ("ไม่รับไฟล์ที่ใหญ่กว่านี้ หน่วยเมกะไบต์ (ค่าเริ่มต้น 500)",
                                      "refuse files larger than this (default 500)"),
    "cli.help.evidence.paths": ("ไฟล์หรือโฟลเดอร์ที่จะนำเข้า", "the files or folders to import"),
    "cli.help.evidence.no_faces": (
        "ไม่ต้องตรวจหาใบหน้าหลังนำเข้า (ตรวจภายหลังด้วยคำสั่ง evidence analyse หรือตอนส่งออกแฟ้ม)",
        "do not look for faces after the import (evidence analyse, or the export, does it later)",
    ),
    "cli.help.evidence.no_ocr": (
        "ไม่ต้องอ่านข้อความในภาพสแกนหลังนำเข้า (ข้อความที่อ่านได้ใช้สำหรับค้นหา)",
        "do not read the text of scans after the import (the text is used for search)",
    ),
    "cli.help.evidence.analyse": (
        "ตรวจหาใบหน้าในภาพถ่ายและคำนวณลายพิมพ์ภาพสำหรับหาภาพที่ซ้ำกัน เฉพาะภาพที่ยังไม่ได้ตรวจ",
        "find the faces and the perceptual hash of photos not yet looked at",
    ),
    "cli.help.evidence.analyse_work": ("ตรวจเฉพาะภาพถ่ายของผลงานนี้ (ค่าเริ่มต้น: ทุกผลงาน)",
                                       "only the photos of this work (default: every work)"),
    "cli.help.evidence.redetect": (
        "ตรวจหาใบหน้าใหม่ในภาพที่ตรวจแล้วด้วย ยกเว้นภาพที่ผู้ใช้วางกรอบใบหน้าเอง",
        "look for faces again in photos already looked at, except those whose boxes you placed",
    ),
})


def register(sub) -> None:
    parser = add_command(sub, "evidence", "cli.help.evidence")
    evidence_sub = parser.add_subparsers(dest="evidence_command", metavar="ACTION", required=True,
                                         parser_class=type(parser), help=tr("cli.help.evidence.action"))
    add = add_command(evidence_sub, "add", "cli.help.evidence.add")
    add_portfolio_argument(add)
    add.add_argument("--work", required=True, metavar="UUID", help=tr("cli.help.evidence.work"))
    add.add_argument("--activity", metavar="UUID", help=tr("cli.help.evidence.activity"))
    add.add_argument("--indicator", metavar="UUID", help=tr("cli.help.evidence.indicator"))
    add.add_argument("--testimonial", metavar="UUID", help=tr("cli.help.evidence.testimonial"))
    add.add_argument("--assign-activities", action="store_true", help=tr("cli.help.evidence.assign_activities"))
    add.add_argument("--max-size-mb", metavar="MB", help=tr("cli.help.evidence.max_size_mb"))
    add.add_argument("--no-faces", action="store_true", help=tr("cli.help.evidence.no_faces"))
    add.add_argument("--no-ocr", action="store_true", help=tr("cli.help.evidence.no_ocr"))
    add.add_argument("paths", nargs="+", type=Path, metavar="FILE_OR_FOLDER", help=tr("cli.help.evidence.paths"))
    add.set_defaults(handler=run_add)
    analyse = add_command(evidence_sub, "analyse", "cli.help.evidence.analyse")
    add_portfolio_argument(analyse)
    analyse.add_argument("--work", metavar="UUID", help=tr("cli.help.evidence.analyse_work"))
    analyse.add_argument("--redetect", action="store_true", help=tr("cli.help.evidence.redetect"))
    analyse.set_defaults(handler=run_analyse)
    # ``--portfolio`` may also come before ``add``.
    add_portfolio_argument(parser)


def max_file_bytes(megabytes: str) -> int:
    """``--max-size-mb`` as a byte count.  Read as a decimal, the way every
    amount is read (no float rounding decides what "2.5" means); refused
    unless it is above 0 and at most :data:`MAX_SIZE_MB_CEILING`, so that no
    value (``nan``, ``inf``, ``1e400``, ``-1``, ``0``) can mean "no limit"."""
    from ..domain.fields import parse_decimal
    from ..services.importer import readable_name

    try:
        value = parse_decimal(megabytes, "--max-size-mb")
    except ValidationError:
        value = None
    if value is None or not value.is_finite() or not 0 < value <= MAX_SIZE_MB_CEILING or value * 2**20 < 1:
        raise ValidationError("evidence.bad_max_size", value=readable_name(megabytes)[:40],
                              ceiling=MAX_SIZE_MB_CEILING)
    return int(value * 2**20)


def run_add(args) -> int:
    from ..services.importer import ImportLimits, import_evidence
    from ..services.letter_filing import file_letters
    from ..services.ocr import recognise_scans
    from ..services.photos import analyse_photos

    limits = ImportLimits()
    if args.max_size_mb is not None:
        limits = ImportLimits(max_file_bytes=max_file_bytes(args.max_size_mb))
    with open_portfolio(args) as portfolio:
        result = import_evidence(
            portfolio, args.work, args.paths,
            activity_id=args.activity, indicator_id=args.indicator, testimonial_id=args.testimonial,
            assign_activities=args.assign_activities, limits=limits,
        )
        for outcome in result.outcomes:
            echo(outcome.line())
        echo(result.summary())
        if result.evidence_ids:
            # Before the face analysis: a photographed letter filed here is
            # a scan from now on, and has no faces to look for.
            filing = file_letters(portfolio, result.evidence_ids)
            for sentence in filing.messages():
                echo(sentence)
            if filing.letters:
                echo(filing.summary())
        unreadable = False
        if not args.no_faces and result.evidence_ids:
            unreadable = _report(analyse_photos(portfolio, result.evidence_ids), quiet_when_idle=True)
        if not args.no_ocr and result.evidence_ids:
            # The scans' text is for search only: a scan it cannot read, or no
            # Tesseract, is a sentence and leaves the exit status alone.
            reading = recognise_scans(portfolio, result.evidence_ids)
            for line in reading.failed_lines():
                echo(line)
            if not reading.idle:
                echo(reading.summary())
    return 1 if result.refused or unreadable else 0


def run_analyse(args) -> int:
    from ..services import Services
    from ..services.photos import analyse_photos

    with open_portfolio(args) as portfolio:
        evidence_ids = None
        if args.work is not None:
            services = Services(portfolio)
            services.works.get(args.work)  # an unknown work is a sentence, not "nothing to do"
            evidence_ids = [e.id for e in services.evidence.list(work_id=args.work)]
        return 1 if _report(analyse_photos(portfolio, evidence_ids, redetect=args.redetect)) else 0


def _report(analysis, quiet_when_idle: bool = False) -> bool:
    """Print what the analysis did; True when a photo could not be read."""
    for name in analysis.failed:
        echo(tr("photo_analysis.line.failed", name=name))
    if analysis.looked or analysis.failed or not quiet_when_idle:
        echo(analysis.summary())
    return bool(analysis.failed)
