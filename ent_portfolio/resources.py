"""Where the shipped resources are (fonts, rule sets, templates, translations).

They live in the top-level ``resources/`` folder of the source tree; in a
PyInstaller build they are unpacked beside the program (``sys._MEIPASS``)."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_root().joinpath(*parts)
