"""What the app knows about the people and the plausibility of a photo,
in the shapes its JSON columns hold.

A face is a box in fractions of the *upright* picture (EXIF orientation
applied), so it stays right whatever size the picture is shown or printed
at.  ``by`` says who put it there: the detector at import, or the lecturer
in the evidence viewer (a box the lecturer drew or moved is never replaced
by a later detection).

An explanation is the lecturer's note on a plausibility finding ("the
photo was taken the evening before the workshop, while setting up"): the
finding then stops counting against readiness, and the dossier's manifest
prints the note beside the item so a reviewer sees why."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from ..errors import ValidationError
from ..i18n import register

register({
    "error.face_box": (
        "“{field}” ต้องเป็นกรอบใบหน้าที่อยู่ภายในภาพ ({detail}) — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{field}” must be face boxes that lie inside the picture ({detail}). Nothing was changed.",
    ),
    "error.explanations": (
        "“{field}” ต้องเป็นคำอธิบายต่อข้อสังเกตแต่ละข้อ ({detail}) — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{field}” must be one note per finding ({detail}). Nothing was changed.",
    ),
})

DETECTOR, LECTURER = "detector", "lecturer"
FACE_SOURCES = (DETECTOR, LECTURER)
#: More boxes than this on one photo is a detector gone wrong, or hostile input.
MAX_FACES = 200
#: The smallest side a box may have (a fraction of the picture's side).
MIN_SIDE = 0.002
MAX_NOTE = 2000
_RULE_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")


@dataclass(frozen=True)
class FaceBox:
    x: float
    y: float
    w: float
    h: float
    by: str = DETECTOR

    def as_dict(self) -> dict[str, Any]:
        return {"x": round(self.x, 5), "y": round(self.y, 5), "w": round(self.w, 5), "h": round(self.h, 5),
                "by": self.by}

    def pixels(self, width: int, height: int) -> tuple[int, int, int, int]:
        """``(left, top, right, bottom)`` in a picture of that upright size."""
        left, top = int(self.x * width), int(self.y * height)
        right = min(width, max(left + 1, math.ceil((self.x + self.w) * width)))
        bottom = min(height, max(top + 1, math.ceil((self.y + self.h) * height)))
        return left, top, right, bottom


def face_boxes_of(value: list[dict[str, Any]] | None) -> list[FaceBox]:
    """The stored column as boxes ([] when not yet detected)."""
    return [FaceBox(**item) for item in (value or [])]


def _fraction(item: dict, key: str, field: str) -> float:
    number = item.get(key)
    if isinstance(number, bool) or not isinstance(number, (int, float)) or not math.isfinite(number):
        raise ValidationError("error.face_box", field=field, detail=f"{key}={number!r}")
    return float(number)


def parse_face_boxes(value: Any, field: str) -> list[dict[str, Any]]:
    """A list of boxes inside the picture, each at least :data:`MIN_SIDE`."""
    if not isinstance(value, list):
        raise ValidationError("error.face_box", field=field, detail=type(value).__name__)
    if len(value) > MAX_FACES:
        raise ValidationError("error.face_box", field=field, detail=f"{len(value)} > {MAX_FACES}")
    boxes = []
    for item in value:
        if isinstance(item, FaceBox):
            item = item.as_dict()
        if not isinstance(item, dict) or set(item) - {"x", "y", "w", "h", "by"}:
            raise ValidationError("error.face_box", field=field, detail=repr(item)[:80])
        x, y, w, h = (_fraction(item, k, field) for k in ("x", "y", "w", "h"))
        by = item.get("by", DETECTOR)
        inside = min(x, y) >= 0 and min(w, h) >= MIN_SIDE and x + w <= 1.000001 and y + h <= 1.000001
        if by not in FACE_SOURCES or not inside:
            raise ValidationError("error.face_box", field=field, detail=repr(item)[:80])
        boxes.append(FaceBox(x, y, min(w, 1 - x), min(h, 1 - y), by).as_dict())
    return boxes


def parse_explanations(value: Any, field: str) -> dict[str, str]:
    """Rule id -> a note; an emptied note takes the explanation away."""
    if not isinstance(value, dict):
        raise ValidationError("error.explanations", field=field, detail=type(value).__name__)
    notes: dict[str, str] = {}
    for rule_id, note in value.items():
        if not isinstance(rule_id, str) or len(rule_id) > 80 or not _RULE_ID.match(rule_id):
            raise ValidationError("error.explanations", field=field, detail=repr(rule_id)[:80])
        if note is None:
            continue
        if not isinstance(note, str):
            raise ValidationError("error.explanations", field=field, detail=repr(note)[:80])
        text = " ".join(note.split())
        if len(text) > MAX_NOTE:
            raise ValidationError("error.explanations", field=field, detail=f"{len(text)} > {MAX_NOTE}")
        if text:
            notes[rule_id] = text
    return notes


#: The declared shapes of JSON columns (``column.info["json"]``) other than counts.
JSON_SHAPES = {"face_boxes": parse_face_boxes, "explanations": parse_explanations}
