"""Whether a file may become evidence: one check for every way a file comes in.

The evidence importer, a letter attached by hand and a file arriving in an
``.entp`` archive all ask :func:`check_evidence_file`: a regular, readable,
non-empty file within :class:`ImportLimits`, whose content is what its name
says (:mod:`.sniff`), that decodes or parses to the end (:mod:`.probe`), and
that is not a program.  A file that fails is refused with a sentence naming
it and the reason (:class:`EvidenceRefused`); nothing is stored here.
Names that are not UTF-8 (TIS-620 from an old Windows machine) are made
readable by :func:`readable_name`."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..errors import UserError, ValidationError
from ..i18n import register
from .probe import DEFAULT_MAX_FILE_BYTES, Probe, Refused, probe_file

register({
    # Reasons a file is refused; each names the file.
    "import.missing": ("ไม่พบไฟล์ “{name}”", "“{name}” was not found"),
    "import.broken_link": ("“{name}” เป็นทางลัดไปยังไฟล์ที่ไม่มีอยู่แล้ว",
                           "“{name}” is a shortcut to a file that no longer exists"),
    "import.not_regular": ("“{name}” ไม่ใช่ไฟล์ธรรมดา", "“{name}” is not a regular file"),
    "import.unreadable": ("อ่านไฟล์ “{name}” ไม่ได้ ({detail})", "“{name}” cannot be read ({detail})"),
    "import.empty": ("ไฟล์ “{name}” ว่างเปล่า (0 ไบต์)", "“{name}” is empty (0 bytes)"),
    "import.too_large": (
        "ไฟล์ “{name}” ใหญ่เกินไป ({size} MB เกินขีดจำกัด {limit} MB)",
        "“{name}” is too large ({size} MB; the limit is {limit} MB)",
    ),
    "import.truncated": (
        "ไฟล์ “{name}” ไม่สมบูรณ์ ข้อมูลขาดหายไป (อาจคัดลอกหรือดาวน์โหลดไม่ครบ)",
        "“{name}” is incomplete: its data is cut short (it may not have finished copying or downloading)",
    ),
    "import.mismatch": (
        "ไฟล์ “{name}” มีนามสกุล .{ext} แต่เนื้อในเป็นไฟล์ {actual}",
        "“{name}” is named .{ext} but its content is {actual}",
    ),
    "import.bomb": (
        "ภาพ “{name}” ระบุขนาดใหญ่ผิดปกติ ({megapixels} ล้านพิกเซล) อาจเป็นไฟล์อันตราย",
        "“{name}” declares an abnormally large picture ({megapixels} megapixels) and may be a decompression bomb",
    ),
    "import.program": ("ไฟล์ “{name}” เป็นโปรแกรม ไม่ใช่หลักฐาน", "“{name}” is a program, not evidence"),
    "import.zip_bomb": (
        "ไฟล์ “{name}” มีข้อมูลบีบอัดที่ขยายตัวได้มากผิดปกติ อาจเป็นไฟล์อันตราย",
        "“{name}” holds compressed content that would expand abnormally and may be a decompression bomb",
    ),
    "import.changed": (
        "ไฟล์ “{name}” เปลี่ยนไประหว่างนำเข้า (อาจยังคัดลอกหรือซิงก์ไม่เสร็จ) โปรดนำเข้าอีกครั้งเมื่อเสร็จแล้ว",
        "“{name}” changed while it was being imported (it may still be copying or syncing); "
        "import it again once it is finished",
    ),
    "import.folder_link": (
        "“{name}” เป็นทางลัดไปยังโฟลเดอร์ จึงไม่ได้นำเข้าไฟล์ในนั้น โปรดเลือกโฟลเดอร์นั้นโดยตรง",
        "“{name}” is a shortcut to a folder, so its files were not imported; choose that folder itself",
    ),
    "import.link_loop": (
        "“{name}” เป็นทางลัดที่วนกลับมาหาตัวเอง ไม่ได้ชี้ไปยังไฟล์ใด",
        "“{name}” is a shortcut that loops back on itself and leads to no file",
    ),
    "import.unreadable_folder": (
        "เปิดโฟลเดอร์ “{name}” ไม่ได้ ({detail}) จึงไม่ได้นำเข้าไฟล์ในโฟลเดอร์นั้น",
        "The folder “{name}” cannot be opened ({detail}), so its files were not imported",
    ),
    "import.bad_limit": (
        "ขีดจำกัดการนำเข้า “{field}” ต้องเป็นจำนวนเต็มมากกว่า 0 (ได้รับ {value}) — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The import limit “{field}” must be a whole number above 0 (got {value}). Nothing was changed.",
    ),
    "import.damaged": ("ไฟล์ “{name}” เสียหาย เปิดอ่านไม่ได้ ({detail})",
                       "“{name}” is damaged and cannot be opened ({detail})"),
    "import.storage": ("บันทึกไฟล์ “{name}” ไม่สำเร็จ: {detail}", "“{name}” could not be saved: {detail}"),
})


@dataclass(frozen=True)
class ImportLimits:
    #: Files larger than this are refused (default 500 MB).
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    #: Pictures with more pixels are refused as decompression bombs.  None:
    #: Pillow's ``Image.MAX_IMAGE_PIXELS`` (twice that for JPEG, which is
    #: decoded at 1/8 scale).
    max_pixels: int | None = None

    def __post_init__(self) -> None:
        # Checked here, once, for every caller: a zero, a NaN turned into an
        # int or a negative number must never mean "no limit".
        for field_name in ("max_file_bytes", "max_pixels"):
            value = getattr(self, field_name)
            if value is None and field_name == "max_pixels":
                continue
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValidationError("import.bad_limit", field=field_name, value=repr(value))


def readable_name(text: str) -> str:
    """A path or file name as the operating system gave it, made readable
    and storable.

    A name that is not UTF-8 (a Thai name from an old Windows machine, in
    TIS-620/cp874, on a USB stick) reaches Python as lone surrogates, which
    can be opened but neither printed nor written to the database.  Each
    part of the path is decoded on its own — UTF-8, then cp874 (the Windows
    superset of TIS-620), then UTF-8 with replacement characters — so a Thai
    folder in UTF-8 holding a cp874 file name reads right in both."""
    if not any("\ud800" <= ch <= "\udfff" for ch in text):
        return text
    return os.sep.join(_readable_part(part) for part in text.split(os.sep))


def _readable_part(part: str) -> str:
    try:
        raw = os.fsencode(part)
    except UnicodeEncodeError:  # a surrogate no byte on disk stands for
        return part.encode("utf-8", "replace").decode("utf-8")
    for encoding in ("utf-8", "cp874"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace")


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.1f}"


# -- the import ---------------------------------------------------------------


def checked_size(path: Path, name: str, limits: ImportLimits) -> int:
    """The size of a regular, non-empty file within the limits, or Refused."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise Refused("import.broken_link" if os.path.islink(path) else "import.missing", name=name) from None
    except ValueError:  # a NUL or a lone surrogate: a name no file on disk can have
        raise Refused("import.missing", name=name) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Refused("import.link_loop", name=name) from None
        raise Refused("import.unreadable", name=name, detail=exc.strerror or str(exc)) from exc
    if stat.S_ISDIR(info.st_mode):
        raise Refused("import.folder_link" if os.path.islink(path) else "import.not_regular", name=name)
    if not stat.S_ISREG(info.st_mode):
        raise Refused("import.not_regular", name=name)
    size = info.st_size
    if size == 0:
        raise Refused("import.empty", name=name)
    if size > limits.max_file_bytes:
        raise Refused("import.too_large", name=name, size=megabytes(size), limit=megabytes(limits.max_file_bytes))
    return size


def refusal_of(exc: BaseException, name: str) -> Refused:
    """Any failure while checking or storing one file, as its refusal: a
    file never stops the batch."""
    if isinstance(exc, Refused):
        return exc
    if isinstance(exc, UserError):  # StorageError: disk full, I/O error
        return Refused("import.storage", name=name, detail=exc.message())
    detail = readable_name(f"{type(exc).__name__}: {exc}"[:200])
    return Refused("import.damaged", name=name, detail=detail)


class EvidenceRefused(ValidationError):
    """A file the evidence importer does not take; the message names the
    file and says why (``key`` is the reason, e.g. ``import.program``)."""


def check_evidence_file(path: Path | str, name: str | None = None, *,
                        limits: ImportLimits | None = None, thumbnail: bool = True) -> Probe:
    """Whether ``path`` would be accepted as evidence: the checks
    :func:`import_evidence` makes before storing a file, and nothing stored.

    ``name`` is the file as the lecturer knows it (default: ``path``): it is
    named in the message, and its extension is what the content must agree
    with — pass the record's ``original_name`` for a file staged under its
    hash.  ``limits`` default to :class:`ImportLimits` (500 MB).  Without
    ``thumbnail`` the same checks are made and no thumbnail is kept.

    Returns what the file was found to be (:class:`~ent_portfolio.media.probe.Probe`);
    raises :class:`EvidenceRefused` (a :class:`~ent_portfolio.errors.UserError`)
    for a file that would be refused, and nothing else."""
    path = Path(path)
    name = readable_name(str(path) if name is None else name)
    limits = limits or ImportLimits()
    try:
        size = checked_size(path, name, limits)
        return probe_file(path, name, size, limits.max_pixels, thumbnail=thumbnail)
    except Exception as exc:
        refusal = refusal_of(exc, name)
        raise EvidenceRefused(refusal.key, **refusal.params) from exc
