"""A reviewer's window on an evidence package: is it what its signer made?

The package is checked by the core (:func:`ent_portfolio.services.signing.
verify_package`, what ``ent-portfolio verify`` prints too) in a worker;
this window only says the verdict: a banner — green when every file and
every signature holds, amber when the files are intact but nothing is
signed, red naming what changed — then every finding as a sentence, then
the dossier's first pages, read-only.

The pages are drawn from the PDF inside the zip, copied into a temporary
folder of its own (never the portfolio, never beside the package) under a
fixed name: a member's name is the package's to choose, so it never becomes
a path here."""

from __future__ import annotations

import json
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ...i18n import register
from ...i18n import tr as message
from ..qt import QDialog, QDialogButtonBox, QFrame, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout
from ..thaiwrap import ThaiWrapLabel, wrap_hints
from ..widgets.dossier_preview import PagePreview, render_preview_pages

register({
    "ui.review.open": ("เปิดชุดหลักฐานเพื่อตรวจสอบ…", "Open a package to check…"),
    "ui.review.pick": ("เลือกชุดหลักฐาน (.zip) ที่จะตรวจสอบ", "Choose the evidence package (.zip) to check"),
    "ui.review.filter": ("ชุดหลักฐาน (*.zip);;ทุกไฟล์ (*)", "Evidence packages (*.zip);;All files (*)"),
    "ui.review.checking": ("กำลังตรวจชุดหลักฐาน…", "Checking the package…"),
    "ui.review.title": ("ผลการตรวจชุดหลักฐาน: {name}", "Package check: {name}"),
    "ui.review.intact": (
        "ตรวจแล้ว ไม่มีการเปลี่ยนแปลง ลงนามโดย {name} (ลายนิ้วมือ {fingerprint})",
        "Checked: nothing has changed. Signed by {name} (fingerprint {fingerprint}).",
    ),
    "ui.review.unsigned": (
        "ไม่ได้ลงนาม: ไฟล์ทุกไฟล์ตรงกับรายการในชุดหลักฐาน แต่ไม่มีลายมือชื่อดิจิทัลยืนยันว่าใครเป็นผู้จัดทำ "
        "และใครก็แก้ไฟล์พร้อมรายการให้ตรงกันได้",
        "Not signed: every file matches the package's list, but no digital signature says who made it, "
        "and anyone could change a file and its list together.",
    ),
    "ui.review.changed": ("ชุดหลักฐานนี้ไม่ตรงกับที่ผู้จัดทำส่งมา: {what}",
                          "This package is not as its maker sent it: {what}"),
    "ui.review.changed_files": ("ไฟล์ที่ถูกแก้ไข {names}", "changed: {names}"),
    "ui.review.missing_files": ("ไฟล์ที่หายไป {names}", "missing: {names}"),
    "ui.review.extra_files": ("ไฟล์ที่ถูกเพิ่มเข้ามา {names}", "added: {names}"),
    "ui.review.unreadable_files": ("ไฟล์ที่อ่านไม่ได้ {names}", "unreadable: {names}"),
    "ui.review.duplicate_files": ("ไฟล์ที่ใช้ชื่อซ้ำกัน {names}", "names held twice: {names}"),
    "ui.review.sums_files": ("ไฟล์ที่ไม่ตรงกับ SHA256SUMS {names}", "not as SHA256SUMS says: {names}"),
    "ui.review.pdf_signature": ("ลายมือชื่อดิจิทัลของแฟ้ม PDF ไม่ถูกต้อง", "the PDF's signature does not hold"),
    "ui.review.manifest_signature": ("ลายมือชื่อดิจิทัลของรายการไฟล์ไม่ถูกต้อง",
                                     "the signature of the file list does not hold"),
    "ui.review.findings": ("สิ่งที่ตรวจพบ", "What the check found"),
    "ui.review.pages": ("หน้าแรก ๆ ของแฟ้มผลงานในชุดหลักฐาน (อ่านอย่างเดียว)",
                        "The first pages of the dossier in the package (read-only)"),
    "ui.review.page": ("หน้า %1", "Page %1"),
    "ui.review.no_pages": (
        "แสดงภาพหน้าไม่ได้ (ไม่มีแฟ้ม PDF ในชุดหลักฐาน หรือเครื่องนี้ไม่มีโปรแกรม pdftoppm)",
        "The pages cannot be shown (no PDF in the package, or pdftoppm is not installed here).",
    ),
    "ui.review.close": ("ปิด", "Close"),
})

#: Banner colours: background, border, text — green, amber, red.
BANNER_STYLES = {
    "intact": ("#e3f4e6", "#2e7d32", "#1b5e20"),
    "unsigned": ("#fff3d6", "#b26a00", "#6d4100"),
    "changed": ("#fde3e1", "#c62828", "#8e0000"),
}

#: A dossier PDF larger than this is not copied out to be drawn (a zip
#: member can unpack to far more than the package's size).
PREVIEW_PDF_LIMIT = 512 * 1024 * 1024


@dataclass
class PackageReview:
    """What the worker found: the core's verdict and the pages it drew."""

    path: Path
    verdict: object
    pages: list[Path] = field(default_factory=list)


def review_package(package: Path, work_dir: Path, trusted_certs=(), progress=None, cancel=None) -> PackageReview:
    """Verify ``package`` and draw the first pages of its dossier into
    ``work_dir`` (worker thread).  A package that cannot be checked at all
    is the core's :class:`UserError`; pages that cannot be drawn are none."""
    from ...services import signing

    verdict = signing.verify_package(Path(package), trusted_certs=trusted_certs)
    if cancel is not None:
        cancel.raise_if_cancelled()
    pdf = _copy_dossier_out(Path(package), Path(work_dir))
    pages: list[Path] = []
    if pdf is not None:
        try:
            pages = render_preview_pages(pdf, Path(work_dir) / "pages", cancel=cancel)
        except (OSError, subprocess.SubprocessError):
            pages = []  # a PDF the renderer refuses: the verdict already says whether it changed
    return PackageReview(Path(package), verdict, pages)


def _copy_dossier_out(package: Path, work_dir: Path) -> Path | None:
    """The dossier PDF the manifest names, copied to ``work_dir/dossier.pdf``."""
    try:
        with zipfile.ZipFile(package) as zf:
            manifest = json.loads(zf.read("manifest.json").decode("utf-8"))
            name = manifest["dossier"]["path"]
            info = zf.getinfo(name)
            if info.file_size > PREVIEW_PDF_LIMIT:
                return None
            work_dir.mkdir(parents=True, exist_ok=True)
            target = work_dir / "dossier.pdf"
            with zf.open(info) as source, open(target, "wb") as out:
                copied = 0
                for chunk in iter(lambda: source.read(1 << 20), b""):
                    copied += len(chunk)
                    if copied > PREVIEW_PDF_LIMIT:  # the size it declared was a lie
                        raise ValueError("larger than declared")
                    out.write(chunk)
            return target
    except (OSError, KeyError, TypeError, ValueError, RecursionError, zipfile.BadZipFile, RuntimeError,
            NotImplementedError, EOFError):
        # No dossier to draw; what is wrong with the package the verdict says.
        return None


def verdict_state(verdict) -> str:
    """"intact", "unsigned" or "changed": which banner the verdict gets."""
    if verdict.unsigned:
        return "unsigned" if verdict.files_ok else "changed"
    return "intact" if verdict.ok else "changed"


def _signer(verdict) -> tuple[str, str]:
    for check in (verdict.manifest_signature, verdict.pdf_signature):
        if check is not None and check.present and check.signer_name:
            return check.signer_name, check.fingerprint
    return "", ""


def banner_text(verdict, lang: str) -> str:
    state = verdict_state(verdict)
    if state == "intact":
        name, fingerprint = _signer(verdict)
        return message("ui.review.intact", lang, name=name, fingerprint=fingerprint)
    if state == "unsigned":
        return message("ui.review.unsigned", lang)
    return message("ui.review.changed", lang, what=_what_changed(verdict, lang))


def _what_changed(verdict, lang: str) -> str:
    """Every file by name first (what a reviewer looks for), then the signatures."""
    separator = " · "
    parts = []
    named = {*verdict.changed, *verdict.missing, *verdict.extra}
    for key, names in (("ui.review.changed_files", verdict.changed), ("ui.review.missing_files", verdict.missing),
                       ("ui.review.extra_files", verdict.extra),
                       ("ui.review.unreadable_files", [p for p, _reason in verdict.unreadable]),
                       ("ui.review.duplicate_files", [p for p, _count in verdict.duplicates]),
                       # a file already named as changed is not named again for its line in SHA256SUMS
                       ("ui.review.sums_files", [p for p in verdict.sums_disagree if p not in named])):
        if names:
            parts.append(message(key, lang, names=", ".join(names)))
    for key, check in (("ui.review.pdf_signature", verdict.pdf_signature),
                       ("ui.review.manifest_signature", verdict.manifest_signature)):
        if check is not None and not check.holds:
            reason = message(check.problem_key, lang) if check.problem_key else ""
            parts.append(message(key, lang) + (f" ({reason})" if reason else ""))
    return separator.join(parts)


class PackageVerdictDialog(QDialog):
    """The verdict of one package; closing it removes the pages drawn."""

    def __init__(self, review: PackageReview, work_dir: tempfile.TemporaryDirectory, lang: str,
                 parent=None) -> None:
        super().__init__(parent)
        self.review = review
        self.lang = lang
        self._work_dir = work_dir
        self.state = verdict_state(review.verdict)
        self.setWindowTitle(message("ui.review.title", lang, name=review.path.name))
        self.banner = ThaiWrapLabel(banner_text(review.verdict, lang))
        background, border, text = BANNER_STYLES[self.state]
        # The colour is the frame's and the spacing its layout's: padding set on
        # the wrapping label itself cut off the bottom of its last line.
        banner_frame = QFrame()
        banner_frame.setObjectName("verdictBanner")
        banner_frame.setStyleSheet(f"#verdictBanner {{ background: {background}; border: 2px solid {border}; "
                                   f"border-radius: 4px; }}")
        self.banner.setStyleSheet(f"color: {text}; font-weight: bold; background: transparent;")
        QVBoxLayout(banner_frame).addWidget(self.banner)
        self.findings_label = QLabel(message("ui.review.findings", lang))
        self.findings = QListWidget()
        self.findings.setWordWrap(True)
        for line in review.verdict.lines(lang):
            item = QListWidgetItem(wrap_hints(line))
            item.setToolTip(line)
            self.findings.addItem(item)
        self.pages_label = ThaiWrapLabel(message("ui.review.pages" if review.pages else "ui.review.no_pages", lang))
        self.pages = PagePreview()
        if review.pages:
            self.pages.show_pages(review.pages, message("ui.review.page", lang))
        buttons = QDialogButtonBox()
        close = QPushButton(message("ui.review.close", lang))
        buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(banner_frame)
        layout.addWidget(self.findings_label)
        layout.addWidget(self.findings, 1)
        layout.addWidget(self.pages_label)
        layout.addWidget(self.pages, 2)
        layout.addWidget(buttons)
        self.finished.connect(lambda _result: self._clean_up())
        self.resize(900, 720)

    def finding_lines(self) -> list[str]:
        return [self.findings.item(i).toolTip() for i in range(self.findings.count())]

    def _clean_up(self) -> None:
        self.pages.clear()  # the pictures let go of their files before the folder goes
        if self._work_dir is not None:
            self._work_dir.cleanup()
            self._work_dir = None


def new_work_dir() -> tempfile.TemporaryDirectory:
    """A folder of the system's temporary space for one review's pages."""
    return tempfile.TemporaryDirectory(prefix="ent-review-")

