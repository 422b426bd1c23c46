"""The indicators page: for the chosen work, each indicator's baseline,
target and measurements over time — a table to edit them, a chart to see
them, and the change computed by the core (never typed)."""

from __future__ import annotations

from ...domain.enums import Direction, IndicatorLevel
from ...typeset.dates import format_date
from ..dialogs.indicator_dialogs import IndicatorDialog, MeasurementDialog
from ..models.indicator_models import (
    IndicatorListModel,
    MeasurementTableModel,
    format_number,
)
from ..qt import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QEvent,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QItemSelectionModel,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QSplitter,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from ..thaiwrap import ThaiWrapLabel
from ..undo import push_delete_by_id, push_edit
from ..widgets.empty_state import NEW_WORK_TARGET, EmptyState
from ..widgets.evidence_date import EraDateDelegate
from ..widgets.indicator_chart import ChartData, IndicatorChart
from .evidence import work_title


class IndicatorsView(QWidget):
    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.indicator_model = IndicatorListModel(context, self)
        self.measurement_model = MeasurementTableModel(context, self)
        self.measurement_model.editFailed.connect(lambda exc: self.context.report_error(exc))
        self.measurement_model.edited.connect(lambda mid: self._after_measurement_change(mid))
        self.change = None  # the last IndicatorChange shown

        # Top bar: which work.
        self.work_label = QLabel()
        self.work_combo = QComboBox()
        self.work_combo.setMinimumContentsLength(20)
        self.work_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.work_combo.currentIndexChanged.connect(self._work_chosen)
        bar = QHBoxLayout()
        bar.addWidget(self.work_label)
        bar.addWidget(self.work_combo, 1)

        # Left: the indicators of the work.
        self.list_title = QLabel()
        self.list_title.setStyleSheet("font-weight: bold;")
        self.indicator_list = QListView()
        self.indicator_list.setModel(self.indicator_model)
        self.indicator_list.setWordWrap(True)
        self.indicator_list.setSpacing(2)
        self.indicator_list.selectionModel().currentChanged.connect(lambda *_: self._indicator_chosen())
        self.indicator_list.doubleClicked.connect(lambda _i: self.edit_indicator())
        self.add_indicator_button = QPushButton()
        self.add_indicator_button.clicked.connect(self.add_indicator)
        self.edit_indicator_button = QPushButton()
        self.edit_indicator_button.clicked.connect(self.edit_indicator)
        self.delete_indicator_button = QPushButton()
        self.delete_indicator_button.clicked.connect(self.delete_indicator)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list_title)
        left_layout.addWidget(self.indicator_list, 1)
        left_buttons = QHBoxLayout()
        for b in (self.add_indicator_button, self.edit_indicator_button, self.delete_indicator_button):
            left_buttons.addWidget(b)
        left_layout.addLayout(left_buttons)

        # Right: the indicator's header, the change, the chart, the table.
        # Line height above 100 %: the marks above a bold Thai title are
        # otherwise cut off at the top (and touch the line above).
        self.name_label = ThaiWrapLabel(line_height=125)
        self.name_label.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.facts_label = ThaiWrapLabel()
        self.facts_label.setStyleSheet("color: #4a5868;")
        self.change_label = QLabel()
        self.change_label.setWordWrap(True)
        self.change_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.change_label.setContentsMargins(8, 6, 8, 6)
        self.chart = IndicatorChart()
        self.table = QTableView()
        self.table.setModel(self.measurement_model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        # Dates typed and shown with the Buddhist-era year in Thai.
        self.table.setItemDelegateForColumn(0, EraDateDelegate(lambda: self.lang, self.table))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.table_title = QLabel()
        self.table_title.setStyleSheet("font-weight: bold;")
        self.add_measurement_button = QPushButton()
        self.add_measurement_button.clicked.connect(self.add_measurement)
        self.delete_measurement_button = QPushButton()
        self.delete_measurement_button.clicked.connect(self.delete_measurement)
        table_bar = QHBoxLayout()
        table_bar.addWidget(self.table_title)
        table_bar.addStretch(1)
        table_bar.addWidget(self.add_measurement_button)
        table_bar.addWidget(self.delete_measurement_button)
        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addLayout(table_bar)
        table_layout.addWidget(self.table, 1)
        self.table_hint = QLabel()
        self.table_hint.setStyleSheet("color: #4a5868;")
        table_layout.addWidget(self.table_hint)

        right_split = QSplitter(Qt.Orientation.Vertical)
        right_split.addWidget(self.chart)
        right_split.addWidget(table_box)
        right_split.setStretchFactor(0, 3)
        right_split.setStretchFactor(1, 2)
        self.detail = QWidget()
        right_layout = QVBoxLayout(self.detail)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.addWidget(self.name_label)
        right_layout.addWidget(self.facts_label)
        right_layout.addWidget(self.change_label)
        right_layout.addWidget(right_split, 1)
        self.empty_state = EmptyState(self._first_step)
        right_holder = QWidget()
        holder_layout = QVBoxLayout(right_holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(self.detail)
        holder_layout.addWidget(self.empty_state)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right_holder)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([300, 900])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

        context.portfolio_changed.connect(self.reload)
        context.data_changed.connect(self._data_changed)
        context.language_changed.connect(lambda _lang: self.retranslateUi())
        self.retranslateUi()
        self.reload()

    # data ------------------------------------------------------------------------
    @property
    def lang(self) -> str:
        return self.context.language

    def current_work_id(self) -> str | None:
        return self.work_combo.currentData()

    def current_indicator_id(self) -> str | None:
        index = self.indicator_list.currentIndex()
        return self.indicator_model.row_at(index.row()).id if index.isValid() else None

    def _fill_works(self) -> None:
        keep = self.work_combo.currentData()
        self.work_combo.blockSignals(True)
        self.work_combo.clear()
        services = self.context.services
        if services is not None:
            for work in services.works.list():
                self.work_combo.addItem(work_title(work, self.lang), work.id)
        index = self.work_combo.findData(keep)
        self.work_combo.setCurrentIndex(max(index, 0))
        self.work_combo.blockSignals(False)

    def reload(self) -> None:
        keep = self.current_indicator_id()
        self._fill_works()
        self.indicator_model.set_language(self.lang)
        self.indicator_model.set_work(self.current_work_id())
        self._select_indicator(keep)

    def _select_indicator(self, indicator_id: str | None) -> None:
        row = self.indicator_model.row_of(indicator_id) if indicator_id else -1
        if row < 0 and self.indicator_model.rowCount():
            row = 0
        if row >= 0:
            self.indicator_list.selectionModel().setCurrentIndex(
                self.indicator_model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self._indicator_chosen()

    def _work_chosen(self, _index: int) -> None:
        self.indicator_model.set_work(self.current_work_id())
        self._select_indicator(None)

    def _data_changed(self, kind: str, record_id: str) -> None:
        if kind in ("work", "indicator", "measurement", "portfolio", ""):
            self.reload()

    def _indicator_chosen(self) -> None:
        indicator_id = self.current_indicator_id()
        self.measurement_model.set_language(self.lang)
        self.measurement_model.set_indicator(indicator_id)
        self._fit_columns()
        self._show_indicator()
        self._update_buttons()

    def _fit_columns(self) -> None:
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in range(self.measurement_model.columnCount()):
            header.resizeSection(column, min(max(header.sectionSize(column), 90), 320))

    def _show_indicator(self) -> None:
        indicator_id = self.current_indicator_id()
        services = self.context.services
        has = bool(indicator_id and services)
        self.detail.setVisible(has)
        self.empty_state.setVisible(not has)
        if not has:
            self.change = None
            return
        indicator = services.indicators.get(indicator_id)
        lang = self.lang
        self.name_label.setText(indicator.name_en if lang == "en" and indicator.name_en else indicator.name_th)
        facts = []
        try:
            facts.append(IndicatorLevel(indicator.level).label(lang))
            facts.append(Direction(indicator.direction).label(lang))
        except ValueError:
            pass
        unit = indicator.unit
        if indicator.baseline_value is not None:
            text = self.tr("baseline %1").replace("%1", f"{format_number(indicator.baseline_value)} {unit}".strip())
            if indicator.baseline_date:
                text += f" ({format_date(indicator.baseline_date, lang, 'short')})"
            facts.append(text)
        if indicator.target_value is not None:
            text = self.tr("target %1").replace("%1", f"{format_number(indicator.target_value)} {unit}".strip())
            if indicator.target_date:
                text += f" ({format_date(indicator.target_date, lang, 'short')})"
            facts.append(text)
        self.facts_label.setText(" · ".join(facts))
        self.change = services.indicators.change(indicator_id)
        self.change_label.setText(self.change_text(self.change, unit))
        colour = "#e8f5e9" if self.change.improved else ("#fdecea" if self.change.improved is False else "#f1f3f6")
        self.change_label.setStyleSheet(f"background: {colour}; border-radius: 4px;")
        self.chart.set_data(ChartData(
            points=[(r.date, float(r.value)) for r in self.measurement_model.rows()],
            baseline=float(indicator.baseline_value) if indicator.baseline_value is not None else None,
            baseline_date=indicator.baseline_date,
            target=float(indicator.target_value) if indicator.target_value is not None else None,
            target_date=indicator.target_date,
            unit=unit,
        ), lang)

    def change_text(self, change, unit: str) -> str:
        """The computed change in one or two plain sentences."""
        lang = self.lang
        if change.latest is None:
            return self.tr("No measurement yet: add the values you measured after the baseline.")
        parts = [self.tr("Latest value %1 on %2").replace("%1", f"{format_number(change.latest)} {unit}".strip())
                 .replace("%2", format_date(change.latest_date, lang))]
        if change.change is not None:
            sign = "+" if change.change > 0 else ""
            amount = f"{sign}{format_number(change.change)} {unit}".strip()
            text = self.tr("change from the baseline %1").replace("%1", amount)
            if change.change_percent is not None:
                text += f" ({sign}{format_number(change.change_percent)}%)"
            parts.append(text)
        else:
            parts.append(self.tr("no baseline to compare with"))
        if change.improved is True:
            parts.append(self.tr("improved"))
        elif change.improved is False:
            parts.append(self.tr("not improved") if change.change == 0 else self.tr("worse than the baseline"))
        if change.target_reached is True:
            parts.append(self.tr("target reached"))
        elif change.target_reached is False:
            parts.append(self.tr("target not reached yet"))
        return " · ".join(parts)

    def _update_buttons(self) -> None:
        has_work = self.current_work_id() is not None
        has_indicator = self.current_indicator_id() is not None
        self.add_indicator_button.setEnabled(has_work)
        self.edit_indicator_button.setEnabled(has_indicator)
        self.delete_indicator_button.setEnabled(has_indicator)
        self.add_measurement_button.setEnabled(has_indicator)
        self.delete_measurement_button.setEnabled(bool(self.table.selectionModel().selectedRows()))
        if not has_work:
            self.empty_state.set_texts(self.tr("Create a work first, then record its indicators here."),
                                       self.tr("New work…"))
        else:
            self.empty_state.set_texts(self.tr("This work has no indicators yet.\n"
                                               "Click “New indicator” to record what you measure: a baseline, "
                                               "a target and the values over time."), self.tr("New indicator"))

    def _first_step(self) -> None:
        if self.current_work_id() is None:
            self.context.navigate.emit(NEW_WORK_TARGET)
        else:
            self.add_indicator()

    def _after_measurement_change(self, measurement_id: str = "") -> None:
        self._show_indicator()
        self._update_buttons()
        self.context.notify("measurement", measurement_id)

    def open_target(self, target: tuple) -> None:
        kind, ident, place = (tuple(target) + (None, None, None))[:3]
        services = self.context.services
        if services is None or not ident:
            return
        if kind == "indicator":
            indicator = services.indicators.find(ident)
            if indicator is None:
                return
            self.work_combo.setCurrentIndex(max(self.work_combo.findData(indicator.work_id), 0))
            self._select_indicator(ident)
            if place and str(place).startswith("measurement:"):
                mid = str(place).split(":", 1)[1]
                for row, m in enumerate(self.measurement_model.rows()):
                    if m.id == mid:
                        self.table.selectRow(row)
        elif kind in ("work", "indicators"):
            self.work_combo.setCurrentIndex(max(self.work_combo.findData(ident), 0))

    # actions -----------------------------------------------------------------------
    def new_record(self):
        """File ▸ New record (Ctrl+N): a measurement of the chosen indicator,
        or a new indicator when the work has none."""
        return self.add_measurement() if self.current_indicator_id() else self.add_indicator()

    def create_measurement(self, **fields):
        indicator_id = self.current_indicator_id()
        try:
            record = self.context.services.measurements.create(indicator_id=indicator_id, **fields)
        except Exception as exc:
            self.context.report_error(exc)
            return None
        self.measurement_model.reload()
        for row, m in enumerate(self.measurement_model.rows()):
            if m.id == record.id:
                self.table.selectRow(row)
        self._after_measurement_change(record.id)
        return record

    def add_measurement(self):
        if not self.current_indicator_id():
            return None
        indicator = self.context.services.indicators.get(self.current_indicator_id())
        dialog = MeasurementDialog(self.lang, indicator.unit, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.create_measurement(**dialog.fields())

    def delete_measurement(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if not rows:
            return
        items = [self.measurement_model.row_at(r) for r in rows]
        text = self.tr("Delete %n measurement(s)?", "", len(items))
        if QMessageBox.question(self, self.tr("Delete measurement"), text) != QMessageBox.StandardButton.Yes:
            return
        for item in items:
            if not push_delete_by_id(self.context, "measurements", "measurement", item.id,
                                     lambda: self.tr("Delete measurement")):
                break
        self.measurement_model.reload()
        self._after_measurement_change()

    def add_indicator(self):
        work_id = self.current_work_id()
        if not work_id:
            return None
        dialog = IndicatorDialog(self.lang, None, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        try:
            record = self.context.services.indicators.create(work_id=work_id, **dialog.fields())
        except Exception as exc:
            self.context.report_error(exc)
            return None
        self.indicator_model.reload()
        self._select_indicator(record.id)
        self.context.notify("indicator", record.id)
        return record

    def edit_indicator(self):
        indicator_id = self.current_indicator_id()
        if not indicator_id:
            return None
        before = self.context.services.indicators.get(indicator_id)
        dialog = IndicatorDialog(self.lang, before, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        fields = dialog.fields()
        try:
            record = self.context.services.indicators.update(indicator_id, **fields)
        except Exception as exc:
            self.context.report_error(exc)
            return None
        changed = {k: v for k, v in fields.items() if getattr(before, k) != v}
        if changed:
            push_edit(self.context, "indicators", "indicator", indicator_id,
                      {k: getattr(before, k) for k in changed}, changed, lambda: self.tr("Edit indicator"))
        self.indicator_model.reload()
        self._select_indicator(indicator_id)
        self.context.notify("indicator", indicator_id)
        return record

    def delete_indicator(self) -> None:
        indicator_id = self.current_indicator_id()
        if not indicator_id:
            return
        row = self.indicator_model.row_at(self.indicator_list.currentIndex().row())
        text = self.tr("Delete the indicator “%1” and all its measurements?").replace("%1", row.name(self.lang))
        if QMessageBox.question(self, self.tr("Delete indicator"), text) != QMessageBox.StandardButton.Yes:
            return
        from ..undo import snapshot

        measurements = [snapshot(m) for m in self.context.services.indicators.measurements(indicator_id)]
        push_delete_by_id(self.context, "indicators", "indicator", indicator_id, lambda: self.tr("Delete indicator"),
                          [("measurements", "indicator_id", measurements)])
        self.indicator_model.reload()
        self._select_indicator(None)
        self.context.notify("indicator", indicator_id)

    # language ----------------------------------------------------------------------
    def retranslateUi(self) -> None:
        self.work_label.setText(self.tr("Work:"))
        self.list_title.setText(self.tr("Indicators"))
        self.add_indicator_button.setText(self.tr("New indicator"))
        self.edit_indicator_button.setText(self.tr("Edit…"))
        self.delete_indicator_button.setText(self.tr("Delete"))
        self.table_title.setText(self.tr("Measurements"))
        self.add_measurement_button.setText(self.tr("Add measurement…"))
        self.delete_measurement_button.setText(self.tr("Delete measurement"))
        self.table_hint.setText(self.tr("Double-click a cell to correct it; changes are saved at once."))
        self.chart.set_labels(baseline=self.tr("Baseline"), target=self.tr("Target"), measured=self.tr("Measured"),
                              empty=self.tr("No values to draw yet."),
                              axis_cut=self.tr("The value axis does not start at 0"))
        self.chart.lang = self.lang
        self.measurement_model.set_language(self.lang)
        self.reload()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
