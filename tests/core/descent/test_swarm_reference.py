"""A vectorised run against a plain one-particle-at-a-time reference: same rows, same stop reasons.

The reference below is the run as its docstring describes it, written the obvious way: each
particle alone, its stop checks on the whole row (``np.linalg.norm``, ``.any()`` over x and y).
Every op is elementwise, so the swarm's rows must equal the reference's bit for bit.
"""

import numpy as np
import pytest

from gdgui.core.descent.critical import classify_critical
from gdgui.core.descent.functions import CHUNK_POINTS, get_function, objective_from_expr
from gdgui.core.descent.optimizers import OPTIMIZERS, make_optimizer
from gdgui.core.descent.runs import ESCAPE_WIDTHS, Run, random_starts
from gdgui.core.descent.stepping.stopping import FEW_POINTS
from gdgui.core.descent.stop_reasons import CONVERGED, DIVERGED, MAX_STEPS, RUNNING, SADDLE

HIMMELBLAU = get_function("himmelblau")


def reference_particle(objective, name, lr, start, tol, max_steps):
    """Rows (x, y, f, gx, gy) and status of one particle, stepped alone until it stops."""
    x0, x1, y0, y1 = objective.domain
    centre = np.array([(x0 + x1) / 2, (y0 + y1) / 2])
    escape = ESCAPE_WIDTHS * np.array([x1 - x0, y1 - y0])
    optimizer = make_optimizer(name, lr)
    x = np.array([start], dtype=float)
    f, g = objective.value_and_grad(x)
    rows = [np.concatenate([x[0], f, g[0]])]

    def stopped():
        if not (np.isfinite(x).all() and np.isfinite(f).all() and np.isfinite(g).all()):
            return DIVERGED
        if np.any(np.abs(x[0] - centre) > escape):
            return DIVERGED
        if tol > 0 and np.linalg.norm(g[0]) <= tol:
            return int(classify_critical(objective, x)[0][0])
        return RUNNING

    status = stopped()
    while status == RUNNING and len(rows) <= max_steps:
        with np.errstate(all="ignore"):
            x_new = optimizer.step(x, g)
            f_new, g_new = objective.value_and_grad(x_new)
        if not (np.isfinite(x_new).all() and np.isfinite(f_new).all() and np.isfinite(g_new).all()):
            return np.array(rows), DIVERGED  # the last finite row stays
        x, f, g = x_new, f_new, g_new
        rows.append(np.concatenate([x[0], f, g[0]]))
        status = stopped()
    return np.array(rows), MAX_STEPS if status == RUNNING else status


def assert_same_as_reference(objective, names, lr, starts, tol, max_steps):
    run = Run(objective, [make_optimizer(name, lr) for name in names], starts, tol=tol, max_steps=max_steps)
    run.run()
    statuses = []
    for k, name in enumerate(names):
        for j, start in enumerate(starts):
            rows, status = reference_particle(objective, name, lr, start, tol, max_steps)
            i = k * len(starts) + j
            np.testing.assert_array_equal(run.trajectory(i), rows, err_msg=f"particle {i} ({name} from {start})")
            assert run.status[i] == status, f"particle {i} ({name} from {start})"
            statuses.append(status)
    return set(statuses)


def test_a_himmelblau_swarm_of_two_optimizers_matches_the_reference_row_for_row():
    # Some particles converge early, the others run out of steps: the masked path and the all-live one.
    starts = random_starts(HIMMELBLAU.domain, 24, seed=3)
    statuses = assert_same_as_reference(HIMMELBLAU, ["gd", "adam"], 0.01, starts, tol=1e-3, max_steps=120)
    assert statuses == {CONVERGED, MAX_STEPS}


def test_particles_that_blow_up_or_fly_off_stop_as_diverged_like_the_reference():
    # γ = 1.5 on x² + 2y² doubles x (and y, fivefold) every step: far out of the domain, finite;
    # γ = 1e150 gives ∞ after a step or two.
    quadratic = get_function("quadratic")
    starts = [(1.0, 0.0), (0.0, 1e-3), (2.0, 2.0)]
    assert assert_same_as_reference(quadratic, ["gd"], 1.5, starts, tol=1e-6, max_steps=200) == {DIVERGED}
    assert assert_same_as_reference(quadratic, ["gd"], 1e150, starts, tol=1e-6, max_steps=50) == {DIVERGED}


def test_a_saddle_reached_among_running_particles_matches_the_reference():
    saddle = get_function("saddle")
    starts = [(1.0, 0.0), (0.5, 0.1), (-1.0, 0.0), (0.3, -0.2)]
    statuses = assert_same_as_reference(saddle, ["gd", "momentum"], 0.1, starts, tol=1e-6, max_steps=300)
    assert SADDLE in statuses and DIVERGED in statuses | {MAX_STEPS}


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_an_all_live_step_equals_the_masked_step_with_every_particle_active(name):
    rng = np.random.default_rng(5)
    x, everyone = rng.normal(size=(50, 2)), np.ones(50, dtype=bool)
    plain, masked = make_optimizer(name, 0.05), make_optimizer(name, 0.05)
    for _ in range(4):
        g = rng.normal(size=(50, 2))
        moved = plain.step(x, g)
        np.testing.assert_array_equal(moved, masked.step(x, g, everyone))
        x = moved
    assert plain.steps_taken.tolist() == masked.steps_taken.tolist() == [4] * 50


def test_a_swarm_checked_by_columns_stops_each_particle_as_small_runs_do():
    # Past FEW_POINTS moving particles a run checks finiteness and escape another way (sums, columns): its
    # rows and stop reasons must be those of the same particles in runs small enough for the other way,
    # which the reference above checks. On x² + 2y², γ = 0.1 converges, 1.5 flies off, 1e150 overflows,
    # 1e−3 runs out of steps.
    quadratic = get_function("quadratic")
    n = 3 * FEW_POINTS  # most of them still moving after the first steps
    starts = random_starts(quadratic.domain, n, seed=4)
    lr = np.resize([0.1, 1.5, 1e150, 0.1, 1e-3], n)

    def run(rows):
        run = Run(quadratic, make_optimizer("gd", 0.1), starts[rows], tol=1e-6, max_steps=80)
        run.configure(lr=lr[rows])
        run.run()
        return run

    big = run(slice(None))
    assert set(big.status.tolist()) == {CONVERGED, DIVERGED, MAX_STEPS}
    for first in range(0, n, 300):
        small = run(slice(first, first + 300))
        assert big.status[first:first + 300].tolist() == small.status.tolist()
        np.testing.assert_array_equal(big.history[:, first:first + 300], small.history)


def himmelblau_by_hand(xy):
    """f and ∇f of (x² + y − 11)² + (x + y² − 7)², in closed form."""
    x, y = xy[:, 0], xy[:, 1]
    a, b = x * x + y - 11, x + y * y - 7
    return a * a + b * b, np.column_stack([4 * x * a + 2 * b, 2 * a + 4 * y * b])


def test_many_points_in_chunks_give_the_closed_form_and_the_same_numbers_as_one_at_a_time():
    xy = random_starts(HIMMELBLAU.domain, 2 * CHUNK_POINTS + 7, seed=8)
    f, g = HIMMELBLAU.value_and_grad(xy)
    f_hand, g_hand = himmelblau_by_hand(xy)
    np.testing.assert_allclose(f, f_hand, rtol=1e-13, atol=1e-12)
    np.testing.assert_allclose(g, g_hand, rtol=1e-12, atol=1e-11)
    np.testing.assert_array_equal(HIMMELBLAU.value(xy), f)
    edges = [0, CHUNK_POINTS - 1, CHUNK_POINTS, 2 * CHUNK_POINTS, len(xy) - 1]  # either side of a chunk's end
    for i in edges:
        f_one, g_one = HIMMELBLAU.value_and_grad(xy[i:i + 1])
        assert (f_one[0], *g_one[0]) == (f[i], *g[i])


def test_a_big_grid_in_chunks_keeps_its_shape_and_its_values():
    xs = np.linspace(-5, 5, 200)
    grid = np.stack(np.meshgrid(xs, xs), axis=-1)  # 40,000 points: more than two chunks
    values = HIMMELBLAU.value(grid)
    assert values.shape == (200, 200)
    np.testing.assert_allclose(values, himmelblau_by_hand(grid.reshape(-1, 2))[0].reshape(200, 200), rtol=1e-13)


def test_formulas_without_y_or_without_variables_in_chunks():
    xy = random_starts((-2, 2, -2, 2), CHUNK_POINTS + 3, seed=2)
    f, g = objective_from_expr("x^2").value_and_grad(xy)
    np.testing.assert_array_equal(f, xy[:, 0] ** 2)
    np.testing.assert_array_equal(g, np.column_stack([2 * xy[:, 0], np.zeros(len(xy))]))
    f, g = objective_from_expr("3").value_and_grad(xy)
    assert (f == 3).all() and not g.any()
