"""The dossier PDF: the file a promotion committee reads.

:func:`build_dossier` reads the portfolio once (:mod:`.collect`), prepares
the pictures for print in parallel (:mod:`.images`), then lays the document
out with ReportLab platypus and the Thai typesetting layer.  The layout is
built twice (three times at most): the first pass records on which page
every heading, evidence entry and citation lands; the next pass prints the
table of contents, the manifest's page references and "หน้า x / y" from
those figures, and is kept only when it lands the same way.

Navigation: every heading is a named destination and an outline entry
(work → its sections); every evidence reference (``E-12``) links to the
item in the appendix, and the manifest links back to each citation.

Every string goes through :mod:`ent_portfolio.typeset` (ThaiParagraph,
``draw_text``), and the canvas starts in Sarabun, so the file holds no
standard-14 font.  The PDF is written to a temporary file beside the target
and renamed over it at the end: a cancelled or failed export leaves no
partial file.
"""

from __future__ import annotations

import copy
import hashlib
import io
import os
import shutil
import tempfile
import time
from types import SimpleNamespace
from datetime import date
from pathlib import Path

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from .. import __version__, privacy
from ..domain.enums import (
    ActivityKind,
    ContributionRole,
    ContributorStatus,
    DisseminationKind,
    EvidenceKind,
    IndicatorLevel,
    Mission,
    PartnerRole,
    PartnerType,
    Position,
    Principle,
    QualityLevel,
    Route,
    SignatureStatus,
    TestimonialKind,
    WorkStatus,
)
from ..errors import UserError
from ..jobs import CancelToken, Cancelled, Progress
from ..services.catalogue import indicator_change
from ..storage.files import atomic_write
from ..storage.paths import ensure_outside_portfolio, ensure_writable_target
from ..typeset import (
    BOLD,
    ITALIC,
    REGULAR,
    ThaiDocTemplate,
    ThaiParagraph,
    clusters,
    draw_text,
    escape,
    format_date,
    format_period,
    format_year,
    styles,
    text_width,
    thai_table,
)
from .chart import IndicatorChart, number
from .collect import Plan, WorkData, collect
from .images import SCAN_DPI, ImageJob, PreparedImage, prepare_images, prune_cache
from .model import Citation, DossierConfig, DossierResult, EvidenceEntry
from .richtext import html_blocks, is_cut
from .texts import GROUPS, t

PAGE_W, PAGE_H = A4
LEFT, RIGHT, TOP, BOTTOM = 68.0, 56.0, 70.0, 62.0
FRAME_W = PAGE_W - LEFT - RIGHT
FRAME_H = PAGE_H - TOP - BOTTOM
#: Box a photo is fitted into (two columns on a page).
PHOTO_BOX = ((FRAME_W - 18) / 2 - 8, 180.0)
#: Box of a full-page scan (below its heading and caption).
SCAN_BOX = (FRAME_W, FRAME_H - 110)

SHORT_PRINCIPLE = {
    "partnership": ("ร่วมคิดร่วมทำ", "partnership"),
    "mutual_benefit": ("ประโยชน์ร่วมกัน", "mutual benefit"),
    "knowledge": ("การเรียนรู้และผลงานวิชาการ", "knowledge"),
    "impact": ("ผลกระทบต่อสังคม", "impact"),
}

#: Folder under the portfolio's thumbnails that caches pictures prepared for print.
PRINT_CACHE = "print"

NAVY = colors.HexColor("#1d3557")
MUTED = colors.HexColor("#5b6472")
RULE = colors.HexColor("#c7ced8")
SOFT = colors.HexColor("#f2f5f9")
GOOD = colors.HexColor("#1e7b45")
WARN = colors.HexColor("#a4511c")


# --- styles ---------------------------------------------------------------------------

def _styles() -> dict[str, ParagraphStyle]:
    st = styles()
    body = st["body"]
    cell = st["table_cell"]
    st["h1"] = ParagraphStyle("h1d", st["h1"], textColor=NAVY, spaceBefore=0, spaceAfter=10)
    st["h2"] = ParagraphStyle("h2d", st["h2"], textColor=NAVY, spaceBefore=14, spaceAfter=6)
    st["h3"] = ParagraphStyle("h3d", st["h3"], spaceBefore=8, spaceAfter=4)
    st["cover_kicker"] = ParagraphStyle("ck", body, alignment=TA_CENTER, fontSize=12, leading=18, textColor=MUTED)
    st["cover_title"] = ParagraphStyle("ct", st["title"], fontSize=24, leading=36, textColor=NAVY, spaceAfter=6)
    st["cover_big"] = ParagraphStyle("cb", body, fontName=BOLD, alignment=TA_CENTER, fontSize=16, leading=25)
    st["cover_line"] = ParagraphStyle("cl", body, alignment=TA_CENTER, fontSize=13, leading=20)
    st["cover_small"] = ParagraphStyle("cs", body, alignment=TA_CENTER, fontSize=10, leading=15, textColor=MUTED)
    st["sub"] = ParagraphStyle("sub", body, fontName=ITALIC, textColor=MUTED, spaceAfter=8)
    st["note"] = ParagraphStyle("note", body, fontSize=10, leading=15, textColor=MUTED, spaceAfter=6)
    st["bullet"] = ParagraphStyle("bullet", body, leftIndent=18, firstLineIndent=-11, spaceAfter=3)
    st["quote"] = ParagraphStyle("quote", body, fontName=ITALIC, leftIndent=18, rightIndent=12,
                                 spaceBefore=4, spaceAfter=8, textColor=colors.HexColor("#1f2937"))
    st["cell"] = cell
    st["cell_small"] = ParagraphStyle("cs2", cell, fontSize=9, leading=13.5)
    st["cell_muted"] = ParagraphStyle("cm", cell, fontSize=9, leading=13.5, textColor=MUTED)
    st["cell_center"] = ParagraphStyle("cc", cell, alignment=TA_CENTER)
    st["cell_right"] = ParagraphStyle("cr", cell, alignment=TA_RIGHT)
    st["hash"] = ParagraphStyle("hash", cell, fontSize=7.5, leading=11, textColor=MUTED)
    st["key"] = ParagraphStyle("key", cell, fontName=BOLD, textColor=colors.HexColor("#1f2937"))
    st["toc0"] = ParagraphStyle("toc0", body, fontName=BOLD, leading=19, linkColor=NAVY)
    st["toc1"] = ParagraphStyle("toc1", body, fontSize=10.5, leading=16, leftIndent=16, linkColor=body.textColor)
    st["toc_page0"] = ParagraphStyle("tp0", body, fontName=BOLD, leading=19, alignment=TA_RIGHT, linkColor=NAVY)
    st["toc_page1"] = ParagraphStyle("tp1", body, fontSize=10.5, leading=16, alignment=TA_RIGHT,
                                     linkColor=body.textColor)
    st["caption_ref"] = ParagraphStyle("cref", cell, fontName=BOLD, fontSize=9.5, leading=14)
    st["caption"] = ParagraphStyle("cap", cell, fontSize=9.5, leading=14)
    st["chart_title"] = ParagraphStyle("chart", cell, fontName=BOLD, fontSize=8.5, leading=12.5)
    return st


# --- flowables that remember where they landed ---------------------------------------

class _State:
    """Pages of named places, recorded while a pass draws (read by the next)."""

    def __init__(self) -> None:
        self.pages: dict[str, int] = {}
        self.prev: dict[str, int] = {}
        self.total: int | None = None
        self.header = ""
        self.cancel: CancelToken | None = None

    def next_pass(self, total: int) -> None:
        self.prev = self.pages
        self.pages = {}
        self.total = total
        self.header = ""


class Heading(ThaiParagraph):
    """A heading that is a named destination and, optionally, an outline entry."""

    def __init__(self, text, style, key: str, state: _State, outline: tuple[str, int] | None = None,
                 markup: bool = False) -> None:
        super().__init__(text, style, markup=markup)
        self.key = key
        self.state = state
        self.outline = outline

    def _part(self, *args, **kwargs):
        new = super()._part(*args, **kwargs)
        new.key, new.state, new.outline = self.key, self.state, self.outline if new._first_part else None
        return new

    def draw(self) -> None:
        if self._first_part and self.key not in self.state.pages:
            c = self.canv
            c.bookmarkHorizontal(self.key, 0, self.height + 6)
            if self.outline is not None:
                title, level = self.outline
                c.addOutlineEntry(title, self.key, level=level, closed=level >= 1)
            self.state.pages[self.key] = c.getPageNumber()
        super().draw()


class Marked(ThaiParagraph):
    """A paragraph that is the destination of ``keys`` (citations, manifest rows)."""

    def __init__(self, text, style, keys: list[str], state: _State, markup: bool = True) -> None:
        super().__init__(text, style, markup=markup)
        self.keys = keys
        self.state = state

    def _part(self, *args, **kwargs):
        new = super()._part(*args, **kwargs)
        new.keys, new.state = (self.keys if new._first_part else []), self.state
        return new

    def draw(self) -> None:
        for key in self.keys:
            if key not in self.state.pages:
                self.canv.bookmarkHorizontal(key, 0, self.height + 4)
                self.state.pages[key] = self.canv.getPageNumber()
        super().draw()


class Anchor(Flowable):
    """A zero-size destination."""

    def __init__(self, keys: list[str], state: _State) -> None:
        super().__init__()
        self.keys = keys
        self.state = state
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):  # noqa: N803
        return 0, 0

    def draw(self) -> None:
        for key in self.keys:
            if key not in self.state.pages:
                self.canv.bookmarkHorizontal(key, 0, 8)
                self.state.pages[key] = self.canv.getPageNumber()


class Context(Flowable):
    """Sets the running header from here on (placed at the top of a page)."""

    def __init__(self, state: _State, header: str) -> None:
        super().__init__()
        self.state = state
        self.header = header
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):  # noqa: N803
        return 0, 0

    def draw(self) -> None:
        self.state.header = self.header


class Check(Flowable):
    """A check mark drawn with lines (Sarabun has no ✓ glyph)."""

    def __init__(self, size: float = 9) -> None:
        super().__init__()
        self.size = size

    def wrap(self, availWidth, availHeight):  # noqa: N803
        self.width = availWidth
        return availWidth, self.size + 4

    def draw(self) -> None:
        c = self.canv
        s = self.size
        x = (self.width - s) / 2
        c.saveState()
        c.setStrokeColor(NAVY)
        c.setLineWidth(1.4)
        c.setLineCap(1)
        c.setLineJoin(1)
        p = c.beginPath()
        p.moveTo(x + 0.1 * s, 2 + 0.5 * s)
        p.lineTo(x + 0.4 * s, 2 + 0.15 * s)
        p.lineTo(x + 0.95 * s, 2 + 0.95 * s)
        c.drawPath(p, stroke=1, fill=0)
        c.restoreState()


class Rule(Flowable):
    def __init__(self, width: float, color=RULE, thickness: float = 0.8, space: float = 6) -> None:
        super().__init__()
        self.width, self.color, self.thickness, self.space = width, color, thickness, space

    def wrap(self, availWidth, availHeight):  # noqa: N803
        return self.width, self.space * 2

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setStrokeColor(self.color)
        c.setLineWidth(self.thickness)
        x0 = 0
        c.line(x0, self.space, x0 + self.width, self.space)
        c.restoreState()


# --- helpers ----------------------------------------------------------------------------

def _label(enum_cls, code, lang: str) -> str:
    if not code:
        return ""
    try:
        return enum_cls(code).label(lang)
    except ValueError:
        return str(code)


def _fit(text: str, width: float, font: str, size: float) -> str:
    """``text`` cut (at a grapheme cluster) with an ellipsis to fit ``width``."""
    if text_width(text, font, size) <= width:
        return text
    out = ""
    for cl in clusters(text):
        if text_width(out + cl + "…", font, size) > width:
            break
        out += cl
    return out.rstrip() + "…"


def _excerpt(text: str, limit: int = 230) -> str:
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    if cut < limit * 0.6:
        from ..typeset import word_boundaries

        bounds = [b for b in word_boundaries(text[:limit + 20]) if b <= limit]
        cut = bounds[-1] if bounds else limit
    return text[:cut].rstrip(" ,;") + " …"


def _size_text(size: int, lang: str) -> str:
    if size >= 1024 * 1024:
        return t("size_mb", lang, mb=f"{size / 1024 / 1024:.1f}")
    return t("size_kb", lang, kb=f"{max(1, round(size / 1024)):,}")


def _kv_table(rows: list[tuple[str, object]], st, key_width: float = 150) -> Table:
    data = []
    for key, value in rows:
        cell = value if isinstance(value, (Flowable, list)) else ThaiParagraph(escape(str(value)), st["cell"])
        data.append([ThaiParagraph(escape(key), st["key"]), cell])
    table = Table(data, colWidths=[key_width, FRAME_W - key_width], hAlign="LEFT", splitInRow=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), REGULAR, 9),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, NAVY),
        ("BACKGROUND", (0, 0), (0, -1), SOFT),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))
    return table


def _grid(rows, widths, *, header_rows: int = 1, extra=()) -> Table:
    return thai_table(rows, widths, header_rows=header_rows, table_style=[
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, NAVY),
        *extra,
    ], header_background=SOFT, hAlign="LEFT", splitInRow=1)


# --- the document -----------------------------------------------------------------------

class _Doc(ThaiDocTemplate):
    def __init__(self, target, state: _State, **kwargs) -> None:
        super().__init__(target, **kwargs)
        self.state = state

    def beforeDocument(self) -> None:  # noqa: N802
        self.canv.showOutline()  # reviewers' viewers open with the bookmarks shown

    def afterFlowable(self, flowable) -> None:  # noqa: N802
        token = self.state.cancel
        if token is not None and token.cancelled:
            raise Cancelled()


class _Builder:
    def __init__(self, plan: Plan, state: _State, images: dict[str, PreparedImage]) -> None:
        self.plan = plan
        self.lang = plan.lang
        self.state = state
        self.images = images
        self.st = _styles()
        prof = plan.profile
        self.applicant = (prof.name_en if self.lang == "en" and prof.name_en else prof.name_th) or prof.name_en or ""
        self.applicant_full = f"{prof.academic_title}{self.applicant}" if self.lang == "th" and prof.academic_title \
            and not self.applicant.startswith(prof.academic_title) else self.applicant
        self.position_label = _label(Position, plan.position, self.lang)
        self.toc: list[tuple[int, str, str]] = []  # (level, title, key)
        self._citation_counter: dict[int, int] = {}
        #: Readiness summary entries for the optional appendix (filled by build_dossier).
        self.readiness_entries: list = []

    # -- small makers
    def tr(self, key: str, **params) -> str:
        return t(key, self.lang, **params)

    def p(self, text: str, style: str = "body", markup: bool = False) -> ThaiParagraph:
        return ThaiParagraph(text, self.st[style], markup=markup)

    def heading(self, text: str, level: int, key: str, outline_level: int | None = None,
                toc: bool = True, outline_title: str | None = None) -> Heading:
        style = {0: "h1", 1: "h2", 2: "h3"}[level]
        ol = outline_level if outline_level is not None else level
        title = outline_title or text
        if toc and ol <= 1:
            self.toc.append((ol, title, key))
        return Heading(text, self.st[style], key, self.state, outline=(title, ol))

    def ev_link(self, entry: EvidenceEntry, text: str | None = None) -> str:
        return f'<a href="#ev-{entry.number}">{escape(text or entry.ref)}</a>'

    def cite(self, entry: EvidenceEntry, place: str, work_index: int | None) -> str:
        """A new citation of ``entry``: its anchor name (recorded for the manifest)."""
        k = self._citation_counter.get(entry.number, 0) + 1
        self._citation_counter[entry.number] = k
        anchor = f"c{entry.number}-{k}"
        entry.citations.append(Citation(anchor, place, work_index))
        return anchor

    def evidence_lines(self, items: list[EvidenceEntry]) -> list[str]:
        """One line per item with a short caption; many items as a compact list of references."""
        if len(items) > 8:
            return [", ".join(self.ev_link(e) for e in items)]
        return [f"{self.ev_link(e)} {escape(_excerpt(e.caption, 48))}" for e in items]

    def work_title(self, wd: WorkData) -> str:
        return wd.title(self.lang)

    def page_of(self, key: str) -> str:
        """The page ``key`` landed on in the previous pass; on the first pass a
        placeholder of the same width, so that the layout does not change."""
        if self.state.total is None:
            return "00"
        page = self.state.prev.get(key)
        return str(page) if page else "–"

    def image(self, img: PreparedImage) -> Flowable:
        """The picture; on the first pass (which only measures) a box of its size."""
        if self.state.total is None:
            box = Spacer(img.draw_w, img.draw_h)
        else:
            box = Image(str(img.path), width=img.draw_w, height=img.draw_h)
        box.hAlign = "CENTER"
        return box

    # -- page decoration
    def decorate(self, canv, doc, cover: bool = False) -> None:
        canv.saveState()
        page = canv.getPageNumber()
        total = self.state.total or page
        footer_y = BOTTOM - 34
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.6)
        canv.line(LEFT, footer_y + 13, PAGE_W - RIGHT, footer_y + 13)
        draw_text(canv, PAGE_W - RIGHT, footer_y, self.tr("page_of", x=page, y=total), REGULAR, 9, "right", MUTED)
        left_text = _fit(f"{self.tr('doc_title')} · {self.position_label}", FRAME_W - 90, REGULAR, 8.5)
        draw_text(canv, LEFT, footer_y, left_text, REGULAR, 8.5, "left", MUTED)
        if not cover:
            header_y = PAGE_H - TOP + 26
            name = _fit(self.applicant_full, FRAME_W * 0.42, BOLD, 8.5)
            w = draw_text(canv, LEFT, header_y, name, BOLD, 8.5, "left", NAVY)
            if self.state.header:
                draw_text(canv, PAGE_W - RIGHT, header_y,
                          _fit(self.state.header, FRAME_W - w - 24, REGULAR, 8.5), REGULAR, 8.5, "right", MUTED)
            canv.line(LEFT, header_y - 7, PAGE_W - RIGHT, header_y - 7)
        else:
            canv.setFillColor(NAVY)
            canv.rect(0, 0, 22, PAGE_H, stroke=0, fill=1)
            canv.setFillColor(colors.HexColor("#e3b23c"))
            canv.rect(22, 0, 4, PAGE_H, stroke=0, fill=1)
        canv.restoreState()

    def templates(self) -> list[PageTemplate]:
        frame = Frame(LEFT, BOTTOM, FRAME_W, FRAME_H, leftPadding=0, rightPadding=0, topPadding=0,
                      bottomPadding=0, id="body")
        cover_frame = Frame(LEFT, BOTTOM, FRAME_W, FRAME_H, leftPadding=0, rightPadding=0, topPadding=0,
                            bottomPadding=0, id="cover")
        return [
            PageTemplate("cover", [cover_frame], onPageEnd=lambda c, d: self.decorate(c, d, cover=True),
                         pagesize=A4),
            PageTemplate("body", [frame], onPageEnd=lambda c, d: self.decorate(c, d), pagesize=A4),
        ]

    # -- the story
    def story(self) -> list[Flowable]:
        self.toc = []
        self._citation_counter = {}
        for e in self.plan.evidence:
            e.citations = []
        body: list[Flowable] = []
        body += self.applicant_part()
        body += self.works_summary()
        for wd in self.plan.works:
            body += self.work_part(wd)
        body += self.testimonials_appendix()
        body += self.photos_appendix()
        body += self.manifest_appendix()
        if self.plan.config.include_readiness_appendix:
            body += self.readiness_appendix()
        # the contents are made last (they list the headings above) but printed first
        return self.cover() + self.contents() + body

    def cover(self) -> list[Flowable]:
        plan, prof, lang = self.plan, self.plan.profile, self.lang
        out: list[Flowable] = [Spacer(1, 96), self.p(self.tr("doc_kicker"), "cover_kicker"), Spacer(1, 8),
                               self.p(self.tr("doc_title"), "cover_title"),
                               self.p(self.tr("position_line", position=self.position_label), "cover_big"),
                               Spacer(1, 4),
                               self.p(self.tr("work_type"), "cover_line"),
                               self.p(self.tr("route_line", route=_label(Route, plan.route, lang)), "cover_line")]
        if prof.field_of_study:
            field = prof.field_of_study + (" " + self.tr("field_code", code=prof.field_code) if prof.field_code else "")
            out.append(self.p(self.tr("field_line", field=field), "cover_line"))
        out += [Spacer(1, 70), Rule(FRAME_W, NAVY, 1.2, 4), Spacer(1, 18),
                self.p(self.applicant_full, "cover_big")]
        if lang == "th" and prof.name_en:
            out.append(self.p(prof.name_en, "cover_line"))
        for line in (prof.department, prof.faculty, prof.university):
            if line:
                out.append(self.p(line, "cover_line"))
        starts = [w.work.start_date for w in plan.works if w.work.start_date]
        ends = [w.work.end_date for w in plan.works if w.work.end_date]
        period = format_period(min(starts) if starts else None, max(ends) if ends else None, lang, "month_year")
        out += [Spacer(1, 18)]
        if period:
            out.append(self.p(self.tr("period_line", n=len(plan.works), period=period), "cover_line"))
        out += [Spacer(1, 80), self.p(self.tr("made_on", date=format_date(date.today(), lang), version=__version__),
                                      "cover_small"),
                Anchor(["cover"], self.state), NextPageTemplate("body"), PageBreak()]
        return out

    def contents(self) -> list[Flowable]:
        out: list[Flowable] = [Context(self.state, self.tr("toc")),
                               Heading(self.tr("toc"), self.st["h1"], "toc", self.state, outline=(self.tr("toc"), 0))]
        rows = []
        styles_ = []
        for k, (level, title, key) in enumerate(self.toc):
            st_t = self.st["toc0" if level == 0 else "toc1"]
            st_p = self.st["toc_page0" if level == 0 else "toc_page1"]
            rows.append([ThaiParagraph(f'<a href="#{key}">{escape(title)}</a>', st_t),
                         ThaiParagraph(f'<a href="#{key}">{self.page_of(key)}</a>', st_p)])
            if level == 0 and k > 0:
                styles_.append(("TOPPADDING", (0, k), (-1, k), 9))
        table = Table(rows, colWidths=[FRAME_W - 46, 46], hAlign="LEFT")
        table.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), REGULAR, 9),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            *styles_,
        ]))
        out += [table, PageBreak()]
        return out

    def applicant_part(self) -> list[Flowable]:
        prof, lang = self.plan.profile, self.lang
        out: list[Flowable] = [Context(self.state, self.tr("applicant")),
                               self.heading(self.tr("applicant"), 0, "applicant")]
        current = prof.academic_title or _label(Position, prof.current_position, lang)
        affiliation = " ".join(x for x in (prof.department, prof.faculty, prof.university) if x)
        rows: list[tuple[str, object]] = [(self.tr("name"), self.applicant_full)]
        if lang == "th" and prof.name_en:
            rows.append((self.tr("name_en"), prof.name_en))
        rows += [
            (self.tr("current_position"), _label(Position, prof.current_position, lang) if prof.current_position else current),
            (self.tr("target_position"), self.position_label),
            (self.tr("route"), _label(Route, self.plan.route, lang)),
            (self.tr("field"), prof.field_of_study + (f" ({prof.field_code})" if prof.field_code else "")),
            (self.tr("affiliation"), affiliation),
        ]
        if prof.appointment_date:
            rows.append((self.tr("appointed"), format_date(prof.appointment_date, lang)))
        if prof.current_position_date:
            rows.append((self.tr("in_position_since"), format_date(prof.current_position_date, lang)))
        if prof.orcid:
            rows.append((self.tr("orcid"), prof.orcid))
        contact = " · ".join(x for x in (prof.email, prof.phone) if x)
        if contact:
            rows.append((self.tr("contact"), contact))
        out.append(_kv_table([(k, v) for k, v in rows if v], self.st))
        if prof.degrees:
            out.append(self.heading(self.tr("degrees"), 1, "degrees", toc=False))
            rows2 = [[self.tr("degree_level"), self.tr("degree_name"), self.tr("institution"), self.tr("year")]]
            for d in sorted(prof.degrees, key=lambda d: d.year or 0):
                inst = d.institution + (f" ({d.country})" if d.country else "")
                rows2.append([d.level, d.name, inst, format_year(d.year, lang)])
            out.append(_grid(rows2, [64, 176, 168, 60]))
        if prof.appointments:
            out.append(self.heading(self.tr("appointments"), 1, "appointments", toc=False))
            rows3 = [[self.tr("position"), self.tr("organisation"), self.tr("period")]]
            for a in sorted(prof.appointments, key=lambda a: a.start_date or date.min):
                rows3.append([a.position, a.organisation, format_period(a.start_date, a.end_date, lang, "month_year")])
            out.append(_grid(rows3, [150, 180, 138]))
        return out

    def works_summary(self) -> list[Flowable]:
        lang = self.lang
        out: list[Flowable] = [CondPageBreak(220), Context(self.state, self.tr("works_summary")),
                               self.heading(self.tr("works_summary"), 0, "summary")]
        center = ParagraphStyle("hc", self.st["table_header"], alignment=TA_CENTER)
        rows = [[ThaiParagraph(escape(x), center if k != 1 else self.st["table_header"]) for k, x in enumerate((
            self.tr("no"), self.tr("work_title"), self.tr("period"), self.tr("status"), self.tr("partners_short"),
            self.tr("indicator"), self.tr("evidence"), self.tr("page")))]]
        for wd in self.plan.works:
            w = wd.work
            area = " ".join(x for x in (w.subdistrict and ("ต." + w.subdistrict if lang == "th" else w.subdistrict),
                                        w.province and ("จ." + w.province if lang == "th" else w.province)) if x)
            title = f'<a href="#w{wd.index}">{escape(self.work_title(wd))}</a>'
            if area:
                title += f"<br/>{escape(area)}"
            n_partners = len({link.partner_id for link in w.partner_links})
            rows.append([
                ThaiParagraph(str(wd.index), self.st["cell_center"]),
                ThaiParagraph(title, self.st["cell"]),
                format_period(w.start_date, w.end_date, lang, "month_year"),
                _label(WorkStatus, w.status, lang),
                ThaiParagraph(str(n_partners), self.st["cell_center"]),
                ThaiParagraph(str(len(w.indicators)), self.st["cell_center"]),
                ThaiParagraph(str(len(wd.evidence)), self.st["cell_center"]),
                ThaiParagraph(f'<a href="#w{wd.index}">{self.page_of(f"w{wd.index}")}</a>',
                              self.st["cell_center"]),
            ])
        out.append(_grid(rows, [22, 152, 76, 64, 34, 46, 44, 30], extra=[
            ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]))
        return out

    # -- one work
    def work_part(self, wd: WorkData) -> list[Flowable]:
        lang, w, i = self.lang, wd.work, wd.index
        title = self.work_title(wd)
        out: list[Flowable] = [PageBreak(), Context(self.state, f"{self.tr('work_n', n=i)}: {title}"),
                               self.p(self.tr("work_n", n=i).upper(), "note"),
                               self.heading(title, 0, f"w{i}", outline_title=f"{self.tr('work_n', n=i)}: {title}")]
        if lang == "th" and w.title_en:
            out.append(self.p(w.title_en, "sub"))
        elif lang == "en" and w.title_th and w.title_en:
            out.append(self.p(w.title_th, "sub"))
        out += self.overview(wd)
        for k, (tpl, content) in enumerate(wd.sections, 1):
            name = (tpl.title_en if lang == "en" and tpl.title_en else tpl.title_th) or tpl.key
            out.append(self.heading(f"{k}. {name}", 1, f"w{i}-s-{tpl.key}"))
            blocks = html_blocks(content, lang)
            if not blocks:
                out.append(self.p(self.tr("empty_section"), "note"))
            for b in blocks:
                try:
                    if b.kind == "li":
                        mark = f"{b.number}." if b.number else "•"
                        st = ParagraphStyle("li", self.st["bullet"], leftIndent=18 + 14 * b.level)
                        out.append(ThaiParagraph(f"{mark}\u00a0{b.markup}", st))
                    elif b.kind == "h":
                        out.append(ThaiParagraph(f"<b>{b.markup}</b>", self.st["body"]))
                    else:
                        out.append(ThaiParagraph(b.markup, self.st["body"]))
                except ValueError as exc:  # MarkupError
                    raise UserError("dossier.markup", section=name, work=title, detail=str(exc)) from exc
            if tpl.key == "evaluation" and w.indicators:
                out.append(ThaiParagraph(
                    f'{escape(self.tr("see_indicators"))} <a href="#w{i}-ind">{escape(self.tr("indicators"))}</a>',
                    self.st["note"]))
        out += self.matrix(wd)
        out += self.partners(wd)
        out += self.activities(wd)
        out += self.indicators(wd)
        out += self.disseminations(wd)
        out += self.contribution(wd)
        return out

    def overview(self, wd: WorkData) -> list[Flowable]:
        lang, w = self.lang, wd.work
        rows: list[tuple[str, object]] = [
            (self.tr("period"), format_period(w.start_date, w.end_date, lang)),
            (self.tr("status"), _label(WorkStatus, w.status, lang)),
        ]
        if lang == "th":
            area = " ".join(x for x in (w.village, w.subdistrict and "ตำบล" + w.subdistrict,
                                        w.district and "อำเภอ" + w.district, w.province and "จังหวัด" + w.province) if x)
        else:
            area = ", ".join(x for x in (w.village, w.subdistrict, w.district, w.province) if x)
        if area:
            rows.append((self.tr("area"), area))
        if w.missions:
            rows.append((self.tr("missions"), ", ".join(_label(Mission, code, lang) for code in w.missions)))
        teaching = " ".join(x for x in (w.courses, self.tr("students", n=w.students_count) if w.students_count else "") if x)
        if teaching:
            rows.append((self.tr("teaching"), teaching))
        if w.fundings:
            lines = []
            for f in w.fundings:
                amount = self.tr("baht", amount=f"{f.amount_baht:,.2f}".replace(".00", ""))
                year = self.tr("fiscal_year", year=f.fiscal_year) if f.fiscal_year else ""
                lines.append(" ".join(x for x in (f.source, amount, year) if x))
            rows.append((self.tr("funding"), "\n".join(lines)))
        if w.prior_use_year:
            rows.append((self.tr("prior_use"), self.tr("prior_use_value", year=w.prior_use_year,
                                                       level=_label(QualityLevel, w.prior_quality_level, lang))))
        return [Spacer(1, 4), _kv_table([(k, v) for k, v in rows if v], self.st, 130)]

    def matrix(self, wd: WorkData) -> list[Flowable]:
        lang, w, i = self.lang, wd.work, wd.index
        out: list[Flowable] = [CondPageBreak(160), self.heading(self.tr("ent"), 1, f"w{i}-ent"),
                               self.p(self.tr("ent_intro"), "note")]
        narratives = {
            "partnership": w.partnership_text or w.problem_statement,
            "mutual_benefit": None,
            "knowledge": w.knowledge_text,
            "impact": w.impact_text,
        }
        records = self.plan.records
        cited: set[int] = set()
        rows = [[self.tr("principle"), self.tr("narrative"), self.tr("evidence")]]
        for principle in Principle:
            if principle.value == "mutual_benefit":
                parts = []
                if w.benefit_community_text:
                    parts.append(f"<b>{escape(self.tr('for_community'))}:</b> {escape(_excerpt(w.benefit_community_text, 150))}")
                if w.benefit_university_text:
                    parts.append(f"<b>{escape(self.tr('for_university'))}:</b> {escape(_excerpt(w.benefit_university_text, 150))}")
                narrative = ThaiParagraph("<br/>".join(parts) or escape(self.tr("no_narrative")), self.st["cell"])
            else:
                text = narratives[principle.value]
                narrative = ThaiParagraph(escape(_excerpt(text)) if text else escape(self.tr("no_narrative")),
                                          self.st["cell"])
            items = [e for e in wd.evidence if principle.value in (records[e.evidence_id].principles or [])]
            lines, anchors = [], []
            short = SHORT_PRINCIPLE[principle.value][0 if lang == "th" else 1]
            for e in items:
                anchors.append(self.cite(e, self.tr("place_ent", n=i, principle=short), i))
                cited.add(e.number)
            lines = self.evidence_lines(items)
            for te in wd.testimonials:
                if te.testimonial.principle == principle.value:
                    who = privacy.person_label(te.testimonial, lang, self.plan.anonymiser)
                    lines.append(f'<a href="#tm-{te.number}">{te.ref}</a> {escape(self.tr("testimonial_by", who=who))}')
            cell = Marked("<br/>".join(lines) or escape(self.tr("none")), self.st["cell_small"], anchors, self.state)
            rows.append([ThaiParagraph(f"<b>{escape(principle.label(lang))}</b>", self.st["cell"]), narrative, cell])
        # evidence that no principle, activity, indicator or letter cites still gets a row
        rest = [e for e in wd.evidence if e.number not in cited and not records[e.evidence_id].activity_id
                and not records[e.evidence_id].indicator_id and e.shown_as != "letter"]
        if rest:
            anchors = [self.cite(e, self.tr("place_other", n=i), i) for e in rest]
            lines = self.evidence_lines(rest)
            rows.append([ThaiParagraph(f"<b>{escape(self.tr('other_evidence'))}</b>", self.st["cell"]),
                         ThaiParagraph("", self.st["cell"]),
                         Marked("<br/>".join(lines), self.st["cell_small"], anchors, self.state)])
        out.append(_grid(rows, [112, 206, 150]))
        return out

    def partners(self, wd: WorkData) -> list[Flowable]:
        lang, w, i = self.lang, wd.work, wd.index
        out: list[Flowable] = [CondPageBreak(120), self.heading(self.tr("partners"), 1, f"w{i}-partners")]
        grouped: dict[str, list] = {}
        for link in w.partner_links:
            grouped.setdefault(link.partner_id, []).append(link)
        if not grouped:
            return out + [self.p(self.tr("no_partners"), "note")]
        rows = [[self.tr("partner"), self.tr("role"), self.tr("role_detail")]]
        for links in grouped.values():
            partner = links[0].partner
            name = (partner.name_en if lang == "en" and partner.name_en else partner.name_th) if partner else ""
            kind = _label(PartnerType, partner.partner_type, lang) if partner else ""
            mou = self.tr("mou", date=format_date(partner.mou_date, lang)) if partner and partner.mou_date else ""
            first = f"<b>{escape(name)}</b><br/>{escape(kind)}" + (f"<br/>{escape(mou)}" if mou else "")
            roles = ", ".join(dict.fromkeys(_label(PartnerRole, link.role, lang) for link in links))
            detail = " ".join(link.description for link in links if link.description)
            rows.append([ThaiParagraph(first, self.st["cell"]), roles, detail or "–"])
        out.append(_grid(rows, [170, 100, 198]))
        return out

    def activities(self, wd: WorkData) -> list[Flowable]:
        lang, w, i = self.lang, wd.work, wd.index
        out: list[Flowable] = [CondPageBreak(120), self.heading(self.tr("activities"), 1, f"w{i}-activities")]
        if not w.activities:
            return out + [self.p(self.tr("no_activities"), "note")]
        records = self.plan.records
        rows = [[self.tr("date"), self.tr("activity"), self.tr("place"), self.tr("participants"), self.tr("evidence")]]
        for a in sorted(w.activities, key=lambda a: a.date):
            when = format_period(a.date, a.end_date, lang, "short") if a.end_date else format_date(a.date, lang, "short")
            what = f"<b>{escape(_label(ActivityKind, a.kind, lang))}</b><br/>{escape(a.title)}"
            people = ""
            if a.participants_total is not None:
                people = self.tr("people", n=f"{a.participants_total:,}")
            if a.participant_groups:
                parts = [f"{(GROUPS.get(k) or (k, k))[0 if lang == 'th' else 1]} {v:,}"
                         for k, v in a.participant_groups.items()]
                people += ("\n" if people else "") + ", ".join(parts)
            items = [e for e in wd.evidence if records[e.evidence_id].activity_id == a.id]
            anchors = [self.cite(e, self.tr("place_activity", n=i, date=format_date(a.date, lang, "short")), i)
                       for e in items]
            ev_cell = Marked(", ".join(self.ev_link(e) for e in items) or "–", self.st["cell_small"], anchors, self.state)
            rows.append([when, ThaiParagraph(what, self.st["cell"]), a.place or "–", people or "–", ev_cell])
        out.append(_grid(rows, [72, 164, 92, 96, 44]))
        return out

    def indicators(self, wd: WorkData) -> list[Flowable]:
        lang, w, i = self.lang, wd.work, wd.index
        out: list[Flowable] = [CondPageBreak(160), self.heading(self.tr("indicators"), 1, f"w{i}-ind")]
        if not w.indicators:
            return out + [self.p(self.tr("no_indicators"), "note")]
        out.append(self.p(self.tr("indicators_intro"), "note"))
        records = self.plan.records
        rows = [[self.tr("indicator"), self.tr("baseline"), self.tr("target"), self.tr("latest"), self.tr("change")]]
        charts: list[Flowable] = []
        for ind in w.indicators:
            ch = indicator_change(ind, list(ind.measurements))
            name = ind.name_en if lang == "en" and ind.name_en else ind.name_th
            first = f"<b>{escape(name)}</b><br/>" + escape(" · ".join(x for x in (
                self.tr("unit", unit=ind.unit) if ind.unit else "", _label(IndicatorLevel, ind.level, lang)) if x))
            items = [e for e in wd.evidence if records[e.evidence_id].indicator_id == ind.id]
            anchors = [self.cite(e, self.tr("place_indicator", n=i), i) for e in items]
            if items:
                first += "<br/>" + escape(self.tr("evidence")) + " " + ", ".join(self.ev_link(e) for e in items)
            base = number(ch.baseline) + (f"<br/>{escape(format_date(ind.baseline_date, lang, 'short'))}"
                                          if ind.baseline_date else "")
            target = number(ch.target) + (f"<br/>{escape(format_date(ind.target_date, lang, 'short'))}"
                                          if ind.target_date else "")
            latest = number(ch.latest) + (f"<br/>{escape(format_date(ch.latest_date, lang, 'short'))}"
                                          if ch.latest_date else "")
            if ch.change is not None:
                sign = "+" if ch.change > 0 else ""
                change = f"<b>{sign}{number(ch.change)}</b>"
                if ch.change_percent is not None:
                    change += f" ({sign}{number(ch.change_percent)}%)"
                verdict = []
                if ch.improved is not None:
                    verdict.append(self.tr("improved") if ch.improved else self.tr("worsened"))
                if ch.target_reached is not None:
                    verdict.append(self.tr("reached") if ch.target_reached else self.tr("not_reached"))
                change += "<br/>" + escape(" · ".join(verdict))
                change += "<br/>" + escape(self.tr("measurements", n=ch.measurement_count))
            else:
                change = "–"
            rows.append([
                Marked(first, self.st["cell"], anchors, self.state),
                ThaiParagraph(base, self.st["cell_right"]),
                ThaiParagraph(target, self.st["cell_right"]),
                ThaiParagraph(latest, self.st["cell_right"]),
                ThaiParagraph(change, self.st["cell_small"]),
            ])
            points = []
            if ind.baseline_value is not None:
                points.append((ind.baseline_date, ind.baseline_value))
            points += [(mm.date, mm.value) for mm in sorted(ind.measurements, key=lambda x: x.date)]
            if points:
                unit = f" ({ind.unit})" if ind.unit else ""
                charts.append(IndicatorChart(
                    _excerpt(name, 110) + unit, points, ind.target_value, lang, (FRAME_W - 12) / 2, 168,
                    title_style=self.st["chart_title"], target_label=self.tr("chart_target"),
                    baseline_label=self.tr("chart_baseline"), unit=ind.unit))
        out.append(_grid(rows, [170, 64, 64, 70, 100]))
        if charts:
            out.append(Spacer(1, 10))
            grid = [charts[k:k + 2] + ([""] if len(charts[k:k + 2]) == 1 else []) for k in range(0, len(charts), 2)]
            table = Table(grid, colWidths=[FRAME_W / 2] * 2, hAlign="LEFT")
            table.setStyle(TableStyle([
                ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"), ("FONT", (0, 0), (-1, -1), REGULAR, 9),
            ]))
            out.append(KeepTogether([self.p(self.tr("charts"), "note"), table]) if len(grid) <= 2
                       else table)
        return out

    def disseminations(self, wd: WorkData) -> list[Flowable]:
        lang, w, i = self.lang, wd.work, wd.index
        out: list[Flowable] = [CondPageBreak(100), self.heading(self.tr("dissemination"), 1, f"w{i}-dis")]
        if not w.disseminations:
            return out + [self.p(self.tr("no_dissemination"), "note")]
        for k, d in enumerate(w.disseminations, 1):
            text = f"{k}.\u00a0<b>[{escape(_label(DisseminationKind, d.kind, lang))}]</b> {escape(d.citation)}"
            if d.date and str(format_year(d.date.year, lang)) not in d.citation:
                text += f" ({escape(format_date(d.date, lang))})"
            if d.doi:
                doi = d.doi if d.doi.startswith("http") else f"https://doi.org/{d.doi}"
                text += f' DOI: <a href="{escape(doi)}">{escape(d.doi)}</a>'
            elif d.url:
                text += f' <a href="{escape(d.url)}">{escape(d.url)}</a>'
            out.append(ThaiParagraph(text, self.st["bullet"]))
        return out

    def contribution(self, wd: WorkData) -> list[Flowable]:
        lang, w, i = self.lang, wd.work, wd.index
        head_ = self.heading(self.tr("contribution"), 1, f"w{i}-contrib")
        if not w.contributors:
            return [head_, self.p(self.tr("no_contributors"), "note")]
        out: list[Flowable] = [head_]
        legend = "<br/>".join(escape(r.label(lang)) for r in ContributionRole)
        out += [self.p(self.tr("contribution_intro"), "note"), ThaiParagraph(legend, self.st["cell_muted"]),
                Spacer(1, 6)]
        letters = [r.letter if lang == "th" else r.en.split(".")[0] for r in ContributionRole]
        show_share = any(c.percentage is not None for c in w.contributors)
        head = [self.tr("contributor"), *letters] + ([self.tr("share")] if show_share else []) + [self.tr("signature")]
        rows: list[list] = [[ThaiParagraph(escape(x), self.st["table_header"] if k == 0 else
                                           ParagraphStyle("hc", self.st["table_header"], alignment=TA_CENTER))
                             for k, x in enumerate(head)]]
        for c in sorted(w.contributors, key=lambda c: c.sort_order):
            who = f"<b>{escape(c.name)}</b>" + (f" {escape(self.tr('applicant_mark'))}" if c.is_applicant else "")
            who += f"<br/>{escape(_label(ContributorStatus, c.status, lang))}"
            if c.affiliation:
                who += f"<br/>{escape(c.affiliation)}"
            if c.role_other and "other" in (c.roles or []):
                who += f"<br/>{escape(letters[-1])}: {escape(c.role_other)}"
            marks = [Check() if r.value in (c.roles or []) else "" for r in ContributionRole]
            share = [ThaiParagraph(number(c.percentage) if c.percentage is not None else "–",
                                   self.st["cell_center"])] if show_share else []
            if c.signature_status == "signed":
                sign = self.tr("signed_on", date=format_date(c.signed_date, lang, "short")) if c.signed_date \
                    else _label(SignatureStatus, c.signature_status, lang)
            else:
                sign = _label(SignatureStatus, c.signature_status, lang)
            rows.append([ThaiParagraph(who, self.st["cell_small"]), *marks, *share, sign])
        role_w = 24
        share_w = 50 if show_share else 0
        name_w = FRAME_W - 7 * role_w - share_w - 82
        widths = [name_w] + [role_w] * 7 + ([share_w] if show_share else []) + [82]
        out.append(_grid(rows, widths, extra=[("VALIGN", (1, 1), (7, -1), "MIDDLE")]))
        # signature lines, two per row
        blocks = []
        for c in sorted(w.contributors, key=lambda c: c.sort_order):
            blocks.append([
                Spacer(1, 26),
                ThaiParagraph(f"{escape(self.tr('sign_here'))} " + "." * 58, self.st["cell"]),
                ThaiParagraph(f"({escape(c.name)})", self.st["cell_center"]),
                ThaiParagraph(escape(_label(ContributorStatus, c.status, lang)), ParagraphStyle(
                    "sc", self.st["cell_muted"], alignment=TA_CENTER)),
                ThaiParagraph(f"{escape(self.tr('sign_date'))} " + "." * 40, self.st["cell_center"]),
            ])
        grid = [blocks[k:k + 2] + ([""] if len(blocks[k:k + 2]) == 1 else []) for k in range(0, len(blocks), 2)]
        sig = Table(grid, colWidths=[FRAME_W / 2] * 2, hAlign="LEFT")
        sig.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 10),
                                 ("RIGHTPADDING", (0, 0), (-1, -1), 10), ("FONT", (0, 0), (-1, -1), REGULAR, 9)]))
        out.append(sig)
        return [KeepTogether(out)]

    # -- appendices
    def testimonials_appendix(self) -> list[Flowable]:
        lang = self.lang
        out: list[Flowable] = [PageBreak(), Context(self.state, self.tr("app_a_short")),
                               self.heading(self.tr("app_a"), 0, "app-a")]
        if not self.plan.testimonials:
            return out + [self.p(self.tr("no_testimonials"), "note")]
        after_scan = False
        for te in self.plan.testimonials:
            tm = te.testimonial
            if after_scan:
                out.append(PageBreak())
                after_scan = False
            kind = _label(TestimonialKind, tm.kind, lang)
            who = privacy.person_label(tm, lang, self.plan.anonymiser)
            block: list[Flowable] = [self.heading(f"{te.ref}  {kind}", 1, f"tm-{te.number}",
                                                  outline_title=f"{te.ref} {kind}: {who}", toc=False)]
            wd = next(x for x in self.plan.works if x.index == te.work_index)
            position = privacy.person_position(tm)
            person = who + (f", {position}" if position else "")
            org = tm.organisation or te.partner_name
            rows: list[tuple[str, object]] = [
                (self.tr("from_work"), ThaiParagraph(
                    f'<a href="#w{wd.index}">{escape(self.tr("work_n", n=wd.index))}: {escape(_excerpt(self.work_title(wd), 90))}</a>',
                    self.st["cell"])),
                (self.tr("who"), person + (f"\n{org}" if org else "")),
            ]
            if tm.date:
                rows.append((self.tr("date"), format_date(tm.date, lang)))
            if tm.principle:
                rows.append((self.tr("supports"), _label(Principle, tm.principle, lang)))
            if tm.claim:
                claim = SimpleNamespace(quote=tm.claim, consent=tm.consent, person_name=tm.person_name,
                                        id=tm.id, date=tm.date, created_at=tm.created_at)
                rows.append((self.tr("claim"), privacy.quote_text(claim, lang, self.plan.anonymiser)))
            block.append(_kv_table(rows, self.st, 120))
            if privacy.may_show_quote(tm):
                block.append(ThaiParagraph(f"“{escape(privacy.quote_text(tm, lang, self.plan.anonymiser))}”",
                                           self.st["quote"]))
            if not privacy.has_consent(tm):
                block.append(self.p(self.tr("pdpa_note"), "note"))
            elif privacy.contact_visible(tm):
                block.append(self.p(self.tr("contactable", contact=tm.contact), "note"))
            letter = te.letter
            if letter is not None:
                anchor = self.cite(letter, self.tr("place_testimonial", ref=te.ref), None)
                block.append(Marked(f"{escape(self.tr('letter_link'))}: {self.ev_link(letter, self.tr('evidence_ref', ref=letter.ref))} "
                                    f"{escape(self.tr('letter_next'))}", self.st["body"], [anchor], self.state))
            elif tm.letter_evidence_id and not privacy.may_show_letter_scan(tm):
                block.append(self.p(self.tr("letter_withheld"), "note"))
            out.append(KeepTogether(block))
            if letter is not None:
                out += self.scan_page(letter)
                after_scan = True
            else:
                out.append(Spacer(1, 8))
        return out

    def scan_page(self, entry: EvidenceEntry) -> list[Flowable]:
        ev = self.plan.records[entry.evidence_id]
        img = self.images.get(entry.ref)
        title = f"{self.tr('evidence_ref', ref=entry.ref)}  {_excerpt(entry.caption, 120)}"
        meta = " · ".join(x for x in (self.tr("dated", date=format_date(ev.date_taken, self.lang)) if ev.date_taken else "",
                                      ev.place) if x)
        out: list[Flowable] = [PageBreak(), Anchor([f"ev-{entry.number}"], self.state),
                               ThaiParagraph(f"<b>{escape(title)}</b>", self.st["body"])]
        if meta:
            out.append(self.p(meta, "note"))
        if img is not None:
            out.append(self.image(img))
        return out

    def photos_appendix(self) -> list[Flowable]:
        out: list[Flowable] = [PageBreak(), Context(self.state, self.tr("app_b_short")),
                               self.heading(self.tr("app_b"), 0, "app-b")]
        any_photo = False
        for wd in self.plan.works:
            photos = [e for e in wd.evidence if e.shown_as == "photo" and e.ref in self.images]
            scans = [e for e in wd.evidence if e.shown_as == "scan" and e.ref in self.images]
            if not photos and not scans:
                continue
            any_photo = True
            out.append(CondPageBreak(300))
            out.append(self.heading(self.tr("photos_of_work", n=wd.index, title=_excerpt(self.work_title(wd), 80)),
                                    1, f"app-b-w{wd.index}", toc=False))
            cells = [self.photo_cell(e) for e in photos]
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
            for e in scans:
                out += self.scan_page(e)
            if scans:
                out.append(PageBreak())
        if not any_photo:
            out.append(self.p(self.tr("no_photos"), "note"))
        return out

    def photo_cell(self, entry: EvidenceEntry) -> list[Flowable]:
        ev = self.plan.records[entry.evidence_id]
        img = self.images[entry.ref]
        box = Table([[self.image(img)]], colWidths=[PHOTO_BOX[0]], rowHeights=[PHOTO_BOX[1]])
        box.setStyle(TableStyle([("ALIGN", (0, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                 ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                                 ("FONT", (0, 0), (-1, -1), REGULAR, 9)]))
        meta = []
        if ev.date_taken:
            meta.append(self.tr("taken", date=format_date(ev.date_taken, self.lang)))
        if ev.place:
            meta.append(ev.place)
        return [
            Anchor([f"ev-{entry.number}"], self.state),
            box,
            Spacer(1, 4),
            ThaiParagraph(f"<b>{escape(self.tr('evidence_ref', ref=entry.ref))}</b>  {escape(entry.caption)}",
                          self.st["caption"]),
            ThaiParagraph(escape(" · ".join(meta)), self.st["cell_muted"]),
        ]

    def manifest_appendix(self) -> list[Flowable]:
        lang = self.lang
        out: list[Flowable] = [PageBreak(), Context(self.state, self.tr("app_c_short")),
                               self.heading(self.tr("app_c"), 0, "app-c"),
                               self.p(self.tr("manifest_intro"), "note")]
        if any(e.gps_stripped for e in self.plan.evidence):
            out.append(self.p(self.tr("gps_note"), "note"))
        rows: list[list] = [[self.tr("ref"), self.tr("file"), self.tr("cited_at")]]
        for e in self.plan.evidence:
            keys = [f"mf-{e.number}"] + ([f"ev-{e.number}"] if e.shown_as == "file" else [])
            target = f"ev-{e.number}"
            ref = Marked(f'<b><a href="#{target}">{e.ref}</a></b>', self.st["cell"], keys, self.state)
            kind = _label(EvidenceKind, e.kind, lang)
            info = f"{escape(e.original_name)}<br/>{escape(kind)} · {escape(_size_text(e.packaged_size, lang))}"
            if e.gps_stripped:
                info += f" · {escape(self.tr('gps_stripped'))}"
            file_cell = [ThaiParagraph(info, self.st["cell_small"]),
                         ThaiParagraph(f"SHA-256: {e.sha256[:32]}<br/>{e.sha256[32:]}", self.st["hash"])]
            lines = []
            for c in e.citations:
                page = self.page_of(c.anchor)
                label = escape(c.place) + "\u00a0—\u00a0" + escape(self.tr("p_page", page=page)).replace(" ", "\u00a0")
                lines.append(f'<a href="#{c.anchor}">{label}</a>')
            rows.append([ref, file_cell, ThaiParagraph("<br/>".join(lines) or "–", self.st["cell_small"])])
        out.append(_grid(rows, [40, 196, 232]))
        return out

    def readiness_appendix(self) -> list[Flowable]:
        out: list[Flowable] = [PageBreak(), Context(self.state, self.tr("app_d_short")),
                               self.heading(self.tr("app_d"), 0, "app-d"), self.p(self.tr("readiness_intro"), "note")]
        entries = self.readiness_entries
        for k, entry in enumerate(entries):
            out.append(self.heading(f"{entry.title} — {entry.status}", 2, f"rd-{k}", outline_level=1, toc=False))
            if not entry.findings:
                out.append(self.p(self.tr("readiness_none"), "note"))
                continue
            rows = [[self.tr("severity"), self.tr("finding"), self.tr("fix")]]
            for f in entry.findings:
                rows.append([f.severity_label, f.message, f.fix])
            out.append(_grid(rows, [70, 218, 180]))
        return out


# --- the entry point --------------------------------------------------------------------

def _image_jobs(plan: Plan) -> list[ImageJob]:
    jobs = []
    for e in plan.evidence:
        path = plan.paths[e.evidence_id]
        if e.shown_as == "photo":
            jobs.append(ImageJob(e.ref, path, PHOTO_BOX[0], PHOTO_BOX[1], sha256=e.stored_sha256))
        elif e.shown_as in ("scan", "letter"):
            jobs.append(ImageJob(e.ref, path, SCAN_BOX[0], SCAN_BOX[1], gray=True, dpi=SCAN_DPI,
                                 sha256=e.stored_sha256))
    return jobs


def _stored_hashes(portfolio) -> set[str]:
    from sqlalchemy import select

    from ..domain import models as m

    with portfolio.reader() as session:
        return set(session.scalars(select(m.Evidence.sha256)))


def _print_cache(portfolio) -> Path | None:
    """``thumbnails/print/``: pictures prepared for print, kept between exports
    (a cache: deleting it only makes the next export slower).  Entries are
    written temp-then-rename and never touch the database, so a portfolio
    opened read-only (the command line beside a running app) uses it too."""
    folder = portfolio.thumbnail_dir / PRINT_CACHE
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK) else None


def _temp_dir(portfolio) -> Path:
    # The portfolio decides: tmp/ for a writer, the system temp folder for a
    # read-only opener (a writer opening meanwhile cleans tmp/).
    try:
        return portfolio.scratch_dir(".tmp-dossier-")
    except OSError:
        return Path(tempfile.mkdtemp(prefix="ent-dossier-"))


def _passes(builder: _Builder, state: _State, meta: dict, tick, cancel: CancelToken | None) -> tuple[bytes, int]:
    """Lay the document out until the pages of every named place are known
    and stable: a measuring pass (pictures as empty boxes), then final
    passes (at most two) that print page numbers from the pass before."""
    data, pages = b"", 0
    for attempt in range(3):
        buffer = io.BytesIO()
        doc = _Doc(buffer, state, pagesize=A4, leftMargin=LEFT, rightMargin=RIGHT, topMargin=TOP,
                   bottomMargin=BOTTOM, **meta)
        doc.addPageTemplates(builder.templates())
        doc.build(builder.story())
        pages = doc.page
        data = buffer.getvalue()
        tick()
        if attempt > 0 and (attempt == 2 or (state.pages == state.prev and state.total == pages)):
            break
        state.next_pass(pages)
        if cancel is not None:
            cancel.raise_if_cancelled()
    return data, pages


def build_dossier(portfolio, config: DossierConfig | None, out_pdf, progress: Progress | None = None,
                  cancel: CancelToken | None = None) -> DossierResult:
    """Write the dossier PDF of ``portfolio`` to ``out_pdf`` (atomically).

    ``progress(done, total)`` is called as pictures are prepared and as each
    layout pass ends; ``cancel`` stops the export between any two steps
    (:class:`~ent_portfolio.jobs.Cancelled`), leaving no file behind."""
    started = time.perf_counter()
    config = config or DossierConfig()
    out_pdf = Path(out_pdf)
    # a dossier written over portfolio.sqlite3 or a stored evidence file would destroy it
    ensure_outside_portfolio(portfolio.folder, out_pdf)
    ensure_writable_target(out_pdf)
    plan = collect(portfolio, config)
    jobs = _image_jobs(plan)
    total_steps = len(jobs) + 4
    done = 1

    def tick(n: int = 1) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(min(done, total_steps), total_steps)

    if progress is not None:
        progress(done, total_steps)
    if cancel is not None:
        cancel.raise_if_cancelled()
    work_dir = _temp_dir(portfolio)
    try:
        base = done
        try:
            cache = _print_cache(portfolio)
            if cache is not None:
                prune_cache(cache, {e.stored_sha256 for e in plan.evidence} | _stored_hashes(portfolio))
            images = prepare_images(jobs, work_dir, cache_dir=cache,
                                    progress=(lambda k: progress(min(base + k, total_steps), total_steps))
                                    if progress else None,
                                    cancelled=(lambda: cancel.cancelled) if cancel is not None else None)
        except ValueError as exc:
            ref = str(exc).split(":", 1)[0]
            entry = next((e for e in plan.evidence if e.ref == ref), None)
            raise UserError("dossier.bad_image", name=entry.original_name if entry else ref,
                            detail=str(exc).split(":", 1)[-1].strip()) from exc
        done = base + len(jobs)
        if cancel is not None:
            cancel.raise_if_cancelled()

        state = _State()
        state.cancel = cancel
        builder = _Builder(plan, state, images)
        if config.include_readiness_appendix:
            from ..readiness import readiness_summary

            in_dossier = {wd.work.id for wd in plan.works}
            # the appendix goes out with the dossier: its findings name people as the
            # testimonial appendix does (labels), never as the lecturer's own check does
            builder.readiness_entries = [
                entry for entry in readiness_summary(portfolio, plan.lang, position=plan.position, route=plan.route,
                                                     anonymiser=plan.anonymiser)
                if entry.work_id is None or entry.work_id in in_dossier
            ]
        meta = dict(
            title=f"{t('doc_title', plan.lang)} — {builder.applicant_full}",
            author=builder.applicant_full,
            subject=t("subject", plan.lang, position=builder.position_label),
            keywords=t("keywords", plan.lang),
            creator=f"EnT Portfolio {__version__}",
            lang="th-TH" if plan.lang == "th" else "en-GB",
        )
        data = b""
        pages = 0
        # binary streams: ASCII85 (ReportLab's default) makes images 25 % larger
        # and its pure-Python encoder is the slowest step of a photo-heavy export
        saved_a85 = rl_config.useA85
        rl_config.useA85 = 0
        try:
            data, pages = _passes(builder, state, meta, tick, cancel)
        finally:
            rl_config.useA85 = saved_a85
        with atomic_write(out_pdf) as handle:
            handle.write(data)
        tick(total_steps)
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)

    final = state.pages
    for e in plan.evidence:
        e.page = final.get(f"ev-{e.number}")
        for c in e.citations:
            c.page = final.get(c.anchor)
    photo_count = sum(1 for e in plan.evidence if e.shown_as == "photo" and e.ref in images)
    scan_count = sum(1 for e in plan.evidence if e.shown_as in ("scan", "letter") and e.ref in images)
    return DossierResult(
        path=out_pdf, pages=pages, size=len(data), photo_count=photo_count, scan_count=scan_count,
        evidence_count=len(plan.evidence), withheld_count=plan.withheld,
        seconds=time.perf_counter() - started, sha256=hashlib.sha256(data).hexdigest(), language=plan.lang,
        evidence=plan.evidence, config=copy.deepcopy(config),
        shortened_sections=[
            (wd.title(plan.lang), (tpl.title_en if plan.lang == "en" and tpl.title_en else tpl.title_th) or tpl.key)
            for wd in plan.works for tpl, content in wd.sections if is_cut(content)],
        image_bytes=sum(img.bytes for ref, img in images.items()
                        if any(e.ref == ref and e.shown_as == "photo" for e in plan.evidence)),
    )
