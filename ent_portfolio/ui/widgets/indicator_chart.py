"""A painted chart of an indicator over time (PySide6-Essentials ships no
QtCharts): the measured values as points joined by a line, starting from
the baseline; the baseline and the target as dashed lines; dates in the
Buddhist era when the interface is Thai."""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass, field
from pathlib import Path

from ...typeset.dates import BE_OFFSET, ENGLISH_MONTHS_SHORT, THAI_MONTHS_SHORT
from ...typeset.scale import value_axis
from ..models.indicator_models import format_number
from ..qt import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPointF,
    QRectF,
    QSize,
    QSizePolicy,
    Qt,
    QWidget,
)

LINE = QColor("#1f5f99")
BASELINE = QColor("#7a8796")
TARGET = QColor("#2e8b57")
GRID = QColor("#e3e8ee")
AXIS = QColor("#5f6b7a")

_family: str | None = None


def sarabun_family() -> str:
    """The Sarabun family name, loading the shipped font files once if Qt
    does not know it yet (the app shell normally does this at start-up)."""
    global _family
    if _family is not None:
        return _family
    if "Sarabun" in QFontDatabase.families():
        _family = "Sarabun"
        return _family
    try:
        import fontpkg_sarabun

        for path in sorted((Path(fontpkg_sarabun.ROOT) / "files").glob("Sarabun-*.ttf")):
            QFontDatabase.addApplicationFont(str(path))
    except Exception:
        pass
    _family = "Sarabun" if "Sarabun" in QFontDatabase.families() else QFont().family()
    return _family


@dataclass
class ChartData:
    points: list[tuple[_dt.date, float]] = field(default_factory=list)
    baseline: float | None = None
    baseline_date: _dt.date | None = None
    target: float | None = None
    target_date: _dt.date | None = None
    unit: str = ""

    def dates(self) -> list[_dt.date]:
        out = [d for d, _ in self.points]
        out += [d for d in (self.baseline_date, self.target_date) if d is not None]
        return out

    def values(self) -> list[float]:
        out = [v for _, v in self.points]
        out += [v for v in (self.baseline, self.target) if v is not None]
        return out


def month_ticks(start: _dt.date, end: _dt.date, most: int = 7) -> list[_dt.date]:
    """First days of months between ``start`` and ``end``, thinned to ``most``."""
    months = (end.year - start.year) * 12 + end.month - start.month
    step = max(1, math.ceil((months + 1) / most))
    first = _dt.date(start.year, start.month, 1)
    if first < start:
        y, m = divmod(first.month, 12)
        first = _dt.date(first.year + y, m + 1, 1)
    ticks = []
    d = first
    while d <= end:
        ticks.append(d)
        y, m = divmod(d.month - 1 + step, 12)
        d = _dt.date(d.year + y, m + 1, 1)
    return ticks


def month_label(d: _dt.date, lang: str) -> str:
    if lang == "th":
        return f"{THAI_MONTHS_SHORT[d.month - 1]} {d.year + BE_OFFSET}"
    return f"{ENGLISH_MONTHS_SHORT[d.month - 1]} {d.year}"


class IndicatorChart(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.data = ChartData()
        self.lang = "th"
        self.labels = {"baseline": "Baseline", "target": "Target", "measured": "Measured",
                       "empty": "No values to draw yet.", "axis_cut": "The value axis does not start at 0"}
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAutoFillBackground(False)
        self.paint_count = 0  # how many times the chart was painted (tests)

    def sizeHint(self) -> QSize:
        return QSize(640, 300)

    def set_data(self, data: ChartData, lang: str | None = None) -> None:
        self.data = data
        if lang:
            self.lang = lang
        self.update()

    def set_labels(self, **labels: str) -> None:
        self.labels.update(labels)
        self.update()

    # geometry ------------------------------------------------------------------
    def _ranges(self):
        d = self.data
        # The dossier's rule: the axis reaches zero, or it is cut and says so.
        axis = value_axis(d.values())
        dates = d.dates() or [_dt.date.today()]  # lines only: any span will do
        start, end = min(dates), max(dates)
        if start == end:
            start -= _dt.timedelta(days=30)
            end += _dt.timedelta(days=30)
        span = (end - start).days
        start -= _dt.timedelta(days=max(1, span // 20))
        end += _dt.timedelta(days=max(1, span // 20))
        return axis, start, end

    @staticmethod
    def _draw_value_axis(painter: QPainter, plot: QRectF, left: float, ticks: list[tuple[float, str]],
                         y_of) -> None:
        """The grid lines and the value of each, at the left."""
        for value, text in ticks:
            y = y_of(value)
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(AXIS)
            painter.drawText(QRectF(0, y - 9, left - 6, 18),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)

    def _draw_axis_cut(self, painter: QPainter, plot: QRectF, at_bottom: bool) -> None:
        """The zig-zag that says the value axis does not reach zero, and the
        words for it beside it."""
        y = plot.bottom() - 8 if at_bottom else plot.top() + 8
        x = plot.left()
        painter.setPen(QPen(AXIS, 1.4))
        points = [QPointF(x, y - 6), QPointF(x - 4, y - 3), QPointF(x + 4, y + 1), QPointF(x, y + 4)]
        for a, b in zip(points, points[1:]):
            painter.drawLine(a, b)
        # Clear of the lowest grid line and its value, Thai marks included.
        note_top = y - 30 if at_bottom else y + 6
        self.axis_cut_rect = QRectF(x + 10, note_top, painter.fontMetrics().horizontalAdvance(
            self.labels["axis_cut"]) + 8, 24)
        painter.fillRect(self.axis_cut_rect, QColor(255, 255, 255, 200))
        painter.drawText(self.axis_cut_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         self.labels["axis_cut"])

    def _draw_time_axis(self, painter: QPainter, metrics: QFontMetricsF, plot: QRectF,
                        start: _dt.date, end: _dt.date, x_of) -> None:
        """Month ticks along the bottom, Buddhist era in Thai; a label that
        would touch the one before it is left out, its tick kept."""
        painter.setPen(QPen(AXIS, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        last_right = -1e9
        for day in month_ticks(start, end):
            x = x_of(day)
            painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4))
            label = month_label(day, self.lang)
            w = metrics.horizontalAdvance(label)
            if x - w / 2 > last_right + 6 and x + w / 2 < self.width():
                painter.drawText(QRectF(x - w / 2, plot.bottom() + 6, w, 20), Qt.AlignmentFlag.AlignHCenter, label)
                last_right = x + w / 2

    def paintEvent(self, event) -> None:
        self.paint_count += 1
        self.axis_cut_rect: QRectF | None = None  # where the "axis is cut" words were drawn, if they were
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        font = QFont(sarabun_family())
        font.setPixelSize(13)
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        d = self.data
        if not d.points and d.baseline is None and d.target is None:
            painter.setPen(AXIS)
            painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, self.labels["empty"])
            painter.end()
            return

        axis, start, end = self._ranges()
        ticks = axis.ticks
        y_lo, y_hi = ticks[0], ticks[-1]
        tick_texts = [format_number(t) for t in ticks]
        left = 14 + max(metrics.horizontalAdvance(t) for t in tick_texts)
        plot = QRectF(left, 40, self.width() - left - 24, self.height() - 40 - 30)
        if plot.width() < 40 or plot.height() < 40:
            painter.end()
            return

        def x_of(day: _dt.date) -> float:
            return plot.left() + (day - start).days / max((end - start).days, 1) * plot.width()

        def y_of(value: float) -> float:
            return plot.bottom() - (value - y_lo) / (y_hi - y_lo or 1) * plot.height()

        self._draw_value_axis(painter, plot, left, list(zip(ticks, tick_texts)), y_of)
        if d.unit:
            painter.setPen(AXIS)
            painter.drawText(QRectF(4, 6, plot.width(), 20), Qt.AlignmentFlag.AlignLeft, d.unit)
        self._draw_time_axis(painter, metrics, plot, start, end, x_of)
        if axis.broken:
            self._draw_axis_cut(painter, plot, at_bottom=axis.lo > 0)

        # Baseline and target: dashed lines across, labelled at the right.
        legend: list[tuple[QColor, Qt.PenStyle, str]] = []
        for value, colour, key in ((d.baseline, BASELINE, "baseline"), (d.target, TARGET, "target")):
            if value is None:
                continue
            pen = QPen(colour, 1.6, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            y = y_of(value)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            text = f"{self.labels[key]} {format_number(value)}"
            w = metrics.horizontalAdvance(text)
            # Above the line, unless that would run into the legend row.
            label_y = y - 20 if y - 20 > plot.top() + 2 else y + 3
            box = QRectF(plot.right() - w - 6, label_y, w + 6, 18)
            painter.fillRect(box, QColor(255, 255, 255, 215))  # readable where the series crosses it
            painter.drawText(box.adjusted(0, 0, -2, 0), Qt.AlignmentFlag.AlignRight, text)
            legend.append((colour, Qt.PenStyle.DashLine, self.labels[key]))

        # The series: from the baseline (hollow point) through each measurement.
        series: list[tuple[_dt.date, float, bool]] = []
        if d.baseline is not None and d.baseline_date is not None:
            series.append((d.baseline_date, d.baseline, True))
        series += [(day, value, False) for day, value in sorted(d.points)]
        if series:
            path = QPainterPath()
            for i, (day, value, _hollow) in enumerate(series):
                point = QPointF(x_of(day), y_of(value))
                path.moveTo(point) if i == 0 else path.lineTo(point)
            painter.setPen(QPen(LINE, 2.2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
            for day, value, hollow in series:
                point = QPointF(x_of(day), y_of(value))
                painter.setPen(QPen(LINE if not hollow else BASELINE, 2))
                painter.setBrush(QColor("white") if hollow else LINE)
                painter.drawEllipse(point, 4.5, 4.5)
                if not hollow:
                    text = format_number(value)
                    w = metrics.horizontalAdvance(text)
                    painter.setPen(LINE)
                    painter.drawText(QRectF(point.x() - w / 2 - 2, point.y() - 24, w + 4, 18),
                                     Qt.AlignmentFlag.AlignHCenter, text)
            legend.insert(0, (LINE, Qt.PenStyle.SolidLine, self.labels["measured"]))

        # Legend, top right.
        x = self.width() - 12.0
        for colour, style, text in reversed(legend):
            w = metrics.horizontalAdvance(text)
            x -= w
            painter.setPen(AXIS)
            painter.drawText(QRectF(x, 6, w + 2, 20), Qt.AlignmentFlag.AlignLeft, text)
            x -= 26
            painter.setPen(QPen(colour, 2, style))
            painter.drawLine(QPointF(x, 16), QPointF(x + 20, 16))
            x -= 14
        painter.end()
