"""``ent-portfolio letter``: print the letter a partner signs and sends back
— a testimonial's certification of use or testimonial letter, or an
activity's photo consent form — with the QR code that files its scan.

Prints the path, the page count and the document code; errors are one
sentence on stderr and exit 1."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..i18n import current_language, register, tr
from . import add_command, add_portfolio_argument, echo

register({
    "cli.help.letter": ("พิมพ์จดหมายให้ภาคีลงนาม (หนังสือรับรองการใช้ประโยชน์ คำรับรอง หรือแบบยินยอมให้ใช้ภาพถ่าย) "
                        "พร้อมคิวอาร์โค้ดที่แนบสำเนาสแกนกลับเข้าแฟ้มผลงานได้เอง",
                        "print a letter for a partner to sign (certification of use, testimonial or photo consent "
                        "form) with the QR code that files its scan by itself"),
    "cli.help.letter.testimonial": ("คำรับรองที่จะพิมพ์จดหมาย (ชนิดของจดหมายตามชนิดของคำรับรอง)",
                                    "the testimonial whose letter to print (the letter follows its kind)"),
    "cli.help.letter.activity": ("กิจกรรมที่จะพิมพ์แบบยินยอมให้ใช้ภาพถ่าย",
                                 "the activity whose photo consent form to print"),
    "cli.help.letter.out": ("ไฟล์ PDF ที่จะเขียน (นอกโฟลเดอร์แฟ้มผลงาน)",
                            "where to write the PDF (outside the portfolio folder)"),
    "cli.help.letter.lang": ("ภาษาของจดหมาย th (ไทย) หรือ en (อังกฤษ) (ค่าเริ่มต้น: ไทย)",
                             "language of the letter (default: Thai)"),
    "cli.help.letter.thai_digits": ("พิมพ์ตัวเลขเป็นเลขไทย (๐–๙)", "print the numbers in Thai digits"),
    "cli.letter.done": ("พิมพ์จดหมายแล้ว {pages} หน้า รหัสเอกสาร {code}\n{path}",
                        "Letter written: {pages} page(s), document code {code}\n{path}"),
})


def register(sub) -> None:
    parser = add_command(sub, "letter", "cli.help.letter")
    add_portfolio_argument(parser)
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--testimonial", metavar="UUID", help=tr("cli.help.letter.testimonial"))
    which.add_argument("--activity", metavar="UUID", help=tr("cli.help.letter.activity"))
    parser.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help=tr("cli.help.letter.out"))
    parser.add_argument("--lang", choices=["th", "en"], default=argparse.SUPPRESS, help=tr("cli.help.letter.lang"))
    parser.add_argument("--thai-digits", action="store_true", help=tr("cli.help.letter.thai_digits"))
    parser.set_defaults(handler=run)


def run(args) -> int:
    from ..dossier.letters import CONSENT, document_code, letter_kind_for_testimonial, write_letter
    from ..storage.portfolio import Portfolio

    lang = getattr(args, "lang", None) or "th"
    with Portfolio.open(args.portfolio, read_only=True) as portfolio:
        if args.activity is not None:
            kind, record = CONSENT, args.activity
        else:
            kind, record = letter_kind_for_testimonial(portfolio, args.testimonial), args.testimonial
        result = write_letter(portfolio, kind, record, args.out, lang=lang, thai_digits=args.thai_digits)
    echo(tr("cli.letter.done", current_language(), pages=result.pages, code=document_code(result.code),
            path=Path(args.out).resolve()))
    return 0
