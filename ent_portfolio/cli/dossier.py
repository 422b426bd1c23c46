"""``ent-portfolio dossier``: the promotion dossier PDF (and the evidence package).

Prints a short summary (pages, size, photos, path); errors are one sentence
on stderr and exit 1.  Neither output may land inside the portfolio folder
or be the same file as the other."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..i18n import current_language, register, set_language, tr
from . import add_command, add_portfolio_argument, echo

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
    "cli.dossier.signed": ("ลงนามดิจิทัลแล้ว (PDF แบบเก็บถาวร) โดย {name} ลายนิ้วมือใบรับรอง (SHA-256): {fingerprint}",
                           "Digitally signed (PDF/A-2b) by {name}, certificate fingerprint (SHA-256): {fingerprint}"),
})


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"


register({
    "cli.help.dossier": ("สร้างแฟ้มเสนอขอเป็นไฟล์ PDF (และชุดหลักฐาน)",
                         "make the promotion dossier PDF (and the evidence package)"),
    "cli.help.dossier.out": ("ไฟล์ PDF ที่จะเขียน", "where to write the PDF"),
    "cli.help.dossier.package": ("เขียนชุดหลักฐานด้วย (PDF ไฟล์หลักฐาน และ manifest.json)",
                                 "also write the evidence package (PDF, evidence files, manifest.json)"),
    "cli.help.dossier.lang": ("ภาษาของแฟ้มเสนอขอ th (ไทย) หรือ en (อังกฤษ) (ค่าเริ่มต้น: ไทย)",
                              "language of the dossier (default: Thai)"),
    "cli.help.dossier.work": ("ผลงานที่จะใส่ ตามลำดับที่ระบุ (ระบุซ้ำได้ ค่าเริ่มต้น: ทุกผลงาน)",
                              "a work to include, in this order (repeat; default: all works)"),
    "cli.help.dossier.position": ("ตำแหน่งที่เสนอขอ (ค่าเริ่มต้น: ตามที่ระบุไว้ในประวัติ)",
                                  "target position (default: the profile's)"),
    "cli.help.dossier.readiness": ("แนบผลตรวจความพร้อมเป็นภาคผนวก", "add the readiness check as an appendix"),
    "cli.help.dossier.final": ("ฉบับสมบูรณ์สำหรับยื่น: ไม่สร้างถ้าผลตรวจความพร้อมยังพบสิ่งที่ต้องแก้ไข "
                               "(ค่าเริ่มต้น: ฉบับร่างมีเครื่องหมายทุกหน้าจนกว่าจะพร้อม)",
                               "the final version to submit: refused while the readiness check finds something "
                               "that must be fixed (default: marked as a draft on every page until it is ready)"),
    "cli.help.dossier.strip_gps": ("ลบตำแหน่ง GPS ออกจากภาพถ่ายในชุดหลักฐาน",
                                   "remove GPS positions from photos in the package"),
    "cli.help.dossier.keep_gps": ("เก็บพิกัด GPS ไว้ในภาพถ่ายของชุดหลักฐาน (ค่าเริ่มต้น: ลบออก "
                                  "เพราะพิกัดอาจนำไปสู่บ้านของผู้คนในชุมชน)",
                                  "keep the GPS positions in the photos of the package (default: removed, as a "
                                  "position can lead to someone's home)"),
    "cli.help.dossier.blur_consented": ("เบลอใบหน้าในภาพถ่ายที่บุคคลในภาพให้ความยินยอมครบแล้วด้วย (ค่าเริ่มต้น: "
                                        "เบลอเฉพาะภาพที่ยังไม่ได้รับความยินยอมหรือไม่ทราบ)",
                                        "blur the faces in photos whose people all consented too (default: only "
                                        "photos without consent, or where it is unknown, are blurred)"),
    "cli.help.dossier.sign": ("ลงนามดิจิทัลด้วยไฟล์กุญแจลงนามนี้ (.p12) ไฟล์ PDF จะเป็นแบบเก็บถาวร "
                              "มีลายมือชื่อในหน้าแบบรับรองจริยธรรม",
                              "sign with this signing key file (.p12): the PDF becomes PDF/A-2b, signed on the "
                              "declaration of ethics page"),
    "cli.help.dossier.passphrase_file": ("อ่านรหัสผ่านของไฟล์กุญแจลงนามจากบรรทัดแรกของไฟล์นี้ (ค่าเริ่มต้น: ถามที่หน้าจอ)",
                                         "read the signing key file's passphrase from the first line of this file "
                                         "(default: ask)"),
})


def register(sub) -> None:
    parser = add_command(sub, "dossier", "cli.help.dossier")
    add_portfolio_argument(parser)
    parser.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help=tr("cli.help.dossier.out"))
    parser.add_argument("--package", type=Path, metavar="FILE.zip", help=tr("cli.help.dossier.package"))
    parser.add_argument("--lang", choices=["th", "en"], default=argparse.SUPPRESS, help=tr("cli.help.dossier.lang"))
    parser.add_argument("--work", action="append", metavar="UUID", dest="works", help=tr("cli.help.dossier.work"))
    parser.add_argument("--position", choices=["assistant_professor", "associate_professor", "professor"],
                        help=tr("cli.help.dossier.position"))
    parser.add_argument("--readiness", action="store_true", help=tr("cli.help.dossier.readiness"))
    # GPS goes unless the lecturer keeps it; --strip-gps (the default now) still accepted from older scripts
    parser.add_argument("--keep-gps", dest="strip_gps", action="store_false", default=True,
                        help=tr("cli.help.dossier.keep_gps"))
    parser.add_argument("--strip-gps", action="store_true", help=tr("cli.help.dossier.strip_gps"))
    parser.add_argument("--final", action="store_true", help=tr("cli.help.dossier.final"))
    parser.add_argument("--blur-consented-faces", dest="keep_consented_faces", action="store_false", default=True,
                        help=tr("cli.help.dossier.blur_consented"))
    parser.add_argument("--sign", type=Path, metavar="FILE.p12", help=tr("cli.help.dossier.sign"))
    parser.add_argument("--passphrase-file", type=Path, metavar="F", help=tr("cli.help.dossier.passphrase_file"))
    parser.set_defaults(handler=run)


def run(args) -> int:
    from ..services.dossier import DossierConfig, export_dossier
    from ..storage.portfolio import Portfolio

    lang = getattr(args, "lang", None) or "th"
    if getattr(args, "lang", None):
        set_language(args.lang)
    config = DossierConfig(
        target_position=args.position, work_ids=args.works or None, language=lang,
        include_readiness_appendix=args.readiness, strip_gps=args.strip_gps, final=args.final,
        keep_consented_faces=args.keep_consented_faces,
    )
    msg_lang = current_language()
    identity = None
    if args.sign is not None:
        from ..services.signing import load_identity, read_passphrase

        # asked before the long export, so a wrong passphrase costs nothing
        identity = load_identity(args.sign, read_passphrase(args.passphrase_file))
    with Portfolio.open(args.portfolio, read_only=True) as portfolio:
        # the windows call the same function with the same kind of configuration
        exported = export_dossier(portfolio, config, args.out, package=args.package, sign_with=identity)
    result, package = exported.dossier, exported.package
    echo(tr("cli.dossier.done", msg_lang, pages=result.pages, size=_size(result.size), photos=result.photo_count,
            evidence=result.evidence_count, seconds=f"{result.seconds:.1f}", path=Path(args.out).resolve()))
    if identity is not None:
        echo(tr("cli.dossier.signed", msg_lang, name=identity.name, fingerprint=identity.fingerprint))
    for work, section in result.shortened_sections:
        echo(tr("cli.dossier.shortened", msg_lang, work=work, section=section))
    if result.withheld_count:
        echo(tr("cli.dossier.withheld", msg_lang, n=result.withheld_count))
    if package is not None:
        echo(tr("cli.dossier.package", msg_lang, files=package.file_count, size=_size(package.size),
                path=Path(args.package).resolve()))
    return 0
