"""The optimizers of one rule in a run, stepped as one (``RuleGroup``): their particles' state in one set
of buffers, the class's own ``_update`` once a step for all of them — the same numbers as each optimizer
stepped alone, which is itself a group of one (``Optimizer.step``).
"""

from __future__ import annotations

from typing import ClassVar, Protocol

import numpy as np

from gdgui.core.descent.stepping.pairs import put_rows, take_rows

__all__ = ["Configured", "RuleGroup", "rule_groups", "Member"]


class Member(Protocol):
    """What a group reads of its optimizers (``optimizers.Optimizer``, which imports this module)."""

    STATE: ClassVar[tuple[str, ...]]

    def _update(self, g, t, state: dict, hp: dict): ...

    def hyperparameters(self) -> dict: ...


class Configured:
    """Counts every ``configure`` of any optimizer: a RuleGroup reads its members' values again when it moved."""

    count: ClassVar[int] = 0


class RuleGroup:
    """The optimizers of one rule (one class) in a run, stepped as one: their particles' state in
    one set of buffers, the hyper-parameters as columns (or floats when all of them share one), and
    the class's own ``_update`` called once per step — the same arithmetic, number for number, as
    each optimizer's ``step``, without its per-call checks. ``members`` are (optimizer, block) pairs,
    a block the slice of the run's particles that optimizer moves; the caller sets NumPy's errstate.
    """

    def __init__(self, members: list[tuple[Member, slice]]):
        self.rule = type(members[0][0])
        self._update = members[0][0]._update  # the rule, as each member runs it alone
        self._optimizers = [optimizer for optimizer, _ in members]
        blocks = [block for _, block in members]
        contiguous = all(a.stop == b.start for a, b in zip(blocks, blocks[1:]))
        self.rows = slice(blocks[0].start, blocks[-1].stop) if contiguous else np.concatenate(
            [np.arange(block.start, block.stop) for block in blocks])
        self._sizes = [block.stop - block.start for block in blocks]
        self.size = n = sum(self._sizes)
        self._t = np.zeros((n, 1), dtype=np.int64)
        self._one = np.ones((n, 1), dtype=np.int64)
        self._state = {key: np.zeros((n, 2)) for key in self.rule.STATE}
        self._seen = -1  # Configured.count when the hyper-parameters were last read
        self._floats: tuple | None = None  # (t, state of x, state of y) while ``step_floats`` steps it

    def _read_hyperparameters(self) -> None:
        """The members' values afresh (after a ``configure``: Configured.count moved)."""
        self._seen, self._hp = Configured.count, self._columns()
        self._single = self.size == 1 and all(isinstance(value, float) for value in self._hp.values())

    def step(self, x: np.ndarray, g: np.ndarray, active: np.ndarray | None,
             out: np.ndarray | None = None) -> np.ndarray:
        """New positions of the group's particles, x and g the group's rows (M, 2); with ``active``
        (M,) only those move and only their state advances. Without ``active`` they may be written
        into ``out`` (x itself, even: the rule reads only g and its state)."""
        if self._seen != Configured.count:
            self._read_hyperparameters()
        if self._floats is not None:
            self._to_arrays()
        hp = self._hp
        if active is None:
            np.add(self._t, self._one, out=self._t)  # an array adds faster than a Python 1
            return np.subtract(x, self._update(g, _step_count(self._t), self._state, hp), out=out)
        rows = np.flatnonzero(active)  # (N, 2) rows picked and put as 16-byte items: ``pairs``
        steps = self._t[:, 0]
        steps[rows] += 1
        state = {key: take_rows(buffer, rows) for key, buffer in self._state.items()}
        hp = {key: value if isinstance(value, float) else value[rows] for key, value in hp.items()}
        x_new = x.copy()
        update = self._update(take_rows(g, rows), _step_count(steps[rows][:, None]), state, hp)
        put_rows(x_new, rows, take_rows(x, rows) - update)
        for key, buffer in state.items():
            put_rows(self._state[key], rows, buffer)
        return x_new

    def step_floats(self, x: list[float], g: list[float]) -> list[float] | None:
        """``step`` of a group of one particle whose hyper-parameters are floats (a race's optimizer), its
        point and gradient as Python floats: the rule once per coordinate on floats, the same IEEE
        operations as on arrays, number for number, for a fifth of the cost (an operation on an array
        of two numbers costs ~1 µs, most of it NumPy's set-up); the state is held in floats until
        ``step`` or ``steps_taken`` wants the arrays. None for any other group, or where a float raised
        (1/0, an overflowing power, which give inf or NaN in NumPy): ``step`` that one as arrays."""
        if self._seen != Configured.count:
            self._read_hyperparameters()
        if not self._single:
            return None
        t, first, second = self._floats or self._to_floats()
        first, second = dict(first), dict(second)  # a rule that raises leaves the state as it was
        try:
            step0, step1 = self._update(g[0], t + 1, first, self._hp), self._update(g[1], t + 1, second, self._hp)
        except ArithmeticError:
            return None
        self._floats = t + 1, first, second
        return [x[0] - step0, x[1] - step1]

    def _to_floats(self) -> tuple:
        """(t, state of x, state of y) of the group's one particle, read from the arrays."""
        rows = {key: buffer[0].tolist() for key, buffer in self._state.items()}
        return (int(self._t[0, 0]), {key: row[0] for key, row in rows.items()},
                {key: row[1] for key, row in rows.items()})

    def _to_arrays(self) -> None:
        """The floats' t and state written back where ``step`` reads them."""
        t, first, second = self._floats
        self._t[0, 0] = t
        for key, buffer in self._state.items():
            buffer[0] = first[key], second[key]
        self._floats = None

    def steps_taken(self) -> np.ndarray:
        """Per-particle step counts."""
        if self._floats is not None:
            self._to_arrays()
        return self._t[:, 0].copy()

    def _columns(self) -> dict:
        """lr and the rule's hyper-parameters: a float where every member has the same, else a column."""
        values = [optimizer.hyperparameters() for optimizer in self._optimizers]
        hp = {}
        for key in values[0]:
            column = [value[key] for value in values]
            if all(isinstance(v, float) for v in column) and len(set(column)) == 1:
                hp[key] = column[0]
                continue
            for v, size in zip(column, self._sizes):
                if not isinstance(v, float) and len(v) != size:
                    raise ValueError(f"{self.rule.name}: {key} has {len(v)} values for {size} particles")
            hp[key] = np.concatenate([np.broadcast_to(v, size) for v, size in zip(column, self._sizes)])[:, None]
        return hp


def rule_groups(optimizers: list[Member], per: int) -> list[RuleGroup]:
    """The optimizers of a run (``per`` particles each, in blocks in this order) grouped by rule."""
    by_rule: dict[type, list] = {}
    for k, optimizer in enumerate(optimizers):
        by_rule.setdefault(type(optimizer), []).append((optimizer, slice(k * per, (k + 1) * per)))
    return [RuleGroup(members) for members in by_rule.values()]


def _step_count(t: np.ndarray) -> int | np.ndarray:
    """The step counts ``t`` (a column) as a rule reads them: one Python int where every row has taken as
    many steps (a run's live particles have), so that Adam's βᵗ is Python's pow, as on a race's floats
    (``step_floats``) and in torch.optim's ``1 - beta1 ** step``. NumPy's power on a column takes a
    vectorized pow on CPUs with AVX-512 that differs from the C library's in the last bit: there a race's
    Adam and the same Adam stepped alone parted after a few steps."""
    first = int(t.flat[0]) if t.size else 0
    return first if t.size and (t == first).all() else t
