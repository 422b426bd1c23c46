"""The editor of one work: overview, the write-up sections, the EnT
principles, and the small records that belong to the work.

Edits are saved automatically: 800 ms after typing stops, when a field
loses focus, when the page or the window closes.  Each save is one service
call for the work's fields (``works.update``) and one per changed section
(``works.set_section``); each is an undo step."""

from __future__ import annotations

from typing import Any

from ...domain import enums
from ..common import enum_label
from ..forms import (
    Autosave,
    FieldSpec,
    connect_changed,
    make_field,
    read_field_value,
    relabel_field,
    set_field_value,
)
from ..forms.kinds import field_columns
from ..qt import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    Qt,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ..thaiwrap import ThaiWrapLabel
from ..undo import FieldEditCommand
from .work_frameworks import FrameworksPane
from .work_sections import SectionsPane
from .work_tables import work_record_tables

#: How a section's pending edit is named among the autosave's fields.
_SECTION = "section:"


# Plain-text narratives of the four EnT principles (mutual benefit told for both sides).
PRINCIPLE_FIELDS = (
    ("problem_statement", QT_TRANSLATE_NOOP("WorkEditor", "Problem statement (written with the partner)")),
    ("partnership_text", QT_TRANSLATE_NOOP("WorkEditor", "Partnership: thinking and working together as partners")),
    ("benefit_community_text", QT_TRANSLATE_NOOP("WorkEditor", "Mutual benefit: for the community")),
    ("benefit_university_text",
     QT_TRANSLATE_NOOP("WorkEditor", "Mutual benefit: for the university (teaching, research, students)")),
    ("knowledge_text", QT_TRANSLATE_NOOP("WorkEditor", "Knowledge sharing and scholarship")),
    ("impact_text", QT_TRANSLATE_NOOP("WorkEditor", "Measurable social impact")),
)


def _overview_field(name: str, label: str, kind: str = "text", enum=None, **options) -> FieldSpec:
    return FieldSpec(name, label, kind, enum, context="WorkEditor", **options)


_TITLE_TH = QT_TRANSLATE_NOOP("WorkEditor", "Title (Thai)")
_TITLE_EN = QT_TRANSLATE_NOOP("WorkEditor", "Title (English)")
_STATUS = QT_TRANSLATE_NOOP("WorkEditor", "Status")
_PERIOD = QT_TRANSLATE_NOOP("WorkEditor", "Period")
_AREA = QT_TRANSLATE_NOOP("WorkEditor", "Area")
_VILLAGE = QT_TRANSLATE_NOOP("WorkEditor", "Village / community")
_MISSIONS = QT_TRANSLATE_NOOP("WorkEditor", "Missions integrated")
_COURSES = QT_TRANSLATE_NOOP("WorkEditor", "Courses")
_STUDENTS = QT_TRANSLATE_NOOP("WorkEditor", "Number of students")
_PRIOR = QT_TRANSLATE_NOOP("WorkEditor", "Used in an earlier promotion")
_MAIN = QT_TRANSLATE_NOOP("WorkEditor", "Main work")
_CLAIMED = QT_TRANSLATE_NOOP("WorkEditor", "Quality level claimed")
_IMPACT_TH = QT_TRANSLATE_NOOP("WorkEditor", "Impact summary (Thai)")
_IMPACT_EN = QT_TRANSLATE_NOOP("WorkEditor", "Impact summary (English)")
_ETHICS_REQUIRED = QT_TRANSLATE_NOOP("WorkEditor", "People studied")
_ETHICS_COMMITTEE = QT_TRANSLATE_NOOP("WorkEditor", "Approving committee")
_ETHICS_NUMBER = QT_TRANSLATE_NOOP("WorkEditor", "Approval number")
_ETHICS_DATE = QT_TRANSLATE_NOOP("WorkEditor", "Approval date")

#: The overview tab, row by row: a row's key, its label, and the fields it
#: holds side by side.
OVERVIEW_ROWS: tuple[tuple[str, str, tuple[FieldSpec, ...]], ...] = (
    ("title_th", _TITLE_TH, (_overview_field("title_th", _TITLE_TH, required=True),)),
    ("title_en", _TITLE_EN, (_overview_field("title_en", _TITLE_EN),)),
    ("status", _STATUS, (_overview_field("status", _STATUS, "enum", enums.WorkStatus, required=True),)),
    ("period", _PERIOD, (_overview_field("start_date", _PERIOD, "period_start"),
                         _overview_field("end_date", _PERIOD, "period_end"))),
    ("area", _AREA, (_overview_field("area", _AREA, "area"),)),
    ("village", _VILLAGE, (_overview_field("village", _VILLAGE),)),
    ("missions", _MISSIONS, (_overview_field("missions", _MISSIONS, "codes", enums.Mission, columns=4),)),
    ("courses", _COURSES, (_overview_field("courses", _COURSES),)),
    ("students", _STUDENTS, (_overview_field("students_count", _STUDENTS, "int"),)),
    # The claim of the ก.พ.อ. file: whether the work is submitted for the
    # quality level, which level, and its reach in a few lines.
    ("main", _MAIN, (_overview_field("is_main_work", _MAIN, "bool"),)),
    ("claimed_level", _CLAIMED, (_overview_field("claimed_level", _CLAIMED, "enum", enums.QualityLevel),)),
    ("impact_summary", _IMPACT_TH, (_overview_field("impact_summary", _IMPACT_TH, "multiline"),)),
    ("impact_summary_en", _IMPACT_EN, (_overview_field("impact_summary_en", _IMPACT_EN, "multiline"),)),
    ("prior", _PRIOR, (_overview_field("prior_use_year", _PRIOR, "year"),
                       _overview_field("prior_quality_level", _PRIOR, "enum", enums.QualityLevel))),
)
#: The research-ethics approval, in a group of its own under the overview.
ETHICS_ROWS: tuple[tuple[str, str, tuple[FieldSpec, ...]], ...] = (
    ("ethics_required", _ETHICS_REQUIRED, (_overview_field("ethics_required", _ETHICS_REQUIRED, "bool"),)),
    ("ethics_committee", _ETHICS_COMMITTEE, (_overview_field("ethics_committee", _ETHICS_COMMITTEE),)),
    ("ethics_number", _ETHICS_NUMBER, (_overview_field("ethics_number", _ETHICS_NUMBER),)),
    ("ethics_date", _ETHICS_DATE, (_overview_field("ethics_date", _ETHICS_DATE, "date"),)),
)
#: What the ethics check box makes relevant.
ETHICS_DETAILS = ("ethics_committee", "ethics_number", "ethics_date")
#: Saved with the overview, shown under the problem statement.
CO_DESIGNED = _overview_field("problem_co_designed", "co-designed", "bool")
OVERVIEW_FIELDS: tuple[FieldSpec, ...] = (
    *(spec for _k, _l, specs in OVERVIEW_ROWS + ETHICS_ROWS for spec in specs), CO_DESIGNED)
#: Fields loaded as the work stores them, one column each.
PLAIN_COLUMNS = ("is_main_work", "claimed_level", "impact_summary", "impact_summary_en",
                 *(spec.name for _k, _l, specs in ETHICS_ROWS for spec in specs))
#: Columns the area picker stands for.
AREA_COLUMNS = ("province", "district", "subdistrict", "area_code")


class WorkEditor(QWidget):
    """Everything about one work, saved as it is typed."""

    back_requested = Signal()

    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.work_id: str | None = None
        self.loaded: dict[str, Any] = {}
        #: Edited fields wait here by name, sections as "section:KEY".
        self.autosave = Autosave(context, self.save_now, self)
        self._loading = False
        self._own_change = False
        self._partner_names: dict[str, str] = {}

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.back_button = QPushButton()
        self.back_button.setObjectName("backButton")
        self.back_button.clicked.connect(self._back)
        self.title_label = ThaiWrapLabel(line_height=125)
        self.title_label.setObjectName("workTitle")
        self.title_label.setStyleSheet("font-size: 15pt; font-weight: 600;")
        top.addWidget(self.back_button)
        top.addWidget(self.title_label, 1)
        layout.addLayout(top)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("workTabs")
        self.tabs.setDocumentMode(True)
        layout.addWidget(self.tabs, 1)

        # --- overview ---------------------------------------------------------
        overview = QWidget()
        form = QFormLayout(overview)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        #: The overview's widgets by field name (see OVERVIEW_ROWS).
        self.fields: dict[str, QWidget] = {
            spec.name: make_field(spec, context.language) for spec in OVERVIEW_FIELDS}
        self.period_to = QLabel()
        # The earlier-promotion row reads as a sentence: never used (empty),
        # or used in year ____ at level ____.
        self.prior_year_label, self.prior_level_label, self.prior_hint = QLabel(), QLabel(), QLabel()
        self.prior_hint.setStyleSheet("color: #4a5868;")
        inline = {("period", 1): self.period_to, ("prior", 0): self.prior_year_label,
                  ("prior", 1): self.prior_level_label}
        self.form_labels: dict[str, QLabel] = {}
        self.ethics_box = QGroupBox()
        self.ethics_box.setObjectName("ethicsBox")
        ethics_form = QFormLayout(self.ethics_box)
        for rows, target in ((OVERVIEW_ROWS, form), (ETHICS_ROWS, ethics_form)):
            for key, label, specs in rows:
                lab = QLabel()
                self.form_labels[key] = lab
                lab.setProperty("source_text", label)
                if len(specs) == 1:
                    target.addRow(lab, self.fields[specs[0].name])
                    continue
                row = QHBoxLayout()
                for n, spec in enumerate(specs):
                    if (key, n) in inline:
                        row.addWidget(inline[(key, n)])
                    row.addWidget(self.fields[spec.name], 1 if spec.kind == "enum" else 0)
                if key == "prior":
                    row.addWidget(self.prior_hint)
                target.addRow(lab, row)
        form.addRow(self.ethics_box)
        self.fields["ethics_required"].toggled.connect(self._show_ethics_details)
        for name in ("impact_summary", "impact_summary_en"):  # a few lines, not a page
            self.fields[name].setMaximumHeight(110)
        # The names the rest of the editor (and its tests) use.
        self.title_th, self.title_en = self.fields["title_th"], self.fields["title_en"]
        self.village, self.courses = self.fields["village"], self.fields["courses"]
        self.co_designed = self.fields[CO_DESIGNED.name]
        overview_scroll = QScrollArea()
        overview_scroll.setWidgetResizable(True)
        overview_scroll.setWidget(overview)

        links = QGroupBox()
        self.links_box = links
        links_layout = QVBoxLayout(links)
        self.links_label = QLabel()
        self.links_label.setObjectName("workLinks")
        self.links_label.setWordWrap(True)
        self.links_label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.links_label.linkActivated.connect(self._open_link)
        links_layout.addWidget(self.links_label)
        form.addRow(links)

        # --- sections -----------------------------------------------------------
        self.sections = SectionsPane(self)

        # --- principles -------------------------------------------------------
        principles = QWidget()
        playout = QVBoxLayout(principles)
        self.principle_edits: dict[str, QPlainTextEdit] = {}
        self.principle_labels: dict[str, QLabel] = {}
        for name, label in PRINCIPLE_FIELDS:
            lab = QLabel()
            lab.setProperty("source_text", label)
            lab.setStyleSheet("font-weight: 600;")
            edit = QPlainTextEdit()
            edit.setObjectName(f"field_{name}")
            edit.setMinimumHeight(130)
            edit.installEventFilter(self)
            self.principle_edits[name] = edit
            self.principle_labels[name] = lab
            playout.addWidget(lab)
            playout.addWidget(edit)
            if name == "problem_statement":
                playout.addWidget(self.co_designed)
        principles_scroll = QScrollArea()
        principles_scroll.setWidgetResizable(True)
        principles_scroll.setWidget(principles)

        self.tables = work_record_tables(self.context, self.partner_name)
        self.tab_keys = ["overview", "sections", "principles", "partners", "contributors", "fundings",
                         "activities", "disseminations", "frameworks"]
        self.tabs.addTab(overview_scroll, "")
        self.tabs.addTab(self.sections, "")
        self.tabs.addTab(principles_scroll, "")
        for key in self.tab_keys[3:-1]:
            self.tabs.addTab(self.tables[key], "")
        self.frameworks = FrameworksPane(context)
        self.tabs.addTab(self.frameworks, "")

        # --- autosave wiring ----------------------------------------------------
        for spec in OVERVIEW_FIELDS:
            widget = self.fields[spec.name]
            connect_changed(spec, widget, lambda immediate, n=spec.name: self.mark_dirty(n, soon=immediate))
            widget.installEventFilter(self)
            if isinstance(widget, QLineEdit):
                widget.editingFinished.connect(self.save_now)
        for name, edit in self.principle_edits.items():
            edit.textChanged.connect(lambda n=name: self.mark_dirty(n))
        context.data_changed.connect(self._on_data_changed)
        context.language_changed.connect(self._language_changed)
        self.retranslateUi()

    # --- language -----------------------------------------------------------------
    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        lang = self.context.language
        self.back_button.setText(self.tr("← All works"))
        self.period_to.setText(self.tr("to"))
        for lab in list(self.form_labels.values()) + list(self.principle_labels.values()):
            lab.setText(QCoreApplication.translate("WorkEditor", lab.property("source_text")))
        self.co_designed.setText(self.tr("The problem statement was written together with the partner"))
        self.fields["is_main_work"].setText(self.tr("Submitted as a main work for the quality level"))
        self.fields["ethics_required"].setText(
            self.tr("People were studied in this work (a research-ethics approval is needed)"))
        self.ethics_box.setTitle(self.tr("Research ethics (human subjects)"))
        self.prior_year_label.setText(self.tr("in year"))
        self.prior_level_label.setText(self.tr("at level"))
        self.prior_hint.setText(self.tr("leave empty if never used"))
        self.links_box.setTitle(self.tr("Testimonials and evidence of this work"))
        titles = [self.tr("Overview"), self.tr("Write-up"), self.tr("EnT principles"), self.tr("Partners"),
                  self.tr("Contributors"), self.tr("Funding"), self.tr("Activities"), self.tr("Dissemination"),
                  self.tr("Goals (SDGs)")]
        for n, title in enumerate(titles):
            self.tabs.setTabText(n, title)
        for spec in OVERVIEW_FIELDS:
            if spec.kind == "enum":
                relabel_field(spec, self.fields[spec.name], lang, self._value_of(spec))
        self.sections.retranslate()
        self.frameworks.retranslate()
        self._fill_links()
        self._show_title()

    def _language_changed(self, lang: str) -> None:
        self.save_now()
        for spec in OVERVIEW_FIELDS:  # Buddhist-era years, month names, place names
            relabel_field(spec, self.fields[spec.name], lang, self._value_of(spec))
        self.retranslateUi()
        for table in self.tables.values():
            table._fill()

    def _value_of(self, spec: FieldSpec) -> Any:
        if spec.kind == "area":  # one picker for several columns
            return {column: self.loaded.get(column, "") for column in AREA_COLUMNS}
        if len(columns := field_columns(spec)) > 1:  # a period's end: its date and its precision
            return {column: self.loaded.get(column) for column in columns}
        return self.loaded.get(spec.name)

    # --- loading ------------------------------------------------------------------
    def partner_name(self, partner_id: str) -> str:
        if partner_id not in self._partner_names and self.context.services is not None:
            self._partner_names = {p.id: p.name_th for p in self.context.services.partners.list()}
        return self._partner_names.get(partner_id, "")

    def load(self, work_id: str | None) -> None:
        if work_id != self.work_id:
            self.save_now()
        self.work_id = work_id
        self._partner_names = {}
        if work_id is None or self.context.services is None:
            return
        work = self.context.services.works.get(work_id)
        self._loading = True
        self.loaded = {
            "title_th": work.title_th, "title_en": work.title_en, "status": work.status,
            "start_date": work.start_date, "end_date": work.end_date,
            "start_precision": work.start_precision, "end_precision": work.end_precision,
            "province": work.province, "district": work.district, "subdistrict": work.subdistrict,
            "area_code": work.area_code, "village": work.village, "missions": list(work.missions or []),
            "courses": work.courses, "students_count": work.students_count,
            "prior_use_year": work.prior_use_year, "prior_quality_level": work.prior_quality_level,
            "problem_co_designed": work.problem_co_designed,
            **{name: getattr(work, name) for name in PLAIN_COLUMNS},
            **{name: getattr(work, name) for name, _ in PRINCIPLE_FIELDS},
        }
        self._show_title()
        for spec in OVERVIEW_FIELDS:
            set_field_value(spec, self.fields[spec.name], self._value_of(spec))
        for name, edit in self.principle_edits.items():
            if edit.toPlainText() != (getattr(work, name) or ""):
                edit.setPlainText(getattr(work, name) or "")
        self.sections.load(self.context.services.works.sections(work_id))
        for table in self.tables.values():
            table.set_parent(work_id)
        self.frameworks.load(work_id)
        self.autosave.clear()
        self._loading = False
        self._show_ethics_details()
        self._fill_links()

    def _show_ethics_details(self, _checked: bool | None = None) -> None:
        # Kept, not cleared, when unticked: ticking back gives them again.
        needed = self.fields["ethics_required"].isChecked()
        for name in ETHICS_DETAILS:
            self.fields[name].setEnabled(needed)

    def _show_title(self) -> None:
        th, en = self.loaded.get("title_th", ""), self.loaded.get("title_en", "")
        self.title_label.setText(en if self.context.language == "en" and en else th)

    def _fill_links(self) -> None:
        if self.work_id is None or self.context.services is None:
            self.links_label.setText("")
            return
        lang = self.context.language
        s = self.context.services
        parts = []
        testimonials = s.testimonials.list(work_id=self.work_id)
        for t in testimonials:
            kind = enum_label(enums.TestimonialKind, t.kind, lang)
            parts.append(f'<a href="testimonial:{t.id}">{_esc(t.person_name)}</a> — {_esc(kind)}')
        evidence_count = len(s.evidence.list(work_id=self.work_id))
        text = "<br/>".join(parts) if parts else self.tr("No testimonials yet.")
        text += "<br/>" + f'<a href="evidence:{self.work_id}">' + \
            self.tr("%n evidence file(s)", "", evidence_count) + "</a>"
        self.links_label.setText(text)

    def _open_link(self, link: str) -> None:
        kind, _, ident = link.partition(":")
        self.save_now()
        if kind == "evidence":
            self.context.navigate.emit(("page:evidence", "work", ident))
        else:
            self.context.navigate.emit((kind, ident))

    def open_section(self, key: str) -> None:
        self.tabs.setCurrentWidget(self.sections)
        self.sections.select_key(key)

    def open_tab(self, key: str) -> None:
        if key in self.tab_keys:
            self.tabs.setCurrentIndex(self.tab_keys.index(key))

    def _on_data_changed(self, kind: str, record_id: str) -> None:
        if self._own_change or self.work_id is None:
            return
        if kind == "work" and record_id == self.work_id:
            self.load(self.work_id)  # an undo or another window changed it
        elif kind in ("testimonial", "evidence"):
            self._fill_links()
        elif kind == "partner":
            self._partner_names = {}
            self.tables["partners"].reload()

    # --- saving -------------------------------------------------------------------
    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.save_now()
        return False

    def mark_dirty(self, name: str, soon: bool = False) -> None:
        if self._loading or self.work_id is None:
            return
        self.autosave.mark(name, soon)

    def mark_section_dirty(self, key: str) -> None:
        if self._loading or self.work_id is None:
            return
        self.sections.contents[key] = None  # read from the editor at save time
        self.autosave.mark(_SECTION + key)

    def has_pending(self) -> bool:
        return self.autosave.pending

    def _current_values(self, names: set[str]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for spec in OVERVIEW_FIELDS:
            if spec.name not in names:
                continue
            value = read_field_value(spec, self.fields[spec.name])
            if spec.kind == "area":
                values.update({k: v for k, v in value.items() if k in AREA_COLUMNS})
            elif len(field_columns(spec)) > 1:
                values.update(value)
            else:
                values[spec.name] = value
        for name in names & set(self.principle_edits):
            values[name] = self.principle_edits[name].toPlainText()
        return {k: v for k, v in values.items() if self.loaded.get(k) != v}

    def save_now(self) -> None:
        """Write pending edits now: one ``works.update`` for the fields, one
        ``works.set_section`` per changed section."""
        names = self.autosave.take()
        if self.work_id is None or self.context.services is None or not names:
            return
        services = self.context.services
        work_id = self.work_id
        values = self._current_values(names)
        if "title_th" in values and not values["title_th"]:
            values.pop("title_th")  # a work needs a Thai title: keep the last one until typed
            self.context.save_state.emit("failed")
            self.autosave.dirty.add("title_th")
        sections = {}
        for name in names:
            key = name[len(_SECTION):]
            if name.startswith(_SECTION) and key == self.sections.current_key:
                sections[key] = self.sections.text.html()
        if not values and not sections:
            return
        self.context.save_state.emit("saving")
        self._own_change = True
        try:
            if values:
                old = {k: self.loaded.get(k) for k in values}
                services.works.update(work_id, **values)
                self.loaded.update(values)
                self.context.undo_stack.push(FieldEditCommand(
                    self.context, "works", "work", work_id, old, values, lambda: self.tr("Edit work")))
                if "title_th" in values or "title_en" in values:
                    self._show_title()
            for key, markup in sections.items():
                old_markup = self._saved_section(key)
                services.works.set_section(work_id, key, markup)
                self.sections.contents[key] = markup
                self.context.undo_stack.push(FieldEditCommand(
                    self.context, "works", "work", work_id, {key: old_markup}, {key: markup},
                    lambda: self.tr("Edit section"),
                    apply=lambda vals, w=work_id: [services.works.set_section(w, k, v) for k, v in vals.items()]))
            self.context.notify("work", work_id)
        except Exception as exc:
            self.context.save_state.emit("failed")
            self.context.report_error(exc)
            return
        finally:
            self._own_change = False
        self.context.save_state.emit("saved")

    def _saved_section(self, key: str) -> str:
        for t, content in self.context.services.works.sections(self.work_id):
            if t.key == key:
                return content
        return ""

    def _back(self) -> None:
        self.save_now()
        self.back_requested.emit()


def _esc(text: str) -> str:
    from html import escape

    return escape(text or "")
