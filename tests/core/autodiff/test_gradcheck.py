"""The one central-difference helper and the gradient check's three verdicts."""

import dataclasses
import math

import numpy as np
import pytest

from gdgui.core.autodiff.expr import parse
from gdgui.core.autodiff.gradcheck import (
    AGREES,
    CANNOT_CHECK,
    DISAGREES,
    RELATIVE_STEP,
    band,
    central_differences,
    grad_check,
)
from gdgui.core.autodiff.ops import OPS
from gdgui.core.numbers import plain, short


def test_central_difference_of_a_cubic_by_hand():
    # ((x+h)³ − (x−h)³) / 2h = 3x² + h² exactly: at x = 2 the step is 2e-6, so 12 + 4e-12
    slopes = central_differences(lambda rows: rows[:, 0] ** 3, [[2.0]])
    assert slopes.shape == (1, 1)
    assert slopes[0, 0] == pytest.approx(12.0 + (2 * RELATIVE_STEP) ** 2, rel=1e-9)


def test_central_differences_of_a_vector_function_give_its_jacobian():
    # f(x, y) = (x·y, x²): Jacobian [[y, x], [2x, 0]] at (3, −4) and (0.5, 2)
    def f(rows):
        return np.column_stack([rows[:, 0] * rows[:, 1], rows[:, 0] ** 2])

    jacobians = central_differences(f, [[3.0, -4.0], [0.5, 2.0]])
    assert jacobians.shape == (2, 2, 2)
    np.testing.assert_allclose(jacobians, [[[-4, 3], [6, 0]], [[2, 0.5], [1, 0]]], rtol=1e-9, atol=1e-9)


def test_x_times_x_at_1e10_agrees():
    # A step of 1e-6 at x = 1e10 is about one float spacing: the slope came out 40 % off.
    check = grad_check(parse("x*x"), {"x": 1e10})
    assert check.verdict == AGREES and check.max_rel_error < 1e-9, check


def test_a_wrong_partial_disagrees_and_names_the_input(monkeypatch):
    wrong = dataclasses.replace(OPS["sin"], partials=(lambda a, o: -np.cos(a[0]),))
    monkeypatch.setitem(OPS, "sin", wrong)
    check = grad_check(parse("sin(x) + y"), {"x": 0.5, "y": 1.0})
    assert check.verdict == DISAGREES
    assert check.per_input["x"] == pytest.approx(2.0) and check.per_input["y"] < 1e-9
    assert check.reason(plain).startswith("∂f/∂x is -0.877583 by the backward pass and 0.877583 by central differences")
    assert check.reason(short).startswith("∂f/∂x is −0.8776 by the backward pass and 0.8776 by central")


@pytest.mark.parametrize("text, point", [
    ("log(x) + y", {"x": 0.0, "y": 1.0}),   # ∂f/∂x = ∞, while log(−h) is NaN
    ("sqrt(x) * y", {"x": -1.0, "y": 2.0}),  # NaN both ways
    ("exp(x)", {"x": 800.0}),                # ∞ both ways: a ratio of infinities measures nothing
])
def test_a_nan_error_cannot_check_and_says_why(text, point):
    check = grad_check(parse(text), point)
    assert check.verdict == CANNOT_CHECK
    assert math.isnan(check.max_rel_error) and math.isnan(check.per_input["x"])
    reason = check.reason(short)
    assert reason.startswith("∂f/∂x is ") and "a relative error needs two finite numbers" in reason
    assert "nan" not in reason and "inf" not in reason  # the window writes ∞ and "undefined"


def test_the_check_leaves_the_passes_recorded_at_the_point():
    graph = parse("x*y")
    grad_check(graph, {"x": 3.0, "y": -2.0})
    assert float(graph.values[graph.output()]) == -6.0
    assert float(graph.grads[graph.input_ids()["x"]]) == -2.0


@pytest.mark.parametrize("error, expected", [
    (0.0, "good"), (1e-7, "good"), (1e-5, "doubtful"), (1e-2, "wrong"), (math.inf, "wrong"),
    (math.nan, CANNOT_CHECK)])
def test_bands(error, expected):
    assert band(error) == expected
