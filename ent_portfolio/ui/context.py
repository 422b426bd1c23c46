"""What every view shares: the open portfolio, its services, the job runner,
the undo stack, and the signals by which views tell each other what changed."""

from __future__ import annotations

from pathlib import Path

from ..services import Services
from ..storage.portfolio import Portfolio
from .jobs import JobRunner
from .qt import QObject, QUndoStack, Signal


class AppContext(QObject):
    #: A record changed: (kind, id) — kind is the table name, e.g. "work", "evidence".
    data_changed = Signal(str, str)
    #: Open the place where something is edited: ("work", id, "section:process"), ("partner", id), …
    navigate = Signal(tuple)
    #: The portfolio was opened, switched or closed.
    portfolio_changed = Signal()
    #: The interface language changed ("th" or "en").
    language_changed = Signal(str)
    #: Autosave state for the status bar: "saving", "saved" or "failed".
    save_state = Signal(str)
    #: An error a window should show (a UserError or any exception).
    error = Signal(object)

    def __init__(self, portfolio: Portfolio | None = None, synchronous_jobs: bool = False, parent=None) -> None:
        super().__init__(parent)
        self.portfolio: Portfolio | None = None
        self.services: Services | None = None
        self.jobs = JobRunner(self, synchronous=synchronous_jobs)
        self.undo_stack = QUndoStack(self)
        self.language = "th"
        if portfolio is not None:
            self.set_portfolio(portfolio)

    def set_portfolio(self, portfolio: Portfolio | None) -> None:
        if self.portfolio is not None and self.portfolio is not portfolio:
            self.jobs.cancel_all()
            self.jobs.wait(5000)
            self.portfolio.close()
        self.portfolio = portfolio
        self.services = Services(portfolio) if portfolio else None
        self.undo_stack.clear()  # undo commands hold ids of the old portfolio
        self.portfolio_changed.emit()

    def open_folder(self, folder: Path, create: bool = False) -> None:
        self.set_portfolio(Portfolio.open(folder, create=create))

    def shut_down(self) -> None:
        """When the window goes: background work cancelled and waited for
        (it may be writing), then the portfolio closed (its lock released)."""
        self.jobs.cancel_all()
        self.jobs.wait(5000)
        if self.portfolio is not None:
            self.portfolio.close()

    def notify(self, kind: str, record_id: str = "") -> None:
        self.data_changed.emit(kind, record_id)

    def report_error(self, exc: BaseException) -> None:
        self.error.emit(exc)
