"""Letters the app writes for a partner to sign, so that they come back by
themselves: the certification of use (หนังสือรับรองการใช้ประโยชน์) and the
testimonial letter of a testimonial record, and the consent form of the
people in an activity's photos.

Each letter is pre-filled from the records (the work, the partner and its
signer, what is certified, the indicators' baseline and latest values), its
wording comes from a template the faculty edits
(:mod:`.letter_templates`), and every page carries a QR code with the letter
kind, the record's UUID and a hash of the printed wording.  A scan that
comes back is filed to its record by that code, and a hash that no longer
matches the record tells the lecturer the text was edited after printing.

The hash covers the letter's wording (:attr:`Letter.wording`: the title and
the paragraphs, tick boxes and signature lines the signer reads), not the
letterhead: the letterhead carries the day of printing, and a letter printed
again tomorrow asks the partner to sign the same words.

A letter is addressed to the person themselves, so it prints their name
even when they have not (yet) consented to be named — asking is what the
letter is for.  A letter is never part of the dossier: the signed scan is,
and the dossier's own privacy rules decide what it shows of it."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Frame, KeepTogether, PageTemplate, Spacer, Table, TableStyle

from ..domain import models as m
from ..domain.enums import ActivityKind
from ..domain.indicators import indicator_change
from ..errors import UserError
from ..i18n import register, tr
from ..media.qr import LetterCode, encode_letter_code
from ..storage.files import atomic_write
from ..storage.paths import ensure_outside_portfolio, ensure_writable_target
from ..typeset import (
    BOLD,
    REGULAR,
    ThaiDocTemplate,
    ThaiParagraph,
    draw_text,
    escape,
    format_date,
    format_period,
    text_width,
)
from ..typeset.markup import safe_text
from .chart import number
from .layout import MUTED, NAVY, RULE
from .letter_templates import LetterWording, load_letter_template

#: Letter kinds: the two a testimonial record prints (by its own kind) and an activity's consent form.
TESTIMONIAL_KINDS = ("certification", "testimonial")
CONSENT = "consent"
KINDS = (*TESTIMONIAL_KINDS, CONSENT)
#: The tick box as the templates and the wording write it; drawn as a square (Sarabun has no glyph for it).
BOX = "☐"
#: What prints where a value is not recorded: a line the signer writes on.
BLANK = "." * 24
QR_SIZE = 2.5 * cm
PAGE_W, PAGE_H = A4
LEFT, RIGHT, TOP, BOTTOM = 68.0, 56.0, 56.0, 118.0
FRAME_W = PAGE_W - LEFT - RIGHT
#: A table's own font, also for its empty cells (ReportLab would write Helvetica for them).
_SARABUN = ("FONT", (0, 0), (-1, -1), REGULAR, 10)
_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_WHITESPACE = re.compile(r"\s+")
#: Whitespace a printed line folds, but the no-break space that keeps a date together.
_FOLDED = re.compile(r"[^\S\u00a0]+")

register({
    "letter.unknown_testimonial": (
        "ไม่พบคำรับรองรหัส “{ident}” ในแฟ้มผลงานนี้ — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "There is no testimonial “{ident}” in this portfolio. Nothing was changed.",
    ),
    "letter.unknown_activity": (
        "ไม่พบกิจกรรมรหัส “{ident}” ในแฟ้มผลงานนี้ — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "There is no activity “{ident}” in this portfolio. Nothing was changed.",
    ),
    "letter.unknown_kind": (
        "ไม่รู้จักจดหมายชนิด “{kind}” (มีเพียง {kinds}) — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "There is no letter of kind “{kind}” (only {kinds}). Nothing was changed.",
    ),
    "letter.kind_mismatch": (
        "คำรับรองนี้เป็นชนิด “{actual}” จึงพิมพ์เป็นจดหมายชนิด “{kind}” ไม่ได้ — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "This testimonial is of kind “{actual}”, so it cannot be printed as a “{kind}” letter. Nothing was changed.",
    ),
    "letter.reference": ("ที่ {blank}", "Ref. {blank}"),
    "letter.date": ("วันที่ {date}", "Date: {date}"),
    "letter.page": ("หน้า {x} / {y}", "Page {x} / {y}"),
    "letter.code_line": ("รหัสเอกสาร {code} — สแกนกลับเข้าโปรแกรมเพื่อแนบอัตโนมัติ",
                         "Document code {code} — scan it back into the app to file it automatically"),
})


def wording_hash(text: str) -> str:
    """The first 16 hex digits of the SHA-256 of ``text`` normalised (NFC,
    runs of whitespace folded to one space, stripped), so a reflowed copy
    of the same words hashes the same."""
    normalised = _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Block:
    """A printed paragraph and how it is set (``heading``, ``subject``,
    ``to``, ``para``, ``item``, ``choices``, ``table``, ``closing``,
    ``sign``)."""

    role: str
    text: str
    #: For ``choices``: the options; for ``table``: the column headings.
    cells: tuple[str, ...] = ()
    rows: int = 0


@dataclass(frozen=True)
class Letter:
    kind: str
    record_id: str
    title: str
    #: The printed paragraphs, in order (tick boxes as "☐ option").
    blocks: list[str]
    #: What the hash covers: the title and the blocks, one per line.
    wording: str
    code: LetterCode
    lang: str = "th"
    thai_digits: bool = False
    #: The university and faculty lines heading the page.
    letterhead: tuple[str, ...] = ()
    layout: tuple[Block, ...] = field(default=(), repr=False)


@dataclass(frozen=True)
class LetterResult:
    path: Path
    pages: int
    code: LetterCode


# --- what the letter says ----------------------------------------------------

def letter_for(portfolio, kind: str, record_id: str, *, lang: str = "th", thai_digits: bool = False) -> Letter:
    """The letter of ``kind`` for the testimonial or activity ``record_id``,
    filled from the records (nothing is written)."""
    if kind not in KINDS:
        raise UserError("letter.unknown_kind", kind=str(kind), kinds=", ".join(KINDS))
    if lang not in ("th", "en"):
        raise UserError("letter.unknown_kind", kind=str(lang), kinds="th, en")
    template = load_letter_template(kind).wording[lang]
    with portfolio.reader() as session:
        profile = session.query(m.Profile).first() or m.Profile()
        if kind == CONSENT:
            activity = session.get(m.Activity, str(record_id))
            if activity is None:
                raise UserError("letter.unknown_activity", ident=str(record_id)[:80])
            record_id = activity.id
            values = {**_work_values(profile, activity.work, lang), **_activity_values(activity, lang)}
            blocks = _consent_blocks(template, values)
        else:
            testimonial = session.get(m.Testimonial, str(record_id))
            if testimonial is None:
                raise UserError("letter.unknown_testimonial", ident=str(record_id)[:80])
            if testimonial.kind != kind:
                raise UserError("letter.kind_mismatch", kind=kind, actual=testimonial.kind)
            record_id = testimonial.id
            work = testimonial.work
            values = {**_work_values(profile, work, lang), **_partner_values(testimonial, lang)}
            indicators = [_indicator_values(i, lang) for i in sorted(work.indicators, key=lambda i: i.sort_order)]
            blocks = _testimonial_blocks(template, values, indicators)
        letterhead = tuple(x for x in (profile.university, " ".join(
            x for x in (profile.faculty, profile.department) if x)) if x)
    if thai_digits:
        blocks = [Block(b.role, b.text.translate(_THAI_DIGITS), tuple(c.translate(_THAI_DIGITS) for c in b.cells),
                      b.rows) for b in blocks]
        letterhead = tuple(x.translate(_THAI_DIGITS) for x in letterhead)
    title = template.title.translate(_THAI_DIGITS) if thai_digits else template.title
    printed = [b.text for b in blocks]
    wording = "\n".join([title, *printed])
    code = LetterCode(kind, record_id, wording_hash(wording))
    return Letter(kind, record_id, title, printed, wording, code, lang, thai_digits, letterhead, tuple(blocks))


def letter_kind_for_testimonial(portfolio, testimonial_id: str) -> str:
    """The letter a testimonial prints: its own kind (a certification of use or a testimonial letter)."""
    with portfolio.reader() as session:
        testimonial = session.get(m.Testimonial, str(testimonial_id))
        if testimonial is None:
            raise UserError("letter.unknown_testimonial", ident=str(testimonial_id)[:80])
        return testimonial.kind if testimonial.kind in TESTIMONIAL_KINDS else "testimonial"


def document_code(code: LetterCode) -> str:
    """The short code printed under the QR and told to the lecturer: enough
    to tell two letters apart by eye, the QR holds the whole id."""
    return f"{code.kind}-{code.record_id[:8]}-{code.wording_hash}"


def wording_matches(portfolio, kind: str, record_id: str, digest: str) -> bool:
    """Whether ``digest`` (from a scanned letter's code) is the hash of the
    letter the record prints today, in either language, with or without
    Thai digits: the scan does not say which of them was printed."""
    return any(letter_for(portfolio, kind, record_id, lang=lang, thai_digits=digits).code.wording_hash == digest
               for lang in ("th", "en") for digits in (False, True))


def _clean(value: object) -> str:
    """A record's text as one printable line: controls shown as U+FFFD (as
    the page prints them), whitespace folded, so the wording is what prints."""
    return _FOLDED.sub(" ", safe_text(unicodedata.normalize("NFC", str(value or "")))).strip()


def _or_blank(value: object) -> str:
    return _clean(value) or BLANK


def _date(value, lang: str) -> str:
    """A date whose day, month and year stay on one line (a Thai proof-reader's rule)."""
    return _or_blank(format_date(value, lang)).replace(" ", "\u00a0")


def area_text(work: m.Work, lang: str) -> str:
    """A work's area as a letter writes it (ตำบล… อำเภอ… จังหวัด… in Thai)."""
    if lang == "th":
        return " ".join(x for x in (work.village, work.subdistrict and "ตำบล" + work.subdistrict,
                                    work.district and "อำเภอ" + work.district,
                                    work.province and "จังหวัด" + work.province) if x)
    return ", ".join(x for x in (work.village, work.subdistrict, work.district, work.province) if x)


def _work_values(profile: m.Profile, work: m.Work, lang: str) -> dict[str, str]:
    name = (profile.name_en if lang == "en" and profile.name_en else profile.name_th) or profile.name_en or ""
    if lang == "th" and profile.academic_title and not name.startswith(profile.academic_title):
        name = profile.academic_title + name
    title = (work.title_en if lang == "en" and work.title_en else work.title_th) or work.title_en
    period = format_period(work.start_date, work.end_date, lang, "long",
                           start_precision=work.start_precision, end_precision=work.end_precision)
    affiliation = " ".join(x for x in (profile.department, profile.faculty, profile.university) if x)
    return {"university": _or_blank(profile.university), "faculty": _or_blank(profile.faculty),
            "department": _or_blank(profile.department), "affiliation": _or_blank(affiliation),
            "applicant": _or_blank(name), "work_title": _or_blank(title), "period": _or_blank(period),
            "area": _or_blank(area_text(work, lang))}


def _partner_values(t: m.Testimonial, lang: str) -> dict[str, str]:
    organisation = t.organisation
    if not organisation and t.partner is not None:
        organisation = (t.partner.name_en if lang == "en" and t.partner.name_en else t.partner.name_th)
    position, organisation = _clean(t.person_position), _clean(organisation)
    # "นายกองค์การบริหารส่วนตำบลบ่อเกลือใต้" already names the organisation it heads
    addressee = position if organisation and organisation in position else " ".join(
        x for x in (position, organisation) if x)
    return {"recipient": _or_blank(t.person_name), "recipient_position": _or_blank(position),
            "addressee": _or_blank(addressee),
            "organisation": _or_blank(organisation), "claim": _or_blank(t.claim), "quote": _or_blank(t.quote),
            "testimonial_date": _date(t.date, lang)}


def _activity_values(a: m.Activity, lang: str) -> dict[str, str]:
    try:
        kind = ActivityKind(a.kind).label(lang)
    except ValueError:
        kind = a.kind
    return {"activity_title": _or_blank(a.title), "activity_date": _date(a.date, lang),
            "place": _or_blank(a.place), "activity_kind": _or_blank(kind)}


def _indicator_values(i: m.Indicator, lang: str) -> dict[str, str]:
    change = indicator_change(i)

    def value(v) -> str:
        return BLANK if v is None else number(v)

    name = (i.name_en if lang == "en" and i.name_en else i.name_th) or i.name_en
    return {"indicator": _or_blank(name), "unit": _clean(i.unit), "baseline": value(change.baseline),
            "baseline_date": _date(i.baseline_date, lang), "latest": value(change.latest),
            "latest_date": _date(change.latest_date, lang), "target": value(change.target)}


def _fill(text: str, values: dict[str, str]) -> str:
    # the loader let only known placeholders through; a value never carries braces further
    return _FOLDED.sub(" ", text.format(**values)).strip()


def _choice_line(options: tuple[str, ...]) -> str:
    return "   ".join(f"{BOX} {o}" for o in options)


def _testimonial_blocks(t: LetterWording, values: dict[str, str],
                        indicators: list[dict[str, str]]) -> list[Block]:
    blocks = [Block("subject", _fill(t.subject, values)), Block("to", _fill(t.to, values))]
    blocks += [Block("para", _fill(p, values)) for p in t.body]
    if t.claim:
        blocks.append(Block("item", _fill(t.claim, values)))
    if indicators and t.indicator:
        if t.indicators_intro:
            blocks.append(Block("para", _fill(t.indicators_intro, values)))
        blocks += [Block("item", _fill(t.indicator, {**values, **ind})) for ind in indicators]
    blocks += [Block("choices", _choice_line(row), row) for row in t.questions]
    blocks.append(Block("closing", _fill(t.closing, values)))
    blocks += [Block("sign", _fill(s, values)) for s in t.signature]
    return blocks


def _consent_blocks(t: LetterWording, values: dict[str, str]) -> list[Block]:
    blocks = [Block("subject", _fill(t.subject, values)), Block("to", _fill(t.to, values))]
    blocks += [Block("para", _fill(p, values)) for p in t.body]
    blocks.append(Block("table", " | ".join(t.columns), t.columns, t.rows))
    blocks.append(Block("closing", _fill(t.closing, values)))
    blocks += [Block("sign", _fill(s, values)) for s in t.signature]
    return blocks


# --- the page ------------------------------------------------------------------

def write_letter(portfolio, kind: str, record_id: str, out, *, lang: str = "th", thai_digits: bool = False,
                 today: dt.date | None = None) -> LetterResult:
    """Print the letter to ``out`` (a PDF outside the portfolio folder,
    written whole or not at all)."""
    out = ensure_outside_portfolio(portfolio.folder, ensure_writable_target(out))
    letter = letter_for(portfolio, kind, record_id, lang=lang, thai_digits=thai_digits)
    day = today or dt.date.today()
    for size in BODY_SIZES:
        data, pages = _render(letter, day, size, None)
        if pages == 1:
            break
    else:  # "หน้า x / y" needs the count the layout found
        data, pages = _render(letter, day, BODY_SIZES[-1], pages)
    with atomic_write(out) as handle:
        handle.write(data)
    return LetterResult(Path(out), pages, letter.code)


def _digits(letter: Letter, text: str) -> str:
    return text.translate(_THAI_DIGITS) if letter.thai_digits else text


#: Body sizes tried in turn until the letter fits one page (a longer one then flows on at the smallest).
BODY_SIZES = (12.0, 10.5)


def _styles(size: float) -> dict[str, ParagraphStyle]:
    from ..typeset.styles import styles

    st = styles()
    body = ParagraphStyle("letter_body", st["body"], fontSize=size, leading=size * 1.52, spaceAfter=size / 3)
    return {
        "head": ParagraphStyle("letter_head", body, fontName=BOLD, fontSize=15, leading=22, alignment=TA_CENTER,
                               textColor=NAVY, spaceAfter=0),
        "faculty": ParagraphStyle("letter_faculty", body, alignment=TA_CENTER, textColor=NAVY, spaceAfter=2),
        "ref": ParagraphStyle("letter_ref", body, spaceAfter=0),
        "date": ParagraphStyle("letter_date", body, alignment=TA_RIGHT, spaceAfter=0),
        "heading": ParagraphStyle("letter_title", body, fontName=BOLD, fontSize=15, leading=22, alignment=TA_CENTER,
                                  spaceBefore=6, spaceAfter=8),
        "subject": ParagraphStyle("letter_subject", body, leftIndent=38, firstLineIndent=-38, spaceAfter=2),
        "to": ParagraphStyle("letter_to", body, spaceAfter=8),
        "para": ParagraphStyle("letter_para", body, firstLineIndent=36, spaceAfter=4),
        "item": ParagraphStyle("letter_item", body, leftIndent=54, firstLineIndent=-12, spaceAfter=3),
        "closing": ParagraphStyle("letter_closing", body, firstLineIndent=36, spaceBefore=6, spaceAfter=14),
        "sign": ParagraphStyle("letter_sign", body, alignment=TA_CENTER, spaceAfter=2),
        "cell": ParagraphStyle("letter_cell", st["table_cell"], fontSize=size - 1, leading=(size - 1) * 1.5),
        "cell_head": ParagraphStyle("letter_cell_head", st["table_header"], fontSize=size - 1,
                                    leading=(size - 1) * 1.5,
                                    alignment=TA_CENTER),
    }


class _TickBox(Flowable):
    """An empty square to tick, drawn (not a glyph: the font has none)."""

    def __init__(self, size: float = 10.0) -> None:
        super().__init__()
        self.size = size

    def wrap(self, availWidth, availHeight):  # noqa: N802, N803 - ReportLab's names
        return self.size, self.size + 4

    def draw(self) -> None:
        self.canv.setLineWidth(0.8)
        self.canv.rect(0, 1, self.size, self.size, stroke=1, fill=0)


def _choices(block: Block, st) -> Flowable:
    """A row of tick boxes, each with its option beside it."""
    room = FRAME_W - 36 - len(block.cells) * 18
    wanted = [text_width(o, REGULAR, st["cell"].fontSize) + 6 for o in block.cells]
    # a short option ("ไม่ยินยอม") keeps its own width; the long one wraps in what is left
    widths_of_text = [w * room / sum(wanted) for w in wanted] if sum(wanted) > room else wanted
    row: list[object] = []
    widths: list[float] = []
    for option, text_w in zip(block.cells, widths_of_text):
        row += [_TickBox(), ThaiParagraph(escape(option), st["cell"])]
        widths += [18, text_w]
    table = Table([row], colWidths=widths, hAlign="LEFT")
    table.setStyle(TableStyle([_SARABUN, ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 4), ("TOPPADDING", (0, 0), (-1, -1), 3),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    return table


def _consent_table(block: Block, st, letter: Letter) -> Flowable:
    """The people's table: number, name, the two tick boxes, signature."""
    head = [ThaiParagraph(escape(c), st["cell_head"]) for c in block.cells]
    boxes = {2, 3} if len(block.cells) >= 5 else set()
    rows: list[list[object]] = [head]
    for n in range(1, block.rows + 1):
        row: list[object] = []
        for column in range(len(block.cells)):
            if column == 0:
                row.append(ThaiParagraph(escape(_digits(letter, str(n))), st["cell_head"]))
            elif column in boxes:
                row.append(_TickBox())
            else:
                row.append("")
        rows.append(row)
    shares = [0.08, 0.36, 0.13, 0.15, 0.28] if len(block.cells) == 5 else [1 / len(block.cells)] * len(block.cells)
    heights = [None] + [st["cell"].leading * 1.6] * block.rows  # room to sign in
    table = Table(rows, colWidths=[FRAME_W * s for s in shares], repeatRows=1, rowHeights=heights)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, MUTED), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("ALIGN", (0, 0), (-1, -1), "CENTER"), ("FONT", (0, 0), (-1, -1), REGULAR, 10)]))
    return table


def _story(letter: Letter, day: dt.date, size: float) -> list[Flowable]:
    st = _styles(size)
    story: list[Flowable] = []
    for k, line in enumerate(letter.letterhead):
        story.append(ThaiParagraph(escape(line), st["head" if k == 0 else "faculty"]))
    story.append(_Rule())
    dated = ThaiParagraph(escape(_digits(letter, tr("letter.date", letter.lang,
                                                    date=format_date(day, letter.lang)))), st["date"])
    ref = ThaiParagraph(escape(tr("letter.reference", letter.lang, blank=BLANK)), st["ref"])
    top = Table([[ref, dated]], colWidths=[FRAME_W / 2, FRAME_W / 2])
    top.setStyle(TableStyle([_SARABUN, ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                             ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [top, ThaiParagraph(escape(letter.title), st["heading"])]
    signature: list[Flowable] = []
    for block in letter.layout:
        if block.role == "choices":
            story.append(_choices(block, st))
        elif block.role == "table":
            story += [Spacer(1, 4), _consent_table(block, st, letter), Spacer(1, 6)]
        elif block.role == "sign":
            signature.append(ThaiParagraph(escape(block.text), st["sign"]))
        elif block.role == "item":
            story.append(ThaiParagraph("•\u00a0" + escape(block.text), st["item"]))
        else:
            story.append(ThaiParagraph(escape(block.text), st[block.role]))
    if signature:
        # the signer's block sits right of centre, as a Thai official letter's does
        sign = Table([["", signature]], colWidths=[FRAME_W * 0.38, FRAME_W * 0.62])
        sign.setStyle(TableStyle([_SARABUN, ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                  ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
        story += [Spacer(1, 10), KeepTogether([sign])]
    return story


class _Rule(Flowable):
    """The line under the letterhead."""

    def wrap(self, availWidth, availHeight):  # noqa: N802, N803
        self.width = availWidth
        return availWidth, 10

    def draw(self) -> None:
        self.canv.setStrokeColor(NAVY)
        self.canv.setLineWidth(1.2)
        self.canv.line(0, 5, self.width, 5)


def _decorate(canv, letter: Letter, total: int | None) -> None:
    """The QR code in the bottom right corner of every page, the line under
    it and the page number: whichever page is scanned or photographed, it
    finds its way back."""
    canv.saveState()
    qr_x, qr_y = PAGE_W - RIGHT - QR_SIZE, 30.0
    _draw_qr(canv, encode_letter_code(letter.code), qr_x, qr_y, QR_SIZE)
    line = tr("letter.code_line", letter.lang, code=document_code(letter.code))
    draw_text(canv, PAGE_W - RIGHT, 20, line, REGULAR, 7.5, "right", MUTED)
    page = canv.getPageNumber()
    if total and total > 1:
        draw_text(canv, LEFT, 20, _digits(letter, tr("letter.page", letter.lang, x=page, y=total)), REGULAR, 9,
                  "left", MUTED)
    canv.setStrokeColor(RULE)
    canv.setLineWidth(0.6)
    canv.line(LEFT, qr_y + QR_SIZE + 6, PAGE_W - RIGHT, qr_y + QR_SIZE + 6)
    canv.restoreState()


def _draw_qr(canv, payload: str, x: float, y: float, size: float) -> None:
    """``payload`` as a QR code (error correction M: a fold or a signature
    across a corner still reads) filling the square at ``x, y``, with a
    quiet zone of two modules inside it.  Drawn as squares straight on the
    canvas: ReportLab's drawing renderer would name Helvetica in the file."""
    matrix = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    matrix.addData(payload)
    matrix.make()
    count = matrix.getModuleCount()
    module = size / (count + 4)
    canv.setFillColorRGB(1, 1, 1)
    canv.rect(x, y, size, size, stroke=0, fill=1)
    canv.setFillColorRGB(0, 0, 0)
    path = canv.beginPath()
    for row in range(count):
        for col in range(count):
            if matrix.isDark(row, col):
                path.rect(x + (col + 2) * module, y + size - (row + 3) * module, module, module)
    canv.drawPath(path, stroke=0, fill=1)


def _render(letter: Letter, day: dt.date, size: float, total: int | None) -> tuple[bytes, int]:
    buffer = io.BytesIO()
    doc = ThaiDocTemplate(buffer, pagesize=A4, leftMargin=LEFT, rightMargin=RIGHT, topMargin=TOP,
                          bottomMargin=BOTTOM, title=letter.title, author="EnT Portfolio", creator="EnT Portfolio")
    frame = Frame(LEFT, BOTTOM, FRAME_W, PAGE_H - TOP - BOTTOM, leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0, id="letter")
    doc.addPageTemplates([PageTemplate("letter", [frame], onPageEnd=lambda c, d: _decorate(c, letter, total),
                                       pagesize=A4)])
    doc.build(_story(letter, day, size))
    return buffer.getvalue(), doc.page
