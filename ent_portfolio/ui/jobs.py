"""Running core work off the UI thread.

A job is a plain core function called with ``progress`` and ``cancel``
keyword arguments; its result or its error comes back to the main thread by
signal.  Workers never touch widgets.  Tests may switch a runner to
synchronous mode so background work runs inline and deterministically."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from ..jobs import CancelToken
from .qt import QObject, QTimer, Signal, Slot


class _Signals(QObject):
    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    finished = Signal()


class Job(QObject):
    """A handle on background work: connect to its signals, or cancel it."""

    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cancel_token = CancelToken()
        self.result: Any = None
        self.error: BaseException | None = None
        self.done = False

    def cancel(self) -> None:
        self.cancel_token.cancel()


def _run(fn: Callable[..., Any], args: tuple, kwargs: dict, signals: _Signals, token: CancelToken) -> None:
    """Worker side.  Signals emitted here reach the main thread queued."""
    try:
        result = fn(*args, progress=signals.progress.emit, cancel=token, **kwargs)
    except BaseException as exc:  # delivered to the main thread, never lost
        exc.__traceback_text__ = traceback.format_exc()
        signals.failed.emit(exc)
    else:
        signals.succeeded.emit(result)


class JobRunner(QObject):
    """Starts jobs on a thread pool (or inline when ``synchronous``).

    Python's executor rather than QThreadPool: the work is plain Python and a
    QRunnable subclass adds lifetime pitfalls for nothing."""

    def __init__(self, parent: QObject | None = None, synchronous: bool = False, max_threads: int = 2) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self.pool = ThreadPoolExecutor(max_workers=max_threads, thread_name_prefix="ent-job")
        self._live: set[Job] = set()
        self._futures: set = set()

    def start(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Job:
        """Run ``fn(*args, progress=..., cancel=..., **kwargs)``; returns its Job.

        Connect to the job's signals right after this returns: in threaded
        mode they are emitted later, from the event loop; in synchronous mode
        the result is stored on the job (``job.result`` / ``job.error``) and
        the signals are emitted once the caller returns to the event loop."""
        job = Job(self)
        signals = _Signals()
        signals.progress.connect(job.progress)
        signals.succeeded.connect(lambda r: self._settle(job, r, None))
        signals.failed.connect(lambda e: self._settle(job, None, e))
        job._signals = signals  # keep the emitter alive as long as the job
        self._live.add(job)
        if self.synchronous:
            QTimer.singleShot(0, lambda: _run(fn, args, kwargs, signals, job.cancel_token))
        else:
            future = self.pool.submit(_run, fn, args, kwargs, signals, job.cancel_token)
            self._futures.add(future)
            future.add_done_callback(self._futures.discard)
        return job

    def _settle(self, job: Job, result: Any, error: BaseException | None) -> None:
        job.result, job.error, job.done = result, error, True
        if error is None:
            job.succeeded.emit(result)
        else:
            job.failed.emit(error)
        job.finished.emit()
        self._live.discard(job)

    def wait(self, msecs: int = -1) -> bool:
        """Block until running jobs end (used when closing a portfolio)."""
        from concurrent.futures import wait as wait_futures

        timeout = None if msecs < 0 else msecs / 1000
        _done, pending = wait_futures(list(self._futures), timeout=timeout)
        return not pending

    def running(self) -> int:
        """How many jobs have not reported back to the main thread yet."""
        return len(self._live)

    @Slot()
    def cancel_all(self) -> None:
        for job in list(self._live):
            job.cancel()
