"""The numbers as a workbook: opened with openpyxl, every number is a
number equal to the core's, every date a date shown in the Buddhist era in
Thai, the participants' totals sum, the guide sheet explains every column,
and nobody who did not consent is named.

Hostile inputs are made here: captions and titles a partner typed as
formulas, control characters no .xlsx can carry, an output path inside the
portfolio, a portfolio with nothing in it.  LibreOffice (when installed;
required under CI) shows the Thai dates as 25xx."""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
import subprocess
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from ent_portfolio.domain.indicators import indicator_change
from ent_portfolio.errors import UserError
from ent_portfolio.office.workbook import (
    ACTIVITY_COLUMNS,
    EVIDENCE_COLUMNS,
    SHEET_TITLES,
    WORK_COLUMNS,
    Column,
    cell_text,
    write_cell,
    write_xlsx,
)
from ent_portfolio.privacy import normalise_for_match
from ent_portfolio.services import Services
from ent_portfolio.storage.queries import full_works_query
from ent_portfolio.typeset.dates import format_date
from tests.pdftools import in_ci

#: The demo's farmer, who did not consent (work "ห้วยยาบ", Lamphun).
FARMER = "นายเสาร์ คำมูล"
FARMER_PARTS = ["เสาร์", "คำมูล"]
TH = {key: pair[0] for key, pair in SHEET_TITLES.items()}
EN = {key: pair[1] for key, pair in SHEET_TITLES.items()}


def _snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _strings(wb) -> list[str]:
    return [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def _headings(ws) -> list[str]:
    return [c.value for c in ws[1]]


def _column(ws, heading: str) -> int:
    return _headings(ws).index(heading) + 1


@pytest.fixture(scope="module")
def demo_books(demo_template, tmp_path_factory):
    """The demo's workbook in Thai and in English, and the works as the core reads them."""
    from ent_portfolio.storage.portfolio import Portfolio

    root = tmp_path_factory.mktemp("workbook")
    folder = root / "demo"
    shutil.copytree(demo_template, folder)
    portfolio = Portfolio.open(folder)
    before = _snapshot(folder)
    results = {lang: write_xlsx(portfolio, root / f"demo-{lang}.xlsx", lang=lang) for lang in ("th", "en")}
    after = _snapshot(folder)
    with portfolio.reader() as session:
        works = list(session.scalars(full_works_query()))
    portfolio.close()
    yield {"root": root, "results": results, "works": works, "before": before, "after": after,
           "th": openpyxl.load_workbook(results["th"].path), "en": openpyxl.load_workbook(results["en"].path)}


def test_one_sheet_each_and_a_guide_with_names_excel_accepts(demo_books):
    for lang, titles in (("th", TH), ("en", EN)):
        wb = demo_books[lang]
        assert wb.sheetnames == [titles[k] for k in ("works", "indicators", "activities", "partners",
                                                      "testimonials", "evidence", "guide")]
        for name in wb.sheetnames:
            assert 0 < len(name) <= 31 and not set(name) & set("[]:*?/\\"), name
        assert set(demo_books["results"][lang].sheets) == set(wb.sheetnames)
    assert demo_books["before"] == demo_books["after"], "writing the workbook changed the portfolio"


def test_every_sheet_has_a_frozen_bold_filtered_header_and_fitting_widths(demo_books):
    wb = demo_books["th"]
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert all(c.font.bold for c in ws[1]), ws.title
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), ws.title
        for c in ws[1]:
            width = ws.column_dimensions[c.column_letter].width
            assert 8 <= width <= 62, (ws.title, c.value, width)
    works = wb[TH["works"]]
    title = works.column_dimensions[works.cell(1, _column(works, "ชื่อผลงาน (ภาษาไทย)")).column_letter].width
    assert title >= 30, "a Thai title column is wide enough to read"
    activities = wb[TH["activities"]]
    assert any((activities.row_dimensions[r].height or 0) > 17 for r in range(2, activities.max_row + 1)), \
        "a row of wrapped notes is given the height its lines need"


def test_works_numbers_and_dates_are_real_and_equal_the_core(demo_books):
    ws = demo_books["th"][TH["works"]]
    rows = list(ws.iter_rows(min_row=2))
    assert len(rows) == len(demo_books["works"]) == demo_books["results"]["th"].sheets[TH["works"]]
    start = _column(ws, "วันเริ่ม")
    funding = _column(ws, "งบประมาณรวม (บาท)")
    participants = _column(ws, "ผู้เข้าร่วมรวม (คน)")
    ident = _column(ws, "รหัสผลงาน")
    by_id = {w.id: w for w in demo_books["works"]}
    for row in rows:
        work = by_id[row[ident - 1].value]
        assert isinstance(row[0].value, int)
        cell = row[start - 1]
        assert isinstance(cell.value, datetime) and cell.value.date() == work.start_date
        assert cell.number_format.startswith("[$-107041E]"), cell.number_format  # Thai, Buddhist era
        money = row[funding - 1].value
        assert isinstance(money, (int, float)) and money == float(sum(f.amount_baht for f in work.fundings))
        assert row[participants - 1].value == sum(a.participants_total or 0 for a in work.activities)


def test_english_dates_are_iso(demo_books):
    ws = demo_books["en"][EN["works"]]
    cell = ws.cell(2, _column(ws, "Start"))
    assert isinstance(cell.value, datetime) and cell.number_format == "yyyy-mm-dd"


def test_indicator_values_changes_and_percentages_equal_the_core(demo_books):
    ws = demo_books["th"][TH["indicators"]]
    heads = _headings(ws)
    col = {h: heads.index(h) for h in ("ตัวชี้วัด", "ค่าฐาน", "วันที่วัด", "ค่าที่วัดได้", "เปลี่ยนแปลงจากค่าฐาน",
                                         "เปลี่ยนแปลง (%)")}
    expected = {}
    for work in demo_books["works"]:
        for ind in work.indicators:
            for mm in ind.measurements:
                ch = indicator_change(ind, [mm])
                expected[(ind.name_th, mm.date)] = (mm.value, ch.change, ch.change_percent)
    seen = 0
    for row in ws.iter_rows(min_row=2):
        when = row[col["วันที่วัด"]].value
        if when is None:
            continue
        assert isinstance(when, datetime) and row[col["วันที่วัด"]].number_format.startswith("[$-107041E]")
        value, change, percent = expected[(row[col["ตัวชี้วัด"]].value, when.date())]
        assert isinstance(row[col["ค่าที่วัดได้"]].value, (int, float))
        assert Decimal(str(row[col["ค่าที่วัดได้"]].value)) == value
        if change is not None:
            assert Decimal(str(row[col["เปลี่ยนแปลงจากค่าฐาน"]].value)) == change
        if percent is not None:
            cell = row[col["เปลี่ยนแปลง (%)"]]
            assert cell.number_format == "0.0%" and Decimal(str(cell.value)) == percent / 100
        seen += 1
    assert seen == len(expected) > 0


def test_participants_by_group_sum_to_the_totals_row_and_the_core(demo_books):
    ws = demo_books["th"][TH["activities"]]
    heads = _headings(ws)
    data_rows = demo_books["results"]["th"].sheets[TH["activities"]]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == data_rows + 1 and rows[-1][0] == "รวม"
    data, totals = rows[:-1], rows[-1]
    activities = [a for w in demo_books["works"] for a in w.activities]
    assert len(data) == len(activities)
    total_col = heads.index("ผู้เข้าร่วมทั้งหมด (คน)")
    assert totals[total_col] == sum(r[total_col] for r in data if r[total_col] is not None) \
        == sum(a.participants_total or 0 for a in activities)
    groups = [h for h in heads if h.startswith("ผู้เข้าร่วม: ")]
    assert {"ผู้เข้าร่วม: หญิง", "ผู้เข้าร่วม: ชาย", "ผู้เข้าร่วม: เยาวชน"} <= set(groups)
    from ent_portfolio.dossier.texts import GROUPS

    label_to_key = {f"ผู้เข้าร่วม: {th}": key for key, (th, _) in GROUPS.items()}
    for heading in groups:
        k = heads.index(heading)
        assert all(v is None or isinstance(v, int) for v in (r[k] for r in data))
        core = sum(a.participant_groups.get(label_to_key[heading], 0) for a in activities)
        assert totals[k] == sum(r[k] or 0 for r in data) == core, heading
    assert ws.auto_filter.ref.endswith(str(data_rows + 1)), "the totals row stays out of sorting"


def test_the_guide_explains_every_column_of_every_sheet(demo_books):
    for lang in ("th", "en"):
        wb = demo_books[lang]
        guide = wb.worksheets[-1]
        explained = {(r[0], r[1]) for r in guide.iter_rows(min_row=2, values_only=True)}
        meanings = [r[2] for r in guide.iter_rows(min_row=2, values_only=True)]
        assert all(meanings)
        for ws in wb.worksheets[:-1]:
            for heading in _headings(ws):
                assert (ws.title, heading) in explained, (lang, ws.title, heading)


def test_evidence_rows_carry_caption_date_place_and_hash(demo_books):
    ws = demo_books["th"][TH["evidence"]]
    heads = _headings(ws)
    assert heads == [c.title("th") for c in EVIDENCE_COLUMNS]
    hashes = [r[heads.index("SHA-256")] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert hashes and all(isinstance(h, str) and len(h) == 64 for h in hashes)
    stored = {e.sha256 for w in demo_books["works"] for e in w.evidence}
    assert set(hashes) <= stored
    refs = [r[0] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert refs == [f"E-{n}" for n in range(1, len(refs) + 1)], "the dossier's references, in its order"


def test_the_demo_farmer_who_did_not_consent_is_named_nowhere(demo_books):
    for lang in ("th", "en"):
        text = normalise_for_match(" ".join(_strings(demo_books[lang]))).replace(" ", "")
        for part in FARMER_PARTS:
            assert normalise_for_match(part) not in text, (lang, part)
    labels = " ".join(_strings(demo_books["th"]))
    assert "ผู้ให้ข้อมูล ก" in labels


@pytest.fixture
def planted(demo_dir, tmp_path):
    """The demo with the farmer's name typed into other people's texts."""
    from ent_portfolio.storage.portfolio import Portfolio

    portfolio = Portfolio.open(demo_dir)
    s = Services(portfolio)
    farmer = next(t for t in s.testimonials.list() if t.person_name == FARMER)
    assert not farmer.consent
    work = s.works.load_full(farmer.work_id)
    s.activities.update(work.activities[0].id, notes="โทรหาเสาร์ คำมูลก่อน", title="ประชุมกับนายเสาร์ คำมูล")
    item = next(e for e in work.evidence if e.include_in_dossier and not e.testimonial_id)
    s.evidence.update(item.id, caption="นาย  เสาร์   คำมูล ที่แปลงผัก", place="บ้านนายเสาร์ คำมูล")
    ind = work.indicators[0]
    s.measurements.create(indicator_id=ind.id, date="2025-06-01", value="1", measured_by="นายเสาร์ คำมูล",
                          note="เสาร์ คำมูล นับเอง")
    yield portfolio
    portfolio.close()


def test_a_withheld_name_typed_into_captions_notes_and_measurements_is_absent(planted, tmp_path):
    result = write_xlsx(planted, tmp_path / "planted.xlsx")
    text = normalise_for_match(" ".join(_strings(openpyxl.load_workbook(result.path)))).replace(" ", "")
    for part in FARMER_PARTS:
        assert normalise_for_match(part) not in text, part
    assert "ผู้ให้ข้อมูลก" in text


# --- refused and empty ------------------------------------------------------------------------

@pytest.mark.parametrize("where", ["portfolio.xlsx", "evidence/x.xlsx", "portfolio.sqlite3"])
def test_output_inside_the_portfolio_is_refused_and_nothing_changes(demo, demo_dir, where):
    before = _snapshot(demo_dir)
    with pytest.raises(UserError) as caught:
        write_xlsx(demo, demo_dir / where)
    assert caught.value.key == "error.output_inside_portfolio"
    assert _snapshot(demo_dir) == before


def test_a_folder_or_a_missing_folder_is_refused_and_an_existing_file_kept(demo, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    with pytest.raises(UserError) as caught:
        write_xlsx(demo, tmp_path)
    assert caught.value.key == "error.output_is_folder"
    with pytest.raises(UserError) as caught:
        write_xlsx(demo, tmp_path / "nowhere" / "x.xlsx")
    assert caught.value.key == "error.output_folder_missing"
    kept = tmp_path / "kept.xlsx"
    kept.write_bytes(b"the lecturer's own file")
    with pytest.raises(UserError) as caught:
        write_xlsx(demo, kept, lang="fr")
    assert caught.value.key == "dossier.bad_language"
    assert kept.read_bytes() == b"the lecturer's own file"
    assert [p.name for p in tmp_path.iterdir()] == ["kept.xlsx"], "no temporary file left behind"


def test_a_portfolio_with_no_works_still_makes_a_valid_workbook(portfolio, tmp_path):
    result = write_xlsx(portfolio, tmp_path / "empty.xlsx")
    wb = openpyxl.load_workbook(result.path)
    assert len(wb.worksheets) == 7
    for ws in wb.worksheets[:-1]:
        assert ws.max_row == 1 and ws.freeze_panes == "A2", ws.title
        assert result.sheets[ws.title] == 0
    assert _headings(wb[TH["works"]]) == [c.title("th") for c in WORK_COLUMNS]
    assert _headings(wb[TH["activities"]])[:len(ACTIVITY_COLUMNS)] == [c.title("th") for c in ACTIVITY_COLUMNS]


def test_a_work_without_measurements_gets_one_indicator_row(services, tmp_path):
    work = services.works.create(title_th="ผลงานเปล่า")
    services.indicators.create(work_id=work.id, name_th="ยังไม่ได้วัด", baseline_value="10")
    wb = openpyxl.load_workbook(write_xlsx(services.portfolio, tmp_path / "w.xlsx").path)
    rows = list(wb[TH["indicators"]].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1 and rows[0][1] == "ยังไม่ได้วัด" and rows[0][5] == 10 and rows[0][9] is None
    activities = list(wb[TH["activities"]].iter_rows(min_row=2, values_only=True))
    assert activities == [("รวม", None, None, None, None, None, 0, None)], "a totals row of zero"


# --- hostile text -----------------------------------------------------------------------------

HOSTILE = [
    "=1+1",
    "=HYPERLINK(\"http://example.invalid\",\"คลิก\")",
    "+SUM(A1:A9)",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "=cmd|' /C calc'!A0",
    "ภาพ\x00ที่\x07แปลง\x1f",
    "ขอบคุณ\ufffe\uffffครับ",
    "บรรทัด\r\nใหม่\rอีก",
]


def test_cell_text_takes_out_what_no_xlsx_can_carry():
    assert cell_text("\ud800ครึ่ง\udfffตัว") == "ครึ่งตัว"  # lone surrogates: the services refuse them, an archive may not
    assert cell_text("a\x00b\x0bc\x1fd\ufffee") == "abcde"
    assert cell_text("x" * 40000) == "x" * 32767
    assert cell_text("ก\tข\nค") == "ก\tข\nค"


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_stays_text_and_never_breaks_the_export(services, tmp_path, text):
    work = services.works.create(title_th="ผลงาน " + text)
    services.activities.create(work_id=work.id, date="2025-01-05", title=text, place=text,
                                          participants_total=3)
    source = tmp_path / "photo.txt"
    source.write_text("evidence")
    services.evidence.add_file(work.id, source, caption=text, include_in_dossier=True)
    ind = services.indicators.create(work_id=work.id, name_th=text, baseline_value="1")
    services.measurements.create(indicator_id=ind.id, date="2025-02-01", value="2", source=text)
    result = write_xlsx(services.portfolio, tmp_path / "hostile.xlsx")
    wb = openpyxl.load_workbook(result.path)
    clean = cell_text(text)
    found = [c for ws in wb.worksheets for row in ws.iter_rows(min_row=2) for c in row if c.value == clean]
    assert len(found) >= 4, "the caption, title, place, indicator and source are all there, cleaned"
    for c in found:
        assert c.data_type == "s", (c.coordinate, c.data_type)
        if clean.startswith(("=", "+", "-", "@", "\t")):
            assert c.quotePrefix, c.coordinate
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", f"{ws.title}!{c.coordinate} became a formula"


_ANY_TEXT = st.text(alphabet=st.characters(codec="utf-8", categories=None) | st.sampled_from(
    ["=", "+", "-", "@", "\t", "\r", "\n", "\x00", "\x01", "\x0b", "\x1f", "\ufffe", "ก", "\u0e48", "\u0e33"]),
    max_size=40)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=st.sampled_from(["", "=", "+", "-", "@"]), body=_ANY_TEXT)
def test_any_text_round_trips_as_text(prefix, body):
    text = prefix + body
    clean = cell_text(text)
    assert not any(ch in clean for ch in "\x00\x01\x0b\x1f\ufffe\r")
    wb = Workbook()
    ws = wb.active
    write_cell(ws, 1, 1, text, Column(("t", "t"), ("", "")), "th")
    buffer = io.BytesIO()
    wb.save(buffer)
    cell = openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active["A1"]
    if clean:
        assert cell.value == clean and cell.data_type == "s"
    else:
        assert cell.value is None


# --- as LibreOffice shows it ------------------------------------------------------------------

def _soffice_with_calc() -> str:
    path = shutil.which("soffice")
    hint = "LibreOffice Calc is needed (Debian/Ubuntu: apt-get install --no-install-recommends libreoffice-calc-nogui)"
    if path and Path(path).resolve().parent.joinpath("libsclo.so").exists():
        return path
    if in_ci():
        pytest.fail(hint, pytrace=False)
    pytest.skip(hint)
    raise AssertionError("unreachable")  # pragma: no cover


def test_libreoffice_shows_thai_dates_in_the_buddhist_era(demo_books, tmp_path):
    soffice = _soffice_with_calc()
    source = demo_books["results"]["th"].path
    # cell contents as shown (the 9th option), UTF-8 (76), the first sheet: the works
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true", "--outdir", str(tmp_path),
                    str(source)], check=True, capture_output=True, timeout=180)
    rows = list(csv.reader((tmp_path / f"{source.stem}.csv").read_text("utf-8").splitlines()))
    start = rows[0].index("วันเริ่ม")
    by_title = {w.title_th: w for w in demo_books["works"]}
    shown = 0
    for row in rows[1:]:
        work = by_title.get(row[1])
        if work is None or work.start_date is None:
            continue
        style = {"day": "long", "month": "month_year", "year": "year"}[work.start_precision or "day"]
        assert row[start] == format_date(work.start_date, "th", style), row[start]
        assert str(work.start_date.year + 543) in row[start]
        shown += 1
    assert shown == len(demo_books["works"])
