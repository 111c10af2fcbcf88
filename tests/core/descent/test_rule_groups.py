"""A race's one step for all its optimizers (grouped by rule) against each optimizer stepped alone."""

import numpy as np
import pytest

from gdgui.core.descent.functions import get_function, objective_from_expr
from gdgui.core.descent.optimizers import OPTIMIZERS, Optimizer, make_optimizer
from gdgui.core.descent.runs import ESCAPE_WIDTHS, Run

# exp(x²) overflows to inf a step after a big γ throws x past ±27: gradients go inf and nan.
STEEP = objective_from_expr("exp(x*x) + y*y", (-3, 3, -3, 3))
STARTS = [(2.0, 1.0), (0.5, -0.5), (-1.5, 2.0), (0.1, 0.1), (1.2, -2.5)]
STEPS = 200


def alone(objective, optimizer, starts, steps, centre, escape):
    """Each start's rows (x, y, f, gx, gy) with ``optimizer`` stepping only its own particles,
    through its public ``step`` (masked as particles stop), stopping as a run stops them: at a
    non-finite point, value or gradient (that row is not kept), or beyond ``escape`` (kept); and why
    each stopped ("non-finite", "escaped" or "ran" all the steps)."""
    x = np.array(starts, dtype=float)
    f, g = objective.value_and_grad(x)
    rows = [[(*x[i], f[i], *g[i])] for i in range(len(x))]
    live = np.ones(len(x), dtype=bool)
    why = ["ran"] * len(x)
    for _ in range(steps):
        if not live.any():
            break
        proposed = optimizer.step(x, g, None if live.all() else live)
        f_new, g_new = objective.value_and_grad(proposed)
        for i in np.flatnonzero(live):
            point = (*proposed[i], f_new[i], *g_new[i])
            if not np.all(np.isfinite(point)):
                live[i], why[i] = False, "non-finite"
                continue
            x[i], f[i], g[i] = proposed[i], f_new[i], g_new[i]
            rows[i].append(point)
            if np.any(np.abs(x[i] - centre) > escape):
                live[i], why[i] = False, "escaped"
    return [np.array(r) for r in rows], why


def race(names, lrs):
    return [make_optimizer(name, lr) for name, lr in zip(names, lrs)]


@pytest.mark.parametrize("objective, lr", [(STEEP, 0.5), (get_function("rastrigin"), 0.05),
                                           (get_function("himmelblau"), 0.02)])
def test_a_race_steps_each_optimizer_exactly_as_it_steps_alone(objective, lr):
    # Every rule, two Adams with different γ (one group, γ as a column) and a per-particle γ.
    names = [*OPTIMIZERS, "adam"]
    lrs = [lr] * len(OPTIMIZERS) + [lr / 7]
    together = race(names, lrs)
    together[0].configure(lr=lr * np.linspace(0.5, 1.5, len(STARTS)))
    run = Run(objective, together, STARTS, tol=0, max_steps=STEPS)
    run.run()
    x0, x1, y0, y1 = objective.domain
    centre, escape = np.array([(x0 + x1) / 2, (y0 + y1) / 2]), ESCAPE_WIDTHS * np.array([x1 - x0, y1 - y0])
    separate = race(names, lrs)
    separate[0].configure(lr=lr * np.linspace(0.5, 1.5, len(STARTS)))
    reasons = set()
    for k, optimizer in enumerate(separate):
        expected, why = alone(objective, optimizer, STARTS, STEPS, centre, escape)
        reasons.update(why)
        for j, rows in enumerate(expected):
            i = k * len(STARTS) + j
            np.testing.assert_array_equal(run.trajectory(i), rows, err_msg=f"{names[k]} from {STARTS[j]}")
            assert run.status_name(i) == ("max_steps" if why[j] == "ran" else "diverged")
    if (objective, lr) == (STEEP, 0.5):  # the test passes through overflow, and past it
        assert {"non-finite", "ran"} <= reasons


def test_a_live_change_of_gamma_reaches_the_grouped_step():
    run = Run(get_function("quadratic"), race(["gd", "momentum"], [0.1, 0.1]), [(1.0, 1.0)], tol=0)
    run.step(1)
    run.configure(0, lr=0.25)
    run.step(1)
    # GD: x ← x − γ·2x: 1 → 0.8 (γ = 0.1) → 0.8 − 0.25·1.6 = 0.4.
    assert run.positions[0, 0] == pytest.approx(0.4, abs=1e-15)


class Damped(Optimizer):
    """x ← x − γ·g / (1 + g²): past |g| ~ 1e154, g² overflows, to inf in NumPy (a step of 0) but
    raising OverflowError on Python's floats, so a race's float step must fall back to the arrays'."""

    name = "damped"

    def _update(self, g, t, state, hp):
        return hp["lr"] * g / (1.0 + g ** 2)


# One particle per optimizer (a race as the Descent tab runs it): every group is one particle, stepped
# on Python floats. From (19, 1) on exp(x²): ∂f/∂x = 38·e³⁶¹ ≈ 2e158, so Damped's g² overflows from the start.
ONE_START = [(1.2, -0.8)]
RACE_CASES = [(STEEP, 0.5, ONE_START), (get_function("rastrigin"), 0.05, ONE_START),
              (get_function("himmelblau"), 0.02, [(0.0, 0.0)]), (STEEP, 1e-3, [(19.0, 1.0)])]


@pytest.mark.parametrize("objective, lr, start", RACE_CASES)
def test_a_race_of_one_particle_each_steps_as_each_optimizer_alone(objective, lr, start):
    names = [*OPTIMIZERS, "damped"]
    make = lambda: [make_optimizer(name, lr) for name in OPTIMIZERS] + [Damped(lr)]  # noqa: E731
    run = Run(objective, make(), start, tol=0, max_steps=STEPS)
    run.run()
    x0, x1, y0, y1 = objective.domain
    centre, escape = np.array([(x0 + x1) / 2, (y0 + y1) / 2]), ESCAPE_WIDTHS * np.array([x1 - x0, y1 - y0])
    for k, optimizer in enumerate(make()):
        (expected,), _ = alone(objective, optimizer, start, STEPS, centre, escape)
        np.testing.assert_array_equal(run.trajectory(k), expected, err_msg=names[k])


def test_a_race_steps_on_after_a_masked_step_and_a_change_of_its_hyperparameters():
    """A race's optimizer state moves between floats and arrays (a particle stopped: a masked step;
    steps_taken read; γ and β changed) and every number stays each optimizer's own."""
    objective, start = get_function("himmelblau"), [(0.0, 0.0)]
    run = Run(objective, race(["adam", "rmsprop"], [0.01, 0.01]), start, tol=0)
    separate = race(["adam", "rmsprop"], [0.01, 0.01])
    x = np.array([start[0], start[0]])
    for step in range(60):
        if step == 20:
            run.configure(0, lr=0.05, beta1=0.5)
            separate[0].configure(lr=0.05, beta1=0.5)
        if step == 40:
            assert run._groups[0].steps_taken()[0] == 40  # read from the floats
        run.step(1)
        g = objective.value_and_grad(x)[1]
        x = np.concatenate([optimizer.step(x[k:k + 1], g[k:k + 1]) for k, optimizer in enumerate(separate)])
        np.testing.assert_array_equal(run.positions, x)
    masked = np.array([True])
    moved = run._groups[0].step(run.positions[:1], run.gradients[:1], masked)  # the arrays take the floats' state
    expected = separate[0].step(x[:1], objective.value_and_grad(x[:1])[1], masked)
    np.testing.assert_array_equal(moved, expected)
