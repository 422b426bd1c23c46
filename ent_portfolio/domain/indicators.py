"""What an indicator's measurements say: computed from the records, never
typed, so the indicator page, the readiness check and the dossier report
the same change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from . import models as m
from .enums import Direction


@dataclass(frozen=True)
class IndicatorChange:
    """What an indicator's measurements say, computed (never typed)."""

    baseline: Decimal | None
    latest: Decimal | None
    latest_date: date | None
    target: Decimal | None
    change: Decimal | None          # latest − baseline
    change_percent: Decimal | None  # relative to the baseline, when it is not zero
    improved: bool | None           # in the indicator's good direction
    target_reached: bool | None
    measurement_count: int


def indicator_change(indicator: m.Indicator, measurements: list[m.Measurement] | None = None) -> IndicatorChange:
    values = sorted(measurements if measurements is not None else indicator.measurements, key=lambda x: x.date)
    baseline = indicator.baseline_value
    target = indicator.target_value
    latest = values[-1].value if values else None
    latest_date = values[-1].date if values else None
    change = change_percent = improved = reached = None
    lower_is_better = indicator.direction == Direction.LOWER
    if latest is not None and baseline is not None:
        change = latest - baseline
        if baseline != 0:
            change_percent = (change / abs(baseline) * 100).quantize(Decimal("0.1"))
        improved = change < 0 if lower_is_better else change > 0
    if latest is not None and target is not None:
        reached = latest <= target if lower_is_better else latest >= target
    return IndicatorChange(baseline, latest, latest_date, target, change, change_percent, improved, reached,
                           len(values))
