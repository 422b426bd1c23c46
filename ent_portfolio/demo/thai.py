"""Small Thai-text helpers the demo's drawn letters need: Thai digits, Buddhist
-era dates and line wrapping at word boundaries."""

from __future__ import annotations

from datetime import date

THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def thai_digits(text: str) -> str:
    return text.translate(_DIGITS)


def buddhist_year(year: int) -> int:
    return year + 543


def thai_date(day: date, with_era_prefix: bool = True) -> str:
    """``20 กันยายน พ.ศ. 2567`` (or without the ``พ.ศ.`` as letters write it)."""
    era = "พ.ศ. " if with_era_prefix else ""
    return f"{day.day} {THAI_MONTHS[day.month - 1]} {era}{buddhist_year(day.year)}"


def wrap_thai(text: str, font, width: float, first_line_indent: float = 0) -> list[str]:
    """Lines of ``text`` no wider than ``width`` (the first ``first_line_indent``
    narrower), broken only where the dossier's typesetter would break them
    (between words; no space is added at a break, spaces at a break are
    dropped).  A word wider than a line is cut between character clusters."""
    from ..typeset.segmentation import break_opportunities, cluster_boundaries

    lines: list[str] = []
    start = 0
    limit = width - first_line_indent
    stops = [*break_opportunities(text), len(text)]
    while start < len(text):
        end = None
        for stop in stops:
            if stop <= start:
                continue
            if font.getlength(text[start:stop].rstrip()) > limit:
                break
            end = stop
        if end is None:  # not even one word fits: cut it between clusters
            end = start + 1
            for cut in cluster_boundaries(text, start):
                if font.getlength(text[start:cut]) > limit:
                    break
                end = cut
        lines.append(text[start:end].rstrip())
        start = end
        while start < len(text) and text[start] == " ":
            start += 1
        limit = width
    return lines
