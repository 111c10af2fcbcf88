"""A graph file as the Backprop tab uses it: the graph plus what the lesson needs.

The JSON is ``Graph.to_dict()`` (format ``gdgui-graph``, version 1, positions kept,
ids sorted so files diff cleanly) with optional extra keys:

* ``values``: input name → number, one for every input;
* ``names``: gate id → the name the chain-rule panel uses (the fork's c, d, e);
* ``params``: the inputs a gradient step updates (a logistic unit's weights);
* ``learning_rate``: η of that step; ``title``: what the preset combo shows.

A plain graph file without them still loads (every input then starts at 1).
Everything is validated before anything is built; problems raise ``GraphError``.

``start_values`` chooses the values a new formula's inputs start at and says where each came
from; ``random_values`` draws seeded ones a class can read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

import numpy as np

from gdgui.core.autodiff.graph import Graph, GraphError
from gdgui.core.autodiff.graph_data import graph_from_dict
from gdgui.core.autodiff.graph_layout import GraphLayout
from gdgui.core.checks import is_number, require
from gdgui.core.numbers import TYPED_DIGITS, short

DEFAULT_VALUE = 1.0
PRIMES = "′″‴"  # a gate's name may end in these: a program's second c is c′ (``program.mark``)
DEFAULT_LEARNING_RATE = 0.5


@dataclass
class GraphDocument:
    graph: Graph
    values: dict[str, float]
    names: dict[str, str] = field(default_factory=dict)
    params: list[str] = field(default_factory=list)
    learning_rate: float = DEFAULT_LEARNING_RATE
    title: str = ""
    # Where the last layout put everything, wires and labels included; never saved, never compared
    # (a document read back from its data has none: the controller keeps layouts it has seen).
    layout: GraphLayout | None = field(default=None, compare=False, repr=False)


_require = partial(require, error=GraphError)


def document_to_dict(doc: GraphDocument) -> dict:
    data = doc.graph.to_dict()
    data["values"] = {name: float(doc.values[name]) for name in sorted(doc.graph.input_names())}
    data["names"] = {node_id: doc.names[node_id] for node_id in sorted(doc.names)}
    data["params"] = list(doc.params)
    data["learning_rate"] = float(doc.learning_rate)
    if doc.title:
        data["title"] = doc.title
    return data


def document_from_dict(data) -> GraphDocument:
    """Validate and build; raises ``GraphError`` naming the first problem."""
    graph = graph_from_dict(data)
    inputs = graph.input_names()
    return GraphDocument(graph, _values(data, inputs), _names(data, graph), _params(data, inputs),
                         _learning_rate(data), _title(data))


def _values(data: dict, inputs: list[str]) -> dict[str, float]:
    values = data.get("values")
    if values is None:
        return {name: DEFAULT_VALUE for name in inputs}
    _require(isinstance(values, dict), "'values' must map input names to numbers")
    for name, value in values.items():
        _require(name in inputs, f"'values' names {name!r}, which is not an input of the graph")
        _require(is_number(value), f"the value of {name} must be a finite number")
    missing = [name for name in inputs if name not in values]
    _require(not missing, f"'values' has no value for {', '.join(missing)}")
    return {name: float(values[name]) for name in inputs}


def _names(data: dict, graph: Graph) -> dict[str, str]:
    names = data.get("names", {})
    _require(isinstance(names, dict), "'names' must map gate ids to names")
    for node_id, name in names.items():
        _require(node_id in graph.nodes and graph.nodes[node_id].kind == "op", f"'names' refers to {node_id!r}, "
                 "which is not a gate")
        _require(isinstance(name, str) and name.rstrip(PRIMES).isidentifier(), f"{name!r} is not a valid gate name")
    _require(len(set(names.values())) == len(names), "two gates have the same name")
    clash = set(names.values()) & set(graph.input_names())
    _require(not clash, f"a gate and an input are both called {', '.join(sorted(clash))}")
    return dict(names)


def _params(data: dict, inputs: list[str]) -> list[str]:
    params = data.get("params", [])
    _require(isinstance(params, list) and all(p in inputs for p in params),
             "'params' must list inputs of the graph")
    return list(dict.fromkeys(params))


def _learning_rate(data: dict) -> float:
    rate = data.get("learning_rate", DEFAULT_LEARNING_RATE)
    _require(is_number(rate) and rate > 0, "'learning_rate' must be a positive number")
    return float(rate)


def _title(data: dict) -> str:
    title = data.get("title", "")
    _require(isinstance(title, str), "'title' must be text")
    return title


# ----- the values a graph's inputs start at, and where they came from ------------------------------

GIVEN, PRESET, LAST, NEW = "given", "preset", "last graph", "new"
RANDOM_LOW, RANDOM_HIGH, RANDOM_DECIMALS = -2.0, 2.0, 2  # small values a class can read and multiply


@dataclass(frozen=True)
class StartValues:
    """Each input's first value and where it came from (``GIVEN``, ``PRESET``, ``LAST`` or ``NEW``)."""
    values: dict[str, float]
    sources: dict[str, str]
    preset_title: str = ""
    given_words: str = "given"

    def said(self) -> str:
        """``x = −2, y = 5 (from the last graph); z = 1 (new)``: the inputs in order, grouped by source."""
        groups: dict[str, list[str]] = {}
        for name, value in self.values.items():
            groups.setdefault(self.sources[name], []).append(f"{name} = {short(value, TYPED_DIGITS)}")
        return "; ".join(f"{', '.join(parts)} ({self._source_words(source)})" for source, parts in groups.items())

    def _source_words(self, source: str) -> str:
        return {GIVEN: self.given_words, PRESET: f"from the preset “{self.preset_title}”",
                LAST: "from the last graph", NEW: "new"}[source]


def start_values(names: list[str], given: dict[str, float], preset: tuple[str, dict[str, float]] | None,
                 last: dict[str, float], given_words: str = "given") -> StartValues:
    """Each of ``names`` starts at its ``given`` value, else the value of the preset whose formula this is
    (``preset``: its title and values), else the value the last graph gave that name, else 1."""
    title, preset_values = preset if preset is not None else ("", {})
    values, sources = {}, {}
    for name in names:
        for source, pool in ((GIVEN, given), (PRESET, preset_values), (LAST, last), (NEW, {name: DEFAULT_VALUE})):
            if name in pool:
                values[name], sources[name] = float(pool[name]), source
                break
    return StartValues(values, sources, title, given_words)


def random_values(names: list[str], seed: int) -> dict[str, float]:
    """A value for each name, uniform in [−2, 2] to two decimals: the same ``seed`` gives the same values."""
    generator = np.random.Generator(np.random.PCG64(seed))
    drawn = np.round(generator.uniform(RANDOM_LOW, RANDOM_HIGH, size=len(names)), RANDOM_DECIMALS)
    return {name: float(value) + 0.0 for name, value in zip(names, drawn)}  # + 0.0: never −0
