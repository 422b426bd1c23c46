"""When a self-saving form saves: 800 ms after typing stops, at once after a
pick (a combo, a check box, a date), and whenever its owner asks (focus
leaves a field, the page or the record changes, the window closes).

The form keeps what is typed; this object keeps which fields wait and calls
the form's save when it is time, and tells the status bar "pending"."""

from __future__ import annotations

from collections.abc import Callable

from ..qt import QObject, QTimer

AUTOSAVE_MS = 800


class Autosave(QObject):
    def __init__(self, context, save: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        #: Names of the fields edited since the last save.
        self.dirty: set[str] = set()
        self._timer = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._timer.timeout.connect(save)

    def mark(self, name: str, immediate: bool = False) -> None:
        self.dirty.add(name)
        self.context.save_state.emit("pending")
        self._timer.start(0 if immediate else AUTOSAVE_MS)

    def take(self) -> set[str]:
        """The waiting fields, now handed to a save (the timer stops)."""
        self._timer.stop()
        names, self.dirty = self.dirty, set()
        return names

    def clear(self) -> None:
        self.take()

    @property
    def pending(self) -> bool:
        return bool(self.dirty)
