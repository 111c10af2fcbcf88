"""A frame's status sentences are written when first read (the status line reads them at most every
100 ms while a run plays): read after the run went on, they are the words of the frame's own step."""

import pytest

from gdgui.controllers.descent.controller import DescentController
from gdgui.controllers.descent.frame_data import StatusContext


@pytest.mark.parametrize("particles", [1, 30])  # a race's lines, a swarm's counts
def test_sentences_read_after_the_run_went_on_are_those_of_the_frames_step(qapp, particles):
    controller = DescentController()
    controller.apply_state({"function": "quadratic", "optimizers": ["gd", "adam"], "lr": 0.1,
                            "start": [3, -2], "particles": particles, "tol": 1e-4, "max_steps": 5000})
    controller.reset()
    controller.step(20)
    read_at_once, read_later = controller.frame, controller._record.frame(20, _context(controller))
    words = [(line.label, line.status, line.text) for line in read_at_once.status]
    controller.step(2000)  # gd converges meanwhile: its steps, status and minimum change in the run
    assert controller.frame.status != read_at_once.status  # the run did move on
    assert [(line.label, line.status, line.text) for line in read_later.status] == words
    assert all(line.status == "running" for line in read_later.status if line.status)


def _context(controller) -> StatusContext:
    s = controller.settings
    return StatusContext(s.lr, controller.stability.bound, s.recorded_steps(), s.tol, 0)
