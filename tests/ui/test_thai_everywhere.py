"""In Thai, every dialog the app can open speaks Thai, Qt's own words too
(file dialogs, OK/Cancel/Yes/No, "Directory not found", the Undo/Copy/Paste
menu of a text field): a walk opens each one, reads every visible text and
finds no Latin word but user data, file names, paths and a few names that
stay as they are (ALLOWED)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
)
from visible_texts import LATIN_WORD, ModalWalker, latin_left, spin_box_menu_texts, texts_of
from visible_texts import THAI as THAI_LETTER

from ent_portfolio.errors import UserError
from ent_portfolio.ui.about import bundled_licences
from ent_portfolio.ui.qt_strings import THAI, QtStringsTranslator

# Names that stay in Latin letters in Thai text: the app, the library and
# its maker, licences, file formats and standards Thai forms also write in
# Latin letters, and the keyboard's own key names.
ALLOWED = {
    "EnT", "Portfolio", "Qt", "C", "The", "Company", "Ltd", "GNU", "L", "GPL", "LGPL", "SIL", "Open", "Font",
    "License", "General", "Public", "Lesser", "Sarabun", "Poppler", "pdftoppm",
    "PDF", "ZIP", "JPEG", "PNG", "HEIC", "p12", "pfx", "Word", "Excel", "CSV",  # file types a lecturer picks by name
    "MOU", "PDPA", "DOI", "ORCID", "LINE", "ID", "GPS", "SHA", "EXIF",
    "SDGs",  # the goals, as Thai writes them
    "Alt", "Ctrl", "Shift", "Del", "Enter", "English", "B", "I",
    "KB", "MB", "GB", "KiB", "MiB", "bytes",
}
MISSING = "ไม่มีโฟลเดอร์นี้"


def database_strings(folder: Path) -> set[str]:
    """Every text the lecturer stored (all text columns of the portfolio's
    database), whole and line by line: it may be shown in any window."""
    found: set[str] = set()
    with sqlite3.connect(folder / "portfolio.sqlite3") as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in db.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    if isinstance(value, str) and value.strip():
                        found.add(value.strip())
                        found.update(line.strip() for line in value.splitlines() if line.strip())
    return found


def user_latin_words(strings: set[str]) -> set[str]:
    return {w for s in strings for w in LATIN_WORD.findall(s)}


@pytest.fixture
def files(tmp_path):
    """A folder the file dialogs open in, with a photo and a file the app refuses."""
    folder = tmp_path / "ไฟล์ของอาจารย์"
    folder.mkdir()
    Image.new("RGB", (40, 30), (10, 100, 10)).save(folder / "ภาพกิจกรรม.jpg")
    (folder / "โปรแกรม.exe").write_bytes(b"MZ\x90\x00" + b"\x00" * 60)
    (folder / "แฟ้มเดิม.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    return folder


def _type_and_accept(dialog: QFileDialog, text: str):
    """Type ``text`` in the file name box and press Open/Save, as a person does."""
    def act():
        if not Path(text).is_absolute():
            # Qt opens where the last file dialog of the process was left (an
            # earlier test's folder); the person goes to the files' folder first.
            dialog.setDirectory(str(Path.cwd()))
        dialog.findChild(QLineEdit, "fileNameEdit").setText(text)
        dialog.accept()
        if dialog.isVisible():  # the warning was answered; nothing was chosen
            dialog.reject()
    return act


def walk_every_dialog(window, files: Path, monkeypatch) -> ModalWalker:
    """Open every dialog the app has, in the window's language; returns the
    walker with what each showed."""
    from ent_portfolio.ui.common import confirm_delete, show_error

    monkeypatch.chdir(files)  # dialogs without a folder of their own open here
    typed: dict[str, str] = {}

    def react(dialog):
        if isinstance(dialog, QInputDialog) and typed.pop("accept input", None):
            return dialog.accept
        if isinstance(dialog, QFileDialog):
            name = typed.pop(dialog.windowTitle(), None)
            return _type_and_accept(dialog, name) if name else None
        about_qt = [b for b in dialog.findChildren(QPushButton) if b.text() == window.tr("About Qt")
                    or b.text() in ("เกี่ยวกับ Qt", "About Qt")]
        if about_qt and not dialog.property("asked"):
            dialog.setProperty("asked", True)
            return lambda: (about_qt[0].click(), dialog.reject())
        return None

    with ModalWalker(react) as walker:
        # Open a portfolio: a typed folder that does not exist → "Directory not found".
        typed[window.tr("Open a portfolio folder")] = MISSING
        typed["เปิดโฟลเดอร์แฟ้มสะสมผลงาน"] = MISSING
        typed["Open a portfolio folder"] = MISSING
        window.act_open_portfolio.trigger()
        window.act_new_portfolio.trigger()
        window.act_about.trigger()
        show_error(window, UserError("error.not_found", kind="ผลงาน", ident="42"), window.context.language)
        confirm_delete(window, "ภาพกิจกรรม")
        for key in ("works", "partners"):
            window.show_page(key).new_record()
        evidence = window.show_page("evidence")
        dialog_titles = (evidence.tr("Add evidence files"),)
        for title in dialog_titles:
            typed[title] = "ไม่มีไฟล์นี้.jpg"  # → "File not found"
        evidence.choose_files()
        for title in dialog_titles:
            typed[title] = "โปรแกรม.exe"  # a program, refused → the import summary
        typed["accept input"] = "the first work"
        evidence.choose_files()
        QApplication.processEvents()
        if evidence.summary_dialog is not None:
            walker.seen.append(("ImportSummaryDialog", evidence.summary_dialog, texts_of(evidence.summary_dialog)))
            evidence.summary_dialog.reject()
        evidence.grid.selectionModel().clearSelection() if hasattr(evidence, "grid") else None
        if evidence.model.rowCount() and hasattr(evidence, "select_rows"):
            evidence.select_rows([0])
        evidence.delete_selected()
        detail = evidence.open_details(0) if evidence.model.rowCount() else None
        if detail is not None:
            walker.seen.append(("EvidenceDetailDialog", detail, texts_of(detail)))
            detail.reject()
        testimonials = window.show_page("testimonials")
        testimonials.choose_letter()
        testimonials.new_record()
        testimonials.delete_current()
        indicators = window.show_page("indicators")
        indicators.add_indicator()
        indicators.add_measurement()
        if indicators.measurement_model.rowCount():
            indicators.table.selectRow(0)
        indicators.delete_measurement()
        indicators.delete_indicator()
        works = window.show_page("works")
        works.open_work(window.context.services.works.list()[0].id)
        from ent_portfolio.ui.widgets.record_table import RecordTable

        for table in window.findChildren(RecordTable):
            table.add()
        dossier = window.show_page("dossier")
        typed[dossier.tr("Save the dossier as")] = str(files / "แฟ้มเดิม.pdf")  # → "replace it?"
        dossier.choose_output()
        window.show_search()
        walker.seen.append(("SearchDialog", window._search, texts_of(window._search)))
        window._search.close()
    return walker


def test_qt_has_no_thai_of_its_own_so_the_app_brings_it():
    from PySide6.QtCore import QLibraryInfo

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    assert not (folder / "qtbase_th.qm").exists(), "Qt now ships Thai: compare it with qt_strings.THAI"
    translator = QtStringsTranslator()
    assert translator.translate("QPlatformTheme", "&Yes") == "ใช่"
    assert translator.translate("QFileDialog", "%1\nDirectory not found.\nPlease verify the correct "
                                               "directory name was given.").startswith("%1\nไม่พบโฟลเดอร์")
    assert not translator.translate("Pages", "Works")  # the app's own contexts are left to its catalogue
    assert [key for key, thai in THAI.items() if not THAI_LETTER.search(thai)] == []


def test_every_dialog_in_thai_shows_no_english(make_window, demo_dir, files, monkeypatch, tmp_path):
    window = make_window(demo_dir, "th")
    walker = walk_every_dialog(window, files, monkeypatch)
    kinds = walker.kinds()
    # Each kind of dialog was really opened and read.
    assert kinds.count("QFileDialog") >= 5
    for kind in ("QMessageBox", "QInputDialog", "AboutDialog", "RecordFormDialog", "MeasurementDialog",
                 "IndicatorDialog", "ImportSummaryDialog", "SearchDialog"):
        assert kind in kinds, (kind, kinds, [t for k, d, tx in walker.seen for w, t in tx if w.startswith("title")])
    texts = walker.texts()
    shown = " ".join(t for _w, t in texts)
    assert "ไม่พบโฟลเดอร์นี้" in shown and "ไม่พบไฟล์นี้" in shown and "ต้องการแทนที่ไฟล์เดิมหรือไม่" in shown
    assert "ใช่" in shown and "ไม่" in shown and "ตกลง" in shown and "ยกเลิก" in shown
    assert "คัดลอก" in shown and "วาง" in shown and "เลือกทั้งหมด" in shown
    # The app's pages and their text fields' menus too.
    for key in ("works", "partners", "testimonials", "evidence", "indicators", "dossier", "readiness", "profile"):
        window.show_page(key)
        texts += texts_of(window)
    spins = [s for s in window.findChildren(QAbstractSpinBox)]
    if spins:
        texts += [("spin-menu", t) for t in spin_box_menu_texts(spins[0])]
    known = database_strings(demo_dir) | {str(files), files.name, MISSING, str(demo_dir), str(tmp_path)}
    known |= {p.name for p in files.iterdir()} | {str(Path.home()), "ไม่มีไฟล์นี้.jpg"}
    known |= {str(p) for p in Path(files).parents} | {Path.home().name, demo_dir.name}
    known |= {p.stem for p in bundled_licences()}  # the licence files, chosen by name in About
    known |= {p.suffix.lstrip(".").upper() for p in files.iterdir()}  # "ไฟล์ PDF": the name's own ending
    known.add("0000-0000-0000-000X")  # the ORCID's written form, its last digit may be X
    allowed = ALLOWED | user_latin_words(database_strings(demo_dir))
    bad = latin_left(texts, known, allowed)
    assert bad == [], _debug_dump(bad)


def test_english_removes_qt_thai_and_thai_brings_it_back(make_window, tmp_path):
    window = make_window(None, "th")
    assert window.menu_file.title().replace("&", "") not in ("", "File")  # the app's words still answer
    box = QMessageBox(QMessageBox.Icon.Question, "", "", QMessageBox.StandardButton.Yes)
    assert box.buttons()[0].text() == "ใช่"
    window.act_english.trigger()
    box = QMessageBox(QMessageBox.Icon.Question, "", "", QMessageBox.StandardButton.Yes)
    assert box.buttons()[0].text().replace("&", "") == "Yes"
    window.act_thai.trigger()
    box = QMessageBox(QMessageBox.Icon.Question, "", "", QMessageBox.StandardButton.Yes)
    assert box.buttons()[0].text() == "ใช่"


def test_a_file_dialog_in_thai_as_seen(make_window, files, monkeypatch):
    """A picture of Qt's file dialog in Thai, for a person to look at."""
    window = make_window(None, "th")
    dialog = QFileDialog(window, "บันทึกแฟ้มเสนอขอเป็น", str(files), "ไฟล์ PDF (*.pdf)")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    dialog.resize(760, 460)
    dialog.show()
    from visible_texts import wait_for_listing

    wait_for_listing(dialog)
    Path("/tmp/shots14").mkdir(parents=True, exist_ok=True)
    dialog.grab().save("/tmp/shots14/file_dialog_th.png")
    texts = texts_of(dialog)
    known = {p.name for p in files.iterdir()} | {str(files)} | {str(p) for p in files.parents}
    known |= {p.suffix.lstrip(".").upper() for p in files.iterdir()} | {str(Path.home()), Path.home().name}
    assert latin_left(texts, known, ALLOWED) == []
    dialog.reject()


def _debug_dump(bad):  # pragma: no cover
    import collections
    seen = collections.OrderedDict()
    for where, text in bad:
        seen.setdefault((":".join(where.split(":")[:2]), text[:90]), 0)
    return "\n".join(f"{w}\t{t!r}" for w, t in seen)
