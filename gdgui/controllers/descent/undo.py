"""Undo and redo of the Descent tab's settings: each change is a snapshot of ``DescentSettings``.

``DescentSettings`` is one small frozen value, so a command keeps the settings before and after a
change, and undo adopts them again exactly as a setter would (the views follow ``settings_changed``).
Consecutive changes of the same number (γ by its arrows or slider, a start coordinate, a domain
edge, one hyper-parameter…) merge into one step, until the run takes a step (``seal``): a value
tried out on the map is a step of its own. A choice (function, formula, optimizers), a new random
start or a session's settings is always a step of its own.
"""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand, QUndoStack

from gdgui.core.descent.settings import DescentSettings

__all__ = ["SettingsHistory", "SettingsCommand", "FIELDS", "FIELD_WORDS"]

FIELDS = frozenset(f.name for f in fields(DescentSettings))
# What an Undo / Redo menu entry says it changes back.
FIELD_WORDS = {"function": "function", "expression": "formula", "domain": "domain", "optimizers": "optimizers",
               "hyper": "hyper-parameter", "lr": "γ", "start": "start", "seed": "seed",
               "particles": "particles", "speed": "speed", "max_steps": "max steps", "tol": "tolerance",
               "dataset": "data set"}
# Numbers a user nudges (arrows, wheel, slider, typing): consecutive changes of one merge.
_MERGING = {"domain", "hyper", "lr", "start", "seed", "particles", "speed", "max_steps", "tol"}


def changed_fields(before: DescentSettings, after: DescentSettings) -> tuple[str, ...]:
    """The names of the settings that differ, in the order DescentSettings lists them."""
    return tuple(f.name for f in fields(DescentSettings) if getattr(before, f.name) != getattr(after, f.name))


def merge_key(before: DescentSettings, after: DescentSettings) -> tuple | None:
    """What a change edits, when it may merge with the next change of the same thing; None if never.

    A hyper-parameter's key names the optimizer and the parameter, so β₁ then β₂ are two steps."""
    changed = changed_fields(before, after)
    if len(changed) != 1 or changed[0] not in _MERGING:
        return None
    if changed == ("hyper",):
        edited = sorted((name, key) for name in set(before.hyper) | set(after.hyper)
                        for key, value in before.hyperparameters(name).items()
                        if after.hyperparameters(name)[key] != value)
        return ("hyper", *edited)
    return changed


class SettingsCommand(QUndoCommand):
    """Switches the controller between the settings before and after one change (or a run of merged ones)."""

    def __init__(self, restore, before: DescentSettings, after: DescentSettings, merge_id: int, epoch: int):
        super().__init__(", ".join(FIELD_WORDS[name] for name in changed_fields(before, after)))
        self._restore, self.before, self.after = restore, before, after
        self._merge_id, self._epoch = merge_id, epoch
        self._pushed = False  # the first redo is the push's: the change is adopted already

    def id(self) -> int:  # noqa: A003 - QUndoCommand's name
        return self._merge_id

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        if not isinstance(other, SettingsCommand) or other._epoch != self._epoch:
            return False
        self.after = other.after
        self.setObsolete(self.after == self.before)  # typed back to where it was: no step at all
        return True

    def redo(self) -> None:
        if self._pushed:
            self._restore(self.after)
        self._pushed = True

    def undo(self) -> None:
        self._restore(self.before)


class SettingsHistory(QObject):
    """The Descent tab's undo stack; ``record`` is told of every adopted change.

    ``adopt(settings)`` must apply ``settings`` as a setter does; changes it makes while undoing or
    redoing are not recorded again."""

    def __init__(self, adopt, parent: QObject | None = None):
        super().__init__(parent)
        self.stack = QUndoStack(self)
        self._adopt = adopt
        self._restoring = False
        self._epoch = 0
        self._merge_ids: dict[tuple, int] = {}

    def record(self, before: DescentSettings, after: DescentSettings) -> None:
        if self._restoring or before == after:
            return
        key = merge_key(before, after)
        merge_id = -1 if key is None else self._merge_ids.setdefault(key, len(self._merge_ids) + 1)
        self.stack.push(SettingsCommand(self._restore, before, after, merge_id, self._epoch))

    def seal(self) -> None:
        """The next change starts a step of its own, whatever it changes."""
        self._epoch += 1

    def _restore(self, settings: DescentSettings) -> None:
        self._restoring = True
        try:
            self._adopt(settings)
        finally:
            self._restoring = False
        self.seal()
