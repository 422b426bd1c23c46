"""The thumbnail grid of the evidence view: a ``QListView`` in icon mode
that paints each tile itself (picture, caption, date, place) and accepts
files and folders dropped from the desktop.

Two badges sit on the picture: a warning triangle on a photo with an open
plausibility finding (a committee would ask about it; the tooltip says
what), and a blurred face with a count on a photo whose faces the dossier
blurs, so the lecturer sees before exporting which photos will leave the
app changed."""

from __future__ import annotations

from pathlib import Path

from ..models.evidence_model import THUMB_SIZE, DateTextRole, FacesBlurredRole, FindingsRole, PlaceRole
from ..qt import (
    QAbstractItemView,
    QColor,
    QFont,
    QFontMetrics,
    QListView,
    QPalette,
    QPen,
    QPointF,
    QPolygonF,
    QRect,
    QRectF,
    QSize,
    QStyle,
    QStyledItemDelegate,
    Qt,
    Signal,
)
from ..thaiwrap import (
    break_lines,
    load_segmenter_in_background,
    segmenter_ready,
    strip_hints,
)

TILE = QSize(THUMB_SIZE.width() + 16, THUMB_SIZE.height() + 78)
#: A line's box is the font's height, but some ink lies below its descent:
#: the underscore of a file name (รูป_กิจกรรม_01.jpg) and, in some fonts,
#: Thai marks below the consonant.  Clipped to the box they vanish.
_UNCLIPPED = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextDontClip


class EvidenceDelegate(QStyledItemDelegate):
    def sizeHint(self, option, index) -> QSize:
        return TILE

    def paint(self, painter, option, index) -> None:
        painter.save()
        rect = option.rect.adjusted(3, 3, -3, -3)
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        painter.setRenderHint(painter.RenderHint.Antialiasing)
        if selected:
            highlight = palette.color(QPalette.ColorRole.Highlight)
            fill = QColor(highlight)
            fill.setAlpha(45)
            painter.setPen(QPen(highlight, 2))
            painter.setBrush(fill)
        else:
            painter.setPen(QPen(QColor("#d5dbe3") if not hovered else QColor("#9fb3c8"), 1))
            painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(rect, 6, 6)

        # The picture, centred in its box.
        box = QRect(rect.left() + 5, rect.top() + 5, THUMB_SIZE.width(), THUMB_SIZE.height())
        pixmap = index.data(Qt.ItemDataRole.DecorationRole)
        if pixmap is not None and not pixmap.isNull():
            ratio = pixmap.devicePixelRatio() or 1.0
            size = pixmap.size() / ratio
            size = size.scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio) if (
                size.width() > box.width() or size.height() > box.height()) else size
            target = QRect(0, 0, size.width(), size.height())
            target.moveCenter(box.center())
            painter.drawPixmap(target, pixmap)
        if index.data(FindingsRole):
            paint_finding_badge(painter, QRectF(box.right() - 27, box.top() + 4, 24, 22))
        if blurred := index.data(FacesBlurredRole):
            paint_blur_badge(painter, QRectF(box.left() + 4, box.top() + 4, 44, 22), blurred)

        # Caption (two lines at most), then date and place in grey.
        text_rect = QRect(rect.left() + 7, box.bottom() + 6, rect.width() - 14, rect.bottom() - box.bottom() - 8)
        font = option.font
        metrics = QFontMetrics(font)
        caption = index.data(Qt.ItemDataRole.DisplayRole) or ""
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        painter.setFont(font)
        line_h = metrics.height()
        lines = _two_lines(caption, metrics, text_rect.width(), font)
        y = text_rect.top()
        for line in lines:
            painter.drawText(QRect(text_rect.left(), y, text_rect.width(), line_h), _UNCLIPPED, line)
            y += line_h
        meta = " · ".join(p for p in (index.data(DateTextRole), index.data(PlaceRole)) if p)
        if meta:
            small = QFontMetrics(font)
            painter.setPen(QColor("#5f6b7a"))
            painter.drawText(
                QRect(text_rect.left(), text_rect.bottom() - line_h + 1, text_rect.width(), line_h),
                _UNCLIPPED,
                small.elidedText(meta, Qt.TextElideMode.ElideRight, text_rect.width()),
            )
        painter.restore()


BADGE_OUTLINE = QColor(0, 0, 0, 170)


def paint_finding_badge(painter, rect: QRectF) -> None:
    """A warning triangle: something about this photo a committee would question."""
    painter.save()
    triangle = QPolygonF([QPointF(rect.center().x(), rect.top()), rect.bottomRight(), rect.bottomLeft()])
    painter.setPen(QPen(BADGE_OUTLINE, 1.5))
    painter.setBrush(QColor("#f2a900"))
    painter.drawPolygon(triangle)
    font = QFont(painter.font())
    font.setBold(True)
    font.setPixelSize(int(rect.height() * 0.62))
    painter.setFont(font)
    painter.setPen(QColor("#1f1a00"))
    painter.drawText(rect.adjusted(0, rect.height() * 0.22, 0, 0), Qt.AlignmentFlag.AlignCenter, "!")
    painter.restore()


def paint_blur_badge(painter, rect: QRectF, count: int) -> None:
    """A face behind frosted bars, and how many faces the dossier blurs."""
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(25, 30, 38, 200))
    painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
    face = QRectF(rect.left() + 4, rect.top() + 3, rect.height() - 6, rect.height() - 6)
    painter.setBrush(QColor("#f1d3b3"))
    painter.drawEllipse(face)
    painter.setPen(QPen(QColor(255, 255, 255, 200), 2.0))
    for step in (0.3, 0.5, 0.7):
        y = face.top() + face.height() * step
        painter.drawLine(QPointF(face.left() - 1, y), QPointF(face.right() + 1, y))
    font = QFont(painter.font())
    font.setBold(True)
    font.setPixelSize(int(rect.height() * 0.6))
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(rect.adjusted(face.width() + 6, 0, -4, 0), Qt.AlignmentFlag.AlignCenter, str(count))
    painter.restore()


def _two_lines(text: str, metrics: QFontMetrics, width: int, font=None) -> list[str]:
    """Split ``text`` into at most two lines that fit ``width``, the second
    elided.  The first line ends after a space or at a word boundary of the
    core's segmenter (:func:`break_lines`, as a ThaiWrapLabel wraps): Qt's
    own breaker cuts Thai words (libthai's dictionary on Linux, none at all
    on Windows and macOS).  Until the segmenter is loaded Qt breaks the
    line, at the caption's wrap hints (U+200B) where it can."""
    hinted = " ".join(text.split())  # U+200B is no space: the hints stay
    text = strip_hints(hinted)
    if metrics.horizontalAdvance(text) <= width:
        return [text]
    if segmenter_ready():
        first = break_lines(text, metrics.horizontalAdvance, width)[0]
        rest = text[len(first):].lstrip()
        return [first, metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)] if rest else [first]
    load_segmenter_in_background()
    from ..qt import QTextLayout, QTextOption

    layout = QTextLayout(hinted, font) if font is not None else QTextLayout(hinted)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(width)
    first_end = line.textStart() + line.textLength()
    layout.endLayout()
    first, rest = strip_hints(hinted[:first_end]).rstrip(), strip_hints(hinted[first_end:]).lstrip()
    return [first, metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)] if rest else [first]


def paths_from_mime(mime) -> list[Path]:
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


class EvidenceGrid(QListView):
    """Icon-mode list that takes dropped files and folders."""

    filesDropped = Signal(list)  # list[Path]

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setGridSize(QSize(TILE.width() + 8, TILE.height() + 8))
        self.setSpacing(4)
        self.setWordWrap(True)
        self.setMouseTracking(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setItemDelegate(EvidenceDelegate(self))
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDropIndicatorShown(False)
        self.empty_text = ""
        self._drag_over = False

    def _set_drag_over(self, on: bool) -> None:
        if self._drag_over != on:
            self._drag_over = on
            self.viewport().update()

    def dragEnterEvent(self, event) -> None:
        if paths_from_mime(event.mimeData()):
            event.acceptProposedAction()
            self._set_drag_over(True)
        else:
            event.ignore()

    def dragLeaveEvent(self, event) -> None:
        self._set_drag_over(False)
        super().dragLeaveEvent(event)

    def dragMoveEvent(self, event) -> None:
        if paths_from_mime(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:
        self._set_drag_over(False)
        paths = paths_from_mime(event.mimeData())
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.filesDropped.emit(paths)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        empty = self.model() is not None and self.model().rowCount() == 0 and self.empty_text
        if not (empty or self._drag_over):
            return
        from ..qt import QPainter

        painter = QPainter(self.viewport())
        if empty:
            painter.setPen(QColor("#6b7785"))
            painter.drawText(self.viewport().rect().adjusted(40, 40, -40, -40),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text)
        if self._drag_over:  # show where the files will land
            highlight = self.palette().color(QPalette.ColorRole.Highlight)
            fill = QColor(highlight)
            fill.setAlpha(28)
            painter.setBrush(fill)
            painter.setPen(QPen(highlight, 3, Qt.PenStyle.DashLine))
            painter.drawRoundedRect(self.viewport().rect().adjusted(4, 4, -4, -4), 8, 8)
        painter.end()
