"""Works list at scale: fill a portfolio with 5,000 works, time loading the
table model and a sort and a filter.  Run: python benchmarks/bench_ui_models.py"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import insert  # noqa: E402

from ent_portfolio.domain import models as m  # noqa: E402
from ent_portfolio.services import Services  # noqa: E402
from ent_portfolio.storage.portfolio import Portfolio  # noqa: E402

N = 5000


def main() -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from ent_portfolio.ui.models.works_model import WorksFilterProxy, WorksTableModel, load_rows

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp()) / "bench"
    portfolio = Portfolio.create(folder)
    services = Services(portfolio)
    provinces = ["น่าน", "ลำพูน", "เชียงใหม่", "แพร่", "ขอนแก่น"]
    t0 = time.perf_counter()
    partners = [services.partners.create(name_th=f"ภาคีเครือข่ายที่ {i}").id for i in range(50)]
    with portfolio.session() as s:
        rows = [dict(id=m.new_uuid(), title_th=f"โครงการพัฒนาชุมชนเกษตรอินทรีย์ลำดับที่ {i}", title_en=f"Work {i}",
                     status=["planned", "ongoing", "completed"][i % 3], province=provinces[i % 5],
                     start_date=dt.date(2015 + i % 10, 1 + i % 12, 1), end_date=dt.date(2016 + i % 10, 1 + i % 12, 1),
                     missions=[], sort_order=0) for i in range(N)]
        s.execute(insert(m.Work), rows)
        s.execute(insert(m.WorkPartner), [dict(id=m.new_uuid(), work_id=r["id"], partner_id=partners[i % 50],
                                               role="co_implementer", description="") for i, r in enumerate(rows)])
    print(f"filled {N} works in {time.perf_counter() - t0:.2f} s")

    model = WorksTableModel()
    proxy = WorksFilterProxy()
    proxy.setSourceModel(model)
    t0 = time.perf_counter()
    model.set_rows(load_rows(services))
    t_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    t_sort = time.perf_counter() - t0
    t0 = time.perf_counter()
    proxy.sort(3, Qt.SortOrder.DescendingOrder)
    t_sort_date = time.perf_counter() - t0
    t0 = time.perf_counter()
    proxy.set_filter(status="completed", province="น่าน")
    t_filter = time.perf_counter() - t0
    shown = proxy.rowCount()
    t0 = time.perf_counter()
    proxy.set_filter(status=None, province=None, text="ลำดับที่ 49")
    t_text = time.perf_counter() - t0
    t0 = time.perf_counter()
    for r in range(min(40, proxy.rowCount())):  # one screenful of cells
        for c in range(model.columnCount()):
            proxy.index(r, c).data()
    t_paint = time.perf_counter() - t0
    print(f"model load (services → rows): {t_load * 1000:.0f} ms for {model.rowCount()} works")
    print(f"sort by title: {t_sort * 1000:.0f} ms; by period: {t_sort_date * 1000:.0f} ms")
    print(f"filter status+province: {t_filter * 1000:.0f} ms ({shown} shown); text filter: {t_text * 1000:.0f} ms")
    print(f"one screenful of cells (40 rows): {t_paint * 1000:.1f} ms")
    portfolio.close()
    del app


if __name__ == "__main__":
    main()
