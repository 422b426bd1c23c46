"""Thai and English dates for people (Buddhist era in Thai)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from ent_portfolio.typeset.dates import (
    THAI_MONTHS,
    THAI_MONTHS_SHORT,
    buddhist_year,
    format_date,
    format_period,
    format_year,
)

D = dt.date(2026, 11, 24)


def test_thai_styles():
    assert format_date(D) == "24 พฤศจิกายน 2569"
    assert format_date(D, "th", "short") == "24 พ.ย. 2569"
    assert format_date(D, "th", "month_year") == "พฤศจิกายน 2569"
    assert format_date(D, "th", "year") == "2569"


def test_english_styles():
    assert format_date(D, "en") == "24 November 2026"
    assert format_date(D, "en", "short") == "24 Nov 2026"
    assert format_date(D, "en", "month_year") == "November 2026"
    assert format_date(D, lang="en", style="year") == "2026"


def test_every_month_and_buddhist_era():
    assert len(THAI_MONTHS) == len(THAI_MONTHS_SHORT) == 12
    assert [format_date(dt.date(2024, m, 1), style="short").split()[1] for m in range(1, 13)] == [
        "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
    ]
    assert format_date(dt.date(2024, 2, 29)) == "29 กุมภาพันธ์ 2567"
    assert buddhist_year(D) == 2569
    assert buddhist_year(2026) == 2569
    assert buddhist_year(None) is None
    assert format_year(2026) == "2569" and format_year(2026, "en") == "2026" and format_year(None) == ""


def test_inputs_none_strings_datetimes():
    assert format_date(None) == "" and format_date(None, "en", "short") == ""
    assert format_date("2026-11-24") == "24 พฤศจิกายน 2569"
    assert format_date("2026-11-24T09:30:00") == "24 พฤศจิกายน 2569"
    assert format_date(dt.datetime(2026, 1, 5, 8, 0)) == "5 มกราคม 2569"
    with pytest.raises(ValueError):
        format_date("24/11/2026")
    with pytest.raises(ValueError):
        format_date(D, "fr")
    with pytest.raises(ValueError):
        format_date(D, style="full")
    with pytest.raises(TypeError):
        format_date(20261124)


def test_periods():
    a, b = dt.date(2025, 6, 1), dt.date(2026, 11, 24)
    assert format_period(a, b) == "1 มิถุนายน 2568 – 24 พฤศจิกายน 2569"
    assert format_period(a, b, "en", "short") == "1 Jun 2025 – 24 Nov 2026"
    assert format_period(a, None) == "1 มิถุนายน 2568 – ปัจจุบัน"
    assert format_period(a, None, "en") == "1 June 2025 – present"
    assert format_period(None, b) == "– 24 พฤศจิกายน 2569"
    assert format_period(None, None) == ""
    assert format_period(a, a) == "1 มิถุนายน 2568"
    assert format_period(dt.date(2026, 1, 1), dt.date(2026, 3, 31), style="month_year") == "มกราคม – มีนาคม 2569"
    assert format_period(dt.date(2026, 1, 1), dt.date(2026, 3, 31), "en", "month_year") == "January – March 2026"
    assert format_period(dt.date(2026, 3, 1), dt.date(2026, 3, 31), style="month_year") == "มีนาคม 2569"
    assert format_period(dt.date(2025, 11, 1), dt.date(2026, 2, 1), style="month_year") == (
        "พฤศจิกายน 2568 – กุมภาพันธ์ 2569"
    )


def test_dates_module_is_pure():
    code = (
        "import sys\n"
        "from ent_portfolio.typeset.dates import format_date\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('pythainlp', 'reportlab', 'PySide6')]\n"
        "assert not bad, bad\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
