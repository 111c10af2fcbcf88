"""Playback advances what the speed box says, however long a frame takes to draw.

The controller's clock is a fake one here: each beat of the timer is called by hand after moving
the clock on, so a slow frame (a late beat) is as deterministic as a fast one.
"""

import pytest
from PySide6.QtCore import QThreadPool

from gdgui.controllers.descent.controller import DescentController
from gdgui.controllers.descent.playback import CATCH_UP_S


class FakeClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def controller(qtbot, clock):
    descent = DescentController(clock=clock)
    descent.apply_state({"function": "himmelblau", "optimizers": ["gd", "momentum", "adam", "rmsprop"],
                         "lr": 0.001, "start": [0, 0], "tol": 0, "max_steps": 100_000})
    yield descent
    descent.pause()
    QThreadPool.globalInstance().waitForDone(10_000)


def _beats(controller, clock, gaps_ms) -> float:
    """The timer's beats after ``gaps_ms`` each; returns the seconds that passed."""
    for gap in gaps_ms:
        clock.now += gap / 1000
        controller.tick()
    return sum(gaps_ms) / 1000


@pytest.mark.parametrize("speed", [60, 1000])
@pytest.mark.parametrize("frame_ms", [16, 33, 58])
def test_steps_per_second_are_the_speed_whatever_a_frame_costs(controller, clock, speed, frame_ms):
    controller.set_speed(speed)
    controller.play()
    elapsed = _beats(controller, clock, [frame_ms] * 60)
    # the whole part of speed × time: a fraction of a step waits for the next beat
    assert controller.frame.step == int(speed * elapsed + 1e-9)
    assert controller.record.latest == controller.frame.step


def test_uneven_beats_add_up_to_the_speed(controller, clock):
    controller.set_speed(1000)
    controller.play()
    gaps = [16, 17, 40, 16, 90, 3, 16, 16, 70, 16]
    counts = []
    for gap in gaps:
        before = controller.frame.step
        _beats(controller, clock, [gap])
        counts.append(controller.frame.step - before)
    assert counts == [16, 17, 40, 16, 90, 3, 16, 16, 70, 16]  # a batch per frame, as long as the frame


def test_speed_60_at_a_beat_of_16_ms_makes_one_step_in_most_frames(controller, clock):
    controller.set_speed(60)
    controller.play()
    counts = []
    for _ in range(120):
        before = controller.frame.step
        _beats(controller, clock, [controller._timer.interval()])
        counts.append(controller.frame.step - before)
    assert sum(counts) == int(60 * 120 * controller._timer.interval() / 1000)
    assert set(counts) <= {1, 2}


def test_a_stall_is_caught_up_only_in_part(controller, clock):
    """After the window was dragged for 3 s, the run does not jump 3,000 steps in one frame."""
    controller.set_speed(1000)
    controller.play()
    _beats(controller, clock, [3000])
    assert controller.frame.step == round(1000 * CATCH_UP_S)


def test_time_paused_is_not_caught_up(controller, clock):
    controller.set_speed(1000)
    controller.play()
    _beats(controller, clock, [20])
    controller.pause()
    clock.now += 5
    controller.play()
    _beats(controller, clock, [20])
    assert controller.frame.step == 40


def test_scrubbed_back_playback_replays_at_the_speed_then_runs_on(controller, clock):
    controller.set_speed(1000)
    controller.play()
    _beats(controller, clock, [100] * 3)
    assert controller.record.latest == 300
    controller.seek(150)  # pauses
    controller.play()
    _beats(controller, clock, [100])
    assert (controller.frame.step, controller.record.latest) == (250, 300)  # replayed, nothing new run
    _beats(controller, clock, [100])
    assert (controller.frame.step, controller.record.latest) == (300, 300)  # the recorded end first
    _beats(controller, clock, [100])
    assert (controller.frame.step, controller.record.latest) == (400, 400)


def test_a_beat_without_playing_is_one_timer_interval(controller):
    controller.set_speed(500)
    controller.tick()
    assert controller.frame.step == 500 * controller._timer.interval() // 1000
