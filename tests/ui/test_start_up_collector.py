"""After the window's first paint the segmenter builds its dictionary in the
background with Python's garbage collector off (its collections walked the
whole heap holding the interpreter: the window stood still), and once the
dictionary is there the start-up's objects are set aside from the collector
(gc.freeze) and the collector is on again.  Run in a fresh interpreter, as
the program starts (``run_app``), since this test process has long loaded
the segmenter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CHILD = r"""
import gc, json, sys
from ent_portfolio.ui.app import create_application, run_app
from ent_portfolio.ui.qt import QAbstractItemView, QEvent, QObject, QTimer
from ent_portfolio.ui import thaiwrap

app = create_application()
seen = {"enabled_before": gc.isenabled()}

class Watch(QObject):
    def eventFilter(self, obj, event):
        view = obj.parent()
        if (event.type() == QEvent.Type.Paint and "painted" not in seen and isinstance(view, QAbstractItemView)
                and view.objectName() == "worksTable" and obj is view.viewport()):
            seen["painted"] = True
            seen["frozen_at_paint"] = gc.get_freeze_count()
            QTimer.singleShot(20, during)
        return False

def during():
    seen["segmenter_ready_during"] = thaiwrap.segmenter_ready()
    seen["enabled_during"] = gc.isenabled()
    waited = {"n": 0}
    def poll():
        waited["n"] += 1
        if thaiwrap.segmenter_ready() and gc.isenabled() or waited["n"] > 600:
            seen["segmenter_ready_after"] = thaiwrap.segmenter_ready()
            seen["enabled_after"] = gc.isenabled()
            seen["frozen_after"] = gc.get_freeze_count()
            app.quit()
        else:
            QTimer.singleShot(50, poll)
    poll()

watch = Watch()
app.installEventFilter(watch)
QTimer.singleShot(60000, app.quit)
run_app(portfolio=sys.argv[1], lang="th")
seen["enabled_at_exit"] = gc.isenabled()
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


def test_the_collector_is_off_while_the_dictionary_loads_then_on_with_the_start_up_set_aside(
        demo_dir, child_environment):
    done = subprocess.run([sys.executable, "-c", CHILD, str(demo_dir)], env=child_environment,
                          capture_output=True, text=True, timeout=120, cwd=Path(__file__).parents[2])
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    assert done.returncode == 0 and lines, done.stderr[-3000:]
    seen = json.loads(lines[-1][len("RESULT "):])
    assert seen["enabled_before"] is True and seen.get("painted") is True
    assert seen["frozen_at_paint"] == 0  # nothing set aside before the window is up
    if not seen["segmenter_ready_during"]:  # (a very fast machine may have it loaded in 20 ms)
        assert seen["enabled_during"] is False
    assert seen["segmenter_ready_after"] is True
    assert seen["enabled_after"] is True
    assert seen["frozen_after"] > 10_000  # the start-up's objects and the dictionary
    assert seen["enabled_at_exit"] is True
