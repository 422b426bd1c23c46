"""The appendices: testimonials and their signed letters (A), photos and
scans (B), the evidence manifest with every file's SHA-256 and where it is
cited (C) and, when asked for, the readiness summary (D).

A scan says what it is (a signed contribution form and an MOU are kinds of
their own), the date written on the document and, apart from it, when it
was scanned: printing the scan's date as the letter's would contradict the
letter itself.  A photo says whether the people in it agreed to appear,
unknown included, so a reviewer never takes silence for consent, and how
many faces were blurred in it; the manifest prints the lecturer's notes on
an item's plausibility findings beside its hash."""

from __future__ import annotations

from types import SimpleNamespace

from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)

from .. import privacy
from ..domain.enums import EvidenceKind, PeopleConsent, Principle, TestimonialKind
from ..typeset import REGULAR, ThaiParagraph, escape, format_date
from .composer import Composer
from .flowables import Anchor, Context, Marked
from .layout import FRAME_W, PHOTO_BOX, enum_label, excerpt, grid_table, kv_table, size_text
from .model import EvidenceEntry
from .navigation import end_of, mark


def testimonials_appendix(comp: Composer) -> list[Flowable]:
    lang = comp.lang
    out: list[Flowable] = [PageBreak(), Context(comp.state, comp.tr("app_a_short")),
                           comp.heading(comp.tr("app_a"), 0, "app-a")]
    if not comp.plan.testimonials:
        return out + [comp.p(comp.tr("no_testimonials"), "note")]
    after_scan = False
    for te in comp.plan.testimonials:
        tm = te.testimonial
        if after_scan:
            out.append(PageBreak())
            after_scan = False
        kind = enum_label(TestimonialKind, tm.kind, lang)
        who = privacy.person_label(tm, lang, comp.plan.anonymiser)
        block: list[Flowable] = [comp.heading(f"{te.ref}  {kind}", 1, f"tm-{te.number}",
                                              outline_title=f"{te.ref} {kind}: {who}")]
        wd = next(x for x in comp.plan.works if x.index == te.work_index)
        position = privacy.person_position(tm)
        person = who + (f", {position}" if position else "")
        org = tm.organisation or te.partner_name
        rows: list[tuple[str, object]] = [
            (comp.tr("from_work"), ThaiParagraph(
                f'<a href="#w{wd.index}">{escape(comp.tr("work_n", n=wd.index))}: '
                f'{escape(excerpt(comp.work_title(wd), 90))}</a>',
                comp.st["cell"])),
            (comp.tr("who"), person + (f"\n{org}" if org else "")),
        ]
        if tm.date:
            rows.append((comp.tr("date"), format_date(tm.date, lang)))
        if tm.principle:
            rows.append((comp.tr("supports"), enum_label(Principle, tm.principle, lang)))
        if tm.claim:
            claim = SimpleNamespace(quote=tm.claim, consent=tm.consent, person_name=tm.person_name,
                                    id=tm.id, date=tm.date, created_at=tm.created_at)
            rows.append((comp.tr("claim"), privacy.quote_text(claim, lang, comp.plan.anonymiser)))
        block.append(kv_table(rows, comp.st, 120))
        if privacy.may_show_quote(tm):
            block.append(ThaiParagraph(f"“{escape(privacy.quote_text(tm, lang, comp.plan.anonymiser))}”",
                                       comp.st["quote"]))
        if not privacy.has_consent(tm):
            block.append(comp.p(comp.tr("pdpa_note"), "note"))
        elif privacy.contact_visible(tm):
            block.append(comp.p(comp.tr("contactable", contact=tm.contact), "note"))
        letter = te.letter
        if letter is not None:
            anchor = comp.cite(letter, comp.tr("place_testimonial", ref=te.ref), None)
            link = comp.ev_link(letter, comp.tr('evidence_ref', ref=letter.ref))
            block.append(Marked(f"{escape(comp.tr('letter_link'))}: {link} "
                                f"{escape(comp.tr('letter_next'))}", comp.st["body"], [anchor], comp.state))
        elif tm.letter_evidence_id and not privacy.may_show_letter_scan(tm):
            block.append(comp.p(comp.tr("letter_withheld"), "note"))
        out.append(KeepTogether(block))
        if letter is not None:
            out += scan_page(comp, letter, toc_level=2)
            after_scan = True
        else:
            out.append(Spacer(1, 8))
        out.append(end_of(comp, f"tm-{te.number}"))
    return out + [end_of(comp, "app-a")]



def scan_meta(comp: Composer, ev) -> str:
    """What kind of document a scan is, the date written on it, when it was
    scanned and where: "บันทึกข้อตกลงความร่วมมือ (MOU) · ลงวันที่ 15 ต.ค. 2566 · สแกนเมื่อ …"."""
    lang = comp.lang
    kind = enum_label(EvidenceKind, ev.kind, lang) if ev.kind not in ("scan", "other") else ""
    dated = comp.tr("dated", date=format_date(ev.document_date, lang, "short")) if ev.document_date else ""
    scanned = comp.tr("scanned", date=format_date(ev.date_taken, lang, "short")) if ev.date_taken else ""
    return " · ".join(x for x in (kind, dated, scanned, ev.place) if x)


def scan_page(comp: Composer, entry: EvidenceEntry, toc_level: int | None = 1) -> list[Flowable]:
    ev = comp.plan.records[entry.evidence_id]
    img = comp.images.get(entry.ref)
    title = f"{comp.tr('evidence_ref', ref=entry.ref)}  {excerpt(entry.caption, 120)}"
    meta = scan_meta(comp, ev)
    out: list[Flowable] = [PageBreak(), Anchor([f"ev-{entry.number}"], comp.state),
                           mark(comp, f"scan-{entry.number}", excerpt(title, 90), 2, toc_level),
                           ThaiParagraph(f"<b>{escape(title)}</b>", comp.st["body"])]
    if meta:
        out.append(comp.p(meta, "note"))
    if img is not None:
        out.append(scan_picture(comp, img, ev.ocr_text))
    return out


def scan_picture(comp: Composer, img, recognised: str | None) -> Flowable:
    """The scan's picture with the text recognised in it laid over it
    invisibly (PDF text render mode 3), so that ``pdftotext`` and a
    reviewer's search of the dossier find the words of a scanned letter.

    The text is the record's ``ocr_text`` as :func:`~.collect.collect` left
    it: a detached copy from which the names of people who did not consent
    were already withheld, as from every other text of the dossier."""
    picture = comp.image(img)
    if not (recognised or "").strip() or not isinstance(picture, Image):
        return picture  # the measuring pass draws a box, not the picture
    return _PictureWithHiddenText(picture, recognised.strip().splitlines())


class _PictureWithHiddenText(Flowable):
    """A picture and, over it, lines of text nobody sees: one line per line
    the OCR read, spread over the picture's height and squeezed to its width
    (a selection in a viewer then covers the picture, not the margin)."""

    def __init__(self, picture: Image, lines: list[str]) -> None:
        super().__init__()
        self.picture, self.lines = picture, [line for line in lines if line.strip()]
        self.hAlign = picture.hAlign

    def wrap(self, avail_w, avail_h):
        self.width, self.height = self.picture.wrap(avail_w, avail_h)
        return self.width, self.height

    def draw(self) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        self.picture.drawOn(self.canv, 0, 0)
        if not self.lines or self.width <= 0 or self.height <= 0:
            return
        pitch = self.height / len(self.lines)
        size = max(1.0, min(11.0, pitch * 0.8))
        text = self.canv.beginText()
        text.setTextRenderMode(3)
        for k, line in enumerate(self.lines):
            width = stringWidth(line, REGULAR, size) or 1.0
            text.setFont(REGULAR, size)
            text.setHorizScale(min(100.0, 100.0 * self.width / width))
            text.setTextOrigin(0, self.height - (k + 1) * pitch + (pitch - size) / 2)
            text.textLine(line)
        self.canv.drawText(text)



def photos_appendix(comp: Composer) -> list[Flowable]:
    out: list[Flowable] = [PageBreak(), Context(comp.state, comp.tr("app_b_short")),
                           comp.heading(comp.tr("app_b"), 0, "app-b")]
    any_photo = False
    for wd in comp.plan.works:
        photos = [e for e in wd.evidence if e.shown_as == "photo" and e.ref in comp.images]
        scans = [e for e in wd.evidence if e.shown_as == "scan" and e.ref in comp.images]
        if not photos and not scans:
            continue
        any_photo = True
        out.append(CondPageBreak(300))
        out.append(comp.heading(comp.tr("photos_of_work", n=wd.index, title=excerpt(comp.work_title(wd), 80)),
                                1, f"app-b-w{wd.index}"))
        cells = [photo_cell(comp, e) for e in photos]
        rows = [cells[k:k + 2] + ([""] if len(cells[k:k + 2]) == 1 else []) for k in range(0, len(cells), 2)]
        for row in rows:  # one table per row: rows flow onto pages one by one
            table = Table([row], colWidths=[FRAME_W / 2] * 2, hAlign="LEFT")
            table.setStyle(TableStyle([
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
                ("FONT", (0, 0), (-1, -1), REGULAR, 9),
            ]))
            out.append(table)
        out.append(end_of(comp, f"app-b-w{wd.index}"))
        for e in scans:
            out += scan_page(comp, e, toc_level=2)
            out.append(end_of(comp, f"scan-{e.number}"))
        if scans:
            out.append(PageBreak())
    if not any_photo:
        out.append(comp.p(comp.tr("no_photos"), "note"))
    return out + [end_of(comp, "app-b")]



def photo_cell(comp: Composer, entry: EvidenceEntry) -> list[Flowable]:
    ev = comp.plan.records[entry.evidence_id]
    img = comp.images[entry.ref]
    box = Table([[comp.image(img)]], colWidths=[PHOTO_BOX[0]], rowHeights=[PHOTO_BOX[1]])
    box.setStyle(TableStyle([("ALIGN", (0, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                             ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                             ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                             ("FONT", (0, 0), (-1, -1), REGULAR, 9)]))
    meta = []
    if ev.date_taken:
        meta.append(comp.tr("taken", date=format_date(ev.date_taken, comp.lang)))
    if ev.place:
        meta.append(ev.place)
    consent = comp.tr("people_consent", consent=enum_label(PeopleConsent, ev.people_consent or "unknown", comp.lang))
    return [
        Anchor([f"ev-{entry.number}"], comp.state),
        mark(comp, f"photo-{entry.number}", f"{entry.ref} {excerpt(entry.caption, 70)}", 2),
        box,
        Spacer(1, 4),
        ThaiParagraph(f"<b>{escape(comp.tr('evidence_ref', ref=entry.ref))}</b>  {escape(entry.caption)}",
                      comp.st["caption"]),
        ThaiParagraph(escape(" · ".join(meta)), comp.st["cell_muted"]),
        ThaiParagraph(escape(consent), comp.st["cell_muted"]),
    ] + ([ThaiParagraph(escape(comp.tr("faces_blurred_n", n=entry.faces_blurred)), comp.st["cell_muted"])]
         if entry.faces_blurred else [])



def manifest_appendix(comp: Composer) -> list[Flowable]:
    lang = comp.lang
    out: list[Flowable] = [PageBreak(), Context(comp.state, comp.tr("app_c_short")),
                           comp.heading(comp.tr("app_c"), 0, "app-c"),
                           comp.p(comp.tr("manifest_intro"), "note")]
    if any(e.gps_stripped for e in comp.plan.evidence):
        out.append(comp.p(comp.tr("gps_note"), "note"))
    if any(e.faces_blurred for e in comp.plan.evidence):
        out.append(comp.p(comp.tr("faces_note"), "note"))
    rows: list[list] = [[comp.tr("ref"), comp.tr("file"), comp.tr("cited_at")]]
    for e in comp.plan.evidence:
        keys = [f"mf-{e.number}"] + ([f"ev-{e.number}"] if e.shown_as == "file" else [])
        target = f"ev-{e.number}"
        ref = Marked(f'<b><a href="#{target}">{e.ref}</a></b>', comp.st["cell"], keys, comp.state)
        kind = enum_label(EvidenceKind, e.kind, lang)
        info = f"{escape(e.original_name)}<br/>{escape(kind)} · {escape(size_text(e.packaged_size, lang))}"
        if e.gps_stripped:
            info += f" · {escape(comp.tr('gps_stripped'))}"
        if e.faces_blurred:
            info += f" · {escape(comp.tr('faces_blurred'))}"
        file_cell = [ThaiParagraph(info, comp.st["cell_small"]),
                     ThaiParagraph(f"SHA-256: {e.sha256[:32]}<br/>{e.sha256[32:]}", comp.st["hash"])]
        file_cell += [ThaiParagraph(escape(comp.tr("explained_note", note=note)), comp.st["cell_small"])
                      for note in e.explained.values()]
        lines = []
        for c in e.citations:
            page = comp.page_of(c.anchor)
            label = escape(c.place) + "\u00a0—\u00a0" + escape(comp.tr("p_page", page=page)).replace(" ", "\u00a0")
            lines.append(f'<a href="#{c.anchor}">{label}</a>')
        row_mark = mark(comp, f"mfo-{e.number}", f"{e.ref} {excerpt(e.original_name, 70)}", 1)
        rows.append([[row_mark, ref], file_cell, ThaiParagraph("<br/>".join(lines) or "–", comp.st["cell_small"])])
    out.append(grid_table(rows, [40, 196, 232]))
    return out + [end_of(comp, "app-c")]



def readiness_appendix(comp: Composer) -> list[Flowable]:
    out: list[Flowable] = [PageBreak(), Context(comp.state, comp.tr("app_d_short")),
                           comp.heading(comp.tr("app_d"), 0, "app-d"), comp.p(comp.tr("readiness_intro"), "note")]
    entries = comp.plan.readiness
    for k, entry in enumerate(entries):
        out.append(comp.heading(f"{entry.title} — {entry.status}", 2, f"rd-{k}", outline_level=1, toc=False))
        if not entry.findings:
            out.append(comp.p(comp.tr("readiness_none"), "note"))
            continue
        rows = [[comp.tr("severity"), comp.tr("finding"), comp.tr("fix")]]
        for f in entry.findings:
            rows.append([f.severity_label, f.message, f.fix])
        out.append(grid_table(rows, [70, 218, 180]))
    return out + [end_of(comp, "app-d")]
