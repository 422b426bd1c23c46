"""The readiness page: status at a glance, findings by severity, each one
navigating to where it is fixed, and "check again" following the data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from ent_portfolio.ui.context import AppContext


@pytest.fixture
def measured(services):
    work = services.works.create(title_th="ธนาคารขยะชุมชน", title_en="Community waste bank", status="completed",
                                 start_date=dt.date(2023, 6, 1), end_date=dt.date(2025, 5, 31))
    indicator = services.indicators.create(work_id=work.id, name_th="ครัวเรือนที่คัดแยกขยะ", unit="ครัวเรือน",
                                           baseline_value=Decimal(20), baseline_date=dt.date(2023, 6, 15),
                                           target_value=Decimal(60))
    measurement = services.measurements.create(indicator_id=indicator.id, date=dt.date(2024, 6, 1), value=Decimal(48))
    return work, indicator, measurement


def make_view(qtbot, portfolio):
    from ent_portfolio.ui.views.readiness import ReadinessView

    context = AppContext(portfolio, synchronous_jobs=True)
    view = ReadinessView(context)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    qtbot.waitUntil(lambda: view.result is not None, timeout=20000)
    return context, view


def findings_in_tree(view):
    out = []
    for i in range(view.tree.topLevelItemCount()):
        header = view.tree.topLevelItem(i)
        for j in range(header.childCount()):
            out.append((header.text(0), header.child(j)))
    return out


def test_status_at_a_glance_and_findings_grouped_by_severity(qtbot, portfolio, measured):
    work, _indicator, _m = measured
    _context, view = make_view(qtbot, portfolio)
    result = view.result
    assert view.status_label.text() == result.status.label("th")
    # Whole portfolio, (profile) and the work are listed with their status.
    keys = [view.scope_list.item(i).data(Qt.ItemDataRole.UserRole + 1) for i in range(view.scope_list.count())]
    assert keys[0] == "all" and work.id in keys
    # Every finding is in the tree, under a header of its severity, most severe first.
    items = findings_in_tree(view)
    assert len(items) == len(result.findings) > 0
    severities = [view._findings[item.data(0, Qt.ItemDataRole.UserRole + 1)].severity.rank for _h, item in items]
    assert severities == sorted(severities)
    blocking = result.counts["blocking"]
    if blocking:
        assert view.tree.topLevelItem(0).text(0).startswith("ต้องแก้ไข")
    # The selected finding explains itself.
    finding = view.current_finding()
    assert finding is not None
    assert finding.fix_text("th") in view.detail.toPlainText()


def test_each_finding_navigates_to_where_it_is_fixed(qtbot, portfolio, measured):
    context, view = make_view(qtbot, portfolio)
    seen = []
    context.navigate.connect(seen.append)
    items = findings_in_tree(view)
    for _header, item in items:
        view.tree.setCurrentItem(item)
        view.fix_button.click()
    from ent_portfolio.ui.views.readiness import fix_target

    expected = [fix_target(view._findings[item.data(0, Qt.ItemDataRole.UserRole + 1)]) for _h, item in items]
    assert seen == expected
    assert all(isinstance(t, tuple) and t[0] for t in seen)
    # Activating an item (double-click / Enter) does the same.
    seen.clear()
    view.tree.itemActivated.emit(items[0][1], 0)
    assert seen == [expected[0]]
    # Headers go nowhere.
    assert not view.go_to(view.tree.topLevelItem(0))


def test_work_scope_shows_only_that_work(qtbot, portfolio, services, measured):
    work, _i, _m = measured
    other = services.works.create(title_th="งานที่สอง", status="completed")
    _context, view = make_view(qtbot, portfolio)
    view.open_target(("readiness", other.id))
    assert view.scope() == other.id
    shown = [view._findings[item.data(0, Qt.ItemDataRole.UserRole + 1)] for _h, item in findings_in_tree(view)]
    assert shown and all(f.work_id == other.id for f in shown)


def test_check_again_follows_the_data(qtbot, portfolio, services, measured):
    _work, indicator, measurement = measured
    context, view = make_view(qtbot, portfolio)
    rules = {f.rule for f in view.result.findings}
    assert "impact.no_measurement" not in rules
    services.measurements.delete(measurement.id)
    context.notify("measurement", measurement.id)
    assert view.stale
    job = view.check_again()
    qtbot.waitUntil(lambda: job.done, timeout=20000)
    rules = {f.rule for f in view.result.findings}
    assert "impact.no_measurement" in rules
    assert any(view._findings[item.data(0, Qt.ItemDataRole.UserRole + 1)].rule == "impact.no_measurement"
               for _h, item in findings_in_tree(view))


def test_english(qtbot, portfolio, measured):
    context, view = make_view(qtbot, portfolio)
    context.language = "en"
    view.retranslateUi()
    assert view.status_label.text() == view.result.status.label("en")
    finding = view.current_finding()
    assert finding.message("en") in view.detail.toPlainText()


def test_no_portfolio(qtbot):
    from ent_portfolio.ui.views.readiness import ReadinessView

    context = AppContext(None, synchronous_jobs=True)
    view = ReadinessView(context)
    qtbot.addWidget(view)
    assert view.result is None and not view.check_button.isEnabled()
    assert view.tree.topLevelItemCount() == 0


def test_demo_portfolio_lists_every_work_with_its_status(qtbot, demo):
    from ent_portfolio.readiness import ReadinessStatus

    _context, view = make_view(qtbot, demo)
    result = view.result
    keys = [view.scope_list.item(i).data(Qt.ItemDataRole.UserRole + 1) for i in range(view.scope_list.count())]
    assert all(w.work_id in keys for w in result.works)
    assert view.status_label.text() in {s.label("th") for s in ReadinessStatus}
    # The demo is mostly ready: few findings, each explained and navigable.
    assert len(result.findings) < 15
    for _h, item in findings_in_tree(view):
        view.tree.setCurrentItem(item)
        assert view.fix_button.isEnabled() and view.detail.toPlainText().strip()


def test_fix_targets_are_places_the_windows_have(portfolio):
    from ent_portfolio.readiness import Severity, Target
    from ent_portfolio.readiness.model import Finding
    from ent_portfolio.ui.views import TARGET_PAGES
    from ent_portfolio.ui.views.readiness import fix_target

    def finding(target, work="w1"):
        return Finding("x.y", Severity.WARNING, work, target, "impact", {"th": ""}, {"th": ""}, {"th": ""})

    assert fix_target(finding(Target("contributor", "c1", "field:roles"))) == ("work", "w1", "contributors")
    assert fix_target(finding(Target("activity", "a1", "field:date"))) == ("work", "w1", "activities")
    assert fix_target(finding(Target("work", "w1", "principle:impact"))) == ("work", "w1", "principles")
    assert fix_target(finding(Target("work", "w1", "field:benefit_community_text"))) == ("work", "w1", "principles")
    assert fix_target(finding(Target("work", "w1", "section:abstract"))) == ("work", "w1", "section:abstract")
    assert fix_target(finding(Target("portfolio", None, "works"), None)) == ("works",)
    assert (fix_target(finding(Target("indicator", "i1", "field:target_value")))
            == ("indicator", "i1", "field:target_value"))
    for kind in ("contributor", "activity", "work", "portfolio", "indicator", "evidence", "testimonial", "partner"):
        assert fix_target(finding(Target(kind, "id", None)))[0] in TARGET_PAGES


def test_go_to_fix_opens_the_place_in_the_main_window(make_window, qtbot, tmp_path):
    """End to end through the main window: an unsigned co-worker's finding
    opens the work editor on its contributors tab."""
    from ent_portfolio.services import Services
    from ent_portfolio.storage.portfolio import Portfolio

    folder = tmp_path / "p"
    with Portfolio.create(folder) as p:
        s = Services(p)
        work = s.works.create(title_th="ธนาคารขยะชุมชน", status="completed")
        s.contributors.create(work_id=work.id, name="อาจารย์สมชาย", roles=["data"], signature_status="pending")
    window = make_window(folder, "th")
    view = window.show_page("readiness")
    qtbot.waitUntil(lambda: view.result is not None, timeout=20000)
    item = next(item for _h, item in findings_in_tree(view)
                if view._findings[item.data(0, Qt.ItemDataRole.UserRole + 1)].rule == "contributors.unsigned")
    view.tree.setCurrentItem(item)
    view.fix_button.click()
    assert window.current_key() == "works"
    editor = window.view("works").editor
    assert editor.work_id == work.id
    assert editor.tabs.currentIndex() == editor.tab_keys.index("contributors")
