"""What a person sees in a window or dialog, as text, and a walker that
answers every modal dialog the app opens (so a test can open them all
without blocking): the Thai and English walks (test_thai_everywhere.py,
test_english_everywhere.py) share it."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

THAI = re.compile("[\u0e00-\u0e7f]")
LATIN_WORD = re.compile("[A-Za-z]+")
TAG = re.compile("<[^>]+>")
URL = re.compile(r"https?://\S+|\b[\w-]+\.(?:io|org|com)(?:/\S*)?")
# A folder's full path (the file dialog's history keeps earlier ones).
ABSOLUTE_PATH = re.compile(r"(?<![\w.])/[^\s”]*")
FILE_PATTERN = re.compile(r"\*\.[\w*]+|\*")
# Key names as printed on the keys ("Ctrl+Y" beside Redo in a menu).
SHORTCUT = re.compile(r"\b(?:Ctrl|Alt|Shift|Meta)\+[\w+]+")
# GPS positions as cameras and maps write them, compass letters included.
COORDINATES = re.compile(r"\d+(?:\.\d+)?° [NSEW]")


def _menu_texts(menu: QMenu) -> list[str]:
    texts = [a.text() for a in menu.actions() if a.text()]
    menu.deleteLater()
    return texts


def _items(view: QAbstractItemView) -> list[str]:
    """Every row's text at the view's root (columns included), and its tooltip."""
    model = view.model()
    if model is None:
        return []
    root = view.rootIndex() if view.rootIndex().isValid() else QModelIndex()
    out = []
    try:
        columns = model.columnCount(root)
    except TypeError:  # a list model: one column, its count not public
        columns = 1
    for row in range(min(model.rowCount(root), 200)):
        for column in range(columns):
            index = model.index(row, column, root)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str) and value:
                    out.append(value)
    return out


def _own_texts(w: QWidget) -> list[tuple[str, object]]:
    """(kind, text) of what one widget itself shows, by its type."""
    if isinstance(w, QLabel):
        return [("label", w.text())]
    if isinstance(w, QAbstractButton):
        return [("button", w.text())]
    if isinstance(w, QGroupBox):
        return [("group", w.title())]
    if isinstance(w, QTabBar):
        return [pair for i in range(w.count()) for pair in (("tab", w.tabText(i)), ("tab-tooltip", w.tabToolTip(i)))]
    if isinstance(w, QComboBox):
        return [("combo", w.itemText(i)) for i in range(w.count())]
    if isinstance(w, QHeaderView):
        if w.model() is None or w.orientation() != Qt.Orientation.Horizontal:
            return []
        return [("header", w.model().headerData(section, w.orientation()))
                for section in range(w.count()) if not w.isSectionHidden(section)]
    if isinstance(w, QAbstractItemView):
        return [("item", text) for text in _items(w)]
    return []


def _action_texts(w: QWidget) -> list[tuple[str, object, object]]:
    out: list[tuple[str, object, object]] = []
    for action in w.actions():
        out += [("action", action, action.text()), ("action-tooltip", action, action.toolTip())]
        if action.menu() is not None:
            out += [("menu", action, text) for text in _menu_texts_kept(action.menu())]
    return out


def texts_of(top: QWidget) -> list[tuple[str, str]]:
    """(where, text) of every visible text of ``top`` and its visible children:
    window titles, labels, buttons, group titles, placeholders, combo items,
    tabs, headers, list and table rows, tooltips, actions, and the context
    menus Qt gives text fields."""
    out: list[tuple[str, str]] = []

    def add(where: str, widget: QObject, text) -> None:
        if isinstance(text, str) and text.strip():
            out.append((f"{where}:{type(widget).__name__}:{widget.objectName()}", text))

    add("title", top, top.windowTitle())
    widgets = [top] + [w for w in top.findChildren(QWidget) if w.isVisibleTo(top)]
    for w in widgets:
        add("tooltip", w, w.toolTip())
        for kind, text in _own_texts(w):
            add(kind, w, text)
        if isinstance(w, (QLineEdit, QPlainTextEdit, QTextEdit)):
            add("placeholder", w, w.placeholderText())
            for text in _menu_texts(w.createStandardContextMenu()):
                add("menu", w, text)
        for kind, owner, text in _action_texts(w):
            add(kind, owner, text)
    if isinstance(top, QMessageBox):
        add("informative", top, top.informativeText())
        add("detailed", top, top.detailedText())
    return out


def _menu_texts_kept(menu: QMenu) -> list[str]:
    return [a.text() for a in menu.actions() if a.text()]


def spin_box_menu_texts(spin: QAbstractSpinBox) -> list[str]:
    """The Select All / Step up / Step down menu a spin box opens on a right click."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QContextMenuEvent

    seen: list[str] = []

    def read_and_close():
        for menu in QApplication.topLevelWidgets():
            if isinstance(menu, QMenu) and menu.isVisible():
                seen.extend(a.text() for a in menu.actions() if a.text())
                menu.close()

    QTimer.singleShot(50, read_and_close)
    QApplication.sendEvent(spin, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(2, 2), QPoint(2, 2)))
    return seen


def plain(text: str) -> str:
    """The text as read: markup, mnemonics, links and file patterns removed."""
    # Zero-width spaces are line-break hints the windows put in Thai names.
    text = TAG.sub(" ", text).replace("\u200b", "").replace("&nbsp;", " ")
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    text = ABSOLUTE_PATH.sub(" ", URL.sub(" ", text))
    text = SHORTCUT.sub(" ", COORDINATES.sub(" ", text))
    return FILE_PATTERN.sub(" ", text)


def without(text: str, known: set[str]) -> str:
    """``text`` with every known string (user data, file names, paths) cut out,
    longest first so a name is not cut through by a shorter one."""
    for item in sorted(known, key=len, reverse=True):
        if item:
            text = text.replace(item, " ")
    return text


def latin_left(texts, known: set[str], allowed: set[str]) -> list[tuple[str, str]]:
    """The (where, text) pairs that show a Latin word not in ``allowed`` once
    the ``known`` strings are cut out."""
    bad = []
    for where, text in texts:
        rest = without(plain(text), known)
        words = [w for w in LATIN_WORD.findall(rest) if w not in allowed]
        if words:
            bad.append((where, text))
    return bad


def thai_left(texts, known: set[str], allowed: set[str]) -> list[tuple[str, str]]:
    bad = []
    for where, text in texts:
        rest = without(without(plain(text), known), allowed)
        if THAI.search(rest):
            bad.append((where, text))
    return bad


class ModalWalker:
    """Answers each modal dialog as it opens: reads its texts, then lets
    ``react(dialog)`` act on it (default: close it as Cancel would).  An
    action that opens another modal dialog (a "Directory not found" box from
    a file dialog) runs after the reading returns, so the walker sees the new
    one too."""

    def __init__(self, react: Callable[[QDialog], Callable[[], None] | None] | None = None) -> None:
        self.react = react or (lambda dialog: None)
        self.seen: list[tuple[str, QDialog, list[tuple[str, str]]]] = []
        self._timer = QTimer()
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._poll)

    def __enter__(self) -> ModalWalker:
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.stop()

    def _poll(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.property("walked"):
            return
        dialog.setProperty("walked", True)
        if isinstance(dialog, QFileDialog):
            wait_for_listing(dialog)
        self.seen.append((type(dialog).__name__, dialog, texts_of(dialog)))
        action = self.react(dialog) or dialog.reject
        QTimer.singleShot(0, action)

    def kinds(self) -> list[str]:
        return [kind for kind, _dialog, _texts in self.seen]

    def texts(self) -> list[tuple[str, str]]:
        return [pair for _kind, _dialog, texts in self.seen for pair in texts]


def wait_for_listing(dialog: QFileDialog, timeout_ms: int = 3000) -> None:
    """Qt's file dialog lists its folder in a thread: wait until it has."""
    from PySide6.QtCore import QElapsedTimer
    from PySide6.QtWidgets import QFileSystemModel

    model = dialog.findChild(QFileSystemModel)
    clock = QElapsedTimer()
    clock.start()
    folder = dialog.directory().absolutePath()
    while model is not None and clock.elapsed() < timeout_ms:
        QApplication.processEvents()
        index = model.index(folder)
        if not model.canFetchMore(index) and model.rowCount(index) >= len(list(Path(folder).iterdir())):
            break
    QApplication.processEvents()
