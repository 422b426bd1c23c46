"""The forms of a ก.พ.อ. file and the claim of each work, as a reviewer's
tools read them from the PDF (pdftotext, the link annotations).

One purpose-made portfolio: a main work claimed at ดีมาก with an impact
summary in both languages, people studied, an approval number and the
approval filed as evidence; a second work in progress, claimed at ดี, used
in an earlier promotion, people studied but no approval number yet, its
impact summary in Thai only.  The signed declaration of ethics is filed as
evidence (a scan) and left out of one export to see the blank line."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from ent_portfolio.dossier import DossierConfig, build_dossier
from ent_portfolio.dossier.collect import collect
from ent_portfolio.dossier.composer import Composer
from ent_portfolio.dossier.flowables import PassState
from ent_portfolio.dossier.forms import prior_use_statement, works_list
from ent_portfolio.dossier.layout import FRAME_H, FRAME_W
from ent_portfolio.dossier.work_pages import claim
from ent_portfolio.services import Services
from tests.pdftools import pdftotext, render_pages
from tests.unit import media_fixtures as mf
from tests.unit.test_dossier import _links

SUMMARY_TH = ("ครัวเรือนที่ต้มเกลือเพิ่มจาก 9 เป็น 17 ครัวเรือน รายได้จากการท่องเที่ยวเพิ่มขึ้นร้อยละ 116 "
              "วัดจากบัญชีของวิสาหกิจชุมชน")
SUMMARY_EN = "Salt-making households rose from 9 to 17; tourism income grew 116 %, from the enterprise's books."
SUMMARY_B = "ผู้สูงอายุ 120 คนใช้ห้องปลอดฝุ่นในวันที่ค่าฝุ่นเกินเกณฑ์ ตามบันทึกของเทศบาล"
COMMITTEE = "คณะกรรมการจริยธรรมการวิจัยในมนุษย์ มหาวิทยาลัยนครหริภุญชัย"
NUMBER = "HE-2567-014"


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pages(pdf: Path) -> list[str]:
    pages = pdftotext(pdf).split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def _page_with(pages: list[str], *needles: str) -> int:
    """Index of the first page holding every one of ``needles`` (whitespace ignored)."""
    for k, page in enumerate(pages):
        flat = _squash(page)
        if all(_squash(n) in flat for n in needles):
            return k
    raise AssertionError(f"no page holds {needles!r}")


def make_portfolio(s: Services, files: Path) -> dict[str, str]:
    files.mkdir(parents=True, exist_ok=True)
    profile = s.profile.current()
    s.profile.update(profile.id, name_th="กนกวรรณ ศรีวงศ์", name_en="Kanokwan Sriwong", academic_title="อาจารย์ ดร.",
                     faculty="คณะสังคมศาสตร์", university="มหาวิทยาลัยนครหริภุญชัย",
                     target_position="assistant_professor", route="society_track")
    main = s.works.create(title_th="เกลือภูเขาบ้านบ่อหลวง", title_en="Mountain salt of Ban Bo Luang",
                          status="completed", start_date="2023-03-01", end_date="2024-09-30", sort_order=0,
                          is_main_work=True, claimed_level="very_good", impact_summary=SUMMARY_TH,
                          impact_summary_en=SUMMARY_EN, ethics_required=True, ethics_committee=COMMITTEE,
                          ethics_number=NUMBER, ethics_date="2023-02-20")
    other = s.works.create(title_th="ผู้สูงวัยรู้ทันฝุ่น", title_en="Older people and the dust", status="ongoing",
                           start_date="2024-11-01", sort_order=1, claimed_level="good", impact_summary=SUMMARY_B,
                           prior_use_year=2022, prior_quality_level="good", ethics_required=True)
    s.contributors.create(work_id=main.id, name="ดร.กนกวรรณ ศรีวงศ์", is_applicant=True, status="main_author",
                          roles=["idea", "design", "writing"], percentage="60", sort_order=0)
    s.contributors.create(work_id=main.id, name="นายวีระ ทองคำ", status="co_worker", roles=["data"],
                          percentage="40", sort_order=1)
    s.contributors.create(work_id=other.id, name="ดร.กนกวรรณ ศรีวงศ์", is_applicant=True,
                          status="first_author", roles=["idea", "other"], role_other="ประสานเครือข่าย",
                          sort_order=0)
    declaration = s.evidence.add_file(main.id, mf.noisy_png(files / "declaration.png"), kind="ethics_declaration",
                                      caption="แบบรับรองจริยธรรมที่ลงนามแล้ว")
    approval = s.evidence.add_file(main.id, mf.text_pdf(files / "approval.pdf"), kind="ethics_approval",
                                   caption="หนังสือรับรองจริยธรรมการวิจัย")
    return {"main": main.id, "other": other.id, "declaration": declaration.id, "approval": approval.id}


@pytest.fixture(scope="module")
def made(tmp_path_factory, empty_template):
    """The purpose-made portfolio and three exports: Thai with the signed
    declaration, Thai without it, English with it."""
    import shutil

    from ent_portfolio.storage.portfolio import Portfolio

    root = tmp_path_factory.mktemp("forms")
    shutil.copytree(empty_template, root / "portfolio")
    portfolio = Portfolio.open(root / "portfolio")
    s = Services(portfolio)
    ids = make_portfolio(s, root / "files")
    out = {"portfolio": portfolio, "services": s, "ids": ids, "root": root}
    without = {ids["main"]: [ids["approval"]], ids["other"]: []}
    for name, config in (("th", DossierConfig()), ("th_unsigned", DossierConfig(evidence_ids=without)),
                         ("en", DossierConfig(language="en"))):
        pdf = root / f"{name}.pdf"
        out[name] = {"result": build_dossier(portfolio, config, pdf), "pdf": pdf, "pages": _pages(pdf)}
    yield out
    portfolio.close()


def _entry(result, evidence_id):
    return next(e for e in result.evidence if e.evidence_id == evidence_id)


# --- the list of works (ก.พ.อ. 03) --------------------------------------------------------

def test_works_list_gives_role_share_main_work_and_prior_use(made):
    pages = made["th"]["pages"]
    k = _page_with(pages, "รายการผลงานที่เสนอ (ตามแบบ ก.พ.อ. 03)", "แต่ละเรื่องระบุบทบาท")
    text = _squash(pages[k] + (pages[k + 1] if k + 1 < len(pages) else ""))
    first, second = text.index(_squash("1. เกลือภูเขาบ้านบ่อหลวง")), text.index(_squash("2. ผู้สูงวัยรู้ทันฝุ่น"))
    one, two = text[first:second], text[second:]
    assert _squash("ผลงานรับใช้ท้องถิ่นและสังคม") in one and _squash("ผลงานรับใช้ท้องถิ่นและสังคม") in two
    assert _squash("ผู้ดำเนินการหลัก") in one and _squash("ก. ริเริ่มความคิดหรือตั้งสมมติฐาน") in one
    assert _squash("สัดส่วนการมีส่วนร่วมร้อยละ 60") in one
    assert _squash("ผลงานหลักที่เสนอเพื่อพิจารณาระดับคุณภาพ") in one
    assert _squash("ไม่เคยใช้ในการขอกำหนดตำแหน่งมาก่อน") in one
    assert "ดีมาก" in one
    # the second: a first author without a share, the other role named, used before in 2565 at ดี
    assert _squash("ผู้ประพันธ์อันดับแรก") in two and _squash("ช. อื่น ๆ (ประสานเครือข่าย)") in two
    assert "สัดส่วน" not in two.split(_squash("ผลงานประกอบ"))[0]
    assert _squash("ผลงานประกอบ") in two and _squash("ผลงานหลักที่เสนอ") not in two
    assert _squash("เคยใช้เมื่อ พ.ศ. 2565, ระดับ ดี") in two


def test_works_list_titles_link_to_their_works(made):
    pdf, result = made["th"]["pdf"], made["th"]["result"]
    pages = made["th"]["pages"]
    k = _page_with(pages, "รายการผลงานที่เสนอ (ตามแบบ ก.พ.อ. 03)", "แต่ละเรื่องระบุบทบาท")
    targets = {t for page, t, _ in _links(PdfReader(pdf)) if page == k}
    work_pages = {_page_with(pages, "ผลงานที่ 1", "ระดับคุณภาพที่ขอ: ดีมาก"),
                  _page_with(pages, "ผลงานที่ 2", "ระดับคุณภาพที่ขอ: ดี", SUMMARY_B)}
    assert work_pages <= targets, (targets, work_pages, result.pages)


# --- the declaration of academic ethics --------------------------------------------------

def test_declaration_points_to_the_signed_form_and_links_to_its_page(made):
    pdf, result, pages = made["th"]["pdf"], made["th"]["result"], made["th"]["pages"]
    signed = _entry(result, made["ids"]["declaration"])
    assert signed.page is not None
    k = _page_with(pages, "แบบรับรองจริยธรรมและจรรยาบรรณทางวิชาการ", "ข้าพเจ้า")
    assert _squash(f"ลงนามแล้ว — ดูหลักฐาน {signed.ref} หน้า {signed.page}") in _squash(pages[k])
    assert "ลงชื่อ...." not in _squash(pages[k])
    assert (k, signed.page - 1, None) in _links(PdfReader(pdf))
    # and the manifest names the declaration among the places citing it
    assert any("แบบรับรองจริยธรรม" in c.place and c.page == k + 1 for c in signed.citations)


def test_declaration_without_a_signed_form_has_a_blank_signature_and_date_line(made):
    pages = made["th_unsigned"]["pages"]
    k = _page_with(pages, "แบบรับรองจริยธรรมและจรรยาบรรณทางวิชาการ", "ข้าพเจ้า")
    flat = _squash(pages[k])
    assert "ลงชื่อ" + "." * 20 in flat and "วันที่" + "." * 20 in flat
    assert "ลงนามแล้ว" not in flat
    assert _squash("(อาจารย์ ดร.กนกวรรณ ศรีวงศ์)") in flat
    for k_statement in ("คัดลอก", "คณะกรรมการจริยธรรมการวิจัย", "เคยใช้ประกอบการขอกำหนดตำแหน่งมาก่อน"):
        assert k_statement in flat


# --- the head of each work ---------------------------------------------------------------

def test_head_of_each_work_states_the_claim_and_the_ethics_approval(made):
    pdf, result, pages = made["th"]["pdf"], made["th"]["result"], made["th"]["pages"]
    k1 = _page_with(pages, "ระดับคุณภาพที่ขอ: ดีมาก")
    head = _squash(pages[k1])
    assert _squash(SUMMARY_TH) in head and _squash("สรุปผลกระทบ: ขอบเขตและความสำคัญ") in head
    assert _squash("ผลงานหลักที่เสนอเพื่อพิจารณาระดับคุณภาพ") in head
    assert _squash(COMMITTEE) in head and NUMBER in head and _squash("20 กุมภาพันธ์ 2566") in head
    approval = _entry(result, made["ids"]["approval"])
    assert _squash(f"ดูหลักฐาน {approval.ref} หน้า {approval.page}") in head
    assert (k1, approval.page - 1, None) in _links(PdfReader(pdf))
    # the claim comes before the write-up
    assert head.index(_squash("ระดับคุณภาพที่ขอ")) < head.index(_squash("ช่วงเวลา"))
    k2 = _page_with(pages, "ผลงานที่ 2", SUMMARY_B)
    second = _squash(pages[k2])
    assert _squash("ระดับคุณภาพที่ขอ: ดี") in second and _squash("ระดับคุณภาพที่ขอ: ดีมาก") not in second
    assert _squash("การรับรองจริยธรรมการวิจัยในมนุษย์") in second
    assert second.count(_squash("ยังไม่ได้ระบุ")) >= 3  # committee, number and date, visibly missing
    assert _squash("ยังไม่ได้แนบเอกสารรับรอง") in second


def test_summary_page_lists_claimed_levels_main_work_and_in_progress(made):
    pages = made["th"]["pages"]
    k = _page_with(pages, "สรุปผลงานที่เสนอ", "ระดับที่ขอ")
    flat = _squash(pages[k])
    assert "ผลงานหลัก" in flat
    assert "กำลังดำเนินการ" not in flat  # the status's own label gives way to the committee's words
    # row by row, as laid out: each work's first line holds its claimed level
    lines = pdftotext(made["th"]["pdf"], layout=True, first=k + 1, last=k + 1).splitlines()
    first = next(line.split() for line in lines if line.split()[:2] == ["1", "เกลือภูเขาบ้านบ่อหลวง"])
    second = next(line.split() for line in lines if line.split()[:2] == ["2", "ผู้สูงวัยรู้ทันฝุ่น"])
    assert "ดีมาก" in first and "เสร็จสิ้น" in first
    assert "ดี" in second and "ดีมาก" not in second
    # "อยู่ระหว่างดำเนินการ" in the status cell, over two lines at most
    assert "อยู่ระหว่าง" in second and any(line.split() == ["ปัจจุบัน", "ดำเนินการ"] for line in lines)


# --- English -------------------------------------------------------------------------------

def test_english_export_of_the_same(made):
    pdf, result, pages = made["en"]["pdf"], made["en"]["result"], made["en"]["pages"]
    text = " ".join(" ".join(p.split()) for p in pages)
    for words in ("The works put forward (as in form KPA 03)", "Main work, submitted for the quality level",
                  "Not used in an earlier application for promotion", "Used in 2022, level Good", "share 60 %",
                  "Quality level claimed: Very good", "Quality level claimed: Good", SUMMARY_EN,
                  "Declaration of academic ethics", "Research ethics approval", "In progress", "Level claimed"):
        assert words in text, words
    # the second work's summary exists only in Thai: printed, and said so
    assert "(in Thai only)" in text and _squash(SUMMARY_B) in _squash(text)
    signed = _entry(result, made["ids"]["declaration"])
    k = _page_with(pages, "Declaration of academic ethics", "I, ")
    assert f"Signed — see evidence {signed.ref}, p. {signed.page}" in " ".join(pages[k].split())
    assert (k, signed.page - 1, None) in _links(PdfReader(pdf))
    assert "I, Kanokwan Sriwong, of" in " ".join(pages[k].split())


def test_the_new_pages_render(made, tmp_path):
    """The pages of the forms and a work's head, drawn (looked at while writing this)."""
    pages = made["th"]["pages"]
    first = _page_with(pages, "สรุปผลงานที่เสนอ", "ระดับที่ขอ") + 1
    last = _page_with(pages, "ระดับคุณภาพที่ขอ: ดีมาก") + 1
    pngs = render_pages(made["th"]["pdf"], tmp_path, first=first, last=last, dpi=60)
    assert len(pngs) == last - first + 1 and all(p.stat().st_size > 5000 for p in pngs)


# --- what a lecturer may type ------------------------------------------------------------

HOSTILE_SUMMARIES = [
    "<b>ตัวหนา</b> & <a href='x'>ลิงก์</a> &amp; <br/>",        # markup-like text stays text
    "\n\n".join(["ผลกระทบต่อชุมชนที่วัดได้จากบัญชีครัวเรือน " * 12] * 14),  # longer than a page
    "ก" * 3000,                                                      # one word longer than a line
    "สรุป\x00ผล\x1bกระทบ\u200b\ufeff",                               # control and invisible characters
]


@pytest.mark.parametrize("summary", HOSTILE_SUMMARIES, ids=["markup", "long", "one_word", "controls"])
def test_any_impact_summary_makes_a_dossier(made, summary, tmp_path):
    s, ids = made["services"], made["ids"]
    s.works.update(ids["other"], impact_summary=summary, ethics_committee=summary[:300])
    try:
        pdf = tmp_path / "hostile.pdf"
        build_dossier(made["portfolio"], DossierConfig(work_ids=[ids["other"]]), pdf)
        flat = _squash(pdftotext(pdf))
        visible = _squash("".join(ch for ch in summary if ch.isprintable()))
        assert visible[:200].replace("\u200b", "") in flat.replace("\u200b", "")
    finally:
        s.works.update(ids["other"], impact_summary=SUMMARY_B, ethics_committee="")


def _composer(plan) -> Composer:
    state = PassState()
    return Composer(plan, state, {})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(year=hs.one_of(hs.none(), hs.integers(1950, 2100), hs.integers(2493, 2643)),
       level=hs.sampled_from([None, "good", "very_good", "excellent"]),
       claimed=hs.sampled_from([None, "good", "very_good", "excellent"]),
       main=hs.booleans(), lang=hs.sampled_from(["th", "en"]),
       summary=hs.text(max_size=400))
def test_claim_and_works_list_lay_out_for_any_values(made, year, level, claimed, main, lang, summary):
    """The head of a work and its ก.พ.อ. 03 entry lay out for any year (either
    era), level, flag and text; the prior-use year always reads in the
    dossier's era, never doubled (2565 + 543)."""
    plan = collect(made["portfolio"], DossierConfig(language=lang))
    wd = plan.works[1]
    w = wd.work
    w.prior_use_year, w.prior_quality_level, w.claimed_level, w.is_main_work = year, level, claimed, main
    w.impact_summary = w.impact_summary_en = summary
    comp = _composer(plan)
    statement = prior_use_statement(comp, w)
    if year is None:
        assert statement == comp.tr("prior_use_never")
    else:
        ce = year - 543 if year > 2400 else year
        assert str(ce + 543 if lang == "th" else ce) in statement
    canvas = Canvas(io.BytesIO())
    for flowable in claim(comp, wd) + works_list(comp):
        width, _height = flowable.wrapOn(canvas, FRAME_W, FRAME_H)
        assert width <= FRAME_W + 0.01
