"""The words of the status line, built on the core's numbers."""

from gdgui.controllers.descent.status import explanation, swarm_lines
from gdgui.core.descent.functions import Minimum, get_function


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
