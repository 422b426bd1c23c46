"""The picture of the evidence detail dialog with the faces marked on it,
where the lecturer corrects what the detector found.

A face the detector missed is still a face that must be blurred for a
person who did not consent, and a box on a poster or a pattern blurs what
the committee should see: the lecturer has the last word.  Boxes are kept
as fractions of the upright picture (:class:`FaceBox`), the shape the core
stores, so they stay on the face at any zoom and whatever size the viewer
decoded the picture at.

Mouse: drag on the picture outside a box draws a new one; drag a box to
move it; drag a corner of the selected box to resize it; Delete (or the
dialog's button) removes the selected box.  Panning a zoomed picture is
with the scroll bars or the wheel, since a left drag draws."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ...domain.photo_facts import LECTURER, MIN_SIDE, FaceBox
from ..qt import QBrush, QColor, QGraphicsView, QPen, QPointF, QRectF, Qt, Signal
from .evidence_viewer import ZoomImageView

#: A corner handle, in screen pixels whatever the zoom.
HANDLE_PX = 9
#: A drag shorter than this (screen pixels) is a click, not a new box.
MIN_DRAG_PX = 6
#: Boxes whose faces the export blurs, and boxes it keeps as taken.
BLURRED_COLOUR, KEPT_COLOUR = QColor("#ff9f1a"), QColor("#3ccf6e")


@dataclass
class _Drag:
    mode: str            # "new", "move" or "resize"
    index: int           # the box being changed (-1 while a new one is drawn)
    start: QPointF       # where the press was, in picture pixels
    anchor: QPointF      # the fixed corner while drawing or resizing
    original: QRectF     # the box as it was at the press, in picture pixels
    changed: bool = False


class FaceBoxEditor(ZoomImageView):
    """A :class:`ZoomImageView` with the face boxes drawn over the picture
    and editable by mouse and keyboard."""

    boxesChanged = Signal()   # the lecturer added, moved, resized or removed a box
    selectionChanged = Signal(int)  # index of the selected box, -1 for none

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._boxes: list[FaceBox] = []
        self._selected = -1
        self._drag: _Drag | None = None
        self.editable = False
        self.set_editable(True)
        #: Whether the export blurs these faces: the boxes' colour says so.
        self.blurred = True
        #: The lecturer changed the boxes since they were last set.
        self.edited = False

    def set_editable(self, editable: bool) -> None:
        """Editable, a left drag draws boxes; not (a scan, a letter), it pans
        the zoomed picture as the plain viewer does."""
        self.editable = editable
        self.setDragMode(QGraphicsView.DragMode.NoDrag if editable else QGraphicsView.DragMode.ScrollHandDrag)
        if not editable:
            self.select(-1)

    # --- the boxes -----------------------------------------------------------------
    def set_boxes(self, boxes: Sequence[FaceBox]) -> None:
        self._boxes = list(boxes)
        self._selected = -1
        self._drag = None
        self.edited = False
        self.selectionChanged.emit(-1)
        self.viewport().update()

    def boxes(self) -> list[FaceBox]:
        return list(self._boxes)

    def selected(self) -> int:
        return self._selected

    def select(self, index: int) -> None:
        index = index if 0 <= index < len(self._boxes) else -1
        if index != self._selected:
            self._selected = index
            self.selectionChanged.emit(index)
            self.viewport().update()

    def remove_selected(self) -> bool:
        if not (self.editable and 0 <= self._selected < len(self._boxes)):
            return False
        del self._boxes[self._selected]
        self._selected = -1
        self._changed()
        self.selectionChanged.emit(-1)
        return True

    def set_blurred(self, blurred: bool) -> None:
        self.blurred = blurred
        self.viewport().update()

    def _changed(self) -> None:
        self.edited = True
        self.viewport().update()
        self.boxesChanged.emit()

    # --- geometry: fractions of the picture <-> its pixels ----------------------------
    def picture_rect(self) -> QRectF:
        return self._item.boundingRect() if self.has_image() else QRectF()

    def box_rect(self, box: FaceBox) -> QRectF:
        """The box in picture pixels (the scene's coordinates)."""
        picture = self.picture_rect()
        return QRectF(box.x * picture.width(), box.y * picture.height(),
                      box.w * picture.width(), box.h * picture.height())

    def _as_box(self, rect: QRectF) -> FaceBox | None:
        picture = self.picture_rect()
        rect = rect.normalized().intersected(picture)
        if picture.isEmpty() or rect.isEmpty():
            return None
        x, y = rect.x() / picture.width(), rect.y() / picture.height()
        w, h = rect.width() / picture.width(), rect.height() / picture.height()
        if w < MIN_SIDE or h < MIN_SIDE:
            return None
        return FaceBox(x, y, min(w, 1 - x), min(h, 1 - y), LECTURER)

    def _scene_per_pixel(self) -> float:
        return 1 / (self.transform().m11() or 1.0)

    def box_at(self, point: QPointF) -> int:
        """The topmost box under ``point`` (picture pixels), or -1."""
        for index in range(len(self._boxes) - 1, -1, -1):
            if self.box_rect(self._boxes[index]).contains(point):
                return index
        return -1

    def _corner_at(self, point: QPointF) -> tuple[int, QPointF] | None:
        """(box, the opposite corner) when ``point`` is on a corner handle;
        the selected box's corners come first, as it is the one drawn with them."""
        reach = HANDLE_PX * self._scene_per_pixel()
        order = [self._selected] if self._selected >= 0 else []
        order += [i for i in range(len(self._boxes) - 1, -1, -1) if i != self._selected]
        for index in order:
            rect = self.box_rect(self._boxes[index])
            corners = (rect.topLeft(), rect.topRight(), rect.bottomRight(), rect.bottomLeft())
            for n, corner in enumerate(corners):
                if abs(corner.x() - point.x()) <= reach and abs(corner.y() - point.y()) <= reach:
                    return index, corners[(n + 2) % 4]
        return None

    # --- the mouse and the keys ---------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        if not (self.editable and self.has_image() and event.button() == Qt.MouseButton.LeftButton):
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        point = self.mapToScene(event.position().toPoint())
        corner = self._corner_at(point)
        if corner is not None:
            index, anchor = corner
            self.select(index)
            self._drag = _Drag("resize", index, point, anchor, self.box_rect(self._boxes[index]))
        elif (index := self.box_at(point)) >= 0:
            self.select(index)
            self._drag = _Drag("move", index, point, point, self.box_rect(self._boxes[index]))
        elif self.picture_rect().contains(point):
            self.select(-1)
            self._drag = _Drag("new", -1, point, point, QRectF(point, point))
        else:
            self.select(-1)
        event.accept()

    def mouseMoveEvent(self, event) -> None:
        drag = self._drag
        if drag is None:
            super().mouseMoveEvent(event)
            return
        point = self.mapToScene(event.position().toPoint())
        picture = self.picture_rect()
        moved = (point - drag.start).manhattanLength() / self._scene_per_pixel()
        if not drag.changed and moved < MIN_DRAG_PX:
            return
        drag.changed = True
        if drag.mode == "move":
            rect = drag.original.translated(point - drag.start)
            # Kept whole inside the picture: a face half off the edge is still there.
            rect.moveLeft(min(max(rect.left(), picture.left()), picture.right() - rect.width()))
            rect.moveTop(min(max(rect.top(), picture.top()), picture.bottom() - rect.height()))
        else:
            rect = QRectF(drag.anchor, point)
        box = self._as_box(rect)
        if box is None:
            return
        if drag.mode == "new":
            self._boxes.append(box)
            drag.mode, drag.index = "resize", len(self._boxes) - 1
            self.select(drag.index)
        else:
            self._boxes[drag.index] = box
        self.viewport().update()
        event.accept()

    def mouseReleaseEvent(self, event) -> None:
        drag, self._drag = self._drag, None
        if drag is None:
            super().mouseReleaseEvent(event)
            return
        if drag.changed and drag.index >= 0:
            self._changed()
        event.accept()

    def mouseDoubleClickEvent(self, event) -> None:
        if self.box_at(self.mapToScene(event.position().toPoint())) < 0:
            super().mouseDoubleClickEvent(event)  # fits the picture to the window

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.remove_selected():
            event.accept()
        elif event.key() == Qt.Key.Key_Escape and self._selected >= 0:
            self.select(-1)
            event.accept()
        else:
            super().keyPressEvent(event)

    # --- drawing -------------------------------------------------------------------------
    def drawForeground(self, painter, _rect) -> None:  # noqa: N802 - Qt's name
        if not self.has_image():
            return
        colour = BLURRED_COLOUR if self.blurred else KEPT_COLOUR
        fill = QColor(colour)
        fill.setAlpha(40)
        handle = HANDLE_PX * self._scene_per_pixel()
        painter.save()
        for index, box in enumerate(self._boxes):
            rect = self.box_rect(box)
            selected = index == self._selected
            # Dark under light: the box shows on a white shirt and on a night sky.
            outline, line = (5.0, 3.0) if selected else (4.0, 2.0)
            for pen_colour, width, brush in ((QColor(0, 0, 0, 160), outline, Qt.BrushStyle.NoBrush),
                                             (colour, line, QBrush(fill))):
                pen = QPen(pen_colour, width)
                pen.setCosmetic(True)
                painter.setPen(pen)
                painter.setBrush(brush)
                painter.drawRect(rect)
            if selected and self.editable:
                painter.setBrush(QBrush(colour))
                for corner in (rect.topLeft(), rect.topRight(), rect.bottomRight(), rect.bottomLeft()):
                    painter.drawRect(QRectF(corner.x() - handle / 2, corner.y() - handle / 2, handle, handle))
        painter.restore()
