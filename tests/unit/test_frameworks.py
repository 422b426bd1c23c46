"""The shipped frameworks (the SDGs) and the loader every framework file goes through."""

from __future__ import annotations

import re
import string
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ent_portfolio.domain import frameworks as fw
from ent_portfolio.errors import UserError

GOAL_TARGETS = {  # how many targets each goal has, lettered ones included (UN numbering)
    "1": 7, "2": 8, "3": 13, "4": 10, "5": 9, "6": 8, "7": 5, "8": 12, "9": 8, "10": 10,
    "11": 10, "12": 11, "13": 5, "14": 10, "15": 12, "16": 12, "17": 19,
}
THAI = re.compile(r"[\u0E00-\u0E7F]")


@pytest.fixture(scope="module")
def sdg() -> fw.Framework:
    return fw.framework("sdg")


def test_the_sdgs_are_17_goals_and_169_targets(sdg):
    assert [g.code for g in sdg.goals()] == [str(n) for n in range(1, 18)]
    targets = [i for i in sdg.items if i.parent is not None]
    assert len(targets) == 169 == sum(GOAL_TARGETS.values())
    for goal, count in GOAL_TARGETS.items():
        assert len(sdg.targets_of(goal)) == count, goal


def test_every_target_sits_under_the_goal_its_number_says(sdg):
    for item in sdg.items:
        if item.parent is None:
            continue
        assert re.fullmatch(r"\d{1,2}\.(\d{1,2}|[a-d])", item.code), item.code
        assert item.parent == item.code.split(".")[0]
        assert sdg.goal_of(item.code) == item.parent
        assert sdg.item(item.parent).parent is None


def test_numbered_targets_run_without_gaps_then_the_lettered_ones(sdg):
    for goal in sdg.goals():
        suffixes = [t.code.split(".")[1] for t in sdg.targets_of(goal.code)]
        numbers = [s for s in suffixes if s.isdigit()]
        letters = [s for s in suffixes if not s.isdigit()]
        assert numbers == [str(n) for n in range(1, len(numbers) + 1)], goal.code
        assert letters == list("abcd"[: len(letters)]), goal.code
        assert suffixes == numbers + letters


def test_codes_are_unique_and_no_name_is_empty(sdg):
    codes = [i.code for i in sdg.items]
    assert len(codes) == len(set(codes))
    for item in sdg.items:
        assert item.name_th.strip() and item.name_en.strip(), item.code
        assert THAI.search(item.name_th), f"{item.code}: Thai name has no Thai"
        assert not THAI.search(item.name_en), f"{item.code}: English name has Thai"
        assert len(item.name_en) <= 120 and len(item.name_th) <= 120, item.code


def test_goal_names_are_the_ones_in_use_in_thailand(sdg):
    assert sdg.item("1").name_th == "ขจัดความยากจน"
    assert sdg.item("4").name_th == "การศึกษาที่มีคุณภาพ"
    assert sdg.item("17").name_th == "ความร่วมมือเพื่อการพัฒนาที่ยั่งยืน"
    assert sdg.item("4").name_en == "Quality education"
    assert (sdg.short_th, sdg.short_en, sdg.name_en) == ("SDGs", "SDGs", "Sustainable Development Goals")


def test_summary_names_the_goals_touched_with_their_ticked_targets(sdg):
    assert sdg.summary(["11.4", "4", "4.7", "no-such"], "th") == (
        "4 การศึกษาที่มีคุณภาพ (4.7); 11 เมืองและถิ่นฐานมนุษย์อย่างยั่งยืน (11.4)")
    assert sdg.summary(["4"], "en") == "4 Quality education"
    assert sdg.summary([], "th") == ""


def test_unknown_framework_and_code(sdg):
    with pytest.raises(UserError) as caught:
        fw.framework("nope")
    assert caught.value.key == "frameworks.unknown" and "nope" in caught.value.message("th")
    assert sdg.item("18") is None
    with pytest.raises(KeyError):
        sdg.goal_of("18")


# --- another framework is a file, not code -------------------------------------------------

STRATEGY = """
id = "cmu-strategy"
name_th = "ยุทธศาสตร์มหาวิทยาลัย"
name_en = "University strategy"

[[items]]
code = "S1"
name_th = "ล้านนาสร้างสรรค์"
name_en = "Creative Lanna"

[[items]]
code = "S1.1"
parent = "S1"
name_th = "เศรษฐกิจสร้างสรรค์"
name_en = "Creative economy"

[[items]]
code = "S1.1.1"
parent = "S1.1"
name_th = "หัตถกรรม"
name_en = "Crafts"
"""


def test_a_second_framework_file_loads_beside_the_sdgs(tmp_path, monkeypatch):
    folder = tmp_path / "resources" / "frameworks"
    folder.mkdir(parents=True)
    (folder / "sdg.toml").write_bytes(fw.frameworks_folder().joinpath("sdg.toml").read_bytes())
    (folder / "university.toml").write_text(STRATEGY, encoding="utf-8")
    monkeypatch.setattr(fw, "frameworks_folder", lambda: folder)
    fw.frameworks.cache_clear()
    try:
        loaded = fw.frameworks()
        assert list(loaded) == ["sdg", "cmu-strategy"]
        strategy = fw.framework("cmu-strategy")
        assert strategy.short_th == "ยุทธศาสตร์มหาวิทยาลัย" == strategy.short_en  # short names default
        assert [g.code for g in strategy.goals()] == ["S1"]
        assert strategy.goal_of("S1.1.1") == "S1"
        assert strategy.summary(["S1.1.1"], "en") == "S1 Creative Lanna (S1.1.1)"
    finally:
        fw.frameworks.cache_clear()


# --- hostile files ------------------------------------------------------------------------

def _refusal(path: Path) -> str:
    with pytest.raises(UserError) as caught:
        fw.load_frameworks(path.parent)
    message_th, message_en = caught.value.message("th"), caught.value.message("en")
    assert str(path) in message_th and str(path) in message_en
    return message_en


def _write(tmp_path: Path, text: str | bytes, name: str = "bad.toml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


HEAD = 'id = "x"\nname_th = "ก"\nname_en = "A"\n'


def _item(code: str, parent: str | None = None, th: str = "ก", en: str = "A") -> str:
    line = f'\n[[items]]\ncode = "{code}"\nname_th = "{th}"\nname_en = "{en}"\n'
    return line + (f'parent = "{parent}"\n' if parent is not None else "")


@pytest.mark.parametrize("text, says", [
    ("id = \n", "Invalid"),  # not TOML
    (b"\xff\xfe id", "codec"),  # not UTF-8
    ('name_th = "ก"\nname_en = "A"\n' + _item("1"), "id must be"),
    ('id = "Has Space"\nname_th = "ก"\nname_en = "A"\n' + _item("1"), "id must be"),
    (HEAD, "no [[items]]"),
    (HEAD + "items = 3\n", "no [[items]]"),
    (HEAD + 'colour = "red"\n' + _item("1"), "unknown keys colour"),
    (HEAD + _item("1") + _item("1"), "code 1 appears twice"),
    (HEAD + _item("1.1", parent="9"), "parent 9 is not in the file"),
    (HEAD + _item("a", parent="b") + _item("b", parent="a"), "circle"),
    (HEAD + _item("a", parent="a"), "circle"),
    (HEAD + _item("1", th=""), "name_th is empty"),
    (HEAD + _item("1", en="   "), "name_en is empty"),
    (HEAD + _item("1", en="x" * 301), "longer than 300"),
    (HEAD + _item("bad code"), "code must be"),
    (HEAD + _item("../etc"), "code must be"),
    (HEAD + _item("x" * 21), "code must be"),
    (HEAD + '\n[[items]]\ncode = 7\nname_th = "ก"\nname_en = "A"\n', "code must be"),
    (HEAD + '\n[[items]]\ncode = "1"\nname_th = ["ก"]\nname_en = "A"\n', "name_th must be text"),
    (HEAD + '\n[[items]]\ncode = "1"\nparent = 1\nname_th = "ก"\nname_en = "A"\n', "parent must be a code"),
    (HEAD + '\n[[items]]\ncode = "1"\nnote = "x"\nname_th = "ก"\nname_en = "A"\n', "unknown keys note"),
    (HEAD + "items = [1]\n", "not a table"),
])
def test_a_hostile_framework_file_is_refused_by_its_name(tmp_path, text, says):
    assert says in _refusal(_write(tmp_path, text))


def test_a_huge_file_is_refused_before_it_is_parsed(tmp_path):
    path = _write(tmp_path, HEAD + "# " + "x" * fw.MAX_FILE_BYTES + "\n" + _item("1"))
    assert "larger than" in _refusal(path)


def test_too_many_items_are_refused(tmp_path):
    path = _write(tmp_path, HEAD + "".join(_item(f"c{n}") for n in range(fw.MAX_ITEMS + 1)))
    assert "more than" in _refusal(path)


def test_a_long_chain_of_parents_loads_quickly_enough_to_test(tmp_path):
    chain = HEAD + _item("c0") + "".join(_item(f"c{n}", parent=f"c{n - 1}") for n in range(1, fw.MAX_ITEMS))
    loaded = fw.load_frameworks(_write(tmp_path, chain, "chain.toml").parent)["x"]
    assert loaded.goal_of(f"c{fw.MAX_ITEMS - 1}") == "c0"


def test_two_files_with_one_id_are_refused_naming_both(tmp_path):
    _write(tmp_path, HEAD + _item("1"), "a.toml")
    second = _write(tmp_path, HEAD + _item("2"), "b.toml")
    with pytest.raises(UserError) as caught:
        fw.load_frameworks(tmp_path)
    assert str(second) in caught.value.message("en") and "a.toml" in caught.value.message("th")


def test_an_unreadable_path_is_refused_by_its_name(tmp_path):
    (tmp_path / "folder.toml").mkdir()
    _refusal(tmp_path / "folder.toml")


# --- property: whatever a file holds, the loader gives a framework or a UserError -----------

_codes = st.text(alphabet=string.ascii_letters + string.digits + "._- ", min_size=0, max_size=6)
_names = st.text(min_size=0, max_size=8)
_items = st.lists(
    st.fixed_dictionaries({"code": _codes, "name_th": _names, "name_en": _names},
                          optional={"parent": st.one_of(_codes, st.none(), st.integers())}),
    max_size=12,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=_items, framework_id=st.one_of(st.just("sdg2"), _codes))
def test_any_item_list_loads_consistently_or_is_refused(items, framework_id):
    data = {"id": framework_id, "name_th": "ก", "name_en": "A", "items": [
        {k: v for k, v in item.items() if v is not None} for item in items]}
    try:
        loaded = fw.parse_framework(data, "prop.toml")
    except UserError as refused:
        assert "prop.toml" in refused.message("en")
        return
    codes = [i.code for i in loaded.items]
    assert len(codes) == len(set(codes)) == len(items)
    for item in loaded.items:
        assert item.name_th and item.name_en
        goal = loaded.goal_of(item.code)
        assert loaded.item(goal).parent is None


def test_the_shipped_file_is_plain_toml_others_can_read():
    data = tomllib.loads(fw.frameworks_folder().joinpath("sdg.toml").read_text(encoding="utf-8"))
    assert data["id"] == "sdg" and len(data["items"]) == 186
