"""Round numbers for a chart's value axis, shared by the indicator chart in
the dossier and the one in the window, so a reviewer and the lecturer see
the same gridlines for the same measurements.

An axis that does not reach zero makes a small change look large; a
committee reads such a chart as overstated unless the cut is marked.  So
:func:`value_axis` either includes zero or says that it is broken, and the
charts draw the break (a zig-zag on the axis and a note)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

#: Values all above this share of the largest (or, below zero, of the most
#: negative) would be squeezed into a sliver of a zero-based axis: such an
#: axis is cut instead, and the cut is marked.
BREAK_ABOVE_SHARE = 0.6


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Evenly spaced round values (steps of 1, 2, 2.5 or 5 × 10^k) from at or
    below ``lo`` to at or above ``hi``, about ``count`` steps apart."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        raise ValueError("chart values must be finite")
    if hi - lo <= max(max(abs(lo), abs(hi)) * 1e-9, 1e-300):
        # No spread a float can show (one value, or a difference below the
        # resolution at this size): a span of one, or a millionth of the value.
        hi = lo + max(1.0, abs(lo) * 1e-6)
    raw = (hi - lo) / max(count, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(lo / step) * step
    # Ticks by index, not by adding: a sum can stall when a step is tiny
    # beside the values.
    steps = max(1, math.ceil((hi - start) / step - 1e-9))
    digits = max(0, 3 - math.floor(math.log10(step)))  # enough to drop float noise (0.30000000000000004)
    return [round(start + n * step, digits) for n in range(steps + 1)]


@dataclass(frozen=True)
class ValueAxis:
    """The ticks of a value axis, lowest first, and whether it is cut short
    of zero (then it must be drawn with a break mark)."""

    ticks: list[float]
    broken: bool

    @property
    def lo(self) -> float:
        return self.ticks[0]

    @property
    def hi(self) -> float:
        return self.ticks[-1]


def _positive_axis(lo: float, hi: float, count: int, headroom: float) -> ValueAxis:
    """The axis of values all at or above zero."""
    if hi <= 0:
        return ValueAxis(nice_ticks(0.0, 1.0, count), False)
    if hi > lo > hi * BREAK_ABOVE_SHARE:  # one value alone is shown against zero
        pad = (hi - lo) * 0.25 or hi * 0.05
        ticks = nice_ticks(lo - pad, hi + (hi - lo + pad) * headroom, count)
        if ticks[0] > 0:
            return ValueAxis(ticks, True)
    return ValueAxis(nice_ticks(0.0, hi + hi * headroom, count), False)


def value_axis(values: Iterable[float], count: int = 4, headroom: float = 0.12) -> ValueAxis:
    """The axis for ``values`` (measurements, baseline, target): it starts at
    zero (ends at zero for values all below it) unless the values sit far
    from zero, close together; then it is cut and ``broken`` is true.
    ``headroom``: the share of the span left above the highest value for its
    label.  Non-finite values are refused (``ValueError``)."""
    values = [float(v) for v in values]
    if any(not math.isfinite(v) for v in values):
        raise ValueError("chart values must be finite")
    if not values:
        return ValueAxis(nice_ticks(0.0, 1.0, count), False)
    lo, hi = min(values), max(values)
    if lo >= 0:
        return _positive_axis(lo, hi, count, headroom)
    if hi <= 0:  # all below zero: the mirror image of the positive case
        mirrored = _positive_axis(-hi, -lo, count, headroom)
        return ValueAxis([-t + 0.0 for t in reversed(mirrored.ticks)], mirrored.broken)
    span = hi - lo
    # Either side of zero: zero is a tick of itself (ticks are multiples of the step).
    return ValueAxis(nice_ticks(lo - span * 0.04, hi + span * headroom, count), False)
