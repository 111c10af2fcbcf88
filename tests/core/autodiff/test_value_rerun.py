"""New input values rerun the passes on the same walkthrough (``Walkthrough.rerun``): what it says
changed, and the chain-rule lines it keeps, against a walkthrough made afresh at the new values.

A value edit rewrites only the labels and lines whose numbers changed, so both must be exact:
every node and wire left out of ``Renumbered`` reads as before to the last digit (``repr``, so
−0 and 0 differ and NaN is NaN), every one named in it reads differently, and every line of every
step equals the line a fresh walkthrough writes — through ties of max and min that come and go
(a tie adds a line), a √ at 0 (a singular note), and σ's gates.
"""

import random

import pytest

from gdgui.core.autodiff import graph_text
from gdgui.core.autodiff.expr import parse
from gdgui.core.autodiff.passes import Walkthrough
from gdgui.core.autodiff.renumbering import differing
from tests.graph_corpus import FORMULAS, VALUES

EXTRA = ["max(x, y) * y + min(x, y)", "sqrt(x) * y + sqrt(y)", "reciprocal(exp(x * -1) + 1) * x"]
CHOICES = (0.0, -0.0, 1.0, -1.0, 2.0, float("inf"), float("nan"))  # ties, zeros, IEEE's special values


def _values(names, rng) -> dict[str, float]:
    """Mostly the corpus's values, one or two changed: to a shared value (ties), a zero, or at random."""
    values = {name: VALUES.get(name, 0.5) for name in names}
    for name in rng.sample(names, min(len(names), rng.randint(1, 2))):
        values[name] = rng.choice(CHOICES + (round(rng.uniform(-2, 2), rng.randint(0, 3)),))
    return values


def _all_lines(walk, names) -> list[str]:
    return [line.text for line in walk.lines_between(0, walk.line_ends()[-1], names)]


def _read(numbers: dict) -> dict:
    return {key: repr(float(number)) for key, number in numbers.items()}


@pytest.mark.parametrize("formula", FORMULAS + EXTRA)
def test_a_rerun_names_what_changed_and_keeps_lines_that_read_as_a_fresh_walk_writes_them(formula):
    rng = random.Random(formula)
    graph = parse(formula)
    names, inputs = graph_text.display_names(graph, {}), graph.input_names()
    graph.forward({name: VALUES.get(name, 0.5) for name in inputs})
    graph.backward()
    walk = Walkthrough(graph, cursor=rng.randint(0, 10**6))
    _all_lines(walk, names)  # every step's lines written before the edits
    for _ in range(12):
        before = (_read(graph.values), _read(graph.grads),
                  {edge: (repr(float(r.local)), repr(float(r.grad))) for edge, r in graph.edge_records.items()})
        values = _values(inputs, rng)
        changed = walk.rerun(values)
        after = (_read(graph.values), _read(graph.grads),
                 {edge: (repr(float(r.local)), repr(float(r.grad))) for edge, r in graph.edge_records.items()})
        assert changed.nodes == {n for n in graph.nodes if (before[0][n], before[1][n]) != (after[0][n], after[1][n])}
        assert changed.edges == {e for e in graph.edge_records if before[2][e] != after[2][e]}
        fresh = parse(formula)
        fresh.forward(values)
        fresh.backward()
        fresh_walk = Walkthrough(fresh, walk.cursor)
        assert walk.line_ends() == fresh_walk.line_ends()
        assert _all_lines(walk, names) == _all_lines(fresh_walk, names)


def test_lines_of_steps_whose_numbers_stayed_are_not_written_again():
    """``x*y + sin(z)``: a new z leaves the product's forward line and its chain-rule lines as written."""
    graph = parse("x*y + sin(z)")
    names = graph_text.display_names(graph, {})
    graph.forward({"x": 2.0, "y": 3.0, "z": 0.5})
    graph.backward()
    walk = Walkthrough(graph, cursor=10**6)
    texts = walk.texts(names)
    written = {index: texts.of(index) for index in range(len(walk.steps))}
    walk.rerun({"x": 2.0, "y": 3.0, "z": 0.25})
    kept = {index for index in written if walk.texts(names).of(index) is written[index]}
    product = next(n for n, node in graph.nodes.items() if node.op == "mul")
    assert {index for index in kept if walk.steps[index].node_id == product} == {
        index for index, step in enumerate(walk.steps) if step.node_id == product}
    assert all(walk.steps[index].node_id != graph.output() or walk.steps[index].phase == "seed" for index in kept)


def test_numbers_differ_as_they_read_whether_compared_as_arrays_or_one_by_one():
    old = {"a": 1.0, "b": 0.0, "c": float("nan"), "d": 2.0, "e": float("inf")}
    new = {"a": 1.0, "b": -0.0, "c": float("nan"), "d": 2.5, "e": float("inf"), "f": 3.0}
    assert differing(new, old) == {"b", "d", "f"}  # another key: one by one
    del new["f"]
    assert differing(new, old) == {"b", "d"}  # the same keys in the same order: as arrays
    assert differing(dict(reversed(new.items())), old) == {"b", "d"}  # in another order: one by one
