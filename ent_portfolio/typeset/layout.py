"""Thai line breaking and drawing of shaped lines on a ReportLab canvas.

The line breaker decides the lines itself (ReportLab's ``Paragraph`` breaks
Thai in the middle of words): it measures segments between break
opportunities (:mod:`.segmentation`) with shaped advances (:func:`.fonts.shape`)
and fills lines greedily.  A word wider than a line moves to a fresh line and
is cut there at grapheme-cluster boundaries.

Each line is drawn as positioned glyph runs in one text object.  When what a
PDF reader would extract from the glyphs is not exactly the line's text (SARA
AM is decomposed by shaping; justified Thai has gaps between words that a
reader would turn into spaces), the line is wrapped in a marked-content
``/Span`` with ``/ActualText`` holding the line's text, which readers such as
Poppler (``pdftotext``), Acrobat and PDFium use for copy and search.

Work is linear in the length of the text: nothing longer than a line is
shaped more than a bounded number of times (a word longer than a line is
measured in windows that grow from the line's width, not to the end of the
word), so a paragraph of hundreds of thousands of characters pages in
seconds and a few hundred megabytes at most.

Public entry points: :func:`layout_lines`, :func:`draw_lines`,
:func:`draw_paragraph`, :func:`draw_text`, :func:`text_width` and
:func:`alignment`.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.pdfbase.ttfonts import ShapedStr

from . import fonts
from .fonts import ASCENT, DESCENT, REGULAR, Shaped, face_name, shape, text_width
from .markup import Parsed, Run, parse, safe_text
from .segmentation import (
    break_opportunities,
    cluster_boundaries,
    clusters,
    hard_breaks,
    is_combining,
    is_thai,
)

__all__ = [
    "Line",
    "Piece",
    "Content",
    "alignment",
    "layout_lines",
    "draw_lines",
    "draw_paragraph",
    "draw_text",
    "text_width",
    "baseline_offset",
]

_EPS = 1e-6
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


# ------------------------------------------------------------------ model

@dataclass(frozen=True)
class Piece:
    """A stretch of one line set in one font.

    ``start``/``end`` index the paragraph's plain text; ``boundary`` is true
    when a justification gap may go before this piece (a word boundary).
    """

    start: int
    end: int
    font: str
    shaped: Shaped
    href: str | None = None
    boundary: bool = False

    @property
    def text(self) -> str:
        return self.shaped.text


@dataclass(frozen=True)
class Line:
    """One laid-out line.

    ``text`` is exactly ``plain_text[start:end]``: what the line shows and
    what a PDF reader extracts from it.  ``brk`` says how the line ended:
    ``"space"`` (at spaces, which are dropped), ``"word"`` (at a Thai word
    boundary, nothing dropped or added), ``"cluster"`` (a word too long for
    the line was cut between grapheme clusters), ``"newline"`` (a forced
    break) or ``"end"`` (end of the paragraph).
    """

    start: int
    end: int
    text: str
    width: float
    indent: float
    avail: float
    brk: str
    pieces: tuple[Piece, ...] = field(repr=False, default=())

    @property
    def is_final(self) -> bool:
        """True when the line is not justified (paragraph end or forced break)."""
        return self.brk in ("end", "newline")


class Content:
    """A paragraph's plain text, attribute runs and base font, ready to measure."""

    def __init__(self, parsed: Parsed, font: str = REGULAR, size: float = 10) -> None:
        fonts.register_fonts()
        # tabs and carriage returns are spaces (one for one: offsets stay valid)
        self.text = parsed.text.translate(_WS_TABLE)
        self.parsed = parsed
        self.size = float(size)
        self.font = font
        runs = parsed.runs or (Run(0, 0),)
        self.runs = runs
        self._run_starts = [r.start for r in runs]
        self._run_fonts = [face_name(font, r.bold, r.italic) for r in runs]
        self._soft: tuple[int, ...] | None = None
        self._hard: tuple[int, ...] | None = None

    # -- measuring
    def _run_slices(self, a: int, b: int) -> Iterable[tuple[int, int, int]]:
        """(start, end, run index) of the runs covering ``[a, b)``."""
        k = max(0, bisect.bisect_right(self._run_starts, a) - 1)
        runs = self.runs
        while a < b and k < len(runs):
            end = min(b, runs[k].end) if k + 1 < len(runs) else b
            if end > a:
                yield a, end, k
                a = end
            k += 1

    def measure(self, a: int, b: int) -> float:
        """Width in points of ``text[a:b]`` (runs shaped separately)."""
        text = self.text
        total = 0.0
        for x, y, k in self._run_slices(a, b):
            total += shape(self._run_fonts[k], text[x:y]).advance
        return total * self.size / 1000.0

    def pieces(self, a: int, b: int, boundary: bool = False) -> list[Piece]:
        text = self.text
        out = []
        for x, y, k in self._run_slices(a, b):
            out.append(Piece(x, y, self._run_fonts[k], shape(self._run_fonts[k], text[x:y]),
                             self.runs[k].href, boundary and x == a))
        return out

    @property
    def soft_breaks(self) -> tuple[int, ...]:
        if self._soft is None:
            self._soft = break_opportunities(self.text)
        return self._soft

    @property
    def hard_breaks(self) -> tuple[int, ...]:
        if self._hard is None:
            self._hard = hard_breaks(self.text)
        return self._hard

    def width_within(self, a: int, e: int, room: float) -> float | None:
        """Width of ``text[a:e]`` if it fits in ``room`` points, else ``None``;
        a long stretch that a prefix already overflows is not shaped whole."""
        if e - a > _FIRST_WINDOW:
            cut = _first_cut(self.text, a + _FIRST_WINDOW - 1, e)
            if cut < e and self.measure(a, cut) > room + _EPS:
                return None
        w = self.measure(a, e)
        return w if w <= room + _EPS else None

    def longest_fit(self, a: int, e: int, avail: float) -> tuple[int, float]:
        """The end ``p`` of the most grapheme clusters of ``text[a:e]`` that fit
        in ``avail`` points (at least one cluster), and their width.

        A window that grows from a line's worth of text is shaped once and
        the cut read off its glyph advances, so a word of any length costs
        about one line's shaping per line it fills."""
        text = self.text
        window = _FIRST_WINDOW
        while True:
            stop = min(e, a + window)
            cuts = cluster_boundaries(text, a, stop)
            if stop == e:
                cuts.append(e)
            if not cuts:
                # no cut inside the window: one cluster runs past it
                p = _first_cut(text, stop - 1, e)
                return p, self.measure(a, p)
            widths = self._widths_at(a, stop, cuts)
            if stop == e or widths[-1] > avail + _EPS:
                break
            window *= 2
        k = max(bisect.bisect_right(widths, avail + _EPS) - 1, 0)
        p = cuts[k]
        w = self.measure(a, p)
        # the window's glyphs only estimate a prefix shaped alone: confirm
        while w > avail + _EPS and k > 0:
            k -= 1
            p = cuts[k]
            w = self.measure(a, p)
        return p, w

    def _widths_at(self, a: int, stop: int, cuts: Sequence[int]) -> list[float]:
        """Width in points of ``text[a:c]`` for each of the ascending ``cuts``
        in ``(a, stop]``, from the glyph advances of ``text[a:stop]``."""
        text = self.text
        out: list[float] = []
        before = 0.0
        k = 0
        scale = self.size / 1000.0
        for x, y, r in self._run_slices(a, stop):
            shaped = shape(self._run_fonts[r], text[x:y])
            data = shaped.glyphs.__shapeData__
            acc = 0.0
            g = 0
            while k < len(cuts) and cuts[k] <= y:
                rel = cuts[k] - x
                while g < len(data) and data[g].cluster < rel:
                    acc += data[g].x_advance
                    g += 1
                out.append((before + acc) * scale)
                k += 1
            before += shaped.advance
        return out


_WS_TABLE = str.maketrans({"\t": " ", "\r": " "})
#: Characters measured at first when a stretch may be longer than a line
#: (a line holds about a hundred); the window doubles while all of it fits.
_FIRST_WINDOW = 128
#: Longest text the one-line fast path shapes whole.
_ONE_LINE_CHARS = 1024


def _first_cut(text: str, a: int, e: int) -> int:
    """The first cluster boundary in ``(a, e)``, or ``e``; looks no further
    than it must."""
    window = _FIRST_WINDOW
    while a < e:
        stop = min(e, a + window)
        found = cluster_boundaries(text, a, stop)
        if found:
            return found[0]
        a, window = stop - 1 if stop < e else e, window * 2
    return e


# -------------------------------------------------------------- breaking

def _skip_spaces(text: str, a: int, e: int) -> int:
    # a space that carries a mark is the mark's base: it starts the line
    while a < e and text[a] == " " and not (a + 1 < len(text) and is_combining(text[a + 1])):
        a += 1
    return a


def layout_lines(  # noqa: C901 - the Thai line breaker: one pass, its cases tested together
    content: Content,
    width: float,
    *,
    first_indent: float = 0.0,
    left_indent: float = 0.0,
    right_indent: float = 0.0,
    start: int = 0,
    end: int | None = None,
) -> list[Line]:
    """Break ``content.text[start:end]`` into lines of at most ``width`` points.

    ``first_indent`` applies to the first line only when ``start == 0``.
    Lines never start with spaces (but one that carries a combining mark,
    its base); spaces at a soft break are dropped, and
    nothing is inserted at a Thai word boundary.  Text without a newline
    that fits on one line is laid out without consulting the segmenter.
    """
    text = content.text
    n = len(text) if end is None else end
    lines: list[Line] = []
    first = start == 0

    def avail_for(is_first: bool) -> tuple[float, float]:
        indent = left_indent + (first_indent if is_first else 0.0)
        return indent, max(width - indent - right_indent, 1.0)

    # fast path: one line, no segmenter
    s0 = _skip_spaces(text, start, n)
    e0 = n
    while e0 > s0 and text[e0 - 1] == " ":
        e0 -= 1
    if e0 - s0 <= _ONE_LINE_CHARS and "\n" not in text[s0:e0]:
        indent, avail = avail_for(first)
        w = content.measure(s0, e0)
        if w <= avail + _EPS:
            return [Line(s0, e0, text[s0:e0], w, indent, avail, "end",
                         tuple(content.pieces(s0, e0)))]

    soft_all, hard_all = content.soft_breaks, content.hard_breaks
    soft = soft_all[bisect.bisect_right(soft_all, start):bisect.bisect_left(soft_all, n)]
    hard = hard_all[bisect.bisect_right(hard_all, start):bisect.bisect_right(hard_all, n)]
    cuts = sorted(set(hard).union(soft)) if hard else soft
    bounds = [start, *[c for c in cuts if c < n], n]
    hard_set = set(hard)
    # segments: (a, e, b, hard) content text[a:e], then spaces/newline up to b
    segs: list[tuple[int, int, int, bool]] = []
    for a, b in zip(bounds, bounds[1:]):
        e = b
        while e > a and text[e - 1] in " \n":
            e -= 1
        segs.append((a, e, b, b in hard_set))

    def space_width(k: int) -> float:
        _, e, b, _h = segs[k]
        if e >= b:
            return 0.0
        stop = b
        while stop > e and text[stop - 1] == "\n":
            stop -= 1
        if stop - e > _ONE_LINE_CHARS:
            return float("inf")  # wider than any line: the line ends here
        return content.measure(e, stop)

    def make_line(a: int, e: int, w: float, indent: float, avail: float, brk: str,
                  seg_range: tuple[int, int] | None) -> Line:
        pieces: list[Piece] = []
        if seg_range is None:
            pieces = content.pieces(a, e)
        else:
            i0, i1 = seg_range
            for k in range(i0, i1):
                sa, se, sb, _h = segs[k]
                ca = a if k == i0 else sa
                pieces.extend(content.pieces(ca, se, boundary=k != i0))
                if k + 1 < i1:
                    stop = sb
                    while stop > se and text[stop - 1] == "\n":
                        stop -= 1
                    pieces.extend(content.pieces(se, stop))
        return Line(a, e, text[a:e], w, indent, avail, brk, tuple(pieces))

    i = 0
    pos: int | None = None
    while i < len(segs):
        a, e, b, is_hard = segs[i]
        line_start = _skip_spaces(text, a if pos is None else pos, e)
        indent, avail = avail_for(first)
        first = False
        long = e - line_start > _FIRST_WINDOW
        w = 0.0 if long else content.measure(line_start, e)
        if long or w > avail + _EPS:
            p, w = content.longest_fit(line_start, e, avail)
            if p < e:
                lines.append(make_line(line_start, p, w, indent, avail, "cluster", None))
                pos = p
                continue
        total = w
        j = i + 1
        if not is_hard:
            pending = space_width(i)
            while j < len(segs):
                a2, e2, _b2, hard2 = segs[j]
                w2 = content.width_within(a2, e2, avail - total - pending)
                if w2 is None:
                    break
                total += pending + w2
                pending = space_width(j)
                j += 1
                if hard2:
                    break
        la, le, lb, lhard = segs[j - 1]
        if lhard:
            brk = "newline"
        elif j >= len(segs):
            brk = "end"
        else:
            brk = "space" if le < lb else "word"
        lines.append(make_line(line_start, le, total, indent, avail, brk, (i, j)))
        i = j
        pos = None
    if not lines:
        indent, avail = avail_for(start == 0)
        lines.append(Line(start, start, "", 0.0, indent, avail, "end", ()))
    return lines


# --------------------------------------------------------------- drawing

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
    text = safe_text(text).replace("\n", " ").translate(_WS_TABLE)
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
