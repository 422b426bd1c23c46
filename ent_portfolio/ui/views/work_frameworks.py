"""The work editor's SDGs tab: the goals of each framework with their
targets beneath, ticked where the work serves them.

A tick is saved at once (one service call), and is one undo step. A goal
and its targets are ticked independently: the lecturer may claim a goal
without naming targets, or a target alone, and what they tick is what is
stored."""

from __future__ import annotations

from ...domain.frameworks import Framework, FrameworkItem, frameworks
from ...services.frameworks import set_work_frameworks, work_frameworks
from ..qt import (
    QAbstractItemView,
    QComboBox,
    QFont,
    QHBoxLayout,
    QLabel,
    QPushButton,
    Qt,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from ..thaiwrap import ThaiWrapLabel
from ..undo import DescribedCommand, StepText

# The data role an item keeps its framework code in.
CODE_ROLE = Qt.ItemDataRole.UserRole + 1


class FrameworkTicksCommand(DescribedCommand):
    """The ticks of one framework on one work changed from ``old`` to ``new``.

    Pushed after the save, so the first redo does nothing; each tick is a
    step of its own (ticking five targets is undone one by one)."""

    def __init__(self, context, work_id: str, framework_id: str, old: list[str], new: list[str],
                 text: StepText) -> None:
        super().__init__(text)
        self.context, self.work_id, self.framework_id = context, work_id, framework_id
        self.old, self.new = list(old), list(new)
        self._first = True

    def _apply(self, codes: list[str]) -> None:
        set_work_frameworks(self.context.services.portfolio, self.work_id, self.framework_id, codes)
        self.context.notify("work_framework", self.work_id)

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)


class FrameworksPane(QWidget):
    """The checkable tree of one framework (a chooser when there are several)."""

    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.work_id: str | None = None
        # The stored ticks of the work, by framework id.
        self.ticked: dict[str, list[str]] = {}
        self._filling = False
        self._own_change = False
        self._nodes: dict[str, QTreeWidgetItem] = {}
        self._built_for: str | None = None

        layout = QVBoxLayout(self)
        self.intro = ThaiWrapLabel()
        self.intro.setObjectName("frameworksIntro")
        layout.addWidget(self.intro)
        chooser_row = QHBoxLayout()
        self.chooser_label = QLabel()
        self.chooser = QComboBox()
        self.chooser.setObjectName("frameworkChooser")
        for framework_id in frameworks():
            self.chooser.addItem("", framework_id)
        self.chooser.currentIndexChanged.connect(self._fill_tree)
        self.expand_button = QPushButton()
        self.expand_button.setObjectName("frameworksExpand")
        self.expand_button.clicked.connect(self._expand_or_collapse)
        chooser_row.addWidget(self.chooser_label)
        chooser_row.addWidget(self.chooser, 1)
        chooser_row.addStretch(0)
        chooser_row.addWidget(self.expand_button)
        layout.addLayout(chooser_row)
        # One framework (the usual case): no chooser to puzzle over.
        self.chooser_label.setVisible(self.chooser.count() > 1)
        self.chooser.setVisible(self.chooser.count() > 1)

        self.tree = QTreeWidget()
        self.tree.setObjectName("frameworkTree")
        self.tree.setHeaderHidden(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.itemChanged.connect(self._item_changed)
        layout.addWidget(self.tree, 1)
        self.summary = ThaiWrapLabel()
        self.summary.setObjectName("frameworksSummary")
        self.summary.setStyleSheet("color: #33414f;")
        layout.addWidget(self.summary)
        context.data_changed.connect(self._on_data_changed)
        self.retranslate()

    # --- what is shown -------------------------------------------------------------
    def framework(self) -> Framework | None:
        framework_id = self.chooser.currentData()
        return frameworks().get(framework_id) if framework_id else None

    def _label(self, item: FrameworkItem) -> str:
        return f"{item.code}  {item.name(self.context.language)}"

    def retranslate(self) -> None:
        lang = self.context.language
        self.intro.setText(self.tr(
            "Tick the goals this work serves, and the targets where you want to be precise. "
            "A target does not tick its goal: what you tick is what the dossier and the faculty report show."))
        self.chooser_label.setText(self.tr("Framework"))
        for index in range(self.chooser.count()):
            known = frameworks()[self.chooser.itemData(index)]
            self.chooser.setItemText(index, known.name_th if lang == "th" else known.name_en)
        self._fill_tree()

    def _fill_tree(self) -> None:
        """Show the chosen framework with the work's ticks, in the language in use.

        The items are made once per framework and then only relabelled and
        re-ticked: a language switch or the next work costs no rebuilding."""
        chosen = self.framework()
        self._filling = True
        try:
            if chosen is None:
                self.tree.clear()
                self._nodes, self._built_for = {}, None
                return
            if chosen.id != self._built_for:
                self._build(chosen)
            ticked = set(self.ticked.get(chosen.id, []))
            for item in chosen.items:
                node = self._nodes[item.code]
                label = self._label(item)
                if node.text(0) != label:
                    node.setText(0, label)
                    node.setToolTip(0, label)
                node.setCheckState(0, Qt.CheckState.Checked if item.code in ticked else Qt.CheckState.Unchecked)
            for goal in chosen.goals():  # open where something below is ticked
                if any(code in ticked for code in _below(chosen, goal.code)):
                    self._nodes[goal.code].setExpanded(True)
        finally:
            self._filling = False
        self._show_summary()
        self._label_expand_button()

    def _build(self, chosen: Framework) -> None:
        self.tree.clear()
        self._nodes = {}
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for item in chosen.items:
            node = QTreeWidgetItem()
            node.setData(0, CODE_ROLE, item.code)
            node.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            if item.parent is None:
                node.setFont(0, bold)
                self.tree.addTopLevelItem(node)
            elif item.parent in self._nodes:
                self._nodes[item.parent].addChild(node)
            self._nodes[item.code] = node
        for item in chosen.items:  # children whose parent came after them in the file
            node = self._nodes[item.code]
            if item.parent is not None and node.parent() is None:
                self._nodes[item.parent].addChild(node)
        self._built_for = chosen.id

    def _show_summary(self) -> None:
        chosen = self.framework()
        codes = self.ticked.get(chosen.id, []) if chosen else []
        if not codes:
            self.summary.setText(self.tr("Nothing ticked yet."))
            return
        line = chosen.summary(codes, self.context.language)
        self.summary.setText(self.tr("This work serves: %1").replace("%1", line))

    def _expand_or_collapse(self) -> None:
        if self._any_expanded():
            self.tree.collapseAll()
        else:
            self.tree.expandAll()
        self._label_expand_button()

    def _any_expanded(self) -> bool:
        return any(self.tree.topLevelItem(n).isExpanded() for n in range(self.tree.topLevelItemCount()))

    def _label_expand_button(self) -> None:
        self.expand_button.setText(self.tr("Close all") if self._any_expanded() else self.tr("Show all targets"))

    # --- loading and saving ---------------------------------------------------------
    def load(self, work_id: str | None) -> None:
        self.work_id = work_id
        if work_id is None or self.context.services is None:
            self.ticked = {}
        else:
            self.ticked = work_frameworks(self.context.services.portfolio, work_id)
        self._fill_tree()

    def ticked_in_tree(self) -> list[str]:
        """The ticked codes, in the framework's order."""
        return [code for code, node in self._nodes.items() if node.checkState(0) == Qt.CheckState.Checked]

    def _item_changed(self, _item: QTreeWidgetItem, _column: int) -> None:
        if self._filling or self.work_id is None or self.context.services is None:
            return
        chosen = self.framework()
        if chosen is None:
            return
        old = list(self.ticked.get(chosen.id, []))
        # Codes this app's framework file lacks (an archive from a newer one
        # brought them) have no box to untick: they stay.
        new = self.ticked_in_tree() + chosen.unknown_codes(old)
        if new == old:
            return
        work_id = self.work_id
        self._own_change = True
        try:
            stored = set_work_frameworks(self.context.services.portfolio, work_id, chosen.id, new)
        except Exception as exc:
            self.context.report_error(exc)
            self.load(work_id)  # show what is stored, not what failed
            return
        finally:
            self._own_change = False
        self.ticked[chosen.id] = stored
        self.context.undo_stack.push(FrameworkTicksCommand(
            self.context, work_id, chosen.id, old, stored, lambda: self.tr("Tick goals and targets")))
        self._own_change = True
        try:
            self.context.notify("work_framework", work_id)
        finally:
            self._own_change = False
        self._show_summary()

    def _on_data_changed(self, kind: str, record_id: str) -> None:
        if self._own_change or self.work_id is None:
            return
        if kind == "work_framework" and record_id == self.work_id:
            self.load(self.work_id)  # an undo, a redo or another window


def _below(chosen: Framework, code: str) -> list[str]:
    found: list[str] = []
    for child in chosen.targets_of(code):
        found.append(child.code)
        found.extend(_below(chosen, child.code))
    return found
