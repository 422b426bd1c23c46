"""The works list keeps its titles in view on a small laptop's window: the
other columns narrow instead of pushing the title off to the side."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QTableView

from ent_portfolio.ui.views.works import COLUMN_WIDTHS, TITLE_SHARE, fitted_column_widths


@pytest.mark.parametrize("size", [(960, 600), (800, 600), (1024, 700)])
def test_the_title_keeps_its_share_of_a_narrow_window(make_window, demo_dir, qtbot, tmp_path, size):
    window = make_window(demo_dir)
    window.resize(*size)
    table = window.findChild(QTableView, "worksTable")
    header = table.horizontalHeader()
    qtbot.waitUntil(lambda: header.sectionSize(0) >= table.viewport().width() * TITLE_SHARE - 2, timeout=3000)
    assert table.horizontalScrollBar().maximum() == 0
    window.grab().save(str(tmp_path / f"works-{size[0]}.png"))


@pytest.mark.parametrize("size", [(1280, 800), (1600, 900)])
def test_a_roomy_window_keeps_the_columns_widths(make_window, demo_dir, qtbot, size):
    # 1280 × 800, the window's first size: the period "พฤศจิกายน 2567 –
    # เมษายน 2570" is read whole.
    window = make_window(demo_dir)
    window.resize(*size)
    table = window.findChild(QTableView, "worksTable")
    header = table.horizontalHeader()
    qtbot.waitUntil(lambda: [header.sectionSize(c) for c, _ in COLUMN_WIDTHS] == [w for _, w in COLUMN_WIDTHS],
                    timeout=3000)
    assert header.sectionSize(0) > table.viewport().width() * TITLE_SHARE


def test_the_widths_never_leave_the_title_less_than_its_share_nor_grow_past_their_own():
    for width in range(200, 2400, 37):
        fitted = fitted_column_widths(width)
        assert all(w <= dict(COLUMN_WIDTHS)[c] for c, w in fitted)
        # Below ~450 px the columns stop at their least width (48 px) rather
        # than vanish; a window that narrow is not a laptop's.
        if width >= 450:
            assert width - sum(w for _, w in fitted) >= width * TITLE_SHARE - len(fitted)
