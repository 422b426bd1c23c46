"""The window's first paint waits for nothing it does not show (issue 21).

In a fresh interpreter, as the program starts (``run_app``): when the works
list of a demo portfolio is first painted, none of the PDF, image, Word,
Excel or PDF-rendering libraries is loaded, and neither the segmenter nor
the search index has started; both run after it, one after the other."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

#: What the works list does not need: the dossier's PDF and signing, the
#: photo analysis, the Word and Excel writers, the reviewer's PDF renderer.
HEAVY = ("reportlab", "cv2", "pikepdf", "pyhanko", "docx", "openpyxl", "pypdfium2")

CHILD = r"""
import json, sys
from ent_portfolio.ui.app import create_application, run_app
from ent_portfolio.ui.qt import QAbstractItemView, QEvent, QObject, QTimer

heavy = json.loads(sys.argv[2])
app = create_application()
seen = {}

def after():
    from ent_portfolio.ui import thaiwrap
    seen["segmenter_ready_later"] = thaiwrap.segmenter_ready()
    seen["held_later"] = thaiwrap.hold_background_load
    app.quit()

class Watch(QObject):
    def eventFilter(self, obj, event):
        view = obj.parent()
        if (event.type() == QEvent.Type.Paint and "loaded" not in seen and isinstance(view, QAbstractItemView)
                and view.objectName() == "worksTable" and obj is view.viewport() and view.model().rowCount() > 0):
            seen["loaded"] = sorted(name for name in heavy if name in sys.modules)
            seen["pythainlp"] = "pythainlp" in sys.modules
            seen["search"] = "ent_portfolio.services.search" in sys.modules
            from ent_portfolio.ui import thaiwrap
            waited = {"n": 0}
            def poll():
                waited["n"] += 1
                if thaiwrap.segmenter_ready() and "ent_portfolio.services.search" in sys.modules or waited["n"] > 600:
                    after()
                else:
                    QTimer.singleShot(50, poll)
            QTimer.singleShot(50, poll)
        return False

watch = Watch()
app.installEventFilter(watch)
QTimer.singleShot(60000, app.quit)
run_app(portfolio=sys.argv[1], lang="th")
print("RESULT " + json.dumps(seen), flush=True)
"""


@pytest.fixture
def child_environment(tmp_path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        env[name] = str(tmp_path / name.lower())
    env.pop("ENT_PORTFOLIO_EXIT_AFTER_FIRST_PAINT", None)
    env.pop("ENT_PORTFOLIO_QUIT_AFTER_MS", None)
    return env


def _first_paint(folder: Path, env: dict[str, str]) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, str(folder), json.dumps(HEAVY)], env=env,
                          capture_output=True, text=True, timeout=120, cwd=Path(__file__).parents[2])
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    assert done.returncode == 0 and lines, done.stderr[-3000:]
    result = json.loads(lines[-1][len("RESULT "):])
    assert "loaded" in result, f"the works list was never painted with its works: {done.stderr[-3000:]}"
    return result


def test_the_works_list_is_painted_before_any_heavy_library_or_background_work(demo_dir, child_environment):
    result = _first_paint(demo_dir, child_environment)
    assert result["loaded"] == [], f"loaded before the first paint: {result['loaded']}"
    # The segmenter and the search index wait for the paint ...
    assert result["pythainlp"] is False
    assert result["search"] is False
    # ... and then run: the segmenter is loaded, the hold released.
    assert result["segmenter_ready_later"] is True
    assert result["held_later"] is False
