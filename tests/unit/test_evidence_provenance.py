"""Evidence that says where it came from (issue 15, item 4): the indicator
charts cannot overstate (the value axis starts at zero or is marked as cut,
no label is struck through by the target line); each measurement's source,
method and measurer are printed; a letter's own date is never confused with
when it was scanned; signed contribution forms and MOUs are labelled, and
the signature lines point to the signed form."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from ent_portfolio.domain.enums import EvidenceKind
from ent_portfolio.dossier import DossierConfig, texts
from ent_portfolio.dossier.chart import IndicatorChart, number
from ent_portfolio.dossier.layout import dossier_styles
from ent_portfolio.services import Services
from ent_portfolio.services.dossier import export_dossier
from ent_portfolio.storage.portfolio import Portfolio
from ent_portfolio.typeset import format_date
from ent_portfolio.typeset.scale import value_axis
from tests.pdftools import pdftotext, require_tool
from tests.unit.provenance_cases import LETTER_DATED, LETTER_SCANNED, MEASUREMENTS, build

TITLE_HEIGHT = 12.5  # one line of the chart title style


def _chart(values: list[float], target: float | None, dated: bool = True) -> IndicatorChart:
    start = date(2023, 1, 1)
    points = [(start + timedelta(days=60 * k) if dated else None, Decimal(repr(v))) for k, v in enumerate(values)]
    return IndicatorChart("ตัวชี้วัด", points, Decimal(repr(target)) if target is not None else None, "th",
                          228, 168, title_style=dossier_styles()["chart_title"], target_label="เป้าหมาย",
                          baseline_label="ค่าฐาน", axis_break_note="แกนตั้งไม่ได้เริ่มที่ 0")


def _series():
    """Values anywhere, or bunched far from zero (where a cut axis is tempting)."""
    bunched = st.tuples(st.floats(-1e6, 1e6), st.sampled_from([1e-3, 0.01, 0.1, 1.0]),
                        st.lists(st.floats(0, 1), min_size=1, max_size=6)).map(
        lambda t: [t[0] + t[1] * abs(t[0]) * o for o in t[2]])
    spread = st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=6)
    return st.one_of(bunched, spread)


def _near(values: list[float]):
    """A target close to a value on the chart's scale: within a fifth of the
    spread (where a label beside the point would meet the line)."""
    scale = max(max(values) - min(values), max(abs(v) for v in values) * 0.1, 1.0)
    return st.sampled_from(values).flatmap(lambda v: st.floats(-0.2, 0.2).map(lambda f: v + f * scale))


def _targets(values: list[float]):
    return st.one_of(st.none(), st.floats(-1e6, 1e6), _near(values))


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_the_value_axis_reaches_zero_or_is_marked_cut(data):
    values = data.draw(_series())
    target = data.draw(_targets(values))
    g = _chart(values, target).geometry(TITLE_HEIGHT)
    assert g is not None
    shown = values + ([target] if target is not None else [])
    assert g.axis.lo <= min(shown) and g.axis.hi >= max(shown)  # every value on the axis
    if g.axis.lo <= 0 <= g.axis.hi:
        assert g.break_at is None and g.break_note is None
    else:
        assert g.axis.broken and g.break_at == ("bottom" if g.axis.lo > 0 else "top")
        assert g.break_note is not None and g.break_note.text  # the cut is said in words too
        assert g.break_note.box.inside(g.frame)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_no_label_is_struck_by_the_target_line(data):
    values = data.draw(_series())
    target = data.draw(_near(values))
    g = _chart(values, target, dated=data.draw(st.booleans())).geometry(TITLE_HEIGHT)
    band = g.target_band
    assert band is not None and g.value_label is not None and g.target_label is not None
    for label in g.labels:
        assert not label.box.overlaps(band), label
    assert not g.target_label.box.overlaps(g.value_label.box)


def test_one_value_alone_is_shown_against_zero():
    assert value_axis([12]).lo == 0 and not value_axis([12]).broken
    assert value_axis([-12]).hi == 0 and not value_axis([-12]).broken


@pytest.mark.parametrize(("values", "cut"), [
    ([186400, 190000, 200000], "bottom"),
    ([-120, -125, -130], "top"),
    ([52, 40, 31], None),
    ([-3, 4], None),
])
def test_a_cut_axis_is_cut_at_the_end_away_from_zero(values, cut):
    g = _chart(values, None).geometry(TITLE_HEIGHT)
    assert g.break_at == cut
    assert (g.axis.lo <= 0 <= g.axis.hi) == (cut is None)


# --- the dossier of a purpose-made work -----------------------------------------------------

@pytest.fixture(scope="module")
def exported(empty_template, tmp_path_factory):
    """The purpose-made work's dossier (Thai and English) and its package."""
    root = tmp_path_factory.mktemp("provenance")
    folder = root / "portfolio"
    shutil.copytree(empty_template, folder)
    portfolio = Portfolio.open(folder)
    try:
        case = build(Services(portfolio), root)
        out = {"case": case, "root": root}
        for lang in ("th", "en"):
            result = export_dossier(portfolio, DossierConfig(language=lang), root / f"{lang}.pdf",
                                    package=root / f"{lang}.zip")
            out[lang] = result
            out[f"{lang}_pages"] = pdftotext(root / f"{lang}.pdf").split("\f")
        yield out
    finally:
        portfolio.close()


def _flat(text: str) -> str:
    return " ".join(text.split())


def _page_with(pages: list[str], needle: str) -> tuple[int, str]:
    found = [(k + 1, _flat(p)) for k, p in enumerate(pages) if needle in _flat(p)]
    assert found, f"no page says {needle!r}"
    return found[0]


@pytest.mark.parametrize("lang", ["th", "en"])
def test_each_measurement_says_its_source_method_and_who_measured_it(exported, lang):
    require_tool("pdftotext")
    pages = exported[f"{lang}_pages"]
    words = {k: texts.t(k, lang) for k in ("source", "method", "measured_by", "not_stated")}
    for when, value, source, method, who in MEASUREMENTS:
        page, text = _page_with(pages, _flat(source))
        line = text[text.index(format_date(when, lang, "short")):]
        line = line[:line.index(_flat(source)) + len(source) + 200]
        assert f"{number(Decimal(value))} — {words['source']} {_flat(source)}" in line
        assert f"{words['method']} {_flat(method)}" in line
        assert f"{words['measured_by']} {who or words['not_stated']}" in line  # an empty field says so


@pytest.mark.parametrize("lang", ["th", "en"])
def test_a_letter_gives_its_own_date_and_when_it_was_scanned(exported, lang):
    require_tool("pdftotext")
    pages = exported[f"{lang}_pages"]
    dated = texts.t("dated", lang, date=format_date(LETTER_DATED, lang, "short"))
    scanned = texts.t("scanned", lang, date=format_date(LETTER_SCANNED, lang, "short"))
    scan_pages = [_flat(p) for p in pages if "หนังสือขอบคุณจากเทศบาล" in _flat(p) and scanned in _flat(p)]
    assert len(scan_pages) == 1 and dated in scan_pages[0]
    assert f"{dated} · {scanned}" in scan_pages[0]  # two dates, each named for what it is
    everywhere = _flat("\f".join(pages))
    for style in ("short", "long"):  # the scan's date is never the letter's
        assert texts.t("dated", lang, date=format_date(LETTER_SCANNED, lang, style)) not in everywhere


@pytest.mark.parametrize("lang", ["th", "en"])
def test_signed_forms_and_mous_are_labelled_as_such(exported, lang):
    require_tool("pdftotext")
    pages = exported[f"{lang}_pages"]
    for caption, kind in (("แบบแสดงการมีส่วนร่วมที่ลงนามครบ", "contribution_form"),
                          ("บันทึกข้อตกลงกับเทศบาล", "mou")):
        label = _flat(EvidenceKind(kind).label(lang))
        scan_pages = [p for p in pages if caption in _flat(p) and label in _flat(p)]
        assert scan_pages, f"no page shows {caption} labelled {label}"


def _link_target_pages(pdf: Path, page_number: int) -> list[int]:
    """The pages (1-based) the links on a page lead to."""
    reader = PdfReader(pdf)
    refs = [p.indirect_reference.idnum for p in reader.pages]
    out = []
    for annot in reader.pages[page_number - 1].get("/Annots") or []:
        a = annot.get_object()
        dest = a.get("/Dest") or (a.get("/A") or {}).get("/D")
        if isinstance(dest, str) or hasattr(dest, "original_bytes"):  # a named destination
            dest = reader.named_destinations[str(dest)].page
        else:
            dest = dest[0]
        out.append(refs.index(dest.idnum if hasattr(dest, "idnum") else dest.indirect_reference.idnum) + 1)
    return out


@pytest.mark.parametrize("lang", ["th", "en"])
def test_signature_lines_point_to_the_signed_form(exported, lang):
    require_tool("pdftotext")
    pages = exported[f"{lang}_pages"]
    result = exported[lang].dossier
    form = next(e for e in result.evidence if e.kind == "contribution_form")
    _scan_page, _text = _page_with(pages, "แบบแสดงการมีส่วนร่วมที่ลงนามครบ")
    form_page = next(k + 1 for k, p in enumerate(pages)
                     if "แบบแสดงการมีส่วนร่วมที่ลงนามครบ" in _flat(p) and form.ref in _flat(p)
                     and texts.t("contribution", lang) not in _flat(p))
    pointer = texts.t("signed_see", lang, ref=form.ref, page=form_page)
    page, text = _page_with(pages, _flat(pointer))
    assert text.count(_flat(pointer)) == 2  # one per contributor, in place of a blank line
    assert texts.t("sign_here", lang) + " ...." not in text
    assert _link_target_pages(exported["root"] / f"{lang}.pdf", page).count(form_page) == 2  # each leads there
    # the manifest lists the contribution table among the places citing the form
    manifest_page, manifest = _page_with(pages, texts.t("app_c", lang).split("  ")[0])
    assert _flat(texts.t("place_contribution", lang, n=1)) in _flat("\f".join(pages[manifest_page - 1:]))


def test_without_a_signed_form_the_signature_lines_stand_blank(empty_template, tmp_path):
    require_tool("pdftotext")
    folder = tmp_path / "p"
    shutil.copytree(empty_template, folder)
    with Portfolio.open(folder) as portfolio:
        s = Services(portfolio)
        work = s.works.create(title_th="งานที่ยังไม่มีแบบลงนาม", status="completed")
        s.contributors.create(work_id=work.id, name="นายทดสอบ ไม่มีแบบ", is_applicant=True, roles=["idea"])
        export_dossier(portfolio, DossierConfig(), tmp_path / "d.pdf")
    text = _flat(pdftotext(tmp_path / "d.pdf"))
    assert texts.t("sign_here", "th") + " ...." in text
    assert "ลงนามแล้ว — ดูหลักฐาน" not in text
