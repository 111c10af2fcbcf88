"""Edit ▸ Undo / Redo: the undo stack of the tab on show (Descent: its settings; Backprop: the graph).

The keys themselves (Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y) belong to each tab, so that only the tab on show
takes them and a focused text field keeps its own Ctrl+Z; the menu names them, and acts on the same
stack as they do.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QUndoGroup, QUndoStack

__all__ = ["EditMenu"]


class EditMenu(QObject):
    """Adds the Edit menu before View; ``stacks`` are the tabs' undo stacks, in the tabs' order."""

    def __init__(self, window, stacks: list[QUndoStack]):
        super().__init__(window)
        self._stacks = stacks
        self.group = QUndoGroup(self)
        for stack in stacks:
            self.group.addStack(stack)
        self.undo_action = QAction(window)
        self.redo_action = QAction(window)
        self.menu = window.menuBar().addMenu("&Edit")
        window.menuBar().insertMenu(window.view_menu.menuAction(), self.menu)
        self.menu.addActions([self.undo_action, self.redo_action])
        self.undo_action.triggered.connect(self.group.undo)
        self.redo_action.triggered.connect(self.group.redo)
        for signal in (self.group.undoTextChanged, self.group.redoTextChanged, self.group.canUndoChanged,
                       self.group.canRedoChanged):
            signal.connect(self._update)
        window.tabs.currentChanged.connect(self._on_tab_changed)
        self._on_tab_changed(window.tabs.currentIndex())

    def _on_tab_changed(self, index: int) -> None:
        self.group.setActiveStack(self._stacks[index] if 0 <= index < len(self._stacks) else None)
        self._update()

    def _update(self) -> None:
        group = self.group
        # After a tab, the text names the key the menu shows; the tab's own shortcut acts on it.
        self.undo_action.setText(_entry("&Undo", group.undoText(), "Ctrl+Z"))
        self.redo_action.setText(_entry("&Redo", group.redoText(), "Ctrl+Shift+Z"))
        self.undo_action.setEnabled(group.canUndo())
        self.redo_action.setEnabled(group.canRedo())


def _entry(verb: str, what: str, key: str) -> str:
    return f"{verb} {what}\t{key}" if what else f"{verb}\t{key}"
