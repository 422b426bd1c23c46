"""An indicator's measurements as a small line chart.

The shapes (grid, axes, the series, the target line) are ReportLab vector
graphics (:mod:`reportlab.graphics.shapes`, rendered by ``renderPDF``, with
the drawing's initial font set to Sarabun so that no Helvetica enters the
file); every label is drawn through the Thai typesetting layer
(:func:`ent_portfolio.typeset.draw_text` / ``draw_paragraph``)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect
from reportlab.lib import colors
from reportlab.platypus import Flowable

from ..typeset import BOLD, REGULAR, draw_paragraph, draw_text
from ..typeset.dates import ENGLISH_MONTHS_SHORT, THAI_MONTHS_SHORT
from ..typeset.scale import nice_ticks

SERIES = colors.HexColor("#1f5a96")
TARGET = colors.HexColor("#b0482a")
GRID = colors.HexColor("#d9dee5")
AXIS = colors.HexColor("#6b7280")
LABEL = colors.HexColor("#374151")


def short_date(d: date | None, lang: str) -> str:
    if d is None:
        return ""
    if lang == "th":
        return f"{THAI_MONTHS_SHORT[d.month - 1]} {str(d.year + 543)[-2:]}"
    return f"{ENGLISH_MONTHS_SHORT[d.month - 1]} {str(d.year)[-2:]}"


def number(v: Decimal | float | int | None) -> str:
    """``186,400`` / ``62.5`` / ``0``: thousands separated, no trailing zeros."""
    if v is None:
        return "–"
    d = Decimal(str(v))
    if d == d.to_integral_value():
        return f"{int(d):,}"
    text = f"{d:,.4f}".rstrip("0").rstrip(".")
    return text


class IndicatorChart(Flowable):
    """Baseline, measurements over time and the target of one indicator."""

    def __init__(self, title: str, points: list[tuple[date | None, Decimal]], target: Decimal | None,
                 lang: str, width: float, height: float, *, title_style, target_label: str,
                 baseline_label: str, unit: str = "") -> None:
        super().__init__()
        self.title = title
        self.points = [(d, float(v)) for d, v in points if v is not None]
        self.target = float(target) if target is not None else None
        self.lang = lang
        self.width = width
        self.height = height
        self.title_style = title_style
        self.target_label = target_label
        self.baseline_label = baseline_label
        self.unit = unit

    def wrap(self, availWidth, availHeight):  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        w, h = self.width, self.height
        c.saveState()
        frame = Drawing(w, h, initialFontName=REGULAR, initialFontSize=8)
        frame.add(Rect(0, 0, w, h, strokeColor=GRID, fillColor=colors.HexColor("#fbfcfd"), strokeWidth=0.6))
        renderPDF.draw(frame, c, 0, 0)
        title_h = draw_paragraph(c, 8, h - 6, w - 16, self.title, self.title_style, markup=False)
        top = h - 6 - title_h - 14
        left, right, bottom = 46.0, w - 14.0, 26.0
        if not self.points or top - bottom < 30:
            c.restoreState()
            return
        values = [v for _, v in self.points] + ([self.target] if self.target is not None else [])
        lo, hi = min(values), max(values)
        if lo > 0 and (hi - lo) < hi * 0.6:
            lo_axis = lo - (hi - lo) * 0.25
        else:
            lo_axis = min(0.0, lo)
        hi_axis = hi + (hi - lo_axis) * 0.12 or 1.0
        ticks = nice_ticks(lo_axis, hi_axis, count=4)
        lo_axis, hi_axis = ticks[0], ticks[-1]

        def y_of(v: float) -> float:
            return bottom + (v - lo_axis) / (hi_axis - lo_axis) * (top - bottom)

        dated = [d for d, _ in self.points if d is not None]
        if len(dated) == len(self.points) and len(set(dated)) > 1:
            d0, d1 = min(dated), max(dated)
            span = (d1 - d0).days or 1
            xs = [left + 10 + (d - d0).days / span * (right - left - 20) for d, _ in self.points]
        else:
            n = len(self.points)
            xs = [left + 10 + (k / max(1, n - 1)) * (right - left - 20) for k in range(n)]
        ys = [y_of(v) for _, v in self.points]

        d = Drawing(w, h, initialFontName=REGULAR, initialFontSize=8)
        for tick in ticks:
            d.add(Line(left, y_of(tick), right, y_of(tick), strokeColor=GRID, strokeWidth=0.5))
        d.add(Line(left, bottom, right, bottom, strokeColor=AXIS, strokeWidth=0.8))
        d.add(Line(left, bottom, left, top, strokeColor=AXIS, strokeWidth=0.8))
        if self.target is not None:
            d.add(Line(left, y_of(self.target), right, y_of(self.target), strokeColor=TARGET,
                       strokeWidth=1, strokeDashArray=[4, 3]))
        if len(xs) > 1:
            pts = []
            for x, y in zip(xs, ys):
                pts += [x, y]
            d.add(PolyLine(pts, strokeColor=SERIES, strokeWidth=1.6))
        for k, (x, y) in enumerate(zip(xs, ys)):
            if k == 0:
                d.add(Circle(x, y, 3, strokeColor=SERIES, fillColor=colors.white, strokeWidth=1.2))
            else:
                d.add(Circle(x, y, 2.8, strokeColor=SERIES, fillColor=SERIES, strokeWidth=0.8))
        renderPDF.draw(d, c, 0, 0)

        for t in ticks:
            draw_text(c, left - 4, y_of(t) - 2.6, number(round(t, 6)), REGULAR, 7, "right", LABEL)
        last_x = -1e9
        for k, ((dt, _), x) in enumerate(zip(self.points, xs)):
            label = self.baseline_label if k == 0 and dt is None else short_date(dt, self.lang)
            if x - last_x < 30 and k != len(xs) - 1:
                continue
            draw_text(c, x, bottom - 11, label, REGULAR, 7, "center", LABEL)
            last_x = x
        # value of the latest point
        lx, ly = xs[-1], ys[-1]
        draw_text(c, lx - 5, ly + 5, number(self.points[-1][1]), BOLD, 7.5, "right", SERIES)
        if self.target is not None:
            ty = y_of(self.target)
            label_y = ty + 3 if ty + 10 < top + 6 else ty - 9
            draw_text(c, left + 4, label_y, f"{self.target_label} {number(self.target)}", REGULAR, 7, "left", TARGET)
        c.restoreState()
