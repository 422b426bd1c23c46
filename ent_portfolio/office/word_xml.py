"""Word's XML where python-docx has no API, for a Thai document: the font
named for every script on the styles, sizes and bold and italic for the
complex script too, real hyperlinks, numbered lists that start again at 1,
and table header rows that repeat on every page.

Word shapes Thai as a complex script, so a style that names only the Latin
font (all python-docx's font API writes) shows Thai in whatever the machine
falls back to: every style gets ``w:rFonts`` ascii, hAnsi, eastAsia *and*
cs, ``w:sz`` and ``w:szCs``, ``w:b``/``w:bCs``, and ``w:lang w:bidi="th-TH"``."""

from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from ..typeset.markup import parse, safe_text

#: The font of every style.  Sarabun, not TH Sarabun New: it is the font
#: the app ships (``fontpkg_sarabun``, SIL Open Font License, so a co-worker
#: may be given it) and the PDF's font, so the Word file reads like the
#: dossier; TH Sarabun New is not on most machines outside Thai offices and
#: may not be passed on with the app.
FONT = "Sarabun"
#: Body size of Thai official documents.
BODY_PT = 16
TABLE_PT = 14
#: (style, size in points, bold) of the styles this file uses.
STYLE_SIZES = (
    ("Normal", BODY_PT, False), ("Title", 24, True), ("Subtitle", BODY_PT, False),
    ("Heading 1", 20, True), ("Heading 2", 18, True), ("Heading 3", BODY_PT, True),
    ("List Bullet", BODY_PT, False), ("List Bullet 2", BODY_PT, False), ("List Bullet 3", BODY_PT, False),
    ("List Number", BODY_PT, False), ("List Number 2", BODY_PT, False), ("List Number 3", BODY_PT, False),
    ("Quote", BODY_PT, False), ("Caption", TABLE_PT, False), ("Table Grid", TABLE_PT, False),
)
TABLE_TEXT = "Table Text"
#: A4, with the margins of Thai government letters: the A4 paper is the
#: one ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ พ.ศ. 2526 (and its amendments
#: of 2548 and 2560) prescribes, and the margins those of the printing
#: practice for หนังสือราชการ that goes with it: left 3 cm (the binding
#: side), right 2 cm, top 2.5 cm, bottom 2 cm.
PAGE_W_CM, PAGE_H_CM = 21.0, 29.7
MARGINS_CM = {"left": 3.0, "right": 2.0, "top": 2.5, "bottom": 2.0}

# -- styles -----------------------------------------------------------------

def _child(parent, tag: str):
    """``parent``'s ``tag`` child, made in schema order when missing (Word
    refuses a file whose run properties are out of order)."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        seq = getattr(parent, "_tag_seq", ())
        successors = seq[seq.index(tag) + 1:] if tag in seq else ()
        parent.insert_element_before(found, *successors)
    return found


def thai_run_properties(rPr, size_pt: float | None, bold: bool | None, lang: str) -> None:  # noqa: N803
    """The font, size, weight and language of ``rPr`` for every script."""
    fonts = _child(rPr, "w:rFonts")
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)  # a theme font wins over the named one
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), FONT)
    if bold is not None:
        for tag in ("w:b", "w:bCs"):
            _child(rPr, tag).set(qn("w:val"), "1" if bold else "0")
    if size_pt is not None:
        for tag in ("w:sz", "w:szCs"):
            _child(rPr, tag).set(qn("w:val"), str(round(size_pt * 2)))
    language = _child(rPr, "w:lang")
    language.set(qn("w:val"), "th-TH" if lang == "th" else "en-GB")
    language.set(qn("w:eastAsia"), "th-TH")
    language.set(qn("w:bidi"), "th-TH")


def set_styles(doc, lang: str) -> None:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            thai_run_properties(rpr, BODY_PT, None, lang)
    for name, size, bold in STYLE_SIZES:
        style = doc.styles[name]
        thai_run_properties(style.element.get_or_add_rPr(), size, bold, lang)
        if name.startswith(("Heading", "Title")):
            style.font.color.rgb = RGBColor(0x1D, 0x35, 0x57)  # the PDF's navy
    cell = doc.styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = doc.styles["Normal"]
    cell.paragraph_format.space_after = Pt(0)
    thai_run_properties(cell.element.get_or_add_rPr(), TABLE_PT, None, lang)


def set_page(doc) -> None:
    for section in doc.sections:
        section.page_width, section.page_height = Cm(PAGE_W_CM), Cm(PAGE_H_CM)
        section.left_margin, section.right_margin = Cm(MARGINS_CM["left"]), Cm(MARGINS_CM["right"])
        section.top_margin, section.bottom_margin = Cm(MARGINS_CM["top"]), Cm(MARGINS_CM["bottom"])


# -- text -------------------------------------------------------------------

def add_run(paragraph, text: str, *, bold: bool = False, italic: bool = False, printable: bool = False):
    """A run of ``text``; bold and italic set for the complex script too
    (Word draws Thai with ``w:bCs``/``w:iCs``, not ``w:b``/``w:i``).
    ``printable``: the text is a piece of parsed markup, made printable
    whole (made so again alone, a mark that begins it would get a base)."""
    run = paragraph.add_run()
    # what an archive or an old database holds may carry characters XML cannot
    lines = (text if printable else safe_text(text)).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for k, line in enumerate(lines):
        if k:
            run.add_break(WD_BREAK.LINE)
        if line:
            run.add_text(line)
    if bold or italic:
        rpr = run._r.get_or_add_rPr()
        for flag, tags in ((bold, ("w:b", "w:bCs")), (italic, ("w:i", "w:iCs"))):
            if flag:
                for tag in tags:
                    _child(rpr, tag)
    return run


def add_hyperlink(paragraph, url: str, text: str, *, bold: bool, italic: bool, printable: bool = False) -> None:
    """A real hyperlink (python-docx has none): a ``w:hyperlink`` whose
    relationship points outside the file."""
    rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = add_run(paragraph, text, bold=bold, italic=italic, printable=printable)
    rpr = run._r.get_or_add_rPr()
    _child(rpr, "w:color").set(qn("w:val"), "0563C1")
    _child(rpr, "w:u").set(qn("w:val"), "single")
    run._r.addprevious(link)
    link.append(run._r)


def add_markup(paragraph, markup: str) -> None:
    """The dossier's paragraph markup as Word runs: bold, italic, breaks,
    and links to web addresses (a destination inside the PDF means nothing
    in Word: its text stays, as text)."""
    parsed = parse(markup)
    for r in parsed.runs:
        text = parsed.text[r.start:r.end]
        if r.href and r.href.startswith(("http://", "https://", "mailto:")):
            add_hyperlink(paragraph, r.href, text, bold=r.bold, italic=r.italic, printable=True)
        else:
            add_run(paragraph, text, bold=r.bold, italic=r.italic, printable=True)


class ListNumbering:
    """Each numbered list of a section starts at 1: the ``List Number``
    styles share one Word numbering, which would count on across lists."""

    def __init__(self, doc) -> None:
        self.doc = doc
        self.current: dict[str, str] = {}

    def _style_num(self, style: str) -> str | None:
        pPr = self.doc.styles[style].element.pPr  # noqa: N806
        num = pPr.find(f"{qn('w:numPr')}/{qn('w:numId')}") if pPr is not None else None
        return num.get(qn("w:val")) if num is not None else None

    def restart(self, paragraph, style: str) -> None:
        style_num = self._style_num(style)
        if style_num is None:
            return
        numbering = self.doc.part.numbering_part.element
        abstract = next((n.find(qn("w:abstractNumId")).get(qn("w:val")) for n in numbering.findall(qn("w:num"))
                         if n.get(qn("w:numId")) == style_num), None)
        if abstract is None:
            return
        ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
        fresh = OxmlElement("w:num")
        fresh.set(qn("w:numId"), str(max(ids) + 1))
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), abstract)
        fresh.append(ref)
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), "0")
        start = OxmlElement("w:startOverride")
        start.set(qn("w:val"), "1")
        override.append(start)
        fresh.append(override)
        numbering.append(fresh)
        self.current[style] = fresh.get(qn("w:numId"))
        self._apply(paragraph, self.current[style])

    def continue_(self, paragraph, style: str) -> None:
        if style in self.current:
            self._apply(paragraph, self.current[style])

    @staticmethod
    def _apply(paragraph, num_id: str) -> None:
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = int(num_id)


def repeat_header(row) -> None:
    """The header row repeats on each page a long table runs onto."""
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
