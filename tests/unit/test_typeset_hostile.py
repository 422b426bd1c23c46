"""Hostile text in the dossier: huge sections, huge paragraphs, characters a
PDF cannot carry.

Every input is generated here.  What is promised and checked:

* a section is at most ``SECTION_TEXT_LIMIT`` characters: more is refused
  when it is saved (one sentence naming the section and the limit, nothing
  changed); more that arrives another way (an older database, an archive)
  is printed up to the limit, ending at a word, with a note in the PDF;
* a paragraph of 200,000 characters with no newline pages without error and
  reads back exactly, and the work done grows with its length: every
  character is shaped a bounded number of times and the segmenter never
  sees more than one window (checked by counting, not by timing; the
  timings are in ``benchmarks/bench_long_text.py``);
* controls, lone surrogates, noncharacters and bidi overrides become U+FFFD
  and lone combining marks get a no-break space to sit on, so layout never
  fails, no line starts with a mark, and ``pdftotext`` reads the PDF back
  as the layout laid it out (a property test over arbitrary strings).
"""

from __future__ import annotations

import base64
import io
import random
import sys
import unicodedata
from pathlib import Path

import pypdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs
from reportlab.lib.units import mm

try:
    from tests import pdftools
except ImportError:  # pytest started without the repository root on sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from tests import pdftools

from thai_samples import ALL, PARAGRAPHS

from ent_portfolio.domain import models as m
from ent_portfolio.dossier import DossierConfig, build_dossier
from ent_portfolio.dossier.richtext import html_blocks, plain_text
from ent_portfolio.errors import ValidationError
from ent_portfolio.services.catalogue import SECTION_MARKUP_LIMIT, SECTION_TEXT_LIMIT
from ent_portfolio.typeset import (
    SimpleThaiDocTemplate,
    ThaiParagraph,
    draw_text,
    escape,
    make_canvas,
    segmentation,
    word_boundaries,
)
from ent_portfolio.typeset import drawing as drawing_module
from ent_portfolio.typeset import layout as layout_module
from ent_portfolio.typeset.drawing import draw_lines
from ent_portfolio.typeset.layout import Content, layout_lines
from ent_portfolio.typeset.markup import MARK_BASE, MAX_MARKS, REPLACEMENT, parse, safe_text
from ent_portfolio.typeset.styles import styles

# --------------------------------------------------------------- helpers


def _is_mark(ch: str) -> bool:
    return ch == "\u0e33" or unicodedata.category(ch) in ("Mn", "Mc", "Me")


def _unprintable(ch: str) -> bool:
    code = ord(ch)
    return ((code < 0x20 and ch not in "\t\n\r") or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF
            or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069 or 0xFDD0 <= code <= 0xFDEF
            or code & 0xFFFE == 0xFFFE)


def _mark_runs(text: str) -> list[str]:
    runs, run = [], ""
    for ch in text:
        if _is_mark(ch):
            run += ch
        elif run:
            runs.append(run)
            run = ""
    return [*runs, run] if run else runs


def _check_lines(text: str, lines) -> None:
    """The lines are the text in order: each is its slice, only spaces and
    newlines lie between them (nothing else dropped, nothing added), and no
    line starts with a combining mark."""
    pos = 0
    rebuilt = []
    for line in lines:
        assert line.text == text[line.start:line.end]
        gap = text[pos:line.start]
        assert set(gap) <= {" ", "\n"}, f"dropped {gap!r}"
        assert not line.text or not _is_mark(line.text[0]), f"line starts with a mark: {line.text[:8]!r}"
        rebuilt += [gap, line.text]
        pos = line.end
    assert set(text[pos:]) <= {" ", "\n"}
    rebuilt.append(text[pos:])
    assert "".join(rebuilt) == text


def _extracted(path, raw: bool = False) -> list[str]:
    text = pdftools.pdftotext(path, raw=raw)
    return [ln.strip() for ln in text.replace("\f", "\n").split("\n") if ln.strip()]


def _thai(n: int, *, spaces: bool = True) -> str:
    """``n`` characters of Thai prose (no newline)."""
    base = " ".join(ALL) if spaces else "".join(p.replace(" ", "") for p in PARAGRAPHS)
    return (base * (n // len(base) + 1))[:n]


class _Counted:
    """Counts the characters handed to the shaper and to the segmenter."""

    def __init__(self, monkeypatch) -> None:
        self.shaped = 0
        self.longest_segmented = 0
        real_shape = layout_module.shape

        def shape(font, text):
            self.shaped += len(text)
            return real_shape(font, text)

        # measured and cut by the line breaker, drawn (and justified) by the drawing module
        monkeypatch.setattr(layout_module, "shape", shape)
        monkeypatch.setattr(drawing_module, "shape", shape)
        real_tokenizer = segmentation._word_tokenize()

        def tokenize(text, **kwargs):
            self.longest_segmented = max(self.longest_segmented, len(text))
            return real_tokenizer(text, **kwargs)

        monkeypatch.setattr(segmentation, "_tokenizer", tokenize)


# ------------------------------------------------ characters a PDF refuses

HOSTILE = {
    "nul": "ชุมชน\x00บ้านนา",
    "c0 controls": "ก" + "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r") + "ข",
    "del and c1": "ค\x7f\x80\x85\x9fง",
    "lone high surrogate": "ผลงาน\ud800วิชาการ",
    "lone low surrogate": "ผลงาน\udfffวิชาการ",
    "reversed pair": "a\udc00\ud83db",
    "noncharacters": "ก\ufffe\uffff\ufdd0\U0010fffeข",
    "bidi overrides": "\u202eชุมชน\u202c \u202dabc\u202a\u202b \u2066x\u2067y\u2068z\u2069",
    "line separators": "บรรทัดหนึ่ง\u2028บรรทัดสอง\u2029ย่อหน้าใหม่",
    "mark at the start": "\u0e48\u0e49ชุมชน",
    "mark after a space": "ชุมชน \u0e35\u0e48 บ้านนา",
    "mark after a newline": "ชุมชน\n\u0e47บ้าน\n \u0e33นา",
    "sara am alone": "\u0e33",
    "marks only": "\u0e31\u0e34\u0e48\u0e49\u0e4a\u0e4b" * 20,
    "latin marks alone": "\u0301\u0308 e\u0301",
    "enclosing marks": "\u20dd1\u20dd",
    "replacement already there": "ก\ufffdข",
    "a pile of marks": "e" + "\u0301" * 50 + " ก" + "\u0e48\u0e49" * 20,
}


def test_safe_text_replaces_one_for_one_and_is_stable():
    for name, raw in HOSTILE.items():
        clean = safe_text(raw)
        assert not any(_unprintable(ch) for ch in clean), name
        assert safe_text(clean) == clean, name
        if not name.startswith("mark") and name not in ("sara am alone", "latin marks alone", "enclosing marks"):
            assert len(clean) == len(raw), name  # one for one
        assert all(len(run) <= MAX_MARKS for run in _mark_runs(clean)), name
    assert safe_text("ก\x00ข\ud800") == "ก" + REPLACEMENT + "ข" + REPLACEMENT
    assert safe_text("\u0e48ก") == MARK_BASE + "\u0e48ก"
    assert safe_text("ก\u0e48") == "ก\u0e48"
    assert safe_text("\u0e48", before="ก") == "\u0e48"
    assert safe_text("\u0e48", before=" ") == "\u0e48"  # the space is its base
    assert safe_text("\u0e48", before="ก\n") == MARK_BASE + "\u0e48"
    assert safe_text("ก\n\u0e33\u2028\u0e48") == f"ก\n{MARK_BASE}\u0e33\n{MARK_BASE}\u0e48"


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_characters_print_and_read_back(name, tmp_path):
    raw = HOSTILE[name]
    st = styles()
    literal = ThaiParagraph(raw, st["body"], markup=False)
    # the same text as markup, with the characters as numeric references
    as_refs = "".join(f"&#{ord(ch)};" if _unprintable(ch) or _is_mark(ch) else escape(ch) for ch in raw)
    referenced = ThaiParagraph(as_refs, st["body"])
    assert literal.getPlainText() == referenced.getPlainText() == safe_text(raw).translate({9: 32, 13: 32})
    narrow = ThaiParagraph(raw, st["body_justified"], markup=False)
    path = tmp_path / "hostile.pdf"
    doc = SimpleThaiDocTemplate(str(path), leftMargin=20 * mm, rightMargin=20 * mm, invariant=1,
                                title=f"ชื่อ {raw}", author=raw, subject=raw, keywords=[raw, "ก"])
    from reportlab.platypus import Frame, PageTemplate

    def footer(canvas, _doc):
        draw_text(canvas, 40, 30, f"ท้าย {raw}", size=9)
        canvas.bookmarkPage("p")
        canvas.addOutlineEntry(f"หัวข้อ {raw}", "p", level=0)

    doc.addPageTemplates([PageTemplate("p", [Frame(20 * mm, 20 * mm, 60 * mm, 250 * mm, id="f")],
                                       onPage=footer)])
    doc.build([literal, referenced, narrow])
    for p in (literal, referenced, narrow):
        _check_lines(p.getPlainText(), p.lines)
    got = _extracted(path)
    want = [ln.text.strip() for p in (literal, referenced, narrow) for ln in p.lines if ln.text.strip()]
    footer_line = safe_text(f"ท้าย {raw}").replace("\n", " ").translate({9: 32, 13: 32}).strip()
    assert got == [*want, footer_line]
    assert not any(_unprintable(ch) for line in got for ch in line)
    # metadata and outline: the same printable text, on one line
    reader = pypdf.PdfReader(path)
    def shown(text):
        return safe_text(text).replace("\n", " ")

    assert reader.metadata.title == shown(f"ชื่อ {raw}") and reader.metadata.author == shown(raw)
    assert [entry.title for entry in reader.outline] == [shown(f"หัวข้อ {raw}")]


# ------------------------------------------------------- property: layout

_ALPHABET = hs.one_of(
    hs.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B),           # Thai, marks included
    hs.sampled_from(list(" \n\t\r\u00a0")),                             # spaces and breaks
    hs.characters(categories=["Mn", "Mc", "Me"]),                       # marks of any script
    hs.characters(min_codepoint=0, max_codepoint=0x9F),                 # ASCII, C0 and C1 controls
    hs.characters(categories=["Cs"]),                                   # lone surrogates
    hs.sampled_from(list("\ufffe\uffff\ufdd0\u202a\u202b\u202c\u202d\u202e\u2066\u2069\u2028\u2029"
                         "\u200b\u200d\ufeff()[].,!?ๆฯ")),
    hs.characters(),                                                    # anything at all
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    raw=hs.text(_ALPHABET, max_size=160),
    width=hs.floats(min_value=8, max_value=480),
    markup=hs.booleans(),
    style_name=hs.sampled_from(["body", "body_justified", "table_cell", "h2"]),
)
def test_any_string_lays_out_and_draws(raw, width, markup, style_name):
    st = styles()[style_name]
    source = escape(raw) if markup else raw
    content = Content(parse(source, markup), st.fontName, st.fontSize)
    assert content.text == safe_text(raw).translate({9: 32, 13: 32})
    assert not any(_unprintable(ch) for ch in content.text)
    lines = layout_lines(content, width)
    _check_lines(content.text, lines)
    # soft breaks only where the segmenter or a cluster boundary allows
    for line in lines[:-1]:
        if line.brk == "word":
            assert line.end in set(word_boundaries(content.text))
    canvas = make_canvas(io.BytesIO())
    draw_lines(canvas, lines, 20, 800, size=st.fontSize, leading=st.leading, align=st.alignment)
    draw_text(canvas, 20, 20, raw)
    canvas.showPage()
    canvas.save()


_READABLE = hs.one_of(
    hs.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B),
    hs.characters(min_codepoint=0x20, max_codepoint=0x7E),
    hs.characters(min_codepoint=0x0300, max_codepoint=0x036F),
    hs.characters(min_codepoint=0, max_codepoint=0x9F),
    hs.characters(categories=["Cs"]),
    hs.sampled_from(list("  \n\ufffe\u202e\u2028")),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=hs.lists(hs.text(_READABLE, min_size=1, max_size=120), min_size=1, max_size=4))
def test_any_left_to_right_string_reads_back_from_the_pdf(raw, tmp_path_factory):
    path = tmp_path_factory.mktemp("property") / "p.pdf"
    doc = SimpleThaiDocTemplate(str(path), leftMargin=20 * mm, rightMargin=120 * mm, invariant=1)
    paragraphs = [ThaiParagraph(t, styles()["body"], markup=False) for t in raw]
    doc.build(list(paragraphs))
    want = [ln.text.strip() for p in paragraphs for ln in p.lines if ln.text.strip()]
    # content-stream order: pdftotext's reading order would join a line
    # ending in "-" with the next (its de-hyphenation), which is not ours
    assert _extracted(path, raw=True) == want


# ------------------------------------------------------ a huge paragraph


def _paged(text: str, monkeypatch) -> tuple[list, bytes, int]:
    """``text`` as one paragraph through platypus; the parts drawn, page by page."""
    parts: list[ThaiParagraph] = []
    real_draw = ThaiParagraph.draw

    def draw(self):
        parts.append(self)
        real_draw(self)

    monkeypatch.setattr(ThaiParagraph, "draw", draw)
    out = io.BytesIO()
    doc = SimpleThaiDocTemplate(out, leftMargin=20 * mm, rightMargin=20 * mm, invariant=1)
    doc.build([ThaiParagraph(text, styles()["body_justified"], markup=False)])
    return parts, out.getvalue(), doc.page


@pytest.mark.parametrize("kind", ["thai without newline", "one unbreakable word"])
def test_a_200k_character_paragraph_pages_and_costs_its_length(kind, monkeypatch, tmp_path):
    n = 200_000
    if kind == "thai without newline":
        text = _thai(n)
    else:  # a pasted blob: no space, no segmenter boundary, cut between clusters
        text = base64.b64encode(random.Random(12).randbytes(n * 3 // 4)).decode()[:n]
    counted = _Counted(monkeypatch)
    parts, pdf, pages = _paged(text, monkeypatch)
    lines = [line for part in parts for line in part.lines]
    assert pages > 20 and len(parts) == pages
    _check_lines(text, lines)
    assert all(line.width <= line.avail + 1e-6 for line in lines)
    if kind == "one unbreakable word":
        assert {line.brk for line in lines[:-1]} == {"cluster"}
    # linear work: each character shaped a few times (measured, then cut
    # into pieces, then drawn), never the rest of the paragraph per page
    assert counted.shaped <= 8 * n, counted.shaped
    assert counted.longest_segmented <= segmentation.SEGMENT_WINDOW + segmentation.SEGMENT_OVERLAP
    path = tmp_path / "long.pdf"
    path.write_bytes(pdf)
    assert _extracted(path) == [line.text.strip() for line in lines if line.text.strip()]


def test_windowed_segmentation_keeps_the_words_of_prose():
    text = _thai(30_000, spaces=False)
    tokens = segmentation.segment_uncached(text)
    assert "".join(tokens) == text
    whole = segmentation._word_tokenize()(text, engine="newmm", keep_whitespace=True)
    # windows change nothing but, at most, a word or two at each window's edge
    differ = len(set(_ends(whole)) ^ set(_ends(tokens)))
    assert differ <= 4 * (len(text) // segmentation.SEGMENT_WINDOW + 1), differ


def _ends(tokens) -> list[int]:
    out, pos = [], 0
    for tok in tokens:
        pos += len(tok)
        out.append(pos)
    return out


# ------------------------------------------- sections: cap at save, cut in print

LIMIT_HINT = f"{SECTION_TEXT_LIMIT:,}"


def _ten_mb(paragraphs: bool) -> str:
    units = []
    size = k = 0
    while size < 10 * 2**20:
        unit = f"{PARAGRAPHS[k % len(PARAGRAPHS)]} ข้อที่ {k}"
        units.append(unit)
        size += len(unit.encode()) + 8
        k += 1
    return "".join(f"<p>{u}</p>" for u in units) if paragraphs else "<p>" + " ".join(units) + "</p>"


def _db_state(portfolio) -> list:
    with portfolio.reader() as session:
        return sorted((s.work_id, s.key, s.content) for s in session.query(m.WorkSection))


@pytest.mark.parametrize("case", ["10 MB in paragraphs", "10 MB in one paragraph", "one over the limit",
                                  "markup-heavy"])
def test_a_section_over_the_limit_is_refused_when_saved(case, services, portfolio):
    work = services.works.create(title_th="ผลงานทดสอบ")
    services.works.set_section(work.id, "process", "<p>ข้อความเดิม</p>")
    before = _db_state(portfolio)
    updated = services.works.get(work.id).updated_at
    if case.startswith("10 MB"):
        content = _ten_mb(case == "10 MB in paragraphs")
    elif case == "one over the limit":
        content = "<p>" + _thai(SECTION_TEXT_LIMIT + 1) + "</p>"
    else:
        content = "<p>ก" + "<b></b>" * (SECTION_MARKUP_LIMIT // 7 + 1) + "</p>"
    with pytest.raises(ValidationError) as caught:
        services.works.set_section(work.id, "process", content)
    key = "work.section_markup_too_long" if case == "markup-heavy" else "work.section_too_long"
    assert caught.value.key == key
    thai = caught.value.message("th")
    assert "กระบวนการที่ทำให้เกิดการเปลี่ยนแปลง" in thai and thai.endswith("ไม่มีการเปลี่ยนแปลงใด ๆ")
    limit = SECTION_MARKUP_LIMIT if case == "markup-heavy" else SECTION_TEXT_LIMIT
    assert f"{limit:,}" in thai and f"{limit:,}" in caught.value.message("en")
    assert _db_state(portfolio) == before
    assert services.works.get(work.id).updated_at == updated


def test_a_section_at_the_limit_saves_and_prints_whole(services):
    work = services.works.create(title_th="ผลงานทดสอบ")
    text = _thai(SECTION_TEXT_LIMIT + 200)
    text = text[:text.rfind(" ", 0, SECTION_TEXT_LIMIT)].strip()
    services.works.set_section(work.id, "process", f"<p>{text}</p>")
    content = dict((t.key, c) for t, c in services.works.sections(work.id))["process"]
    blocks = html_blocks(content, "th")
    assert [b.kind for b in blocks] == ["p"]
    assert blocks[0].plain == text


def _write_raw_section(portfolio, work_id: str, key: str, content: str) -> None:
    """What an older database or an archive can hold: no service checked it."""
    with portfolio.session() as session:
        session.add(m.WorkSection(work_id=work_id, key=key, content=content))


@pytest.mark.parametrize("paragraphs", [True, False], ids=["paragraphs", "one paragraph"])
def test_a_10mb_section_from_elsewhere_prints_to_the_limit_with_a_note(paragraphs, services, portfolio, tmp_path):
    work = services.works.create(title_th="ผลงานที่มีหัวข้อยาวมาก")
    big = _ten_mb(paragraphs)
    _write_raw_section(portfolio, work.id, "process", big)
    result = build_dossier(portfolio, DossierConfig(), tmp_path / "dossier.pdf")
    text = pdftools.pdftotext(result.path)
    flat = " ".join(text.split())
    assert flat.count("ตัดข้อความที่ยาวเกิน") == 1 and LIMIT_HINT in flat
    assert result.pages < 80
    # what is printed is the section's beginning, ending at a word
    blocks = html_blocks(big, "th")
    assert blocks[-1].kind == "cut"
    assert SECTION_TEXT_LIMIT - 300 <= sum(len(b.plain) for b in blocks[:-1]) <= SECTION_TEXT_LIMIT
    printed = " ".join(b.plain for b in blocks[:-1])
    source = plain_text(big)
    assert source.startswith(printed)
    assert source[len(printed)] == " "
    # its last words are printed, and the note right after them
    compact = "".join(text.split())
    last_words = "".join(printed.split()[-3:])
    note = compact.index("[ตัดข้อความที่ยาวเกิน")
    assert compact.rindex(last_words, 0, note) + len(last_words) == note


def test_the_cut_note_is_in_the_dossier_language(services, portfolio):
    work = services.works.create(title_th="ผลงาน")
    _write_raw_section(portfolio, work.id, "abstract", _thai(SECTION_TEXT_LIMIT * 2, spaces=False))
    content = dict((t.key, c) for t, c in services.works.sections(work.id))["abstract"]
    th, en = html_blocks(content, "th"), html_blocks(content, "en")
    assert "ตัดข้อความที่ยาวเกิน" in th[-1].plain and "characters was cut" in en[-1].plain
    # no space to end at: the cut falls on a word boundary of the segmenter
    kept = th[0].plain
    assert SECTION_TEXT_LIMIT - 300 <= len(kept) <= SECTION_TEXT_LIMIT and content.startswith(kept)
    around = len(kept) - 300
    assert len(kept) - around in word_boundaries(content[around:len(kept) + 100])


def test_markup_beyond_its_limit_is_not_parsed_past_it():
    content = "<p>" + "<b></b>" * (SECTION_MARKUP_LIMIT // 7 + 10) + "ท้ายสุด</p>"
    blocks = html_blocks(content, "en")
    assert [b.kind for b in blocks] == ["cut"]
    cut_inside_a_tag = "<p>" + "ก" * 10 + "<b>" * (SECTION_MARKUP_LIMIT // 3) + "</p>"
    blocks = html_blocks(cut_inside_a_tag, "th")
    assert blocks[0].plain == "ก" * 10 and blocks[-1].kind == "cut"


def test_the_command_line_names_each_section_it_printed_shortened(services, portfolio, tmp_path, capsys):
    from ent_portfolio.cli import main

    work = services.works.create(title_th="ผลงานที่มีหัวข้อยาวมาก")
    _write_raw_section(portfolio, work.id, "process", f"<p>{_thai(SECTION_TEXT_LIMIT + 5000)}</p>")
    services.works.set_section(work.id, "abstract", "<p>บทคัดย่อสั้น ๆ</p>")
    folder = portfolio.folder
    portfolio.close()
    code = main(["dossier", "--portfolio", str(folder), "--out", str(tmp_path / "d.pdf")])
    out, err = capsys.readouterr()
    assert code == 0, err
    shortened = [line for line in out.splitlines() if "ยาวเกินที่แฟ้มเสนอขอพิมพ์ได้" in line]
    assert len(shortened) == 1, out
    assert "กระบวนการที่ทำให้เกิดการเปลี่ยนแปลง" in shortened[0] and "ผลงานที่มีหัวข้อยาวมาก" in shortened[0]
