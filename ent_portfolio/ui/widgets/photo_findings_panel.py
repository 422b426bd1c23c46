"""What the plausibility check says about one photo, in its detail dialog:
each open finding with how to fix it and an "Explain…" button, then the
findings the lecturer already explained, with their notes.

A finding is often no mistake — the photo was taken the evening before the
workshop, while setting up — and the honest answer is a note the committee
reads in the manifest beside the photo.  The panel only shows and asks; the
dialog stores the note through the core and makes it undoable."""

from __future__ import annotations

from ..qt import QCoreApplication, QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget, Signal
from ..thaiwrap import ThaiWrapLabel


def rule_name(rule_id: str) -> str:
    """A plausibility rule's short name (an explained finding has no
    finding left to take its sentence from).  The context is written out
    in each call: the string extractor reads only literals."""
    names = {
        "evidence.date_vs_activity":
            QCoreApplication.translate("PhotoFindingsPanel", "Taken on another day than its activity"),
        "evidence.date_vs_period":
            QCoreApplication.translate("PhotoFindingsPanel", "Taken outside the work's period"),
        "evidence.place_vs_area":
            QCoreApplication.translate("PhotoFindingsPanel", "Taken far from the work's area"),
        "evidence.no_capture_date":
            QCoreApplication.translate("PhotoFindingsPanel", "No capture date in the file"),
        "evidence.implausible_date":
            QCoreApplication.translate("PhotoFindingsPanel", "A capture date that cannot be right"),
        "evidence.probable_duplicate":
            QCoreApplication.translate("PhotoFindingsPanel", "Probably the same photo as another"),
    }
    return names.get(rule_id, rule_id)


class PhotoFindingsPanel(QGroupBox):
    """Rebuilt by :meth:`show_findings` each time the findings change."""

    explainRequested = Signal(str)  # rule id: ask for a note (a new one, or to edit the note)
    removeRequested = Signal(str)   # rule id: take the explanation away

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._rows: list[QWidget] = []
        self.explain_buttons: dict[str, QPushButton] = {}
        self.edit_buttons: dict[str, QPushButton] = {}
        self.remove_buttons: dict[str, QPushButton] = {}
        self.finding_labels: dict[str, ThaiWrapLabel] = {}
        self.note_labels: dict[str, ThaiWrapLabel] = {}
        self.explained_labels: dict[str, ThaiWrapLabel] = {}

    def show_findings(self, findings: list, explained: dict[str, str], lang: str) -> None:
        """``findings``: the photo's open readiness findings; ``explained``:
        rule id -> the lecturer's note."""
        for row in self._rows:
            row.hide()
            row.deleteLater()
        self._rows = []
        for mapping in (self.explain_buttons, self.edit_buttons, self.remove_buttons, self.finding_labels,
                        self.note_labels, self.explained_labels):
            mapping.clear()
        self.setTitle(self.tr("Could a committee doubt this photo?"))
        for finding in findings:
            text = self._label(f"⚠ {finding.message(lang)}", "font-weight: 600;")
            fix = self._label(finding.fix_text(lang), "color: #4a5868;")
            button = QPushButton(self.tr("Explain…"))
            button.setToolTip(self.tr("Say why the photo is right: your note appears beside it in the "
                                      "dossier's manifest, and the finding no longer counts."))
            button.clicked.connect(lambda _=False, rule=finding.rule: self.explainRequested.emit(rule))
            self.explain_buttons[finding.rule], self.finding_labels[finding.rule] = button, text
            self._add_row([text, fix], [button])
        for rule_id, note in sorted(explained.items()):
            title = self._label(self.tr("Explained: %1").replace("%1", rule_name(rule_id)), "font-weight: 600;")
            shown = self._label(f"“{note}”", "color: #24507a;")
            edit, remove = QPushButton(self.tr("Edit note…")), QPushButton(self.tr("Remove note"))
            edit.clicked.connect(lambda _=False, rule=rule_id: self.explainRequested.emit(rule))
            remove.clicked.connect(lambda _=False, rule=rule_id: self.removeRequested.emit(rule))
            self.edit_buttons[rule_id], self.remove_buttons[rule_id] = edit, remove
            self.note_labels[rule_id], self.explained_labels[rule_id] = shown, title
            self._add_row([title, shown], [edit, remove])
        self.setVisible(bool(findings or explained))

    def _label(self, text: str, style: str) -> ThaiWrapLabel:
        label = ThaiWrapLabel(text)
        label.setStyleSheet(style)
        return label

    def _add_row(self, labels: list[QWidget], buttons: list[QPushButton]) -> None:
        row = QWidget(self)
        layout = QVBoxLayout(row)
        layout.setContentsMargins(0, 2, 0, 6)
        layout.setSpacing(2)
        for label in labels:
            layout.addWidget(label)
        button_row = QHBoxLayout()
        button_row.addStretch(1)
        for button in buttons:
            button_row.addWidget(button)
        layout.addLayout(button_row)
        self._layout.addWidget(row)
        row.show()  # now, not on the next turn of the event loop: the dialog is measured and drawn at once
        self._rows.append(row)
