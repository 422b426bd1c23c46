"""The window's background work at start, after its first paint.

A lecturer waits for the works list, not for the word segmenter (PyThaiNLP
and the line breaker's fonts) nor for the search index.  Started while the
window is being built, they took the interpreter from it (one lock for all
Python threads) and the list appeared about a second later.  So the program
holds them until the window has painted once, then runs them one after
the other — the segmenter first, as labels on screen wait for it to wrap
their Thai — so that neither competes with the other nor with the window.

The program calls :func:`hold_until_first_paint` before it builds its
window; windows made otherwise (the tests) and a portfolio opened later
from the menu start the index at once, as before.

While the segmenter builds its dictionary (some 300,000 small objects),
Python's cyclic garbage collector is off.  Each object it makes counts
towards a collection, and the collections it set off walked the whole heap
(Qt's wrappers, SQLAlchemy, the records' models, the dictionary so far)
while holding the interpreter: the window stood still for a tenth of a
second to a second after its first paint.  Once the dictionary is there,
what the start-up made (modules, the window, the dictionary: all of it lives
as long as the program) is set aside from the collector's walks
(``gc.freeze``), and the collector is on again for what comes after."""

from __future__ import annotations

import gc

from . import thaiwrap
from .qt import QEvent, QObject, QTimer

_hold_next_window = False


def hold_until_first_paint() -> None:
    """The next main window keeps its segmenter and search index back until it paints."""
    global _hold_next_window
    _hold_next_window = True
    thaiwrap.hold_background_load = True  # before the window's first Thai label asks for the segmenter


def stop_holding() -> None:
    """Nothing held any more (the app ends, perhaps before its first paint)."""
    global _hold_next_window
    _hold_next_window = False
    thaiwrap.hold_background_load = False


class StartUpWork(QObject):
    def __init__(self, window) -> None:
        global _hold_next_window
        super().__init__(window)
        self.window = window
        self.held = _hold_next_window
        _hold_next_window = False  # one window: a second one (a test's) is not held
        self._index_wanted = False
        self._waiting_for_segmenter = False
        self._collector_paused = False
        if self.held:
            window.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.window and event.type() == QEvent.Type.Paint and self.held:
            self.window.removeEventFilter(self)
            # The children paint in the same pass as the window: a timer of
            # zero fires once the whole window is on screen.
            QTimer.singleShot(0, self._release)
        return False

    def search_index_wanted(self) -> None:
        """A portfolio was opened: its search index is built in the background
        so the first Ctrl+F is instant (now, or once the window has painted)."""
        if self.held:
            self._index_wanted = True
            return
        self._start_search_index()

    def _release(self) -> None:
        self.held = False
        thaiwrap.hold_background_load = False
        if thaiwrap.segmenter_ready():
            self._after_segmenter()
            return
        self._waiting_for_segmenter = True
        thaiwrap._ready_signal().loaded.connect(self._after_segmenter)
        self._pause_collector()
        thaiwrap.load_segmenter_in_background()

    def _pause_collector(self) -> None:
        if gc.isenabled():
            gc.disable()
            self._collector_paused = True
            # Back on even if the window goes before the segmenter is there.
            self.destroyed.connect(gc.enable)

    def _resume_collector(self) -> None:
        if self._collector_paused:
            self._collector_paused = False
            self.destroyed.disconnect(gc.enable)
            gc.freeze()  # else the first collection walks the start-up's heap, the dictionary in it, at once
            gc.enable()

    def _after_segmenter(self) -> None:
        self._resume_collector()
        if self._waiting_for_segmenter:
            self._waiting_for_segmenter = False
            thaiwrap._ready_signal().loaded.disconnect(self._after_segmenter)
        if self._index_wanted:
            self._index_wanted = False
            self._start_search_index()

    def _start_search_index(self) -> None:
        portfolio = self.window.context.portfolio
        if portfolio is None:
            return
        def refresh(progress, cancel):
            from ..services.search import index_for  # in the worker: the window does not wait for the import

            return index_for(portfolio).refresh()

        self.window.context.jobs.start(refresh)
