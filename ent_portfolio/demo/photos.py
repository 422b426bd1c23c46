"""The demo's field photos as a phone saves them: a drawn scene, the
camera's softness and grain, and the EXIF a phone writes (date taken,
camera, GPS, sometimes an Orientation tag with the pixels stored turned),
so importing them exercises what a lecturer's real photos do.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from PIL import Image, ImageChops, ImageFilter

from .drawing import noise, seeded
from .scenes import SCENES

PHOTO_SIZE = (1600, 1200)

# EXIF tag numbers (kept here so the module does not depend on ExifTags names).
TAG_MAKE, TAG_MODEL, TAG_ORIENTATION, TAG_SOFTWARE, TAG_DATETIME = 0x010F, 0x0110, 0x0112, 0x0131, 0x0132
IFD_EXIF, IFD_GPS = 0x8769, 0x8825
TAG_DATETIME_ORIGINAL, TAG_DATETIME_DIGITIZED = 0x9003, 0x9004
GPS_VERSION, GPS_LAT_REF, GPS_LAT, GPS_LON_REF, GPS_LON = 0, 1, 2, 3, 4


def _finish_photo(img: Image.Image, rng: random.Random) -> Image.Image:
    """What a phone camera adds: softness, grain, vignetting, a colour cast."""
    w, h = img.size
    img = img.filter(ImageFilter.BoxBlur(rng.choice([0.8, 1.0, 1.2])))
    grain = noise(rng, (w, h), scale=1)
    grain_rgb = Image.merge("RGB", (grain, grain, grain))
    img = Image.blend(img, ImageChops.overlay(img, grain_rgb), rng.uniform(0.12, 0.2))
    blotch = noise(rng, (w, h), scale=16, blur=2)
    img = Image.blend(img, ImageChops.soft_light(img, Image.merge("RGB", (blotch,) * 3)), 0.18)
    vignette = Image.radial_gradient("L").resize((w, h), Image.Resampling.BILINEAR)
    vignette = vignette.point(lambda v: 255 - int(max(0, v - 140) * 0.7))
    img = Image.composite(img, Image.new("RGB", (w, h), (20, 18, 16)), vignette)
    cast = rng.choice([(1.04, 1.0, 0.94), (0.97, 1.0, 1.04), (1.0, 1.0, 1.0), (1.06, 1.02, 0.95)])
    r, g, b = img.split()
    r = r.point(lambda v: min(255, int(v * cast[0])))
    b = b.point(lambda v: min(255, int(v * cast[2])))
    return Image.merge("RGB", (r, g, b))


# --- EXIF ------------------------------------------------------------------------

def _dms(value: float) -> tuple[float, float, float]:
    value = abs(value)
    degrees = int(value)
    minutes_full = (value - degrees) * 60
    minutes = int(minutes_full)
    seconds = round((minutes_full - minutes) * 60, 2)
    return (float(degrees), float(minutes), seconds)


def photo_exif(taken: datetime, lat: float, lon: float, make: str, model: str, orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[TAG_MAKE] = make
    exif[TAG_MODEL] = model
    exif[TAG_ORIENTATION] = orientation
    exif[TAG_DATETIME] = taken.strftime("%Y:%m:%d %H:%M:%S")
    sub = exif.get_ifd(IFD_EXIF)
    sub[TAG_DATETIME_ORIGINAL] = taken.strftime("%Y:%m:%d %H:%M:%S")
    sub[TAG_DATETIME_DIGITIZED] = taken.strftime("%Y:%m:%d %H:%M:%S")
    gps = exif.get_ifd(IFD_GPS)
    gps[GPS_VERSION] = b"\x02\x03\x00\x00"
    gps[GPS_LAT_REF] = "N" if lat >= 0 else "S"
    gps[GPS_LAT] = _dms(lat)
    gps[GPS_LON_REF] = "E" if lon >= 0 else "W"
    gps[GPS_LON] = _dms(lon)
    return exif


@dataclass
class PhotoSpec:
    """One demo photo: what to draw and what the camera recorded."""

    key: str
    scene: str
    taken: datetime
    latitude: float
    longitude: float
    banner: list[str] = field(default_factory=list)
    make: str = "Samsung"
    model: str = "Galaxy A54 5G"
    orientation: int = 1  # 6: the phone was held upright; pixels are stored turned


def render_photo(spec: PhotoSpec, path: Path) -> tuple[int, int]:
    """Draw and save the photo; returns its (width, height) as displayed."""
    rng = seeded("photo", spec.key)
    upright = spec.orientation in (5, 6, 7, 8)
    size = (PHOTO_SIZE[1], PHOTO_SIZE[0]) if upright else PHOTO_SIZE
    img = SCENES[spec.scene](size, rng, spec.banner)
    img = _finish_photo(img, rng)
    shown = img.size
    if spec.orientation == 6:
        # The sensor's rows run down the visual right edge: store the upright
        # picture turned 90° anticlockwise; viewers turn it back clockwise.
        img = img.transpose(Image.Transpose.ROTATE_90)
    elif spec.orientation == 8:
        img = img.transpose(Image.Transpose.ROTATE_270)
    elif spec.orientation == 3:
        img = img.transpose(Image.Transpose.ROTATE_180)
    exif = photo_exif(spec.taken, spec.latitude, spec.longitude, spec.make, spec.model, spec.orientation)
    img.save(path, "JPEG", quality=85, exif=exif.tobytes(), optimize=False, subsampling="4:2:0")
    return shown
