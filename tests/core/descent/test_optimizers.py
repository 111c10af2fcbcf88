"""Optimizers: hand-worked first steps, vectorization, masking, validation.

The hand-worked cases run each optimizer from (1, 1) on f = x² + 2y², ∇f = (2x, 4y), γ = 0.1.
The literals were worked out on paper (gd, momentum, nesterov) or with a 40-digit decimal
calculator following the update rule line by line (the adaptive ones, whose eps terms matter).
"""

import numpy as np
import pytest

from gdgui.core.descent.optimizers import OPTIMIZERS, describe_optimizers, make_optimizer


def quadratic_grad(p):
    return np.column_stack([2 * p[:, 0], 4 * p[:, 1]])


def himmelblau_grad(p):
    x, y = p[:, 0], p[:, 1]
    a, b = x * x + y - 11, x + y * y - 7
    return np.column_stack([4 * x * a + 2 * b, 2 * a + 4 * y * b])


def first_three_steps(name, **hyper):
    opt = make_optimizer(name, 0.1, **hyper)
    p = np.array([[1.0, 1.0]])
    points = []
    for _ in range(3):
        p = opt.step(p, quadratic_grad(p))
        points.append(p[0].copy())
    return np.array(points)


HAND_WORKED = {
    # x ← x − 0.1·g
    # t=1: g = (2, 4)        x = (1 − 0.2,    1 − 0.4)    = (0.8, 0.6)
    # t=2: g = (1.6, 2.4)    x = (0.8 − 0.16, 0.6 − 0.24) = (0.64, 0.36)
    # t=3: g = (1.28, 1.44)  x = (0.64 − 0.128, 0.36 − 0.144) = (0.512, 0.216)
    "gd": [(0.8, 0.6), (0.64, 0.36), (0.512, 0.216)],
    # b ← 0.9·b + g (b = g at t=1); x ← x − 0.1·b
    # t=1: g = (2, 4)       b = (2, 4)                            x = (0.8, 0.6)
    # t=2: g = (1.6, 2.4)   b = (1.8 + 1.6, 3.6 + 2.4) = (3.4, 6)  x = (0.8 − 0.34, 0.6 − 0.6) = (0.46, 0)
    # t=3: g = (0.92, 0)    b = (3.06 + 0.92, 5.4 + 0) = (3.98, 5.4)
    #                       x = (0.46 − 0.398, 0 − 0.54) = (0.062, −0.54)
    "momentum": [(0.8, 0.6), (0.46, 0.0), (0.062, -0.54)],
    # b as momentum; x ← x − 0.1·(g + 0.9·b)
    # t=1: g = (2, 4)  b = (2, 4)  g + 0.9b = (3.8, 7.6)  x = (0.62, 0.24)
    # t=2: g = (1.24, 0.96)  b = (1.8 + 1.24, 3.6 + 0.96) = (3.04, 4.56)
    #      g + 0.9b = (1.24 + 2.736, 0.96 + 4.104) = (3.976, 5.064)
    #      x = (0.62 − 0.3976, 0.24 − 0.5064) = (0.2224, −0.2664)
    # t=3: g = (0.4448, −1.0656)  b = (2.736 + 0.4448, 4.104 − 1.0656) = (3.1808, 3.0384)
    #      g + 0.9b = (0.4448 + 2.86272, −1.0656 + 2.73456) = (3.30752, 1.66896)
    #      x = (0.2224 − 0.330752, −0.2664 − 0.166896) = (−0.108352, −0.433296)
    "nesterov": [(0.62, 0.24), (0.2224, -0.2664), (-0.108352, -0.433296)],
    # s ← s + g²; x ← x − 0.1·g / (√s + 1e-10)
    # t=1: g = (2, 4)  s = (4, 16)  √s = (2, 4)  x = 1 − 0.2/(2 + 1e-10) = 0.900000000005,
    #      y = 1 − 0.4/(4 + 1e-10) = 0.9000000000025   (the eps leaves a trace at 1e-12)
    # t=2: g ≈ (1.8, 3.6)  s ≈ (4 + 3.24, 16 + 12.96) = (7.24, 28.96)  √s ≈ (2.6907248, 5.3814496)
    #      x ≈ 0.9 − 0.18/2.6907248 = 0.9 − 0.0668965 = 0.8331035 (y: 0.36/5.3814496, the same step:
    #      for a diagonal quadratic Adagrad's step does not depend on the axis' curvature)
    # t=3: g ≈ (1.6662071, 3.3324141)  s ≈ (10.016246, 40.064984)  √s ≈ (3.1648453, 6.3296907)
    #      x ≈ 0.8331035 − 0.16662071/3.1648453 = 0.8331035 − 0.0526474 = 0.7804562
    "adagrad": [
        (0.90000000000500000, 0.90000000000250000),
        (0.83310352684503589, 0.83310352684139546),
        (0.78045618135680982, 0.78045618135245663),
    ],
    # v ← 0.99·v + 0.01·g²; x ← x − 0.1·g / (√v + 1e-8)
    # t=1: g = (2, 4)  v = (0.04, 0.16)  √v = (0.2, 0.4): the step is 0.1·10 = 1 on both axes,
    #      landing on the minimum but for eps: x = 1 − 0.2/0.20000001 = 4.99999975e-8,
    #      y = 1 − 0.4/0.40000001 = 2.4999999375e-8
    # t=2: g ≈ (1e-7, 1e-7)  v ≈ (0.0396, 0.1584)  √v ≈ (0.19899749, 0.39799497)
    #      x ≈ 4.99999975e-8 − 1e-8/0.19899749 = −2.5188823e-10,  y ≈ −1.2594475e-10
    # t=3: g ≈ (−5.0377645e-10, −5.0377899e-10)  v ≈ (0.039204, 0.156816)  √v ≈ (0.198, 0.396)
    #      x ≈ −2.5188823e-10 + 5.0377645e-11/0.198 = 2.5443127e-12,  y ≈ 1.2721659e-12
    "rmsprop": [
        (4.9999997500000125e-8, 2.4999999375000016e-8),
        (-2.5188822511373072e-10, -1.2594474701855983e-10),
        (2.5443126560708087e-12, 1.2721659492552872e-12),
    ],
    # m ← 0.9·m + 0.1·g; v ← 0.999·v + 0.001·g²; x ← x − 0.1·(m/(1 − 0.9ᵗ)) / (√(v/(1 − 0.999ᵗ)) + 1e-8)
    # t=1: g = (2, 4)  m = (0.2, 0.4)  v = (0.004, 0.016)  m̂ = (2, 4)  v̂ = (4, 16)
    #      x = 1 − 0.2/(2 + 1e-8) = 0.9000000005,  y = 1 − 0.4/(4 + 1e-8) = 0.90000000025
    # t=2: g ≈ (1.8, 3.6)  m ≈ (0.18 + 0.18, 0.36 + 0.36) = (0.36, 0.72)  m̂ = m/0.19 ≈ (1.8947368, 3.7894737)
    #      v ≈ (0.003996 + 0.00324, 0.015984 + 0.01296) = (0.007236, 0.028944)
    #      v̂ = v/0.001999 ≈ (3.6198099, 14.479240)  √v̂ ≈ (1.9025798, 3.8051596)
    #      x ≈ 0.9 − 0.1·1.8947368/1.9025798 = 0.9 − 0.0995878 = 0.8004122
    # t=3: g ≈ (1.6008245, 3.2016489)  m ≈ (0.48408245, 0.96816489)  m̂ = m/0.271 ≈ (1.7862821, 3.5725642)
    #      v ≈ (0.0097914029, 0.039165612)  v̂ = v/0.002997001 ≈ (3.2670670, 13.068268)
    #      √v̂ ≈ (1.8075030, 3.6150059)  x ≈ 0.8004122 − 0.1·1.7862821/1.8075030 = 0.7015863
    "adam": [
        (0.90000000050000000, 0.90000000025000000),
        (0.80041222869179215, 0.80041222818151952),
        (0.70158627294602955, 0.70158627216683720),
    ],
}


@pytest.mark.parametrize("name", list(HAND_WORKED))
def test_first_three_steps_match_hand_worked_arithmetic(name):
    np.testing.assert_allclose(first_three_steps(name), HAND_WORKED[name], rtol=1e-12, atol=1e-15)


def test_registry_order_and_listing():
    assert list(OPTIMIZERS) == ["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"]
    listing = {entry["name"]: entry for entry in describe_optimizers()}
    assert listing["adam"]["hyperparameters"] == {
        "lr": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}
    assert listing["rmsprop"]["hyperparameters"] == {"lr": 1e-2, "alpha": 0.99, "eps": 1e-8}
    assert listing["adagrad"]["hyperparameters"] == {"lr": 1e-2, "eps": 1e-10}
    assert listing["nesterov"]["hyperparameters"] == {"lr": 1e-3, "momentum": 0.9}
    assert listing["gd"]["hyperparameters"] == {"lr": 1e-3}
    assert all(entry["description"] and "\n" not in entry["description"]
               for entry in listing.values())


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_fifty_particles_at_once_equal_fifty_single_runs(name):
    starts = np.random.default_rng(7).uniform(-4, 4, size=(50, 2))
    together = make_optimizer(name, 0.01)
    p = starts.copy()
    for _ in range(20):
        p = together.step(p, himmelblau_grad(p))
    for i, start in enumerate(starts):
        alone = make_optimizer(name, 0.01)
        q = start[None, :].copy()
        for _ in range(20):
            q = alone.step(q, himmelblau_grad(q))
        np.testing.assert_allclose(q[0], p[i], rtol=1e-14, atol=0)


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_masked_step_freezes_inactive_particles_and_their_state(name):
    starts = np.array([[1.0, 1.0], [-2.0, 3.0], [0.5, -1.5]])
    masked, reference = make_optimizer(name, 0.05), make_optimizer(name, 0.05)
    p = starts.copy()
    q = starts[[0, 2]].copy()
    for _ in range(3):
        p = masked.step(p, himmelblau_grad(p), active=np.array([True, False, True]))
        q = reference.step(q, himmelblau_grad(q))
    np.testing.assert_array_equal(p[1], starts[1])
    np.testing.assert_allclose(p[[0, 2]], q, rtol=1e-14)
    np.testing.assert_array_equal(masked.steps_taken, [3, 0, 3])
    # The frozen particle, released now, takes its own first step.
    p = masked.step(p, himmelblau_grad(p), active=np.array([False, True, False]))
    fresh = make_optimizer(name, 0.05).step(starts[[1]], himmelblau_grad(starts[[1]]))
    np.testing.assert_allclose(p[1], fresh[0], rtol=1e-14)


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_step_does_not_modify_its_inputs(name):
    x, g = np.array([[1.0, 2.0]]), np.array([[0.5, -0.5]])
    make_optimizer(name, 0.1).step(x, g)
    np.testing.assert_array_equal(x, [[1.0, 2.0]])
    np.testing.assert_array_equal(g, [[0.5, -0.5]])


def test_reset_starts_over():
    opt = make_optimizer("adam", 0.1)
    p0 = np.array([[1.0, 1.0]])
    first = opt.step(p0, quadratic_grad(p0))
    opt.step(first, quadratic_grad(first))
    opt.reset()
    np.testing.assert_array_equal(opt.step(p0, quadratic_grad(p0)), first)


def test_hyperparameters_change_between_steps():
    opt = make_optimizer("momentum", 0.1)
    p = opt.step(np.array([[1.0, 1.0]]), np.array([[2.0, 4.0]]))  # b = (2, 4), p = (0.8, 0.6)
    opt.configure(momentum=0.5, lr=0.2)
    # b = 0.5·(2, 4) + (1.6, 2.4) = (2.6, 4.4); p = (0.8 − 0.52, 0.6 − 0.88) = (0.28, −0.28)
    p = opt.step(p, quadratic_grad(p))
    np.testing.assert_allclose(p, [[0.28, -0.28]], rtol=1e-14)
    assert opt.hyperparameters() == {"lr": 0.2, "momentum": 0.5}


def test_constructor_takes_hyperparameters():
    opt = make_optimizer("adam", 0.5, beta1=0.8, eps=1e-6)
    assert opt.hyperparameters() == {"lr": 0.5, "beta1": 0.8, "beta2": 0.999, "eps": 1e-6}


@pytest.mark.parametrize(
    "name, lr, hyper, message",
    [
        ("sgd", 0.1, {}, "unknown optimizer 'sgd'; choose one of: gd, momentum"),
        ("gd", 0.1, {"momentum": 0.9}, "gd has no hyper-parameter 'momentum'"),
        ("adam", 0.1, {"alpha": 0.9}, "adam has no hyper-parameter 'alpha' (it takes: beta1"),
        ("gd", 0.0, {}, "lr must be a positive finite number, got 0.0"),
        ("gd", -0.1, {}, "lr must be a positive finite number"),
        ("gd", float("nan"), {}, "lr must be a positive finite number, got nan"),
        ("gd", float("inf"), {}, "lr must be a positive finite number"),
        ("gd", "fast", {}, "lr must be a positive finite number, got 'fast'"),
        ("momentum", 0.1, {"momentum": 1.0}, "momentum must be a number in [0, 1), got 1.0"),
        ("adam", 0.1, {"beta2": -0.1}, "beta2 must be a number in [0, 1)"),
        ("adam", 0.1, {"eps": 0.0}, "eps must be a positive finite number"),
    ],
)
def test_bad_settings_are_refused_with_a_clear_message(name, lr, hyper, message):
    with pytest.raises(ValueError) as error:
        make_optimizer(name, lr, **hyper)
    assert message in str(error.value)


def test_a_refused_change_leaves_the_optimizer_unchanged():
    opt = make_optimizer("adam", 0.1)
    with pytest.raises(ValueError):
        opt.configure(beta1=0.5, beta2=2.0)
    assert opt.beta1 == 0.9


def test_state_for_a_different_number_of_particles_is_an_error():
    opt = make_optimizer("adam", 0.1)
    opt.step(np.zeros((3, 2)), np.ones((3, 2)))
    with pytest.raises(ValueError, match="3 particles"):
        opt.step(np.zeros((2, 2)), np.ones((2, 2)))


def test_overflow_gives_non_finite_positions_not_an_exception():
    opt = make_optimizer("gd", 1.0)
    with np.errstate(all="raise"):
        p = opt.step(np.array([[1e308, 0.0]]), np.array([[-1e308, 0.0]]))
    assert np.isinf(p[0, 0])


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_per_particle_learning_rates_equal_separate_optimizers(name):
    lrs = np.array([0.001, 0.01, 0.03])
    start = np.array([[1.0, -2.0]])
    swept = make_optimizer(name, lrs)
    p = np.repeat(start, 3, axis=0)
    for _ in range(5):
        p = swept.step(p, himmelblau_grad(p), active=np.array([True, True, True]))
    for i, lr in enumerate(lrs):
        alone, q = make_optimizer(name, lr), start.copy()
        for _ in range(5):
            q = alone.step(q, himmelblau_grad(q))
        np.testing.assert_allclose(p[i], q[0], rtol=1e-14)


def test_per_particle_values_are_checked():
    with pytest.raises(ValueError, match=r"lr must be a positive finite number, got an array holding \[-1.\]"):
        make_optimizer("gd", np.array([0.1, -1.0]))
    opt = make_optimizer("gd", np.array([0.1, 0.2]))
    with pytest.raises(ValueError, match="lr has 2 values for 3 particles"):
        opt.step(np.zeros((3, 2)), np.ones((3, 2)))


def adam_on_floats(start, steps, lr=0.01, beta1=0.9, beta2=0.999, eps=1e-8):
    """Adam's rule on f = x² + 2y², written out on Python floats in the order of the hand-worked case
    above, with torch.optim's bias corrections ``1 - beta ** step`` (Python's pow)."""
    point, m, v = list(start), [0.0, 0.0], [0.0, 0.0]
    for step in range(1, steps + 1):
        g = [2 * point[0], 4 * point[1]]
        for k in range(2):
            m[k] = beta1 * m[k] + (1 - beta1) * g[k]
            v[k] = beta2 * v[k] + (1 - beta2) * (g[k] * g[k])
            m_hat, v_hat = m[k] / (1 - beta1 ** step), v[k] / (1 - beta2 ** step)
            point[k] = point[k] - lr * m_hat / (float(np.sqrt(v_hat)) + eps)
    return point


def test_adam_steps_as_its_rule_on_python_floats_to_the_last_bit():
    """3,000 steps: βᵗ as Python's pow every step. NumPy's power on a column of step counts takes a
    vectorized pow on AVX-512 CPUs that differs in the last bit at 159 of these 3,000 counts, and a
    race's Adam (stepped on floats) parted from the same Adam alone."""
    starts = [(1.0, 1.0), (-3.0, 2.5), (0.25, -4.0)]
    opt, points = make_optimizer("adam", 0.01), np.array(starts)
    for _ in range(3000):
        points = opt.step(points, quadratic_grad(points))
    assert points.tolist() == [adam_on_floats(start, 3000) for start in starts]


def test_a_masked_adam_step_keeps_each_particles_own_bias_correction():
    """A particle stopped after 5 steps: the others' step counts go on, and so do their βᵗ."""
    opt, points = make_optimizer("adam", 0.01), np.array([(1.0, 1.0), (-3.0, 2.5)])
    for step in range(40):
        active = None if step < 5 else np.array([False, True])
        points = opt.step(points, quadratic_grad(points), active)
    assert points.tolist() == [adam_on_floats((1.0, 1.0), 5), adam_on_floats((-3.0, 2.5), 40)]
    assert opt.steps_taken.tolist() == [5, 40]
