"""Sarabun, the one font family of every PDF the app makes.

The TrueType files and their SIL Open Font License come from the installed
package ``fontpkg_sarabun``; :func:`font_files` tells where they are, so the
packaging can ship them and the About dialog can show the licence.

:func:`register_fonts` registers four faces with ReportLab as one family::

    Sarabun             regular
    Sarabun-Bold        bold
    Sarabun-Italic      italic
    Sarabun-BoldItalic  bold italic

All four are shapable (ReportLab hands them to HarfBuzz via ``uharfbuzz``).
:func:`shape` turns a string into positioned glyphs and measures it with the
shaped advances; that is the only width the line breaker uses.

Why shape here and not through ``canvas.drawString(..., shaping=True)``:
in ReportLab 5.1 that keyword is silently ignored unless the optional
``rlbidi`` package is installed (``bidiShapedText`` falls back to the plain
string), so tone marks are drawn at their default position and collide with
upper vowels (ที่, ปี่).  We call ReportLab's ``shapeStr`` ourselves, which
needs only ``uharfbuzz``, and draw the resulting ``ShapedStr`` through a text
object (see :mod:`ent_portfolio.typeset.drawing`).

Shaped glyphs that have no Unicode code point of their own (the small tone
mark ``uni0E48.small``, the tail-less ฐ ``thoThanthai.less``, ligatures) are
given private-use code points by ReportLab, which a PDF reader would extract
as garbage.  :class:`SarabunTTFont` remembers which text each such glyph came
from and writes that text into the font's ``ToUnicode`` map, so copy and
search work even in readers that ignore ``/ActualText``.
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapedStr, TTFont, shapeStr

FAMILY = "Sarabun"
REGULAR = "Sarabun"
BOLD = "Sarabun-Bold"
ITALIC = "Sarabun-Italic"
BOLD_ITALIC = "Sarabun-BoldItalic"

#: ReportLab font name -> file name inside ``fontpkg_sarabun/files``.
_FACES = {
    REGULAR: "Sarabun-Regular.ttf",
    BOLD: "Sarabun-Bold.ttf",
    ITALIC: "Sarabun-Italic.ttf",
    BOLD_ITALIC: "Sarabun-BoldItalic.ttf",
}

# Vertical metrics of Sarabun (hhea / OS/2 typo, per 1000 units of em).
#: Ascender above the baseline, in em/1000.
ASCENT = 1068
#: Descender below the baseline (positive), in em/1000.
DESCENT = 232


@dataclass(frozen=True)
class FontFiles:
    """Where the font files and their licence are on disk."""

    family: str
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path
    licence: Path

    def fonts(self) -> dict[str, Path]:
        """ReportLab font name -> TTF path, for the four registered faces."""
        return {
            REGULAR: self.regular,
            BOLD: self.bold,
            ITALIC: self.italic,
            BOLD_ITALIC: self.bold_italic,
        }

    def all_paths(self) -> list[Path]:
        """Every file that must ship with the app (fonts and licence)."""
        return [*self.fonts().values(), self.licence]


def font_files() -> FontFiles:
    """The Sarabun TTFs and the OFL licence file of the installed package.

    Raises ``FileNotFoundError`` naming the missing file if the package is
    incomplete, so a broken install fails loudly instead of falling back to
    a standard PDF font.
    """
    import fontpkg_sarabun  # small: just a path

    root = Path(fontpkg_sarabun.ROOT)
    files = {name: root / "files" / fn for name, fn in _FACES.items()}
    licence = root / "LICENSE"
    for path in [*files.values(), licence]:
        if not path.is_file():
            raise FileNotFoundError(f"Sarabun font package is missing {path}")
    return FontFiles(
        family=FAMILY,
        regular=files[REGULAR],
        bold=files[BOLD],
        italic=files[ITALIC],
        bold_italic=files[BOLD_ITALIC],
        licence=licence,
    )


def licence_text() -> str:
    """The text of the SIL Open Font License that covers Sarabun."""
    return font_files().licence.read_text(encoding="utf-8")


class SarabunTTFont(TTFont):
    """A shapable ``TTFont`` whose ToUnicode map names substituted glyphs.

    ReportLab gives a glyph produced by shaping that has no character in the
    font's cmap a private-use code point (U+E000...).  :func:`shape` records,
    for glyphs that stand alone for one shaping cluster, the text of that
    cluster (``uni0E48.small`` -> U+0E48).  When the PDF is written, the
    ToUnicode CMap of each subset maps those codes to that text instead of
    the private-use code point.
    """

    def __init__(self, name: str, filename: str | Path) -> None:
        super().__init__(name, str(filename), shapable=True)
        self._cmap_chars = frozenset(self.face.charToGlyph)
        #: private-use code point -> the text the glyph stands for
        self.synthetic_text: dict[int, str] = {}

    def is_synthetic(self, code: int) -> bool:
        """True for a code point ReportLab invented for a shaped glyph."""
        return code not in self._cmap_chars

    def addObjects(self, doc) -> None:  # noqa: N802 - ReportLab's name
        state = self.state.get(doc)
        subsets = [list(s) for s in state.subsets] if state is not None else []
        names = [self.getSubsetInternalName(n, doc)[1:] for n in range(len(subsets))]
        super().addObjects(doc)
        if not self.synthetic_text:
            return
        font_dict = doc.idToObject["BasicFonts"].dict
        for name, subset in zip(names, subsets):
            if not any(code in self.synthetic_text for code in subset):
                continue
            pdf_font = font_dict.get(name)
            ref = getattr(pdf_font, "ToUnicode", None)
            stream = doc.idToObject.get(getattr(ref, "name", None))
            if stream is None:  # pragma: no cover - ReportLab changed its layout
                continue
            base = pdf_font.BaseFont
            stream.content = _to_unicode_cmap(base, subset, self.synthetic_text)


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def _to_unicode_cmap(base: str, subset: list[int], remap: dict[int, str]) -> str:
    """A ToUnicode CMap for one 256-code subset, with synthetic codes remapped."""
    entries = [
        f"<{i:02X}> <{_utf16_hex(remap.get(code) or chr(code))}>"
        for i, code in enumerate(subset)
    ]
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({base})",
        f"/Ordering ({base})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{base} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
    ]
    # a bfchar block holds at most 100 entries
    for k in range(0, len(entries), 100):
        chunk = entries[k:k + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines.extend(chunk)
        lines.append("endbfchar")
    lines += [
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


_register_lock = threading.Lock()
_registered = False


def register_fonts() -> str:
    """Register the Sarabun family with ReportLab (idempotent); return its name.

    After this, ``"Sarabun"``, ``"Sarabun-Bold"``, ``"Sarabun-Italic"`` and
    ``"Sarabun-BoldItalic"`` can be used as font names anywhere in ReportLab,
    and ``reportlab.lib.fonts.tt2ps("Sarabun", bold, italic)`` maps between
    them.
    """
    global _registered
    if _registered:
        return FAMILY
    with _register_lock:
        if not _registered:
            files = font_files().fonts()
            for name, path in files.items():
                pdfmetrics.registerFont(SarabunTTFont(name, path))
            pdfmetrics.registerFontFamily(
                FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
            )
            _registered = True
    return FAMILY


def face_name(font: str, bold: bool = False, italic: bool = False) -> str:
    """The font name for ``font`` with bold and/or italic added.

    ``face_name("Sarabun", bold=True)`` -> ``"Sarabun-Bold"``;
    ``face_name("Sarabun-Bold", italic=True)`` -> ``"Sarabun-BoldItalic"``.
    Fonts of other families are looked up through ReportLab's family mapping.
    """
    return _face_name(font, bool(bold), bool(italic))


@functools.lru_cache(maxsize=256)
def _face_name(font: str, bold: bool, italic: bool) -> str:
    if not (bold or italic):
        return font
    from reportlab.lib.fonts import ps2tt, tt2ps

    try:
        family, b, i = ps2tt(font)
        return tt2ps(family, int(b or bold), int(i or italic))
    except ValueError:
        return font


class Shaped(NamedTuple):
    """A string shaped in one font.

    ``glyphs`` is what a ReportLab text object draws; ``advance`` is its width
    in 1/1000 em (multiply by ``size / 1000`` for points); ``exact`` says
    whether a PDF reader following the ToUnicode map gets exactly ``text``
    back (false when shaping reorders or merges characters, as with SARA AM
    ำ, which HarfBuzz decomposes into NIKHAHIT + SARA AA); ``plain`` is true
    when, besides, no glyph is moved off its default position (no mark
    positioning, no kerning).  Readers such as Poppler sort moved marks by
    their position and scramble them (ที่ comes out as ท่ี), so a line that
    is not plain gets ``/ActualText``.
    """

    text: str
    glyphs: ShapedStr
    advance: float
    exact: bool
    plain: bool

    def width(self, size: float) -> float:
        """Width in points at font size ``size``."""
        return self.advance * size / 1000.0


@functools.lru_cache(maxsize=65536)
def shape(font: str, text: str) -> Shaped:
    """Shape ``text`` in the registered TrueType font ``font`` (cached).

    Shaping is size-independent here: advances are in 1/1000 em.  Shape whole
    grapheme clusters (the line breaker never cuts inside one); strings are
    shaped left to right.
    """
    if not text:
        return Shaped(text, ShapedStr("", []), 0.0, True, True)
    register_fonts()
    ttf = pdfmetrics.getFont(font)
    glyphs = shapeStr(text, font, 10, force=True)
    data = glyphs.__shapeData__
    advance = float(sum(sd.x_advance for sd in data))
    if isinstance(ttf, SarabunTTFont):
        _learn_synthetic(ttf, text, glyphs, data)
        remap = ttf.synthetic_text
        extracted = "".join(remap.get(ord(g), g) for g in glyphs)
    else:
        extracted = str(glyphs)
    exact = extracted == text
    plain = exact and all(
        sd.x_offset == 0 and sd.y_offset == 0 and sd.x_advance == sd.width for sd in data
    )
    return Shaped(text, glyphs, advance, exact, plain)


_UNI_NAME = re.compile(r"uni((?:[0-9A-F]{4})+)(?:[._].*)?")


def _learn_synthetic(ttf: SarabunTTFont, text: str, glyphs: str, data) -> None:
    """Record the text that synthetic glyphs stand for.

    A glyph alone in its shaping cluster stands for the cluster's text
    (``thoThanthai.less`` -> ฐ).  A glyph sharing its cluster (the ligature
    ``uni0E4D0E49`` of น้ำ) is named after its characters where the font
    follows the ``uniXXXX`` naming convention.
    """
    n = len(data)
    i = 0
    while i < n:
        cluster = data[i].cluster
        j = i + 1
        while j < n and data[j].cluster == cluster:
            j += 1
        for k in range(i, j):
            code = ord(glyphs[k])
            if code in ttf.synthetic_text or not ttf.is_synthetic(code):
                continue
            if j == i + 1:
                end = data[j].cluster if j < n else len(text)
                if 0 <= cluster < end <= len(text):
                    ttf.synthetic_text[code] = text[cluster:end]
            else:
                gid = ttf.face.charToGlyph.get(code)
                m = _UNI_NAME.fullmatch(ttf.hbFont().glyph_to_string(gid)) if gid is not None else None
                if m:
                    hexes = m.group(1)
                    ttf.synthetic_text[code] = "".join(
                        chr(int(hexes[h:h + 4], 16)) for h in range(0, len(hexes), 4)
                    )
        i = j


def text_width(text: str, font: str = REGULAR, size: float = 10) -> float:
    """Width in points of ``text`` set in one line, measured after shaping."""
    return shape(font, text).advance * size / 1000.0
