"""Platypus pieces that set Thai: a paragraph flowable, tables, templates.

:class:`ThaiParagraph` is used like ReportLab's ``Paragraph``: in frames
(it splits across pages), in ``Table`` cells, inside ``KeepTogether``.
:func:`thai_table` builds a ``Table`` whose string cells become
ThaiParagraphs.  :class:`ThaiDocTemplate` / :class:`SimpleThaiDocTemplate`
and :func:`make_canvas` start the canvas in Sarabun so that no standard
PDF font (Helvetica) is ever written into the file, and their canvas puts
the document's metadata and outline titles through
:func:`~ent_portfolio.typeset.markup.safe_text`, as the text drawn on its
pages is, so no control character or bidi override reaches the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, SimpleDocTemplate, Table, TableStyle

from .drawing import draw_lines
from .fonts import BOLD, REGULAR, register_fonts
from .layout import Content, Line, layout_lines
from .markup import parse, safe_text

__all__ = [
    "ThaiParagraph",
    "ThaiTable",
    "thai_table",
    "table_cell",
    "ThaiDocTemplate",
    "SimpleThaiDocTemplate",
    "make_canvas",
]

_EPS = 1e-6

#: A table's default rules and header shading: a quiet grey grid, a pale blue header.
TABLE_GRID_COLOR = colors.HexColor("#9a9a9a")
TABLE_HEADER_BACKGROUND = colors.HexColor("#e8edf3")


def _default_style():
    from .styles import styles

    return styles()["body"]


class ThaiParagraph(Flowable):
    """A paragraph of Thai (and mixed) text, broken at word boundaries.

    ``text`` uses the small markup of :mod:`ent_portfolio.typeset.markup`
    (``<b> <i> <a href> <a name> <br/>`` and ``&amp;``-style escapes); pass
    ``markup=False`` for literal text.  ``style`` is a ``ParagraphStyle``
    (default ``styles()["body"]``); used attributes: ``fontName`` (regular
    face of the family), ``fontSize``, ``leading``, ``alignment`` (left,
    centre, right, justify = Thai distributed), ``textColor``,
    ``linkColor``, ``linkUnderline``, ``leftIndent``, ``rightIndent``,
    ``firstLineIndent``, ``spaceBefore``, ``spaceAfter``, ``backColor``,
    ``allowWidows``, ``allowOrphans``, ``keepWithNext``.

    After ``wrap()``, :attr:`lines` holds the laid-out :class:`Line` objects
    (offsets into :meth:`getPlainText` of the whole paragraph).
    """

    def __init__(self, text: str, style=None, *, markup: bool = True) -> None:
        super().__init__()
        self.text = text
        self.style = style if style is not None else _default_style()
        self.markup = markup
        parsed = parse(text, markup)
        self._content = Content(parsed, self.style.fontName, self.style.fontSize)
        self._start = 0
        self._end = len(self._content.text)
        self._first_part = True
        self._last_part = True
        self._lines: list[Line] | None = None
        self._lines_width: float | None = None
        self.width = 0.0
        self.height = 0.0

    # -- construction of parts after a split
    def _part(self, start: int, end: int, lines: list[Line] | None, width: float | None,
              first: bool, last: bool) -> ThaiParagraph:
        new = self.__class__.__new__(self.__class__)
        Flowable.__init__(new)
        new.text = self.text
        new.style = self.style
        new.markup = self.markup
        new._content = self._content
        new._start, new._end = start, end
        new._first_part, new._last_part = first, last
        new._lines, new._lines_width = lines, width
        new.width = new.height = 0.0
        for attr in ("keepWithNext",):
            if attr in self.__dict__:
                setattr(new, attr, self.__dict__[attr])
        return new

    # -- layout
    def _layout(self, width: float) -> list[Line]:
        if self._lines is not None and self._lines_width is not None and abs(self._lines_width - width) < _EPS:
            return self._lines
        st = self.style
        self._lines = layout_lines(
            self._content, width,
            first_indent=(getattr(st, "firstLineIndent", 0) or 0) if self._start == 0 else 0.0,
            left_indent=getattr(st, "leftIndent", 0) or 0,
            right_indent=getattr(st, "rightIndent", 0) or 0,
            start=self._start,
            end=self._end,
        )
        self._lines_width = width
        return self._lines

    @property
    def lines(self) -> list[Line]:
        """The lines of the last ``wrap()`` (empty before)."""
        return list(self._lines or [])

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        lines = self._layout(availWidth)
        self.width = availWidth
        self.height = len(lines) * self.style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        lines = self._layout(availWidth)
        leading = self.style.leading
        fit = int((availHeight + _EPS) // leading)
        total = len(lines)
        if fit >= total:
            # wrap() said it does not fit (the space around it): nothing to cut,
            # and a table's cell expects two parts or none
            return []
        if total - fit == 1 and not getattr(self.style, "allowWidows", 1):
            fit -= 1  # do not leave one line alone at the top of the next frame
        if fit <= 0 or (fit == 1 and total > 1 and not getattr(self.style, "allowOrphans", 0)):
            return []
        head = lines[:fit]
        rest_start = lines[fit].start
        # the rest keeps its lines: laying it out again on every page would
        # make a long paragraph cost the square of its length
        return [
            self._part(self._start, head[-1].end, head, availWidth, self._first_part, False),
            self._part(rest_start, self._end, lines[fit:], availWidth, False, self._last_part),
        ]

    def draw(self) -> None:
        lines = self._lines if self._lines is not None else self._layout(self.width)
        st = self.style
        canvas = self.canv
        back = getattr(st, "backColor", None)
        if back is not None:
            canvas.saveState()
            canvas.setFillColor(back)
            canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
            canvas.restoreState()
        anchors = [(o, n) for o, n in self._content.parsed.anchors if self._start <= o <= self._end]
        draw_lines(
            canvas, lines, 0.0, self.height,
            size=st.fontSize,
            leading=st.leading,
            align=getattr(st, "alignment", "left"),
            color=getattr(st, "textColor", None) or colors.black,
            link_color=getattr(st, "linkColor", None),
            underline_links=bool(getattr(st, "linkUnderline", False)),
            continues=not self._last_part,
            anchors=anchors,
        )

    # -- the rest of the Flowable protocol
    def getSpaceBefore(self) -> float:  # noqa: N802
        return (getattr(self.style, "spaceBefore", 0) or 0) if self._first_part else 0.0

    def getSpaceAfter(self) -> float:  # noqa: N802
        return (getattr(self.style, "spaceAfter", 0) or 0) if self._last_part else 0.0

    def minWidth(self) -> float:  # noqa: N802
        """Width of the widest unbreakable stretch (for auto-sized tables)."""
        c = self._content
        text = c.text
        cuts = [self._start, *[p for p in c.soft_breaks if self._start < p < self._end], self._end]
        widest = 0.0
        for a, b in zip(cuts, cuts[1:]):
            while b > a and text[b - 1] in " \n":
                b -= 1
            widest = max(widest, c.measure(a, b))
        st = self.style
        return widest + (getattr(st, "leftIndent", 0) or 0) + (getattr(st, "rightIndent", 0) or 0)

    def getPlainText(self, identify=None) -> str:  # noqa: N802
        """The text without markup (of this part, after a split)."""
        return self._content.text[self._start:self._end]

    def __repr__(self) -> str:
        text = self.getPlainText()
        return f"ThaiParagraph({text[:40]!r}{'…' if len(text) > 40 else ''}, style={self.style.name!r})"


def table_cell(value: Any, style=None, *, markup: bool = False) -> Flowable:
    """Cell content that wraps Thai: strings and numbers become ThaiParagraphs.

    Flowables (and lists of flowables) are returned unchanged; ``None``
    becomes an empty paragraph.  Strings are literal unless ``markup=True``.
    """
    if isinstance(value, (Flowable, list, tuple)):
        return value
    if style is None:
        from .styles import styles

        style = styles()["table_cell"]
    return ThaiParagraph("" if value is None else str(value), style, markup=markup)


class ThaiTable(Table):
    """A ``Table`` that breaks across pages only between rows.

    ReportLab's in-row splitting (``splitInRow``) cuts a row that would fit
    whole on the next page and, once the table has split between rows,
    puts the repeated header and half a row below the first part on the
    same page.  Here a row is cut only when it does not fit even at the top
    of a frame (a row taller than a page), so the header repeats at the top
    of a page only.

    Its cells are set in the dossier's font unless a style says otherwise:
    ReportLab's default is Helvetica, which is not embedded and has no Thai."""

    def __init__(self, data, colWidths=None, rowHeights=None, style=None, **kwargs) -> None:  # noqa: N803
        super().__init__(data, colWidths, rowHeights, **kwargs)
        if kwargs.get("cellStyles") is None:  # not a part of a split table, which keeps its cells' styles
            self.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 9)]))  # first: a given style wins
        if style is not None:
            self.setStyle(style)

    def split(self, availWidth, availHeight):  # noqa: N803 - ReportLab's names
        in_row = self.splitInRow
        self.splitInRow = 0
        try:
            parts = super().split(availWidth, availHeight)
        finally:
            self.splitInRow = in_row
        for part in parts:
            if isinstance(part, Table):
                part.splitInRow = in_row  # the parts are made with this table's settings
        if parts or not in_row:
            return parts
        frame = getattr(self, "_frame", None)
        if frame is not None and not getattr(frame, "_atTop", 1) and not self._row_taller_than(frame._aH):
            return []  # the next page has the room for the row
        return super().split(availWidth, availHeight)

    def _row_taller_than(self, page_height: float) -> bool:
        """True when the first row after the repeated header is taller than
        ``page_height`` with the header: it is cut wherever it starts."""
        heights = self._rowHeights
        header = self.repeatRows if isinstance(self.repeatRows, int) else max(self.repeatRows) + 1
        if header >= len(heights):
            return False
        return sum(heights[:header]) + heights[header] > page_height


def thai_table(
    rows: Sequence[Sequence[Any]],
    col_widths: Sequence[float] | None = None,
    *,
    header_rows: int = 1,
    markup: bool = False,
    cell_style=None,
    header_style=None,
    table_style: Sequence[tuple] | None = None,
    grid_color=TABLE_GRID_COLOR,
    header_background=TABLE_HEADER_BACKGROUND,
    padding: float = 4,
    **table_kwargs,
) -> Table:
    """A ``Table`` whose cells wrap Thai text.

    Every non-flowable cell becomes a :class:`ThaiParagraph` in
    ``table_cell`` style (``table_header`` for the first ``header_rows``
    rows, which also repeat on each page).  The default look is a thin grid,
    a tinted header and top-aligned cells; ``table_style`` commands are
    appended to it.  Extra keyword arguments go to ``Table``.
    """
    from .styles import styles

    st = styles()
    cell_style = cell_style or st["table_cell"]
    header_style = header_style or st["table_header"]
    data = [
        [table_cell(v, header_style if r < header_rows else cell_style, markup=markup) for v in row]
        for r, row in enumerate(rows)
    ]
    commands: list[tuple] = [
        # never used for our cells (they are flowables), but keeps stray strings off Helvetica
        ("FONT", (0, 0), (-1, -1), REGULAR, cell_style.fontSize, cell_style.leading),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.5, grid_color),
        ("LEFTPADDING", (0, 0), (-1, -1), padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding),
        ("TOPPADDING", (0, 0), (-1, -1), padding * 0.75),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
    ]
    if header_rows:
        commands += [
            ("FONT", (0, 0), (-1, header_rows - 1), BOLD, header_style.fontSize, header_style.leading),
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), header_background),
        ]
    commands += list(table_style or ())
    table_kwargs.setdefault("repeatRows", header_rows)
    return ThaiTable(data, colWidths=col_widths, style=TableStyle(commands), **table_kwargs)


def _safe(value):
    return safe_text(value).replace("\n", " ") if isinstance(value, str) else value


class SafeCanvas(Canvas):
    """A ``Canvas`` whose metadata and outline titles are printable text."""

    def setTitle(self, title):  # noqa: N802 - ReportLab's names
        super().setTitle(_safe(title))

    def setAuthor(self, author):  # noqa: N802
        super().setAuthor(_safe(author))

    def setSubject(self, subject):  # noqa: N802
        super().setSubject(_safe(subject))

    def setKeywords(self, keywords):  # noqa: N802
        super().setKeywords([_safe(k) for k in keywords] if isinstance(keywords, (list, tuple)) else _safe(keywords))

    def setCreator(self, creator):  # noqa: N802
        super().setCreator(_safe(creator))

    def addOutlineEntry(self, title, key, level=0, closed=None):  # noqa: N802
        super().addOutlineEntry(_safe(title), key, level=level, closed=closed)


class _SarabunStart:
    """Mixin: make the canvas start in Sarabun, not Helvetica, and be a
    :class:`SafeCanvas`."""

    def __init__(self, *args, **kwargs) -> None:
        register_fonts()
        kwargs.setdefault("initialFontName", REGULAR)
        kwargs.setdefault("initialFontSize", 10)
        super().__init__(*args, **kwargs)

    def build(self, flowables, *args, **kwargs):
        if not args and kwargs.get("canvasmaker", Canvas) is Canvas:
            kwargs["canvasmaker"] = SafeCanvas
        return super().build(flowables, *args, **kwargs)


class ThaiDocTemplate(_SarabunStart, BaseDocTemplate):
    """``BaseDocTemplate`` whose canvas starts in Sarabun (no Helvetica in the file)."""


class SimpleThaiDocTemplate(_SarabunStart, SimpleDocTemplate):
    """``SimpleDocTemplate`` whose canvas starts in Sarabun (no Helvetica in the file)."""


def make_canvas(filename, **kwargs) -> Canvas:
    """A :class:`SafeCanvas` that starts in Sarabun (no Helvetica in the file)."""
    register_fonts()
    kwargs.setdefault("initialFontName", REGULAR)
    kwargs.setdefault("initialFontSize", 10)
    return SafeCanvas(filename, **kwargs)
