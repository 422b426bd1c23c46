"""Draft or final: a dossier with blocking findings says so on every page
and lists them on its cover; the final version is refused while any
remain and carries no mark once they are fixed."""

from __future__ import annotations

import hashlib
import importlib
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader

from ent_portfolio.cli import main
from ent_portfolio.dossier import DossierConfig, build_dossier
from ent_portfolio.dossier.draft import BlockingFinding, NotFinalError, word
from ent_portfolio.readiness import check_readiness
from ent_portfolio.readiness.model import Text
from ent_portfolio.services import Services
from ent_portfolio.storage.portfolio import Portfolio
from tests.pdftools import pdftotext, render_pages

DRAFT_TH = "ฉบับร่าง — ยังไม่พร้อมยื่น"
DRAFT_EN = "DRAFT — not ready to submit"
SHOTS = Path("/tmp/shots14")
#: The module (the package exports a function of the same name).
export_module = importlib.import_module("ent_portfolio.dossier.export")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pages(pdf: Path) -> list[str]:
    pages = pdftotext(pdf).split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def _tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _blocking_messages(portfolio, lang: str = "th") -> list[str]:
    return [f.message(lang) for f in check_readiness(portfolio).findings if f.severity.value == "blocking"]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def draft(demo_template, tmp_path_factory):
    """The demo exported as it is (a draft), read once by the tests below."""
    root = tmp_path_factory.mktemp("draft")
    folder = root / "demo"
    shutil.copytree(demo_template, folder)
    pdf = root / "draft.pdf"
    with Portfolio.open(folder) as portfolio:
        result = build_dossier(portfolio, DossierConfig(), pdf)
        blocking = _blocking_messages(portfolio)
    return {"folder": folder, "pdf": pdf, "pages": _pages(pdf), "result": result, "blocking": blocking,
            "root": root}


def test_the_demo_has_a_blocking_finding(draft):
    # the rest of this file means something only while the demo is a draft
    assert draft["blocking"], "the demo has no blocking finding any more: these tests check nothing"


def test_every_page_of_a_draft_says_so(draft):
    pages = draft["pages"]
    assert len(pages) == draft["result"].pages
    unmarked = [k for k, text in enumerate(pages, 1) if DRAFT_TH not in text]
    assert unmarked == []


def test_the_mark_is_drawn_under_the_text_and_is_not_text(draft):
    """The mark is glyph outlines painted before anything else on the page
    (what follows, the text, is on top of it); extracted, a page reads as its
    own text, the mark not wedged between its lines (the footer names it once)."""
    reader = PdfReader(draft["pdf"])
    for k, page in enumerate(reader.pages, 1):
        content = page.get_contents().get_data()
        before_text = content[:content.index(b"BT")]
        assert before_text.count(b" c") > 200, f"page {k}: no outlines drawn before the text"
    for k, text in enumerate(draft["pages"], 1):
        assert text.count(DRAFT_TH) == (2 if k == 1 else 1), f"page {k}"


def test_the_mark_is_light_grey_across_the_page_body(draft):
    SHOTS.mkdir(parents=True, exist_ok=True)
    shots = render_pages(draft["pdf"], SHOTS, first=1, last=7, dpi=70)
    shutil.copy(shots[0], SHOTS / "r1-draft-cover.png")
    shutil.copy(shots[-1], SHOTS / "r1-draft-page.png")
    with Image.open(shots[-1]) as image:
        rgb = image.convert("RGB")
        w, h = rgb.size
        grey = 0
        for x in range(w // 5, 4 * w // 5, 2):
            for y in range(h // 5, 4 * h // 5, 2):
                r, g, b = rgb.getpixel((x, y))
                grey += 205 <= r <= 235 and 210 <= g <= 240 and 215 <= b <= 245
        assert grey > 400, "no light-grey mark in the page body"


def test_the_cover_lists_exactly_the_blocking_findings(draft):
    cover = draft["pages"][0]
    squashed = _squash(cover)
    for message in draft["blocking"]:
        assert _squash(message) in squashed
    numbered = re.findall(r"^(\d+)\.\s", cover[cover.index("สิ่งที่ต้องแก้ไขก่อนยื่น"):], re.M)
    assert numbered == [str(k) for k in range(1, len(draft["blocking"]) + 1)]
    assert f"({len(draft['blocking'])} รายการ" in cover
    assert "ฉบับสมบูรณ์" not in cover


def test_works_in_progress_are_named_on_the_cover(draft):
    with Portfolio.open(draft["folder"], read_only=True) as portfolio:
        works = Services(portfolio).works.list()
    ongoing = [n for n, w in enumerate(works, 1) if w.status == "ongoing"]
    assert ongoing, "the demo has no ongoing work"
    line = next(line for line in draft["pages"][0].splitlines() if "อยู่ระหว่างดำเนินการ" in line)
    assert [int(n) for n in re.findall(r"ผลงานที่ (\d+)", line)] == ongoing


def test_final_is_refused_naming_each_blocking_finding_and_writes_nothing(draft, capsys, tmp_path):
    before = _tree_digest(draft["folder"])
    out = tmp_path / "final.pdf"
    code, stdout, err = run(capsys, "dossier", "--portfolio", str(draft["folder"]), "--out", str(out),
                            "--package", str(tmp_path / "final.zip"), "--final")
    assert code == 1
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "ฉบับสมบูรณ์ไม่ได้" in err and "ไม่มีการเปลี่ยนแปลงใด ๆ" in err
    for message in draft["blocking"]:
        assert message.rstrip(" .") in err
    assert list(tmp_path.iterdir()) == []
    assert _tree_digest(draft["folder"]) == before


def test_final_refused_in_english_names_them_in_english(draft, capsys, tmp_path):
    with Portfolio.open(draft["folder"], read_only=True) as portfolio:
        english = _blocking_messages(portfolio, "en")
    code, _, err = run(capsys, "--lang", "en", "dossier", "--portfolio", str(draft["folder"]),
                       "--out", str(tmp_path / "final.pdf"), "--final")
    assert code == 1 and "The final version cannot be made" in err and "Nothing was changed." in err
    for message in english:
        assert message.rstrip(" .") in err
    assert not (tmp_path / "final.pdf").exists()


def _sign(services, finding) -> None:
    services.contributors.update(finding.target.id, signature_status="signed", signed_date="2026-11-01")


def _main_work(services, _finding) -> None:
    services.works.update(services.works.list()[0].id, is_main_work=True)


def _claim_level(services, finding) -> None:
    services.works.update(finding.work_id, claimed_level="very_good")


def _ethics(services, finding) -> None:
    services.works.update(finding.work_id, ethics_committee="คณะกรรมการจริยธรรมการวิจัยในมนุษย์",
                          ethics_number="EC-2567-001", ethics_date="2024-01-10")


def _leave_out_photo(services, finding) -> None:
    services.evidence.update(finding.target.id, include_in_dossier=False)


#: How a lecturer fixes each blocking finding the demo may have (by rule).
FIXES = {"contributors.unsigned": _sign, "claim.no_main_work": _main_work, "claim.no_level": _claim_level,
         "ethics.approval_missing": _ethics, "privacy.photo_no_consent": _leave_out_photo}


def _fix_the_demo(folder: Path) -> None:
    """Fix what readiness finds blocking in the demo, as a lecturer would
    (a rule this test does not know how to fix fails it by name)."""
    with Portfolio.open(folder) as portfolio:
        services = Services(portfolio)
        for _round in range(3):  # a fix may reveal a finding the fixed one hid (a main work needs a level)
            blocking = [f for f in check_readiness(portfolio).findings if f.severity.value == "blocking"]
            if not blocking:
                return
            for finding in blocking:
                if finding.rule not in FIXES:
                    pytest.fail(f"no fix known for the demo's blocking finding {finding.rule}")
                FIXES[finding.rule](services, finding)
        assert _blocking_messages(portfolio) == []


def test_final_succeeds_once_the_demo_is_fixed(draft, capsys, tmp_path):
    folder = tmp_path / "fixed"
    shutil.copytree(draft["folder"], folder)
    _fix_the_demo(folder)
    out = tmp_path / "final.pdf"
    code, stdout, err = run(capsys, "dossier", "--portfolio", str(folder), "--out", str(out), "--final")
    assert code == 0, err
    pages = _pages(out)
    assert [k for k, text in enumerate(pages, 1) if DRAFT_TH in text] == []
    assert "ฉบับสมบูรณ์" in pages[0] and "สิ่งที่ต้องแก้ไขก่อนยื่น" not in pages[0]
    shots = render_pages(out, tmp_path / "shots", first=1, last=1, dpi=70)
    shutil.copy(shots[0], SHOTS / "r1-final-cover.png")


def test_a_ready_portfolio_is_no_draft_and_says_final_only_when_asked(ready, tmp_path):
    portfolio, _services, _ids = ready
    assert _blocking_messages(portfolio) == []
    plain = build_dossier(portfolio, DossierConfig(), tmp_path / "plain.pdf")
    final = build_dossier(portfolio, DossierConfig(final=True), tmp_path / "final.pdf")
    for result, says_final in ((plain, False), (final, True)):
        pages = _pages(result.path)
        assert not any(DRAFT_TH in text for text in pages)
        assert ("ฉบับสมบูรณ์" in pages[0]) is says_final


def test_an_english_draft_is_marked_in_english(ready, tmp_path):
    portfolio, services, ids = ready
    services.contributors.update(ids["coworker"], signature_status="pending", signed_date=None)
    blocking = _blocking_messages(portfolio, "en")
    assert blocking
    result = build_dossier(portfolio, DossierConfig(language="en"), tmp_path / "en.pdf")
    pages = _pages(result.path)
    assert all(DRAFT_EN in text for text in pages)
    for message in blocking:
        assert _squash(message) in _squash(pages[0])
    with pytest.raises(NotFinalError) as refused:
        build_dossier(portfolio, DossierConfig(language="en", final=True), tmp_path / "final.pdf")
    assert refused.value.key == "dossier.not_final"
    assert not (tmp_path / "final.pdf").exists()


# --- hostile findings: what a rule's text may hold reaches the cover and the refusal whole --------

_TEXTS = st.text(alphabet=st.sampled_from(list("กขคงจฉชซฌญฎฏัิีึืุู่้๊๋็์ะาำเแโใไ {}%$\\<>&\"'\n\t.,;:—abcXYZ0123456789")),
                 min_size=1, max_size=120)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(findings=st.lists(st.tuples(st.one_of(st.none(), st.integers(1, 9)), _TEXTS, _TEXTS), min_size=1,
                         max_size=8))
def test_the_refusal_is_one_message_naming_every_finding(findings):
    blocking = [BlockingFinding(n, Text("ชื่อผลงาน", "A work"), Text(th, en)) for n, th, en in findings]
    error = NotFinalError(blocking)
    for lang, pick in (("th", 1), ("en", 2)):
        message = error.message(lang)
        for finding in findings:
            assert finding[pick].rstrip(" .") in message
        assert message.count(str(len(findings))) >= 1


@pytest.mark.parametrize("count", [1, 9, 40])
def test_many_or_hostile_findings_all_reach_the_cover(ready, tmp_path, monkeypatch, count):
    """However many findings block, and whatever their words hold (markup,
    braces, an ampersand), every one is printed, and every page is marked."""
    portfolio = ready[0]
    hostile = ["<b>ตัวหนา</b> & {n} 100%", "ข้อความยาว" * 30, "\\u0e01 ค่า {0} ไม่ครบ"]
    fakes = [BlockingFinding(k % 3 or None, Text("น้ำสะอาดบ้านป่าแดด", "Clean water"),
                             Text(f"ข้อ {k}: {hostile[k % 3]}", f"item {k}: {hostile[k % 3]}"))
             for k in range(1, count + 1)]
    monkeypatch.setattr(export_module, "blocking_findings", lambda _portfolio, _plan: fakes)
    result = build_dossier(portfolio, DossierConfig(), tmp_path / "many.pdf")
    pages = _pages(result.path)
    assert all(DRAFT_TH in text for text in pages)
    front = _squash("".join(pages[:3]))
    for finding in fakes:
        assert _squash(finding.sentence("th")) in front


def test_the_draft_words_are_the_issues_words():
    assert word("draft_mark", "th") == DRAFT_TH and word("draft_mark", "en") == DRAFT_EN
