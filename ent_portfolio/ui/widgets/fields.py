"""Form fields the editors share: a date and a year typed as Thai people type
them (shown in the Buddhist era in Thai), the Thai administrative area
pickers, a multi-choice of enum codes, rich text."""

from __future__ import annotations

from functools import lru_cache

from ..common import name_order
from ..qt import (
    QAction,
    QCheckBox,
    QComboBox,
    QCompleter,
    QEvent,
    QFont,
    QGridLayout,
    QHBoxLayout,
    Qt,
    QTextCharFormat,
    QTextEdit,
    QTextListFormat,
    QToolBar,
    QVBoxLayout,
    QWidget,
    Signal,
)
from .typed_dates import DateEdit, YearEdit

__all__ = ["AreaPicker", "CodeChecks", "DateEdit", "RichTextEdit", "YearEdit", "document_to_simple_html",
           "province_names"]


@lru_cache(maxsize=1)
def _provinces():
    import geothai

    return tuple(geothai.provinces())


@lru_cache(maxsize=128)
def _districts(province_code: str):
    import geothai

    return tuple(geothai.districts(province_code))


@lru_cache(maxsize=512)
def _subdistricts(district_code: str):
    import geothai

    return tuple(geothai.subdistricts(district_code))


class AreaPicker(QWidget):
    """Province → district → sub-district, offline, from ``geothai``.

    Values are the Thai names (what the work stores) plus the most specific
    code picked.  A stored name that is not in the list (typed by hand in an
    older portfolio) is kept and shown as it is."""

    changed = Signal()

    def __init__(self, parent=None, lang: str = "th") -> None:
        super().__init__(parent)
        self.lang = lang
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.province = QComboBox()
        self.district = QComboBox()
        self.subdistrict = QComboBox()
        for combo in (self.province, self.district, self.subdistrict):
            combo.setMinimumWidth(150)
            combo.setMaxVisibleItems(20)
            # Type a part of a name to find it (เชียง → เชียงใหม่, เชียงราย); what
            # is typed but not picked changes nothing.
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.completer().setFilterMode(Qt.MatchFlag.MatchContains)
            combo.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            combo.completer().setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            layout.addWidget(combo, 1)
        self._fill(self.province, _provinces(), "")
        self.province.currentIndexChanged.connect(self._province_picked)
        self.district.currentIndexChanged.connect(self._district_picked)
        self.subdistrict.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def _name(self, item) -> str:
        return item.name_th if self.lang == "th" else item.name_en

    def _fill(self, combo: QComboBox, items, current_name: str) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("—", None)
        order = name_order(self.lang)
        for item in sorted(items, key=lambda it: order(self._name(it))):
            combo.addItem(self._name(item), (item.code, item.name_th))
        index = next((i for i in range(1, combo.count()) if combo.itemData(i)[1] == current_name), -1)
        if index < 0 and current_name:
            combo.addItem(current_name, ("", current_name))
            index = combo.count() - 1
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    @staticmethod
    def _code(combo: QComboBox) -> str:
        data = combo.currentData()
        return data[0] if data else ""

    @staticmethod
    def _thai(combo: QComboBox) -> str:
        data = combo.currentData()
        return data[1] if data else ""

    def _province_picked(self) -> None:
        code = self._code(self.province)
        self._fill(self.district, _districts(code) if code else (), "")
        self._fill(self.subdistrict, (), "")
        self.changed.emit()

    def _district_picked(self) -> None:
        code = self._code(self.district)
        self._fill(self.subdistrict, _subdistricts(code) if code else (), "")
        self.changed.emit()

    def set_area(self, province: str, district: str, subdistrict: str) -> None:
        self._fill(self.province, _provinces(), province)
        pcode = self._code(self.province)
        self._fill(self.district, _districts(pcode) if pcode else (), district)
        dcode = self._code(self.district)
        self._fill(self.subdistrict, _subdistricts(dcode) if dcode else (), subdistrict)

    def area(self) -> dict[str, str]:
        code = self._code(self.subdistrict) or self._code(self.district) or self._code(self.province)
        return {
            "province": self._thai(self.province),
            "district": self._thai(self.district),
            "subdistrict": self._thai(self.subdistrict),
            "area_code": code,
        }

    def set_language(self, lang: str) -> None:
        area = self.area()
        self.lang = lang
        self.set_area(area["province"], area["district"], area["subdistrict"])


def province_names() -> list[str]:
    return [p.name_th for p in _provinces()]


class CodeChecks(QWidget):
    """A check box per enum member; value is the list of checked codes."""

    changed = Signal()

    def __init__(self, enum_cls, parent=None, lang: str = "th", columns: int = 2) -> None:
        super().__init__(parent)
        self.enum_cls = enum_cls
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for n, member in enumerate(enum_cls):
            box = QCheckBox()
            box.toggled.connect(lambda _on: self.changed.emit())
            layout.addWidget(box, n // columns, n % columns)
            self.boxes[member.value] = box
        self.set_language(lang)

    def set_language(self, lang: str) -> None:
        for member in self.enum_cls:
            self.boxes[member.value].setText(member.label(lang))

    def codes(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]

    def set_codes(self, codes) -> None:
        for code, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(code in (codes or ()))
            box.blockSignals(False)


class RichTextEdit(QWidget):
    """A QTextEdit with bold, italic and bullet-list buttons; stores simple
    HTML.  ``changed`` on every edit by the user."""

    changed = Signal()
    focus_lost = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.act_bold = QAction("B", self)
        self.act_bold.setCheckable(True)
        bold_font = QFont()
        bold_font.setBold(True)
        self.act_bold.setFont(bold_font)
        self.act_bold.setShortcut("Ctrl+B")
        self.act_italic = QAction("I", self)
        self.act_italic.setCheckable(True)
        italic_font = QFont()
        italic_font.setItalic(True)
        self.act_italic.setFont(italic_font)
        self.act_italic.setShortcut("Ctrl+I")
        self.act_bullets = QAction("•", self)
        self.act_bullets.setCheckable(True)
        for action in (self.act_bold, self.act_italic, self.act_bullets):
            self.toolbar.addAction(action)
        self.editor = QTextEdit()
        self.editor.setAcceptRichText(False)  # pasted text comes in plain: no stray fonts
        self.editor.installEventFilter(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.editor, 1)
        self.act_bold.triggered.connect(self._bold)
        self.act_italic.triggered.connect(self._italic)
        self.act_bullets.triggered.connect(self._bullets)
        self.editor.textChanged.connect(self._text_changed)
        self.editor.cursorPositionChanged.connect(self._sync_buttons)
        self._loading = False
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.act_bold.setToolTip(self.tr("Bold (Ctrl+B)"))
        self.act_italic.setToolTip(self.tr("Italic (Ctrl+I)"))
        self.act_bullets.setToolTip(self.tr("Bulleted list"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.editor and event.type() == QEvent.Type.FocusOut:
            self.focus_lost.emit()
        return False

    def _merge(self, fmt: QTextCharFormat) -> None:
        cursor = self.editor.textCursor()
        if not cursor.hasSelection():
            cursor.select(cursor.SelectionType.WordUnderCursor)
        cursor.mergeCharFormat(fmt)
        self.editor.mergeCurrentCharFormat(fmt)

    def _bold(self, on: bool) -> None:
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold if on else QFont.Weight.Normal)
        self._merge(fmt)

    def _italic(self, on: bool) -> None:
        fmt = QTextCharFormat()
        fmt.setFontItalic(on)
        self._merge(fmt)

    def _bullets(self, on: bool) -> None:
        cursor = self.editor.textCursor()
        current = cursor.currentList()
        if on and current is None:
            cursor.createList(QTextListFormat.Style.ListDisc)
        elif not on and current is not None:
            block = cursor.block()
            current.remove(block)
            fmt = cursor.blockFormat()
            fmt.setIndent(0)
            cursor.setBlockFormat(fmt)
        self._text_changed()

    def _sync_buttons(self) -> None:
        fmt = self.editor.currentCharFormat()
        self.act_bold.setChecked(fmt.fontWeight() >= QFont.Weight.Bold)
        self.act_italic.setChecked(fmt.fontItalic())
        self.act_bullets.setChecked(self.editor.textCursor().currentList() is not None)

    def _text_changed(self) -> None:
        if not self._loading:
            self.changed.emit()

    def set_html(self, markup: str) -> None:
        self._loading = True
        if markup and "<" in markup:
            self.editor.setHtml(markup)
        else:
            self.editor.setPlainText(markup or "")
        self._loading = False

    def html(self) -> str:
        """Simple HTML: paragraphs, <b>, <i>, <ul><li> — no Qt style sheet."""
        return document_to_simple_html(self.editor.document())

    def plain_text(self) -> str:
        return self.editor.toPlainText()


def document_to_simple_html(document) -> str:
    """The document as the small HTML the dossier reads: ``<p>``, ``<b>``,
    ``<i>``, ``<ul><li>``; nothing else (no fonts, no styles)."""
    from html import escape

    out: list[str] = []
    in_list = False
    block = document.begin()
    while block.isValid():
        pieces = []
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid():
                text = escape(fragment.text()).replace("\u2028", "<br/>")
                fmt = fragment.charFormat()
                if fmt.fontItalic():
                    text = f"<i>{text}</i>"
                if fmt.fontWeight() >= QFont.Weight.Bold:
                    text = f"<b>{text}</b>"
                pieces.append(text)
            it += 1
        body = "".join(pieces)
        if block.textList() is not None:
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{body}</li>")
        else:
            if in_list:
                out.append("</ul>")
                in_list = False
            if body or block.next().isValid():
                out.append(f"<p>{body}</p>")
        block = block.next()
    if in_list:
        out.append("</ul>")
    result = "".join(out)
    return "" if result in ("<p></p>",) else result
