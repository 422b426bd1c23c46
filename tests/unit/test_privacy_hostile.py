"""Nobody who did not consent is named, however the name is written, and
``--strip-gps`` leaves no position behind, however the photo is built.

Every hostile input here is made by the test: names spelt the ways that look
the same to a reader (decomposed sara am, zero-width and extra spaces,
titles, romanised), rich text that splits a name across tags, multi-picture
JPEGs as phones save them.  The demo dossier is built once with all of them
planted and read the way a reviewer's tools read it (pdftotext, pypdf, the
zip's names and manifest)."""

from __future__ import annotations

import io
import json
import re
import shutil
import struct
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader

from ent_portfolio.dossier import DossierConfig, build_dossier, build_package
from ent_portfolio.dossier.richtext import html_blocks
from ent_portfolio.errors import UserError
from ent_portfolio.i18n import tr
from ent_portfolio.privacy import Anonymiser, has_gps, normalise_for_match, strip_gps
from ent_portfolio.readiness import check_readiness, format_report
from ent_portfolio.services import Services
from ent_portfolio.storage.portfolio import Portfolio
from tests.pdftools import pdftotext

#: The demo's farmer, who did not consent (work "ห้วยยาบ", Lamphun).
FARMER = "นายเสาร์ คำมูล"
FARMER_ROMAN = "Sao Khammun"
FARMER_POSITION = "สมาชิกกลุ่มเกษตรกร"
#: A partner's contact person without consent, added by the test.
CONTACT = "นางสาวมะลิ ทองดี"

DECOMPOSED_AM = "\u0e4d\u0e32"  # ํ + า, what some keyboards and PDFs give for ำ
ZWSP = "\u200b"


class Person:
    """A testimonial's author as the anonymiser reads one."""

    def __init__(self, name: str, consent: bool = False, ident: str = "p1", position: str = "") -> None:
        self.id, self.person_name, self.consent, self.person_position = ident, name, consent, position
        self.date = None
        self.created_at = ""


def _squashed(text: str) -> str:
    """The normalised form with every space gone: how a name is searched for
    in what a tool extracted (it may break a line inside a word)."""
    return normalise_for_match(text).replace(" ", "")


def _forms_left(text: str, parts: list[str]) -> list[str]:
    squashed = _squashed(text)
    left = [p for p in parts if _squashed(p) in squashed and not p.isascii()]
    spaced = normalise_for_match(text)
    left += [p for p in parts if p.isascii() and re.search(rf"(?<![a-z]){re.escape(p.lower())}(?![a-z])", spaced)]
    return left


FARMER_PARTS = ["เสาร์", "คำมูล", "sao", "khammun"]
CONTACT_PARTS = ["มะลิ", "ทองดี"]


# --- the anonymiser on its own -------------------------------------------------------------

LEAKS = [
    # (how the name is written in someone's text, why this once leaked)
    ("นายเสาร์ คำมูล เล่าว่า", "as recorded"),
    ("นาย เสาร์ ค" + DECOMPOSED_AM + "มูล เล่าว่า", "decomposed sara am"),
    ("ค\u0e4d\u0e49\u0e32", "sara am with a tone mark typed in between"),  # no name: must stay
    ("เสาร์   คำมูล", "extra spaces"),
    ("เสา" + ZWSP + "ร์ คำ" + ZWSP + "มูล", "zero-width spaces inside"),
    ("เสาร์\u00a0คำมูล", "no-break space"),
    ("นายเสาร์_คำมูล.jpg", "a file name"),
    ("ลุงเสาร์คำมูลบอก", "an address word and no spaces"),
    ("ผู้ใหญ่บ้าน เสาร์ คำมูล", "a village post before the name"),
    ("Mr. SAO KHAMMUN said", "romanised, upper case"),
    ("Ｓａｏ Ｋｈａｍｍｕｎ", "full-width Latin"),
    ("คุณเสาร์ ผู้ร่วมกลุ่ม", "first name alone after คุณ"),
    ("คำมูลเห็นด้วย", "last name alone"),
]


@pytest.mark.parametrize("text, why", LEAKS, ids=[why for _, why in LEAKS])
def test_a_withheld_name_is_found_in_every_spelling(text, why):
    anonymiser = Anonymiser([Person(f"{FARMER} ({FARMER_ROMAN})", position=FARMER_POSITION)])
    clean = anonymiser.anonymise(text, "th")
    assert _forms_left(clean, FARMER_PARTS) == [], why
    if _forms_left(text, FARMER_PARTS):
        assert "ผู้ให้ข้อมูล ก" in clean, why
        # the title went with the name: never "นาย ผู้ให้ข้อมูล ก"
        assert not re.search(r"(นาย|ลุง|คุณ|ผู้ใหญ่บ้าน|mr\.?)\s*ผู้ให้ข้อมูล", clean.lower()), clean
    else:
        assert clean == text, "a text that names nobody comes back as it was"


SPELLINGS = [
    # (name as recorded, as someone else typed it): the same on screen
    ("นางน้ำฝน ใจงาม", "น\u0e49\u0e4d\u0e32ฝน"),   # tone, nikhahit, sara aa
    ("นางน้ำฝน ใจงาม", "น\u0e4d\u0e49\u0e32ฝน"),   # nikhahit, tone, sara aa
    ("นายสี่ทิศ แสงทอง", "ส\u0e48\u0e35ทิศ"),       # tone mark typed before the upper vowel
    ("นายสี่ทิศ แสงทอง", "เเสงทอง"),                 # แ typed as เ + เ
    ("นายสี่ทิศ แสงทอง", "แสงทอง\u00ad"),           # a soft hyphen
]


@pytest.mark.parametrize("recorded, typed", SPELLINGS)
def test_thai_spellings_that_look_the_same_are_the_same_name(recorded, typed):
    anonymiser = Anonymiser([Person(recorded)])
    assert anonymiser.anonymise(f"วันนั้น{typed}มาด้วย", "th") == "วันนั้น ผู้ให้ข้อมูล ก มาด้วย"


def test_words_around_the_name_stay_as_written():
    anonymiser = Anonymiser([Person(FARMER)])
    text = "ขอบคุณเสาร์ คำมูลที่มาช่วย (ภาพ E-3)"
    assert anonymiser.anonymise(text, "th") == "ขอบคุณ ผู้ให้ข้อมูล ก ที่มาช่วย (ภาพ E-3)"


def test_a_consenting_namesake_keeps_their_name_a_whole_withheld_name_never_stays():
    withheld = Person("นายสมชาย ใจดี", ident="a")
    agreed = Person("นายสมชาย รักถิ่น", consent=True, ident="b")
    anonymiser = Anonymiser([withheld, agreed], shown=["ผศ.ดร.สมชาย มั่นคง"])
    text = "สมชาย รักถิ่น และ ผศ.ดร.สมชาย มั่นคง ทำงานกับสมชาย ใจดี"
    assert anonymiser.anonymise(text, "th") == "สมชาย รักถิ่น และ ผศ.ดร.สมชาย มั่นคง ทำงานกับ ผู้ให้ข้อมูล ก"
    # a first name on its own may be either: the withheld one wins
    assert "สมชาย" not in anonymiser.anonymise("สมชายมาประชุม", "th")


def test_a_short_name_is_removed_only_after_a_title():
    anonymiser = Anonymiser([Person("นางมา ดี")])
    assert anonymiser.anonymise("ทุกคนมาดูแปลงผักที่ดีมาก", "th") == "ทุกคนมาดูแปลงผักที่ดีมาก"
    assert anonymiser.anonymise("นางมา ดี เล่าว่า", "th") == "ผู้ให้ข้อมูล ก เล่าว่า"
    assert anonymiser.anonymise("แล้วนางมาก็เล่า", "th") == "แล้ว ผู้ให้ข้อมูล ก ก็เล่า"


def test_contact_person_without_consent_gets_a_label_of_their_own_or_shares_the_testimonials():
    class Contact:
        def __init__(self, ident, name, consent=False):
            self.id, self.name, self.consent, self.position = ident, name, consent, ""

    anonymiser = Anonymiser([Person(FARMER)], [Contact("c1", CONTACT), Contact("c2", FARMER),
                                              Contact("c3", "นายตกลง ยินยอม", consent=True)])
    text = f"ประสานกับ{CONTACT} และ{FARMER} กับนายตกลง ยินยอม"
    assert anonymiser.anonymise(text, "th") == "ประสานกับ ผู้ประสานงาน ก และ ผู้ให้ข้อมูล ก กับนายตกลง ยินยอม"
    assert anonymiser.anonymise(text, "en").startswith("ประสานกับ Contact A และ Informant A")


MARKUP = [
    "<p>สม<b>ชาย</b> ใจดี เล่า</p>",
    "<p>สมชาย&nbsp;ใจดี &amp; เพื่อน</p>",
    "<ul><li>นาย<i>สมชาย</i></li><li>ใจ<b>ดี</b>ไม่ใช่ชื่อ</li></ul>",
    "<p>< สมชาย ></p>",  # not a tag to the parser: text the reader shows
    "<p>ก่อน<!-- สมชาย -->หลัง สม&#xe0a;าย</p>",
]


@pytest.mark.parametrize("html", MARKUP)
def test_rich_text_is_searched_as_the_reader_shows_it(html):
    anonymiser = Anonymiser([Person("นายสมชาย ใจดี")])
    clean = anonymiser.anonymise_markup(html, "th")
    shown = " ".join(b.plain for b in html_blocks(clean))
    assert "สมชาย" not in _squashed(shown), shown
    assert "ผู้ให้ข้อมูล ก" in shown
    tags = re.compile(r"<[a-z/][^>]*>")
    assert tags.findall(clean) == tags.findall(html), "every tag stays where it was"


# --- property: any Thai name, any spelling, anywhere ---------------------------------------

_CONSONANT = st.sampled_from("กขคงจชซดตถทธนบปผพฟมยรลวสหอฮ")
_VOWEL = st.sampled_from(["", "า", "ิ", "ี", "ุ", "ู", "ำ", "ั", "ื"])
_TONE = st.sampled_from(["", "", "่", "้"])


@st.composite
def _syllable(draw) -> str:
    return draw(_CONSONANT) + draw(_TONE) + draw(_VOWEL) + draw(_CONSONANT)


@st.composite
def _name(draw) -> tuple[str, list[str]]:
    parts = [draw(_syllable()) + draw(_syllable()) for _ in range(draw(st.integers(1, 2)))]
    title = draw(st.sampled_from(["", "นาย", "นาง", "นางสาว", "ดร.", "ผู้ใหญ่บ้าน", "พ่อหลวง", "อสม."]))
    return title + " ".join(parts), parts


@st.composite
def _written(draw, parts: list[str]) -> str:
    """One way of writing the name someone else might type."""
    text = ""
    for k, part in enumerate(parts):
        for ch in part:
            if ch == "ำ" and draw(st.booleans()):
                ch = DECOMPOSED_AM
            text += ch + draw(st.sampled_from(["", "", "", ZWSP, " "]))
        if k < len(parts) - 1:
            text += draw(st.sampled_from([" ", "  ", "\u00a0", "_", ""]))
    title = draw(st.sampled_from(["", "", "นาย", "นาง ", "ผู้ใหญ่บ้าน", "กำนัน", "ดร. ", "พ่อหลวง"]))
    return title + text


_FILLER = st.text(st.sampled_from("กขคงจชซดตถทธนบปผพฟมยรลวสหอฮาิีุู่้ .,"), max_size=30)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=_name(), data=st.data())
def test_property_no_spelling_of_a_withheld_name_survives(name, data):
    recorded, parts = name
    anonymiser = Anonymiser([Person(recorded)])
    label = tr("privacy.informant", "th", letter="ก")
    written = data.draw(_written(parts))
    before, after = data.draw(_FILLER), data.draw(_FILLER)
    text = before + " " + written + " " + after
    clean = anonymiser.anonymise(text, "th")
    rest = _squashed(clean.replace(label, "|"))
    assert all(_squashed(p) not in rest for p in parts), (text, clean)

    markup = f"<p>{before}</p><p>{written[:2]}<b>{written[2:]}</b> {after}</p>"
    shown = " ".join(b.plain for b in html_blocks(anonymiser.anonymise_markup(markup, "th")))
    rest = _squashed(shown.replace(label, "|"))
    assert all(_squashed(p) not in rest for p in parts), (markup, shown)


@settings(max_examples=40, deadline=None)
@given(name=_name(), text=_FILLER)
def test_property_a_text_without_the_name_comes_back_unchanged(name, text):
    recorded, parts = name
    squashed = _squashed(text)
    if any(_squashed(p) in squashed for p in parts):
        return  # it names them after all (the filler spelt the name)
    anonymiser = Anonymiser([Person(recorded)])
    assert anonymiser.anonymise(text, "th") == text
    assert anonymiser.anonymise_markup(f"<p>{text}</p>", "th") == f"<p>{text}</p>"


# --- the dossier as it goes out -------------------------------------------------------------

def _exif_with_gps(make: str = "Phone") -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = make
    exif.get_ifd(0x8825).update({1: "N", 2: (18.0, 47.0, 12.5), 3: "E", 4: (100.0, 46.0, 30.0)})
    return exif


def _picture(colour: tuple[int, int, int], size=(96, 64)) -> Image.Image:
    img = Image.new("RGB", size, colour)
    img.putdata([((x * 5 + colour[0]) % 256, (y * 7 + colour[1]) % 256, (x * y) % 256)
                 for y in range(size[1]) for x in range(size[0])])
    return img


def _mpo() -> bytes:
    """A multi-picture JPEG as a phone saves it: an MP index in the first
    image, a second whole JPEG after the first one's end, EXIF with GPS in
    each, and an XMP packet with GPS in the second."""
    out = io.BytesIO()
    _picture((200, 30, 30)).save(out, "MPO", save_all=True, append_images=[_picture((30, 200, 30))],
                                 exif=_exif_with_gps())
    data = out.getvalue()
    second = data.index(b"\xff\xd8\xff", 4)
    xmp = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description exif:GPSLatitude="18,47.2N" '
           b'exif:GPSLongitude="100,46.5E"/></rdf:RDF></x:xmpmeta>')
    segment = b"\xff\xe1" + struct.pack(">H", 2 + 29 + len(xmp)) + b"http://ns.adobe.com/xap/1.0/\x00" + xmp
    # the second image is the last one: growing it moves no other image's start
    return data[:second + 2] + segment + data[second + 2:]


def _frames(data: bytes) -> list[tuple[bytes, dict]]:
    image = Image.open(io.BytesIO(data))
    frames = []
    for k in range(getattr(image, "n_frames", 1)):
        image.seek(k)
        frames.append((image.convert("RGB").tobytes(), dict(image.getexif().get_ifd(0x8825))))
    return frames


@pytest.fixture(scope="module")
def planted(demo_template, tmp_path_factory):
    """The demo portfolio with the farmer's name planted in other people's
    texts (spelt the hostile ways), a contact person without consent, and a
    multi-picture photo with GPS named after the farmer; then its package
    (strip_gps, readiness appendix) and what a reviewer's tools read from it."""
    root = tmp_path_factory.mktemp("planted")
    folder = root / "demo"
    shutil.copytree(demo_template, folder)
    portfolio = Portfolio.open(folder)
    s = Services(portfolio)
    farmer = next(t for t in s.testimonials.list() if t.person_name == FARMER)
    assert not farmer.consent, "the demo's farmer gave no consent"
    s.testimonials.update(farmer.id, person_name=f"{FARMER} ({FARMER_ROMAN})")
    work = s.works.load_full(farmer.work_id)
    other = next(t for t in work.testimonials if t.consent and t.quote)
    s.testimonials.update(other.id, quote=other.quote + " ผมเห็นด้วยกับนาย เสาร์ ค" + DECOMPOSED_AM + "มูล ทุกอย่าง")
    s.works.update(work.id, title_th=work.title_th + " แปลงของผู้ใหญ่เสาร์",
                   title_en=(work.title_en or "") + " with Mr. SAO KHAMMUN")
    key = s.works.sections(work.id)[0][0].key
    s.works.set_section(work.id, key, f"<p>ลุง<b>เสาร์</b>&nbsp;ค{DECOMPOSED_AM}มูล เล่าว่าแปลงผักดีขึ้น "
                                      f"ประสานงานโดยคุณมะลิ  ทองดี</p>")
    activity = work.activities[0]
    s.activities.update(activity.id, title=activity.title + " ร่วมกับผู้ใหญ่บ้าน เสา" + ZWSP + "ร์  คำมูล",
                        notes="โทรหาเสาร์ คำมูลก่อน")
    caption_item = next(e for e in work.evidence if e.include_in_dossier and not e.testimonial_id)
    s.evidence.update(caption_item.id, caption="นาย  เสาร์   คำมูล ที่แปลงผัก")
    partner_id = next(link.partner_id for link in work.partner_links)
    s.contacts.create(partner_id=partner_id, name=CONTACT, phone="081-555-0000", consent=False)
    mpo = root / f"{FARMER.replace(' ', '_')}.jpg"
    mpo.write_bytes(_mpo())
    s.evidence.add_file(work.id, mpo, kind="photo", media_type="image/jpeg", caption="แปลงผักของเสาร์ คำมูล",
                        include_in_dossier=True)
    database = (folder / "portfolio.sqlite3").read_bytes()

    zip_path = root / "dossier.zip"
    package = build_package(portfolio, DossierConfig(strip_gps=True, include_readiness_appendix=True), zip_path)
    pdf = root / "dossier.pdf"
    with zipfile.ZipFile(zip_path) as zf:
        pdf.write_bytes(zf.read("dossier.pdf"))
        names = zf.namelist()
        manifest = zf.read("manifest.json").decode("utf-8")
        members = {n: zf.read(n) for n in names}
    reader = PdfReader(pdf)
    outline: list[str] = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                outline.append(item.title)

    walk(reader.outline)
    yield {
        "folder": folder, "portfolio": portfolio, "services": s, "farmer": farmer, "work": work,
        "package": package, "text": pdftotext(pdf),
        "metadata": {k: str(v) for k, v in (reader.metadata or {}).items()}, "outline": outline,
        "names": names, "manifest": manifest, "members": members, "mpo": mpo.read_bytes(),
        "pdf_bytes": pdf.read_bytes(), "database": database,
    }
    portfolio.close()


def test_the_planted_name_is_nowhere_in_the_pdf_text(planted):
    assert _forms_left(planted["text"], FARMER_PARTS + CONTACT_PARTS) == []
    squashed = _squashed(planted["text"])
    assert "ผู้ให้ข้อมูลก" in squashed and "ผู้ประสานงานก" in squashed
    for title in ("นาย", "ลุง", "ผู้ใหญ่บ้าน", "คุณ"):
        assert _squashed(title) + "ผู้ให้ข้อมูล" not in squashed, title


def test_the_planted_name_is_nowhere_in_metadata_outline_or_package(planted):
    everything = [*planted["metadata"].values(), *planted["outline"], *planted["names"], planted["manifest"]]
    for text in everything:
        assert _forms_left(text, FARMER_PARTS + CONTACT_PARTS) == [], text
    manifest = json.loads(planted["manifest"])
    photo = next(f for f in manifest["files"] if "ผู้ให้ข้อมูล ก" in f["caption"] and f["kind"] == "photo"
                 and f["media_type"] == "image/jpeg" and f["size"] == len(planted["mpo"]))
    # a file named after the farmer goes in under its reference alone
    assert photo["path"] == f"evidence/{photo['ref']}.jpg" and photo["original_name"] == ""
    assert all(not _forms_left(f["work"]["title"] + f["caption"] + f["original_name"], FARMER_PARTS)
               for f in manifest["files"])


def test_the_readiness_appendix_names_the_farmer_as_the_testimonial_appendix_does(planted):
    text = planted["text"]
    squashed = _squashed(text)
    squashed = squashed[squashed.rindex(_squashed("ผลการตรวจความพร้อมก่อนยื่น")):]  # appendix D, the last
    assert _squashed("ผู้ให้ข้อมูล ก") in squashed
    for shown_only_locally in (FARMER_POSITION, "กลุ่มเกษตรกรผักปลอดภัยบ้านห้วยยาบ", "22พ.ย.2568"):
        assert _squashed(shown_only_locally) not in squashed, shown_only_locally


def test_the_lecturers_own_check_still_says_which_testimonial(planted):
    # local, for the applicant: the one to fix must be recognisable
    report = format_report(check_readiness(planted["portfolio"]), "th")
    assert FARMER_POSITION in report and "ผู้ให้ข้อมูล ก" not in report


def test_the_portfolio_keeps_every_name_as_recorded(planted):
    s, farmer = planted["services"], planted["farmer"]
    assert s.testimonials.get(farmer.id).person_name == f"{FARMER} ({FARMER_ROMAN})"
    assert "เสาร์" in s.works.sections(farmer.work_id)[0][1]
    assert (planted["folder"] / "portfolio.sqlite3").read_bytes() == planted["database"]


def test_the_multi_picture_photo_is_packaged_without_any_gps(planted):
    manifest = json.loads(planted["manifest"])
    entry = next(f for f in manifest["files"] if f["stored_sha256"] and f["gps_stripped"]
                 and planted["members"][f["path"]][:2] == b"\xff\xd8"
                 and len(_frames(planted["members"][f["path"]])) == 2)
    packaged = planted["members"][entry["path"]]
    assert not has_gps(packaged)
    original = _frames(planted["mpo"])
    assert [gps for _, gps in original] != [{}, {}], "the test photo had GPS in both images"
    assert [(pixels, gps) for pixels, gps in _frames(packaged)] == [(pixels, {}) for pixels, _ in original]
    for f in manifest["files"]:
        if f["gps_stripped"]:
            assert not has_gps(planted["members"][f["path"]]), f["path"]


def test_no_gps_reaches_the_pdf_either(planted):
    assert not has_gps(planted["pdf_bytes"])


# --- GPS in every image of a file -----------------------------------------------------------

def _jpeg(colour, exif: Image.Exif | None = None) -> bytes:
    out = io.BytesIO()
    _picture(colour).save(out, "JPEG", quality=90, **({"exif": exif} if exif is not None else {}))
    return out.getvalue()


def _with_thumbnail_gps() -> bytes:
    """A JPEG whose EXIF holds a thumbnail (IFD1) that is a JPEG with its own EXIF GPS."""
    thumbnail = _jpeg((10, 10, 200), _exif_with_gps("Thumb"))
    tiff = bytearray(b"II*\x00" + struct.pack("<I", 8))
    ifd0 = 8
    ifd1 = ifd0 + 2 + 12 + 4
    data_at = ifd1 + 2 + 24 + 4
    tiff += struct.pack("<H", 1) + struct.pack("<HHII", 0x010F, 2, 4, struct.unpack("<I", b"Cam\x00")[0])
    tiff += struct.pack("<I", ifd1)
    tiff += struct.pack("<H", 2) + struct.pack("<HHII", 0x0201, 4, 1, data_at)
    tiff += struct.pack("<HHII", 0x0202, 4, 1, len(thumbnail)) + struct.pack("<I", 0)
    tiff += thumbnail
    app1 = b"\xff\xe1" + struct.pack(">H", 2 + 6 + len(tiff)) + b"Exif\x00\x00" + bytes(tiff)
    main = _jpeg((120, 120, 0))
    return main[:2] + app1 + main[2:]


def _back_to_back() -> bytes:
    """Two whole JPEGs with GPS, one after the other, with no MP index."""
    return _jpeg((255, 0, 0), _exif_with_gps()) + _jpeg((0, 0, 255), _exif_with_gps())


@pytest.mark.parametrize("make", [_mpo, _with_thumbnail_gps, _back_to_back], ids=lambda f: f.__name__)
def test_strip_gps_reaches_every_image_and_keeps_the_pixels(make):
    data = make()
    assert has_gps(data)
    clean = strip_gps(data)
    assert not has_gps(clean)
    assert len(clean) == len(data), "scrubbed in place: no segment moved"
    before, after = _frames(data), _frames(clean)
    assert [pixels for pixels, _ in after] == [pixels for pixels, _ in before]
    assert all(gps == {} for _, gps in after)
    if make is _back_to_back:
        second = data.index(b"\xff\xd8\xff", 4)
        assert Image.open(io.BytesIO(clean[second:])).tobytes() == Image.open(io.BytesIO(data[second:])).tobytes()
        assert not has_gps(clean[second:])


def _gps_in_a_comment() -> bytes:
    """EXIF with GPS hidden in a COM segment: not where the scrubber looks,
    but still readable by anyone who searches the file."""
    exif = _exif_with_gps().tobytes()
    body = exif if exif.startswith(b"Exif") else b"Exif\x00\x00" + exif
    com = b"\xff\xfe" + struct.pack(">H", 2 + len(body)) + body
    main = _jpeg((0, 120, 0))
    return main[:2] + com + main[2:]


def test_a_photo_whose_gps_cannot_be_removed_is_refused_never_claimed(services, tmp_path):
    data = _gps_in_a_comment()
    assert has_gps(strip_gps(data)), "the scrubber cannot reach it: what the check is for"
    work = services.works.create(title_th="ผลงานทดสอบ")
    photo = tmp_path / "hidden.jpg"
    photo.write_bytes(data)
    services.evidence.add_file(work.id, photo, kind="photo", media_type="image/jpeg", include_in_dossier=True)
    out = tmp_path / "dossier.pdf"
    with pytest.raises(UserError) as caught:
        build_dossier(services.portfolio, DossierConfig(strip_gps=True), out)
    assert caught.value.key == "dossier.gps_remains"
    assert caught.value.message("th").endswith("ไม่มีการเปลี่ยนแปลงใด ๆ")
    assert not out.exists()
    build_dossier(services.portfolio, DossierConfig(strip_gps=False), out)  # without the claim it is made
    assert out.is_file()


# --- where the PDF may be written -------------------------------------------------------------

@pytest.mark.parametrize("target", ["portfolio.sqlite3", "evidence/new.pdf", "dossier.pdf"])
def test_a_dossier_is_never_written_inside_the_portfolio(portfolio, target):
    database = portfolio.database_path.read_bytes()
    with pytest.raises(UserError) as caught:
        build_dossier(portfolio, DossierConfig(), portfolio.folder / target)
    assert caught.value.key == "error.output_inside_portfolio"
    assert portfolio.database_path.read_bytes() == database
