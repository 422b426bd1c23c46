"""A date editor that writes the year as Thai people do: Buddhist era
(พ.ศ. = ค.ศ. + 543) in the Thai interface, common era in English.

Qt's own date editor knows only the Gregorian year, so this one formats the
text itself (``dd/MM/yyyy``) and reads what is typed as the forms do
(:func:`ent_portfolio.domain.fields.parse_thai_date`: ``15/10/2566``,
``15 ต.ค. 2566``, ``2023-10-15``); the value is still an ordinary ``QDate``.
Text that is not a day is not silently put back on leaving the field: the
reason is said beside it first.  Arrow keys and the calendar popup work as
usual.  Used by the evidence and indicator dialogs and the measurements
table."""

from __future__ import annotations

from ...domain.fields import parse_thai_date
from ...domain.thai_calendar import BE_OFFSET, DAY
from ...errors import UserError
from ...i18n import register
from ...i18n import tr as message  # not `tr(`: Qt's string extractor would take these keys for its own
from ..qt import QApplication, QDate, QDateEdit, QDateTime, QStyledItemDelegate, Qt, QTime, QToolTip, QValidator

register({
    "ui.era_date.needs_day": ("ช่องนี้ต้องเป็นวันที่ เช่น 15/10/2566 — จึงยังคงวันที่เดิมไว้",
                              "This needs a day, such as 15/10/2023, so the date it had is kept."),
})


class EraDateEdit(QDateEdit):
    def __init__(self, lang: str = "th", parent=None) -> None:
        self._offset = BE_OFFSET if lang == "th" else 0  # before Qt formats any text
        self.lang = lang
        #: Why the text last typed is not a day ("" when it is).
        self.problem = ""
        super().__init__(parent)
        self.setDisplayFormat("dd/MM/yyyy")
        self.setCalendarPopup(True)
        self.setToolTip("วัน/เดือน/ปี พ.ศ." if lang == "th" else "day/month/year")
        # Typing again starts afresh; the reason stays while the old date is shown.
        self.lineEdit().textEdited.connect(self._typing)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self._offset = BE_OFFSET if lang == "th" else 0
        self.lineEdit().setText(self.textFromDateTime(self.dateTime()))

    def _parse(self, text: str) -> QDate:
        try:
            day, precision = parse_thai_date(text or "", lang=self.lang)
        except UserError as exc:
            return self._refuse(text, exc.message(self.lang))
        if precision != DAY:
            return self._refuse(text, message("ui.era_date.needs_day", self.lang))
        return QDate(day.year, day.month, day.day)

    def _typing(self, _text: str) -> None:
        self.problem = ""

    def _refuse(self, text: str, sentence: str) -> QDate:
        # The text Qt puts back is the date kept: reading it must not clear the reason.
        if text != self.textFromDateTime(self.dateTime()):
            self.problem = sentence
        return QDate()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Qt's date editor takes typed characters section by section (the
        # first "0" of 01/06/2566 went into the year): a date typed whole is
        # the line's text, read when typing ends.  A character typed over the
        # date shown replaces it; the arrow keys, Enter and Tab stay Qt's.
        text = event.text()
        shortcut = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        editing = event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete)
        if not shortcut and ((text and text.isprintable()) or editing):
            line = self.lineEdit()
            if not editing and line.text() == self.textFromDateTime(self.dateTime()):
                line.selectAll()
            QApplication.sendEvent(line, event)
            return
        super().keyPressEvent(event)

    def fixup(self, text: str) -> str:  # noqa: D401 - Qt's hook
        # Qt's own fix-up would move 31/02 to 28/02, a day nobody typed; the
        # last good date is kept instead, and the reason is said first.
        self._parse(text)
        if self.problem:
            QToolTip.showText(self.mapToGlobal(self.rect().bottomLeft()), self.problem, self)
        return text

    # Qt's hooks ----------------------------------------------------------------
    def textFromDateTime(self, value: QDateTime) -> str:  # noqa: N802 - Qt's name
        d = value.date()
        return f"{d.day():02d}/{d.month():02d}/{d.year() + self._offset:04d}"

    def dateTimeFromText(self, text: str) -> QDateTime:  # noqa: N802 - Qt's name
        return QDateTime(self._parse(text), QTime(0, 0))

    def validate(self, text: str, pos: int):
        date = self._parse(text)
        if date.isValid() and self.minimumDate() <= date <= self.maximumDate():
            return QValidator.State.Acceptable, text, pos
        return QValidator.State.Intermediate, text, pos


class EraDateDelegate(QStyledItemDelegate):
    """Edits a table's date cells with :class:`EraDateEdit`."""

    def __init__(self, lang_of, parent=None) -> None:
        super().__init__(parent)
        self.lang_of = lang_of  # callable: the current interface language

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt's name
        return EraDateEdit(self.lang_of(), parent)

    def setEditorData(self, editor, index) -> None:  # noqa: N802 - Qt's name
        value = index.data(0x0002)  # EditRole
        if isinstance(value, QDate) and value.isValid():
            editor.setDate(value)

    def setModelData(self, editor, model, index) -> None:  # noqa: N802 - Qt's name
        editor.interpretText()
        model.setData(index, editor.date())
