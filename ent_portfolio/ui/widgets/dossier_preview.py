"""Page thumbnails of an exported dossier.

PySide6-Essentials has no QtPdf, so the pages are rendered by Poppler's
``pdftoppm`` when it is installed (Linux, and macOS with Homebrew; the
Windows build may ship it).  Without it the preview lists what the dossier
contains instead, and the PDF opens in the system viewer."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from ..qt import QIcon, QListView, QListWidget, QListWidgetItem, QPixmap, QSize, Qt

PREVIEW_PAGES = 6
PREVIEW_DPI = 40


def pdftoppm() -> str | None:
    exe = "pdftoppm.exe" if sys.platform == "win32" else "pdftoppm"
    bundled = Path(sys.executable).with_name(exe)
    return str(bundled) if bundled.exists() else shutil.which("pdftoppm")


def render_preview_pages(pdf: Path, out_dir: Path, pages: int = PREVIEW_PAGES, dpi: int = PREVIEW_DPI,
                         progress=None, cancel=None) -> list[Path]:
    """PNG files of the first ``pages`` pages of ``pdf`` (worker thread)."""
    tool = pdftoppm()
    if tool is None:
        return []
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("page-*.png"):
        old.unlink()
    if cancel is not None:
        cancel.raise_if_cancelled()
    subprocess.run([tool, "-png", "-r", str(dpi), "-f", "1", "-l", str(pages), str(pdf), str(out_dir / "page")],
                   check=True, capture_output=True, timeout=120)
    files = sorted(out_dir.glob("page-*.png"))
    if progress:
        progress(len(files), len(files))
    return files


class PagePreview(QListWidget):
    """Page thumbnails side by side, or an outline when they cannot be drawn."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(QSize(150, 212))
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setSpacing(8)
        self.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.setWordWrap(True)

    def show_pages(self, files: list[Path], label: str) -> None:
        """``label`` is a format with %1 for the page number."""
        self.clear()
        self.setViewMode(QListView.ViewMode.IconMode)
        for number, path in enumerate(files, start=1):
            pixmap = QPixmap(str(path))
            if pixmap.isNull():
                continue
            item = QListWidgetItem(QIcon(pixmap), label.replace("%1", str(number)))
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.addItem(item)

    def show_outline(self, lines: list[str]) -> None:
        self.clear()
        self.setViewMode(QListView.ViewMode.ListMode)
        for line in lines:
            self.addItem(QListWidgetItem(line))

    def page_count(self) -> int:
        return self.count() if self.viewMode() == QListView.ViewMode.IconMode else 0
