"""Thai in fixed-width columns (the command line's help, a workbook's
cells): marks above and below take no column, and lines break only where a
Thai reader allows — never inside a word, never with a space inserted."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ent_portfolio.typeset.columns import column_width, wrap_columns
from ent_portfolio.typeset.segmentation import break_opportunities

HELP = "ตรวจหาใบหน้าในภาพถ่ายและคำนวณลายพิมพ์ภาพสำหรับหาภาพที่ซ้ำกัน เฉพาะภาพที่ยังไม่ได้ตรวจ"


def test_thai_marks_take_no_column_of_their_own():
    assert column_width("ผู้สูงอายุ") == len("ผสงอาย")  # ู ้ ุ sit on their bases
    assert column_width("น้ำ") == 2  # the tone mark and sara am's nikhahit sit on น and า
    assert column_width("ab\nabcd") == 4
    assert column_width("中文") == 4


def test_help_text_breaks_between_words_only():
    lines = wrap_columns(HELP, 40)
    assert len(lines) > 1
    allowed = set(break_opportunities(HELP))
    offset = 0
    for line in lines[:-1]:
        offset = HELP.index(line, offset) + len(line)
        following = offset + (1 if HELP[offset:offset + 1] == " " else 0)
        assert following in allowed, (line, HELP[following:following + 8])
        assert column_width(line) <= 40
    assert not any(line.endswith("กั") for line in lines)  # the break the plain wrapper made: ซ้ำกั|น


def test_a_word_wider_than_the_line_stays_whole_on_its_own_line():
    assert wrap_columns("abc " + "x" * 30 + " def", 10) == ["abc", "x" * 30, "def"]
    assert wrap_columns("", 10) == [] and wrap_columns("   ", 10) == []


thai_words = st.sampled_from(["ผลงาน", "ชุมชน", "การ", "พัฒนา", "ผู้สูงอายุ", "น้ำ", "หลักฐาน", "ภาพถ่าย", "2566",
                              "EnT", "ร่วมคิดร่วมทำ", "ประโยชน์", "ร่วมกัน", "(ผศ.)", "—"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(thai_words, st.sampled_from(["", " "])), min_size=1, max_size=40),
       st.integers(min_value=4, max_value=60))
def test_wrapped_lines_put_back_together_are_the_text(parts, width):
    text = "".join(word + gap for word, gap in parts).strip()
    lines = wrap_columns(text, width)
    # nothing lost, nothing added: the lines joined with the spaces that were dropped are the text
    rebuilt, offset = [], 0
    for line in lines:
        start = text.index(line, offset)
        assert text[offset:start].strip() == ""
        rebuilt.append(line)
        offset = start + len(line)
    assert offset == len(text)
    assert all(line == line.strip() and line for line in lines)
