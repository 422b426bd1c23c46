"""Thai typesetting a proof-reader would pass: the rules of where a line, a
shortened text or a table may break, each checked on purpose-made text in
the lines a PDF reader extracts (``pdftotext``), not only in the layout's
own lines.

The texts are written here, most of them from outside the demo (other
villages, other terms, other dates), and set at a sweep of widths so that
each pair of words that must stay together falls at a line's end at some
width.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Frame, PageTemplate, Spacer

try:
    from tests import pdftools
except ImportError:  # pytest started without the repository root on sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from tests import pdftools

from ent_portfolio.dossier.layout import dossier_styles, excerpt, fit_width, grid_table
from ent_portfolio.typeset import REGULAR, ThaiDocTemplate, ThaiParagraph, text_width
from ent_portfolio.typeset.layout import Content, layout_lines
from ent_portfolio.typeset.markup import parse
from ent_portfolio.typeset.segmentation import break_opportunities, extra_words, is_number, segment
from ent_portfolio.typeset.styles import styles

#: Line widths in points, from a narrow table cell (wide enough for the
#: longest piece held together here) to a full column.
WIDTHS = tuple(range(125, 330, 8))


def _pdf_lines(tmp_path: Path, text: str, widths=WIDTHS, words=()) -> list[list[str]]:
    """Per width, the lines pdftotext extracts from ``text`` set in a frame
    of that width (one page per width)."""
    st = styles()["body"]
    pdf = tmp_path / "sample.pdf"
    doc = ThaiDocTemplate(str(pdf), pagesize=A4)
    doc.addPageTemplates([PageTemplate(f"w{w}", [Frame(40, 40, w, 760, leftPadding=0, rightPadding=0,
                                                       topPadding=0, bottomPadding=0)]) for w in widths])
    from reportlab.platypus import NextPageTemplate, PageBreak

    story = []
    for k, w in enumerate(widths):
        story.append(NextPageTemplate(f"w{widths[k + 1]}" if k + 1 < len(widths) else f"w{w}"))
        story.append(ThaiParagraph(text, st, markup=False))
        if k + 1 < len(widths):
            story.append(PageBreak())
    with extra_words(words):
        doc.build(story)
    pages = pdftools.pdftotext(pdf).split("\f")
    return [[" ".join(line.split()) for line in page.splitlines() if line.strip()] for page in pages if page.strip()]


def _joins(pages: list[list[str]]):
    """(end of a line, start of the next) for every break in every page."""
    for lines in pages:
        yield from zip(lines, lines[1:])


# ------------------------------------------------------------ abbreviations

ABBREVIATIONS = ("ผู้ประสานงานจาก รพ.สต.บ้านห้วยหม้อ อ. แม่ริม จ. เชียงใหม่ และ ต.สะเมิงใต้ "
                 "ร่วมกับ ผศ.ดร.วิไลวรรณ ทองคำ และ นพ. ประเสริฐ ใจกว้าง ของ อบต. ห้วยทราย")
_ABBREV_AT_END = re.compile(r"(?:^|[^\u0e01-\u0e4e])(?:[\u0e01-\u0e4e]{1,4}\.)+$")


def test_no_line_ends_on_an_abbreviation_in_the_pdf(tmp_path):
    pages = _pdf_lines(tmp_path, ABBREVIATIONS)
    assert len(pages) == len(WIDTHS) and any(len(p) > 3 for p in pages)
    for a, _b in _joins(pages):
        assert not _ABBREV_AT_END.search(a), a
    # รพ.สต. is one abbreviation: never split between its parts
    assert all(not a.endswith("รพ.") for a, _ in _joins(pages))


def test_abbreviation_rule_on_the_break_opportunities():
    text = "อ. บ่อเกลือ รพ.สต.บ้านหนอง ผศ.ดร.สมชาย ต.ยางเนิ้ง"
    cuts = break_opportunities(text)
    for held in ("อ. บ่อเกลือ", "รพ.สต.", "ผศ.ดร.", "ต.ยาง"):
        start = text.index(held)
        assert not any(start < c < start + len(held) for c in cuts), held


# -------------------------------------------------------------------- dates

DATES = ("ลงนามบันทึกข้อตกลงเมื่อ 15 ต.ค. 2567 ประชุมครั้งที่สองวันที่ 30 เมษายน 2570 "
         "ติดตามผลถึง 30 เม.ย. 2570 โครงการเริ่มใน พ.ศ. 2566 และจัดเวทีเมื่อ 2 ตุลาคม พ.ศ. 2568 "
         "the MOU was signed on 15 October 2024")
HELD_DATES = ("15 ต.ค. 2567", "30 เมษายน 2570", "30 เม.ย. 2570", "พ.ศ. 2566", "2 ตุลาคม พ.ศ. 2568",
              "15 October 2024")


def test_a_date_stays_on_one_line_in_the_pdf(tmp_path):
    pages = _pdf_lines(tmp_path, DATES)
    for lines in pages:
        joined = "\n".join(lines)
        for date in HELD_DATES:
            assert date in joined, (date, lines)


# ------------------------------------------------------------------ numbers

NUMBERS = ("ผู้เข้าร่วมจำนวน 20 คน คิดเป็นร้อยละ 72 ของครัวเรือนทั้งหมด พื้นที่ 35 ไร่ "
           "ห่างจากตัวเมืองประมาณ 90 กิโลเมตร รายได้เพิ่มขึ้น 4,500 บาทต่อเดือน และอบรม 3 ครั้ง")
HELD_NUMBERS = ("20 คน", "ร้อยละ 72", "35 ไร่", "90 กิโลเมตร", "4,500 บาท", "3 ครั้ง", "จำนวน 20")


def test_a_number_is_never_left_alone_in_the_pdf(tmp_path):
    pages = _pdf_lines(tmp_path, NUMBERS)
    for lines in pages:
        joined = "\n".join(lines)
        for held in HELD_NUMBERS:
            assert held in joined, (held, lines)
        for line in lines:
            words = line.split()
            assert not is_number(words[0]) and not (len(words) == 1 and is_number(words[0])), line


# ----------------------------------------------------- names and own terms

NAMES = ("คณะทำงานของมหาวิทยาลัยนครหริภุญชัยลงพื้นที่บ้านแม่กำปองและวิสาหกิจชุมชนบ้านห้วยตึงเฒ่า"
         "ร่วมกับอาจารย์ประภัสสรณ์วงศ์ไพบูลย์")
OWN_NAMES = ("มหาวิทยาลัยนครหริภุญชัย", "บ้านแม่กำปอง", "บ้านห้วยตึงเฒ่า", "ประภัสสรณ์")


def test_the_portfolios_names_are_never_broken_in_the_pdf(tmp_path):
    pages = _pdf_lines(tmp_path, NAMES, words=OWN_NAMES)
    for lines in pages:
        joined = "\n".join(lines)
        for name in OWN_NAMES:
            assert name in joined, (name, lines)


def test_without_the_names_the_dictionary_breaks_them():
    # the check above can fail: the dictionary alone has a boundary inside
    assert "มหาวิทยาลัยนครหริภุญชัย" not in segment(NAMES)
    with extra_words(OWN_NAMES):
        assert "มหาวิทยาลัยนครหริภุญชัย" in segment(NAMES)
    # and the words are for the block only, and for this thread only
    assert "มหาวิทยาลัยนครหริภุญชัย" not in segment(NAMES)


def test_extra_words_are_per_thread():
    import threading

    seen = {}

    def other():
        seen["other"] = "บ้านแม่กำปอง" in segment("ที่บ้านแม่กำปองจังหวัด")

    with extra_words(["บ้านแม่กำปอง"]):
        worker = threading.Thread(target=other)
        worker.start()
        worker.join()
        seen["here"] = "บ้านแม่กำปอง" in segment("ที่บ้านแม่กำปองจังหวัด")
    assert seen == {"other": False, "here": True}


TERMS = ("การตรวจระดับเอนไซม์โคลีนเอสเตอเรสในเลือดเกษตรกร ใช้เชื้อราไตรโคเดอร์มาและบิวเวอเรียแทนสารเคมี "
         "และเชื้อแบคทีเรียบาซิลลัสทูริงเยนซิสควบคุมหนอนกระทู้")
UNKNOWN_TERMS = ("โคลีนเอสเตอเรส", "บิวเวอเรีย", "ทูริงเยนซิส", "เดอร์")


def test_terms_the_dictionary_does_not_know_stay_whole_in_the_pdf(tmp_path):
    pages = _pdf_lines(tmp_path, TERMS)
    for lines in pages:
        joined = "\n".join(lines)
        for term in UNKNOWN_TERMS:
            assert term in joined, (term, lines)
    for a, b in _joins(pages):
        assert not (a.endswith("โคลีนเอสเตอเร") or a.endswith("บิ") and b.startswith("วเวอ")), (a, b)


def test_a_held_word_wider_than_the_line_breaks_at_the_dictionarys_boundary():
    content = Content(parse("มหาวิทยาลัยนครหริภุญชัย", markup=False), REGULAR, 10)
    with extra_words(["มหาวิทยาลัยนครหริภุญชัย"]):
        content = Content(parse("มหาวิทยาลัยนครหริภุญชัย", markup=False), REGULAR, 10)
        lines = layout_lines(content, 60)
    assert [line.text for line in lines][:1] == ["มหาวิทยาลัย"]
    assert lines[0].brk == "word"


# ---------------------------------------------------------- shortened texts

LONG = ("คณะทำงานร่วมกับชุมชนจัดเวทีประชาคมหมู่บ้านเพื่อวิเคราะห์ปัญหาและทุนชุมชน "
        "จากนั้นทั้งสามฝ่ายลงนามบันทึกข้อตกลงความร่วมมือเมื่อวันที่ 20 เมษายน พ.ศ. 2566 "
        "ซึ่งเป็นจุดเริ่มต้นของการทำงานร่วมกันอย่างเป็นทางการ ผู้เข้าร่วม 41 คน")


@pytest.mark.parametrize("limit", [60, 90, 110, 130, 150, 165, 180, 200])
def test_excerpt_cuts_between_phrases_never_after_a_lone_number(limit):
    out = excerpt(LONG, limit)
    assert out.endswith(" …")
    body = out[:-2]
    assert len(body) <= limit and LONG.startswith(body)
    assert not is_number(body.split()[-1]), out
    cut = len(body)
    assert cut in break_opportunities(LONG) or LONG[cut] == " ", out
    cuts = break_opportunities(LONG)
    spaces = [i for i, ch in enumerate(LONG[:limit]) if ch == " " and i + 1 in cuts and i >= 0.7 * limit
              and not is_number(LONG[:i].split()[-1])]
    if spaces:  # a phrase ends in the last 30 % where a line may break: the cut is at one
        assert LONG[cut] == " ", out


def test_running_header_is_cut_between_words():
    title = ("ผลงานที่ 1: การพัฒนาการท่องเที่ยวโดยชุมชนและผลิตภัณฑ์อาหารจากเกลือสินเธาว์ภูเขา "
             "บ้านบ่อหลวง ตำบลบ่อเกลือใต้")
    with extra_words(["บ้านบ่อหลวง"]):
        cuts = set(break_opportunities(title))
        full = text_width(title, REGULAR, 8.5)
        for width in range(120, int(full), 13):
            shown = fit_width(title, width, REGULAR, 8.5)
            assert shown.endswith("…")
            body = shown[:-1]
            assert title.startswith(body)
            assert len(body) in cuts or title[len(body)] == " ", shown
            assert "บ้านบ่อห" not in body or "บ้านบ่อหลวง" in body


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([
    "ชุมชน", "ร่วมกับ", "วันที่ 20 เมษายน 2570", "15 ต.ค. 2567", "อ. บ่อเกลือ", "รพ.สต.บ้าน",
    "ร้อยละ 72", "จำนวน 20 คน", "โคลีนเอสเตอเรส", "บิวเวอเรีย", "มหาวิทยาลัยนครหริภุญชัย", " ", ", ",
    "พ.ศ. 2566", "and", "PM2.5",
]), min_size=1, max_size=14), st.integers(20, 260))
def test_property_held_pieces_never_broken_and_shortening_is_a_prefix(pieces, limit):
    # as Thai is written: a space before an abbreviation, a date, a number
    text = " ".join(pieces)
    held = [p for p in pieces if p.strip() and p not in ("ชุมชน", "ร่วมกับ", "and", ", ")]
    with extra_words(["มหาวิทยาลัยนครหริภุญชัย"]):
        cuts = break_opportunities(text)
        pos = 0
        for piece in pieces:
            if piece in held:
                assert not any(pos < c < pos + len(piece) for c in cuts), (piece, text)
            pos += len(piece) + 1
        out = excerpt(text, limit)
        flat = " ".join(text.split())
        assert out == flat or (out.endswith(" …") and flat.startswith(out[:-2]) and len(out) <= limit + 2)


# ------------------------------------------------------------------- tables

def _table_pdf(tmp_path: Path, rows: int, lines_per_row: int, filler: float) -> Path:
    dst = dossier_styles()
    pdf = tmp_path / "table.pdf"
    doc = ThaiDocTemplate(str(pdf), pagesize=A4)
    doc.addPageTemplates([PageTemplate("p", [Frame(60, 60, 470, 700, leftPadding=0, rightPadding=0,
                                                   topPadding=0, bottomPadding=0)])])
    body = [["หัวตาราง-หลักการ", "หัวตาราง-สาระ"]]
    for r in range(rows):
        lines = " ".join(["ข้อความในเซลล์ที่ยาวพอให้ขึ้นบรรทัดใหม่ชุมชนร่วมคิดร่วมทำ"] * lines_per_row)
        body.append([f"แถว{r}เริ่ม", f"{lines} แถว{r}จบ"])
    story = [Spacer(1, filler), ThaiParagraph("ก่อนตาราง", dst["body"]), grid_table(body, [120, 350])]
    doc.build(story)
    return pdf


@pytest.mark.parametrize("filler", [300, 420, 520, 600])
def test_a_table_splits_only_between_rows_and_repeats_its_header_at_the_top(tmp_path, filler):
    pdf = _table_pdf(tmp_path, rows=9, lines_per_row=3, filler=filler)
    pages = [[" ".join(line.split()) for line in page.splitlines() if line.strip()]
             for page in pdftools.pdftotext(pdf).split("\f") if page.strip()]
    assert len(pages) >= 2
    for k, lines in enumerate(pages):
        headers = [i for i, line in enumerate(lines) if "หัวตาราง-หลักการ" in line]
        assert len(headers) <= 1, lines
        if k > 0:
            assert headers == [0], lines  # at the top of the page, once
        text = "\n".join(lines)
        for r in range(9):
            if f"แถว{r}เริ่ม" in text:
                assert f"แถว{r}จบ" in text, (r, lines)  # the row ends on its own page


def test_a_row_taller_than_a_page_is_still_split(tmp_path):
    pdf = _table_pdf(tmp_path, rows=2, lines_per_row=60, filler=100)
    text = pdftools.pdftotext(pdf)
    assert "แถว1จบ" in text and text.count("\f") >= 2


# --------------------------------------------------------------- the demo

def test_demo_dossier_header_and_matrix_read_as_a_proof_reader_wants(demo, tmp_path):
    from ent_portfolio.dossier.export import build_dossier

    result = build_dossier(demo, None, tmp_path / "d.pdf")
    text = pdftools.pdftotext(result.path, layout=True)
    assert "บ้านบ่อห…" not in text
    assert not re.search(r"\d …", text), re.findall(r".{30}\d …", text)
    plain = pdftools.pdftotext(result.path)
    lines = [" ".join(line.split()) for line in plain.splitlines()]
    for a, b in zip(lines, lines[1:]):
        assert not (a.endswith("โคลีนเอสเตอเร") and b.startswith("ส")), (a, b)
        assert not (a.endswith("นคร") and b.startswith("หริภุญชัย")), (a, b)
        assert not re.search(r"(?:^| )(?:อ|รพ|จ|ต)\.$", a), (a, b)
