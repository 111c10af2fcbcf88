"""Vectorized optimizers with torch.optim's update rules and default hyper-parameters.

Every optimizer works on N particles at once: positions and gradients are arrays of shape
(N, 2) and the state (momentum buffer, running averages, step count) is kept per particle.
``step(x, g, active)`` may advance only some particles; the state of the others stays frozen,
so a run can stop particles one by one without disturbing the rest.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from gdgui.core.descent.rule_groups import Configured, RuleGroup

__all__ = ["Optimizer", "OPTIMIZERS", "make_optimizer", "describe_optimizers"]


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
        Configured.count += 1  # after the values: a RuleGroup that sees the count move reads them afresh

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


def make_optimizer(name: str, lr: float, **hyper: float) -> Optimizer:
    """Build the optimizer called ``name``; unknown names or hyper-parameters raise ValueError."""
    if name not in OPTIMIZERS:
        known = ", ".join(OPTIMIZERS)
        raise ValueError(f"unknown optimizer {name!r}; choose one of: {known}")
    return OPTIMIZERS[name](lr, **hyper)


def describe_optimizers() -> list[dict]:
    """Every optimizer's name, description and defaults, in registry order (for ``list``)."""
    return [cls.describe() for cls in OPTIMIZERS.values()]
