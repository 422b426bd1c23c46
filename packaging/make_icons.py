"""Draw the EnT Portfolio app icon and write every size the installers need.

The design: a teal rounded square holding a white dossier page; on the page
two overlapping discs — the community (orange) and the university (teal)
working as partners — under two lines of text.  Below 32 px the text lines
are left out and the discs grow, so the icon stays legible at 16 px.

One description of the shapes (:func:`shapes`) is rendered twice: as SVG
(``resources/icons/app.svg``) and with Pillow at each pixel size (drawn 8×
larger and reduced, coordinates snapped to the target pixel grid).

Writes (committed):
    resources/icons/app.svg        vector source
    resources/icons/app.png        256 px (window icon, README)
    resources/icons/app.ico        16, 20, 24, 32, 40, 48, 64, 128, 256 px (Windows)
and (build products, under ``--build``, default ``build/icons``):
    hicolor/<n>x<n>/apps/ent-portfolio.png   for Linux (16 … 512)
    app.iconset/icon_<n>x<n>[@2x].png        for macOS: ``iconutil -c icns app.iconset``

Usage: ``python packaging/make_icons.py [--build DIR]``
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
UNITS = 512  # the design grid

TEAL = "#0E6B6B"
PAPER = "#FFFFFF"
ORANGE = "#F08A24"
INK = "#9DB7B7"

ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
LINUX_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICONSET = ((16, 1), (16, 2), (32, 1), (32, 2), (128, 1), (128, 2), (256, 1), (256, 2), (512, 1), (512, 2))


@dataclass(frozen=True)
class Shape:
    kind: str  # "rect" (rounded) or "circle"
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 in design units
    fill: str
    radius: float = 0.0
    opacity: float = 1.0


def shapes(small: bool) -> list[Shape]:
    """The icon as shapes on a 512-unit grid; ``small`` for ≤ 24 px."""
    if small:
        return [
            Shape("rect", (0, 0, 512, 512), TEAL, radius=96),
            Shape("rect", (96, 64, 416, 448), PAPER, radius=32),
            Shape("circle", (128, 192, 320, 384), ORANGE),
            Shape("circle", (192, 192, 384, 384), TEAL, opacity=0.9),
        ]
    return [
        Shape("rect", (16, 16, 496, 496), TEAL, radius=104),
        Shape("rect", (120, 72, 392, 440), PAPER, radius=28),
        Shape("rect", (160, 120, 352, 144), INK, radius=12),
        Shape("rect", (160, 168, 304, 192), INK, radius=12),
        Shape("circle", (152, 240, 288, 376), ORANGE),
        Shape("circle", (224, 240, 360, 376), TEAL, opacity=0.85),
    ]


# ------------------------------------------------------------------ SVG

def svg() -> str:
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{UNITS}" height="{UNITS}" '
        f'viewBox="0 0 {UNITS} {UNITS}">',
        "  <title>EnT Portfolio</title>",
    ]
    for s in shapes(small=False):
        x0, y0, x1, y1 = s.box
        extra = f' fill-opacity="{s.opacity:g}"' if s.opacity < 1 else ""
        if s.kind == "circle":
            parts.append(f'  <circle cx="{(x0 + x1) / 2:g}" cy="{(y0 + y1) / 2:g}" r="{(x1 - x0) / 2:g}" '
                         f'fill="{s.fill}"{extra}/>')
        else:
            parts.append(f'  <rect x="{x0:g}" y="{y0:g}" width="{x1 - x0:g}" height="{y1 - y0:g}" '
                         f'rx="{s.radius:g}" fill="{s.fill}"{extra}/>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


# --------------------------------------------------------------- raster

def _rgba(colour: str, opacity: float) -> tuple[int, int, int, int]:
    c = colour.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16), round(255 * opacity)


def render(size: int, oversample: int | None = None) -> Image.Image:
    """The icon at ``size`` × ``size`` pixels, RGBA."""
    if oversample is None:  # 8× for small sizes, less for big ones (memory)
        oversample = max(2, min(8, 2048 // size))
    big = size * oversample
    scale = big / UNITS
    pixel = oversample  # one target pixel on the big canvas

    def snap(v: float) -> float:
        # Edges on whole target pixels keep small sizes crisp.
        return round(v * scale / pixel) * pixel

    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    for s in shapes(small=size <= 24):
        layer = Image.new("RGBA", (big, big), (0, 0, 0, 0))
        draw = ImageDraw.Draw(layer)
        box = tuple(snap(v) for v in s.box)
        box = (box[0], box[1], box[2] - 1, box[3] - 1)
        fill = _rgba(s.fill, s.opacity)
        if s.kind == "circle":
            draw.ellipse(box, fill=fill)
        else:
            draw.rounded_rectangle(box, radius=max(1, round(s.radius * scale)), fill=fill)
        image = Image.alpha_composite(image, layer)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def write_all(build: Path) -> list[Path]:
    ICONS.mkdir(parents=True, exist_ok=True)
    written = []
    (ICONS / "app.svg").write_text(svg(), encoding="utf-8")
    written.append(ICONS / "app.svg")
    cache = {n: render(n) for n in sorted({*ICO_SIZES, *LINUX_SIZES, 1024})}
    cache[256].save(ICONS / "app.png", optimize=True)
    written.append(ICONS / "app.png")
    # Pillow writes each size from the matching appended image (not rescaled).
    ico_images = [cache[n] for n in ICO_SIZES]
    ico_images[-1].save(ICONS / "app.ico", sizes=[(n, n) for n in ICO_SIZES], append_images=ico_images[:-1])
    written.append(ICONS / "app.ico")
    for n in LINUX_SIZES:
        out = build / "hicolor" / f"{n}x{n}" / "apps" / "ent-portfolio.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        cache[n].save(out, optimize=True)
        written.append(out)
    iconset = build / "app.iconset"
    iconset.mkdir(parents=True, exist_ok=True)
    for n, factor in ICONSET:
        name = f"icon_{n}x{n}{'@2x' if factor == 2 else ''}.png"
        cache[n * factor].save(iconset / name, optimize=True)
        written.append(iconset / name)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, default=ROOT / "build" / "icons")
    args = parser.parse_args()
    for path in write_all(args.build):
        print(path)


if __name__ == "__main__":
    main()
