"""PDPA rules for the dossier, and removing GPS from photos."""

from __future__ import annotations

import io
import struct
from datetime import date

import media_fixtures as mf
import pytest
from PIL import Image

from ent_portfolio import privacy
from ent_portfolio.privacy import (
    Anonymiser,
    contact_visible,
    has_gps,
    may_show_letter_scan,
    may_show_photo_of_person,
    may_show_quote,
    person_label,
    person_position,
    quote_text,
    strip_gps,
)


@pytest.fixture
def work(services):
    return services.works.create(title_th="ผลงานบ้านหนองบัว")


def _testimonial(services, work, name, consent, **fields):
    return services.testimonials.create(work_id=work.id, person_name=name, consent=consent, **fields)


def test_names_only_with_consent_else_stable_letters_per_dossier(services, work):
    a = _testimonial(services, work, "นายสมชาย ใจดี", False, date="2024-03-01", person_position="ผู้ใหญ่บ้าน")
    b = _testimonial(services, work, "นางสาวสมหญิง รักถิ่น", True, date="2024-02-01", person_position="ครู")
    c = _testimonial(services, work, "นางบุญมี ศรีสุข", False, date="2024-01-15")
    everyone = services.testimonials.list()
    anon = Anonymiser(reversed(everyone))  # the order given does not matter
    assert person_label(b, "th", anon) == "นางสาวสมหญิง รักถิ่น" and person_position(b) == "ครู"
    assert person_label(c, "th", anon) == "ผู้ให้ข้อมูล ก"  # earliest date first
    assert person_label(a, "th", anon) == "ผู้ให้ข้อมูล ข"
    assert person_label(a, "en", anon) == "Informant B"
    assert person_label(a, "th", anon) == "ผู้ให้ข้อมูล ข", "same label every time within one dossier"
    assert person_position(a) == ""
    # a fresh dossier with the same records gives the same letters
    assert person_label(a, "th", Anonymiser(everyone)) == "ผู้ให้ข้อมูล ข"
    # no anonymiser: still no name
    assert "สมชาย" not in person_label(a, "th") and person_label(a, "en") == "Informant (name withheld)"


def test_letters_run_past_the_alphabet():
    class T:
        def __init__(self, i):
            self.id, self.consent, self.person_name, self.date = f"id{i:03d}", False, f"p{i}", date(2024, 1, 1)

    people = [T(i) for i in range(60)]
    anon = Anonymiser(people)
    thai = [anon.label(p, "th") for p in people]
    latin = [anon.label(p, "en") for p in people]
    assert len(set(thai)) == 60 and len(set(latin)) == 60
    assert latin[25] == "Informant Z" and latin[26] == "Informant AA"
    assert "ฃ" not in "".join(thai) and "ฅ" not in "".join(thai)


def test_quotes_with_consent_as_written_without_it_anonymised(services, work):
    said = "สมชายเห็นว่าแปลงผักช่วยให้รายได้เพิ่มขึ้น ใจดีกล่าว"
    a = _testimonial(services, work, "นายสมชาย ใจดี", False, quote=said)
    b = _testimonial(services, work, "นางสมหญิง รักถิ่น", True, quote="ชุมชนได้ประโยชน์จริง")
    empty = _testimonial(services, work, "นายไม่พูด", True, quote="  ")
    anon = Anonymiser([a, b])
    assert may_show_quote(b) and quote_text(b, "th", anon) == "ชุมชนได้ประโยชน์จริง"
    assert may_show_quote(a) and not may_show_quote(a, allow_anonymous=False)
    text = quote_text(a, "th", anon)
    assert "สมชาย" not in text and "ใจดี" not in text
    # the label stands apart from the next word ("ผู้ให้ข้อมูล กเห็นว่า" read as one word)
    assert text == "ผู้ให้ข้อมูล ก เห็นว่าแปลงผักช่วยให้รายได้เพิ่มขึ้น ผู้ให้ข้อมูล ก กล่าว"
    assert not may_show_quote(empty)


def test_letter_scans_and_photos_of_a_person_need_consent(services, work, tmp_path):
    agreed = _testimonial(services, work, "นางสมหญิง", True)
    refused = _testimonial(services, work, "นายสมชาย", False)
    # real JPEGs, each different (a file is stored once by its content)
    photo = mf.photo(tmp_path / "face.jpg", seed=1)
    of_agreed = services.evidence.add_file(work.id, photo, kind="photo", testimonial_id=agreed.id)
    photo2 = mf.photo(tmp_path / "face2.jpg", seed=2)
    of_refused = services.evidence.add_file(work.id, photo2, kind="photo", testimonial_id=refused.id)
    photo3 = mf.photo(tmp_path / "field.jpg", seed=3)
    activity_photo = services.evidence.add_file(work.id, photo3, kind="photo")
    assert may_show_letter_scan(agreed) and not may_show_letter_scan(refused)
    assert may_show_photo_of_person(of_agreed, agreed)
    assert not may_show_photo_of_person(of_refused, refused)
    assert not may_show_photo_of_person(of_refused), "unknown person: not shown"
    assert not may_show_photo_of_person(of_agreed, refused), "the wrong testimonial does not grant it"
    assert may_show_photo_of_person(activity_photo)


def test_contact_details_only_with_consent_and_agreement(services, work):
    both = _testimonial(services, work, "ก", True, contactable=True, contact="081-234-5678")
    no_consent = _testimonial(services, work, "ข", False, contactable=True, contact="081-000-0000")
    not_contactable = _testimonial(services, work, "ค", True, contactable=False, contact="081-111-1111")
    nothing = _testimonial(services, work, "ง", True, contactable=True, contact=" ")
    assert contact_visible(both)
    assert not contact_visible(no_consent) and not contact_visible(not_contactable) and not contact_visible(nothing)
    partner = services.partners.create(name_th="เทศบาล")
    shown = services.contacts.create(partner_id=partner.id, name="นายก", phone="02-1", consent=True)
    hidden = services.contacts.create(partner_id=partner.id, name="ปลัด", phone="02-2", consent=False)
    assert contact_visible(shown) and not contact_visible(hidden)


# --- GPS ---------------------------------------------------------------------------------

def _exif_with_gps() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif[0x0110] = "EOS 200D"
    exif[0x0132] = "2024:03:01 10:00:00"
    exif.get_ifd(0x8825).update({1: "N", 2: (18.0, 47.0, 12.5), 3: "E", 4: (100.0, 46.0, 30.0), 6: 212.5})
    return exif


def _photo(fmt: str, **save) -> bytes:
    img = Image.new("RGB", (96, 64))
    img.putdata([(x * 2 % 256, y * 4 % 256, (x * y) % 256) for y in range(64) for x in range(96)])
    out = io.BytesIO()
    img.save(out, fmt, **save)
    return out.getvalue()


def _jpeg_scan(data: bytes) -> bytes:
    """The bytes from the start-of-scan marker on: the compressed pixels."""
    return data[data.index(b"\xff\xda"):]


def test_strip_gps_from_jpeg_keeps_pixels_and_other_exif(tmp_path):
    xmp = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description exif:GPSLatitude="18,47.2N" '
           b'exif:GPSLongitude="100,46.5E" xmp:CreatorTool="Phone"><exif:GPSAltitude>212</exif:GPSAltitude>'
           b'</rdf:Description></rdf:RDF></x:xmpmeta>')
    data = _photo("JPEG", exif=_exif_with_gps(), quality=90)
    # add an XMP APP1 segment after the EXIF one
    xmp_segment = b"\xff\xe1" + struct.pack(">H", 2 + 29 + len(xmp)) + b"http://ns.adobe.com/xap/1.0/\x00" + xmp
    data = data[:2] + xmp_segment + data[2:]
    source = tmp_path / "IMG_0001.jpg"
    source.write_bytes(data)
    assert has_gps(source)
    clean = strip_gps(source)
    assert source.read_bytes() == data, "the original is never modified"
    assert not has_gps(clean)
    assert len(clean) == len(data) and _jpeg_scan(clean) == _jpeg_scan(data)
    image = Image.open(io.BytesIO(clean))
    assert image.getexif().get_ifd(0x8825) == {}
    assert image.getexif()[0x010F] == "Canon" and image.getexif()[0x0132] == "2024:03:01 10:00:00"
    assert image.tobytes() == Image.open(io.BytesIO(data)).tobytes()
    assert b"18,47.2N" not in clean and b"GPSAltitude" not in clean and b'xmp:CreatorTool="Phone"' in clean
    # the GPS rationals themselves are gone, not just unlinked
    assert struct.pack(">II", 47, 1) not in clean and struct.pack("<II", 47, 1) not in clean


def test_strip_gps_leaves_a_photo_without_gps_unchanged():
    data = _photo("JPEG")
    assert not has_gps(data) and strip_gps(data) == data
    plain = _photo("JPEG", exif=Image.Exif())
    assert strip_gps(plain) == plain


def test_strip_gps_big_endian_tiff_structure():
    data = bytearray(_photo("JPEG", exif=_exif_with_gps()))
    assert has_gps(bytes(data))
    # Convert nothing by hand: just check a Motorola-order block built by struct.
    tiff = bytearray(b"MM\x00*" + struct.pack(">I", 8))
    tiff += struct.pack(">H", 1) + struct.pack(">HHII", 0x8825, 4, 1, 26) + struct.pack(">I", 0)
    tiff += struct.pack(">H", 1) + struct.pack(">HHII", 2, 5, 3, 44) + struct.pack(">I", 0)
    tiff += struct.pack(">6I", 18, 1, 47, 1, 12, 1)
    blob = b"Exif\x00\x00" + bytes(tiff)
    assert has_gps(blob)
    clean = strip_gps(blob)
    assert not has_gps(clean) and len(clean) == len(blob) and struct.pack(">I", 47) not in clean[6 + 26:]


def test_strip_gps_from_png_and_heic_and_webp():
    import pillow_heif

    pillow_heif.register_heif_opener()
    exif = _exif_with_gps()
    for fmt, save in (("PNG", {"exif": exif}), ("HEIF", {"exif": exif.tobytes()}),
                      ("WEBP", {"exif": exif.tobytes(), "lossless": True})):
        data = _photo(fmt, **save)
        assert has_gps(data), fmt
        assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825), fmt
        clean = strip_gps(data)
        assert not has_gps(clean), fmt
        image = Image.open(io.BytesIO(clean))
        image.load()
        assert image.getexif().get_ifd(0x8825) == {}, fmt
        assert image.getexif().get(0x010F) == "Canon", fmt
        original = Image.open(io.BytesIO(data))
        assert image.tobytes() == original.tobytes(), fmt
        if fmt != "PNG":
            assert len(clean) == len(data), fmt  # scrubbed in place: no box or chunk moved
        else:
            idat = lambda b: b[b.index(b"IDAT") - 4:b.index(b"IEND")]  # noqa: E731
            assert idat(clean) == idat(data)


def test_privacy_module_is_registered_in_both_languages():
    from ent_portfolio.i18n import MESSAGES

    for key in ("privacy.informant", "privacy.informant_unlabelled"):
        thai, english = MESSAGES[key]
        assert any("\u0e00" <= ch <= "\u0e7f" for ch in thai) and english
    assert privacy.THAI_LETTERS[0] == "ก"
