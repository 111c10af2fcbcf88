"""A beat's batch ends at its deadline when the steps are too dear to take them all and still draw
60 frames a second; the run then plays slower, and ``pace_changed`` says how fast.

The clock is a fake one, still but for what the test moves on: every step by ``cost`` (as it is asked
whether to go on), the summaries of a batch's rows (``RunRecord.advance``) by ``summing`` a step, and
each frame's drawing by the time the test moves it on between beats.
"""

import statistics

import numpy as np
import pytest
from PySide6.QtCore import QThreadPool

from gdgui.controllers.descent.controller import DescentController
from gdgui.controllers.descent.frame import RunRecord
from gdgui.controllers.descent.pacing import (
    FRAME_S,
    KEEPING_UP,
    LEAST_STEPPING_S,
    OVERRUN_SHARE,
    PACE_WINDOW_S,
    SMOOTH_AFTER_CUTS,
    Pacer,
)
from gdgui.controllers.descent.playback import FRAME_MS


class StepClock:
    def __init__(self):
        self.now, self.cost, self.spike, self.summing = 100.0, 0.0, 0.0, 0.0

    def __call__(self) -> float:
        return self.now

    def stepped(self) -> None:
        self.now += self.cost + self.spike
        self.spike = 0.0


def time_the_steps(clock: StepClock, monkeypatch) -> None:
    """Make every step of a paced batch move ``clock`` on by its ``cost``, and the batch's summaries by
    ``summing`` a step."""
    begin, advance = Pacer.begin, RunRecord.advance

    def timed_begin(pacer, now, late):
        more = begin(pacer, now, late)

        def after_a_step() -> bool:
            clock.stepped()
            return more()
        return after_a_step

    def summarized(record, steps, more=None):
        done = advance(record, steps, more)
        clock.now += clock.summing * done
        return done

    monkeypatch.setattr(Pacer, "begin", timed_begin)
    monkeypatch.setattr(RunRecord, "advance", summarized)


@pytest.fixture
def clock(monkeypatch):
    clock = StepClock()
    time_the_steps(clock, monkeypatch)
    return clock


@pytest.fixture
def controller(qtbot, clock):
    descent = DescentController(clock=clock)
    descent.apply_state({"function": "himmelblau", "optimizers": ["gd"], "particles": 200, "lr": 0.001,
                         "tol": 0, "max_steps": 100_000, "speed": 1000})
    yield descent
    descent.pause()
    QThreadPool.globalInstance().waitForDone(10_000)


def _play(controller, clock, beats: int, drawing_s: float) -> list[tuple[float, int]]:
    """``beats`` beats, each after ``drawing_s`` of drawing; (the beat's period, its steps) each."""
    controller.play()
    periods = []
    for _ in range(beats):
        before, start = controller.record.latest, clock.now
        clock.now += drawing_s
        controller.tick()
        periods.append((clock.now - start, controller.record.latest - before))
    return periods


def _steps_per_s(periods: list[tuple[float, int]]) -> float:
    """The steps a second over these beats."""
    return sum(steps for _, steps in periods) / sum(period for period, _ in periods)


def test_dear_steps_end_each_batch_where_the_frame_has_room_left_to_draw(controller, clock):
    clock.cost = 0.001  # a step of a big swarm on a slow computer
    periods = _play(controller, clock, 60, drawing_s=0.008)
    settled = periods[5:]
    # 16 steps a beat would be the speed's; 7 ms of the 15 are left after 8 ms of drawing (the estimate
    # of the drawing shrinks on time and is measured again when a beat is late, and where the deadline
    # falls on a step's end the clock's rounding decides: a step more or less)
    steps = statistics.median(steps for _, steps in settled)
    assert steps == pytest.approx(round((FRAME_S - 0.008) / clock.cost), abs=1)
    assert max(period for period, _ in settled) <= FRAME_S + 2 * clock.cost + 1e-9
    assert statistics.mean(period for period, _ in settled) <= 1 / 60


def test_the_pace_shown_is_the_steps_a_second_the_run_keeps(controller, clock, qtbot):
    clock.cost = 0.001
    paces, messages = [], []
    controller.pace_changed.connect(paces.append)
    controller.message.connect(messages.append)
    periods = _play(controller, clock, 120, drawing_s=0.008)
    recent = periods[-round(PACE_WINDOW_S / periods[-1][0]):]
    kept = _steps_per_s(recent[1:])
    assert controller.pace == pytest.approx(kept, rel=0.02) and controller.pace < KEEPING_UP * 1000
    assert paces[-1] == controller.pace and len(paces) <= 2 + 120 * periods[-1][0] / 0.25  # a few a second
    said = [text for text in messages if text.startswith("Playing at")]
    assert said == [f"Playing at ≈ {round(paces[0], -1):,.0f} steps/s, not the 1,000 asked: more steps would "
                    "leave too little of each 1/60 s to draw them smoothly"]  # once, as it starts
    with qtbot.waitSignal(controller.pace_changed) as paused:
        controller.pause()
    assert paused.args == [None] and controller.pace is None


@pytest.mark.parametrize("drawing_s", [0.012, 0.0145])
def test_a_drawing_near_a_frame_leaves_the_steps_what_is_left_and_the_frame_stays_smooth(controller, clock, drawing_s):
    """Steps of 0.5 ms at 1,000 steps/s: even 5 ms a frame does not keep the speed. Once that is seen
    (SMOOTH_AFTER_CUTS batches), a smooth picture comes first: the steps keep what the drawing leaves of the frame
    (up to the timer's 16 ms, as a beat on time lets the drawing's estimate shrink), and at least their
    least time (1 ms, and a step), however much slower the run then plays."""
    clock.cost = 0.0005
    periods = _play(controller, clock, 60, drawing_s=drawing_s)
    settled = periods[2 * SMOOTH_AFTER_CUTS:]
    least = max(LEAST_STEPPING_S, FRAME_S - drawing_s)
    steps = statistics.median(steps for _, steps in settled)
    assert least / clock.cost - 1 <= steps <= (FRAME_MS / 1000 - drawing_s) / clock.cost + 1
    assert statistics.mean(period for period, _ in settled) <= 1 / 60


def test_a_frame_a_little_longer_keeps_the_speed_where_that_is_enough(controller, clock):
    """A 1,000 swarm on a slow computer: 13 ms of drawing leave 2 ms of the frame, and the speed's 17
    steps a frame take 4.3 ms. The frame then stretches (55 frames a second or more) and the run keeps
    the speed, rather than play at half of it for a smooth frame."""
    clock.cost = 0.00025
    periods = _play(controller, clock, 120, drawing_s=0.013)
    settled = periods[10:]
    played = _steps_per_s(settled)
    assert played == pytest.approx(1000, rel=0.05) and controller.pace is None
    assert statistics.mean(period for period, _ in settled) <= 1 / 55


def test_a_moment_behind_does_not_give_up_the_speed(controller, clock):
    """The same 1,000 swarm, and the computer busy for eight frames once (steps four times as dear):
    those batches are cut short, and the run falls behind, but never far; after it, the run keeps the
    speed with the longer frames rather than play smooth at half of it."""
    clock.cost = 0.00025
    _play(controller, clock, 30, drawing_s=0.013)
    clock.cost = 0.001
    _play(controller, clock, 8, drawing_s=0.013)
    clock.cost = 0.00025
    periods = _play(controller, clock, 120, drawing_s=0.013)[-60:]
    played = _steps_per_s(periods)
    assert played == pytest.approx(1000, rel=0.05)


def test_a_drawing_slower_than_a_frame_leaves_the_steps_a_share_of_its_overrun(controller, clock):
    """60 frames a second are out of reach: the steps keep a third of what the drawing takes past a
    frame (45 ms: 10 ms), so a dear run still moves."""
    clock.cost = 0.001
    periods = _play(controller, clock, 30, drawing_s=0.045)
    stepping = statistics.median(steps * clock.cost for _, steps in periods[5:])
    assert stepping == pytest.approx(OVERRUN_SHARE * (0.045 - FRAME_S), abs=clock.cost)


def test_one_slow_step_is_made_up_for_by_the_next_beat(controller, clock):
    clock.cost = 0.00005  # 20 µs: the steps of a small swarm
    paces = []
    controller.pace_changed.connect(paces.append)
    controller.play()
    elapsed = 0.0
    for beat in range(60):
        clock.spike = 0.030 if beat == 20 else 0.0  # a step that took 30 ms (a page fault, the collector)
        start = clock.now
        clock.now += 0.010
        controller.tick()
        elapsed += clock.now - start
    assert controller.record.latest == pytest.approx(1000 * elapsed, abs=2)
    assert paces == [] and controller.pace is None  # it kept the speed: no pace to show


def test_a_drawing_that_got_cheaper_gives_the_steps_their_time_back(controller, clock):
    clock.cost = 0.001
    _play(controller, clock, 30, drawing_s=0.013)
    periods = _play(controller, clock, 120, drawing_s=0.004)
    assert periods[-1][1] == pytest.approx(round((FRAME_S - 0.004) / clock.cost), abs=1)  # a step more or less


def test_a_step_that_would_end_past_the_deadline_is_not_taken():
    """Steps of 6 ms and a frame's 15 ms: a third step would end at 18 ms and make the frame late."""
    now = [0.0]
    pacer = Pacer(lambda: now[0])
    more = pacer.begin(0.0, late=False)
    taken = 0
    while True:
        now[0] += 0.006
        taken += 1
        if not more():
            break
    assert taken == 2 and now[0] <= FRAME_S


def test_cheap_steps_are_never_cut(controller, clock):
    clock.cost = 0.00002
    periods = _play(controller, clock, 100, drawing_s=0.016)
    assert controller.record.latest == pytest.approx(1000 * sum(p for p, _ in periods), abs=1)
    assert controller.pace is None


def test_the_summaries_of_the_steps_count_against_the_deadline(controller, clock):
    """A swarm's medians (the loss plots' rows), taken after a batch, cost a step's time again here.
    The steps and their summaries share what the drawing leaves of the frame: the summaries taken for
    drawing would leave the steps that time and run past it (7 + 8 + 8 ms)."""
    clock.cost = clock.summing = 0.001
    periods = _play(controller, clock, 60, drawing_s=0.007)
    settled = periods[5:]
    assert statistics.median(steps for _, steps in settled) == pytest.approx(
        round((FRAME_S - 0.007) / (clock.cost + clock.summing)), abs=1)
    assert statistics.mean(period for period, _ in settled) <= FRAME_S + clock.cost + clock.summing
    np.testing.assert_array_equal(controller.record.series.values(0, np.arange(controller.record.latest + 1)),
                                  np.median(controller.record.run.history[:, :, 2], axis=1))
