"""What a user can do, one transaction each: the only API the windows and the
command line call."""

from ..domain.indicators import IndicatorChange, indicator_change
from .catalogue import Services

__all__ = ["Services", "IndicatorChange", "indicator_change"]
