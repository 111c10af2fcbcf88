"""A tiny labelled data set and the loss of a neuron on it, as an f(w1, w2) formula (no Qt).

The neuron is σ(w0 + w1·x1 + w2·x2) with the bias w0 fixed at ``BIAS``; a sample is (x1, x2, t)
with the class t 0 or 1. The loss of a sample is the log loss −t·log σ(z) − (1 − t)·log(1 − σ(z)),
written as log(1 + e^(∓z)) (equal, and finite for any z the map reaches). The map's x is w1, its y w2.
"""

from __future__ import annotations

import math

from gdgui.core.checks import brief
from gdgui.core.numbers import short

__all__ = ["FUNCTION_ID", "NAME", "NOTE", "DOMAIN", "BIAS", "LIMIT", "MAX_POINTS", "DEFAULT_DATASET",
           "Sample", "checked_dataset", "loss_formula", "shown_formula", "dataset_to_data", "snapped"]

FUNCTION_ID = "neuron_loss"
NAME = "Loss of a neuron over two weights"
BIAS = 0.5
NOTE = (f"x is w1, y is w2 (the bias w0 = {short(BIAS)} held): descending this map trains the neuron on the "
        "points in the Data set inset. Ctrl+G shows one sample's loss as a graph.")
DOMAIN = (-4.0, 4.0, -4.0, 4.0)
LIMIT = 3.0        # a point's x1 and x2 lie in [-LIMIT, LIMIT] (the inset's square)
MAX_POINTS = 20    # enough for a lesson; the formula stays within the parser's MAX_LENGTH
DECIMALS = 2       # a point's coordinates are kept to hundredths, so each term of the formula reads short
STEP = 0.1         # a clicked point is snapped to this grid, so the formula reads short

Sample = tuple[float, float, int]

# Two overlapping classes (one point of each on the other's side), so the loss has a finite minimum.
DEFAULT_DATASET: tuple[Sample, ...] = (
    (2.0, 1.0, 1), (1.0, 2.0, 1), (1.5, -0.5, 1), (-1.0, -0.5, 1),
    (-2.0, -1.0, 0), (-1.0, -2.0, 0), (-1.5, 0.5, 0), (1.0, 0.5, 0),
)


def checked_dataset(value) -> tuple[Sample, ...]:
    """``value`` (a list of [x1, x2, t]) as a data set; ValueError saying what is wrong otherwise."""
    if not isinstance(value, (list, tuple)):
        raise ValueError(f"dataset: expected a list of [x1, x2, class] points, got {brief(value)}")
    if not 1 <= len(value) <= MAX_POINTS:
        raise ValueError(f"dataset: give between 1 and {MAX_POINTS} points, not {len(value)}")
    return tuple(_sample(point, index + 1) for index, point in enumerate(value))


def _sample(point, number: int) -> Sample:
    where = f"dataset: point {number}"
    if not isinstance(point, (list, tuple)) or len(point) != 3:
        raise ValueError(f"{where}: expected [x1, x2, class], got {brief(point)}")
    x1, x2, label = point
    for name, v in (("x1", x1), ("x2", x2)):
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or abs(v) > LIMIT:
            raise ValueError(f"{where}: {name} must be a number from {short(-LIMIT)} to {short(LIMIT)}, got {brief(v)}")
    if isinstance(label, bool) or label not in (0, 1):
        raise ValueError(f"{where}: the class must be 0 or 1, got {brief(label)}")
    return round(float(x1), DECIMALS) + 0.0, round(float(x2), DECIMALS) + 0.0, int(label)


def snapped(x1: float, x2: float) -> tuple[float, float]:
    """A clicked point on the ``STEP`` grid, inside the inset's square."""
    return tuple(max(-LIMIT, min(LIMIT, round(round(v / STEP) * STEP, 10))) for v in (x1, x2))


def dataset_to_data(dataset) -> list[list]:
    return [[x1, x2, label] for x1, x2, label in dataset]


def loss_formula(dataset) -> str:
    """The summed loss as f(x, y) text for the formula parser: x is w1, y is w2."""
    return " + ".join(_sample_loss(x1, x2, label) for x1, x2, label in dataset)


def _sample_loss(x1: float, x2: float, label: int) -> str:
    z = f"{_number(BIAS)}{_times(x1, 'x')}{_times(x2, 'y')}"
    return f"log(1 + exp({f'-({z})' if label else z}))"


def shown_formula(dataset) -> str:
    """What the Function panel says f is (the formula run is ``loss_formula``, one term per point)."""
    return (f"Σ over {len(dataset)} points of −t·log σ(z) − (1 − t)·log(1 − σ(z)), "
            f"z = {short(BIAS)} + x·x1 + y·x2")


def _times(value: float, variable: str) -> str:
    sign = "-" if value < 0 else "+"
    return f" {sign} {_number(abs(value))}*{variable}"


def _number(value: float) -> str:
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text
