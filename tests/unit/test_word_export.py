"""The write-up as a Word file: what python-docx reads back from the demo's
export (headings, Thai text, tables, runs, the Thai font on every style),
the names of people who did not consent kept out, rich text turned into
real lists and links, and hostile outputs and inputs refused or survived
without a traceback and without touching the portfolio."""

from __future__ import annotations

import errno
import hashlib
import io
import shutil
import uuid
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PIL import Image

from ent_portfolio.demo import work_lamphun, work_nan
from ent_portfolio.domain import models as m
from ent_portfolio.dossier.richtext import html_blocks
from ent_portfolio.errors import UserError
from ent_portfolio.jobs import Cancelled, CancelToken
from ent_portfolio.office import word
from ent_portfolio.office.word import write_docx
from ent_portfolio.office.word_xml import FONT
from ent_portfolio.privacy import has_gps
from ent_portfolio.services import Services
from ent_portfolio.services.office_export import export_docx
from ent_portfolio.storage.portfolio import Portfolio

#: The demo's farmer, who did not consent (Lamphun): the dossier calls him "ผู้ให้ข้อมูล ก".
FARMER = "นายเสาร์ คำมูล"


def _tree_digest(folder: Path) -> dict[str, str]:
    """Every file of the portfolio by its hash; SQLite's shared-memory index
    and an empty write-ahead log (what opening a database makes) aside."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.endswith("-shm")
            and not (p.name.endswith("-wal") and p.stat().st_size == 0)}


def _all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def demo_export(demo_template, tmp_path_factory):
    """The demo, copied once for this module, exported once in Thai."""
    folder = tmp_path_factory.mktemp("word") / "demo"
    shutil.copytree(demo_template, folder)
    before = _tree_digest(folder)
    out = folder.parent / "ผลงาน ฉบับแก้ไขได้.docx"  # a Thai name with a space
    with Portfolio.open(folder, read_only=True) as portfolio:
        result = export_docx(portfolio, out)
    return folder, before, result, docx.Document(str(out))


def test_each_work_is_a_heading_1_with_its_sections_as_heading_2(demo_export):
    _folder, _before, result, document = demo_export
    h1 = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert work_nan.WORK["title_th"] in h1 and work_lamphun.WORK["title_th"] in h1
    assert result.works == len(h1) == 3
    h2 = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert "1. บทคัดย่อ" in h2 and "ตัวชี้วัดและผลการเปลี่ยนแปลง" in h2
    assert h2.count("แบบแสดงหลักฐานการมีส่วนร่วมในผลงาน") == 3
    assert result.headings == len(h1) + len(h2) + sum(p.style.name == "Heading 3" for p in document.paragraphs)


def test_the_demo_paragraphs_arrive_in_exact_thai(demo_export):
    document = demo_export[3]
    texts = [p.text for p in document.paragraphs]
    first = html_blocks(work_nan.SECTIONS["abstract"][0]
                        if "<" in work_nan.SECTIONS["abstract"][0] else f"<p>{work_nan.SECTIONS['abstract'][0]}</p>")
    assert first[0].plain in texts
    assert "ระดับคุณภาพที่ขอ: ดีมาก · ผลงานหลักที่เสนอเพื่อพิจารณาระดับคุณภาพ" in texts


def test_the_indicator_table_gives_baseline_target_latest_and_change_in_buddhist_era(demo_export):
    document = demo_export[3]
    indicator_tables = [t for t in document.tables if t.rows[0].cells[0].text == "ตัวชี้วัด"]
    assert len(indicator_tables) == 3
    header = [c.text for c in indicator_tables[0].rows[0].cells]
    assert header == ["ตัวชี้วัด", "ค่าฐาน", "ค่าเป้าหมาย", "ค่าล่าสุด", "การเปลี่ยนแปลง", "แหล่งข้อมูล"]
    income = next(row for t in indicator_tables for row in t.rows[1:] if "186,400" in row.cells[1].text)
    assert income.cells[1].text == "186,400\n28 ก.พ. 2566"
    assert income.cells[3].text.startswith("402,750\n30 ก.ย. 2567")
    assert income.cells[4].text.startswith("+216,350 (+116.1%)\nดีขึ้น · ถึงเป้าหมาย")
    # the header row repeats on each page the table runs onto
    assert indicator_tables[0].rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_the_contribution_declaration_is_a_table_with_the_roles_ticked(demo_export):
    document = demo_export[3]
    tables = [t for t in document.tables if t.rows[0].cells[0].text == "ผู้ร่วมงาน"]
    assert len(tables) == 3
    header = [c.text for c in tables[0].rows[0].cells]
    assert header[1:8] == ["ก", "ข", "ค", "ง", "จ", "ฉ", "ช"] and header[-1] == "การลงนาม"
    applicant = next(row for row in tables[0].rows[1:] if "(ผู้ขอ)" in row.cells[0].text)
    assert "√" in [c.text for c in applicant.cells[1:8]]


def test_bold_and_italic_are_runs_bold_and_italic_for_thai_too(demo_export):
    document = demo_export[3]
    runs = [r for p in document.paragraphs for r in p.runs]
    bold = [r for r in runs if r.bold and r.text.strip()]
    italic = [r for r in runs if r.italic and r.text.strip()]
    assert any(r.text.startswith("ระดับคุณภาพที่ขอ") for r in bold)
    assert italic
    for run in bold + italic:  # Word draws Thai with the complex-script flags
        rpr = run._r.rPr
        assert (rpr.find(qn("w:bCs")) is not None) == bool(run.bold)
        assert (rpr.find(qn("w:iCs")) is not None) == bool(run.italic)


@pytest.mark.parametrize("name", ["Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet",
                                  "List Number", "Table Grid", "Caption", word.TABLE_TEXT])
def test_every_style_names_the_thai_font_for_every_script_with_its_size_and_language(demo_export, name):
    style = demo_export[3].styles[name]
    rpr = style.element.rPr
    fonts = rpr.find(qn("w:rFonts"))
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        assert fonts.get(qn(script)) == FONT
    assert not any(fonts.get(qn(theme)) for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme"))
    size, size_cs = rpr.find(qn("w:sz")).get(qn("w:val")), rpr.find(qn("w:szCs")).get(qn("w:val"))
    assert size == size_cs
    assert rpr.find(qn("w:lang")).get(qn("w:bidi")) == "th-TH"
    if name == "Normal":
        assert size == "32"  # 16 pt, the body of Thai official documents


def test_a4_with_thai_margins_and_core_properties(demo_export):
    document = demo_export[3]
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    assert round(section.left_margin.cm, 2) == 3.0 and round(section.right_margin.cm, 2) == 2.0
    assert round(section.top_margin.cm, 2) == 2.5 and round(section.bottom_margin.cm, 2) == 2.0
    props = document.core_properties
    assert props.title.startswith("แฟ้มเสนอขอกำหนดตำแหน่งทางวิชาการ — ") and props.author in props.title
    assert props.language == "th-TH"


def test_the_farmer_who_did_not_consent_is_named_nowhere_in_the_file(demo_export):
    _folder, _before, result, document = demo_export
    assert "ผู้ให้ข้อมูล ก" in _all_text(document)
    with zipfile.ZipFile(result.path) as package:
        for member in package.namelist():
            data = package.read(member).decode("utf-8", "replace")
            assert FARMER not in data and "เสาร์ คำมูล" not in data, member


def test_the_export_leaves_the_portfolio_as_it_was(demo_export):
    folder, before, _result, _document = demo_export
    assert _tree_digest(folder) == before


def test_english_uses_the_english_titles(demo_dir, tmp_path):
    with Portfolio.open(demo_dir, read_only=True) as portfolio:
        result = write_docx(portfolio, tmp_path / "en.docx", lang="en")
    document = docx.Document(str(result.path))
    h1 = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert work_nan.WORK["title_en"] in h1
    assert "Indicators and measured change" in [p.text for p in document.paragraphs]
    assert document.core_properties.language == "en-GB"


# -- rich text -----------------------------------------------------------------

@pytest.fixture
def one_work(portfolio):
    services = Services(portfolio)
    work = services.works.create(title_th="ผักปลอดภัยบ้านโนนสวรรค์", province="ขอนแก่น")
    return portfolio, services, work


RICH = ("<p>ชุมชน<b>ร่วมคิด</b>และ<i>ร่วมทำ</i> ดูที่ <a href=\"https://example.org/ผัก\">เว็บไซต์กลุ่ม</a></p>"
        "<ul><li>ข้อแรก</li><li>ข้อสอง</li></ul>"
        "<ol><li>หนึ่ง</li><li>สอง</li></ol><p>คั่น</p><ol><li>อีกรายการ</li></ol>")


def test_lists_are_word_lists_and_links_are_hyperlinks(one_work, tmp_path):
    portfolio, services, work = one_work
    services.works.set_section(work.id, "abstract", RICH)
    result = write_docx(portfolio, tmp_path / "rich.docx")
    document = docx.Document(str(result.path))
    by_text = {p.text: p for p in document.paragraphs}
    assert by_text["ข้อแรก"].style.name == "List Bullet" and by_text["ข้อสอง"].style.name == "List Bullet"
    assert by_text["หนึ่ง"].style.name == "List Number" == by_text["อีกรายการ"].style.name

    def num_id(p):
        return p._p.pPr.numPr.numId.val

    # two numbered lists: each starts at 1
    assert num_id(by_text["หนึ่ง"]) == num_id(by_text["สอง"]) != num_id(by_text["อีกรายการ"])
    first = by_text["ชุมชนร่วมคิดและร่วมทำ ดูที่ เว็บไซต์กลุ่ม"]
    assert [r.text for r in first.runs if r.bold] == ["ร่วมคิด"]
    assert [r.text for r in first.runs if r.italic] == ["ร่วมทำ"]
    links = first._p.findall(qn("w:hyperlink"))
    assert len(links) == 1
    rel = document.part.rels[links[0].get(qn("r:id"))]
    assert rel.is_external and rel.target_ref == "https://example.org/ผัก"


_THAI = "กขคงจฉชซญดตถทนบปผพฟมยรลวศสหอฮะาำิีึืุู่้๊๋็์ "
_HOSTILE = "\x00\x01\x0b\x1f\x7f\ufffe\u202e\u200b<>&\"'\r\n\t\u0e33\u0e48"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(st.tuples(
    st.sampled_from(["<p>", "<li>", "<b>", "<i>", "<ul>", "<ol>", "</ul>", "</ol>", "<br>", "</b>", "</i>",
                     "<a href=\"https://example.org/x\">", "</a>", "<span style='x'>", "<h2>", "<table><tr><td>", ""]),
    st.text(alphabet=_THAI + _HOSTILE + "ab1", max_size=20)), max_size=12),
    title=st.text(alphabet=_THAI + _HOSTILE, min_size=1, max_size=30).filter(str.strip))
@example(pieces=[("<p>", "1"), ("<b>", "ำ")], title="ผัก")  # a bold run that starts with a mark kept no base
def test_whatever_the_section_holds_the_file_is_written_and_keeps_its_text(one_work, tmp_path, pieces, title):
    portfolio, services, work = one_work
    content = "".join(tag + text for tag, text in pieces)
    with portfolio.session() as session:  # as an archive or an old database may hold them, unchecked
        from ent_portfolio.domain import models as m

        session.get(m.Work, work.id).title_th = title
    services.works.set_section(work.id, "abstract", content)
    out = tmp_path / f"any-{uuid.uuid4().hex}.docx"  # tmp_path is shared by the examples
    try:
        result = write_docx(portfolio, out)
    except UserError as exc:  # a sentence, never a traceback
        assert exc.message("th") and not out.exists()
        return
    document = docx.Document(str(result.path))
    text = "".join(p.text for p in document.paragraphs).replace("\n", "").replace("\t", "")
    for block in html_blocks(content):
        assert block.plain.replace("\n", "").replace("\t", "") in text


# -- hostile outputs -------------------------------------------------------------

def test_an_output_inside_the_portfolio_is_refused_and_nothing_is_written(demo, demo_dir):
    before = _tree_digest(demo_dir)
    with pytest.raises(UserError) as caught:
        write_docx(demo, demo_dir / "evidence" / "write-up.docx")
    assert caught.value.key == "error.output_inside_portfolio"
    assert _tree_digest(demo_dir) == before


@pytest.mark.parametrize("target, key", [
    ("missing-folder/write-up.docx", "error.output_folder_missing"),
    (".", "error.output_is_folder"),
])
def test_an_output_that_cannot_be_a_file_is_refused_by_name(one_work, tmp_path, target, key):
    portfolio = one_work[0]
    with pytest.raises(UserError) as caught:
        write_docx(portfolio, tmp_path / target)
    assert caught.value.key == key
    assert "— ไม่มีการเปลี่ยนแปลงใด ๆ" in caught.value.message("th")


def test_a_folder_that_refuses_the_write_leaves_the_old_file_whole(one_work, tmp_path, monkeypatch):
    portfolio = one_work[0]
    out = tmp_path / "write-up.docx"
    out.write_bytes(b"the lecturer's own edits")

    def refused(target, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(target))

    monkeypatch.setattr(word, "atomic_write", refused)
    with pytest.raises(PermissionError):
        write_docx(portfolio, out)
    assert out.read_bytes() == b"the lecturer's own edits"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "portfolio") == ["write-up.docx"]


def test_a_cancelled_export_leaves_nothing_and_the_old_file_as_it_was(demo, tmp_path):
    out = tmp_path / "write-up.docx"
    out.write_bytes(b"yesterday's file")
    token = CancelToken()
    seen = []

    def progress(done, total):
        seen.append((done, total))
        if done == 2:  # after the first work
            token.cancel()

    with pytest.raises(Cancelled):
        write_docx(demo, out, progress=progress, cancel=token)
    assert out.read_bytes() == b"yesterday's file"
    assert [p.name for p in tmp_path.iterdir() if p.name != "demo"] == ["write-up.docx"]
    assert seen[0] == (1, 5)


def test_an_unknown_work_is_a_sentence(one_work, tmp_path):
    with pytest.raises(UserError) as caught:
        write_docx(one_work[0], tmp_path / "x.docx", work_ids=["not-a-work"])
    assert caught.value.key == "dossier.unknown_work"
    assert not (tmp_path / "x.docx").exists()


# -- photos ----------------------------------------------------------------------

def test_photos_are_the_pdfs_copies_downscaled_gps_free_and_blurred(demo, tmp_path, monkeypatch):
    from ent_portfolio.domain.photo_facts import FaceBox
    from ent_portfolio.dossier import faces

    # every photo not yet looked at "has a face", and blurring paints it red: the red
    # pictures are the ones whose people did not all consent
    monkeypatch.setattr(faces, "detect_faces_in", lambda upright: [FaceBox(0.1, 0.1, 0.3, 0.3)])
    monkeypatch.setattr(faces, "blur_faces", lambda upright, boxes: Image.new("RGB", upright.size, (255, 0, 0)))
    services = Services(demo)
    lamphun = next(w for w in services.works.list() if w.title_th == work_lamphun.WORK["title_th"])
    with demo.session() as session:  # the demo's photos were analysed when it was built: as if never looked at
        session.query(m.Evidence).filter(m.Evidence.work_id == lamphun.id).update({"face_boxes": None})
        session.commit()
    result = write_docx(demo, tmp_path / "photos.docx", work_ids=[lamphun.id], photos=True)
    photos = [e for e in services.evidence.list(work_id=lamphun.id)
              if e.include_in_dossier and (e.media_type or "").startswith("image/") and e.kind == "photo"]
    assert result.photos == len(photos) > 0
    red = 0
    with zipfile.ZipFile(result.path) as package:
        media = [n for n in package.namelist() if n.startswith("word/media/")]
        assert len(media) == result.photos
        for name in media:
            data = package.read(name)
            assert not has_gps(data)
            with Image.open(io.BytesIO(data)) as im:
                assert max(im.size) <= 1400  # fitted to the PDF's photo box at 200 dpi
                red += im.convert("RGB").getpixel((im.width // 2, im.height // 2))[0] > 240 and \
                    im.convert("RGB").getpixel((im.width // 2, im.height // 2))[1] < 20
    assert red == sum(1 for e in photos if e.people_consent != "given") > 0
    document = docx.Document(str(result.path))
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert len(captions) == result.photos and all(c.startswith("E-") for c in captions)
