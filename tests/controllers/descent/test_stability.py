"""The γ hint: plain GD's 2/λmax over where the run goes (the start and the minima), in words."""

import numpy as np
import pytest

from gdgui.controllers.descent.map import stability_text


def _himmelblau_hessian(x, y):
    """Himmelblau's Hessian: its gradient (4x(x² + y − 11) + 2(x + y² − 7), 2(x² + y − 11) +
    4y(x + y² − 7)) differentiated by hand."""
    return np.array([[12 * x * x + 4 * y - 42, 4 * x + 4 * y], [4 * x + 4 * y, 12 * y * y + 4 * x - 26]])


def _smallest_bound_at_himmelblaus_minima(controller):
    minima = controller.map_data.objective.minima
    return min(2 / np.linalg.eigvalsh(_himmelblau_hessian(m.x, m.y))[-1] for m in minima)


def test_the_bowl_is_stable_below_one_half_at_the_start_and_the_minimum(controller):
    # x² + 2y²: Hessian diag(2, 4) everywhere, λmax = 4: γ < 2/4 = 0.5.
    text = stability_text(controller.stability)
    assert text == "Plain GD is stable for γ < 2/λmax = 0.5 at the start; near the minima γ < 0.5."
    controller.set_lr(0.6)
    assert controller.stability.exceeded and stability_text(controller.stability).endswith(
        "γ is above it: plain GD will overshoot.")


def test_himmelblau_at_gamma_0_03_is_not_declared_safe_anywhere(controller):
    controller.set_function("himmelblau")
    controller.set_lr(0.03)
    bound = _smallest_bound_at_himmelblaus_minima(controller)
    assert bound == pytest.approx(0.014949, rel=1e-4) and bound < 0.03  # at (−3.78, −3.28)
    for start in [(-4, 3.5), (0, 0), (3.2, 2.1), (1, 1)]:
        controller.set_start(*start)
        assert controller.stability.exceeded, start
        assert controller.stability.bound <= bound * (1 + 1e-6)
        assert "overshoot" in stability_text(controller.stability)


def test_a_concave_start_gives_the_limit_near_the_minima(controller):
    controller.set_function("himmelblau")
    controller.set_start(0, 0)  # Hessian diag(−42, −26): f curves down in every direction
    controller.set_lr(0.01)
    bound = _smallest_bound_at_himmelblaus_minima(controller)
    text = stability_text(controller.stability)
    assert text.startswith("No limit here: at the start f curves down in every direction — ")
    assert f"near the minima γ < {bound:.3g} (at (−3.779, −3.283))" in text
    assert not controller.stability.exceeded and controller.stability.bound == pytest.approx(bound, rel=1e-6)


@pytest.mark.parametrize("start", [(-4, 3.5), (0, 3.5), (0, 0), (1e-9, 2), (2, -2)])
def test_abs_never_curves_down_in_every_direction(controller, start):
    controller.set_expression("abs(x) + abs(y)")
    controller.set_start(*start)
    text = stability_text(controller.stability)
    assert "curves down" not in text and text.startswith("No limit here: ")
    assert controller.stability.bound is None and not controller.stability.exceeded


def test_a_kink_at_the_minimum_sets_no_bound_and_says_so(controller):
    controller.set_function("ackley")
    # Ackley's only minimum is the cusp at (0, 0): the start's 2/λmax is the whole bound.
    assert controller.stability.bound == controller.stability.start.bound
    assert stability_text(controller.stability).endswith(
        "At the minimum (0, 0) f has a kink: plain GD circles it at any γ (closer for a smaller γ).")
