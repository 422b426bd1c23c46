"""An indicator's measurements as a small line chart.

The shapes (grid, axes, the series, the target line) are ReportLab vector
graphics (:mod:`reportlab.graphics.shapes`, rendered by ``renderPDF``, with
the drawing's initial font set to Sarabun so that no Helvetica enters the
file); every label is drawn through the Thai typesetting layer
(:func:`ent_portfolio.typeset.draw_text` / ``draw_paragraph``).

Where everything goes is worked out first, without a canvas
(:meth:`IndicatorChart.geometry`), so that the two promises a reviewer
relies on can be checked on any series: the value axis starts at zero or
carries a marked break (:func:`~ent_portfolio.typeset.scale.value_axis`),
and no label is struck through by the dashed target line."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect
from reportlab.lib import colors
from reportlab.platypus import Flowable

from ..typeset import BOLD, REGULAR, draw_paragraph, draw_text, text_width
from ..typeset.dates import ENGLISH_MONTHS_SHORT, THAI_MONTHS_SHORT
from ..typeset.scale import ValueAxis, value_axis

SERIES = colors.HexColor("#1f5a96")
TARGET = colors.HexColor("#b0482a")
GRID = colors.HexColor("#d9dee5")
AXIS = colors.HexColor("#6b7280")
LABEL = colors.HexColor("#374151")
BACKGROUND = colors.HexColor("#fbfcfd")

#: Sarabun's ascent and descent (em share): a label's box covers Thai marks above and below.
ASCENT, DESCENT = 1.068, 0.232
#: Half the height of the band around the target line no label may enter.
TARGET_CLEARANCE = 1.5
#: Room on the value axis for its break mark, between the cut end and the first tick.
BREAK_GAP = 10.0
VALUE_SIZE, LABEL_SIZE, NOTE_SIZE = 7.5, 7.0, 6.5


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


@dataclass(frozen=True)
class Box:
    """A rectangle in the chart's own coordinates (points, y upwards)."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box) -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1

    def inside(self, other: Box) -> bool:
        return (other.x0 - 1e-6 <= self.x0 and self.x1 <= other.x1 + 1e-6
                and other.y0 - 1e-6 <= self.y0 and self.y1 <= other.y1 + 1e-6)


@dataclass(frozen=True)
class Label:
    """One line of text: drawn from ``x`` (by ``align``) on the baseline ``y``."""

    text: str
    x: float
    y: float
    align: str
    font: str
    size: float
    color: object

    @property
    def box(self) -> Box:
        w = text_width(self.text, self.font, self.size)
        x0 = {"left": self.x, "center": self.x - w / 2, "right": self.x - w}[self.align]
        return Box(x0, self.y - DESCENT * self.size, x0 + w, self.y + ASCENT * self.size)


@dataclass
class Geometry:
    """Where the parts of one chart go."""

    frame: Box
    axis: ValueAxis
    left: float
    right: float
    bottom: float           # the horizontal axis
    top: float
    xs: list[float]
    ys: list[float]
    tick_ys: list[float]
    target_y: float | None = None
    labels: list[Label] = field(default_factory=list)
    #: The label of the latest value, the target's label.
    value_label: Label | None = None
    target_label: Label | None = None
    #: Where the value axis is cut ("bottom" or "top"), None when it reaches zero.
    break_at: str | None = None
    break_note: Label | None = None

    @property
    def target_band(self) -> Box | None:
        if self.target_y is None:
            return None
        return Box(self.left, self.target_y - TARGET_CLEARANCE, self.right, self.target_y + TARGET_CLEARANCE)


def _first_fitting(candidates: list[Label], frame: Box, avoid: list[Box]) -> Label:
    """The first candidate inside the frame clear of every box to avoid; else
    the first merely clear of them (a frame too small cuts a label, a
    struck-through one misleads)."""
    clear = [c for c in candidates if not any(c.box.overlaps(b) for b in avoid)]
    inside = [c for c in clear if c.box.inside(frame)]
    return (inside or clear or candidates)[0]


class IndicatorChart(Flowable):
    """Baseline, measurements over time and the target of one indicator."""

    def __init__(self, title: str, points: list[tuple[date | None, Decimal]], target: Decimal | None,
                 lang: str, width: float, height: float, *, title_style, target_label: str,
                 baseline_label: str, unit: str = "", axis_break_note: str = "") -> None:
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
        self.axis_break_note = axis_break_note

    def wrap(self, availWidth, availHeight):  # noqa: N803
        return self.width, self.height

    def _xs(self, left: float, right: float) -> list[float]:
        dated = [d for d, _ in self.points if d is not None]
        if len(dated) == len(self.points) and len(set(dated)) > 1:
            d0, d1 = min(dated), max(dated)
            span = (d1 - d0).days or 1
            return [left + 10 + (d - d0).days / span * (right - left - 20) for d, _ in self.points]
        n = len(self.points)
        return [left + 10 + (k / max(1, n - 1)) * (right - left - 20) for k in range(n)]

    def geometry(self, title_height: float) -> Geometry | None:
        """Where everything goes below a title ``title_height`` tall; None
        when there is nothing to draw or no room for it."""
        w, h = self.width, self.height
        frame = Box(0, 0, w, h)
        top = h - 6 - title_height - 14
        left, right, bottom = 46.0, w - 14.0, 26.0
        values = [v for _, v in self.points] + ([self.target] if self.target is not None else [])
        if not self.points or top - bottom < 30:
            return None
        axis = value_axis(values, count=4)
        break_at = None if not axis.broken else ("bottom" if axis.lo > 0 else "top")
        if break_at is not None:
            top -= NOTE_SIZE + 3  # the note says the axis is cut
        lo_y = bottom + (BREAK_GAP if break_at == "bottom" else 0.0)
        hi_y = top - (BREAK_GAP if break_at == "top" else 0.0)

        def y_of(v: float) -> float:
            return lo_y + (v - axis.lo) / (axis.hi - axis.lo) * (hi_y - lo_y)

        xs = self._xs(left, right)
        g = Geometry(frame, axis, left, right, bottom, top, xs, [y_of(v) for _, v in self.points],
                     [y_of(t) for t in axis.ticks], y_of(self.target) if self.target is not None else None,
                     break_at=break_at)
        for t, ty in zip(axis.ticks, g.tick_ys):
            g.labels.append(Label(number(round(t, 6)), left - 4, ty - 2.6, "right", REGULAR, LABEL_SIZE, LABEL))
        last_x = -1e9
        for k, ((dt, _), x) in enumerate(zip(self.points, xs)):
            if x - last_x < 30 and k != len(xs) - 1:
                continue
            label = self.baseline_label if k == 0 and dt is None else short_date(dt, self.lang)
            g.labels.append(Label(label, x, bottom - 11, "center", REGULAR, LABEL_SIZE, LABEL))
            last_x = x
        if break_at is not None:
            g.break_note = Label(self.axis_break_note, left, top + 4, "left", REGULAR, NOTE_SIZE, AXIS)
        self._place_value_labels(g)
        return g

    def _place_value_labels(self, g: Geometry) -> None:
        """The latest value beside its point, above or below it, whichever
        the target line does not strike; the target's label above or below
        its line, at the left or the right, clear of the value's."""
        band = [g.target_band] if g.target_band is not None else []
        plot = Box(g.left, g.bottom, g.frame.x1 - 2, g.top + 12)
        lx, ly = g.xs[-1], g.ys[-1]
        text = number(self.points[-1][1])
        lifts = (5.0, -5.0 - ASCENT * VALUE_SIZE)
        candidates = [Label(text, lx - 5, ly + lift, "right", BOLD, VALUE_SIZE, SERIES) for lift in lifts]
        candidates += [Label(text, lx + 5, ly + lift, "left", BOLD, VALUE_SIZE, SERIES) for lift in lifts]
        g.value_label = _first_fitting(candidates, plot, band)
        g.labels.append(g.value_label)
        if g.target_y is None:
            return
        text = f"{self.target_label} {number(self.target)}"
        above = g.target_y + TARGET_CLEARANCE + DESCENT * LABEL_SIZE + 1
        below = g.target_y - TARGET_CLEARANCE - ASCENT * LABEL_SIZE - 1
        candidates = [Label(text, x, y, align, REGULAR, LABEL_SIZE, TARGET)
                      for x, align in ((g.left + 4, "left"), (g.right - 4, "right")) for y in (above, below)]
        avoid = band + [g.value_label.box] + ([g.break_note.box] if g.break_note is not None else [])
        g.target_label = _first_fitting(candidates, plot, avoid)
        g.labels.append(g.target_label)

    def draw(self) -> None:
        c = self.canv
        w, h = self.width, self.height
        c.saveState()
        frame = Drawing(w, h, initialFontName=REGULAR, initialFontSize=8)
        frame.add(Rect(0, 0, w, h, strokeColor=GRID, fillColor=BACKGROUND, strokeWidth=0.6))
        renderPDF.draw(frame, c, 0, 0)
        title_h = draw_paragraph(c, 8, h - 6, w - 16, self.title, self.title_style, markup=False)
        g = self.geometry(title_h)
        if g is not None:
            renderPDF.draw(self._shapes(g), c, 0, 0)
            for label in g.labels + ([g.break_note] if g.break_note is not None else []):
                draw_text(c, label.x, label.y, label.text, label.font, label.size, label.align, label.color)
        c.restoreState()

    def _shapes(self, g: Geometry) -> Drawing:
        d = Drawing(self.width, self.height, initialFontName=REGULAR, initialFontSize=8)
        for ty in g.tick_ys:
            d.add(Line(g.left, ty, g.right, ty, strokeColor=GRID, strokeWidth=0.5))
        d.add(Line(g.left, g.bottom, g.right, g.bottom, strokeColor=AXIS, strokeWidth=0.8))
        d.add(Line(g.left, g.bottom, g.left, g.top, strokeColor=AXIS, strokeWidth=0.8))
        if g.break_at is not None:
            self._break_mark(d, g)
        if g.target_y is not None:
            d.add(Line(g.left, g.target_y, g.right, g.target_y, strokeColor=TARGET,
                       strokeWidth=1, strokeDashArray=[4, 3]))
        if len(g.xs) > 1:
            pts: list[float] = []
            for x, y in zip(g.xs, g.ys):
                pts += [x, y]
            d.add(PolyLine(pts, strokeColor=SERIES, strokeWidth=1.6))
        for k, (x, y) in enumerate(zip(g.xs, g.ys)):
            if k == 0:
                d.add(Circle(x, y, 3, strokeColor=SERIES, fillColor=colors.white, strokeWidth=1.2))
            else:
                d.add(Circle(x, y, 2.8, strokeColor=SERIES, fillColor=SERIES, strokeWidth=0.8))
        return d

    @staticmethod
    def _break_mark(d: Drawing, g: Geometry) -> None:
        """The zig-zag a reader knows as "this axis is cut", in the gap
        between the cut end of the value axis and its first tick."""
        mid = g.bottom + BREAK_GAP / 2 if g.break_at == "bottom" else g.top - BREAK_GAP / 2
        d.add(Rect(g.left - 4, mid - 4, 8, 8, strokeColor=None, fillColor=BACKGROUND))
        zigzag = [g.left, mid - 4, g.left - 3, mid - 2, g.left + 3, mid + 2, g.left, mid + 4]
        d.add(PolyLine(zigzag, strokeColor=AXIS, strokeWidth=0.9))
