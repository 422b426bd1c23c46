"""Frameworks a work can be mapped to: the SDGs and whatever else the
resources hold (a university's strategy, the THE Impact metrics).

Each ``*.toml`` in ``resources/frameworks/`` is one framework: an id, its
names and a flat list of items, each with a code, Thai and English names and
optionally the code of its parent. Adding a framework is adding a file; the
loader refuses a file it cannot trust with a message that names the file."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import UserError
from ..i18n import register
from ..resources import resource_path

FRAMEWORKS_FOLDER = "frameworks"
# Far above any real framework (the SDGs are 186 items in 51 kB); a file past
# these is a mistake or an attack, not a framework.
MAX_FILE_BYTES = 2_000_000
MAX_ITEMS = 5_000
MAX_NAME_CHARS = 300
CODE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,19}")
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")
_TOP_KEYS = {"id", "name_th", "name_en", "short_th", "short_en", "items"}
_ITEM_KEYS = {"code", "parent", "name_th", "name_en"}

register({
    "frameworks.unknown": (
        "ไม่รู้จักกรอบเป้าหมาย “{id}”",
        "Unknown framework “{id}”",
    ),
    "frameworks.file_bad": (
        "อ่านไฟล์กรอบเป้าหมาย {path} ไม่ได้: {detail}",
        "Cannot use the framework file {path}: {detail}",
    ),
    "frameworks.same_id": (
        "ไฟล์กรอบเป้าหมาย {path} ใช้รหัส “{id}” ซ้ำกับไฟล์ {other}",
        "The framework file {path} uses the id “{id}” that {other} already uses",
    ),
})


@dataclass(frozen=True)
class FrameworkItem:
    code: str
    name_th: str
    name_en: str
    parent: str | None

    def name(self, lang: str) -> str:
        return self.name_th if lang == "th" else self.name_en


@dataclass(frozen=True)
class Framework:
    id: str
    name_th: str
    name_en: str
    short_th: str
    short_en: str
    items: tuple[FrameworkItem, ...]

    def item(self, code: str) -> FrameworkItem | None:
        return self._by_code().get(code)

    def goals(self) -> tuple[FrameworkItem, ...]:
        return tuple(i for i in self.items if i.parent is None)

    def targets_of(self, code: str) -> tuple[FrameworkItem, ...]:
        return tuple(i for i in self.items if i.parent == code)

    def goal_of(self, code: str) -> str:
        """The code of the top-level item ``code`` sits under (itself for a goal)."""
        by_code = self._by_code()
        if code not in by_code:
            raise KeyError(code)
        while (parent := by_code[code].parent) is not None:
            code = parent
        return code

    def goals_touched(self, codes: Iterable[str]) -> list[tuple[FrameworkItem, list[str]]]:
        """The goals ``codes`` fall under, in file order, each with the ticked codes below it.

        Codes the framework does not have (a file changed since) are left out."""
        below: dict[str, list[str]] = {}
        wanted = set(codes)
        for code in (i.code for i in self.items if i.code in wanted):  # file order, whatever was given
            goal = self.goal_of(code)
            below.setdefault(goal, [])
            if code != goal:
                below[goal].append(code)
        return [(goal, below[goal.code]) for goal in self.goals() if goal.code in below]

    def summary(self, codes: Iterable[str], lang: str) -> str:
        """One line for a reader: “4 การศึกษาที่มีคุณภาพ (4.7); 11 …”."""
        parts = []
        for goal, targets in self.goals_touched(codes):
            text = f"{goal.code} {goal.name(lang)}"
            parts.append(f"{text} ({', '.join(targets)})" if targets else text)
        return "; ".join(parts)

    def unknown_codes(self, codes: Iterable[str]) -> list[str]:
        by_code = self._by_code()
        return [c for c in codes if c not in by_code]

    def _by_code(self) -> dict[str, FrameworkItem]:
        # Built once per framework; a frozen dataclass keeps it beside its fields.
        found = self.__dict__.get("_index")
        if found is None:
            found = {i.code: i for i in self.items}
            object.__setattr__(self, "_index", found)
        return found


class FrameworkFileError(UserError):
    key = "frameworks.file_bad"


def frameworks_folder() -> Path:
    return resource_path(FRAMEWORKS_FOLDER)


@cache
def frameworks() -> dict[str, Framework]:
    """The shipped frameworks by id, in the order of their file names."""
    return load_frameworks(frameworks_folder())


def framework(framework_id: str) -> Framework:
    try:
        return frameworks()[framework_id]
    except KeyError:
        raise UserError("frameworks.unknown", id=framework_id) from None


def load_frameworks(folder: Path) -> dict[str, Framework]:
    """Every ``*.toml`` in ``folder``; one bad file refuses the lot, by its name."""
    found: dict[str, Framework] = {}
    paths: dict[str, Path] = {}
    for path in sorted(Path(folder).glob("*.toml")):
        loaded = load_framework_file(path)
        if loaded.id in found:
            raise UserError("frameworks.same_id", path=str(path), id=loaded.id, other=str(paths[loaded.id]))
        found[loaded.id] = loaded
        paths[loaded.id] = path
    return found


def load_framework_file(path: Path) -> Framework:
    path = Path(path)
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise FrameworkFileError(path=str(path), detail=f"larger than {MAX_FILE_BYTES:,} bytes")
        data = tomllib.loads(raw.decode("utf-8"))
    except FrameworkFileError:
        raise
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise FrameworkFileError(path=str(path), detail=str(exc)) from exc
    return parse_framework(data, path)


def parse_framework(data: dict[str, Any], path: Path | str = "<framework>") -> Framework:
    def fail(detail: str) -> FrameworkFileError:
        return FrameworkFileError(path=str(path), detail=detail)

    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise fail(f"unknown keys {', '.join(unknown)}")
    framework_id = data.get("id")
    if not isinstance(framework_id, str) or not ID_PATTERN.fullmatch(framework_id):
        raise fail("id must be 1–40 lower-case letters, digits, '-' or '_'")
    names = {key: _text(data, key, fail, required=key in ("name_th", "name_en"))
             for key in ("name_th", "name_en", "short_th", "short_en")}
    raw_items = data.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        raise fail("no [[items]]")
    if len(raw_items) > MAX_ITEMS:
        raise fail(f"more than {MAX_ITEMS:,} items")
    items = tuple(_item(raw, number, fail) for number, raw in enumerate(raw_items, start=1))
    _check_tree(items, fail)
    short_th = names["short_th"] or names["name_th"]
    return Framework(
        id=framework_id, name_th=names["name_th"], name_en=names["name_en"],
        short_th=short_th, short_en=names["short_en"] or short_th, items=items,
    )


def _text(table: dict[str, Any], key: str, fail: Any, *, required: bool, where: str = "") -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise fail(f"{where}{key} must be text")
    value = value.strip()
    if required and not value:
        raise fail(f"{where}{key} is empty")
    if len(value) > MAX_NAME_CHARS:
        raise fail(f"{where}{key} is longer than {MAX_NAME_CHARS} characters")
    return value


def _item(raw: Any, number: int, fail: Any) -> FrameworkItem:
    where = f"item {number}: "
    if not isinstance(raw, dict):
        raise fail(f"{where}not a table")
    unknown = sorted(set(raw) - _ITEM_KEYS)
    if unknown:
        raise fail(f"{where}unknown keys {', '.join(unknown)}")
    code = raw.get("code")
    if not isinstance(code, str) or not CODE_PATTERN.fullmatch(code):
        raise fail(f"{where}code must be 1–20 letters, digits, '.', '-' or '_'")
    where = f"item {code}: "
    parent = raw.get("parent")
    if parent is not None and (not isinstance(parent, str) or not parent):
        raise fail(f"{where}parent must be a code")
    return FrameworkItem(
        code=code,
        name_th=_text(raw, "name_th", fail, required=True, where=where),
        name_en=_text(raw, "name_en", fail, required=True, where=where),
        parent=parent,
    )


def _check_tree(items: tuple[FrameworkItem, ...], fail: Any) -> None:
    parents: dict[str, str | None] = {}
    for item in items:
        if item.code in parents:
            raise fail(f"code {item.code} appears twice")
        parents[item.code] = item.parent
    for item in items:
        if item.parent is not None and item.parent not in parents:
            raise fail(f"item {item.code}: parent {item.parent} is not in the file")
    rooted: set[str] = set()  # codes whose chain of parents is known to end
    for item in items:
        chain = {item.code}
        code = item.parent
        while code is not None and code not in rooted:
            if code in chain:
                raise fail(f"item {item.code}: its parents go round in a circle")
            chain.add(code)
            code = parents[code]
        rooted.update(chain)
