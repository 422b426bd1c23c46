"""A date editor that writes the year as Thai people do: Buddhist era
(พ.ศ. = ค.ศ. + 543) in the Thai interface, common era in English.

Qt's own date editor knows only the Gregorian year, so this one formats and
parses the text itself (``dd/MM/yyyy``); the value is still an ordinary
``QDate``.  Arrow keys and the calendar popup work as usual.  Used by the
evidence and indicator dialogs and the measurements table."""

from __future__ import annotations

import re

from ...typeset.dates import BE_OFFSET
from ..qt import QDate, QDateEdit, QDateTime, QStyledItemDelegate, QTime, QValidator

_DATE = re.compile(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*")


class EraDateEdit(QDateEdit):
    def __init__(self, lang: str = "th", parent=None) -> None:
        self._offset = BE_OFFSET if lang == "th" else 0  # before Qt formats any text
        super().__init__(parent)
        self.setDisplayFormat("dd/MM/yyyy")
        self.setCalendarPopup(True)
        self.setToolTip("วัน/เดือน/ปี พ.ศ." if lang == "th" else "day/month/year")

    def set_language(self, lang: str) -> None:
        self._offset = BE_OFFSET if lang == "th" else 0
        self.lineEdit().setText(self.textFromDateTime(self.dateTime()))

    def _parse(self, text: str) -> QDate:
        match = _DATE.fullmatch(text or "")
        if not match:
            return QDate()
        year = int(match[3]) - self._offset
        return QDate(year, int(match[2]), int(match[1]))

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
