"""The PDF machinery: the document template, the page decoration (running
header, "หน้า x / y", the cover's band, a draft's mark), the parts in
reading order, and the passes.

The layout is built twice (three times at most): the first pass records on
which page every heading, evidence entry and citation lands; the next pass
prints the table of contents, the manifest's page references and
"หน้า x / y" from those figures, and is kept only when it lands the same
way.  Every string goes through :mod:`ent_portfolio.typeset`, and the
canvas starts in Sarabun, so the file holds no standard-14 font."""

from __future__ import annotations

import io
import math
from collections.abc import Callable

import uharfbuzz as hb
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Frame, PageTemplate

from ..jobs import Cancelled, CancelToken
from ..typeset import BOLD, REGULAR, ThaiDocTemplate, draw_text, text_width
from ..typeset.fonts import register_fonts
from .appendices import manifest_appendix, photos_appendix, readiness_appendix, testimonials_appendix
from .composer import Composer
from .draft import word
from .flowables import PassState
from .forms import ethics_declaration, works_list
from .front_matter import applicant_part, contents, cover, works_summary
from .layout import (
    BOTTOM,
    DRAFT_INK,
    DRAFT_MARK,
    FRAME_H,
    FRAME_W,
    LEFT,
    MUTED,
    NAVY,
    PAGE_H,
    PAGE_W,
    RIGHT,
    RULE,
    TOP,
    fit_width,
)
from .work_pages import work_part


class _Doc(ThaiDocTemplate):
    def __init__(self, target, state: PassState, **kwargs) -> None:
        super().__init__(target, **kwargs)
        self.state = state

    def beforeDocument(self) -> None:  # noqa: N802
        self.canv.showOutline()  # reviewers' viewers open with the bookmarks shown

    def afterFlowable(self, flowable) -> None:  # noqa: N802
        token = self.state.cancel
        if token is not None and token.cancelled:
            raise Cancelled()


def _draft_mark(comp: Composer, canv) -> None:
    """A draft's diagonal mark across the page body, drawn before the page's
    content so that the text stays on top of it and reads through it; grey
    a photocopier keeps, large enough to be seen across a table."""
    if not comp.plan.is_draft:
        return
    words = word("draft_mark", comp.lang)
    angle = math.atan2(FRAME_H, FRAME_W)
    room = math.hypot(FRAME_W, FRAME_H) * 0.8
    size = min(60.0, 60.0 * room / text_width(words, BOLD, 60.0))
    canv.saveState()
    canv.translate(LEFT + FRAME_W / 2, BOTTOM + FRAME_H / 2)
    canv.rotate(math.degrees(angle))
    _draw_outlines(canv, words, BOLD, size, DRAFT_MARK)
    canv.restoreState()


def _draw_outlines(canv, text: str, font: str, size: float, color) -> None:
    """``text`` centred on the origin as filled glyph outlines, not as text:
    copied or extracted, a page reads as its own text, the mark not wedged
    between its lines (the footer says it in words)."""
    register_fonts()
    hb_font = pdfmetrics.getFont(font).hbFont()
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    hb.shape(hb_font, buffer)
    scale = size / hb_font.face.upem
    pen = _PathPen(canv.beginPath(), scale)
    pen.x = -sum(p.x_advance for p in buffer.glyph_positions) / 2
    for info, pos in zip(buffer.glyph_infos, buffer.glyph_positions):
        pen.offset = (pen.x + pos.x_offset, -size * 0.3 / scale + pos.y_offset)
        hb_font.draw_glyph_with_pen(info.codepoint, pen)
        pen.x += pos.x_advance
    canv.setFillColor(color)
    canv.drawPath(pen.path, stroke=0, fill=1)


class _PathPen:
    """HarfBuzz's glyph outlines (font units) into a ReportLab path (points)."""

    def __init__(self, path, scale: float) -> None:
        self.path, self.scale = path, scale
        self.x, self.offset, self.current = 0.0, (0.0, 0.0), (0.0, 0.0)

    def _at(self, point) -> tuple[float, float]:
        return ((point[0] + self.offset[0]) * self.scale, (point[1] + self.offset[1]) * self.scale)

    def moveTo(self, point) -> None:  # noqa: N802 (the pen protocol's names)
        self.current = self._at(point)
        self.path.moveTo(*self.current)

    def lineTo(self, point) -> None:  # noqa: N802
        self.current = self._at(point)
        self.path.lineTo(*self.current)

    def curveTo(self, c1, c2, end) -> None:  # noqa: N802
        self.current = self._at(end)
        self.path.curveTo(*self._at(c1), *self._at(c2), *self.current)

    def qCurveTo(self, control, end) -> None:  # noqa: N802
        (x0, y0), (qx, qy), (x3, y3) = self.current, self._at(control), self._at(end)
        self.path.curveTo(x0 + 2 / 3 * (qx - x0), y0 + 2 / 3 * (qy - y0),
                          x3 + 2 / 3 * (qx - x3), y3 + 2 / 3 * (qy - y3), x3, y3)
        self.current = (x3, y3)

    def closePath(self) -> None:  # noqa: N802
        self.path.close()


def _decorate(comp: Composer, canv, cover_page: bool = False) -> None:
    canv.saveState()
    page = canv.getPageNumber()
    total = comp.state.total or page
    footer_y = BOTTOM - 34
    canv.setStrokeColor(RULE)
    canv.setLineWidth(0.6)
    canv.line(LEFT, footer_y + 13, PAGE_W - RIGHT, footer_y + 13)
    draw_text(canv, PAGE_W - RIGHT, footer_y, comp.tr("page_of", x=page, y=total), REGULAR, 9, "right", MUTED)
    left, room = LEFT, FRAME_W - 90
    if comp.plan.is_draft:  # a page taken out of a draft still says what it is
        drawn = draw_text(canv, left, footer_y, word("draft_mark", comp.lang), BOLD, 8.5, "left", DRAFT_INK) + 8
        left, room = left + drawn, room - drawn
    left_text = fit_width(f"{comp.tr('doc_title')} · {comp.position_label}", room, REGULAR, 8.5)
    draw_text(canv, left, footer_y, left_text, REGULAR, 8.5, "left", MUTED)
    if not cover_page:
        header_y = PAGE_H - TOP + 26
        name = fit_width(comp.applicant_full, FRAME_W * 0.42, BOLD, 8.5)
        w = draw_text(canv, LEFT, header_y, name, BOLD, 8.5, "left", NAVY)
        if comp.state.header:
            draw_text(canv, PAGE_W - RIGHT, header_y,
                      fit_width(comp.state.header, FRAME_W - w - 24, REGULAR, 8.5), REGULAR, 8.5, "right", MUTED)
        canv.line(LEFT, header_y - 7, PAGE_W - RIGHT, header_y - 7)
    else:
        canv.setFillColor(NAVY)
        canv.rect(0, 0, 22, PAGE_H, stroke=0, fill=1)
        canv.setFillColor(colors.HexColor("#e3b23c"))
        canv.rect(22, 0, 4, PAGE_H, stroke=0, fill=1)
    canv.restoreState()


def _templates(comp: Composer) -> list[PageTemplate]:
    frame = Frame(LEFT, BOTTOM, FRAME_W, FRAME_H, leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0, id="body")
    cover_frame = Frame(LEFT, BOTTOM, FRAME_W, FRAME_H, leftPadding=0, rightPadding=0, topPadding=0,
                        bottomPadding=0, id="cover")
    return [
        PageTemplate("cover", [cover_frame], onPage=lambda c, d: _draft_mark(comp, c),
                     onPageEnd=lambda c, d: _decorate(comp, c, cover_page=True), pagesize=A4),
        PageTemplate("body", [frame], onPage=lambda c, d: _draft_mark(comp, c),
                     onPageEnd=lambda c, d: _decorate(comp, c), pagesize=A4),
    ]


def compose(comp: Composer) -> list[Flowable]:
    """Every part of the dossier, in the order a reader meets them."""
    comp.start_pass()
    body: list[Flowable] = []
    body += applicant_part(comp)
    body += works_summary(comp)
    body += works_list(comp)
    body += ethics_declaration(comp)
    for wd in comp.plan.works:
        body += work_part(comp, wd)
    body += testimonials_appendix(comp)
    body += photos_appendix(comp)
    body += manifest_appendix(comp)
    if comp.plan.config.include_readiness_appendix:
        body += readiness_appendix(comp)
    # the contents are made last (they list the headings above) but printed first
    return cover(comp) + contents(comp) + body


def lay_out(comp: Composer, meta: dict, tick: Callable[[], None], cancel: CancelToken | None) -> tuple[bytes, int]:
    """Lay the document out until the pages of every named place are known
    and stable: a measuring pass (pictures as empty boxes), then final
    passes (at most two) that print page numbers from the pass before."""
    state = comp.state
    data, pages = b"", 0
    for attempt in range(3):
        buffer = io.BytesIO()
        doc = _Doc(buffer, state, pagesize=A4, leftMargin=LEFT, rightMargin=RIGHT, topMargin=TOP,
                   bottomMargin=BOTTOM, **meta)
        doc.addPageTemplates(_templates(comp))
        doc.build(compose(comp))
        pages = doc.page
        data = buffer.getvalue()
        tick()
        if attempt > 0 and (attempt == 2 or (state.pages == state.prev and state.total == pages)):
            break
        state.next_pass(pages)
        if cancel is not None:
            cancel.raise_if_cancelled()
    return data, pages
