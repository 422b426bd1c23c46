"""Dates and years as Thai people type them, kept with how precise they are.

Reading (``domain.fields.parse_thai_date``) and writing
(``typeset.dates.format_at`` / ``format_period``) must agree: whatever the
app writes, it reads back.  A period given in months travels through the
database (with its migration), the archive and the PDF as months."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ent_portfolio.archive import export_archive, import_archive, read_archive_document
from ent_portfolio.domain import models as m
from ent_portfolio.domain.fields import FIRST_YEAR, LAST_YEAR, coerce, parse_date, parse_thai_date
from ent_portfolio.domain.thai_calendar import DAY, MONTH, PRECISIONS, YEAR, end_of, start_of
from ent_portfolio.errors import UserError, ValidationError
from ent_portfolio.services import Services
from ent_portfolio.storage.portfolio import DATABASE_NAME, Portfolio
from ent_portfolio.typeset.dates import format_at, format_period
from tests.pdftools import pdftotext

D = dt.date


# --- reading ------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "expected"), [
    ("2566", (D(2023, 1, 1), YEAR)),
    ("15/10/2566", (D(2023, 10, 15), DAY)),
    ("15-10-2566", (D(2023, 10, 15), DAY)),
    ("15.10.2566", (D(2023, 10, 15), DAY)),
    ("5/1/2567", (D(2024, 1, 5), DAY)),
    ("15 ต.ค. 2566", (D(2023, 10, 15), DAY)),
    ("15 ต.ค.2566", (D(2023, 10, 15), DAY)),
    ("15 ตค 2566", (D(2023, 10, 15), DAY)),
    ("15 ตุลาคม 2566", (D(2023, 10, 15), DAY)),
    ("วันที่ 15 ตุลาคม พ.ศ. 2566", (D(2023, 10, 15), DAY)),
    ("๑๕/๑๐/๒๕๖๖", (D(2023, 10, 15), DAY)),
    ("15/10/66", (D(2023, 10, 15), DAY)),
    ("29 ก.พ. 2567", (D(2024, 2, 29), DAY)),
    ("มิ.ย. 2566", (D(2023, 6, 1), MONTH)),
    ("มิถุนายน 2566", (D(2023, 6, 1), MONTH)),
    ("เดือนมิถุนายน 2566", (D(2023, 6, 1), MONTH)),
    ("6/2566", (D(2023, 6, 1), MONTH)),
    ("พ.ศ. 2566", (D(2023, 1, 1), YEAR)),
    ("ปี 2566", (D(2023, 1, 1), YEAR)),
    ("๒๕๖๖", (D(2023, 1, 1), YEAR)),
    ("2023-10-15", (D(2023, 10, 15), DAY)),
    ("2023-10", (D(2023, 10, 1), MONTH)),
    ("2023", (D(2023, 1, 1), YEAR)),
    ("ค.ศ. 2023", (D(2023, 1, 1), YEAR)),
    ("15 Oct 2023", (D(2023, 10, 15), DAY)),
    ("15 October 2023", (D(2023, 10, 15), DAY)),
    ("October 15, 2023", (D(2023, 10, 15), DAY)),
    ("Sept 2023", (D(2023, 9, 1), MONTH)),
    ("  15 / 10 / 2566  ".replace(" / ", "/"), (D(2023, 10, 15), DAY)),
])
def test_what_thai_people_type_is_read(typed, expected):
    assert parse_thai_date(typed) == expected


@pytest.mark.parametrize(("typed", "key"), [
    ("31/02/2566", "error.date_no_such_day"),
    ("30 ก.พ. 2567", "error.date_no_such_day"),
    ("0/10/2566", "error.date_no_such_day"),
    ("32/1/2566", "error.date_no_such_day"),
    ("15/13/2566", "error.date_no_such_month"),
    ("13/2566", "error.date_no_such_month"),
    ("0", "error.date_year_out_of_range"),
    ("0000", "error.date_year_out_of_range"),
    ("1/1/0", "error.date_year_out_of_range"),
    ("15/10/1899", "error.date_year_out_of_range"),
    ("2999", "error.date_year_out_of_range"),
    ("พ.ศ. 2023", "error.date_year_out_of_range"),
    ("566", "error.date_year_out_of_range"),
    ("hello", "error.date_not_understood"),
    ("", "error.date_not_understood"),
    ("ปีหน้า", "error.date_not_understood"),
    ("15 ตุลา 2566", "error.date_not_understood"),
    ("15//10/2566", "error.date_not_understood"),
    ("15/10/2566/1", "error.date_not_understood"),
    ("1e5", "error.date_not_understood"),
    ("พ.ศ. 2566 ค.ศ. 2023", "error.date_not_understood"),
    ("٢٠٢٣", "error.date_not_understood"),  # other scripts' digits are not Thai ones
    ("\ud800", "error.date_not_understood"),
    ("2" * 5000, "error.date_not_understood"),
    ("12\x00/10/2566", "error.date_not_understood"),
])
def test_what_is_not_a_date_is_a_sentence(typed, key):
    with pytest.raises(ValidationError) as caught:
        parse_thai_date(typed)
    assert caught.value.key == key
    thai = caught.value.message("th")
    assert thai.endswith("ไม่มีการเปลี่ยนแปลงใด ๆ") and "{" not in thai
    assert caught.value.message("en").endswith("Nothing was changed.")


def test_a_two_digit_year_is_buddhist_era_in_thai_and_refused_in_english():
    assert parse_thai_date("15/10/66", lang="th") == (D(2023, 10, 15), DAY)
    with pytest.raises(ValidationError) as caught:
        parse_thai_date("15/10/23", lang="en")
    assert caught.value.key == "error.date_year_two_digits"
    # four digits mean the same in either interface
    assert parse_thai_date("15/10/2566", lang="en") == parse_thai_date("15/10/2023", lang="th")


def test_the_sentence_names_the_day_the_month_lacks():
    with pytest.raises(ValidationError) as caught:
        parse_thai_date("31/02/2566")
    assert "31" in caught.value.message("th") and "กุมภาพันธ์ 2566" in caught.value.message("th")
    assert "February 2023" in caught.value.message("en")


def test_a_day_column_takes_typed_days_and_refuses_a_month_alone():
    assert coerce(m.Work, "start_date", "15/10/2566") == D(2023, 10, 15)
    assert coerce(m.Work, "start_date", "2566-10-15") == D(2023, 10, 15)  # a Buddhist-era ISO date
    assert coerce(m.Work, "start_date", "2023-10-15") == D(2023, 10, 15)
    assert parse_date("1850-01-01", "x") == D(1850, 1, 1)  # ISO stays as it was: old archives still import
    with pytest.raises(ValidationError) as caught:
        coerce(m.Work, "start_date", "ต.ค. 2566")
    assert caught.value.key == "error.date_needs_day"
    with pytest.raises(ValidationError) as caught:
        coerce(m.Work, "start_precision", "week")
    assert "week" in caught.value.message("en")


_DATES = st.dates(min_value=D(FIRST_YEAR, 1, 1), max_value=D(LAST_YEAR, 12, 31))


@settings(max_examples=60, deadline=None)
@given(day=_DATES, precision=st.sampled_from(PRECISIONS), lang=st.sampled_from(["th", "en"]),
       style=st.sampled_from(["short", "long"]))
def test_whatever_is_written_reads_back_at_its_precision(day, precision, lang, style):
    written = format_at(day, precision, lang, style)
    assert parse_thai_date(written, lang=lang) == (start_of(day, precision), precision)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=30) | st.from_regex(r"[0-9๐-๙]{1,4}[/ .-][0-9]{1,2}[/ .-][0-9๐-๙]{1,5}", fullmatch=True))
def test_any_text_is_a_date_in_range_or_a_date_sentence(text):
    try:
        day, precision = parse_thai_date(text)
    except UserError as exc:
        assert exc.key.startswith("error.date_")
        assert exc.message("th") and exc.message("en")
    else:
        assert FIRST_YEAR <= day.year <= LAST_YEAR and precision in PRECISIONS


# --- writing ------------------------------------------------------------------------

@pytest.mark.parametrize(("start", "start_precision", "end", "end_precision", "lang", "expected"), [
    (D(2023, 6, 1), MONTH, D(2024, 5, 31), MONTH, "th", "มิ.ย. 2566 – พ.ค. 2567"),
    (D(2023, 6, 1), MONTH, D(2024, 5, 31), MONTH, "en", "Jun 2023 – May 2024"),
    (D(2023, 6, 1), MONTH, D(2023, 9, 30), MONTH, "th", "มิ.ย. – ก.ย. 2566"),
    (D(2023, 1, 1), YEAR, D(2023, 12, 31), YEAR, "th", "2566"),
    (D(2023, 1, 1), YEAR, D(2024, 12, 31), YEAR, "en", "2023 – 2024"),
    (D(2023, 10, 15), DAY, D(2024, 9, 30), DAY, "th", "15 ต.ค. 2566 – 30 ก.ย. 2567"),
    (D(2023, 10, 15), DAY, D(2024, 5, 31), MONTH, "th", "15 ต.ค. 2566 – พ.ค. 2567"),
    (D(2023, 6, 1), MONTH, None, DAY, "th", "มิ.ย. 2566 – ปัจจุบัน"),
])
def test_a_period_is_written_as_precisely_as_it_is_known(start, start_precision, end, end_precision, lang,
                                                         expected):
    assert format_period(start, end, lang, "short", start_precision=start_precision,
                         end_precision=end_precision) == expected


def test_a_style_never_writes_more_than_is_known():
    # the works' table writes months; a year alone stays a year there too
    assert format_period(D(2023, 1, 1), D(2024, 12, 31), "th", "month_year", start_precision=YEAR,
                         end_precision=YEAR) == "2566 – 2567"
    assert format_period(D(2023, 6, 1), D(2024, 5, 31), "th", "long", start_precision=MONTH,
                         end_precision=MONTH) == "มิถุนายน 2566 – พฤษภาคม 2567"
    with pytest.raises(ValueError):
        format_at(D(2023, 6, 1), "week")


def test_a_month_ends_on_its_last_day():
    assert end_of(D(2024, 2, 1), MONTH) == D(2024, 2, 29)
    assert end_of(D(2023, 6, 1), YEAR) == D(2023, 12, 31)
    assert start_of(D(2023, 6, 17), MONTH) == D(2023, 6, 1)


# --- kept, carried and printed --------------------------------------------------------

def _month_work(services):
    return services.works.create(title_th="ผลงานรายเดือน", start_date=D(2023, 6, 1), start_precision=MONTH,
                                 end_date=D(2024, 5, 31), end_precision=MONTH)


def test_the_precision_is_stored_and_an_existing_work_is_in_days(services):
    plain = services.works.create(title_th="ผลงานเดิม", start_date="2023-10-15")
    assert (plain.start_precision, plain.end_precision) == (DAY, DAY)
    work = _month_work(services)
    again = services.works.get(work.id)
    assert (again.start_precision, again.end_precision) == (MONTH, MONTH)


def _alembic(folder, action, revision):
    from alembic import command
    from sqlalchemy import create_engine

    from ent_portfolio.storage import schema

    engine = create_engine(f"sqlite:///{folder / DATABASE_NAME}")
    cfg = schema._alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        getattr(command, action)(cfg, revision)
    engine.dispose()


def test_a_portfolio_from_before_the_precision_keeps_its_works(empty_template, tmp_path):
    folder = tmp_path / "old"
    shutil.copytree(empty_template, folder)
    with Portfolio.open(folder) as p:
        work = Services(p).works.create(title_th="ผลงานเก่า", start_date="2021-06-01", end_date="2022-05-31")
    _alembic(folder, "downgrade", "0001")
    db = sqlite3.connect(folder / DATABASE_NAME)
    assert "start_precision" not in [r[1] for r in db.execute("PRAGMA table_info(work)")]
    before = db.execute("SELECT id, title_th, start_date, end_date FROM work").fetchall()
    db.close()
    with Portfolio.open(folder) as p:
        again = Services(p).works.get(work.id)
        assert (again.start_date, again.end_date) == (D(2021, 6, 1), D(2022, 5, 31))
        assert (again.start_precision, again.end_precision) == (DAY, DAY)
    db = sqlite3.connect(folder / DATABASE_NAME)
    assert db.execute("SELECT id, title_th, start_date, end_date FROM work").fetchall() == before
    db.close()


def test_an_archive_carries_the_precision_and_an_older_one_reads_as_days(services, portfolio, empty_template,
                                                                        tmp_path):
    work = _month_work(services)
    archive = export_archive(portfolio, tmp_path / "months.entp", format_version=1)
    [row] = [r for r in read_archive_document(archive)["records"]["work"] if r["id"] == work.id]
    assert (row["start_precision"], row["end_precision"]) == (MONTH, MONTH)
    # The same archive as an app before the precision wrote it.
    older = tmp_path / "older.entp"
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(older, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "portfolio.json":
                import json

                document = json.loads(data)
                for record in document["records"]["work"]:
                    record.pop("start_precision")
                    record.pop("end_precision")
                data = json.dumps(document, ensure_ascii=False).encode("utf-8")
            dst.writestr(item, data)
    for name, source, expected in (("same", archive, MONTH), ("old", older, DAY)):
        shutil.copytree(empty_template, tmp_path / name)
        with Portfolio.open(tmp_path / name) as other:
            import_archive(other, source)
            again = Services(other).works.get(work.id)
            assert (again.start_precision, again.end_precision) == (expected, expected)
            assert (again.start_date, again.end_date) == (D(2023, 6, 1), D(2024, 5, 31))


def test_the_dossier_prints_a_period_in_months_as_months(services, portfolio, tmp_path):
    from ent_portfolio.services.dossier import DossierConfig, export_dossier

    _month_work(services)
    services.works.create(title_th="ผลงานรายปี", start_date=D(2020, 1, 1), start_precision=YEAR,
                          end_date=D(2020, 12, 31), end_precision=YEAR)
    pdf = tmp_path / "dossier.pdf"
    export_dossier(portfolio, DossierConfig(), pdf)
    text = " ".join(pdftotext(pdf).split())
    assert "มิ.ย. 2566 – พ.ค. 2567" in text
    assert "1 มิถุนายน 2566" not in text and "1 มิ.ย. 2566" not in text
    assert "มกราคม 2563" not in text and "1 ม.ค. 2563" not in text  # a year alone stays a year
