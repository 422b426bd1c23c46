"""What a user can do, one transaction each: the only API the windows and the
command line call."""

from .catalogue import IndicatorChange, Services, indicator_change

__all__ = ["Services", "IndicatorChange", "indicator_change"]
