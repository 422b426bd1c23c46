"""The value axis both indicator charts draw (the dossier's and the window's)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ent_portfolio.typeset.scale import nice_ticks


def test_round_steps_cover_the_values():
    assert nice_ticks(0, 60) == [0, 20, 40, 60]
    assert nice_ticks(0, 60, count=4) == [0, 20, 40, 60]
    assert nice_ticks(12.5, 13.9) == [12.5, 13.0, 13.5, 14.0]
    assert nice_ticks(5, 5) == [5, 5.2, 5.4, 5.6, 5.8, 6.0]


def test_values_that_cannot_be_drawn_are_refused():
    with pytest.raises(ValueError):
        nice_ticks(0, math.inf)
    with pytest.raises(ValueError):
        nice_ticks(math.nan, 1)


@settings(max_examples=200, deadline=None)
@given(st.floats(-1e9, 1e9), st.floats(0, 1e9), st.integers(2, 8))
def test_ticks_are_evenly_spaced_round_and_enclose_the_range(lo, span, count):
    hi = lo + span
    ticks = nice_ticks(lo, hi, count)
    assert ticks[0] <= lo + 1e-9 * max(1, abs(lo))
    assert ticks[-1] >= hi - 1e-9 * max(1, abs(hi))
    # compared relative to the step: rounding to fixed decimals split a step of 2.5e-06 into 2e-06 and 3e-06
    steps = [b - a for a, b in zip(ticks, ticks[1:])]
    assert len(ticks) >= 2 and max(steps) - min(steps) <= 1e-6 * max(steps)
    step = ticks[1] - ticks[0]
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert any(math.isclose(mantissa, m, rel_tol=1e-6) for m in (1, 2, 2.5, 5, 10))
    assert len(ticks) <= 2 * count + 2
