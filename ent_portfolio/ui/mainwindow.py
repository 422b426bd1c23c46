"""The main window: a sidebar of pages, menus with the usual shortcuts, the
open portfolio shown in the status bar with the autosave state."""

from __future__ import annotations

from pathlib import Path

from ..resources import resource_path
from .common import show_error, translate
from .context import AppContext
from .language import apply_language
from .qt import (
    QAction,
    QActionGroup,
    QByteArray,
    QEvent,
    QFileDialog,
    QHBoxLayout,
    QIcon,
    QKeySequence,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressDialog,
    QSettings,
    QSize,
    QSizePolicy,
    QStackedWidget,
    Qt,
    QTime,
    QTimer,
    QToolBar,
    QVBoxLayout,
    QWidget,
    Signal,
)
from .thaiwrap import ThaiWrapLabel
from .undo import UndoRouter, retranslate_steps
from .views import PAGES, TARGET_PAGES, load_view_class, page

MAX_RECENT = 8


#: Seconds between automatic database backups while the app is open.
BACKUP_INTERVAL_S = 600


def settings() -> QSettings:
    return QSettings()


def recent_portfolios() -> list[str]:
    value = settings().value("recentPortfolios", [])
    if isinstance(value, str):
        value = [value]
    return [v for v in (value or []) if v]


def remember_portfolio(folder: Path) -> None:
    folder_s = str(Path(folder).resolve())
    items = [folder_s] + [p for p in recent_portfolios() if p != folder_s]
    settings().setValue("recentPortfolios", items[:MAX_RECENT])


def demo_folder() -> Path:
    from ..resources import user_data_dir

    return user_data_dir() / "demo"


class NoPortfolioView(QWidget):
    """What the window shows when no portfolio is open: the three ways in."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        from .qt import QPushButton

        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.title = QLabel()
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setStyleSheet("font-size: 20pt; font-weight: 600;")
        self.hint = ThaiWrapLabel()
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setMaximumWidth(720)
        self.hint.setStyleSheet("font-size: 12pt; color: #444;")
        layout.addWidget(self.title)
        layout.addSpacing(8)
        layout.addWidget(self.hint, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(16)
        row = QHBoxLayout()
        row.addStretch(1)
        self.demo_button = QPushButton()
        self.new_button = QPushButton()
        self.open_button = QPushButton()
        for button in (self.demo_button, self.new_button, self.open_button):
            button.setMinimumHeight(44)
            button.setMinimumWidth(200)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        self.demo_button.clicked.connect(window.open_demo)
        self.new_button.clicked.connect(window.new_portfolio)
        self.open_button.clicked.connect(window.choose_portfolio)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.title.setText(self.tr("Welcome to EnT Portfolio"))
        self.hint.setText(self.tr(
            "Keep the evidence of your community-engagement work as it happens, "
            "and turn it into a promotion dossier. Start with the demo portfolio to look around, "
            "or create your own."))
        self.demo_button.setText(self.tr("Open the demo portfolio"))
        self.new_button.setText(self.tr("Create a new portfolio…"))
        self.open_button.setText(self.tr("Open a portfolio folder…"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)


class MainWindow(QMainWindow):
    #: Emitted after a page's view has been created (key, widget).
    view_created = Signal(str, object)

    def __init__(self, context: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self._views: dict[str, QWidget] = {}
        self._search = None
        self.setMinimumSize(QSize(960, 600))

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(190)
        self.sidebar.setIconSize(QSize(22, 22))
        self.sidebar.setFrameShape(QListWidget.Shape.NoFrame)
        self.sidebar.setStyleSheet(
            "QListWidget#sidebar { background: #24324a; color: #e8edf5; padding-top: 8px; }"
            "QListWidget#sidebar::item { padding: 9px 12px; border-left: 4px solid transparent; }"
            "QListWidget#sidebar::item:selected { background: #34486b; color: white; border-left: 4px solid #f2a541; }"
            "QListWidget#sidebar::item:hover:!selected { background: #2d3e5c; }"
        )
        for spec in PAGES:
            item = QListWidgetItem()
            icon_file = resource_path("icons", spec.icon)
            if icon_file.exists():
                item.setIcon(QIcon(str(icon_file)))
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.sidebar.addItem(item)
        self.stack = QStackedWidget()
        self.welcome = NoPortfolioView(self)
        self.stack.addWidget(self.welcome)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._build_actions()
        self._build_menus()
        # File ▸ back up, restore, move, check; Help ▸ the guide (their own modules).
        from .dialogs.office_export import OfficeActions
        from .file_actions import FileActions
        from .guide import add_guide_action

        self.office_actions = OfficeActions(self)  # File ▸ Export as Word… / Excel…
        self.office_actions.install(self.menu_file, before=self.act_quit)
        self.file_actions = FileActions(self)
        self.file_actions.install(self.menu_file, before=self.act_quit)
        from .review.entry import ReviewEntry

        self.review_entry = ReviewEntry(self)  # File ▸ Open a package for review…, and on the start screen
        self.act_guide = add_guide_action(self)
        self._build_status_bar()
        self.sidebar.currentRowChanged.connect(self._on_sidebar_row)

        context.portfolio_changed.connect(self._on_portfolio_changed)
        context.navigate.connect(self.navigate)
        context.error.connect(self._show_error)
        context.save_state.connect(self._on_save_state)
        context.undo_stack.cleanChanged.connect(self._on_clean_changed)
        # Save when the user leaves the program (another window, the lid
        # closed, the screen locked): the laptop may sleep before the timer.
        from .qt import QApplication

        app = QApplication.instance()
        if app is not None:
            app.applicationStateChanged.connect(self._on_application_state)
        # Rotating database backups while the app is open (one on open is the core's).
        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(BACKUP_INTERVAL_S * 1000)
        self._backup_timer.timeout.connect(self.backup_in_background)
        self._backup_timer.start()
        from .start_up_work import StartUpWork

        self.start_up_work = StartUpWork(self)  # the segmenter and search index, after the first paint
        self.retranslateUi()
        self._on_portfolio_changed()

    def backup_in_background(self) -> None:
        """An automatic backup if the last is older than the interval, in a worker."""
        portfolio = self.context.portfolio
        if portfolio is None or portfolio.read_only:
            return
        from ..storage.backups import maybe_backup

        job = self.context.jobs.start(lambda progress, cancel: maybe_backup(portfolio, BACKUP_INTERVAL_S))
        job.failed.connect(self._on_backup_failed)

    def _on_backup_failed(self, exc) -> None:
        # Not modal: the lecturer keeps working; the reason stays in the status bar.
        detail = exc.message(self.context.language) if hasattr(exc, "message") else str(exc)
        self.statusBar().showMessage(self.tr("Automatic backup failed: %1").replace("%1", detail))

    def _update_undo_texts(self, _text: str = "") -> None:
        """Menu: "Undo Edit section"; toolbar: "Undo", the rest as its tooltip."""
        from .qt import isValid

        stack = self.context.undo_stack
        if not isValid(stack):  # the window outlived its context (tests)
            return
        for action, verb, what in ((self.act_undo, self.tr("Undo"), self.undo_router.undo_text()),
                                   (self.act_redo, self.tr("Redo"), self.undo_router.redo_text())):
            full = f"{verb} {what}" if what else verb
            action.setText(full)
            action.setIconText(verb)
            action.setToolTip(full)

    def _on_application_state(self, state) -> None:
        if state != Qt.ApplicationState.ApplicationActive:
            self.save_now()

    # Slots are bound methods, not lambdas: Qt disconnects them when the
    # window goes, while the context may live on.
    def _show_error(self, exc) -> None:
        show_error(self, exc, self.context.language)

    def _on_clean_changed(self, _clean: bool) -> None:
        self._update_actions()

    # --- construction ----------------------------------------------------------
    def _action(self, shortcut=None, slot=None, checkable=False) -> QAction:
        action = QAction(self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if slot is not None:
            action.triggered.connect(slot)
        action.setCheckable(checkable)
        return action

    def _build_actions(self) -> None:
        SK = QKeySequence.StandardKey
        self.act_new_portfolio = self._action(None, self.new_portfolio)
        self.act_open_portfolio = self._action(SK.Open, self.choose_portfolio)
        self.act_open_demo = self._action(None, self.open_demo)
        self.act_quit = self._action(SK.Quit, self.close)
        self.act_new_record = self._action(SK.New, lambda: self._call_view("new_record"))
        self.act_save = self._action(SK.Save, self.save_now)
        self.act_find = self._action(SK.Find, self.show_search)
        # Our own actions rather than QUndoStack.createUndoAction: its text
        # ("Undo %1") comes from Qt's catalogue, which has no Thai.
        # In a text editor with typing to take back, Undo is that editor's (UndoRouter).
        self.act_undo = self._action(SK.Undo)
        self.act_redo = self._action(SK.Redo)
        self.undo_router = UndoRouter(self.context.undo_stack, self.act_undo, self.act_redo, self)
        self.undo_router.changed.connect(self._update_undo_texts)
        self.act_about = self._action(None, self.show_about)
        self.lang_group = QActionGroup(self)
        self.act_thai = self._action(None, lambda: self.set_language("th"), checkable=True)
        self.act_english = self._action(None, lambda: self.set_language("en"), checkable=True)
        for action in (self.act_thai, self.act_english):
            self.lang_group.addAction(action)
        self.act_thai.setText("ไทย")        # each language named in itself
        self.act_english.setText("English")
        self.act_thai.setObjectName("lang_th")
        self.act_english.setObjectName("lang_en")

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.menu_file = bar.addMenu("")
        self.menu_file.addAction(self.act_new_portfolio)
        self.menu_file.addAction(self.act_open_portfolio)
        self.menu_recent = self.menu_file.addMenu("")
        self.menu_recent.aboutToShow.connect(self._fill_recent_menu)
        self.menu_file.addAction(self.act_open_demo)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        self.menu_edit = bar.addMenu("")
        for action in (self.act_new_record, self.act_save, None, self.act_undo, self.act_redo, None, self.act_find):
            if action is None:
                self.menu_edit.addSeparator()
            else:
                self.menu_edit.addAction(action)
        self.menu_view = bar.addMenu("")
        self.menu_language = self.menu_view.addMenu("")
        self.menu_language.addAction(self.act_thai)
        self.menu_language.addAction(self.act_english)
        self.menu_help = bar.addMenu("")
        self.menu_help.addAction(self.act_about)

        self.toolbar = QToolBar()
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.act_new_record, self.act_save, self.act_undo, self.act_find):
            self.toolbar.addAction(action)
        self.addToolBar(self.toolbar)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.folder_label = QLabel()
        self.folder_label.setObjectName("folderLabel")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A long folder path gives way (cut at the right), never the save state beside it.
        self.folder_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.save_label = QLabel()
        self.save_label.setObjectName("saveLabel")
        bar.addWidget(self.folder_label, 1)
        bar.addPermanentWidget(self.save_label)
        self._save_state = ""
        self._saved_at: QTime | None = None

    # --- language ----------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        if lang == self.context.language:
            return
        self.save_now()
        apply_language(lang, self.context)
        settings().setValue("language", lang)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        self.setWindowTitle(self._title())
        for row, spec in enumerate(PAGES):
            self.sidebar.item(row).setText(translate("Pages", spec.title))
        self.menu_file.setTitle(self.tr("&File"))
        self.menu_recent.setTitle(self.tr("Open &recent"))
        self.menu_edit.setTitle(self.tr("&Edit"))
        self.menu_view.setTitle(self.tr("&View"))
        self.menu_language.setTitle(self.tr("&Language"))
        self.menu_help.setTitle(self.tr("&Help"))
        self.act_new_portfolio.setText(self.tr("&New portfolio…"))
        self.act_open_portfolio.setText(self.tr("&Open portfolio…"))
        self.act_open_demo.setText(self.tr("Open the &demo portfolio"))
        self.act_quit.setText(self.tr("&Quit"))
        self.act_new_record.setText(self.tr("New record"))
        self.act_save.setText(self.tr("Save"))
        self.act_find.setText(self.tr("Search"))
        from .qt import isValid

        if isValid(self.context.undo_stack):
            retranslate_steps(self.context.undo_stack)  # steps made before a switch read in the new language
        self._update_undo_texts()
        self.act_about.setText(self.tr("&About EnT Portfolio"))
        self.act_thai.setChecked(self.context.language == "th")
        self.act_english.setChecked(self.context.language == "en")
        self._update_status()

    def _title(self) -> str:
        if self.context.portfolio is None:
            return "EnT Portfolio"
        return f"{Path(self.context.portfolio.folder).name} — EnT Portfolio"

    # --- pages -----------------------------------------------------------------
    def view(self, key: str) -> QWidget:
        """The page's view, created on first use."""
        widget = self._views.get(key)
        if widget is None:
            cls = load_view_class(page(key).class_path)
            widget = cls(self.context, self.stack)
            widget.setObjectName(f"page_{key}")
            self._views[key] = widget
            self.stack.addWidget(widget)
            self.view_created.emit(key, widget)
        return widget

    def show_page(self, key: str) -> QWidget:
        row = [spec.key for spec in PAGES].index(key)
        if self.sidebar.currentRow() != row:
            self.sidebar.setCurrentRow(row)  # → _on_sidebar_row
        elif self.context.portfolio is not None:
            self.stack.setCurrentWidget(self.view(key))
        return self._views.get(key) or self.view(key)

    def current_view(self) -> QWidget | None:
        widget = self.stack.currentWidget()
        return None if widget is self.welcome else widget

    def current_key(self) -> str | None:
        item = self.sidebar.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _on_sidebar_row(self, row: int) -> None:
        if row < 0 or self.context.portfolio is None:
            return
        previous = self.current_view()
        if previous is not None and hasattr(previous, "save_now"):
            previous.save_now()
        self.stack.setCurrentWidget(self.view(PAGES[row].key))
        self._update_actions()

    def navigate(self, target: tuple) -> None:
        if not target or self.context.portfolio is None:
            return
        target = tuple(target)
        if str(target[0]).startswith("page:"):
            # ("page:evidence", "work", id): that page, told to show ("work", id)
            key = str(target[0])[5:]
            target = target[1:]
        else:
            key = TARGET_PAGES.get(target[0])
        if key not in {spec.key for spec in PAGES}:
            return
        widget = self.show_page(key)
        if target and hasattr(widget, "open_target"):
            widget.open_target(target)
        self.raise_()

    def _call_view(self, name: str) -> None:
        widget = self.current_view()
        method = getattr(widget, name, None)
        if method is not None:
            method()

    def _update_actions(self) -> None:
        widget = self.current_view()
        has = lambda name: widget is not None and hasattr(widget, name)  # noqa: E731
        open_ = self.context.portfolio is not None
        self.act_new_record.setEnabled(open_ and has("new_record"))
        self.act_save.setEnabled(open_)
        self.act_find.setEnabled(open_)
        self.sidebar.setEnabled(open_)

    def save_now(self) -> None:
        """Flush every pending edit of every view (Ctrl+S, page switch, close)."""
        for widget in self._views.values():
            if hasattr(widget, "save_now"):
                widget.save_now()

    # --- portfolio ---------------------------------------------------------------
    def _on_portfolio_changed(self) -> None:
        open_ = self.context.portfolio is not None
        if open_:
            portfolio = self.context.portfolio
            self.start_up_work.search_index_wanted()
            if getattr(portfolio, "backup_error", None) is not None:
                self._on_backup_failed(portfolio.backup_error)
            if self.sidebar.currentRow() < 0:
                self.sidebar.setCurrentRow(0)
            else:
                self._on_sidebar_row(self.sidebar.currentRow())
        else:
            self.stack.setCurrentWidget(self.welcome)
        self.setWindowTitle(self._title())
        self._update_status()
        self._update_actions()

    def open_folder(self, folder: Path, create: bool = False) -> bool:
        """Open (or create) the portfolio in ``folder``; errors shown, never raised."""
        self.save_now()
        try:
            self.context.open_folder(Path(folder), create=create)
        except Exception as exc:  # UserError: its message; others: one line
            show_error(self, exc, self.context.language)
            return False
        remember_portfolio(Path(folder))
        return True

    def choose_portfolio(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open a portfolio folder"))
        if folder:
            self.open_folder(Path(folder))

    def new_portfolio(self) -> None:
        from .dialogs.new_portfolio import ask_for_new_portfolio

        self.save_now()
        portfolio = ask_for_new_portfolio(self.context.language, self)
        if portfolio is not None:
            self.context.set_portfolio(portfolio)
            remember_portfolio(portfolio.folder)

    def open_demo(self) -> None:
        folder = demo_folder()
        if (folder / "portfolio.sqlite3").exists():
            self.open_folder(folder)
            return
        from ..demo import create_demo_portfolio

        dialog = QProgressDialog(self.tr("Preparing the demo portfolio…"), "", 0, 0, self)
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.show()

        def build(progress, cancel):
            folder.parent.mkdir(parents=True, exist_ok=True)
            create_demo_portfolio(folder)

        job = self.context.jobs.start(build)
        job.succeeded.connect(lambda _r: (dialog.close(), self.open_folder(folder)))
        job.failed.connect(lambda exc: (dialog.close(), show_error(self, exc, self.context.language)))

    def _fill_recent_menu(self) -> None:
        self.menu_recent.clear()
        items = [p for p in recent_portfolios() if Path(p).exists()]
        for folder in items:
            action = self.menu_recent.addAction(folder)
            action.triggered.connect(lambda _=False, f=folder: self.open_folder(Path(f)))
        if not items:
            empty = self.menu_recent.addAction(self.tr("(none)"))
            empty.setEnabled(False)

    # --- status ------------------------------------------------------------------
    def _update_status(self) -> None:
        if self.context.portfolio is None:
            self.folder_label.setText(self.tr("No portfolio is open"))
        else:
            self.folder_label.setText(self.tr("Portfolio: %1").replace("%1", str(self.context.portfolio.folder)))
            self.folder_label.setToolTip(str(self.context.portfolio.folder))  # the whole path, when cut
        if self._save_state == "saving":
            self.save_label.setText(self.tr("Saving…"))
        elif self._save_state == "saved" and self._saved_at is not None:
            self.save_label.setText(self.tr("Saved %1").replace("%1", self._saved_at.toString("HH:mm")))
        elif self._save_state == "failed":
            self.save_label.setText(self.tr("Not saved"))
        else:
            self.save_label.setText("")

    def _on_save_state(self, state: str) -> None:
        if state == "pending":
            # An edit waits for its save (which may find nothing changed): the
            # last save stays shown, never a blank.
            return
        self._save_state = state
        if state == "saved":
            self._saved_at = QTime.currentTime()
        self._update_status()

    # --- dialogs -------------------------------------------------------------------
    def show_search(self) -> None:
        if self.context.portfolio is None:
            return
        from .search_panel import SearchDialog

        if self._search is None:
            self._search = SearchDialog(self.context, self)
        self._search.show()
        self._search.raise_()
        self._search.activateWindow()
        self._search.focus_query()

    def show_about(self) -> None:
        from .about import AboutDialog

        AboutDialog(self).exec()

    # --- window state --------------------------------------------------------------
    def restore_state(self) -> None:
        s = settings()
        geometry = s.value("mainWindow/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        state = s.value("mainWindow/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)

    def closeEvent(self, event) -> None:
        self.save_now()
        s = settings()
        s.setValue("mainWindow/geometry", self.saveGeometry())
        s.setValue("mainWindow/state", self.saveState())
        super().closeEvent(event)
