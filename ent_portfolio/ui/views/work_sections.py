"""The write-up of a work: its headings (from the template) beside a
rich-text editor, with a word count per heading.

The pane keeps the texts as typed; saving them is the work editor's (it
autosaves them with the work's fields), so the pane only tells it which
section changed.
"""

from __future__ import annotations

from typing import Any

from ..qt import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ..textutil import word_count
from ..thaiwrap import ThaiWrapLabel, wrap_hints
from ..widgets.fields import RichTextEdit


class SectionsPane(QWidget):
    """The write-up headings (from the template) and a rich-text editor with
    a word count per heading."""

    edited = Signal(str)  # key

    def __init__(self, editor: QWidget) -> None:
        """``editor`` is the work editor holding the pane: the pane reads its
        ``context`` and ``tabs`` and calls its ``save_now`` and
        ``mark_section_dirty``."""
        super().__init__(editor)
        self.editor = editor
        layout = QHBoxLayout(self)
        splitter = QSplitter()
        self.list = QListWidget()
        self.list.setObjectName("sectionList")
        self.list.setWordWrap(True)
        self.list.setMinimumWidth(260)
        right = QWidget()
        rlayout = QVBoxLayout(right)
        rlayout.setContentsMargins(0, 0, 0, 0)
        self.heading = ThaiWrapLabel()
        self.heading.setObjectName("sectionHeading")
        self.heading.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.guidance = ThaiWrapLabel()
        self.guidance.setStyleSheet("color: #555;")
        self.text = RichTextEdit()
        self.text.setObjectName("sectionText")
        self.count = QLabel()
        self.count.setObjectName("wordCount")
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight)
        rlayout.addWidget(self.heading)
        rlayout.addWidget(self.guidance)
        rlayout.addWidget(self.text, 1)
        rlayout.addWidget(self.count)
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 800])
        layout.addWidget(splitter)
        self.templates: list = []
        self.contents: dict[str, str] = {}
        self.counts: dict[str, int] = {}
        self.current_key: str | None = None
        self.list.currentRowChanged.connect(self._show_row)
        self.text.changed.connect(self._changed)
        self.text.focus_lost.connect(editor.save_now)
        self._count_timer = QTimer(self, singleShot=True, interval=300)
        self._count_timer.timeout.connect(self._recount)

    def load(self, sections: list[tuple[Any, str]]) -> None:
        self.templates = [t for t, _ in sections]
        self.contents = {t.key: c for t, c in sections}
        self.counts = {}
        row = max(self.list.currentRow(), 0)
        self.list.blockSignals(True)
        self.list.clear()
        for t in self.templates:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, t.key)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._relabel()
        if self.templates:
            self.list.setCurrentRow(min(row, len(self.templates) - 1))
            self._show_row(self.list.currentRow())

    def _title(self, t) -> str:
        return t.title_th if self.editor.context.language == "th" or not t.title_en else t.title_en

    def _relabel(self) -> None:
        for n, t in enumerate(self.templates):
            count = self.counts.get(t.key)
            if count is None:
                from ...services.search import plain_text

                count = self.counts[t.key] = word_count(plain_text(self.contents.get(t.key, "")))
            item = self.list.item(n)
            item.setText(wrap_hints(f"{n + 1}. {self._title(t)}") + "\n" + self.tr("%n word(s)", "", count))

    def _show_row(self, row: int) -> None:
        if not (0 <= row < len(self.templates)):
            return
        self.editor.save_now()
        t = self.templates[row]
        self.current_key = t.key
        self.heading.setText(f"{row + 1}. {self._title(t)}")
        self._show_guidance(t)
        self.text.set_html(self.contents.get(t.key, ""))
        self._recount()

    def select_key(self, key: str) -> None:
        for n, t in enumerate(self.templates):
            if t.key == key:
                self.list.setCurrentRow(n)
                self.text.editor.setFocus()
                return

    def highlight(self, text: str) -> bool:
        """Select the first ``text`` in the section shown and scroll to it
        (Thai words are found inside unspaced text)."""
        if not text or self.current_key is None or self.editor.tabs.currentWidget() is not self:
            return False
        edit = self.text.editor
        cursor = edit.textCursor()
        cursor.movePosition(cursor.MoveOperation.Start)
        edit.setTextCursor(cursor)
        found = edit.find(text)
        if found:
            edit.ensureCursorVisible()
        return found

    def _changed(self) -> None:
        if self.current_key is None:
            return
        self.editor.mark_section_dirty(self.current_key)
        self._count_timer.start()

    def _recount(self) -> None:
        if self.current_key is None:
            return
        count = word_count(self.text.plain_text())
        self.counts[self.current_key] = count
        self.count.setText(self.tr("%n word(s)", "", count))
        self._relabel()

    def retranslate(self) -> None:
        self._relabel()
        row = self.list.currentRow()
        if 0 <= row < len(self.templates):
            t = self.templates[row]
            self.heading.setText(f"{row + 1}. {self._title(t)}")
            self._show_guidance(t)
            self._recount()

    def _show_guidance(self, t) -> None:
        guidance = t.guidance_th if self.editor.context.language == "th" or not t.guidance_en else t.guidance_en
        self.guidance.setText(guidance)
        self.guidance.setVisible(bool(guidance))
