"""Thai wrapping in the indicators, dossier, evidence and readiness pages:
the display strings carry wrap hints only at the segmenter's word
boundaries, the labels show lines that start between words, and the data
behind them (item roles, ``text()``, the records) carries no U+200B."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from test_thaiwrap import line_starts, word_ends

from ent_portfolio.ui.thaiwrap import ZWSP, ThaiWrapLabel, segmenter_ready, strip_hints


def assert_hinted(display: str, source: str) -> None:
    """``display`` is ``source`` with hints, each at a word boundary of the
    segmenter (so a break Qt takes at a hint never splits a word)."""
    assert strip_hints(display) == source
    if not any("\u0e00" <= ch <= "\u0e7f" for ch in source):
        return
    ok = word_ends(source)
    pos = 0
    for piece in display.split(ZWSP)[:-1]:
        pos += len(piece)
        assert pos in ok, source[pos - 5:pos] + "|" + source[pos:pos + 5]


def assert_label_lines(label: ThaiWrapLabel, source: str, width: int = 260) -> None:
    """The label, made ``width`` wide, shows lines that each start after a
    space or at a segmenter word boundary; ``text()`` is the source."""
    assert isinstance(label, ThaiWrapLabel)
    assert label.text() == source and ZWSP not in label.text()
    lines = label.wrapped(width).split("\n")
    ok = word_ends(source) | {n + 1 for n, ch in enumerate(source) if ch == "\n"}  # forced breaks
    for start in line_starts(source, lines):
        assert start in ok, source[start - 5:start] + "|" + source[start:start + 5]


@pytest.fixture
def thai_window(make_window, demo_dir, qtbot):
    window = make_window(demo_dir, "th")
    window.resize(1280, 800)
    qtbot.waitUntil(segmenter_ready, timeout=20000)
    return window


def test_indicators(thai_window, qtbot):
    from ent_portfolio.ui.models.indicator_models import RecordIdRole

    view = thai_window.show_page("indicators")
    services = thai_window.context.services
    model = view.indicator_model
    assert model.rowCount()
    for row in range(model.rowCount()):
        index = model.index(row)
        indicator = services.indicators.get(index.data(RecordIdRole))
        assert ZWSP not in indicator.name_th
        assert_hinted(index.data(Qt.ItemDataRole.DisplayRole), indicator.name_th)
    assert ZWSP in "".join(model.index(r).data() for r in range(model.rowCount()))
    indicator = services.indicators.get(view.current_indicator_id())
    assert_label_lines(view.name_label, indicator.name_th)
    assert_label_lines(view.facts_label, view.facts_label.text())
    # the title shows whole, on two lines in a narrower window: as tall as its lines need
    label = view.name_label
    thai_window.resize(900, 800)
    qtbot.waitUntil(lambda: "\n" in label.shown_text() and label.shown_text() == label.wrapped(label.width()),
                    timeout=3000)
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()) - 1, timeout=3000)
    folder = os.environ.get("ENT_JOURNEY_SHOTS")
    if folder:
        thai_window.grab().save(os.path.join(folder, "indicators-narrow-th.png"))


def test_dossier(thai_window):
    from ent_portfolio.ui.views.dossier import IdRole, TitleRole
    from ent_portfolio.ui.views.evidence import work_title

    view = thai_window.show_page("dossier")
    services = thai_window.context.services
    assert view.works_list.count()
    for i in range(view.works_list.count()):
        item = view.works_list.item(i)
        title = work_title(services.works.get(item.data(IdRole)), "th")
        assert item.data(TitleRole) == title and ZWSP not in title
        shown = strip_hints(item.text())
        assert shown.endswith(title)
        prefix = shown[:len(shown) - len(title)]  # "2. " when ticked
        assert item.text().startswith(prefix)
        assert_hinted(item.text()[len(prefix):], title)
    assert view.evidence_list.count()
    for i in range(view.evidence_list.count()):
        entry = view.evidence_list.item(i)
        evidence = services.evidence.get(entry.data(IdRole))
        assert ZWSP not in (evidence.caption or "")
        assert strip_hints(entry.text()).startswith(evidence.caption or evidence.original_name)
        assert_hinted(entry.text(), strip_hints(entry.text()))
    title = view.works_list.currentItem().data(TitleRole)
    assert_label_lines(view.evidence_work_label, title)
    assert_label_lines(view.works_hint, view.works_hint.text())


def test_evidence(thai_window):
    from ent_portfolio.ui.models.evidence_model import RecordIdRole
    from ent_portfolio.ui.widgets.evidence_grid import _two_lines

    view = thai_window.show_page("evidence")
    services = thai_window.context.services
    model = view.model
    assert model.rowCount()
    metrics = view.grid.fontMetrics()
    for row in range(model.rowCount()):
        index = model.index(row)
        evidence = services.evidence.get(index.data(RecordIdRole))
        caption = evidence.caption or evidence.original_name
        assert ZWSP not in caption
        display = index.data(Qt.ItemDataRole.DisplayRole)
        assert_hinted(display, caption)
        # the tile's first line ends between words
        lines = _two_lines(display, metrics, 180, view.grid.font())
        if len(lines) == 2:
            first = strip_hints(lines[0])
            source = " ".join(caption.split())
            assert source.startswith(first)
            assert len(first) in word_ends(source) or source[len(first)].isspace(), first + "|"
    assert_label_lines(view.hint_label, view.hint_label.text())


def test_readiness(thai_window, qtbot):
    from ent_portfolio.ui.views.readiness import KeyRole

    view = thai_window.show_page("readiness")
    qtbot.waitUntil(lambda: view.result is not None, timeout=20000)
    findings = {f.key: f for f in view.result.findings}
    titles = {w.work_id: view._work_title(w) for w in view.result.works}
    seen = 0
    for i in range(view.tree.topLevelItemCount()):
        header = view.tree.topLevelItem(i)
        for j in range(header.childCount()):
            item = header.child(j)
            finding = findings[item.data(0, KeyRole)]
            message = finding.message("th")
            assert ZWSP not in message
            text = item.text(0)
            assert_hinted(text.split("\n")[0], message)
            seen += 1
    assert seen
    for i in range(view.scope_list.count()):
        item = view.scope_list.item(i)
        key = item.data(KeyRole)
        assert ZWSP not in key
        if key in titles:
            assert_hinted(item.text().split("\n")[0], titles[key])
    assert_label_lines(view.counts_label, view.counts_label.text())
