"""File menu: back up, restore, move to another computer, check the portfolio.

What the command line's ``backup``, ``restore``, ``archive export|import``
and ``doctor [--repair]`` do for a lecturer, the window does too, through
the same service functions, each in a worker with progress and Cancel.  The
services already guarantee that a cancelled or refused run leaves nothing
half-written (archives are written to a temp file and renamed, an import is
one transaction, a restore builds its folder aside and renames it); this
module only asks for the file, says plainly what will happen, runs the
service as a job and says what happened."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..i18n import register
from ..i18n import tr as message
from ..jobs import Cancelled
from ..storage.backups import OtherPortfolioBackupError
from ..typeset.dates import BE_OFFSET
from .common import error_text
from .dialogs import asking
from .dialogs.new_portfolio import documents_folder
from .dialogs.package_verdict import PackageVerdictDialog, new_work_dir, review_package
from .jobs import Job
from .qt import QAction, QMenu, QObject
from .widgets.job_progress import follow_job

# The archive, backup and doctor services are imported by the action that
# runs them, not here: this module is built with the main window, which a
# lecturer waits for, and these are read when the menu item is chosen.

# (``message`` is i18n's tr: Qt's lupdate would read a call named tr as a string of Qt's own catalogue.)
register({
    "ui.file.backup": ("สำรองข้อมูล…", "Back up…"),
    "ui.file.restore": ("กู้คืนจากไฟล์สำรอง…", "Restore from a backup…"),
    "ui.file.export_move": ("ส่งออกแฟ้มย้ายเครื่อง…", "Export for a new computer…"),
    "ui.file.import_move": ("นำเข้าแฟ้มย้ายเครื่อง…", "Import from another computer…"),
    "ui.file.doctor": ("ตรวจสุขภาพแฟ้ม…", "Check the portfolio…"),
    "ui.file.cancel": ("ยกเลิก", "Cancel"),
    "ui.file.entp_filter": ("แฟ้มสำรอง EnT (*.entp)", "EnT archives (*.entp)"),
    "ui.file.backup_name": ("EnT-สำรองข้อมูล", "EnT-backup"),
    "ui.file.move_name": ("EnT-ย้ายเครื่อง", "EnT-move"),
    # Backing up and exporting for a move: the same full archive, two purposes.
    "ui.file.backup_title": ("บันทึกไฟล์สำรองข้อมูลเป็น", "Save the backup as"),
    "ui.file.backing_up": ("กำลังสำรองข้อมูล…", "Backing up…"),
    "ui.file.backup_done": (
        "สำรองข้อมูลแล้ว ({files} ไฟล์หลักฐาน) ที่: {path} — ควรเก็บไฟล์นี้ไว้นอกเครื่องด้วย เช่น ในแฟลชไดรฟ์",
        "Backed up ({files} evidence files) to: {path}. Keep a copy off this computer too, on a USB drive "
        "for instance.",
    ),
    "ui.file.export_title": ("บันทึกแฟ้มย้ายเครื่องเป็น", "Save the file for the new computer as"),
    "ui.file.exporting": ("กำลังส่งออกแฟ้มย้ายเครื่อง…", "Exporting for the new computer…"),
    "ui.file.export_done": (
        "บันทึกแฟ้มย้ายเครื่องแล้ว ({files} ไฟล์หลักฐาน) ที่: {path} — ที่เครื่องใหม่ให้เปิดโปรแกรม "
        "แล้วเลือก แฟ้ม ▸ นำเข้าแฟ้มย้ายเครื่อง…",
        "Saved for the new computer ({files} evidence files) as: {path}. On the new computer, open the app "
        "and choose File ▸ Import from another computer….",
    ),
    "ui.file.cancelled": (
        "ยกเลิกแล้ว ไม่มีไฟล์ใดถูกเขียน — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "Cancelled: no file was written. Nothing was changed.",
    ),
    # Restoring.
    "ui.file.restore_pick": ("เลือกไฟล์สำรองที่จะกู้คืน", "Choose the backup to restore"),
    "ui.file.restore_filter": (
        "ไฟล์สำรอง (*.entp *.sqlite3);;ทุกไฟล์ (*)", "Backups (*.entp *.sqlite3);;All files (*)"),
    "ui.file.restoring": ("กำลังกู้คืน…", "Restoring…"),
    "ui.file.restore_confirm": (
        "กู้คืนแฟ้มผลงานนี้จากไฟล์สำรอง “{name}” หรือไม่",
        "Restore this portfolio from the backup “{name}”?",
    ),
    "ui.file.restore_explain": (
        "ข้อมูลทั้งหมดในแฟ้มผลงานนี้จะถูกแทนที่ด้วยข้อมูลในไฟล์สำรอง ก่อนกู้คืน โปรแกรมจะสำรองข้อมูลปัจจุบัน"
        "ไว้ในโฟลเดอร์ backups ของแฟ้มผลงานก่อน จึงกู้คืนกลับมาได้หากเปลี่ยนใจ ไฟล์หลักฐานไม่ถูกลบ",
        "Every record of this portfolio is replaced by those in the backup. The records as they are now are "
        "backed up first, into the portfolio's backups folder, so you can go back if you change your mind. "
        "No evidence file is deleted.",
    ),
    "ui.file.restore_yes": ("กู้คืน", "Restore"),
    "ui.file.restore_no": ("ไม่กู้คืน", "Don't restore"),
    "ui.file.restore_other_question": (
        "ต้องการกู้คืนไฟล์สำรองของแฟ้มผลงานอื่นนี้ทับข้อมูลของแฟ้มผลงานนี้หรือไม่ "
        "(ข้อมูลปัจจุบันจะถูกสำรองไว้ก่อน)",
        "Restore this other portfolio's backup over this portfolio's records anyway? "
        "(The records as they are now are backed up first.)",
    ),
    "ui.file.restore_other_yes": ("กู้คืนทับ", "Restore over it"),
    "ui.file.restore_done": (
        "กู้คืนแล้ว ข้อมูลก่อนกู้คืนถูกสำรองไว้ที่: {safety}",
        "Restored. The records as they were are kept at: {safety}",
    ),
    "ui.file.restore_done_fresh": ("กู้คืนแล้ว", "Restored."),
    "ui.file.restore_missing": (
        "ไฟล์หลักฐาน {count} ไฟล์ที่ข้อมูลที่กู้คืนอ้างถึงไม่อยู่ในแฟ้มผลงานแล้ว "
        "ดูรายละเอียดได้ที่ แฟ้ม ▸ ตรวจสุขภาพแฟ้ม…",
        "{count} evidence file(s) the restored records refer to are no longer in the portfolio; "
        "see File ▸ Check the portfolio… for details.",
    ),
    "ui.file.restore_needs_open": (
        "ไฟล์ “{name}” เป็นไฟล์สำรองฐานข้อมูลของแฟ้มผลงาน โปรดเปิดแฟ้มผลงานที่จะกู้คืนก่อน "
        "แล้วเลือกกู้คืนอีกครั้ง — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{name}” is a database backup of a portfolio: open the portfolio to restore first, then choose "
        "Restore again. Nothing was changed.",
    ),
    "ui.file.as_new_explain": (
        "“{name}” เป็นแฟ้มสำรองทั้งหมด (ข้อมูลและไฟล์หลักฐาน) โปรแกรมจะกู้คืนเป็นแฟ้มผลงานใหม่ในโฟลเดอร์ว่าง"
        "ที่เลือกถัดไป แล้วเปิดให้ แฟ้มผลงานที่เปิดอยู่จะไม่ถูกแตะต้อง (หากต้องการรวมข้อมูลเข้ากับแฟ้มผลงานนี้ "
        "ให้ใช้ แฟ้ม ▸ นำเข้าแฟ้มย้ายเครื่อง…)",
        "“{name}” is a full backup (records and evidence files). It is restored as a new portfolio in the "
        "empty folder you choose next, and opened; the portfolio open now is not touched. (To merge it into "
        "this portfolio instead, use File ▸ Import from another computer….)",
    ),
    "ui.file.as_new_yes": ("เลือกโฟลเดอร์…", "Choose the folder…"),
    "ui.file.as_new_folder": (
        "เลือกโฟลเดอร์ว่างสำหรับแฟ้มผลงานที่กู้คืน", "Choose an empty folder for the restored portfolio"),
    "ui.file.as_new_done": (
        "กู้คืนแฟ้มผลงานแล้วที่ {path} ({records} รายการ ไฟล์หลักฐาน {files} ไฟล์) และเปิดให้แล้ว",
        "The portfolio was restored into {path} ({records} records, {files} evidence files) and is open.",
    ),
    # Importing for a move.
    "ui.file.import_pick": ("เลือกแฟ้มย้ายเครื่อง (.entp)", "Choose the file from the other computer (.entp)"),
    "ui.file.importing": ("กำลังนำเข้า…", "Importing…"),
    "ui.file.import_confirm": (
        "นำข้อมูลใน “{name}” เข้ามารวมกับแฟ้มผลงานนี้หรือไม่",
        "Merge the records in “{name}” into this portfolio?",
    ),
    "ui.file.import_explain": (
        "รายการที่ยังไม่มีจะถูกเพิ่ม รายการที่มีอยู่ทั้งสองที่จะใช้ฉบับที่แก้ไขล่าสุด ไม่มีรายการใดถูกลบ "
        "หากแฟ้มมีปัญหา จะไม่นำเข้าเลยแม้แต่รายการเดียว",
        "Records not here yet are added; a record in both places keeps its latest edit; nothing is deleted. "
        "If the file has a problem, nothing at all is imported.",
    ),
    "ui.file.import_yes": ("นำเข้า", "Import"),
    "ui.file.import_no": ("ไม่นำเข้า", "Don't import"),
    "ui.file.import_done": (
        "นำเข้าแล้ว: เพิ่ม {added} รายการ ปรับปรุง {updated} รายการ ไฟล์หลักฐานใหม่ {files} ไฟล์",
        "Imported: {added} records added, {updated} updated, {files} new evidence files.",
    ),
    "ui.file.import_nothing": (
        "ไม่มีอะไรเปลี่ยน ข้อมูลทั้งหมดในแฟ้มนี้มีอยู่ในแฟ้มผลงานแล้ว",
        "Nothing changed: everything in that file is already in this portfolio.",
    ),
    "ui.file.summary_added": ("เพิ่ม: {items}", "Added: {items}"),
    "ui.file.summary_updated": ("ปรับปรุง: {items}", "Updated: {items}"),
    # Checking.
    "ui.file.checking": ("กำลังตรวจสุขภาพแฟ้มผลงาน…", "Checking the portfolio…"),
    "ui.file.check_cancelled": (
        "หยุดตรวจแล้ว การตรวจไม่เปลี่ยนแปลงสิ่งใด", "The check was stopped; checking changes nothing."),
    "ui.file.repairing": ("กำลังซ่อมแซม…", "Repairing…"),
})

#: The merge summary names the records a lecturer recognises; the rest
#: (headings, links between records) are counted as "other".
_KIND_NAMES = {
    "work": ("ผลงาน", "works"), "partner": ("ภาคีเครือข่าย", "partners"), "activity": ("กิจกรรม", "activities"),
    "indicator": ("ตัวชี้วัด", "indicators"), "measurement": ("ผลการวัด", "measurements"),
    "testimonial": ("คำรับรอง", "testimonials"), "evidence": ("หลักฐาน", "evidence items"),
    "work_section": ("เนื้อหาผลงาน", "write-up sections"),
}
_OTHER_KINDS = ("อื่น ๆ", "other")


def default_archive_name(name_key: str, lang: str, today: _dt.date | None = None) -> str:
    """``EnT-สำรองข้อมูล-2568-05-14.entp``: the year as the reader counts it
    (Buddhist era in Thai), so the file sorts and reads as the date it was made."""
    today = today or _dt.date.today()
    year = today.year + BE_OFFSET if lang == "th" else today.year
    return f"{message(name_key, lang)}-{year:04d}-{today.month:02d}-{today.day:02d}.entp"


def summary_lines(summary, lang: str) -> list[str]:
    """The merge's counts by kind of record, for the sentence after an import."""
    pick = 0 if lang == "th" else 1
    lines = []
    for key, counts in (("ui.file.summary_added", summary.added), ("ui.file.summary_updated", summary.updated)):
        if not counts:
            continue
        named: dict[str, int] = {}
        for table, count in counts.items():
            label = _KIND_NAMES.get(table, _OTHER_KINDS)[pick]
            named[label] = named.get(label, 0) + count
        other = _OTHER_KINDS[pick]
        order = [v[pick] for v in _KIND_NAMES.values()] + [other]
        items = ", ".join(f"{label} {named[label]}" for label in order if label in named)
        lines.append(message(key, lang, items=items))
    return lines


def write_archive(portfolio, target: Path, progress=None, cancel=None) -> tuple[Path, int]:
    """The full archive and how many evidence files it holds (for the sentence after)."""
    from ..archive.exchange import archived_file_count
    from ..services.backup import backup_to_archive

    path = backup_to_archive(portfolio, target, progress=progress, cancel=cancel)
    return path, archived_file_count(path)


class FileActions(QObject):
    """The File menu's actions on the portfolio as a whole.  One runs at a
    time; ``job`` and ``progress_dialog`` are the running one (tests follow them)."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.context = window.context
        self.job: Job | None = None
        self.progress_dialog = None
        self.doctor_dialog = None
        self.verdict_dialog = None
        self.act_backup = self._action("fileBackup", self.backup)
        self.act_restore = self._action("fileRestore", self.restore)
        self.act_export_move = self._action("fileExportMove", self.export_for_move)
        self.act_import_move = self._action("fileImportMove", self.import_for_move)
        self.act_doctor = self._action("fileDoctor", self.check_health)
        self.act_open_package = self._action("fileOpenPackage", self.open_package)
        self.context.language_changed.connect(self.retranslate)
        self.context.portfolio_changed.connect(self.update_enabled)
        self.retranslate()
        self.update_enabled()

    def _action(self, name: str, slot: Callable[[], Any]) -> QAction:
        action = QAction(self.window)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def install(self, menu: QMenu, before: QAction) -> None:
        """Into the File menu, as a group above ``before`` (Quit)."""
        menu.insertSeparator(before)
        for action in (self.act_backup, self.act_restore, None, self.act_export_move, self.act_import_move,
                       None, self.act_doctor, self.act_open_package):
            if action is None:
                menu.insertSeparator(before)
            else:
                menu.insertAction(before, action)
        menu.insertSeparator(before)

    @property
    def lang(self) -> str:
        return self.context.language

    def retranslate(self, _lang: str = "") -> None:
        for action, key in ((self.act_backup, "ui.file.backup"), (self.act_restore, "ui.file.restore"),
                            (self.act_export_move, "ui.file.export_move"),
                            (self.act_import_move, "ui.file.import_move"), (self.act_doctor, "ui.file.doctor"),
                            (self.act_open_package, "ui.review.open")):
            action.setText(message(key, self.lang))

    def update_enabled(self) -> None:
        open_ = self.context.portfolio is not None
        for action in (self.act_backup, self.act_export_move, self.act_doctor):
            action.setEnabled(open_)
        # Restore and import also work with nothing open: a new portfolio from an archive;
        # checking a package needs none (a reviewer has no portfolio).

    # --- running a service ------------------------------------------------------
    def _start(self, fn: Callable[..., Any], text_key: str, title_key: str, on_done: Callable[[Any], None],
               on_failed: Callable[[BaseException], None] | None = None, cancellable: bool = True,
               on_cancel: Callable[[], None] | None = None) -> Job | None:
        if self.job is not None:
            return None
        job = self.context.jobs.start(fn)
        self.job = job
        self.progress_dialog = follow_job(
            job, self.window, message(text_key, self.lang), message(title_key, self.lang).rstrip("…"),
            message("ui.file.cancel", self.lang), on_cancel=on_cancel, on_dismissed=self._forget_progress)
        if not cancellable:
            self.progress_dialog.setCancelButton(None)
        job.succeeded.connect(lambda result: self._settled(on_done, result))
        job.failed.connect(lambda exc: self._settled(on_failed or self._failed, exc))
        return job

    def _settled(self, then: Callable[[Any], None], value: Any) -> None:
        self.job = None
        then(value)

    def _forget_progress(self, dialog) -> None:
        if self.progress_dialog is dialog:
            self.progress_dialog = None

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            self._tell(message("ui.file.cancelled", self.lang))
            return
        self._tell(error_text(exc, self.lang), warning=True)

    def _tell(self, text: str, detail: str = "", warning: bool = False) -> None:
        asking.tell(self.window, "EnT Portfolio", text, self.lang, detail=detail, warning=warning,
                    selectable=True)
        self.window.statusBar().showMessage(text.splitlines()[0], 15000)

    def _pick_archive_target(self, title_key: str, name_key: str) -> Path | None:
        suggested = documents_folder() / default_archive_name(name_key, self.lang)
        return asking.choose_save_path(self.window, message(title_key, self.lang), suggested,
                                       message("ui.file.entp_filter", self.lang), ".entp")

    def _reload_views(self) -> None:
        # The records changed under every view: as if the portfolio had just
        # been opened (views reload; undo steps of the old records are dropped).
        self.context.set_portfolio(self.context.portfolio)

    # --- back up and export -----------------------------------------------------
    def backup(self) -> Job | None:
        return self._write("ui.file.backup_title", "ui.file.backup_name", "ui.file.backing_up",
                           "ui.file.backup", "ui.file.backup_done")

    def export_for_move(self) -> Job | None:
        return self._write("ui.file.export_title", "ui.file.move_name", "ui.file.exporting",
                           "ui.file.export_move", "ui.file.export_done")

    def _write(self, title_key: str, name_key: str, text_key: str, action_key: str, done_key: str) -> Job | None:
        portfolio = self.context.portfolio
        if portfolio is None or self.job is not None:
            return None
        target = self._pick_archive_target(title_key, name_key)
        if target is None:
            return None
        self.window.save_now()

        def done(result: tuple[Path, int]) -> None:
            path, files = result
            self._tell(message(done_key, self.lang, path=str(path), files=files))

        return self._start(lambda progress, cancel: write_archive(portfolio, target, progress, cancel),
                           text_key, action_key, done)

    # --- restore ------------------------------------------------------------------
    def restore(self) -> Job | None:
        if self.job is not None:
            return None
        portfolio = self.context.portfolio
        start = portfolio.backup_dir if portfolio is not None and portfolio.backup_dir.is_dir() \
            else documents_folder()
        source = asking.choose_open_path(self.window, message("ui.file.restore_pick", self.lang), start,
                                         message("ui.file.restore_filter", self.lang))
        if source is None:
            return None
        from ..services.backup import is_archive

        if is_archive(source):
            return self._restore_as_new(source)
        if portfolio is None:
            self._tell(message("ui.file.restore_needs_open", self.lang, name=source.name), warning=True)
            return None
        if not asking.ask(self.window, message("ui.file.restore_yes", self.lang),
                          message("ui.file.restore_confirm", self.lang, name=source.name),
                          message("ui.file.restore_yes", self.lang), message("ui.file.restore_no", self.lang),
                          detail=message("ui.file.restore_explain", self.lang), warning=True):
            return None
        self.window.save_now()
        return self._restore_database(source, allow_other_portfolio=False)

    def _restore_database(self, source: Path, allow_other_portfolio: bool) -> Job | None:
        portfolio = self.context.portfolio

        def failed(exc: BaseException) -> None:
            if isinstance(exc, OtherPortfolioBackupError) and not allow_other_portfolio:
                if asking.ask(self.window, message("ui.file.restore_yes", self.lang), exc.message(self.lang),
                              message("ui.file.restore_other_yes", self.lang), message("ui.file.restore_no", self.lang),
                              detail=message("ui.file.restore_other_question", self.lang), warning=True):
                    self._restore_database(source, allow_other_portfolio=True)
                return
            self._failed(exc)

        def done(result) -> None:
            self._reload_views()
            text = message("ui.file.restore_done", self.lang, safety=str(result.safety_backup)) \
                if result.safety_backup is not None else message("ui.file.restore_done_fresh", self.lang)
            detail = message("ui.file.restore_missing", self.lang, count=len(result.missing_files)) \
                if result.missing_files else ""
            self._tell(text, detail=detail, warning=bool(result.missing_files))

        from ..services.backup import restore_database_backup

        # One SQLite transaction, over in moments: there is no half-way to
        # stop at, so no Cancel button that could not keep its word.
        return self._start(
            lambda progress, cancel: restore_database_backup(portfolio, source,
                                                             allow_other_portfolio=allow_other_portfolio),
            "ui.file.restoring", "ui.file.restore", done, failed, cancellable=False)

    def _restore_as_new(self, source: Path) -> Job | None:
        """A full archive becomes a new portfolio in an empty folder, then opens."""
        if not asking.ask(self.window, message("ui.file.restore_yes", self.lang),
                          message("ui.file.as_new_explain", self.lang, name=source.name),
                          message("ui.file.as_new_yes", self.lang), message("ui.file.cancel", self.lang)):
            return None
        folder = asking.choose_folder(self.window, message("ui.file.as_new_folder", self.lang), documents_folder())
        if folder is None:
            return None

        def done(summary) -> None:
            if self.window.open_folder(folder):
                self._tell(message("ui.file.as_new_done", self.lang, path=str(folder),
                              records=sum(summary.added.values()), files=summary.files_added))

        from ..services.backup import restore_archive

        return self._start(lambda progress, cancel: restore_archive(source, folder, progress, cancel),
                           "ui.file.restoring", "ui.file.restore", done)

    # --- import for a move --------------------------------------------------------
    def import_for_move(self) -> Job | None:
        if self.job is not None:
            return None
        source = asking.choose_open_path(self.window, message("ui.file.import_pick", self.lang), documents_folder(),
                                         message("ui.file.entp_filter", self.lang))
        if source is None:
            return None
        portfolio = self.context.portfolio
        if portfolio is None:
            # Nothing open (the new computer): the archive becomes a new portfolio.
            return self._restore_as_new(source)
        if not asking.ask(self.window, message("ui.file.import_yes", self.lang),
                          message("ui.file.import_confirm", self.lang, name=source.name),
                          message("ui.file.import_yes", self.lang), message("ui.file.import_no", self.lang),
                          detail=message("ui.file.import_explain", self.lang)):
            return None
        self.window.save_now()

        def done(summary) -> None:
            if not summary.changed:
                self._tell(message("ui.file.import_nothing", self.lang))
                return
            self._reload_views()
            self._tell(message("ui.file.import_done", self.lang, added=sum(summary.added.values()),
                          updated=sum(summary.updated.values()), files=summary.files_added),
                       detail="\n".join(summary_lines(summary, self.lang)))

        from ..archive import import_archive

        return self._start(lambda progress, cancel: import_archive(portfolio, source, progress, cancel),
                           "ui.file.importing", "ui.file.import_move", done)

    # --- check and repair ---------------------------------------------------------
    def check_health(self) -> Job | None:
        portfolio = self.context.portfolio
        if portfolio is None or self.job is not None:
            return None
        self.window.save_now()
        job: Job | None = None

        def done(report) -> None:
            if job is not None and job.cancel_token.cancelled:
                return  # the person stopped waiting; the check wrote nothing
            self._show_doctor(report)

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, Cancelled):
                self._failed(exc)

        def stop_waiting() -> None:
            # The check only reads: stopping it leaves nothing to undo.
            if job is not None:
                job.cancel()
            self.window.statusBar().showMessage(message("ui.file.check_cancelled", self.lang), 15000)

        from ..services.doctor import check_portfolio

        job = self._start(lambda progress, cancel: check_portfolio(portfolio, verify_hashes=True),
                          "ui.file.checking", "ui.file.doctor", done, failed, on_cancel=stop_waiting)
        return job

    def _show_doctor(self, report) -> None:
        from .dialogs.doctor_dialog import DoctorDialog

        if self.doctor_dialog is not None:
            self.doctor_dialog.close()
        self.doctor_dialog = DoctorDialog(report, self.lang, self.repair, self.window)
        self.doctor_dialog.open()

    def repair(self) -> Job | None:
        portfolio = self.context.portfolio
        dialog = self.doctor_dialog
        if portfolio is None or dialog is None or self.job is not None:
            return None
        dialog.repair_button.setEnabled(False)

        def done(result) -> None:
            dialog.show_repair(result)
            if result.fixed:
                self._reload_views()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, Cancelled):
                dialog.show_repair_stopped()
            else:
                dialog.repair_button.setEnabled(True)
                self._failed(exc)

        from ..services.doctor import repair_portfolio

        return self._start(lambda progress, cancel: repair_portfolio(portfolio, progress, cancel),
                           "ui.file.repairing", "ui.doctor.repair", done, failed)

    # --- check an evidence package --------------------------------------------------
    def open_package(self) -> Job | None:
        """A reviewer's check of a package: the core's verdict, then its window."""
        if self.job is not None:
            return None
        source = asking.choose_open_path(self.window, message("ui.review.pick", self.lang), documents_folder(),
                                         message("ui.review.filter", self.lang))
        if source is None:
            return None
        work_dir = new_work_dir()

        def done(review) -> None:
            self.verdict_dialog = PackageVerdictDialog(review, work_dir, self.lang, self.window)
            self.verdict_dialog.show()

        def failed(exc: BaseException) -> None:
            work_dir.cleanup()
            self._failed(exc)

        return self._start(lambda progress, cancel: review_package(source, Path(work_dir.name), progress=progress,
                                                                   cancel=cancel),
                           "ui.review.checking", "ui.review.open", done, failed)
