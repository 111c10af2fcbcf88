"""DescentController: stepping, stop reasons, races, live γ, the timeline, sessions, background jobs."""

import numpy as np
import pytest
from PySide6.QtCore import QThreadPool

from gdgui.controllers.descent.analysis import BASIN_GRID
from gdgui.controllers.descent.controller import DescentController
from gdgui.core.descent.functions import get_function
from gdgui.core.descent.lr_science import basins, lr_sweep
from gdgui.core.descent.stop_reasons import DIVERGED


@pytest.fixture
def controller(qtbot):
    descent = DescentController()
    descent.messages = []
    descent.message.connect(descent.messages.append)
    yield descent
    descent.pause()
    descent.analysis.clear_basins()
    descent.analysis.clear_sweep()
    QThreadPool.globalInstance().waitForDone(10_000)


def _run_until_stopped(controller, limit=5000):
    for _ in range(limit):
        if controller.record.run.finished:
            return
        controller.step()
    raise AssertionError("the run did not stop")


def test_step_advances_exactly_one_iteration(controller):
    controller.step()
    path = controller.frame.paths[0]
    assert controller.frame.step == 1 and len(path.xy) == 2
    # Plain GD on x² + 2y² from (−4, 3.5) with γ = 0.1: x ← x − 0.1·(2x, 4y) = (0.8x, 0.6y).
    np.testing.assert_allclose(path.xy[1], [-3.2, 2.1])


def test_quadratic_converges_with_gamma_0_1(controller):
    _run_until_stopped(controller)
    line = controller.frame.status[0]
    assert line.status == "converged"
    assert "reached the minimum at (0, 0)" in line.text


def test_quadratic_diverges_with_gamma_0_6_and_says_why(controller):
    controller.set_lr(0.6)
    _run_until_stopped(controller)
    line = controller.frame.status[0]
    assert line.status == "diverged"
    assert "γ is too large" in line.text and "γ < 0.5" in line.text
    assert controller.stability.bound == pytest.approx(0.5, rel=1e-6) and controller.stability.exceeded
    controller.step()  # a stopped run refuses politely, never raises
    assert "stopped" in controller.messages[-1]


def test_three_optimizers_race_from_one_start(controller):
    for name in ("momentum", "adam"):
        controller.set_optimizer_checked(name, True)
    for _ in range(5):
        controller.step()
    frame = controller.frame
    assert [p.name for p in frame.paths] == ["gd", "momentum", "adam"]
    assert [s.name for s in frame.loss] == ["gd", "momentum", "adam"]
    assert all(len(p.xy) == 6 and tuple(p.xy[0]) == (-4.0, 3.5) for p in frame.paths)
    assert len({p.xy[-1].tobytes() for p in frame.paths}) == 3  # three different walks


def test_changing_gamma_mid_run_keeps_the_path_and_applies_next_step(controller):
    for _ in range(3):
        controller.step()
    before = controller.frame.paths[0].xy.copy()
    controller.set_lr(0.05)
    assert controller.frame.step == 3
    controller.step()
    after = controller.frame.paths[0].xy
    np.testing.assert_array_equal(after[:4], before)
    x, y = before[-1]
    np.testing.assert_allclose(after[4], [x - 0.05 * 2 * x, y - 0.05 * 4 * y])


def test_scrubbing_shows_step_k_and_replays_forward(controller):
    for _ in range(10):
        controller.step()
    history = controller.record.run.history
    controller.seek(4)
    assert controller.frame.step == 4 and controller.frame.latest == 10
    np.testing.assert_array_equal(controller.frame.paths[0].current, history[4, 0, :2])
    assert len(controller.frame.paths[0].xy) == 5
    controller.step_back()
    assert controller.frame.step == 3
    controller.step()  # replays the recorded step, the run itself does not advance
    assert controller.frame.step == 4 and controller.record.latest == 10


def test_play_ticks_at_the_set_speed_and_stops_when_done(controller, qtbot):
    controller.set_speed(1000)
    with qtbot.waitSignal(controller.playing_changed, timeout=1000):
        controller.play()
    assert controller.playing
    qtbot.waitUntil(lambda: not controller.playing, timeout=5000)
    assert controller.record.run.finished


def test_tick_steps_in_proportion_to_speed(controller):
    controller.set_speed(500)
    controller.tick()  # 16 ms at 500 steps/s = 8 steps
    assert controller.frame.step == 8


def test_swarm_of_1000_particles_animates(controller):
    controller.apply_state({"function": "himmelblau", "lr": 0.01, "particles": 1000})
    for _ in range(3):
        controller.tick()
    frame = controller.frame
    assert frame.swarm and frame.step > 0
    moving = sum(len(points) for _, points in frame.swarm_data.running)
    stopped = sum(len(points) for points in frame.swarm_data.stopped.values())
    assert moving + stopped == 1000
    assert frame.status[0].label == "1,000 particles"


def test_moving_the_start_leaves_a_swarm_running(controller):
    controller.apply_state({"particles": 50})
    for _ in range(3):
        controller.step()
    controller.set_start(1.0, 1.0)
    assert controller.frame.step == 3 and controller.settings.start == (1.0, 1.0)
    assert "random points" in controller.messages[-1]


def test_new_random_start_takes_the_next_seed(controller):
    controller.new_random_start()
    first = controller.settings.start
    assert controller.settings.seed == 1
    controller.set_seed(0)
    controller.new_random_start()
    assert controller.settings.start == first  # the same seed gives the same start


def test_a_bad_formula_keeps_the_old_function(controller):
    failures = []
    controller.expression_failed.connect(lambda message, column: failures.append((message, column)))
    controller.set_expression("x^2 + * y")
    assert controller.settings.function == "quadratic"
    assert controller.map_data.objective.id == "quadratic"
    assert failures and failures[0][1] == 7
    controller.set_expression("x^2 + y^2")
    assert controller.settings.expression == "x^2 + y^2"


def test_state_round_trip_and_bad_state_left_untouched(controller):
    controller.apply_state({"function": "himmelblau", "optimizers": ["gd", "adam"], "lr": 0.01,
                            "start": [-1, -1], "hyper": {"adam": {"beta1": 0.8}}})
    state = controller.state_dict()
    assert state["function"] == "himmelblau" and state["optimizers"] == ["gd", "adam"]
    with pytest.raises(ValueError, match="lr"):
        controller.apply_state({**state, "lr": -1})
    with pytest.raises(ValueError, match="optimizers: unknown optimizer 'sgd'"):
        controller.apply_state({"optimizers": ["sgd"]})
    assert controller.state_dict() == state
    other = DescentController()
    other.apply_state(state)
    assert other.state_dict() == state


def test_a_rejected_widget_value_is_reported_not_raised(controller):
    controller.set_optimizer_checked("gd", False)  # the last one: refused
    assert controller.settings.optimizers == ("gd",)
    assert "check at least one optimizer" in controller.messages[-1]


def test_show_as_graph_sends_formula_and_current_point(controller, qtbot):
    controller.step()
    with qtbot.waitSignal(controller.graph_requested, timeout=1000) as blocker:
        controller.request_graph()
    assert blocker.args == ["x^2 + 2*y^2", {"x": -3.2, "y": pytest.approx(2.1)}]


def test_basin_map_off_thread_equals_core(controller, qtbot):
    controller.apply_state({"function": "himmelblau", "lr": 0.01, "max_steps": 300})
    with qtbot.waitSignal(controller.analysis.basins_changed, timeout=30_000) as blocker:
        controller.set_basins_shown(True)
    view = blocker.args[0]
    expected = basins(get_function("himmelblau"), "gd", 0.01, BASIN_GRID, 300)
    np.testing.assert_array_equal(view.basin_map.labels, expected.labels)


def test_basin_map_can_be_cancelled(controller, qtbot):
    controller.apply_state({"function": "himmelblau", "lr": 0.01})
    busy = []
    controller.analysis.basins_busy_changed.connect(busy.append)
    controller.set_basins_shown(True)
    controller.analysis.cancel_basins()
    assert busy == [True, False] and not controller.analysis.basins_busy


def test_sweep_off_thread_marks_the_diverging_range(controller, qtbot):
    with qtbot.waitSignal(controller.analysis.sweep_changed, timeout=30_000) as blocker:
        controller.compute_sweep()
    sweep = blocker.args[0]
    core = lr_sweep(get_function("quadratic"), "gd", (-4, 3.5), sweep.lrs, sweep.steps)
    assert np.isnan(sweep.gap[core.status == DIVERGED]).all()
    (low, high), = sweep.diverged_ranges
    assert 0.45 < low < 0.55 and high > 9  # GD on x² + 2y² diverges for γ > 0.5


def test_a_long_run_draws_a_bounded_number_of_points(controller):
    controller.apply_state({"tol": 0, "lr": 0.001, "max_steps": 20_000})
    controller.step(6_000)  # three times as many steps as are drawn
    frame = controller.frame
    history = controller.record.run.history
    assert len(history) == 6_001  # every step is kept...
    assert len(frame.paths[0].xy) <= 2000 and len(frame.loss[0].steps) <= 2000  # ...but not all drawn
    np.testing.assert_array_equal(frame.paths[0].xy[-1], history[-1, 0, :2])
    assert frame.loss[0].steps[-1] == 6_000
