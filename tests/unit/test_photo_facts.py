"""The shapes of a photo's face boxes and of the lecturer's notes on
findings: what the record update accepts, and every hostile value refused
with a sentence instead of stored."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ent_portfolio.domain import models as m
from ent_portfolio.domain.fields import coerce
from ent_portfolio.domain.photo_facts import (
    LECTURER,
    MAX_FACES,
    MAX_NOTE,
    FaceBox,
    face_boxes_of,
    parse_explanations,
    parse_face_boxes,
)
from ent_portfolio.errors import ValidationError


def test_boxes_round_trip_through_the_record_update():
    stored = coerce(m.Evidence, "face_boxes", [{"x": 0.1, "y": 0.2, "w": 0.3, "h": 0.25, "by": "lecturer"},
                                               FaceBox(0.5, 0.5, 0.5, 0.5)])
    assert face_boxes_of(stored) == [FaceBox(0.1, 0.2, 0.3, 0.25, LECTURER), FaceBox(0.5, 0.5, 0.5, 0.5)]
    assert coerce(m.Evidence, "face_boxes", None) is None  # "not yet looked" stays expressible
    assert coerce(m.Evidence, "face_boxes", []) == []


def test_a_box_maps_to_pixels_inside_the_picture():
    assert FaceBox(0.25, 0.5, 0.5, 0.5).pixels(400, 300) == (100, 150, 300, 300)
    # a sliver still covers at least one pixel, never past the edge
    left, top, right, bottom = FaceBox(0.999, 0.999, 0.002, 0.002).pixels(100, 100)
    assert right <= 100 and bottom <= 100 and right > left and bottom > top


HOSTILE_BOXES = [
    "0.1,0.2,0.3,0.4",
    {"x": 0.1},
    [[0.1, 0.2, 0.3, 0.4]],
    [{"x": 0.1, "y": 0.1, "w": 0.2}],
    [{"x": -0.1, "y": 0.1, "w": 0.2, "h": 0.2}],
    [{"x": 0.9, "y": 0.1, "w": 0.2, "h": 0.2}],
    [{"x": 0.1, "y": 0.1, "w": 0.0, "h": 0.2}],
    [{"x": 0.1, "y": 0.1, "w": float("nan"), "h": 0.2}],
    [{"x": 0.1, "y": 0.1, "w": float("inf"), "h": 0.2}],
    [{"x": True, "y": 0.1, "w": 0.2, "h": 0.2}],
    [{"x": "0.1", "y": 0.1, "w": 0.2, "h": 0.2}],
    [{"x": 0.1, "y": 0.1, "w": 0.2, "h": 0.2, "by": "someone"}],
    [{"x": 0.1, "y": 0.1, "w": 0.2, "h": 0.2, "name": "นายสมชาย"}],
    [{"x": 0.1, "y": 0.1, "w": 0.1, "h": 0.1}] * (MAX_FACES + 1),
]


@pytest.mark.parametrize("value", HOSTILE_BOXES, ids=range(len(HOSTILE_BOXES)))
def test_hostile_boxes_are_refused_with_a_sentence(value):
    with pytest.raises(ValidationError) as caught:
        coerce(m.Evidence, "face_boxes", value)
    assert caught.value.key == "error.face_box"
    assert "face_boxes" in caught.value.message("en") and caught.value.message("th")


numbers = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-3, 3), st.booleans(), st.none(),
                    st.text(max_size=3))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(["x", "y", "w", "h", "by", "z"]), numbers, max_size=6), max_size=4))
def test_any_box_list_is_stored_inside_the_picture_or_refused(value):
    try:
        boxes = face_boxes_of(parse_face_boxes(value, "face_boxes"))
    except ValidationError:
        return
    for box in boxes:
        for side in (box.x, box.y, box.w, box.h):
            assert math.isfinite(side) and 0 <= side <= 1
        assert box.x + box.w <= 1.00001 and box.y + box.h <= 1.00001


def test_explanations_keep_notes_and_drop_emptied_ones():
    assert parse_explanations({"evidence.date_vs_activity": "  ถ่ายเย็นวันก่อน\nขณะเตรียมสถานที่ ",
                               "evidence.no_capture_date": "", "evidence.place_vs_area": None}, "f") == {
        "evidence.date_vs_activity": "ถ่ายเย็นวันก่อน ขณะเตรียมสถานที่"}
    assert coerce(m.Evidence, "findings_explained", {}) == {}


@pytest.mark.parametrize("value", [
    ["evidence.date_vs_activity"],
    {"": "note"},
    {"Evidence.Date": "note"},
    {"evidence": "note"},
    {"evidence.x" + "y" * 100: "note"},
    {"evidence.no_capture_date": 5},
    {"evidence.no_capture_date": "ก" * (MAX_NOTE + 1)},
    {3: "note"},
])
def test_hostile_explanations_are_refused(value):
    with pytest.raises(ValidationError) as caught:
        coerce(m.Evidence, "findings_explained", value)
    assert caught.value.key == "error.explanations"
