"""What a file is, read from its first bytes rather than trusted from its name.

:func:`sniff` looks at the content only; :func:`expected_family` says what the
extension claims; :func:`agrees` decides whether the two are compatible.  The
rules are deliberately lenient inside a family (a ``.jpg`` that is really a PNG
is still a picture and is stored as what it is) and strict across families (a
``.jpg`` that is an HTML error page, or a ``.pdf`` that is a program, is not
what the lecturer thinks it is)."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

HEAD_BYTES = 8192

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


def extension_of(path: Path) -> str:
    return path.suffix.lower().lstrip(".")


def expected_family(path: Path) -> str | None:
    """The family the file name claims, or None for an extension we do not know."""
    return _EXTENSION_FAMILY.get(extension_of(path))


def read_head(path: Path, size: int = HEAD_BYTES) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(size)


def sniff(path: Path, head: bytes | None = None) -> FileType:
    """The type of ``path`` judged by its content."""
    path = Path(path)
    if head is None:
        head = read_head(path)
    ext = extension_of(path)
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
    if b"%PDF-" in head[:1024]:
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
    if head.startswith((b"MZ", b"\x7fELF", b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xcf\xfa\xed\xfe",
                        b"\xce\xfa\xed\xfe", b"\xca\xfe\xba\xbe")):
        return FileType(PROGRAM, "application/octet-stream", "program")
    if head.startswith((b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b")):
        return FileType(ARCHIVE, "application/octet-stream", "compressed archive")
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html", b"<head", b"<body")):
        return FileType(WEBPAGE, "text/html", "HTML")
    if _looks_like_text(head):
        media_type = {"csv": "text/csv", "md": "text/markdown", "tsv": "text/tab-separated-values"}.get(ext, "text/plain")
        return FileType(TEXT, media_type, "text")
    return OCTET


def _iso_media(head: bytes) -> FileType:
    """ISO base media files (HEIF, AVIF, MP4, MOV, 3GP, M4A): decided by brands."""
    major = head[8:12]
    # Compatible brands follow the minor version, until the end of the ftyp box.
    box_size = int.from_bytes(head[0:4], "big")
    brands = {major} | {head[i:i + 4] for i in range(16, min(box_size, len(head)) - 3, 4)}
    if major in _HEIF_BRANDS or (brands & _HEIF_BRANDS and not brands & _AVIF_BRANDS and major not in (b"isom", b"mp41", b"mp42")):
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


def _zip_type(path: Path) -> FileType:
    """ZIP-based: an Office Open XML or OpenDocument file, or a plain ZIP.

    Opening the central directory (at the end of the file) also tells a
    truncated download from a whole one: :class:`zipfile.BadZipFile` then."""
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        if "mimetype" in names:
            mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
            if mimetype.startswith("application/vnd.oasis.opendocument"):
                return FileType(DOCUMENT, mimetype, "OpenDocument")
    if "[Content_Types].xml" in names:
        for prefix, (media_type, label) in _OOXML.items():
            if any(n.startswith(prefix) for n in names):
                return FileType(DOCUMENT, media_type, label)
    return FileType(ARCHIVE, "application/zip", "ZIP")


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
