"""What a file is, read from its first bytes rather than trusted from its name.

:func:`sniff` looks at the content only; :func:`expected_family` says what the
extension claims; :func:`agrees` decides whether the two are compatible.  The
rules are deliberately lenient inside a family (a ``.jpg`` that is really a PNG
is still a picture and is stored as what it is) and strict across families (a
``.jpg`` that is an HTML error page, or a ``.pdf`` that is a program, is not
what the lecturer thinks it is).

Everything here reads a bounded number of bytes whatever the file holds: the
first :data:`HEAD_BYTES`, and for ZIP-based documents the central directory
(checked for size first) and at most :data:`ZIP_MEMBER_BYTES` of one member.
A ZIP that declares more than it could honestly hold raises :class:`ZipBomb`
instead of being inflated to find out."""

from __future__ import annotations

import os
import stat
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path

HEAD_BYTES = 8192

#: Most bytes of a ZIP member ever inflated while sniffing (an ODF ``mimetype``
#: is about 40 bytes).
ZIP_MEMBER_BYTES = 128
#: A ZIP member inflating past this many times its compressed size, to more
#: than :data:`ZIP_RATIO_FLOOR` bytes, is a decompression bomb: Office and
#: OpenDocument XML compresses about 10:1, pictures and videos inside stay
#: near 1:1, a run of zeros reaches 1000:1.
ZIP_MAX_RATIO = 200
ZIP_RATIO_FLOOR = 16 * 1024 * 1024
#: More than this, all members together, is a bomb whatever the ratios (the
#: largest file accepted is 500 MB, nearly all of it already compressed).
ZIP_MAX_INFLATED_BYTES = 2 * 1024 ** 3
#: A central directory larger than this, or with more entries, is refused
#: before :mod:`zipfile` builds an object per entry (a real document has a
#: few hundred; each entry costs about half a kilobyte of memory).
ZIP_MAX_DIRECTORY_BYTES = 8 * 1024 * 1024
ZIP_MAX_MEMBERS = 20_000

# Families: what kind of thing a file is, independent of the exact format.
IMAGE = "image"
PDF = "pdf"
DOCUMENT = "document"
TEXT = "text"
AUDIO = "audio"
VIDEO = "video"
MEDIA = "media"  # ISO base media (MP4 family) or another container: audio or video
PROGRAM = "program"
WEBPAGE = "webpage"
ARCHIVE = "archive"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class FileType:
    family: str
    media_type: str
    #: Short human name of the format, used in messages ("JPEG", "PDF", "HTML").
    label: str


OCTET = FileType(UNKNOWN, "application/octet-stream", "unknown")


class ZipBomb(Exception):
    """A ZIP-based file that declares more than an honest document holds:
    ``declared`` is the inflated size or the central directory size at fault."""

    def __init__(self, declared: int) -> None:
        self.declared = declared
        super().__init__(f"declares {declared} bytes")


class NotARegularFile(OSError):
    """What was listed as a file is now a pipe, a device or a folder."""


#: Names a program runs under on Windows, macOS, Linux or Android.  Refused
#: whatever they hold: a script is text, and its extension is what makes a
#: double click run it.
PROGRAM_EXTENSIONS = frozenset({
    "exe", "dll", "com", "scr", "msi", "msp", "cpl", "pif", "bat", "cmd", "ps1", "psm1", "vbs", "vbe",
    "js", "jse", "wsf", "wsh", "hta", "lnk", "reg",
    "jar", "apk", "xapk", "ipa", "app", "dmg", "pkg", "deb", "rpm", "sh", "bash", "run", "so", "dylib",
})

#: Starts of programs: Windows (MZ), Linux (ELF), macOS (Mach-O, universal),
#: Android (dex), WebAssembly; scripts (``#!``) are matched apart, because an
#: AMR recording starts ``#!AMR``.
_PROGRAM_PREFIXES = (b"MZ", b"\x7fELF", b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xcf\xfa\xed\xfe",
                     b"\xce\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"dex\n", b"\x00asm")
#: Starts of formats that are not PDF.  A PDF reader accepts ``%PDF-``
#: anywhere in the first kilobyte; bytes before it that open another format
#: make the file a polyglot (a program or an archive that also passes as a
#: PDF), not a PDF with leading junk.
_NOT_PDF_PREFIXES = _PROGRAM_PREFIXES + (
    b"#!", b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08", b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"{\\rtf",
)

_EXTENSION_FAMILY: dict[str, str] = {}
for _family, _extensions in {
    IMAGE: "jpg jpeg jpe jfif png gif webp tif tiff heic heif hif avif bmp",
    PDF: "pdf",
    DOCUMENT: "doc docx xls xlsx ppt pptx odt ods odp rtf pages key numbers",
    TEXT: "txt csv md tsv",
    AUDIO: "mp3 m4a aac wav ogg oga opus flac amr wma",
    VIDEO: "mp4 m4v mov avi mkv webm 3gp 3g2 wmv mpg mpeg mts m2ts ogv",
}.items():
    for _ext in _extensions.split():
        _EXTENSION_FAMILY[_ext] = _family

_OOXML = {
    "word/": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word (DOCX)"),
    "xl/": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel (XLSX)"),
    "ppt/": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "PowerPoint (PPTX)"),
}
_OLE_BY_EXTENSION = {
    "doc": ("application/msword", "Word (DOC)"),
    "xls": ("application/vnd.ms-excel", "Excel (XLS)"),
    "ppt": ("application/vnd.ms-powerpoint", "PowerPoint (PPT)"),
}
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"mif1", b"msf1"}
_AVIF_BRANDS = {b"avif", b"avis"}
_AUDIO_BRANDS = {b"M4A ", b"M4B ", b"M4P ", b"F4A "}
_QUICKTIME_BRANDS = {b"qt  "}
_3GP_PREFIX = (b"3gp", b"3g2")


def extension_of(path: Path | str) -> str:
    return Path(path).suffix.lower().lstrip(".")


def expected_family(path: Path | str) -> str | None:
    """The family the file name claims, or None for an extension we do not know."""
    return _EXTENSION_FAMILY.get(extension_of(path))


def is_program_name(path: Path | str) -> bool:
    """Whether the name alone makes the file something a computer runs."""
    return extension_of(path) in PROGRAM_EXTENSIONS


def open_regular(path: Path | str):
    """``path`` opened for reading in binary, refused with
    :class:`NotARegularFile` unless it is a regular file.  Opened without
    blocking: a named pipe put where a file was listed would otherwise wait
    for a writer for ever."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    handle = open(fd, "rb")  # noqa: SIM115 - handed to the caller, who closes it
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        handle.close()
        raise NotARegularFile(0, "not a regular file", str(path))
    return handle


def read_head(path: Path, size: int = HEAD_BYTES) -> bytes:
    with open_regular(path) as handle:
        return handle.read(size)


def sniff(path: Path, head: bytes | None = None, *,  # noqa: C901 - a branch per file format, in the order that matters
          name: Path | str | None = None) -> FileType:
    """The type of ``path`` judged by its content; ``name`` (default: the
    path) is the name the file goes by, whose extension tells apart formats
    that share a container (``.doc`` and ``.xls``, ``.wma`` and ``.wmv``)."""
    path = Path(path)
    if head is None:
        head = read_head(path)
    ext = extension_of(name if name is not None else path)
    if head.startswith(_PROGRAM_PREFIXES) or (head.startswith(b"#!") and not head.startswith(b"#!AMR")):
        return FileType(PROGRAM, "application/octet-stream", "program")
    if head.startswith(b"\xff\xd8\xff"):
        return FileType(IMAGE, "image/jpeg", "JPEG")
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return FileType(IMAGE, "image/png", "PNG")
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return FileType(IMAGE, "image/gif", "GIF")
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return FileType(IMAGE, "image/webp", "WebP")
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return FileType(IMAGE, "image/tiff", "TIFF")
    if head[:2] == b"BM" and len(head) > 26:
        return FileType(IMAGE, "image/bmp", "BMP")
    if head[4:8] == b"ftyp":
        return _iso_media(head)
    if _is_pdf(head):
        return FileType(PDF, "application/pdf", "PDF")
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_type(path)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        media_type, label = _OLE_BY_EXTENSION.get(ext, ("application/x-ole-storage", "Microsoft Office"))
        return FileType(DOCUMENT, media_type, label)
    if head.startswith(b"{\\rtf"):
        return FileType(DOCUMENT, "application/rtf", "RTF")
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return FileType(AUDIO, "audio/wav", "WAV")
    if head[:4] == b"RIFF" and head[8:12] == b"AVI ":
        return FileType(VIDEO, "video/x-msvideo", "AVI")
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        if len(head) > 1 and head[1] & 0xF6 == 0xF0:
            return FileType(AUDIO, "audio/aac", "AAC")
        return FileType(AUDIO, "audio/mpeg", "MP3")
    if head.startswith(b"fLaC"):
        return FileType(AUDIO, "audio/flac", "FLAC")
    if head.startswith(b"#!AMR"):
        return FileType(AUDIO, "audio/amr", "AMR")
    if head.startswith(b"OggS"):
        if ext == "ogv" or b"theora" in head[:512]:
            return FileType(VIDEO, "video/ogg", "Ogg video")
        return FileType(AUDIO, "audio/ogg", "Ogg audio")
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        if b"webm" in head[:64]:
            return FileType(VIDEO, "video/webm", "WebM")
        return FileType(VIDEO, "video/x-matroska", "Matroska")
    if head.startswith(b"\x30\x26\xb2\x75\x8e\x66\xcf\x11"):
        if ext == "wma":
            return FileType(AUDIO, "audio/x-ms-wma", "Windows Media audio")
        return FileType(VIDEO, "video/x-ms-wmv", "Windows Media video")
    if head.startswith((b"\x00\x00\x01\xba", b"\x00\x00\x01\xb3")):
        return FileType(VIDEO, "video/mpeg", "MPEG video")
    if head.startswith((b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b")):
        return FileType(ARCHIVE, "application/octet-stream", "compressed archive")
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html", b"<head", b"<body")):
        return FileType(WEBPAGE, "text/html", "HTML")
    if _looks_like_text(head):
        media_type = {"csv": "text/csv", "md": "text/markdown",
                      "tsv": "text/tab-separated-values"}.get(ext, "text/plain")
        return FileType(TEXT, media_type, "text")
    return OCTET


def _iso_media(head: bytes) -> FileType:
    """ISO base media files (HEIF, AVIF, MP4, MOV, 3GP, M4A): decided by brands."""
    major = head[8:12]
    # Compatible brands follow the minor version, until the end of the ftyp box.
    box_size = int.from_bytes(head[0:4], "big")
    brands = {major} | {head[i:i + 4] for i in range(16, min(box_size, len(head)) - 3, 4)}
    if major in _HEIF_BRANDS or (brands & _HEIF_BRANDS and not brands & _AVIF_BRANDS
                                 and major not in (b"isom", b"mp41", b"mp42")):
        return FileType(IMAGE, "image/heic" if major.startswith(b"he") else "image/heif", "HEIF")
    if major in _AVIF_BRANDS or (b"mif1" in brands and brands & _AVIF_BRANDS):
        return FileType(IMAGE, "image/avif", "AVIF")
    if major in _AUDIO_BRANDS:
        return FileType(AUDIO, "audio/mp4", "MPEG-4 audio")
    if major in _QUICKTIME_BRANDS:
        return FileType(VIDEO, "video/quicktime", "QuickTime")
    if major.startswith(_3GP_PREFIX):
        return FileType(MEDIA, "video/3gpp", "3GP")
    return FileType(MEDIA, "video/mp4", "MPEG-4")


def _is_pdf(head: bytes) -> bool:
    at = head.find(b"%PDF-", 0, 1024)
    if at <= 0:
        return at == 0
    before = head[:at]
    if before.startswith(_NOT_PDF_PREFIXES):
        return False
    return not before.lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith((b"<!doctype", b"<html", b"<?xml", b"<svg"))


def _zip_type(path: Path) -> FileType:
    """ZIP-based: an Office Open XML or OpenDocument file, or a plain ZIP.

    Opening the central directory (at the end of the file) also tells a
    truncated download from a whole one: :class:`zipfile.BadZipFile` then.
    Raises :class:`ZipBomb` for a file whose members declare too much."""
    with open_regular(path) as handle:
        _check_zip_directory(handle)
        with zipfile.ZipFile(handle) as archive:
            infos = archive.infolist()
            _check_zip_members(infos)
            names = [info.filename for info in infos]
            if "mimetype" in names:
                mimetype = _read_member_start(archive, "mimetype").decode("ascii", "replace").strip()
                if mimetype.startswith("application/vnd.oasis.opendocument"):
                    return FileType(DOCUMENT, mimetype, "OpenDocument")
    if "[Content_Types].xml" in names:
        for prefix, (media_type, label) in _OOXML.items():
            if any(n.startswith(prefix) for n in names):
                return FileType(DOCUMENT, media_type, label)
    return FileType(ARCHIVE, "application/zip", "ZIP")


def _read_member_start(archive: zipfile.ZipFile, name: str) -> bytes:
    """At most :data:`ZIP_MEMBER_BYTES` of a member, inflated; empty when the
    member is encrypted or compressed in a way this Python cannot read (an
    OpenDocument file never stores its ``mimetype`` so)."""
    try:
        with archive.open(name) as member:
            return member.read(ZIP_MEMBER_BYTES)
    except (RuntimeError, NotImplementedError, ValueError, EOFError, OSError):
        return b""


def _check_zip_members(infos: list[zipfile.ZipInfo]) -> None:
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > ZIP_RATIO_FLOOR and info.file_size > ZIP_MAX_RATIO * max(1, info.compress_size):
            raise ZipBomb(info.file_size)
    if total > ZIP_MAX_INFLATED_BYTES:
        raise ZipBomb(total)


_EOCD = b"PK\x05\x06"
_EOCD_SIZE = 22
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_EOCD = b"PK\x06\x06"


def _check_zip_directory(handle) -> None:
    """Refuse a central directory too large to read, from its end record,
    before :mod:`zipfile` reads it.  A file without an end record is left to
    :mod:`zipfile`, which calls it truncated."""
    size = handle.seek(0, os.SEEK_END)
    handle.seek(max(0, size - (_EOCD_SIZE + 0xFFFF + 20)))
    tail = handle.read()
    # The record zipfile will use: the one ending the file, else the last
    # one before a comment.
    at = len(tail) - _EOCD_SIZE if tail[-_EOCD_SIZE:].startswith(_EOCD) else tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < _EOCD_SIZE:
        return
    _, _, _, _, members, directory_bytes, _, _ = struct.unpack("<4s4HIIH", tail[at:at + _EOCD_SIZE])
    if members == 0xFFFF or directory_bytes == 0xFFFFFFFF:
        locator = tail[max(0, at - 20):at]
        if len(locator) == 20 and locator.startswith(_ZIP64_LOCATOR):
            record_offset = struct.unpack("<4sIQI", locator)[2]
            if 0 <= record_offset < size:
                handle.seek(record_offset)
                record = handle.read(56)
                if len(record) == 56 and record.startswith(_ZIP64_EOCD):
                    members, directory_bytes = struct.unpack("<4sQ2H2I4Q", record)[7:9]
    if members > ZIP_MAX_MEMBERS or directory_bytes > ZIP_MAX_DIRECTORY_BYTES:
        raise ZipBomb(directory_bytes)


def _looks_like_text(head: bytes) -> bool:
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True  # UTF-16 with a byte-order mark
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3:  # a character cut at the end of the sample
            return True
    # TIS-620 (Thai single-byte) text: bytes 0xA1–0xFB plus ASCII, few controls.
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13))
    return controls == 0


def agrees(claimed: str | None, actual: FileType) -> bool:
    """Whether content of type ``actual`` may carry an extension of family ``claimed``."""
    if claimed is None:
        return True
    family = actual.family
    if claimed == IMAGE:
        return family == IMAGE
    if claimed == PDF:
        return family == PDF
    if claimed == DOCUMENT:
        # Word happily saves HTML or RTF under .doc; a .docx may be an old .doc.
        return family in (DOCUMENT, WEBPAGE)
    if claimed == TEXT:
        return family == TEXT
    if claimed in (AUDIO, VIDEO):
        # Containers are shared between audio and video, and some (MPEG
        # transport streams, raw AAC) have no reliable signature: accept what
        # we cannot place, refuse what is clearly something else.
        return family in (AUDIO, VIDEO, MEDIA, UNKNOWN)
    return True


def evidence_kind(file_type: FileType, claimed: str | None = None) -> str:
    """The :class:`~ent_portfolio.domain.enums.EvidenceKind` code for a file."""
    family = file_type.family
    if family == IMAGE:
        return "photo"
    if family == PDF:
        return "pdf"
    if family in (DOCUMENT, TEXT, WEBPAGE):
        return "document"
    if family == AUDIO:
        return "audio"
    if family == VIDEO:
        return "video"
    if family == MEDIA:
        return "audio" if claimed == AUDIO else "video"
    if family == UNKNOWN and claimed in (AUDIO, VIDEO):
        return claimed
    return "other"
