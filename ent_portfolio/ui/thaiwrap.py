"""Thai line wrapping in the windows.

Thai is written without spaces between words, so a wrapped line may only
end where a word ends — and only a dictionary knows where that is.  Qt has
no Thai dictionary of its own: on Linux it asks libthai when that library
is installed, on Windows and macOS it has nothing and cuts a long Thai run
anywhere, in the middle of a word.  Where libthai is used it decides by its
own dictionary, which differs from the core's segmenter (it cuts place
names such as ห้วยยาบ as ห้วยยา|บ).

Two tools, for display strings only — never for editable fields or values
saved through the services:

* :func:`wrap_hints` puts U+200B ZERO WIDTH SPACE at the word boundaries of
  the core's segmenter, only between two Thai characters: Qt may break
  there and draws nothing.  For item views and tooltips (list items,
  delegates), whose wrapping Qt does itself.  Where libthai is present Qt
  still adds libthai's own break opportunities: hints add good breaks, they
  cannot remove bad ones.
* :class:`ThaiWrapLabel` is a word-wrapped plain-text label that decides its
  lines itself with the segmenter (:func:`break_lines`), preferring a space
  (Thai separates phrases with spaces) over a word boundary late in the
  line, and hands Qt lines that already fit: the same lines on every
  platform.  ``text()`` gives back the text as set.

Both keep the displayed string apart from the data: :func:`strip_hints`
removes hints from anything read back from a widget.  A label with hints is
never made selectable (a copy would carry the invisible characters).

The segmenter (PyThaiNLP, about half a second to load) is imported on the
first call with Thai text and its results are cached (see
:mod:`ent_portfolio.typeset.segmentation`); the program loads it in the
background at start-up.
"""

from __future__ import annotations

import functools
import math
import threading
from collections.abc import Callable

from .qt import QFontMetricsF, QLabel, QObject, QSize, Qt, Signal

ZWSP = "\u200b"
#: A space break is taken over a later word boundary when the line it ends
#: is at least this share of the available width.
PREFER_SPACE = 0.6

_seg = None


def _segmentation():
    global _seg
    if _seg is None:
        from ..typeset import segmentation

        _seg = segmentation
    return _seg


class _Notifier(QObject):
    loaded = Signal()


_notifier: _Notifier | None = None
_loading = False
#: Set while the app builds its first window (ui/start_up_work.py): the segmenter's load would slow that.
hold_background_load = False


def _ready_signal() -> _Notifier:
    global _notifier
    if _notifier is None:
        _notifier = _Notifier()
    return _notifier


def segmenter_ready() -> bool:
    """True once the segmenter's dictionary is loaded (calls are then quick)."""
    return _segmentation().segmenter_loaded()


def load_segmenter_in_background() -> None:
    """Load the segmenter on a thread of its own (once); labels waiting
    for it wrap again when it is there.  The window never waits for it."""
    global _loading
    if _loading or hold_background_load or segmenter_ready():
        return
    _loading = True
    notifier = _ready_signal()

    def load() -> None:
        try:
            _segmentation().preload()
            from ..typeset import layout  # noqa: F401 - the line breaker's fonts, imported here, not on first wrap
        finally:
            notifier.loaded.emit()  # queued to the main thread

    threading.Thread(target=load, name="ent-segmenter", daemon=True).start()


def _has_thai(text: str) -> bool:
    return any("\u0e00" <= ch <= "\u0e7f" for ch in text)


def strip_hints(text: str | None) -> str:
    """``text`` without the hints :func:`wrap_hints` added."""
    return (text or "").replace(ZWSP, "")


def thai_breaks(text: str) -> tuple[int, ...]:
    """Offsets inside ``text`` where a line may start between two Thai
    characters (a word boundary of the segmenter; never before a mark,
    SARA AM, ๆ or ฯ — the segmenter's line-break rules)."""
    if not _has_thai(text):
        return ()
    seg = _segmentation()
    return tuple(p for p in seg.break_opportunities(text) if seg.is_thai(text[p - 1]) and seg.is_thai(text[p]))


@functools.lru_cache(maxsize=4096)
def wrap_hints(text: str) -> str:
    """``text`` with a ZERO WIDTH SPACE at each Thai word boundary: a
    display string for a wrapped item or tooltip.  Idempotent."""
    if not text:
        return text or ""
    text = strip_hints(text)
    cuts = thai_breaks(text)
    if not cuts:
        return text
    parts, last = [], 0
    for pos in cuts:
        parts.append(text[last:pos])
        last = pos
    parts.append(text[last:])
    return ZWSP.join(parts)


def break_lines(text: str, measure: Callable[[str], float], width: float,
                prefer_space: float = PREFER_SPACE) -> list[str]:
    """Cut ``text`` into lines no wider than ``width`` (as ``measure``
    says) with the dossier's line breaker
    (:func:`ent_portfolio.typeset.layout.layout_lines`): after spaces, at
    Thai word boundaries of the segmenter, or — for a word longer than the
    line — between grapheme clusters.  Newlines are kept as forced breaks;
    spaces at a break are dropped."""
    from ..typeset.layout import MeasuredText, layout_lines

    text = strip_hints(text)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if not paragraph or width <= 0 or measure(paragraph) <= width:
            lines.append(paragraph)
            continue
        laid = layout_lines(MeasuredText(paragraph, measure), width, prefer_space=prefer_space)
        lines.extend(line.text for line in laid)
    return lines


class ThaiWrapLabel(QLabel):
    """A word-wrapped plain-text label whose lines end only between words
    (the core's segmenter), the same on every platform."""

    def __init__(self, text: str = "", parent=None, line_height: int = 100) -> None:
        super().__init__(parent)
        self._source = ""
        self._shown: str | None = None
        self._line_height = line_height
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText if line_height == 100 else Qt.TextFormat.RichText)
        _ready_signal().loaded.connect(self._segmenter_loaded)
        self.setText(text)

    def _segmenter_loaded(self) -> None:
        self._shown = None
        self._apply(self.width())
        self.updateGeometry()

    def _waiting(self) -> bool:
        """True while Thai text waits for the segmenter: Qt wraps meanwhile."""
        if _has_thai(self._source) and not segmenter_ready():
            load_segmenter_in_background()
            return True
        return False

    def setLineHeight(self, percent: int) -> None:  # noqa: N802 - Qt style
        """Space the lines ``percent`` % of the font's height apart: Thai
        marks above and below need more room than Qt's default (the lines
        of a bold title touch otherwise)."""
        self._line_height = percent
        self.setTextFormat(Qt.TextFormat.PlainText if percent == 100 else Qt.TextFormat.RichText)
        self._shown = None
        self._apply(self.width())
        self.updateGeometry()

    # The text as set, without the line breaks this label adds.
    def text(self) -> str:  # noqa: D102 - QLabel's
        return self._source

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._source = strip_hints(text)
        self._apply(self.width())
        self.updateGeometry()

    def shown_text(self) -> str:
        """The text with the line breaks as drawn."""
        return self._shown if self._shown is not None else self._source

    def _text_width(self, width: int) -> float:
        margins = self.contentsMargins()
        indent = max(self.indent(), 0)
        return width - margins.left() - margins.right() - 2 * self.margin() - indent - 1

    def wrapped(self, width: int) -> str:
        """The text cut into lines for a label ``width`` pixels wide."""
        available = self._text_width(width)
        if available <= 0 or not self._source or self._waiting():
            return self._source
        metrics = QFontMetricsF(self.font())
        return "\n".join(break_lines(self._source, metrics.horizontalAdvance, available))

    def _apply(self, width: int) -> None:
        shown = self.wrapped(width) if width > 0 else self._source
        if shown == self._shown:
            return
        self._shown = shown
        if self._line_height == 100:
            QLabel.setText(self, shown)
        else:
            from html import escape

            lines = "<br/>".join(escape(line) for line in shown.split("\n"))
            QLabel.setText(self, f'<div style="line-height: {self._line_height}%;">{lines}</div>')

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._apply(event.size().width())
        super().resizeEvent(event)

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        if self._waiting():
            return super().heightForWidth(width)
        lines = self.wrapped(width).count("\n") + 1 if self._source else 0
        metrics = QFontMetricsF(self.font())
        margins = self.contentsMargins()
        spacing = max(metrics.lineSpacing(), metrics.height() * self._line_height / 100)
        return math.ceil(lines * spacing) + margins.top() + margins.bottom() + 2 * self.margin()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        # From the text as set, never from the lines shown now (which would
        # keep a label that was once narrow, narrow).
        if not self._source:
            return super().sizeHint()
        metrics = QFontMetricsF(self.font())
        margins = self.contentsMargins()
        extra = margins.left() + margins.right() + 2 * self.margin() + max(self.indent(), 0) + 2
        natural = max(metrics.horizontalAdvance(p) for p in self._source.split("\n"))
        width = math.ceil(min(natural, metrics.averageCharWidth() * 80)) + extra
        width = min(width, self.maximumWidth())
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        # Never as wide as the longest line shown now: the label may narrow.
        hint = super().minimumSizeHint()
        metrics = QFontMetricsF(self.font())
        width = min(hint.width(), math.ceil(metrics.averageCharWidth() * 12))
        return QSize(width, math.ceil(metrics.lineSpacing()) if self._source else hint.height())

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        from .qt import QEvent

        if event.type() == QEvent.Type.FontChange:
            self._apply(self.width())
