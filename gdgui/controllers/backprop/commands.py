"""Undo commands of the graph editor: each edit keeps the document (or, for a value edit, the values)
before and after it.

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


class ValuesCommand(QUndoCommand):
    """Switches some input values (and the seed they were drawn with), nothing else, between before and
    after: no copy of the document, no new graph, so the scene keeps every item and rewrites texts only."""

    def __init__(self, set_values, text: str, before: tuple[dict[str, float], int],
                 after: tuple[dict[str, float], int]):
        super().__init__(text)
        self._set_values, self.before, self.after = set_values, before, after

    def redo(self) -> None:
        self._set_values(self.after)

    def undo(self) -> None:
        self._set_values(self.before)
