"""Measuring the window's start: with ``ENT_PORTFOLIO_EXIT_AFTER_FIRST_PAINT``
set, the app prints the wall-clock moment the works list is first painted
with its works and closes.  The scale benchmark starts the real app this way
and subtracts the moment it launched the process, so the figure is what a
lecturer waits for: from the command to the list on screen."""

from __future__ import annotations

import time

from .qt import QEvent, QObject, QTableView, QTimer

ENVIRONMENT_VARIABLE = "ENT_PORTFOLIO_EXIT_AFTER_FIRST_PAINT"
#: The line the benchmark reads: the marker, then ``time.time()`` at the paint.
MARKER = "ent-portfolio-first-paint"


class _FirstPaintWatcher(QObject):
    def __init__(self, window, table: QTableView) -> None:
        super().__init__(table)
        self.window = window
        self.table = table
        self.reported = False

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if not self.reported and event.type() == QEvent.Type.Paint and self._shows_the_works():
            self.reported = True
            print(f"{MARKER} {time.time():.6f}", flush=True)
            QTimer.singleShot(0, self.window.close)
        return False

    def _shows_the_works(self) -> bool:
        # A paint before the works are loaded shows an empty list, which is
        # not what the lecturer waits for; a portfolio without works is shown at once.
        model = self.table.model()
        if model is not None and model.rowCount() > 0:
            return True
        services = self.window.context.services
        return services is None or services.works.count() == 0


def exit_after_first_paint(window) -> None:
    """Report the first paint of ``window``'s works list, then close the
    window (which ends the app: it is the last one)."""
    table = window.findChild(QTableView, "worksTable")
    if table is None:
        raise RuntimeError("the main window has no works list (worksTable) to watch")
    table.viewport().installEventFilter(_FirstPaintWatcher(window, table))
