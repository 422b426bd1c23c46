"""Drawing laid-out Thai lines on a ReportLab canvas, so that what a reader
copies out of the PDF is the text that was written.

Each line is drawn as positioned glyph runs in one text object.  When what a
PDF reader would extract from the glyphs is not exactly the line's text (SARA
AM is decomposed by shaping; justified Thai has gaps between words that a
reader would turn into spaces), the line is wrapped in a marked-content
``/Span`` with ``/ActualText`` holding the line's text, which readers such as
Poppler (``pdftotext``), Acrobat and PDFium use for copy and search.  The
lines themselves come from the line breaker, :mod:`.layout`.

Public entry points: :func:`draw_lines`, :func:`draw_paragraph`,
:func:`draw_text`, :func:`alignment` and :func:`baseline_offset`.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.pdfbase.ttfonts import ShapedStr

from . import fonts
from .fonts import ASCENT, DESCENT, REGULAR, shape
from .layout import TABS_AS_SPACES, Content, Line, Piece, layout_lines
from .markup import parse, safe_text
from .segmentation import clusters, is_thai

__all__ = ["alignment", "baseline_offset", "draw_lines", "draw_paragraph", "draw_text"]

#: Widest share of extra space (em) between two Thai clusters when
#: justifying; a line that would need more is left ragged.
MAX_GAP = 0.3

_ALIGN_NAMES = {
    TA_LEFT: "left", TA_CENTER: "center", TA_RIGHT: "right", TA_JUSTIFY: "justify",
    "left": "left", "center": "center", "centre": "center", "right": "right",
    "justify": "justify", "justified": "justify", "distributed": "justify",
}


def alignment(value) -> str:
    """Normalise an alignment to ``"left"``, ``"center"``, ``"right"`` or ``"justify"``.

    Accepts ReportLab's ``TA_LEFT``/``TA_CENTER``/``TA_RIGHT``/``TA_JUSTIFY``
    and the names ``left``, ``center``/``centre``, ``right``,
    ``justify``/``distributed``.
    """
    key = value.lower() if isinstance(value, str) else value
    try:
        return _ALIGN_NAMES[key]
    except (KeyError, TypeError):
        raise ValueError(f"unknown alignment {value!r}") from None


def baseline_offset(size: float, leading: float) -> float:
    """Distance from the top of a line box to its baseline.

    The extra leading is split evenly above and below Sarabun's
    ascender-to-descender box, so stacked Thai marks have room on both sides.
    """
    content = (ASCENT + DESCENT) * size / 1000.0
    return (leading - content) / 2.0 + ASCENT * size / 1000.0


def _actual_text_literal(text: str) -> str:
    return "/Span <</ActualText <FEFF" + text.encode("utf-16-be").hex().upper() + ">>> BDC"


def _stretch_weight(before: str, after: str) -> int:
    """Share of a justified line's extra width that goes between two clusters.

    Thai distributed justification: every boundary that touches a Thai
    cluster gets one share, the start of a word after a space gets two
    (spaces stay the widest gaps), and Latin words and numbers are never
    letter-spaced.
    """
    if after[:1].isspace():
        return 0
    if before[-1:].isspace():
        return 2
    if is_thai(before[-1:] or " ") or is_thai(after[:1] or " "):
        return 1
    return 0


def _justify(pieces: Sequence[Piece], avail: float, size: float) -> list[tuple[Piece, float]] | None:
    """Pieces cut at stretchable cluster boundaries, each with the gap before it.

    ``None`` when the line has nowhere to stretch or would need gaps wider
    than :data:`MAX_GAP` em (the line is then left ragged).
    """
    units: list[list] = []  # [start, text, font, href, weight]
    for p in pieces:
        pos = p.start
        for cl in clusters(p.text):
            if units:
                prev = units[-1]
                weight = _stretch_weight(prev[1], cl)
                if weight == 0 and prev[2] == p.font and prev[3] == p.href:
                    prev[1] += cl
                    pos += len(cl)
                    continue
            else:
                weight = 0
            units.append([pos, cl, p.font, p.href, weight])
            pos += len(cl)
    total = sum(u[4] for u in units)
    if not total:
        return None
    shaped = [Piece(u[0], u[0] + len(u[1]), u[2], shape(u[2], u[1]), u[3], u[4] > 0) for u in units]
    extra = avail - sum(p.shaped.width(size) for p in shaped)
    per = extra / total
    if per <= 0 or per > MAX_GAP * size:
        return None
    return [(p, u[4] * per) for p, u in zip(shaped, units)]


def _place(line: Line, align: str, size: float, justify_line: bool) -> tuple[float, list[tuple[float, Piece]], bool]:
    """x of each piece (relative to the line box's left edge) and whether gaps were added."""
    pieces = list(line.pieces)
    extra = line.avail - line.width
    gaps: list[float] = [0.0] * len(pieces)
    if align == "justify" and justify_line and extra > 0.01 and pieces:
        spread = _justify(pieces, line.avail, size)
        if spread is not None:
            pieces = [p for p, _g in spread]
            gaps = [g for _p, g in spread]
    if align == "center":
        x = line.indent + extra / 2.0
    elif align == "right":
        x = line.indent + extra
    else:
        x = line.indent
    placed = []
    gapped_inside_words = False
    for k, p in enumerate(pieces):
        if gaps[k] > 0:
            x += gaps[k]
            prev = pieces[k - 1].text
            if not (p.text[:1].isspace() or prev[-1:].isspace()):
                gapped_inside_words = True
        placed.append((x, p))
        x += p.shaped.width(size)
    return x, placed, gapped_inside_words


def _draw_line(canvas, line: Line, x0: float, baseline: float, size: float, align: str,
               justify_line: bool, color, link_color, underline_links: bool) -> None:
    _end, placed, gapped = _place(line, align, size, justify_line)
    if not placed:
        return
    actual = gapped or not all(p.shaped.plain for _x, p in placed)
    if actual:
        canvas.addLiteral(_actual_text_literal(line.text))
    t = canvas.beginText()
    cur_font = cur_color = None
    # a run: glyphs of one font and colour drawn from one text origin; gaps
    # between its pieces go into the advance of the glyph before the gap
    run_x = 0.0
    run_chars: list[str] = []
    run_data: list = []
    run_end = 0.0

    def flush():
        if run_chars:
            t.setTextOrigin(x0 + run_x, baseline)
            t.textOut(ShapedStr("".join(run_chars), shapeData=list(run_data)))
            run_chars.clear()
            run_data.clear()

    for x, p in placed:
        glyphs = p.shaped.glyphs
        if not glyphs:
            continue
        c = link_color if p.href else color
        if p.font != cur_font or c != cur_color or not run_chars or x < run_end - 1e-4:
            flush()
            if p.font != cur_font:
                t.setFont(p.font, size)
                cur_font = p.font
            if c != cur_color:
                t.setFillColor(c)
                cur_color = c
            run_x = x
        elif x > run_end + 1e-4:
            last = run_data[-1]
            run_data[-1] = last._replace(x_advance=last.x_advance + (x - run_end) * 1000.0 / size)
        run_chars.append(str(glyphs))
        run_data.extend(glyphs.__shapeData__)
        run_end = x + p.shaped.width(size)
    flush()
    canvas.drawText(t)
    if actual:
        canvas.addLiteral("EMC")
    _draw_links(canvas, placed, x0, baseline, size, link_color, underline_links)


def _draw_links(canvas, placed, x0: float, baseline: float, size: float, link_color, underline_links: bool) -> None:
    """One link rectangle per stretch of pieces with the same target on a line
    (a link broken across pieces is still one click)."""
    k = 0
    while k < len(placed):
        href = placed[k][1].href
        if not href:
            k += 1
            continue
        m = k
        while m + 1 < len(placed) and placed[m + 1][1].href == href:
            m += 1
        left = x0 + placed[k][0]
        right = x0 + placed[m][0] + placed[m][1].shaped.width(size)
        rect = (left, baseline - DESCENT * size / 1000.0, right, baseline + ASCENT * size / 1000.0)
        if href.startswith("#"):
            canvas.linkRect("", href[1:], rect, relative=1, thickness=0)
        else:
            canvas.linkURL(href, rect, relative=1, thickness=0)
        if underline_links:
            canvas.setStrokeColor(link_color)
            canvas.setLineWidth(max(size / 20.0, 0.4))
            canvas.line(left, baseline - size * 0.12, right, baseline - size * 0.12)
        k = m + 1


def draw_lines(
    canvas,
    lines: Sequence[Line],
    x: float,
    top: float,
    *,
    size: float,
    leading: float,
    align="left",
    color=colors.black,
    link_color=None,
    underline_links: bool = False,
    continues: bool = False,
    anchors: Sequence[tuple[int, str]] = (),
) -> float:
    """Draw laid-out ``lines`` with the top of the first line box at ``top``.

    ``x`` is the left edge of the text column (line indents are added).
    ``continues`` says the last line is not the paragraph's last (it was
    split across frames) and may be justified.  ``anchors`` are
    ``(offset, name)`` destinations to bind at the lines holding them.
    Returns the height used (``len(lines) * leading``).
    """
    align = alignment(align)
    link_color = link_color if link_color is not None else color
    canvas.saveState()
    try:
        base = baseline_offset(size, leading)
        for k, line in enumerate(lines):
            baseline = top - k * leading - base
            justify_line = not line.is_final or (continues and k == len(lines) - 1 and line.brk != "newline")
            _draw_line(canvas, line, x, baseline, size, align, justify_line, color, link_color, underline_links)
        for offset, name in anchors:
            for k, line in enumerate(lines):
                if offset <= line.end or k == len(lines) - 1:
                    canvas.bookmarkHorizontal(name, x + line.indent, top - k * leading)
                    break
    finally:
        canvas.restoreState()
    return len(lines) * leading


def draw_paragraph(canvas, x: float, top: float, width: float, text: str, style, *, markup: bool = True) -> float:
    """Lay out and draw ``text`` (paragraph markup) in a column; return its height.

    For canvas-level drawing (cover pages, boxes) where no platypus frame is
    used.  ``style`` is a ParagraphStyle such as ``styles()["body"]``.
    """
    content = Content(parse(text, markup), style.fontName, style.fontSize)
    lines = layout_lines(
        content, width,
        first_indent=getattr(style, "firstLineIndent", 0) or 0,
        left_indent=getattr(style, "leftIndent", 0) or 0,
        right_indent=getattr(style, "rightIndent", 0) or 0,
    )
    return draw_lines(
        canvas, lines, x, top,
        size=style.fontSize, leading=style.leading,
        align=getattr(style, "alignment", "left"),
        color=getattr(style, "textColor", None) or colors.black,
        link_color=getattr(style, "linkColor", None),
        underline_links=bool(getattr(style, "linkUnderline", False)),
        anchors=content.parsed.anchors,
    )


def draw_text(canvas, x: float, y: float, text: str, font: str = REGULAR, size: float = 10,
              align: str = "left", color=None) -> float:
    """Draw ``text`` shaped on one line with its baseline at ``y``; return its width.

    ``align="left"`` puts the start at ``x``, ``"center"`` centres on ``x``,
    ``"right"`` ends at ``x``.  No wrapping and no markup (newlines become
    spaces); for headers, footers, page numbers and chart labels.  The
    segmenter is not used.  The text extracts exactly from the PDF.
    """
    fonts.register_fonts()
    text = safe_text(text).replace("\n", " ").translate(TABS_AS_SPACES)
    shaped = shape(font, text)
    w = shaped.width(size)
    align = alignment(align)
    if align == "center":
        x -= w / 2.0
    elif align == "right":
        x -= w
    line = Line(0, len(text), text, w, 0.0, w, "end", (Piece(0, len(text), font, shaped),))
    canvas.saveState()
    try:
        c = color if color is not None else colors.black
        _draw_line(canvas, line, x, y, size, "left", False, c, c, False)
    finally:
        canvas.restoreState()
    return w
