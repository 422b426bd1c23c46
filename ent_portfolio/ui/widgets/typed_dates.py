"""The date and the year editors of the forms: typed as Thai people type
them, because a lecturer copies dates from letters and grant documents
(``15/10/2566``, ``15 ต.ค. 2566``, ``2566``) and spin boxes took only arrow
keys.  What a typed text means is decided in the core
(:func:`ent_portfolio.domain.fields.parse_thai_date`); these only show it,
in the Buddhist era in Thai, and say under the field, in a sentence, when
what was typed is not a date."""

from __future__ import annotations

import datetime as _dt

from ...domain.enums import DatePrecision
from ...domain.fields import FIRST_YEAR, LAST_YEAR, parse_thai_date
from ...domain.thai_calendar import BE_OFFSET, DAY, MONTH, PRECISIONS, YEAR, common_era, end_of, start_of
from ...errors import UserError
from ...i18n import register
from ...i18n import tr as message  # not tr: Qt's extractor would file these keys as Qt strings
from ...typeset.dates import format_at, format_year
from ..qt import QComboBox, QEvent, QHBoxLayout, QLineEdit, Qt, QVBoxLayout, QWidget, Signal
from ..thaiwrap import ThaiWrapLabel

register({
    "ui.date.hint": ("เช่น 15/10/2566, 15 ต.ค. 2566, ต.ค. 2566 หรือ 2566",
                     "e.g. 15/10/2023, 15 Oct 2023, Oct 2023 or 2023"),
    "ui.date.day_hint": ("เช่น 15/10/2566 หรือ 15 ต.ค. 2566", "e.g. 15/10/2023 or 15 Oct 2023"),
    "ui.date.needs_day": ("ช่องนี้ต้องระบุวันด้วย เช่น 15/10/2566 — ไม่มีการเปลี่ยนแปลงใด ๆ",
                          "This needs the day as well, such as 15/10/2023. Nothing was changed."),
    "ui.year.hint": ("ปี พ.ศ. เช่น 2566", "a year, e.g. 2023"),
    "ui.year.only_year": ("ช่องนี้ใส่เฉพาะปี เช่น 2566 — ไม่มีการเปลี่ยนแปลงใด ๆ",
                          "Only a year goes here, such as 2023. Nothing was changed."),
    "ui.date.precision": ("ระบุถึง", "Given to the"),
})

#: A sentence under a field that did not take what was typed.
_PROBLEM_STYLE = "color: #b3261e;"


class _TypedValue(QWidget):
    """A line to type a date or a year in, with the sentence that says why
    what was typed was not taken, right under it.  What was typed stays as
    it was until it is corrected: nothing reverts behind the person's back.

    The value is taken when typing is finished (Enter, or leaving the field);
    ``changed`` is emitted only when that changes the value."""

    changed = Signal()

    def __init__(self, parent=None, lang: str = "th") -> None:
        super().__init__(parent)
        self.lang = lang
        self._typed = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        self.row = QHBoxLayout()
        self.row.setSpacing(4)
        self.text_edit = QLineEdit()
        self.text_edit.setObjectName("typedValue")
        self.text_edit.setClearButtonEnabled(True)
        self._problem = ""
        # Lines of the sentence end between Thai words, not in the middle of "ใด ๆ".
        self.problem = ThaiWrapLabel()
        self.problem.setObjectName("typedValueProblem")
        self.problem.setStyleSheet(_PROBLEM_STYLE)
        self.problem.hide()
        self.row.addWidget(self.text_edit, 1)
        outer.addLayout(self.row)
        outer.addWidget(self.problem)
        self.text_edit.textEdited.connect(self._edited)
        self.text_edit.editingFinished.connect(self.commit)
        self.text_edit.installEventFilter(self)
        self.setFocusProxy(self.text_edit)

    def _edited(self, _text: str) -> None:
        self._typed = True

    def problem_text(self) -> str:
        return self._problem

    def _say(self, sentence: str) -> None:
        self._problem = sentence
        self.problem.setText(sentence)
        self.problem.setVisible(bool(sentence))
        self.text_edit.setToolTip(sentence)

    def commit(self, emit: bool = True) -> bool:
        """Take what was typed; False (and the sentence shown) if it is not a value."""
        if not self._typed:
            return not self.problem_text()
        text = self.text_edit.text().strip()
        try:
            changed = self._take(text)
        except UserError as exc:
            self._say(exc.message(self.lang))
            return False
        self._typed = False
        self._say("")
        self._show()
        if changed and emit:
            self.changed.emit()
        return True

    def eventFilter(self, obj, event) -> bool:
        # The arrow keys step the value, as they did in the spin boxes this replaces.
        if obj is self.text_edit and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.commit():
            if self._step(1 if event.key() == Qt.Key.Key_Up else -1):
                self._show()
                self.changed.emit()
            return True
        return False

    def set_language(self, lang: str) -> None:
        self.commit(emit=False)
        self.lang = lang
        self._hint()
        if not self.problem_text():
            self._show()

    # what the subclasses say
    def _take(self, text: str) -> bool:
        raise NotImplementedError

    def _show(self) -> None:
        raise NotImplementedError

    def _step(self, steps: int) -> bool:
        raise NotImplementedError

    def _hint(self) -> None:
        raise NotImplementedError


class DateEdit(_TypedValue):
    """A date typed as Thai people type it (``15/10/2566``, ``15 ต.ค. 2566``,
    ``2023-10-15``; see :func:`ent_portfolio.domain.fields.parse_thai_date`),
    shown in the Buddhist era in Thai.  Empty is allowed.

    With ``precision_choice`` the date may be a month or a year alone
    (``ต.ค. 2566``, ``2566``) and a choice beside it (วัน / เดือน / ปี) says
    and sets how precise it is; a month or a year is kept as its first day,
    or its last where the date ends a period (``period_end``).  Without it a
    month or a year alone is refused with a sentence: the column keeps a day."""

    def __init__(self, parent=None, lang: str = "th", precision_choice: bool = False,
                 period_end: bool = False) -> None:
        super().__init__(parent, lang)
        self.period_end = period_end
        self._value: _dt.date | None = None
        self._precision = DAY
        self.precision_box: QComboBox | None = None
        if precision_choice:
            self.precision_box = QComboBox()
            self.precision_box.setObjectName("datePrecision")
            # "เดือน" and "Month" differ in width: the box follows its words.
            self.precision_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            self.row.addWidget(self.precision_box)
            self.precision_box.currentIndexChanged.connect(self._precision_picked)
        self.text_edit.setMinimumWidth(150)
        self._hint()

    def _hint(self) -> None:
        hint = "ui.date.hint" if self.precision_box else "ui.date.day_hint"
        self.text_edit.setPlaceholderText(message(hint, self.lang))
        if self.precision_box is not None:
            self.precision_box.blockSignals(True)
            self.precision_box.clear()
            for member in DatePrecision:
                self.precision_box.addItem(member.label(self.lang), member.value)
            self.precision_box.setCurrentIndex(PRECISIONS.index(self._precision))
            self.precision_box.setToolTip(message("ui.date.precision", self.lang))
            self.precision_box.blockSignals(False)

    def _fit(self, value: _dt.date, precision: str) -> _dt.date:
        return (end_of if self.period_end else start_of)(value, precision)

    def _take(self, text: str) -> bool:
        if not text:
            value, precision = None, self._precision
        else:
            value, precision = parse_thai_date(text, lang=self.lang)
            if precision != DAY and self.precision_box is None:
                raise UserError("ui.date.needs_day")
            value = self._fit(value, precision)
        changed = (value, precision) != (self._value, self._precision)
        self._value, self._precision = value, precision
        return changed

    def _show(self) -> None:
        self.text_edit.setText(format_at(self._value, self._precision, self.lang) if self._value else "")
        self.text_edit.setCursorPosition(0)
        if self.precision_box is not None:
            self.precision_box.blockSignals(True)
            self.precision_box.setCurrentIndex(PRECISIONS.index(self._precision))
            self.precision_box.blockSignals(False)

    def _step(self, steps: int) -> bool:
        if self._value is None:
            return False
        value = self._value
        if self._precision == DAY:
            value += _dt.timedelta(days=steps)
        elif self._precision == MONTH:
            month = value.year * 12 + value.month - 1 + steps
            value = _dt.date(month // 12, month % 12 + 1, 1)
        else:
            value = _dt.date(value.year + steps, 1, 1)
        if not FIRST_YEAR <= value.year <= LAST_YEAR:
            return False
        self._value = self._fit(value, self._precision)
        return True

    def _precision_picked(self) -> None:
        if not self.commit(emit=False):
            self._show()  # the box goes back to what the typed text is not yet
            return
        self._precision = self.precision_box.currentData()
        if self._value is not None:
            self._value = self._fit(self._value, self._precision)
        self._show()
        self.changed.emit()

    def clear(self) -> None:
        self.set_value(None)

    def set_date(self, value: _dt.date | None) -> None:
        self.set_value(value, self._precision if self.precision_box is not None else DAY)

    def set_value(self, value: _dt.date | None, precision: str = DAY) -> None:
        if isinstance(value, _dt.datetime):
            value = value.date()
        self._value, self._precision, self._typed = value, precision or DAY, False
        self._say("")
        self._show()

    def date(self) -> _dt.date | None:
        """The date taken (what is typed, if it is a date: reading never loses typing)."""
        self.commit(emit=False)
        return self._value

    def precision(self) -> str:
        self.commit(emit=False)
        return self._precision


class YearEdit(_TypedValue):
    """A year, typed in either era (``2566`` or ``2023``; ``พ.ศ.``/``ค.ศ.``
    may be written), shown in the Buddhist era in Thai and the common era in
    English.  ``stored_era`` is the era the column keeps: ``"ce"`` (a degree's
    year, a work's earlier use) or ``"be"`` (a grant's fiscal year, as the
    grant letter says it)."""

    def __init__(self, parent=None, lang: str = "th", stored_era: str = "ce") -> None:
        super().__init__(parent, lang)
        self.stored_era = stored_era
        self._year: int | None = None  # CE
        self.text_edit.setMaximumWidth(160)
        self._hint()

    def _hint(self) -> None:
        self.text_edit.setPlaceholderText(message("ui.year.hint", self.lang))

    def _take(self, text: str) -> bool:
        year = None
        if text:
            value, precision = parse_thai_date(text, lang=self.lang)
            if precision != YEAR:
                raise UserError("ui.year.only_year")
            year = value.year
        changed = year != self._year
        self._year = year
        return changed

    def _show(self) -> None:
        self.text_edit.setText(format_year(self._year, self.lang))

    def _step(self, steps: int) -> bool:
        if self._year is None or not FIRST_YEAR <= self._year + steps <= LAST_YEAR:
            return False
        self._year += steps
        return True

    def set_year(self, stored: int | None) -> None:
        """Show a stored year (in ``stored_era``; a year that is plainly the
        other era's is read as that)."""
        self._year = None if stored is None else common_era(stored)
        self._typed = False
        self._say("")
        self._show()

    def year(self) -> int | None:
        """The year as the column keeps it."""
        self.commit(emit=False)
        if self._year is None:
            return None
        return self._year + BE_OFFSET if self.stored_era == "be" else self._year
