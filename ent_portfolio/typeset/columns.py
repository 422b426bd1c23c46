"""Thai text in fixed-width columns: a terminal's help, a spreadsheet's cells.

A terminal or a spreadsheet counts characters, not points, and a Thai
vowel or tone mark above or below its consonant takes no column of its own.
Lines are broken only where the one Thai line breaker allows
(:func:`.segmentation.break_opportunities`): at a space or a word boundary,
never between the letters of a word, and no space is ever inserted.  The
paragraph is segmented once, whole; a caller that knows its breaks already
(the command line's help keeps them worked out ahead) passes them in."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from .segmentation import break_opportunities, fallback_breaks, is_combining

#: Where a paragraph may break: (soft breaks, the dictionary's plain
#: boundaries for a word wider than a line), offsets ascending.
ParagraphBreaks = tuple[tuple[int, ...], tuple[int, ...]]

_SARA_AM = "\u0e33"


def column_width(text: str) -> int:
    """The columns ``text`` takes: Thai marks above or below none (SARA AM,
    kept with its consonant, still has its ``า`` beside it), wide (CJK)
    characters two; of several lines, the widest."""
    def line_width(line: str) -> int:
        return sum(0 if is_combining(ch) and ch != _SARA_AM else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
                   for ch in line)
    return max((line_width(line) for line in text.split("\n")), default=0)


def segmenter_breaks(paragraph: str) -> ParagraphBreaks:
    """The breaks of ``paragraph`` as the segmenter finds them."""
    return break_opportunities(paragraph), fallback_breaks(paragraph)


def paragraph_text(text: str) -> str:
    """``text`` as :func:`wrap_columns` reads it: whitespace runs as one space."""
    return " ".join(text.split())


def wrap_columns(text: str, width: int,
                 breaks: Callable[[str], ParagraphBreaks] = segmenter_breaks) -> list[str]:
    """``text`` (one paragraph: its whitespace runs count as one space) in
    lines at most ``width`` columns wide where a break allows it.  A word
    wider than a line gets a line of its own, broken at the dictionary's
    boundaries inside it if it has any, else left whole.  ``breaks`` is
    asked for the paragraph's (:func:`paragraph_text`) breaks only when it
    does not fit on one line."""
    text = paragraph_text(text)
    if not text:
        return []
    width = max(1, width)
    if column_width(text) <= width:
        return [text]
    soft, inside_words = breaks(text)
    lines: list[str] = []
    start = 0
    while start < len(text):
        rest = text[start:]
        if column_width(rest) <= width:
            lines.append(rest)
            break
        ends = [p - start for p in soft if start < p < len(text)]
        fitting = [p for p in ends if column_width(rest[:p].rstrip()) <= width]
        if not fitting:
            inside = [p - start for p in inside_words if start < p < len(text)]
            fitting = [p for p in inside if column_width(rest[:p].rstrip()) <= width][-1:] or ends[:1] or inside[:1]
        cut = fitting[-1] if fitting else len(rest)
        lines.append(rest[:cut].rstrip())
        start += cut
        while start < len(text) and text[start] == " ":
            start += 1
    return lines
