"""Named paragraph styles for Thai documents, all in Sarabun.

``styles()`` returns a fresh ``dict`` of ReportLab ``ParagraphStyle``
objects, so a caller may adjust one without affecting others::

    s = styles()
    ThaiParagraph("บทคัดย่อ", s["h2"])

=================  ====  =======  ==========================================
name               size  leading  notes
=================  ====  =======  ==========================================
``title``          22    33       bold, centred (cover, dossier title)
``h1``             17    25.5     bold, keep with next
``h2``             14.5  22       bold, keep with next
``h3``             12.5  19       bold, keep with next
``body``           11.5  17.5     left aligned
``body_justified`` 11.5  17.5     Thai distributed justification
``caption``        10    15       italic (photo and table captions)
``table_cell``     10    15       for :func:`thai_table` cells
``table_header``   10    15       bold
``small``          9     13.5     notes, footers, manifests
=================  ====  =======  ==========================================

Sarabun's Thai has tall stacked marks (ปี่ reaches 1.2 em above the
baseline, ฎุ 0.5 em below), so leading is about 1.5 times the size.
Sarabun at 11.5 pt reads like the Thai government's TH Sarabun at 16 pt.

Besides ReportLab's usual attributes, a style may carry ``linkColor`` (the
colour of ``<a href>`` text) which :class:`ThaiParagraph` uses.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from .fonts import BOLD, ITALIC, REGULAR, register_fonts

STYLE_NAMES = (
    "title", "h1", "h2", "h3", "body", "body_justified",
    "caption", "table_cell", "table_header", "small",
)

#: Colour of link text.
LINK_COLOR = colors.HexColor("#1a4d8f")
#: Colour of body text (near-black prints crisper than 100 % black on some printers).
TEXT_COLOR = colors.HexColor("#111111")


def styles() -> dict[str, ParagraphStyle]:
    """The named styles (see the module doc); registers the fonts first."""
    register_fonts()
    base = ParagraphStyle(
        "base",
        fontName=REGULAR,
        fontSize=11.5,
        leading=17.5,
        alignment=TA_LEFT,
        textColor=TEXT_COLOR,
        linkColor=LINK_COLOR,
        bulletFontName=REGULAR,
        allowWidows=0,
        allowOrphans=0,
        spaceBefore=0,
        spaceAfter=0,
    )

    def heading(name: str, size: float, leading: float, before: float, after: float) -> ParagraphStyle:
        return ParagraphStyle(name, base, fontName=BOLD, fontSize=size, leading=leading,
                              spaceBefore=before, spaceAfter=after, keepWithNext=1,
                              bulletFontName=BOLD)

    out = {
        "title": ParagraphStyle("title", base, fontName=BOLD, fontSize=22, leading=33,
                                alignment=TA_CENTER, spaceAfter=12, bulletFontName=BOLD),
        "h1": heading("h1", 17, 25.5, 12, 6),
        "h2": heading("h2", 14.5, 22, 10, 4),
        "h3": heading("h3", 12.5, 19, 8, 2),
        "body": ParagraphStyle("body", base, spaceAfter=6),
        "body_justified": ParagraphStyle("body_justified", base, alignment=TA_JUSTIFY, spaceAfter=6),
        "caption": ParagraphStyle("caption", base, fontName=ITALIC, fontSize=10, leading=15,
                                  spaceBefore=2, spaceAfter=8, bulletFontName=ITALIC),
        "table_cell": ParagraphStyle("table_cell", base, fontSize=10, leading=15),
        "table_header": ParagraphStyle("table_header", base, fontName=BOLD, fontSize=10,
                                       leading=15, bulletFontName=BOLD),
        "small": ParagraphStyle("small", base, fontSize=9, leading=13.5),
    }
    assert tuple(out) == STYLE_NAMES
    return out
