"""The faculty report's files: the PDF read back as a reviewer's tools read
it (pdftotext, pdffonts, its bookmarks, its pages rendered), the workbook
read back with openpyxl, and the command that writes them."""

from __future__ import annotations

import pikepdf
import pytest
from openpyxl import load_workbook
from report_cases import make_archive

from ent_portfolio.cli import main
from ent_portfolio.faculty.database import open_faculty_database
from ent_portfolio.faculty.load import load_archives
from ent_portfolio.faculty.report_data import gather_report
from ent_portfolio.faculty.report_pdf import write_report_pdf
from ent_portfolio.faculty.report_tables import report_tables, word
from ent_portfolio.faculty.report_xlsx import write_report_xlsx
from ent_portfolio.typeset.segmentation import break_opportunities
from tests.pdftools import pdffonts, pdftotext, render_pages


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> str:
    root = tmp_path_factory.mktemp("report-files")
    archives = [make_archive(root / f"l{n}", n) for n in range(2)]
    url = str(root / "faculty.sqlite3")
    assert not load_archives(url, [path for path, _ in archives]).refused
    return url


@pytest.fixture(scope="module")
def report(loaded):
    engine = open_faculty_database(loaded)
    try:
        return gather_report(engine, None)
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def empty_url(tmp_path_factory) -> str:
    url = str(tmp_path_factory.mktemp("empty-faculty") / "faculty.sqlite3")
    open_faculty_database(url).dispose()
    return url


def _breaks(paragraph: str, lines: list[str]) -> list[int] | None:
    """Where the extracted ``lines`` break ``paragraph`` (offsets into it), or
    None when the paragraph is not found whole in them."""
    for first, line in enumerate(lines):
        if len(line.strip()) < 6 or not paragraph.startswith(line.strip()):
            continue
        position, cuts = 0, []
        for part in (text.strip() for text in lines[first:]):
            if not paragraph.startswith(part, position):
                break
            position += len(part)
            while position < len(paragraph) and paragraph[position] == " ":
                position += 1
            if position >= len(paragraph):
                return cuts
            cuts.append(position)
    return None


def test_the_pdf_holds_the_headings_numbers_and_page_numbers(report, tmp_path):
    pdf = tmp_path / "report.pdf"
    pages = write_report_pdf(report, pdf, "th")
    text = pdftotext(pdf)
    layout_lines = pdftotext(pdf, layout=True).splitlines()
    tables = report_tables(report, "th")
    for table in tables:
        assert table.title in text, table.title
        for row in table.rows + table.totals:
            label = str(row[0])
            if not label:
                continue
            shown = [f"{v:,}" if isinstance(v, int) else f"{v * 100:.1f}%" for v in row[1:]
                     if isinstance(v, (int, float)) and not isinstance(v, bool)]
            assert any(label in line and all(s in line for s in shown) for line in layout_lines), (label, shown)
    for page in range(1, pages + 1):
        assert f"หน้า {page} / {pages}" in text
    assert f"{report.works:,}" in text and word("title", "th") in text


def test_the_pdf_breaks_thai_only_between_words(report, tmp_path):
    pdf = tmp_path / "report.pdf"
    write_report_pdf(report, pdf, "th")
    lines = pdftotext(pdf).splitlines()
    wrapped = 0
    for table in report_tables(report, "th"):
        if not table.note:
            continue
        cuts = _breaks(table.note, lines)
        assert cuts is not None, table.note
        allowed = set(break_opportunities(table.note))
        assert all(c in allowed or table.note[c - 1] == " " for c in cuts), (table.note, cuts)
        wrapped += len(cuts)
    assert wrapped > 0  # the notes do wrap: the check above looked at real line breaks


def test_the_pdf_has_bookmarks_embedded_sarabun_and_a4_pages(report, tmp_path):
    pdf = tmp_path / "report.pdf"
    write_report_pdf(report, pdf, "th")
    with pikepdf.open(pdf) as doc:
        with doc.open_outline() as outline:
            titles = [item.title for item in outline.root]
        sizes = {tuple(round(float(v)) for v in page.mediabox) for page in doc.pages}
    assert titles == [word("title", "th")] + [t.title for t in report_tables(report, "th")]
    assert sizes == {(0, 0, 595, 842)}
    fonts = pdffonts(pdf)
    assert fonts and all(f["emb"] and "Sarabun" in f["name"] for f in fonts)


def test_the_pdf_pages_render(report, tmp_path):
    pdf = tmp_path / "report.pdf"
    pages = write_report_pdf(report, pdf, "th")
    pngs = render_pages(pdf, tmp_path / "pages", dpi=60)
    assert len(pngs) == pages >= 3


def test_an_english_pdf_says_it_in_english(report, tmp_path):
    pdf = tmp_path / "report-en.pdf"
    write_report_pdf(report, pdf, "en")
    text = pdftotext(pdf)
    assert "Works by EnT principle" in text and "Page 1 /" in text and "Partnership" in text


def test_an_empty_database_gives_a_report_that_says_so(empty_url, tmp_path):
    engine = open_faculty_database(empty_url)
    try:
        report = gather_report(engine, 2568)
    finally:
        engine.dispose()
    pdf, xlsx = tmp_path / "empty.pdf", tmp_path / "empty.xlsx"
    assert write_report_pdf(report, pdf) == 1
    text = " ".join(pdftotext(pdf).split())
    assert "ยังไม่มีผลงานของอาจารย์" in text and "ปีงบประมาณ 2568" in text and "หน้า 1 / 1" in text
    write_report_xlsx(report, xlsx)
    summary = load_workbook(xlsx).worksheets[0]
    assert any("ยังไม่มีผลงานของอาจารย์" in str(c.value) for c in summary["B"])


def _cells(ws) -> list[list]:
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_the_workbook_holds_the_tables_as_numbers(report, tmp_path):
    xlsx = tmp_path / "report.xlsx"
    write_report_xlsx(report, xlsx, "th")
    wb = load_workbook(xlsx)
    tables = report_tables(report, "th")
    assert len(wb.worksheets) == len(tables) + 1
    summary = {row[0]: row[1] for row in _cells(wb.worksheets[0])[1:]}
    assert summary[word("works", "th")] == report.works and summary[word("partners", "th")] == report.partners
    for ws, table in zip(wb.worksheets[1:], tables):
        cells = _cells(ws)
        assert cells[0] == table.columns and ws.freeze_panes == "A2"
        body = cells[1:]
        assert len(body) == len(table.rows) + len(table.totals)
        for got, want in zip(body, table.rows + table.totals):
            for value, expected, kind in zip(got, want, table.kinds):
                if kind == "text":
                    assert value == (expected or None)
                elif expected is None:
                    assert value is None
                else:
                    assert isinstance(value, (int, float)) and value == pytest.approx(expected)
    principles = wb.worksheets[1]
    assert [row[1] for row in _cells(principles)[1:]] == [c.value for c in report.principles.counts]


def test_the_command_writes_both_files_and_refuses_bad_arguments(loaded, tmp_path, capsys):
    pdf, xlsx = tmp_path / "r.pdf", tmp_path / "r.xlsx"
    assert main(["faculty", "report", "--db", loaded, "--out", str(pdf), "--year", "๒๕๖๘"]) == 0
    assert "ปีงบประมาณ 2568" in pdftotext(pdf)
    assert main(["--lang", "en", "faculty", "report", "--db", loaded, "--out", str(xlsx)]) == 0
    assert load_workbook(xlsx).worksheets[0].title == "Summary"
    capsys.readouterr()
    assert main(["faculty", "report", "--db", loaded, "--out", str(tmp_path / "r.docx")]) == 1
    assert ".pdf" in capsys.readouterr().err
    same = tmp_path / "faculty.xlsx"
    assert main(["faculty", "report", "--db", str(same), "--out", str(same)]) == 1
    assert "ฐานข้อมูลคณะ" in capsys.readouterr().err and not same.exists()
    with pytest.raises(SystemExit) as usage:
        main(["faculty", "report", "--db", loaded, "--out", str(pdf), "--year", "2025"])
    assert usage.value.code == 2 and "พุทธศักราช" in capsys.readouterr().err
    assert main(["faculty", "report", "--db", "mysql://x/y", "--out", str(pdf)]) == 1
