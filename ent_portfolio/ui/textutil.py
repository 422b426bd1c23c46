"""Dates in the user's language and word counts, for the windows.

Dates are the typesetter's (:mod:`ent_portfolio.typeset.dates`), so the
windows and the PDF write them the same way; Thai words are counted with the
typesetter's segmenter (loaded lazily: it takes a moment the first time)."""

from __future__ import annotations

import datetime as _dt
import re

from ..typeset import dates as _dates


def format_date(value, lang: str = "th", style: str = "short") -> str:
    if isinstance(value, _dt.datetime):
        value = value.date()
    return _dates.format_date(value, lang, style)


def display_year(year: int | None, lang: str) -> str:
    return _dates.format_year(year, lang)


_WORDLIKE = re.compile(r"\w", re.UNICODE)


def word_count(text: str) -> int:
    """Words in ``text``: Thai split by the segmenter, other scripts by spaces."""
    text = (text or "").strip()
    if not text:
        return 0
    if not re.search("[\u0e00-\u0e7f]", text):
        return len(text.split())
    from ..typeset.segmentation import segment

    return sum(1 for token in segment(text) if _WORDLIKE.search(token))
