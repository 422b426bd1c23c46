"""Qt-free background work: progress callbacks and cancellation.

Long operations (imports, exports) take an optional ``progress(done, total)``
callable and a :class:`CancelToken`; the Qt layer runs them in a worker thread
and forwards progress by signal.  Nothing here knows about threads' owners."""

from __future__ import annotations

import threading
from collections.abc import Callable

from ..errors import UserError

Progress = Callable[[int, int], None]


class Cancelled(UserError):
    key = "archive.cancelled"


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()
