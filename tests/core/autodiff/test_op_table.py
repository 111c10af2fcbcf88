"""Every op of the table, kinks included, through both passes: the recorded one and the compiled tape.

``Graph.forward``/``backward`` record every edge and compute every slot's partial; the
tape's lean pass (``value_and_grad``, what the optimisers run) skips constant slots and
may swap in cheaper table entries.  Both must give the same numbers, NaN where and only
where the other does: the lean pass once gave ∂(x^0)/∂x = NaN at x = 0 (0 · 0^−1) while
the recorded one gave 0.  The power gate x^k is swept over every finite exponent of the
list, and must agree bit for bit with the binary pow fed a constant k (what it replaced).
"""

import itertools
import math

import numpy as np
import pytest

from gdgui.core.autodiff.gradcheck import central_differences
from gdgui.core.autodiff.graph import Graph
from gdgui.core.autodiff.ops import OPS

# Kinks and edges of every op: 0 and −0 (abs, relu, sqrt, log, 1/x), negatives (log, sqrt),
# equal pairs (max, min), negative bases with integer and non-integer exponents, 0^0,
# 0^negative, division by 0, π/2 for tan, and the infinities.
SPECIAL = [-math.inf, -2.5, -2.0, -1.0, -0.5, -0.0, 0.0, 0.5, 1.0, 1.5, 2.0, 3.0, math.pi / 2, math.inf]
UNARY = sorted(name for name, op in OPS.items() if op.arity == 1 and not op.exponent)
BINARY = sorted(name for name, op in OPS.items() if op.arity == 2)
EXPONENTS = [k for k in SPECIAL if math.isfinite(k)]  # a power gate's k is finite (graph files, parser)


def _same(actual, expected):
    """Equal to the last bit, NaN where and only where the other is NaN.

    (Scalars are not compared with arrays: NumPy's own loops differ there, e.g. (−∞)^0.5.)
    """
    np.testing.assert_allclose(actual, expected, rtol=0, atol=0, equal_nan=True)


def _graph(name: str, constants: dict[int, float], exponent: float | None = None) -> Graph:
    """``name`` applied to inputs a0, a1, … except the slots given as constants (a power gate: x^exponent)."""
    graph = Graph()
    slots = [graph.add_const(constants[i]) if i in constants else graph.add_input(f"a{i}")
             for i in range(OPS[name].arity)]
    graph.add_op(name, slots, exponent=exponent)
    return graph


def _recorded(graph: Graph, inputs: dict):
    value = graph.forward(inputs)
    return value, graph.backward()


def _cases():
    for name in UNARY:
        yield name, {}, {"a0": SPECIAL}, None
    for k in EXPONENTS:
        yield "power", {}, {"a0": SPECIAL}, k
    for name in BINARY:
        pairs = list(itertools.product(SPECIAL, SPECIAL))
        yield name, {}, {"a0": [a for a, _ in pairs], "a1": [b for _, b in pairs]}, None
        for constant in SPECIAL:  # one slot constant: the lean pass skips its partial
            yield name, {1: constant}, {"a0": SPECIAL}, None
            yield name, {0: constant}, {"a1": SPECIAL}, None


CASES = list(_cases())


@pytest.mark.parametrize("name, constants, points, exponent", CASES,
                         ids=[f"{n}-{sorted(c.items())}-{k}" for n, c, _, k in CASES])
def test_recorded_and_compiled_passes_agree_on_scalars_and_arrays(name, constants, points, exponent):
    graph = _graph(name, constants, exponent)
    tape = graph.tape()
    arrays = {key: np.array(values) for key, values in points.items()}
    value, grads = _recorded(graph, arrays)
    lean_value, lean_grads = tape.value_and_grad(arrays)
    _same(lean_value, value)
    for key in arrays:
        _same(lean_grads[key], grads[key])
    for i in range(len(next(iter(points.values())))):
        scalars = {key: values[i] for key, values in points.items()}
        scalar_value, scalar_grads = _recorded(graph, scalars)
        lean_value, lean_grads = tape.value_and_grad(scalars)
        _same(lean_value, scalar_value)
        for key in arrays:
            _same(lean_grads[key], scalar_grads[key])


@pytest.mark.parametrize("name", sorted(OPS))
def test_every_forward_takes_plain_python_floats_without_raising(name):
    # The parser folds input-free subformulas such as the exponent of x^reciprocal(0) in Python floats.
    with np.errstate(all="ignore"):
        for args in itertools.product(SPECIAL, repeat=OPS[name].operands):
            float(OPS[name].forward(*args))


def test_the_sweep_reaches_every_kink_it_names():
    for name in ("abs", "relu", "sqrt", "log", "reciprocal"):
        assert any(0.0 in points["a0"] for n, c, points, _ in CASES if n == name)
    pow_pairs = next(points for n, c, points, _ in CASES if n == "pow" and not c)
    pairs = set(zip(pow_pairs["a0"], pow_pairs["a1"]))
    kinks = {(-2.0, 2.0), (-2.0, 3.0), (-2.0, 0.5), (-2.0, -2.5), (0.0, 0.0), (0.0, -1.0)}
    assert kinks <= pairs
    power = {(x, k) for n, _, points, k in CASES if n == "power" for x in points["a0"]}
    assert kinks <= power


@pytest.mark.parametrize("graph", [_graph("pow", {1: 0.0}), _graph("power", {}, exponent=0.0)], ids=["pow", "power"])
def test_x_to_the_zero_has_zero_slope_everywhere_in_both_passes(graph):
    x = np.array([-2.0, -0.0, 0.0, 0.5, math.inf])
    _same(_recorded(graph, {"a0": x})[1]["a0"], np.zeros(5))
    _same(graph.tape().value_and_grad({"a0": x})[1]["a0"], np.zeros(5))


@pytest.mark.parametrize("k", EXPONENTS)
def test_the_power_gate_gives_what_pow_with_a_constant_exponent_gave(k):
    x = np.array(SPECIAL)
    old, new = _graph("pow", {1: k}), _graph("power", {}, exponent=k)
    for passes in (_recorded, lambda graph, inputs: graph.tape().value_and_grad(inputs)):
        old_value, old_grads = passes(old, {"a0": x})
        new_value, new_grads = passes(new, {"a0": x})
        _same(new_value, old_value)
        _same(new_grads["a0"], old_grads["a0"])
    assert set(new.edge_records) == {next(iter(new.edges()))}  # one wire, from x: k has none


SMOOTH = {"log": (0.2, 3.0), "sqrt": (0.2, 3.0), "reciprocal": (0.3, 3.0), "pow": (0.3, 2.5), "div": (0.3, 2.5),
          "tan": (-1.2, 1.2), "power": (0.3, 2.5)}


@pytest.mark.parametrize("name", sorted(OPS))
def test_both_passes_match_central_differences_at_smooth_points(name):
    arity = OPS[name].arity
    low, high = SMOOTH.get(name, (-2.0, 2.0))
    points = np.random.default_rng(len(name)).uniform(low, high, size=(40, arity))
    if name in ("abs", "relu", "max", "min"):  # away from the kinks, where the slope jumps
        points = points[np.abs(points).min(axis=1) > 0.05]
        points = points[np.abs(points[:, 0] - points[:, -1]) > 0.05] if arity == 2 else points
    graph = _graph(name, {}, exponent=2.5 if OPS[name].exponent else None)
    tape = graph.tape()
    inputs = {f"a{i}": points[:, i] for i in range(arity)}

    def f(rows):
        return tape.forward({f"a{i}": rows[:, i] for i in range(arity)})[tape.output]

    numeric = central_differences(f, points)  # (N, arity)
    recorded = _recorded(graph, inputs)[1]
    lean = tape.value_and_grad(inputs)[1]
    for i in range(arity):
        np.testing.assert_allclose(recorded[f"a{i}"], numeric[:, i], rtol=1e-6, atol=1e-8)
        np.testing.assert_allclose(lean[f"a{i}"], numeric[:, i], rtol=1e-6, atol=1e-8)
