"""The zip around an archive's parts: opening it, and the checks every
member passes before anything is read (names, each once, no encryption, a
compression Python reads), whatever the format version."""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from ..errors import UserError
from ..i18n import register
from ..storage.store import SHA256_RE

FILES_PREFIX = "files/"
#: Compression methods the zip module reads (the export uses the first two).
READABLE_COMPRESSION = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}

# What reading a damaged member raises, by decompressor.
DAMAGED: tuple[type[BaseException], ...] = (zipfile.BadZipFile, zlib.error, EOFError, ValueError,
                                             NotImplementedError, RuntimeError)
try:
    import lzma

    DAMAGED += (lzma.LZMAError,)
except ImportError:  # pragma: no cover - Python is normally built with lzma
    pass

register({
    "archive.not_zip": (
        "“{path}” ไม่ใช่แฟ้มสำรอง EnT Portfolio (.entp) หรือแฟ้มเสียหาย",
        "“{path}” is not an EnT Portfolio archive (.entp), or it is damaged.",
    ),
    "archive.bad_member": (
        "แฟ้มสำรองมีชื่อไฟล์ที่ไม่ปลอดภัย “{name}” จึงไม่นำเข้า ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The archive holds an unsafe file name “{name}”; nothing was imported.",
    ),
    "archive.unexpected_member": (
        "แฟ้มสำรองมีไฟล์ที่ไม่รู้จัก “{name}” จึงไม่นำเข้า ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The archive holds an unexpected file “{name}”; nothing was imported.",
    ),
    "archive.member_twice": (
        "แฟ้มสำรองมีไฟล์ชื่อ “{name}” ซ้ำกันสองไฟล์ จึงไม่รู้ว่าไฟล์ใดถูกต้อง และไม่นำเข้า — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The archive holds two files named “{name}”, so which one is right cannot be told; nothing was imported. "
        "Nothing was changed.",
    ),
    "archive.encrypted": (
        "ไฟล์ “{name}” ในแฟ้มสำรองถูกเข้ารหัสด้วยรหัสผ่าน ซึ่ง EnT Portfolio ไม่ได้สร้างแบบนี้ จึงไม่นำเข้า — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The file “{name}” in the archive is password-protected, which EnT Portfolio never does; nothing was "
        "imported. Nothing was changed.",
    ),
    "archive.unsupported_compression": (
        "ไฟล์ “{name}” ในแฟ้มสำรองถูกบีบอัดด้วยวิธีที่อ่านไม่ได้ (วิธีที่ {method}) จึงไม่นำเข้า — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The file “{name}” in the archive is compressed in a way that cannot be read (method {method}); nothing "
        "was imported. Nothing was changed.",
    ),
})


def check_member_name(name: str, allowed: Callable[[str], bool]) -> None:
    path = PurePosixPath(name)
    if (
        name.startswith("/")
        or "\\" in name
        or ":" in name
        or any(part in ("..", "") for part in path.parts)
        or name != str(path)
    ):
        raise UserError("archive.bad_member", name=printable(name))
    if allowed(name) or is_file_member(name):
        return
    raise UserError("archive.unexpected_member", name=printable(name))


def printable(text: str) -> str:
    """A name from the archive as a message may quote it (a console cannot
    print a lone surrogate; a name may be very long)."""
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= 120 else text[:119] + "…"


def check_members(archive: zipfile.ZipFile, allowed: Callable[[str], bool]) -> None:
    """Names, each once (a zip may hold two members of one name, and readers
    disagree about which one counts), no encryption, a readable compression."""
    seen: set[str] = set()
    for info in archive.infolist():
        check_member_name(info.filename, allowed)
        if info.filename in seen:
            raise UserError("archive.member_twice", name=info.filename)
        seen.add(info.filename)
        if info.flag_bits & 0x1:
            raise UserError("archive.encrypted", name=info.filename)
        if info.compress_type not in READABLE_COMPRESSION:
            raise UserError("archive.unsupported_compression", name=info.filename, method=info.compress_type)


def open_zip(source: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError, OverflowError):
        raise UserError("archive.not_zip", path=printable(str(source))) from None


def is_file_member(name: str) -> bool:
    """``files/<sha256>``: one evidence file, named by its hash."""
    return name.startswith(FILES_PREFIX) and SHA256_RE.match(name[len(FILES_PREFIX):]) is not None
