"""Lists of Thai names in Thai dictionary order, and area pickers found by
typing: a leading vowel does not decide where a name files (เชียงใหม่ goes
under ช, before อ่างทอง), as a Thai reader expects — not by code point."""

from __future__ import annotations

from pythainlp.util import collate

from ent_portfolio.services import Services
from ent_portfolio.storage.portfolio import Portfolio


def _names(combo) -> list[str]:
    return [combo.itemText(i) for i in range(1, combo.count())]  # item 0 is "—"


def test_provinces_are_in_thai_dictionary_order(qapp):
    from ent_portfolio.ui.widgets.fields import AreaPicker

    names = _names(AreaPicker(lang="th").province)
    assert len(names) == 77
    assert names[0] == "กระบี่" and names[-1] == "อุบลราชธานี"
    # The Thai collation of PyThaiNLP (a separate implementation) agrees.
    assert names == collate(names)
    for earlier, later in (("กรุงเทพมหานคร", "เชียงใหม่"), ("ชัยนาท", "เชียงใหม่"), ("พะเยา", "แพร่"),
                           ("แม่ฮ่องสอน", "ยะลา"), ("ลำพูน", "เลย"), ("เลย", "อ่างทอง")):
        assert names.index(earlier) < names.index(later), (earlier, later)
    # code point order would put every leading vowel after อ่างทอง
    assert names.index("เชียงใหม่") < names.index("อ่างทอง")


def test_english_names_are_in_alphabetical_order(qapp):
    from ent_portfolio.ui.widgets.fields import AreaPicker

    names = _names(AreaPicker(lang="en").province)
    assert names == sorted(names, key=str.casefold) and names[0] == "Amnat Charoen"


def test_typing_part_of_a_name_finds_it(qapp):
    from ent_portfolio.ui.widgets.fields import AreaPicker

    picker = AreaPicker(lang="th")
    completer = picker.province.completer()
    completer.setCompletionPrefix("เชียง")
    found = {completer.completionModel().index(row, 0).data() for row in range(completer.completionCount())}
    assert found == {"เชียงใหม่", "เชียงราย"}
    completer.setCompletionPrefix("ใหม่")  # anywhere in the name, not only at its start
    found = {completer.completionModel().index(row, 0).data() for row in range(completer.completionCount())}
    assert "เชียงใหม่" in found and "เชียงราย" not in found
    # What is typed but not picked changes nothing.
    picker.set_area("น่าน", "บ่อเกลือ", "")
    picker.province.setEditText("ไม่มีจังหวัดนี้")
    assert picker.area()["province"] == "น่าน"


def test_partners_are_listed_in_thai_dictionary_order(make_window, tmp_path):
    folder = tmp_path / "p"
    with Portfolio.create(folder) as p:
        s = Services(p)
        for name in ("องค์การบริหารส่วนตำบลแม่ทา", "เทศบาลตำบลยางเนิ้ง", "กลุ่มเกษตรกรบ้านห้วยยาบ", "โรงเรียนบ้านนา"):
            s.partners.create(name_th=name, partner_type="geographic_community")
    window = make_window(folder)
    view = window.show_page("partners")
    shown = [view.list.item(i).text().replace("\u200b", "") for i in range(view.list.count())]
    assert shown == ["กลุ่มเกษตรกรบ้านห้วยยาบ", "เทศบาลตำบลยางเนิ้ง", "โรงเรียนบ้านนา", "องค์การบริหารส่วนตำบลแม่ทา"]
