"""The faculty report as an A4 PDF in Thai (or English), set by the dossier's
typesetting layer: Sarabun, the one line breaker (no word is cut), the
dossier's page geometry, colours, styles and tables, bookmarks for every
part and "หน้า x / y" at the foot of every page.

Laid out twice: the first pass counts the pages, the second prints the
total beside each page number (the footer takes no room from the body, so
the second pass lands the same way)."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, Frame, KeepTogether, PageBreak, PageTemplate, Spacer

from ..dossier.flowables import Heading, PassState
from ..dossier.layout import (
    BOTTOM,
    FRAME_H,
    FRAME_W,
    LEFT,
    MUTED,
    NAVY,
    PAGE_H,
    PAGE_W,
    RIGHT,
    TOP,
    dossier_styles,
    fit_width,
    grid_table,
)
from ..storage.files import atomic_write
from ..storage.paths import ensure_writable_target
from ..typeset import REGULAR, ThaiDocTemplate, ThaiParagraph, draw_text, escape, format_date
from ..typeset.segmentation import extra_words
from .report_chart import CountBars
from .report_data import FacultyReport
from .report_tables import ReportTable, period_text, report_tables, summary_rows, word

#: Bars a chart shows at most (the table below it lists every row).
CHART_ROWS = 15


class _Doc(ThaiDocTemplate):
    def beforeDocument(self) -> None:  # noqa: N802
        self.canv.showOutline()  # the bookmarks open beside the first page


def _number_text(value, kind: str) -> str:
    if value is None:
        return "–"
    if kind == "share":
        return f"{value * 100:.1f}%"
    return f"{value:,}"


def _table(table: ReportTable, st) -> Flowable:
    widths = {2: [FRAME_W - 110, 110], 3: [FRAME_W - 200, 100, 100],
              4: [FRAME_W * 0.38, FRAME_W * 0.32, FRAME_W * 0.15, FRAME_W * 0.15]}[len(table.columns)]
    header_right = ParagraphStyle("key_right", st["key"], alignment=TA_RIGHT)
    header = [ThaiParagraph(escape(c), st["key"] if k == "text" else header_right)
              for c, k in zip(table.columns, table.kinds)]

    def cells(values: list, bold: bool = False) -> list:
        out = []
        for value, kind in zip(values, table.kinds):
            text = escape(str(value or "")) if kind == "text" else escape(_number_text(value, kind))
            out.append(ThaiParagraph(f"<b>{text}</b>" if bold else text,
                                     st["cell"] if kind == "text" else st["cell_right"]))
        return out

    rows = [header] + [cells(r) for r in table.rows] + [cells(r, bold=True) for r in table.totals]
    return grid_table(rows, widths)


def _chart(table: ReportTable, st, lang: str) -> Flowable | None:
    count_column = table.kinds.index("int")
    rows = [(str(r[0]), int(r[count_column] or 0)) for r in table.rows if (r[count_column] or 0) > 0]
    if not rows or table.key == "ready":
        return None
    title = table.columns[count_column]
    if len(rows) > CHART_ROWS:
        rows = sorted(rows, key=lambda r: -r[1])[:CHART_ROWS]
        title += f" ({word('top_provinces', lang, n=CHART_ROWS)})" if table.key == "partner_provinces" else ""
    return CountBars(title, rows, FRAME_W, title_style=st["chart_title"])


def _cover(report: FacultyReport, st, state: PassState, lang: str) -> list[Flowable]:
    out: list[Flowable] = [Spacer(1, 70)]
    if report.universities:
        out.append(ThaiParagraph(escape(" · ".join(report.universities)), st["cover_kicker"]))
    title = word("title", lang)
    out += [Spacer(1, 10), Heading(escape(title), st["cover_title"], "cover", state, outline=(title, 0), markup=True),
            ThaiParagraph(escape(word("subtitle", lang)), st["cover_line"]), Spacer(1, 22)]
    if report.faculties:
        out.append(ThaiParagraph(escape(" · ".join(report.faculties)), st["cover_big"]))
    out += [Spacer(1, 10), ThaiParagraph(escape(period_text(report, lang)), st["cover_final"])]
    if report.period is not None:
        out.append(ThaiParagraph(escape(word("fiscal_rule", lang)), st["cover_small"]))
    out += [Spacer(1, 6), ThaiParagraph(escape(word("generated", lang, when=format_date(report.generated_at, lang))),
                                        st["cover_small"]), Spacer(1, 30)]
    if report.empty:
        key = "empty_db" if report.lecturers_loaded == 0 else "empty_year"
        text = word(key, lang, period=period_text(report, lang), lecturers=report.lecturers_loaded)
        return out + [ThaiParagraph(escape(text), st["cover_note"])]
    glance = ReportTable("glance", word("at_a_glance", lang), "", [word("item", lang), word("number", lang)],
                         ["text", "int"], summary_rows(report, lang))
    return out + [ThaiParagraph(f"<b>{escape(glance.title)}</b>", st["cover_note"]), Spacer(1, 4),
                  _table(glance, st)]


def _body(report: FacultyReport, st, state: PassState, lang: str) -> list[Flowable]:
    out: list[Flowable] = []
    for table in report_tables(report, lang):
        out += [CondPageBreak(200), Heading(escape(table.title), st["h1"], f"t-{table.key}", state,
                                            outline=(table.title, 0), markup=True)]
        if table.note:
            out.append(ThaiParagraph(escape(table.note), st["note"]))
        chart = _chart(table, st, lang)
        if chart is not None:
            out += [KeepTogether([chart]), Spacer(1, 10)]
        if table.key == "ready" and not table.rows:
            out.append(ThaiParagraph(escape(word("none_ready", lang)), st["body"]))
        else:
            out.append(_table(table, st))
        out.append(Spacer(1, 14))
    return out


def _footer(canv, lang: str, period: str, total: int | None) -> None:
    canv.saveState()
    y = BOTTOM - 30
    canv.setStrokeColor(MUTED)
    canv.setLineWidth(0.4)
    canv.line(LEFT, y + 12, PAGE_W - RIGHT, y + 12)
    page = canv.getPageNumber()
    number = word("page", lang, page=page, total=total if total is not None else page)
    width = draw_text(canv, PAGE_W - RIGHT, y, number, REGULAR, 8.5, "right", MUTED)
    left = fit_width(f"{word('title', lang)} · {period}", FRAME_W - width - 24, REGULAR, 8.5)
    draw_text(canv, LEFT, y, left, REGULAR, 8.5, "left", MUTED)
    if page == 1:
        canv.setFillColor(NAVY)
        canv.rect(0, 0, 22, PAGE_H, stroke=0, fill=1)
    canv.restoreState()


def _build(report: FacultyReport, lang: str, total: int | None) -> tuple[bytes, int]:
    st = dossier_styles()
    state = PassState()
    buffer = io.BytesIO()
    period = period_text(report, lang)
    doc = _Doc(buffer, pagesize=A4, leftMargin=LEFT, rightMargin=RIGHT, topMargin=TOP, bottomMargin=BOTTOM,
               title=f"{word('title', lang)} — {period}", author=" · ".join(report.faculties or report.universities),
               subject=word("subtitle", lang), creator="EnT Portfolio")
    frame = Frame(LEFT, BOTTOM, FRAME_W, FRAME_H, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("page", [frame], onPageEnd=lambda c, d: _footer(c, lang, period, total),
                                       pagesize=A4)])
    story = _cover(report, st, state, lang)
    if not report.empty:
        story += [PageBreak()] + _body(report, st, state, lang)
    doc.build(story)
    return buffer.getvalue(), doc.page


def _own_words(report: FacultyReport) -> list[str]:
    """Names the dictionary lacks (people, places, institutions), for the line breaker."""
    names = [*report.faculties, *report.universities]
    names += [r.name_th for r in report.ready_lecturers] + [r.department for r in report.ready_lecturers]
    names += [c.th for c in report.partner_provinces.counts]
    return [n for n in names if n]


def render_report_pdf(report: FacultyReport, lang: str = "th") -> tuple[bytes, int]:
    """The PDF's bytes and its number of pages."""
    if lang not in ("th", "en"):
        raise ValueError(f"unknown language {lang!r}")
    with extra_words(_own_words(report)):
        _, pages = _build(report, lang, None)
        data, final_pages = _build(report, lang, pages)
    if final_pages != pages:  # cannot happen while the footer takes no room; never print a wrong total
        data, final_pages = _build(report, lang, final_pages)
    return data, final_pages


def write_report_pdf(report: FacultyReport, out: Path | str, lang: str = "th") -> int:
    """Write the PDF to ``out`` in one step (a failure leaves any file there
    as it was); return its number of pages."""
    out = ensure_writable_target(out)
    data, pages = render_report_pdf(report, lang)
    with atomic_write(out) as handle:
        handle.write(data)
    return pages
