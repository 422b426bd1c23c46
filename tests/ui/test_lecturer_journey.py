"""The lecturer's journey of issue 5, end to end, in Thai, through the windows.

"A new user can open the demo portfolio, find and edit anything in it, add a
partner, a testimonial with its scanned letter and an indicator measurement,
and start a dossier export — all in Thai, with nothing blocking the window
for more than a moment."

The test drives widgets as a person does: clicks on the sidebar and on
buttons, Ctrl+F, typing; dialogs are answered by replacing their ``exec``
(or ``QFileDialog.getOpenFileName``) with a function that fills the dialog's
own widgets and presses its Save/OK button.  Background work runs on worker
threads as in the program (``make_window(..., threaded=True)``).

While each step runs, a 50 ms QTimer records the largest gap between its
ticks: how long the window could not repaint or answer.  Opening the
portfolio and exporting the dossier must stay responsive (the slow parts run
in workers); the figures of every step are printed (``pytest -s``) and, with
``ENT_JOURNEY_SHOTS=DIR``, written with a screenshot of each step to DIR.
"""

from __future__ import annotations

import json
import os
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QInputDialog

from ent_portfolio.services import Services
from ent_portfolio.storage.portfolio import Portfolio
from ent_portfolio.ui.views import PAGES

#: The window may stop answering this long at most while a step that should
#: run in the background is under way (opening, export).  Generous: a busy CI
#: machine; a person notices a freeze of about a second.
ASYNC_GAP_LIMIT = 1.5
#: Any other step (a click that does its work at once) — a bound against
#: regressions, not a promise.
SYNC_GAP_LIMIT = 4.0

CHIANG_MAI_TITLE = "ผู้สูงวัยรู้ทันฝุ่น"


class EventLoopGaps:
    """Largest pause of the event loop while a step runs."""

    def __init__(self, interval_ms: int = 50) -> None:
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.figures: dict[str, dict[str, float]] = {}
        self._last = 0.0
        self._worst = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self._worst = max(self._worst, now - self._last)
        self._last = now

    @contextmanager
    def step(self, name: str):
        started = self._last = time.perf_counter()
        self._worst = 0.0
        self.timer.start()
        try:
            yield
        finally:
            self._tick()  # the code of the step itself runs on the UI thread: it counts
            self.timer.stop()
            self.figures[name] = {"largest_gap_s": round(self._worst, 3),
                                  "step_s": round(time.perf_counter() - started, 3)}

    def gap(self, name: str) -> float:
        return self.figures[name]["largest_gap_s"]


def type_text(qtbot, widget, text: str) -> None:
    """Type ``text`` into ``widget`` key by key.  ASCII goes through
    ``qtbot.keyClicks``; QTest aborts the process on a character outside
    Latin-1, so each Thai character is sent as the key event a Thai keyboard
    layout produces (no key code, the character as its text)."""
    widget.setFocus()
    ascii_run = ""
    for ch in text:
        if ord(ch) < 128:
            ascii_run += ch
            continue
        if ascii_run:
            qtbot.keyClicks(widget, ascii_run)
            ascii_run = ""
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
    if ascii_run:
        qtbot.keyClicks(widget, ascii_run)


def click(qtbot, widget) -> None:
    assert widget.isEnabled(), widget.objectName() or widget.text()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def click_item(qtbot, view, rect) -> None:
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def click_sidebar(qtbot, window, key: str):
    row = [spec.key for spec in PAGES].index(key)
    click_item(qtbot, window.sidebar, window.sidebar.visualItemRect(window.sidebar.item(row)))
    assert window.current_key() == key
    return window.current_view()


def press_ok(dialog) -> int:
    """Press the dialog's Save/OK button (its own validation runs) and give
    back what ``exec`` would have returned."""
    box = dialog.findChild(QDialogButtonBox)
    box.button(QDialogButtonBox.StandardButton.Ok).click()
    return dialog.result()


def make_letter(path: Path) -> Path:
    """A scanned letter: a white A4-shaped page with a letterhead, lines of
    "text", a signature and a stamp."""
    from PIL import Image, ImageDraw

    page = Image.new("RGB", (620, 877), (250, 250, 246))
    draw = ImageDraw.Draw(page)
    draw.ellipse((280, 30, 340, 90), outline=(30, 30, 120), width=4)  # the organisation's seal
    for n, y in enumerate(range(140, 640, 26)):
        draw.rectangle((70, y, 550 - (n % 4) * 40, y + 9), fill=(60, 60, 60))
    draw.line([(340, 720), (380, 690), (410, 730), (450, 700), (500, 725)], fill=(20, 40, 140), width=3)
    draw.ellipse((120, 680, 220, 780), outline=(170, 20, 20), width=5)  # stamp
    page.save(path)
    return path


@pytest.fixture
def shots(tmp_path):
    folder = Path(os.environ.get("ENT_JOURNEY_SHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    taken = []

    def shot(widget, name: str) -> Path:
        path = folder / f"{len(taken) + 1:02d}-{name}.png"
        assert widget.grab().save(str(path))
        taken.append(path)
        return path

    shot.folder = folder
    return shot


def test_a_new_lecturer_goes_through_the_demo_in_thai(make_window, demo_dir, qtbot, monkeypatch, tmp_path, shots):
    gaps = EventLoopGaps()

    # --- 1. open the demo portfolio: the window appears, the search index is built behind it
    with gaps.step("open the demo portfolio"):
        window = make_window(demo_dir, "th", threaded=True)
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: window.context.jobs.running() == 0, timeout=30000)
    context = window.context
    services = context.services
    assert window.current_key() == "works"
    works_view = window.current_view()
    assert works_view.model.rowCount() == 3
    assert window.sidebar.item(0).text() == "ผลงาน"
    shots(window, "works")
    work = next(w for w in services.works.list() if w.title_th.startswith(CHIANG_MAI_TITLE))

    # --- 2. Ctrl+F, a Thai word that only occurs inside unspaced Thai text, open a result
    with gaps.step("search with Ctrl+F and open a result"):
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=3000)
        qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        dialog = window._search
        assert dialog is not None and dialog.isVisible()
        type_text(qtbot, dialog.query, "ปลอดฝุ่น")  # in "ห้องปลอดฝุ่นสำหรับผู้สูงอายุ"
        qtbot.waitUntil(lambda: dialog.results.topLevelItemCount() > 0, timeout=10000)
        groups = {dialog.results.topLevelItem(n).text(0).split(" (")[0]: dialog.results.topLevelItem(n)
                  for n in range(dialog.results.topLevelItemCount())}
        assert "เนื้อหาผลงาน" in groups, list(groups)  # write-up sections
        hit = groups["เนื้อหาผลงาน"].child(0)
        target = hit.data(0, Qt.ItemDataRole.UserRole)
        assert target[0] == "work" and target[1] == work.id and target[2].startswith("section:")
        shots(dialog, "search")
        dialog.results.scrollToItem(hit)
        click_item(qtbot, dialog.results, dialog.results.visualItemRect(hit))
    editor = works_view.editor
    section_key = target[2].split(":", 1)[1]
    assert window.current_key() == "works" and works_view.stack.currentWidget() is editor
    assert editor.work_id == work.id
    assert editor.tabs.currentWidget() is editor.sections and editor.sections.current_key == section_key
    assert editor.sections.text.editor.textCursor().selectedText() == "ปลอดฝุ่น"  # the words found, selected
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    shots(window, "search-result-opened")

    # --- 3. edit that section: typed at its end, saved by itself
    added = " ปรับปรุงเนื้อหาโดยผู้ขอเมื่อทดสอบ"
    with gaps.step("edit a section and see it autosaved"):
        text_edit = editor.sections.text.editor
        text_edit.setFocus()
        qtbot.keyClick(text_edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        type_text(qtbot, text_edit, added)
        assert "บันทึกแล้ว" not in window.save_label.text() or editor.has_pending()
        qtbot.waitUntil(lambda: not editor.has_pending(), timeout=5000)
        qtbot.waitUntil(lambda: "บันทึกแล้ว" in window.save_label.text(), timeout=5000)
    shots(window, "section-autosaved")

    # --- 4. a new partner with a contact person
    partner_name = "วิสาหกิจชุมชนแปรรูปผักปลอดภัยบ้านยางเนิ้ง"
    with gaps.step("add a partner with a contact"):
        partners = click_sidebar(qtbot, window, "partners")
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (partner_name, True))
        click(qtbot, partners.new_button)
        [partner] = [p for p in services.partners.list() if p.name_th == partner_name]
        assert partners.current_id() == partner.id
        kind = partners.form.widgets["partner_type"]
        kind.setCurrentIndex(kind.findData("business"))
        type_text(qtbot, partners.form.widgets["notes"], "สมาชิก 25 ครัวเรือน ปลูกผักส่งโรงพยาบาล")
        qtbot.waitUntil(lambda: services.partners.get(partner.id).notes.startswith("สมาชิก 25"), timeout=5000)

        from ent_portfolio.ui.dialogs.record_form import RecordFormDialog

        def fill_contact(form):
            type_text(qtbot, form.widgets["name"], "นางบัวผัน ใจมั่น")
            type_text(qtbot, form.widgets["position"], "ประธานวิสาหกิจ")
            type_text(qtbot, form.widgets["phone"], "081 234 5678")
            return press_ok(form)

        monkeypatch.setattr(RecordFormDialog, "exec", fill_contact)
        click(qtbot, partners.contacts.add_button)
        assert partners.contacts.table.rowCount() == 1
    shots(window, "partner-added")

    # --- 5. a testimonial with its scanned letter
    letter = make_letter(tmp_path / "หนังสือรับรอง.png")
    with gaps.step("add a testimonial with its scanned letter"):
        testimonials = click_sidebar(qtbot, window, "testimonials")

        def fill_new_testimonial(form):
            choice = form.widgets["work_id"]
            choice.setCurrentIndex(choice.findData(work.id))
            type_text(qtbot, form.widgets["person_name"], "นางบัวผัน ใจมั่น")
            type_text(qtbot, form.widgets["organisation"], partner_name)
            link = form.widgets["partner_id"]
            link.setCurrentIndex(link.findData(partner.id))
            return press_ok(form)

        monkeypatch.setattr(RecordFormDialog, "exec", fill_new_testimonial)
        before = {t.id for t in services.testimonials.list()}
        click(qtbot, testimonials.new_button)
        [testimonial_id] = {t.id for t in services.testimonials.list()} - before
        assert testimonials.current_id() == testimonial_id
        type_text(qtbot, testimonials.form.widgets["quote"],
                  "ผู้สูงอายุในชุมชนมีห้องปลอดฝุ่นใช้ในช่วงหมอกควัน และเทศบาลจะสนับสนุนต่อ")
        qtbot.keyClick(testimonials.form.widgets["consent"], Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: services.testimonials.get(testimonial_id).consent, timeout=5000)
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(letter), ""))
        click(qtbot, testimonials.letter_button)
        assert services.testimonials.get(testimonial_id).letter_evidence_id
        assert testimonials.letter.pixmap() is not None and not testimonials.letter.pixmap().isNull()
    shots(window, "testimonial-with-letter")

    # --- 6. a measurement of an indicator (the indicators page as it is)
    with gaps.step("add an indicator measurement"):
        indicators = click_sidebar(qtbot, window, "indicators")
        indicators.work_combo.setCurrentIndex(indicators.work_combo.findData(work.id))
        first = indicators.indicator_model.index(0)
        click_item(qtbot, indicators.indicator_list, indicators.indicator_list.visualRect(first))
        indicator_id = indicators.current_indicator_id()
        assert indicator_id
        count_before = len(services.indicators.measurements(indicator_id))

        from ent_portfolio.ui.dialogs import indicator_dialogs

        def fill_measurement(form):
            form.date.edit.setDate(QDate(2026, 11, 20))
            type_text(qtbot, form.value_edit, "72")
            type_text(qtbot, form.source_edit, "แบบสำรวจความรอบรู้ รอบที่ 3")
            form.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
            return form.result()

        monkeypatch.setattr(indicator_dialogs.MeasurementDialog, "exec", fill_measurement)
        click(qtbot, indicators.add_measurement_button)
        stored = services.indicators.measurements(indicator_id)
        assert len(stored) == count_before + 1
        assert indicators.measurement_model.rowCount() == count_before + 1
    shots(window, "measurement-added")

    # --- 7. start a dossier export: the real builder, in a worker thread
    out_pdf = tmp_path / "dossier" / "แฟ้มเสนอขอ.pdf"
    out_pdf.parent.mkdir()
    with gaps.step("open the dossier page"):
        dossier = click_sidebar(qtbot, window, "dossier")
    shots(window, "dossier")
    with gaps.step("export the dossier"):
        dossier.out_edit.clear()
        type_text(qtbot, dossier.out_edit, str(out_pdf))
        click(qtbot, dossier.export_button)
        job = dossier.export_job
        assert job is not None and not dossier.export_button.isEnabled()
        qtbot.waitUntil(lambda: dossier.progress_dialog is not None and dossier.progress_dialog.isVisible()
                        or job.done, timeout=10000)
        if not job.done:
            shots(dossier.progress_dialog, "export-progress")
        qtbot.waitUntil(lambda: job.done, timeout=300000)
    assert job.error is None, job.error
    assert out_pdf.read_bytes().startswith(b"%PDF")
    assert dossier.last_pdf == out_pdf and "บันทึกแล้ว" in dossier.status_label.text()
    qtbot.waitUntil(lambda: context.jobs.running() == 0, timeout=60000)  # page previews
    shots(window, "dossier-exported")

    # --- the event loop stayed free where the work is in the background
    report = json.dumps(gaps.figures, ensure_ascii=False, indent=2)
    (shots.folder / "event-loop-gaps.json").write_text(report, encoding="utf-8")
    print("\nevent-loop gaps per step:\n" + report)
    assert gaps.gap("open the demo portfolio") < ASYNC_GAP_LIMIT, report
    assert gaps.gap("export the dossier") < ASYNC_GAP_LIMIT, report
    for name in gaps.figures:
        assert gaps.gap(name) < SYNC_GAP_LIMIT, report

    # --- everything is on disk after the window closes
    window.close()
    context.jobs.wait(30000)
    context.portfolio.close()
    context.portfolio = None
    context.services = None
    reopened = Portfolio.open(demo_dir)
    try:
        s = Services(reopened)
        sections = {t.key: c for t, c in s.works.sections(work.id)}
        assert added.strip() in sections[section_key]
        [partner] = [p for p in s.partners.list() if p.name_th == partner_name]
        assert partner.notes == "สมาชิก 25 ครัวเรือน ปลูกผักส่งโรงพยาบาล"
        [contact] = s.contacts.list(partner_id=partner.id)
        assert (contact.name, contact.position, contact.phone) == ("นางบัวผัน ใจมั่น", "ประธานวิสาหกิจ", "081 234 5678")
        t = s.testimonials.get(testimonial_id)
        assert t.work_id == work.id and t.partner_id == partner.id
        assert t.quote.startswith("ผู้สูงอายุในชุมชน") and t.consent
        assert s.evidence.file_path(t.letter_evidence_id).read_bytes() == letter.read_bytes()
        latest = s.indicators.measurements(indicator_id)
        assert any(str(m.value).rstrip("0").rstrip(".") == "72" and m.source == "แบบสำรวจความรอบรู้ รอบที่ 3"
                   for m in latest)
    finally:
        reopened.close()


def test_a_dossier_export_cancelled_from_its_progress_dialog_leaves_no_file(make_window, demo_dir, qtbot, tmp_path):
    """The same export, stopped with the progress dialog's Cancel button:
    the window stays free, and no PDF (nor a part of one) is left behind."""
    from PySide6.QtWidgets import QPushButton

    from ent_portfolio.jobs import Cancelled

    gaps = EventLoopGaps()
    window = make_window(demo_dir, "th", threaded=True)
    qtbot.waitUntil(lambda: window.context.jobs.running() == 0, timeout=30000)
    dossier = click_sidebar(qtbot, window, "dossier")
    out_pdf = tmp_path / "out" / "dossier.pdf"
    out_pdf.parent.mkdir()
    dossier.out_edit.clear()
    type_text(qtbot, dossier.out_edit, str(out_pdf))
    with gaps.step("export, then cancel"):
        click(qtbot, dossier.export_button)
        job = dossier.export_job
        qtbot.waitUntil(lambda: dossier.progress_dialog is not None and dossier.progress_dialog.isVisible(),
                        timeout=10000)
        click(qtbot, dossier.progress_dialog.findChild(QPushButton))  # ยกเลิก
        qtbot.waitUntil(lambda: job.done, timeout=60000)
    assert isinstance(job.error, Cancelled), job.error
    assert list(out_pdf.parent.iterdir()) == []
    assert "ยกเลิก" in dossier.status_label.text() and dossier.export_button.isEnabled()
    print(f"\nexport cancelled: largest gap {gaps.gap('export, then cancel')} s")
    assert gaps.gap("export, then cancel") < ASYNC_GAP_LIMIT, gaps.figures
