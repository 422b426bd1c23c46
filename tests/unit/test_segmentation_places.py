"""Place names stay whole: titles of works name their sub-district."""

from __future__ import annotations

import pytest

from ent_portfolio.typeset.segmentation import place_names, segment


def test_every_administrative_level_is_in_the_word_list():
    names = place_names()
    assert len(names) > 6000
    assert {"น่าน", "บ่อเกลือ", "ยางเนิ้ง", "ห้วยยาบ", "บ้านธิ"} <= names


@pytest.mark.parametrize(
    "text,whole",
    [
        ("ร่วมกับเทศบาลตำบลยางเนิ้ง อำเภอสารภี", "ยางเนิ้ง"),
        ("กลุ่มเกษตรกรบ้านห้วยยาบ ตำบลห้วยยาบ", "ห้วยยาบ"),
        ("สำนักงานเกษตรอำเภอบ้านธิ จังหวัดลำพูน", "บ้านธิ"),
    ],
)
def test_a_place_name_is_one_word(text, whole):
    assert whole in segment(text)
    assert "".join(segment(text)) == text
