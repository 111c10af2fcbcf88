"""What a point or a path is: kinks where ∇f jumps, paths circling one, and steady falls."""

import numpy as np
import pytest

from gdgui.core.descent.critical import CIRCLE_STEPS, circles_kink, fall_streak, falls_away, kinked
from gdgui.core.descent.functions import get_function, objective_from_expr
from gdgui.core.descent.optimizers import make_optimizer
from gdgui.core.descent.runs import Run

ABS = objective_from_expr("abs(x) + abs(y)")
ACKLEY = get_function("ackley")
HIMMELBLAU = get_function("himmelblau")


def test_a_kink_is_where_the_gradient_jumps_across_the_point():
    # |x| + |y|: ∇f = (sign x, sign y) jumps by 2 across either axis, and is constant elsewhere.
    assert kinked(ABS, [(0, 0), (0, 1.5), (2, 0), (1e-8, 0.5)]).tolist() == [True] * 4
    assert kinked(ABS, [(1, 1), (-4, 3.5), (0.01, 0.5)]).tolist() == [False] * 3
    # Ackley's cone −20·exp(−0.2·r/√2) has a cusp at the origin only; sqrt(x² + y²) too.
    assert kinked(ACKLEY, [(0, 0), (0.3, 0.2), (1e-3, 0)]).tolist() == [True, False, False]
    assert kinked(objective_from_expr("sqrt(x^2 + y^2)"), [(0, 0)]).tolist() == [True]


def test_smooth_points_are_never_kinks_however_sharply_they_curve():
    minima = [(m.x, m.y) for m in HIMMELBLAU.minima]
    assert not kinked(HIMMELBLAU, minima + [(0, 0), (-4, 3.5)]).any()
    assert not kinked(objective_from_expr("1e6*x^2 + y^2"), [(0, 0), (1e-7, 0)]).any()
    assert not kinked(objective_from_expr("x + y"), [(0, 0), (3, -2)]).any()  # straight: no jump at all


def _last_rows(objective, optimizer, lr, start, steps=2000):
    run = Run(objective, make_optimizer(optimizer, lr), [start], max_steps=steps)
    run.run()
    rows = run.history[-CIRCLE_STEPS:, 0]
    return rows[None, :, :2], rows[None, :, 3:5]


@pytest.mark.parametrize("objective, optimizer, lr, start", [
    (ABS, "gd", 0.1, (-4, 3.5)), (ABS, "momentum", 0.1, (-4, 3.5)), (ABS, "adam", 0.1, (-4, 3.5)),
    (ACKLEY, "momentum", 0.01, (0.3, 0.2)), (ACKLEY, "adam", 0.01, (0.3, 0.2)),
])
def test_a_path_that_circles_a_kink_is_recognised(objective, optimizer, lr, start):
    positions, gradients = _last_rows(objective, optimizer, lr, start)
    # What makes it a kink: ‖∇f‖ stays large along the whole orbit while the gradients cancel out.
    norms = np.hypot(*gradients[0].T)
    assert norms.min() > 0.5 and np.hypot(*gradients[0].mean(axis=0)) < norms.mean() / 2
    assert circles_kink(objective, positions, gradients).tolist() == [True]


@pytest.mark.parametrize("function, optimizer, lr, start", [
    ("quadratic", "gd", 0.4999, (-4, 3.5)),   # bounces across the bowl, shrinking by 0.9996 a step
    ("quadratic", "momentum", 0.01, (-4, 3.5)),  # spirals in
    ("himmelblau", "gd", 0.03, (-4, 3.5)),    # γ too large: bounces around a smooth valley
    ("rosenbrock", "gd", 0.0019, (-1.5, 2)),  # zig-zags down the curved valley
    ("rastrigin", "gd", 0.05, (2.3, 2.1)),
])
def test_bouncing_on_a_smooth_f_is_not_a_kink(function, optimizer, lr, start):
    objective = get_function(function)
    assert circles_kink(objective, *_last_rows(objective, optimizer, lr, start)).tolist() == [False]


def test_a_fall_counts_while_f_drops_no_less_each_step():
    streak, drop_before = np.zeros(4, dtype=int) + 3, np.full(4, 1.0)
    drop = np.array([1.0, 2.0, 0.5, -1.0])  # the same, more, less, f rose
    assert fall_streak(streak, drop_before, drop).tolist() == [4, 4, 0, 0]
    # f reaching −∞ is a fall too; NaN is not.
    assert fall_streak(np.array([2, 2]), np.array([1e300, 1.0]), np.array([np.inf, np.nan])).tolist() == [3, 0]


def test_a_steady_fall_runs_away_only_while_downhill_points_outwards():
    streak, steps = np.array([5, 5, 5, 2, 2, 0]), np.array([100, 100, 100, 2, 50, 0])
    outwards = np.array([[-10, 10], [-10, 10], [10, 0], [5, 0], [5, 0], [5, 0]])
    # f = x·y at (−10, 10): ∇f = (10, −10), downhill (−10, 10) points outwards; at (10, 0) f = x
    # has downhill (−1, 0), back towards the domain.
    gradients = np.array([[10, -10], [-10, 10], [1, 0], [-1, 0], [-1, 0], [-1, 0]])
    found = falls_away(streak, steps, outwards, gradients).tolist()
    # Fell steadily outwards; heads back inwards; heads back; ran away within 2 steps, falling on
    # both; fell on only the last 2 of 50 steps; never fell.
    assert found == [True, False, False, True, False, False]
