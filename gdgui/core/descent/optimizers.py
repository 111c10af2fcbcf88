"""Vectorized optimizers with torch.optim's update rules and default hyper-parameters.

Every optimizer works on N particles at once: positions and gradients are arrays of shape
(N, 2) and the state (momentum buffer, running averages, step count) is kept per particle.
``step(x, g, active)`` may advance only some particles; the state of the others stays frozen,
so a run can stop particles one by one without disturbing the rest.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from gdgui.core.descent.stepping.pairs import put_rows, take_rows

__all__ = ["Optimizer", "OPTIMIZERS", "RuleGroup", "make_optimizer", "describe_optimizers", "rule_groups"]


# Allowed values per hyper-parameter: "positive" (finite, > 0) or "fraction" (in [0, 1)).
_KINDS = {
    "lr": "positive",
    "eps": "positive",
    "momentum": "fraction",
    "alpha": "fraction",
    "beta1": "fraction",
    "beta2": "fraction",
}
_KIND_TEXT = {"positive": "a positive finite number", "fraction": "a number in [0, 1)"}


def _check_value(owner: str, name: str, value) -> float | np.ndarray:
    """Return value as a float (or a 1-D float array, one per particle) or raise ValueError."""
    kind = _KINDS[name]
    try:
        number = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        number = np.array(np.nan)
    with np.errstate(invalid="ignore"):
        if kind == "positive":
            ok = np.isfinite(number) & (number > 0)
        else:
            ok = (0 <= number) & (number < 1)
    if number.ndim > 1 or number.size == 0 or not ok.all():
        shown = repr(value) if number.ndim == 0 else f"an array holding {number[~ok][:1]}"
        raise ValueError(f"{owner}: {name} must be {_KIND_TEXT[kind]}, got {shown}")
    return float(number) if number.ndim == 0 else number.copy()


class Optimizer:
    """Base class: validation, per-particle state and masked stepping.

    Subclasses declare ``name``, ``description``, ``DEFAULT_LR`` (torch's), ``HYPERPARAMETERS``
    (name -> torch default, lr excluded), ``STATE`` (names of per-particle (N, 2) buffers) and
    implement ``_update(g, t, state, hp) -> displacement`` on the selected particles, where
    ``hp`` holds lr and the hyper-parameters (each a float, or a column when given per particle).
    """

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    DEFAULT_LR: ClassVar[float] = 1e-3
    HYPERPARAMETERS: ClassVar[dict[str, float]] = {}
    STATE: ClassVar[tuple[str, ...]] = ()
    # Counts every ``configure`` of any optimizer: a RuleGroup reads its members' values again when it moved.
    changes: ClassVar[int] = 0

    def __init__(self, lr: float, **hyper: float) -> None:
        self.lr = _check_value(self.name, "lr", lr)
        for key, default in self.HYPERPARAMETERS.items():
            setattr(self, key, default)
        self.configure(**hyper)
        self.reset()

    def configure(self, **values: float) -> None:
        """Change lr and/or hyper-parameters; the next step uses the new values.

        A value may be an array with one entry per particle (a learning-rate sweep).
        """
        checked = {key: self._checked(key, value) for key, value in values.items()}
        for key, value in checked.items():
            setattr(self, key, value)
        Optimizer.changes += 1  # after the values: a RuleGroup that sees the count move reads them afresh

    def _checked(self, key: str, value) -> float | np.ndarray:
        if key != "lr" and key not in self.HYPERPARAMETERS:
            allowed = ", ".join(self.HYPERPARAMETERS) or "none besides lr"
            raise ValueError(f"{self.name} has no hyper-parameter {key!r} (it takes: {allowed})")
        return _check_value(self.name, key, value)

    def hyperparameters(self) -> dict[str, float]:
        """Current values, lr first, then the declared hyper-parameters in order."""
        return {"lr": self.lr, **{key: getattr(self, key) for key in self.HYPERPARAMETERS}}

    @classmethod
    def describe(cls) -> dict:
        """What ``list`` prints: name, description and every hyper-parameter's default."""
        return {
            "name": cls.name,
            "description": cls.description,
            "hyperparameters": {"lr": cls.DEFAULT_LR, **cls.HYPERPARAMETERS},
        }

    def reset(self) -> None:
        """Forget all state; the next step is step 1 again, for any number of particles."""
        self._alone: RuleGroup | None = None  # this optimizer's particles, stepped as a rule group of one

    @property
    def steps_taken(self) -> np.ndarray | None:
        """Per-particle step counts (None before the first step)."""
        return None if self._alone is None else self._alone.steps_taken()

    def step(self, x: np.ndarray, g: np.ndarray, active: np.ndarray | None = None) -> np.ndarray:
        """Return the new positions for x (N, 2) with gradient g (N, 2); x is not modified.

        ``active`` is an optional boolean mask (N,): only those particles move and only their
        state advances; inactive rows are returned unchanged. The step is a ``RuleGroup``'s, as in
        a run: one masked step for both.
        """
        x = np.asarray(x, dtype=float)
        g = np.asarray(g, dtype=float)
        if x.ndim != 2 or x.shape[1] != 2:
            raise ValueError(f"positions must have shape (N, 2), got {x.shape}")
        if self._alone is None:
            self._alone = RuleGroup([(self, slice(0, x.shape[0]))])
        elif self._alone.size != x.shape[0]:
            raise ValueError(f"{self.name} holds state for {self._alone.size} particles but was given "
                             f"{x.shape[0]}; call reset() first")
        with np.errstate(all="ignore"):  # overflow becomes inf/nan; the run reports it
            return self._alone.step(x, g, None if active is None else np.asarray(active, dtype=bool))

    def _update(self, g: np.ndarray, t: np.ndarray, state: dict, hp: dict) -> np.ndarray:
        raise NotImplementedError


class GD(Optimizer):
    name = "gd"
    description = "Plain gradient descent: step straight downhill, x ← x − γ·∇f."
    DEFAULT_LR = 1e-3

    def _update(self, g, t, state, hp):
        return hp["lr"] * g


class Momentum(Optimizer):
    name = "momentum"
    description = "Heavy ball: a velocity b ← μ·b + ∇f accumulates past gradients; x ← x − γ·b."
    DEFAULT_LR = 1e-3
    HYPERPARAMETERS = {"momentum": 0.9}
    STATE = ("b",)

    def _update(self, g, t, state, hp):
        # b starts at 0, so the first step gives b = μ·0 + g = g exactly, as torch's b ← g.
        state["b"] = hp["momentum"] * state["b"] + g
        return hp["lr"] * state["b"]


class Nesterov(Momentum):
    name = "nesterov"
    description = "Nesterov momentum: like momentum but steps along ∇f + μ·b (a look-ahead)."

    def _update(self, g, t, state, hp):
        state["b"] = hp["momentum"] * state["b"] + g
        return hp["lr"] * (g + hp["momentum"] * state["b"])


class Adagrad(Optimizer):
    name = "adagrad"
    description = "Adagrad: divides each step by √(sum of all past ∇f²), so steps only shrink."
    DEFAULT_LR = 1e-2
    HYPERPARAMETERS = {"eps": 1e-10}
    STATE = ("s",)

    def _update(self, g, t, state, hp):
        state["s"] = state["s"] + g * g
        return hp["lr"] * g / (np.sqrt(state["s"]) + hp["eps"])


class RMSprop(Optimizer):
    name = "rmsprop"
    description = "RMSprop: divides each step by √(running average of ∇f²); old gradients fade."
    DEFAULT_LR = 1e-2
    HYPERPARAMETERS = {"alpha": 0.99, "eps": 1e-8}
    STATE = ("v",)

    def _update(self, g, t, state, hp):
        state["v"] = hp["alpha"] * state["v"] + (1 - hp["alpha"]) * (g * g)
        return hp["lr"] * g / (np.sqrt(state["v"]) + hp["eps"])


class Adam(Optimizer):
    name = "adam"
    description = "Adam: momentum on ∇f divided by √(running average of ∇f²), bias-corrected."
    DEFAULT_LR = 1e-3
    HYPERPARAMETERS = {"beta1": 0.9, "beta2": 0.999, "eps": 1e-8}
    STATE = ("m", "v")

    def _update(self, g, t, state, hp):
        state["m"] = hp["beta1"] * state["m"] + (1 - hp["beta1"]) * g
        state["v"] = hp["beta2"] * state["v"] + (1 - hp["beta2"]) * (g * g)
        m_hat = state["m"] / (1 - hp["beta1"]**t)
        v_hat = state["v"] / (1 - hp["beta2"]**t)
        return hp["lr"] * m_hat / (np.sqrt(v_hat) + hp["eps"])


OPTIMIZERS: dict[str, type[Optimizer]] = {
    cls.name: cls for cls in (GD, Momentum, Nesterov, Adagrad, RMSprop, Adam)
}


class RuleGroup:
    """The optimizers of one rule (one class) in a run, stepped as one: their particles' state in
    one set of buffers, the hyper-parameters as columns (or floats when all of them share one), and
    the class's own ``_update`` called once per step — the same arithmetic, number for number, as
    each optimizer's ``step``, without its per-call checks. ``members`` are (optimizer, block) pairs,
    a block the slice of the run's particles that optimizer moves; the caller sets NumPy's errstate.
    """

    def __init__(self, members: list[tuple[Optimizer, slice]]):
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
        self._seen = -1  # Optimizer.changes when the hyper-parameters were last read
        self._floats: tuple | None = None  # (t, state of x, state of y) while ``step_floats`` steps it

    def _read_hyperparameters(self) -> None:
        """The members' values afresh (after a ``configure``: Optimizer.changes moved)."""
        self._seen, self._hp = Optimizer.changes, self._columns()
        self._single = self.size == 1 and all(isinstance(value, float) for value in self._hp.values())

    def step(self, x: np.ndarray, g: np.ndarray, active: np.ndarray | None,
             out: np.ndarray | None = None) -> np.ndarray:
        """New positions of the group's particles, x and g the group's rows (M, 2); with ``active``
        (M,) only those move and only their state advances. Without ``active`` they may be written
        into ``out`` (x itself, even: the rule reads only g and its state)."""
        if self._seen != Optimizer.changes:
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
        if self._seen != Optimizer.changes:
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


def rule_groups(optimizers: list[Optimizer], per: int) -> list[RuleGroup]:
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


def make_optimizer(name: str, lr: float, **hyper: float) -> Optimizer:
    """Build the optimizer called ``name``; unknown names or hyper-parameters raise ValueError."""
    if name not in OPTIMIZERS:
        known = ", ".join(OPTIMIZERS)
        raise ValueError(f"unknown optimizer {name!r}; choose one of: {known}")
    return OPTIMIZERS[name](lr, **hyper)


def describe_optimizers() -> list[dict]:
    """Every optimizer's name, description and defaults, in registry order (for ``list``)."""
    return [cls.describe() for cls in OPTIMIZERS.values()]
