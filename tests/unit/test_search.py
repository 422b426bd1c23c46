"""Search: Thai words inside unspaced Thai text, kept in sync with writes."""

from __future__ import annotations

import sqlite3

import media_fixtures as mf

from ent_portfolio.services.search import make_snippet, plain_text, rebuild_index, search


def _kinds(groups):
    return {g.kind: g for g in groups}


def test_sqlite_has_the_trigram_tokenizer():
    assert sqlite3.sqlite_version_info >= (3, 34, 0)


def test_finds_a_thai_word_inside_unspaced_thai(services, portfolio):
    work = services.works.create(title_th="ชุมชนเกษตรอินทรีย์บ้านนา")
    services.works.create(title_th="การจัดการน้ำชุมชนบ้านดอน")
    groups = _kinds(search(portfolio, "เกษตร"))
    assert [h.id for h in groups["work"].hits] == [work.id]
    assert groups["work"].hits[0].target == ("work", work.id)
    assert "เกษตร" in groups["work"].hits[0].snippet or "เกษตร" in groups["work"].hits[0].title


def test_sections_partners_testimonials_and_captions_are_searched(services, portfolio, tmp_path):
    work = services.works.create(title_th="โครงการน้ำ")
    services.works.set_section(work.id, "process", "<p>ชาวบ้าน<b>ร่วมกันสร้างฝายชะลอน้ำ</b>ในลำห้วย</p>")
    partner = services.partners.create(name_th="วิสาหกิจชุมชนผ้าทอมือบ้านหนองบัว")
    services.contacts.create(partner_id=partner.id, name="นางสมศรี ใจดี")
    testimonial = services.testimonials.create(work_id=work.id, person_name="นายสมชาย", quote="ผลผลิตข้าวเพิ่มขึ้นเกือบสองเท่า")
    photo = mf.photo(tmp_path / "a.jpg")
    evidence = services.evidence.add_file(work.id, photo, caption="ประชุมประชาคมที่ศาลาวัด")

    section = _kinds(search(portfolio, "ฝายชะลอ"))["section"].hits[0]
    assert section.id == work.id and section.target == ("work", work.id, "section:process")
    assert "<b>" not in section.snippet
    assert _kinds(search(portfolio, "ผ้าทอ"))["partner"].hits[0].id == partner.id
    assert _kinds(search(portfolio, "สมศรี"))["partner"].hits[0].id == partner.id  # a contact's name
    assert _kinds(search(portfolio, "สองเท่า"))["testimonial"].hits[0].id == testimonial.id
    assert _kinds(search(portfolio, "ศาลาวัด"))["evidence"].hits[0].id == evidence.id


def test_index_follows_creates_updates_and_deletes(services, portfolio):
    assert search(portfolio, "ลำไย") == []
    work = services.works.create(title_th="แปรรูปลำไยอบแห้ง")
    assert _kinds(search(portfolio, "ลำไย"))["work"].hits[0].id == work.id
    services.works.update(work.id, title_th="แปรรูปมะม่วงกวน")
    assert search(portfolio, "ลำไย") == []
    assert _kinds(search(portfolio, "มะม่วง"))["work"].hits
    services.works.delete(work.id)
    assert search(portfolio, "มะม่วง") == []


def test_short_queries_fall_back_to_like_and_words_are_anded(services, portfolio):
    work = services.works.create(title_th="ปลูกผักปลอดสารพิษ", province="น่าน")
    services.works.create(title_th="ปลูกป่าชุมชน", province="แพร่")
    assert [h.id for h in _kinds(search(portfolio, "ผัก"))["work"].hits] == [work.id]  # 3 code points
    assert [h.id for h in _kinds(search(portfolio, "ผั"))["work"].hits] == [work.id]   # 2: LIKE
    assert [h.id for h in _kinds(search(portfolio, "ปลูก น่าน"))["work"].hits] == [work.id]
    assert search(portfolio, "   ") == []


def test_english_search_ignores_case_and_quotes_are_harmless(services, portfolio):
    work = services.works.create(title_th="ผลงาน", title_en="Organic Rice Farming")
    assert _kinds(search(portfolio, "organic rice"))["work"].hits[0].id == work.id
    assert search(portfolio, 'rice"') == []  # a quote is text, not FTS syntax
    assert search(portfolio, "a%_") == []


def test_rebuild_counts_documents(services, portfolio):
    work = services.works.create(title_th="หนึ่ง")
    services.works.set_section(work.id, "abstract", "<p>บทคัดย่อ</p>")
    assert rebuild_index(portfolio) == 2


def test_helpers():
    assert plain_text("<p>ก&amp;ข</p><ul><li>ค</li></ul>") == "ก&ข ค"
    assert make_snippet("x" * 100 + "เกษตร" + "y" * 100, ["เกษตร"], width=5) == "…xxxxxเกษตรyyyyy…"


def test_a_snippet_starts_and_ends_between_words():
    """Cut at a space or a word boundary of the segmenter, never inside a
    Thai word ("…ห้องปลอดฝุ่")."""
    from ent_portfolio.typeset.segmentation import word_boundaries

    text = ("ผู้สูงวัยรู้ทันฝุ่น: การพัฒนาความรอบรู้ด้านสุขภาพดิจิทัลและห้องปลอดฝุ่นสำหรับผู้สูงอายุ "
            "ร่วมกับเทศบาลตำบลยางเนิ้ง อำเภอสารภี จังหวัดเชียงใหม่ "
            "โครงการนี้ใช้เครื่องฟอกอากาศและห้องปลอดฝุ่นในศูนย์พัฒนาคุณภาพชีวิตผู้สูงอายุของเทศบาล")
    ends = set(word_boundaries(text)) | {0, len(text)}
    for term in ("เทศบาล", "สารภี", "ดิจิทัล", "เครื่องฟอก", "ศูนย์"):
        for width in (10, 20, 30, 48):
            snippet = make_snippet(text, [term], width=width)
            assert term in snippet
            body = snippet.strip("…")
            start = text.index(body)
            assert start in ends, (term, width, snippet)
            assert start + len(body) in ends, (term, width, snippet)
            assert snippet.startswith("…") == (start > 0) and snippet.endswith("…") == (start + len(body) < len(text))
