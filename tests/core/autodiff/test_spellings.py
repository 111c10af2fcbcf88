"""The op table's spellings: each local rule is the op's partial, and a chain-rule line names its
gate's rule, in names and then with the numbers put in."""

import math

import numpy as np
import pytest

from gdgui.core.autodiff.expr import parse
from gdgui.core.autodiff.graph_text import display_names
from gdgui.core.autodiff.ops import CONVENTIONS, OPS
from gdgui.core.autodiff.passes import Walkthrough, plan
from gdgui.core.autodiff.spelling.templates import code, substituted, symbols
from gdgui.core.codegen.descent_script import NUMPY
from gdgui.core.codegen.micrograd import MATH

SCOPE = {"np": np, "sigmoid": lambda v: 1.0 / (1.0 + np.exp(-v)), "relu": lambda v: np.maximum(v, 0.0)}
POINTS = [(0.3, 1.3), (0.7, 2.5), (1.9, 0.4), (1.1, 1.1)]  # ordinary points of every op: positive, a tie


@pytest.mark.parametrize("name", sorted(OPS))
def test_every_rule_is_the_op_s_partial_at_ordinary_points(name):
    op = OPS[name]
    assert len(op.rules) == op.arity and op.spelling
    for a, b in POINTS:
        args = [np.float64(a), np.float64(3.0 if op.exponent else b)]
        out = op.forward(*args[:op.operands])
        operands = {"a": repr(a), "b": repr(b), "k": 3.0, "out": repr(float(out))}
        assert eval(code(op.spelling, operands, NUMPY), SCOPE) == pytest.approx(out, rel=1e-14)
        for rule, partial in zip(op.rules, op.partials):
            assert eval(code(rule, operands, NUMPY), SCOPE) == pytest.approx(partial(args, out), rel=1e-14)


@pytest.mark.parametrize("op, rule", [("tanh", "1 − tanh²(n)"), ("sigmoid", "σ(n)·(1 − σ(n))"),
                                      ("sqrt", "1/(2·√n)"), ("power", "3·n²"), ("div", "−n/m²"),
                                      ("relu", "[n > 0]"), ("reciprocal", "−1/n²")])
def test_a_rule_reads_as_a_student_writes_it(op, rule):
    spelled = OPS[op]
    forward = substituted(spelled.spelling, {"a": "n", "b": "m", "k": 3.0})
    assert symbols(substituted(spelled.rules[-1], {"a": "n", "b": "m", "k": 3.0, "out": forward})) == rule


def _lines(formula, values, given_names):
    graph = parse(formula)
    graph.forward(values)
    graph.backward()
    gates = [n for n in graph.topo_order() if graph.nodes[n].kind == "op"]
    names = display_names(graph, dict(zip(gates, given_names)))
    return [line.text for line in Walkthrough(graph, len(plan(graph))).lines(names)]


def test_the_lecture_neuron_s_lines_name_each_gate_s_rule():
    # n = x1·w1 + x2·w2 + b = 0.8814, o = tanh(n) = 0.7071: ∂o/∂n = 1 − 0.7071² = 0.5, and the sums pass 0.5 on
    lines = _lines("tanh(x1*w1 + x2*w2 + b)", {"x1": 2.0, "x2": 0.0, "w1": -3.0, "w2": 1.0, "b": 6.8813735870195432},
                   ["x1w1", "x2w2", "s", "n", "o"])
    assert lines[5:9] == ["∂o/∂o = 1  (the backward pass starts at the output)",
                          "∂o/∂n = ∂o/∂o · (1 − tanh²(n)) = 1 × (1 − 0.7071²) = 0.5",
                          "∂o/∂s = ∂o/∂n · 1 = 0.5 × 1 = 0.5",
                          "∂o/∂b = ∂o/∂n · 1 = 0.5 × 1 = 0.5"]
    assert "∂o/∂x1 = ∂o/∂x1w1 · w1 = 0.5 × (−3) = −1.5" in lines
    assert not any("∂o/∂o · ∂o/∂" in line for line in lines)  # the tautology ∂f/∂q = ∂f/∂f · ∂f/∂q is gone


def test_a_product_of_numbers_and_a_power_s_rule_with_its_exponent_worked_out():
    # f = x³·y at x = 2, y = −1: ∂f/∂q = y = −1 (q = x³), ∂f/∂x = −1 · 3·2² = −12
    lines = _lines("x^3 * y", {"x": 2.0, "y": -1.0}, ["q", "f"])
    assert lines[-2:] == ["∂f/∂y = ∂f/∂f · q = 1 × 8 = 8", "∂f/∂x = ∂f/∂q · 3·x² = (−1) × 3 × 2² = −12"]


SINGULAR = [-1.0, -0.0, 0.0, 0.5, 2.0]  # where ops' singular points are: at 0, below it, and ordinary points


@pytest.mark.parametrize("name", sorted(OPS))
def test_every_rule_with_its_conventions_is_the_op_s_partial_everywhere(name):
    """At singular points too (√′(0) := 0, ∂(a^b)/∂b = 0 at a = 0 < b, NaN where log has no value),
    written as NumPy code (np.where) and as Python on floats (a conditional, which must not raise)."""
    op = OPS[name]
    for a in SINGULAR:
        for b in SINGULAR:
            args = [np.float64(a), np.float64(b)]
            with np.errstate(all="ignore"):
                out = op.forward(*args[:op.operands])
                operands = {"a": "A", "b": "B", "k": b, "out": "OUT"}
                arrays = SCOPE | {"A": args[0], "B": args[1], "OUT": out}  # NumPy numbers: IEEE, no exceptions
                floats = {"math": math, "A": a, "B": b, "OUT": float(out)}
                for slot, (rule, partial) in enumerate(zip(op.rules, op.partials)):
                    expected = float(np.asarray(partial(args, out), dtype=float))
                    cases = CONVENTIONS.get((name, slot), ())
                    vectorised = eval(code(rule, operands, NUMPY, cases=cases), arrays)
                    assert float(vectorised) == pytest.approx(expected, nan_ok=True), (a, b, slot)
                    if any(eval(code(condition, operands, NUMPY), arrays) for condition, _ in cases):
                        scalar = eval(code(rule, operands, MATH, cases=cases), floats)
                        assert float(scalar) == pytest.approx(expected, nan_ok=True), (a, b, slot)
