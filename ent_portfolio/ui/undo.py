"""Undo for what the windows change: field edits and deletes of records that
can be re-created, every command one service call each way; and which undo
Edit ▸ Undo means — the typing in the text editor being typed in, or the
last record step."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..domain.fields import PROTECTED
from .qt import (
    QApplication,
    QCoreApplication,
    QLineEdit,
    QObject,
    QPlainTextEdit,
    QTextEdit,
    QTimer,
    QUndoCommand,
    Signal,
    isValid,
)

_MERGE_ID = 7301


def snapshot(record) -> dict[str, Any]:
    """The columns of ``record`` a person could set (no id or timestamps)."""
    return {c.key: getattr(record, c.key) for c in type(record).__table__.columns if c.key not in PROTECTED}


#: What an undo step is called: a text, or a function giving it in the
#: interface's language now (a step made in Thai reads in English after a switch).
StepText = str | Callable[[], str]


class DescribedCommand(QUndoCommand):
    """An undo step whose name follows the interface's language."""

    def __init__(self, text: StepText) -> None:
        super().__init__(text() if callable(text) else text)
        self._text_of = text if callable(text) else None

    def retranslate(self) -> None:
        if self._text_of is not None:
            try:
                self.setText(self._text_of())
            except RuntimeError:  # the widget that named it is gone: keep the name it had
                self._text_of = None


def retranslate_steps(stack) -> None:
    """Name every step on ``stack`` again, in the language now in use."""
    for index in range(stack.count()):
        command = stack.command(index)
        if isinstance(command, DescribedCommand):
            command.retranslate()


class FieldEditCommand(DescribedCommand):
    """Fields of one record changed from ``old`` to ``new``.  Pushed *after*
    the save happened, so the first redo does nothing.  Consecutive edits of
    the same fields of the same record merge into one step."""

    def __init__(self, context, service: str, kind: str, record_id: str,
                 old: dict[str, Any], new: dict[str, Any], text: StepText,
                 apply: Callable[[dict[str, Any]], None] | None = None) -> None:
        super().__init__(text)
        self.context, self.service, self.kind, self.record_id = context, service, kind, record_id
        self.old, self.new = dict(old), dict(new)
        self.apply_fn = apply
        self._first = True

    def id(self) -> int:  # noqa: A003 - Qt's name
        return _MERGE_ID

    def mergeWith(self, other) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, FieldEditCommand):
            return False
        if (other.service, other.record_id) != (self.service, self.record_id) or set(other.new) != set(self.new):
            return False
        self.new = dict(other.new)
        return True

    def _apply(self, values: dict[str, Any]) -> None:
        if self.apply_fn is not None:
            self.apply_fn(values)
        else:
            getattr(self.context.services, self.service).update(self.record_id, **values)
        self.context.notify(self.kind, self.record_id)

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)


class CreateCommand(DescribedCommand):
    """Undo of an add: delete it again; redo re-creates it."""

    def __init__(self, context, service: str, kind: str, record, text: StepText) -> None:
        super().__init__(text)
        self.context, self.service, self.kind = context, service, kind
        self.record_id = record.id
        self.created_at = record.created_at
        self.fields = snapshot(record)
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        # Same id as before the undo, so later steps that name it still work.
        getattr(self.context.services, self.service).restore(
            self.record_id, created_at=self.created_at, **self.fields)
        self.context.notify(self.kind, self.record_id)

    def undo(self) -> None:
        getattr(self.context.services, self.service).delete(self.record_id)
        self.context.notify(self.kind, self.record_id)


class DeleteCommand(DescribedCommand):
    """Delete a record; undo puts it back under its own id (links that other
    records had to it were cleared by the delete and are not restored).
    ``children`` are (service name, field pointing to the parent, snapshots)
    re-created too."""

    def __init__(self, context, service: str, kind: str, record, text: StepText,
                 children: list[tuple[str, str, list[dict[str, Any]]]] | None = None) -> None:
        super().__init__(text)
        self.context, self.service, self.kind = context, service, kind
        self.record_id = record.id
        self.created_at = getattr(record, "created_at", None)
        self.fields = snapshot(record)
        self.children = children or []
        self._skip = False

    def perform(self) -> None:
        getattr(self.context.services, self.service).delete(self.record_id)
        self.context.notify(self.kind, self.record_id)

    def redo(self) -> None:
        if self._skip:  # already done by push_delete
            self._skip = False
            return
        getattr(self.context.services, self.service).delete(self.record_id)
        self.context.notify(self.kind, self.record_id)

    def undo(self) -> None:
        created = getattr(self.context.services, self.service).restore(
            self.record_id, created_at=self.created_at, **self.fields)
        for service, parent_field, rows in self.children:
            for row in rows:
                getattr(self.context.services, service).create(**{**row, parent_field: created.id})
        self.context.notify(self.kind, self.record_id)


def push_delete(context, service: str, kind: str, record, text: StepText, children=None) -> bool:
    """Delete through the undo stack; errors (e.g. a partner still in use) are
    shown and nothing is pushed.  Returns whether the record was deleted."""
    command = DeleteCommand(context, service, kind, record, text, children)
    try:
        command.perform()
    except Exception as exc:
        context.report_error(exc)
        return False
    command._skip = True
    context.undo_stack.push(command)
    return True


def push_edit(context, service: str, kind: str, record_id: str, old: dict, new: dict, text: StepText) -> None:
    """Record a saved edit on the undo stack (Edit ▸ Undo restores ``old``)."""
    context.undo_stack.push(FieldEditCommand(context, service, kind, record_id, old, new, text))


def push_delete_by_id(context, service: str, kind: str, record_id: str, text: StepText, children=None) -> bool:
    """:func:`push_delete` for a record known by its id."""
    try:
        record = getattr(context.services, service).get(record_id)
    except Exception as exc:  # e.g. deleted meanwhile in another window
        context.report_error(exc)
        return False
    return push_delete(context, service, kind, record, text, children)


#: A pause in typing this long ends one typing step: the next Ctrl+Z takes
#: back what was typed since, not the whole paragraph (Qt otherwise merges
#: every character typed without moving the cursor into one step).
TYPING_PAUSE_MS = 1000


def _typing_widget(widget):
    """``widget`` if it is an editable text editor, which keeps its own typing
    history, else ``None``."""
    if isinstance(widget, (QTextEdit, QPlainTextEdit, QLineEdit)) and not widget.isReadOnly():
        return widget
    return None


def _can(editor, redo: bool) -> bool:
    if isinstance(editor, QLineEdit):
        return editor.isRedoAvailable() if redo else editor.isUndoAvailable()
    document = editor.document()
    return document.isRedoAvailable() if redo else document.isUndoAvailable()


class UndoRouter(QObject):
    """Edit ▸ Undo and Redo, their shortcuts and the toolbar button: in a text
    editor that has focus and typing to take back, one typing step there (the
    editor stays where it is, nothing else changes); anywhere else, one step
    of the record undo stack.  Without this the record step — a whole
    section's text since it was opened, saved as one edit — went at once.

    ``changed`` is emitted when what Undo or Redo would do changes (the
    window relabels its actions)."""

    changed = Signal()

    def __init__(self, stack, undo_action, redo_action, parent=None) -> None:
        super().__init__(parent)
        self.stack, self.undo_action, self.redo_action = stack, undo_action, redo_action
        self.editor = None           # the focused text editor, if any
        self._pause = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._pause.timeout.connect(self._end_typing_step)
        undo_action.triggered.connect(self.undo)
        redo_action.triggered.connect(self.redo)
        for signal in (stack.canUndoChanged, stack.canRedoChanged, stack.undoTextChanged, stack.redoTextChanged):
            signal.connect(self._update)
        app = QApplication.instance()
        if app is not None:
            app.focusChanged.connect(self._focus_changed)
            self._focus_changed(None, app.focusWidget())
        self._update()

    # --- what Undo means now ----------------------------------------------------------
    def typing_editor(self, redo: bool = False):
        """The focused text editor if it can take the step itself."""
        editor = self.editor
        if editor is not None and isValid(editor) and editor.hasFocus() and _can(editor, redo):
            return editor
        return None

    def undo(self) -> None:
        editor = self.typing_editor()
        if editor is not None:
            self._end_typing_step()  # what is typed after this is a step of its own
            editor.undo()
        elif isValid(self.stack):
            self.stack.undo()

    def redo(self) -> None:
        editor = self.typing_editor(redo=True)
        if editor is not None:
            editor.redo()
        elif isValid(self.stack):
            self.stack.redo()

    def undo_text(self) -> str:
        """What Undo would take back: "typing", or the record step's name."""
        if self.typing_editor() is not None:
            return QCoreApplication.translate("UndoRouter", "typing")
        return self.stack.undoText() if isValid(self.stack) else ""

    def redo_text(self) -> str:
        if self.typing_editor(redo=True) is not None:
            return QCoreApplication.translate("UndoRouter", "typing")
        return self.stack.redoText() if isValid(self.stack) else ""

    # --- following the focus ----------------------------------------------------------
    def _focus_changed(self, _old, new) -> None:
        self._end_typing_step()
        if self.editor is not None and isValid(self.editor):
            try:
                self.editor.textChanged.disconnect(self._edited)
            except (RuntimeError, TypeError):  # not connected any more
                pass
        self.editor = _typing_widget(new)
        if self.editor is not None:
            self.editor.textChanged.connect(self._edited)
        self._update()

    def _edited(self, *_args) -> None:
        self._pause.start()
        self._update()

    def _end_typing_step(self) -> None:
        """The document counts as unmodified from here, and Qt merges typing
        only into a step made since the last such point."""
        self._pause.stop()
        editor = self.editor
        if editor is not None and isValid(editor) and not isinstance(editor, QLineEdit):
            editor.document().setModified(False)

    def _update(self, *_args) -> None:
        if not (isValid(self.undo_action) and isValid(self.redo_action)):
            return
        stack_alive = isValid(self.stack)
        self.undo_action.setEnabled(self.typing_editor() is not None or (stack_alive and self.stack.canUndo()))
        self.redo_action.setEnabled(self.typing_editor(redo=True) is not None
                                    or (stack_alive and self.stack.canRedo()))
        self.changed.emit()
