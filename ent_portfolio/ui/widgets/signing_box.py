"""The dossier page's "digital signature" group: which identity file signs,
who it names and its fingerprint, ways to make or choose one, and the
"export signed dossier" button the page puts beside its plain export.

The identity file's path is remembered on this computer (QSettings, like
recent folders), with the name and fingerprint it showed once unlocked —
never its passphrase, which is asked for at each signed export and goes
from the field to the core and nowhere else.  The page does the export
itself, through its one export path, with the unlocked identity this group
hands it (:attr:`SigningBox.sign_requested`)."""

from __future__ import annotations

from pathlib import Path

from ...i18n import register
from ...i18n import tr as message
from ..dialogs import asking
from ..dialogs.identity_dialog import IdentityDialog, PassphraseDialog
from ..dialogs.new_portfolio import documents_folder
from ..qt import QGroupBox, QHBoxLayout, QPushButton, QSettings, QVBoxLayout, Signal
from ..thaiwrap import ThaiWrapLabel

register({
    "ui.signing.title": ("ลงนามดิจิทัล", "Digital signature"),
    "ui.signing.create": ("สร้างตัวตนสำหรับลงนาม…", "Create a signing identity…"),
    "ui.signing.choose": ("เลือกไฟล์ตัวตน…", "Choose an identity file…"),
    "ui.signing.choose_title": ("เลือกไฟล์ตัวตนสำหรับลงนาม (.p12 หรือ .pfx)",
                                "Choose the signing identity (.p12 or .pfx)"),
    "ui.signing.export": ("ส่งออกแฟ้มที่ลงนามแล้ว", "Export signed dossier"),
    "ui.signing.none": (
        "ยังไม่ได้เลือกไฟล์ตัวตน สร้างใหม่ หรือเลือกไฟล์ .p12/.pfx ที่มหาวิทยาลัยออกให้ก็ได้",
        "No identity chosen yet: create one, or choose the .p12/.pfx file your university issued.",
    ),
    "ui.signing.file": ("ไฟล์ตัวตน: {path}", "Identity file: {path}"),
    "ui.signing.who": ("ลงนามในชื่อ {name} · ลายนิ้วมือ {fingerprint}", "Signs as {name} · fingerprint {fingerprint}"),
    "ui.signing.unknown": ("ชื่อและลายนิ้วมือจะแสดงเมื่อปลดล็อกไฟล์ครั้งแรก",
                           "The name and fingerprint show once the file has been unlocked."),
    "ui.signing.missing": ("ไม่พบไฟล์ตัวตนนี้แล้ว โปรดเลือกไฟล์ใหม่",
                           "This identity file is no longer there; please choose it again."),
})

PATH_KEY = "signing/identity_path"
NAME_KEY = "signing/identity_name"
FINGERPRINT_KEY = "signing/identity_fingerprint"


class SigningBox(QGroupBox):
    """Emits :attr:`sign_requested` with an unlocked identity when the
    person asks for a signed export and types the right passphrase."""

    sign_requested = Signal(object)

    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.dialog = None  # the identity or passphrase dialog open now (tests answer it)
        self._export_allowed = False
        self.file_label = ThaiWrapLabel()
        self.who_label = ThaiWrapLabel()
        self.who_label.setStyleSheet("color: #4a5868;")
        self.create_button = QPushButton()
        self.create_button.clicked.connect(self.create_identity)
        self.choose_button = QPushButton()
        self.choose_button.clicked.connect(self.choose_identity)
        self.export_button = QPushButton()  # placed by the page beside its plain export
        self.export_button.setMinimumHeight(34)
        self.export_button.clicked.connect(self.export_signed)
        row = QHBoxLayout()
        row.addWidget(self.create_button)
        row.addWidget(self.choose_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.file_label)
        layout.addWidget(self.who_label)
        layout.addLayout(row)
        context.language_changed.connect(lambda _lang: self.retranslate())
        self.retranslate()

    @property
    def lang(self) -> str:
        return self.context.language

    # what is remembered ------------------------------------------------------------
    def identity_path(self) -> Path | None:
        value = QSettings().value(PATH_KEY)
        return Path(str(value)) if value else None

    def remember(self, path: Path, identity) -> None:
        settings = QSettings()
        settings.setValue(PATH_KEY, str(path))
        settings.setValue(NAME_KEY, identity.name)
        settings.setValue(FINGERPRINT_KEY, identity.fingerprint)
        self.retranslate()

    def set_export_allowed(self, allowed: bool) -> None:
        """The page says when an export may start; signing also needs a file."""
        self._export_allowed = allowed
        path = self.identity_path()
        self.export_button.setEnabled(allowed and path is not None and path.is_file() and self.dialog is None)

    # actions -------------------------------------------------------------------------
    def create_identity(self) -> IdentityDialog | None:
        if self.dialog is not None:
            return None
        name, email = "", ""
        services = self.context.services
        if services is not None:
            profile = services.profile.current()
            name = profile.name_th or profile.name_en  # the certificate names the lecturer in Thai
            email = profile.email or ""
        dialog = IdentityDialog(self.context.jobs, self.lang, name=name, email=email, parent=self)
        dialog.identity_ready.connect(lambda identity: self.remember(dialog.target(), identity))
        return self._open(dialog)

    def choose_identity(self) -> PassphraseDialog | None:
        if self.dialog is not None:
            return None
        current = self.identity_path()
        start = current.parent if current is not None and current.parent.is_dir() else documents_folder()
        chosen = asking.choose_open_path(self, message("ui.signing.choose_title", self.lang), start,
                                         message("ui.identity.filter", self.lang))
        if chosen is None:
            return None
        # Remembered only once unlocked: the file then is an identity that signs.
        dialog = PassphraseDialog(self.context.jobs, self.lang, chosen, parent=self)
        dialog.identity_ready.connect(lambda identity: self.remember(chosen, identity))
        return self._open(dialog)

    def export_signed(self) -> PassphraseDialog | None:
        path = self.identity_path()
        if self.dialog is not None or path is None:
            return None
        dialog = PassphraseDialog(self.context.jobs, self.lang, path, parent=self)
        dialog.identity_ready.connect(lambda identity: self.remember(path, identity))
        dialog.identity_ready.connect(self.sign_requested)
        return self._open(dialog)

    def _open(self, dialog):
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.set_export_allowed(self._export_allowed)
        dialog.open()
        return dialog

    def _closed(self, dialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        self.set_export_allowed(self._export_allowed)

    # language ----------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setTitle(message("ui.signing.title", self.lang))
        self.create_button.setText(message("ui.signing.create", self.lang))
        self.choose_button.setText(message("ui.signing.choose", self.lang))
        self.export_button.setText(message("ui.signing.export", self.lang))
        path = self.identity_path()
        if path is None:
            self.file_label.setText(message("ui.signing.none", self.lang))
            self.who_label.setText("")
        else:
            self.file_label.setText(message("ui.signing.file", self.lang, path=str(path)))
            settings = QSettings()
            name, fingerprint = settings.value(NAME_KEY), settings.value(FINGERPRINT_KEY)
            if not path.is_file():
                self.who_label.setText(message("ui.signing.missing", self.lang))
            elif name and fingerprint:
                self.who_label.setText(message("ui.signing.who", self.lang, name=name, fingerprint=fingerprint))
            else:
                self.who_label.setText(message("ui.signing.unknown", self.lang))
        self.who_label.setVisible(bool(self.who_label.text()))
        self.set_export_allowed(self._export_allowed)
