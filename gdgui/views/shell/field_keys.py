"""The window's text fields and spin boxes hand the keys back, so a clicker's keys always act.

One application-level event filter (a focused field would otherwise swallow the keys):
- Enter applies the field (its own Enter does that) and gives the focus back to the tab's map
  or graph, where R, N, Space, B and "." act; a field whose text was refused keeps the focus
  (a line edit still marked modified: its view clears the mark when the text is applied);
- Escape shows the model's value again (a spin box its value, a line edit the text its view
  last set) and gives the focus back; the window's Escape (full screen, projector mode) acts
  only from outside a field;
- Space is never typed into a spin box (no number holds one): on the Descent tab it plays and pauses;
- a slide or a session loaded while a field has the focus: the field shows what it loaded;
- Tab into a line edit puts the cursor at the end instead of selecting the text, so a Space
  pressed next does not replace a formula;
- a ``ProgramEdit`` (the Backprop formula, which grows to several lines) is a line edit to these
  rules, but for a program being typed, where Enter starts a new line: Ctrl+Enter applies it
  and gives the focus back, as Enter does a formula.
Page Up / Down, F5, F11 and F1 are no field's keys: the window's shortcuts get them anyway.
Editors inside a list, table or graph view (the inputs table, a node's in-place editor) keep
their own Enter and Escape.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt
from PySide6.QtWidgets import QAbstractItemView, QAbstractSpinBox, QApplication, QGraphicsView, QLineEdit, QWidget

from gdgui.views.widgets.program_edit import ProgramEdit

__all__ = ["FieldKeys"]

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_TYPES = (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress, QEvent.Type.FocusIn)
_TAB_REASONS = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)
_PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
_CONTROL = Qt.KeyboardModifier.ControlModifier
_TEXT = (QLineEdit, ProgramEdit)  # fields of text: Enter applies unless refused, Escape undoes the typing
_WATCHED = (*_TEXT, QAbstractSpinBox)  # the widgets whose events may be a field's


class FieldKeys(QObject):
    """Watches every field of ``window``; ``homes`` maps each tab to the widget that takes the keys back."""

    def __init__(self, window: QWidget, homes: dict[QWidget, QWidget]):
        super().__init__(window)
        self._window, self._homes = window, homes
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # Every event of the application passes here: the class first, as reading an event's type
        # costs Python an enum each time (a spin box's keys reach its own line edit, a QLineEdit).
        if not isinstance(watched, _WATCHED) or event.type() not in _TYPES or watched.window() is not self._window:
            return False
        field = _field(watched)
        if field is None:
            return False
        if event.type() == QEvent.Type.FocusIn:
            return _focus_in(field, event)
        if _control_enter(field, event):  # a program is applied as a formula is by Enter
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()  # the field's key, no window shortcut's
                return True
            return self._applied(field, event)
        if event.modifiers() not in _PLAIN:
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            return _override(field, event)
        return self._key_pressed(field, event)

    def _key_pressed(self, field: QWidget, event) -> bool:
        key = event.key()
        if key == Qt.Key.Key_Space and isinstance(field, QAbstractSpinBox):
            return True  # a tab without a Space key of its own (Backprop): still no space in a number
        if key not in (*_ENTER, Qt.Key.Key_Escape) or _embedded(field):
            return False
        if key == Qt.Key.Key_Escape:
            revert(field)
        elif isinstance(field, ProgramEdit) and field.newline_on_enter():
            return False  # a new line of the program
        else:
            return self._applied(field, event)
        self.give_back(field)
        return True

    def _applied(self, field: QWidget, event) -> bool:
        field.event(event)  # the field applies its text as its own Enter does
        if not (isinstance(field, _TEXT) and field.isModified()):  # refused: the text stays to be mended
            self.give_back(field)
        return True

    def revert_focused(self) -> None:
        """A slide or a session came: the field being typed in shows what it loaded, not the typing."""
        field = _field(QApplication.focusWidget())
        if field is not None and field.window() is self._window and not _embedded(field):
            revert(field)

    def give_back(self, field: QWidget) -> None:
        """The focus to the map or the graph of the tab holding ``field``."""
        for tab, home in self._homes.items():
            if tab.isAncestorOf(field):
                home.setFocus(Qt.FocusReason.OtherFocusReason)


def revert(field: QWidget) -> None:
    """Show the model's value again: a spin box's value (its text is only committed on Enter),
    a line edit's text as its view last set it (setText clears the undo history)."""
    if isinstance(field, QAbstractSpinBox):
        with QSignalBlocker(field):
            field.setValue(field.value())
    else:
        while field.isUndoAvailable():
            field.undo()
        field.setModified(False)


def _field(widget: QWidget | None) -> QWidget | None:
    """The line edit or spin box ``widget`` is (a spin box's own line edit counts as the spin box)."""
    if isinstance(widget, QLineEdit) and isinstance(widget.parentWidget(), QAbstractSpinBox):
        widget = widget.parentWidget()
    return widget if isinstance(widget, (*_TEXT, QAbstractSpinBox)) else None


def _control_enter(field: QWidget, event) -> bool:
    return isinstance(field, ProgramEdit) and event.type() != QEvent.Type.FocusIn \
        and event.key() in _ENTER and event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier == _CONTROL


def _embedded(field: QWidget) -> bool:
    parent = field.parentWidget()
    while parent is not None:
        if isinstance(parent, (QAbstractItemView, QGraphicsView)):
            return True
        parent = parent.parentWidget()
    return False


def _override(field: QWidget, event) -> bool:
    """Escape stays with the field (the window's Escape would leave full screen); Space goes
    past a spin box to the window's play / pause."""
    if event.key() == Qt.Key.Key_Escape:
        event.accept()
        return True
    if event.key() == Qt.Key.Key_Space and isinstance(field, QAbstractSpinBox):
        event.ignore()
        return True
    return False


def _focus_in(field: QWidget, event) -> bool:
    if not isinstance(field, _TEXT) or event.reason() not in _TAB_REASONS or _embedded(field):
        return False
    field.event(event)
    field.deselect()
    field.end(False)
    return True
