"""Several reviewers' assessments of one package side by side: per work,
each reviewer's level, and where they differ.

The reviews are compared by the core (:func:`~ent_portfolio.review.
assessment.compare_reviews`); a file that is no review, or a review of
another package, is refused with its sentence and the others are still
compared.  A reviewer who did not agree to be named is "Reviewer 2"."""

from __future__ import annotations

from pathlib import Path

from ..common import error_text
from ..qt import (
    QBrush,
    QColor,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)
from ..thaiwrap import ThaiWrapLabel

DISAGREE_BACKGROUND = "#fde3e1"


def choose_review_files(parent, title: str, folder: Path, file_filter: str) -> list[Path]:
    """The review files the reviewer picks (the one seam tests replace)."""
    chosen, _ = QFileDialog.getOpenFileNames(parent, title, str(folder), file_filter)
    return [Path(p) for p in chosen]


def load_others(paths, package) -> tuple[list, list[Path], list[str]]:
    """(reviews, their paths, sentences of the files refused) — each file on its own."""
    from ...errors import UserError
    from ...review import load_review

    reviews, kept, refused = [], [], []
    for path in paths:
        try:
            reviews.append(load_review(path, package))
            kept.append(Path(path))
        except UserError as exc:
            refused.append(exc)
    return reviews, kept, refused


class CompareDialog(QDialog):
    """The table: a row per work, a column per reviewer, then agree or not."""

    def __init__(self, comparison, refused: list, lang: str, parent=None) -> None:
        super().__init__(parent)
        self.comparison = comparison
        self.lang = lang
        self.summary = ThaiWrapLabel()
        self.refused = ThaiWrapLabel("\n".join(error_text(exc, lang) for exc in refused))
        self.refused.setStyleSheet("color: #8e0000;")
        self.refused.setVisible(bool(refused))
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.close_button = QPushButton(self.tr("Close"))
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.refused)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self._fill()
        self.resize(860, 460)

    def _fill(self) -> None:
        from ...domain.enums import QualityLevel

        comparison = self.comparison
        reviewers = [comparison.reviewer_label(k, self.lang) for k in range(len(comparison.reviews))]
        self.setWindowTitle(self.tr("Reviews compared"))
        self.table.setColumnCount(len(reviewers) + 2)
        self.table.setRowCount(len(comparison.works))
        self.table.setHorizontalHeaderLabels([self.tr("Work"), *reviewers, self.tr("Agreement")])
        disagree = QBrush(QColor(DISAGREE_BACKGROUND))
        for row, work in enumerate(comparison.works):
            cells = [work.title]
            cells += [QualityLevel(level).label(self.lang) if level else "—" for level in work.levels]
            cells.append({True: self.tr("agree"), False: self.tr("differ"), None: "—"}[work.agree])
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if work.agree is False:
                    item.setBackground(disagree)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.table.columnCount()):  # a reviewer's name or number shown whole
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.resizeRowsToContents()
        self.summary.setText(self.tr("%1 reviews of this package; the levels differ on %2 of %3 works.")
                             .replace("%1", str(len(reviewers)))
                             .replace("%2", str(len(comparison.disagreements)))
                             .replace("%3", str(len(comparison.works))))

    def cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def disagreeing_rows(self) -> list[int]:
        return [row for row, work in enumerate(self.comparison.works) if work.agree is False]
