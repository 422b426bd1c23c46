"""The applicant (ผู้ขอ): names, position and affiliation, saved as typed;
degrees and appointment history as tables with add / edit / delete."""

from __future__ import annotations

import re

from ...domain import enums
from ..common import show_date
from ..forms import FieldSpec
from ..qt import (
    QT_TRANSLATE_NOOP,
    QEvent,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    Qt,
    QTime,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ..textutil import display_year
from ..thaiwrap import ThaiWrapLabel
from ..widgets.autoform import AutoForm
from ..widgets.record_table import Column, RecordTable

# --- ORCID -------------------------------------------------------------------------

_ORCID = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")


def normalise_orcid(text: str) -> str:
    """What people paste — the full https://orcid.org/… address, spaces,
    a lower-case x — as the bare 0000-0000-0000-000X form."""
    text = (text or "").strip()
    text = re.sub(r"^(https?://)?(www\.)?orcid\.org/", "", text, flags=re.IGNORECASE)
    text = text.replace(" ", "").upper()
    if re.fullmatch(r"\d{15}[\dX]", text):
        text = "-".join(text[i:i + 4] for i in range(0, 16, 4))
    return text


def orcid_checksum_ok(orcid: str) -> bool:
    """ISO 7064 MOD 11-2, as ORCID computes its last character."""
    digits = orcid.replace("-", "")
    total = 0
    for ch in digits[:-1]:
        total = (total + int(ch)) * 2
    result = (12 - total % 11) % 11
    return digits[-1] == ("X" if result == 10 else str(result))


def orcid_problem(text: str) -> str | None:
    """``None`` when ``text`` is empty or a valid ORCID, else "format" or "checksum"."""
    orcid = normalise_orcid(text)
    if not orcid:
        return None
    if not _ORCID.match(orcid):
        return "format"
    if not orcid_checksum_ok(orcid):
        return "checksum"
    return None


# --- fields -------------------------------------------------------------------------

PERSON_FIELDS = [
    FieldSpec("name_th", QT_TRANSLATE_NOOP("Fields", "Name (Thai)")),
    FieldSpec("name_en", QT_TRANSLATE_NOOP("Fields", "Name (English)")),
    FieldSpec("academic_title", QT_TRANSLATE_NOOP("Fields", "Academic title")),
    FieldSpec("orcid", QT_TRANSLATE_NOOP("Fields", "ORCID")),
    FieldSpec("email", QT_TRANSLATE_NOOP("Fields", "E-mail")),
    FieldSpec("phone", QT_TRANSLATE_NOOP("Fields", "Phone")),
]

POSITION_FIELDS = [
    FieldSpec("current_position", QT_TRANSLATE_NOOP("Fields", "Current position"), "enum", enums.Position,
              required=True),
    FieldSpec("current_position_date", QT_TRANSLATE_NOOP("Fields", "In the current position since"), "date"),
    FieldSpec("target_position", QT_TRANSLATE_NOOP("Fields", "Position applied for"), "enum", enums.Position,
              required=True),
    FieldSpec("route", QT_TRANSLATE_NOOP("Fields", "Route"), "enum", enums.Route, required=True),
    FieldSpec("appointment_date", QT_TRANSLATE_NOOP("Fields", "Appointed on"), "date"),
]

AFFILIATION_FIELDS = [
    FieldSpec("university", QT_TRANSLATE_NOOP("Fields", "University")),
    FieldSpec("faculty", QT_TRANSLATE_NOOP("Fields", "Faculty")),
    FieldSpec("department", QT_TRANSLATE_NOOP("Fields", "Department")),
    FieldSpec("field_of_study", QT_TRANSLATE_NOOP("Fields", "Field of study applied in")),
    FieldSpec("field_code", QT_TRANSLATE_NOOP("Fields", "Field code")),
]

DEGREE_FIELDS = [
    FieldSpec("level", QT_TRANSLATE_NOOP("Fields", "Level"), required=True),
    FieldSpec("name", QT_TRANSLATE_NOOP("Fields", "Degree"), required=True),
    FieldSpec("institution", QT_TRANSLATE_NOOP("Fields", "Institution")),
    FieldSpec("country", QT_TRANSLATE_NOOP("Fields", "Country")),
    FieldSpec("year", QT_TRANSLATE_NOOP("Fields", "Year graduated"), "year"),
]

APPOINTMENT_FIELDS = [
    FieldSpec("position", QT_TRANSLATE_NOOP("Fields", "Position"), required=True),
    FieldSpec("organisation", QT_TRANSLATE_NOOP("Fields", "Organisation")),
    FieldSpec("start_date", QT_TRANSLATE_NOOP("Fields", "From"), "date"),
    FieldSpec("end_date", QT_TRANSLATE_NOOP("Fields", "Until"), "date"),
]


class ProfileForm(AutoForm):
    """An :class:`AutoForm` that saves an ORCID only when it is one; a bad
    one stays in the field, with a message under it, until it is corrected."""

    orcid_changed = Signal()

    def __init__(self, context, specs, parent=None) -> None:
        super().__init__(context, "profile", "profile", specs, parent)
        self.orcid_message: QLabel | None = None
        if "orcid" in self.widgets:
            self.orcid_message = ThaiWrapLabel()
            self.orcid_message.setObjectName("orcidMessage")
            self.orcid_message.setStyleSheet("color: #b00020;")
            self.orcid_message.hide()
            row, _role = self.form.getWidgetPosition(self.widgets["orcid"])
            self.form.insertRow(row + 1, "", self.orcid_message)
            self.widgets["orcid"].setPlaceholderText("0000-0000-0000-000X")
        self._orcid_problem: str | None = None
        self.siblings: tuple[AutoForm, ...] = (self,)

    def retranslateUi(self) -> None:
        super().retranslateUi()
        if getattr(self, "orcid_message", None) is not None:
            self._show_orcid_problem(self._orcid_problem)

    def _show_orcid_problem(self, problem: str | None) -> None:
        changed = problem != self._orcid_problem
        self._orcid_problem = problem
        if problem == "format":
            text = self.tr("An ORCID is 16 characters in four groups, like 0000-0002-1825-0097 "
                           "(the last may be X). It was not saved: please check it.")
        elif problem == "checksum":
            text = self.tr("This ORCID has a typing mistake: its last character does not match the others. "
                           "It was not saved: please check it against orcid.org.")
        else:
            text = ""
        self.orcid_message.setText(text)
        self.orcid_message.setVisible(bool(text))
        if changed:
            self.orcid_changed.emit()

    def values(self):
        out = super().values()
        if "orcid" in out:
            problem = orcid_problem(out["orcid"])
            self._show_orcid_problem(problem)
            if problem:
                out.pop("orcid")
                self.context.save_state.emit("failed")
            else:
                out["orcid"] = normalise_orcid(out["orcid"])
        return out

    def save_now(self) -> None:
        had_orcid = "orcid" in self.autosave.dirty
        super().save_now()
        if had_orcid and self._orcid_problem is None and self.record_id is not None:
            # show the normalised form (a pasted https://orcid.org/… address)
            w = self.widgets["orcid"]
            stored = self.loaded.get("orcid") or ""
            if w.text().strip() != stored and normalise_orcid(w.text()) == stored:
                w.setText(stored)

    def _on_data_changed(self, kind: str, record_id: str) -> None:
        # The page's other forms save the same record: their saves are not
        # news to this one (and must not overwrite what is being typed here).
        if any(f._own_change for f in self.siblings):
            return
        super()._on_data_changed(kind, record_id)

    def refresh_widgets(self) -> None:
        super().refresh_widgets()
        if getattr(self, "orcid_message", None) is not None:
            self._show_orcid_problem(None)  # what is shown now is what is stored


#: Offered as the level is typed (the stored value stays free text: a
#: certificate or a diploma is a level too).
DEGREE_LEVELS = ("ปริญญาตรี", "ปริญญาโท", "ปริญญาเอก", "ประกาศนียบัตรบัณฑิต")


class DegreeTable(RecordTable):
    def _dialog(self, title: str, values: dict):
        from ..qt import QCompleter

        dialog = super()._dialog(title, values)
        known = list(dict.fromkeys([*DEGREE_LEVELS, *(r.level for r in self.records if r.level)]))
        completer = QCompleter(known, dialog)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        dialog.widgets["level"].setCompleter(completer)
        return dialog


def _year(record, lang: str) -> str:
    return display_year(record.year, lang)


class ProfileView(QWidget):
    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.profile_id: str | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 12, 16, 12)

        top = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setObjectName("profileHeading")
        self.heading.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.state_label = QLabel()
        self.state_label.setObjectName("profileSaveState")
        self.state_label.setStyleSheet("color: #555;")
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.state_label)
        layout.addLayout(top)
        self.hint = ThaiWrapLabel()
        self.hint.setObjectName("profileHint")
        self.hint.setStyleSheet("color: #555;")
        layout.addWidget(self.hint)

        self.person_box = QGroupBox()
        self.position_box = QGroupBox()
        self.affiliation_box = QGroupBox()
        self.person_form = ProfileForm(context, PERSON_FIELDS)
        self.position_form = ProfileForm(context, POSITION_FIELDS)
        self.affiliation_form = ProfileForm(context, AFFILIATION_FIELDS)
        self.forms = (self.person_form, self.position_form, self.affiliation_form)
        for form in self.forms:
            form.siblings = self.forms
        self.person_form.orcid_changed.connect(self._show_state)
        for box, form in zip((self.person_box, self.position_box, self.affiliation_box), self.forms):
            box_layout = QVBoxLayout(box)
            box_layout.addWidget(form)
            box_layout.addStretch(1)
        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.person_box)
        left.addWidget(self.affiliation_box)
        columns.addLayout(left, 1)
        right = QVBoxLayout()
        right.addWidget(self.position_box)
        right.addStretch(1)
        columns.addLayout(right, 1)
        layout.addLayout(columns)
        # every field widget, by column name (tests, open_target)
        self.widgets = {name: w for form in self.forms for name, w in form.widgets.items()}

        self.degrees_box = QGroupBox()
        dl = QVBoxLayout(self.degrees_box)
        self.degrees = DegreeTable(
            context, "degrees", "degree", "profile_id", DEGREE_FIELDS,
            [Column(QT_TRANSLATE_NOOP("Fields", "Level"), lambda r, lang: r.level),
             Column(QT_TRANSLATE_NOOP("Fields", "Degree"), lambda r, lang: r.name, True),
             Column(QT_TRANSLATE_NOOP("Fields", "Institution"), lambda r, lang: r.institution, True),
             Column(QT_TRANSLATE_NOOP("Fields", "Country"), lambda r, lang: r.country),
             Column(QT_TRANSLATE_NOOP("Fields", "Year graduated"), _year)],
            lambda: self.tr("degree"), lambda r: r.name or r.level)
        self.degrees.setObjectName("degreesTable")
        self.degrees.setMinimumHeight(190)
        dl.addWidget(self.degrees)
        layout.addWidget(self.degrees_box)

        self.appointments_box = QGroupBox()
        al = QVBoxLayout(self.appointments_box)
        self.appointments = RecordTable(
            context, "appointments", "appointment", "profile_id", APPOINTMENT_FIELDS,
            [Column(QT_TRANSLATE_NOOP("Fields", "Position"), lambda r, lang: r.position, True),
             Column(QT_TRANSLATE_NOOP("Fields", "Organisation"), lambda r, lang: r.organisation, True),
             Column(QT_TRANSLATE_NOOP("Fields", "From"), lambda r, lang: show_date(r.start_date, lang)),
             Column(QT_TRANSLATE_NOOP("Fields", "Until"),
                    lambda r, lang: show_date(r.end_date, lang) or self.tr("present"))],
            lambda: self.tr("appointment"), lambda r: r.position)
        self.appointments.setObjectName("appointmentsTable")
        self.appointments.setMinimumHeight(190)
        al.addWidget(self.appointments)
        layout.addWidget(self.appointments_box)
        layout.addStretch(1)
        for records in (self.degrees, self.appointments):
            header = records.table.horizontalHeader()
            header.sectionResized.connect(lambda *_a, t=records.table: t.resizeRowsToContents())

        self._state = ""
        self._saved_at: QTime | None = None
        context.portfolio_changed.connect(self.reload)
        context.language_changed.connect(self._language_changed)
        context.save_state.connect(self._on_save_state)
        self.retranslateUi()
        self._align_labels()
        self.reload()

    # --- language -------------------------------------------------------------------
    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
            QTimer.singleShot(0, self._align_labels)  # after the forms' own labels change
        super().changeEvent(event)

    def _align_labels(self) -> None:
        """One label width for the forms one above the other: their fields line up."""
        from ..qt import isValid

        if not isValid(self):
            return
        labels = [label for form in (self.person_form, self.affiliation_form) for label in form.labels.values()]
        for label in labels:
            label.setMinimumWidth(0)
        width = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(width)

    def retranslateUi(self) -> None:
        self.heading.setText(self.tr("Applicant"))
        self.hint.setText(self.tr("What the dossier says about you: its cover and the applicant summary. "
                                  "Changes are saved as you type."))
        self.person_box.setTitle(self.tr("Name and contact"))
        self.position_box.setTitle(self.tr("Position and promotion"))
        self.affiliation_box.setTitle(self.tr("Affiliation and field"))
        self.degrees_box.setTitle(self.tr("Degrees"))
        self.appointments_box.setTitle(self.tr("Appointment history"))
        self._show_state()

    def _language_changed(self, lang: str) -> None:
        for form in self.forms:
            form.set_language(lang)
            form.refresh_widgets()
        self.degrees.reload()
        self.appointments.reload()

    # --- saved state ----------------------------------------------------------------
    def _on_save_state(self, state: str) -> None:
        if not self.isVisible():
            return
        self._state = state
        if state == "saved":
            self._saved_at = QTime.currentTime()
        self._show_state()

    def _show_state(self) -> None:
        if self.person_form._orcid_problem:
            text = self.tr("The ORCID is not saved")
            self.state_label.setText(text)
            self.state_label.setStyleSheet("color: #b00020;")
            return
        if self._state in ("pending", "saving"):
            text = self.tr("Saving…")
        elif self._state == "failed":
            text = self.tr("Not saved")
        elif self._state == "saved" and self._saved_at is not None:
            text = self.tr("All changes saved (%1)").replace("%1", self._saved_at.toString("HH:mm"))
        else:
            text = self.tr("All changes saved")
        self.state_label.setText(text)
        self.state_label.setStyleSheet("color: #b00020;" if self._state == "failed" else "color: #555;")

    # --- data -------------------------------------------------------------------------
    def reload(self) -> None:
        services = self.context.services
        self.profile_id = None
        if services is not None:
            try:
                self.profile_id = services.profile.current().id
            except Exception as exc:  # e.g. a read-only portfolio without a profile yet
                self.context.report_error(exc)
        for form in self.forms:
            form.load(self.profile_id)
        self.degrees.set_parent(self.profile_id)
        self.appointments.set_parent(self.profile_id)

    # --- contract -----------------------------------------------------------------------
    def save_now(self) -> None:
        for form in self.forms:
            form.save_now()

    def open_target(self, target: tuple) -> None:
        """("profile", id, "field:orcid"): the field, focused."""
        place = str(target[2]) if len(target) >= 3 and target[2] else ""
        if place.startswith("field:"):
            w = self.widgets.get(place[6:])
            if w is not None:
                parent = w.parentWidget()
                while parent is not None and not isinstance(parent, QScrollArea):
                    parent = parent.parentWidget()
                if parent is not None:
                    parent.ensureWidgetVisible(w)
                w.setFocus(Qt.FocusReason.OtherFocusReason)
        elif place in ("degrees", "appointments"):
            getattr(self, place).table.setFocus()
