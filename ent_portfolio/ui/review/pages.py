"""The dossier's pages in the reviewer's window, one at a time, with its
outline beside them.

PySide6-Essentials has no QtPdf, so the pages are drawn by pdfium
(``pypdfium2``), which runs on every platform the app ships for — unlike
Poppler's ``pdftoppm`` the lecturer's preview uses when it is there.  A
page is drawn in a worker at the screen's resolution and kept (a few pages,
each at the zoom it was drawn at) so paging back and forth is instant.
pdfium is not safe to call from two threads at once, so every call on a
document goes through its renderer's lock, and the view asks for one page
at a time: while one is drawn, only the latest page asked for waits.

The PDF is the package's, handed over as bytes: nothing is written
anywhere to show it."""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from dataclasses import dataclass

import pypdfium2

from ..qt import (
    QComboBox,
    QHBoxLayout,
    QImage,
    QLabel,
    QPixmap,
    QPushButton,
    QScrollArea,
    QSplitter,
    Qt,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ..thaiwrap import ThaiWrapLabel

#: Zoom steps offered, as a fraction of the page's printed size.
ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)
DEFAULT_ZOOM = 1.0

#: A page is never drawn larger than this many pixels: a hostile PDF may
#: declare a page kilometres wide, and its picture would fill the memory.
MAX_PAGE_PIXELS = 40_000_000

#: Pictures of pages kept for paging back (each a few megabytes).
CACHED_PAGES = 12

#: Outline entries shown at most, and their depth: a hostile outline can
#: hold millions of entries or nest without end.
MAX_OUTLINE_ITEMS = 2000
MAX_OUTLINE_DEPTH = 12


@dataclass(frozen=True)
class DrawnPage:
    """A page drawn by the worker: RGB bytes, to become a QImage in the UI
    thread (widgets and pixmaps belong to it)."""

    index: int
    scale: float
    width: int
    height: int
    rgb: bytes


class PageRenderer:
    """One PDF held open for drawing, one call at a time."""

    def __init__(self, pdf_bytes: bytes) -> None:
        self._bytes = pdf_bytes
        self._document = None
        self._lock = threading.Lock()

    def _opened(self):
        if self._document is None:
            self._document = pypdfium2.PdfDocument(self._bytes)
        return self._document

    def page_count(self) -> int:
        with self._lock:
            return len(self._opened())

    def draw(self, index: int, scale: float) -> DrawnPage:
        with self._lock:
            page = self._opened()[index]
            try:
                width, height = page.get_size()
                area = max(width * scale, 1.0) * max(height * scale, 1.0)
                if area > MAX_PAGE_PIXELS:
                    scale *= math.sqrt(MAX_PAGE_PIXELS / area)
                picture = page.render(scale=scale).to_pil().convert("RGB")
            finally:
                page.close()
        return DrawnPage(index, scale, picture.width, picture.height, picture.tobytes())

    def close(self) -> None:
        with self._lock:
            if self._document is not None:
                self._document.close()
                self._document = None


def count_pages(renderer: PageRenderer, progress=None, cancel=None) -> int:
    """The job that opens the document (worker thread)."""
    return renderer.page_count()


def draw_page(renderer: PageRenderer, index: int, scale: float, progress=None, cancel=None) -> DrawnPage:
    """The job that draws one page (worker thread)."""
    if cancel is not None:
        cancel.raise_if_cancelled()
    return renderer.draw(index, scale)


def outline_tree(items, page_count: int | None = None) -> list[tuple[int, str, int | None]]:
    """(depth, title, page index) of the outline entries to show, each depth
    at most one deeper than the entry before it; a page outside the document
    (or none) is None: the entry is shown, and goes nowhere."""
    shown: list[tuple[int, str, int | None]] = []
    depth_before = -1
    for item in items[:MAX_OUTLINE_ITEMS]:
        depth = min(max(int(item.level), 0), depth_before + 1, MAX_OUTLINE_DEPTH)
        page = item.page
        if page is not None and not (page >= 0 and (page_count is None or page < page_count)):
            page = None
        shown.append((depth, " ".join(str(item.title).split()), page))
        depth_before = depth
    return shown


class PageView(QWidget):
    """Outline on the left, the current page on the right, paging and zoom above."""

    page_shown = Signal(int)  # the page index now on screen

    def __init__(self, jobs, parent=None) -> None:
        super().__init__(parent)
        self.jobs = jobs
        self.renderer: PageRenderer | None = None
        self.page_count = 0
        self.current = 0
        self.zoom = DEFAULT_ZOOM
        self._cache: OrderedDict[tuple[int, float], QImage] = OrderedDict()
        self._drawing = None  # the job drawing a page now
        self._wanted: tuple[int, float] | None = None  # the page asked for while another was drawn
        self._outline_items: list = []
        self.failed = False

        self.previous_button = QPushButton()
        self.next_button = QPushButton()
        self.page_label = QLabel()
        self.zoom_out_button = QPushButton("−")
        self.zoom_in_button = QPushButton("+")
        for button in (self.zoom_out_button, self.zoom_in_button):
            button.setFixedWidth(button.fontMetrics().horizontalAdvance("−") * 4 + 16)
        self.zoom_combo = QComboBox()
        for zoom in ZOOMS:
            self.zoom_combo.addItem(f"{round(zoom * 100)}%", zoom)
        self.zoom_combo.setCurrentIndex(ZOOMS.index(DEFAULT_ZOOM))
        self.previous_button.clicked.connect(lambda: self.go_to(self.current - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self.current + 1))
        self.zoom_out_button.clicked.connect(lambda: self._step_zoom(-1))
        self.zoom_in_button.clicked.connect(lambda: self._step_zoom(+1))
        self.zoom_combo.currentIndexChanged.connect(lambda i: self.set_zoom(ZOOMS[i]))
        bar = QHBoxLayout()
        for widget in (self.previous_button, self.page_label, self.next_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (self.zoom_out_button, self.zoom_combo, self.zoom_in_button):
            bar.addWidget(widget)

        self.outline = QTreeWidget()
        self.outline.setHeaderHidden(True)
        self.outline.setWordWrap(True)
        self.outline.itemClicked.connect(self._on_outline_clicked)
        self.outline.itemActivated.connect(self._on_outline_clicked)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.status = ThaiWrapLabel()
        self.status.setStyleSheet("color: #4a5868;")
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.picture)
        self.scroll.setWidgetResizable(True)
        self.scroll.setStyleSheet("QScrollArea { background: #6b7685; }")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.status)
        right_layout.addWidget(self.scroll, 1)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.outline)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([220, 640])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        self.retranslate()

    # --- the document -----------------------------------------------------------------
    def set_document(self, pdf_bytes: bytes | None, outline=()) -> None:
        """Show ``pdf_bytes`` (None: the package has no dossier to show)."""
        self.close_document()
        self._outline_items = list(outline)
        if not pdf_bytes:
            self._fail()
            return
        self.renderer = PageRenderer(pdf_bytes)
        job = self.jobs.start(count_pages, self.renderer)
        self._drawing = job
        job.succeeded.connect(self._on_counted)
        job.failed.connect(lambda _exc: self._fail())

    def _on_counted(self, count: int) -> None:
        self._drawing = None
        self.page_count = count
        self._fill_outline()
        if count == 0:
            self._fail()
            return
        self.go_to(0)

    def _fail(self) -> None:
        self._drawing = None
        self.failed = True
        self.page_count = 0
        self.picture.clear()
        self.retranslate()

    def close_document(self) -> None:
        self._cache.clear()
        self._wanted = None
        if self.renderer is not None:
            self.renderer.close()
            self.renderer = None
        self.page_count = 0
        self.current = 0
        self.failed = False
        self.outline.clear()

    def _fill_outline(self) -> None:
        self.outline.clear()
        parents: list[QTreeWidgetItem] = []
        for depth, title, page in outline_tree(self._outline_items, self.page_count):
            item = QTreeWidgetItem([title])
            item.setToolTip(0, title)
            item.setData(0, Qt.ItemDataRole.UserRole, -1 if page is None else page)
            del parents[depth:]
            if parents:
                parents[-1].addChild(item)
            else:
                self.outline.addTopLevelItem(item)
            parents.append(item)
        self.outline.expandToDepth(0)

    def _on_outline_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        page = item.data(0, Qt.ItemDataRole.UserRole)
        if page is not None and page >= 0:
            self.go_to(int(page))

    def outline_items(self) -> list[QTreeWidgetItem]:
        """Every entry of the outline, in order (tests click them)."""
        found = []

        def walk(item):
            found.append(item)
            for k in range(item.childCount()):
                walk(item.child(k))

        for k in range(self.outline.topLevelItemCount()):
            walk(self.outline.topLevelItem(k))
        return found

    # --- paging and zoom -----------------------------------------------------------------
    def go_to(self, index: int) -> None:
        if self.renderer is None or self.page_count == 0:
            return
        self.current = min(max(index, 0), self.page_count - 1)
        self._update_controls()
        self._show_or_draw()

    def set_zoom(self, zoom: float) -> None:
        self.zoom = zoom
        self.zoom_combo.blockSignals(True)
        self.zoom_combo.setCurrentIndex(ZOOMS.index(zoom) if zoom in ZOOMS else ZOOMS.index(DEFAULT_ZOOM))
        self.zoom_combo.blockSignals(False)
        self._update_controls()
        self._show_or_draw()

    def _step_zoom(self, step: int) -> None:
        position = ZOOMS.index(self.zoom) if self.zoom in ZOOMS else ZOOMS.index(DEFAULT_ZOOM)
        self.set_zoom(ZOOMS[min(max(position + step, 0), len(ZOOMS) - 1)])

    def screen_scale(self) -> float:
        """pdfium's scale (pixels per point) for the zoom on this screen."""
        return self.zoom * self.logicalDpiY() / 72 * self.devicePixelRatioF()

    def _show_or_draw(self) -> None:
        if self.renderer is None:
            return
        key = (self.current, round(self.screen_scale(), 3))
        image = self._cache.get(key)
        if image is not None:
            self._cache.move_to_end(key)
            self._show(image)
            return
        if self._drawing is not None:
            self._wanted = key  # drawn once the page being drawn is done
            return
        self._draw(key)

    def _draw(self, key: tuple[int, float]) -> None:
        job = self.jobs.start(draw_page, self.renderer, key[0], key[1])
        self._drawing = job
        job.succeeded.connect(lambda page: self._on_drawn(key, page))
        job.failed.connect(lambda _exc: self._on_draw_failed())

    def _on_drawn(self, key: tuple[int, float], page: DrawnPage) -> None:
        self._drawing = None
        if self.renderer is None:
            return  # the document went while its page was drawn
        image = QImage(page.rgb, page.width, page.height, page.width * 3, QImage.Format.Format_RGB888).copy()
        image.setDevicePixelRatio(self.devicePixelRatioF())
        self._cache[key] = image
        while len(self._cache) > CACHED_PAGES:
            self._cache.popitem(last=False)
        wanted, self._wanted = self._wanted, None
        if wanted is not None and wanted != key:
            self._show_or_draw()
        elif key[0] == self.current:
            self._show(image)

    def _on_draw_failed(self) -> None:
        self._drawing = None
        self.picture.clear()
        self.status.setText(self.tr("This page cannot be shown."))
        self.status.show()

    def _show(self, image: QImage) -> None:
        self.picture.setPixmap(QPixmap.fromImage(image))
        self.status.hide()
        self.page_shown.emit(self.current)

    def shown_page(self) -> int | None:
        """The page index whose picture is on screen, None while none is."""
        pixmap = self.picture.pixmap()
        return None if pixmap is None or pixmap.isNull() else self.current

    def busy(self) -> bool:
        return self._drawing is not None or self._wanted is not None

    # --- language ----------------------------------------------------------------------
    def _update_controls(self) -> None:
        has_pages = self.page_count > 0
        self.previous_button.setEnabled(has_pages and self.current > 0)
        self.next_button.setEnabled(has_pages and self.current < self.page_count - 1)
        self.zoom_out_button.setEnabled(has_pages and self.zoom > ZOOMS[0])
        self.zoom_in_button.setEnabled(has_pages and self.zoom < ZOOMS[-1])
        self.zoom_combo.setEnabled(has_pages)
        self.page_label.setText(self.tr("Page %1 of %2").replace("%1", str(self.current + 1))
                                .replace("%2", str(self.page_count)) if has_pages else "")

    def retranslate(self) -> None:
        self.previous_button.setText(self.tr("◀ Previous page"))
        self.next_button.setText(self.tr("Next page ▶"))
        self.zoom_out_button.setToolTip(self.tr("Smaller"))
        self.zoom_in_button.setToolTip(self.tr("Larger"))
        self.outline.setToolTip(self.tr("The dossier's outline: click a heading to go to its page."))
        if self.failed:
            self.status.setText(self.tr("The dossier's pages cannot be shown: the package holds no readable PDF."))
            self.status.show()
        elif self.renderer is not None and self.page_count == 0:
            self.status.setText(self.tr("Opening the dossier…"))
            self.status.show()
        self._update_controls()
