"""Packaging inputs that can be checked without building (fast, no Qt)."""

from __future__ import annotations

import ast
import configparser
import importlib.util
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PIL import Image

import ent_portfolio

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def _load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_version_has_one_source():
    version_info = _load(PACKAGING / "windows" / "version_info.py")
    assert version_info.read_version() == ent_portfolio.__version__
    assert version_info.version_tuple("1.2.3rc1") == (1, 2, 3, 0)
    assert version_info.version_tuple("0.1") == (0, 1, 0, 0)
    text = version_info.text(ent_portfolio.__version__)
    ast.parse(text)  # PyInstaller evaluates it as a Python expression
    assert f"'ProductVersion', '{ent_portfolio.__version__}'" in text
    # the Inno Setup script gets the version from the build, not typed in
    iss = (PACKAGING / "windows" / "ent-portfolio.iss").read_text(encoding="utf-8")
    assert not re.search(r"#define\s+AppVersion\s+\"\d", iss)


def test_icons_are_drawn_at_every_size(tmp_path):
    make_icons = _load(PACKAGING / "make_icons.py")
    for size in (16, 32, 256):
        image = make_icons.render(size)
        assert image.size == (size, size)
        # opaque corners are rounded off, the centre is drawn
        assert image.getpixel((size // 2, size // 2))[3] == 255
    ico = Image.open(ROOT / "resources" / "icons" / "app.ico")
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    ET.parse(ROOT / "resources" / "icons" / "app.svg")


def test_linux_desktop_entry_and_appstream():
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str
    desktop.read(PACKAGING / "linux" / "ent-portfolio.desktop", encoding="utf-8")
    entry = desktop["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Exec"].startswith("ent-portfolio")
    assert entry["Icon"] == "ent-portfolio"
    root = ET.parse(PACKAGING / "linux" / "org.entportfolio.EnTPortfolio.metainfo.xml").getroot()
    assert root.findtext("id") == "org.entportfolio.EnTPortfolio"
    assert root.find("launchable").text == "org.entportfolio.EnTPortfolio.desktop"


def test_licence_texts_are_collected():
    licences = ROOT / "resources" / "licenses"
    index = (licences / "INDEX.md").read_text(encoding="utf-8")
    for name in ("Sarabun-OFL.txt", "Qt-PySide6-LGPL-3.0.txt", "reportlab.txt", "HarfBuzz-MIT.txt",
                 "pythainlp.txt", "pillow.txt", "sqlalchemy.txt", "alembic.txt"):
        assert (licences / name).is_file(), name
        assert name in index
    assert "SIL OPEN FONT LICENSE" in (licences / "Sarabun-OFL.txt").read_text(encoding="utf-8").upper()
    assert "LESSER GENERAL PUBLIC LICENSE" in (licences / "Qt-PySide6-LGPL-3.0.txt").read_text(encoding="utf-8")


def test_scripts_are_executable():
    for name in ("build", "smoke_test.sh"):
        assert (PACKAGING / name).stat().st_mode & 0o111, name
