"""Works: the filterable list and, on a double click, the work's editor."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...domain import enums
from ..common import confirm_delete, fill_enum_combo
from ..models.works_model import ID_ROLE, WorksFilterProxy, WorksTableModel, load_rows
from ..qt import (
    QAbstractItemView,
    QComboBox,
    QEvent,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    Qt,
    QTableView,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from ..textutil import display_year
from ..widgets.empty_state import NEW_WORK_TARGET, EmptyState

if TYPE_CHECKING:
    from .work_editor import WorkEditor


#: The list's other columns at their width on a roomy window (status,
#: province, period, partners); the title takes what is left.
COLUMN_WIDTHS = ((1, 130), (2, 120), (3, 220), (4, 260))
#: The least share of the list's width the title keeps: on a small laptop's
#: window the other columns narrow instead of pushing the title out of view.
TITLE_SHARE = 0.30


def fitted_column_widths(viewport_width: int) -> list[tuple[int, int]]:
    """The other columns' widths for a list ``viewport_width`` pixels wide."""
    room = viewport_width * (1 - TITLE_SHARE)
    scale = min(1.0, room / sum(width for _, width in COLUMN_WIDTHS))
    return [(col, max(48, int(width * scale))) for col, width in COLUMN_WIDTHS]


class WorksView(QWidget):
    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.list_page = QWidget()
        lp = QVBoxLayout(self.list_page)
        head = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.count_label = QLabel()
        self.count_label.setObjectName("worksCount")
        self.new_button = QPushButton()
        self.new_button.setObjectName("newWorkButton")
        self.open_button = QPushButton()
        self.delete_button = QPushButton()
        self.delete_button.setObjectName("deleteWorkButton")
        head.addWidget(self.heading)
        head.addWidget(self.count_label)
        head.addStretch(1)
        for b in (self.new_button, self.open_button, self.delete_button):
            head.addWidget(b)
        lp.addLayout(head)

        filters = QHBoxLayout()
        self.filter_text = QLineEdit()
        self.filter_text.setObjectName("filterText")
        self.filter_text.setClearButtonEnabled(True)
        self.filter_status = QComboBox()
        self.filter_province = QComboBox()
        self.filter_year = QComboBox()
        self.filter_partner = QComboBox()
        for name, combo in (("filterStatus", self.filter_status), ("filterProvince", self.filter_province),
                            ("filterYear", self.filter_year), ("filterPartner", self.filter_partner)):
            combo.setObjectName(name)
            combo.setMinimumWidth(140)
            combo.currentIndexChanged.connect(self._apply_filters)
        self.filter_partner.setMinimumWidth(220)
        filters.addWidget(self.filter_text, 2)
        for combo in (self.filter_status, self.filter_province, self.filter_year, self.filter_partner):
            filters.addWidget(combo, 1)
        lp.addLayout(filters)

        self.model = WorksTableModel(self)
        self.proxy = WorksFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("worksTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(34)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, width in COLUMN_WIDTHS:
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        self.table.viewport().installEventFilter(self)
        self.table.doubleClicked.connect(self._open_index)
        lp.addWidget(self.table, 1)
        self.empty_state = EmptyState(self.new_record)
        lp.addWidget(self.empty_state, 1)

        self._editor: WorkEditor | None = None
        self.stack.addWidget(self.list_page)

        self.new_button.clicked.connect(self.new_record)
        self.open_button.clicked.connect(lambda: self._open_index(self.table.currentIndex()))
        self.delete_button.clicked.connect(self.delete_selected)
        self.filter_text.textChanged.connect(lambda _t: self._filter_timer.start())
        self._filter_timer = QTimer(self, singleShot=True, interval=150)
        self._filter_timer.timeout.connect(self._apply_filters)
        self._reload_timer = QTimer(self, singleShot=True, interval=0)
        self._reload_timer.timeout.connect(self.reload)

        context.portfolio_changed.connect(self._portfolio_changed)
        context.data_changed.connect(self._data_changed)
        self.retranslateUi()
        self.reload()

    @property
    def editor(self) -> WorkEditor:
        """The work's editor, built when it is first wanted: its record tables
        bring the letters and sheet imports, and with them the whole dossier
        (PDF, images, signing) — seconds the list at start must not wait for."""
        if self._editor is None:
            from .work_editor import WorkEditor

            self._editor = WorkEditor(self.context)
            self._editor.back_requested.connect(self.show_list)
            self.stack.addWidget(self._editor)
        return self._editor

    def eventFilter(self, watched, event) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize \
                and event.size().width() != event.oldSize().width():
            header = self.table.horizontalHeader()
            for col, width in fitted_column_widths(event.size().width()):
                header.resizeSection(col, width)
        return super().eventFilter(watched, event)

    # --- contract -----------------------------------------------------------------
    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        lang = self.context.language
        self.heading.setText(self.tr("Works"))
        self.new_button.setText(self.tr("New work…"))
        self.open_button.setText(self.tr("Open"))
        self.delete_button.setText(self.tr("Delete"))
        self.filter_text.setPlaceholderText(self.tr("Filter by title or partner"))
        self.empty_state.set_texts(self.tr("No works yet. Start by recording your first engagement work."),
                                   self.tr("New work…"))
        self.model.set_language(lang)
        self._fill_filters()
        self._update_count()

    def _portfolio_changed(self) -> None:
        if self._editor is not None:
            self._editor.work_id = None
        self.show_list()
        self.reload()

    def _data_changed(self, kind: str, record_id: str) -> None:
        if kind in ("work", "partner", "work_partner"):
            self._reload_timer.start()  # coalesce a burst of changes into one reload

    def save_now(self) -> None:
        if self._editor is not None:  # never built: nothing typed to save
            self._editor.save_now()

    def new_record(self) -> None:
        if self.context.services is None:
            return
        title, ok = QInputDialog.getText(self, self.tr("New work"), self.tr("Title of the work (Thai):"))
        if not ok or not title.strip():
            return
        try:
            work = self.context.services.works.create(title_th=title.strip())
        except Exception as exc:
            self.context.report_error(exc)
            return
        self.context.notify("work", work.id)
        self.reload()
        self.open_work(work.id)

    def open_target(self, target: tuple) -> None:
        if tuple(target) == NEW_WORK_TARGET:  # from a page that needs a work first
            self.show_list()
            self.new_record()
        elif len(target) >= 2 and target[0] == "work" and target[1]:
            self.open_work(target[1])
            if len(target) >= 3 and target[2]:
                where, _, key = target[2].partition(":")
                if where == "section":
                    self.editor.open_section(key)
                elif where == "activity":
                    self.editor.open_tab("activities")
                elif where == "dissemination":
                    self.editor.open_tab("disseminations")
                else:
                    self.editor.open_tab(where)
        else:
            self.show_list()

    def highlight(self, text: str) -> bool:
        """Select ``text`` in the open section (after a search)."""
        editor = self._editor
        return editor is not None and self.stack.currentWidget() is editor and editor.sections.highlight(text)

    # --- list ---------------------------------------------------------------------
    def reload(self) -> None:
        services = self.context.services
        selected = self.selected_id()
        self.model.set_rows(load_rows(services) if services is not None else [])
        self._fill_filters()
        self._apply_filters()
        if selected:
            self.select(selected)

    def _fill_filters(self) -> None:
        lang = self.context.language
        fill_enum_combo(self.filter_status, enums.WorkStatus, lang, allow_empty=True)
        self.filter_status.setItemText(0, self.tr("All statuses"))
        rows = self.model.rows
        self._refill(self.filter_province, self.tr("All provinces"),
                     [(p, p) for p in sorted({r.province for r in rows if r.province})])
        years = sorted({y for r in rows for y in r.years()}, reverse=True)
        self._refill(self.filter_year, self.tr("All years"), [(display_year(y, lang), y) for y in years])
        partners = []
        if self.context.services is not None:
            partners = [(p.name_th, p.id) for p in self.context.services.partners.list()]
        self._refill(self.filter_partner, self.tr("All partners"), partners)

    @staticmethod
    def _refill(combo: QComboBox, all_text: str, items) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(all_text, None)
        for label, data in items:
            combo.addItem(label, data)
        combo.setCurrentIndex(max(combo.findData(current), 0) if current is not None else 0)
        combo.blockSignals(False)

    def _apply_filters(self) -> None:
        self.proxy.set_filter(status=self.filter_status.currentData(), province=self.filter_province.currentData(),
                              year=self.filter_year.currentData(), partner_id=self.filter_partner.currentData(),
                              text=self.filter_text.text().strip())
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if shown == total:
            self.count_label.setText(self.tr("%n work(s)", "", total))
        else:
            self.count_label.setText(self.tr("%1 of %2 works").replace("%1", str(shown)).replace("%2", str(total)))
        self.empty_state.setVisible(total == 0)
        self.table.setVisible(total > 0)

    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select(self, work_id: str) -> bool:
        row = self.model.row_of(work_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)
        return index.isValid()

    def _open_index(self, index) -> None:
        if index.isValid():
            self.open_work(index.data(ID_ROLE))

    def open_work(self, work_id: str) -> None:
        try:
            self.editor.load(work_id)
        except Exception as exc:
            self.context.report_error(exc)
            return
        self.stack.setCurrentWidget(self.editor)

    def show_list(self) -> None:
        self.save_now()
        self.stack.setCurrentWidget(self.list_page)

    def delete_selected(self) -> None:
        work_id = self.selected_id()
        if work_id is None or self.context.services is None:
            return
        work = self.context.services.works.get(work_id)
        if not confirm_delete(self, work.title_th, undoable=False):
            return
        # A work owns many records: it cannot be re-created faithfully, so this
        # delete is not undoable; the confirmation says so.
        try:
            self.context.services.works.delete(work_id)
        except Exception as exc:
            self.context.report_error(exc)
            return
        self.context.notify("work", work_id)
        self.reload()
