"""Counts as horizontal bars, for the faculty report.

Built from the dossier's chart parts (:mod:`ent_portfolio.dossier.chart`:
its colours, its number format, its label boxes; the value axis of
:mod:`ent_portfolio.typeset.scale`, which starts at zero for counts), so
the report's charts look like the dossier's.  Bars lie down because the
things counted have long Thai names (an EnT principle is a sentence); a
name too long for its column is shortened at a word by the dossier's
:func:`~ent_portfolio.dossier.layout.fit_width`, and the table under every
chart gives it whole.  Every label is drawn through the typesetting layer."""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Line, Rect
from reportlab.platypus import Flowable

from ..dossier.chart import AXIS, BACKGROUND, GRID, LABEL, SERIES, Label, number
from ..dossier.layout import fit_width
from ..typeset import BOLD, REGULAR, Content, draw_paragraph, draw_text, layout_lines, text_width
from ..typeset.markup import parse
from ..typeset.scale import value_axis

BAR_HEIGHT, BAR_GAP = 11.0, 6.0
LABEL_SIZE, VALUE_SIZE, TICK_SIZE = 8.0, 7.5, 7.0
#: The share of the width names may take at most.
NAME_SHARE = 0.45


def count_ticks(largest: int) -> list[float]:
    """Whole-number ticks from zero to at least ``largest`` (a count has no halves)."""
    axis = value_axis([0, max(largest, 1)], count=4, headroom=0.1)
    ticks = axis.ticks
    if all(float(t).is_integer() for t in ticks):
        return ticks
    return [float(n) for n in range(0, math.ceil(ticks[-1]) + 1)]


@dataclass(frozen=True)
class BarGeometry:
    names: list[Label]
    values: list[Label]
    bars: list[tuple[float, float, float, float]]  # x, y, width, height
    ticks: list[tuple[float, Label]]
    left: float
    right: float
    bottom: float
    top: float


class CountBars(Flowable):
    """One bar per ``(name, count)``, largest scale first tick at zero."""

    def __init__(self, title: str, rows: list[tuple[str, int]], width: float, *, title_style) -> None:
        super().__init__()
        self.title = title
        self.rows = rows
        self.width = width
        self.title_style = title_style
        self.height = 0.0

    def _title_height(self) -> float:
        content = Content(parse(self.title, False), self.title_style.fontName, self.title_style.fontSize)
        return len(layout_lines(content, self.width - 16)) * self.title_style.leading

    def wrap(self, availWidth, availHeight):  # noqa: N803
        self.height = 6 + self._title_height() + 8 + len(self.rows) * (BAR_HEIGHT + BAR_GAP) + 24
        return self.width, self.height

    def geometry(self, title_height: float) -> BarGeometry:
        widest = max((text_width(name, REGULAR, LABEL_SIZE) for name, _ in self.rows), default=0.0)
        name_room = min(widest, self.width * NAME_SHARE)
        left = 8 + name_room + 6
        largest = max((value for _, value in self.rows), default=0)
        room_for_value = text_width(number(largest), BOLD, VALUE_SIZE) + 6
        right = self.width - 10 - room_for_value
        top = self.height - 6 - title_height - 8
        bottom = top - len(self.rows) * (BAR_HEIGHT + BAR_GAP)
        ticks = count_ticks(largest)
        scale = (right - left) / (ticks[-1] or 1)
        names, values, bars = [], [], []
        for k, (name, value) in enumerate(self.rows):
            y = top - (k + 1) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP / 2
            middle = y + BAR_HEIGHT / 2 - LABEL_SIZE * 0.35
            names.append(Label(fit_width(name, name_room, REGULAR, LABEL_SIZE), left - 6, middle, "right",
                               REGULAR, LABEL_SIZE, LABEL))
            length = value * scale
            bars.append((left, y, length, BAR_HEIGHT))
            values.append(Label(number(value), left + length + 4, middle, "left", BOLD, VALUE_SIZE, SERIES))
        tick_labels = [(left + t * scale, Label(number(int(t)), left + t * scale, bottom - 11, "center",
                                                 REGULAR, TICK_SIZE, LABEL)) for t in ticks]
        return BarGeometry(names, values, bars, tick_labels, left, right, bottom, top)

    def draw(self) -> None:
        c = self.canv
        w, h = self.width, self.height
        c.saveState()
        frame = Drawing(w, h, initialFontName=REGULAR, initialFontSize=8)
        frame.add(Rect(0, 0, w, h, strokeColor=GRID, fillColor=BACKGROUND, strokeWidth=0.6))
        renderPDF.draw(frame, c, 0, 0)
        title_h = draw_paragraph(c, 8, h - 6, w - 16, self.title, self.title_style, markup=False)
        g = self.geometry(title_h)
        shapes = Drawing(w, h, initialFontName=REGULAR, initialFontSize=8)
        for x, _ in g.ticks:
            shapes.add(Line(x, g.bottom, x, g.top, strokeColor=GRID, strokeWidth=0.5))
        for x, y, length, height in g.bars:
            if length > 0:
                shapes.add(Rect(x, y, length, height, strokeColor=None, fillColor=SERIES))
        shapes.add(Line(g.left, g.bottom, g.left, g.top, strokeColor=AXIS, strokeWidth=0.8))
        shapes.add(Line(g.left, g.bottom, g.right, g.bottom, strokeColor=AXIS, strokeWidth=0.8))
        renderPDF.draw(shapes, c, 0, 0)
        for label in g.names + g.values + [label for _, label in g.ticks]:
            draw_text(c, label.x, label.y, label.text, label.font, label.size, label.align, label.color)
        c.restoreState()
