"""A photo's perceptual fingerprint, so the same picture filed twice is found.

A lecturer who collects photos from a chat group, a colleague's USB stick
and the phone itself ends up with one scene in several files that differ
byte for byte (re-encoded, resized, turned by an EXIF tag instead of in
its pixels); a SHA-256 cannot see that they are one photo, and a committee
that notices the same picture proving two activities stops believing the
rest.  The difference hash used here reduces the upright picture to 9×8
grey cells and keeps, for each row, which of two neighbours is brighter:
64 bits that survive re-encoding and resizing, compared by how many bits
differ (:func:`hash_distance`).

A flat or evenly graded picture (a grey wall, a sky) gives nearly all bits
alike, so unrelated pictures of that kind collide: :func:`is_informative`
says when a hash is worth comparing at all.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
from PIL import Image

from .faces import open_upright
from .render import _to_rgb

#: The picture is decoded only this large before it is reduced to 9×8
#: (JPEG draft mode decodes a 12-megapixel photo at 1/8 for it).
HASH_SOURCE_SIDE = 256
HASH_BITS = 64
#: A hash with fewer set (or unset) bits than this is a flat picture's.
MIN_INFORMATIVE_BITS = 8
_HEX = re.compile(r"[0-9a-fA-F]{16}")


def image_hash(path: Path | str) -> str:
    """The hash of the picture at ``path``, as a person sees it (EXIF
    orientation applied).  Raises ``OSError`` or ``ValueError`` when the
    picture cannot be read."""
    return image_hash_of(open_upright(path, HASH_SOURCE_SIDE))


def image_hash_of(image: Image.Image) -> str:
    """The hash of an already upright picture: 16 hexadecimal digits."""
    # Floating-point cells: rounding to 0..255 makes neighbours tie, and a
    # tie's bit flips with the slightest re-encoding.
    grey = _to_rgb(image).convert("L").convert("F")
    cells = np.asarray(grey.resize((9, 8), Image.Resampling.BOX), dtype=np.float64)
    bits = (cells[:, :-1] > cells[:, 1:]).flatten()
    return f"{int(''.join('1' if bit else '0' for bit in bits), 2):016x}"


def _as_number(value: str) -> int:
    # int(..., 16) alone would also take "0x…", "_" and spaces.
    if not isinstance(value, str) or not _HEX.fullmatch(value):
        raise ValueError(f"not an image hash: {value!r:.40}")
    return int(value, 16)


def hash_distance(a: str, b: str) -> int:
    """How many of the 64 bits differ (0: the same picture as far as can be told)."""
    return (_as_number(a) ^ _as_number(b)).bit_count()


def is_informative(value: str) -> bool:
    """False for the hash of a near-flat picture, which matches too many others."""
    ones = _as_number(value).bit_count()
    return MIN_INFORMATIVE_BITS <= ones <= HASH_BITS - MIN_INFORMATIVE_BITS
