"""The op table's spellings: each local rule is the op's partial, and a chain-rule line names its
gate's rule, in names and then with the numbers put in."""

import numpy as np
import pytest

from gdgui.core.autodiff.expr import parse
from gdgui.core.autodiff.graph_text import display_names
from gdgui.core.autodiff.ops import OPS
from gdgui.core.autodiff.passes import Walkthrough, plan
from gdgui.core.autodiff.spelling.templates import code, substituted, symbols
from gdgui.core.codegen.descent_script import NUMPY

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
