"""Importing dropped files: the job the evidence view runs, and the summary
shown afterwards (how many were stored, which were refused and why)."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ...errors import UserError


@dataclass
class ImportSummary:
    stored: int = 0
    present: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason)
    cancelled: bool = False
    evidence_ids: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.stored + self.present + len(self.refused)


def _expand(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")))
        else:
            files.append(path)
    return files


def _kind_of(path: Path) -> tuple[str, str]:
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if media_type.startswith("image/"):
        kind = "photo"
    elif media_type == "application/pdf":
        kind = "pdf"
    elif media_type.startswith("audio/"):
        kind = "audio"
    elif media_type.startswith("video/"):
        kind = "video"
    elif media_type.startswith(("text/", "application/vnd", "application/msword")):
        kind = "document"
    else:
        kind = "other"
    return kind, media_type


def import_files(services, work_id: str, paths: list[Path], lang: str = "th", progress=None, cancel=None) -> ImportSummary:
    """Import ``paths`` (files and folders) into ``work_id``: through the
    core's import service when it is there, otherwise one file at a time with
    ``services.evidence.add_file``.  Runs in a worker thread."""
    try:
        from ...services import importer  # the evidence import service
    except ImportError:
        importer = None
    if importer is not None and hasattr(importer, "import_paths"):
        return _with_importer(importer, services, work_id, paths, lang, progress, cancel)
    return _plain_import(services, work_id, paths, lang, progress, cancel)


def _with_importer(importer, services, work_id, paths, lang, progress, cancel) -> ImportSummary:
    report = importer.import_paths(services.portfolio, work_id, [Path(p) for p in paths],
                                   progress=progress, cancel=cancel)
    summary = ImportSummary(cancelled=bool(getattr(report, "cancelled", False)))
    for item in getattr(report, "items", []):
        status = getattr(item, "status", "")
        name = getattr(item, "name", "") or str(getattr(item, "path", ""))
        if status == "refused":
            reason = getattr(item, "reason", "")
            if isinstance(reason, UserError):
                reason = reason.message(lang)
            elif hasattr(item, "message"):
                reason = item.message(lang) if callable(item.message) else item.message
            summary.refused.append((name, str(reason)))
        elif status in ("present", "already_present", "duplicate"):
            summary.present += 1
        else:
            summary.stored += 1
        if getattr(item, "evidence_id", None):
            summary.evidence_ids.append(item.evidence_id)
    return summary


def _plain_import(services, work_id, paths, lang, progress, cancel) -> ImportSummary:
    summary = ImportSummary()
    files = _expand(paths)
    known = {e.sha256 for e in services.evidence.list(work_id=work_id)}
    for done, path in enumerate(files):
        if cancel is not None and cancel.cancelled:
            summary.cancelled = True
            break
        if progress:
            progress(done, len(files))
        try:
            if not path.is_file():
                raise OSError("not a file")
            if path.stat().st_size == 0:
                summary.refused.append((path.name, "ไฟล์ว่างเปล่า" if lang == "th" else "The file is empty."))
                continue
            from ...storage.store import sha256_of_file

            sha = sha256_of_file(path)
            if sha in known:
                summary.present += 1
                continue
            kind, media_type = _kind_of(path)
            record = services.evidence.add_file(work_id, path, kind=kind, media_type=media_type)
            known.add(sha)
            summary.stored += 1
            summary.evidence_ids.append(record.id)
        except UserError as exc:
            summary.refused.append((path.name, exc.message(lang)))
        except OSError as exc:
            reason = f"อ่านไฟล์ไม่ได้ ({exc.strerror or exc})" if lang == "th" else f"The file cannot be read ({exc.strerror or exc})."
            summary.refused.append((path.name, reason))
    if progress and not summary.cancelled:
        progress(len(files), len(files))
    return summary


class ImportSummaryDialog(QDialog):
    """What happened to each dropped file that did not make it in."""

    def __init__(self, summary: ImportSummary, parent=None) -> None:
        super().__init__(parent)
        self.summary = summary
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
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
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
        text = "; ".join(parts) + "."
        if s.cancelled:
            text += " " + self.tr("You stopped the import: the files not yet imported were left out, nothing is half-stored.")
        self.headline.setText(text)
        self.table.setHorizontalHeaderLabels([self.tr("File"), self.tr("Why it was refused")])

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
