"""``ent-portfolio review PACKAGE.zip``: reviewer mode from the command line.

Without options it opens the package in the window's reviewer mode; with
``--verify-only`` it prints the verdict and the works (exit 0 only when the
package holds); with ``--export REVIEW.entreview --out FORM.pdf|FORM.docx``
it writes the assessment form, signed with ``--sign`` (a reviewer's own
``.p12``).  Errors are one sentence on stderr, exit 1."""

from __future__ import annotations

import sys
from pathlib import Path

from ..i18n import current_language, register, tr
from . import add_command, echo

register({
    "cli.help.review": ("เปิดชุดหลักฐานเพื่อประเมิน (ผู้ทรงคุณวุฒิ) หรือออกแบบประเมิน",
                        "open an evidence package for review (reviewers), or write the assessment form"),
    "cli.help.review.package": ("ชุดหลักฐาน (.zip) ที่ได้รับ", "the evidence package (.zip) received"),
    "cli.help.review.verify_only": ("ตรวจชุดหลักฐานแล้วแสดงผลและรายชื่อผลงาน ไม่เปิดหน้าต่าง",
                                    "check the package and print the verdict and its works; no window"),
    "cli.help.review.export": ("ไฟล์ผลการประเมิน (.entreview) ที่จะออกเป็นแบบประเมิน",
                               "the review file (.entreview) to write as the assessment form"),
    "cli.help.review.out": ("แบบประเมินที่จะเขียน (.pdf หรือ .docx)", "the form to write (.pdf or .docx)"),
    "cli.help.review.sign": ("ลงนามแบบประเมิน (PDF) ด้วยไฟล์กุญแจลงนามของผู้ประเมิน (.p12)",
                             "sign the form (PDF) with the reviewer's signing key file (.p12)"),
    "cli.review.work": ("ผลงานที่ {n}: {title}", "Work {n}: {title}"),
    "cli.review.written": ("เขียนแบบประเมินแล้ว: {path}", "Assessment form written: {path}"),
    "cli.review.signed": ("ลงนามดิจิทัลโดย {name} ลายนิ้วมือใบรับรอง (SHA-256): {fingerprint}",
                          "Digitally signed by {name}, certificate fingerprint (SHA-256): {fingerprint}"),
    "cli.review.needs_out": ("โปรดระบุ --out ไฟล์แบบประเมิน (.pdf หรือ .docx) คู่กับ --export — ไม่มีการเปลี่ยนแปลงใด ๆ",
                             "Give --out FORM.pdf or FORM.docx with --export. Nothing was changed."),
})


def register(sub) -> None:
    parser = add_command(sub, "review", "cli.help.review")
    parser.add_argument("package", type=Path, metavar="PACKAGE.zip", help=tr("cli.help.review.package"))
    parser.add_argument("--verify-only", action="store_true", help=tr("cli.help.review.verify_only"))
    parser.add_argument("--export", type=Path, metavar="REVIEW.entreview", help=tr("cli.help.review.export"))
    parser.add_argument("--out", type=Path, metavar="FILE.pdf", help=tr("cli.help.review.out"))
    parser.add_argument("--sign", type=Path, metavar="FILE.p12", help=tr("cli.help.review.sign"))
    parser.add_argument("--passphrase-file", type=Path, metavar="F", help=tr("cli.help.dossier.passphrase_file"))
    parser.set_defaults(handler=run)


def run(args) -> int:
    from ..errors import UserError
    from ..review import load_review, open_for_review

    lang = current_language()
    if args.export is not None and args.out is None:
        raise UserError("cli.review.needs_out")
    if args.export is None and not args.verify_only:
        return _open_window(args.package, lang)
    package = open_for_review(args.package)
    if args.export is not None:
        from ..review.form import write_assessment

        review = load_review(args.export, package)
        identity = None
        if args.sign is not None:
            from ..services.signing import load_identity, read_passphrase

            identity = load_identity(args.sign, read_passphrase(args.passphrase_file))
        out = write_assessment(review, package, args.out, sign_with=identity, lang=lang)
        echo(tr("cli.review.written", lang, path=Path(out).resolve()))
        if identity is not None:
            echo(tr("cli.review.signed", lang, name=identity.name, fingerprint=identity.fingerprint))
        return 0
    lines = package.verdict.lines(lang)
    if package.problem is not None:
        lines.insert(0, package.problem.message(lang))
    for work in package.works:
        lines.insert(len(lines) - 1, tr("cli.review.work", lang, n=work.index, title=work.title))
    for line in lines[:-1]:
        echo(line)
    if package.state == "failed":
        print(lines[-1], file=sys.stderr)
        return 1
    echo(lines[-1])
    return 0


def _open_window(package: Path, lang: str) -> int:
    from ..ui import app  # here, not at the top: commands never load Qt

    return app.run_review_window(package, lang=lang)
