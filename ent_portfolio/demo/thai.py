"""Small Thai-text helpers the demo's drawn letters need: Thai digits, Buddhist
-era dates and line wrapping at word boundaries."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Callable

THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
# Marks that sit on the previous character: a line may never start with one.
_COMBINING = set("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")
# Leading vowels that belong to the following consonant: never end a line on one.
_LEADING = set("\u0e40\u0e41\u0e42\u0e43\u0e44")


def thai_digits(text: str) -> str:
    return text.translate(_DIGITS)


def buddhist_year(year: int) -> int:
    return year + 543


def thai_date(day: date, with_era_prefix: bool = True) -> str:
    """``20 กันยายน พ.ศ. 2567`` (or without the ``พ.ศ.`` as letters write it)."""
    era = "พ.ศ. " if with_era_prefix else ""
    return f"{day.day} {THAI_MONTHS[day.month - 1]} {era}{buddhist_year(day.year)}"


@lru_cache(maxsize=1)
def _segmenter() -> Callable[[str], list[str]]:
    try:
        from pythainlp.tokenize import word_tokenize
    except ImportError:  # pragma: no cover - pythainlp is a dependency
        return _clusters
    return lambda text: word_tokenize(text, engine="newmm", keep_whitespace=True)


def _clusters(text: str) -> list[str]:
    """Fallback: split into spaces and character clusters (a base character
    with its marks, a leading vowel with its consonant)."""
    out: list[str] = []
    for piece in re.split(r"(\s+)", text):
        if not piece:
            continue
        if piece.isspace() or not re.search("[\u0e00-\u0e7f]", piece):
            out.append(piece)
            continue
        cluster = ""
        for ch in piece:
            if cluster and ch not in _COMBINING and cluster[-1] not in _LEADING:
                out.append(cluster)
                cluster = ""
            cluster += ch
        if cluster:
            out.append(cluster)
    return out


def wrap_thai(text: str, font, width: float, first_line_indent: float = 0) -> list[str]:
    """Lines of ``text`` no wider than ``width`` (the first ``first_line_indent``
    narrower), broken only between words; no space is added at a break."""
    lines: list[str] = []
    current = ""
    limit = width - first_line_indent
    for token in _segmenter()(text):
        if not current and token.isspace():
            continue
        candidate = current + token
        if current and font.getlength(candidate.rstrip()) > limit:
            lines.append(current.rstrip())
            limit = width
            current = "" if token.isspace() else token
            # A single word wider than the line: break it into clusters.
            while current and font.getlength(current) > limit:
                head = ""
                for piece in _clusters(current):
                    if head and font.getlength(head + piece) > limit:
                        break
                    head += piece
                lines.append(head)
                current = current[len(head):]
        else:
            current = candidate
    if current.strip():
        lines.append(current.rstrip())
    return lines
