"""The dossier page's choice about faces, with the one sentence that says
what it does not change.

Faces in photos without everyone's consent are blurred in every export,
whatever is ticked: a lecturer must not be able to name (show) a partner
who did not say yes by a wrong click.  The box only adds blurring — for
photos where everyone consented — so it is worded as "blur also", off by
default, and maps to ``DossierConfig.keep_consented_faces = not ticked``."""

from __future__ import annotations

from ..qt import QCheckBox, QEvent, QStyle, QVBoxLayout, QWidget
from ..thaiwrap import ThaiWrapLabel


class FaceBlurOption(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.box = QCheckBox()
        self.note = ThaiWrapLabel()
        self.note.setStyleSheet("color: #4a5868;")
        # Under the box's words, not under the box: it reads as their continuation.
        style = self.box.style()
        self.note.setContentsMargins(style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth)
                                     + style.pixelMetric(QStyle.PixelMetric.PM_CheckBoxLabelSpacing), 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.box)
        layout.addWidget(self.note)
        self.retranslateUi()

    def keep_consented_faces(self) -> bool:
        return not self.box.isChecked()

    def retranslateUi(self) -> None:
        self.box.setText(self.tr("Blur faces also in photos where everyone consented"))
        self.note.setText(self.tr("Faces in photos without everyone's consent are always blurred in the "
                                  "dossier and the evidence package; your stored photos are never changed."))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
