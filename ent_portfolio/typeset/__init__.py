"""Thai typesetting for every PDF the app makes (pure core: no Qt).

Typical use in a dossier builder::

    from ent_portfolio.typeset import SimpleThaiDocTemplate, ThaiParagraph, thai_table, draw_text
    from ent_portfolio.typeset.styles import styles

    st = styles()
    story = [
        ThaiParagraph("แฟ้มเสนอขอตำแหน่ง", st["title"]),
        ThaiParagraph("ชุมชนร่วมคิดร่วมทำ <b>ตั้งแต่ต้น</b> ดู <a href='#ev-3'>หลักฐาน 3</a>",
                      st["body_justified"]),
        thai_table([["ตัวชี้วัด", "ค่าฐาน"], ["ฝุ่น PM2.5 (µg/m³)", "52"]], [300, 100]),
    ]
    doc = SimpleThaiDocTemplate("dossier.pdf")   # canvas starts in Sarabun
    doc.build(story)

Modules: :mod:`.fonts` (Sarabun files, registration, shaping),
:mod:`.segmentation` (word boundaries, lazy PyThaiNLP), :mod:`.markup`,
:mod:`.layout` (line breaking), :mod:`.drawing` (lines on a canvas),
:mod:`.flowables`, :mod:`.styles`, :mod:`.dates` (pure).

Importing this package is cheap: names are loaded on first access, and the
Thai segmenter (PyThaiNLP) only on the first line break of Thai text.
ReportLab keeps module-level state: make one PDF at a time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy_names import lazy_names

_EXPORTS = {
    # fonts
    "FAMILY": "fonts", "REGULAR": "fonts", "BOLD": "fonts", "ITALIC": "fonts",
    "BOLD_ITALIC": "fonts", "FontFiles": "fonts", "font_files": "fonts",
    "licence_text": "fonts", "register_fonts": "fonts", "face_name": "fonts",
    "shape": "fonts", "text_width": "fonts",
    # segmentation
    "segment": "segmentation", "word_boundaries": "segmentation",
    "break_opportunities": "segmentation", "cluster_boundaries": "segmentation",
    "clusters": "segmentation", "preload": "segmentation",
    # markup
    "escape": "markup", "MarkupError": "markup",
    # line breaking
    "Line": "layout", "Content": "layout", "layout_lines": "layout",
    # drawing
    "draw_lines": "drawing", "draw_paragraph": "drawing", "draw_text": "drawing",
    "alignment": "drawing",
    # platypus
    "ThaiParagraph": "flowables", "thai_table": "flowables", "table_cell": "flowables",
    "ThaiDocTemplate": "flowables", "SimpleThaiDocTemplate": "flowables",
    "make_canvas": "flowables",
    # styles
    # Not the function ``styles``: it shares its module's name (import it from
    # ``.styles``; see lazy_names).
    "STYLE_NAMES": "styles",
    # dates
    "format_date": "dates", "format_period": "dates", "buddhist_year": "dates",
    "format_year": "dates",
}

__all__ = sorted(_EXPORTS)


__getattr__, __dir__ = lazy_names(__name__, globals(), _EXPORTS)


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs; "x as x" marks a re-export
    from .dates import buddhist_year as buddhist_year
    from .dates import format_date as format_date
    from .dates import format_period as format_period
    from .dates import format_year as format_year
    from .drawing import alignment as alignment
    from .drawing import draw_lines as draw_lines
    from .drawing import draw_paragraph as draw_paragraph
    from .drawing import draw_text as draw_text
    from .flowables import SimpleThaiDocTemplate as SimpleThaiDocTemplate
    from .flowables import ThaiDocTemplate as ThaiDocTemplate
    from .flowables import ThaiParagraph as ThaiParagraph
    from .flowables import make_canvas as make_canvas
    from .flowables import table_cell as table_cell
    from .flowables import thai_table as thai_table
    from .fonts import BOLD as BOLD
    from .fonts import BOLD_ITALIC as BOLD_ITALIC
    from .fonts import FAMILY as FAMILY
    from .fonts import ITALIC as ITALIC
    from .fonts import REGULAR as REGULAR
    from .fonts import FontFiles as FontFiles
    from .fonts import face_name as face_name
    from .fonts import font_files as font_files
    from .fonts import licence_text as licence_text
    from .fonts import register_fonts as register_fonts
    from .fonts import shape as shape
    from .fonts import text_width as text_width
    from .layout import Content as Content
    from .layout import Line as Line
    from .layout import layout_lines as layout_lines
    from .markup import MarkupError as MarkupError
    from .markup import escape as escape
    from .segmentation import break_opportunities as break_opportunities
    from .segmentation import cluster_boundaries as cluster_boundaries
    from .segmentation import clusters as clusters
    from .segmentation import preload as preload
    from .segmentation import segment as segment
    from .segmentation import word_boundaries as word_boundaries
    from .styles import STYLE_NAMES as STYLE_NAMES
