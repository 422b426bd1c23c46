"""Partners: the list, the partner's details (saved as typed), its contact
persons and the works it took part in."""

from __future__ import annotations

from ...domain import enums
from ..common import confirm_delete, enum_label, name_order
from ..forms import FieldSpec
from ..qt import (
    QT_TRANSLATE_NOOP,
    QEvent,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    Qt,
    QVBoxLayout,
    QWidget,
)
from ..thaiwrap import strip_hints, wrap_hints
from ..undo import push_delete, snapshot
from ..widgets.autoform import AutoForm
from ..widgets.empty_state import EmptyState
from ..widgets.record_table import Column, RecordTable

PARTNER_FIELDS = [
    FieldSpec("name_th", QT_TRANSLATE_NOOP("Fields", "Name (Thai)"), required=True),
    FieldSpec("name_en", QT_TRANSLATE_NOOP("Fields", "Name (English)")),
    FieldSpec("partner_type", QT_TRANSLATE_NOOP("Fields", "Type"), "enum", enums.PartnerType, required=True),
    FieldSpec("area", QT_TRANSLATE_NOOP("Fields", "Area"), "area"),
    FieldSpec("address", QT_TRANSLATE_NOOP("Fields", "Address"), "multiline"),
    FieldSpec("country", QT_TRANSLATE_NOOP("Fields", "Country")),
    FieldSpec("mou_date", QT_TRANSLATE_NOOP("Fields", "MOU signed on"), "date"),
    FieldSpec("mou_note", QT_TRANSLATE_NOOP("Fields", "About the MOU")),
    FieldSpec("notes", QT_TRANSLATE_NOOP("Fields", "Notes"), "multiline"),
]


# The partner's name as stored (the item's text carries wrap hints).
NAME_ROLE = Qt.ItemDataRole.UserRole + 1


class PartnersView(QWidget):
    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        layout = QHBoxLayout(self)
        splitter = QSplitter()
        layout.addWidget(splitter)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.filter = QLineEdit()
        self.filter.setObjectName("partnerFilter")
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setObjectName("partnerList")
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        buttons = QHBoxLayout()
        self.new_button = QPushButton()
        self.new_button.setObjectName("newPartnerButton")
        self.delete_button = QPushButton()
        self.delete_button.setObjectName("deletePartnerButton")
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        ll.addWidget(self.heading)
        ll.addWidget(self.filter)
        ll.addWidget(self.list, 1)
        ll.addLayout(buttons)

        right = QWidget()
        rl = QVBoxLayout(right)
        self.form = AutoForm(context, "partners", "partner", PARTNER_FIELDS)
        self.form.saved.connect(lambda values: self._refresh_names() if "name_th" in values else None)
        self.contacts_box = QGroupBox()
        cl = QVBoxLayout(self.contacts_box)
        self.contacts = RecordTable(
            context, "contacts", "contact_person", "partner_id",
            [FieldSpec("name", QT_TRANSLATE_NOOP("Fields", "Name"), required=True),
             FieldSpec("position", QT_TRANSLATE_NOOP("Fields", "Position")),
             FieldSpec("phone", QT_TRANSLATE_NOOP("Fields", "Phone")),
             FieldSpec("email", QT_TRANSLATE_NOOP("Fields", "E-mail")),
             FieldSpec("line_id", QT_TRANSLATE_NOOP("Fields", "LINE ID")),
             FieldSpec("consent", QT_TRANSLATE_NOOP("Fields", "Agreed to be contacted"), "bool")],
            [Column(QT_TRANSLATE_NOOP("Fields", "Name"), lambda r, lang: r.name, True),
             Column(QT_TRANSLATE_NOOP("Fields", "Position"), lambda r, lang: r.position, True),
             Column(QT_TRANSLATE_NOOP("Fields", "Phone"), lambda r, lang: r.phone),
             Column(QT_TRANSLATE_NOOP("Fields", "E-mail"), lambda r, lang: r.email)],
            lambda: self.tr("contact person"), lambda r: r.name)
        self.contacts.setMinimumHeight(150)
        cl.addWidget(self.contacts)
        self.works_box = QGroupBox()
        wl = QVBoxLayout(self.works_box)
        self.works_list = QListWidget()
        self.works_list.setObjectName("partnerWorks")
        self.works_list.setWordWrap(True)
        self.works_list.itemActivated.connect(self._open_work)
        self.works_list.itemDoubleClicked.connect(self._open_work)
        wl.addWidget(self.works_list)
        rl.addWidget(self.form)
        rl.addWidget(self.contacts_box, 1)
        rl.addWidget(self.works_box, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(right)
        self.details = scroll
        self.empty_state = EmptyState(self.new_record)
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.addWidget(self.empty_state)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 1)
        splitter.setSizes([330, 760, 760])  # one of the last two is shown

        self.list.currentItemChanged.connect(lambda item, _prev: self._show(item))
        self.filter.textChanged.connect(self._apply_filter)
        self.new_button.clicked.connect(self.new_record)
        self.delete_button.clicked.connect(self.delete_current)
        context.portfolio_changed.connect(self.reload)
        context.data_changed.connect(self._data_changed)
        context.language_changed.connect(self._language_changed)
        self.retranslateUi()
        self.reload()

    def _language_changed(self, lang: str) -> None:
        self.form.set_language(lang)
        self.form.refresh_widgets()
        self._show_works()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        self.heading.setText(self.tr("Partners"))
        self.filter.setPlaceholderText(self.tr("Filter partners"))
        self.new_button.setText(self.tr("New partner…"))
        self.delete_button.setText(self.tr("Delete"))
        self.contacts_box.setTitle(self.tr("Contact persons"))
        self.works_box.setTitle(self.tr("Works this partner took part in"))
        self.empty_state.set_texts(self.tr("No partners yet. Record the communities and organisations "
                                           "you work with; works and testimonials then name them."),
                                   self.tr("New partner…"))
        self._show_works()

    # --- data -------------------------------------------------------------------
    def reload(self) -> None:
        current = self.current_id()
        self.list.blockSignals(True)
        self.list.clear()
        partners = self.context.services.partners.list() if self.context.services else []
        order = name_order("th")
        for p in sorted(partners, key=lambda p: order(p.name_th)):
            item = QListWidgetItem(wrap_hints(p.name_th))  # display only: the name is in NameRole
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            item.setData(NAME_ROLE, p.name_th)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._apply_filter()
        self.details.setVisible(bool(partners))
        self.empty_state.setVisible(not partners)
        if not self.select(current) and self.list.count():
            self.list.setCurrentRow(0)
        elif not self.list.count():
            self._show(None)

    def _refresh_names(self) -> None:
        if self.context.services is None:
            return
        names = {p.id: p.name_th for p in self.context.services.partners.list()}
        for n in range(self.list.count()):
            item = self.list.item(n)
            name = names.get(item.data(Qt.ItemDataRole.UserRole), item.data(NAME_ROLE))
            item.setText(wrap_hints(name))
            item.setData(NAME_ROLE, name)

    def _data_changed(self, kind: str, record_id: str) -> None:
        if kind == "partner":
            if self.list.count() != (self.context.services.partners.count() if self.context.services else 0):
                self.reload()
            else:
                self._refresh_names()
        elif kind in ("work_partner", "work"):
            self._show_works()

    def _apply_filter(self) -> None:
        needle = self.filter.text().strip().casefold()
        for n in range(self.list.count()):
            item = self.list.item(n)
            item.setHidden(bool(needle) and needle not in strip_hints(item.text()).casefold())

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def select(self, partner_id: str | None) -> bool:
        for n in range(self.list.count()):
            if self.list.item(n).data(Qt.ItemDataRole.UserRole) == partner_id:
                self.list.setCurrentRow(n)
                return True
        return False

    def _show(self, item) -> None:
        partner_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        self.form.load(partner_id)
        self.contacts.set_parent(partner_id)
        self.delete_button.setEnabled(partner_id is not None)
        self._show_works()

    def _show_works(self) -> None:
        self.works_list.clear()
        partner_id = self.current_id()
        if partner_id is None or self.context.services is None:
            return
        lang = self.context.language
        for work, link in self.context.services.partners.works_of(partner_id):
            title = work.title_th if lang == "th" or not work.title_en else work.title_en
            item = QListWidgetItem(f"{wrap_hints(title)}\n{enum_label(enums.PartnerRole, link.role, lang)}")
            item.setData(Qt.ItemDataRole.UserRole, work.id)
            self.works_list.addItem(item)
        if not self.works_list.count():
            empty = QListWidgetItem(self.tr("Not linked to any work yet."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.works_list.addItem(empty)

    def _open_work(self, item) -> None:
        work_id = item.data(Qt.ItemDataRole.UserRole)
        if work_id:
            self.save_now()
            self.context.navigate.emit(("work", work_id, "partners"))

    # --- contract -----------------------------------------------------------------
    def save_now(self) -> None:
        self.form.save_now()

    def new_record(self) -> None:
        if self.context.services is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("New partner"), self.tr("Name of the partner (Thai):"))
        if not ok or not name.strip():
            return
        try:
            partner = self.context.services.partners.create(name_th=name.strip())
        except Exception as exc:
            self.context.report_error(exc)
            return
        self.context.notify("partner", partner.id)
        self.reload()
        self.select(partner.id)

    def delete_current(self) -> None:
        partner_id = self.current_id()
        if partner_id is None:
            return
        services = self.context.services
        partner = services.partners.get(partner_id)
        if not confirm_delete(self, partner.name_th):
            return
        contacts = [snapshot(c) for c in services.contacts.list(partner_id=partner_id)]
        if push_delete(self.context, "partners", "partner", partner, lambda: self.tr("Delete partner"),
                       children=[("contacts", "partner_id", contacts)]):
            self.reload()

    def open_target(self, target: tuple) -> None:
        if len(target) >= 2:
            self.select(target[1])
