"""Pictures made small and upright, in memory: the thumbnails the store caches
and the first-page pictures of scanned PDFs are drawn here.  No files, no
portfolio: :mod:`.probe` and :mod:`.thumbs` both build on it."""

from __future__ import annotations

import io

from PIL import Image

THUMBNAIL_SIZE = 320
JPEG_QUALITY = 82

# EXIF orientation → the transposition that makes the picture upright.
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def upright_size(width: int, height: int, orientation: int | None) -> tuple[int, int]:
    """The size a person sees once the orientation is applied."""
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def apply_orientation(image: Image.Image, orientation: int | None) -> Image.Image:
    method = _TRANSPOSE.get(orientation or 1)
    return image.transpose(method) if method is not None else image


def _to_rgb(image: Image.Image) -> Image.Image:
    if image.mode == "RGB":
        return image
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        return image.point(lambda v: v / 256).convert("L").convert("RGB")
    return image.convert("RGB")


def render_thumbnail(image: Image.Image, orientation: int | None = None,
                     size: int = THUMBNAIL_SIZE) -> Image.Image:
    """Decode ``image`` at reduced scale (JPEG draft mode) and return an upright
    RGB picture at most ``size`` pixels on its long side.

    This decodes the whole data stream, so a truncated or damaged file raises
    here (``OSError``, ``SyntaxError`` or ``ValueError`` from Pillow)."""
    _decode_small(image, size)
    image.thumbnail((size, size), Image.Resampling.LANCZOS, reducing_gap=2.0)
    return apply_orientation(_to_rgb(image), orientation)


def decode_to_the_end(image: Image.Image, size: int = THUMBNAIL_SIZE) -> None:
    """Decode ``image``'s whole data stream as cheaply as
    :func:`render_thumbnail` does, making nothing of it: damage raises the
    same errors, and no thumbnail is resized or encoded."""
    _decode_small(image, size)
    image.load()


def _decode_small(image: Image.Image, size: int) -> None:
    if image.format in ("JPEG", "MPO"):  # MPO: phones' multi-picture JPEG (depth, HDR)
        # libjpeg scales by 1/2, 1/4 or 1/8 while decoding: a 12-megapixel
        # photo decodes to 500×375 instead of 4000×3000.  Ask for the
        # thumbnail's own box so that the scale is as small as it can be.
        width, height = image.size
        scale = size / max(width, height)
        image.draft("RGB", (max(1, int(width * scale)), max(1, int(height * scale))))


def encode_jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY)
    return out.getvalue()
