"""Where the app's own files are: the shipped resources (fonts, rule sets,
templates, translations) and the per-user data folder.

The resources live in the top-level ``resources/`` folder of the source tree;
in a PyInstaller build they are unpacked beside the program (``sys._MEIPASS``).
The per-user data folder is the operating system's place for an
application's data (``platformdirs``), so that nothing the app keeps for
itself lands loose in the lecturer's home folder."""

from __future__ import annotations

import sys
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "EnT Portfolio"


def resources_root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_root().joinpath(*parts)


def user_data_dir() -> Path:
    """The app's per-user data folder (on Linux ``~/.local/share/EnT Portfolio``)."""
    return user_data_path(APP_NAME, appauthor=False)
