"""What the demo's photos and letters are both drawn with: a repeatable
random generator, the Thai font, and colour, gradient and noise helpers.

Everything is drawn from a seeded :class:`random.Random`, never from Pillow's
own noise generator (which draws on C ``rand()`` and is not repeatable), so
the same inputs give the same bytes and the demo's evidence hashes are stable.
"""

from __future__ import annotations

import hashlib
import random
from functools import lru_cache
from pathlib import Path

import fontpkg_sarabun
from PIL import Image, ImageFilter, ImageFont


def seeded(*parts: object) -> random.Random:
    """A random generator seeded from text (``hash()`` is salted per process)."""
    digest = hashlib.sha256("|".join(map(str, parts)).encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


# --- fonts -------------------------------------------------------------------

def _font_dir() -> Path:
    return Path(fontpkg_sarabun.ROOT) / "files"


@lru_cache(maxsize=32)
def font(size: int, weight: str = "Regular") -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Sarabun at ``size`` px, shaped with Raqm when Pillow has it."""
    folder = _font_dir()
    if not (folder / f"Sarabun-{weight}.ttf").is_file():
        return ImageFont.load_default(size)
    engine = ImageFont.Layout.RAQM if _has_raqm() else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(folder / f"Sarabun-{weight}.ttf"), size, layout_engine=engine)


@lru_cache(maxsize=1)
def _has_raqm() -> bool:
    from PIL import features

    return bool(features.check("raqm"))


# --- drawing helpers ---------------------------------------------------------

Color = tuple[int, int, int]


def mix(a: Color, b: Color, t: float) -> Color:
    return tuple(int(round(a[i] + (b[i] - a[i]) * t)) for i in range(3))  # type: ignore[return-value]


def jitter(rng: random.Random, c: Color, amount: int = 12) -> Color:
    return tuple(max(0, min(255, v + rng.randint(-amount, amount))) for v in c)  # type: ignore[return-value]


def vgradient(size: tuple[int, int], stops: list[tuple[float, Color]]) -> Image.Image:
    """A vertical gradient through colour stops given at 0..1."""
    steps = 256
    column = Image.new("RGB", (1, steps))
    px = column.load()
    for i in range(steps):
        t = i / (steps - 1)
        for (p0, c0), (p1, c1) in zip(stops, stops[1:]):
            if p0 <= t <= p1:
                px[0, i] = mix(c0, c1, (t - p0) / (p1 - p0 or 1))
                break
        else:
            px[0, i] = stops[-1][1]
    return column.resize(size, Image.Resampling.BILINEAR)


def noise(rng: random.Random, size: tuple[int, int], scale: int = 1, blur: float = 0) -> Image.Image:
    """Grey noise (mean 128) from the seeded generator, optionally coarse and soft."""
    w, h = max(1, size[0] // scale), max(1, size[1] // scale)
    img = Image.frombytes("L", (w, h), rng.randbytes(w * h))
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur))
        img = img.point(lambda v: max(0, min(255, 128 + (v - 128) * 4)))
    if scale != 1:
        img = img.resize(size, Image.Resampling.BICUBIC)
    return img


def textured_fill(img: Image.Image, box: tuple[int, int, int, int], base: Color, rng: random.Random,
                   strength: float = 0.35, scale: int = 6, blur: float = 1.5) -> None:
    """Fill ``box`` with ``base`` modulated by soft noise (grass, soil, cloth)."""
    x0, y0, x1, y1 = box
    size = (max(1, x1 - x0), max(1, y1 - y0))
    dark = Image.new("RGB", size, mix(base, (0, 0, 0), strength))
    light = Image.new("RGB", size, mix(base, (255, 255, 255), strength * 0.6))
    mask = noise(rng, size, scale=scale, blur=blur)
    img.paste(Image.composite(light, dark, mask), (x0, y0))
