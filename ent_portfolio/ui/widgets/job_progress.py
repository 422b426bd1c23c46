"""A progress dialog that follows a background job and goes with it."""

from __future__ import annotations

from collections.abc import Callable

from ..jobs import Job
from ..qt import QProgressDialog, Qt, QWidget


def follow_job(job: Job, parent: QWidget, text: str, title: str, cancel_text: str,
               on_cancel: Callable[[], None] | None = None, minimum_duration: int = 300,
               on_dismissed: Callable[[QProgressDialog], None] | None = None) -> QProgressDialog:
    """Show ``text`` with the job's progress (busy until it reports a total);
    Cancel calls ``on_cancel`` (default: cancel the job).  When the job ends
    the dialog is hidden quietly: close() would emit canceled() and cancel a
    job that has already finished."""
    dialog = QProgressDialog(text, cancel_text, 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(minimum_duration)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(on_cancel or job.cancel)
    job.progress.connect(lambda done, total: (dialog.setMaximum(max(total, 1)), dialog.setValue(done)))

    def dismiss() -> None:
        dialog.hide()
        dialog.deleteLater()
        if on_dismissed is not None:
            on_dismissed(dialog)

    job.finished.connect(dismiss)
    return dialog
