"""File ▸ Check the portfolio: what the check found, in sentences, with
Repair offered when repairing can help, and afterwards what it did.

The check and the repair are :func:`ent_portfolio.services.doctor.check_portfolio`
and :func:`~ent_portfolio.services.doctor.repair_portfolio`, as for the
command line's ``doctor``; this dialog only shows their reports."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from ...i18n import register
from ...i18n import tr as message
from ...services.doctor import HealthReport, Problem, RepairReport
from ..qt import QDialog, QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget
from ..thaiwrap import ThaiWrapLabel
from .asking import close_text

# (``message`` is i18n's tr: Qt's lupdate would read a call named tr as a string of Qt's own catalogue.)
register({
    "ui.doctor.title": ("ตรวจสุขภาพแฟ้มผลงาน", "Portfolio check"),
    "ui.doctor.problems": (
        "พบปัญหา {count} รายการที่อาจทำให้หลักฐานสูญหายหรือไม่ตรงกับที่บันทึกไว้",
        "{count} problem(s) found that can lose evidence or make it differ from what was recorded.",
    ),
    "ui.doctor.notices": ("หมายเหตุ (ยังไม่ใช่ความเสียหาย)", "Notes (not damage)"),
    "ui.doctor.can_repair": (
        "กด “ซ่อมแซม” ให้โปรแกรมแก้สิ่งที่แก้ได้โดยไม่ต้องเดา: นำไฟล์หลักฐานที่ยังหาเจอกลับเข้าที่ "
        "ย้ายไฟล์ที่ไม่มีรายการใดใช้ไปไว้ในโฟลเดอร์ deleted (ไม่ลบทิ้ง) ล้างไฟล์ชั่วคราว "
        "และสร้างภาพย่อกับดัชนีค้นหาใหม่",
        "Press “Repair” to fix what needs no guessing: evidence files that can still be found are put back, "
        "files no record uses move to the deleted folder (never erased), temporary files are cleared, "
        "thumbnails and the search index are rebuilt.",
    ),
    "ui.doctor.restore_hint": (
        "ปัญหาของฐานข้อมูลซ่อมด้วยโปรแกรมไม่ได้ โปรดกู้คืนจากไฟล์สำรอง (แฟ้ม ▸ กู้คืนจากไฟล์สำรอง…)",
        "Damage to the database cannot be repaired here; restore a backup (File ▸ Restore from a backup…).",
    ),
    "ui.doctor.repair": ("ซ่อมแซม", "Repair"),
    "ui.doctor.repaired": ("ซ่อมแล้ว:", "Repaired:"),
    "ui.doctor.after_repair_healthy": ("ตรวจอีกครั้งหลังซ่อม: ", "Checked again after the repair: "),
    "ui.doctor.repair_stopped": (
        "หยุดซ่อมกลางคันแล้ว สิ่งที่ซ่อมไปก่อนหยุดยังอยู่ครบ ตรวจอีกครั้งได้เมื่อต้องการ",
        "The repair was stopped; what it had fixed before stopping stays fixed. Check again whenever you like.",
    ),
})

def _items(problems: list[Problem], lang: str) -> str:
    return "<ul>" + "".join(f"<li>{escape(p.message(lang))}</li>" for p in problems) + "</ul>"


def report_html(report: HealthReport, lang: str) -> str:
    """The check's findings as the dialog shows them (one sentence each)."""
    parts = []
    if report.healthy:
        healthy = message("doctor.healthy", lang, records=report.record_count, files=report.file_count)
        parts.append(f"<p><b>{escape(healthy)}</b></p>")
    else:
        parts.append(f"<p><b>{escape(message('ui.doctor.problems', lang, count=len(report.problems)))}</b></p>")
        parts.append(_items(report.problems, lang))
    if report.notices:
        parts.append(f"<p>{escape(message('ui.doctor.notices', lang))}</p>")
        parts.append(_items(report.notices, lang))
    if report.needs_restore:
        parts.append(f"<p>{escape(message('ui.doctor.restore_hint', lang))}</p>")
    if report.repairable:
        parts.append(f"<p>{escape(message('ui.doctor.can_repair', lang))}</p>")
    return "".join(parts)


def repair_html(result: RepairReport, lang: str) -> str:
    """What the repair did, then what is left for the lecturer."""
    if result.fixed:
        parts = [f"<p><b>{escape(message('ui.doctor.repaired', lang))}</b></p>", _items(result.fixed, lang)]
    else:
        parts = [f"<p><b>{escape(message('doctor.nothing_to_fix', lang))}</b></p>"]
    after = result.after
    if after.healthy:
        healthy = message("doctor.healthy", lang, records=after.record_count, files=after.file_count)
        parts.append(f"<p>{escape(message('ui.doctor.after_repair_healthy', lang) + healthy)}</p>")
    else:
        parts.append(f"<p><b>{escape(message('doctor.cannot_fix', lang))}</b></p>")
        parts.append(_items(after.problems, lang))
    if after.notices:
        parts.append(f"<p>{escape(message('ui.doctor.notices', lang))}</p>")
        parts.append(_items(after.notices, lang))
    return "".join(parts)


class DoctorDialog(QDialog):
    """Shows one check's report; ``on_repair`` starts the repair (the File
    menu's job, with its progress and Cancel) and calls back
    :meth:`show_repair` or :meth:`show_repair_stopped`."""

    def __init__(self, report: HealthReport, lang: str, on_repair: Callable[[], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("doctorDialog")
        self.lang = lang
        self.setWindowTitle(message("ui.doctor.title", lang))
        self.resize(760, 520)
        layout = QVBoxLayout(self)
        self.heading = ThaiWrapLabel()
        self.heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        layout.addWidget(self.heading)
        self.findings = QTextBrowser()
        self.findings.setObjectName("doctorFindings")
        self.findings.setOpenLinks(False)  # nothing here is a link to follow
        layout.addWidget(self.findings, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.repair_button = QPushButton(message("ui.doctor.repair", lang))
        self.repair_button.setObjectName("repairButton")
        self.repair_button.clicked.connect(on_repair)
        self.close_button = QPushButton(close_text(lang))
        self.close_button.setObjectName("closeButton")
        self.close_button.clicked.connect(self.accept)
        row.addWidget(self.repair_button)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.show_report(report)

    def show_report(self, report: HealthReport) -> None:
        self.report = report
        self.heading.setText(message("ui.doctor.title", self.lang))
        self.findings.setHtml(report_html(report, self.lang))
        self.repair_button.setVisible(report.repairable)
        self.repair_button.setEnabled(True)

    def show_repair(self, result: RepairReport) -> None:
        self.report = result.after
        self.findings.setHtml(repair_html(result, self.lang))
        # Offered again only if a second pass could still do something.
        self.repair_button.setVisible(result.after.repairable and bool(result.fixed))
        self.repair_button.setEnabled(True)

    def show_repair_stopped(self) -> None:
        self.findings.append(f"<p><b>{escape(message('ui.doctor.repair_stopped', self.lang))}</b></p>")
        self.repair_button.setEnabled(True)

    def findings_text(self) -> str:
        return self.findings.toPlainText()
