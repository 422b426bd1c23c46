"""Evidence that says where it came from (issue 15, item 4): the indicator
charts cannot overstate (the value axis starts at zero or is marked as cut,
no label is struck through by the target line)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ent_portfolio.dossier.chart import IndicatorChart
from ent_portfolio.dossier.layout import dossier_styles
from ent_portfolio.typeset.scale import value_axis

TITLE_HEIGHT = 12.5  # one line of the chart title style


def _chart(values: list[float], target: float | None, dated: bool = True) -> IndicatorChart:
    start = date(2023, 1, 1)
    points = [(start + timedelta(days=60 * k) if dated else None, Decimal(repr(v))) for k, v in enumerate(values)]
    return IndicatorChart("ตัวชี้วัด", points, Decimal(repr(target)) if target is not None else None, "th",
                          228, 168, title_style=dossier_styles()["chart_title"], target_label="เป้าหมาย",
                          baseline_label="ค่าฐาน", axis_break_note="แกนตั้งไม่ได้เริ่มที่ 0")


def _series():
    """Values anywhere, or bunched far from zero (where a cut axis is tempting)."""
    bunched = st.tuples(st.floats(-1e6, 1e6), st.sampled_from([1e-3, 0.01, 0.1, 1.0]),
                        st.lists(st.floats(0, 1), min_size=1, max_size=6)).map(
        lambda t: [t[0] + t[1] * abs(t[0]) * o for o in t[2]])
    spread = st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=6)
    return st.one_of(bunched, spread)


def _near(values: list[float]):
    """A target close to a value on the chart's scale: within a fifth of the
    spread (where a label beside the point would meet the line)."""
    scale = max(max(values) - min(values), max(abs(v) for v in values) * 0.1, 1.0)
    return st.sampled_from(values).flatmap(lambda v: st.floats(-0.2, 0.2).map(lambda f: v + f * scale))


def _targets(values: list[float]):
    return st.one_of(st.none(), st.floats(-1e6, 1e6), _near(values))


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_the_value_axis_reaches_zero_or_is_marked_cut(data):
    values = data.draw(_series())
    target = data.draw(_targets(values))
    g = _chart(values, target).geometry(TITLE_HEIGHT)
    assert g is not None
    shown = values + ([target] if target is not None else [])
    assert g.axis.lo <= min(shown) and g.axis.hi >= max(shown)  # every value on the axis
    if g.axis.lo <= 0 <= g.axis.hi:
        assert g.break_at is None and g.break_note is None
    else:
        assert g.axis.broken and g.break_at == ("bottom" if g.axis.lo > 0 else "top")
        assert g.break_note is not None and g.break_note.text  # the cut is said in words too
        assert g.break_note.box.inside(g.frame)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_no_label_is_struck_by_the_target_line(data):
    values = data.draw(_series())
    target = data.draw(_near(values))
    g = _chart(values, target, dated=data.draw(st.booleans())).geometry(TITLE_HEIGHT)
    band = g.target_band
    assert band is not None and g.value_label is not None and g.target_label is not None
    for label in g.labels:
        assert not label.box.overlaps(band), label
    assert not g.target_label.box.overlaps(g.value_label.box)


def test_one_value_alone_is_shown_against_zero():
    assert value_axis([12]).lo == 0 and not value_axis([12]).broken
    assert value_axis([-12]).hi == 0 and not value_axis([-12]).broken


@pytest.mark.parametrize(("values", "cut"), [
    ([186400, 190000, 200000], "bottom"),
    ([-120, -125, -130], "top"),
    ([52, 40, 31], None),
    ([-3, 4], None),
])
def test_a_cut_axis_is_cut_at_the_end_away_from_zero(values, cut):
    g = _chart(values, None).geometry(TITLE_HEIGHT)
    assert g.break_at == cut
    assert (g.axis.lo <= 0 <= g.axis.hi) == (cut is None)
