"""Learning-rate science: the stability bound, sweeps and basin maps."""

import numpy as np
import pytest

from gdgui.core.descent.functions import get_function, objective_from_expr
from gdgui.core.descent.lr_science import (
    DIVERGED_LABEL,
    basins,
    curvatures,
    lr_sweep,
)
from gdgui.core.descent.optimizers import make_optimizer
from gdgui.core.descent.runs import Run
from gdgui.core.descent.stop_reasons import STATUS_NAMES

QUADRATIC = get_function("quadratic")
HIMMELBLAU = get_function("himmelblau")


def stability_bound(f, point):
    """2/λmax at one point, as the γ hint takes it (``Curvature.bound``)."""
    return curvatures(f, [point])[0].bound


def test_stability_bound_of_the_quadratic_bowl_is_one_half_everywhere():
    # Hessian of x² + 2y² is diag(2, 4): λmax = 4, 2/λmax = 0.5 at every point.
    points = np.random.default_rng(1).uniform(-5, 5, size=(30, 2))
    np.testing.assert_allclose([c.bound for c in curvatures(QUADRATIC, points)], 0.5, rtol=1e-9)
    assert stability_bound(QUADRATIC, (1.0, 1.0)) == pytest.approx(0.5, rel=1e-9)


def test_below_the_bound_gd_converges_and_above_it_diverges():
    sweep = lr_sweep(QUADRATIC, "gd", (1.0, 1.0), [0.49, 0.51], steps=100_000)
    assert _names(sweep) == ["converged", "diverged"]


def test_stability_bound_at_a_himmelblau_minimum_by_hand():
    # H(3, 2) = [[74, 20], [20, 34]]: λmax = 54 + √(20² + 20²) = 54 + 28.2842712 = 82.2842712,
    # so 2/λmax = 0.0243059818
    assert stability_bound(HIMMELBLAU, (3.0, 2.0)) == pytest.approx(0.0243059818, rel=1e-7)


def test_no_bound_where_the_surface_curves_only_downward():
    assert stability_bound(objective_from_expr("-(x^2 + 3*y^2)"), (0.5, -1.0)) is None
    # A saddle still has a positive curvature (2 along x): the bound is 2/2 = 1.
    assert stability_bound(get_function("saddle"), (0.0, 0.0)) == pytest.approx(1.0, rel=1e-9)


def test_sweep_equals_one_run_per_learning_rate():
    lrs = [0.001, 0.005, 0.01, 0.02, 0.05]
    sweep = lr_sweep(HIMMELBLAU, "momentum", (0.0, 0.0), lrs, steps=400, momentum=0.5)
    np.testing.assert_array_equal(sweep.lrs, lrs)
    for i, lr in enumerate(lrs):
        run = Run(HIMMELBLAU, make_optimizer("momentum", lr, momentum=0.5), [(0.0, 0.0)],
                  max_steps=400, record=False)
        run.run()
        assert sweep.status[i] == run.status[0] and sweep.steps[i] == run.steps[0]
        np.testing.assert_allclose(sweep.final_points[i], run.positions[0], rtol=1e-13)
        np.testing.assert_allclose(sweep.final_f[i], run.values[0], rtol=1e-13, atol=1e-300)


def test_sweep_steps_match_the_closed_form_on_the_bowl():
    # GD on x² + 2y² from (1, 1): ∇f = (2(1 − 2γ)ᵗ, 4(1 − 4γ)ᵗ). For γ = 0.1 the x part
    # dominates and 2·0.8ᵗ ≤ 1e-6 first at t = 66; for γ = 0.25, y is 0 after one step and
    # 2·0.5ᵗ ≤ 1e-6 first at t = 21 (2⁻²⁰ = 9.5e-7).
    sweep = lr_sweep(QUADRATIC, "gd", (1.0, 1.0), [0.1, 0.25], steps=1000)
    np.testing.assert_array_equal(sweep.steps, [66, 21])
    assert _names(sweep) == ["converged", "converged"]


def test_himmelblau_basins_are_shared_by_its_four_minima():
    grid = basins(HIMMELBLAU, "gd", 0.01, grid=100, steps=500)
    assert grid.labels.shape == (100, 100)
    for index in range(4):
        assert 0.10 <= grid.share(index) <= 0.40
    gx, gy = np.meshgrid(grid.xs, grid.ys)
    for index, m in enumerate(HIMMELBLAU.minima):
        near = np.hypot(gx - m.x, gy - m.y) < 0.3
        assert near.sum() >= 4
        assert (grid.labels[near] == index).all()


def test_basin_map_grid_labels_for_unlisted_minima_and_divergence():
    # A typed bowl lists no minima, so every start is -1; diverging starts are -2.
    shifted = objective_from_expr("(x - 1)^2 + y^2")
    calm = basins(shifted, "gd", 0.1, grid=5, steps=200, domain=(-2, 2, -1, 1))
    np.testing.assert_array_equal(calm.xs, [-2, -1, 0, 1, 2])
    np.testing.assert_array_equal(calm.ys, [-1, -0.5, 0, 0.5, 1])
    assert (calm.labels == -1).all()
    wild = basins(QUADRATIC, "gd", 0.6, grid=4, steps=200)
    assert (wild.labels == DIVERGED_LABEL).all()


def _names(sweep) -> list[str]:
    return [STATUS_NAMES[code] for code in sweep.status]


def _himmelblau_gradient(x, y):
    """∇f of Himmelblau's (x² + y − 11)² + (x + y² − 7)², written out by hand."""
    return np.array([4 * x * (x * x + y - 11) + 2 * (x + y * y - 7),
                     2 * (x * x + y - 11) + 4 * y * (x + y * y - 7)])


def _largest_curvature_by_hand(x, y, h=1e-5):
    """λmax of the Hessian by central differences of the hand-written gradient."""
    columns = [(_himmelblau_gradient(x + h, y) - _himmelblau_gradient(x - h, y)) / (2 * h),
               (_himmelblau_gradient(x, y + h) - _himmelblau_gradient(x, y - h)) / (2 * h)]
    return np.linalg.eigvalsh(0.5 * (np.array(columns) + np.array(columns).T))[-1]


def test_curvature_at_the_quadratic_start_and_minimum():
    # x² + 2y²: Hessian diag(2, 4), λmax = 4, so γ < 2/4 = 0.5, at the start as at the minimum.
    start, minimum = curvatures(QUADRATIC, [(-4, 3.5), (0, 0)])
    assert start.largest == pytest.approx(4, rel=1e-9) and minimum.largest == pytest.approx(4, rel=1e-9)
    assert start.bound == pytest.approx(0.5, rel=1e-9) and not start.kink and not minimum.kink


def test_curvature_at_himmelblaus_minima_against_a_hand_written_hessian():
    points = [(m.x, m.y) for m in HIMMELBLAU.minima]
    by_hand = np.array([_largest_curvature_by_hand(x, y) for x, y in points])
    found = curvatures(HIMMELBLAU, points)
    np.testing.assert_allclose([c.largest for c in found], by_hand, rtol=1e-6)
    # (3, 2): [[74, 20], [20, 34]] → λmax = 54 + √800 = 82.284, the gentlest of the four;
    # (−3.78, −3.28) is the steepest: λmax ≈ 133.8, 2/λmax ≈ 0.01495, below γ = 0.03.
    assert by_hand[0] == pytest.approx(54 + 800 ** 0.5, rel=1e-6)
    assert min(c.bound for c in found) == pytest.approx(2 / by_hand.max(), rel=1e-6)
    assert 2 / by_hand.max() < 0.03 and all(c.bound < 0.03 for c in found)


def test_no_bound_at_a_concave_point_or_at_a_kink():
    concave, = curvatures(HIMMELBLAU, [(0, 0)])  # Hessian diag(−42, −26) at the origin
    assert concave.largest == pytest.approx(-26, rel=1e-6) and concave.bound is None
    kink, = curvatures(get_function("ackley"), [(0, 0)])
    assert kink.kink and kink.bound is None  # central differences there say λmax ≈ 3e6: meaningless
    assert curvatures(QUADRATIC, np.empty((0, 2))) == ()
