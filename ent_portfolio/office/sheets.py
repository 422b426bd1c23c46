"""Attendance and measurements from a spreadsheet: which column means what,
and which records its rows make.

A sheet's rows become records only through a plan the lecturer can look at
first: every row is either part of a record to create or refused by its line
number with a reason, so nothing is half-read in silence.  Attendance rows
are counted into one activity per (date, activity title); the people's names
are personal data and are kept only when the lecturer asks (then in the
activity's notes, which the dossier never prints).  Values are read by the
same parsers the forms use (:mod:`ent_portfolio.domain.fields`), so a date or
a number is accepted here exactly when it would be accepted typed in.

Which existing records count: an activity of the work on the same date with
the same title that has no participant count yet is filled in; one that has
counts already is left alone and its rows refused, because a second import
of the same sheet would otherwise count everyone twice.  Likewise a
measurement already recorded (same indicator, date and value) is refused."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..domain import models as m
from ..domain.fields import coerce, parse_date, parse_decimal, parse_int
from ..domain.thai_calendar import BE_OFFSET
from ..errors import UserError, ValidationError
from ..i18n import register, tr
from .sheet_files import Sheet, SheetRow, column_letter, read_sheet

__all__ = ["Mapping", "PlannedActivity", "PlannedMeasurement", "RowRefusal", "Sheet", "SheetPlan", "SheetRow",
           "KINDS", "TARGETS", "guess_mapping", "plan_rows", "read_sheet"]

KINDS = ("attendance", "measurements")
#: What a column can be mapped to, per kind; ``count:<group>`` (attendance)
#: is a column holding a number of people of that group.
TARGETS = {
    "attendance": ("date", "activity", "group", "name", "place", "total", "ignore"),
    "measurements": ("indicator", "date", "value", "note", "source", "ignore"),
}
REQUIRED = {"attendance": ("date",), "measurements": ("indicator", "date", "value")}
COUNT_PREFIX = "count:"
#: Longest cell read into a record (a title, a note); a longer one is refused.
MAX_CELL_CHARS = 2_000
#: Bangkok time: a timestamp with an offset is dated as it was in Thailand.
THAI_TIME = timezone(timedelta(hours=7))

register({
    "sheet.unknown_kind": ("ชนิดของตาราง “{kind}” ไม่รู้จัก ใช้ attendance หรือ measurements — ไม่มีการเปลี่ยนแปลงใด ๆ",
                           "Unknown kind of sheet “{kind}”; use attendance or measurements. Nothing was changed."),
    "sheet.mapping_missing": (
        "ยังไม่ได้บอกว่าคอลัมน์ใดเป็น “{target_th}” โปรดจับคู่คอลัมน์นี้ก่อน — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "No column is mapped to “{target_en}” yet; map one first. Nothing was changed.",
    ),
    "sheet.mapping_bad_column": ("ไม่มีคอลัมน์ “{column}” ในไฟล์นี้ — ไม่มีการเปลี่ยนแปลงใด ๆ",
                                 "The file has no column “{column}”. Nothing was changed."),
    "sheet.mapping_bad_target": (
        "“{target}” ไม่ใช่สิ่งที่จับคู่คอลัมน์ได้ เลือกได้: {choices} — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{target}” is not something a column can be mapped to; choose from {choices}. Nothing was changed.",
    ),
    "sheet.mapping_twice": ("จับคู่ “{target}” ไว้กับหลายคอลัมน์ โปรดเลือกคอลัมน์เดียว — ไม่มีการเปลี่ยนแปลงใด ๆ",
                            "“{target}” is mapped to more than one column; choose one. Nothing was changed."),
    "sheet.target.date": ("วันที่", "date"),
    "sheet.target.activity": ("ชื่อกิจกรรม", "activity"),
    "sheet.target.group": ("กลุ่มผู้เข้าร่วม", "participant group"),
    "sheet.target.name": ("ชื่อผู้เข้าร่วม", "participant name"),
    "sheet.target.place": ("สถานที่", "place"),
    "sheet.target.total": ("จำนวนผู้เข้าร่วม", "number of participants"),
    "sheet.target.count": ("จำนวน{group}", "number of {group}"),
    "sheet.target.ignore": ("ไม่ใช้", "not used"),
    "sheet.target.indicator": ("ตัวชี้วัด", "indicator"),
    "sheet.target.value": ("ค่าที่วัดได้", "value"),
    "sheet.target.note": ("หมายเหตุ", "note"),
    "sheet.target.source": ("แหล่งข้อมูล", "source"),
    "sheet.row": ("แถวที่ {line}: {reason_th}", "Row {line}: {reason_en}"),
    "sheet.row.empty": ("ช่อง “{column}” ว่าง", "the cell “{column}” is empty"),
    "sheet.row.too_long": ("ข้อความในช่อง “{column}” ยาวเกิน {limit:,} ตัวอักษร",
                           "the cell “{column}” is longer than {limit:,} characters"),
    "sheet.row.unknown_indicator": ("ผลงานนี้ไม่มีตัวชี้วัด “{value}” (ใช้ชื่อตัวชี้วัดหรือลำดับที่ 1 ถึง {count})",
                                    "this work has no indicator “{value}” (use its name or its number, 1 to {count})"),
    "sheet.row.ambiguous_indicator": ("ผลงานนี้มีตัวชี้วัดชื่อ “{value}” มากกว่าหนึ่งตัว โปรดใช้ลำดับที่แทนชื่อ",
                                      "more than one indicator of this work is called “{value}”; use its number"),
    "sheet.row.already_counted": (
        "กิจกรรม “{title}” วันที่ {day_th} มีจำนวนผู้เข้าร่วมบันทึกไว้แล้ว จึงไม่นับซ้ำ",
        "the activity “{title}” of {day_en} already has its participants counted; they are not counted twice",
    ),
    "sheet.row.already_recorded": ("ค่า {value} ของ “{indicator}” วันที่ {day_th} บันทึกไว้แล้ว",
                                   "the value {value} of “{indicator}” on {day_en} is recorded already"),
    "sheet.row.date_serial": ("ตัวเลข {value} ในช่องวันที่ไม่ใช่วันที่ของ Excel",
                              "the number {value} in the date cell is not an Excel date"),
    "sheet.plan.activity": ("{day_th} “{title}”: {total:,} คน{groups}", "{day_en} “{title}”: {total:,} people{groups}"),
    "sheet.plan.activity_filled": (
        "{day_th} “{title}”: {total:,} คน{groups} (เติมจำนวนในกิจกรรมที่มีอยู่แล้ว)",
        "{day_en} “{title}”: {total:,} people{groups} (filled into the existing activity)",
    ),
    "sheet.plan.measurement": ("{day_th} ตัวชี้วัด “{indicator}”: {value}", "{day_en} indicator “{indicator}”: {value}"),
    "sheet.notes.names": ("รายชื่อผู้เข้าร่วม (นำเข้าจากไฟล์ {file})", "Participants (imported from {file})"),
})

# The words a header holds for each target (lower case, in Thai and
# English, as Google Forms, KoboToolbox and hand-made sheets name them),
# tried in this order so "ชื่อกิจกรรม" is an activity before it is a name.
_HEADER_WORDS = {
    "attendance": (
        ("activity", ("กิจกรรม", "activity", "session", "event", "หัวข้อ", "โครงการ", "รายการ")),
        ("date", ("วันที่", "date", "today", "ประทับเวลา", "timestamp", "_submission_time", "submissiondate",
                  "start", "เวลา", "time")),
        ("place", ("สถานที่", "place", "location", "venue")),
        ("group", ("เพศ", "gender", "sex", "กลุ่ม", "group", "สถานะ", "ประเภท", "category")),
        ("total", ("จำนวน", "total", "count", "number of")),
        ("name", ("ชื่อ", "name", "นามสกุล", "surname")),
    ),
    "measurements": (
        ("indicator", ("ตัวชี้วัด", "indicator", "kpi", "รหัส", "code")),
        ("date", ("วันที่", "date", "วันเก็บ", "เมื่อ")),
        ("value", ("ค่า", "value", "ผล", "result", "จำนวน", "amount")),
        ("note", ("หมายเหตุ", "note", "remark", "comment")),
        ("source", ("แหล่ง", "source", "ที่มา")),
    ),
}
_TIME_TAIL = re.compile(
    r"(?:[,\s]+|T)\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?\s*(?:น\.|[ap]\.?m\.?)?\s*"
    r"(?:(?:gmt|utc)?\s*[+-]\d{1,2}(?::?\d{2})?|gmt|utc|z)?\s*$",
    re.IGNORECASE)
_SLASHED = re.compile(r"\s*(\d{1,2})/(\d{1,2})/(\d{2,4})")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
#: Excel day numbers that are dates of this app's years (1954–2119): a
#: smaller or larger number in a date cell is a count typed in the wrong place.
_SERIAL_RANGE = (20_000, 80_000)
_EXCEL_EPOCH = date(1899, 12, 30)
_NOTHING_CHANGED = (" — ไม่มีการเปลี่ยนแปลงใด ๆ", " Nothing was changed.")


@dataclass
class Mapping:
    """Which column (by index) is what; columns not listed are not used."""

    columns: dict[int, str] = field(default_factory=dict)

    def column_of(self, target: str) -> int | None:
        return next((index for index, t in self.columns.items() if t == target), None)

    def count_columns(self) -> dict[int, str]:
        return {index: t[len(COUNT_PREFIX):] for index, t in self.columns.items() if t.startswith(COUNT_PREFIX)}


@dataclass
class RowRefusal:
    """A row that is not imported: its line and why, in either language."""

    line: int
    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def reason(self, lang: str | None = None) -> str:
        text = tr(self.key, lang, **self.params)
        for suffix in _NOTHING_CHANGED:  # the rest of the sheet is imported: only this row is left out
            text = text.removesuffix(suffix)
        return text

    def message(self, lang: str | None = None) -> str:
        return tr("sheet.row", lang, line=self.line, reason_th=self.reason("th"), reason_en=self.reason("en"))


@dataclass
class PlannedActivity:
    """An activity the import makes (or an existing one it fills in)."""

    day: date
    title: str
    participants_total: int
    participant_groups: dict[str, int]
    lines: list[int]
    place: str = ""
    names: list[str] = field(default_factory=list)
    existing_id: str | None = None

    def describe(self, lang: str | None = None) -> str:
        groups = ", ".join(f"{g} {n:,}" for g, n in self.participant_groups.items())
        key = "sheet.plan.activity_filled" if self.existing_id else "sheet.plan.activity"
        return tr(key, lang, title=self.title, total=self.participants_total, groups=f" ({groups})" if groups else "",
                  **_days(self.day))


@dataclass
class PlannedMeasurement:
    day: date
    indicator_id: str
    indicator_name: str
    value: Decimal
    lines: list[int]
    note: str = ""
    source: str = ""

    def describe(self, lang: str | None = None) -> str:
        return tr("sheet.plan.measurement", lang, indicator=self.indicator_name, value=f"{self.value:,f}",
                  **_days(self.day))


@dataclass
class SheetPlan:
    """What an import would do: the records to make, the rows refused, and
    what a window shows beside them (the columns and the mapping used)."""

    kind: str
    columns: list[str]
    mapping: Mapping
    rows: list[PlannedActivity | PlannedMeasurement]
    refused: list[RowRefusal]
    rows_read: int

    @property
    def rows_used(self) -> int:
        return sum(len(record.lines) for record in self.rows)


def _days(day: date) -> dict[str, str]:
    return {"day_th": f"{day.day}/{day.month}/{day.year + BE_OFFSET}", "day_en": day.isoformat()}


def target_label(target: str, lang: str | None = None) -> str:
    if target.startswith(COUNT_PREFIX):
        return tr("sheet.target.count", lang, group=target[len(COUNT_PREFIX):])
    return tr(f"sheet.target.{target}", lang)


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise UserError("sheet.unknown_kind", kind=str(kind)[:40])


def _header_key(title: str) -> str:
    # KoboToolbox names a question inside a group "group/question".
    return unicodedata.normalize("NFC", title).rsplit("/", 1)[-1].strip().lower()


def guess_mapping(sheet: Sheet, kind: str) -> Mapping:
    """The mapping the headers suggest; each target is given to the first
    column whose header names it, and a column gets one target."""
    _check_kind(kind)
    columns: dict[int, str] = {}
    for target, words in _HEADER_WORDS[kind]:
        index = next((index for word in words for index, title in enumerate(sheet.columns)
                      if index not in columns and word in _header_key(title)), None)
        if index is not None:
            columns[index] = target
    return Mapping(columns)


def check_mapping(mapping: Mapping, kind: str, width: int) -> None:
    """A mapping a plan can use, or a UserError naming what is wrong."""
    _check_kind(kind)
    seen: set[str] = set()
    for index, target in mapping.columns.items():
        if not isinstance(index, int) or not 0 <= index < width:
            raise UserError("sheet.mapping_bad_column", column=str(index)[:40])
        group = target[len(COUNT_PREFIX):] if kind == "attendance" and target.startswith(COUNT_PREFIX) else None
        if target not in TARGETS[kind] and not (group and group.strip() and len(group) <= 100):
            raise UserError("sheet.mapping_bad_target", target=str(target)[:40],
                            choices=", ".join(TARGETS[kind] + ((COUNT_PREFIX + "…",) if kind == "attendance" else ())))
        if target != "ignore" and target in seen:
            raise UserError("sheet.mapping_twice", target=target)
        seen.add(target)
    for target in REQUIRED[kind]:
        if target not in seen:
            raise UserError("sheet.mapping_missing", target_th=target_label(target, "th"),
                            target_en=target_label(target, "en"))


class _Refused(Exception):
    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key, self.params = key, params


def _refusal(line: int, error: ValidationError | _Refused) -> RowRefusal:
    if isinstance(error, _Refused):
        return RowRefusal(line, error.key, error.params)
    return RowRefusal(line, error.key, dict(error.params))


def _text(value: Any, column: str, required: bool = False) -> str:
    if value is None:
        text = ""
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    text = " ".join(text.split())
    if len(text) > MAX_CELL_CHARS:
        raise _Refused("sheet.row.too_long", column=column, limit=MAX_CELL_CHARS)
    if required and not text:
        raise _Refused("sheet.row.empty", column=column)
    return text


def month_first(values: list[Any]) -> bool:
    """Whether a column's slashed dates are month first (10/15/2023, as a
    form in an American locale writes them): some second number is above 12
    and no first one is.  Otherwise they are read day first, as Thai people
    write them."""
    firsts, seconds = set(), set()
    for value in values:
        if isinstance(value, str) and (match := _SLASHED.match(value.translate(_THAI_DIGITS))):
            firsts.add(int(match[1]))
            seconds.add(int(match[2]))
    return bool(seconds) and max(seconds) > 12 and max(firsts, default=0) <= 12


def read_day(value: Any, column: str, american: bool = False) -> date:
    """The day a date cell means: a datetime or date cell, an Excel day
    number, or text as a form writes it — the date and a time after it
    ("15/10/2566, 9:12:33", "2023/10/15 9:12:33 AM GMT+7",
    "2023-10-15T09:12:33+07:00"); the date part is read as the forms read
    it (Thai or Buddhist-era years, Thai digits)."""
    if isinstance(value, datetime):
        return value.astimezone(THAI_TIME).date() if value.tzinfo else value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not _SERIAL_RANGE[0] <= value < _SERIAL_RANGE[1]:
            raise _Refused("sheet.row.date_serial", value=f"{value:g}")
        return _EXCEL_EPOCH + timedelta(days=int(value))
    if isinstance(value, time):
        raise ValidationError("error.date_not_understood", field=column, value=value.isoformat())
    text = _text(value, column, required=True).translate(_THAI_DIGITS)
    try:
        stamp = datetime.fromisoformat(text)
    except ValueError:
        pass
    else:
        if stamp.year <= 2400:  # 2566-10-15 is a Buddhist-era year, read below
            return read_day(stamp, column)
    text = _TIME_TAIL.sub("", text).strip()
    if american and (match := _SLASHED.fullmatch(text)):
        text = f"{match[2]}/{match[1]}/{match[3]}"
    return parse_date(text, column)


def _count(value: Any, column: str) -> int:
    if isinstance(value, str):
        value = _text(value, column).translate(_THAI_DIGITS)
    number = parse_int(value, column, m.Activity.__table__.c.participants_total)
    return 0 if number is None else number


def plan_rows(sheet: Sheet, mapping: Mapping, work: m.Work, kind: str, *, keep_names: bool = False,
              file_name: str = "") -> SheetPlan:
    """The records ``sheet`` makes for ``work`` (its indicators and
    activities loaded), and its rows refused, each by line."""
    check_mapping(mapping, kind, len(sheet.columns))
    if kind == "attendance":
        rows, refused = _plan_attendance(sheet, mapping, work, keep_names)
    else:
        rows, refused = _plan_measurements(sheet, mapping, work, file_name or sheet.name)
    return SheetPlan(kind=kind, columns=list(sheet.columns), mapping=mapping, rows=rows,
                     refused=sorted(refused, key=lambda r: r.line), rows_read=len(sheet.rows))


def _column_title(sheet: Sheet, index: int) -> str:
    return sheet.columns[index] or tr("sheet.unnamed_column", letter=column_letter(index))


def _same_title(title: str) -> str:
    return " ".join(unicodedata.normalize("NFC", title).split()).casefold()


def _plan_attendance(sheet: Sheet, mapping: Mapping, work: m.Work, keep_names: bool):
    date_col = mapping.column_of("date")
    place_col, title_col = mapping.column_of("place"), mapping.column_of("activity")
    group_col, name_col, total_col = mapping.column_of("group"), mapping.column_of("name"), mapping.column_of("total")
    counts = mapping.count_columns()
    american = month_first([row.values[date_col] for row in sheet.rows])
    groups: dict[tuple[date, str], PlannedActivity] = {}
    refused: list[RowRefusal] = []
    existing = {(a.date, _same_title(a.title)): a for a in work.activities}
    for row in sheet.rows:
        try:
            day = read_day(row.values[date_col], _column_title(sheet, date_col), american)
            title = (_text(row.values[title_col], _column_title(sheet, title_col), required=True)
                     if title_col is not None else sheet.name)
            coerce(m.Activity, "title", title)
            place = _text(row.values[place_col], _column_title(sheet, place_col)) if place_col is not None else ""
            coerce(m.Activity, "place", place)
            by_group: dict[str, int] = {}
            for index, group in counts.items():
                by_group[group] = _count(row.values[index], f"{_column_title(sheet, index)}")
            if group_col is not None and not counts:
                group = _text(row.values[group_col], _column_title(sheet, group_col))
                if group:
                    by_group = coerce(m.Activity, "participant_groups", {group[:100]: 1})
            if total_col is not None:
                total = _count(row.values[total_col], _column_title(sheet, total_col))
            else:
                total = sum(by_group.values()) if counts else 1
            name = _text(row.values[name_col], _column_title(sheet, name_col)) if name_col is not None else ""
        except (ValidationError, _Refused) as error:
            refused.append(_refusal(row.line, error))
            continue
        known = existing.get((day, _same_title(title)))
        if known is not None and known.participants_total:
            refused.append(RowRefusal(row.line, "sheet.row.already_counted", {"title": known.title, **_days(day)}))
            continue
        plan = groups.setdefault((day, _same_title(title)), PlannedActivity(
            day=day, title=known.title if known else title, participants_total=0, participant_groups={},
            lines=[], place=place, existing_id=known.id if known else None))
        plan.lines.append(row.line)
        plan.participants_total += total
        for group, number in by_group.items():
            plan.participant_groups[group] = plan.participant_groups.get(group, 0) + number
        if keep_names and name:
            plan.names.append(name)
        if place and not plan.place:
            plan.place = place
    return sorted(groups.values(), key=lambda p: (p.day, p.title)), refused


def _indicator_lookup(work: m.Work):
    ordered = sorted(work.indicators, key=lambda i: (i.sort_order, i.created_at))
    by_name: dict[str, list[m.Indicator]] = {}
    for indicator in ordered:
        for name in {_same_title(indicator.name_th), _same_title(indicator.name_en)} - {""}:
            by_name.setdefault(name, []).append(indicator)
    by_id = {indicator.id: indicator for indicator in ordered}

    def find(text: str) -> m.Indicator:
        plain = text.translate(_THAI_DIGITS)
        if plain.isdigit() and 1 <= int(plain) <= len(ordered):
            return ordered[int(plain) - 1]
        if text in by_id:
            return by_id[text]
        matches = by_name.get(_same_title(text), [])
        if len(matches) > 1:
            raise _Refused("sheet.row.ambiguous_indicator", value=text[:60])
        if not matches:
            raise _Refused("sheet.row.unknown_indicator", value=text[:60], count=len(ordered))
        return matches[0]

    return find


def _plan_measurements(sheet: Sheet, mapping: Mapping, work: m.Work, file_name: str):
    indicator_col, date_col, value_col = (mapping.column_of(t) for t in ("indicator", "date", "value"))
    note_col, source_col = mapping.column_of("note"), mapping.column_of("source")
    find = _indicator_lookup(work)
    american = month_first([row.values[date_col] for row in sheet.rows])
    recorded = {(mm.indicator_id, mm.date, Decimal(mm.value)) for i in work.indicators for mm in i.measurements}
    rows: list[PlannedMeasurement] = []
    refused: list[RowRefusal] = []
    for row in sheet.rows:
        try:
            indicator = find(_text(row.values[indicator_col], _column_title(sheet, indicator_col), required=True))
            day = read_day(row.values[date_col], _column_title(sheet, date_col), american)
            raw = row.values[value_col]
            if isinstance(raw, str):
                raw = _text(raw, _column_title(sheet, value_col), required=True).translate(_THAI_DIGITS)
            if raw is None:
                raise _Refused("sheet.row.empty", column=_column_title(sheet, value_col))
            value = parse_decimal(raw, _column_title(sheet, value_col), m.Measurement.__table__.c.value)
            note = _text(row.values[note_col], _column_title(sheet, note_col)) if note_col is not None else ""
            coerce(m.Measurement, "note", note)
            source = (_text(row.values[source_col], _column_title(sheet, source_col)) if source_col is not None
                      else "") or file_name
            source = coerce(m.Measurement, "source", source[:300])
        except (ValidationError, _Refused) as error:
            refused.append(_refusal(row.line, error))
            continue
        key = (indicator.id, day, value)
        name = indicator.name_th or indicator.name_en
        if key in recorded:
            refused.append(RowRefusal(row.line, "sheet.row.already_recorded",
                                      {"value": f"{value:,f}", "indicator": name, **_days(day)}))
            continue
        recorded.add(key)
        rows.append(PlannedMeasurement(day=day, indicator_id=indicator.id, indicator_name=name, value=value,
                                       lines=[row.line], note=note, source=source))
    return rows, refused


def names_note(names: list[str], file_name: str, lang: str = "th") -> str:
    """The text added to an activity's notes when the lecturer keeps names."""
    return tr("sheet.notes.names", lang, file=file_name) + "\n" + "\n".join(names)


def sheet_name(path: Path | str) -> str:
    return Path(path).name
