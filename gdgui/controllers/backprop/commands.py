"""Undo commands of the graph editor: each edit keeps the document before and after it.

A graph document is small (a 200-node graph is ~30 kB of plain data), so storing
both states is cheap and makes undo and redo restore the exact model, ids and
positions included, whatever the edit was (a drag, a σ expansion, a whole new graph).
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand


class SnapshotCommand(QUndoCommand):
    """Switches the controller between two saved documents; ``whole`` when one replaced the other
    outright (a new graph, not an edit of it): ``restore(data, whole)`` then says so both ways."""

    def __init__(self, restore, text: str, before: dict, after: dict, whole: bool = False):
        super().__init__(text)
        self._restore, self.before, self.after, self.whole = restore, before, after, whole

    def redo(self) -> None:
        self._restore(self.after, self.whole)

    def undo(self) -> None:
        self._restore(self.before, self.whole)
