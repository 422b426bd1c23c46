"""The package's evidence files in the reviewer's window, per work, each
with the places the dossier cites it, and "Open file".

A reviewer checks a claim against its evidence: choosing a file turns the
pages to where the dossier first cites it, and the files cited on the page
on screen are shown in bold.  A file opens in the computer's own viewer
from a read-only copy in a temporary folder of this window's (the core's
:meth:`~ent_portfolio.review.package.ReviewPackage.copy_evidence`): the
package itself is never handed to another program, and what a viewer does
to its copy changes nothing a reviewer received."""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..common import error_text
from ..dialogs import asking
from ..open_file import system_open
from ..qt import QFont, QHBoxLayout, QPushButton, Qt, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget, Signal
from ..thaiwrap import ThaiWrapLabel

#: The item data role holding an evidence file's ref (None on a work's row).
REF_ROLE = Qt.ItemDataRole.UserRole
#: The page index (0-based) the file is first cited on, or -1.
PAGE_ROLE = Qt.ItemDataRole.UserRole + 1


def cited_pages(evidence) -> list[int]:
    """The 0-based page indexes the dossier cites ``evidence`` on, in order,
    then its page in the appendix."""
    pages = [c.page - 1 for c in evidence.citations if c.page]
    if evidence.appendix_page:
        pages.append(evidence.appendix_page - 1)
    return list(dict.fromkeys(p for p in pages if p >= 0))


def copy_out(package, ref: str, folder: Path, progress=None, cancel=None) -> Path:
    """The job that copies one evidence file out of the package (worker thread)."""
    return package.copy_evidence(ref, folder)


class EvidencePanel(QWidget):
    """Works as rows, their evidence files beneath."""

    go_to_page = Signal(int)

    def __init__(self, jobs, lang_of, parent=None) -> None:
        super().__init__(parent)
        self.jobs = jobs
        self._lang_of = lang_of  # a callable: the window's language now
        self.package = None
        self.job = None
        self._folder: tempfile.TemporaryDirectory | None = None
        self._copies = 0
        self.opened: list[Path] = []  # the copies handed to a viewer (tests read them)
        self.hint = ThaiWrapLabel()
        self.hint.setStyleSheet("color: #4a5868;")
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setWordWrap(True)
        self.tree.setRootIsDecorated(True)
        self.tree.currentItemChanged.connect(self._on_current)
        self.tree.itemDoubleClicked.connect(lambda item, _col: self.open_item(item))
        self.open_button = QPushButton()
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(lambda: self.open_item(self.tree.currentItem()))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        self.retranslate()

    @property
    def lang(self) -> str:
        return self._lang_of()

    def set_package(self, package) -> None:
        self.package = package
        self._fill()

    def _fill(self) -> None:
        self.tree.clear()
        if self.package is None:
            return
        titles = {work.index: work.title for work in self.package.works}
        groups: dict[int | None, QTreeWidgetItem] = {}
        for evidence in self.package.evidence:
            index = evidence.work_index if evidence.work_index in titles else None
            group = groups.get(index)
            if group is None:
                title = (self.tr("Work %1: %2").replace("%1", str(index)).replace("%2", titles[index])
                         if index is not None else self.tr("Other evidence"))
                group = QTreeWidgetItem([title, ""])
                group.setFirstColumnSpanned(True)
                groups[index] = group
            item = QTreeWidgetItem([self._label(evidence), self._places(evidence)])
            item.setData(0, REF_ROLE, evidence.ref)
            pages = cited_pages(evidence)
            item.setData(0, PAGE_ROLE, pages[0] if pages else -1)
            item.setToolTip(0, evidence.original_name or evidence.path)
            if not evidence.intact:
                item.setForeground(0, Qt.GlobalColor.darkRed)
            group.addChild(item)
        for index in sorted(groups, key=lambda k: (k is None, k or 0)):
            self.tree.addTopLevelItem(groups[index])
        self.tree.expandAll()
        self.tree.resizeColumnToContents(1)

    def _label(self, evidence) -> str:
        name = evidence.caption or evidence.original_name or Path(evidence.path).name
        mark = "" if evidence.intact else self.tr(" (not as signed)")
        return f"{evidence.ref} · {name}{mark}"

    def _places(self, evidence) -> str:
        pages = cited_pages(evidence)
        if not pages:
            return self.tr("not cited")
        return self.tr("p. %1").replace("%1", ", ".join(str(p + 1) for p in pages))

    def file_items(self) -> list[QTreeWidgetItem]:
        return [self.tree.topLevelItem(k).child(j) for k in range(self.tree.topLevelItemCount())
                for j in range(self.tree.topLevelItem(k).childCount())]

    def mark_page(self, page: int) -> None:
        """Files cited on the page on screen in bold."""
        if self.package is None:
            return
        by_ref = {e.ref: e for e in self.package.evidence}
        for item in self.file_items():
            evidence = by_ref.get(item.data(0, REF_ROLE))
            font = QFont(item.font(0))
            font.setBold(evidence is not None and page in cited_pages(evidence))
            item.setFont(0, font)
            item.setFont(1, font)

    def _on_current(self, item, _previous=None) -> None:
        is_file = item is not None and item.data(0, REF_ROLE) is not None
        self.open_button.setEnabled(is_file and self.job is None)
        if is_file and item.data(0, PAGE_ROLE) >= 0:
            self.go_to_page.emit(int(item.data(0, PAGE_ROLE)))

    # --- opening a file -------------------------------------------------------------
    def open_item(self, item):
        """Copy the file out (worker) and hand the copy to the system's viewer."""
        if item is None or item.data(0, REF_ROLE) is None or self.job is not None or self.package is None:
            return None
        if self._folder is None:
            self._folder = tempfile.TemporaryDirectory(prefix="ent-review-evidence-")
        # A folder per file opened: two files of the package may share a name.
        self._copies += 1
        folder = Path(self._folder.name) / str(self._copies)
        folder.mkdir()
        job = self.jobs.start(copy_out, self.package, item.data(0, REF_ROLE), folder)
        self.job = job
        self.open_button.setEnabled(False)
        job.succeeded.connect(self._hand_to_viewer)
        job.failed.connect(self._copy_failed)
        job.finished.connect(self._job_done)
        return job

    def _job_done(self) -> None:
        self.job = None
        self._on_current(self.tree.currentItem())

    def _hand_to_viewer(self, copy: Path) -> None:
        self.opened.append(copy)
        if not system_open(copy):
            asking.tell(self, "EnT Portfolio",
                        self.tr("This computer has no program for this file yet. A read-only copy is at:\n%1")
                        .replace("%1", str(copy)), self.lang, selectable=True)

    def _copy_failed(self, exc: BaseException) -> None:
        asking.tell(self, "EnT Portfolio", error_text(exc, self.lang), self.lang, warning=True)

    def clean_up(self) -> None:
        """The copies go with the window."""
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None

    def retranslate(self) -> None:
        self.hint.setText(self.tr("Choose a file to turn to the page that cites it; files cited on the page "
                                  "shown are in bold. A file opens as a read-only copy: the package does not "
                                  "change."))
        self.tree.setHeaderLabels([self.tr("Evidence file"), self.tr("Cited on")])
        self.open_button.setText(self.tr("Open file"))
        self._fill()
