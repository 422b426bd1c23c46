"""The text of a scanned letter or document, read offline by Tesseract.

A lecturer searches for "the letter from the tambon office" by a word in it;
the scans' text makes that possible, and a reviewer's search of the dossier
too.  Thai OCR is modest (several percent of characters wrong), so the text
is for finding, never for filling a field.

Tesseract is a program, not a library: it runs as a subprocess with an
argument list (no shell, so no file name is ever interpreted), the picture
on its standard input and the text on its standard output, within a time
limit, one thread each (``OMP_THREAD_LIMIT=1``: the caller decides how many
run at once on a machine that is also doing other things).

What Tesseract is given is prepared here: upright (the EXIF orientation,
a PDF page's ``/Rotate``), grey, at about 300 dpi for an A4 page (a phone's
small picture is enlarged, a huge one reduced, so time and memory stay
bounded).  A PDF gives the pictures embedded in its first pages (a scanner
writes one per page); a PDF of typeset text has none and reads as "".

What it returns is cleaned so that search finds Thai words: Unicode NFC,
"ํา" (NIKHAHIT + SARA AA, which Tesseract writes) as the one character "ำ"
every keyboard types, the spaces Tesseract puts between Thai words removed,
blank runs folded.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import unicodedata
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path

from PIL import Image

from ..errors import UserError
from ..i18n import register

register({
    "ocr.missing_tesseract": (
        "ยังอ่านข้อความในภาพสแกนไม่ได้ เพราะเครื่องนี้ยังไม่มีโปรแกรม Tesseract พร้อมภาษาไทย "
        "(Debian/Ubuntu: ติดตั้ง tesseract-ocr และ tesseract-ocr-tha; Windows: ติดตั้ง Tesseract แล้วเลือกภาษาไทยด้วย; "
        "macOS: brew install tesseract tesseract-lang) ไฟล์ที่นำเข้ายังอยู่ครบ และจะอ่านข้อความได้เมื่อติดตั้งแล้ว",
        "The text of scans cannot be read yet: Tesseract with its Thai model is not installed on this computer "
        "(Debian/Ubuntu: install tesseract-ocr and tesseract-ocr-tha; Windows: install Tesseract and tick Thai; "
        "macOS: brew install tesseract tesseract-lang). The imported files are all kept, and their text is read "
        "once it is installed.",
    ),
    "ocr.missing_thai": (
        "พบโปรแกรม Tesseract แต่ยังไม่มีแบบจำลองภาษาไทย (tha) จึงยังอ่านข้อความภาษาไทยในภาพสแกนไม่ได้ "
        "(Debian/Ubuntu: ติดตั้ง tesseract-ocr-tha; Windows: ติดตั้ง Tesseract ใหม่แล้วเลือกภาษาไทย; "
        "macOS: brew install tesseract-lang) ไฟล์ที่นำเข้ายังอยู่ครบ",
        "Tesseract is installed but not its Thai model (tha), so the Thai text of scans cannot be read yet "
        "(Debian/Ubuntu: install tesseract-ocr-tha; Windows: reinstall Tesseract and tick Thai; "
        "macOS: brew install tesseract-lang). The imported files are all kept.",
    ),
    "ocr.unreadable": (
        "อ่านภาพในไฟล์ “{name}” ไม่ได้ จึงยังไม่มีข้อความจากภาพสแกนนี้ ({detail})",
        "The picture in “{name}” could not be read, so this scan has no text yet ({detail}).",
    ),
    "ocr.timeout": (
        "การอ่านข้อความในไฟล์ “{name}” ใช้เวลาเกิน {seconds} วินาที จึงหยุดไว้ก่อน ไฟล์ยังอยู่ครบ",
        "Reading the text of “{name}” took longer than {seconds} s and was stopped; the file is kept.",
    ),
    "ocr.failed": (
        "โปรแกรม Tesseract อ่านไฟล์ “{name}” ไม่สำเร็จ ({detail}) ไฟล์ยังอยู่ครบ",
        "Tesseract could not read “{name}” ({detail}); the file is kept.",
    ),
})

#: Resolution Tesseract reads best at, for a page of A4's size.
TARGET_DPI = 300
#: A picture with no page size (a photo, a PNG) is taken to be an A4 page
#: this many inches long, to know how much to enlarge it.
A4_LONG_INCHES = 11.69
#: Enlarging beyond this invents nothing more for Tesseract to read.
MAX_UPSCALE = 3.0
#: The most pixels one page is read at (A4 at 300 dpi is 8.7 million).
MAX_PAGE_PIXELS = 12_000_000
#: Pages of a PDF read: a scanned letter is one or two; a 200-page report
#: scanned whole would keep a core busy for minutes for little more to find.
MAX_PDF_PAGES = 10
#: An embedded picture smaller than this is a logo or a stamp, not a page.
MIN_PAGE_PICTURE_PIXELS = 200_000
#: Seconds one page may take (a dense A4 page takes 1–3 s on one core).
DEFAULT_TIMEOUT = 120.0
#: Characters kept of one file's text (a letter holds a few thousand).
MAX_TEXT_CHARS = 200_000
#: Where Tesseract is when it is not on PATH: the Windows installer's folder
#: (it does not add itself to PATH) and Homebrew's (a macOS app started from
#: the Dock does not see the shell's PATH).
_USUAL_PLACES = {
    "win32": [r"C:\Program Files\Tesseract-OCR\tesseract.exe",
              r"C:\Program Files (x86)\Tesseract-OCR\tesseract.exe"],
    "darwin": ["/opt/homebrew/bin/tesseract", "/usr/local/bin/tesseract"],
}

_THAI = "\u0e00-\u0e7f"
_SPACE_BETWEEN_THAI = re.compile(f"(?<=[{_THAI}])[ \t\u00a0]+(?=[{_THAI}])")
# Tesseract writes SARA AM as NIKHAHIT + SARA AA, a tone mark on either side
# of the NIKHAHIT; NFC does not join them (ำ has only a compatibility
# decomposition), and a search for "ตำบล" would not find "ตําบล".
_SPLIT_SARA_AM = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32")
_BLANKS = re.compile(r"[ \t\u00a0]+")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


class OcrUnavailable(UserError):
    """Tesseract or its Thai model is missing: the app works on without scans' text."""

    key = "ocr.missing_tesseract"


def normalise_text(raw: str) -> str:
    """Tesseract's output as stored: NFC, "ำ" whole, no space between two
    Thai characters, blanks folded, lines kept (empty ones dropped)."""
    textual = unicodedata.normalize("NFC", _CONTROL.sub(" ", raw.replace("\f", "\n")))
    lines = []
    for line in textual.splitlines():
        # The spaces first: "ํ า" is a split SARA AM too.
        line = _BLANKS.sub(" ", _SPLIT_SARA_AM.sub("\\1\u0e33", _SPACE_BETWEEN_THAI.sub("", line))).strip()
        if line:
            lines.append(line)
    return "\n".join(lines)[:MAX_TEXT_CHARS]


def tesseract_path() -> str | None:
    """The Tesseract program: on PATH, else where its installer usually puts it."""
    found = shutil.which("tesseract")
    if found:
        return found
    for place in _USUAL_PLACES.get(sys.platform, []):
        if Path(place).is_file():
            return place
    return None


@lru_cache(maxsize=8)
def _languages(program: str) -> frozenset[str]:
    try:
        listed = subprocess.run([program, "--list-langs"], stdin=subprocess.DEVNULL, capture_output=True,
                                timeout=30, env=_environment(), check=False)
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    # The first line is "List of available languages in …"; the rest one each.
    lines = (listed.stdout or b"").decode("utf-8", "replace").splitlines()[1:]
    return frozenset(line.strip() for line in lines if line.strip())


def missing_reason() -> str | None:
    """The message key saying what to install, or None when Thai OCR works."""
    program = tesseract_path()
    if program is None:
        return "ocr.missing_tesseract"
    languages = _languages(program)
    if not languages:
        return "ocr.missing_tesseract"  # there, but does not run
    if "tha" not in languages:
        return "ocr.missing_thai"
    return None


def tesseract_available() -> bool:
    """Whether Tesseract and its Thai model are installed."""
    return missing_reason() is None


def _environment() -> dict[str, str]:
    environment = dict(os.environ)
    environment["OMP_THREAD_LIMIT"] = "1"
    return environment


# -- what Tesseract is shown --------------------------------------------------------

def _for_reading(picture: Image.Image, page_long_inches: float = A4_LONG_INCHES) -> Image.Image:
    """Grey, at about :data:`TARGET_DPI` for a page ``page_long_inches`` long,
    never more than :data:`MAX_PAGE_PIXELS`."""
    grey = picture.convert("L") if picture.mode != "L" else picture
    width, height = grey.size
    scale = min(MAX_UPSCALE, TARGET_DPI * page_long_inches / max(width, height))
    scale = min(scale, (MAX_PAGE_PIXELS / (width * height)) ** 0.5)
    if abs(scale - 1) > 0.05:
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        # Bicubic, not Lanczos: Lanczos rings around JPEG noise, which
        # Tesseract reads as marks (measured: 3 % of characters wrong instead of 6 %).
        grey = grey.resize(size, Image.Resampling.BICUBIC if scale > 1 else Image.Resampling.BOX)
    return grey


def _pictures_of_image(path: Path) -> Iterator[Image.Image]:
    from .faces import open_upright

    # A little above an A4 page at 300 dpi: a 48-megapixel photo is decoded
    # at a quarter of its size (JPEG draft mode) instead of whole.
    yield _for_reading(open_upright(path, round(1.2 * TARGET_DPI * A4_LONG_INCHES)))


def _pictures_of_pdf(path: Path) -> Iterator[Image.Image]:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    if reader.is_encrypted and not reader.decrypt(""):
        return  # password-protected: nothing to read
    limit = Image.MAX_IMAGE_PIXELS or 0
    for page in list(reader.pages)[:MAX_PDF_PAGES]:
        key = _page_picture(page, limit)
        if key is None:
            continue
        image = page.images[key].image
        rotate = int(page.get("/Rotate", 0) or 0) % 360
        if rotate:
            image = image.rotate(-rotate, expand=True)  # /Rotate is clockwise
        box = page.mediabox
        long_inches = max(float(box.width), float(box.height)) / 72 or A4_LONG_INCHES
        yield _for_reading(image, long_inches)


def _page_picture(page, limit: int) -> str | None:
    """The name of the picture that is the page (the largest embedded one),
    judged by its declared size so that a picture claiming a billion pixels
    is refused before anything is decoded."""
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else None
    xobjects = resources.get("/XObject") if resources is not None else None
    if xobjects is None:
        return None
    best = None
    for key, ref in xobjects.get_object().items():
        obj = ref.get_object()
        if obj.get("/Subtype") != "/Image":
            continue
        pixels = int(obj.get("/Width", 0) or 0) * int(obj.get("/Height", 0) or 0)
        if pixels < MIN_PAGE_PICTURE_PIXELS or (limit and pixels > limit):
            continue
        if best is None or pixels > best[0]:
            best = (pixels, key)
    return None if best is None else best[1]


def page_pictures(path: Path | str) -> Iterator[Image.Image]:
    """The pictures to read in the file at ``path``: the image itself, or the
    page pictures of a scanned PDF's first :data:`MAX_PDF_PAGES` pages.
    Raises ``OSError`` or ``ValueError`` for a file that cannot be read."""
    path = Path(path)
    with path.open("rb") as handle:
        is_pdf = handle.read(1024).lstrip().startswith(b"%PDF")
    try:
        yield from (_pictures_of_pdf(path) if is_pdf else _pictures_of_image(path))
    except (OSError, ValueError):
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf and Pillow report damage with many exception types
        raise ValueError(f"{type(exc).__name__}: {exc}"[:200]) from exc


# -- reading ------------------------------------------------------------------------------

def _stop(process: subprocess.Popen) -> None:
    if os.name == "posix":
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    else:
        process.kill()


def _run_tesseract(program: str, png: bytes, lang: str, timeout: float, name: str,
                   cancelled: Callable[[], bool] | None) -> str:
    command = [program, "stdin", "stdout", "-l", lang, "--psm", "3", "--dpi", str(TARGET_DPI)]
    # Its own process group, so that stopping it stops anything it started.
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=_environment(), start_new_session=os.name == "posix")
    # One communicate() call with the whole input: a retried communicate()
    # after a timeout never writes the rest of its input (CPython registers
    # stdin only on the first call), so Cancel is watched from beside it.
    stopped = threading.Event()
    by_cancel = threading.Event()

    def watch() -> None:
        while not stopped.wait(0.2):
            if cancelled is not None and cancelled():
                by_cancel.set()
                _stop(process)
                return

    watcher = threading.Thread(target=watch, name="ocr-cancel", daemon=True)
    watcher.start()
    try:
        out, err = process.communicate(png, timeout=timeout)
    except subprocess.TimeoutExpired:
        _stop(process)
        process.communicate()
        raise UserError("ocr.timeout", name=name, seconds=round(timeout)) from None
    finally:
        stopped.set()
        watcher.join()
        if process.poll() is None:  # interrupted by anything else: no Tesseract left running
            _stop(process)
            process.communicate()
    if by_cancel.is_set():
        from ..jobs import Cancelled

        raise Cancelled()
    if process.returncode != 0:
        detail = (err or b"").decode("utf-8", "replace").strip().splitlines()
        raise UserError("ocr.failed", name=name, detail=(detail[-1] if detail else f"exit {process.returncode}")[:160])
    return out.decode("utf-8", "replace")


def recognise(path: Path | str, *, lang: str = "tha+eng", timeout: float = DEFAULT_TIMEOUT,
              name: str | None = None, cancelled: Callable[[], bool] | None = None) -> str:
    """The text in the picture or scanned PDF at ``path``, cleaned by
    :func:`normalise_text` ("" when there is none).

    ``timeout`` bounds each page; ``name`` is what messages call the file;
    ``cancelled()`` is polled while Tesseract works.  Raises
    :class:`OcrUnavailable` when Tesseract or its Thai model is missing and
    a :class:`~ent_portfolio.errors.UserError` (``ocr.unreadable``,
    ``ocr.timeout``, ``ocr.failed``) for a file it cannot read."""
    name = name or Path(path).name
    reason = missing_reason()
    if reason is not None:
        raise OcrUnavailable(reason)
    program = tesseract_path()
    assert program is not None  # missing_reason() found it
    texts = []
    try:
        for picture in page_pictures(path):
            buffer = io.BytesIO()
            picture.save(buffer, "PNG", dpi=(TARGET_DPI, TARGET_DPI), compress_level=1)
            texts.append(_run_tesseract(program, buffer.getvalue(), lang, timeout, name, cancelled))
    except (OSError, ValueError) as exc:
        raise UserError("ocr.unreadable", name=name, detail=str(exc)[:160] or type(exc).__name__) from exc
    return normalise_text("\n".join(texts))
