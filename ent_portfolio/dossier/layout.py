"""The dossier's page geometry, colours, paragraph styles and the small
helpers every part of it uses (labels, cut texts, tables), so the parts a
reader sees look like one document."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, TableStyle

from ..typeset import (
    BOLD,
    ITALIC,
    REGULAR,
    ThaiParagraph,
    clusters,
    escape,
    text_width,
    thai_table,
)
from ..typeset.flowables import ThaiTable
from ..typeset.segmentation import break_opportunities, cluster_boundaries, is_number
from ..typeset.styles import styles
from .texts import t

PAGE_W, PAGE_H = A4
LEFT, RIGHT, TOP, BOTTOM = 68.0, 56.0, 70.0, 62.0
FRAME_W = PAGE_W - LEFT - RIGHT
FRAME_H = PAGE_H - TOP - BOTTOM
#: Box a photo is fitted into (two columns on a page).
PHOTO_BOX = ((FRAME_W - 18) / 2 - 8, 180.0)
#: Box of a full-page scan (below its heading and caption).
SCAN_BOX = (FRAME_W, FRAME_H - 110)

NAVY = colors.HexColor("#1d3557")
MUTED = colors.HexColor("#5b6472")
RULE = colors.HexColor("#c7ced8")
SOFT = colors.HexColor("#f2f5f9")
#: A draft's diagonal mark (under the text: light, yet kept by a photocopier) and its words in the footer.
DRAFT_MARK = colors.HexColor("#dcdfe4")
DRAFT_INK = colors.HexColor("#b42318")


def dossier_styles() -> dict[str, ParagraphStyle]:
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
    st["cover_final"] = ParagraphStyle("cf", body, fontName=BOLD, alignment=TA_CENTER, fontSize=14, leading=22,
                                       textColor=NAVY, spaceAfter=4)
    st["draft_title"] = ParagraphStyle("dt", body, fontName=BOLD, alignment=TA_CENTER, fontSize=20, leading=30,
                                       textColor=DRAFT_INK)
    st["draft_intro"] = ParagraphStyle("di", body, fontName=BOLD, fontSize=11, leading=17, spaceAfter=2)
    st["draft_item"] = ParagraphStyle("dn", body, fontSize=10.5, leading=16, leftIndent=14, firstLineIndent=-14)
    st["cover_note"] = ParagraphStyle("cn", body, alignment=TA_CENTER, fontSize=11, leading=17, textColor=NAVY)
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
    st["toc2"] = ParagraphStyle("toc2", body, fontSize=10, leading=15, leftIndent=32, textColor=MUTED,
                                linkColor=MUTED)
    st["toc_page0"] = ParagraphStyle("tp0", body, fontName=BOLD, leading=19, alignment=TA_RIGHT, linkColor=NAVY)
    st["toc_page1"] = ParagraphStyle("tp1", body, fontSize=10.5, leading=16, alignment=TA_RIGHT,
                                     linkColor=body.textColor)
    st["caption_ref"] = ParagraphStyle("cref", cell, fontName=BOLD, fontSize=9.5, leading=14)
    st["caption"] = ParagraphStyle("cap", cell, fontSize=9.5, leading=14)
    st["chart_title"] = ParagraphStyle("chart", cell, fontName=BOLD, fontSize=8.5, leading=12.5)
    return st




def enum_label(enum_cls, code, lang: str) -> str:
    if not code:
        return ""
    try:
        return enum_cls(code).label(lang)
    except ValueError:
        return str(code)


def _ends_on_number(text: str, cut: int) -> bool:
    """True when ``text[:cut]`` ends with a number: cut there, the number
    stands alone ("…เมื่อวันที่ 20 …") without what it counts or dates."""
    words = text[:cut].rstrip(" ,;:").split(" ")
    return bool(words) and is_number(words[-1])


def _shortened(text: str, cuts: list[int], preferred) -> int | None:
    """The best of the ascending line-break ``cuts`` (all short enough) for
    a shortened ``text``: the last at a space (between phrases) that is
    ``preferred`` (long enough), else the last; never one leaving a number
    at the end while another will do."""
    if not cuts:
        return None
    whole = [c for c in cuts if not _ends_on_number(text, c)] or cuts
    phrases = [c for c in whole if text[c - 1] == " " and preferred(c)]
    return (phrases or whole)[-1]


def fit_width(text: str, width: float, font: str, size: float) -> str:
    """``text`` shortened with an ellipsis to fit ``width``: between phrases
    where one ends in the last ~30 % of the room, else between words (the
    running header's title used to end "…บ้านบ่อห…"), between grapheme
    clusters only when not even one word fits."""
    if text_width(text, font, size) <= width:
        return text

    def shown(cut: int) -> str:
        return text[:cut].rstrip(" ,;:") + "…"

    cuts = list(break_opportunities(text))
    lo, hi = 0, len(cuts)  # widths grow with the cut: how many fit, by halving
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if text_width(shown(cuts[mid - 1]), font, size) <= width:
            lo = mid
        else:
            hi = mid - 1
    cut = _shortened(text, cuts[:lo], lambda c: text_width(shown(c), font, size) >= 0.7 * width)
    if cut is not None:
        return shown(cut)
    out = ""
    for cl in clusters(text):
        if text_width(out + cl + "…", font, size) > width:
            break
        out += cl
    return out.rstrip() + "…"


def excerpt(text: str, limit: int = 230) -> str:
    """``text`` in at most ``limit`` characters and " …": cut between phrases
    (at a space) in the last ~30 % of the limit, else between words, never
    inside an abbreviation, a date or a number with its unit (the line
    breaker's rules), and not after a number left alone."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    # the rules need the words after the cut: look a little past it
    cuts = [c for c in break_opportunities(text[:limit + 40]) if c <= limit]
    cut = _shortened(text, cuts, lambda c: c >= limit * 0.7)
    if cut is None:
        bounds = [b for b in cluster_boundaries(text, 0, limit + 1) if b <= limit]
        cut = bounds[-1] if bounds else limit
    return text[:cut].rstrip(" ,;:") + " …"


def size_text(size: int, lang: str) -> str:
    if size >= 1024 * 1024:
        return t("size_mb", lang, mb=f"{size / 1024 / 1024:.1f}")
    return t("size_kb", lang, kb=f"{max(1, round(size / 1024)):,}")


def kv_table(rows: list[tuple[str, object]], st, key_width: float = 150) -> ThaiTable:
    data = []
    for key, value in rows:
        cell = value if isinstance(value, (Flowable, list)) else ThaiParagraph(escape(str(value)), st["cell"])
        data.append([ThaiParagraph(escape(key), st["key"]), cell])
    table = ThaiTable(data, colWidths=[key_width, FRAME_W - key_width], hAlign="LEFT", splitInRow=1)
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


def grid_table(rows, widths, *, header_rows: int = 1, extra=()) -> ThaiTable:
    return thai_table(rows, widths, header_rows=header_rows, table_style=[
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, NAVY),
        *extra,
    ], header_background=SOFT, hAlign="LEFT", splitInRow=1)


