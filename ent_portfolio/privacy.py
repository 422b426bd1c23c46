"""Personal data in the dossier (Thailand's PDPA): the rules the dossier and
the evidence package call, in one place.

Consent is recorded per testimonial (``Testimonial.consent``: the person
agreed that their name and words appear in the dossier) and per contact
person (``ContactPerson.consent``).  The rules:

* **Name and position** appear only with consent; otherwise the person is
  an anonymised label, "ผู้ให้ข้อมูล ก" / "Informant A", the same label for
  the same testimonial throughout one dossier (:class:`Anonymiser`).  The
  organisation stays: it is not personal data and the claim needs it.
* **Quote**: with consent, as written.  Without consent the words may still
  support a claim, attributed to the label, with the person's name removed
  from the text (:func:`quote_text`); a caller that wants no anonymous
  quotes at all passes ``allow_anonymous=False``.
* **Signed letter scan and photos of the person**: only with consent — a
  scan or a face cannot be anonymised by relabelling.  A photo counts as "of
  the person" when its evidence record is linked to the testimonial.
* **Contact details** for reviewers: only with consent *and* when the person
  agreed to be contacted, and only if there is something to show.
* **GPS in photos**: :func:`strip_gps` returns the file's bytes with the GPS
  position removed (EXIF GPS directory emptied, XMP GPS properties blanked)
  and everything else — pixels included — byte for byte the same.
"""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path
from typing import Any, Iterable

from .i18n import current_language, register

register({
    "privacy.informant": ("ผู้ให้ข้อมูล {letter}", "Informant {letter}"),
    "privacy.informant_unlabelled": ("ผู้ให้ข้อมูล (ไม่เปิดเผยชื่อ)", "Informant (name withheld)"),
})

# Thai consonants in dictionary order, without the obsolete ฃ and ฅ.
THAI_LETTERS = "กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ"
# Honorifics and titles that are not part of the name to search for in a quote.
_TITLES = ("นางสาว", "นาง", "นาย", "ด.ช.", "ด.ญ.", "เด็กชาย", "เด็กหญิง", "ดร.", "ผศ.", "รศ.", "ศ.",
           "Mr.", "Mrs.", "Ms.", "Miss", "Dr.", "Prof.")


def has_consent(person: Any) -> bool:
    return bool(getattr(person, "consent", False))


# --- labels --------------------------------------------------------------------------

def _thai_letter(n: int) -> str:
    base = len(THAI_LETTERS)
    return THAI_LETTERS[n % base] + (str(n // base + 1) if n >= base else "")


def _latin_letter(n: int) -> str:
    text = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        text = chr(ord("A") + rem) + text
    return text


def _sort_key(testimonial: Any) -> tuple:
    day = getattr(testimonial, "date", None)
    return (day is None, str(day or ""), str(getattr(testimonial, "created_at", "") or ""),
            str(getattr(testimonial, "id", "")))


class Anonymiser:
    """Stable labels for the people without consent in one dossier.

    Give it every testimonial of the dossier up front (they are ordered by
    date, then creation, so the letters do not depend on the caller's
    order); others met later get the next letter.  Letters go only to
    people without consent, so they run ก, ข, ค… without gaps."""

    def __init__(self, testimonials: Iterable[Any] = ()) -> None:
        self._index: dict[str, int] = {}
        for testimonial in sorted(testimonials, key=_sort_key):
            if not has_consent(testimonial):
                self._assign(testimonial)

    def _assign(self, testimonial: Any) -> int:
        key = str(getattr(testimonial, "id", None) or id(testimonial))
        if key not in self._index:
            self._index[key] = len(self._index)
        return self._index[key]

    def label(self, testimonial: Any, lang: str | None = None) -> str:
        from .i18n import tr

        lang = lang or current_language()
        n = self._assign(testimonial)
        letter = _thai_letter(n) if lang == "th" else _latin_letter(n)
        return tr("privacy.informant", lang, letter=letter)


def person_label(testimonial: Any, lang: str | None = None, anonymiser: Anonymiser | None = None) -> str:
    """The name with consent; otherwise the anonymised label (stable within
    one dossier when the same ``anonymiser`` is passed)."""
    from .i18n import tr

    name = (getattr(testimonial, "person_name", "") or "").strip()
    if has_consent(testimonial) and name:
        return name
    if anonymiser is None:
        return tr("privacy.informant_unlabelled", lang or current_language())
    return anonymiser.label(testimonial, lang)


def person_position(testimonial: Any) -> str:
    """The person's position only with consent (a position can name a person)."""
    return (getattr(testimonial, "person_position", "") or "") if has_consent(testimonial) else ""


def may_show_name(testimonial: Any) -> bool:
    return has_consent(testimonial)


def may_show_quote(testimonial: Any, allow_anonymous: bool = True) -> bool:
    """Whether the words may appear: with consent, or anonymised (see
    :func:`quote_text`) unless the caller disallows anonymous quotes."""
    if not (getattr(testimonial, "quote", "") or "").strip():
        return False
    return has_consent(testimonial) or allow_anonymous


def _name_parts(name: str) -> list[str]:
    name = name.strip()
    for title in _TITLES:
        if name.startswith(title):
            name = name[len(title):].strip()
            break
    parts = [name] if name else []
    parts += [p for p in re.split(r"\s+", name) if len(p) >= 2 and p != name]
    return sorted(set(parts), key=len, reverse=True)


def quote_text(testimonial: Any, lang: str | None = None, anonymiser: Anonymiser | None = None) -> str:
    """The quote as it may be printed: as written with consent; without it,
    with the person's name (full, or first or last name) replaced by the label."""
    quote = getattr(testimonial, "quote", "") or ""
    if has_consent(testimonial):
        return quote
    label = person_label(testimonial, lang, anonymiser)
    for part in _name_parts(getattr(testimonial, "person_name", "") or ""):
        quote = quote.replace(part, label)
    return quote


def may_show_letter_scan(testimonial: Any) -> bool:
    """The scan of a signed letter shows name and signature: consent only."""
    return has_consent(testimonial)


def may_show_photo_of_person(evidence: Any, testimonial: Any | None = None) -> bool:
    """A photo linked to a testimonial shows that person: only with their
    consent.  Photos of activities (not linked to a testimonial) are the
    lecturer's own evidence and are shown."""
    linked = getattr(evidence, "testimonial_id", None)
    if not linked:
        return True
    if testimonial is None:
        try:  # loaded with the evidence, or not at all (a detached record cannot load it)
            testimonial = getattr(evidence, "testimonial", None)
        except Exception:  # noqa: BLE001 - e.g. SQLAlchemy's DetachedInstanceError
            testimonial = None
    if testimonial is None or getattr(testimonial, "id", linked) != linked:
        return False  # cannot tell whose photo it is: do not show it
    return has_consent(testimonial)


def contact_visible(person: Any) -> bool:
    """Whether a reviewer may see how to contact the person: a testimonial's
    author who consented and agreed to be contacted, or a partner's contact
    person who consented; and only when there is a contact to show."""
    if not has_consent(person):
        return False
    if hasattr(person, "contactable"):
        return bool(person.contactable) and bool((getattr(person, "contact", "") or "").strip())
    return any((getattr(person, f, "") or "").strip() for f in ("phone", "email", "line_id"))


# --- GPS in photos -------------------------------------------------------------------

GPS_IFD_TAG = 0x8825
# Bytes per value of each TIFF field type.
_TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4, 16: 8, 17: 8, 18: 8}
_XMP_ATTR = re.compile(rb'\s[\w-]+:GPS\w*\s*=\s*(?:"[^"]*"|\'[^\']*\')')
_XMP_ELEM = re.compile(rb"<([\w-]+:GPS\w*)\b[^>]*?(?:/>|>.*?</\1\s*>)", re.DOTALL)
_XMP_PACKET = re.compile(rb"<x:xmpmeta\b.*?</x:xmpmeta\s*>", re.DOTALL)


def _tiff_gps_ifds(buf: bytes | bytearray, base: int, end: int) -> list[tuple[str, int, int]]:
    """(byte order, offset of the GPS IFD, offset of the pointer entry) for
    each GPS directory a TIFF structure at ``base`` points to."""
    if end - base < 8:
        return []
    order = {b"II": "<", b"MM": ">"}.get(bytes(buf[base:base + 2]))
    if order is None or struct.unpack_from(order + "H", buf, base + 2)[0] != 42:
        return []
    found = []
    ifd = struct.unpack_from(order + "I", buf, base + 4)[0]
    seen = set()
    while ifd and ifd not in seen and base + ifd + 2 <= end:
        seen.add(ifd)
        count = struct.unpack_from(order + "H", buf, base + ifd)[0]
        if base + ifd + 2 + 12 * count + 4 > end:
            break
        for i in range(count):
            entry = base + ifd + 2 + 12 * i
            tag, _type, _count, value = struct.unpack_from(order + "HHII", buf, entry)
            if tag == GPS_IFD_TAG and value:
                found.append((order, value, entry))
        ifd = struct.unpack_from(order + "I", buf, base + ifd + 2 + 12 * count)[0]
    return found


def _scrub_tiff(buf: bytearray, base: int, end: int) -> bool:
    """Empty every GPS directory of the TIFF structure at ``base`` in place:
    zero its entries and their values, leave a valid empty directory."""
    changed = False
    for order, gps, _pointer in _tiff_gps_ifds(buf, base, end):
        start = base + gps
        if start + 2 > end:
            continue
        count = struct.unpack_from(order + "H", buf, start)[0]
        if start + 2 + 12 * count + 4 > end:
            continue
        for i in range(count):
            entry = start + 2 + 12 * i
            _tag, type_, n, value = struct.unpack_from(order + "HHII", buf, entry)
            size = _TYPE_SIZES.get(type_, 1) * n
            if size > 4 and base + value + size <= end:
                buf[base + value:base + value + size] = bytes(size)
        if count:
            changed = True
        buf[start:start + 2 + 12 * count + 4] = bytes(2 + 12 * count + 4)  # count 0, no next directory
    return changed


def _blank_xmp(buf: bytearray, start: int = 0, end: int | None = None) -> bool:
    """Replace XMP GPS properties inside [start, end) by spaces (same length)."""
    end = len(buf) if end is None else end
    changed = False
    for packet in _XMP_PACKET.finditer(bytes(buf[start:end])):
        p0 = start + packet.start()
        text = bytearray(packet.group(0))
        for pattern in (_XMP_ELEM, _XMP_ATTR):
            for match in list(pattern.finditer(bytes(text))):
                text[match.start():match.end()] = b" " * (match.end() - match.start())
                changed = True
        buf[p0:p0 + len(text)] = text
    return changed


def _strip_jpeg(buf: bytearray) -> None:
    pos = 2
    while pos + 4 <= len(buf):
        if buf[pos] != 0xFF:
            raise ValueError("not a JPEG segment")
        marker = buf[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        if marker in (0xDA, 0xD9):  # start of scan: the pixels follow, untouched
            return
        length = struct.unpack_from(">H", buf, pos + 2)[0]
        body, end = pos + 4, pos + 2 + length
        if marker == 0xE1:
            if buf[body:body + 6] == b"Exif\x00\x00":
                _scrub_tiff(buf, body + 6, end)
            else:
                _blank_xmp(buf, body, end)
        pos = end


def _strip_png(data: bytes) -> bytes:
    out = bytearray(data[:8])
    pos = 8
    while pos + 12 <= len(data):
        length, kind = struct.unpack_from(">I4s", data, pos)
        body = bytearray(data[pos + 8:pos + 8 + length])
        chunk_end = pos + 12 + length
        keep = True
        if kind == b"eXIf":
            base = 6 if body[:6] == b"Exif\x00\x00" else 0
            _scrub_tiff(body, base, len(body))
        elif kind == b"iTXt":
            keyword, _, rest = bytes(body).partition(b"\x00")
            if keyword == b"XML:com.adobe.xmp" and len(rest) >= 2:
                compressed = rest[0] == 1
                # rest: flag, method, language\0, translated keyword\0, text
                head_end = rest.index(b"\x00", rest.index(b"\x00", 2) + 1) + 1
                text = bytearray(zlib.decompress(rest[head_end:]) if compressed else rest[head_end:])
                if _blank_xmp(text):
                    payload = zlib.compress(bytes(text)) if compressed else bytes(text)
                    body = bytearray(keyword + b"\x00" + rest[:head_end] + payload)
        elif kind in (b"tEXt", b"zTXt") and bytes(body).startswith((b"Raw profile type exif", b"Raw profile type xmp")):
            keep = False  # old ImageMagick copies of EXIF/XMP, hex-encoded: dropped whole
        if keep:
            out += struct.pack(">I", len(body)) + kind + body
            out += struct.pack(">I", zlib.crc32(kind + bytes(body)) & 0xFFFFFFFF)
        pos = chunk_end
        if kind == b"IEND":
            break
    return bytes(out)


def _exif_starts(blob: bytes) -> list[int]:
    """Offsets of the TIFF headers of the EXIF blocks in a file."""
    starts = [m.end() for m in re.finditer(rb"Exif\x00\x00(?=II\*\x00|MM\x00\*)", blob)]
    if blob[:4] in (b"II*\x00", b"MM\x00*"):
        starts.append(0)
    if blob[:4] == b"RIFF" and blob[8:12] == b"WEBP":  # WebP's EXIF chunk holds TIFF directly
        starts += [m.end() + 4 for m in re.finditer(rb"EXIF(?=....(?:II\*\x00|MM\x00\*))", blob, re.DOTALL)]
    return sorted(set(starts))


def _strip_generic(buf: bytearray) -> None:
    """HEIC/HEIF, WebP, TIFF and others: find each EXIF block and XMP packet
    and scrub it in place, so no box or chunk size changes."""
    for base in _exif_starts(bytes(buf)):
        _scrub_tiff(buf, base, len(buf))
    _blank_xmp(buf)


def strip_gps(source: bytes | bytearray | Path | str) -> bytes:
    """The bytes of a photo without its GPS position.

    ``source`` is the file's bytes or a path (only read, never modified).
    JPEG: the EXIF GPS directory is emptied in place and XMP GPS properties
    are blanked; no segment changes length, and the compressed pixels are
    byte-identical.  PNG: the same inside ``eXIf``/XMP chunks (CRCs
    recomputed; ``IDAT`` untouched).  HEIC/HEIF, WebP, TIFF: scrubbed in
    place.  A file with no GPS comes back unchanged."""
    data = Path(source).read_bytes() if isinstance(source, (str, Path)) else bytes(source)
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return _strip_png(data)
    buf = bytearray(data)
    if data[:2] == b"\xff\xd8":
        try:
            _strip_jpeg(buf)
        except (ValueError, struct.error):
            buf = bytearray(data)
            _strip_generic(buf)
        else:
            _blank_xmp(buf)  # XMP outside APP1 (rare): blanked in place too
    else:
        _strip_generic(buf)
    return bytes(buf)


def has_gps(source: bytes | bytearray | Path | str) -> bool:
    """Whether a photo still carries a GPS position (EXIF GPS entries or XMP GPS properties)."""
    data = Path(source).read_bytes() if isinstance(source, (str, Path)) else bytes(source)
    blobs: list[bytes] = [data]
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        pos = 8
        while pos + 12 <= len(data):
            length, kind = struct.unpack_from(">I4s", data, pos)
            body = data[pos + 8:pos + 8 + length]
            if kind == b"eXIf":
                blobs.append(b"Exif\x00\x00" + (body[6:] if body[:6] == b"Exif\x00\x00" else body))
            elif kind == b"iTXt" and body.startswith(b"XML:com.adobe.xmp\x00") and body[18:19] == b"\x01":
                rest = body[18:]
                head_end = rest.index(b"\x00", rest.index(b"\x00", 2) + 1) + 1
                blobs.append(zlib.decompress(rest[head_end:]))
            pos += 12 + length
    for blob in blobs:
        for base in _exif_starts(blob):
            for order, gps, _ in _tiff_gps_ifds(blob, base, len(blob)):
                if base + gps + 2 <= len(blob) and struct.unpack_from(order + "H", blob, base + gps)[0]:
                    return True
        for packet in _XMP_PACKET.finditer(blob):
            if _XMP_ATTR.search(packet.group(0)) or _XMP_ELEM.search(packet.group(0)):
                return True
    return False
