"""Search (Ctrl+F): every text of the portfolio, results grouped by record
kind; a click opens the record.  The query runs through the core's search
service (FTS5 trigram), off the UI thread.

A hit found only in the text read from a scan says so under its snippet:
the words are in the picture of a letter as OCR read it (a character may
be wrong), not in anything the lecturer typed."""

from __future__ import annotations

from ..services.search import search
from .qt import (
    QDialog,
    QEvent,
    QLabel,
    QLineEdit,
    Qt,
    QTimer,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)
from .thaiwrap import wrap_hints

TARGET_ROLE = Qt.ItemDataRole.UserRole


class SearchDialog(QDialog):
    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.resize(720, 560)
        layout = QVBoxLayout(self)
        self.query = QLineEdit()
        self.query.setObjectName("searchQuery")
        self.query.setClearButtonEnabled(True)
        self.status = QLabel()
        self.status.setObjectName("searchStatus")
        self.results = QTreeWidget()
        self.results.setObjectName("searchResults")
        self.results.setHeaderHidden(True)
        self.results.setWordWrap(False)
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.results.setUniformRowHeights(False)
        self.results.setAlternatingRowColors(True)
        self.results.setStyleSheet("QTreeWidget::item { padding: 4px 2px; }")
        layout.addWidget(self.query)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda _t: self._timer.start())
        self.query.returnPressed.connect(self.run_search)
        self.results.itemActivated.connect(self._open)
        self.results.itemClicked.connect(self._open)
        self._job = None
        self._last_groups = []
        context.portfolio_changed.connect(self.results.clear)
        self.retranslateUi()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Search"))
        self.query.setPlaceholderText(self.tr("Search titles, write-ups, partners, testimonials, captions…"))
        self._show(self._last_groups)

    def focus_query(self) -> None:
        self.query.setFocus()
        self.query.selectAll()

    def run_search(self) -> None:
        self._timer.stop()
        text = self.query.text().strip()
        if not text or self.context.portfolio is None:
            self._last_groups = []
            self._show([])
            return
        self.status.setText(self.tr("Searching…"))
        if self._job is not None:
            self._job.cancel()
        portfolio = self.context.portfolio
        job = self.context.jobs.start(lambda q, progress, cancel: search(portfolio, q), text)
        self._job = job
        job.succeeded.connect(lambda groups, j=job, q=text: self._finished(j, q, groups))
        job.failed.connect(self.context.report_error)

    def _finished(self, job, query: str, groups) -> None:
        if job is not self._job:
            return  # an older query answered late
        self._last_groups = groups
        self._show(groups)

    def _show(self, groups) -> None:
        self.results.clear()
        lang = self.context.language
        total = sum(len(g.hits) for g in groups)
        if not self.query.text().strip():
            self.status.setText(self.tr("Type a word: Thai words are found inside longer text too."))
        else:
            self.status.setText(self.tr("%n result(s)", "", total))
        for group in groups:
            head = QTreeWidgetItem([f"{group.label(lang)} ({len(group.hits)})"])
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.results.addTopLevelItem(head)
            for hit in group.hits:
                item = QTreeWidgetItem([_hit_text(hit, lang)])
                item.setData(0, TARGET_ROLE, hit.target)
                item.setToolTip(0, _hit_tooltip(hit, lang))
                head.addChild(item)
            head.setExpanded(True)

    def _open(self, item, _column=0) -> None:
        target = item.data(0, TARGET_ROLE)
        if target:
            self.context.navigate.emit(tuple(target))
            # Show where the words are: the page that opened selects them.
            window = self.parent()
            view = window.current_view() if hasattr(window, "current_view") else None
            if hasattr(view, "highlight"):
                view.highlight(self.query.text().strip())


def _hit_text(hit, lang: str = "th", title_chars: int = 80, snippet_chars: int = 100) -> str:
    """Two lines: the title, and the text around the match; a third under
    a hit inside a scan's recognised text, saying so."""
    def cut(text: str, limit: int) -> str:
        text = " ".join(text.split())
        return text if len(text) <= limit else text[: _cut_at(text, limit - 1)] + "…"

    title = cut(hit.title, title_chars)
    text = f"{title}\n{cut(hit.snippet, snippet_chars)}" if hit.snippet else title
    where = hit.where_found(lang)
    return f"{text}\n{where}" if where else text


def _cut_at(text: str, limit: int) -> int:
    """Where to shorten ``text`` to at most ``limit`` characters: after a
    space or at a Thai word boundary, never inside a word or between a
    letter and its marks (unless one word is longer than the limit)."""
    from ..typeset.segmentation import break_opportunities, cluster_boundaries

    fits = [p for p in break_opportunities(text) if p <= limit]
    if fits and fits[-1] >= limit // 2:
        return fits[-1]
    clusters = [p for p in cluster_boundaries(text, 0, limit + 1) if p <= limit]
    return clusters[-1] if clusters else limit


def _hit_tooltip(hit, lang: str = "th") -> str:
    """The whole title and text around the match, as rich text so that Qt
    wraps it, with Thai word boundaries marked (display only)."""
    from html import escape

    title = f"<b>{escape(wrap_hints(hit.title))}</b>"
    where = hit.where_found(lang)
    note = f"<br/><i>{escape(wrap_hints(where))}</i>" if where else ""
    return f"<p>{title}<br/>{escape(wrap_hints(hit.snippet))}{note}</p>" if hit.snippet else f"<p>{title}{note}</p>"
