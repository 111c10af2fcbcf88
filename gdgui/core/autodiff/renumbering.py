"""What rerunning the passes with new input values changed, told number by number.

A value edit keeps the graph and its walkthrough; the views then rewrite only the labels and lines
that read differently, so "changed" must mean exactly that: another value, another sign of zero
(−0 reads "−0"), NaN and NaN alike.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from gdgui.core.autodiff.graph import Edge


@dataclass(frozen=True)
class Renumbered:
    """What the passes run again with new input values changed: the nodes whose value or gradient did,
    the wires whose local partial or contribution did (``same_number`` tells)."""
    nodes: frozenset[str]
    edges: frozenset[Edge]


def same_number(a, b) -> bool:
    """``a`` and ``b`` read alike however they are written: equal, and of one sign (−0 is not 0), or both NaN."""
    a, b = float(a), float(b)
    if a == b:
        return a != 0.0 or math.copysign(1.0, a) == math.copysign(1.0, b)
    return a != a and b != b


def differing(new: dict, old: dict, read=lambda number: number) -> set:
    """The keys of ``new`` whose number (``read`` from each value) reads differently in ``old``, or is not
    there: compared as arrays when both hold the same keys in the same order (a rerun on one tape)."""
    keys = list(new)
    if keys == list(old):
        try:
            a, b = (np.fromiter(map(read, numbers.values()), float, len(keys)) for numbers in (new, old))
        except (TypeError, ValueError):  # not scalars: one by one
            pass
        else:
            same = (a == b) & (np.signbit(a) == np.signbit(b)) | np.isnan(a) & np.isnan(b)
            return {keys[i] for i in np.flatnonzero(~same)}
    return {key for key, number in new.items() if key not in old or not same_number(read(number), read(old[key]))}
