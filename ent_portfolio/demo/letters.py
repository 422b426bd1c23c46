"""The demo's scanned certification letters (หนังสือรับรองการใช้ประโยชน์):
an A4 page typeset as a Thai organisation writes it — letterhead, reference,
date, subject, body, signature and stamp — then made to look scanned.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from .drawing import Color, font, mix, noise, seeded
from .thai import thai_date, thai_digits, wrap_thai

LETTER_SIZE = (1240, 1754)  # A4 at 150 dpi


@dataclass
class LetterSpec:
    """A certification letter (หนังสือรับรองการใช้ประโยชน์) as an organisation writes it."""

    key: str
    organisation: str
    address: list[str]
    reference_no: str           # ที่ …
    date: date
    subject: str                # เรื่อง …
    to: str                     # เรียน …
    body: list[str]             # paragraphs
    signer_name: str
    signer_position: list[str]
    footer: list[str]
    stamp: list[str]            # two or three short lines inside the stamp
    attachments: str = ""       # สิ่งที่ส่งมาด้วย …
    cited: str = ""             # อ้างถึง …
    accent: Color = (20, 70, 130)
    stamp_color: Color = (150, 30, 70)


def _signature(d: ImageDraw.ImageDraw, rng: random.Random, x: float, y: float, width: float) -> None:
    """A hand-written scribble: a few overlapping loops in blue ink."""
    ink = (24, 40, 130)
    points = []
    f1, f2 = rng.uniform(2.5, 4.0), rng.uniform(6.5, 9.5)
    a1, a2, loop = rng.uniform(14, 22), rng.uniform(8, 14), rng.uniform(12, 18)
    phase = rng.uniform(0, math.pi)
    for i in range(260):
        t = i / 259
        # the cosine term runs backwards faster than the pen moves forwards: loops
        px = x + width * t + loop * math.cos(t * f2 * math.pi + phase)
        py = y - a1 * math.sin(t * f1 * math.pi + 0.4) * (1 - 0.5 * t) - a2 * math.sin(t * f2 * math.pi + phase)
        points.append((px, py))
    d.line(points, fill=ink, width=3, joint="curve")
    # the flourish under the name and a stroke through the first letter
    d.line([(x - 10, y + 24), (x + width * 0.5, y + 14), (x + width * 1.08, y + 22)], fill=ink, width=2, joint="curve")
    d.line([(x + width * 0.12, y - 34), (x + width * 0.2, y + 16)], fill=ink, width=3)


def _stamp(page: Image.Image, rng: random.Random, center: tuple[float, float], lines: list[str], color: Color) -> None:
    r = 92
    layer = Image.new("L", (2 * r + 20, 2 * r + 20), 0)
    d = ImageDraw.Draw(layer)
    c = r + 10
    d.ellipse([c - r, c - r, c + r, c + r], outline=255, width=6)
    d.ellipse([c - r + 14, c - r + 14, c + r - 14, c + r - 14], outline=255, width=2)
    # a small star emblem and the organisation's name inside
    lines = lines[:3]
    sizes = [24, 20, 20] if len(lines) < 3 else [21, 17, 17]
    star_y = c - (44 if len(lines) < 3 else 52)
    star = [(c + 14 * math.cos(math.pi / 2 + k * 4 * math.pi / 5),
             star_y - 14 * math.sin(math.pi / 2 + k * 4 * math.pi / 5)) for k in range(5)]
    d.polygon(star, fill=255)
    y = star_y + 22
    for i, line in enumerate(lines):
        f = font(sizes[i], "Bold")
        while f.getlength(line) > 2 * r - 60 and f.size > 12:
            f = font(f.size - 1, "Bold")
        d.text((c - f.getlength(line) / 2, y), line, font=f, fill=255)
        y += f.size * 1.3
    # uneven ink
    speckle = noise(rng, layer.size, scale=2, blur=0.8)
    layer = ImageChops.multiply(layer, speckle.point(lambda v: 255 if v > 70 else 90))
    layer = layer.rotate(rng.uniform(-18, 18), resample=Image.Resampling.BICUBIC)
    layer = layer.point(lambda v: int(v * 0.78))
    ink = Image.new("RGB", layer.size, color)
    page.paste(ink, (int(center[0] - c), int(center[1] - c)), layer)


def render_letter(spec: LetterSpec, path: Path) -> tuple[int, int]:
    """Draw the letter as a scanned A4 page; returns (width, height)."""
    rng = seeded("letter", spec.key)
    w, h = LETTER_SIZE
    page = Image.new("RGB", (w, h), (255, 255, 255))
    d = ImageDraw.Draw(page)
    left, right = 150, w - 110
    body_font = font(25)
    bold = font(25, "Bold")
    line_h = 42

    # letterhead: the organisation's emblem, name and address
    cx = w / 2
    d.ellipse([cx - 58, 60, cx + 58, 176], outline=spec.accent, width=5)
    d.ellipse([cx - 44, 74, cx + 44, 162], fill=mix(spec.accent, (255, 255, 255), 0.75))
    d.polygon([(cx - 34, 146), (cx - 8, 96), (cx + 6, 122), (cx + 16, 108), (cx + 36, 146)], fill=spec.accent)
    d.text((left, 214), "ที่ " + thai_digits(spec.reference_no), font=body_font, fill=(0, 0, 0))
    y = 214
    org_font = font(25)
    for line in [spec.organisation, *spec.address]:
        d.text((w * 0.6, y), thai_digits(line), font=org_font, fill=(0, 0, 0))
        y += line_h
    y += 12
    d.text((w * 0.48, y), thai_digits(thai_date(spec.date, with_era_prefix=False)), font=body_font, fill=(0, 0, 0))
    y += line_h + 18

    def labelled(label: str, text: str, y: float) -> float:
        d.text((left, y), label, font=bold, fill=(0, 0, 0))
        indent = left + bold.getlength(label) + 14
        for line in wrap_thai(thai_digits(text), body_font, right - indent):
            d.text((indent, y), line, font=body_font, fill=(0, 0, 0))
            y += line_h
        return y

    y = labelled("เรื่อง", spec.subject, y) + 6
    y = labelled("เรียน", spec.to, y) + 6
    if spec.cited:
        y = labelled("อ้างถึง", spec.cited, y)
    if spec.attachments:
        y = labelled("สิ่งที่ส่งมาด้วย", spec.attachments, y)
    y += 12

    indent = 150
    for paragraph in spec.body:
        lines = wrap_thai(thai_digits(paragraph), body_font, right - left, first_line_indent=indent - 0)
        for i, line in enumerate(lines):
            x = left + (indent if i == 0 else 0)
            d.text((x, y), line, font=body_font, fill=(0, 0, 0))
            y += line_h
        y += 10

    y += 30
    sign_x = w * 0.55
    d.text((sign_x, y), "ขอแสดงความนับถือ", font=body_font, fill=(0, 0, 0))
    y += line_h + 70
    _signature(d, rng, sign_x + 10, y - 20, 230)
    _stamp(page, rng, (sign_x - 90, y - 20), spec.stamp, spec.stamp_color)
    y += 34
    name = f"({spec.signer_name})"
    centre = sign_x + body_font.getlength("ขอแสดงความนับถือ") / 2
    d.text((centre - body_font.getlength(name) / 2, y), name, font=body_font, fill=(0, 0, 0))
    y += line_h
    for line in spec.signer_position:
        text = thai_digits(line)
        d.text((centre - body_font.getlength(text) / 2, y), text, font=body_font, fill=(0, 0, 0))
        y += line_h

    fy = max(y + 40, h - 60 - line_h * len(spec.footer))
    small = font(22)
    for line in spec.footer:
        d.text((left, fy), thai_digits(line), font=small, fill=(0, 0, 0))
        fy += 36

    return _scan(page, rng, path)


def _scan(page: Image.Image, rng: random.Random, path: Path) -> tuple[int, int]:
    """What a flatbed scanner adds: a slight skew, grey paper, soft edges."""
    w, h = page.size
    page = page.rotate(rng.uniform(-0.45, 0.45), resample=Image.Resampling.BICUBIC, fillcolor=(250, 250, 248))
    paper = noise(rng, (w, h), scale=8, blur=2).point(lambda v: 246 + (v * 9) // 255)
    page = ImageChops.multiply(page, Image.merge("RGB", (paper, paper, paper.point(lambda v: v - 4))))
    page = page.filter(ImageFilter.GaussianBlur(0.55))
    d = ImageDraw.Draw(page)
    d.rectangle([0, 0, w, 6], fill=(210, 210, 206))  # scanner lid shadow at the top edge
    page.save(path, "JPEG", quality=82, dpi=(150, 150))
    return page.size
