"""Importing dropped files: the job the evidence view runs, and the summary
shown afterwards (how many were stored, which were refused and why)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..qt import (
    QDialog,
    QDialogButtonBox,
    QEvent,
    QHeaderView,
    QLabel,
    QPushButton,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)


@dataclass
class ImportSummary:
    stored: int = 0
    present: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason)
    cancelled: bool = False
    not_processed: int = 0
    evidence_ids: list[str] = field(default_factory=list)
    #: evidence id -> activity id whose dates contain the photo's date.
    suggestions: dict[str, str] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.stored + self.present + len(self.refused)

    @classmethod
    def of(cls, result, lang: str, sources: list[Path] = ()) -> ImportSummary:
        """From the import service's :class:`ImportResult`; file names are
        shown from the dropped folder down (``field-trip/day2/x.jpg``)."""
        return cls(
            stored=len(result.stored),
            present=len(result.already_present),
            refused=[(_short_name(o.name, sources), o.reason(lang)) for o in result.refused],
            cancelled=bool(result.cancelled),
            not_processed=len(result.not_processed),
            evidence_ids=list(result.evidence_ids),
            suggestions=dict(result.suggestions),
        )


def _short_name(name: str, sources: list[Path]) -> str:
    for source in sources:
        parent = str(Path(source).parent)
        if parent not in ("", ".") and name.startswith(parent.rstrip("/\\") + os.sep):
            return name[len(parent.rstrip("/\\")) + 1:]
    return name


def import_files(services, work_id: str, paths: list[Path], lang: str = "th", progress=None,
                 cancel=None) -> ImportSummary:
    """Import ``paths`` (files and folders) into ``work_id`` with the core's
    import service (checks, dedup, EXIF, thumbnails).  Runs in a worker
    thread; returns plain data for the summary dialog."""
    from ...services.importer import import_evidence

    result = import_evidence(services.portfolio, work_id, [Path(p) for p in paths], progress=progress, cancel=cancel)
    return ImportSummary.of(result, lang, [Path(p) for p in paths])


class ImportSummaryDialog(QDialog):
    """What happened to each dropped file that did not make it in."""

    def __init__(self, summary: ImportSummary, parent=None, link_activities=None) -> None:
        """``link_activities()`` links the photos to the suggested activities
        and returns how many changed (offered when there are suggestions)."""
        super().__init__(parent)
        self.summary = summary
        self.link_activities = link_activities
        self.linked: int | None = None
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        layout.addWidget(self.headline)
        self.table = QTableWidget(len(summary.refused), 2)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for row, (name, reason) in enumerate(summary.refused):
            self.table.setItem(row, 0, QTableWidgetItem(name))
            item = QTableWidgetItem(reason)
            item.setToolTip(reason)
            self.table.setItem(row, 1, item)
        self.table.setVisible(bool(summary.refused))
        self.table.setWordWrap(True)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.table)
        self.link_label = QLabel()
        self.link_label.setWordWrap(True)
        self.link_button = QPushButton()
        self.link_button.clicked.connect(self._link)
        offer = bool(summary.suggestions) and link_activities is not None
        self.link_label.setVisible(offer)
        self.link_button.setVisible(offer)
        layout.addWidget(self.link_label)
        layout.addWidget(self.link_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.retranslateUi()

    def _link(self) -> None:
        self.linked = self.link_activities()
        self.link_button.setEnabled(False)
        self.retranslateUi()

    def refused_names(self) -> list[str]:
        return [self.table.item(r, 0).text() for r in range(self.table.rowCount())]

    def retranslateUi(self) -> None:
        s = self.summary
        self.setWindowTitle(self.tr("Import finished") if not s.cancelled else self.tr("Import stopped"))
        parts = [self.tr("%n file(s) added", "", s.stored)]
        if s.present:
            parts.append(self.tr("%n already in the portfolio (not copied again)", "", s.present))
        if s.refused:
            parts.append(self.tr("%n refused — see the reasons below", "", len(s.refused)))
        text = "\n".join(parts)  # one fact a line: no punctuation to translate
        if s.cancelled:
            text += "\n" + self.tr("You stopped the import: %n file(s) were left out; "
                                  "the files already imported are kept and nothing is half-stored.",
                                  "", s.not_processed)
        self.headline.setText(text)
        self.table.setHorizontalHeaderLabels([self.tr("File"), self.tr("Why it was refused")])
        n = len(s.suggestions)
        if self.linked is None:
            self.link_label.setText(self.tr("%n photo(s) were taken on the day of one of this work's activities.",
                                            "", n))
        else:
            self.link_label.setText(self.tr("%n photo(s) linked to their activity.", "", self.linked))
        self.link_button.setText(self.tr("Link them to those activities"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
