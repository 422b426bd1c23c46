"""What a photo already knows about itself: EXIF date taken, GPS position,
camera, orientation.  Read from an opened Pillow image (JPEG, PNG, WebP,
TIFF and HEIF all expose ``getexif()``); nothing here decodes pixels."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PIL import Image

TAG_ORIENTATION = 0x0112
TAG_MAKE = 0x010F
TAG_MODEL = 0x0110
TAG_DATETIME = 0x0132
IFD_EXIF = 0x8769
IFD_GPS = 0x8825
TAG_DATETIME_ORIGINAL = 0x9003
TAG_DATETIME_DIGITIZED = 0x9004
GPS_LAT_REF, GPS_LAT, GPS_LON_REF, GPS_LON = 1, 2, 3, 4

# Dates outside this range are a camera with a flat clock battery, not a photo.
EARLIEST_YEAR = 1990
LATEST_YEAR = 2100


@dataclass(frozen=True)
class PhotoInfo:
    #: Wall-clock time the camera recorded, naive (EXIF has no reliable zone):
    #: the local time the lecturer saw, which is what activity dates mean too.
    date_taken: datetime | None = None
    latitude: float | None = None
    longitude: float | None = None
    camera: str = ""
    #: EXIF orientation 1–8 (1 = upright), None when the file has none.
    orientation: int | None = None


def read_exif(image: Image.Image) -> PhotoInfo:
    try:
        exif = image.getexif()
    except Exception:  # a damaged EXIF block must not lose the photo
        return PhotoInfo()
    if not exif:
        return PhotoInfo()
    try:
        sub = exif.get_ifd(IFD_EXIF)
    except Exception:
        sub = {}
    try:
        gps = exif.get_ifd(IFD_GPS)
    except Exception:
        gps = {}
    taken = (parse_exif_datetime(sub.get(TAG_DATETIME_ORIGINAL))
             or parse_exif_datetime(sub.get(TAG_DATETIME_DIGITIZED))
             or parse_exif_datetime(exif.get(TAG_DATETIME)))
    latitude, longitude = gps_position(gps)
    return PhotoInfo(
        date_taken=taken,
        latitude=latitude,
        longitude=longitude,
        camera=camera_name(exif.get(TAG_MAKE), exif.get(TAG_MODEL)),
        orientation=_orientation(exif.get(TAG_ORIENTATION)),
    )


def parse_exif_datetime(value: object) -> datetime | None:
    """``"2025:03:14 10:22:00"`` → datetime; blanks, zeros and nonsense → None."""
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    if not isinstance(value, str):
        return None
    text = value.strip("\x00 ").strip()
    if len(text) < 19:
        return None
    text = text[:19]
    for fmt in ("%Y:%m:%d %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"):
        try:
            parsed = datetime.strptime(text, fmt)
        except ValueError:
            continue
        return parsed if EARLIEST_YEAR <= parsed.year <= LATEST_YEAR else None
    return None


def _rational(value: object) -> float:
    if isinstance(value, tuple) and len(value) == 2:  # (numerator, denominator)
        num, den = value
        return float(num) / float(den)
    return float(value)  # IFDRational, int, float


def _degrees(value: object) -> float | None:
    try:
        if isinstance(value, (tuple, list)):
            parts = [_rational(v) for v in value]
            while len(parts) < 3:
                parts.append(0.0)
            deg, minutes, seconds = parts[:3]
            return deg + minutes / 60.0 + seconds / 3600.0
        return _rational(value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None


def _ref(value: object) -> str:
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    return str(value or "").strip("\x00 ").upper()[:1]


def gps_position(gps: dict) -> tuple[float | None, float | None]:
    if not gps:
        return None, None
    lat = _degrees(gps.get(GPS_LAT))
    lon = _degrees(gps.get(GPS_LON))
    if lat is None or lon is None or lat != lat or lon != lon:  # missing or NaN
        return None, None
    if _ref(gps.get(GPS_LAT_REF)) == "S":
        lat = -lat
    if _ref(gps.get(GPS_LON_REF)) == "W":
        lon = -lon
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        return None, None
    if abs(lat) < 1e-9 and abs(lon) < 1e-9:  # phones write 0,0 when they had no fix
        return None, None
    return round(lat, 6), round(lon, 6)


def _text(value: object) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return " ".join(str(value or "").replace("\x00", " ").split())


def camera_name(make: object, model: object) -> str:
    """"Apple" + "iPhone 13" → "Apple iPhone 13"; "Canon" + "Canon EOS 80D" → "Canon EOS 80D"."""
    make_text, model_text = _text(make), _text(model)
    if make_text and model_text.lower().startswith(make_text.lower()):
        return model_text[:200]
    return " ".join(p for p in (make_text, model_text) if p)[:200]


def _orientation(value: object) -> int | None:
    try:
        number = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if 1 <= number <= 8 else None
