"""Round numbers for a chart's value axis, shared by the indicator chart in
the dossier and the one in the window, so a reviewer and the lecturer see
the same gridlines for the same measurements."""

from __future__ import annotations

import math


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
