"""Practice mode on the Descent controller: guess the next step's landing, and whether γ converges.

The landings are checked against plain GD's step worked by hand on the default f = x² + 2y²
(∇f = (2x, 4y)), and the convergence verdicts against 2/λmax = 2/4 = 0.5 (λmax = 4, by hand).
"""

import math

import pytest


@pytest.fixture
def practising(controller):
    """The default run (x² + 2y², plain GD, γ = 0.1 from (−4, 3.5)) in practice mode, messages kept."""
    controller.said = []
    controller.message.connect(controller.said.append)
    controller.practice.set_active(True)
    return controller


def test_a_guess_is_revealed_by_the_step_with_its_distance(practising):
    c, practice = practising, practising.practice
    assert practice.place_guess(-3.0, 2.0)
    c.step()
    # x − γ·2x = −4 − 0.1·(−8) = −3.2;  y − γ·4y = 3.5 − 0.1·14 = 2.1
    reveal = practice.reveal
    assert reveal.step == 1 and reveal.start == (-4.0, 3.5)
    assert reveal.landing == pytest.approx((-3.2, 2.1)) and reveal.gd_end == pytest.approx((-3.2, 2.1))
    assert reveal.distance == pytest.approx(math.hypot(0.2, 0.1))
    assert c.said[-1] == "Step 1 landed at (−3.2, 2.1): your guess was 0.2236 away. γ·∇f = (−0.8, 1.4) from (−4, 3.5)"


def test_the_step_arrow_is_plain_gd_while_momentum_lands_elsewhere(practising):
    c = practising
    c.set_optimizer_checked("momentum", True)
    c.set_optimizer_checked("gd", False)
    c.step()
    c.practice.place_guess(0.0, 0.0)
    c.step()
    reveal = c.practice.reveal
    x, y = reveal.start
    assert reveal.gd_end == pytest.approx((x - 0.1 * 2 * x, y - 0.1 * 4 * y))
    assert reveal.landing != pytest.approx(reveal.gd_end)  # momentum carries the first step's velocity


def test_a_guess_is_dropped_when_another_step_comes_on_show(practising):
    c = practising
    c.step()
    c.practice.place_guess(1.0, 1.0)
    c.seek(0)
    assert c.practice.guess is None and c.practice.reveal is None


def test_play_asks_first_then_says_who_was_right_and_why(practising):
    c, practice = practising, practising.practice
    c.play()
    assert not c.playing and c.said[-1] == "Practice: first answer — will γ = 0.1 converge? (Yes / No)"
    practice.answer_converges(False)
    c.play()
    assert c.playing
    c.pause()
    assert c.said[-1] == ("Not this time: you said γ does not converge; γ = 0.1 is below 2/λmax = 0.5, "
                          "so plain GD converges")
    c.set_lr(0.6)
    practice.answer_converges(False)
    c.reset()
    c.play()
    c.pause()
    assert c.said[-1].startswith("You were right: you said γ does not converge; γ = 0.6 is above 2/λmax = 0.5")


def test_an_answer_holds_for_its_own_gamma_only(practising):
    c = practising
    c.practice.answer_converges(True)
    c.set_lr(0.2)
    c.play()
    assert not c.playing and "will γ = 0.2 converge" in c.said[-1]


def test_outside_practice_play_and_clicks_are_as_before(controller):
    assert not controller.practice.place_guess(1.0, 1.0)
    controller.play()
    assert controller.playing
