"""The readiness page: what a promotion committee would find missing, found
first.  Overall status at a glance, each work's status, the findings grouped
by severity; clicking a finding shows why it matters and how to fix it, and
"Go to fix" opens the place where it is fixed."""

from __future__ import annotations

import datetime as _dt

from ...domain.enums import Position, Route
from ..qt import (
    QCheckBox,
    QEvent,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSize,
    QSplitter,
    Qt,
    QTextBrowser,
    QTimer,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from ..thaiwrap import ThaiWrapLabel, wrap_hints
from ..widgets import readiness_badges as badges
from ..widgets.empty_state import NEW_WORK_TARGET, EmptyState

KeyRole = Qt.ItemDataRole.UserRole + 1
SEVERITIES = ("blocking", "warning", "suggestion")


def _escape(text: str) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def fix_target(finding) -> tuple:
    """Where the windows fix ``finding``: its target, with the records that
    have no page of their own (a contributor, an activity: edited inside
    their work) turned into their work's tab, and the portfolio as a whole
    into the list of works."""
    kind, ident, place = tuple(finding.target)
    if kind == "contributor" and finding.work_id:
        return ("work", finding.work_id, "contributors")
    if kind == "activity" and finding.work_id:
        return ("work", finding.work_id, "activities")
    if kind == "work" and place and str(place).startswith(("field:", "principle:")):
        column = str(place).split(":", 1)[1]
        if str(place).startswith("principle:") or column.endswith("_text") or column == "problem_statement":
            return ("work", ident, "principles")
        return ("work", ident, "overview")
    if kind == "portfolio":
        return ("works",)
    return tuple(finding.target)


def run_check(portfolio, verify_hashes: bool = False, progress=None, cancel=None):
    """The readiness check (worker thread); plain data comes back."""
    from ...services.dossier import check_readiness

    return check_readiness(portfolio, verify_hashes=verify_hashes, progress=progress, cancel=cancel)


class ReadinessView(QWidget):
    def __init__(self, context, parent=None, checker=None) -> None:
        super().__init__(parent)
        self.context = context
        self.checker = checker or run_check
        self.result = None          # the last PortfolioReadiness
        self.checked_at: _dt.datetime | None = None
        self.check_job = None
        self.stale = True
        self._findings: dict[str, object] = {}   # key -> Finding
        self._titles: dict[str, str] = {}        # work id -> title

        # Banner: the overall status.
        self.banner = QFrame()
        self.banner.setObjectName("readinessBanner")
        self.status_icon = QLabel()
        self.status_label = QLabel()
        self.status_label.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.counts_label = ThaiWrapLabel()
        self.check_button = QPushButton()
        self.check_button.clicked.connect(self.check_again)
        self.verify_box = QCheckBox()
        banner_text = QVBoxLayout()
        banner_text.setSpacing(2)
        banner_text.addWidget(self.status_label)
        banner_text.addWidget(self.counts_label)
        banner_buttons = QVBoxLayout()
        banner_buttons.addWidget(self.check_button)
        banner_buttons.addWidget(self.verify_box)
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.addWidget(self.status_icon)
        banner_layout.addLayout(banner_text, 1)
        banner_layout.addLayout(banner_buttons)

        # Left: overall + each work.
        self.scope_list = QListWidget()
        self.scope_list.setIconSize(QSize(18, 18))
        self.scope_list.setWordWrap(True)
        self.scope_list.setSpacing(2)
        self.scope_list.currentItemChanged.connect(lambda *_: self._fill_findings())
        self.scope_title = QLabel()
        self.scope_title.setStyleSheet("font-weight: bold;")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.scope_title)
        left_layout.addWidget(self.scope_list, 1)

        # Middle: the findings by severity.
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setIconSize(QSize(18, 18))
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setIndentation(14)
        self.tree.currentItemChanged.connect(lambda *_: self._show_finding())
        self.tree.itemActivated.connect(lambda item, _col: self.go_to(item))
        self.findings_title = QLabel()
        self.findings_title.setStyleSheet("font-weight: bold;")
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(self.findings_title)
        middle_layout.addWidget(self.tree, 1)

        # Right: the selected finding.
        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        self.fix_button = QPushButton()
        self.fix_button.clicked.connect(lambda: self.go_to(self.tree.currentItem()))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail, 1)
        right_layout.addWidget(self.fix_button)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(middle)
        splitter.addWidget(right)
        splitter.setSizes([290, 560, 400])
        self.findings_panes = splitter
        self.empty_state = EmptyState(lambda: self.context.navigate.emit(NEW_WORK_TARGET))
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.empty_state, 1)

        self._recheck_timer = QTimer(self)
        self._recheck_timer.setSingleShot(True)
        self._recheck_timer.setInterval(800)
        self._recheck_timer.timeout.connect(self.check_again)

        context.portfolio_changed.connect(self._portfolio_changed)
        context.data_changed.connect(self._data_changed)
        context.language_changed.connect(lambda _lang: self.retranslateUi())
        self.retranslateUi()
        self.check_again()

    @property
    def lang(self) -> str:
        return self.context.language

    # checking ----------------------------------------------------------------------
    def check_again(self):
        """Run the check in the background; returns the job (None if one runs)."""
        if self.context.portfolio is None:
            self.result = None
            self._show_result()
            return None
        if self.check_job is not None:
            self.stale = True  # re-run once the current one ends
            return None
        self.stale = False
        self.check_button.setEnabled(False)
        self.counts_label.setText(self.tr("Checking…"))
        job = self.context.jobs.start(self.checker, self.context.portfolio, self.verify_box.isChecked())
        self.check_job = job
        job.succeeded.connect(self._checked)
        job.failed.connect(self._check_failed)
        return job

    def _checked(self, result) -> None:
        self.check_job = None
        self.result = result
        self.checked_at = _dt.datetime.now()
        services = self.context.services
        self._titles = {}
        if services is not None:
            for work in services.works.list():
                self._titles[work.id] = work.title_en if self.lang == "en" and work.title_en else work.title_th
        self._show_result()
        if self.stale:
            self._recheck_timer.start()

    def _check_failed(self, exc: BaseException) -> None:
        self.check_job = None
        self.check_button.setEnabled(True)
        self.counts_label.setText(self.tr("The check could not run."))
        self.context.report_error(exc)

    def _portfolio_changed(self) -> None:
        self.result = None
        self._show_result()
        self.check_again()

    def _data_changed(self, kind: str, _record_id: str) -> None:
        # Any record can change readiness: re-check soon when shown, else on show.
        self.stale = True
        if self.isVisible():
            self._recheck_timer.start()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.stale and self.check_job is None and self.result is not None:
            self._recheck_timer.start()

    # showing -------------------------------------------------------------------------
    def _work_title(self, work) -> str:
        return self._titles.get(work.work_id) or work.title(self.lang)

    def _show_result(self) -> None:
        lang = self.lang
        result = self.result
        self.check_button.setEnabled(self.check_job is None and self.context.portfolio is not None)
        keep_scope = self.scope_list.currentItem().data(KeyRole) if self.scope_list.currentItem() else "all"
        self.scope_list.blockSignals(True)
        self.scope_list.clear()
        self._findings = {}
        nothing_yet = result is not None and not result.works
        self.findings_panes.setVisible(not nothing_yet)
        self.empty_state.setVisible(nothing_yet)
        if result is None:
            self.status_icon.clear()
            self.status_label.setText(self.tr("Readiness not checked yet"))
            self.counts_label.setText("" if self.context.portfolio is not None else self.tr("Open a portfolio first."))
            self._style_banner("not_checked")
            self.scope_list.blockSignals(False)
            self._fill_findings()
            return
        status = result.status.value
        self._style_banner(status)
        self.status_icon.setPixmap(badges.pixmap(status, 40))
        self.status_label.setText(result.status.label(lang))
        counts = result.counts
        parts = [self.tr("%n must be fixed", "", counts["blocking"]),
                 self.tr("%n should be fixed", "", counts["warning"]),
                 self.tr("%n suggestion(s)", "", counts["suggestion"])]
        try:
            position = Position(result.position).label(lang)
            route = Route(result.route).label(lang)
        except ValueError:
            position, route = result.position, result.route
        when = self.checked_at.strftime("%H:%M") if self.checked_at else ""
        self.counts_label.setText(" · ".join(parts) + "\n" + self.tr("For %1, %2 — checked at %3")
                                  .replace("%1", position).replace("%2", route).replace("%3", when))

        overall = QListWidgetItem(badges.icon(status), self.tr("Whole portfolio"))
        overall.setData(KeyRole, "all")
        self.scope_list.addItem(overall)
        if result.general:
            general = QListWidgetItem(badges.icon(_status_code(result.general)), self.tr("Profile and portfolio"))
            general.setData(KeyRole, "general")
            self.scope_list.addItem(general)
        for work in result.works:
            code = work.status.value
            text = f"{self._work_title(work)}\n{work.status.label(lang)}"
            c = work.counts
            detail = [t for n, t in ((c["blocking"], self.tr("%n must be fixed", "", c["blocking"])),
                                     (c["warning"], self.tr("%n should be fixed", "", c["warning"]))) if n]
            if detail:
                text += " — " + ", ".join(detail)
            item = QListWidgetItem(badges.icon(code), wrap_hints(text))  # display only: the id is in KeyRole
            item.setData(KeyRole, work.work_id)
            item.setToolTip(wrap_hints(self._work_title(work)))
            self.scope_list.addItem(item)
        for f in result.findings:
            self._findings[f.key] = f
        row = next((i for i in range(self.scope_list.count())
                    if self.scope_list.item(i).data(KeyRole) == keep_scope), 0)
        self.scope_list.setCurrentRow(row)
        self.scope_list.blockSignals(False)
        self._fill_findings()  # also sizes the rows of both lists

    def _style_banner(self, code: str) -> None:
        background, foreground = badges.BANNER.get(code, badges.BANNER["not_checked"])
        self.banner.setStyleSheet(
            f"QFrame#readinessBanner {{ background: {background}; border-radius: 6px; }}"
            f"QFrame#readinessBanner QLabel {{ color: {foreground}; background: transparent; }}")

    def scope(self) -> str:
        item = self.scope_list.currentItem()
        return item.data(KeyRole) if item else "all"

    def visible_findings(self) -> list:
        if self.result is None:
            return []
        scope = self.scope()
        if scope == "all":
            return list(self.result.findings)
        if scope == "general":
            return list(self.result.general)
        work = self.result.work(scope)
        return list(work.findings) if work else []

    def _fill_findings(self) -> None:
        lang = self.lang
        keep = self.tree.currentItem().data(0, KeyRole) if self.tree.currentItem() else None
        self.tree.blockSignals(True)
        self.tree.clear()
        findings = self.visible_findings()
        scope = self.scope()
        show_work = scope in ("all",)
        titles = {w.work_id: self._work_title(w) for w in self.result.works} if self.result else {}
        current = None
        from ...readiness import Severity

        for code in SEVERITIES:
            group = [f for f in findings if f.severity.value == code]
            if not group:
                continue
            header = QTreeWidgetItem([f"{Severity(code).label(lang)} ({len(group)})"])
            header.setIcon(0, badges.icon(code))
            font = header.font(0)
            font.setBold(True)
            header.setFont(0, font)
            header.setForeground(0, badges.colour(code))
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(header)
            for f in group:
                text = f.message(lang)
                if show_work and f.work_id:
                    text = f"{text}\n— {titles.get(f.work_id, '')}"
                item = QTreeWidgetItem([wrap_hints(text)])  # display only: the finding is in KeyRole
                item.setData(0, KeyRole, f.key)
                item.setToolTip(0, wrap_hints(f.fix_text(lang)))
                header.addChild(item)
                if f.key == keep:
                    current = item
            header.setExpanded(True)
        if not findings and self.result is not None:
            empty = QTreeWidgetItem([self.tr("Nothing to fix here.")])
            empty.setIcon(0, badges.icon("ready"))
            empty.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(empty)
        if current is None:
            first = self.tree.topLevelItem(0)
            current = first.child(0) if first is not None and first.childCount() else None
        self.tree.blockSignals(False)
        self._fit_rows()
        if current is not None:
            self.tree.setCurrentItem(current)
        self._show_finding()

    def _fit_rows(self) -> None:
        """Give each finding the height its wrapped text needs (a tree view
        does not measure wrapped rows reliably: long Thai lines got cut)."""
        from ..qt import QFontMetrics, QRect

        metrics = QFontMetrics(self.tree.font())  # the lists share the window's font
        width = max(self.tree.viewport().width() - 2 * self.tree.indentation() - self.tree.iconSize().width() - 24, 120)
        for i in range(self.tree.topLevelItemCount()):
            header = self.tree.topLevelItem(i)
            for j in range(header.childCount()):
                item = header.child(j)
                rect = metrics.boundingRect(QRect(0, 0, width, 100000), int(Qt.TextFlag.TextWordWrap), item.text(0))
                item.setSizeHint(0, QSize(width, rect.height() + 8))
        width = max(self.scope_list.viewport().width() - self.scope_list.iconSize().width() - 24, 120)
        for i in range(self.scope_list.count()):
            item = self.scope_list.item(i)
            rect = metrics.boundingRect(QRect(0, 0, width, 100000), int(Qt.TextFlag.TextWordWrap), item.text())
            item.setSizeHint(QSize(width, rect.height() + 8))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self._fit_rows)

    def current_finding(self):
        item = self.tree.currentItem()
        key = item.data(0, KeyRole) if item is not None else None
        return self._findings.get(key) if key else None

    def _show_finding(self) -> None:
        f = self.current_finding()
        self.fix_button.setEnabled(f is not None)
        if f is None:
            hint = self.tr("Choose a finding to see why it matters and how to fix it.")
            self.detail.setHtml(f"<p style='color:#5f6b7a'>{_escape(hint)}</p>")
            return
        lang = self.lang
        colour = badges.colour(f.severity.value).name()
        why, how = self.tr("Why a reviewer cares"), self.tr("How to fix it")
        html = [
            f"<p style='color:{colour}; font-weight:bold'>{_escape(f.severity.label(lang))}</p>",
            f"<p style='font-size:13pt; font-weight:bold'>{_escape(f.message(lang))}</p>",
            f"<h4>{_escape(why)}</h4><p>{_escape(f.why_text(lang))}</p>",
            # The rule's id (section.missing) is the program's name for it, not the lecturer's.
            f"<h4>{_escape(how)}</h4><p>{_escape(f.fix_text(lang))}</p>",
        ]
        self.detail.setHtml("".join(html))

    def go_to(self, item) -> bool:
        """Open the place where the finding of ``item`` is fixed."""
        if item is None:
            return False
        key = item.data(0, KeyRole)
        finding = self._findings.get(key) if key else None
        if finding is None:
            return False
        self.context.navigate.emit(fix_target(finding))
        return True

    def open_target(self, target: tuple) -> None:
        """("readiness", work_id) shows that work's findings."""
        ident = (tuple(target) + (None, None))[1]
        for i in range(self.scope_list.count()):
            if self.scope_list.item(i).data(KeyRole) == ident:
                self.scope_list.setCurrentRow(i)
                return

    # language ----------------------------------------------------------------------
    def retranslateUi(self) -> None:
        self.check_button.setText(self.tr("Check again"))
        self.verify_box.setText(self.tr("Also verify every file's hash (slower)"))
        self.scope_title.setText(self.tr("Works"))
        self.findings_title.setText(self.tr("What a committee would find"))
        self.fix_button.setText(self.tr("Go to fix →"))
        self.empty_state.set_texts(self.tr("Nothing to check yet. Readiness checks your works against the "
                                           "promotion rules: record your first work, then come back here."),
                                   self.tr("New work…"))
        self._show_result()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)


def _status_code(findings) -> str:
    from ...readiness.model import status_of

    return status_of(findings).value
