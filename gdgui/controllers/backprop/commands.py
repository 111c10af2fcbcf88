"""Undo commands of the graph editor: each edit keeps the document before and after it.

A graph document is small (a 200-node graph is ~30 kB of plain data), so storing
both states is cheap and makes undo and redo restore the exact model, ids and
positions included, whatever the edit was (a drag, a σ expansion, a whole new graph).
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand


class SnapshotCommand(QUndoCommand):
    """Switches the controller between two saved documents."""

    def __init__(self, restore, text: str, before: dict, after: dict):
        super().__init__(text)
        self._restore, self.before, self.after = restore, before, after

    def redo(self) -> None:
        self._restore(self.after)

    def undo(self) -> None:
        self._restore(self.before)
