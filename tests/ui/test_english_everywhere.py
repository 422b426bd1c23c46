"""In English, no Thai is left outside the user's data: what was already on
screen when the lecturer switched (the save status, the dossier preview's
page labels and outline, a work's section guidance) follows the switch, and
every dialog the Thai walk opens is English too (Qt's words back to Qt's)."""

from __future__ import annotations

from PIL import Image
from PySide6.QtWidgets import QApplication
from test_thai_everywhere import database_strings, walk_every_dialog
from visible_texts import texts_of, thai_left

from ent_portfolio.services import Services
from ent_portfolio.storage.portfolio import Portfolio

# Each language is named in itself in the language choices.
LANGUAGE_NAMES = {"ไทย"}


def _marked_portfolio(folder):
    """User data in Thai, as a lecturer types it; read back from the database
    as the allow-list."""
    with Portfolio.create(folder) as p:
        s = Services(p)
        w = s.works.create(title_th="ธนาคารขยะชุมชนบ้านทดสอบ", title_en="Test community waste bank")
        s.partners.create(name_th="เทศบาลตำบลทดสอบ")
        s.testimonials.create(work_id=w.id, person_name="นางทดสอบ ใจดี")
    return w.id


def test_what_was_on_screen_follows_the_switch_to_english(make_window, tmp_path, qtbot):
    folder = tmp_path / "p"
    work_id = _marked_portfolio(folder)
    window = make_window(folder, "th")
    window.context.save_state.emit("saved")
    assert "บันทึก" in window.save_label.text()
    dossier = window.show_page("dossier")
    page = tmp_path / "page-1.png"
    Image.new("RGB", (60, 85), "white").save(page)
    dossier.last_pdf = tmp_path / "แฟ้ม.pdf"
    dossier._preview_ready([page])
    assert "หน้า" in dossier.preview.item(0).text()
    works = window.show_page("works")
    works.open_work(work_id)
    sections = works.editor.sections
    works.editor.tabs.setCurrentWidget(sections)
    sections.list.setCurrentRow(1)
    template = sections.templates[1]
    assert sections.guidance.text() == template.guidance_th
    window.act_english.trigger()
    QApplication.processEvents()
    assert sections.guidance.text() == template.guidance_en  # the section on screen, not only the next one
    assert window.save_label.text().startswith("Saved")
    assert dossier.preview.item(0).text() == "Page 1"
    known = database_strings(folder) | {str(folder), folder.name, "แฟ้ม.pdf", str(tmp_path / "แฟ้ม.pdf")}
    texts = texts_of(window)
    for key in ("works", "partners", "testimonials", "evidence", "indicators", "dossier", "readiness", "profile"):
        window.show_page(key)
        texts += texts_of(window)
    window.show_page("works").open_work(work_id)
    texts += texts_of(window)
    assert thai_left(texts, known, LANGUAGE_NAMES) == []


def test_every_dialog_in_english_shows_no_thai(make_window, tmp_path, monkeypatch):
    folder = tmp_path / "p"
    _marked_portfolio(folder)
    window = make_window(folder, "en")
    files = tmp_path / "files"
    files.mkdir()
    Image.new("RGB", (40, 30)).save(files / "photo.jpg")
    (files / "program.exe").write_bytes(b"MZ\x90\x00" + b"\x00" * 60)
    (files / "old.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    walker = walk_every_dialog(window, files, monkeypatch)
    assert "QFileDialog" in walker.kinds() and "QMessageBox" in walker.kinds()
    known = database_strings(folder) | {str(folder), folder.name, str(files)} | {p.name for p in files.iterdir()}
    # Qt's file dialog opens where the last one was left, maybe an earlier
    # test's folder: the names of the files this run made are file names.
    known |= {p.name for p in tmp_path.parent.rglob("*")}
    known |= {"ไม่มีโฟลเดอร์นี้", "ไม่มีไฟล์นี้.jpg", "โปรแกรม.exe", "ภาพกิจกรรม", "ผลงาน"}  # what the walk itself typed
    bad = thai_left(walker.texts(), known, LANGUAGE_NAMES)
    assert bad == [], sorted({(w.split(":")[0], t[:80]) for w, t in bad})
