"""A progress dialog that follows a background job and goes with it.

Its words and its percentage must show whole in any language and at any
font size: a long Thai sentence wraps between words instead of pushing the
dialog (and the percentage at the end of the bar, where some styles draw it)
past the edge of the screen, and the bar is made tall and wide enough for
"100%" in its own font."""

from __future__ import annotations

from collections.abc import Callable

from ..jobs import Job
from ..qt import QGuiApplication, QProgressBar, QProgressDialog, QSize, Qt, QWidget, isValid
from ..thaiwrap import ThaiWrapLabel

#: The label wraps at this many average character widths (about a sentence
#: and a half of Thai), or at half the screen when that is narrower.
LABEL_WIDTH_CHARS = 48


def follow_job(job: Job, parent: QWidget, text: str, title: str, cancel_text: str,
               on_cancel: Callable[[], None] | None = None, minimum_duration: int = 300,
               on_dismissed: Callable[[QProgressDialog], None] | None = None) -> QProgressDialog:
    """Show ``text`` with the job's progress (busy until it reports a total);
    Cancel calls ``on_cancel`` (default: cancel the job).  When the job ends
    the dialog is hidden quietly: close() would emit canceled() and cancel a
    job that has already finished."""
    dialog = QProgressDialog(parent)
    dialog.setLabel(_wrapping_label(dialog, text))
    dialog.setBar(_bar_fitting_its_text(dialog))
    dialog.setCancelButtonText(cancel_text)
    dialog.setRange(0, 0)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(minimum_duration)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(on_cancel or job.cancel)
    # A job may outlive the window it was started from (its dialog then went with that window).
    job.progress.connect(lambda done, total: isValid(dialog) and (dialog.setMaximum(max(total, 1)),
                                                                  dialog.setValue(done)))

    def dismiss() -> None:
        if not isValid(dialog):
            return
        dialog.hide()
        dialog.deleteLater()
        if on_dismissed is not None:
            on_dismissed(dialog)

    job.finished.connect(dismiss)
    return dialog


def _wrapping_label(dialog: QProgressDialog, text: str) -> ThaiWrapLabel:
    label = ThaiWrapLabel(text, dialog)
    widest = dialog.fontMetrics().averageCharWidth() * LABEL_WIDTH_CHARS
    screen = dialog.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        widest = min(widest, screen.availableGeometry().width() // 2)
    label.setMaximumWidth(widest)
    label.setMinimumWidth(min(widest, label.fontMetrics().horizontalAdvance(text)))
    return label


def _bar_fitting_its_text(dialog: QProgressDialog) -> QProgressBar:
    return _BarFittingItsText(dialog)


class _BarFittingItsText(QProgressBar):
    """A bar whose percentage fits inside it: as tall as a line of its font
    (Thai fonts are taller than the style's default bar), and wide enough
    for "100%" beside a chunk of the bar.  The dialog places its bar by the
    bar's size hint, never by its minimum size, so the hint says it."""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self._fitting(super().sizeHint())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self._fitting(super().minimumSizeHint())

    def _fitting(self, hint: QSize) -> QSize:
        metrics = self.fontMetrics()
        return QSize(max(hint.width(), metrics.horizontalAdvance("100%") * 5),
                     max(hint.height(), metrics.height() + 8))
