"""Help ▸ About: the version and the licences of what ships with the app."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout

from .. import __version__


def sarabun_licence() -> str:
    try:
        import fontpkg_sarabun

        return (Path(fontpkg_sarabun.ROOT) / "LICENSE").read_text(encoding="utf-8")
    except (ImportError, OSError):
        return ""


class AboutDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About EnT Portfolio"))
        self.resize(640, 520)
        layout = QVBoxLayout(self)
        heading = QLabel(f"<h2>EnT Portfolio {__version__}</h2>")
        heading.setObjectName("aboutHeading")
        layout.addWidget(heading)
        text = QLabel(self.tr(
            "A portfolio of community-engagement work and promotion dossiers for Thai lecturers. "
            "Free software under the GNU General Public License, version 3 or later."))
        text.setWordWrap(True)
        layout.addWidget(text)
        font_note = QLabel(self.tr("The Sarabun font is used under the SIL Open Font License:"))
        font_note.setWordWrap(True)
        layout.addWidget(font_note)
        licence = QPlainTextEdit(sarabun_licence())
        licence.setReadOnly(True)
        licence.setObjectName("licenceText")
        layout.addWidget(licence, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
