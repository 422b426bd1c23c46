"""The reviewer's window: one evidence package, verified, read and assessed.

A committee member (ผู้ทรงคุณวุฒิ) opens the package they received; before
any page of it, the window says whether it holds — a banner that stays in
view whatever they do: green when every file and signature holds, amber
when nothing is signed, red naming what changed.  Beneath it, the dossier
page by page with its outline, the evidence files per work, and the
assessment the reviewer writes, kept in its own ``.entreview`` file beside
the package (or where they choose, when that folder cannot be written) and
saved a moment after each change.

The package is only ever read: opened by the core (:func:`~ent_portfolio.
review.package.open_for_review`), its pages drawn from bytes in memory, its
evidence handed to viewers as read-only copies in a temporary folder.  A
review file already beside the package that is not a review of this package
is never written over: the reviewer chooses another place."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ...errors import UserError
from ...i18n import register
from ...i18n import tr as message
from ..common import error_text
from ..context import AppContext
from ..dialogs import asking
from ..dialogs.package_verdict import BANNER_STYLES, banner_text, verdict_state
from ..qt import (
    QEvent,
    QFrame,
    QHBoxLayout,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTime,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from ..thaiwrap import ThaiWrapLabel
from . import compare
from .assessment_panel import AssessmentPanel
from .compare import CompareDialog, load_others
from .evidence import EvidencePanel
from .pages import PageView

register({
    "review.ui.folder_read_only": (
        "บันทึกผลการประเมินไว้ข้างชุดหลักฐานในโฟลเดอร์ “{folder}” ไม่ได้ เพราะโฟลเดอร์นี้แก้ไขไม่ได้ "
        "โปรดกด “เลือกที่เก็บผลการประเมิน…”",
        "The review cannot be kept beside the package in “{folder}”: that folder cannot be written. "
        "Press “Choose where to keep the review…”.",
    ),
})

#: Milliseconds of quiet after a change before the review is saved.
AUTOSAVE_DELAY_MS = 800

#: The banner while the package is being checked: neither pass nor fail.
CHECKING_STYLE = ("#eef1f5", "#8a96a8", "#2f3b4c")


@dataclass
class OpenedForReview:
    """What the opening job hands the window (worker thread → UI thread)."""

    package: object
    pdf: bytes
    outline: list
    criteria: list
    review: object
    #: Where the review is saved; None until the reviewer chooses (the
    #: package's folder cannot be written, or holds a file that is not a
    #: review of this package).
    review_path: Path | None
    #: Why the review is not beside the package (a sentence), or None.
    review_problem: UserError | None


def open_package_for_review(package_path: Path, progress=None, cancel=None) -> OpenedForReview:
    """Verify and read the package, and find the review of it beside it
    (worker thread).  Only a file that is no package is a UserError."""
    from ...review import Review, criteria_for, load_review, open_for_review, review_path_beside

    package = open_for_review(package_path)
    if cancel is not None:
        cancel.raise_if_cancelled()
    pdf = package.pdf_bytes()
    beside = review_path_beside(package_path)
    review, problem, path = None, None, beside
    if beside.exists():
        try:
            review = load_review(beside, package)
        except UserError as exc:
            problem, path = exc, None  # not ours to write over
    elif not os.access(beside.parent, os.W_OK):
        problem, path = UserError("review.ui.folder_read_only", folder=str(beside.parent)), None
    if review is None:
        review = Review.new(package)
    return OpenedForReview(package, pdf, package.outline(), criteria_for(package), review, path, problem)


class ReviewWindow(QMainWindow):
    """One package under review; its own window, beside the lecturer's."""

    def __init__(self, package_path, context: AppContext | None = None, parent=None) -> None:
        super().__init__(parent)
        self.package_path = Path(package_path)
        self._own_context = context is None
        self.context = context if context is not None else AppContext()
        self.jobs = self.context.jobs
        self.opened: OpenedForReview | None = None
        self.open_problem: BaseException | None = None
        self.review_path: Path | None = None
        self.open_job = None
        self.compare_dialog = None
        self.export_dialog = None
        self._saved_at: QTime | None = None
        self._save_problem: BaseException | None = None

        self.banner = ThaiWrapLabel()
        self.banner_frame = QFrame()
        self.banner_frame.setObjectName("reviewBanner")
        QVBoxLayout(self.banner_frame).addWidget(self.banner)
        self.state = "checking"

        self.compare_button = QPushButton()
        self.compare_button.clicked.connect(self.compare_with_others)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.export_assessment)
        self.save_as_button = QPushButton()
        self.save_as_button.clicked.connect(self.choose_review_path)
        self.save_label = ThaiWrapLabel()
        self.save_label.setStyleSheet("color: #4a5868;")
        actions = QHBoxLayout()
        for button in (self.compare_button, self.export_button, self.save_as_button):
            actions.addWidget(button)
        actions.addWidget(self.save_label, 1)

        self.pages = PageView(self.jobs)
        self.assessment = AssessmentPanel(lambda: self.lang)
        self.assessment.changed.connect(self._schedule_save)
        self.evidence = EvidencePanel(self.jobs, lambda: self.lang)
        self.evidence.go_to_page.connect(self.pages.go_to)
        self.pages.page_shown.connect(self.evidence.mark_page)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.assessment, "")
        self.tabs.addTab(self.evidence, "")
        self.splitter = QSplitter()
        self.splitter.addWidget(self.pages)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([760, 520])

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.banner_frame)
        layout.addLayout(actions)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_DELAY_MS)
        self._autosave.timeout.connect(self.save_now)
        self.resize(1360, 860)
        self.retranslate()
        self._open()

    @property
    def lang(self) -> str:
        return self.context.language

    @property
    def package(self):
        return self.opened.package if self.opened is not None else None

    @property
    def review(self):
        return self.opened.review if self.opened is not None else None

    # --- opening ------------------------------------------------------------------------
    def _open(self) -> None:
        job = self.jobs.start(open_package_for_review, self.package_path)
        self.open_job = job
        job.succeeded.connect(self._on_opened)
        job.failed.connect(self._on_open_failed)
        job.finished.connect(lambda: setattr(self, "open_job", None))

    def _on_opened(self, opened: OpenedForReview) -> None:
        self.opened = opened
        self.review_path = opened.review_path
        self.pages.set_document(opened.pdf or None, opened.outline)
        self.evidence.set_package(opened.package)
        self.assessment.set_review(opened.review, opened.package.works, opened.criteria)
        self.retranslate()

    def _on_open_failed(self, exc: BaseException) -> None:
        self.open_problem = exc
        self.pages.set_document(None)
        self.retranslate()

    def busy(self) -> bool:
        return self.open_job is not None or self.pages.busy() or self.evidence.job is not None

    # --- the banner -----------------------------------------------------------------------
    def _banner(self) -> tuple[str, str]:
        """(state, sentence): checking, intact, unsigned or changed."""
        if self.open_problem is not None:
            return "changed", error_text(self.open_problem, self.lang)
        package = self.package
        if package is None:
            return "checking", message("ui.review.checking", self.lang)
        if package.problem is not None:
            return "changed", message("ui.review.changed", self.lang, what=package.problem.message(self.lang))
        return verdict_state(package.verdict), banner_text(package.verdict, self.lang)

    def _show_banner(self) -> None:
        self.state, text = self._banner()
        background, border, colour = BANNER_STYLES.get(self.state, CHECKING_STYLE)
        # The colour is the frame's: padding on a wrapping label cuts its last line.
        self.banner_frame.setStyleSheet(f"#reviewBanner {{ background: {background}; border: 2px solid {border}; "
                                        f"border-radius: 4px; }}")
        self.banner.setStyleSheet(f"color: {colour}; font-weight: bold; background: transparent;")
        self.banner.setText(text)

    # --- saving the review ----------------------------------------------------------------
    def _schedule_save(self) -> None:
        self._autosave.start()

    def save_now(self) -> bool:
        """Write the review now (the autosave calls this); False when it has no place yet or failed."""
        from ...review import save_review

        self._autosave.stop()
        if self.review is None or self.review_path is None:
            self._show_save_state()
            return False
        try:
            save_review(self.review, self.review_path, self.package)
        except (UserError, OSError) as exc:
            self._save_problem = exc
            self._show_save_state()
            return False
        self._save_problem = None
        self._saved_at = QTime.currentTime()
        self._show_save_state()
        return True

    def choose_review_path(self) -> Path | None:
        """Where the reviewer keeps this review, when not beside the package."""
        if self.review is None:
            return None
        from ...review.assessment import SUFFIX, review_path_beside
        from ..dialogs.new_portfolio import documents_folder

        beside = review_path_beside(self.package_path)
        start = beside if os.access(beside.parent, os.W_OK) and not beside.exists() else \
            documents_folder() / beside.name
        chosen = asking.choose_save_path(self, self.tr("Keep the review in"), start,
                                         self.tr("Review files (*.entreview)"), SUFFIX)
        if chosen is None:
            return None
        if chosen.exists() and chosen != self.review_path:
            # Another file of that name: a review of this package is taken up, anything else left alone.
            from ...review import load_review

            try:
                load_review(chosen, self.package)
            except UserError as exc:
                asking.tell(self, "EnT Portfolio", exc.message(self.lang), self.lang, warning=True)
                return None
        self.review_path = chosen
        self.opened.review_problem = None
        self.save_now()
        return chosen

    def _show_save_state(self) -> None:
        if self.opened is None:
            self.save_label.setText("")
            return
        if self._save_problem is not None:
            text = error_text(self._save_problem, self.lang)
        elif self.review_path is None:
            problem = self.opened.review_problem
            text = (problem.message(self.lang) + " " if problem is not None else "") + \
                self.tr("Your review is not saved yet: choose where to keep it.")
        elif self._saved_at is not None:
            text = self.tr("Review saved at %1 in %2").replace("%1", self._saved_at.toString("HH:mm:ss")) \
                .replace("%2", str(self.review_path))
        else:
            text = self.tr("Your review is saved to %1 as you write.").replace("%1", str(self.review_path))
        self.save_label.setText(text)

    # --- comparing and exporting ----------------------------------------------------------
    def compare_with_others(self) -> CompareDialog | None:
        if self.review is None:
            return None
        from ...review import compare_reviews

        folder = (self.review_path or self.package_path).parent
        paths = [p for p in compare.choose_review_files(self, self.tr("Choose the other reviewers' files"), folder,
                                                        self.tr("Review files (*.entreview)"))
                 if self.review_path is None or p.resolve() != self.review_path.resolve()]
        if not paths:
            return None
        self.save_now()
        others, kept, refused = load_others(paths, self.package)
        mine = self.review_path or self.package_path
        comparison = compare_reviews([self.review, *others], [mine, *kept])
        self.compare_dialog = CompareDialog(comparison, refused, self.lang, self)
        self.compare_dialog.show()
        return self.compare_dialog

    def export_assessment(self):
        if self.review is None:
            return None
        from .export_dialog import ExportDialog

        self.save_now()
        self.export_dialog = ExportDialog(self.context, self.review, self.package, self)
        self.export_dialog.show()
        return self.export_dialog

    # --- language and closing -------------------------------------------------------------
    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Assessing: %1").replace("%1", self.package_path.name))
        self._show_banner()
        self.compare_button.setText(self.tr("Compare with other reviews…"))
        self.export_button.setText(self.tr("Export the assessment…"))
        self.save_as_button.setText(self.tr("Choose where to keep the review…"))
        ready = self.review is not None
        for button in (self.compare_button, self.export_button, self.save_as_button):
            button.setEnabled(ready)
        self.tabs.setTabText(0, self.tr("Assessment"))
        self.tabs.setTabText(1, self.tr("Evidence files"))
        self.pages.retranslate()
        self.assessment.retranslate()
        self.evidence.retranslate()
        if self.pages.shown_page() is not None:
            self.evidence.mark_page(self.pages.current)
        self._show_save_state()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self._autosave.isActive():  # a change not saved yet
            self.save_now()
        self.evidence.clean_up()
        self.pages.close_document()
        if self._own_context:
            self.context.shut_down()
        super().closeEvent(event)
