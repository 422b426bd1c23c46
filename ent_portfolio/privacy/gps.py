"""The GPS position taken out of a photo, and nothing else touched.

The evidence package carries a community's photos to reviewers; where a
village or a person's house is must not travel with them.  The walkers
below find every EXIF GPS directory and XMP GPS property in JPEG (with its
thumbnail and the further images of a multi-picture file), PNG, and
HEIC/WebP/TIFF, and scrub them in place so pixels and structure stay
byte for byte the same.
"""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

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


#: TIFF tags of the EXIF thumbnail (a small JPEG inside the EXIF block) and
#: of the MP index of a multi-picture file (where its other images start).
_THUMBNAIL_OFFSET, _THUMBNAIL_LENGTH = 0x0201, 0x0202
_MP_ENTRY = 0xB002


def _ifd_entries(buf: bytes | bytearray, base: int, end: int, which: int) -> dict[int, tuple[int, int, int]]:
    """tag → (type, count, value) of the ``which``-th directory (0, 1…) of the
    TIFF structure at ``base``; empty when it is not there or damaged."""
    if end - base < 8:
        return {}
    order = {b"II": "<", b"MM": ">"}.get(bytes(buf[base:base + 2]))
    if order is None:
        return {}
    ifd = struct.unpack_from(order + "I", buf, base + 4)[0]
    for _ in range(which):
        if not ifd or base + ifd + 2 > end:
            return {}
        count = struct.unpack_from(order + "H", buf, base + ifd)[0]
        if base + ifd + 2 + 12 * count + 4 > end:
            return {}
        ifd = struct.unpack_from(order + "I", buf, base + ifd + 2 + 12 * count)[0]
    if not ifd or base + ifd + 2 > end:
        return {}
    count = struct.unpack_from(order + "H", buf, base + ifd)[0]
    if base + ifd + 2 + 12 * count > end:
        return {}
    entries = {}
    for i in range(count):
        tag, type_, n, value = struct.unpack_from(order + "HHII", buf, base + ifd + 2 + 12 * i)
        entries[tag] = (type_, n, value)
    return entries


def _tiff_order(buf: bytes | bytearray, base: int) -> str:
    return "<" if bytes(buf[base:base + 2]) == b"II" else ">"


def _strip_exif_thumbnail(buf: bytearray, base: int, end: int, depth: int) -> None:
    """The thumbnail of an EXIF block is a JPEG of its own and may carry
    EXIF (and GPS) again: scrubbed the same way, in place."""
    thumb = _ifd_entries(buf, base, end, 1)
    if _THUMBNAIL_OFFSET in thumb and _THUMBNAIL_LENGTH in thumb:
        start = base + thumb[_THUMBNAIL_OFFSET][2]
        stop = min(end, start + thumb[_THUMBNAIL_LENGTH][2])
        if buf[start:start + 2] == b"\xff\xd8":
            _strip_jpeg_image(buf, start, stop, depth + 1)


def _mp_image_starts(buf: bytes | bytearray, base: int, end: int) -> list[int]:
    """Where the other images of a multi-picture file start (its MP index,
    offsets from the index's own TIFF header)."""
    entry = _ifd_entries(buf, base, end, 0).get(_MP_ENTRY)
    if entry is None:
        return []
    _type, size, value = entry
    order = _tiff_order(buf, base)
    starts = []
    for k in range(size // 16):
        at = base + value + 16 * k
        if at + 16 > end:
            break
        offset = struct.unpack_from(order + "I", buf, at + 8)[0]
        if offset:
            starts.append(base + offset)
    return starts


def _skip_scan(buf: bytearray, pos: int, end: int) -> int:
    """The offset of the marker that ends the compressed data starting at ``pos``."""
    while pos + 1 < end:
        at = buf.find(b"\xff", pos, end)
        if at < 0 or at + 1 >= end:
            return end
        following = buf[at + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            pos = at + 1 if following == 0xFF else at + 2
            continue
        return at
    return end


def _strip_jpeg_image(buf: bytearray, start: int, end: int, depth: int = 0) -> tuple[int, list[int]]:
    """Scrub one JPEG image starting at ``start`` (its SOI) in place: the
    GPS directory of every EXIF block emptied, XMP GPS blanked, the
    compressed data skipped untouched.  Returns where the image ends (after
    its EOI) and the starts of further images its MP index names.  Raises
    ``ValueError`` on a structure that is not JPEG."""
    pos = start + 2
    more: list[int] = []
    while pos + 2 <= end:
        if buf[pos] != 0xFF:
            raise ValueError("not a JPEG segment")
        marker = buf[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        if marker == 0xD9:
            return pos + 2, more
        if pos + 4 > end:
            break
        length = struct.unpack_from(">H", buf, pos + 2)[0]
        body, stop = pos + 4, min(end, pos + 2 + length)
        if marker == 0xE1:
            if buf[body:body + 6] == b"Exif\x00\x00":
                _scrub_tiff(buf, body + 6, stop)
                if depth < 2:
                    _strip_exif_thumbnail(buf, body + 6, stop, depth)
            else:
                _blank_xmp(buf, body, stop)
        elif marker == 0xE2 and buf[body:body + 4] == b"MPF\x00":
            _scrub_tiff(buf, body + 4, stop)
            more += _mp_image_starts(buf, body + 4, stop)
        pos = stop
        if marker == 0xDA:  # start of scan: the pixels follow, untouched
            pos = _skip_scan(buf, pos, end)
    return end, more


def _strip_jpeg(buf: bytearray) -> None:
    """Every image of a JPEG file: a multi-picture file (MPO, as phones save
    a photo with its depth map or a second lens) holds several, one after
    the other, each with its own EXIF; all are scrubbed."""
    done: set[int] = set()
    pending = [0]
    first = True
    while pending:
        start = pending.pop(0)
        if start in done or start + 2 > len(buf) or buf[start:start + 2] != b"\xff\xd8":
            continue
        done.add(start)
        try:
            stop, more = _strip_jpeg_image(buf, start, len(buf))
        except (ValueError, struct.error):
            if first:
                raise
            continue  # a damaged later image: what remains is found by has_gps
        first = False
        pending += more
        # images stored back to back (some phones write no MP index)
        following = stop
        while following < len(buf) and buf[following] == 0x00:
            following += 1
        if buf[following:following + 3] == b"\xff\xd8\xff":
            pending.append(following)


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
