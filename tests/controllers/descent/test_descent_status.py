"""The words of the status line, built on the core's numbers."""

import numpy as np
import pytest
from PySide6.QtCore import QThreadPool

from gdgui.controllers.descent.controller import DescentController
from gdgui.controllers.descent.status import explanation, swarm_lines
from gdgui.core.descent.functions import Minimum, get_function

UNBOUNDED = "f has no minimum here: it falls without bound"
CIRCLING = "circling a point where f has no gradient"


def _say(status, minimum=None, bound=0.5, lr=0.6, function="quadratic"):
    return explanation(status, minimum, (1.0, 2.0), get_function(function), bound, lr, 100, 1e-6)


def test_sentences_for_each_stop_reason():
    assert _say("converged", Minimum(3, 2, 0, True)) == "reached the minimum at (3, 2)"
    assert _say("converged", Minimum(1, 1, 2, False)) == "reached a local minimum at (1, 1)"
    assert "reached a local minimum at (1, 2)" in _say("converged", None)
    assert _say("plateau", function="easom") == (
        "the gradient vanished: the surface is flat here; try a start near (π, π)")
    assert _say("diverged") == ("γ is too large: each step overshoots further; "
                                "the stable range here is γ < 0.5")
    assert "grew without limit" in _say("diverged", lr=0.4)
    undefined = explanation("diverged", None, (-1, 0), get_function("quadratic"), None, 0.1, 100, 1e-6,
                            value=float("nan"))
    assert undefined.startswith("f is undefined or infinite here")
    assert "saddle" in _say("saddle")
    assert "used all 100 steps" in _say("max_steps")
    assert _say("running") == "walking downhill"
    rising = explanation("running", None, (0, 0), get_function("quadratic"), 0.5, 0.6, 100, 1e-6, rising=True)
    assert "overshoots" in rising


def test_swarm_lines_count_statuses_and_minima():
    lines = swarm_lines(["GD"], 12, {"running": 3, "converged": 5, "diverged": 1},
                        [(Minimum(3, 2, 0, True), 4), (Minimum(-1, 0, 0, True), 1)])
    assert lines[0].label == "9 particles" and lines[0].text == "GD · step 12"
    assert [line.status for line in lines[1:]] == ["running", "converged", "diverged"]
    assert lines[2].text == "converged: 4 at (3, 2), 1 at (−1, 0)"


@pytest.fixture
def controller(qtbot):
    descent = DescentController()
    for name in ("momentum", "adam"):
        descent.set_optimizer_checked(name, True)
    yield descent
    descent.pause()
    QThreadPool.globalInstance().waitForDone(10_000)


def _play_out(controller, max_steps=1500):
    controller.set_max_steps(max_steps)
    while not controller.record.run.finished:
        controller.step(100)
    return {line.label: line for line in controller.frame.status}


@pytest.mark.parametrize("formula", ["abs(x) + abs(y)", "abs(x) + 2*abs(y)"])
def test_momentum_and_adam_circling_a_kink_are_told_so_not_to_raise_gamma(controller, formula):
    controller.set_expression(formula)
    controller.step(300)
    history = controller.record.run.history
    for k, name in enumerate(("GD", "Momentum", "Adam")):
        # Checked on the path itself: near the origin, ‖∇f‖ never below 1, gradients cancelling out.
        points, grads = history[-32:, k, :2], history[-32:, k, 3:5]
        assert np.abs(points).max() < 1.5 and np.hypot(*grads.T).min() >= 1
        assert np.hypot(*grads.mean(axis=0)) < 0.5 * np.hypot(*grads.T).mean()
        line = next(line for line in controller.frame.status if line.label == name)
        assert line.status == "running" and CIRCLING in line.text, name
    for name, line in _play_out(controller).items():
        assert line.status == "max_steps" and CIRCLING in line.text, name
        assert "try a larger γ" not in line.text and "more steps or a larger γ will not help" in line.text


def test_adam_circling_ackleys_cusp_is_told_so(controller):
    controller.set_function("ackley")
    controller.set_start(0.3, 0.2)
    controller.set_lr(0.01)
    lines = _play_out(controller, 3000)
    assert lines["Adam"].status == "max_steps" and CIRCLING in lines["Adam"].text
    assert np.hypot(*controller.record.run.positions[2]) < 0.01  # within 0.01 of the cusp


@pytest.mark.parametrize("formula", ["x*y", "-x^2 - y^2", "x"])
def test_an_f_without_a_minimum_falls_without_bound_in_the_window(controller, formula):
    controller.set_expression(formula)
    for name, line in _play_out(controller).items():
        assert line.status in ("diverged", "max_steps") and line.text.startswith(f"{UNBOUNDED} — "), name
        assert "γ is too large" not in line.text
    f = controller.record.run.trajectory(0)[:, 2]  # GD's own rows, up to where it stopped
    assert f[-1] < f[-2] < f[-3] < f[0]


def test_a_too_large_gamma_on_the_bowl_is_still_blamed_on_gamma(controller):
    controller.set_lr(0.6)  # x² + 2y²: γ < 2/4 = 0.5 needed
    line = _play_out(controller)["GD"]
    assert line.status == "diverged" and "γ is too large" in line.text and UNBOUNDED not in line.text


def test_gd_bouncing_on_himmelblau_for_all_its_steps_is_told_to_lower_gamma(controller):
    controller.set_function("himmelblau")
    controller.set_lr(0.03)  # 2/λmax is 0.0122 at the start (−4, 3.5), 0.0149 at (−3.78, −3.28)
    line = _play_out(controller, 2000)["GD"]
    assert line.status == "max_steps"
    assert "γ is above the stable range γ < 0.0122, so the steps bounce; try a smaller γ" in line.text
