"""The catalog of objective functions f(x, y), and objectives from typed formulas.

Each catalog entry is data in ``resources/functions.json``: id, display name, formula
text (parsed by :mod:`gdgui.core.autodiff.expr`, so the formula shown is the formula run),
default domain, known minima and a one-line teaching note.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from gdgui.core.autodiff.expr import parse
from gdgui.core.autodiff.graph import Graph
from gdgui.core.descent.neuron import dataset as neuron
from gdgui.core.json_files import read_json
from gdgui.core.numbers import check_domain
from gdgui.resources import resource_path

VARIABLES = ("x", "y")
# Points per pass of the tape: its temporaries (a few dozen arrays of this many floats) stay in cache.
CHUNK_POINTS = 16_384


@dataclass(frozen=True)
class Minimum:
    x: float
    y: float
    f: float
    is_global: bool


class Objective:
    """f(x, y) as a compiled graph, evaluated for N points at once.

    ``minima_source`` says where ``minima`` come from: "catalog" (resources/functions.json),
    "numerical" (found by :mod:`gdgui.core.descent.stationary`, see ``with_minima``), or None
    (a typed formula nobody has searched yet: no minimum is known). ``stationary`` holds every
    stationary point found with them (saddles, maxima, kinks), when they were found numerically.
    """

    def __init__(self, id: str, name: str, formula: str, domain, minima=(), note: str = "",
                 minima_source: str | None = "catalog", shown: str = ""):
        self.id, self.name, self.formula, self.note = id, name, formula, note
        self.shown = shown  # what the window says f is, when not the formula itself (too long to read)
        self.domain = check_domain(domain)
        self.minima = tuple(minima)
        self.minima_source = minima_source
        self.stationary: tuple = ()
        self.graph: Graph = parse(formula)
        extra = sorted(set(self.graph.input_names()) - set(VARIABLES))
        if extra:
            raise ValueError(f"f(x, y) may only use the variables x and y, not {', '.join(extra)}")
        self._tape = self.graph.tape()

    def value(self, xy: np.ndarray) -> np.ndarray:
        """f at each row of ``xy`` (shape (..., 2)) → shape (...,); many points go CHUNK_POINTS at a time."""
        xy = np.asarray(xy, dtype=float)
        points = xy.reshape(-1, 2)
        if len(points) <= CHUNK_POINTS:
            return self._value(xy)
        f = np.empty(len(points))
        for chunk in _chunks(len(points)):
            f[chunk] = self._value(points[chunk])
        return f.reshape(xy.shape[:-1])

    def _value(self, xy: np.ndarray) -> np.ndarray:
        values = self._tape.forward(self._inputs(xy))
        return _shaped(values[self._tape.output], xy.shape[:-1])

    def value_and_grad(self, xy: np.ndarray, errstate: bool = True,
                       out: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """f (N,) and ∇f (N, 2) at each row of ``xy``; overflow gives inf/NaN, never raises
        (``errstate=False``: the caller has set ``np.errstate(all="ignore")``, as a run does).
        ``out``: an array of ∇f's shape that ∇f is written into (and returned), in place of a new one.

        Many points go through the tape CHUNK_POINTS at a time: every op is elementwise, so the
        numbers are the same, and a chunk's temporaries stay in the processor's cache.
        """
        xy = np.asarray(xy, dtype=float)
        if xy.ndim != 2 or len(xy) <= CHUNK_POINTS:
            return self._value_and_grad(xy, errstate, out)
        f, g = np.empty(len(xy)), np.empty(xy.shape) if out is None else out
        for chunk in _chunks(len(xy)):
            f[chunk] = self._value_and_grad(xy[chunk], errstate, g[chunk])[0]
        return f, g

    def _value_and_grad(self, xy: np.ndarray, errstate: bool = True,
                        out: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        value, grads = self._tape.value_and_grad(self._inputs(xy), errstate)
        g = np.empty(xy.shape) if out is None else out
        for column, name in enumerate(VARIABLES):
            g[..., column] = grads.get(name, 0.0)  # a scalar or an input's shape: assignment broadcasts
        return _shaped(value, xy.shape[:-1]), g

    def _inputs(self, xy: np.ndarray) -> dict[str, np.ndarray]:
        return {"x": xy[..., 0], "y": xy[..., 1]}

    def with_minima(self, minima, source: str = "numerical", stationary=()) -> Objective:
        """The same f (sharing its compiled tape) with ``minima`` from ``source``."""
        other = copy.copy(self)
        other.minima, other.minima_source, other.stationary = tuple(minima), source, tuple(stationary)
        return other

    def global_minima(self) -> tuple[Minimum, ...]:
        return tuple(m for m in self.minima if m.is_global)

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "formula": self.formula, "domain": list(self.domain),
                "minima": [{"x": m.x, "y": m.y, "f": m.f, "global": m.is_global} for m in self.minima],
                "note": self.note}


def _chunks(n: int):
    return (slice(start, start + CHUNK_POINTS) for start in range(0, n, CHUNK_POINTS))


def _shaped(value, shape) -> np.ndarray:
    """``value`` as a float array of ``shape`` (a formula without x or y is constant in it)."""
    value = np.asarray(value, dtype=float)
    return value if value.shape == shape else np.broadcast_to(value, shape).copy()


def _from_entry(entry: dict) -> Objective:
    minima = [Minimum(float(m["x"]), float(m["y"]), float(m["f"]), bool(m["global"])) for m in entry["minima"]]
    return Objective(entry["id"], entry["name"], entry["formula"], entry["domain"], minima, entry["note"])


@lru_cache(maxsize=1)
def _catalog() -> tuple[Objective, ...]:
    entries = read_json(resource_path("functions.json"), "function catalog")["functions"]
    return (*(_from_entry(entry) for entry in entries), neuron_objective(neuron.DEFAULT_DATASET))


@lru_cache(maxsize=8)
def neuron_objective(dataset: tuple) -> Objective:
    """The loss of a neuron over its weights w1 (x) and w2 (y) on ``dataset`` (checked already):
    its minima are found numerically, like a typed formula's, since editing the data moves them."""
    return Objective(neuron.FUNCTION_ID, neuron.NAME, neuron.loss_formula(dataset), neuron.DOMAIN,
                     note=neuron.NOTE, minima_source=None, shown=neuron.shown_formula(dataset))


def catalog() -> list[Objective]:
    """Every catalog function, the course's four first."""
    return list(_catalog())


def get_function(function_id: str) -> Objective:
    """The catalog entry ``function_id``; ``ValueError`` naming the known ids otherwise."""
    for objective in _catalog():
        if objective.id == function_id:
            return objective
    known = ", ".join(o.id for o in _catalog())
    raise ValueError(f"unknown function {function_id!r}; known: {known}")


def objective_from_expr(text: str, domain=None) -> Objective:
    """A typed f(x, y); ``ParseError`` for bad text, ``ValueError`` for other variables or domains."""
    return Objective("custom", "Custom", text, domain if domain is not None else (-5, 5, -5, 5),
                     minima_source=None)
