"""``ent-portfolio dossier``: the promotion dossier PDF (and the evidence package).

Prints a short summary (pages, size, photos, path); errors are one sentence
on stderr and exit 1.  Neither output may land inside the portfolio folder
or be the same file as the other."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..i18n import current_language, register, set_language, tr
from . import add_portfolio_argument, echo

register({
    "cli.dossier.done": ("สร้างแฟ้มเสนอขอแล้ว: {pages} หน้า {size} ภาพถ่าย {photos} ภาพ หลักฐาน {evidence} รายการ "
                         "({seconds} วินาที)\n{path}",
                         "Dossier written: {pages} pages, {size}, {photos} photos, {evidence} evidence items "
                         "({seconds} s)\n{path}"),
    "cli.dossier.withheld": ("ไม่ใส่หลักฐาน {n} รายการ เพราะเจ้าของข้อมูลไม่ได้ให้ความยินยอม (PDPA)",
                             "{n} evidence item(s) left out: the person did not consent (PDPA)."),
    "cli.dossier.shortened": ("หัวข้อ “{section}” ของผลงาน “{work}” ยาวเกินที่แฟ้มเสนอขอพิมพ์ได้ "
                              "จึงพิมพ์เพียงส่วนต้นพร้อมหมายเหตุ — โปรดย่อในโปรแกรม",
                              "The section “{section}” of the work “{work}” is longer than a dossier prints: only its "
                              "beginning was printed, with a note. Please shorten it in the app."),
    "cli.dossier.package": ("ชุดหลักฐาน: {files} ไฟล์ {size}\n{path}", "Evidence package: {files} files, {size}\n{path}"),
})


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"


def register(sub) -> None:
    parser = sub.add_parser("dossier", help="make the promotion dossier PDF (and the evidence package)")
    add_portfolio_argument(parser)
    parser.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help="where to write the PDF")
    parser.add_argument("--package", type=Path, metavar="FILE.zip",
                        help="also write the evidence package (PDF, evidence files, manifest.json)")
    parser.add_argument("--lang", choices=["th", "en"], default=argparse.SUPPRESS,
                        help="language of the dossier (default: Thai)")
    parser.add_argument("--work", action="append", metavar="UUID", dest="works",
                        help="a work to include, in this order (repeat; default: all works)")
    parser.add_argument("--position", choices=["assistant_professor", "associate_professor", "professor"],
                        help="target position (default: the profile's)")
    parser.add_argument("--readiness", action="store_true", help="add the readiness check as an appendix")
    parser.add_argument("--strip-gps", action="store_true", help="remove GPS positions from photos in the package")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from ..services.dossier import DossierConfig, export_dossier
    from ..storage.portfolio import Portfolio

    lang = getattr(args, "lang", None) or "th"
    if getattr(args, "lang", None):
        set_language(args.lang)
    config = DossierConfig(
        target_position=args.position, work_ids=args.works or None, language=lang,
        include_readiness_appendix=args.readiness, strip_gps=args.strip_gps,
    )
    msg_lang = current_language()
    with Portfolio.open(args.portfolio, read_only=True) as portfolio:
        # the windows call the same function with the same kind of configuration
        exported = export_dossier(portfolio, config, args.out, package=args.package)
    result, package = exported.dossier, exported.package
    echo(tr("cli.dossier.done", msg_lang, pages=result.pages, size=_size(result.size), photos=result.photo_count,
            evidence=result.evidence_count, seconds=f"{result.seconds:.1f}", path=Path(args.out).resolve()))
    for work, section in result.shortened_sections:
        echo(tr("cli.dossier.shortened", msg_lang, work=work, section=section))
    if result.withheld_count:
        echo(tr("cli.dossier.withheld", msg_lang, n=result.withheld_count))
    if package is not None:
        echo(tr("cli.dossier.package", msg_lang, files=package.file_count, size=_size(package.size),
                path=Path(args.package).resolve()))
    return 0
