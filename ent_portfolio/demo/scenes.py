"""The scenes of the demo's field photos: a meeting, a training, a field,
a village, products, salt farming, a home visit — each drawn from shapes
(sky, mountains, houses, trees, people, a banner in Thai) so the photos look
like a lecturer's phone pictures without being anyone's.
"""

from __future__ import annotations

import math
import random

from PIL import Image, ImageDraw, ImageFilter

from .drawing import Color, font, jitter, mix, textured_fill, vgradient


def _mountains(img: Image.Image, horizon: int, rng: random.Random, colors: list[Color]) -> None:
    w = img.width
    d = ImageDraw.Draw(img)
    for layer, color in enumerate(colors):
        base = horizon - int((len(colors) - layer) * img.height * 0.02)
        amp = img.height * (0.16 - 0.035 * layer)
        points = [(0, horizon)]
        phase1, phase2 = rng.uniform(0, 6.3), rng.uniform(0, 6.3)
        f1, f2 = rng.uniform(1.2, 2.4), rng.uniform(3.5, 6.0)
        for x in range(0, w + 40, 40):
            t = x / w
            y = base - amp * (0.55 + 0.3 * math.sin(t * f1 * math.pi + phase1)
                              + 0.15 * math.sin(t * f2 * math.pi + phase2))
            points.append((x, y))
        points.append((w, horizon))
        d.polygon(points, fill=color)


SKIN = [(224, 180, 140), (198, 150, 110), (176, 128, 92), (236, 196, 160), (160, 112, 80)]
HAIR = [(25, 20, 18), (40, 32, 28), (70, 60, 55), (150, 150, 150), (200, 200, 200)]
SHIRTS = [(214, 64, 60), (46, 104, 178), (240, 240, 235), (243, 182, 49), (90, 150, 90), (132, 84, 160),
          (28, 64, 110), (220, 120, 160), (120, 86, 60), (60, 160, 170), (230, 110, 40), (80, 80, 90)]
PANTS = [(40, 40, 50), (60, 50, 45), (30, 45, 80), (90, 80, 70), (20, 20, 25)]


def _person(d: ImageDraw.ImageDraw, rng: random.Random, x: float, feet: float, height: float, *,
            seated: bool = False, back: bool = False, hat: str | None = None, shirt: Color | None = None,
            elderly: bool = False) -> None:
    """A simple standing or seated figure: feet at (x, feet), ``height`` tall."""
    skin = rng.choice(SKIN)
    hair = rng.choice(HAIR[3:] if elderly else HAIR[:3])
    shirt = shirt or jitter(rng, rng.choice(SHIRTS), 10)
    pants = rng.choice(PANTS)
    head_r = height * 0.075
    shoulder_w = height * rng.uniform(0.22, 0.27)
    if seated:
        body_top = feet - height * 0.62
        body_bot = feet - height * 0.22
    else:
        body_top = feet - height * 0.82
        body_bot = feet - height * 0.42
        # legs
        lw = shoulder_w * 0.32
        d.rectangle([x - shoulder_w * 0.38, body_bot - 4, x - shoulder_w * 0.38 + lw, feet], fill=pants)
        d.rectangle([x + shoulder_w * 0.38 - lw, body_bot - 4, x + shoulder_w * 0.38, feet], fill=pants)
    # torso
    d.rounded_rectangle([x - shoulder_w / 2, body_top, x + shoulder_w / 2, body_bot], radius=shoulder_w * 0.25,
                        fill=shirt)
    # arms
    arm = mix(shirt, (0, 0, 0), 0.15)
    aw = max(2, int(shoulder_w * 0.16))
    if back:
        d.line([(x - shoulder_w / 2 + aw / 2, body_top + aw), (x - shoulder_w / 2 - aw * 0.3, body_bot)], fill=arm,
               width=aw)
        d.line([(x + shoulder_w / 2 - aw / 2, body_top + aw), (x + shoulder_w / 2 + aw * 0.3, body_bot)], fill=arm,
               width=aw)
    else:
        lift = rng.random() < 0.25
        d.line([(x - shoulder_w / 2 + aw / 2, body_top + aw), (x - shoulder_w / 2 - aw * 0.2, body_bot - aw)], fill=arm,
               width=aw)
        end = (x + shoulder_w * 0.9, body_top - head_r) if lift else (x + shoulder_w / 2 + aw * 0.2, body_bot - aw)
        d.line([(x + shoulder_w / 2 - aw / 2, body_top + aw), end], fill=arm, width=aw)
        d.ellipse([end[0] - aw * 0.6, end[1] - aw * 0.6, end[0] + aw * 0.6, end[1] + aw * 0.6], fill=skin)
    # neck and head
    hy = body_top - head_r * 0.95
    d.rectangle([x - head_r * 0.35, hy, x + head_r * 0.35, body_top + 2], fill=mix(skin, (0, 0, 0), 0.1))
    if back:
        d.ellipse([x - head_r, hy - head_r, x + head_r, hy + head_r], fill=hair)
    else:
        d.ellipse([x - head_r, hy - head_r, x + head_r, hy + head_r], fill=skin)
        d.chord([x - head_r * 1.02, hy - head_r * 1.05, x + head_r * 1.02, hy + head_r * 0.6], 180, 360, fill=hair)
        if elderly is False and rng.random() < 0.4:  # long hair
            d.rectangle([x - head_r * 1.0, hy - head_r * 0.1, x - head_r * 0.75, hy + head_r * 1.3], fill=hair)
            d.rectangle([x + head_r * 0.75, hy - head_r * 0.1, x + head_r * 1.0, hy + head_r * 1.3], fill=hair)
    if hat == "bucket":
        c = rng.choice([(230, 220, 190), (90, 120, 70), (200, 80, 60)])
        d.rectangle([x - head_r * 0.95, hy - head_r * 1.25, x + head_r * 0.95, hy - head_r * 0.35], fill=c)
        d.ellipse([x - head_r * 1.6, hy - head_r * 0.6, x + head_r * 1.6, hy - head_r * 0.2], fill=c)
    elif hat == "conical":
        c = (214, 190, 130)
        d.polygon([(x - head_r * 2.1, hy - head_r * 0.35), (x + head_r * 2.1, hy - head_r * 0.35),
                   (x, hy - head_r * 1.9)], fill=c)
    elif hat == "mask":
        d.rounded_rectangle([x - head_r * 0.7, hy + head_r * 0.05, x + head_r * 0.7, hy + head_r * 0.75], radius=4,
                            fill=(235, 240, 245))


def _people_row(d: ImageDraw.ImageDraw, rng: random.Random, x0: float, x1: float, feet: float, height: float,
                count: int, **kw) -> None:
    if count <= 0:
        return
    step = (x1 - x0) / count
    for i in range(count):
        x = x0 + step * (i + 0.5) + rng.uniform(-step * 0.18, step * 0.18)
        _person(d, rng, x, feet + rng.uniform(-height * 0.03, height * 0.03), height * rng.uniform(0.93, 1.06), **kw)


def _banner(img: Image.Image, box: tuple[int, int, int, int], lines: list[str], rng: random.Random,
            bg: Color | None = None) -> None:
    """A vinyl project banner (ป้ายไวนิล) with Thai text, as every Thai project photo has."""
    x0, y0, x1, y1 = [int(v) for v in box]
    bg = bg or rng.choice([(20, 84, 150), (0, 110, 90), (120, 30, 50), (30, 60, 110)])
    layer = vgradient((x1 - x0, y1 - y0), [(0, mix(bg, (255, 255, 255), 0.25)), (1, bg)])
    d = ImageDraw.Draw(layer)
    h = y1 - y0
    # a logo disc at each end
    r = h * 0.32
    for cx in (h * 0.5, (x1 - x0) - h * 0.5):
        d.ellipse([cx - r, h / 2 - r, cx + r, h / 2 + r], fill=(250, 250, 245))
        d.ellipse([cx - r * 0.7, h / 2 - r * 0.7, cx + r * 0.7, h / 2 + r * 0.7], fill=(230, 170, 40))
    usable = (x1 - x0) - 2.2 * h
    n = len(lines)
    y = h * 0.12
    for i, text in enumerate(lines):
        size = int(h * (0.36 if i == 0 else 0.24) / max(1, n * 0.55))
        f = font(max(10, size), "Bold" if i == 0 else "Medium")
        while f.getlength(text) > usable and size > 10:
            size -= 2
            f = font(size, "Bold" if i == 0 else "Medium")
        tw = f.getlength(text)
        colour = (255, 236, 120) if i == 0 else (255, 255, 255)
        d.text(((x1 - x0 - tw) / 2, y), text, font=f, fill=colour)
        y += size * 1.45
    img.paste(layer, (x0, y0))


def _table(d: ImageDraw.ImageDraw, box: tuple[float, float, float, float], cloth: Color) -> None:
    x0, y0, x1, y1 = box
    d.rectangle([x0, y0, x1, y0 + (y1 - y0) * 0.18], fill=mix(cloth, (255, 255, 255), 0.2))
    d.rectangle([x0, y0 + (y1 - y0) * 0.18, x1, y1], fill=cloth)
    for i in range(1, 9):
        x = x0 + (x1 - x0) * i / 9
        d.line([(x, y0 + (y1 - y0) * 0.2), (x, y1)], fill=mix(cloth, (0, 0, 0), 0.12), width=2)


def _house(d: ImageDraw.ImageDraw, rng: random.Random, x: float, base: float, w: float) -> None:
    wall = jitter(rng, rng.choice([(150, 100, 60), (170, 120, 75), (200, 190, 170), (120, 80, 50)]), 10)
    roof = jitter(rng, rng.choice([(120, 120, 125), (150, 60, 40), (90, 90, 100), (170, 160, 150)]), 8)
    h = w * rng.uniform(0.5, 0.7)
    stilts = h * rng.choice([0, 0.35])
    if stilts:
        for sx in (x + w * 0.08, x + w * 0.5, x + w * 0.9):
            d.rectangle([sx - 4, base - stilts, sx + 4, base], fill=(80, 55, 35))
    d.rectangle([x, base - stilts - h, x + w, base - stilts], fill=wall)
    for i in range(1, 8):
        d.line([(x + w * i / 8, base - stilts - h), (x + w * i / 8, base - stilts)], fill=mix(wall, (0, 0, 0), 0.15),
               width=2)
    d.polygon([(x - w * 0.1, base - stilts - h), (x + w * 1.1, base - stilts - h),
               (x + w / 2, base - stilts - h - w * 0.38)], fill=roof)
    d.rectangle([x + w * 0.4, base - stilts - h * 0.75, x + w * 0.6, base - stilts], fill=mix(wall, (0, 0, 0), 0.45))


def _tree(d: ImageDraw.ImageDraw, rng: random.Random, x: float, base: float, size: float) -> None:
    d.rectangle([x - size * 0.06, base - size * 0.9, x + size * 0.06, base], fill=(90, 65, 40))
    g = jitter(rng, rng.choice([(50, 110, 50), (70, 130, 60), (40, 95, 55), (90, 140, 70)]), 12)
    for _ in range(6):
        r = size * rng.uniform(0.28, 0.45)
        cx = x + rng.uniform(-size * 0.3, size * 0.3)
        cy = base - size * 0.9 - rng.uniform(0, size * 0.5)
        d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=jitter(rng, g, 10))


def _sky(size: tuple[int, int], rng: random.Random, hazy: bool = False) -> Image.Image:
    if hazy:
        top, bottom = (196, 190, 176), (222, 214, 198)
    else:
        top = jitter(rng, (92, 148, 214), 12)
        bottom = jitter(rng, (205, 225, 240), 8)
    return vgradient(size, [(0, top), (1, bottom)])


# --- scenes --------------------------------------------------------------------

def _scene_meeting(size, rng, banner):
    w, h = size
    img = vgradient(size,
                     [(0, jitter(rng, (236, 228, 210))), (0.62, jitter(rng, (214, 204, 186))), (0.62, (150, 120, 95)),
                      (1, (110, 85, 65))])
    textured_fill(img, (0, int(h * 0.62), w, h), jitter(rng, (140, 112, 88)), rng, 0.18, scale=4, blur=1)
    d = ImageDraw.Draw(img)
    # windows with daylight
    for i in range(rng.randint(2, 3)):
        wx = w * (0.05 + 0.32 * i) + rng.uniform(0, w * 0.05)
        d.rectangle([wx, h * 0.14, wx + w * 0.16, h * 0.42], fill=(246, 250, 252))
        d.line([(wx + w * 0.08, h * 0.14), (wx + w * 0.08, h * 0.42)], fill=(180, 170, 160), width=5)
    if banner:
        _banner(img, (w * 0.12, h * 0.04, w * 0.88, h * 0.2), banner, rng)
    # people seated behind the tables, facing the camera
    _people_row(d, rng, w * 0.08, w * 0.92, h * 0.78, h * 0.36, rng.randint(6, 9), seated=True)
    cloth = rng.choice([(245, 245, 240), (200, 60, 70), (60, 90, 160), (235, 225, 200)])
    _table(d, (w * 0.04, h * 0.6, w * 0.96, h * 0.76), cloth)
    # papers, water bottles
    for _ in range(rng.randint(8, 14)):
        x = rng.uniform(w * 0.06, w * 0.92)
        if rng.random() < 0.5:
            d.rectangle([x, h * 0.6, x + w * 0.03, h * 0.61], fill=(252, 252, 252))
        else:
            d.rounded_rectangle([x, h * 0.53, x + w * 0.012, h * 0.605], radius=3, fill=(200, 225, 240))
    # people in the foreground, seen from behind
    _people_row(d, rng, -w * 0.05, w * 1.05, h * 1.18, h * 0.62, rng.randint(3, 5), seated=True, back=True)
    return img


def _scene_training(size, rng, banner):
    w, h = size
    img = vgradient(size,
                     [(0, jitter(rng, (226, 226, 220))), (0.7, jitter(rng, (206, 204, 196))), (0.7, (160, 150, 140)),
                      (1, (130, 120, 112))])
    d = ImageDraw.Draw(img)
    sx0, sy0, sx1, sy1 = w * 0.3, h * 0.1, w * 0.78, h * 0.5
    d.rectangle([sx0, sy0, sx1, sy1], fill=(250, 250, 250), outline=(60, 60, 60), width=4)
    # a slide: a title bar and a bar chart
    d.rectangle([sx0 + 12, sy0 + 12, sx1 - 12, sy0 + (sy1 - sy0) * 0.2], fill=jitter(rng, (30, 90, 150), 20))
    if banner:
        f = font(int((sy1 - sy0) * 0.07), "Bold")
        d.text((sx0 + 30, sy0 + 20), banner[0][:48], font=f, fill=(255, 255, 255))
    bars = rng.randint(3, 6)
    for i in range(bars):
        bx = sx0 + (sx1 - sx0) * (0.12 + 0.78 * i / bars)
        bh = (sy1 - sy0) * rng.uniform(0.2, 0.62)
        d.rectangle([bx, sy1 - 20 - bh, bx + (sx1 - sx0) * 0.5 / bars, sy1 - 20], fill=rng.choice(SHIRTS[:6]))
    # speaker beside the screen
    _person(d, rng, w * 0.86, h * 0.72, h * 0.5)
    if banner and len(banner) > 1:
        _banner(img, (w * 0.02, h * 0.02, w * 0.26, h * 0.22), banner[1:2], rng)
    # audience from behind, two rows
    _people_row(d, rng, w * 0.0, w * 0.8, h * 0.95, h * 0.5, rng.randint(6, 8), seated=True, back=True,
                elderly=rng.random() < 0.3)
    _people_row(d, rng, -w * 0.1, w * 1.1, h * 1.25, h * 0.75, rng.randint(4, 5), seated=True, back=True)
    return img


def _scene_field(size, rng, banner, nethouse=False, table=False):
    w, h = size
    horizon = int(h * rng.uniform(0.36, 0.44))
    img = _sky((w, h), rng)
    _mountains(img, horizon, rng, [(120, 150, 170), (92, 128, 110), (70, 110, 80)])
    textured_fill(img, (0, horizon, w, h), jitter(rng, (96, 150, 70), 12), rng, 0.35, scale=5, blur=1.2)
    d = ImageDraw.Draw(img)
    # vegetable beds converging to the horizon
    vx = w * rng.uniform(0.4, 0.6)
    soil = (120, 90, 60)
    for i in range(-14, 15):
        x_bottom = vx + i * w * 0.09
        d.line([(vx + i * w * 0.012, horizon + 4), (x_bottom, h)], fill=soil, width=max(2, int(w * 0.008)))
    for y in range(horizon + 10, h, 14):
        t = (y - horizon) / (h - horizon)
        for i in range(-14, 15, 1):
            x = vx + i * (w * 0.012 + (w * 0.09 - w * 0.012) * t) + w * 0.045 * t
            r = 2 + 9 * t
            d.ellipse([x - r, y - r * 0.6, x + r, y + r * 0.6], fill=jitter(rng, (60, 140, 60), 18))
    if nethouse:
        x0, x1 = w * 0.55, w * 0.95
        top = horizon - h * 0.12
        d.rectangle([x0, top, x1, horizon + h * 0.06], fill=(225, 235, 230))
        for i in range(9):
            x = x0 + (x1 - x0) * i / 8
            d.line([(x, top), (x, horizon + h * 0.06)], fill=(150, 160, 160), width=3)
    people = rng.randint(3, 6)
    for _ in range(people):
        x = w * rng.uniform(0.1, 0.9)
        feet = h * rng.uniform(0.68, 0.92)
        _person(d, rng, x, feet, h * 0.42 * (feet / h), hat=rng.choice(["bucket", "conical", None]))
    if table:
        _table(d, (w * 0.05, h * 0.72, w * 0.42, h * 0.86), (240, 240, 235))
        for _ in range(5):
            x = rng.uniform(w * 0.07, w * 0.38)
            d.rectangle([x, h * 0.71, x + w * 0.025, h * 0.725], fill=(250, 250, 250))
    if banner:
        _banner(img, (w * 0.05, h * 0.5, w * 0.45, h * 0.62), banner, rng)
    return img


def _scene_village(size, rng, banner, hazy=False):
    w, h = size
    horizon = int(h * rng.uniform(0.45, 0.52))
    img = _sky((w, h), rng, hazy=hazy)
    _mountains(img, horizon, rng, [(150, 160, 175), (110, 135, 120), (80, 118, 86)])
    textured_fill(img, (0, horizon, w, h), jitter(rng, (110, 140, 80), 10), rng, 0.3, scale=5, blur=1.5)
    d = ImageDraw.Draw(img)
    # road
    d.polygon([(w * 0.45, horizon), (w * 0.55, horizon), (w * 0.95, h), (w * 0.15, h)],
              fill=jitter(rng, (150, 140, 125), 8))
    for _ in range(rng.randint(3, 5)):
        side = rng.choice([-1, 1])
        x = w * (0.5 + side * rng.uniform(0.12, 0.42))
        base = horizon + h * rng.uniform(0.06, 0.2)
        _house(d, rng, x - w * 0.08, base, w * rng.uniform(0.12, 0.2))
    for _ in range(rng.randint(5, 9)):
        _tree(d, rng, w * rng.uniform(0, 1), horizon + h * rng.uniform(0.02, 0.16), h * rng.uniform(0.12, 0.22))
    _people_row(d, rng, w * 0.3, w * 0.72, h * 0.9, h * 0.38, rng.randint(3, 6),
                hat=rng.choice([None, "bucket"]) if not hazy else "mask")
    if banner:
        _banner(img, (w * 0.6, h * 0.55, w * 0.96, h * 0.68), banner, rng)
    if hazy:
        veil = Image.new("RGB", (w, h), (210, 200, 182))
        mask = vgradient((w, h), [(0, (150, 150, 150)), (0.5, (120, 120, 120)), (1, (40, 40, 40))]).convert("L")
        img = Image.composite(veil, img, mask)
    return img


def _scene_products(size, rng, banner, items="jars"):
    w, h = size
    img = vgradient(size,
                     [(0, jitter(rng, (120, 110, 95), 20)), (0.45, jitter(rng, (170, 150, 120), 15)),
                      (0.45, (230, 225, 215)), (1, (205, 198, 186))])
    d = ImageDraw.Draw(img)
    # out-of-focus background: bokeh discs
    for _ in range(26):
        r = rng.uniform(h * 0.02, h * 0.07)
        x, y = rng.uniform(0, w), rng.uniform(0, h * 0.42)
        d.ellipse([x - r, y - r, x + r, y + r], fill=jitter(rng, (200, 180, 150), 40))
    img = img.reduce(4).filter(ImageFilter.GaussianBlur(1.5)).resize(size, Image.Resampling.BICUBIC)
    d = ImageDraw.Draw(img)
    if items != "jars":  # people behind the table, seen from the waist up
        _people_row(d, rng, w * 0.05, w * 0.95, h * 0.8, h * 0.55, rng.randint(2, 4))
    cloth = rng.choice([(170, 40, 50), (40, 90, 140), (220, 200, 150)])
    textured_fill(img, (0, int(h * 0.45), w, h), cloth, rng, 0.25, scale=3, blur=1)
    # a woven stripe across the cloth (ผ้าทอ)
    for i in range(3):
        y = h * (0.55 + 0.14 * i)
        d.rectangle([0, y, w, y + h * 0.02], fill=mix(cloth, (255, 230, 150), 0.5))
    n = len(banner) if banner else rng.randint(4, 6)
    labels = banner or ["ผลิตภัณฑ์ชุมชน"]
    for i in range(n):
        cx = w * (0.1 + 0.8 * (i + 0.5) / n)
        base = h * rng.uniform(0.78, 0.86)
        if items == "jars":
            jw, jh = w * 0.62 / n, min(h * 0.26, w * 0.62 / n * 2.2)
            d.rounded_rectangle([cx - jw / 2, base - jh, cx + jw / 2, base], radius=18,
                                fill=jitter(rng, (150, 60, 30), 40))
            d.rectangle([cx - jw * 0.42, base - jh - h * 0.04, cx + jw * 0.42, base - jh + 6], fill=(200, 160, 60))
            d.rectangle([cx - jw * 0.46, base - jh * 0.7, cx + jw * 0.46, base - jh * 0.3], fill=(250, 246, 235))
            lines = labels[i % len(labels)].split(" ", 1)
            size = int(jh * 0.09)
            f = font(size, "Bold")
            while size > 10 and max(f.getlength(line) for line in lines) > jw * 0.86:
                size -= 1
                f = font(size, "Bold")
            for j, line in enumerate(lines):
                tw = f.getlength(line)
                d.text((cx - tw / 2, base - jh * 0.66 + j * size * 1.5), line, font=f, fill=(120, 30, 20))
        elif items == "vegetables":
            bw, bh = w * 0.14, h * 0.12
            d.ellipse([cx - bw / 2, base - bh * 0.4, cx + bw / 2, base + bh * 0.2], fill=(140, 100, 60))
            for _ in range(30):
                x = cx + rng.uniform(-bw * 0.45, bw * 0.45)
                y = base - bh * rng.uniform(0.3, 1.6)
                r = rng.uniform(10, 24)
                d.ellipse([x - r, y - r * 0.7, x + r, y + r * 0.7],
                          fill=jitter(rng, rng.choice([(60, 150, 60), (110, 170, 70), (40, 120, 50)]), 15))
            d.rectangle([cx - bw * 0.3, base - bh * 0.2, cx + bw * 0.3, base + bh * 0.02], fill=(250, 250, 245))
            f = font(int(bh * 0.14), "Bold")
            text = labels[i % len(labels)]
            d.text((cx - f.getlength(text) / 2, base - bh * 0.2), text, font=f, fill=(20, 100, 40))
        else:  # home-made air purifiers: a box fan on a cube of filters
            s = w * 0.13
            d.rectangle([cx - s / 2, base - s, cx + s / 2, base], fill=(235, 235, 230), outline=(120, 120, 120),
                        width=3)
            for k in range(1, 6):
                d.line([(cx - s / 2, base - s * k / 6), (cx + s / 2, base - s * k / 6)], fill=(200, 200, 195), width=2)
            d.rectangle([cx - s / 2, base - s * 1.25, cx + s / 2, base - s], fill=(60, 60, 70))
            d.ellipse([cx - s * 0.4, base - s * 1.24, cx + s * 0.4, base - s * 1.01], fill=(90, 90, 100))
    return img


def _scene_salt(size, rng, banner):
    """The salt-boiling shed: pans on a brick stove, steam, people stirring."""
    w, h = size
    img = vgradient(size, [(0, (60, 50, 44)), (0.55, (96, 80, 66)), (0.55, (120, 104, 88)), (1, (90, 76, 64))])
    d = ImageDraw.Draw(img)
    # roof beams and a bright opening
    d.rectangle([w * 0.62, h * 0.08, w * 0.95, h * 0.5], fill=(230, 236, 238))
    for i in range(6):
        d.line([(0, h * (0.05 + 0.05 * i)), (w, h * (0.02 + 0.05 * i))], fill=(50, 38, 30), width=10)
    # stove and pans
    d.rectangle([w * 0.05, h * 0.58, w * 0.8, h * 0.76], fill=(150, 80, 60))
    for i in range(4):
        cx = w * (0.14 + 0.19 * i)
        d.ellipse([cx - w * 0.085, h * 0.54, cx + w * 0.085, h * 0.62], fill=(70, 70, 75))
        d.ellipse([cx - w * 0.075, h * 0.555, cx + w * 0.075, h * 0.605], fill=(235, 232, 222))
        d.ellipse([cx - w * 0.03, h * 0.7, cx + w * 0.03, h * 0.75], fill=(240, 140, 40))
    _people_row(d, rng, w * 0.1, w * 0.9, h * 0.95, h * 0.5, rng.randint(2, 4), hat=rng.choice([None, "bucket"]))
    # steam
    small = (w // 4, h // 4)
    steam = Image.new("L", small, 0)
    sd = ImageDraw.Draw(steam)
    for _ in range(40):
        x = rng.uniform(small[0] * 0.05, small[0] * 0.75)
        y = rng.uniform(small[1] * 0.15, small[1] * 0.55)
        r = rng.uniform(small[1] * 0.04, small[1] * 0.1)
        sd.ellipse([x - r, y - r, x + r, y + r], fill=rng.randint(100, 170))
    steam = steam.filter(ImageFilter.GaussianBlur(6)).resize(size, Image.Resampling.BICUBIC)
    img = Image.composite(Image.new("RGB", size, (240, 240, 236)), img, steam)
    if banner:
        _banner(img, (w * 0.04, h * 0.8, w * 0.5, h * 0.94), banner, rng)
    return img


def _scene_home(size, rng, banner):
    """An elderly person's room made into a clean-air room."""
    w, h = size
    img = vgradient(size,
                     [(0, jitter(rng, (225, 215, 190))), (0.68, jitter(rng, (210, 198, 172))),
                      (0.68, (170, 140, 110)), (1, (140, 112, 86))])
    d = ImageDraw.Draw(img)
    # a window with a hazy view, taped shut
    wx0, wy0, wx1, wy1 = w * 0.08, h * 0.12, w * 0.4, h * 0.5
    d.rectangle([wx0, wy0, wx1, wy1], fill=(200, 192, 176), outline=(120, 90, 60), width=12)
    d.line([((wx0 + wx1) / 2, wy0), ((wx0 + wx1) / 2, wy1)], fill=(120, 90, 60), width=8)
    for x in (wx0, wx1):
        d.rectangle([x - 10, wy0, x + 10, wy1], fill=(235, 230, 215))
    # calendar and a poster
    d.rectangle([w * 0.5, h * 0.14, w * 0.62, h * 0.34], fill=(250, 250, 250))
    d.rectangle([w * 0.5, h * 0.14, w * 0.62, h * 0.18], fill=(200, 40, 40))
    if banner:
        f = font(int(h * 0.03), "Bold")
        d.rectangle([w * 0.68, h * 0.1, w * 0.92, h * 0.4], fill=(255, 244, 214))
        y = h * 0.12
        for line in banner[:3]:
            d.text((w * 0.695, y), line[:16], font=f, fill=(160, 60, 20))
            y += h * 0.05
    # purifier
    s = w * 0.12
    cx, base = w * 0.22, h * 0.82
    d.rectangle([cx - s / 2, base - s, cx + s / 2, base], fill=(238, 238, 232), outline=(120, 120, 120), width=3)
    d.rectangle([cx - s / 2, base - s * 1.25, cx + s / 2, base - s], fill=(60, 60, 70))
    # chair and the elder
    d.rectangle([w * 0.5, h * 0.6, w * 0.72, h * 0.66], fill=(120, 80, 50))
    _person(d, rng, w * 0.61, h * 0.9, h * 0.55, seated=True, elderly=True)
    _person(d, rng, w * 0.82, h * 0.95, h * 0.62, shirt=(60, 120, 190))
    return img


SCENES = {
    "meeting": _scene_meeting,
    "training": _scene_training,
    "field": _scene_field,
    "field_nethouse": lambda s, r, b: _scene_field(s, r, b, nethouse=True),
    "field_table": lambda s, r, b: _scene_field(s, r, b, table=True),
    "village": _scene_village,
    "village_haze": lambda s, r, b: _scene_village(s, r, b, hazy=True),
    "products": _scene_products,
    "vegetables": lambda s, r, b: _scene_products(s, r, b, items="vegetables"),
    "purifiers": lambda s, r, b: _scene_products(s, r, b, items="purifiers"),
    "salt": _scene_salt,
    "home": _scene_home,
}
