"""Thai typesetting for every PDF the app makes (pure core: no Qt).

Typical use in a dossier builder::

    from ent_portfolio.typeset import (
        SimpleThaiDocTemplate, ThaiParagraph, styles, thai_table, draw_text,
    )

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
:mod:`.layout` (line breaking and drawing), :mod:`.flowables`,
:mod:`.styles`, :mod:`.dates` (pure).

Importing this package is cheap: names are loaded on first access, and the
Thai segmenter (PyThaiNLP) only on the first line break of Thai text.
ReportLab keeps module-level state: make one PDF at a time.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

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
    # layout and drawing
    "Line": "layout", "Content": "layout", "layout_lines": "layout",
    "draw_lines": "layout", "draw_paragraph": "layout", "draw_text": "layout",
    "alignment": "layout",
    # platypus
    "ThaiParagraph": "flowables", "thai_table": "flowables", "table_cell": "flowables",
    "ThaiDocTemplate": "flowables", "SimpleThaiDocTemplate": "flowables",
    "make_canvas": "flowables",
    # styles
    "styles": "styles", "STYLE_NAMES": "styles",
    # dates
    "format_date": "dates", "format_period": "dates", "buddhist_year": "dates",
    "format_year": "dates",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs
    from .dates import buddhist_year, format_date, format_period, format_year
    from .flowables import (
        SimpleThaiDocTemplate,
        ThaiDocTemplate,
        ThaiParagraph,
        make_canvas,
        table_cell,
        thai_table,
    )
    from .fonts import (
        BOLD,
        BOLD_ITALIC,
        FAMILY,
        ITALIC,
        REGULAR,
        FontFiles,
        face_name,
        font_files,
        licence_text,
        register_fonts,
        shape,
        text_width,
    )
    from .layout import Content, Line, alignment, draw_lines, draw_paragraph, draw_text, layout_lines
    from .markup import MarkupError, escape
    from .segmentation import (
        break_opportunities,
        cluster_boundaries,
        clusters,
        preload,
        segment,
        word_boundaries,
    )
    from .styles import STYLE_NAMES, styles
