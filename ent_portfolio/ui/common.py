"""Small helpers the windows share: messages, confirmations, enum pickers,
dates in the user's language."""

from __future__ import annotations

from ..errors import UserError
from .qt import QCollator, QComboBox, QCoreApplication, QLocale, QMessageBox, Qt, QWidget
from .textutil import format_date


def name_order(lang: str = "th"):
    """The sort key for names as a reader of ``lang`` orders them: Thai
    dictionary order in Thai (a leading vowel does not decide: เชียงใหม่ files
    under ช, before อ่างทอง), numbers by value ("หมู่ 2" before "หมู่ 10")."""
    locale = QLocale(QLocale.Language.Thai, QLocale.Country.Thailand) if lang == "th" else \
        QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    collator = QCollator(locale)
    collator.setNumericMode(True)
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return lambda text: collator.sortKey(text or "")


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def error_text(exc: BaseException, lang: str) -> str:
    """One sentence for a person: the core's message, never a traceback."""
    if isinstance(exc, UserError):
        return exc.message(lang)
    detail = str(exc) or type(exc).__name__
    return translate("Errors", "Something went wrong: %1").replace("%1", detail)


def show_error(parent: QWidget | None, exc: BaseException, lang: str) -> None:
    QMessageBox.warning(parent, translate("Errors", "EnT Portfolio"), error_text(exc, lang))


def confirm_delete(parent: QWidget | None, what: str, undoable: bool = True) -> bool:
    """Ask before deleting ``what`` (a name the user recognises)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(translate("Common", "Delete"))
    box.setText(translate("Common", "Delete “%1”?").replace("%1", what))
    if undoable:
        box.setInformativeText(translate("Common", "You can undo this with Edit ▸ Undo."))
    else:
        box.setInformativeText(translate("Common",
                                         "Everything recorded under it is deleted too. This cannot be undone."))
    delete = box.addButton(translate("Common", "Delete"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(translate("Common", "Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(delete)
    box.exec()
    return box.clickedButton() is delete


def show_date(value, lang: str, style: str = "short") -> str:
    if value is None:
        return ""
    return format_date(value, lang, style)


def fill_enum_combo(combo: QComboBox, enum_cls, lang: str, current: str | None = None,
                    allow_empty: bool = False) -> None:
    """(Re)fill a combo with an enum's labels, the code kept as item data."""
    value = current if current is not None else combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    if allow_empty:
        combo.addItem("—", None)
    for member in enum_cls:
        combo.addItem(member.label(lang), member.value)
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(False)


def enum_label(enum_cls, code: str | None, lang: str) -> str:
    if not code:
        return ""
    try:
        return enum_cls(code).label(lang)
    except ValueError:
        return code


def first_line(text: str, limit: int = 120) -> str:
    line = " ".join((text or "").split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def lang_of(widget_or_context) -> str:
    return getattr(widget_or_context, "language", "th")

