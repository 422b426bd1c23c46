"""Every Qt name the windows use comes through this module.

The binding is pinned (``pyproject.toml``: PySide6 6.12.0 crashes under
Python 3.11, see ``tests/ui/test_qt_binding.py``); when the pin moves, or a
name moves between Qt modules, this is the one file that changes.  Modules of
``ui/`` import the names they use from here (``from .qt import QLabel``),
never from ``PySide6`` directly; a test keeps it so."""

from PySide6 import __version__ as BINDING_VERSION  # noqa: F401
from PySide6.QtCore import *  # noqa: F403
from PySide6.QtGui import *  # noqa: F403
from PySide6.QtWidgets import *  # noqa: F403
from shiboken6 import isValid  # noqa: F401  (is the C++ object behind a wrapper still alive?)
