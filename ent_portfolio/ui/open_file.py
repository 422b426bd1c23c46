"""Opening what the app wrote (the dossier PDF, its folder) with the
computer's own programs, and what to say when there is none.

On a fresh machine there may be no PDF viewer: Qt's ``openUrl`` then just
returns False and the button seems to do nothing.  The lecturer is told
where the file is, offered its folder, and if even that cannot open, given
the path as text to copy."""

from __future__ import annotations

from pathlib import Path

from ..i18n import register
from ..i18n import tr as message
from .dialogs import asking
from .qt import QWidget

# (``message`` is i18n's tr: Qt's lupdate would read a call named tr as a string of Qt's own catalogue.)
register({
    "ui.open.no_viewer": (
        "เปิดไฟล์ PDF ไม่ได้ เพราะเครื่องนี้ยังไม่มีโปรแกรมสำหรับเปิด PDF ไฟล์ถูกบันทึกไว้แล้วที่:\n{path}",
        "The PDF cannot be opened: this computer has no program for PDF files yet. The file is saved at:\n{path}",
    ),
    "ui.open.no_viewer_hint": (
        "ติดตั้งโปรแกรมอ่าน PDF แล้วลองอีกครั้ง หรือกด “เปิดโฟลเดอร์” เพื่อส่งไฟล์ต่อหรือเปิดด้วยโปรแกรมอื่น",
        "Install a PDF viewer and try again, or press “Open folder” to pass the file on or open it with "
        "another program.",
    ),
    "ui.open.folder": ("เปิดโฟลเดอร์", "Open folder"),
    "ui.open.no_folder": (
        "เปิดโฟลเดอร์ไม่ได้เช่นกัน โปรดคัดลอกที่อยู่ของไฟล์นี้ไปเปิดในโปรแกรมจัดการไฟล์เอง:\n{path}",
        "The folder cannot be opened either. Copy the file's path and open it in your file manager:\n{path}",
    ),
})


def system_open(path: Path) -> bool:
    """The computer's own program for ``path`` (for a folder, its file
    manager); False when it has none.  The one seam tests replace."""
    from .dialogs.evidence_detail import open_with_system  # here: that dialog is not needed to start the window

    return open_with_system(path)


def open_pdf_or_explain(parent: QWidget | None, pdf: Path, lang: str) -> bool:
    """Open ``pdf``; without a viewer, say where it is and offer its folder."""
    if system_open(pdf):
        return True
    wants_folder = asking.ask(parent, "EnT Portfolio", message("ui.open.no_viewer", lang, path=str(pdf)),
                              message("ui.open.folder", lang), asking.close_text(lang),
                              detail=message("ui.open.no_viewer_hint", lang), warning=True, selectable=True)
    return wants_folder and open_folder_or_explain(parent, pdf, lang)


def open_folder_or_explain(parent: QWidget | None, file: Path, lang: str) -> bool:
    """Open the folder holding ``file``; failing that, give its path to copy."""
    if system_open(Path(file).parent):
        return True
    asking.tell(parent, "EnT Portfolio", message("ui.open.no_folder", lang, path=str(file)), lang,
                warning=True, selectable=True)
    return False
