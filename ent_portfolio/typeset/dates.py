"""Dates for people: Thai (Buddhist era, Thai month names) and English.

Pure Python, no third-party imports, safe to use from the UI.  Data keeps
ISO dates; these functions only format them.

>>> import datetime as dt
>>> format_date(dt.date(2026, 11, 24))
'24 พฤศจิกายน 2569'
>>> format_date(dt.date(2026, 11, 24), style="short")
'24 พ.ย. 2569'
>>> format_date(dt.date(2026, 11, 24), lang="en")
'24 November 2026'

``None`` (an unknown date) formats as ``""``; :func:`format_period` shows
an open end as ``ปัจจุบัน`` / ``present``.  Strings in ISO form
(``"2026-11-24"``, or a datetime ``"2026-11-24T10:00:00"``) are accepted
wherever a date is.
"""

from __future__ import annotations

import datetime as _dt

__all__ = [
    "BE_OFFSET",
    "THAI_MONTHS",
    "THAI_MONTHS_SHORT",
    "ENGLISH_MONTHS",
    "ENGLISH_MONTHS_SHORT",
    "buddhist_year",
    "format_date",
    "format_period",
    "format_year",
]

#: Buddhist era = Common era + 543.
BE_OFFSET = 543

THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
THAI_MONTHS_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)
ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
ENGLISH_MONTHS_SHORT = tuple(m[:3] for m in ENGLISH_MONTHS)

STYLES = ("long", "short", "month_year", "year")
_PRESENT = {"th": "ปัจจุบัน", "en": "present"}
_DASH = "\u2013"  # en dash between the ends of a period



def _as_date(d) -> _dt.date | None:
    if d is None or d == "":
        return None
    if isinstance(d, _dt.datetime):
        return d.date()
    if isinstance(d, _dt.date):
        return d
    if isinstance(d, str):
        s = d.strip()
        try:
            return _dt.date.fromisoformat(s[:10])
        except ValueError:
            raise ValueError(f"not an ISO date: {d!r}") from None
    raise TypeError(f"expected a date, got {type(d).__name__}")


def _check_lang(lang: str) -> str:
    if lang not in ("th", "en"):
        raise ValueError(f"unknown language {lang!r} (use 'th' or 'en')")
    return lang


def buddhist_year(d) -> int | None:
    """The Buddhist-era year of ``d`` (CE + 543), or ``None`` for ``None``.

    An ``int`` is taken as a CE year.
    """
    if isinstance(d, int) and not isinstance(d, bool):
        return d + BE_OFFSET
    date = _as_date(d)
    return None if date is None else date.year + BE_OFFSET


def format_year(year: int | None, lang: str = "th") -> str:
    """A CE year as people write it: ``2569`` in Thai, ``2026`` in English."""
    _check_lang(lang)
    if year is None:
        return ""
    return str(year + BE_OFFSET if lang == "th" else year)


def format_date(d, lang: str = "th", style: str = "long") -> str:
    """Format a date for people.

    ==============  ======================  ==================
    style           ``lang="th"``           ``lang="en"``
    ==============  ======================  ==================
    ``long``        ``24 พฤศจิกายน 2569``     ``24 November 2026``
    ``short``       ``24 พ.ย. 2569``          ``24 Nov 2026``
    ``month_year``  ``พฤศจิกายน 2569``        ``November 2026``
    ``year``        ``2569``                ``2026``
    ==============  ======================  ==================

    Thai uses the Buddhist era.  ``None`` gives ``""``.
    """
    _check_lang(lang)
    if style not in STYLES:
        raise ValueError(f"unknown date style {style!r} (one of {', '.join(STYLES)})")
    date = _as_date(d)
    if date is None:
        return ""
    m = date.month - 1
    if lang == "th":
        year = date.year + BE_OFFSET
        long_month, short_month = THAI_MONTHS[m], THAI_MONTHS_SHORT[m]
    else:
        year = date.year
        long_month, short_month = ENGLISH_MONTHS[m], ENGLISH_MONTHS_SHORT[m]
    if style == "long":
        return f"{date.day} {long_month} {year}"
    if style == "short":
        return f"{date.day} {short_month} {year}"
    if style == "month_year":
        return f"{long_month} {year}"
    return str(year)


def format_period(start, end, lang: str = "th", style: str = "long") -> str:
    """Format the period from ``start`` to ``end``.

    ``24 พฤศจิกายน 2569 – 3 มกราคม 2570``; an open end (``end`` is ``None``)
    reads ``… – ปัจจุบัน`` / ``… – present``; an unknown start gives just the
    end (``– 3 มกราคม 2570``); both ``None`` give ``""``.  Equal ends give one
    date.  With ``style="month_year"`` a period within one year is written
    ``มกราคม – มีนาคม 2569`` / ``January – March 2026``.
    """
    _check_lang(lang)
    a, b = _as_date(start), _as_date(end)
    if a is None and b is None:
        return ""
    if a is None:
        return f"{_DASH} {format_date(b, lang, style)}"
    if b is None:
        return f"{format_date(a, lang, style)} {_DASH} {_PRESENT[lang]}"
    if style == "month_year" and (a.year, a.month) == (b.year, b.month):
        return format_date(a, lang, style)
    if a == b:
        return format_date(a, lang, style)
    if style == "month_year" and a.year == b.year:
        months = THAI_MONTHS if lang == "th" else ENGLISH_MONTHS
        return f"{months[a.month - 1]} {_DASH} {format_date(b, lang, style)}"
    return f"{format_date(a, lang, style)} {_DASH} {format_date(b, lang, style)}"
