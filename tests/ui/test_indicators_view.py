"""The indicators page: measurements edited in the table persist, the chart
follows, and the computed change is shown."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog

from ent_portfolio.ui.context import AppContext


@pytest.fixture
def indicator(services):
    work = services.works.create(title_th="ธนาคารขยะชุมชน", title_en="Community waste bank")
    ind = services.indicators.create(
        work_id=work.id, name_th="ครัวเรือนที่คัดแยกขยะ", name_en="Households sorting waste", unit="ครัวเรือน",
        baseline_value=Decimal(20), baseline_date=dt.date(2024, 1, 15), target_value=Decimal(60),
        target_date=dt.date(2025, 12, 31),
    )
    services.measurements.create(indicator_id=ind.id, date=dt.date(2024, 7, 1), value=Decimal(35), source="สำรวจ")
    return ind


def make_view(qtbot, portfolio):
    from ent_portfolio.ui.views.indicators import IndicatorsView

    context = AppContext(portfolio, synchronous_jobs=True)
    view = IndicatorsView(context)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitExposed(view)
    return context, view


def non_blank_pixels(image) -> int:
    """How many sampled pixels are not the white background."""
    count = 0
    for x in range(0, image.width(), 4):
        for y in range(0, image.height(), 4):
            c = image.pixelColor(x, y)
            if c.red() < 200 or c.green() < 200 or c.blue() < 200:
                count += 1
    return count


def test_shows_the_indicator_and_its_change(qtbot, portfolio, indicator):
    _context, view = make_view(qtbot, portfolio)
    assert view.current_indicator_id() == indicator.id
    assert view.measurement_model.rowCount() == 1
    assert view.measurement_model.data(view.measurement_model.index(0, 0)) == "1 ก.ค. 2567"
    assert view.change.change == Decimal(15) and view.change.improved and view.change.target_reached is False
    text = view.change_label.text()
    assert "+15" in text and "75" in text  # +15 households, +75 %
    assert "2567" in text  # Buddhist era


def test_adding_a_measurement_through_the_table_persists_and_repaints_the_chart(qtbot, portfolio, services,
                                                                                 indicator, monkeypatch):
    from ent_portfolio.ui.dialogs import indicator_dialogs

    _context, view = make_view(qtbot, portfolio)
    before = view.chart.grab().toImage()
    painted = view.chart.paint_count

    def fill_and_accept(dialog):
        dialog.date.edit.setDate(QDate(2025, 3, 1))
        dialog.value_edit.setText("64")
        dialog.source_edit.setText("แบบสำรวจครัวเรือน")
        dialog.method_edit.setText("สัมภาษณ์")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(indicator_dialogs.MeasurementDialog, "exec", fill_and_accept)
    view.add_measurement_button.click()

    stored = services.indicators.measurements(indicator.id)
    assert [(m.date, m.value, m.source, m.method) for m in stored][-1] == (
        dt.date(2025, 3, 1), Decimal(64), "แบบสำรวจครัวเรือน", "สัมภาษณ์")
    assert view.measurement_model.rowCount() == 2
    assert view.change.target_reached is True
    qtbot.waitUntil(lambda: view.chart.paint_count > painted, timeout=3000)
    after = view.chart.grab().toImage()
    assert non_blank_pixels(after) > 100
    assert after != before  # the new point and label are drawn


def test_editing_a_cell_saves_at_once(qtbot, portfolio, services, indicator):
    _context, view = make_view(qtbot, portfolio)
    model = view.measurement_model
    assert model.setData(model.index(0, 1), "41.5", Qt.ItemDataRole.EditRole)
    assert services.indicators.measurements(indicator.id)[0].value == Decimal("41.5")
    assert model.setData(model.index(0, 0), QDate(2024, 8, 2), Qt.ItemDataRole.EditRole)
    assert services.indicators.measurements(indicator.id)[0].date == dt.date(2024, 8, 2)
    assert model.setData(model.index(0, 3), "นับจากสมุดบัญชี", Qt.ItemDataRole.EditRole)
    assert services.indicators.measurements(indicator.id)[0].method == "นับจากสมุดบัญชี"
    assert "+21.5" in view.change_label.text()


def test_a_value_that_is_not_a_number_is_refused(qtbot, portfolio, services, indicator):
    context, view = make_view(qtbot, portfolio)
    errors = []
    view.measurement_model.editFailed.disconnect()
    view.measurement_model.editFailed.connect(errors.append)
    assert not view.measurement_model.setData(view.measurement_model.index(0, 1), "สามสิบ", Qt.ItemDataRole.EditRole)
    assert errors and services.indicators.measurements(indicator.id)[0].value == Decimal(35)


def test_deleting_a_measurement(qtbot, portfolio, services, indicator, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    _context, view = make_view(qtbot, portfolio)
    view.table.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    view.delete_measurement_button.click()
    assert services.indicators.measurements(indicator.id) == []
    assert view.change.latest is None


def test_chart_draws_in_english_and_thai(qtbot, portfolio, indicator):
    context, view = make_view(qtbot, portfolio)
    thai = view.chart.grab().toImage()
    assert non_blank_pixels(thai) > 100
    context.language = "en"
    view.retranslateUi()
    assert view.measurement_model.data(view.measurement_model.index(0, 0)) == "1 Jul 2024"
    assert view.chart.lang == "en"
    english = view.chart.grab().toImage()
    assert english != thai  # month labels differ (Buddhist vs common era)


def test_empty_chart_explains_itself(qtbot, portfolio, services):
    work = services.works.create(title_th="งานใหม่")
    services.indicators.create(work_id=work.id, name_th="จำนวนผู้เข้าร่วม")
    _context, view = make_view(qtbot, portfolio)
    assert "No measurement" in view.change_label.text() or "ยัง" in view.change_label.text()
    assert non_blank_pixels(view.chart.grab().toImage()) > 0


def test_open_target_selects_the_indicator(qtbot, portfolio, services, indicator):
    other_work = services.works.create(title_th="งานที่สอง")
    other = services.indicators.create(work_id=other_work.id, name_th="รายได้")
    _context, view = make_view(qtbot, portfolio)
    view.open_target(("indicator", other.id))
    assert view.current_work_id() == other_work.id and view.current_indicator_id() == other.id
    view.open_target(("indicator", indicator.id))
    assert view.current_indicator_id() == indicator.id


def test_ticks():
    from ent_portfolio.typeset.scale import nice_ticks
    from ent_portfolio.ui.widgets.indicator_chart import month_label, month_ticks

    assert nice_ticks(0, 60) == [0, 20, 40, 60]
    ticks = month_ticks(dt.date(2024, 1, 15), dt.date(2025, 12, 31))
    assert ticks[0] == dt.date(2024, 2, 1) and len(ticks) <= 7
    assert month_label(dt.date(2025, 3, 1), "th") == "มี.ค. 2568"
    assert month_label(dt.date(2025, 3, 1), "en") == "Mar 2025"


def test_edits_and_deletes_can_be_undone(qtbot, portfolio, services, indicator, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    context, view = make_view(qtbot, portfolio)
    model = view.measurement_model
    assert model.setData(model.index(0, 1), "50", Qt.ItemDataRole.EditRole)
    assert services.indicators.measurements(indicator.id)[0].value == Decimal(50)
    context.undo_stack.undo()
    assert services.indicators.measurements(indicator.id)[0].value == Decimal(35)
    assert model.data(model.index(0, 1)) == "35"  # the table followed

    view.table.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    view.delete_measurement_button.click()
    assert services.indicators.measurements(indicator.id) == []
    context.undo_stack.undo()
    restored = services.indicators.measurements(indicator.id)
    assert [(m.date, m.value, m.source) for m in restored] == [(dt.date(2024, 7, 1), Decimal(35), "สำรวจ")]
    assert model.rowCount() == 1 and view.change.latest == Decimal(35)

    view.delete_indicator_button.click()
    assert services.indicators.list(work_id=indicator.work_id) == []
    context.undo_stack.undo()
    again = services.indicators.list(work_id=indicator.work_id)
    assert [i.name_th for i in again] == ["ครัวเรือนที่คัดแยกขยะ"]
    assert len(services.indicators.measurements(again[0].id)) == 1


@pytest.mark.parametrize("data", [
    dict(points=[(dt.date(2025, 1, 1), 5.0)]),
    dict(points=[(dt.date(2025, 1, 1), 0.0), (dt.date(2025, 2, 1), 0.0)], baseline=0.0, target=0.0),
    dict(points=[], baseline=10.0, baseline_date=dt.date(2024, 1, 1), target=4.0),
    dict(points=[], baseline=10.0, target=20.0),
    dict(points=[(dt.date(2020, 1, 1), -3.5), (dt.date(2026, 6, 1), 1200000.0)], baseline=-3.5),
], ids=["one-point", "all-zero", "no-measurements", "no-dates", "wide-range"])
def test_chart_draws_odd_data(qtbot, data):
    from ent_portfolio.ui.widgets.indicator_chart import ChartData, IndicatorChart

    chart = IndicatorChart()
    qtbot.addWidget(chart)
    chart.resize(500, 280)
    chart.set_data(ChartData(**data), "th")
    image = chart.grab().toImage()
    assert non_blank_pixels(image) > 50


def test_dates_are_typed_in_the_buddhist_era_in_thai(qtbot):
    from PySide6.QtTest import QTest

    from ent_portfolio.ui.widgets.evidence_date import EraDateEdit

    edit = EraDateEdit("th")
    qtbot.addWidget(edit)
    edit.setDate(QDate(2025, 3, 12))
    assert edit.text() == "12/03/2568"
    edit.lineEdit().selectAll()
    QTest.keyClicks(edit.lineEdit(), "15/08/2567")
    edit.interpretText()
    assert edit.date() == QDate(2024, 8, 15)
    edit.setCurrentSection(EraDateEdit.Section.YearSection)
    edit.stepBy(1)
    assert edit.date() == QDate(2025, 8, 15) and edit.text() == "15/08/2568"
    edit.set_language("en")
    assert edit.text() == "15/08/2025"


def test_measurement_date_cell_is_edited_in_the_buddhist_era(qtbot, portfolio, services, indicator):
    from PySide6.QtWidgets import QStyleOptionViewItem

    _context, view = make_view(qtbot, portfolio)
    index = view.measurement_model.index(0, 0)
    delegate = view.table.itemDelegateForColumn(0)
    editor = delegate.createEditor(view.table.viewport(), QStyleOptionViewItem(), index)
    delegate.setEditorData(editor, index)
    assert editor.text() == "01/07/2567"
    editor.lineEdit().setText("02/09/2567")
    delegate.setModelData(editor, view.measurement_model, index)
    assert services.indicators.measurements(indicator.id)[0].date == dt.date(2024, 9, 2)


@pytest.mark.parametrize("values,cut", [
    ([92.0, 94.5, 96.0], True),      # far from zero, close together: the axis is cut and says so
    ([12.0, 40.0, 72.0], False),     # the axis reaches zero: nothing to say
])
def test_the_windows_chart_cuts_its_axis_as_the_dossier_does(qtbot, values, cut):
    from ent_portfolio.typeset.scale import value_axis
    from ent_portfolio.ui.widgets.indicator_chart import ChartData, IndicatorChart

    chart = IndicatorChart()
    qtbot.addWidget(chart)
    chart.resize(520, 300)
    chart.set_labels(axis_cut="แกนตั้งไม่ได้เริ่มที่ 0")
    points = [(dt.date(2025, m, 1), v) for m, v in zip((1, 4, 8), values)]
    chart.set_data(ChartData(points=points), "th")
    chart.grab()
    assert value_axis(values).broken is cut
    assert (chart.axis_cut_rect is not None) is cut
    if not cut:
        axis = value_axis(values)
        assert axis.ticks[0] == 0  # drawn from zero
