"""Everything that defines a Descent-tab run, as one validated value (no Qt).

``DescentSettings.updated(changes)`` checks every changed field with the core (the function
must parse, each optimizer must accept its hyper-parameters...) and raises ``ValueError``
naming the field, so a bad session file or command line never half-applies.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace

import numpy as np

from gdgui.core.autodiff.expr import ParseError
from gdgui.core.checks import brief
from gdgui.core.descent.functions import Objective, get_function, neuron_objective, objective_from_expr
from gdgui.core.descent.neuron.dataset import FUNCTION_ID as NEURON_LOSS
from gdgui.core.descent.neuron.dataset import checked_dataset, dataset_to_data
from gdgui.core.descent.optimizers import OPTIMIZERS, Optimizer, make_optimizer
from gdgui.core.descent.run_inputs import random_starts
from gdgui.core.numbers import check_domain, number, number_list, whole

__all__ = ["DescentSettings", "OPTIMIZER_LABELS", "optimizer_colour_index", "RECORD_BUDGET",
           "MAX_SWARM", "MIN_LR", "MAX_LR", "MAX_SPEED", "MAX_STEPS_LIMIT"]

OPTIMIZER_LABELS = {"gd": "GD", "momentum": "Momentum", "nesterov": "Nesterov",
                    "adagrad": "Adagrad", "rmsprop": "RMSprop", "adam": "Adam"}
MIN_LR, MAX_LR = 1e-5, 10.0
MAX_SWARM = 10_000  # particles the window runs and draws at once (the command line allows more)
# A tolerance on ‖∇f‖ above this stops every run at its start: it says nothing about a minimum.
MAX_TOL = 1e3
MAX_SPEED = 1000
MAX_STEPS_LIMIT = 1_000_000
# Recorded rows (particles × steps) a run may keep: 5e6 rows of 5 floats = 200 MB.
RECORD_BUDGET = 5_000_000


# Palette index per optimizer, the same in every plot. The classic race (GD, momentum, Adam,
# RMSprop) gets blue, orange, green and purple: no two blues side by side.
_COLOUR_INDEX = {"gd": 0, "momentum": 1, "adam": 2, "adagrad": 3, "rmsprop": 4, "nesterov": 5}


def optimizer_colour_index(name: str) -> int:
    """The palette index (ThemeController.colour) of optimizer ``name``."""
    return _COLOUR_INDEX[name]


@dataclass(frozen=True)
class DescentSettings:
    """A function (catalog id or typed formula) on a domain, optimizers, γ, starts and limits."""

    function: str | None = "quadratic"
    expression: str | None = None
    domain: tuple[float, float, float, float] | None = None  # None: the function's default
    optimizers: tuple[str, ...] = ("gd",)
    hyper: dict[str, dict[str, float]] = field(default_factory=dict)
    lr: float = 0.1
    start: tuple[float, float] = (-4.0, 3.5)
    seed: int = 0
    particles: int = 1
    speed: int = 20
    max_steps: int = 10_000
    tol: float = 1e-6
    dataset: tuple | None = None  # the neuron-loss function's points (x1, x2, class); None: its default

    # ----- derived values -----------------------------------------------------------------

    def objective(self) -> Objective:
        """The function to minimize (catalog entry or parsed formula) on this domain."""
        if self.expression is not None:
            return objective_from_expr(self.expression, self.domain)
        if self.function == NEURON_LOSS and self.dataset is not None:
            return neuron_objective(self.dataset)
        return get_function(self.function)

    def resolved_domain(self) -> tuple[float, float, float, float]:
        return self.domain if self.domain is not None else self.objective().domain

    def hyperparameters(self, name: str) -> dict[str, float]:
        """The hyper-parameters of optimizer ``name``: its defaults with this session's changes."""
        return {**OPTIMIZERS[name].HYPERPARAMETERS, **self.hyper.get(name, {})}

    def make_optimizers(self) -> list[Optimizer]:
        return [make_optimizer(name, self.lr, **self.hyper.get(name, {})) for name in self.optimizers]

    @property
    def swarm(self) -> bool:
        return self.particles > 1

    def starts(self) -> np.ndarray:
        """The start: one point, or ``particles`` seeded random points over the domain (swarm)."""
        if self.swarm:
            return random_starts(self.resolved_domain(), self.particles, self.seed)
        return np.array([self.start], dtype=float)

    def recorded_steps(self) -> int:
        """Max steps, lowered so the recorded trajectories stay within RECORD_BUDGET rows."""
        particles = self.particles * len(self.optimizers)
        return max(1, min(self.max_steps, RECORD_BUDGET // particles))

    # ----- changes and (de)serialization ----------------------------------------------------

    def updated(self, changes: dict) -> DescentSettings:
        """A copy with ``changes`` applied, every field checked; ValueError names a bad one."""
        known = {f.name for f in fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise ValueError(f"unknown setting {brief(unknown[0])} (known: {', '.join(sorted(known))})")
        values = {name: _CHECKS[name](value) for name, value in changes.items()}
        if "function" in values and "expression" not in values:
            values["expression"] = None
        candidate = replace(self, **values)
        candidate._check_combination()
        return candidate

    def _check_combination(self) -> None:
        if (self.function is None) == (self.expression is None):
            raise ValueError("function: give either a catalog function or an expression, not both")
        try:
            self.objective()
        except ParseError as error:
            raise ValueError(f"expression: {error}") from None
        except ValueError as error:
            raise ValueError(f"{'expression' if self.expression is not None else 'function'}: {error}") from None
        for name in self.optimizers:
            try:
                make_optimizer(name, self.lr, **self.hyper.get(name, {}))
            except ValueError as error:
                raise ValueError(f"optimizers: {error}") from None

    def to_dict(self) -> dict:
        """Plain JSON-ready data; ``DescentSettings().updated(d)`` rebuilds it."""
        return {
            "function": self.function, "expression": self.expression,
            "domain": None if self.domain is None else list(self.domain),
            "optimizers": list(self.optimizers),
            "hyper": {name: dict(values) for name, values in self.hyper.items()},
            "lr": self.lr, "start": list(self.start), "seed": self.seed, "particles": self.particles,
            "speed": self.speed, "max_steps": self.max_steps, "tol": self.tol,
            "dataset": None if self.dataset is None else dataset_to_data(self.dataset),
        }


def _optimizers(value) -> tuple[str, ...]:
    if not isinstance(value, (str, list, tuple)):  # a file may hold anything here: 5, null, {}
        raise ValueError(f"optimizers: expected a list of optimizer names, got {brief(value)}")
    names = (value,) if isinstance(value, str) else tuple(value)
    if not names:
        raise ValueError("optimizers: check at least one optimizer")
    for name in names:
        if not isinstance(name, str) or name not in OPTIMIZERS:
            raise ValueError(f"optimizers: unknown optimizer {brief(name)}; choose from {', '.join(OPTIMIZERS)}")
    if len(set(names)) != len(names):
        raise ValueError("optimizers: each optimizer may appear once")
    return names


def _hyper(value) -> dict[str, dict[str, float]]:
    if not isinstance(value, dict):
        raise ValueError(f"hyper: expected a mapping optimizer → values, got {brief(value)}")
    checked = {}
    for name, values in value.items():
        if name not in OPTIMIZERS or not isinstance(values, dict):
            raise ValueError(f"hyper: {brief(name)} is not an optimizer with a mapping of values")
        known = OPTIMIZERS[name].HYPERPARAMETERS  # lr is the "lr" setting, not a hyper-parameter
        if unknown := sorted(set(values) - set(known)):
            raise ValueError(f"hyper: {name} has no hyper-parameter {brief(unknown[0])} "
                             f"(it takes: {', '.join(known) or 'none besides lr'})")
        checked[name] = {key: number(v, f"hyper {name} {key}") for key, v in values.items()}
        try:
            make_optimizer(name, OPTIMIZERS[name].DEFAULT_LR, **checked[name])
        except ValueError as error:
            raise ValueError(f"hyper: {error}") from None
    return checked


def _text_or_none(name: str):
    def check(value):
        if value is not None and not isinstance(value, str):
            raise ValueError(f"{name}: expected text, got {brief(value)}")
        return value
    return check


_CHECKS = {
    "function": _text_or_none("function"),
    "expression": _text_or_none("expression"),
    "domain": lambda v: None if v is None else check_domain(v),
    "optimizers": _optimizers,
    "hyper": _hyper,
    "lr": lambda v: number(v, "lr", MIN_LR, MAX_LR),
    "start": lambda v: number_list(v, "start", "X,Y"),
    "seed": lambda v: whole(v, "seed", 0, 2**31 - 1),
    "particles": lambda v: whole(v, "particles", 1, MAX_SWARM),
    "speed": lambda v: whole(v, "speed", 1, MAX_SPEED),
    "max_steps": lambda v: whole(v, "max_steps", 1, MAX_STEPS_LIMIT),
    "tol": lambda v: number(v, "tol", 0, MAX_TOL),
    "dataset": lambda v: None if v is None else checked_dataset(v),
}
