"""Both languages honest: an English dossier says what it holds in Thai
only, fiscal years read the way both readers know them, and every
appendix page (the letter scans included) is in the bookmarks and the
contents."""

from __future__ import annotations

import re
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from ent_portfolio.dossier import DossierConfig, build_dossier
from ent_portfolio.dossier.languages import _numbers, written_in_thai
from ent_portfolio.storage.portfolio import Portfolio
from ent_portfolio.typeset.dates import format_fiscal_year
from tests.pdftools import pdftotext

THAI_ONLY = "(in Thai only)"


def _pages(pdf) -> list[str]:
    pages = pdftotext(pdf).split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize(("year", "lang", "expected"), [
    (2566, "en", "FY 2023 (B.E. 2566)"),
    (2023, "en", "FY 2023 (B.E. 2566)"),   # typed in the common era
    (2566, "th", "ปีงบประมาณ 2566"),
    (2023, "th", "ปีงบประมาณ 2566"),
    (None, "en", ""),
])
def test_fiscal_years(year, lang, expected):
    assert format_fiscal_year(year, lang) == expected


@settings(max_examples=40, deadline=None)
@given(st.integers(2400, 2700))
def test_a_fiscal_year_names_the_same_year_in_both_eras(year):
    english = format_fiscal_year(year, "en")
    ce, be = map(int, re.fullmatch(r"FY (\d{4}) \(B\.E\. (\d{4})\)", english).groups())
    assert be - ce == 543 and format_fiscal_year(year, "th") == f"ปีงบประมาณ {be}"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(1, 30), unique=True, min_size=1, max_size=12).map(sorted))
def test_section_numbers_are_written_as_runs_that_name_each_one(numbers):
    named = set()
    for part in _numbers(numbers).split(", "):
        first, _, last = part.partition("\u2013")
        named |= set(range(int(first), int(last or first) + 1))
    assert named == set(numbers)


@settings(max_examples=40, deadline=None)
@given(thai=st.text(alphabet="กขคงจฉชซญดตถทนบปผพฟมยรลวศสหอฮะาิีึืุู่้๊๋็์ ", min_size=3, max_size=60)
       .filter(lambda s: len(s.strip()) >= 3),
       tags=st.sampled_from(["", "<p>", "<b>", "<a href=\"https://example.org/abc\">"]))
def test_thai_text_is_recognised_whatever_its_markup(thai, tags):
    assert written_in_thai(f"{tags}{thai}</p>")
    assert not written_in_thai(f"{tags}The village mapped its wells. {thai[:1]}</p>")


@pytest.fixture
def english_ready(ready, tmp_path):
    """The ready portfolio (its write-up in Thai) with a grant of FY 2566,
    and one section written in English."""
    portfolio, services, ids = ready
    services.fundings.create(work_id=ids["work"], source="Thailand Science Research and Innovation",
                             amount_baht="250000", fiscal_year=2566)
    services.works.set_section(ids["work"], "abstract",
                               "<p>The village and the faculty mapped every well and now test them each quarter.</p>")
    result = build_dossier(portfolio, DossierConfig(language="en"), tmp_path / "en.pdf")
    return result, _pages(result.path)


def test_an_english_dossier_names_its_thai_only_parts_on_the_cover(english_ready):
    _result, pages = english_ready
    cover = _squash(pages[0])
    assert "Parts of this dossier are in Thai only: work 1 (sections 2–9; the EnT principles' narratives)." in cover


def test_each_thai_only_section_says_so_at_its_heading(english_ready):
    result, pages = english_ready
    text = "\n".join(pages[2:])
    marked = re.findall(r"^(\d+)\. .*\(in Thai only\)$", text, re.M)
    assert sorted(set(map(int, marked))) == list(range(2, 10))
    assert not re.search(r"^1\. Abstract.*\(in Thai only\)", text, re.M)
    assert re.search(r"The EnT principles and their evidence \(in Thai only\)", text)
    # the bookmarks say it as the headings do
    titles = [item.title for item in PdfReader(result.path).outline if not isinstance(item, list)]
    nested = [t.title for item in PdfReader(result.path).outline if isinstance(item, list) for t in item
              if not isinstance(t, list)]
    assert sum(THAI_ONLY in t for t in titles + nested) >= 9


def test_english_fiscal_years_carry_both_eras(english_ready):
    _result, pages = english_ready
    assert "FY 2023 (B.E. 2566)" in _squash("\n".join(pages))
    assert "fiscal year 2566" not in "\n".join(pages)


def test_a_thai_dossier_has_no_thai_only_marks(ready, tmp_path):
    result = build_dossier(ready[0], DossierConfig(language="th"), tmp_path / "th.pdf")
    text = pdftotext(result.path)
    assert THAI_ONLY not in text and "Thai only" not in text


# --- every appendix page in the outline and the contents ----------------------------------------

@pytest.fixture(scope="module")
def demo_pdf(demo_template, tmp_path_factory):
    root = tmp_path_factory.mktemp("nav")
    folder = root / "demo"
    shutil.copytree(demo_template, folder)
    with Portfolio.open(folder) as portfolio:
        result = build_dossier(portfolio, DossierConfig(), root / "demo.pdf")
    return result


def _outline(reader: PdfReader) -> list[tuple[str, int]]:
    out = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                out.append((item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline)
    return out


def _contents_pages(pages: list[str], outline: list[tuple[str, int]]) -> set[int]:
    """Every page the contents list: single pages and ranges ("38–46")."""
    first = next(page for title, page in outline if title == "สารบัญ")
    after = next(page for title, page in outline if page > first)
    listed: set[int] = set()
    for text in pages[first - 1:after - 1]:
        body = re.sub(r"หน้า \d+ / \d+", "", text)
        for start, last in re.findall(r"^(\d+)(?:\u2013(\d+))?$", body, re.M):
            listed |= set(range(int(start), int(last or start) + 1))
    return listed


def test_every_appendix_page_is_in_the_outline(demo_pdf):
    reader = PdfReader(demo_pdf.path)
    outline = _outline(reader)
    start = next(page for title, page in outline if title.startswith("ภาคผนวก ก"))
    landed = {page for _title, page in outline}
    assert [p for p in range(start, demo_pdf.pages + 1) if p not in landed] == []


def test_every_letter_scan_is_in_the_outline_and_the_contents(demo_pdf):
    letters = [e for e in demo_pdf.evidence if e.shown_as in ("letter", "scan")]
    assert letters, "the demo has no scanned letter"
    outline = _outline(PdfReader(demo_pdf.path))
    pages = _pages(demo_pdf.path)
    contents = _squash("\n".join(pages[1:4]))
    for entry in letters:
        assert any(title.startswith(f"หลักฐาน {entry.ref} ") and page == entry.page for title, page in outline)
        assert f"หลักฐาน {entry.ref} " in contents


def test_every_appendix_page_is_listed_in_the_contents(demo_pdf):
    outline = _outline(PdfReader(demo_pdf.path))
    start = next(page for title, page in outline if title.startswith("ภาคผนวก ก"))
    listed = _contents_pages(_pages(demo_pdf.path), outline)
    assert [p for p in range(start, demo_pdf.pages + 1) if p not in listed] == []
