"""Start-up: how long a lecturer waits for the window, and the command line
for its answer, measured from process start (issue 21's goals).

* the window: from the process starting to the first paint of the works
  list, median of five fresh processes, with the CPU time the process had
  used by then, and the longest the window's event loop then stood still
  while the background work (the segmenter, the search index) ran;
* ``ent-portfolio works`` and ``ent-portfolio check --help``: wall time of a
  whole process, median of five, with the CPU time beside it (on a shared
  machine the wall time also counts other people's work: the CPU time is the
  figure to compare between runs).

The portfolios are the scale benchmark's (:mod:`scale_portfolio`: works with
ten photos, nine sections and four indicators each, built through the
archive format and cached), one working copy per size, opened once before
the runs as yesterday's session would have (its backup, a migration if the
cache is older than the schema).  ``--synthetic`` makes a database of works
only instead (no photos: fast to make).  Every child process gets its own
settings and data folders, so a run neither reads nor changes the user's.

Run: python benchmarks/bench_startup.py [--works 100 1000] [--runs 5] [--source DIR] [--synthetic]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:
    import ent_portfolio  # noqa: F401
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

GOAL_FIRST_PAINT_S = {100: 1.0, 5000: 1.5}
GOAL_COMMAND_S = 0.4
#: Seconds the window keeps running after its first paint, to see whether
#: the background work starves the event loop.
SETTLE_S = 3.0

#: Runs in the child: the real ``run_app``, with an application-wide filter
#: that notes the first paint of the works table's viewport, then a ticking
#: timer whose longest gap is how long the event loop stood still.
CHILD = r"""
import sys, time
started = float(sys.argv[2])
settle = float(sys.argv[3])
from ent_portfolio.ui.app import create_application, run_app
from ent_portfolio.ui.qt import QAbstractItemView, QElapsedTimer, QEvent, QObject, QTimer

app = create_application()
found = {}

def works_viewport(obj):
    view = obj.parent()
    return isinstance(view, QAbstractItemView) and view.objectName() == "worksTable" and obj is view.viewport()

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and "paint" not in found and works_viewport(obj):
            found["paint"] = time.time() - started
            found["cpu"] = time.process_time()
            QTimer.singleShot(0, watch_the_loop)
        return False

def watch_the_loop():
    clock = QElapsedTimer()
    clock.start()
    state = {"last": 0, "worst": 0}
    def tick():
        now = clock.elapsed()
        state["worst"] = max(state["worst"], now - state["last"])
        state["last"] = now
        if now >= settle * 1000:
            found["stall_ms"] = state["worst"]
            app.quit()
    timer = QTimer(app)
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()

keeper = FirstPaint()
app.installEventFilter(keeper)
QTimer.singleShot(30000, app.quit)  # never hang a benchmark
run_app(portfolio=sys.argv[1], lang="th")
print("RESULT", found.get("paint", -1), found.get("stall_ms", -1), found.get("cpu", -1), flush=True)
"""


def _environment(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        env[name] = str(home / name.lower())
    return env


def make_portfolio(folder: Path, works: int) -> None:
    """A portfolio of ``works`` works written straight into the database."""
    from sqlalchemy import insert

    from ent_portfolio.domain import models as m
    from ent_portfolio.storage.portfolio import Portfolio

    paragraph = ("ชุมชนบ้านห้วยน้ำรินร่วมกับคณะเกษตรศาสตร์ออกแบบระบบน้ำหยดสำหรับแปลงผักอินทรีย์ "
                 "โดยชาวบ้านเป็นผู้กำหนดปัญหาและร่วมเก็บข้อมูลตลอดฤดูปลูก ") * 12
    with Portfolio.create(folder) as portfolio, portfolio.session() as s:
        keys = [t.key for t in s.query(m.SectionTemplate)]
        partner = m.new_uuid()
        s.execute(insert(m.Partner), [dict(id=partner, name_th="วิสาหกิจชุมชนบ้านห้วยน้ำริน")])
        rows = [dict(id=m.new_uuid(), title_th=f"โครงการพัฒนาระบบน้ำเพื่อเกษตรอินทรีย์ ระยะที่ {i}",
                     title_en=f"Irrigation for organic farming, phase {i}",
                     status=["planned", "ongoing", "completed"][i % 3],
                     province="น่าน", start_date=dt.date(2015 + i % 10, 1 + i % 12, 1), missions=[], sort_order=i,
                     partnership_text=paragraph, benefit_community_text=paragraph, knowledge_text=paragraph,
                     impact_text=paragraph, problem_statement=paragraph) for i in range(works)]
        s.execute(insert(m.Work), rows)
        s.execute(insert(m.WorkSection), [dict(id=m.new_uuid(), work_id=r["id"], key=k, content=f"<p>{paragraph}</p>")
                                          for r in rows for k in keys])
        s.execute(insert(m.Indicator), [dict(id=m.new_uuid(), work_id=r["id"], name_th=f"ตัวชี้วัดที่ {n}")
                                        for r in rows for n in range(4)])
        s.execute(insert(m.WorkPartner), [dict(id=m.new_uuid(), work_id=r["id"], partner_id=partner,
                                               role="co_implementer", description="") for r in rows])


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds, stdout) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def first_paint(folder: Path, env: dict[str, str]) -> tuple[float, float, float]:
    """(seconds to the first paint, longest stall after it in ms, CPU seconds by the paint)."""
    started = time.time()
    done = subprocess.run([sys.executable, "-c", CHILD, str(folder), repr(started), str(SETTLE_S)],
                          env=env, capture_output=True, text=True, timeout=120)
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    if done.returncode != 0 or not lines:
        raise SystemExit(f"the window did not start:\n{done.stderr}")
    paint, stall, cpu = (float(v) for v in lines[-1].split()[1:])
    if paint < 0:
        raise SystemExit(f"the works list was never painted:\n{done.stderr}")
    return paint, stall, cpu


def _verdict(value: float, goal: float) -> str:
    return "meets" if value < goal else f"MISSES by {value - goal:.2f} s"


def portfolio_of(works: int, root: Path, source: Path | None, synthetic: bool) -> Path:
    """A working copy of the scale benchmark's portfolio of ``works`` works
    (or of ``source``), or a synthetic one, in ``root``."""
    folder = root / f"portfolio-{works}"
    if synthetic:
        make_portfolio(folder, works)
        return folder
    from scale_portfolio import cached, working_copy

    if source is None:
        source, _facts = cached(works)
    return working_copy(Path(source), folder)


def _goal(works: int) -> float:
    return GOAL_FIRST_PAINT_S[100] if works <= 100 else GOAL_FIRST_PAINT_S[5000]


def measure(folder: Path, works: int, env: dict[str, str], runs: int, commands: bool) -> None:
    cli = [sys.executable, "-m", "ent_portfolio"]
    # One open first, as yesterday's session: its backup is the one to compare with.
    _timed(cli + ["--portfolio", str(folder), "backup", "--list"], env)
    print(f"{works} works, database {(folder / 'portfolio.sqlite3').stat().st_size / 1e6:.1f} MB, "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    paints = [first_paint(folder, env) for _ in range(runs)]
    paint = statistics.median(p for p, _, _ in paints)
    cpu = statistics.median(c for _, _, c in paints)
    stall = max(s for _, s, _ in paints)
    goal = _goal(works)
    print(f"window to first paint of the works list: {paint:.2f} s median of {runs}, {cpu:.2f} s CPU "
          f"(goal < {goal:.1f} s: {_verdict(paint, goal)}); runs " + ", ".join(f"{p:.2f}" for p, _, _ in paints))
    print(f"  longest stall of the event loop in the {SETTLE_S:.0f} s after it: {stall:.0f} ms")
    if not commands:
        return
    for label, command in (("works", cli + ["--portfolio", str(folder), "works"]),
                           ("check --help", cli + ["check", "--help"])):
        timed = [_timed(command, env) for _ in range(runs)]
        wall = statistics.median(r[0] for r in timed)
        used = statistics.median(r[1] for r in timed)
        print(f"`{label}`: {wall:.2f} s wall, {used:.2f} s CPU, median of {runs} "
              f"(goal < {GOAL_COMMAND_S:.1f} s: {_verdict(wall, GOAL_COMMAND_S)})")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--works", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--source", type=Path, help="a portfolio to copy instead of the scale benchmark's cache "
                                                    "(one size only)")
    parser.add_argument("--synthetic", action="store_true", help="works written straight into a new database")
    args = parser.parse_args(argv)
    if args.source is not None and len(args.works) != 1:
        parser.error("--source names the portfolio of one size")
    root = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    env = _environment(root)
    for n, works in enumerate(args.works):
        folder = portfolio_of(works, root, args.source, args.synthetic)
        # The commands' start-up hardly depends on the size: timed with the first size only.
        measure(folder, works, env, args.runs, commands=n == 0)


if __name__ == "__main__":
    main(sys.argv[1:])
