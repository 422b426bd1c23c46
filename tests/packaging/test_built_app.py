"""The built (PyInstaller) Linux app, run without the project's Python.

Runs only when a build exists: ``$ENT_PORTFOLIO_BUILT_APP`` (a folder holding
the ``ent-portfolio`` executable), else ``dist/ent-portfolio/`` of this
checkout.  Otherwise every test here is skipped — the build takes minutes and
is never made inside the test suite.  Make one with ``packaging/build``; the
same checks, and more, as a script: ``packaging/smoke_test.sh``.

Each call goes through an environment with nothing of the test run in it
(``PATH=/usr/bin:/bin``, a temporary ``HOME``, ``QT_QPA_PLATFORM=offscreen``)
and a temporary working directory, so the frozen app cannot fall back on the
virtualenv or the source tree.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import ent_portfolio

ROOT = Path(__file__).resolve().parents[2]
APP = Path(os.environ.get("ENT_PORTFOLIO_BUILT_APP") or ROOT / "dist" / "ent-portfolio")
EXE = APP / ("ent-portfolio.exe" if sys.platform.startswith("win") else "ent-portfolio")

pytestmark = [
    pytest.mark.skipif(
        not EXE.is_file(),
        reason=f"no built app at {APP} (make one with packaging/build, or point "
               "ENT_PORTFOLIO_BUILT_APP at one); the build is not made inside the test suite",
    ),
    pytest.mark.slow,
]


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    base = tmp_path_factory.mktemp("built-app")
    (base / "home").mkdir()
    (base / "work").mkdir()
    return base


def run(sandbox: Path, *args: str, timeout: float = 300, extra_env: dict | None = None):
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(sandbox / "home"),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        **(extra_env or {}),
    }
    return subprocess.run([str(EXE), *args], cwd=sandbox / "work", env=env, capture_output=True,
                          text=True, encoding="utf-8", errors="replace", timeout=timeout)


def commands(sandbox: Path) -> set[str]:
    """Command names listed by ``--help`` (indented ``name  help`` lines)."""
    help_text = run(sandbox, "--help").stdout
    return set(re.findall(r"^ {4}([a-z][a-z-]*)(?: {2,}|$)", help_text, re.MULTILINE))


@pytest.fixture(scope="module")
def demo(sandbox) -> Path:
    folder = sandbox / "demo"
    result = run(sandbox, "demo", "--portfolio", str(folder))
    assert result.returncode == 0, result.stderr
    assert (folder / "portfolio.sqlite3").is_file()
    return folder


def test_version_comes_from_the_package(sandbox):
    result = run(sandbox, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"EnT Portfolio {ent_portfolio.__version__}"


def test_bundle_carries_its_resources():
    internal = APP / "_internal"
    for rel in ("resources/translations/ent_portfolio_th.qm", "resources/rules/readiness.toml",
                "resources/templates/sections-default.json", "resources/licenses/Sarabun-OFL.txt",
                "fontpkg_sarabun/files/Sarabun-Regular.ttf", "fontpkg_sarabun/LICENSE",
                "pythainlp/corpus/words_th.txt", "ent_portfolio/storage/migrations/env.py"):
        assert (internal / rel).is_file(), rel
    assert list((internal / "ent_portfolio/storage/migrations/versions").glob("*.py"))
    # no source translations beside the compiled ones: the app must not try to recompile
    assert not list((internal / "resources/translations").glob("*.ts"))


def test_demo_works_and_doctor(sandbox, demo):
    works = run(sandbox, "works", "--portfolio", str(demo))
    assert works.returncode == 0, works.stderr
    assert "น่าน" in works.stdout
    doctor = run(sandbox, "doctor", "--portfolio", str(demo))
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr


@pytest.fixture(scope="module")
def dossier(sandbox, demo) -> tuple[Path, Path]:
    if "dossier" not in commands(sandbox):
        pytest.skip("this build has no dossier command yet")
    pdf, package = demo / "d.pdf", demo / "package.zip"
    result = run(sandbox, "dossier", "--portfolio", str(demo), "--out", str(pdf), "--package", str(package),
                 timeout=900)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return pdf, package


def test_dossier_embeds_sarabun(dossier):
    pdf, _package = dossier
    assert pdf.stat().st_size > 10_000
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) not installed")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    sarabun = [line for line in fonts.splitlines() if "Sarabun" in line]
    assert sarabun, fonts
    # columns: name type encoding emb sub uni object ID
    assert all(line.split()[-5] == "yes" for line in sarabun), fonts
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "ชุมชน" in text


def test_verify_the_evidence_package(sandbox, dossier, tmp_path):
    if "verify" not in commands(sandbox):
        pytest.skip("this build has no verify command")
    _pdf, package = dossier
    good = run(sandbox, "verify", str(package))
    assert good.returncode == 0, good.stdout + good.stderr
    damaged = tmp_path / "damaged.zip"
    data = bytearray(package.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    bad = run(sandbox, "verify", str(damaged))
    assert bad.returncode != 0
    assert "Traceback" not in bad.stderr, bad.stderr


def test_screenshot_of_the_works_view(sandbox, demo):
    if "screenshot" not in commands(sandbox):
        pytest.skip("this build has no screenshot command")
    png = sandbox / "works.png"
    result = run(sandbox, "screenshot", "--portfolio", str(demo), "--view", "works", "--out", str(png))
    assert result.returncode == 0, result.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_gui_starts_offscreen(sandbox, demo):
    """The window opens and stays up; the app closes it itself when it knows
    ENT_PORTFOLIO_QUIT_AFTER_MS, else it is still running after 8 s."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(sandbox / "home"), "LANG": "C.UTF-8",
           "QT_QPA_PLATFORM": "offscreen", "ENT_PORTFOLIO_QUIT_AFTER_MS": "5000"}
    proc = subprocess.Popen([str(EXE), "--portfolio", str(demo)], cwd=sandbox / "work", env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="replace")
    try:
        out, err = proc.communicate(timeout=8)
        still_running = False
    except subprocess.TimeoutExpired:
        still_running = True
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=10)
    assert "Traceback" not in err, err
    assert still_running or proc.returncode == 0, (proc.returncode, err)
