"""Evidence files made on the spot for the import tests: phone-like photos
with EXIF date, GPS, camera and orientation; scans and documents; and bad
files of every kind the importer must refuse."""

from __future__ import annotations

import hashlib
import os
import struct
import zipfile
import zlib
from datetime import datetime
from pathlib import Path

from PIL import Image

# Nan town centre (the seat district of จ.น่าน), and a point in rural Nan.
NAN_TOWN = (18.7765, 100.7725)
NAN_RURAL = (19.20, 100.95)


def _dms(value: float) -> tuple[float, float, float]:
    value = abs(value)
    degrees = int(value)
    minutes_float = (value - degrees) * 60
    minutes = int(minutes_float)
    return float(degrees), float(minutes), round((minutes_float - minutes) * 60, 4)


def make_exif(taken: datetime | None = None, gps: tuple[float, float] | None = None,
              orientation: int | None = None, make: str = "", model: str = "") -> Image.Exif:
    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    if make:
        exif[0x010F] = make
    if model:
        exif[0x0110] = model
    if taken is not None:
        exif.get_ifd(0x8769)[0x9003] = taken.strftime("%Y:%m:%d %H:%M:%S")
    if gps is not None:
        lat, lon = gps
        info = exif.get_ifd(0x8825)
        info[1] = "N" if lat >= 0 else "S"
        info[2] = _dms(lat)
        info[3] = "E" if lon >= 0 else "W"
        info[4] = _dms(lon)
    return exif


def quadrant_image(size: tuple[int, int] = (400, 300)) -> Image.Image:
    """Red top-left quadrant on a blue background: shows which way is up."""
    image = Image.new("RGB", size, (20, 40, 200))
    image.paste((230, 20, 20), (0, 0, size[0] // 2, size[1] // 2))
    return image


def photo(path: Path, size: tuple[int, int] = (400, 300), *, taken: datetime | None = None,
          gps: tuple[float, float] | None = None, orientation: int | None = None,
          make: str = "Apple", model: str = "iPhone 13", fmt: str = "JPEG", seed: int = 0) -> Path:
    """A photo with EXIF; ``seed`` varies the pixels so photos differ in content."""
    image = quadrant_image(size)
    if seed:  # a 16-pixel block, placed and coloured by the seed, survives JPEG
        x = (seed * 16) % max(16, size[0] - 16)
        y = size[1] - 16 - (seed * 16 // max(16, size[0] - 16) * 16) % max(16, size[1] // 2 - 16)
        image.paste(((seed * 37) % 256, 255, (seed * 91) % 256), (x, y, x + 16, y + 16))
    exif = make_exif(taken, gps, orientation, make, model)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "HEIF":
        import pillow_heif

        pillow_heif.register_heif_opener()
        image.save(path, format="HEIF", exif=exif.tobytes(), quality=70)
    elif fmt == "PNG":
        image.save(path, format="PNG", exif=exif)
    else:
        image.save(path, format=fmt, exif=exif, quality=90)
    return path


def scanned_pdf(path: Path, pages: int = 2, size: tuple[int, int] = (620, 877)) -> Path:
    """A PDF of scanned pages: one full-page JPEG image per page (A4 ratio)."""
    first = quadrant_image(size)
    rest = [quadrant_image(size) for _ in range(pages - 1)]
    path.parent.mkdir(parents=True, exist_ok=True)
    first.save(path, format="PDF", resolution=75, save_all=True, append_images=rest)
    return path


def text_pdf(path: Path) -> Path:
    """A typeset PDF without images (nothing to make a thumbnail from)."""
    from reportlab.pdfgen import canvas

    path.parent.mkdir(parents=True, exist_ok=True)
    pdf = canvas.Canvas(str(path))
    pdf.drawString(72, 720, "Certification of use")
    pdf.showPage()
    pdf.save()
    return path


def docx(path: Path) -> Path:
    """A minimal Office Open XML word-processing file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        archive.writestr("word/document.xml",
                         '<?xml version="1.0"?>'
                         '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
                         + "x" * 2000)
    return path


def mp3(path: Path) -> Path:
    """An ID3-tagged MP3 header followed by silent frames (not playable, but typed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frame = b"\xff\xfb\x90\x64" + b"\x00" * 413
    path.write_bytes(b"ID3\x04\x00\x00\x00\x00\x00\x00" + frame * 20)
    return path


# -- bad files ------------------------------------------------------------------

def empty(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"")
    return path


def truncated_copy(source: Path, path: Path, keep: float = 0.5) -> Path:
    data = source.read_bytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def noisy_png(path: Path, size: tuple[int, int] = (200, 200)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.effect_noise(size, 60).convert("RGB").save(path, format="PNG")
    return path


def html_named(path: Path) -> Path:
    """What a failed download saved under a photo's name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("<!DOCTYPE html><html><body>404 Not Found</body></html>", encoding="utf-8")
    return path


def program_named(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"MZ\x90\x00\x03" + b"\x00" * 500)
    return path


def png_bomb(path: Path, width: int = 30000, height: int = 30000) -> Path:
    """A tiny PNG whose header declares an enormous picture."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    data = zlib.compress(b"\x00" * (width + 1) * 2)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b""))
    return path


def broken_link(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(path.parent / "does-not-exist.jpg", path)
    return path


# -- checking ---------------------------------------------------------------------

def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file under ``folder``: content hash and modification time (ns)."""
    result = {}
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file() and not path.is_symlink():
            result[str(path.relative_to(folder))] = (sha256(path), path.stat().st_mtime_ns)
    return result
