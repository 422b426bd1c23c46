"""Framework mapping: how long the SDG file takes to read and check, the work
editor's SDGs tab to fill (17 goals, 169 targets) and to refill after a
language switch, and a tick to save (one transaction) on a portfolio of
N works that each have three ticks.

Run: python -m benchmarks frameworks [-- --works N --repeat R]"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import insert  # noqa: E402

from ent_portfolio.domain import frameworks as fw  # noqa: E402
from ent_portfolio.domain import models as m  # noqa: E402
from ent_portfolio.services.frameworks import set_work_frameworks, tick_id  # noqa: E402
from ent_portfolio.storage.portfolio import Portfolio  # noqa: E402


def _median_ms(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        action()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--works", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)

    def load() -> None:
        fw.frameworks.cache_clear()
        fw.frameworks()

    print(f"read and check every framework file ({len(fw.frameworks()['sdg'].items)} SDG items): "
          f"{_median_ms(load, args.repeat):.1f} ms (median of {args.repeat})")

    folder = Path(tempfile.mkdtemp()) / "bench"
    portfolio = Portfolio.create(folder)
    ids = [m.new_uuid() for _ in range(args.works)]
    codes = ["4", "4.7", "11.4"]
    with portfolio.session() as session:
        session.execute(insert(m.Work), [dict(id=i, title_th=f"ผลงานที่ {n}", missions=[]) for n, i in enumerate(ids)])
        session.execute(insert(m.WorkFramework), [
            dict(id=tick_id(i, "sdg", c), work_id=i, framework="sdg", code=c) for i in ids for c in codes])
    flip = iter(range(10**9))

    def tick() -> None:
        extra = ["13"] if next(flip) % 2 else []
        set_work_frameworks(portfolio, ids[len(ids) // 2], "sdg", codes + extra)

    print(f"save a tick on a portfolio of {args.works:,} works: {_median_ms(tick, args.repeat):.1f} ms")

    from PySide6.QtWidgets import QApplication

    from ent_portfolio.ui.context import AppContext
    from ent_portfolio.ui.views.work_frameworks import FrameworksPane

    app = QApplication.instance() or QApplication([])
    context = AppContext(portfolio)
    pane = FrameworksPane(context)
    pane.resize(1000, 700)
    pane.show()
    app.processEvents()
    print(f"fill the tab for a work: {_median_ms(lambda: pane.load(ids[0]), args.repeat):.1f} ms")

    def switch() -> None:
        context.language = "en" if context.language == "th" else "th"
        pane.retranslate()

    print(f"refill it after a language switch: {_median_ms(switch, args.repeat):.1f} ms")
    pane.close()
    context.shut_down()


if __name__ == "__main__":
    main()
