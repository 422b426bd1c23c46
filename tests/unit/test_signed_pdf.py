"""The signed, archival dossier as a reviewer's tools see it.

A small portfolio's dossier is exported once plain and once signed with a
fresh identity; the signed file is checked with pyHanko's own validator,
with pikepdf (the PDF/A parts), qpdf and Poppler, and then damaged in the
ways a file is damaged after it left the lecturer: a byte changed, an
update appended."""

from __future__ import annotations

import hashlib
import importlib
import io
import os
import re
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from ent_portfolio.cli import main
from ent_portfolio.dossier import DossierConfig
from ent_portfolio.dossier.texts import t
from ent_portfolio.errors import UserError
from ent_portfolio.services import Services
from ent_portfolio.services.dossier import export_dossier
from ent_portfolio.signing.identity import create_identity
from ent_portfolio.signing.pdf import SIGNATURE_FIELD, check_pdf_signature, make_pdfa, sign_pdf
from ent_portfolio.storage.portfolio import Portfolio
from tests.pdftools import pdffonts, pdftotext, qpdf_check, render_pages, require_tool

export_module = importlib.import_module("ent_portfolio.dossier.export")

NAME = "กนกวรรณ ศรีวงศ์"
#: Byte flips the property tries (a long hunt: SIGNED_PDF_EXAMPLES=400).
FLIP_EXAMPLES = int(os.environ.get("SIGNED_PDF_EXAMPLES", "30"))
PASSPHRASE = b"pass phrase of the test"


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _root_pem(identity) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return identity.chain[-1].public_bytes(serialization.Encoding.PEM)


def _make_small(s: Services) -> None:
    profile = s.profile.current()
    s.profile.update(profile.id, name_th=NAME, name_en="Kanokwan Sriwong", academic_title="อาจารย์ ดร.",
                     faculty="คณะสังคมศาสตร์", university="มหาวิทยาลัยนครหริภุญชัย",
                     target_position="assistant_professor", route="society_track")
    work = s.works.create(title_th="เกลือภูเขาบ้านบ่อหลวง", title_en="Mountain salt of Ban Bo Luang",
                          status="completed", start_date="2023-03-01", end_date="2024-09-30", sort_order=0)
    s.contributors.create(work_id=work.id, name="ดร.กนกวรรณ ศรีวงศ์", is_applicant=True, status="main_author",
                          roles=["idea", "design", "writing"], percentage="100", sort_order=0)


@pytest.fixture(scope="module")
def signed(tmp_path_factory, empty_template):
    """A small portfolio, its identity, and its dossier: plain, as PDF/A,
    signed by the export, signed by hand from the PDF/A (same content), and
    the English one signed."""
    import shutil

    root = tmp_path_factory.mktemp("signed")
    folder = root / "portfolio"
    shutil.copytree(empty_template, folder)
    keys = root / "keys"
    keys.mkdir()
    identity = create_identity(NAME, PASSPHRASE, keys / "signer.p12")
    (keys / "root.pem").write_bytes(_root_pem(identity))
    out = root / "out"
    out.mkdir()
    with Portfolio.open(folder) as portfolio:
        _make_small(Services(portfolio))
        export_dossier(portfolio, DossierConfig(), out / "plain.pdf")
        exported = export_dossier(portfolio, DossierConfig(), out / "signed.pdf", package=out / "signed.zip",
                                  sign_with=identity)
        export_dossier(portfolio, DossierConfig(language="en"), out / "signed-en.pdf", sign_with=identity)
        export_dossier(portfolio, DossierConfig(language="en"), out / "plain-en.pdf")
    with pikepdf.open(out / "plain.pdf") as doc:
        title, author = str(doc.docinfo["/Title"]), str(doc.docinfo["/Author"])
    make_pdfa(out / "plain.pdf", out / "pdfa.pdf", title=title, author=author, lang="th-TH")
    page = export_module.declaration_page(out / "pdfa.pdf", "th")
    sign_pdf(out / "pdfa.pdf", out / "by-hand.pdf", identity, page=page, box=export_module.SIGNATURE_BOX, lang="th")
    return {"root": root, "folder": folder, "identity": identity, "keys": keys, "out": out, "title": title,
            "author": author, "exported": exported, "page": page}


def _validate(pdf: Path, roots: list):
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization

    with open(pdf, "rb") as handle:
        reader = PdfFileReader(handle, strict=False)
        trust = [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in roots]
        context = ValidationContext(trust_roots=trust, allow_fetching=False)
        return validate_pdf_signature(reader.embedded_signatures[0], context)


# --- the signature ----------------------------------------------------------------

def test_pyhanko_validates_the_signed_export_against_the_created_root(signed):
    pdf = signed["out"] / "signed.pdf"
    status = _validate(pdf, [signed["identity"].chain[-1]])
    assert status.intact and status.valid and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.bottom_line
    check = check_pdf_signature(pdf, [signed["identity"].chain[-1]])
    assert (check.present, check.intact, check.covers_whole_file, check.trusted) == (True, True, True, True)
    assert check.problem_key == "" and check.holds
    assert check.signer_name == NAME
    assert check.fingerprint == signed["identity"].fingerprint
    assert check.signed_at is not None
    assert check_pdf_signature(pdf.read_bytes(), [signed["identity"].chain[-1]]) == check


def test_without_the_root_the_signature_is_intact_but_self_issued_and_untrusted(signed):
    pdf = signed["out"] / "signed.pdf"
    status = _validate(pdf, [])
    assert status.intact and not status.trusted
    check = check_pdf_signature(pdf, [])
    assert check.intact and check.covers_whole_file
    assert not check.trusted and check.self_issued


def test_another_identitys_root_is_not_trusted(signed, tmp_path):
    stranger = create_identity("สมชาย ใจดี", PASSPHRASE, tmp_path / "other.p12")
    check = check_pdf_signature(signed["out"] / "signed.pdf", [stranger.chain[-1]])
    assert check.intact and not check.trusted
    assert check.fingerprint != stranger.fingerprint


def test_a_flipped_byte_in_the_pages_is_not_intact(signed, tmp_path):
    data = bytearray((signed["out"] / "signed.pdf").read_bytes())
    middle = len(data) // 3
    data[middle] ^= 0x01
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(bytes(data))
    check = check_pdf_signature(damaged, [signed["identity"].chain[-1]])
    assert not check.intact and not check.holds
    assert check.problem_key in ("signing.pdf.broken", "signing.pdf.unreadable")
    assert not check.trusted


@settings(max_examples=FLIP_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.floats(min_value=0, max_value=1, exclude_max=True), mask=st.integers(min_value=1, max_value=255))
def test_no_changed_byte_anywhere_goes_unnoticed(signed, tmp_path, where, mask):
    source = signed["out"] / "signed.pdf"
    data = bytearray(source.read_bytes())
    offset = int(where * len(data))
    data[offset] ^= mask
    damaged = tmp_path / "changed.pdf"
    damaged.write_bytes(bytes(data))
    check = check_pdf_signature(damaged, [signed["identity"].chain[-1]])
    assert not check.holds, f"byte {offset} of {len(data)} changed (xor {mask}) and the signature still holds"
    assert check.problem_key


def test_the_signatures_own_padding_changed_is_noticed(signed, tmp_path):
    # the only bytes no digest covers: the hex of /Contents past the CMS object
    data = (signed["out"] / "signed.pdf").read_bytes()
    start = data.index(b"/Contents <") + len(b"/Contents <")
    end = data.index(b">", start)
    tail = data.rindex(b"00", start, end)
    for replacement in (b"1", b"A"):
        damaged = tmp_path / f"padding-{replacement.decode()}.pdf"
        damaged.write_bytes(data[:tail] + replacement + data[tail + 1:])
        check = check_pdf_signature(damaged, [signed["identity"].chain[-1]])
        assert not check.intact and check.problem_key == "signing.pdf.broken"


def test_hex_case_changed_in_the_signature_is_noticed(signed, tmp_path):
    data = (signed["out"] / "signed.pdf").read_bytes()
    start = data.index(b"/Contents <") + len(b"/Contents <")
    end = data.index(b">", start)
    letter = next(k for k in range(start, end) if data[k:k + 1] in b"abcdefABCDEF")
    swapped = data[:letter] + data[letter:letter + 1].swapcase() + data[letter + 1:]
    damaged = tmp_path / "case.pdf"
    damaged.write_bytes(swapped)
    assert not check_pdf_signature(damaged, [signed["identity"].chain[-1]]).holds


def test_an_appended_incremental_update_is_not_the_whole_file(signed, tmp_path):
    source = signed["out"] / "signed.pdf"
    with open(source, "rb") as handle:
        writer = IncrementalPdfFileWriter(io.BytesIO(handle.read()), strict=False)
    from pyhanko.pdf_utils import generic

    page_ref = writer.root["/Pages"]["/Kids"][0]
    note = generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Annot"),
        generic.NameObject("/Subtype"): generic.NameObject("/Text"),
        generic.NameObject("/Rect"): generic.ArrayObject([generic.FloatObject(v) for v in (50, 50, 70, 70)]),
        generic.NameObject("/Contents"): generic.TextStringObject("added later"),
    })
    page = page_ref.get_object()
    annots = page.get("/Annots", generic.ArrayObject())
    annots.append(writer.add_object(note))
    page[generic.NameObject("/Annots")] = annots
    writer.update_container(page)
    appended = tmp_path / "appended.pdf"
    with open(appended, "wb") as handle:
        writer.write(handle)
    status = _validate(appended, [signed["identity"].chain[-1]])
    assert status.coverage != SignatureCoverageLevel.ENTIRE_FILE
    check = check_pdf_signature(appended, [signed["identity"].chain[-1]])
    assert check.intact and not check.covers_whole_file and not check.holds
    assert check.problem_key == "signing.pdf.not_whole"


def test_garbage_and_unsigned_files_are_answers_not_tracebacks(signed, tmp_path):
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"%PDF-1.4\nthis is not a pdf at all")
    assert check_pdf_signature(garbage, []).problem_key == "signing.pdf.unreadable"
    plain = check_pdf_signature(signed["out"] / "plain.pdf", [])
    assert not plain.present and plain.problem_key == "signing.pdf.none"


# --- PDF/A-2b ---------------------------------------------------------------------

@pytest.mark.parametrize("name,who", [("signed.pdf", "กนกวรรณ"), ("signed-en.pdf", "Kanokwan")])
def test_xmp_identifies_pdfa_2b_with_the_title_and_author(signed, name, who):
    with pikepdf.open(signed["out"] / name) as doc:
        meta = doc.open_metadata()
        assert meta["pdfaid:part"] == "2"
        assert meta["pdfaid:conformance"] == "B"
        assert meta["dc:title"] == str(doc.docinfo["/Title"])
        assert meta["dc:creator"] == [str(doc.docinfo["/Author"])]
        assert who in meta["dc:creator"][0]
        info_created = str(doc.docinfo["/CreationDate"])
        assert meta["xmp:CreateDate"][:19].replace("-", "").replace("T", "").replace(":", "") \
            == info_created[2:16]
        assert str(doc.docinfo["/ModDate"]) == info_created


def test_title_is_thai_in_the_thai_dossier(signed):
    with pikepdf.open(signed["out"] / "signed.pdf") as doc:
        assert doc.open_metadata()["dc:title"].startswith(t("doc_title", "th"))


@pytest.mark.parametrize("name", ["signed.pdf", "signed-en.pdf", "by-hand.pdf"])
def test_output_intent_is_srgb(signed, name):
    with pikepdf.open(signed["out"] / name) as doc:
        intents = doc.Root.OutputIntents
        assert len(intents) == 1
        intent = intents[0]
        assert intent.S == pikepdf.Name.GTS_PDFA1
        profile = intent.DestOutputProfile
        assert int(profile.N) == 3
        assert profile.read_bytes()[36:40] == b"acsp"  # an ICC profile's signature


@pytest.mark.parametrize("name", ["signed.pdf", "signed-en.pdf"])
def test_nothing_pdfa_forbids(signed, name):
    path = signed["out"] / name
    with pikepdf.open(path) as doc:
        assert "/Encrypt" not in doc.trailer
        version = max(doc.pdf_version, str(doc.Root.get("/Version", "/1.0"))[1:])
        assert version <= "1.7"
        for obj in doc.objects:
            if isinstance(obj, pikepdf.Dictionary):
                assert "/JS" not in obj and obj.get("/S") != pikepdf.Name.JavaScript
        names = doc.Root.get("/Names")
        assert names is None or "/JavaScript" not in names
        for page in doc.pages:
            for annot in page.get("/Annots", []):
                assert int(annot.get("/F", 0)) & 4, "every annotation printable"
    assert path.read_bytes()[:8] <= b"%PDF-1.7"


@pytest.mark.parametrize("name", ["signed.pdf", "signed-en.pdf"])
def test_every_font_is_embedded(signed, name):
    fonts = pdffonts(signed["out"] / name)
    assert fonts and all(f["emb"] for f in fonts)
    assert all("Sarabun" in f["name"] for f in fonts)


@pytest.mark.parametrize("name", ["signed.pdf", "by-hand.pdf"])
def test_qpdf_check_passes(signed, name):
    qpdf_check(signed["out"] / name)


# --- the page content and the visible field ----------------------------------------

def _stamp_lines(identity, lang: str) -> list[str]:
    from ent_portfolio.i18n import tr

    pairs = identity.fingerprint.split(":")
    return [tr("signing.stamp.signed_by", lang, name=identity.name), tr("signing.stamp.fingerprint", lang),
            ":".join(pairs[:16]), ":".join(pairs[16:])]


def test_signing_never_changes_the_page_content(signed):
    pdfa, by_hand = signed["out"] / "pdfa.pdf", signed["out"] / "by-hand.pdf"
    before = pdfa.read_bytes()
    assert by_hand.read_bytes()[:len(before)] == before, "the signature is an incremental update"
    with pikepdf.open(pdfa) as a, pikepdf.open(by_hand) as b:
        assert len(a.pages) == len(b.pages)
        for pa, pb in zip(a.pages, b.pages, strict=True):
            assert pa.Contents.read_bytes() == pb.Contents.read_bytes()
    text_before, text_after = pdftotext(pdfa), pdftotext(by_hand)
    # Poppler prints the widget's appearance too: take the stamp's lines out
    # and the rest is the very text the reviewer read
    stamp = [line for line in text_after.splitlines() if line not in text_before.splitlines()]
    assert all(any(line.startswith(part) for part in _stamp_lines(signed["identity"], "th") + ["เวลาลงนาม"])
               for line in stamp), stamp
    kept = [line for line in text_after.splitlines() if line not in stamp and line.strip()]
    assert kept == [line for line in text_before.splitlines() if line.strip()]
    assert text_after.count("\f") == text_before.count("\f")
    assert pdftotext(signed["out"] / "plain.pdf") == text_before


@pytest.mark.parametrize("lang,name,clock", [("th", "signed.pdf", "เวลาตามนาฬิกาของเครื่องผู้ลงนาม"),
                                             ("en", "signed-en.pdf", "the signer's clock")])
def test_the_visible_field_on_the_declaration_page_names_signer_fingerprint_and_clock(signed, lang, name, clock):
    pdf = signed["out"] / name
    page = export_module.declaration_page(pdf, lang)
    assert page > 0
    text = pdftotext(pdf).split("\f")[page]
    assert _squash(t("ethics_decl", lang)) in _squash(text)
    for line in _stamp_lines(signed["identity"], lang):
        assert _squash(line) in _squash(text), line
    assert _squash(clock) in _squash(text)
    with pikepdf.open(pdf) as doc:
        widgets = [a for a in doc.pages[page].get("/Annots", []) if a.get("/FT") == pikepdf.Name.Sig]
        assert len(widgets) == 1 and str(widgets[0].T) == SIGNATURE_FIELD
        assert "/AP" in widgets[0]
        x1, y1, x2, y2 = (float(v) for v in widgets[0].Rect)
        assert (x2 - x1) > 300 and (y2 - y1) > 40


@pytest.mark.parametrize("name,lang", [("plain.pdf", "th"), ("plain-en.pdf", "en")])
def test_the_field_covers_no_text_of_the_declaration_page(signed, name, lang):
    require_tool("pdftotext")
    pdf = signed["out"] / name
    page = export_module.declaration_page(pdf, lang)
    html = subprocess.run(["pdftotext", "-bbox", "-f", str(page + 1), "-l", str(page + 1), str(pdf), "-"],
                          capture_output=True, check=True).stdout.decode()
    height = 841.8898
    _, y1, _, y2 = export_module.SIGNATURE_BOX
    top, bottom = height - y2, height - y1
    words = re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<', html)
    assert words
    assert not [w for w in words if float(w[0]) < bottom and float(w[1]) > top], "text under the field"


def test_no_certification_lock_so_a_document_timestamp_can_follow(signed):
    with pikepdf.open(signed["out"] / "signed.pdf") as doc:
        perms = doc.Root.get("/Perms")
        assert perms is None or "/DocMDP" not in perms
        sig = next(a.V for a in doc.pages[signed["page"]].Annots if a.get("/FT") == pikepdf.Name.Sig)
        assert "/Reference" not in sig
        assert sig.SubFilter == pikepdf.Name("/ETSI.CAdES.detached")


def test_a_later_document_timestamp_leaves_the_signature_valid(signed, tmp_path):
    from cryptography.hazmat.primitives import serialization
    from pyhanko.sign import signers, timestamps
    from pyhanko.sign.diff_analysis import ModificationLevel

    identity = signed["identity"]
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509

    key = asn1_keys.PrivateKeyInfo.load(identity.key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    cert = asn1_x509.Certificate.load(identity.certificate.public_bytes(serialization.Encoding.DER))
    stamper = timestamps.DummyTimeStamper(tsa_cert=cert, tsa_key=key)
    with open(signed["out"] / "signed.pdf", "rb") as handle:
        writer = IncrementalPdfFileWriter(io.BytesIO(handle.read()), strict=False)
    out = tmp_path / "timestamped.pdf"
    with open(out, "wb") as handle:
        signers.PdfTimeStamper(stamper).timestamp_pdf(writer, "sha256", output=handle)
    status = _validate(out, [identity.chain[-1]])
    assert status.intact and status.valid
    assert status.modification_level <= ModificationLevel.LTA_UPDATES
    assert status.docmdp_ok


# --- the export's wiring ----------------------------------------------------------

def test_the_package_holds_the_very_signed_pdf(signed):
    exported = signed["exported"]
    data = (signed["out"] / "signed.pdf").read_bytes()
    with zipfile.ZipFile(signed["out"] / "signed.zip") as zf:
        assert zf.read("dossier.pdf") == data
    assert exported.dossier.sha256 == hashlib.sha256(data).hexdigest()
    assert exported.dossier.size == len(data)


def test_a_failed_signing_leaves_no_file(signed, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise UserError("signing.pdf.failed", detail="test")

    monkeypatch.setattr(export_module, "sign_pdf", broken)
    before = sorted(p.name for p in signed["folder"].rglob("*") if "tmp" not in p.parts)
    with Portfolio.open(signed["folder"], read_only=True) as portfolio, pytest.raises(UserError) as caught:
        export_dossier(portfolio, DossierConfig(), tmp_path / "x.pdf", package=tmp_path / "x.zip",
                       sign_with=signed["identity"])
    assert caught.value.key == "signing.pdf.failed"
    assert list(tmp_path.iterdir()) == []
    assert sorted(p.name for p in signed["folder"].rglob("*") if "tmp" not in p.parts) == before


def test_an_existing_pdf_survives_a_failed_signing(signed, tmp_path, monkeypatch):
    monkeypatch.setattr(export_module, "make_pdfa", lambda *a, **k: (_ for _ in ()).throw(
        UserError("signing.pdf.unreadable")))
    target = tmp_path / "kept.pdf"
    target.write_bytes(b"the lecturer's earlier file")
    with Portfolio.open(signed["folder"], read_only=True) as portfolio, pytest.raises(UserError):
        export_dossier(portfolio, DossierConfig(), target, sign_with=signed["identity"])
    assert target.read_bytes() == b"the lecturer's earlier file"
    assert sorted(tmp_path.iterdir()) == [target]


def test_a_signed_draft_keeps_its_draft_mark(signed):
    from ent_portfolio.dossier.draft import word

    text = _squash(pdftotext(signed["out"] / "signed.pdf"))
    assert _squash(word("draft_mark", "th")) in text


# --- the command line -------------------------------------------------------------

def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_dossier_sign_writes_a_signed_pdf_and_names_the_fingerprint(signed, tmp_path, capsys):
    secret = signed["keys"] / "passphrase.txt"
    secret.write_bytes(PASSPHRASE + b"\n")
    out = tmp_path / "cli.pdf"
    code, stdout, err = _run(capsys, "dossier", "--portfolio", str(signed["folder"]), "--out", str(out), "--package",
                             str(tmp_path / "cli.zip"), "--sign", str(signed["keys"] / "signer.p12"),
                             "--passphrase-file", str(secret))
    assert code == 0, err
    assert signed["identity"].fingerprint in stdout
    assert PASSPHRASE.decode() not in stdout + err
    check = check_pdf_signature(out, [signed["identity"].chain[-1]])
    assert check.holds and check.trusted


def test_cli_wrong_passphrase_is_one_sentence_and_writes_nothing(signed, tmp_path, capsys):
    secret = tmp_path / "wrong.txt"
    secret.write_text("not the passphrase\n")
    out = tmp_path / "never.pdf"
    code, stdout, err = _run(capsys, "dossier", "--portfolio", str(signed["folder"]), "--out", str(out), "--sign",
                             str(signed["keys"] / "signer.p12"), "--passphrase-file", str(secret))
    assert code == 1
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "รหัสผ่าน" in err
    assert not out.exists()


def test_cli_final_and_sign_combine_refusing_a_portfolio_not_ready(signed, tmp_path, capsys):
    secret = signed["keys"] / "passphrase.txt"
    secret.write_bytes(PASSPHRASE + b"\n")
    out = tmp_path / "final.pdf"
    code, _, err = _run(capsys, "dossier", "--portfolio", str(signed["folder"]), "--out", str(out), "--final", "--sign",
                        str(signed["keys"] / "signer.p12"), "--passphrase-file", str(secret))
    assert code == 1 and "Traceback" not in err
    assert not out.exists()


# --- the demo dossier -------------------------------------------------------------

def test_the_demo_dossier_signed_with_its_package(demo, tmp_path):
    identity = create_identity("กนกวรรณ ศรีวงศ์", PASSPHRASE, tmp_path / "demo.p12")
    out = tmp_path / "out"
    out.mkdir()
    result = export_dossier(demo, DossierConfig(), out / "demo.pdf", package=out / "demo.zip", sign_with=identity)
    pdf = result.pdf
    status = _validate(pdf, [identity.chain[-1]])
    assert status.bottom_line and status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert all(f["emb"] for f in pdffonts(pdf))
    qpdf_check(pdf)
    with zipfile.ZipFile(out / "demo.zip") as zf:
        assert zf.read("dossier.pdf") == pdf.read_bytes()
    page = export_module.declaration_page(pdf, "th")
    shots = Path("/tmp/shots14")
    shots.mkdir(parents=True, exist_ok=True)
    pngs = render_pages(pdf, tmp_path, first=page + 1, last=page + 1, dpi=60)
    assert pngs
    (shots / "signed_declaration_page.png").write_bytes(Path(pngs[0]).read_bytes())


def test_a_cancel_while_signing_leaves_no_file(signed, tmp_path, monkeypatch):
    from ent_portfolio.jobs import Cancelled, CancelToken

    token = CancelToken()
    real = export_module.make_pdfa

    def archival_then_cancelled(*args, **kwargs):
        real(*args, **kwargs)
        token.cancel()

    monkeypatch.setattr(export_module, "make_pdfa", archival_then_cancelled)
    with Portfolio.open(signed["folder"], read_only=True) as portfolio, pytest.raises(Cancelled):
        export_dossier(portfolio, DossierConfig(), tmp_path / "c.pdf", package=tmp_path / "c.zip",
                       sign_with=signed["identity"], cancel=token)
    assert list(tmp_path.iterdir()) == []


HOSTILE_PDFS = {
    "empty": b"",
    "not a pdf": b"GIF89a\x01\x00\x01\x00",
    "header only": b"%PDF-1.7\n",
    "truncated": None,  # the signed file cut in half, filled in below
    "nul bytes": b"\x00" * 4096,
}


@pytest.mark.parametrize("kind", sorted(HOSTILE_PDFS))
def test_hostile_input_to_make_pdfa_and_sign_pdf_is_a_sentence(signed, tmp_path, kind):
    data = HOSTILE_PDFS[kind]
    if data is None:
        whole = (signed["out"] / "plain.pdf").read_bytes()
        data = whole[:len(whole) // 2]
    hostile = tmp_path / "hostile.pdf"
    hostile.write_bytes(data)
    with pytest.raises(UserError) as caught:
        make_pdfa(hostile, tmp_path / "a.pdf", title="t", author="a", lang="th-TH")
    assert caught.value.key == "signing.pdf.unreadable"
    with pytest.raises(UserError) as caught:
        sign_pdf(hostile, tmp_path / "s.pdf", signed["identity"], page=0, box=(50, 50, 300, 100), lang="th")
    assert caught.value.key in ("signing.pdf.unreadable", "signing.pdf.failed")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hostile.pdf"]
    assert check_pdf_signature(hostile, []).problem_key in ("signing.pdf.unreadable", "signing.pdf.none")


def test_a_page_the_pdf_does_not_have_is_refused(signed, tmp_path):
    with pytest.raises(UserError) as caught:
        sign_pdf(signed["out"] / "pdfa.pdf", tmp_path / "s.pdf", signed["identity"], page=999,
                 box=(50, 50, 300, 100), lang="th")
    assert caught.value.key == "signing.pdf.no_page"
    assert "— ไม่มีการเปลี่ยนแปลงใด ๆ" in caught.value.message("th")
    assert not (tmp_path / "s.pdf").exists()
