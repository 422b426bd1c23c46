"""Questions and notes the File menu puts to the lecturer, and the file
pickers it opens.

Qt's standard buttons (OK, Cancel, Yes, No) take their words from Qt's own
catalogue, which has no Thai, so every box here names its buttons itself, in
the app's language, with verbs that say what happens ("กู้คืน", not "OK").
Each box is shown through :func:`run_box` and each picker is one small
function: the only places a person answers, so tests answer them instead."""

from __future__ import annotations

from pathlib import Path

from ...i18n import register
from ...i18n import tr as message
from ..qt import QAbstractButton, QFileDialog, QMessageBox, Qt, QWidget
from ..thaiwrap import wrap_hints

# (``message`` is i18n's tr: Qt's lupdate would read a call named tr as a string of Qt's own catalogue.)
register({
    "ui.box.close": ("ปิด", "Close"),
})


def close_text(lang: str) -> str:
    return message("ui.box.close", lang)


def run_box(box: QMessageBox) -> QAbstractButton | None:
    """Show ``box`` until the person answers; the button they pressed."""
    box.exec()
    return box.clickedButton()


def make_box(parent: QWidget | None, title: str, text: str, detail: str = "",
             warning: bool = False, selectable: bool = False) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    # Qt breaks Thai lines anywhere; word-boundary hints make it break between
    # words.  A box whose text is to be copied keeps it clean of them.
    shown = (lambda t: t) if selectable else wrap_hints
    box.setText(shown(text))
    if detail:
        box.setInformativeText(shown(detail))
    if selectable:
        # A path the person may need to copy into another program, by mouse or keyboard.
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                    | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    return box


def ask(parent: QWidget | None, title: str, text: str, yes: str, no: str,
        detail: str = "", warning: bool = False, selectable: bool = False) -> bool:
    """Whether the person pressed ``yes``; ``no`` (or closing the box) is the default."""
    box = make_box(parent, title, text, detail, warning, selectable)
    accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    accept.setObjectName("yes")
    refuse = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    refuse.setObjectName("no")
    box.setDefaultButton(refuse)
    box.setEscapeButton(refuse)
    return run_box(box) is accept


def tell(parent: QWidget | None, title: str, text: str, lang: str, detail: str = "",
         warning: bool = False, selectable: bool = False) -> None:
    box = make_box(parent, title, text, detail, warning, selectable)
    close = box.addButton(close_text(lang), QMessageBox.ButtonRole.AcceptRole)
    close.setObjectName("close")
    box.setEscapeButton(close)
    run_box(box)


def choose_save_path(parent: QWidget | None, title: str, suggested: Path, file_filter: str,
                     suffix: str) -> Path | None:
    """A file to write, ``suffix`` added when the person left it out."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def choose_open_path(parent: QWidget | None, title: str, folder: Path, file_filter: str) -> Path | None:
    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(folder), file_filter)
    return Path(chosen) if chosen else None


def choose_folder(parent: QWidget | None, title: str, start: Path) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, title, str(start))
    return Path(chosen) if chosen else None
