"""Thai line wrapping in the windows: lines end between words of the core's
segmenter, and the hints never reach the data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtGui import QFontMetricsF, QTextLayout, QTextOption

from ent_portfolio.typeset.segmentation import break_opportunities, is_combining, segment
from ent_portfolio.ui.thaiwrap import ZWSP, ThaiWrapLabel, break_lines, strip_hints, wrap_hints

TITLE = ("ผู้สูงวัยรู้ทันฝุ่น: การพัฒนาความรอบรู้ด้านสุขภาพดิจิทัลและห้องปลอดฝุ่นสำหรับผู้สูงอายุ "
         "ร่วมกับเทศบาลตำบลยางเนิ้ง อำเภอสารภี จังหวัดเชียงใหม่")
TITLES = [
    TITLE,
    "การลดการใช้สารเคมีกำจัดศัตรูพืชและระบบรับรองผักปลอดภัยแบบมีส่วนร่วม ร่วมกับกลุ่มเกษตรกรบ้านห้วยยาบ "
    "ตำบลห้วยยาบ อำเภอบ้านธิ จังหวัดลำพูน",
    "การพัฒนาการท่องเที่ยวโดยชุมชนและผลิตภัณฑ์อาหารจากเกลือสินเธาว์ภูเขา บ้านบ่อหลวง ตำบลบ่อเกลือใต้ "
    "อำเภอบ่อเกลือ จังหวัดน่าน",
]


def word_ends(text: str) -> set[int]:
    """Offsets where a line may start: after spaces or at a segmenter word
    boundary (the core's rules), plus both ends."""
    return set(break_opportunities(text)) | {0, len(text)}


def _word_at(text: str, offset: int) -> str:
    pos = 0
    for word in segment(text):
        if pos < offset < pos + len(word):
            return word
        pos += len(word)
    return ""


def line_starts(source: str, lines: list[str]) -> list[int]:
    """Where each shown line starts in ``source`` (lines lose the spaces at a break)."""
    starts, pos = [], 0
    for line in lines:
        while source[pos:pos + 1].isspace() and not line[:1].isspace():
            pos += 1
        assert source.startswith(line, pos), (line, source[pos:pos + 20])
        starts.append(pos)
        pos += len(line)
    return starts


def qt_lines(text: str, font, width: float) -> list[str]:
    """The lines Qt itself makes of ``text`` at ``width`` (as a word-wrapped QLabel does)."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    out = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        out.append(text[line.textStart():line.textStart() + line.textLength()])
    layout.endLayout()
    return out


def test_hints_mark_thai_word_boundaries_only():
    hinted = wrap_hints(TITLE)
    assert strip_hints(hinted) == TITLE
    assert wrap_hints(hinted) == hinted  # idempotent
    assert "ดิจิทัล" + ZWSP + "และ" in hinted
    for n, ch in enumerate(hinted):
        if ch == ZWSP:
            before, after = hinted[n - 1], hinted[n + 1]
            assert "\u0e00" <= before <= "\u0e7f" and "\u0e00" <= after <= "\u0e7f"
            assert not is_combining(after)
    # every hint is at a boundary of the segmenter
    pieces = hinted.split(ZWSP)
    words = segment(TITLE)
    ends = {sum(len(w) for w in words[:k]) for k in range(len(words) + 1)}
    pos = 0
    for piece in pieces[:-1]:
        pos += len(piece)
        assert pos in ends
    assert wrap_hints("PM2.5 and 0000-0002-1825-0097") == "PM2.5 and 0000-0002-1825-0097"
    assert wrap_hints("") == ""


@pytest.mark.parametrize("title", TITLES)
def test_break_lines_never_split_a_word(qapp, title):
    from PySide6.QtGui import QFont

    metrics = QFontMetricsF(QFont("Sarabun", 15))
    for width in range(120, 1100, 20):
        lines = break_lines(title, metrics.horizontalAdvance, width)
        assert "".join(lines).replace(" ", "") == title.replace(" ", "")
        ok = word_ends(title)
        for start in line_starts(title, lines):
            if start not in ok:  # only a word wider than the whole line may be cut
                word = _word_at(title, start)
                assert metrics.horizontalAdvance(word) > width, (
                    width, title[start - 5:start] + "|" + title[start:start + 5])
        assert all(metrics.horizontalAdvance(line) <= width for line in lines if len(segment(line)) > 1)


def test_a_space_is_preferred_to_a_late_word_boundary(qapp):
    from PySide6.QtGui import QFont

    metrics = QFontMetricsF(QFont("Sarabun", 15))
    width = metrics.horizontalAdvance(TITLE[:TITLE.index("เนิ้ง")]) + 2  # ends just after "ตำบลยาง"
    lines = break_lines(TITLE, metrics.horizontalAdvance, width)
    assert lines[0].endswith("ผู้สูงอายุ") and lines[1].startswith("ร่วมกับเทศบาลตำบลยางเนิ้ง")


def test_the_work_title_wraps_between_words_and_gives_back_the_title(make_window, demo_dir, qtbot, tmp_path):
    window = make_window(demo_dir, "th")
    works = window.show_page("works")
    work = next(w for w in window.context.services.works.list() if w.title_th == TITLE)
    works.open_work(work.id)
    label = works.editor.title_label
    assert isinstance(label, ThaiWrapLabel)
    folder = Path(os.environ.get("ENT_JOURNEY_SHOTS") or tmp_path)
    for width in (1280, 1100, 960):
        window.resize(width, 800)
        qtbot.waitUntil(lambda w=width: label.width() < w - 200, timeout=3000)
        qtbot.waitUntil(lambda: label.shown_text() == label.wrapped(label.width()), timeout=3000)
        window.grab().save(str(folder / f"work-title-{width}.png"))
        shown = label.shown_text().split("\n")
        assert len(shown) >= 2, "the title should wrap at this width"
        # Qt draws exactly these lines: none is cut again by Qt's own (libthai's) breaks
        available = label.contentsRect().width() - 2 * label.margin()
        for line in shown:
            assert qt_lines(line, label.font(), available) == [line]
        # and each line starts after a space or at a word boundary of the segmenter
        ok = word_ends(TITLE)
        for start in line_starts(TITLE, shown):
            assert start in ok, TITLE[start - 5:start] + "|" + TITLE[start:start + 5]
        # the label is tall enough for its lines
        assert label.height() >= label.heightForWidth(label.width()) - 1
    # what the label gives back, and what the editable field holds, is the title itself
    assert label.text() == TITLE
    assert works.editor.title_th.text() == TITLE and ZWSP not in works.editor.title_th.text()


def test_hinted_list_items_keep_the_data_clean(make_window, demo_dir, qtbot):
    window = make_window(demo_dir, "th")
    partners = window.show_page("partners")
    from ent_portfolio.ui.views.partners import NAME_ROLE

    names = {p.name_th for p in window.context.services.partners.list()}
    items = [partners.list.item(n) for n in range(partners.list.count())]
    assert any(ZWSP in item.text() for item in items)  # display strings carry hints
    assert {item.data(NAME_ROLE) for item in items} == names  # the data does not
    qtbot.keyClicks(partners.filter, "")  # filtering compares without the hints
    partners.filter.setText("ยางเนิ้ง")
    visible = [strip_hints(i.text()) for i in items if not i.isHidden()]
    assert visible and all("ยางเนิ้ง" in v for v in visible)
    # the form shows and saves the name as stored
    current = window.context.services.partners.get(partners.current_id())
    assert partners.form.widgets["name_th"].text() == current.name_th


def test_a_label_never_waits_for_the_segmenter(qapp, qtbot, monkeypatch):
    """Before the dictionary is loaded Qt wraps the text itself; the label
    asks for it in the background and wraps again once it is there."""
    from ent_portfolio.ui import thaiwrap

    asked = []
    monkeypatch.setattr(thaiwrap, "segmenter_ready", lambda: False)
    monkeypatch.setattr(thaiwrap, "load_segmenter_in_background", lambda: asked.append(True))
    label = ThaiWrapLabel(TITLE)
    qtbot.addWidget(label)
    label.resize(400, 200)
    label.show()
    assert asked and label.shown_text() == TITLE  # no wait: Qt wraps meanwhile
    assert label.heightForWidth(400) > label.fontMetrics().lineSpacing()  # Qt's own wrapped height
    monkeypatch.undo()
    thaiwrap._ready_signal().loaded.emit()
    assert "\n" in label.shown_text() and label.text() == TITLE


def test_the_welcome_hint_takes_the_width_it_needs(make_window, qtbot):
    """A centred label is given its size hint: it comes from the text, not
    from the lines shown before (which once kept it a word wide)."""
    from ent_portfolio.ui.thaiwrap import segmenter_ready

    window = make_window()
    hint = window.welcome.hint
    qtbot.waitUntil(segmenter_ready, timeout=20000)
    qtbot.waitUntil(lambda: hint.width() > 600, timeout=5000)
    assert hint.shown_text().count("\n") <= 2
    assert all(line.strip() for line in hint.shown_text().split("\n"))
