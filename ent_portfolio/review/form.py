"""The assessment as the document a committee files: the Thai form
"แบบประเมินผลงานทางวิชาการ (ผลงานรับใช้ท้องถิ่นและสังคม)".

One list of lines (:func:`_lines`) feeds both files, so the PDF and the
Word file say the same: the applicant and what is applied for (from the
dossier's own metadata), then per work its title, the level given, the
reason against each criterion the reviewer wrote one for, and the overall
note; last the reviewer — by name only when they agreed to be named — and
the date in the Buddhist era.  The PDF is typeset by the app's Thai
typesetter, made PDF/A and signed with the reviewer's identity exactly as
the dossier is signed with the lecturer's (:mod:`ent_portfolio.signing.pdf`)."""

from __future__ import annotations

import io
import shutil
import tempfile
from datetime import date
from pathlib import Path

from ..errors import UserError
from ..i18n import register, tr
from ..signing.identity import Identity
from ..signing.pdf import make_pdfa, sign_pdf
from ..storage.files import atomic_write
from ..storage.paths import ensure_distinct, ensure_writable_target
from ..typeset import format_date
from .assessment import Review, _refuse_inside_a_portfolio, criteria_for
from .package import ReviewPackage

register({
    "review.form.title": ("แบบประเมินผลงานทางวิชาการ (ผลงานรับใช้ท้องถิ่นและสังคม)",
                          "Assessment of academic works (works serving locality and society)"),
    "review.form.applicant": ("ผู้เสนอขอ: {name}", "Applicant: {name}"),
    "review.form.application": ("เรื่อง: {text}", "Application: {text}"),
    "review.form.package": ("ชุดหลักฐานที่ประเมิน (SHA-256): {digest}", "Package assessed (SHA-256): {digest}"),
    "review.form.work": ("ผลงานที่ {n}: {title}", "Work {n}: {title}"),
    "review.form.level": ("ระดับคุณภาพที่ให้: {level}", "Quality level given: {level}"),
    "review.form.no_level": ("ยังไม่ได้ให้ระดับ", "not given"),
    "review.form.reasons": ("เหตุผลตามเกณฑ์", "Reasons by criterion"),
    "review.form.overall": ("ความเห็นโดยรวม", "Overall assessment"),
    "review.form.reviewer": ("ผู้ประเมิน: {name}", "Reviewer: {name}"),
    "review.form.position": ("ตำแหน่ง: {position}", "Position: {position}"),
    "review.form.date": ("วันที่ประเมิน: {date}", "Date: {date}"),
    "review.form.signature_reason": ("ผู้ทรงคุณวุฒิรับรองผลการประเมินนี้", "The reviewer certifies this assessment"),
    "review.form.suffix": (
        "แบบประเมินบันทึกได้เป็น .pdf หรือ .docx เท่านั้น (“{path}”) — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The assessment form is written as .pdf or .docx only (“{path}”). Nothing was changed."),
    "review.form.docx_unsigned": (
        "ลงนามดิจิทัลได้เฉพาะแบบประเมินที่เป็น PDF โปรดเลือกไฟล์ .pdf หรือไม่ระบุกุญแจลงนาม — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "Only a PDF form can be digitally signed: choose a .pdf file or no signing key. Nothing was changed."),
})

#: The signature field across the foot of the form's last page, below the
#: frame (the frame's bottom margin keeps the text clear of it).
_MARGIN = 56.7
_SIGNATURE_BOX = (_MARGIN, 30, 595.27 - _MARGIN, 30 + 58)
_BOTTOM = 100


def _lines(review: Review, package: ReviewPackage, lang: str, today: date) -> list[tuple[str, str]]:
    """(kind, text) in reading order: ``title``, ``field``, ``work``, ``level``, ``label``, ``note``."""
    out = [("title", tr("review.form.title", lang))]
    if package.applicant:
        out.append(("field", tr("review.form.applicant", lang, name=package.applicant)))
    if package.application:
        out.append(("field", tr("review.form.application", lang, text=package.application)))
    out.append(("field", tr("review.form.package", lang, digest=review.package_sha256)))
    criteria = criteria_for(package)
    known = {c.key for c in criteria}
    for work in package.works:
        assessment = next((a for a in review.works if a.work_id == work.id), None)
        out.append(("work", tr("review.form.work", lang, n=work.index, title=work.title)))
        level = assessment.level_label(lang) if assessment and assessment.level else tr("review.form.no_level", lang)
        out.append(("level", tr("review.form.level", lang, level=level)))
        if assessment is None:
            continue
        written = [(c.title(lang), assessment.criteria[c.key]) for c in criteria
                   if assessment.criteria.get(c.key, "").strip()]
        written += [(key, note) for key, note in assessment.criteria.items() if key not in known and note.strip()]
        if written:
            out.append(("label", tr("review.form.reasons", lang)))
            for title, note in written:
                out.append(("criterion", title))
                out.append(("note", note))
        if assessment.overall.strip():
            out.append(("label", tr("review.form.overall", lang)))
            out.append(("note", assessment.overall))
    out.append(("reviewer", tr("review.form.reviewer", lang, name=review.reviewer.shown(lang))))
    if review.reviewer.show_name and review.reviewer.position.strip():
        out.append(("reviewer", tr("review.form.position", lang, position=review.reviewer.position)))
    out.append(("reviewer", tr("review.form.date", lang, date=format_date(today, lang))))
    return out


def write_assessment(review: Review, package: ReviewPackage, out: Path | str, *, sign_with: Identity | None = None,
                     lang: str = "th", today: date | None = None) -> Path:
    """The form at ``out``: PDF or Word by its suffix, written whole or not
    at all, never inside a portfolio nor over the package; a PDF is signed
    with ``sign_with`` when given."""
    out = ensure_writable_target(Path(out))
    _refuse_inside_a_portfolio(out)
    ensure_distinct(package.path, out)
    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".docx"):
        raise UserError("review.form.suffix", path=str(out))
    if suffix == ".docx" and sign_with is not None:
        raise UserError("review.form.docx_unsigned")
    lines = _lines(review, package, lang, today or date.today())
    if suffix == ".docx":
        data = _docx(lines, lang, review.reviewer.shown(lang))
        with atomic_write(out) as handle:
            handle.write(data)
        return out
    scratch = Path(tempfile.mkdtemp(prefix="ent-review-form-"))
    try:
        made = scratch / "form.pdf"
        _pdf(lines, made, lang, review.reviewer.shown(lang))
        if sign_with is not None:
            archival = scratch / "form-pdfa.pdf"
            make_pdfa(made, archival, title=tr("review.form.title", lang), author=review.reviewer.shown(lang),
                      lang="th-TH" if lang == "th" else "en-GB")
            made = scratch / "form-signed.pdf"
            sign_pdf(archival, made, sign_with, page=_last_page(archival), box=_SIGNATURE_BOX, lang=lang,
                     reason=tr("review.form.signature_reason", lang))
        with atomic_write(out) as handle, open(made, "rb") as source:
            shutil.copyfileobj(source, handle)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return out


def _last_page(pdf: Path) -> int:
    import pikepdf

    with pikepdf.open(pdf) as doc:
        return len(doc.pages) - 1


def _pdf(lines: list[tuple[str, str]], target: Path, lang: str, author: str) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Spacer

    from ..typeset import SimpleThaiDocTemplate, ThaiParagraph, escape
    from ..typeset.styles import styles

    st = styles()
    criterion = ParagraphStyle("criterion", st["body"], fontName=st["h3"].fontName, spaceBefore=4, spaceAfter=2)
    note = ParagraphStyle("note", st["body"], leftIndent=14)
    style_of = {"title": st["title"], "field": st["body"], "work": st["h2"], "level": st["h3"], "label": st["h3"],
                "criterion": criterion, "note": note, "reviewer": st["body"]}
    story = []
    for kind, text in lines:
        if kind == "reviewer" and not any(isinstance(f, Spacer) for f in story):
            story.append(Spacer(1, 18))  # the reviewer's block stands apart from the last note
        markup = escape(text).replace("\r\n", "\n").replace("\n", "<br/>")
        story.append(ThaiParagraph(markup, style_of[kind]))
    doc = SimpleThaiDocTemplate(str(target), pagesize=A4, leftMargin=_MARGIN, rightMargin=_MARGIN, topMargin=_MARGIN,
                                bottomMargin=_BOTTOM, title=tr("review.form.title", lang), author=author)
    doc.build(story)


def _docx(lines: list[tuple[str, str]], lang: str, author: str) -> bytes:
    from docx import Document

    from ..office.word_xml import add_run, set_page, set_styles

    doc = Document()
    set_styles(doc, lang)
    set_page(doc)
    style_of = {"title": "Title", "field": "Normal", "work": "Heading 2", "level": "Heading 3", "label": "Heading 3",
                "criterion": "Normal", "note": "Quote", "reviewer": "Normal"}
    for kind, text in lines:
        paragraph = doc.add_paragraph(style=style_of[kind])
        add_run(paragraph, text, bold=kind == "criterion")
    doc.core_properties.title = tr("review.form.title", lang)
    doc.core_properties.author = author
    data = io.BytesIO()
    doc.save(data)
    return data.getvalue()
