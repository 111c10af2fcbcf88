"""The autodiff engine against the course's hand-worked numbers and central differences."""

import dataclasses
import math

import numpy as np
import pytest

from gdgui.core.autodiff.expr import parse
from gdgui.core.autodiff.gradcheck import AGREES, DISAGREES, grad_check
from gdgui.core.autodiff.graph import Edge, Graph, GraphError
from gdgui.core.autodiff.ops import OPS

LOGISTIC = "1/(1+exp(-(w0+w1*x1+w2*x2)))"
SEED_POINT = {"x1": -1.0, "x2": -2.0, "w0": -3.0, "w1": 2.0, "w2": -3.0}


def run(text, values):
    graph = parse(text)
    value = graph.forward(values)
    return graph, value, graph.backward()


def edge_grads_into(graph, name):
    """The contributions flowing back into input ``name`` along each of its edges."""
    node_id = graph.input_ids()[name]
    return sorted(float(r.grad) for e, r in graph.edge_records.items() if e.src == node_id)


def test_slides_sum_times_x3():
    # p = x1 + x2 = 3; f = p·x3 = 12; ∂f/∂x1 = ∂f/∂p·∂p/∂x1 = x3·1 = 4, ∂f/∂x3 = p = 3
    graph, value, grads = run("(x1+x2)*x3", {"x1": 1.0, "x2": 2.0, "x3": 4.0})
    assert value == 12.0
    assert (grads["x1"], grads["x2"], grads["x3"]) == (4.0, 4.0, 3.0)


def test_slides_logistic_unit():
    # w0 + w1·x1 + w2·x2 = −3 − 2 + 6 = 1; f = σ(1) = 0.7310585786;
    # σ'(1) = f(1 − f) = 0.1966119; ∂f/∂w = σ'·[1, x1, x2], ∂f/∂x = σ'·[w1, w2]
    graph, value, grads = run(LOGISTIC, SEED_POINT)
    assert value == pytest.approx(0.7310585786, abs=1e-10)
    np.testing.assert_allclose([grads["w0"], grads["w1"], grads["w2"]], [0.1966119, -0.1966119, -0.3932239], atol=1e-7)
    np.testing.assert_allclose([grads["x1"], grads["x2"]], [0.3932239, -0.5898358], atol=1e-7)


def test_logistic_with_sigmoid_gate_matches_primitives():
    _, value, grads = run("sigmoid(w0+w1*x1+w2*x2)", SEED_POINT)
    _, value_primitive, grads_primitive = run(LOGISTIC, SEED_POINT)
    assert value == pytest.approx(value_primitive, rel=1e-15)
    for name in SEED_POINT:
        assert grads[name] == pytest.approx(grads_primitive[name], rel=1e-12)


def test_cs231n_circuit():
    _, value, grads = run("(x+y)*z", {"x": -2.0, "y": 5.0, "z": -4.0})
    assert value == -12.0
    assert (grads["x"], grads["y"], grads["z"]) == (-4.0, -4.0, 3.0)


def test_colah_fork_sums_two_contributions():
    # e = (a+b)(b+1) at a=2, b=1: c = 3, d = 2; ∂e/∂b = d·1 + c·1 = 2 + 3 = 5
    graph, value, grads = run("(a+b)*(b+1)", {"a": 2.0, "b": 1.0})
    assert value == 6.0 and grads["b"] == 5.0 and grads["a"] == 2.0
    assert edge_grads_into(graph, "b") == [2.0, 3.0]
    assert graph.grads[graph.input_ids()["b"]] == 5.0


def test_max_router():
    # q = x·y = −12, m = max(z, w) = 2 → only z gets the gradient; f = 2(q + m)
    _, value, grads = run("((x*y) + max(z, w))*2", {"x": 3.0, "y": -4.0, "z": 2.0, "w": -1.0})
    assert value == -20.0
    assert [grads[n] for n in "xyzw"] == [-8.0, 6.0, 2.0, 0.0]


def test_edge_record_is_upstream_times_local():
    graph, _, _ = run(LOGISTIC, SEED_POINT)
    for edge, record in graph.edge_records.items():
        assert np.asarray(record.value) == pytest.approx(graph.values[edge.src])
        assert record.grad == pytest.approx(graph.grads[edge.dst] * record.local)
    for node_id in graph.nodes:
        outgoing = [r.grad for e, r in graph.edge_records.items() if e.src == node_id]
        if outgoing:
            assert graph.grads[node_id] == pytest.approx(sum(outgoing))


def test_square_keeps_both_edges_of_x_times_x():
    graph, value, grads = run("x*x", {"x": 3.0})
    mul = graph.output()
    x = graph.input_ids()["x"]
    assert set(graph.edge_records) == {Edge(x, mul, 0), Edge(x, mul, 1)}
    assert value == 9.0 and grads["x"] == 6.0


UNARY_POINTS = {"log": (0.1, 5), "sqrt": (0.1, 5), "reciprocal": (0.3, 4)}


def _call(name: str) -> str:
    """The op applied to inputs a0, a1, …: a call, or for the power gate x^k a power of a0."""
    if OPS[name].exponent:
        return "a0^2.5"  # a fractional k: a real power needs a positive base
    return f"{name}({', '.join(f'a{i}' for i in range(OPS[name].arity))})"


@pytest.mark.parametrize("name", sorted(OPS))
def test_every_op_matches_central_differences(name):
    rng = np.random.default_rng(sum(map(ord, name)))
    arity = OPS[name].arity
    low, high = UNARY_POINTS.get(name, (-2, 2))
    if name in ("pow", "power", "div"):
        low, high = 0.3, 2.5  # positive base (real powers), denominator away from 0
    graph = parse(_call(name))
    assert graph.nodes[graph.output()].op == name
    for _ in range(20):
        point = {f"a{i}": float(rng.uniform(low, high)) for i in range(arity)}
        if name in ("abs", "relu", "max", "min") and min(abs(v) for v in point.values()) < 1e-3:
            continue
        check = grad_check(graph, point)
        assert check.verdict == AGREES, (point, check)
        assert check.max_rel_error < 1e-6


@pytest.mark.parametrize("name", sorted(OPS))
def test_array_inputs_equal_a_loop_over_scalars(name):
    rng = np.random.default_rng(7)
    arity = OPS[name].arity
    graph = parse(_call(name))
    arrays = {f"a{i}": rng.uniform(0.2, 2.0, size=(3, 4)) for i in range(arity)}
    value = graph.forward(arrays)
    grads = graph.backward()
    for index in np.ndindex(3, 4):
        scalar_value = graph.forward({k: v[index] for k, v in arrays.items()})
        scalar_grads = graph.backward()
        assert value[index] == scalar_value
        for key in arrays:
            assert grads[key][index] == scalar_grads[key]
            assert grads[key].shape == (3, 4)


def test_broadcast_input_gets_summed_gradient_of_its_own_shape():
    graph = parse("a*b")
    graph.forward({"a": np.array([1.0, 2.0, 3.0]), "b": 2.0})
    grads = graph.backward()
    assert grads["a"].tolist() == [2.0, 2.0, 2.0]
    assert grads["b"].shape == () and float(grads["b"]) == 6.0


@pytest.mark.parametrize("text, point, expected", [
    ("abs(x)", {"x": 0.0}, 0.0),
    ("relu(x)", {"x": 0.0}, 0.0),
    ("sqrt(x)", {"x": 0.0}, 0.0),
])
def test_kink_conventions(text, point, expected):
    _, _, grads = run(text, point)
    assert grads["x"] == expected


@pytest.mark.parametrize("text", ["max(x, y)", "min(x, y)"])
def test_ties_send_the_whole_gradient_to_the_first_argument(text):
    _, _, grads = run(text, {"x": 1.5, "y": 1.5})
    assert (grads["x"], grads["y"]) == (1.0, 0.0)


def test_ackley_gradient_at_origin_is_zero_not_nan():
    from gdgui.core.descent.functions import get_function
    value, grad = get_function("ackley").value_and_grad(np.zeros((1, 2)))
    assert value[0] == pytest.approx(0.0, abs=1e-12)
    assert grad.tolist() == [[0.0, 0.0]]


def test_overflow_gives_inf_and_nan_never_an_exception():
    graph, value, grads = run("exp(x)*y - exp(x)", {"x": 1000.0, "y": 1.0})
    assert math.isnan(value) or math.isinf(value)
    graph, value, grads = run("exp(x)", {"x": 1000.0})
    assert value == math.inf and grads["x"] == math.inf


def test_pow_with_variable_exponent():
    # d/db a^b = a^b ln a; d/da a^b = b a^(b−1): at a = 2, b = 3: 8 ln 2 and 12
    _, value, grads = run("a^b", {"a": 2.0, "b": 3.0})
    assert value == 8.0
    assert grads["a"] == pytest.approx(12.0) and grads["b"] == pytest.approx(8 * math.log(2))


def test_deep_graph_does_not_hit_the_recursion_limit():
    graph = Graph()
    node = graph.add_input("x")
    for _ in range(5000):
        node = graph.add_op("sin", [node])
    graph.forward({"x": 0.5})
    assert np.isfinite(graph.backward()["x"])


def test_cycle_is_refused():
    graph = parse("(a+b)*c")
    add = next(n.id for n in graph.nodes.values() if n.op == "add")
    mul = graph.output()
    graph.disconnect(add, 0)
    with pytest.raises(GraphError, match="cycle"):
        graph.connect(mul, add, 0)


def test_missing_argument_and_unknown_op_are_clear_errors():
    graph = Graph()
    x = graph.add_input("x")
    graph.add_op("mul", [x, None])
    with pytest.raises(GraphError, match="missing argument 2"):
        graph.topo_order()
    with pytest.raises(GraphError, match="unknown operation 'frobnicate'"):
        graph.add_op("frobnicate", [x])


def test_filled_slot_is_refused():
    graph = parse("a*b")
    with pytest.raises(GraphError, match="already connected"):
        graph.connect(graph.input_ids()["a"], graph.output(), 1)


def test_missing_input_value_is_a_clear_error():
    graph = parse("a*b")
    with pytest.raises(KeyError, match="b"):
        graph.forward({"a": 1.0})


def test_gradcheck_flags_a_wrong_gradient(monkeypatch):
    wrong = dataclasses.replace(OPS["mul"], partials=(lambda a, o: a[1], lambda a, o: 2 * a[0]))
    monkeypatch.setitem(OPS, "mul", wrong)
    graph = parse("x*x")
    check = grad_check(graph, {"x": 3.0})
    assert check.verdict == DISAGREES and check.max_rel_error > 0.1


# ----- x^k with a constant k: one power gate, no NaN on a constant exponent ---------------------
def _no_label_is_undefined(graph):
    """Every number the Backprop tab would draw: node values and the gradients of non-constant wires."""
    drawn = [graph.values[n] for n in graph.nodes] + [r.grad for e, r in graph.edge_records.items()
                                                      if graph.nodes[e.src].kind != "const"]
    assert np.isfinite(np.array(drawn, dtype=float)).all()


@pytest.mark.parametrize("text, point, value, gradient", [
    # (x − 3)² at x = 1: (−2)² = 4; ∂f/∂x = 2(x − 3) = −4
    ("(x-3)^2", {"x": 1.0}, 4.0, {"x": -4.0}),
    # x² + 2y² at (−1, −1): 1 + 2 = 3; ∇f = (2x, 4y) = (−2, −4)
    ("x^2 + 2*y^2", {"x": -1.0, "y": -1.0}, 3.0, {"x": -2.0, "y": -4.0}),
    # Himmelblau at (−1, −1): A = x² + y − 11 = −11, B = x + y² − 7 = −7, f = A² + B² = 121 + 49 = 170;
    # ∂f/∂x = 2A·2x + 2B = 44 − 14 = 30, ∂f/∂y = 2A + 2B·2y = −22 + 28 = 6
    ("(x^2 + y - 11)^2 + (x + y^2 - 7)^2", {"x": -1.0, "y": -1.0}, 170.0, {"x": 30.0, "y": 6.0}),
    # x⁻¹ at −2: −0.5; ∂f/∂x = −x⁻² = −0.25.  x^0.5 at 4: 2, 0.5·4^(−0.5) = 0.25
    ("x^-1", {"x": -2.0}, -0.5, {"x": -0.25}),
    ("x^0.5", {"x": 4.0}, 2.0, {"x": 0.25}),
    ("x^3", {"x": -2.0}, -8.0, {"x": 12.0}),  # 3x² = 12
])
def test_negative_bases_and_hand_worked_numbers_of_powers(text, point, value, gradient):
    graph, f, grads = run(text, point)
    assert f == value and {name: float(g) for name, g in grads.items()} == gradient
    _no_label_is_undefined(graph)
    check = grad_check(graph, point)
    assert check.verdict == AGREES and check.max_rel_error < 1e-6


def test_a_negative_base_to_a_fractional_power_is_honestly_undefined():
    _, f, grads = run("x^0.5", {"x": -1.0})
    assert math.isnan(f) and math.isnan(grads["x"])


def test_catalog_functions_compute_what_pow_gates_fed_constants_computed_bit_for_bit():
    """The Descent tab's typed and catalog functions: the same numbers as before the power gate."""
    from gdgui.core.descent.functions import catalog
    grid = np.stack(np.meshgrid(np.linspace(-4.5, 4.5, 13), np.linspace(-3.7, 3.9, 11)), axis=-1).reshape(-1, 2)
    for objective in catalog():
        new = parse(objective.formula)
        old = _with_pow_gates(new)
        assert any(n.op == "power" for n in new.nodes.values()) == any(n.op == "pow" for n in old.nodes.values())
        inputs = {name: grid[:, i] for i, name in enumerate(("x", "y")) if name in new.input_names()}
        for graph_passes in (lambda g: g.tape().value_and_grad(inputs), lambda g: (g.forward(inputs), g.backward())):
            (new_value, new_grads), (old_value, old_grads) = graph_passes(new), graph_passes(old)
            np.testing.assert_array_equal(new_value, old_value)
            for name in inputs:
                np.testing.assert_array_equal(new_grads[name], old_grads[name])


def _with_pow_gates(graph: Graph) -> Graph:
    """A copy whose power gates are binary pow gates fed a constant node: how x^2 was built before."""
    copy = Graph()
    for node_id in graph.topo_order():
        node = graph.nodes[node_id]
        if node.kind == "input":
            copy.add_input(node.name, node_id=node_id)
        elif node.kind == "const":
            copy.add_const(node.value, node_id=node_id)
        elif node.op == "power":
            copy.add_op("pow", [node.args[0], copy.add_const(node.exponent, node_id=node_id + "k")], node_id=node_id)
        else:
            copy.add_op(node.op, node.args, node_id=node_id)
    copy.output_id = graph.output()
    return copy
