"""The dossier as a reviewer's tools see it, and the evidence package.

The demo dossier (and its package, with GPS stripped) is built ONCE per
session; the tests read it with qpdf, Poppler and pypdf."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from ent_portfolio import privacy
from ent_portfolio.cli import main
from ent_portfolio.domain.indicators import indicator_change
from ent_portfolio.dossier import DossierConfig, build_dossier, build_package, verify_package
from ent_portfolio.dossier.richtext import html_blocks, plain_text
from ent_portfolio.errors import UserError
from ent_portfolio.jobs import Cancelled, CancelToken
from ent_portfolio.services import Services
from ent_portfolio.storage.portfolio import Portfolio
from tests.pdftools import pdffonts, pdftotext, qpdf_check

NO_CONSENT_NAME = "นายเสาร์ คำมูล"


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="session")
def built(demo_template, tmp_path_factory):
    """The demo portfolio, its package (strip_gps) and the PDF inside it."""
    root = tmp_path_factory.mktemp("dossier")
    folder = root / "demo"
    shutil.copytree(demo_template, folder)
    portfolio = Portfolio.open(folder)
    zip_path = root / "dossier.zip"
    progress: list[tuple[int, int]] = []
    package = build_package(portfolio, DossierConfig(strip_gps=True), zip_path,
                            progress=lambda d, t: progress.append((d, t)))
    pdf = root / "dossier.pdf"
    with zipfile.ZipFile(zip_path) as zf:
        pdf.write_bytes(zf.read("dossier.pdf"))
    text = pdftotext(pdf)
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages = pages[:-1]
    info = {
        "folder": folder, "portfolio": portfolio, "services": Services(portfolio), "zip": zip_path,
        "package": package, "result": package.dossier, "pdf": pdf, "pages": pages,
        "reader": PdfReader(pdf), "progress": progress, "root": root,
    }
    yield info
    portfolio.close()


def _page_index(reader: PdfReader) -> dict:
    return {page.indirect_reference.idnum: k for k, page in enumerate(reader.pages)}


def _links(reader: PdfReader) -> list[tuple[int, int | None, str | None]]:
    """(page index of the link, page index of its target or None, URI) for every link."""
    index = _page_index(reader)
    out = []
    for k, page in enumerate(reader.pages):
        for annot in page.get("/Annots", []) or []:
            a = annot.get_object()
            if a.get("/Subtype") != "/Link":
                continue
            dest = a.get("/Dest")
            action = a.get("/A")
            if dest is None and action is not None and action.get("/S") == "/GoTo":
                dest = action.get("/D")
            if dest is not None:
                if isinstance(dest, str):  # a named destination
                    dest = reader.named_destinations[dest]
                    out.append((k, reader.get_destination_page_number(dest), None))
                else:
                    out.append((k, index.get(dest[0].idnum), None))
            elif action is not None:
                out.append((k, None, str(action.get("/URI"))))
    return out


def _outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, page index) of every outline entry, in order."""
    out = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((depth, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return out


# --- the PDF ---------------------------------------------------------------------------

def test_result_figures(built):
    result = built["result"]
    assert result.pages == len(built["pages"]) == len(built["reader"].pages)
    assert result.size == built["pdf"].stat().st_size
    assert result.photo_count == 21 and result.scan_count == 3 and result.evidence_count == 24
    assert hashlib.sha256(built["pdf"].read_bytes()).hexdigest() == result.sha256
    # progress went up to its total and never backwards
    done = [d for d, _ in built["progress"]]
    assert done == sorted(done) and built["progress"][-1][0] == built["progress"][-1][1]


def test_qpdf_check_is_clean(built):
    qpdf_check(built["pdf"])


def test_every_font_is_embedded_sarabun(built):
    fonts = pdffonts(built["pdf"])
    assert fonts
    for font in fonts:
        assert font["emb"], font
        assert "Sarabun" in font["name"], font
        assert "Helvetica" not in font["name"]


def test_page_numbers_on_every_page(built):
    pages = built["pages"]
    total = len(pages)
    for k, text in enumerate(pages, 1):
        assert f"หน้า {k} / {total}" in text, f"page {k} has no page number"


def test_no_empty_pages(built):
    reader = built["reader"]
    for k, text in enumerate(built["pages"]):
        lines = [line for line in text.splitlines() if line.strip()]
        # header (2 lines) and footer (2 lines) are on every page; something else must be too
        assert len(lines) > 5 or reader.pages[k].images, f"page {k + 1} is empty: {lines}"


def test_pictures_are_cached_for_the_next_export(built):
    cache = built["folder"] / "thumbnails" / "print"
    cached = list(cache.glob("*.jpg"))
    assert len(cached) == 24
    # a photo whose faces leave blurred is printed from its blurred copy, cached under that copy's hash
    assert {p.name.split("-", 1)[0] for p in cached} == {e.sha256 if e.faces_blurred else e.stored_sha256
                                                        for e in built["result"].evidence}


def test_metadata_and_language(built):
    reader = built["reader"]
    meta = reader.metadata
    profile = built["services"].profile.current()
    assert profile.name_th in meta.title and profile.name_th in meta.author
    assert "ผู้ช่วยศาสตราจารย์" in meta.subject
    assert meta.get("/Keywords")
    assert reader.trailer["/Root"]["/Lang"] == "th-TH"


def test_outline_has_every_work_and_section(built):
    s = built["services"]
    outline = _outline(built["reader"])
    titles = [(d, t) for d, t, _ in outline]
    works = s.works.list()
    for n, work in enumerate(works, 1):
        entry = next(k for k, (d, t) in enumerate(titles) if d == 0 and t == f"ผลงานที่ {n}: {work.title_th}")
        children = []
        for d, t in titles[entry + 1:]:
            if d == 0:
                break
            if d == 1:
                children.append(t)
        for k, (template, _html) in enumerate(s.works.sections(work.id), 1):
            assert f"{k}. {template.title_th}" in children
        for part in ("หลักการ EnT และหลักฐานที่แสดง", "ตัวชี้วัดและผลการเปลี่ยนแปลง",
                     "แบบแสดงหลักฐานการมีส่วนร่วมในผลงาน"):
            assert part in children
    top = [t for d, t in titles if d == 0]
    assert "สารบัญ" in top and any(t.startswith("ภาคผนวก ค") for t in top)
    # an outline entry leads to the page that carries its heading
    pages = built["pages"]
    for depth, title, page in outline:
        if depth == 1 and title[:2] in ("1.", "9."):
            assert _squash(title) in _squash(pages[page]), title


def test_links_resolve_to_pages(built):
    links = _links(built["reader"])
    internal = [(src, dst) for src, dst, uri in links if uri is None]
    assert len(internal) > 150
    assert all(dst is not None and 0 <= dst < len(built["pages"]) for _, dst in internal)
    pages = built["pages"]
    # the contents page links to each work's first page
    toc_targets = {dst for src, dst in internal if src in (1, 2)}
    for n, work in enumerate(built["services"].works.list(), 1):
        first = next(k for k, text in enumerate(pages) if _squash(work.title_th[:30]) in _squash(text)
                     and f"ผลงานที่ {n}" in text and k > 3)
        assert first in toc_targets


def test_evidence_references_link_to_their_appendix_entry(built):
    result, pages = built["result"], built["pages"]
    for entry in result.evidence:
        assert entry.page is not None, entry.ref
        assert f"หลักฐาน {entry.ref}" in pages[entry.page - 1], entry.ref
        assert entry.citations, f"{entry.ref} is cited nowhere"
        for citation in entry.citations:
            assert citation.page is not None
            assert re.search(rf"\b{entry.ref}\b", pages[citation.page - 1]), (entry.ref, citation)
    # each citation page links to the evidence's page
    links = {(src, dst) for src, dst, uri in _links(built["reader"]) if uri is None}
    for entry in result.evidence:
        assert (entry.citations[0].page - 1, entry.page - 1) in links, entry.ref


def test_manifest_lists_every_file_and_links_back(built):
    result, pages = built["result"], built["pages"]
    manifest_start = next(k for k, text in enumerate(pages) if "ภาคผนวก ค" in text and "บัญชีหลักฐาน" in text
                          and "SHA-256" in text)
    manifest_text = _squash("".join(pages[manifest_start:]))
    links = {(src, dst) for src, dst, uri in _links(built["reader"]) if uri is None}
    for entry in result.evidence:
        assert entry.sha256[:32] in manifest_text and entry.sha256[32:] in manifest_text, entry.ref
        back = {dst for src, dst in links if src >= manifest_start}
        for citation in entry.citations:
            assert citation.page - 1 in back


def test_section_text_is_extractable(built):
    s, pages = built["services"], built["pages"]
    whole = _squash("".join(pages))
    checked = 0
    for work in s.works.list():
        for template, html in s.works.sections(work.id):
            text = plain_text(html)
            if not text:
                continue
            first = text.split(" ")[0] if len(text.split(" ")[0]) > 25 else " ".join(text.split(" ")[:3])
            first = _squash(first)[:80]
            assert first in whole, (template.key, first)
            checked += 1
    assert checked == 27


def test_indicator_table_values(built):
    s, pages = built["services"], built["pages"]
    whole = _squash("".join(pages))
    for work in s.works.list():
        full = s.works.load_full(work.id)
        for ind in full.indicators:
            change = indicator_change(ind, list(ind.measurements))
            for value in (change.baseline, change.target, change.latest):
                from ent_portfolio.dossier.chart import number

                assert number(value) in whole
            sign = "+" if change.change > 0 else ""
            expected = f"{sign}{number(change.change)}"
            if change.change_percent is not None:
                expected += f"({sign}{number(change.change_percent)}%)"
            assert _squash(expected) in whole, (ind.name_th, expected)
    # the Nan work's income indicator reads 186,400 → 402,750
    assert "186,400" in whole and "402,750" in whole and "+216,350(+116.1%)" in whole


def test_testimonial_without_consent_is_anonymised(built):
    pages = built["pages"]
    text = "".join(pages)
    assert NO_CONSENT_NAME not in text and "เสาร์ คำมูล" not in text
    page = next(p for p in pages if "ปีแรกตรวจเลือดแล้ว" in p)
    assert "ผู้ให้ข้อมูล ก" in page
    assert "ไม่เปิดเผยชื่อ" in page


def test_photos_are_downscaled_for_print(built):
    result = built["result"]
    assert result.bytes_per_photo < 350 * 1024
    reader = built["reader"]
    widths = []
    for page in reader.pages:
        for image in page.images:
            widths.append(image.image.width)
    assert len(widths) == 24
    assert max(widths) <= 1800  # letters at about 200 dpi; photos far below


# --- what goes in ---------------------------------------------------------------------

def test_works_and_evidence_follow_the_configuration(built):
    from ent_portfolio.dossier.collect import collect

    s = built["services"]
    w1, _w2, w3 = s.works.list()
    full = s.works.load_full(w1.id)
    chosen = [full.evidence[2].id, full.evidence[0].id]
    plan = collect(built["portfolio"], DossierConfig(work_ids=[w3.id, w1.id], evidence_ids={w1.id: chosen}))
    assert [wd.work.id for wd in plan.works] == [w3.id, w1.id]
    assert [wd.index for wd in plan.works] == [1, 2]
    assert {e.evidence_id for e in plan.works[1].evidence} == set(chosen)
    assert [e.ref for e in plan.evidence] == [f"E-{n}" for n in range(1, len(plan.evidence) + 1)]
    assert plan.evidence[0].work_id == w3.id
    with pytest.raises(UserError):
        collect(built["portfolio"], DossierConfig(evidence_ids={w1.id: ["not-an-evidence-id"]}))
    with pytest.raises(UserError):
        collect(built["portfolio"], DossierConfig(language="fr"))


def test_pictures_of_a_person_without_consent_are_left_out(demo):
    from ent_portfolio.dossier.collect import collect

    s = Services(demo)
    no_consent = next(t for t in s.testimonials.list() if not t.consent)
    work = s.works.load_full(no_consent.work_id)
    photo, scan = work.evidence[0], next(e for e in work.evidence if e.kind == "scan")
    s.evidence.update(photo.id, testimonial_id=no_consent.id)
    other_letter_of = next(t for t in work.testimonials if t.letter_evidence_id == scan.id)
    s.testimonials.update(other_letter_of.id, letter_evidence_id=None)
    s.evidence.update(scan.id, testimonial_id=None)
    s.testimonials.update(no_consent.id, letter_evidence_id=scan.id)
    plan = collect(demo, DossierConfig())
    shown = {e.evidence_id for e in plan.evidence}
    assert photo.id not in shown and scan.id not in shown
    assert plan.withheld == 2


# --- cancel and failure ------------------------------------------------------------------

class _CancelAfter(CancelToken):
    """Turns cancelled after ``n`` looks (the builder looks after every flowable)."""

    def __init__(self, n: int) -> None:
        super().__init__()
        self.n = n

    @property
    def cancelled(self) -> bool:
        self.n -= 1
        if self.n <= 0:
            self.cancel()
        return super().cancelled


def test_cancel_leaves_no_file(built, tmp_path):
    portfolio = built["portfolio"]
    out = tmp_path / "out" / "dossier.pdf"
    out.parent.mkdir()
    with pytest.raises(Cancelled):
        build_dossier(portfolio, DossierConfig(), out, cancel=_CancelAfter(60))  # in the middle of a layout pass
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        build_package(portfolio, DossierConfig(), tmp_path / "out" / "p.zip", cancel=token)
    assert list(out.parent.iterdir()) == []
    assert not [p for p in (portfolio.temp_dir).glob(".tmp-dossier-*")]


def test_failed_export_keeps_the_old_file(built, tmp_path):
    out = tmp_path / "dossier.pdf"
    out.write_bytes(b"old")
    with pytest.raises(UserError) as caught:
        build_dossier(built["portfolio"], DossierConfig(work_ids=["no-such-work"]), out)
    assert caught.value.key == "dossier.unknown_work"
    assert out.read_bytes() == b"old"


def test_a_cancelled_export_with_its_package_leaves_neither_file(built, tmp_path):
    """Cancelled while the package is written, after the PDF was made."""
    from ent_portfolio.services.dossier import export_dossier

    token = CancelToken()

    def cancel_in_the_package(done: int, total: int) -> None:
        if total // 2 < done < total:
            token.cancel()

    pdf, package = tmp_path / "d.pdf", tmp_path / "d.zip"
    with pytest.raises(Cancelled):
        export_dossier(built["portfolio"], DossierConfig(), pdf, package=package,
                       progress=cancel_in_the_package, cancel=token)
    assert token.cancelled and list(tmp_path.iterdir()) == []
    assert not list(built["portfolio"].temp_dir.glob(".tmp-dossier-*"))


def test_the_renderer_needs_no_portfolio(demo, tmp_path):
    """collect reads the portfolio once; the PDF is made from the plan alone,
    even after the portfolio is closed."""
    from ent_portfolio.dossier.collect import collect
    from ent_portfolio.dossier.render import render_dossier

    plan = collect(demo, DossierConfig(work_ids=[Services(demo).works.list()[0].id]))
    demo.close()
    work_dir = tmp_path / "scratch"
    work_dir.mkdir()
    result = render_dossier(plan, tmp_path / "plan.pdf", work_dir=work_dir)
    assert result.pages > 3 and pdftotext(tmp_path / "plan.pdf").count("\f") == result.pages


def test_gps_is_stripped_once_and_the_package_holds_those_bytes(demo, tmp_path, monkeypatch):
    from ent_portfolio.dossier import gps

    calls: list[str] = []
    real = privacy.strip_gps

    def counting(source):
        calls.append(str(source))
        return real(source)

    monkeypatch.setattr(gps.privacy, "strip_gps", counting)
    package = build_package(demo, DossierConfig(strip_gps=True), tmp_path / "p.zip")
    pictures = [e for e in package.dossier.evidence if e.shown_as != "file"]
    assert len(calls) == len(set(calls)) == len(pictures)  # each picture once, nothing again when zipping
    stripped = {e.ref: e.sha256 for e in package.dossier.evidence if e.gps_stripped}
    assert stripped
    with zipfile.ZipFile(tmp_path / "p.zip") as zf:
        for f in package.manifest["files"]:
            data = zf.read(f["path"])
            assert hashlib.sha256(data).hexdigest() == f["sha256"]
            if f["ref"] in stripped:  # the hash the PDF prints is the packaged file's
                assert f["sha256"] == stripped[f["ref"]] and not privacy.has_gps(data)


# --- the package ------------------------------------------------------------------------

def test_package_manifest_and_files(built):
    with zipfile.ZipFile(built["zip"]) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        names = set(zf.namelist())
        assert manifest["dossier"]["sha256"] == hashlib.sha256(zf.read("dossier.pdf")).hexdigest()
        assert manifest["app_version"] and manifest["created"]
        assert len(manifest["files"]) == 24
        stripped = 0
        for f in manifest["files"]:
            assert f["path"] in names and f["path"].startswith(f"evidence/{f['ref']}_")
            data = zf.read(f["path"])
            assert hashlib.sha256(data).hexdigest() == f["sha256"] and len(data) == f["size"]
            assert f["cited"] and all(c["page"] for c in f["cited"])
            if f["kind"] == "photo":
                assert not privacy.has_gps(data)
            if f["gps_stripped"]:
                stripped += 1
                assert f["stored_sha256"] != f["sha256"]
        assert stripped >= 1
    assert verify_package(built["zip"]).ok


def _rewrite(src: Path, dst: Path, change=None, drop=None, add=None) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            if info.filename == drop:
                continue
            data = zin.read(info.filename)
            if info.filename == change:
                data = data[:-10] + bytes([data[-10] ^ 1]) + data[-9:]
            zout.writestr(info, data)
        if add:
            zout.writestr(add, b"something else")


def test_verify_names_changed_missing_and_extra_files(built, tmp_path):
    src = built["zip"]
    with zipfile.ZipFile(src) as zf:
        evidence = sorted(n for n in zf.namelist() if n.startswith("evidence/"))
    target = evidence[3]
    changed = tmp_path / "changed.zip"
    _rewrite(src, changed, change=target)
    report = verify_package(changed)
    assert not report.ok and report.changed == [target] and not report.missing and not report.extra

    missing = tmp_path / "missing.zip"
    _rewrite(src, missing, drop=evidence[0])
    report = verify_package(missing)
    assert report.missing == [evidence[0]] and not report.changed

    extra = tmp_path / "extra.zip"
    _rewrite(src, extra, add="evidence/E-99_added.jpg")
    report = verify_package(extra)
    assert report.extra == ["evidence/E-99_added.jpg"] and not report.changed and not report.missing

    pdf_changed = tmp_path / "pdf.zip"
    _rewrite(src, pdf_changed, change="dossier.pdf")
    assert verify_package(pdf_changed).changed == ["dossier.pdf"]

    # an unpacked package verifies too
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(src) as zf:
        zf.extractall(folder)
    assert verify_package(folder).ok
    (folder / evidence[1]).write_bytes(b"tampered")
    assert verify_package(folder).changed == [evidence[1]]


# --- command line -----------------------------------------------------------------------

def test_cli_dossier_and_verify(built, tmp_path, capsys):
    s = built["services"]
    work = s.works.list()[1]
    out = tmp_path / "en.pdf"
    rc = main(["dossier", "--portfolio", str(built["folder"]), "--out", str(out), "--lang", "en", "--work", work.id,
               "--readiness"])
    captured = capsys.readouterr()
    assert rc == 0, captured.err
    assert out.exists() and str(out.resolve()) in captured.out
    text = pdftotext(out)
    assert "Page 1 /" in text and "Contents" in text and "Appendix C" in text
    assert "Appendix D" in text and "Readiness" in text  # the optional readiness appendix
    assert "Work 1:" in text and "Informant A" in text and NO_CONSENT_NAME not in text
    assert "Work 2" not in text  # only the work asked for
    others = [w for w in s.works.list() if w.id != work.id]
    assert all(_squash(w.title_en[:40]) not in _squash(text) for w in others)
    assert _squash(work.title_en[:40]) in _squash(text)

    # with --package the PDF is built once: the package holds the very same file
    pdf, package = tmp_path / "same.pdf", tmp_path / "same.zip"
    assert main(["dossier", "--portfolio", str(built["folder"]), "--out", str(pdf), "--package", str(package),
                 "--work", work.id, "--lang", "en"]) == 0
    with zipfile.ZipFile(package) as zf:
        assert zf.read("dossier.pdf") == pdf.read_bytes()
    assert main(["verify", str(package)]) == 0

    assert main(["verify", str(built["zip"])]) == 0
    changed = tmp_path / "changed.zip"
    with zipfile.ZipFile(built["zip"]) as zf:
        first = sorted(n for n in zf.namelist() if n.startswith("evidence/"))[0]
    _rewrite(built["zip"], changed, change=first)
    capsys.readouterr()
    assert main(["verify", str(changed)]) == 1
    assert first in capsys.readouterr().out

    not_zip = tmp_path / "x.zip"
    not_zip.write_bytes(b"not a zip")
    assert main(["verify", str(not_zip)]) == 1
    err = capsys.readouterr().err.strip()
    assert err and "\n" not in err

    assert main(["dossier", "--portfolio", str(built["folder"]), "--out", str(tmp_path / "y.pdf"),
                 "--work", "no-such-id"]) == 1
    err = capsys.readouterr().err.strip()
    assert "no-such-id" in err and "\n" not in err
    assert not (tmp_path / "y.pdf").exists()


# --- section text -----------------------------------------------------------------------

def test_section_html_becomes_paragraphs_and_items():
    blocks = html_blocks("<p>หนึ่ง <b>ตัวหนา <i>ทั้งสอง</b> เอียง</i> &amp; x</p>"
                         "<ul><li>ก</li><li>ข<br>ค</li></ul><ol><li>a</li></ol><span>ท้าย</span>")
    assert [b.kind for b in blocks] == ["p", "li", "li", "li", "p"]
    assert blocks[0].markup == "หนึ่ง <b>ตัวหนา <i>ทั้งสอง</i></b><i> เอียง</i> &amp; x"
    assert blocks[3].number == 1 and blocks[1].number is None
    assert plain_text("<p>a  b</p>\n<p>c</p>") == "a b c"
    assert html_blocks("") == [] and html_blocks("บรรทัด\nสอง")[1].markup == "สอง"


def test_photos_and_scans_print_at_200_dpi(built):
    from ent_portfolio.dossier.images import PHOTO_DPI, SCAN_DPI
    from tests.pdftools import pdfimages_list

    images = pdfimages_list(built["pdf"])
    photos = [image for image in images if image["color"] == "rgb"]
    scans = [image for image in images if image["color"] == "gray"]
    assert photos and scans
    # The demo's photos and scans all have more pixels than their placed
    # size needs, so each is drawn at the stated resolution (pdfimages
    # rounds it to whole pixels per inch).
    for image in photos:
        assert abs(image["x_ppi"] - PHOTO_DPI) <= 2 and abs(image["y_ppi"] - PHOTO_DPI) <= 2, image
    for image in scans:
        assert abs(image["x_ppi"] - SCAN_DPI) <= 2 and abs(image["y_ppi"] - SCAN_DPI) <= 2, image
