"""The sidebar says how fast a run plays when its steps are too dear to keep the speed box's pace and
still draw 60 frames a second (``controllers/descent/pacing.py``); it says nothing while it keeps up.

The clock is a fake one (``StepClock``: a step moves it on by 1 ms); the beats are called by hand, and the event
loop is not run while the fake clock is in place, so the app's own timer beats nothing in between.
"""

import pytest

from gdgui.core.numbers import count
from tests.controllers.descent.test_playback_deadline import StepClock, _play, time_the_steps


@pytest.fixture
def descent(gui, monkeypatch):
    clock = StepClock()
    time_the_steps(clock, monkeypatch)
    controller = gui.descent
    monkeypatch.setattr(controller, "_clock", clock)
    monkeypatch.setattr(controller._pacer, "_clock", clock)
    controller.apply_state({"function": "himmelblau", "optimizers": ["gd"], "particles": 500, "lr": 0.001,
                            "tol": 0, "max_steps": 100_000, "speed": 1000})
    yield controller, clock
    controller.pause()


def _run_panel(gui):
    return gui.window.tabs.widget(0).sidebar.run_panel


def test_the_pace_kept_is_shown_under_the_speed_while_the_steps_are_too_dear(gui, descent):
    controller, clock = descent
    panel = _run_panel(gui)
    label = panel.pace_label
    assert not label.isVisibleTo(panel)
    clock.cost = 0.001
    periods = _play(controller, clock, 90, drawing_s=0.008)
    recent = periods[-round(1 / periods[-1][0]):]
    kept = sum(steps for _, steps in recent[1:]) / sum(period for period, _ in recent[1:])
    assert label.isVisibleTo(panel)
    shown = int(label.text().removeprefix("≈ ").removesuffix(" steps/s").replace(",", ""))
    assert shown % 10 == 0 and abs(shown - kept) <= 0.02 * kept + 5  # in tens, as measured here
    assert label.text() == f"≈ {count(shown)} steps/s" and "smooth" in label.toolTip()
    panel.layout().activate()
    rows = [panel.speed_spin.geometry(), label.geometry(), panel.max_steps_spin.geometry()]
    assert rows[0].bottom() < rows[1].top() and rows[1].bottom() < rows[2].top()
    assert label.width() >= label.fontMetrics().horizontalAdvance(label.text())  # not cut
    controller.pause()
    assert not label.isVisibleTo(panel)


def test_nothing_is_shown_while_the_run_keeps_the_speed(gui, descent):
    controller, clock = descent
    clock.cost = 0.00002
    paces = []
    controller.pace_changed.connect(paces.append)
    _play(controller, clock, 90, drawing_s=0.012)
    controller.pace_changed.disconnect(paces.append)
    assert paces == [] and not _run_panel(gui).pace_label.isVisibleTo(_run_panel(gui))

