"""Small painted icons and colours for readiness: one per severity and per
status, so a lecturer sees at a glance what must be fixed."""

from __future__ import annotations

from functools import lru_cache

from ..qt import QColor, QFont, QIcon, QPainter, QPixmap, QRectF, Qt

#: code -> (fill colour, symbol)
STYLES = {
    "blocking": ("#c62828", "!"),
    "warning": ("#ef8f00", "!"),
    "suggestion": ("#1e6fb8", "i"),
    "must_fix": ("#c62828", "!"),
    "improve": ("#ef8f00", "!"),
    "ready": ("#2e7d32", "✓"),
    "not_checked": ("#8a94a0", "…"),
}

#: Light backgrounds for the status banner.
BANNER = {
    "must_fix": ("#fdecea", "#8e1b1b"),
    "improve": ("#fff4e0", "#7a4b00"),
    "ready": ("#e8f5e9", "#1b5e20"),
    "not_checked": ("#eef1f5", "#3d4752"),
}


def colour(code: str) -> QColor:
    return QColor(STYLES.get(code, STYLES["not_checked"])[0])


@lru_cache(maxsize=32)
def _pixmap(code: str, size: int) -> QPixmap:
    fill, symbol = STYLES.get(code, STYLES["not_checked"])
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(fill))
    if code in ("warning", "improve"):  # a triangle reads as "caution"
        from ..qt import QPointF, QPolygonF

        m = size * 0.06
        painter.drawPolygon(QPolygonF([QPointF(size / 2, m), QPointF(size - m, size - m), QPointF(m, size - m)]))
        text_rect = QRectF(0, size * 0.22, size, size * 0.78)
    else:
        painter.drawEllipse(QRectF(1, 1, size - 2, size - 2))
        text_rect = QRectF(0, 0, size, size)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(size * (0.55 if code not in ("warning", "improve") else 0.5)))
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(text_rect, Qt.AlignmentFlag.AlignCenter, symbol)
    painter.end()
    return pixmap


def icon(code: str, size: int = 18) -> QIcon:
    result = QIcon()
    for s in (size, size * 2):
        result.addPixmap(_pixmap(code, s))
    return result


def pixmap(code: str, size: int = 18) -> QPixmap:
    return _pixmap(code, size)
