"""The two dialogs a lecturer meets around a signing identity: making one
(name, email, a passphrase typed twice, where the key file goes) and
unlocking one with its passphrase before a signed export.

Both only collect what the person types and hand it to the core
(:mod:`ent_portfolio.services.signing`), which makes, refuses and unlocks
the PKCS#12 file; whatever the core refuses — a place inside the portfolio,
a wrong passphrase, a file that is no identity — is said inline in the
core's own sentence, and the dialog stays open so the person can try again.
The passphrase lives only in the field until the dialog closes: it is never
stored, logged or shown."""

from __future__ import annotations

from pathlib import Path

from ...errors import UserError
from ...i18n import register
from ...i18n import tr as message
from ..common import error_text
from ..qt import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    Signal,
)
from ..thaiwrap import ThaiWrapLabel
from . import asking
from .new_portfolio import documents_folder

# (``message`` is i18n's tr: Qt's lupdate would read a call named tr as a string of Qt's own catalogue.)
register({
    "ui.identity.create_title": ("สร้างตัวตนสำหรับลงนาม", "Create a signing identity"),
    "ui.identity.create_intro": (
        "โปรแกรมจะสร้างกุญแจและใบรับรองในชื่อของท่าน เก็บไว้ในไฟล์เดียวที่ล็อกด้วยรหัสผ่าน "
        "ควรเก็บไฟล์นี้ไว้นอกแฟ้มผลงาน และจำรหัสผ่านไว้ให้ดี โปรแกรมไม่บันทึกรหัสผ่านไว้ที่ใด",
        "A key and a certificate in your name are made and kept in one file locked with a passphrase. "
        "Keep the file outside the portfolio and remember the passphrase: the app stores it nowhere.",
    ),
    "ui.identity.name": ("ชื่อผู้ลงนาม", "Signer's name"),
    "ui.identity.email": ("อีเมล (ไม่บังคับ)", "Email (optional)"),
    "ui.identity.passphrase": ("รหัสผ่าน", "Passphrase"),
    "ui.identity.passphrase_again": ("รหัสผ่านอีกครั้ง", "Passphrase again"),
    "ui.identity.save_as": ("บันทึกไฟล์ตัวตนที่", "Save the identity file as"),
    "ui.identity.choose": ("เลือก…", "Choose…"),
    "ui.identity.create": ("สร้าง", "Create"),
    "ui.identity.cancel": ("ยกเลิก", "Cancel"),
    "ui.identity.creating": ("กำลังสร้างกุญแจ…", "Making the key…"),
    "ui.identity.default_name": ("ตัวตนสำหรับลงนาม.p12", "signing-identity.p12"),
    "ui.identity.filter": ("ไฟล์ตัวตนสำหรับลงนาม (*.p12 *.pfx)", "Signing identities (*.p12 *.pfx)"),
    "ui.identity.mismatch": (
        "รหัสผ่านทั้งสองช่องไม่ตรงกัน โปรดพิมพ์ใหม่ — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The two passphrases differ; please type them again. Nothing was changed.",
    ),
    "ui.identity.no_place": (
        "โปรดระบุว่าจะบันทึกไฟล์ตัวตนไว้ที่ใด — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "Please say where to save the identity file. Nothing was changed.",
    ),
    "ui.identity.unlock_title": ("ปลดล็อกตัวตนสำหรับลงนาม", "Unlock the signing identity"),
    "ui.identity.unlock_text": ("พิมพ์รหัสผ่านของไฟล์ตัวตน “{name}”", "Type the passphrase of the identity “{name}”"),
    "ui.identity.unlock": ("ปลดล็อก", "Unlock"),
    "ui.identity.unlocking": ("กำลังเปิดไฟล์ตัวตน…", "Opening the identity…"),
})

ERROR_STYLE = "color: #b00020;"


def _passphrase_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class _CoreDialog(QDialog):
    """A dialog whose OK runs one core call as a job and stays open, saying
    the core's sentence inline, when the core refuses."""

    #: The identity the core made or unlocked.
    identity_ready = Signal(object)

    def __init__(self, jobs, lang: str, parent=None) -> None:
        super().__init__(parent)
        self.jobs = jobs
        self.lang = lang
        self.job = None
        self.identity = None
        self.error_label = ThaiWrapLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        self.buttons = QDialogButtonBox()
        self.ok_button = QPushButton()
        self.ok_button.setDefault(True)
        self.cancel_button = QPushButton()
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)

    def say(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def error_text(self) -> str:
        return self.error_label.text() if self.error_label.isVisible() else ""

    def submit(self):  # pragma: no cover - each dialog says what it submits
        raise NotImplementedError

    def _run(self, call, busy_key: str):
        if self.job is not None:
            return None
        self.say(message(busy_key, self.lang))
        self.error_label.setStyleSheet("color: #4a5868;")
        self.ok_button.setEnabled(False)
        job = self.jobs.start(lambda progress, cancel: call())
        self.job = job
        job.succeeded.connect(self._done)
        job.failed.connect(self._failed)
        return job

    def _done(self, identity) -> None:
        self.job = None
        self.identity = identity
        self.ok_button.setEnabled(True)
        self.say("")
        self.identity_ready.emit(identity)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.job = None
        self.ok_button.setEnabled(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.say(error_text(exc, self.lang))  # the core's sentence; anything else in one line, never a traceback

    def reject(self) -> None:
        if self.job is not None:
            return  # the key is being made: a half-made file is the core's to clean, not ours to abandon
        super().reject()


class IdentityDialog(_CoreDialog):
    """Make a new identity: the name prefilled from the profile."""

    def __init__(self, jobs, lang: str, name: str = "", email: str = "", parent=None) -> None:
        super().__init__(jobs, lang, parent)
        self.setWindowTitle(message("ui.identity.create_title", lang))
        self.intro = ThaiWrapLabel(message("ui.identity.create_intro", lang))
        self.name_edit = QLineEdit(name)
        self.email_edit = QLineEdit(email)
        self.passphrase_edit = _passphrase_field()
        self.again_edit = _passphrase_field()
        self.path_edit = QLineEdit(str(documents_folder() / message("ui.identity.default_name", lang)))
        self.browse_button = QPushButton(message("ui.identity.choose", lang))
        self.browse_button.clicked.connect(self.choose_place)
        place = QHBoxLayout()
        place.addWidget(self.path_edit, 1)
        place.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow(QLabel(message("ui.identity.name", lang)), self.name_edit)
        form.addRow(QLabel(message("ui.identity.email", lang)), self.email_edit)
        form.addRow(QLabel(message("ui.identity.passphrase", lang)), self.passphrase_edit)
        form.addRow(QLabel(message("ui.identity.passphrase_again", lang)), self.again_edit)
        form.addRow(QLabel(message("ui.identity.save_as", lang)), place)
        self.ok_button.setText(message("ui.identity.create", lang))
        self.cancel_button.setText(message("ui.identity.cancel", lang))
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(620, self.sizeHint().height())

    def target(self) -> Path | None:
        text = self.path_edit.text().strip()
        return Path(text).expanduser() if text else None

    def choose_place(self) -> None:
        start = self.target() or documents_folder() / message("ui.identity.default_name", self.lang)
        chosen = asking.choose_save_path(self, message("ui.identity.save_as", self.lang), start,
                                         message("ui.identity.filter", self.lang), ".p12")
        if chosen is not None:
            self.path_edit.setText(str(chosen))

    def submit(self):
        if self.passphrase_edit.text() != self.again_edit.text():
            self._failed(UserError("ui.identity.mismatch"))
            return None
        target = self.target()
        if target is None:
            self._failed(UserError("ui.identity.no_place"))
            return None
        from ...services import signing

        name, email = self.name_edit.text().strip(), self.email_edit.text().strip()
        passphrase = self.passphrase_edit.text().encode("utf-8")
        return self._run(lambda: signing.create_identity(name, passphrase, target, email=email),
                         "ui.identity.creating")


class PassphraseDialog(_CoreDialog):
    """Unlock an identity file with its passphrase (echo off); a wrong one is
    said inline and the field is cleared for another try."""

    def __init__(self, jobs, lang: str, path: Path, parent=None) -> None:
        super().__init__(jobs, lang, parent)
        self.path = Path(path)
        self.setWindowTitle(message("ui.identity.unlock_title", lang))
        self.prompt = ThaiWrapLabel(message("ui.identity.unlock_text", lang, name=self.path.name))
        self.prompt.setToolTip(str(self.path))
        self.passphrase_edit = _passphrase_field()
        self.ok_button.setText(message("ui.identity.unlock", lang))
        self.cancel_button.setText(message("ui.identity.cancel", lang))
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.passphrase_edit)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(460, self.sizeHint().height())

    def submit(self):
        from ...services import signing

        path, passphrase = self.path, self.passphrase_edit.text().encode("utf-8")
        return self._run(lambda: signing.load_identity(path, passphrase), "ui.identity.unlocking")

    def _failed(self, exc: BaseException) -> None:
        super()._failed(exc)
        self.passphrase_edit.clear()
        self.passphrase_edit.setFocus()
