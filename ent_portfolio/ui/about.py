"""Help ▸ About: the version and the licences of what ships with the app."""

from __future__ import annotations

from pathlib import Path

from .. import __version__
from ..resources import resource_path
from .qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    qVersion,
)


def bundled_licences() -> list[Path]:
    """Licence texts of what ships with the app, the font's first."""
    folder = resource_path("licenses")
    files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    files.sort(key=lambda p: (not p.name.startswith("Sarabun"), p.name.lower()))
    return files


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
        qt_note = QLabel(self.tr("Uses Qt %1 under the GNU Lesser General Public License, version 3.").replace(
            "%1", qVersion()))
        qt_note.setWordWrap(True)
        layout.addWidget(qt_note)
        self.licence_choice = QComboBox()
        self.licence_choice.setObjectName("licenceChoice")
        self._licence_files = bundled_licences()
        for path in self._licence_files:
            self.licence_choice.addItem(path.stem, str(path))
        layout.addWidget(self.licence_choice)
        self.licence = QPlainTextEdit(sarabun_licence())
        self.licence.setReadOnly(True)
        self.licence.setObjectName("licenceText")
        layout.addWidget(self.licence, 1)
        self.licence_choice.currentIndexChanged.connect(self._show_licence)
        self.licence_choice.setVisible(bool(self._licence_files))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        about_qt = buttons.addButton(self.tr("About Qt"), QDialogButtonBox.ButtonRole.ActionRole)
        about_qt.clicked.connect(lambda: QMessageBox.aboutQt(self))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _show_licence(self, index: int) -> None:
        if 0 <= index < len(self._licence_files):
            try:
                self.licence.setPlainText(self._licence_files[index].read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                self.licence.setPlainText("")
