"""Look inside one file before it is stored: is it what it claims, is it whole,
and what does it already know (pixel size, EXIF, page count)?

:func:`probe_file` either returns a :class:`Probe` or raises :class:`Refused`
with a message key naming the file and the reason.  It only reads the file."""

from __future__ import annotations

import mimetypes
import struct
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pillow_heif
from PIL import Image
from pypdf import PdfReader

from . import sniff as sn
from .exif import PhotoInfo, read_exif
from .render import decode_to_the_end, encode_jpeg, render_thumbnail, upright_size

pillow_heif.register_heif_opener()  # phones' HEIC/HEIF photos

DEFAULT_MAX_FILE_BYTES = 500 * 1024 * 1024


class Refused(Exception):
    """A file that must not be imported; ``key`` and ``params`` make the message."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(key, params)


@dataclass
class Probe:
    file_type: sn.FileType
    kind: str
    media_type: str
    size: int
    width: int | None = None
    height: int | None = None
    orientation: int | None = None
    page_count: int | None = None
    date_taken: datetime | None = None
    latitude: float | None = None
    longitude: float | None = None
    camera: str = ""
    #: A JPEG thumbnail, ready to be cached under the file's hash.
    thumbnail: bytes | None = None


def pixel_limit(file_type: sn.FileType, max_pixels: int | None) -> int:
    """Largest picture accepted.  Pillow's own ``Image.MAX_IMAGE_PIXELS`` by
    default; JPEG may have twice that (up to the point where Pillow itself
    refuses to open it), because draft mode decodes it at 1/8 scale, so a
    108-megapixel phone photo costs a few megabytes, not 300."""
    limit = max_pixels if max_pixels is not None else (Image.MAX_IMAGE_PIXELS or 0)
    if not limit:
        return 0
    return 2 * limit if file_type.media_type == "image/jpeg" and max_pixels is None else limit


def probe_file(path: Path, name: str, size: int, max_pixels: int | None = None, *,
               thumbnail: bool = True) -> Probe:
    """Inspect ``path`` (its ``size`` already checked non-zero and within limits).

    ``name`` is how the file is called in messages, and its extension is what
    the file claims to be (a file staged under its hash has none of its own).
    Without ``thumbnail`` a picture is decoded to the end all the same (the
    check is the same) but no thumbnail is made: an archive's import, which
    keeps none, checked 50,000 photos at a faculty's size, and making and
    encoding the thumbnail was most of each one's cost."""
    if sn.is_program_name(name):
        raise Refused("import.program", name=name)
    try:
        head = sn.read_head(path)
    except OSError as exc:
        raise _unreadable(exc, name) from exc
    claimed = sn.expected_family(name)
    try:
        file_type = sn.sniff(path, head, name=name)
    except sn.ZipBomb as exc:
        raise Refused("import.zip_bomb", name=name) from exc
    except zipfile.BadZipFile as exc:
        if claimed == sn.DOCUMENT or head.startswith(b"PK\x03\x04"):
            raise Refused("import.truncated", name=name) from exc
        raise Refused("import.damaged", name=name, detail=str(exc)) from exc
    except OSError as exc:
        raise _unreadable(exc, name) from exc
    except (ValueError, EOFError, struct.error, NotImplementedError, RuntimeError, OverflowError) as exc:
        # zipfile's ways of saying a central directory is not what it claims.
        raise Refused("import.damaged", name=name, detail=str(exc)[:200] or type(exc).__name__) from exc
    if file_type.family == sn.PROGRAM:
        raise Refused("import.program", name=name)
    if not sn.agrees(claimed, file_type):
        raise Refused("import.mismatch", name=name, ext=sn.extension_of(name), actual=file_type.label)
    kind = sn.evidence_kind(file_type, claimed)
    probe = Probe(file_type, kind, _media_type(file_type, kind, claimed, name), size)
    try:
        if file_type.family == sn.IMAGE:
            _probe_image(path, name, probe, max_pixels, thumbnail)
        elif file_type.family == sn.PDF:
            _probe_pdf(path, name, probe, max_pixels)
    except OSError as exc:  # opening it again to decode
        raise _unreadable(exc, name) from exc
    return probe


def _media_type(file_type: sn.FileType, kind: str, claimed: str | None, name: str) -> str:
    """The sniffed media type, or, for a container that holds sound or moving
    pictures alike (MP4, Matroska), the one its name says: the content alone
    cannot tell a voice memo from a film."""
    media_type = file_type.media_type
    if file_type.family in (sn.MEDIA, sn.UNKNOWN) and claimed in (sn.AUDIO, sn.VIDEO):
        guessed = mimetypes.guess_type(Path(name).name)[0]
        if guessed and guessed.split("/")[0] in ("audio", "video"):
            media_type = guessed
        elif kind == "audio" and media_type.startswith("video/"):
            media_type = "audio/mp4"
    return media_type


def _unreadable(exc: OSError, name: str) -> Refused:
    """Why a file listed a moment ago cannot be read now."""
    if isinstance(exc, sn.NotARegularFile):  # replaced by a pipe or a device
        return Refused("import.not_regular", name=name)
    if isinstance(exc, FileNotFoundError):  # taken away (a USB stick pulled, a sync client)
        return Refused("import.missing", name=name)
    return Refused("import.unreadable", name=name, detail=exc.strerror or str(exc))


def _probe_image(path: Path, name: str, probe: Probe, max_pixels: int | None, thumbnail: bool = True) -> None:
    with sn.open_regular(path) as handle:
        try:
            with Image.open(handle) as image:
                width, height = image.size
                limit = pixel_limit(probe.file_type, max_pixels)
                if limit and width * height > limit:
                    raise Refused("import.bomb", name=name, megapixels=f"{width * height / 1e6:,.0f}")
                info: PhotoInfo = read_exif(image)
                if thumbnail:
                    probe.thumbnail = encode_jpeg(render_thumbnail(image, info.orientation))
                else:
                    decode_to_the_end(image)
        except Refused:
            raise
        except Image.DecompressionBombError as exc:
            raise Refused("import.bomb", name=name, megapixels=_declared_megapixels(str(exc))) from exc
        except (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError, KeyError,
                RuntimeError, MemoryError) as exc:
            # Pillow reports damage with a zoo of exception types.
            text = str(exc)
            if "truncated" in text.lower() or isinstance(exc, EOFError):
                raise Refused("import.truncated", name=name) from exc
            if isinstance(exc, OSError) and exc.errno is not None:
                raise Refused("import.unreadable", name=name, detail=exc.strerror or text) from exc
            raise Refused("import.damaged", name=name, detail=text[:200] or type(exc).__name__) from exc
    probe.width, probe.height = upright_size(width, height, info.orientation)
    probe.orientation = info.orientation
    probe.date_taken = info.date_taken
    probe.latitude, probe.longitude = info.latitude, info.longitude
    probe.camera = info.camera


def _declared_megapixels(text: str) -> str:
    # "Image size (900000000 pixels) exceeds limit of …"
    for word in text.replace("(", " ").split():
        if word.isdigit():
            return f"{int(word) / 1e6:,.0f}"
    return "?"


# -- PDF -----------------------------------------------------------------------
# Page count and a first-page thumbnail come from pypdf (pure Python, small).
# It cannot render vector pages; a scanned letter, though, is one big image on
# its page, and that image makes a faithful thumbnail.  A PDF of typeset text
# gets a page count and no thumbnail.

def _probe_pdf(path: Path, name: str, probe: Probe, max_pixels: int | None) -> None:
    with sn.open_regular(path) as handle:
        handle.seek(max(0, probe.size - 2048))
        if b"%%EOF" not in handle.read():
            # Every complete PDF ends with %%EOF (readers allow a little trailing
            # junk); a download cut short does not.
            raise Refused("import.truncated", name=name)
        handle.seek(0)
        _read_pdf(handle, name, probe, max_pixels)


def _read_pdf(handle, name: str, probe: Probe, max_pixels: int | None) -> None:
    try:
        reader = PdfReader(handle)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    return  # password-protected: stored as it is, pages unknown
            except Exception:
                return
        probe.page_count = len(reader.pages)
    except Exception as exc:  # pypdf raises many kinds on broken files
        raise Refused("import.damaged", name=name, detail=str(exc)[:200] or type(exc).__name__) from exc
    try:
        probe.thumbnail = _pdf_thumbnail(reader, max_pixels)
    except Exception:
        probe.thumbnail = None  # no thumbnail is fine; the file itself is whole


def _pdf_thumbnail(reader, max_pixels: int | None) -> bytes | None:
    if not reader.pages:
        return None
    page = reader.pages[0]
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else None
    xobjects = resources.get("/XObject") if resources is not None else None
    if xobjects is None:
        return None
    xobjects = xobjects.get_object()
    best = None
    for key, ref in xobjects.items():
        obj = ref.get_object()
        if obj.get("/Subtype") != "/Image":
            continue
        width, height = int(obj.get("/Width", 0)), int(obj.get("/Height", 0))
        if width > 0 and height > 0 and (best is None or width * height > best[1] * best[2]):
            best = (key, width, height)
    if best is None:
        return None
    key, width, height = best
    limit = max_pixels if max_pixels is not None else (Image.MAX_IMAGE_PIXELS or 0)
    if limit and width * height > limit:
        return None
    box = page.mediabox
    page_ratio = min(float(box.width), float(box.height)) / max(float(box.width), float(box.height))
    image_ratio = min(width, height) / max(width, height)
    if abs(page_ratio - image_ratio) > 0.12:
        return None  # a logo or a figure, not a scan of the whole page
    image = page.images[key].image
    thumb = render_thumbnail(image, None)
    rotate = int(page.get("/Rotate", 0) or 0) % 360
    if rotate:
        thumb = thumb.rotate(-rotate, expand=True)  # /Rotate is clockwise
    return encode_jpeg(thumb)


def thumbnail_of_file(path: Path, max_pixels: int | None = None) -> bytes | None:
    """A JPEG thumbnail of any stored file, or None when none can be made."""
    try:
        size = Path(path).stat().st_size
        if not size:
            return None
        return probe_file(Path(path), Path(path).name, size, max_pixels).thumbnail
    except (Refused, OSError):
        return None
