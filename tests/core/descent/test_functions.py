"""The function catalog: listed minima are real minima, and nothing on the domain is lower."""

import math

import numpy as np
import pytest

from gdgui.core.autodiff.expr import ParseError
from gdgui.core.descent.functions import catalog, get_function, objective_from_expr

SEED = ["quadratic", "easom", "himmelblau", "ackley"]
CLASSICS = {"rosenbrock", "rastrigin", "beale", "booth", "matyas", "three_hump_camel", "six_hump_camel", "saddle"}
ALL_MINIMA = [(o.id, m) for o in catalog() for m in o.minima]


def test_course_functions_come_first_on_the_course_domains():
    assert [o.id for o in catalog()][:4] == SEED
    assert CLASSICS <= {o.id for o in catalog()}
    domains = {o.id: o.domain for o in catalog()}
    assert domains["quadratic"] == domains["himmelblau"] == domains["ackley"] == (-5, 5, -5, 5)
    assert domains["easom"] == (-10, 10, -10, 10)


@pytest.mark.parametrize("function_id, text", [
    ("quadratic", lambda x, y: x**2 + 2 * y**2),
    ("easom", lambda x, y: -np.cos(x) * np.cos(y) * np.exp(-((x - np.pi) ** 2 + (y - np.pi) ** 2))),
    ("himmelblau", lambda x, y: (x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2),
    ("ackley", lambda x, y: -20 * np.exp(-0.2 * np.sqrt(0.5 * (x**2 + y**2)))
     - np.exp(0.5 * (np.cos(2 * np.pi * x) + np.cos(2 * np.pi * y))) + np.e + 20),
])
def test_seed_formulas_match_the_slides(function_id, text):
    rng = np.random.default_rng(3)
    xy = rng.uniform(-5, 5, size=(200, 2))
    np.testing.assert_allclose(get_function(function_id).value(xy), text(xy[:, 0], xy[:, 1]), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("function_id, minimum", ALL_MINIMA, ids=[f"{i}-{k}" for k, (i, _) in enumerate(ALL_MINIMA)])
def test_listed_minima_are_stationary_with_the_listed_value(function_id, minimum):
    value, grad = get_function(function_id).value_and_grad(np.array([[minimum.x, minimum.y]]))
    assert np.linalg.norm(grad) < 1e-6
    assert value[0] == pytest.approx(minimum.f, abs=1e-6)


@pytest.mark.parametrize("objective", [o for o in catalog() if o.global_minima()], ids=lambda o: o.id)
def test_nothing_on_a_fine_grid_is_lower_than_the_global_minimum(objective):
    x0, x1, y0, y1 = objective.domain
    xs, ys = np.linspace(x0, x1, 1000), np.linspace(y0, y1, 1000)
    grid = np.stack(np.meshgrid(xs, ys), axis=-1)
    lowest = objective.value(grid).min()
    best = min(m.f for m in objective.global_minima())
    # grid error: the grid may miss the exact minimum, never undercut it
    assert lowest >= best - 1e-9
    assert all(m.f == best for m in objective.global_minima())


@pytest.mark.parametrize("objective", catalog(), ids=lambda o: o.id)
def test_gradient_matches_central_differences_across_the_domain(objective):
    rng = np.random.default_rng(11)
    x0, x1, y0, y1 = objective.domain
    xy = np.column_stack([rng.uniform(x0, x1, 50), rng.uniform(y0, y1, 50)])
    _, grad = objective.value_and_grad(xy)
    h = 1e-6
    for axis in range(2):
        step = np.zeros(2)
        step[axis] = h
        numeric = (objective.value(xy + step) - objective.value(xy - step)) / (2 * h)
        np.testing.assert_allclose(grad[:, axis], numeric, rtol=1e-5, atol=1e-5 * max(1.0, np.abs(numeric).max()))


def test_every_entry_has_a_name_note_and_formula_text():
    for objective in catalog():
        assert objective.name and objective.note and objective.formula
        assert objective.id == objective.id.lower()


def test_value_and_grad_works_on_grids():
    value, grad = get_function("himmelblau").value_and_grad(np.zeros((4, 3, 2)))
    assert value.shape == (4, 3) and grad.shape == (4, 3, 2)
    assert value[0, 0] == 11**2 + 7**2


def test_unknown_function_names_the_known_ones():
    with pytest.raises(ValueError, match="unknown function 'nope'.*himmelblau"):
        get_function("nope")


def test_typed_formula_objective():
    objective = objective_from_expr("x^2 + y", domain=(-1, 1, -2, 2))
    value, grad = objective.value_and_grad(np.array([[3.0, 1.0]]))
    assert value[0] == 10.0 and grad.tolist() == [[6.0, 1.0]]
    assert objective.domain == (-1, 1, -2, 2)


def test_formula_in_x_only_has_zero_y_gradient():
    value, grad = objective_from_expr("x^2").value_and_grad(np.array([[2.0, 5.0], [1.0, 1.0]]))
    assert value.tolist() == [4.0, 1.0] and grad.tolist() == [[4.0, 0.0], [2.0, 0.0]]


def test_constant_formula_is_a_flat_surface():
    value, grad = objective_from_expr("3").value_and_grad(np.zeros((2, 2)))
    assert value.tolist() == [3.0, 3.0] and not grad.any()


@pytest.mark.parametrize("text, domain, error, words", [
    ("x + z", None, ValueError, "only use the variables x and y, not z"),
    ("x +", None, ParseError, "ends too early"),
    ("x", (1, 0, 0, 1), ValueError, "x min < x max"),
    ("x", (0, math.inf, 0, 1), ValueError, "finite"),
    ("x", (0, 1, 0), ValueError, "four numbers"),
    ("x", (-1e308, 1e308, 0, 1), ValueError, "too wide"),
])
def test_bad_typed_objectives(text, domain, error, words):
    with pytest.raises(error, match=words):
        objective_from_expr(text, domain)
