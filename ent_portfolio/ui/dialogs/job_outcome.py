"""The part of a small dialog that runs one job and says how it ended.

The letter, the Word/Excel export and the sheet import each start a job,
follow it with a progress dialog, and then say in their status line what
was done or why not (the core's own sentence, never a traceback).  The
words stay in each dialog (their translations belong to it); the
bookkeeping lives here once."""

from __future__ import annotations

from ...jobs import Cancelled
from ..common import error_text


class JobOutcome:
    """Mixed into a QDialog that has ``job``, ``progress_dialog``,
    ``status_label``, ``lang`` and ``_update_state()``."""

    _outcome: tuple[str, object] | None = None
    last_result = None
    last_error: BaseException | None = None

    def _forget_progress(self, dialog) -> None:
        if self.progress_dialog is dialog:
            self.progress_dialog = None

    def _done(self, result) -> None:
        self.job = None
        self.last_result = result
        self._remember(result)
        self._outcome = ("done", result)
        self._say_outcome()
        self._update_state()

    def _failed(self, exc: BaseException) -> None:
        self.job = None
        self.last_error = exc
        self._outcome = ("failed", exc)
        self._say_outcome()
        self._update_state()

    def _remember(self, result) -> None:
        """What a dialog keeps of a result beyond ``last_result``."""

    def _done_text(self, result) -> str:
        raise NotImplementedError

    def _cancelled_text(self) -> str | None:
        """What a cancelled job says (None: the job's own sentence)."""
        return None

    def _say_outcome(self) -> None:
        """Say how the job ended, again after a language switch."""
        if self._outcome is None:
            return
        what, value = self._outcome
        if what == "done":
            self._say(self._done_text(value))
        elif isinstance(value, Cancelled) and self._cancelled_text() is not None:
            self._say(self._cancelled_text())
        else:
            self._say(error_text(value, self.lang), warning=True)

    def _say(self, text: str, warning: bool = False) -> None:
        self.status_label.setStyleSheet("color: #a61b1b;" if warning else "")
        self.status_label.setText(text)
