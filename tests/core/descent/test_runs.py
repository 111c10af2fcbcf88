"""Descent runs: trajectories, races, stop reasons, Hessians, random starts, control."""

import numpy as np
import pytest

from gdgui.core.descent.critical import eigenvalues
from gdgui.core.descent.functions import get_function, objective_from_expr
from gdgui.core.descent.optimizers import make_optimizer
from gdgui.core.descent.runs import ESCAPE_WIDTHS, Outcome, Run, hessian, random_starts
from gdgui.core.descent.stop_reasons import STATUS_MEANINGS, STATUS_NAMES

QUADRATIC = get_function("quadratic")
HIMMELBLAU = get_function("himmelblau")


def gd_run(objective, lr, starts, **options):
    return Run(objective, make_optimizer("gd", lr), starts, **options)


def test_first_rows_of_a_trajectory_are_the_hand_worked_steps():
    run = gd_run(QUADRATIC, 0.1, [(1.0, 1.0)])
    run.step(2)
    # row = (x, y, f = x² + 2y², ∂f/∂x = 2x, ∂f/∂y = 4y)
    expected = [
        (1.0, 1.0, 3.0, 2.0, 4.0),
        (0.8, 0.6, 0.64 + 0.72, 1.6, 2.4),
        (0.64, 0.36, 0.4096 + 0.2592, 1.28, 1.44),
    ]
    np.testing.assert_allclose(run.trajectory(0), expected, rtol=1e-14)
    assert run.t == 2 and run.steps[0] == 2 and run.status_name(0) == "running"


def test_long_trajectories_grow_past_the_first_buffer_and_match_the_closed_form():
    # GD with γ on x² + 2y² multiplies x by (1 − 2γ) and y by (1 − 4γ) each step.
    run = gd_run(QUADRATIC, 0.01, [(1.0, 1.0)], tol=0, max_steps=700)
    run.run()
    t = np.arange(701)
    rows = run.trajectory(0)
    assert rows.shape == (701, 5)
    np.testing.assert_allclose(rows[:, 0], 0.98**t, rtol=1e-11)
    np.testing.assert_allclose(rows[:, 1], 0.96**t, rtol=1e-11)
    np.testing.assert_allclose(rows[:, 2], 0.98 ** (2 * t) + 2 * 0.96 ** (2 * t), rtol=1e-11)
    assert run.status_name(0) == "max_steps" and run.steps[0] == 700


def test_tolerance_stops_at_the_first_step_where_the_gradient_is_small_enough():
    # From (1, 1) with γ = 0.1: ∇f = (2·0.8ᵗ, 4·0.6ᵗ); the x part dominates and
    # 2·0.8ᵗ ≤ 1e-6 first when t ≥ ln(5e-7)/ln(0.8) = 65.02, so at t = 66.
    run = gd_run(QUADRATIC, 0.1, [(1.0, 1.0)])
    assert run.run() == 66
    assert run.steps[0] == 66 and run.status_name(0) == "converged"
    outcome = run.outcome(0)
    assert outcome.minimum == QUADRATIC.minima[0]
    assert "global minimum" in outcome.meaning


def test_tolerance_zero_never_stops_early():
    # γ = 0.25 zeroes y in one step (1 − 4γ = 0) and halves x until it underflows to the
    # smallest subnormal, so ‖∇f‖ ends far below any positive tolerance.
    run = gd_run(QUADRATIC, 0.25, [(1.0, 1.0)], tol=0, max_steps=1200)
    run.run()
    assert run.gradients[0, 1] == 0.0 and abs(run.gradients[0, 0]) < 1e-300
    assert run.status_name(0) == "max_steps" and run.t == 1200


def test_a_race_of_optimizers_equals_separate_runs():
    starts = [(0.0, 0.0), (-1.0, -1.5), (4.0, -4.0)]
    names = ["gd", "momentum", "adam"]
    race = Run(HIMMELBLAU, [make_optimizer(n, 0.005) for n in names], starts, max_steps=300)
    race.run()
    for k, name in enumerate(names):
        alone = Run(HIMMELBLAU, make_optimizer(name, 0.005), starts, max_steps=300)
        alone.run()
        block = slice(3 * k, 3 * k + 3)
        np.testing.assert_array_equal(race.steps[block], alone.steps)
        np.testing.assert_array_equal(race.status[block], alone.status)
        np.testing.assert_allclose(race.positions[block], alone.positions, rtol=1e-13)
        for j in range(3):
            np.testing.assert_allclose(race.trajectory(3 * k + j), alone.trajectory(j), rtol=1e-13)


def test_each_himmelblau_minimum_is_named_when_reached():
    minima = HIMMELBLAU.minima
    starts = [(m.x + 0.3, m.y - 0.2) for m in minima]
    run = gd_run(HIMMELBLAU, 0.005, starts, max_steps=5000)
    run.run()
    assert [run.status_name(i) for i in range(4)] == ["converged"] * 4
    np.testing.assert_array_equal(run.minimum_index, [0, 1, 2, 3])
    for i, m in enumerate(minima):
        assert np.hypot(*(run.positions[i] - (m.x, m.y))) < 1e-6


def test_a_minimum_that_is_not_listed_is_a_local_minimum():
    bowl = objective_from_expr("(x - 1)^2 + (y + 2)^2")
    run = gd_run(bowl, 0.1, [(3.0, 3.0)])
    run.run()
    assert run.status_name(0) == "converged"
    assert run.outcome(0).minimum is None
    assert "local minimum" in run.outcome(0).meaning
    np.testing.assert_allclose(run.positions[0], (1, -2), atol=1e-6)


def test_a_point_sliding_into_a_saddle_stops_there():
    # On x² − y² a start with y = 0 keeps y = 0 and x shrinks to the saddle at the origin.
    run = gd_run(get_function("saddle"), 0.1, [(1.0, 0.0)])
    run.run()
    assert run.status_name(0) == "saddle"
    assert "saddle" in run.outcome(0).meaning


def test_easom_far_from_its_well_is_a_plateau_at_once():
    run = gd_run(get_function("easom"), 0.1, [(-5.0, 7.0)])
    assert run.status_name(0) == "plateau" and run.steps[0] == 0 and run.finished


def test_ackley_started_at_its_kink_converges_without_nan():
    run = gd_run(get_function("ackley"), 0.1, [(0.0, 0.0)])
    assert run.status_name(0) == "converged" and run.minimum_index[0] == 0
    assert np.isfinite(run.trajectory(0)).all()


def test_overflow_is_divergence_and_the_last_finite_point_is_kept():
    # ∂f/∂x = 2x·exp(x²) grows so fast that a few steps overflow to inf.
    steep = objective_from_expr("exp(x^2) + y^2")
    run = gd_run(steep, 0.5, [(1.5, 0.0)], max_steps=100)
    with np.errstate(all="raise"):  # no floating-point warning may escape the run
        run.run()
    assert run.status_name(0) == "diverged"
    rows = run.trajectory(0)
    assert np.isfinite(rows).all() and len(rows) == run.steps[0] + 1
    np.testing.assert_array_equal(run.positions[0], rows[-1, :2])
    assert run.steps[0] < 100


def test_running_too_far_from_the_domain_is_divergence():
    run = gd_run(QUADRATIC, 0.51, [(1.0, 1.0)], max_steps=10_000)
    run.run()
    assert run.status_name(0) == "diverged"
    # The domain is 10 wide, so the limit is 10,000 from the centre; y is multiplied by −1.04.
    assert ESCAPE_WIDTHS * 10 < abs(run.positions[0, 1]) < ESCAPE_WIDTHS * 10 * 1.05


def test_a_start_where_f_is_not_finite_is_diverged_at_step_zero():
    run = gd_run(objective_from_expr("exp(x) + y"), 0.1, [(1000.0, 0.0), (0.0, 0.0)], max_steps=3)
    run.run()
    assert run.status_name(0) == "diverged" and run.steps[0] == 0
    assert run.status_name(1) == "max_steps" and run.steps[1] == 3


def test_stopped_particles_stay_put_while_others_move():
    run = gd_run(QUADRATIC, 0.1, [(0.0, 0.0), (1.0, 1.0)], max_steps=5)
    assert run.status_name(0) == "converged"  # the start is the minimum
    run.run()
    np.testing.assert_array_equal(run.positions[0], (0, 0))
    np.testing.assert_array_equal(run.steps, [0, 5])
    assert run.trajectory(0).shape == (1, 5)
    np.testing.assert_array_equal(run.history[:, 0, :2], np.zeros((6, 2)))


def test_learning_rate_changed_mid_run_applies_from_the_next_step():
    run = gd_run(QUADRATIC, 0.1, [(1.0, 1.0)])
    run.step()  # (0.8, 0.6)
    run.configure(lr=0.25)
    run.step()  # x ← 0.8 − 0.25·1.6 = 0.4, y ← 0.6 − 0.25·2.4 = 0
    np.testing.assert_allclose(run.positions[0], (0.4, 0.0), atol=1e-15)
    with pytest.raises(ValueError, match="lr must be a positive finite number"):
        run.configure(lr=-1)


def test_reset_replays_the_same_run():
    run = Run(HIMMELBLAU, make_optimizer("adam", 0.05), [(0.0, 0.0), (1.0, -1.0)], max_steps=40)
    run.run()
    first = run.history.copy()
    run.reset()
    assert run.t == 0 and run.history.shape == (1, 2, 5)
    np.testing.assert_array_equal(run.positions, [(0.0, 0.0), (1.0, -1.0)])
    run.run()
    np.testing.assert_array_equal(run.history, first)


def test_step_count_respects_max_steps():
    run = gd_run(HIMMELBLAU, 0.001, [(0.0, 0.0)], max_steps=7)
    assert run.step(5) == 5 and run.step(5) == 2 and run.step(5) == 0
    assert run.t == 7 and run.status_name(0) == "max_steps"


def test_a_batch_ends_after_the_step_where_more_says_no_and_the_numbers_are_unchanged():
    """Playback's deadline: ``more`` is asked after each step (so at least one step is taken)."""
    answers = iter([True, True, False])
    paced = gd_run(HIMMELBLAU, 0.01, [(0.5, -1.0), (2.0, 2.0)], tol=0)
    asked = []
    assert paced.step(10, lambda: asked.append(paced.t) or next(answers)) == 3
    assert asked == [1, 2, 3]  # after each step, with that step's numbers in place
    assert paced.step(10, lambda: False) == 1
    whole = gd_run(HIMMELBLAU, 0.01, [(0.5, -1.0), (2.0, 2.0)], tol=0)
    whole.step(4)
    assert np.array_equal(paced.history, whole.history)


def test_a_run_without_recording_keeps_no_trajectory():
    run = gd_run(QUADRATIC, 0.1, [(1.0, 1.0)], record=False, max_steps=3)
    run.run()
    np.testing.assert_allclose(run.positions[0], (0.512, 0.216), rtol=1e-14)
    with pytest.raises(RuntimeError, match="record=False"):
        run.trajectory(0)


def test_state_arrays_handed_out_are_read_only():
    run = gd_run(QUADRATIC, 0.1, [(1.0, 1.0)])
    with pytest.raises(ValueError):
        run.positions[0, 0] = 5.0


@pytest.mark.parametrize(
    "options, message",
    [
        ({"tol": -1e-6}, "tolerance must be a finite number"),
        ({"max_steps": -1}, "steps must be a whole number"),
        ({"max_steps": 2.5}, "steps must be a whole number"),
    ],
)
def test_bad_run_settings_are_refused(options, message):
    with pytest.raises(ValueError, match=message):
        gd_run(QUADRATIC, 0.1, [(1.0, 1.0)], **options)


def test_a_run_needs_an_optimizer():
    with pytest.raises(ValueError, match="at least one optimizer"):
        Run(QUADRATIC, [], [(1.0, 1.0)])


@pytest.mark.parametrize("starts", [[], [(np.nan, 0.0)], [(np.inf, 1.0)]])
def test_bad_starts_are_refused(starts):
    with pytest.raises(ValueError, match="start"):
        gd_run(QUADRATIC, 0.1, starts)


def test_hessian_matches_the_analytic_hessian_of_himmelblau():
    points = np.random.default_rng(3).uniform(-5, 5, size=(20, 2))
    x, y = points[:, 0], points[:, 1]
    # f = (x² + y − 11)² + (x + y² − 7)²:
    # f_xx = 12x² + 4y − 42, f_yy = 12y² + 4x − 26, f_xy = 4x + 4y
    analytic = np.empty((20, 2, 2))
    analytic[:, 0, 0] = 12 * x**2 + 4 * y - 42
    analytic[:, 1, 1] = 12 * y**2 + 4 * x - 26
    analytic[:, 0, 1] = analytic[:, 1, 0] = 4 * x + 4 * y
    np.testing.assert_allclose(hessian(HIMMELBLAU, points), analytic, rtol=1e-6, atol=1e-6)


def test_hessian_at_the_minimum_3_2_by_hand():
    # f_xx = 12·9 + 8 − 42 = 74, f_yy = 12·4 + 12 − 26 = 34, f_xy = 12 + 8 = 20
    np.testing.assert_allclose(hessian(HIMMELBLAU, [(3.0, 2.0)])[0], [[74, 20], [20, 34]], rtol=1e-8)


def test_eigenvalues_agree_with_lapack_and_keep_nan():
    m = np.random.default_rng(4).normal(size=(50, 2, 2))
    symmetric = m + m.transpose(0, 2, 1)
    np.testing.assert_allclose(eigenvalues(symmetric), np.linalg.eigvalsh(symmetric), atol=1e-12)
    assert np.isnan(eigenvalues(np.array([[[np.nan, 0.0], [0.0, 1.0]]]))).all()


def test_random_starts_are_seeded_uniform_over_the_domain():
    starts = random_starts((-3, 3, 10, 12), 1000, seed=5)
    assert starts.shape == (1000, 2)
    assert starts[:, 0].min() >= -3 and starts[:, 0].max() < 3
    assert starts[:, 1].min() >= 10 and starts[:, 1].max() < 12
    np.testing.assert_array_equal(starts, random_starts((-3, 3, 10, 12), 1000, seed=5))
    assert not np.array_equal(starts, random_starts((-3, 3, 10, 12), 1000, seed=6))
    # PCG64 with seed 0: the first two uniforms in [0, 1) are 0.6369616873214543 and
    # 0.2697867137638703, so the first start on [-5, 5]² is (1.369616873214543, -2.302132862361297).
    np.testing.assert_allclose(random_starts((-5, 5, -5, 5), 1, seed=0)[0],
                               (1.369616873214543, -2.302132862361297), rtol=1e-15)


def test_status_names_are_the_documented_ones():
    assert STATUS_NAMES == ("running", "converged", "saddle", "plateau", "diverged", "max_steps")


@pytest.mark.parametrize("formula, optimizer, status", [
    ("x*y", "gd", "diverged"), ("x*y", "adam", "max_steps"),
    ("-x^2 - y^2", "momentum", "diverged"), ("-x^2 - y^2", "gd", "diverged"),
    ("x", "gd", "max_steps"), ("x", "adam", "max_steps"), ("x^3 + y^2", "gd", "diverged"),
])
def test_an_f_without_a_minimum_is_said_to_fall_without_bound(formula, optimizer, status):
    run = Run(objective_from_expr(formula), make_optimizer(optimizer, 0.1), [(-4, 3.5)], max_steps=2000)
    run.run()
    rows = run.trajectory(0)
    # What the words rest on: f fell on every one of the last steps, and the point left the domain.
    assert (np.diff(rows[-6:, 2]) < 0).all() and np.abs(rows[-1, :2]).max() > 5
    assert run.outcome(0) == Outcome(status, None, "f has no minimum here: it falls without bound")


@pytest.mark.parametrize("formula, optimizer, lr, start", [
    ("x^2 + 2*y^2", "gd", 0.6, (-4, 3.5)),   # γ > 2/λmax = 0.5: f rises every step
    ("(x - 100)^2 + y^2", "adam", 0.1, (-4, 3.5)),  # leaves the domain falling, but less each step
    ("(1 - x)^2 + 100*(y - x^2)^2", "adam", 0.01, (-4, 3.5)),  # starts off the domain and comes back
    ("exp(x)", "gd", 0.1, (-4, 3.5)),        # falls for ever but ever less: bounded below by 0
])
def test_a_bounded_f_or_a_too_large_gamma_is_not_called_unbounded(formula, optimizer, lr, start):
    run = Run(objective_from_expr(formula), make_optimizer(optimizer, lr), [start], max_steps=2000)
    run.run()
    assert "falls without bound" not in run.outcome(0).meaning
    assert not run.falls_without_bound[0]


def test_a_too_large_gamma_on_the_bowl_still_blames_gamma():
    run = gd_run(QUADRATIC, 0.6, [(-4, 3.5)])
    run.run()
    assert run.trajectory(0)[-1, 2] > run.trajectory(0)[0, 2]  # f grew: the steps overshoot
    assert run.outcome(0) == Outcome("diverged", None, STATUS_MEANINGS["diverged"])
    assert "learning rate" in STATUS_MEANINGS["diverged"]
