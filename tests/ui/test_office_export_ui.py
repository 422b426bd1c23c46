"""File ▸ Export as Word… / Export as Excel… in the real window: the files
exist, open with python-docx and openpyxl and hold the demo's first work;
a refused target or a Cancel is one sentence and no file; Thai and English."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from ent_portfolio.services import Services
from ent_portfolio.storage.portfolio import Portfolio
from ent_portfolio.ui import open_file
from ent_portfolio.ui.dialogs import asking
from ent_portfolio.ui.dialogs.office_export import default_office_name
from ent_portfolio.ui.qt import QPushButton, Qt
from ent_portfolio.ui.thaiwrap import strip_hints
from tests.ui.test_file_menu import registered_key
from tests.unit.storage_cases import folder_digest, records_dump

SHOTS = Path("/tmp/shots18")
THAI = re.compile("[\u0e00-\u0e7f]")
#: Latin words a Thai sentence of these dialogs may hold: the names of the formats.
LATIN_NAMES = {"Word", "Excel", "PDF", "docx", "xlsx", "English", "EnT", "Portfolio",
               "Ctrl", "Shift", "A", "C", "V", "X", "Y", "Z"}  # and the keys of a text field's own menu


def _first_title(folder: Path, lang: str = "th") -> str:
    with Portfolio.open(folder, read_only=True) as p:
        work = Services(p).works.list()[0]
    return work.title_en if lang == "en" and work.title_en else work.title_th


def _open(window, fmt: str):
    action = window.office_actions.act_word if fmt == "docx" else window.office_actions.act_excel
    action.trigger()
    dialog = window.office_actions.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def _export(qtbot, dialog, out: Path):
    dialog.out_edit.setText(str(out))
    job = dialog.export()
    assert job is not None
    qtbot.waitUntil(lambda: job.done and dialog.job is None, timeout=60000)
    return job


def _texts(dialog) -> list[str]:
    from visible_texts import texts_of

    return [strip_hints(t) for _w, t in texts_of(dialog)]


def test_the_file_menu_names_both_exports_in_thai_and_english(make_window, demo_dir, qtbot):
    window = make_window(demo_dir, "th")
    names = [a.text() for a in window.menu_file.actions() if not a.isSeparator()]
    assert "ส่งออกเป็น Word…" in names and "ส่งออกเป็น Excel…" in names
    assert names[-1] == window.act_quit.text()
    window.set_language("en")
    qtbot.waitUntil(lambda: window.office_actions.act_word.text() == "Export as Word…")
    assert window.office_actions.act_excel.text() == "Export as Excel…"


def test_the_exports_wait_for_a_portfolio(make_window):
    window = make_window(None, "th")
    assert not window.office_actions.act_word.isEnabled() and not window.office_actions.act_excel.isEnabled()
    assert window.office_actions.open_dialog("docx") is None


def test_word_from_the_menu_holds_the_first_work_and_opens(make_window, demo_dir, tmp_path, qtbot, monkeypatch):
    window = make_window(demo_dir, "th")
    dialog = _open(window, "docx")
    assert dialog.windowTitle() == "ส่งออกเป็น Word"
    assert Path(dialog.out_edit.text()).name == default_office_name("docx", "th")
    assert Path(dialog.out_edit.text()).name.startswith("ผลงาน-25")  # a Buddhist-era year
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "export-word-th.png"))
    words = set(re.findall(r"[A-Za-z]+", " ".join(_texts(dialog)))) - LATIN_NAMES
    assert words <= {p for p in Path(dialog.out_edit.text()).parts for p in re.findall(r"[A-Za-z]+", p)}, words
    before = records_dump(demo_dir), folder_digest(demo_dir / "evidence")
    out = tmp_path / "ส่งคณะ" / "ผลงาน ฉบับแก้.docx"
    out.parent.mkdir()
    _export(qtbot, dialog, out)
    assert dialog.last_error is None, dialog.last_error
    body = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert _first_title(demo_dir) in body
    status = strip_hints(dialog.status_label.text())
    assert status.startswith(f"บันทึกแล้ว: {out}") and "ผลงาน 3 เรื่อง" in status
    assert (records_dump(demo_dir), folder_digest(demo_dir / "evidence")) == before
    opened = []
    monkeypatch.setattr(open_file, "system_open", lambda path: opened.append(path) or True)
    assert dialog.open_file_button.isEnabled()
    dialog.open_file_button.click()
    dialog.open_folder_button.click()
    assert opened == [out, out.parent]
    dialog.grab().save(str(SHOTS / "export-word-done-th.png"))


def test_only_the_ticked_works_go_into_the_word_file(make_window, demo_dir, tmp_path, qtbot):
    window = make_window(demo_dir, "th")
    dialog = _open(window, "docx")
    dialog.none_button.click()
    assert not dialog.export_button.isEnabled()
    assert strip_hints(dialog.status_label.text()) == "โปรดเลือกผลงานอย่างน้อยหนึ่งเรื่อง"  # as the dossier page says
    assert dialog.export() is None
    dialog.works_list.item(1).setCheckState(Qt.CheckState.Checked)
    out = tmp_path / "one.docx"
    _export(qtbot, dialog, out)
    assert dialog.last_result.works == 1
    body = "\n".join(p.text for p in Document(str(out)).paragraphs)
    with Portfolio.open(demo_dir, read_only=True) as p:
        works = Services(p).works.list()
    assert works[1].title_th in body and works[0].title_th not in body


def test_excel_from_the_menu_holds_the_first_work(make_window, demo_dir, tmp_path, qtbot):
    window = make_window(demo_dir, "th")
    dialog = _open(window, "xlsx")
    assert not dialog.works_box.isVisibleTo(dialog) and not dialog.photos_box.isVisibleTo(dialog)
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "export-excel-th.png"))
    out = tmp_path / "ตัวเลข.xlsx"
    _export(qtbot, dialog, out)
    assert dialog.last_error is None, dialog.last_error
    book = openpyxl.load_workbook(out, read_only=True)
    cells = [str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert _first_title(demo_dir) in cells
    assert strip_hints(dialog.status_label.text()).startswith(f"บันทึกแล้ว: {out}")


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_in_english_the_dialog_and_the_file_speak_english(make_window, demo_dir, tmp_path, qtbot, fmt):
    window = make_window(demo_dir, "en")
    dialog = _open(window, fmt)
    assert dialog.language_combo.currentData() == "en"
    assert Path(dialog.out_edit.text()).name == default_office_name(fmt, "en")
    shown = [t for t in _texts(dialog) if t != "ไทย"]  # the language named in itself
    assert not [t for t in shown if THAI.search(t)], shown
    dialog.grab().save(str(SHOTS / f"export-{fmt}-en.png"))
    out = tmp_path / f"works.{fmt}"
    _export(qtbot, dialog, out)
    assert strip_hints(dialog.status_label.text()).startswith(f"Saved: {out}")
    if fmt == "docx":
        assert "3 works" in dialog.status_label.text()
        body = "\n".join(p.text for p in Document(str(out)).paragraphs)
    else:
        book = openpyxl.load_workbook(out, read_only=True)
        assert book.sheetnames[0] == "Works"
        body = "\n".join(str(c) for s in book.worksheets for r in s.iter_rows(values_only=True) for c in r if c)
    assert _first_title(demo_dir, "en") in body


def _refused_target(case: str, fmt: str, tmp_path: Path, demo_dir: Path) -> Path:
    """Places the core refuses: inside the portfolio, an existing folder, a
    folder that is not there."""
    if case == "a folder":
        folder = tmp_path / f"a folder.{fmt}"
        folder.mkdir()
        return folder
    return {"inside the portfolio": demo_dir / f"works.{fmt}",
            "the portfolio's evidence": demo_dir / "evidence" / f"works.{fmt}",
            "no such folder": tmp_path / "missing" / "deeper" / f"works.{fmt}"}[case]


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
@pytest.mark.parametrize("case", ["inside the portfolio", "the portfolio's evidence", "a folder", "no such folder"])
@pytest.mark.parametrize("lang", ["th", "en"])
def test_a_refused_target_is_one_sentence_and_nothing_changes(make_window, demo_dir, tmp_path, qtbot, fmt, case,
                                                              lang):
    window = make_window(demo_dir, lang)
    dialog = _open(window, fmt)
    target = _refused_target(case, fmt, tmp_path, demo_dir)
    before = records_dump(demo_dir), folder_digest(demo_dir)
    outside = sorted(p.name for p in tmp_path.iterdir())
    dialog.out_edit.setText(str(target))
    job = dialog.export()
    qtbot.waitUntil(lambda: job.done and dialog.job is None, timeout=60000)
    sentence = strip_hints(dialog.status_label.text())
    assert dialog.last_error is not None
    assert registered_key(sentence, lang) is not None, sentence
    assert "Traceback" not in sentence
    assert (records_dump(demo_dir), folder_digest(demo_dir)) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == outside
    assert not dialog.open_file_button.isEnabled()


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_a_link_as_the_target_is_replaced_and_the_file_it_named_is_left_alone(make_window, demo_dir, tmp_path,
                                                                              qtbot, fmt):
    window = make_window(demo_dir, "th")
    dialog = _open(window, fmt)
    real = tmp_path / "colleague's file"
    real.write_bytes(b"kept")
    link = tmp_path / f"link.{fmt}"
    link.symlink_to(real)
    _export(qtbot, dialog, link)
    assert dialog.last_error is None
    assert real.read_bytes() == b"kept" and link.is_file() and not link.is_symlink()


def test_cancelling_the_word_export_writes_no_file(make_window, demo_dir, tmp_path, qtbot):
    window = make_window(demo_dir, "th")
    dialog = _open(window, "docx")
    out = tmp_path / "out" / "cancelled.docx"
    out.parent.mkdir()
    dialog.out_edit.setText(str(out))
    job = dialog.export()
    progress = dialog.progress_dialog

    def press(_done, _total):
        if not job.cancel_token.cancelled:
            progress.findChild(QPushButton).click()

    job.progress.connect(press)
    qtbot.waitUntil(lambda: job.done and dialog.job is None, timeout=60000)
    assert strip_hints(dialog.status_label.text()) == "ยกเลิกการส่งออกแล้ว ไม่มีการเขียนไฟล์ใด"
    assert list(out.parent.iterdir()) == []


def test_without_a_program_for_the_file_the_lecturer_is_told_where_it_is(make_window, demo_dir, tmp_path, qtbot,
                                                                        monkeypatch):
    window = make_window(demo_dir, "th")
    dialog = _open(window, "xlsx")
    out = tmp_path / "book.xlsx"
    _export(qtbot, dialog, out)
    said = []

    def answer(box):
        said.append(strip_hints(box.text()))
        return {b.objectName(): b for b in box.buttons()}.get("no") or box.buttons()[0]

    monkeypatch.setattr(open_file, "system_open", lambda path: False)
    monkeypatch.setattr(asking, "run_box", answer)
    assert dialog.open_file() is False
    assert said == [f"เครื่องนี้ยังไม่มีโปรแกรมสำหรับเปิดไฟล์นี้ ไฟล์ถูกบันทึกไว้แล้วที่:\n{out}"]


def test_closing_the_dialog_while_it_writes_stops_the_writing(make_window, demo_dir, tmp_path, qtbot):
    window = make_window(demo_dir, "th")
    dialog = _open(window, "docx")
    out = tmp_path / "closed.docx"
    dialog.out_edit.setText(str(out))
    job = dialog.export()
    dialog.reject()
    qtbot.waitUntil(lambda: job.done, timeout=60000)
    assert job.cancel_token.cancelled and not out.exists()
