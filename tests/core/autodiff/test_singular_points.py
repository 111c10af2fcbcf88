"""The op table's singular points, checked against the ops' own values, not against the table:
one-sided difference quotients that blow up (∞), a value that is NaN (undefined), or two sides whose
slopes differ (a corner).  Where the table says nothing, both sides agree on a finite slope."""

import math

import numpy as np
import pytest

from gdgui.core.autodiff import graph_text
from gdgui.core.autodiff.expr import parse
from gdgui.core.autodiff.ops import CORNER, INFINITE, OPS, UNDEFINED, singularity

POINTS = [-2.5, -2.0, -1.0, -0.5, -0.0, 0.0, 0.5, 1.0, 1.5, 2.0, 3.0]
EXPONENTS = [-2.5, -2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 3.0]
H = 1e-12


def _kind_by_differences(f, x):
    """What a student's difference quotients say about f at x: None for an ordinary finite slope."""
    with np.errstate(all="ignore"):
        here, right, left = (float(f(np.float64(v))) for v in (x, x + H, x - H))
    if math.isnan(here):
        return UNDEFINED
    sides = [(right - here) / H if not math.isnan(right) else None, (here - left) / H if not math.isnan(left) else None]
    slopes = [s for s in sides if s is not None]  # a side where f has no value has no slope either
    if any(not math.isfinite(s) or abs(s) > 1e5 for s in slopes):
        return INFINITE
    if len(slopes) == 2 and abs(slopes[0] - slopes[1]) > 1e-2:
        return CORNER
    return None


def _unary_cases():
    for name, op in sorted(OPS.items()):
        if op.arity == 1 and not op.exponent:
            yield name, op.forward, ()
    for k in EXPONENTS:
        yield "power", (lambda x, k=k: OPS["power"].forward(x, k)), (k,)


@pytest.mark.parametrize("name, f, exponent", list(_unary_cases()), ids=lambda v: str(v) if not callable(v) else "")
def test_the_table_names_exactly_the_points_where_the_slope_is_no_ordinary_number(name, f, exponent):
    for x in POINTS:
        point = singularity(OPS[name], 0, (x, *exponent))
        assert (point.kind if point else None) == _kind_by_differences(f, x), (name, exponent, x)


def test_a_convention_is_named_exactly_where_the_engine_gives_a_finite_slope_at_a_singular_point():
    for name, op in OPS.items():
        for point in op.singular:
            assert point.used is None or point.kind != UNDEFINED, name
    with np.errstate(all="ignore"):
        for name, x in [("sqrt", 0.0), ("abs", 0.0), ("relu", 0.0)]:
            assert singularity(OPS[name], 0, (x,)).used is not None
            assert OPS[name].partials[0]((np.float64(x),), OPS[name].forward(np.float64(x))) == 0.0
        for name, x in [("log", 0.0), ("reciprocal", 0.0), ("log", -1.0), ("sqrt", -1.0)]:
            assert singularity(OPS[name], 0, (x,)).used is None
            assert not math.isfinite(OPS[name].partials[0]((np.float64(x),), OPS[name].forward(np.float64(x))))


@pytest.mark.parametrize("formula, at, expected", [
    ("x / y", {"x": 1.0, "y": 0.0}, {0: INFINITE, 1: INFINITE}),
    ("x / y", {"x": 0.0, "y": 0.0}, {0: UNDEFINED, 1: UNDEFINED}),
    ("x / y", {"x": 0.0, "y": 2.0}, {}),
    ("x ^ y", {"x": -2.0, "y": 2.0}, {1: UNDEFINED}),     # ∂/∂y = a^b·ln a: no real ln of −2
    ("x ^ y", {"x": 0.0, "y": 0.5}, {0: INFINITE}),
    ("x ^ y", {"x": 0.0, "y": 2.0}, {}),                   # 0^y is 0 for every y > 0: slope 0 both ways
])
def test_binary_gates_by_hand(formula, at, expected):
    graph = parse(formula)
    graph.forward(at)
    graph.backward()
    (gate,) = [i for i, node in graph.nodes.items() if node.kind == "op"]
    found = {edge.slot: point.kind for edge, point in graph_text.singular_edges(graph, gate)}
    assert found == expected


def test_an_undefined_log_has_an_undefined_slope_in_both_passes():
    graph = parse("log(x) + y")
    graph.forward({"x": -1.0, "y": 2.0})
    assert math.isnan(graph.backward()["x"])  # 1/x would say −1 for a value that does not exist
    assert math.isnan(graph.tape().value_and_grad({"x": np.array([-1.0]), "y": np.array([2.0])})[1]["x"][0])
