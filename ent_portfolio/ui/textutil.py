"""Dates in the user's language and word counts, for the windows.

Dates come from :mod:`ent_portfolio.typeset.dates` (the same as the PDF)
when it is there; a small local copy keeps the windows working without it.
Thai words are counted with the typesetter's segmenter, else pythainlp's
``word_tokenize`` (imported lazily: it takes a moment the first time)."""

from __future__ import annotations

import datetime as _dt
import re

THAI_MONTHS = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
               "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")
THAI_MONTHS_SHORT = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
                     "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")
EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July",
             "August", "September", "October", "November", "December")
BE_OFFSET = 543


def format_date(value, lang: str = "th", style: str = "short") -> str:
    if value is None:
        return ""
    if isinstance(value, _dt.datetime):
        value = value.date()
    try:
        from ..typeset.dates import format_date as typeset_format_date

        return typeset_format_date(value, lang, style)
    except ImportError:
        pass
    if lang == "th":
        months = THAI_MONTHS_SHORT if style == "short" else THAI_MONTHS
        if style == "month_year":
            return f"{months[value.month - 1]} {value.year + BE_OFFSET}"
        return f"{value.day} {months[value.month - 1]} {value.year + BE_OFFSET}"
    month = EN_MONTHS[value.month - 1]
    if style == "month_year":
        return f"{month} {value.year}"
    return f"{value.day} {month[:3] if style == 'short' else month} {value.year}"


def display_year(year: int | None, lang: str) -> str:
    if year is None:
        return ""
    return str(year + BE_OFFSET if lang == "th" else year)


_WORDLIKE = re.compile(r"\w", re.UNICODE)
_segment = None


def _segmenter():
    global _segment
    if _segment is None:
        try:
            from ..typeset.segmentation import segment

            _segment = segment
        except ImportError:
            from pythainlp.tokenize import word_tokenize

            _segment = lambda text: word_tokenize(text, keep_whitespace=False)  # noqa: E731
    return _segment


def word_count(text: str) -> int:
    """Words in ``text``: Thai split by the segmenter, other scripts by spaces."""
    text = (text or "").strip()
    if not text:
        return 0
    if not re.search("[\u0e00-\u0e7f]", text):
        return len(text.split())
    return sum(1 for token in _segmenter()(text) if _WORDLIKE.search(token))
